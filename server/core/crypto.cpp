#include "core/crypto.h"

#include <QtConcurrent/QtConcurrentRun>

#include <sodium.h>

namespace scoreboard::server::crypto {

bool initialize()
{
    return sodium_init() >= 0;
}

QByteArray randomBytes(int bytes)
{
    QByteArray out(bytes, Qt::Uninitialized);
    randombytes_buf(out.data(), size_t(out.size()));
    return out;
}

QString newToken()
{
    return QString::fromLatin1(
        randomBytes(32).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString newCode()
{
    return QStringLiteral("%1").arg(randombytes_uniform(1'000'000), 6, 10, QLatin1Char('0'));
}

QByteArray sha256Hex(QByteArrayView data)
{
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(out, reinterpret_cast<const unsigned char *>(data.data()),
        static_cast<unsigned long long>(data.size()));
    return QByteArray(reinterpret_cast<const char *>(out), sizeof out).toHex();
}

QByteArray hmacHex(QByteArrayView key, QByteArrayView data)
{
    crypto_auth_hmacsha256_state state;
    unsigned char out[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_init(
        &state, reinterpret_cast<const unsigned char *>(key.data()), size_t(key.size()));
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char *>(data.data()),
        static_cast<unsigned long long>(data.size()));
    crypto_auth_hmacsha256_final(&state, out);
    return QByteArray(reinterpret_cast<const char *>(out), sizeof out).toHex();
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    return sodium_memcmp(a.data(), b.data(), size_t(a.size())) == 0;
}

PasswordHasher::PasswordHasher(int opsLimit, int memoryMiB, int threads)
    : m_opsLimit(static_cast<unsigned long long>(opsLimit))
    , m_memoryBytes(size_t(memoryMiB) * 1024 * 1024)
{
    m_pool.setMaxThreadCount(threads);
    m_pool.setObjectName(QStringLiteral("password-hasher"));
    m_dummyHash = hashNow(QString::fromLatin1(randomBytes(16).toHex()));
}

PasswordHasher::~PasswordHasher()
{
    setPaused(false);
    m_pool.waitForDone();
}

void PasswordHasher::setPaused(bool paused)
{
    {
        const std::lock_guard lock(m_pauseMutex);
        m_paused = paused;
    }
    m_resumed.notify_all();
}

void PasswordHasher::waitWhilePaused()
{
    std::unique_lock lock(m_pauseMutex);
    m_resumed.wait(lock, [this] { return !m_paused; });
}

QString PasswordHasher::hashNow(const QString &password) const
{
    QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    const int rc
        = crypto_pwhash_str_alg(out, utf8.constData(), static_cast<unsigned long long>(utf8.size()),
            m_opsLimit, m_memoryBytes, crypto_pwhash_ALG_ARGON2ID13);
    sodium_memzero(utf8.data(), size_t(utf8.size()));
    if (rc != 0)
        return {};
    return QString::fromLatin1(out);
}

bool PasswordHasher::verifyNow(const QString &encodedHash, const QString &password) const
{
    const bool known = !encodedHash.isEmpty();
    const QByteArray stored = (known ? encodedHash : m_dummyHash).toLatin1();
    QByteArray utf8 = password.toUtf8();
    const int rc = crypto_pwhash_str_verify(
        stored.constData(), utf8.constData(), static_cast<unsigned long long>(utf8.size()));
    sodium_memzero(utf8.data(), size_t(utf8.size()));
    return known && rc == 0;
}

QFuture<QString> PasswordHasher::hash(const QString &password)
{
    ++m_queued;
    return QtConcurrent::run(&m_pool, [this, password] {
        waitWhilePaused();
        const QString hash = hashNow(password);
        --m_queued;
        return hash;
    });
}

QFuture<bool> PasswordHasher::verify(const QString &encodedHash, const QString &password)
{
    ++m_queued;
    return QtConcurrent::run(&m_pool, [this, encodedHash, password] {
        waitWhilePaused();
        const bool matches = verifyNow(encodedHash, password);
        --m_queued;
        return matches;
    });
}

} // namespace scoreboard::server::crypto
