// scoreboard-admin: the score-check console for staff. Everything lives in scoreboard_console_lib
// and scoreboard_appcore (C++) and the Scoreboard.Console / Scoreboard.Common QML modules; this
// only names the app and its session.
#include "appshell.h"
#include "consolesession.h"

#include <QQmlEngineExtensionPlugin>

Q_IMPORT_QML_PLUGIN(Scoreboard_AppCorePlugin)
Q_IMPORT_QML_PLUGIN(Scoreboard_ConsoleCorePlugin)
Q_IMPORT_QML_PLUGIN(Scoreboard_CommonPlugin)
Q_IMPORT_QML_PLUGIN(Scoreboard_ConsolePlugin)

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    return scoreboard::app::AppShell::run(argc, argv,
        { u"scoreboard-admin"_s, u"Scoreboard score check"_s,
            u"Scoreboard score check: the staff console for flags, reversals and the audit log."_s,
            QUrl(u"qrc:/qt/qml/Scoreboard/Console/Main.qml"_s) },
        [] { return std::make_unique<scoreboard::console::ConsoleSession>(); });
}
