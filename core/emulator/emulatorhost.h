#pragma once

#include "emulator.h"

#include <QObject>
#include <QThread>

namespace Gatehouse::Emulator {

// Runs an Emulator on a thread of its own so the GUI thread never waits on it: starting,
// serving and stopping are reported by queued signals.
class EmulatorHost : public QObject
{
    Q_OBJECT
public:
    explicit EmulatorHost(QObject *parent = nullptr);
    ~EmulatorHost() override;

    void start(const EmulatorOptions &options);
    void stop();

signals:
    // Just before started(): the keys the emulator accepts, for in-process clients to sign
    // with (Emulator::signingCredentials); a signal of its own so EmulatorInfo never carries them.
    void signingCredentialsChanged(const Gatehouse::Core::Aws::Credentials &credentials);
    void started(const Gatehouse::Core::EmulatorInfo &info);
    void failed(const Gatehouse::Core::Error &error);
    void stopped();
    void invocationFinished(const Gatehouse::Core::InvocationRecord &record);
    // A Cognito user pool "mailed" a confirmation or password-reset code (the emulator has no
    // mail): what the person would find in their inbox.
    void cognitoCodeSent(const QString &poolId, const QString &username, const QString &destination,
                         const QString &code);
    // A DynamoDB call or an AppSync resolver changed a table: how many items it holds now.
    void tableItemCountChanged(const QString &tableName, qsizetype itemCount);

private:
    QThread m_thread;
    QObject *m_threadContext = nullptr; // lives on m_thread, owns the Emulator
    Emulator *m_emulator = nullptr;     // touched only on m_thread
};

} // namespace Gatehouse::Emulator
