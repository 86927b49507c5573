#include "cli.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("scoreboard-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SCOREBOARD_VERSION));
    return scoreboard::server::runCommandLine();
}
