// scoreboard-admin: the score-check console for staff. Everything lives in scoreboard_console_lib
// (C++) and the Scoreboard.Console / Scoreboard.Common QML modules; this only wires them together.
#include "appshell.h"
#include "consolesession.h"
#include "filewriter.h"

#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQmlEngineExtensionPlugin>

Q_IMPORT_QML_PLUGIN(Scoreboard_CommonPlugin)
Q_IMPORT_QML_PLUGIN(Scoreboard_ConsolePlugin)

using namespace Qt::StringLiterals;
using scoreboard::app::AppShell;
using scoreboard::console::ConsoleSession;
using scoreboard::console::FileWriter;

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    AppShell shell(app,
        { u"scoreboard-admin"_s, u"Scoreboard score check"_s,
            u"Scoreboard score check: the staff console for flags, reversals and the audit log."_s,
            QUrl(u"qrc:/qt/qml/Scoreboard/Console/Main.qml"_s) });
    const auto server = shell.parseCommandLine();
    if (!server)
        return 2;

    ConsoleSession session;
    if (!server->isEmpty())
        session.setServerUrl(*server);
    FileWriter files;
    qmlRegisterSingletonInstance("Scoreboard.App", 1, 0, "AppSession", &session);
    qmlRegisterSingletonInstance("Scoreboard.App", 1, 0, "AppFiles", &files);

    QQmlApplicationEngine engine;
    if (!shell.load(engine))
        return 1;
    session.connectToServer();
    return QGuiApplication::exec();
}
