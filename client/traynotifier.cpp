#include "traynotifier.h"

#include <QApplication>
#include <QGuiApplication>
#include <QIcon>
#include <QLoggingCategory>
#include <QSettings>
#include <QSystemTrayIcon>

using namespace Qt::StringLiterals;

namespace scoreboard::client {

namespace {

Q_LOGGING_CATEGORY(lcTray, "scoreboard.client.tray", QtInfoMsg)

const QString kEnabledKey = u"notifications/desktop"_s;

bool desktopHasTray()
{
    // QSystemTrayIcon needs the widgets' application object.
    return qobject_cast<QApplication *>(QCoreApplication::instance())
        && QSystemTrayIcon::isSystemTrayAvailable();
}

} // namespace

TrayNotifier::TrayNotifier(QObject *parent)
    : TrayNotifier(&desktopHasTray, parent)
{ }

TrayNotifier::TrayNotifier(TrayCheck trayAvailable, QObject *parent)
    : QObject(parent)
    , m_available(trayAvailable())
    , m_enabled(QSettings().value(kEnabledKey, true).toBool())
{ }

TrayNotifier::~TrayNotifier() = default;

void TrayNotifier::setEnabled(bool enabled)
{
    if (enabled == m_enabled)
        return;
    m_enabled = enabled;
    QSettings().setValue(kEnabledKey, enabled);
    emit enabledChanged();
}

bool TrayNotifier::notify(const QString &title, const QString &message)
{
    if (!m_available || !m_enabled)
        return false;
    if (!m_icon) {
        m_icon = std::make_unique<QSystemTrayIcon>();
        QIcon icon = QGuiApplication::windowIcon();
        if (icon.isNull())
            icon = QIcon::fromTheme(QCoreApplication::applicationName());
        m_icon->setIcon(icon);
        m_icon->setToolTip(QGuiApplication::applicationDisplayName());
        m_icon->show();
    }
    m_icon->showMessage(title, message, QSystemTrayIcon::Information, 6000);
    qCDebug(lcTray) << "notified the desktop";
    emit shown(title, message);
    return true;
}

} // namespace scoreboard::client
