#include "httpapigateway.h"

#include "httpapievent.h"
#include "routematcher.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QPointer>
#include <QTimer>

namespace Gatehouse::Emulator {

Q_LOGGING_CATEGORY(lcHttpApi, "gatehouse.emulator.httpapi")

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
                pending, match->route, match->pathParameters);
}

void HttpApiGateway::invokeRoute(const Core::HttpRequest &request, const HttpApiConfig &api,
                                 const QByteArray &pathInApi, const QByteArray &domainName,
                                 const std::shared_ptr<Pending> &pending, const HttpRouteConfig &route,
                                 const QList<QPair<QString, QString>> &pathParameters)
{
    const int timeoutMs = route.timeoutMs;
    const QString &functionName = route.functionName;
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
    if (std::optional<Core::HttpResponse> refused = authorize(request, api, route, &context))
        return answer(pending, *refused);

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

std::optional<Core::HttpResponse> HttpApiGateway::authorize(const Core::HttpRequest &request,
                                                            const HttpApiConfig &api,
                                                            const HttpRouteConfig &route,
                                                            HttpApiEventContext *context)
{
    if (route.authorizer.isEmpty())
        return std::nullopt;
    const HttpApiAuthorizerConfig *authorizer = api.authorizer(route.authorizer);
    if (!authorizer || authorizer->kind != HttpApiAuthorizerConfig::Kind::Jwt) {
        const QString kind = !authorizer ? QStringLiteral("unknown authorizers")
            : authorizer->kind == HttpApiAuthorizerConfig::Kind::Lambda ? QStringLiteral("Lambda authorizers")
                                                                         : QStringLiteral("IAM authorization (AWS_IAM)");
        const QString message = QStringLiteral("Not Implemented: Gatehouse does not emulate %1 yet "
                                               "(authorizer %2 on route %3); the route stays closed")
                                    .arg(kind, route.authorizer, route.routeKey);
        qCWarning(lcHttpApi).noquote() << api.apiId << message;
        return HttpApiEvent::errorResponse(501, message.toUtf8());
    }
    const std::optional<QByteArray> token = HttpApiJwtAuthorizer::token(request, authorizer->identitySource);
    JwtAuthorization verdict;
    if (!token) {
        verdict.reason = QStringLiteral("no token in %1").arg(authorizer->identitySource);
    } else if (const std::optional<JwtTrust> trust = m_trustResolver ? m_trustResolver(authorizer->issuer) : std::nullopt) {
        verdict = HttpApiJwtAuthorizer::check(*token, *trust, *authorizer, route.authorizationScopes, m_clock);
    } else {
        verdict.reason = QStringLiteral("the issuer %1 is not a user pool of this lab; Gatehouse verifies only "
                                        "tokens of the lab's own pools so far")
                             .arg(authorizer->issuer);
        qCWarning(lcHttpApi).noquote() << QStringLiteral("%1 %2: authorizer %3: %4 (no OIDC discovery yet)")
                                              .arg(api.apiId, route.routeKey, route.authorizer, verdict.reason);
    }
    if (verdict.verdict != JwtAuthorization::Verdict::Allow) {
        qCInfo(lcHttpApi).noquote() << QStringLiteral("%1 %2: authorizer %3 refused the request: %4")
                                           .arg(api.apiId, route.routeKey, route.authorizer, verdict.reason);
        return HttpApiJwtAuthorizer::refusal(verdict);
    }
    context->jwtAuthorized = true;
    context->jwtClaims = verdict.claims;
    context->jwtScopes = verdict.scopes;
    return std::nullopt;
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
