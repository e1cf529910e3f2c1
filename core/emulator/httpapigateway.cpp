#include "httpapigateway.h"

#include "core/httpclient.h"
#include "core/jwt/jwkssource.h"
#include "core/jwt/jws.h"
#include "core/jwt/jwterror.h"
#include "httpapievent.h"
#include "restapievent.h"
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
    std::optional<HttpApiCorsConfig> cors; // set when the request came from an allowed origin
    QByteArray origin;
};

namespace {

// The Access-Control-Allow-Origin value for an origin, or empty when it is not allowed.
QByteArray allowedOrigin(const HttpApiCorsConfig &cors, const QByteArray &origin)
{
    if (origin.isEmpty())
        return {};
    for (const QString &allowed : cors.allowOrigins) {
        if (allowed == QLatin1String("*"))
            return "*";
        if (allowed.compare(QString::fromUtf8(origin), Qt::CaseInsensitive) == 0)
            return origin;
    }
    return {};
}

QByteArray joined(const QStringList &values)
{
    return values.join(QLatin1Char(',')).toUtf8();
}

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

HttpApiGateway::~HttpApiGateway() = default;

void HttpApiGateway::setApis(const QList<HttpApiConfig> &apis)
{
    m_apis = apis;
    m_throttles.clear(); // a new deployment starts with full buckets
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
    if (api->cors.enabled) {
        pending->origin = request.headers.value("Origin");
        if (!allowedOrigin(api->cors, pending->origin).isEmpty())
            pending->cors = api->cors;
        // A preflight is answered by the gateway, whether or not an OPTIONS route exists.
        if (request.method == "OPTIONS" && !pending->origin.isEmpty()
            && request.headers.contains("Access-Control-Request-Method")) {
            Core::HttpResponse preflight;
            preflight.status = 204;
            if (pending->cors) {
                if (!api->cors.allowMethods.isEmpty())
                    preflight.headers.set("Access-Control-Allow-Methods", joined(api->cors.allowMethods));
                if (!api->cors.allowHeaders.isEmpty())
                    preflight.headers.set("Access-Control-Allow-Headers", joined(api->cors.allowHeaders));
                if (api->cors.maxAgeSeconds >= 0)
                    preflight.headers.set("Access-Control-Max-Age", QByteArray::number(api->cors.maxAgeSeconds));
            }
            return answer(pending, preflight);
        }
    }
    if (request.body.size() > kMaxBodyBytes)
        return answer(pending, HttpApiEvent::errorResponse(413, "Request Entity Too Large"));
    const std::optional<RouteMatch> match = RouteMatcher(api->routes).match(request.method, *routedPath);
    if (!match)
        return answer(pending, HttpApiEvent::errorResponse(404, "Not Found"));
    pending->routeKey = match->route.routeKey;
    // Before any authorizer: a throttled request costs neither an authorizer nor a function call.
    if (!admit(*api, pending->routeKey))
        return answer(pending, HttpApiEvent::errorResponse(429, "Too Many Requests"));
    invokeRoute(request, *api, pathInApi.isEmpty() ? QByteArray("/") : pathInApi, domainName,
                pending, match->route, match->pathParameters);
}

void HttpApiGateway::invokeRoute(const Core::HttpRequest &request, const HttpApiConfig &api,
                                 const QByteArray &pathInApi, const QByteArray &domainName,
                                 const std::shared_ptr<Pending> &pending, const HttpRouteConfig &route,
                                 const QList<QPair<QString, QString>> &pathParameters)
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
    context.stageVariables = api.stageVariables;
    context.requestId = pending->requestId;
    context.accountId = m_accountId;
    context.timeEpochMs = request.receivedAtMs > 0 ? request.receivedAtMs
                                                   : QDateTime::currentMSecsSinceEpoch();

    const QString source = QStringLiteral("%1 (HttpApi %2)")
                               .arg(pending->routeKey, api.name.isEmpty() ? api.logicalId : api.name);
    const int timeoutMs = route.timeoutMs > 0 ? route.timeoutMs : 30000;
    const QString functionName = route.functionName;
    const bool v1 = route.payloadFormatVersion == QLatin1String("1.0");
    authorize(request, pathInApi, api, route, pending, context,
              [this, request, pathInApi, pending, source, timeoutMs, functionName, v1](const HttpApiEventContext &authorized) {
                  InvokeRequest invoke;
                  invoke.functionName = functionName;
                  invoke.payload = v1 ? RestApiEvent::buildForHttpApi(request, pathInApi, authorized)
                                      : HttpApiEvent::build(request, pathInApi, authorized);
                  invoke.source = source;

                  auto *timer = new QTimer(this);
                  timer->setSingleShot(true);
                  pending->timer = timer;
                  connect(timer, &QTimer::timeout, this, [this, pending] {
                      answer(pending, HttpApiEvent::errorResponse(503, "Service Unavailable"));
                  });
                  timer->start(timeoutMs);

                  m_invoker->invoke(invoke, this, [this, pending, v1](const InvokeResult &result) {
                      if (result.error.isError() || !result.functionError.isEmpty())
                          return answer(pending, HttpApiEvent::errorResponse(500, "Internal Server Error"));
                      if (!v1)
                          return answer(pending, HttpApiEvent::interpretResponse(result.payload));
                      // 1.0 infers nothing: anything but a proxy response is the integration's
                      // failure. A base64 body is always decoded (no binary media types here).
                      const std::optional<Core::HttpResponse> response = RestApiEvent::interpretResponse(result.payload, true);
                      answer(pending, response ? *response : HttpApiEvent::errorResponse(500, "Internal Server Error"));
                  });
              });
}

void HttpApiGateway::authorize(const Core::HttpRequest &request, const QByteArray &pathInApi,
                               const HttpApiConfig &api, const HttpRouteConfig &route,
                               const std::shared_ptr<Pending> &pending, HttpApiEventContext context,
                               std::function<void(const HttpApiEventContext &)> proceed)
{
    if (route.authorizer.isEmpty())
        return proceed(context);
    const HttpApiAuthorizerConfig *authorizer = api.authorizer(route.authorizer);
    if (!authorizer) {
        // The template reader refuses such labs; a route must never open up by a slip.
        qCWarning(lcHttpApi).noquote() << QStringLiteral("%1 %2: unknown authorizer %3, refused")
                                              .arg(api.apiId, route.routeKey, route.authorizer);
        return answer(pending, HttpApiEvent::errorResponse(500, "Internal Server Error"));
    }
    switch (authorizer->kind) {
    case HttpApiAuthorizerConfig::Kind::Jwt:
        return authorizeJwt(request, *authorizer, api, route, pending, context, std::move(proceed));
    case HttpApiAuthorizerConfig::Kind::Lambda:
        return authorizeLambda(request, pathInApi, *authorizer, route, pending, context, std::move(proceed));
    case HttpApiAuthorizerConfig::Kind::Iam:
        return authorizeIam(request, route, pending, context, proceed);
    }
}

void HttpApiGateway::authorizeIam(const Core::HttpRequest &request, const HttpRouteConfig &route,
                                  const std::shared_ptr<Pending> &pending, HttpApiEventContext context,
                                  const std::function<void(const HttpApiEventContext &)> &proceed)
{
    if (!m_authenticator)
        return answer(pending, HttpApiEvent::errorResponse(403, "Missing Authentication Token"));
    const IamAuthorization verdict = HttpApiIamAuthorizer::check(*m_authenticator, request, now());
    if (!verdict.caller) {
        qCInfo(lcHttpApi).noquote() << QStringLiteral("%1 %2: IAM authorization refused the request: %3")
                                           .arg(context.apiId, route.routeKey, verdict.reason);
        return answer(pending, verdict.refusal);
    }
    context.iamCaller = verdict.caller;
    proceed(context);
}

// Identity sources first (401 without invoking when one is missing), then a cached answer or
// the authorizer function; its answer decides 200-on / 403 / 500.
void HttpApiGateway::authorizeLambda(const Core::HttpRequest &request, const QByteArray &pathInApi,
                                     const HttpApiAuthorizerConfig &authorizer, const HttpRouteConfig &route,
                                     const std::shared_ptr<Pending> &pending, HttpApiEventContext context,
                                     std::function<void(const HttpApiEventContext &)> proceed)
{
    const std::optional<QStringList> identity = HttpApiLambdaAuthorizer::identityValues(request, authorizer, context);
    if (!identity) {
        qCInfo(lcHttpApi).noquote() << QStringLiteral("%1 %2: authorizer %3: an identity source is missing or empty (%4)")
                                           .arg(context.apiId, route.routeKey, authorizer.name,
                                                authorizer.identitySources.join(QStringLiteral(", ")));
        return answer(pending, HttpApiEvent::errorResponse(401, "Unauthorized"));
    }
    const QByteArray pathInStage = pathAfterStage(context.stage, pathInApi).value_or(pathInApi);
    const QString routeArn = HttpApiLambdaAuthorizer::routeArn(m_region, context, request.method, pathInStage);
    // Without identity sources there is nothing to key a cache on: every request is authorized.
    const bool cached = authorizer.resultTtlSeconds > 0 && !authorizer.identitySources.isEmpty();
    const QString cacheKey = context.apiId + QLatin1Char('\n') + authorizer.name + QLatin1Char('\n')
                             + identity->join(QChar(0x1f));
    if (cached) {
        const auto hit = m_authorizerCache.constFind(cacheKey);
        if (hit != m_authorizerCache.constEnd() && hit->expires > now())
            return decideLambda(HttpApiLambdaAuthorizer::interpret(hit->payload, authorizer, routeArn), route,
                                pending, context, proceed);
    }

    InvokeRequest invoke;
    invoke.functionName = authorizer.functionName;
    invoke.payload = HttpApiLambdaAuthorizer::event(request, pathInApi, context, authorizer, routeArn, *identity);
    invoke.source = QStringLiteral("authorizer %1 of %2").arg(authorizer.name, route.routeKey);
    const HttpApiAuthorizerConfig config = authorizer;
    m_invoker->invoke(invoke, this, [this, config, route, pending, context, proceed, routeArn, cacheKey,
                                     cached](const InvokeResult &result) {
        if (result.error.isError() || !result.functionError.isEmpty()) {
            LambdaAuthorization failed;
            failed.reason = result.error.isError()
                                ? result.error.message
                                : QStringLiteral("the function failed (%1)").arg(result.errorType);
            return decideLambda(failed, route, pending, context, proceed);
        }
        const LambdaAuthorization verdict = HttpApiLambdaAuthorizer::interpret(result.payload, config, routeArn);
        // Only a well-formed answer is kept: a failure is tried again on the next request.
        if (cached && verdict.verdict != LambdaAuthorization::Verdict::Error) {
            // Many distinct keys (a client trying tokens) must not grow the cache for ever.
            if (m_authorizerCache.size() >= kAuthorizerCacheEntries) {
                const QDateTime at = now();
                m_authorizerCache.removeIf([&](const auto &entry) { return entry.value().expires <= at; });
                if (m_authorizerCache.size() >= kAuthorizerCacheEntries)
                    m_authorizerCache.clear();
            }
            m_authorizerCache.insert(cacheKey, {result.payload, now().addSecs(config.resultTtlSeconds)});
        }
        decideLambda(verdict, route, pending, context, proceed);
    });
}

void HttpApiGateway::decideLambda(const LambdaAuthorization &verdict, const HttpRouteConfig &route,
                                  const std::shared_ptr<Pending> &pending, HttpApiEventContext context,
                                  const std::function<void(const HttpApiEventContext &)> &proceed)
{
    switch (verdict.verdict) {
    case LambdaAuthorization::Verdict::Allow:
        context.lambdaAuthorizerContext = verdict.context;
        return proceed(context);
    case LambdaAuthorization::Verdict::Forbidden:
        qCInfo(lcHttpApi).noquote() << QStringLiteral("%1 %2: authorizer %3 refused the request: %4")
                                           .arg(context.apiId, route.routeKey, route.authorizer, verdict.reason);
        return answer(pending, HttpApiEvent::errorResponse(403, "Forbidden"));
    case LambdaAuthorization::Verdict::Error:
        qCWarning(lcHttpApi).noquote() << QStringLiteral("%1 %2: authorizer %3 gave no usable answer: %4")
                                              .arg(context.apiId, route.routeKey, route.authorizer, verdict.reason);
        return answer(pending, HttpApiEvent::errorResponse(500, "Internal Server Error"));
    }
}

void HttpApiGateway::authorizeJwt(const Core::HttpRequest &request, const HttpApiAuthorizerConfig &jwtAuthorizer,
                                  const HttpApiConfig &api, const HttpRouteConfig &route,
                                  const std::shared_ptr<Pending> &pending, HttpApiEventContext context,
                                  std::function<void(const HttpApiEventContext &)> proceed)
{
    const HttpApiAuthorizerConfig *authorizer = &jwtAuthorizer;
    const std::optional<QByteArray> token = HttpApiJwtAuthorizer::token(request, authorizer->identitySource);
    if (!token) {
        JwtAuthorization verdict;
        verdict.reason = QStringLiteral("no token in %1").arg(authorizer->identitySource);
        return decide(verdict, api.apiId, route, pending, context, proceed);
    }
    if (const std::optional<JwtTrust> trust = m_trustResolver ? m_trustResolver(authorizer->issuer) : std::nullopt) {
        const JwtAuthorization verdict = HttpApiJwtAuthorizer::check(*token, *trust, *authorizer,
                                                                    route.authorizationScopes, m_clock);
        return decide(verdict, api.apiId, route, pending, context, proceed);
    }
    // An issuer the emulator does not run: its keys by OIDC discovery, as API Gateway fetches them.
    const Core::Result<Core::Jwt::Jws> jws = Core::Jwt::decodeCompact(*token);
    if (!jws) {
        JwtAuthorization verdict;
        verdict.reason = QStringLiteral("the token is not a JWT: %1").arg(jws.error().message);
        return decide(verdict, api.apiId, route, pending, context, proceed);
    }
    Core::Jwt::KeyLookup *lookup = discoveredKeys(authorizer->issuer)->lookup(jws->header);
    const QString apiId = api.apiId;
    const HttpApiAuthorizerConfig config = *authorizer;
    connect(lookup, &Core::Jwt::KeyLookup::finished, this,
            [this, lookup, token = *token, config, apiId, route, pending, context, proceed](
                const Core::Result<Core::Jwt::Jwk> &key) {
                lookup->deleteLater();
                JwtAuthorization verdict;
                if (!key) {
                    verdict.reason = QStringLiteral("no key of the issuer %1 for the token: %2")
                                         .arg(config.issuer, key.error().message);
                    if (Core::Jwt::reasonOf(key.error()) == Core::Jwt::Reason::JwksUnavailable)
                        qCWarning(lcHttpApi).noquote() << QStringLiteral("%1 %2: authorizer %3: %4")
                                                              .arg(apiId, route.routeKey, route.authorizer, verdict.reason);
                } else {
                    verdict = HttpApiJwtAuthorizer::check(token, JwtTrust{config.issuer, Core::Jwt::JwkSet::fromKeys({*key})},
                                                          config, route.authorizationScopes, m_clock);
                }
                decide(verdict, apiId, route, pending, context, proceed);
            });
}

void HttpApiGateway::decide(const JwtAuthorization &verdict, const QString &apiId, const HttpRouteConfig &route,
                            const std::shared_ptr<Pending> &pending, HttpApiEventContext context,
                            const std::function<void(const HttpApiEventContext &)> &proceed)
{
    if (verdict.verdict != JwtAuthorization::Verdict::Allow) {
        qCInfo(lcHttpApi).noquote() << QStringLiteral("%1 %2: authorizer %3 refused the request: %4")
                                           .arg(apiId, route.routeKey, route.authorizer, verdict.reason);
        return answer(pending, HttpApiJwtAuthorizer::refusal(verdict));
    }
    context.jwtAuthorized = true;
    context.jwtClaims = verdict.claims;
    context.jwtScopes = verdict.scopes;
    proceed(context);
}

Core::Jwt::JwksSource *HttpApiGateway::discoveredKeys(const QString &issuer)
{
    if (Core::Jwt::JwksSource *source = m_jwksSources.value(issuer))
        return source;
    if (!m_httpClient)
        m_httpClient = new Core::HttpClient(this);
    auto *source = new Core::Jwt::JwksSource(m_httpClient, this);
    source->setIssuer(QUrl(issuer));
    if (m_clock)
        source->setClock(m_clock);
    m_jwksSources.insert(issuer, source);
    return source;
}

bool HttpApiGateway::admit(const HttpApiConfig &api, const QString &routeKey)
{
    const HttpRouteThrottle throttle = api.throttle(routeKey);
    if (!throttle.isSet())
        return true;
    const QString key = api.apiId + QLatin1Char('\n') + api.stageName + QLatin1Char('\n') + routeKey;
    auto bucket = m_throttles.find(key);
    if (bucket == m_throttles.end())
        bucket = m_throttles.emplace(key, throttle.rateLimit.value_or(HttpRouteThrottle::kAccountRateLimit),
                                     throttle.burstLimit.value_or(HttpRouteThrottle::kAccountBurstLimit));
    if (bucket->take(now().toMSecsSinceEpoch()))
        return true;
    qCInfo(lcHttpApi).noquote() << QStringLiteral("%1 %2: throttled (%3 requests a second, burst %4)")
                                       .arg(api.apiId, routeKey)
                                       .arg(throttle.rateLimit.value_or(HttpRouteThrottle::kAccountRateLimit))
                                       .arg(throttle.burstLimit.value_or(HttpRouteThrottle::kAccountBurstLimit));
    return false;
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
    if (pending->cors) {
        // The gateway's CORS headers replace whatever the integration said.
        for (const char *name : {"Access-Control-Allow-Origin", "Access-Control-Allow-Credentials",
                                 "Access-Control-Expose-Headers"})
            response.headers.remove(name);
        response.headers.set("Access-Control-Allow-Origin", allowedOrigin(*pending->cors, pending->origin));
        if (pending->cors->allowCredentials)
            response.headers.set("Access-Control-Allow-Credentials", "true");
        if (!pending->cors->exposeHeaders.isEmpty())
            response.headers.set("Access-Control-Expose-Headers", joined(pending->cors->exposeHeaders));
        if (allowedOrigin(*pending->cors, pending->origin) != "*")
            response.headers.set("Vary", "Origin");
    }
    response.headers.set("apigw-requestid", pending->requestId.toUtf8());
    pending->responder.send(response);
    Q_EMIT requestAnswered(pending->apiId, pending->routeKey, response.status, pending->requestId);
}

} // namespace Gatehouse::Emulator
