#pragma once

namespace scoreboard::server {

/**
 * @brief The whole `scoreboard-server` program: parses the command line, then serves or runs a
 * subcommand. Needs a QCoreApplication. Returns the process exit code.
 */
int runCommandLine();

} // namespace scoreboard::server
