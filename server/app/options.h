#pragma once

#include "app/serverconfig.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace scoreboard::server {

/**
 * @brief One setting of the server, written once: the command line, the INI reader, `--help`,
 * the defaults and the packaged config all come from the table of these (serverOptions()).
 */
struct ServerOption
{
    /// @brief The INI key: the long option name, `limits/NAME` or `cheat/NAME` in a section.
    QString key;
    QString valueName; ///< shown in help, e.g. `ms` or `BURST:REFILL_MS`
    QString help; ///< one sentence, without the default
    bool onCommandLine = false; ///< also `--key VALUE` (sections and secrets never are)
    QString whenEmpty; ///< what an empty value means, shown as the default (e.g. `none`)
    QString example; ///< a valid value other than the default (docs and tests)
    /// @brief Parses and validates @p value into the config; the error message on failure.
    std::function<std::optional<QString>(ServerConfig &, const QString &value)> apply;
    /// @brief The setting's value in @p config as it would be written in the INI file.
    std::function<QString(const ServerConfig &)> read;

    /// @brief The INI section (`limits`, `cheat`), empty for the general one.
    QString section() const;
    /// @brief The key without its section.
    QString name() const;
    /// @brief The default as a person reads it: the value of a default-constructed ServerConfig,
    /// or whenEmpty.
    QString defaultText() const;
};

/// @brief Every setting, in the order of the help text and the packaged config.
const QList<ServerOption> &serverOptions();

/// @brief The option with INI key @p key, or null.
const ServerOption *findServerOption(const QString &key);

/// @brief Applies @p value to the setting @p key; the error message on failure (an unknown key
/// too).
std::optional<QString> applyServerOption(
    ServerConfig &config, const QString &key, const QString &value);

} // namespace scoreboard::server
