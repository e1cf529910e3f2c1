#include "lambdaservice.h"

#include "runtimeapi.h"
#include "workerlauncher.h"
#include "workerprocess.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>
#include <QUuid>
#include <cmath>
#include <deque>

namespace Gatehouse::Emulator {

struct LambdaService::Invocation
{
    InvokeRequest request;
    QString requestId;
    QByteArray requestIdBytes;
    QPointer<QObject> context;
    bool hadContext = false;
    std::function<void(const InvokeResult &)> done;
    QString countedAs;       // the function whose in-flight count this invocation holds
    bool unreserved = false; // and the account's unreserved pool's
    QElapsedTimer clock;
    QByteArray log;
};

struct LambdaService::Worker
{
    QByteArray id;
    Function *function = nullptr;
    WorkerProcess *process = nullptr;
    std::unique_ptr<QTimer> timer;
    HttpResponder next;
    bool polling = false;     // a /next long poll is waiting for an invocation
    bool initialised = false; // the runtime reached its first /next
    bool initFailed = false;
    bool reportInit = false; // the next REPORT line carries Init Duration
    double initDurationMs = 0;
    QElapsedTimer sinceSpawn;
    std::unique_ptr<Invocation> current;
    int generation = 0; // the function's generation it was started with
};

struct LambdaService::Function
{
    FunctionConfig config;
    QString arn;
    QString version = QStringLiteral("$LATEST");
    int generation = 0; // bumped by updateFunction; older workers retire when idle
    std::vector<std::unique_ptr<Worker>> workers;
    std::deque<std::unique_ptr<Invocation>> queue;
};

namespace {

QByteArray randomHex(int digits)
{
    static const char hex[] = "0123456789abcdef";
    QByteArray out(digits, '0');
    for (int i = 0; i < digits; ++i)
        out[i] = hex[QRandomGenerator::global()->bounded(16)];
    return out;
}

QByteArray millis(double ms)
{
    return QByteArray::number(ms, 'f', 2);
}

// Lambda's REPORT line; since August 2025 a cold start's Init Duration is billed too.
QByteArray reportLine(const QByteArray &requestId, double durationMs, double initMs, int memoryMb,
                      int maxUsedMb, const QByteArray &status)
{
    const qint64 hundredths =
        std::llround(durationMs * 100) + std::llround(qMax(initMs, 0.0) * 100);
    const qint64 billed = (hundredths + 99) / 100;
    QByteArray line = "REPORT RequestId: " + requestId + "\tDuration: " + millis(durationMs) +
                      " ms\tBilled Duration: " + QByteArray::number(billed) +
                      " ms\tMemory Size: " + QByteArray::number(memoryMb) +
                      " MB\tMax Memory Used: " + QByteArray::number(maxUsedMb) + " MB\t";
    if (initMs >= 0)
        line += "Init Duration: " + millis(initMs) + " ms\t";
    if (!status.isEmpty())
        line += status + '\t';
    return line + '\n';
}

QString isoNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

} // namespace

LambdaService::LambdaService(QObject *parent)
    : QObject(parent)
    , m_launcher(std::make_unique<WorkerLauncher>())
{}

LambdaService::~LambdaService()
{
    shutdown();
}

void LambdaService::setFunctions(const QList<FunctionConfig> &functions)
{
    shutdown();
    m_functions.clear();
    m_reserved.clear();
    m_reservedTotal = 0;
    for (const FunctionConfig &config : functions) {
        setReservedConcurrency(config.name, config.reservedConcurrency);
        auto function = std::make_shared<Function>();
        function->config = config;
        function->arn = functionArn(config.name);
        m_functions.insert(config.name, function);
    }
}

QList<FunctionConfig> LambdaService::functions() const
{
    QList<FunctionConfig> out;
    for (const auto &function : m_functions) {
        if (function->version == QLatin1String("$LATEST"))
            out.append(function->config);
    }
    return out;
}

void LambdaService::setRuntimeApiAuthority(const QString &hostPort)
{
    m_authority = hostPort;
}

void LambdaService::setRegion(const QString &region)
{
    m_region = region;
    for (auto it = m_functions.cbegin(); it != m_functions.cend(); ++it)
        it.value()->arn = functionArn(it.key());
}

void LambdaService::setAccountId(const QString &accountId)
{
    m_accountId = accountId;
    for (auto it = m_functions.cbegin(); it != m_functions.cend(); ++it)
        it.value()->arn = functionArn(it.key());
}

void LambdaService::setMaxConcurrency(int perFunction)
{
    m_maxConcurrency = qMax(1, perFunction);
}

void LambdaService::setReservedConcurrency(const QString &functionName, int reserved)
{
    m_reservedTotal -= qMax(0, m_reserved.value(functionName, 0));
    if (reserved < 0) {
        m_reserved.remove(functionName);
    } else {
        m_reserved.insert(functionName, reserved);
        m_reservedTotal += reserved;
    }
    // More room may let queued events run.
    for (const auto &function : std::as_const(m_functions)) {
        if (function->config.name == functionName)
            dispatch(function.get());
    }
}

QString LambdaService::admit(const QString &functionName, Invocation &invocation)
{
    const int reserved = m_reserved.value(functionName, -1);
    const int running = m_syncInFlight.value(functionName);
    if (reserved >= 0 && running >= reserved)
        return QStringLiteral("ReservedFunctionConcurrentInvocationLimitExceeded");
    if (reserved < 0 && m_unreservedInFlight >= m_accountConcurrency - m_reservedTotal)
        return QStringLiteral("ConcurrentInvocationLimitExceeded");
    ++m_syncInFlight[functionName];
    invocation.countedAs = functionName;
    invocation.unreserved = reserved < 0;
    if (invocation.unreserved)
        ++m_unreservedInFlight;
    return {};
}

QString LambdaService::functionArn(const QString &functionName) const
{
    return QStringLiteral("arn:aws:lambda:%1:%2:function:%3")
        .arg(m_region, m_accountId, functionName);
}

int LambdaService::workerCount(const QString &functionName) const
{
    const auto function = m_functions.value(functionName);
    return function ? static_cast<int>(function->workers.size()) : 0;
}

void LambdaService::invoke(const InvokeRequest &request, QObject *context,
                           std::function<void(const InvokeResult &)> done)
{
    const auto found = m_functions.constFind(request.functionName);
    if (found == m_functions.constEnd()) {
        Core::Error error =
            Core::makeError(Core::ErrorCode::NotFound, QStringLiteral("Function not found: ") +
                                                           functionArn(request.functionName));
        error.httpStatus = 404;
        error.awsCode = QStringLiteral("ResourceNotFoundException");
        reject(request, context, std::move(done), std::move(error));
        return;
    }
    if (request.payload.size() > MaxRequestPayload) {
        Core::Error error = Core::makeError(
            Core::ErrorCode::InvalidArgument,
            QStringLiteral("Request must be smaller than %1 bytes for the InvokeFunction operation")
                .arg(MaxRequestPayload));
        error.httpStatus = 413;
        error.awsCode = QStringLiteral("RequestEntityTooLargeException");
        reject(request, context, std::move(done), std::move(error));
        return;
    }
    auto invocation = std::make_unique<Invocation>();
    invocation->request = request;
    invocation->requestId = request.requestId.isEmpty()
                                ? QUuid::createUuid().toString(QUuid::WithoutBraces)
                                : request.requestId;
    invocation->requestIdBytes = invocation->requestId.toLatin1();
    invocation->context = context;
    invocation->hadContext = context != nullptr;
    invocation->done = std::move(done);
    Function *function = found->get();
    if (!request.asynchronous) {
        if (const QString reason = admit(function->config.name, *invocation); !reason.isEmpty()) {
            const int reserved = reservedConcurrency(function->config.name);
            Core::Error error = Core::makeError(
                Core::ErrorCode::Service,
                reserved >= 0
                    ? QStringLiteral("Rate Exceeded. %1 is running %2 invocations, its reserved "
                                     "concurrency; try again when one has finished, or raise it "
                                     "with PutFunctionConcurrency.")
                          .arg(function->config.name)
                          .arg(reserved)
                    : QStringLiteral("Rate Exceeded. The account's %1 concurrent executions "
                                     "left unreserved are in use; try again when one has "
                                     "finished.")
                          .arg(m_accountConcurrency - m_reservedTotal));
            error.httpStatus = 429;
            error.awsCode = QStringLiteral("TooManyRequestsException");
            error.retryable = true;
            reject(request, invocation->context, std::move(invocation->done), std::move(error),
                   reason);
            return;
        }
    }
    function->queue.push_back(std::move(invocation));
    dispatch(function);
}

QString LambdaService::invokeEvent(InvokeRequest request)
{
    if (request.requestId.isEmpty())
        request.requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    request.asynchronous = true;
    runEvent(request, 0);
    return request.requestId;
}

void LambdaService::runEvent(const InvokeRequest &request, int attempt)
{
    InvokeRequest run = request;
    if (attempt > 0)
        run.source += QStringLiteral(", retry %1 of %2").arg(attempt).arg(m_eventRetryDelaysMs.size());
    invoke(run, this, [this, request, attempt](const InvokeResult &result) {
        const bool functionFailed = !result.error.isError() && !result.functionError.isEmpty();
        if (!functionFailed || attempt >= m_eventRetryDelaysMs.size())
            return;
        QTimer::singleShot(m_eventRetryDelaysMs.at(attempt), this, [this, request, attempt] {
            if (hasFunction(request.functionName))
                runEvent(request, attempt + 1);
        });
    });
}

bool LambdaService::handleRuntimeRequest(const Core::HttpRequest &request, HttpResponder responder)
{
    if (!RuntimeApi::isRuntimePath(request.path))
        return false;
    const RuntimeApi::Route route = RuntimeApi::parse(request.path);
    if (route.endpoint == RuntimeApi::Endpoint::Invalid) {
        responder.send(
            RuntimeApi::errorResponse(404, QStringLiteral("InvalidPath"),
                                      QStringLiteral("No Runtime API endpoint at this path")));
        return true;
    }
    if (request.method != route.method) {
        Core::HttpResponse response = RuntimeApi::errorResponse(
            405, QStringLiteral("MethodNotAllowed"),
            QStringLiteral("Use %1 here").arg(QLatin1String(route.method)));
        response.headers.add("Allow", route.method);
        responder.send(response);
        return true;
    }
    Worker *worker = m_workers.value(route.workerId);
    if (!worker) {
        responder.send(
            RuntimeApi::errorResponse(403, QStringLiteral("InvalidWorker"),
                                      QStringLiteral("This worker has stopped or never existed")));
        return true;
    }
    switch (route.endpoint) {
    case RuntimeApi::Endpoint::Next:
        onNext(worker, responder);
        break;
    case RuntimeApi::Endpoint::InitError:
        onInitError(worker, request, responder);
        break;
    case RuntimeApi::Endpoint::Response:
    case RuntimeApi::Endpoint::Error:
        if (!worker->current || worker->current->requestIdBytes != route.requestId) {
            responder.send(RuntimeApi::errorResponse(400, QStringLiteral("InvalidRequestID"),
                                                     QStringLiteral("Invalid request ID")));
            break;
        }
        if (route.endpoint == RuntimeApi::Endpoint::Response)
            onResponse(worker, request, responder);
        else
            onError(worker, request, responder);
        break;
    case RuntimeApi::Endpoint::Invalid:
        break;
    }
    return true;
}

void LambdaService::shutdown()
{
    for (const auto &function : std::as_const(m_functions))
        stop(function.get());
}

void LambdaService::addVersion(const QString &functionName, const QString &version,
                               const FunctionConfig &snapshot)
{
    const QString key = functionName + QLatin1Char(':') + version;
    removeVersion(functionName, version);
    auto function = std::make_shared<Function>();
    function->config = snapshot;
    function->config.name = functionName;
    function->version = version;
    function->arn = functionArn(key);
    m_functions.insert(key, function);
}

void LambdaService::addFunction(const FunctionConfig &config)
{
    removeFunction(config.name);
    auto function = std::make_shared<Function>();
    function->config = config;
    function->arn = functionArn(config.name);
    m_functions.insert(config.name, function);
    setReservedConcurrency(config.name, config.reservedConcurrency);
}

void LambdaService::updateFunction(const FunctionConfig &config)
{
    const auto function = m_functions.value(config.name);
    if (!function)
        return;
    function->config = config;
    ++function->generation;
    dispatch(function.get());
}

void LambdaService::removeVersion(const QString &functionName, const QString &version)
{
    const auto function = m_functions.take(functionName + QLatin1Char(':') + version);
    if (function)
        stop(function.get());
}

void LambdaService::removeFunction(const QString &functionName)
{
    setReservedConcurrency(functionName, -1);
    const auto function = m_functions.take(functionName);
    if (function)
        stop(function.get());
}

void LambdaService::stop(Function *function)
{
    Core::Error stopped =
        Core::makeError(Core::ErrorCode::Cancelled,
                        QStringLiteral("The emulator stopped before the invocation finished."));
    stopped.httpStatus = 500;
    stopped.awsCode = QStringLiteral("ServiceException");
    std::vector<std::unique_ptr<Invocation>> failed;
    for (auto &worker : function->workers) {
        if (worker->current)
            failed.push_back(std::move(worker->current));
    }
    for (auto &queued : function->queue)
        failed.push_back(std::move(queued));
    function->queue.clear();
    while (!function->workers.empty())
        retire(function->workers.back().get());
    for (auto &invocation : failed) {
        InvokeResult result;
        result.error = stopped;
        result.error.requestId = invocation->requestId;
        finish(std::move(invocation), std::move(result),
               {QStringLiteral("Rejected"), stopped.message});
    }
}

void LambdaService::dispatch(Function *function)
{
    for (size_t i = 0; i < function->workers.size();) {
        Worker *worker = function->workers[i].get();
        if (worker->generation != function->generation && !worker->current) {
            retire(worker); // erases it: the next worker is now at i
            continue;
        }
        ++i;
    }
    auto &queue = function->queue;
    for (auto &worker : function->workers) {
        if (queue.empty())
            return;
        if (worker->current || !worker->polling || worker->initFailed ||
            worker->generation != function->generation)
            continue;
        if (!worker->next.isOpen()) {
            worker->polling = false;
            continue;
        }
        std::unique_ptr<Invocation> invocation = std::move(queue.front());
        queue.pop_front();
        assign(worker.get(), std::move(invocation));
    }
    qsizetype upcoming = 0;
    for (const auto &worker : function->workers) {
        if (!worker->current && !worker->polling && !worker->initFailed)
            ++upcoming;
    }
    const int reserved = reservedConcurrency(function->config.name);
    const int cap = reserved >= 0 ? reserved : m_maxConcurrency;
    while (qsizetype(queue.size()) > upcoming && int(function->workers.size()) < cap) {
        const Core::Result<void> spawned = spawnWorker(function);
        if (spawned) {
            ++upcoming;
            continue;
        }
        failQueuedHead(function, nullptr, QStringLiteral("Runtime.InvalidEntrypoint"), {},
                       spawned.error().message, QStringLiteral("InitError"));
    }
}

Core::Result<void> LambdaService::spawnWorker(Function *function)
{
    auto worker = std::make_unique<Worker>();
    worker->id = randomHex(16);
    worker->function = function;
    worker->generation = function->generation;
    const QString runtimeApi =
        m_authority + QStringLiteral("/_runtime/") + QString::fromLatin1(worker->id);
    const Core::Result<WorkerProcess::Spec> spec =
        m_launcher->spec(function->config, {runtimeApi, m_region, function->version});
    if (!spec)
        return spec.error();
    worker->process = new WorkerProcess(this);
    const Core::Result<void> started = worker->process->start(*spec);
    if (!started) {
        delete worker->process;
        return started.error();
    }
    const QByteArray id = worker->id;
    worker->timer = std::make_unique<QTimer>();
    worker->timer->setSingleShot(true);
    worker->timer->setTimerType(Qt::PreciseTimer);
    connect(worker->timer.get(), &QTimer::timeout, this, [this, id] { onTimeout(id); });
    connect(worker->process, &WorkerProcess::finished, this,
            [this, id](const QString &exitDescription) { onWorkerFinished(id, exitDescription); });
    worker->sinceSpawn.start();
    m_workers.insert(id, worker.get());
    function->workers.push_back(std::move(worker));
    return {};
}

void LambdaService::assign(Worker *worker, std::unique_ptr<Invocation> invocation)
{
    const FunctionConfig &config = worker->function->config;
    invocation->log = worker->process->takeOutput();
    invocation->log += "START RequestId: " + invocation->requestIdBytes +
                       " Version: " + worker->function->version.toUtf8() + '\n';
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    RuntimeApi::NextEvent event;
    event.requestId = invocation->requestIdBytes;
    event.deadlineMs = now + qint64(config.timeoutSeconds) * 1000;
    const QString &invoked = invocation->request.invokedArn;
    event.invokedFunctionArn = (invoked.isEmpty() ? worker->function->arn : invoked).toUtf8();
    event.traceId = RuntimeApi::newTraceId(now);
    event.clientContext = invocation->request.clientContext;
    event.cognitoIdentity = invocation->request.cognitoIdentity;
    event.payload = invocation->request.payload;
    invocation->clock.start();
    worker->timer->start(config.timeoutSeconds * 1000);
    worker->polling = false;
    worker->current = std::move(invocation);
    std::exchange(worker->next, HttpResponder()).send(RuntimeApi::nextResponse(event));
}

void LambdaService::onNext(Worker *worker, HttpResponder responder)
{
    if (!worker->initialised) {
        worker->initialised = true;
        worker->reportInit = true;
        worker->initDurationMs = worker->sinceSpawn.nsecsElapsed() / 1e6;
    }
    worker->next = responder;
    worker->polling = true;
    dispatch(worker->function);
}

void LambdaService::onResponse(Worker *worker, const Core::HttpRequest &request,
                               HttpResponder responder)
{
    Function *function = worker->function;
    InvokeResult result;
    if (request.body.size() > MaxResponsePayload) {
        const QString type = QStringLiteral("Function.ResponseSizeTooLarge");
        const QString message = QStringLiteral("Response payload size (%1 bytes) exceeded maximum "
                                               "allowed payload size (%2 bytes).")
                                    .arg(request.body.size())
                                    .arg(MaxResponsePayload);
        responder.send(RuntimeApi::errorResponse(413, type, message));
        result.payload = RuntimeApi::errorDocument(type, message);
        result.functionError = QStringLiteral("Unhandled");
        result.errorType = type;
        complete(worker, std::move(result),
                 {QStringLiteral("Unhandled"),
                  message,
                  {},
                  "Status: error\tError Type: " + type.toUtf8()});
    } else {
        responder.send(RuntimeApi::accepted());
        result.payload = request.body;
        complete(worker, std::move(result), {QStringLiteral("Success"), {}, {}, {}});
    }
    dispatch(function);
}

void LambdaService::onError(Worker *worker, const Core::HttpRequest &request,
                            HttpResponder responder)
{
    Function *function = worker->function;
    const RuntimeApi::ReportedError reported = RuntimeApi::parseReportedError(request);
    responder.send(RuntimeApi::accepted());
    InvokeResult result;
    result.payload = reported.document;
    result.functionError = QStringLiteral("Unhandled");
    result.errorType = reported.errorType;
    complete(worker, std::move(result),
             {QStringLiteral("Unhandled"), reported.errorMessage, {}, {}});
    dispatch(function);
}

void LambdaService::onInitError(Worker *worker, const Core::HttpRequest &request,
                                HttpResponder responder)
{
    Function *function = worker->function;
    const RuntimeApi::ReportedError reported = RuntimeApi::parseReportedError(request);
    responder.send(RuntimeApi::accepted());
    worker->initFailed = true;
    worker->polling = false;
    failQueuedHead(function, worker, reported.errorType, reported.document, reported.errorMessage,
                   QStringLiteral("InitError"));
    retire(worker);
    dispatch(function);
}

void LambdaService::onTimeout(const QByteArray &workerId)
{
    Worker *worker = m_workers.value(workerId);
    if (!worker || !worker->current)
        return;
    Function *function = worker->function;
    worker->process->kill();
    const QString seconds = QString::number(function->config.timeoutSeconds, 'f', 2);
    const QString requestId = worker->current->requestId;
    const QString type = QStringLiteral("Sandbox.Timedout");
    const QString message = QStringLiteral("RequestId: %1 Error: Task timed out after %2 seconds")
                                .arg(requestId, seconds);
    InvokeResult result;
    result.payload = RuntimeApi::platformErrorDocument(type, message);
    result.functionError = QStringLiteral("Unhandled");
    result.errorType = type;
    const QByteArray line = QStringLiteral("%1 %2 Task timed out after %3 seconds\n")
                                .arg(isoNow(), requestId, seconds)
                                .toUtf8();
    complete(worker, std::move(result),
             {QStringLiteral("Timeout"), message, line, "Status: timeout"});
    retire(worker);
    dispatch(function);
}

void LambdaService::onWorkerFinished(const QByteArray &workerId, const QString &exitDescription)
{
    Worker *worker = m_workers.value(workerId);
    if (!worker)
        return;
    Function *function = worker->function;
    const QString type = QStringLiteral("Runtime.ExitError");
    if (worker->current) {
        const QString message = QStringLiteral("RequestId: %1 Error: Runtime exited with error: %2")
                                    .arg(worker->current->requestId, exitDescription);
        InvokeResult result;
        result.payload = RuntimeApi::platformErrorDocument(type, message);
        result.functionError = QStringLiteral("Unhandled");
        result.errorType = type;
        complete(worker, std::move(result),
                 {QStringLiteral("Crashed"), message,
                  (message + QLatin1Char('\n') + type + QLatin1Char('\n')).toUtf8(),
                  "Status: error\tError Type: " + type.toUtf8()});
    } else if (!worker->initialised && !worker->initFailed) {
        failQueuedHead(function, worker, type, {},
                       QStringLiteral("Runtime exited with error: ") + exitDescription,
                       QStringLiteral("InitError"));
    }
    retire(worker);
    dispatch(function);
}

void LambdaService::failQueuedHead(Function *function, Worker *worker, const QString &errorType,
                                   const QByteArray &document, const QString &message,
                                   const QString &status)
{
    if (function->queue.empty())
        return;
    std::unique_ptr<Invocation> invocation = std::move(function->queue.front());
    function->queue.pop_front();
    InvokeResult result;
    result.functionError = QStringLiteral("Unhandled");
    result.errorType = errorType;
    QString text = message;
    if (document.isEmpty()) {
        text = QStringLiteral("RequestId: %1 Error: %2").arg(invocation->requestId, message);
        result.payload = RuntimeApi::platformErrorDocument(errorType, text);
    } else {
        result.payload = document;
    }
    const QByteArray id = invocation->requestIdBytes;
    QByteArray &log = invocation->log;
    if (worker)
        log += worker->process->takeOutput();
    log += "START RequestId: " + id + " Version: " + function->version.toUtf8() + '\n';
    result.executedVersion = function->version;
    if (document.isEmpty())
        log += text.toUtf8() + '\n' + errorType.toUtf8() + '\n';
    log += "END RequestId: " + id + "\n";
    log += reportLine(id, 0, worker ? worker->sinceSpawn.nsecsElapsed() / 1e6 : -1,
                      function->config.memoryMb, worker ? worker->process->peakMemoryMb() : 0,
                      "Status: error\tError Type: " + errorType.toUtf8());
    result.requestId = invocation->requestId;
    result.log = log;
    finish(std::move(invocation), std::move(result), {status, text, {}, {}});
}

void LambdaService::complete(Worker *worker, InvokeResult result, const Outcome &outcome)
{
    std::unique_ptr<Invocation> invocation = std::move(worker->current);
    worker->timer->stop();
    const double durationMs = invocation->clock.nsecsElapsed() / 1e6;
    const QByteArray &id = invocation->requestIdBytes;
    QByteArray &log = invocation->log;
    log += worker->process->takeOutput();
    if (!log.isEmpty() && !log.endsWith('\n'))
        log += '\n';
    log += outcome.extraLog;
    log += "END RequestId: " + id + "\n";
    log += reportLine(id, durationMs, worker->reportInit ? worker->initDurationMs : -1,
                      worker->function->config.memoryMb, worker->process->peakMemoryMb(),
                      outcome.reportStatus);
    worker->reportInit = false;
    result.durationMs = durationMs;
    result.requestId = invocation->requestId;
    result.executedVersion = worker->function->version;
    result.log = log;
    finish(std::move(invocation), std::move(result), outcome);
}

void LambdaService::finish(std::unique_ptr<Invocation> invocation, InvokeResult result,
                           const Outcome &outcome)
{
    if (!invocation->countedAs.isEmpty()) {
        if (--m_syncInFlight[invocation->countedAs] <= 0)
            m_syncInFlight.remove(invocation->countedAs);
        if (invocation->unreserved)
            --m_unreservedInFlight;
    }
    Core::InvocationRecord record;
    record.finishedAtMs = QDateTime::currentMSecsSinceEpoch();
    record.functionName = invocation->request.functionName;
    record.requestId = invocation->requestId;
    record.source = invocation->request.source;
    record.durationMs = result.durationMs;
    record.status = outcome.status;
    record.errorType = result.error.isError() ? result.error.awsCode : result.errorType;
    record.errorMessage = result.error.isError() ? result.error.message : outcome.errorMessage;
    emit invocationFinished(record);

    if (invocation->hadContext && !invocation->context)
        return;
    QObject *target = invocation->context ? invocation->context.data() : this;
    QMetaObject::invokeMethod(
        target,
        [done = std::move(invocation->done), result = std::move(result)] {
            if (done)
                done(result);
        },
        Qt::QueuedConnection);
}

void LambdaService::retire(Worker *worker)
{
    m_workers.remove(worker->id);
    worker->timer->stop();
    WorkerProcess *process = worker->process;
    disconnect(process, nullptr, this, nullptr);
    if (process->isRunning()) {
        process->kill();
        connect(process, &WorkerProcess::finished, process, &QObject::deleteLater);
    } else {
        process->deleteLater();
    }
    auto &workers = worker->function->workers;
    workers.erase(
        std::find_if(workers.begin(), workers.end(),
                     [worker](const std::unique_ptr<Worker> &w) { return w.get() == worker; }));
}

void LambdaService::reject(const InvokeRequest &request, QObject *context,
                           std::function<void(const InvokeResult &)> done, Core::Error error,
                           const QString &throttleReason)
{
    auto invocation = std::make_unique<Invocation>();
    invocation->request = request;
    invocation->requestId = request.requestId.isEmpty()
                                ? QUuid::createUuid().toString(QUuid::WithoutBraces)
                                : request.requestId;
    invocation->context = context;
    invocation->hadContext = context != nullptr;
    invocation->done = std::move(done);
    InvokeResult result;
    error.requestId = invocation->requestId;
    result.error = std::move(error);
    result.throttleReason = throttleReason;
    result.requestId = invocation->requestId;
    finish(std::move(invocation), std::move(result), {QStringLiteral("Rejected"), {}, {}, {}});
}

} // namespace Gatehouse::Emulator
