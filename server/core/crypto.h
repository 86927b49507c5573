#pragma once

#include <QByteArray>
#include <QFuture>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <condition_variable>
#include <mutex>

/// @brief Secrets: random tokens and codes, keyed hashes, Argon2id password hashing (libsodium).
namespace scoreboard::server::crypto {

/// @brief Initialises libsodium; call once before anything else here. Returns false on failure.
bool initialize();

/// @brief @p bytes bytes from the operating system's CSPRNG.
QByteArray randomBytes(int bytes);
/// @brief A session token: 256 random bits, base64url without padding.
QString newToken();
/// @brief A one-time code: six decimal digits, uniformly distributed.
QString newCode();
/// @brief SHA-256 of @p data as lower-case hex (for high-entropy secrets such as tokens).
QByteArray sha256Hex(QByteArrayView data);
/// @brief HMAC-SHA256 of @p data under @p key as lower-case hex (for low-entropy secrets).
QByteArray hmacHex(QByteArrayView key, QByteArrayView data);
/// @brief Compares in time independent of where the inputs differ.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

/**
 * @brief Argon2id password hashing on a private thread pool, so hashing never runs on the
 * event loop. Results are delivered through QFuture (use `.then(context, ...)`).
 */
class PasswordHasher
{
public:
    /// @param opsLimit Argon2id time cost; @param memoryMiB memory cost in MiB.
    PasswordHasher(int opsLimit, int memoryMiB, int threads = 2);
    ~PasswordHasher();

    /// @brief Hashes @p password (libsodium's encoded string, parameters included).
    QFuture<QString> hash(const QString &password);
    /// @brief Verifies @p password against @p encodedHash. An empty hash verifies against a
    /// dummy hash so that unknown accounts cost the same time as known ones, and fails.
    QFuture<bool> verify(const QString &encodedHash, const QString &password);

    /// @brief Synchronous forms, for the command line and benchmarks.
    QString hashNow(const QString &password) const;
    bool verifyNow(const QString &encodedHash, const QString &password) const;

    /// @brief Hashes and verifications asked for and not finished yet (waiting or running);
    /// callers bound their queue with it.
    int queued() const { return m_queued.load(); }
    /// @brief While paused, no hash or verification starts (those running finish): tests fill
    /// the queue with it, as they stop the Clock.
    void setPaused(bool paused);

private:
    void waitWhilePaused();

    unsigned long long m_opsLimit;
    size_t m_memoryBytes;
    QString m_dummyHash;
    std::atomic<int> m_queued { 0 };
    std::mutex m_pauseMutex;
    std::condition_variable m_resumed;
    bool m_paused = false;
    QThreadPool m_pool;
};

} // namespace scoreboard::server::crypto
