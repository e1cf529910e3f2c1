#include "httpapigateway.h"

#include "httpapievent.h"
#include "routematcher.h"

#include <QDateTime>
#include <QPointer>
#include <QTimer>

namespace Gatehouse::Emulator {

struct HttpApiGateway::Pending
{
    HttpResponder responder;
    QString apiId;
    QString routeKey;
    QString requestId;
    QPointer<QTimer> timer;
    bool answered = false;
};

namespace {

QByteArray hostWithoutPort(const QByteArray &host)
{
    const qsizetype colon = host.lastIndexOf(':');
    if (colon > 0 && !host.endsWith(']'))
        return host.left(colon);
    return host;
}

// Separates a named stage from the path; nullopt when the first segment is not the stage.
std::optional<QByteArray> pathAfterStage(const QString &stage, const QByteArray &pathInApi)
{
    if (stage == QLatin1String("$default"))
        return pathInApi.isEmpty() ? QByteArray("/") : pathInApi;
    const QByteArray prefix = '/' + stage.toUtf8();
    if (pathInApi == prefix)
        return QByteArray("/");
    if (pathInApi.startsWith(QByteArray(prefix + '/')))
        return pathInApi.mid(prefix.size());
    return std::nullopt;
}

} // namespace

HttpApiGateway::HttpApiGateway(LambdaInvoker *invoker, QObject *parent)
    : QObject(parent), m_invoker(invoker)
{
}

void HttpApiGateway::setApis(const QList<HttpApiConfig> &apis)
{
    m_apis = apis;
}

void HttpApiGateway::setRegion(const QString &region)
{
    m_region = region;
}

void HttpApiGateway::setAccountId(const QString &accountId)
{
    m_accountId = accountId;
}

void HttpApiGateway::handle(const Core::HttpRequest &request, const QString &apiId,
                            const QByteArray &pathInApi, const QByteArray &domainName,
                            HttpResponder responder)
{
    auto pending = std::make_shared<Pending>();
    pending->responder = std::move(responder);
    pending->apiId = apiId;
    pending->requestId = HttpApiEvent::newRequestId();

    const auto api = std::find_if(m_apis.cbegin(), m_apis.cend(),
                                  [&](const HttpApiConfig &a) { return a.apiId == apiId; });
    if (api == m_apis.cend())
        return answer(pending, HttpApiEvent::errorResponse(404, "Not Found"));
    const std::optional<QByteArray> routedPath = pathAfterStage(api->stageName, pathInApi);
    if (!routedPath)
        return answer(pending, HttpApiEvent::errorResponse(404, "Not Found"));
    if (request.body.size() > kMaxBodyBytes)
        return answer(pending, HttpApiEvent::errorResponse(413, "Request Entity Too Large"));
    const std::optional<RouteMatch> match = RouteMatcher(api->routes).match(request.method, *routedPath);
    if (!match)
        return answer(pending, HttpApiEvent::errorResponse(404, "Not Found"));
    pending->routeKey = match->route.routeKey;
    invokeRoute(request, *api, pathInApi.isEmpty() ? QByteArray("/") : pathInApi, domainName,
                pending, match->pathParameters, match->route.timeoutMs, match->route.functionName);
}

void HttpApiGateway::invokeRoute(const Core::HttpRequest &request, const HttpApiConfig &api,
                                 const QByteArray &pathInApi, const QByteArray &domainName,
                                 const std::shared_ptr<Pending> &pending,
                                 const QList<QPair<QString, QString>> &pathParameters,
                                 int timeoutMs, const QString &functionName)
{
    HttpApiEventContext context;
    context.apiId = api.apiId;
    context.stage = api.stageName;
    context.domainName = QString::fromUtf8(hostWithoutPort(domainName));
    if (context.domainName.isEmpty())
        context.domainName = api.apiId + QStringLiteral(".execute-api.localhost");
    context.domainPrefix = context.domainName.section(QLatin1Char('.'), 0, 0);
    context.routeKey = pending->routeKey;
    context.pathParameters = pathParameters;
    context.requestId = pending->requestId;
    context.accountId = m_accountId;
    context.timeEpochMs = request.receivedAtMs > 0 ? request.receivedAtMs
                                                   : QDateTime::currentMSecsSinceEpoch();

    InvokeRequest invoke;
    invoke.functionName = functionName;
    invoke.payload = HttpApiEvent::build(request, pathInApi, context);
    invoke.source = QStringLiteral("%1 (HttpApi %2)")
                        .arg(pending->routeKey, api.name.isEmpty() ? api.logicalId : api.name);

    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    pending->timer = timer;
    connect(timer, &QTimer::timeout, this, [this, pending] {
        answer(pending, HttpApiEvent::errorResponse(503, "Service Unavailable"));
    });
    timer->start(timeoutMs > 0 ? timeoutMs : 30000);

    m_invoker->invoke(invoke, this, [this, pending](const InvokeResult &result) {
        if (result.error.isError() || !result.functionError.isEmpty())
            answer(pending, HttpApiEvent::errorResponse(500, "Internal Server Error"));
        else
            answer(pending, HttpApiEvent::interpretResponse(result.payload));
    });
}

void HttpApiGateway::answer(const std::shared_ptr<Pending> &pending, Core::HttpResponse response)
{
    if (pending->timer) {
        pending->timer->stop();
        pending->timer->deleteLater();
    }
    if (pending->answered)
        return;
    pending->answered = true;
    response.headers.set("apigw-requestid", pending->requestId.toUtf8());
    pending->responder.send(response);
    Q_EMIT requestAnswered(pending->apiId, pending->routeKey, response.status, pending->requestId);
}

} // namespace Gatehouse::Emulator
