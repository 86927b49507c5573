#include "app/cli.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    // Qt's GLib event dispatcher spends time proportional to the number of open sockets on
    // every notifier change, which swamps a server with thousands of viewers; use the plain
    // Unix one (docs/benchmarks.md). An explicit setting in the environment wins.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("scoreboard-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SCOREBOARD_VERSION));
    return scoreboard::server::runCommandLine();
}
