#pragma once

#include "store/store.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>

namespace scoreboard::server {

/// @brief The outcome of work run on the store: a value, or the error that stopped it.
template<typename T> struct StoreResult
{
    std::optional<T> value;
    QString error;
    bool ok() const { return value.has_value(); }
};

/**
 * @brief Runs all database work on one dedicated thread so the event loop never waits on disk
 * or network I/O of the database.
 *
 * `run()` queues a function that receives the Store; its result (or the StoreError it threw)
 * comes back to @p done on the executor's own thread. The executor's thread owns the Store;
 * nothing else touches it.
 */
class StoreExecutor final : public QObject
{
    Q_OBJECT
public:
    using Factory = std::function<std::unique_ptr<Store>()>;

    explicit StoreExecutor(Factory factory, QObject *parent = nullptr);
    ~StoreExecutor() override;

    /// @brief Starts the thread, opens the store and migrates it; blocks until done (start-up
    /// only).
    bool start(QString *error);
    /// @brief Stops after the queued work has run.
    void stop();
    /// @brief Whether the most recent database operation succeeded.
    bool healthy() const { return m_healthy.load(); }
    /// @brief Whether other nodes may share the database (PostgreSQL).
    bool shared() const { return m_shared; }

signals:
    /// @brief The store reconnected after losing its database (emitted on the store thread).
    void recovered();

public:
    template<typename Work, typename Done> void run(Work work, Done done)
    {
        using R = std::invoke_result_t<Work, Store &>;
        using V = std::conditional_t<std::is_void_v<R>, std::monostate, R>;
        auto task = [this, work = std::move(work), done = std::move(done)]() mutable {
            StoreResult<V> result = runHere<R, V>(work);
            QMetaObject::invokeMethod(
                this,
                [result = std::move(result), done = std::move(done)]() mutable {
                    done(std::move(result));
                },
                Qt::QueuedConnection);
        };
        QMetaObject::invokeMethod(m_worker, std::move(task), Qt::QueuedConnection);
    }

    /// @brief Runs @p work on the store thread and waits for it (command-line tools, tests).
    template<typename Work> auto runAndWait(Work work)
    {
        using R = std::invoke_result_t<Work, Store &>;
        using V = std::conditional_t<std::is_void_v<R>, std::monostate, R>;
        StoreResult<V> result;
        QMetaObject::invokeMethod(
            m_worker, [&] { result = runHere<R, V>(work); }, Qt::BlockingQueuedConnection);
        return result;
    }

private:
    template<typename R, typename V, typename Work> StoreResult<V> runHere(Work &work)
    {
        StoreResult<V> result;
        if (!m_store) {
            result.error = QStringLiteral("the store is closed");
            return result;
        }
        try {
            if (m_needsRecovery) {
                const bool reconnected = m_store->recover();
                m_needsRecovery = false;
                if (reconnected)
                    emit recovered();
            }
            if constexpr (std::is_void_v<R>) {
                work(*m_store);
                result.value = std::monostate {};
            } else {
                result.value = work(*m_store);
            }
            m_healthy = true;
        } catch (const std::exception &e) {
            result.error = QString::fromUtf8(e.what());
            noteFailure(result.error);
        }
        return result;
    }
    void noteFailure(const QString &error);

    Factory m_factory;
    QThread m_thread;
    QObject *m_worker = nullptr;
    std::unique_ptr<Store> m_store;
    std::atomic_bool m_healthy { false };
    bool m_shared = false;
    bool m_needsRecovery = false; ///< store thread only
};

} // namespace scoreboard::server
