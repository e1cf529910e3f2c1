#include "emulatorhost.h"

#include "dynamodbstore.h"

#include "cognitoidpservice.h"

namespace Gatehouse::Emulator {

EmulatorHost::EmulatorHost(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<Core::EmulatorInfo>();
    qRegisterMetaType<Core::Error>();
    qRegisterMetaType<Core::InvocationRecord>();
    qRegisterMetaType<Core::Aws::Credentials>();
    m_thread.setObjectName(QStringLiteral("gatehouse-emulator"));
    m_threadContext = new QObject;
    m_threadContext->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_threadContext, &QObject::deleteLater);
    m_thread.start();
}

EmulatorHost::~EmulatorHost()
{
    // Stopping kills the function workers; it must happen on the emulator's thread.
    QMetaObject::invokeMethod(
        m_threadContext, [this] {
            delete m_emulator;
            m_emulator = nullptr;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void EmulatorHost::start(const EmulatorOptions &options)
{
    QMetaObject::invokeMethod(m_threadContext, [this, options] {
        delete m_emulator;
        m_emulator = new Emulator(options, m_threadContext);
        connect(m_emulator, &Emulator::invocationFinished, this,
                &EmulatorHost::invocationFinished);
        DynamoStore *store = m_emulator->dynamoStore();
        connect(store, &DynamoStore::changed, this,
                [this, store](const QString &table) { emit tableItemCountChanged(table, store->itemCount(table)); });
        const Core::Result<Core::EmulatorInfo> result = m_emulator->start();
        if (result && m_emulator->cognito())
            connect(m_emulator->cognito(), &CognitoIdpService::codeSent, this,
                    &EmulatorHost::cognitoCodeSent);
        if (result) {
            emit signingCredentialsChanged(m_emulator->signingCredentials());
            emit started(result.value());
        }
        else
            emit failed(result.error());
    });
}

void EmulatorHost::stop()
{
    QMetaObject::invokeMethod(m_threadContext, [this] {
        if (m_emulator)
            m_emulator->stop();
        emit stopped();
    });
}

} // namespace Gatehouse::Emulator
