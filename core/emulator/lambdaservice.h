#pragma once

#include "core/invocationrecord.h"
#include "core/result.h"
#include "functionconfig.h"
#include "httpresponder.h"
#include "lambdainvoker.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <memory>
#include <vector>

namespace Gatehouse::Emulator {

class WorkerLauncher;

// Runs function code for real, the way Lambda does: warm worker processes per function that
// fetch invocations over the Runtime API, with Lambda's limits, timeouts, errors and logs.
// Invocations beyond a function's concurrency (default 10, a new AWS account's quota) wait
// in a FIFO queue until a worker is free. Lives on one thread; call it from that thread.
class LambdaService : public QObject, public LambdaInvoker
{
    Q_OBJECT

public:
    static constexpr qsizetype MaxRequestPayload = 6291456;  // Invoke request limit (6 MB)
    static constexpr qsizetype MaxResponsePayload = 6291556; // as Lambda's error message says

    explicit LambdaService(QObject *parent = nullptr);
    ~LambdaService() override;

    // Replaces the function set; running workers are stopped first.
    void setFunctions(const QList<FunctionConfig> &functions);
    QList<FunctionConfig> functions() const;
    // host:port the workers reach the emulator at, e.g. "127.0.0.1:4577".
    void setRuntimeApiAuthority(const QString &hostPort);
    void setRegion(const QString &region);
    void setAccountId(const QString &accountId);
    void setMaxConcurrency(int perFunction);

    // Reserved concurrency of a function, all its versions together (PutFunctionConcurrency):
    // synchronous invocations beyond it are throttled (429), 0 throttles every one. -1: none;
    // the function shares the account's unreserved pool.
    void setReservedConcurrency(const QString &functionName, int reserved);
    int reservedConcurrency(const QString &functionName) const
    {
        return m_reserved.value(functionName, -1);
    }
    int totalReservedConcurrency() const { return m_reservedTotal; }
    // The account's quota (tests make it small); unreserved functions share what reservations
    // leave of it and are throttled beyond that.
    void setAccountConcurrency(int limit) { m_accountConcurrency = limit; }
    int accountConcurrency() const { return m_accountConcurrency; }
    // Synchronous invocations of a function (any version) accepted and not yet finished.
    int inFlight(const QString &functionName) const { return m_syncInFlight.value(functionName); }

    QString functionArn(const QString &functionName) const;
    bool hasFunction(const QString &functionName) const
    {
        return m_functions.contains(functionName);
    }
    // Live workers of a function (busy or idle).
    int workerCount(const QString &functionName) const;

    // A new function's $LATEST (CreateFunction).
    void addFunction(const FunctionConfig &config);
    // $LATEST's new code or configuration: idle workers stop now, busy ones after their
    // invocation, so the next invocation starts a worker with the new settings.
    void updateFunction(const FunctionConfig &config);

    // A published version as its own entry "name:version" (functionName in InvokeRequest),
    // running `snapshot`'s code in its own warm workers; results carry the version.
    void addVersion(const QString &functionName, const QString &version,
                    const FunctionConfig &snapshot);
    // Stops the version's workers (running invocations fail) and forgets it.
    void removeVersion(const QString &functionName, const QString &version);
    // The same for a function's $LATEST entry.
    void removeFunction(const QString &functionName);

    void invoke(const InvokeRequest &request, QObject *context,
                std::function<void(const InvokeResult &)> done) override;

    // InvocationType Event: queued and run in the background; after a function error or a
    // timeout it runs again once per delay (Lambda: about 1, then 2 minutes). Returns the
    // request id every attempt shares, as on Lambda.
    QString invokeEvent(InvokeRequest request);
    void setEventRetryDelays(const QList<int> &delaysMs) { m_eventRetryDelaysMs = delaysMs; }
    QList<int> eventRetryDelays() const { return m_eventRetryDelaysMs; }
    // Answers requests under /_runtime/; returns false (and answers nothing) for other paths.
    bool handleRuntimeRequest(const Core::HttpRequest &request, HttpResponder responder);
    // Kills every worker; queued and running invocations fail with a ServiceException.
    void shutdown();

signals:
    void invocationFinished(const Gatehouse::Core::InvocationRecord &record);

private:
    struct Invocation;
    struct Worker;
    struct Function;
    // How an invocation ended, for the record and the log.
    struct Outcome
    {
        QString status; // InvocationRecord::status
        QString errorMessage;
        QByteArray extraLog;     // lines between the handler's output and END
        QByteArray reportStatus; // appended to REPORT, e.g. "Status: timeout"
    };

    void stop(Function *function);
    void dispatch(Function *function);
    Core::Result<void> spawnWorker(Function *function);
    void assign(Worker *worker, std::unique_ptr<Invocation> invocation);
    void onNext(Worker *worker, HttpResponder responder);
    void onResponse(Worker *worker, const Core::HttpRequest &request, HttpResponder responder);
    void onError(Worker *worker, const Core::HttpRequest &request, HttpResponder responder);
    void onInitError(Worker *worker, const Core::HttpRequest &request, HttpResponder responder);
    void onTimeout(const QByteArray &workerId);
    void onWorkerFinished(const QByteArray &workerId, const QString &exitDescription);
    void failQueuedHead(Function *function, Worker *worker, const QString &errorType,
                        const QByteArray &document, const QString &message, const QString &status);
    void complete(Worker *worker, InvokeResult result, const Outcome &outcome);
    void finish(std::unique_ptr<Invocation> invocation, InvokeResult result,
                const Outcome &outcome);
    void retire(Worker *worker);
    void runEvent(const InvokeRequest &request, int attempt);
    void reject(const InvokeRequest &request, QObject *context,
                std::function<void(const InvokeResult &)> done, Core::Error error,
                const QString &throttleReason = {});
    // Counts a synchronous invocation against its function's concurrency; Lambda's throttle
    // reason when there is none left.
    QString admit(const QString &functionName, Invocation &invocation);

    QHash<QString, std::shared_ptr<Function>> m_functions;
    QHash<QByteArray, Worker *> m_workers;
    QString m_authority = QStringLiteral("127.0.0.1:4577");
    QString m_region = QStringLiteral("us-east-1");
    QString m_accountId = QStringLiteral("123456789012");
    int m_maxConcurrency = 10;
    QList<int> m_eventRetryDelaysMs = {60 * 1000, 120 * 1000};
    QHash<QString, int> m_reserved;     // function name -> reserved concurrency
    int m_reservedTotal = 0;
    int m_accountConcurrency = AccountConcurrency;
    QHash<QString, int> m_syncInFlight; // function name -> synchronous invocations in flight
    int m_unreservedInFlight = 0;
    std::unique_ptr<WorkerLauncher> m_launcher;
};

} // namespace Gatehouse::Emulator
