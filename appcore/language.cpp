#include "language.h"

#include "catalogue.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QQmlEngine>
#include <QSettings>
#include <QTranslator>

#include <memory>

using namespace Qt::StringLiterals;

namespace scoreboard::app {

namespace {

Q_LOGGING_CATEGORY(lcLanguage, "scoreboard.app.language", QtInfoMsg)

const QString kChoiceKey = u"ui/language"_s;

/// The installed translators: the apps' and Qt's own (standard buttons).
std::unique_ptr<QTranslator> g_apps;
std::unique_ptr<QTranslator> g_qt;

} // namespace

Language::Language(QObject *parent)
    : QObject(parent)
    , m_choice(QSettings().value(kChoiceKey).toString())
{
    if (!m_choice.isEmpty() && !translations::shippedLanguages().contains(m_choice))
        m_choice.clear();
}

Language *Language::instance()
{
    static Language *language = new Language(QCoreApplication::instance());
    return language;
}

Language *Language::create(QQmlEngine *engine, QJSEngine *)
{
    Language *language = instance();
    QJSEngine::setObjectOwnership(language, QJSEngine::CppOwnership);
    language->m_engine = engine;
    if (language->m_current.isEmpty())
        language->apply();
    return language;
}

QString Language::systemLanguage()
{
    const QStringList shipped = translations::shippedLanguages();
    for (const QString &wanted : QLocale::system().uiLanguages()) {
        const QString code = wanted.section(u'-', 0, 0).section(u'_', 0, 0).toLower();
        if (shipped.contains(code))
            return code;
    }
    return u"en"_s;
}

void Language::apply()
{
    install(m_choice.isEmpty() ? systemLanguage() : m_choice);
}

void Language::setChoice(const QString &choice)
{
    if (choice == m_choice || (!choice.isEmpty() && !translations::shippedLanguages().contains(choice)))
        return;
    m_choice = choice;
    QSettings().setValue(kChoiceKey, choice);
    apply();
}

void Language::install(const QString &language)
{
    const bool same = language == m_current;
    m_current = language;
    if (!same) {
        for (auto *translator : { g_apps.get(), g_qt.get() }) {
            if (translator)
                QCoreApplication::removeTranslator(translator);
        }
        g_apps.reset();
        g_qt.reset();
        if (const QString file = translations::translationFile(language); !file.isEmpty()) {
            g_apps = std::make_unique<QTranslator>();
            if (g_apps->load(file))
                QCoreApplication::installTranslator(g_apps.get());
            else
                qCWarning(lcLanguage) << "could not load" << file;
            g_qt = std::make_unique<QTranslator>();
            // Qt's own texts (e.g. the standard buttons) when Debian's qt6-translations-l10n is there.
            if (g_qt->load(QLocale(language), u"qt"_s, u"_"_s,
                    QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
                QCoreApplication::installTranslator(g_qt.get());
        }
        QLocale::setDefault(QLocale(language));
        qCInfo(lcLanguage) << "language:" << language;
        if (m_engine)
            m_engine->retranslate();
    }
    emit changed();
}

QVariantList Language::choices() const
{
    QVariantList list { QVariantMap { { u"code"_s, QString() },
        { u"name"_s, tr("System (%1)").arg(QLocale(systemLanguage()).nativeLanguageName()) } } };
    for (const QString &code : translations::shippedLanguages()) {
        QString name = QLocale(code).nativeLanguageName();
        if (code == u"en"_s)
            name = u"English"_s; // not "American English"
        list.append(QVariantMap { { u"code"_s, code }, { u"name"_s, name } });
    }
    return list;
}

} // namespace scoreboard::app
