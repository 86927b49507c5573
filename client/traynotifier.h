#pragma once

#include <QObject>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <memory>

class QSystemTrayIcon;

namespace scoreboard::client {

/**
 * @brief Desktop notifications for the player (being overtaken while the window is in the
 * background) through QSystemTrayIcon, where the desktop has a system tray. Without a tray, or
 * when the player turned them off in the settings (`enabled`, saved), notify() shows nothing; the
 * app's own banner still does.
 */
class TrayNotifier : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    /// The desktop has a system tray and the app can use it (a QApplication).
    Q_PROPERTY(bool available READ available CONSTANT)
    /// The player wants notifications (the setting `notifications/desktop`, default on).
    Q_PROPERTY(bool enabled READ enabled WRITE setEnabled NOTIFY enabledChanged)
public:
    /// @brief Whether a tray can be used now; the default asks QSystemTrayIcon (tests inject).
    using TrayCheck = std::function<bool()>;

    explicit TrayNotifier(QObject *parent = nullptr);
    TrayNotifier(TrayCheck trayAvailable, QObject *parent);
    ~TrayNotifier() override;

    bool available() const { return m_available; }
    bool enabled() const { return m_enabled; }
    void setEnabled(bool enabled);

    /// @brief Shows @p message under @p title from the tray icon when available and enabled;
    /// returns whether it was shown (then shown() follows).
    Q_INVOKABLE bool notify(const QString &title, const QString &message);

signals:
    void enabledChanged();
    /// @brief A notification went to the desktop.
    void shown(const QString &title, const QString &message);

private:
    bool m_available = false;
    bool m_enabled = true;
    std::unique_ptr<QSystemTrayIcon> m_icon; ///< made on the first notification
};

} // namespace scoreboard::client
