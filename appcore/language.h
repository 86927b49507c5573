#pragma once

#include <QObject>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

class QJSEngine;
class QQmlEngine;

namespace scoreboard::app {

/**
 * @brief The apps' language: the system's when it is one the apps ship (German, else English),
 * or the one chosen in the settings (saved as `ui/language`). Choosing one installs its
 * translation (the apps' and Qt's own), sets the default locale for numbers and dates, and makes
 * every qsTr() of the running QML be read again. One per app, a QML singleton (`Language`).
 */
class Language : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    /// "" (follow the system) or a shipped language's code ("en", "de").
    Q_PROPERTY(QString choice READ choice WRITE setChoice NOTIFY changed)
    /// The language in effect ("en" or "de").
    Q_PROPERTY(QString current READ current NOTIFY changed)
    /// [{code, name}]: "" (the system's) first, then each shipped language in its own name.
    Q_PROPERTY(QVariantList choices READ choices NOTIFY changed)
public:
    /// @brief The app's instance (made on first use).
    static Language *instance();
    /// @brief For the QML engine: the app's instance, which then retranslates that engine.
    static Language *create(QQmlEngine *engine, QJSEngine *);

    QString choice() const { return m_choice; }
    void setChoice(const QString &choice);
    QString current() const { return m_current; }
    QVariantList choices() const;

    /// @brief Installs the language of the saved choice (at start-up, before any QML is made).
    void apply();
    /// @brief The shipped language the system's UI languages ask for first ("en" if none).
    static QString systemLanguage();

signals:
    void changed();

private:
    explicit Language(QObject *parent = nullptr);
    void install(const QString &language);

    QString m_choice;
    QString m_current;
    QQmlEngine *m_engine = nullptr;
};

} // namespace scoreboard::app
