// API keys and usage plans of REST APIs: AWS::ApiGateway::ApiKey, UsagePlan, UsagePlanKey and
// the plans SAM creates for Auth.UsagePlan.
#include "restapireader.h"

#include "labloader.h"
#include "templatenodes.h"

#include <QCryptographicHash>

namespace Gatehouse::Emulator {

using namespace TemplateNodes;

QString RestApiReader::keyIdFor(const QString &labName, const QString &logicalId)
{
    return LabLoader::apiIdFor(labName, QStringLiteral("key:") + logicalId);
}

QString RestApiReader::planIdFor(const QString &labName, const QString &logicalId)
{
    return LabLoader::apiIdFor(labName, QStringLiteral("plan:") + logicalId);
}

QString RestApiReader::keyValueFor(const QString &labName, const QString &logicalId)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QByteArray digest = QCryptographicHash::hash((QStringLiteral("apikey/") + labName + QLatin1Char('/') + logicalId).toUtf8(),
                                                 QCryptographicHash::Sha256);
    digest += QCryptographicHash::hash(digest, QCryptographicHash::Sha256);
    QString out;
    for (int i = 0; i < 40; ++i)
        out += QLatin1Char(alphabet[quint8(digest.at(i)) % 62]);
    return out;
}

RestApiReader::RestApiReader(LabDefinition *lab, IntrinsicEvaluator *eval) : m_lab(lab), m_eval(eval)
{
}

void RestApiReader::finish(const YAML::Node &resources)
{
    for (const auto &entry : resources) {
        if (typeIs(entry.second, QStringLiteral("AWS::ApiGateway::ApiKey")))
            readKey(qstr(entry.first.Scalar()), entry.first, entry.second);
    }
    for (const auto &entry : resources) {
        if (typeIs(entry.second, QStringLiteral("AWS::ApiGateway::UsagePlan")))
            readPlan(qstr(entry.first.Scalar()), entry.first, entry.second);
    }
    for (const auto &entry : resources) {
        if (typeIs(entry.second, QStringLiteral("AWS::ApiGateway::UsagePlanKey")))
            readPlanKey(qstr(entry.first.Scalar()), entry.first, entry.second);
    }
    createSamPlans();
}

void RestApiReader::readKey(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    RestApiKeyConfig key;
    key.logicalId = logicalId;
    key.id = keyIdFor(m_lab->name, logicalId);
    key.name = logicalId;
    key.value = keyValueFor(m_lab->name, logicalId);
    key.enabled = false; // CloudFormation's default
    key.templateLine = keyNode.Mark().line + 1;
    const YAML::Node props = child(resource, "Properties");
    if (props.IsMap()) {
        checkKeys(props, field, {QStringLiteral("Name"), QStringLiteral("Value"), QStringLiteral("Enabled"), QStringLiteral("Description")},
                  {QStringLiteral("Tags"), QStringLiteral("CustomerId"), QStringLiteral("GenerateDistinctId"),
                   QStringLiteral("StageKeys")},
                  QStringLiteral("AWS::ApiGateway::ApiKey"));
        if (const YAML::Node name = child(props, "Name"); name.IsDefined())
            key.name = string(name, field + QStringLiteral(".Name")).value_or(key.name);
        if (const YAML::Node value = child(props, "Value"); value.IsDefined()) {
            const std::optional<QString> v = string(value, field + QStringLiteral(".Value"));
            if (v && v->size() < 20)
                m_eval->error(value, field + QStringLiteral(".Value"),
                              QStringLiteral("an API key's Value has at least 20 characters (this one has %1)").arg(v->size()));
            else if (v)
                key.value = *v;
        }
        if (const YAML::Node enabled = child(props, "Enabled"); enabled.IsDefined())
            key.enabled = boolean(enabled, field + QStringLiteral(".Enabled")).value_or(false);
    }
    if (!key.enabled)
        m_eval->warning(keyNode, field + QStringLiteral(".Enabled"),
                        QStringLiteral("the API key %1 is disabled (CloudFormation's default); requests with it get 403 "
                                       "until Enabled: true")
                            .arg(key.name));
    m_lab->apiKeys.append(key);
}

void RestApiReader::readPlan(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    RestUsagePlanConfig plan;
    plan.logicalId = logicalId;
    plan.id = planIdFor(m_lab->name, logicalId);
    plan.name = logicalId;
    plan.templateLine = keyNode.Mark().line + 1;
    const YAML::Node props = child(resource, "Properties");
    if (props.IsMap()) {
        checkKeys(props, field,
                  {QStringLiteral("ApiStages"), QStringLiteral("Throttle"), QStringLiteral("Quota"),
                   QStringLiteral("UsagePlanName"), QStringLiteral("Description")},
                  {QStringLiteral("Tags")}, QStringLiteral("AWS::ApiGateway::UsagePlan"));
        if (const YAML::Node name = child(props, "UsagePlanName"); name.IsDefined())
            plan.name = string(name, field + QStringLiteral(".UsagePlanName")).value_or(plan.name);
        const YAML::Node stages = child(props, "ApiStages");
        if (stages.IsDefined() && !stages.IsSequence())
            m_eval->error(stages, field + QStringLiteral(".ApiStages"), QStringLiteral("ApiStages is a list of {ApiId, Stage}"));
        for (const auto &s : stages.IsSequence() ? stages : YAML::Node()) {
            const QString stageField = field + QStringLiteral(".ApiStages");
            checkKeys(s, stageField, {QStringLiteral("ApiId"), QStringLiteral("Stage")}, {}, QStringLiteral("an API stage"));
            if (child(s, "Throttle").IsDefined())
                m_eval->error(TemplateNodes::keyNode(s, "Throttle"), stageField + QStringLiteral(".Throttle"),
                              QStringLiteral("per-method throttling is not supported by Gatehouse; use the plan's Throttle"));
            const std::optional<QString> apiId = string(child(s, "ApiId"), stageField + QStringLiteral(".ApiId"));
            const std::optional<QString> stage = string(child(s, "Stage"), stageField + QStringLiteral(".Stage"));
            if (!apiId || !stage)
                continue;
            const RestApiConfig *api = apiById(*apiId);
            if (!api)
                m_eval->error(child(s, "ApiId"), stageField + QStringLiteral(".ApiId"),
                              QStringLiteral("ApiId must be !Ref to a REST API of this template (AWS::Serverless::Api "
                                             "or ServerlessRestApi)"));
            else if (api->stageName != *stage)
                m_eval->error(child(s, "Stage"), stageField + QStringLiteral(".Stage"),
                              QStringLiteral("the API %1 has no stage %2 (its stage is %3)").arg(api->logicalId, *stage, api->stageName));
            else
                plan.apiStages.append({*apiId, *stage});
        }
        readLimits(&plan, props, field);
    }
    m_lab->usagePlans.append(plan);
}

void RestApiReader::readLimits(RestUsagePlanConfig *plan, const YAML::Node &props, const QString &field)
{
    if (const YAML::Node throttle = child(props, "Throttle"); throttle.IsDefined()) {
        const QString f = field + QStringLiteral(".Throttle");
        checkKeys(throttle, f, {QStringLiteral("BurstLimit"), QStringLiteral("RateLimit")}, {}, QStringLiteral("Throttle"));
        if (const YAML::Node burst = child(throttle, "BurstLimit"); burst.IsDefined())
            if (std::optional<double> b = number(burst, f + QStringLiteral(".BurstLimit"), 0, 5000))
                plan->burstLimit = int(*b);
        if (const YAML::Node rate = child(throttle, "RateLimit"); rate.IsDefined())
            plan->rateLimit = number(rate, f + QStringLiteral(".RateLimit"), 0, 10000);
        if (plan->rateLimit && !plan->burstLimit)
            plan->burstLimit = 0;
    }
    if (const YAML::Node quota = child(props, "Quota"); quota.IsDefined()) {
        const QString f = field + QStringLiteral(".Quota");
        checkKeys(quota, f, {QStringLiteral("Limit"), QStringLiteral("Period"), QStringLiteral("Offset")}, {}, QStringLiteral("Quota"));
        const YAML::Node limit = child(quota, "Limit");
        const YAML::Node period = child(quota, "Period");
        if (!limit.IsDefined() || !period.IsDefined()) {
            m_eval->error(quota, f, QStringLiteral("a Quota needs Limit and Period (DAY, WEEK or MONTH)"));
            return;
        }
        if (std::optional<double> l = number(limit, f + QStringLiteral(".Limit"), 0, 2147483647))
            plan->quotaLimit = int(*l);
        const std::optional<QString> p = string(period, f + QStringLiteral(".Period"));
        if (p == QLatin1String("DAY"))
            plan->quotaPeriod = RestUsagePlanConfig::QuotaPeriod::Day;
        else if (p == QLatin1String("WEEK"))
            plan->quotaPeriod = RestUsagePlanConfig::QuotaPeriod::Week;
        else if (p == QLatin1String("MONTH"))
            plan->quotaPeriod = RestUsagePlanConfig::QuotaPeriod::Month;
        else if (p)
            m_eval->error(period, f + QStringLiteral(".Period"), QStringLiteral("invalid Period %1; use DAY, WEEK or MONTH").arg(*p));
        if (const YAML::Node offset = child(quota, "Offset"); offset.IsDefined()) {
            const int max = plan->quotaPeriod == RestUsagePlanConfig::QuotaPeriod::Day ? 0
                : plan->quotaPeriod == RestUsagePlanConfig::QuotaPeriod::Week          ? 6
                                                                                        : 27;
            if (std::optional<double> o = number(offset, f + QStringLiteral(".Offset"), 0, max))
                plan->quotaOffset = int(*o);
        }
    }
}

void RestApiReader::readPlanKey(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    const YAML::Node props = child(resource, "Properties");
    if (!props.IsMap()) {
        m_eval->error(keyNode, field, QStringLiteral("missing Properties (KeyId, KeyType, UsagePlanId)"));
        return;
    }
    checkKeys(props, field, {QStringLiteral("KeyId"), QStringLiteral("KeyType"), QStringLiteral("UsagePlanId")}, {}, QStringLiteral("AWS::ApiGateway::UsagePlanKey"));
    const std::optional<QString> keyId = string(child(props, "KeyId"), field + QStringLiteral(".KeyId"));
    const std::optional<QString> type = string(child(props, "KeyType"), field + QStringLiteral(".KeyType"));
    const std::optional<QString> planId = string(child(props, "UsagePlanId"), field + QStringLiteral(".UsagePlanId"));
    if (type && *type != QLatin1String("API_KEY"))
        m_eval->error(child(props, "KeyType"), field + QStringLiteral(".KeyType"), QStringLiteral("KeyType must be API_KEY"));
    if (!keyId || !planId)
        return;
    const auto key = std::find_if(m_lab->apiKeys.cbegin(), m_lab->apiKeys.cend(),
                                  [&](const RestApiKeyConfig &k) { return k.id == *keyId; });
    if (key == m_lab->apiKeys.cend()) {
        m_eval->error(child(props, "KeyId"), field + QStringLiteral(".KeyId"),
                      QStringLiteral("KeyId must be !Ref to an AWS::ApiGateway::ApiKey of this template"));
        return;
    }
    for (RestUsagePlanConfig &plan : m_lab->usagePlans) {
        if (plan.id == *planId) {
            plan.keyIds.append(*keyId);
            return;
        }
    }
    m_eval->error(child(props, "UsagePlanId"), field + QStringLiteral(".UsagePlanId"),
                  QStringLiteral("UsagePlanId must be !Ref to an AWS::ApiGateway::UsagePlan of this template"));
}

// What SAM generates for Auth.UsagePlan: PER_API a plan, key and plan key per API
// (<Api>UsagePlan, <Api>ApiKey), SHARED one of each for all such APIs (ServerlessUsagePlan,
// ServerlessApiKey). SAM's keys are enabled.
void RestApiReader::createSamPlans()
{
    for (const SamUsagePlan &sam : std::as_const(m_samPlans)) {
        const bool shared = sam.mode == QLatin1String("SHARED");
        const QString prefix = shared ? QStringLiteral("Serverless") : sam.apiLogicalId;
        const QString planLogicalId = prefix + QStringLiteral("UsagePlan");
        const RestApiConfig *api = nullptr;
        for (const RestApiConfig &a : std::as_const(m_lab->restApis)) {
            if (a.logicalId == sam.apiLogicalId)
                api = &a;
        }
        if (!api)
            continue;
        auto existing = std::find_if(m_lab->usagePlans.begin(), m_lab->usagePlans.end(),
                                     [&](const RestUsagePlanConfig &p) { return p.logicalId == planLogicalId; });
        if (existing != m_lab->usagePlans.end()) {
            if (!shared) {
                m_eval->error(sam.node, sam.field, QStringLiteral("SAM would create %1, which the template already declares").arg(planLogicalId));
                continue;
            }
            existing->apiStages.append({api->apiId, api->stageName});
            continue;
        }
        RestApiKeyConfig key;
        key.logicalId = prefix + QStringLiteral("ApiKey");
        key.id = keyIdFor(m_lab->name, key.logicalId);
        key.name = key.logicalId;
        key.value = keyValueFor(m_lab->name, key.logicalId);
        key.templateLine = sam.node.Mark().line + 1;
        m_lab->apiKeys.append(key);

        RestUsagePlanConfig plan;
        plan.logicalId = planLogicalId;
        plan.id = planIdFor(m_lab->name, planLogicalId);
        plan.name = planLogicalId;
        plan.templateLine = key.templateLine;
        plan.apiStages.append({api->apiId, api->stageName});
        plan.keyIds.append(key.id);
        if (const YAML::Node name = child(sam.node, "UsagePlanName"); name.IsDefined())
            plan.name = string(name, sam.field + QStringLiteral(".UsagePlanName")).value_or(plan.name);
        readLimits(&plan, sam.node, sam.field);
        m_lab->usagePlans.append(plan);
    }
}

} // namespace Gatehouse::Emulator
