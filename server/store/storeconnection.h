#pragma once

#include <QString>

#include <functional>
#include <stdexcept>

namespace scoreboard::server {

class Store;

/// @brief A database failure; the message is safe to log (never holds secrets).
class StoreError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/**
 * @brief The connection-level part of the Store: connecting, the schema version, recovery,
 * notifications between nodes, the shared key fingerprint and transactions.
 */
class StoreConnection
{
public:
    virtual ~StoreConnection();

    /// @brief Connects and brings the schema to the newest version.
    virtual void open() = 0;
    /// @brief Schema version after open().
    virtual int schemaVersion() = 0;
    /// @brief Cheap round trip that fails when the database is unreachable.
    virtual void ping() = 0;
    /// @brief After a failure: checks the connection and, if it is lost, connects again
    /// (re-subscribing to notifications) and returns true. Throws StoreError while the
    /// database is unreachable.
    virtual bool recover() = 0;
    /**
     * @brief Whether other nodes may share this database (PostgreSQL). Only then do changes
     * notify other nodes, and does listen() deliver their notifications.
     */
    virtual bool shared() const = 0;
    /**
     * @brief Delivers, on the store's thread, the cluster notifications of other nodes to
     * @p handler (with this store, to read what changed). Does nothing for an unshared store.
     */
    virtual void listen(std::function<void(Store &, const QString &payload)> handler) = 0;
    /**
     * @brief Records @p fingerprint as the database's key fingerprint unless one is recorded
     * already; returns the recorded one (all nodes of one database must use the same key).
     */
    virtual QString claimKeyFingerprint(const QString &fingerprint) = 0;
    /// @brief Runs @p work in one write transaction; rolls back and rethrows if it throws.
    virtual void transaction(const std::function<void()> &work) = 0;
};

} // namespace scoreboard::server
