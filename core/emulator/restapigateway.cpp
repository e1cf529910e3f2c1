#include "restapigateway.h"

#include "httpapievent.h"
#include "restapievent.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QLoggingCategory>
#include <QPointer>
#include <QTimer>
#include <QUrl>

namespace Gatehouse::Emulator {

Q_LOGGING_CATEGORY(lcRestApi, "gatehouse.emulator.restapi")

struct RestApiGateway::Pending
{
    HttpResponder responder;
    QString apiId;
    QString resourcePath;
    QString requestId;
    QString extendedRequestId;
    QPointer<QTimer> timer;
    bool answered = false;
};

namespace {

// The answers API Gateway gives before any integration runs (its default gateway responses).
Core::HttpResponse missingAuthenticationToken()
{
    return RestApiEvent::errorResponse(403, "Missing Authentication Token", "MissingAuthenticationTokenException");
}

Core::HttpResponse forbidden()
{
    return RestApiEvent::errorResponse(403, "Forbidden", "ForbiddenException");
}

QByteArray hostWithoutPort(const QByteArray &host)
{
    const qsizetype colon = host.lastIndexOf(':');
    if (colon > 0 && !host.endsWith(']'))
        return host.left(colon);
    return host;
}

QString resourceIdFor(const QString &apiId, const QString &resourcePath)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    const QByteArray digest = QCryptographicHash::hash((apiId + resourcePath).toUtf8(), QCryptographicHash::Sha256);
    QString id;
    for (int i = 0; i < 6; ++i)
        id += QLatin1Char(alphabet[quint8(digest.at(i)) % 36]);
    return id;
}

// 0 literal, 1 {param}, 2 {proxy+}, per segment: the lowest sequence is the most specific.
std::optional<QList<int>> matchResource(const QString &resourcePath, const QList<QByteArray> &segments,
                                        QList<QPair<QString, QString>> *parameters)
{
    const QStringList pattern = resourcePath.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QList<int> rank;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QString &p = pattern.at(i);
        if (p.startsWith(QLatin1Char('{')) && p.endsWith(QLatin1String("+}"))) {
            if (i >= segments.size())
                return std::nullopt;
            QStringList rest;
            for (qsizetype j = i; j < segments.size(); ++j)
                rest.append(QString::fromUtf8(segments.at(j)));
            parameters->append({p.mid(1, p.size() - 3), rest.join(QLatin1Char('/'))});
            rank.append(2);
            return rank;
        }
        if (i >= segments.size())
            return std::nullopt;
        // Literal segments compare decoded; variables keep the client's percent-encoding, as
        // REST APIs pass path and path parameters on (HTTP APIs decode them).
        if (p.startsWith(QLatin1Char('{'))) {
            parameters->append({p.mid(1, p.size() - 2), QString::fromUtf8(segments.at(i))});
            rank.append(1);
        } else if (p == QUrl::fromPercentEncoding(segments.at(i))) {
            rank.append(0);
        } else {
            return std::nullopt;
        }
    }
    if (pattern.size() != segments.size())
        return std::nullopt;
    return rank;
}

bool acceptsBinary(const Core::HttpRequest &request, const QStringList &binaryTypes)
{
    for (const QByteArray &type : request.headers.value("Accept").split(',')) {
        if (RestApiEvent::isBinary(type, binaryTypes))
            return true;
    }
    return false;
}

} // namespace

RestApiGateway::RestApiGateway(LambdaInvoker *invoker, QObject *parent) : QObject(parent), m_invoker(invoker)
{
}

RestApiGateway::~RestApiGateway() = default;

void RestApiGateway::setLab(const QList<RestApiConfig> &apis, const QList<RestApiKeyConfig> &keys,
                            const QList<RestUsagePlanConfig> &plans)
{
    m_apis = apis;
    m_keys = keys;
    m_plans = plans;
    m_buckets.clear();
}

bool RestApiGateway::serves(const QString &apiId) const
{
    return std::any_of(m_apis.cbegin(), m_apis.cend(), [&](const RestApiConfig &a) { return a.apiId == apiId; });
}

RestMethodMatch RestApiGateway::match(const QList<RestMethodConfig> &methods, const QByteArray &httpMethod,
                                      const QByteArray &path)
{
    QList<QByteArray> segments;
    for (const QByteArray &s : path.split('/')) {
        if (!s.isEmpty())
            segments.append(s);
    }
    // The resource first, then its method: a resource without this method (and without
    // ANY) is a 403, even when a {proxy+} elsewhere would take the method.
    std::optional<QList<int>> bestRank;
    QString bestResource;
    QList<QPair<QString, QString>> bestParameters;
    for (const RestMethodConfig &m : methods) {
        QList<QPair<QString, QString>> parameters;
        const std::optional<QList<int>> rank = matchResource(m.resourcePath, segments, &parameters);
        if (rank && (!bestRank || *rank < *bestRank)) {
            bestRank = rank;
            bestResource = m.resourcePath;
            bestParameters = parameters;
        }
    }
    RestMethodMatch result;
    if (!bestRank)
        return result;
    result.outcome = RestMethodMatch::Outcome::NoMethod;
    result.method.resourcePath = bestResource;
    const QString method = QString::fromLatin1(httpMethod);
    for (const RestMethodConfig &m : methods) {
        if (m.resourcePath != bestResource)
            continue;
        result.resourceMethods.append(m.httpMethod);
        if (m.httpMethod == method || (m.httpMethod == QLatin1String("ANY")
                                       && result.outcome != RestMethodMatch::Outcome::Method)) {
            result.outcome = RestMethodMatch::Outcome::Method;
            result.method = m;
        }
    }
    result.pathParameters = bestParameters;
    return result;
}

void RestApiGateway::handle(const Core::HttpRequest &request, const QString &apiId, const QByteArray &pathInApi,
                            const QByteArray &domainName, HttpResponder responder)
{
    auto pending = std::make_shared<Pending>();
    pending->responder = std::move(responder);
    pending->apiId = apiId;
    pending->requestId = RestApiEvent::newRequestId();
    pending->extendedRequestId = HttpApiEvent::newRequestId();

    const auto api = std::find_if(m_apis.cbegin(), m_apis.cend(), [&](const RestApiConfig &a) { return a.apiId == apiId; });
    if (api == m_apis.cend())
        return answer(pending, forbidden());
    // "/<stage>/<path>": the API's root without a stage, and the stage without "/", name no
    // resource; a stage the API does not have is forbidden.
    const QByteArray path = pathInApi.isEmpty() ? QByteArray("/") : pathInApi;
    const qsizetype slash = path.indexOf('/', 1);
    const QByteArray stage = slash < 0 ? path.mid(1) : path.mid(1, slash - 1);
    if (stage.isEmpty() || slash < 0) {
        if (!stage.isEmpty() && QString::fromUtf8(stage) != api->stageName)
            return answer(pending, forbidden());
        return answer(pending, missingAuthenticationToken());
    }
    if (QString::fromUtf8(QUrl::fromPercentEncoding(stage).toUtf8()) != api->stageName)
        return answer(pending, forbidden());
    // API Gateway refuses the body before anything else, in plain text (a live capture quoted
    // in a public issue: 413, "text; charset=utf-8").
    if (request.body.size() > kMaxBodyBytes) {
        Core::HttpResponse tooLarge;
        tooLarge.status = 413;
        tooLarge.headers.add("Content-Type", "text; charset=utf-8");
        tooLarge.body = "HTTP content length exceeded 10485760 bytes.";
        return answer(pending, tooLarge);
    }
    const QByteArray pathInStage = path.mid(slash);
    const RestMethodMatch found = match(api->methods, request.method, pathInStage);
    if (found.outcome != RestMethodMatch::Outcome::NoResource && request.method == "OPTIONS" && api->cors.enabled
        && !found.resourceMethods.contains(QStringLiteral("OPTIONS"))) {
        pending->resourcePath = found.method.resourcePath;
        return answerPreflight(request, *api, found, pending);
    }
    if (found.outcome != RestMethodMatch::Outcome::Method)
        return answer(pending, missingAuthenticationToken());
    pending->resourcePath = found.method.resourcePath;

    const RestApiKeyConfig *key = nullptr;
    if (found.method.apiKeyRequired) {
        if (std::optional<Core::HttpResponse> refused = checkApiKey(request, *api, &key)) {
            qCInfo(lcRestApi).noquote() << QStringLiteral("%1 %2 %3: %4").arg(api->apiId, QString::fromLatin1(request.method),
                                                                            found.method.resourcePath,
                                                                            QString::fromUtf8(refused->body));
            return answer(pending, *refused);
        }
    }
    invoke(request, *api, pathInStage, domainName, found, key, pending);
}

// SAM's OPTIONS method (a mock integration): 200 with the CORS headers, the methods by default
// those of the resource and OPTIONS (every method for ANY), sorted as SAM writes them. It wants
// the API key when the API's Auth does and AddApiKeyRequiredToCorsPreflight is not false.
void RestApiGateway::answerPreflight(const Core::HttpRequest &request, const RestApiConfig &api,
                                     const RestMethodMatch &found, const std::shared_ptr<Pending> &pending)
{
    if (api.apiKeyRequired && api.apiKeyOnPreflight) {
        const RestApiKeyConfig *key = nullptr;
        if (std::optional<Core::HttpResponse> refused = checkApiKey(request, api, &key))
            return answer(pending, *refused);
    }
    QString methods = api.cors.allowMethods;
    if (methods.isEmpty()) {
        QStringList list = found.resourceMethods.contains(QStringLiteral("ANY"))
            ? QStringList{QStringLiteral("OPTIONS"), QStringLiteral("GET"), QStringLiteral("HEAD"), QStringLiteral("POST"),
                          QStringLiteral("PUT"), QStringLiteral("DELETE"), QStringLiteral("PATCH")}
            : found.resourceMethods + QStringList{QStringLiteral("OPTIONS")};
        list.removeDuplicates();
        list.sort();
        methods = list.join(QLatin1Char(','));
    }
    Core::HttpResponse response;
    response.status = 200;
    response.headers.add("Content-Type", "application/json");
    response.headers.add("Access-Control-Allow-Origin", api.cors.allowOrigin.toUtf8());
    if (!api.cors.allowHeaders.isEmpty())
        response.headers.add("Access-Control-Allow-Headers", api.cors.allowHeaders.toUtf8());
    response.headers.add("Access-Control-Allow-Methods", methods.toUtf8());
    if (!api.cors.maxAge.isEmpty())
        response.headers.add("Access-Control-Max-Age", api.cors.maxAge.toUtf8());
    if (api.cors.allowCredentials)
        response.headers.add("Access-Control-Allow-Credentials", "true");
    response.body = "{}"; // SAM's response template
    answer(pending, response);
}

// As API Gateway: the key must exist, be enabled and belong to a usage plan of this stage;
// then the plan's token bucket (rate, burst) and its quota for the period decide.
std::optional<Core::HttpResponse> RestApiGateway::checkApiKey(const Core::HttpRequest &request, const RestApiConfig &api,
                                                              const RestApiKeyConfig **key)
{
    const QString value = QString::fromUtf8(request.headers.value("x-api-key"));
    if (value.isEmpty())
        return forbidden();
    const auto found = std::find_if(m_keys.cbegin(), m_keys.cend(),
                                    [&](const RestApiKeyConfig &k) { return k.value == value && k.enabled; });
    if (found == m_keys.cend())
        return forbidden();
    const auto plan = std::find_if(m_plans.cbegin(), m_plans.cend(), [&](const RestUsagePlanConfig &p) {
        return p.keyIds.contains(found->id) && p.covers(api.apiId, api.stageName);
    });
    if (plan == m_plans.cend())
        return forbidden();
    *key = &*found;

    const qint64 now = m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
    const QString bucketKey = plan->id + QLatin1Char('/') + found->id;
    const bool fresh = !m_buckets.contains(bucketKey);
    Bucket &bucket = m_buckets[bucketKey];
    if (fresh && plan->rateLimit)
        bucket.throttle.emplace(*plan->rateLimit, plan->burstLimit.value_or(0));
    if (bucket.throttle && !bucket.throttle->take(now))
        return RestApiEvent::errorResponse(429, "Too Many Requests", "TooManyRequestsException");
    if (plan->quotaLimit) {
        const qint64 window = quotaWindowStart(*plan, now);
        if (bucket.quotaWindowStartMs != window) {
            bucket.quotaWindowStartMs = window;
            bucket.quotaUsed = 0;
        }
        if (bucket.quotaUsed >= *plan->quotaLimit)
            return RestApiEvent::errorResponse(429, "Limit Exceeded", "LimitExceededException");
        ++bucket.quotaUsed;
    }
    return std::nullopt;
}

qint64 RestApiGateway::quotaWindowStart(const RestUsagePlanConfig &plan, qint64 nowMs) const
{
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC).date();
    QDate start = today;
    switch (plan.quotaPeriod) {
    case RestUsagePlanConfig::QuotaPeriod::Day:
        break;
    case RestUsagePlanConfig::QuotaPeriod::Week:
        // Offset 0 starts the week on Sunday (Qt counts Monday 1 ... Sunday 7).
        while (start.dayOfWeek() % 7 != plan.quotaOffset)
            start = start.addDays(-1);
        break;
    case RestUsagePlanConfig::QuotaPeriod::Month:
        start = QDate(today.year(), today.month(), 1).addDays(plan.quotaOffset);
        if (start > today)
            start = QDate(today.year(), today.month(), 1).addMonths(-1).addDays(plan.quotaOffset);
        break;
    }
    return QDateTime(start, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
}

void RestApiGateway::invoke(const Core::HttpRequest &request, const RestApiConfig &api, const QByteArray &pathInStage,
                            const QByteArray &domainName, const RestMethodMatch &match, const RestApiKeyConfig *key,
                            const std::shared_ptr<Pending> &pending)
{
    ProxyEventContext context;
    context.apiId = api.apiId;
    context.stage = api.stageName;
    context.domainName = QString::fromUtf8(hostWithoutPort(domainName));
    if (context.domainName.isEmpty())
        context.domainName = api.apiId + QStringLiteral(".execute-api.localhost");
    context.domainPrefix = context.domainName.section(QLatin1Char('.'), 0, 0);
    context.resourcePath = match.method.resourcePath;
    context.resourceId = resourceIdFor(api.apiId, match.method.resourcePath);
    context.requestId = pending->requestId;
    context.extendedRequestId = pending->extendedRequestId;
    context.accountId = m_accountId;
    context.timeEpochMs = request.receivedAtMs > 0 ? request.receivedAtMs : QDateTime::currentMSecsSinceEpoch();
    context.pathParameters = match.pathParameters;
    context.stageVariables = api.stageVariables;
    if (key) {
        context.apiKey = key->value;
        context.apiKeyId = key->id;
    }
    context.base64Body = RestApiEvent::isBinary(request.headers.value("Content-Type"), api.binaryMediaTypes);

    InvokeRequest invoke;
    invoke.functionName = match.method.functionName;
    invoke.payload = RestApiEvent::build(request, pathInStage, context);
    invoke.source = QStringLiteral("%1 %2 (Api %3)").arg(QString::fromLatin1(request.method), match.method.resourcePath,
                                                           api.name.isEmpty() ? api.logicalId : api.name);

    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    pending->timer = timer;
    connect(timer, &QTimer::timeout, this, [this, pending] {
        answer(pending, RestApiEvent::integrationError(504, "Endpoint request timed out"));
    });
    timer->start(match.method.timeoutMs > 0 ? match.method.timeoutMs : kIntegrationTimeoutMs);

    const bool decodeBase64 = acceptsBinary(request, api.binaryMediaTypes);
    const QString apiId = api.apiId;
    m_invoker->invoke(invoke, this, [this, pending, decodeBase64, apiId](const InvokeResult &result) {
        const Core::HttpResponse internalError = RestApiEvent::integrationError(502, "Internal server error");
        // An event over Lambda's 6 MB invoke limit: API Gateway's own 413, as captured live.
        if (result.error.isError() && result.error.httpStatus == 413) {
            Core::HttpResponse tooLong = RestApiEvent::integrationError(413, "Request Too Long");
            tooLong.headers.set("x-amzn-ErrorType", "BadRequestException");
            return answer(pending, tooLong);
        }
        if (result.error.isError() || !result.functionError.isEmpty())
            return answer(pending, internalError);
        std::optional<Core::HttpResponse> response = RestApiEvent::interpretResponse(result.payload, decodeBase64);
        if (!response) {
            // What API Gateway's execution log says; the client only sees the 502.
            qCWarning(lcRestApi).noquote() << apiId << pending->resourcePath
                                           << "Execution failed due to configuration error: Malformed Lambda proxy response";
            return answer(pending, internalError);
        }
        answer(pending, *response);
    });
}

void RestApiGateway::answer(const std::shared_ptr<Pending> &pending, Core::HttpResponse response)
{
    if (pending->timer) {
        pending->timer->stop();
        pending->timer->deleteLater();
    }
    if (pending->answered)
        return;
    pending->answered = true;
    response.headers.set("x-amzn-RequestId", pending->requestId.toUtf8());
    response.headers.set("x-amz-apigw-id", pending->extendedRequestId.toUtf8());
    pending->responder.send(response);
    Q_EMIT requestAnswered(pending->apiId, pending->resourcePath, response.status, pending->requestId);
}

} // namespace Gatehouse::Emulator
