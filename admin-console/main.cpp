// scoreboard-admin: the score-check console for staff. Everything lives in scoreboard_console_lib
// and scoreboard_appcore (C++) and the Scoreboard.Console / Scoreboard.Common QML modules; this
// only wires them together.
#include "appshell.h"
#include "consolesession.h"

#include <QQmlApplicationEngine>
#include <QQmlEngineExtensionPlugin>

Q_IMPORT_QML_PLUGIN(Scoreboard_AppCorePlugin)
Q_IMPORT_QML_PLUGIN(Scoreboard_ConsoleCorePlugin)
Q_IMPORT_QML_PLUGIN(Scoreboard_CommonPlugin)
Q_IMPORT_QML_PLUGIN(Scoreboard_ConsolePlugin)

using namespace Qt::StringLiterals;
using scoreboard::app::AppShell;
using scoreboard::console::ConsoleSession;

int main(int argc, char *argv[])
{
    AppShell shell(argc, argv,
        { u"scoreboard-admin"_s, u"Scoreboard score check"_s,
            u"Scoreboard score check: the staff console for flags, reversals and the audit log."_s,
            QUrl(u"qrc:/qt/qml/Scoreboard/Console/Main.qml"_s) });
    const auto server = shell.parseCommandLine();
    if (!server)
        return 2;

    ConsoleSession session;
    if (!server->isEmpty())
        session.setServerUrl(*server);

    QQmlApplicationEngine engine;
    if (!shell.load(engine, { { u"session"_s, QVariant::fromValue(&session) } }))
        return 1;
    session.connectToServer();
    return shell.exec();
}
