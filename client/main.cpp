// scoreboard-client: the players' desktop app. Everything lives in scoreboard_client_lib and
// scoreboard_appcore (C++) and the Scoreboard.Client / Scoreboard.Common QML modules; this only
// wires them together.
#include "appshell.h"
#include "session.h"

#include <QQmlApplicationEngine>
#include <QQmlEngineExtensionPlugin>

Q_IMPORT_QML_PLUGIN(Scoreboard_AppCorePlugin)
Q_IMPORT_QML_PLUGIN(Scoreboard_ClientCorePlugin)
Q_IMPORT_QML_PLUGIN(Scoreboard_CommonPlugin)
Q_IMPORT_QML_PLUGIN(Scoreboard_ClientPlugin)

using namespace Qt::StringLiterals;
using scoreboard::app::AppShell;
using scoreboard::client::Session;

int main(int argc, char *argv[])
{
    AppShell shell(argc, argv,
        { u"scoreboard-client"_s, u"Scoreboard"_s,
            u"Scoreboard: the players' app for the live scoreboard."_s,
            QUrl(u"qrc:/qt/qml/Scoreboard/Client/Main.qml"_s) });
    const auto server = shell.parseCommandLine();
    if (!server)
        return 2;

    Session session;
    if (!server->isEmpty())
        session.setServerUrl(*server);

    QQmlApplicationEngine engine;
    if (!shell.load(engine, { { u"session"_s, QVariant::fromValue(&session) } }))
        return 1;
    session.connectToServer();
    return shell.exec();
}
