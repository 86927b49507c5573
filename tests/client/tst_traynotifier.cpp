// The player's desktop notifications (client::TrayNotifier): shown only where the desktop has a
// tray and the player wants them; the choice is saved.
#include "traynotifier.h"

#include <QApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSystemTrayIcon>
#include <QtTest>

using namespace Qt::StringLiterals;
using scoreboard::client::TrayNotifier;

class tst_TrayNotifier : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // the settings go to a test folder
        QCoreApplication::setOrganizationName(u"ScoreboardTests"_s);
        QCoreApplication::setApplicationName(u"tst_traynotifier"_s);
    }
    void init() { QSettings().clear(); }

    void showsWhenTheDesktopHasATray()
    {
        TrayNotifier tray([] { return true; }, nullptr);
        QVERIFY(tray.available());
        QVERIFY(tray.enabled()); // on by default
        QSignalSpy shown(&tray, &TrayNotifier::shown);
        QVERIFY(tray.notify(u"Overtaken"_s, u"Zoe overtook you: you are now #3."_s));
        QCOMPARE(shown.count(), 1);
        QCOMPARE(shown.at(0).at(1).toString(), u"Zoe overtook you: you are now #3."_s);
    }

    void showsNothingWithoutATray()
    {
        TrayNotifier tray([] { return false; }, nullptr);
        QVERIFY(!tray.available());
        QSignalSpy shown(&tray, &TrayNotifier::shown);
        QVERIFY(!tray.notify(u"Overtaken"_s, u"Bob overtook you"_s));
        QCOMPARE(shown.count(), 0);
    }

    void theChoiceIsSavedAndHonoured()
    {
        {
            TrayNotifier tray([] { return true; }, nullptr);
            QSignalSpy changed(&tray, &TrayNotifier::enabledChanged);
            tray.setEnabled(false);
            QCOMPARE(changed.count(), 1);
            QSignalSpy shown(&tray, &TrayNotifier::shown);
            QVERIFY(!tray.notify(u"Overtaken"_s, u"Bob overtook you"_s));
            QCOMPARE(shown.count(), 0);
        }
        TrayNotifier again([] { return true; }, nullptr); // the next start remembers it
        QVERIFY(!again.enabled());
        again.setEnabled(true);
        QVERIFY(TrayNotifier([] { return true; }, nullptr).enabled());
    }

    void theAppsOwnCheckNeedsAWidgetsApplication()
    {
        // The real check: this test runs a QApplication on the offscreen platform, which has no
        // tray; a QGuiApplication would never have one.
        QVERIFY(qobject_cast<QApplication *>(QCoreApplication::instance()));
        TrayNotifier tray;
        QCOMPARE(tray.available(), QSystemTrayIcon::isSystemTrayAvailable());
    }
};

QTEST_MAIN(tst_TrayNotifier)
#include "tst_traynotifier.moc"
