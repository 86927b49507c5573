#include "store/storeexecutor.h"
#include "store/logging.h"

namespace scoreboard::server {

StoreExecutor::StoreExecutor(Factory factory, QObject *parent)
    : QObject(parent)
    , m_factory(std::move(factory))
{
    m_thread.setObjectName(QStringLiteral("store"));
}

StoreExecutor::~StoreExecutor()
{
    stop();
}

bool StoreExecutor::start(QString *error)
{
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    QString failure;
    QMetaObject::invokeMethod(
        m_worker,
        [&] {
            try {
                m_store = m_factory();
                m_store->open();
                m_shared = m_store->shared();
                m_healthy = true;
            } catch (const std::exception &e) {
                failure = QString::fromUtf8(e.what());
                m_store.reset();
            }
        },
        Qt::BlockingQueuedConnection);
    if (!failure.isEmpty()) {
        stop();
        if (error)
            *error = failure;
        return false;
    }
    return true;
}

void StoreExecutor::stop()
{
    if (!m_thread.isRunning())
        return;
    QMetaObject::invokeMethod(
        m_worker, [this] { m_store.reset(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    m_worker = nullptr;
}

void StoreExecutor::noteFailure(const QString &error)
{
    m_healthy = false;
    m_needsRecovery = true;
    qCWarning(lcStore) << "database operation failed:" << error;
}

} // namespace scoreboard::server
