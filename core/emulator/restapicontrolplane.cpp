#include "restapicontrolplane.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace Gatehouse::Emulator {

namespace {

Core::HttpResponse json(int status, const QJsonObject &body)
{
    Core::HttpResponse response;
    response.status = status;
    response.headers.add("Content-Type", "application/json");
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

Core::HttpResponse error(int status, const QByteArray &type, const QString &message)
{
    Core::HttpResponse response = json(status, QJsonObject{{QStringLiteral("message"), message}});
    response.headers.add("x-amzn-ErrorType", type);
    return response;
}

QString queryValue(const Core::HttpRequest &request, const QString &name)
{
    return QUrlQuery(QString::fromUtf8(request.query)).queryItemValue(name, QUrl::FullyDecoded);
}

QString periodName(RestUsagePlanConfig::QuotaPeriod period)
{
    switch (period) {
    case RestUsagePlanConfig::QuotaPeriod::Day:
        return QStringLiteral("DAY");
    case RestUsagePlanConfig::QuotaPeriod::Week:
        return QStringLiteral("WEEK");
    case RestUsagePlanConfig::QuotaPeriod::Month:
        return QStringLiteral("MONTH");
    }
    return QString();
}

} // namespace

RestApiControlPlane::RestApiControlPlane(AwsAuthenticator *authenticator, QList<RestApiConfig> apis,
                                         QList<RestApiKeyConfig> keys, QList<RestUsagePlanConfig> plans)
    : m_authenticator(authenticator), m_apis(std::move(apis)), m_keys(std::move(keys)), m_plans(std::move(plans))
{
}

bool RestApiControlPlane::isControlPlanePath(const QByteArray &path)
{
    return path == "/restapis" || path == "/apikeys" || path == "/usageplans" || path.startsWith("/restapis/")
        || path.startsWith("/apikeys/") || path.startsWith("/usageplans/");
}

Core::HttpResponse RestApiControlPlane::answer(const Core::HttpRequest &request) const
{
    if (m_authenticator) {
        const AwsAuthentication auth = m_authenticator->authenticate(request, QStringLiteral("apigateway"), AwsProtocol::RestJson);
        if (!auth.ok())
            return AwsAuthenticator::refusal(auth.error, AwsProtocol::RestJson);
    }
    if (request.method == "GET" && request.path == "/restapis")
        return json(200, restApis());
    if (request.method == "GET" && request.path == "/apikeys")
        return json(200, apiKeys(request));
    if (request.method == "GET" && request.path == "/usageplans")
        return json(200, usagePlans(request));
    return error(400, "BadRequestException",
                 QStringLiteral("Gatehouse emulates only GetRestApis, GetApiKeys and GetUsagePlans of API Gateway's "
                                "control plane; REST APIs, keys and usage plans come from the lab's template.yaml "
                                "(%1 %2 is not emulated)")
                     .arg(QString::fromLatin1(request.method), QString::fromUtf8(request.path)));
}

// Field names and shapes from botocore's apigateway model: the list is "item" on the wire.
QJsonObject RestApiControlPlane::restApis() const
{
    QJsonArray items;
    for (const RestApiConfig &api : m_apis)
        items.append(QJsonObject{{QStringLiteral("id"), api.apiId},
                                 {QStringLiteral("name"), api.name.isEmpty() ? api.logicalId : api.name},
                                 {QStringLiteral("createdDate"), double(m_createdSeconds)},
                                 {QStringLiteral("binaryMediaTypes"), QJsonArray::fromStringList(api.binaryMediaTypes)},
                                 {QStringLiteral("apiKeySource"), QStringLiteral("HEADER")},
                                 {QStringLiteral("endpointConfiguration"),
                                  QJsonObject{{QStringLiteral("types"), QJsonArray{QStringLiteral("EDGE")}}}},
                                 {QStringLiteral("disableExecuteApiEndpoint"), false}});
    return QJsonObject{{QStringLiteral("item"), items}};
}

// Values only with includeValues=true, as API Gateway; `name` filters by prefix.
QJsonObject RestApiControlPlane::apiKeys(const Core::HttpRequest &request) const
{
    const bool values = queryValue(request, QStringLiteral("includeValues")) == QLatin1String("true");
    const QString name = queryValue(request, QStringLiteral("name"));
    QJsonArray items;
    for (const RestApiKeyConfig &key : m_keys) {
        if (!name.isEmpty() && !key.name.startsWith(name))
            continue;
        QJsonArray stageKeys;
        for (const RestUsagePlanConfig &plan : m_plans) {
            if (!plan.keyIds.contains(key.id))
                continue;
            for (const RestUsagePlanConfig::Stage &stage : plan.apiStages)
                stageKeys.append(QString(stage.apiId + QLatin1Char('/') + stage.stage));
        }
        QJsonObject item{{QStringLiteral("id"), key.id},
                         {QStringLiteral("name"), key.name},
                         {QStringLiteral("enabled"), key.enabled},
                         {QStringLiteral("createdDate"), double(m_createdSeconds)},
                         {QStringLiteral("lastUpdatedDate"), double(m_createdSeconds)},
                         {QStringLiteral("stageKeys"), stageKeys}};
        if (values)
            item.insert(QStringLiteral("value"), key.value);
        items.append(item);
    }
    return QJsonObject{{QStringLiteral("item"), items}};
}

QJsonObject RestApiControlPlane::usagePlans(const Core::HttpRequest &request) const
{
    const QString keyId = queryValue(request, QStringLiteral("keyId"));
    QJsonArray items;
    for (const RestUsagePlanConfig &plan : m_plans) {
        if (!keyId.isEmpty() && !plan.keyIds.contains(keyId))
            continue;
        QJsonArray stages;
        for (const RestUsagePlanConfig::Stage &stage : plan.apiStages)
            stages.append(QJsonObject{{QStringLiteral("apiId"), stage.apiId}, {QStringLiteral("stage"), stage.stage}});
        QJsonObject item{{QStringLiteral("id"), plan.id},
                         {QStringLiteral("name"), plan.name},
                         {QStringLiteral("apiStages"), stages}};
        if (plan.rateLimit)
            item.insert(QStringLiteral("throttle"), QJsonObject{{QStringLiteral("burstLimit"), plan.burstLimit.value_or(0)},
                                                                {QStringLiteral("rateLimit"), *plan.rateLimit}});
        if (plan.quotaLimit)
            item.insert(QStringLiteral("quota"), QJsonObject{{QStringLiteral("limit"), *plan.quotaLimit},
                                                             {QStringLiteral("offset"), plan.quotaOffset},
                                                             {QStringLiteral("period"), periodName(plan.quotaPeriod)}});
        items.append(item);
    }
    return QJsonObject{{QStringLiteral("item"), items}};
}

} // namespace Gatehouse::Emulator
