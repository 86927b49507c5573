// scoreboard-client: the players' desktop app. Everything lives in scoreboard_client_lib and
// scoreboard_appcore (C++) and the Scoreboard.Client / Scoreboard.Common QML modules; this only
// names the app and its session.
#include "appshell.h"
#include "session.h"

#include <QQmlEngineExtensionPlugin>

Q_IMPORT_QML_PLUGIN(Scoreboard_AppCorePlugin)
Q_IMPORT_QML_PLUGIN(Scoreboard_ClientCorePlugin)
Q_IMPORT_QML_PLUGIN(Scoreboard_CommonPlugin)
Q_IMPORT_QML_PLUGIN(Scoreboard_ClientPlugin)

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    return scoreboard::app::AppShell::run(argc, argv,
        { u"scoreboard-client"_s, u"Scoreboard"_s,
            u"Scoreboard: the players' app for the live scoreboard."_s,
            QUrl(u"qrc:/qt/qml/Scoreboard/Client/Main.qml"_s) },
        [] { return std::make_unique<scoreboard::client::Session>(); });
}
