#include "restapireader.h"

#include "labloader.h"
#include "templatenodes.h"

#include <QRegularExpression>

namespace Gatehouse::Emulator {

using namespace TemplateNodes;

namespace {

const QString kApiType = QStringLiteral("AWS::Serverless::Api");
const QString kKeyType = QStringLiteral("AWS::ApiGateway::ApiKey");
const QString kPlanType = QStringLiteral("AWS::ApiGateway::UsagePlan");
const QString kPlanKeyType = QStringLiteral("AWS::ApiGateway::UsagePlanKey");

const QStringList &methods()
{
    static const QStringList list = {QStringLiteral("GET"),     QStringLiteral("POST"), QStringLiteral("PUT"),
                                     QStringLiteral("PATCH"),   QStringLiteral("DELETE"), QStringLiteral("HEAD"),
                                     QStringLiteral("OPTIONS"), QStringLiteral("ANY")};
    return list;
}

} // namespace

bool RestApiReader::typeIs(const YAML::Node &resource, const QString &type)
{
    const YAML::Node node = child(resource, "Type");
    return resource.IsMap() && node.IsScalar() && qstr(node.Scalar()) == type;
}

QStringList RestApiReader::resourceTypes()
{
    return {kApiType, kKeyType, kPlanType, kPlanKeyType};
}

void RestApiReader::declare(const YAML::Node &resources)
{
    bool implicit = false;
    for (const auto &entry : resources) {
        const QString id = qstr(entry.first.Scalar());
        IntrinsicEvaluator::Resource resource;
        if (typeIs(entry.second, kApiType)) {
            resource.type = kApiType;
            resource.refValue = LabLoader::apiIdFor(m_lab->name, id);
            resource.attributes.insert(QStringLiteral("RootResourceId"), resource.refValue.left(6));
            // SAM's `<Api>.Stage` reference names the stage it creates.
            IntrinsicEvaluator::Resource stage;
            stage.type = QStringLiteral("AWS::ApiGateway::Stage");
            stage.refValue = QStringLiteral("Prod");
            const YAML::Node stageName = child(child(entry.second, "Properties"), "StageName");
            if (stageName.IsScalar() && !IntrinsicEvaluator::isIntrinsic(stageName))
                stage.refValue = qstr(stageName.Scalar());
            m_eval->setResource(id + QStringLiteral(".Stage"), stage);
        } else if (typeIs(entry.second, kKeyType)) {
            resource.type = kKeyType;
            resource.refValue = keyIdFor(m_lab->name, id);
            resource.attributes.insert(QStringLiteral("APIKeyId"), resource.refValue);
        } else if (typeIs(entry.second, kPlanType)) {
            resource.type = kPlanType;
            resource.refValue = planIdFor(m_lab->name, id);
            resource.attributes.insert(QStringLiteral("Id"), resource.refValue);
        } else {
            if (typeIs(entry.second, QStringLiteral("AWS::Serverless::Function"))) {
                const YAML::Node events = child(child(entry.second, "Properties"), "Events");
                for (const auto &event : events.IsMap() ? events : YAML::Node()) {
                    if (child(event.second, "Type").IsScalar() && child(event.second, "Type").Scalar() == "Api"
                        && !child(child(event.second, "Properties"), "RestApiId").IsDefined())
                        implicit = true;
                }
            }
            continue;
        }
        m_eval->setResource(id, resource);
    }
    if (implicit && !m_eval->hasResource(implicitApiLogicalId())) {
        IntrinsicEvaluator::Resource api;
        api.type = kApiType;
        api.refValue = LabLoader::apiIdFor(m_lab->name, implicitApiLogicalId());
        m_eval->setResource(implicitApiLogicalId(), api);
        IntrinsicEvaluator::Resource stage;
        stage.type = QStringLiteral("AWS::ApiGateway::Stage");
        stage.refValue = QStringLiteral("Prod");
        m_eval->setResource(implicitApiLogicalId() + QStringLiteral(".Stage"), stage);
    }
}

void RestApiReader::readApis(const YAML::Node &resources)
{
    for (const auto &entry : resources) {
        if (typeIs(entry.second, kApiType))
            readApi(qstr(entry.first.Scalar()), entry.first, entry.second);
    }
}

void RestApiReader::readApi(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    RestApiConfig api;
    api.logicalId = logicalId;
    api.apiId = LabLoader::apiIdFor(m_lab->name, logicalId);
    api.name = m_lab->name;
    api.templateLine = keyNode.Mark().line + 1;
    const YAML::Node props = child(resource, "Properties");
    if (!props.IsMap()) {
        m_eval->error(keyNode, field, QStringLiteral("missing Properties (StageName is required)"));
        return;
    }
    checkKeys(props, field,
              {QStringLiteral("StageName"), QStringLiteral("Name"), QStringLiteral("Description"),
               QStringLiteral("Auth"), QStringLiteral("BinaryMediaTypes"), QStringLiteral("Variables"),
               QStringLiteral("Cors")},
              {QStringLiteral("Tags"), QStringLiteral("TracingEnabled"), QStringLiteral("MethodSettings"),
               QStringLiteral("AccessLogSetting"), QStringLiteral("CacheClusterEnabled"),
               QStringLiteral("CacheClusterSize"), QStringLiteral("EndpointConfiguration"),
               QStringLiteral("OpenApiVersion"), QStringLiteral("MinimumCompressionSize"),
               QStringLiteral("Mode"), QStringLiteral("FailOnWarnings"), QStringLiteral("DisableExecuteApiEndpoint"),
               QStringLiteral("PropagateTags"), QStringLiteral("Domain"), QStringLiteral("GatewayResponses"),
               QStringLiteral("CanarySetting"), QStringLiteral("Models"),
               QStringLiteral("ApiKeySourceType"), QStringLiteral("AlwaysDeploy"), QStringLiteral("MergeDefinitions")},
              kApiType);
    for (const char *notEmulated : {"DefinitionBody", "DefinitionUri"}) {
        if (child(props, notEmulated).IsDefined())
            m_eval->error(TemplateNodes::keyNode(props, notEmulated), field + QLatin1Char('.') + QLatin1String(notEmulated),
                          QStringLiteral("%1 (an OpenAPI definition) is not supported by Gatehouse; declare the "
                                         "methods as Api events of the functions")
                              .arg(QLatin1String(notEmulated)));
    }
    const YAML::Node stage = child(props, "StageName");
    if (!stage.IsDefined()) {
        m_eval->error(keyNode, field + QStringLiteral(".StageName"),
                      QStringLiteral("missing StageName (REST APIs always have a named stage, e.g. Prod)"));
    } else if (std::optional<QString> s = string(stage, field + QStringLiteral(".StageName"))) {
        static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9_-]{1,128}$"));
        if (valid.match(*s).hasMatch())
            api.stageName = *s;
        else
            m_eval->error(stage, field + QStringLiteral(".StageName"),
                          QStringLiteral("invalid StageName %1: use letters, digits, - and _ only").arg(*s));
    }
    readShared(&api, props, field);
    m_lab->restApis.append(api);
}

// What an API takes from its own Properties, else from Globals.Api, as SAM merges them (the
// implicit ServerlessRestApi has only Globals.Api).
void RestApiReader::readShared(RestApiConfig *api, const YAML::Node &props, const QString &field)
{
    QString f;
    if (const YAML::Node name = setting(props, "Name", field, &f); name.IsDefined())
        api->name = string(name, f).value_or(api->name);
    if (const YAML::Node types = setting(props, "BinaryMediaTypes", field, &f); types.IsDefined()) {
        if (!types.IsSequence())
            m_eval->error(types, f, QStringLiteral("BinaryMediaTypes is a list of media types"));
        for (const auto &t : types.IsSequence() ? types : YAML::Node()) {
            // SAM writes "image~1png" for image/png (~1 is "/" in a JSON pointer).
            if (std::optional<QString> v = string(t, f))
                api->binaryMediaTypes.append(QString(*v).replace(QStringLiteral("~1"), QStringLiteral("/")));
        }
    }
    if (const YAML::Node variables = setting(props, "Variables", field, &f); variables.IsMap()) {
        for (const auto &v : variables) {
            const QString name = qstr(v.first.Scalar());
            if (std::optional<QString> value = string(v.second, f + QLatin1Char('.') + name))
                api->stageVariables.append({name, *value});
        }
    }
    if (const YAML::Node cors = setting(props, "Cors", field, &f); cors.IsDefined())
        readCors(api, cors, f);
    const YAML::Node auth = child(props, "Auth");
    const YAML::Node globalAuth = child(m_globalApi, "Auth");
    if (auth.IsDefined() || globalAuth.IsDefined())
        readApiAuth(api, auth, field + QStringLiteral(".Auth"), globalAuth);
}

YAML::Node RestApiReader::setting(const YAML::Node &props, const char *key, const QString &field, QString *used) const
{
    const YAML::Node own = child(props, key);
    *used = (own.IsDefined() ? field : QStringLiteral("Globals.Api")) + QLatin1Char('.') + QLatin1String(key);
    return own.IsDefined() ? own : child(m_globalApi, key);
}

// Cors: "'origin'" or {AllowOrigin, AllowMethods, AllowHeaders, MaxAge, AllowCredentials}, the
// strings in single quotes as SAM hands them to API Gateway (mapping expressions).
void RestApiReader::readCors(RestApiConfig *api, const YAML::Node &cors, const QString &field)
{
    RestApiCorsConfig config;
    if (!cors.IsMap()) {
        const std::optional<QString> origin = quoted(cors, field);
        if (!origin)
            return;
        config.allowOrigin = *origin;
    } else {
        checkKeys(cors, field,
                  {QStringLiteral("AllowOrigin"), QStringLiteral("AllowMethods"), QStringLiteral("AllowHeaders"),
                   QStringLiteral("MaxAge"), QStringLiteral("AllowCredentials")},
                  {}, QStringLiteral("Cors"));
        const YAML::Node origin = child(cors, "AllowOrigin");
        if (!origin.IsDefined()) {
            m_eval->error(cors, field + QStringLiteral(".AllowOrigin"), QStringLiteral("missing AllowOrigin, e.g. \"'*'\""));
            return;
        }
        const std::optional<QString> o = quoted(origin, field + QStringLiteral(".AllowOrigin"));
        if (!o)
            return;
        config.allowOrigin = *o;
        if (const YAML::Node m = child(cors, "AllowMethods"); m.IsDefined())
            config.allowMethods = quoted(m, field + QStringLiteral(".AllowMethods")).value_or(QString());
        if (const YAML::Node h = child(cors, "AllowHeaders"); h.IsDefined())
            config.allowHeaders = quoted(h, field + QStringLiteral(".AllowHeaders")).value_or(QString());
        if (const YAML::Node a = child(cors, "MaxAge"); a.IsDefined())
            config.maxAge = quoted(a, field + QStringLiteral(".MaxAge")).value_or(QString());
        if (const YAML::Node c = child(cors, "AllowCredentials"); c.IsDefined())
            config.allowCredentials = boolean(c, field + QStringLiteral(".AllowCredentials")).value_or(false);
    }
    config.enabled = true;
    api->cors = config;
}

std::optional<QString> RestApiReader::quoted(const YAML::Node &node, const QString &field)
{
    const std::optional<QString> text = m_eval->evaluate(node, field);
    if (!text)
        return std::nullopt;
    if (text->size() < 2 || !text->startsWith(QLatin1Char('\'')) || !text->endsWith(QLatin1Char('\''))) {
        m_eval->error(node, field, QStringLiteral("%1 must be in single quotes inside the string, e.g. \"'%1'\": SAM "
                                                  "passes it to API Gateway as a mapping expression")
                                       .arg(*text));
        return std::nullopt;
    }
    return text->mid(1, text->size() - 2);
}

void RestApiReader::setGlobals(const YAML::Node &globalApi)
{
    m_globalApi = globalApi;
    if (!globalApi.IsMap())
        return;
    checkKeys(globalApi, QStringLiteral("Globals.Api"),
              {QStringLiteral("Name"), QStringLiteral("Auth"), QStringLiteral("BinaryMediaTypes"), QStringLiteral("Variables"),
               QStringLiteral("Cors")},
              {QStringLiteral("TracingEnabled"), QStringLiteral("MethodSettings"), QStringLiteral("AccessLogSetting"),
               QStringLiteral("CacheClusterEnabled"), QStringLiteral("CacheClusterSize"),
               QStringLiteral("EndpointConfiguration"), QStringLiteral("OpenApiVersion"),
               QStringLiteral("MinimumCompressionSize"), QStringLiteral("Domain"), QStringLiteral("GatewayResponses"),
               QStringLiteral("CanarySetting"), QStringLiteral("AlwaysDeploy"),
               QStringLiteral("MergeDefinitions"), QStringLiteral("PropagateTags")},
              QStringLiteral("Globals.Api"));
    if (child(globalApi, "DefinitionUri").IsDefined())
        m_eval->error(TemplateNodes::keyNode(globalApi, "DefinitionUri"), QStringLiteral("Globals.Api.DefinitionUri"),
                      QStringLiteral("DefinitionUri (an OpenAPI definition) is not supported by Gatehouse; declare the "
                                     "methods as Api events of the functions"));
}


// Auth of an API, key by key from the resource, else from Globals.Api.Auth.
void RestApiReader::readApiAuth(RestApiConfig *api, const YAML::Node &auth, const QString &resourceField,
                                const YAML::Node &globalAuth)
{
    const QString globalField = QStringLiteral("Globals.Api.Auth");
    for (const auto &[node, field] : {std::pair{auth, resourceField}, std::pair{globalAuth, globalField}}) {
        if (!node.IsDefined())
            continue;
        if (!node.IsMap()) {
            m_eval->error(node, field, QStringLiteral("expected a map of names to values"));
            return;
        }
        // Globals are checked once, not again for every API.
        if (field == globalField && m_globalAuthChecked)
            continue;
        m_globalAuthChecked = m_globalAuthChecked || field == globalField;
        checkKeys(node, field,
                  {QStringLiteral("ApiKeyRequired"), QStringLiteral("UsagePlan"), QStringLiteral("AddApiKeyRequiredToCorsPreflight")},
                  {QStringLiteral("AddDefaultAuthorizerToCorsPreflight"), QStringLiteral("InvokeRole")},
                  QStringLiteral("the Auth of an AWS::Serverless::Api"));
        for (const char *notEmulated : {"Authorizers", "DefaultAuthorizer", "ResourcePolicy"}) {
            if (child(node, notEmulated).IsDefined())
                m_eval->error(TemplateNodes::keyNode(node, notEmulated), field + QLatin1Char('.') + QLatin1String(notEmulated),
                              QStringLiteral("%1 of a REST API is not supported by Gatehouse yet (API keys and usage plans are)")
                                  .arg(QLatin1String(notEmulated)));
        }
    }
    const bool own = child(auth, "ApiKeyRequired").IsDefined();
    if (const YAML::Node required = own ? child(auth, "ApiKeyRequired") : child(globalAuth, "ApiKeyRequired"); required.IsDefined())
        api->apiKeyRequired = boolean(required, (own ? resourceField : globalField) + QStringLiteral(".ApiKeyRequired")).value_or(false);
    const bool ownPreflight = child(auth, "AddApiKeyRequiredToCorsPreflight").IsDefined();
    if (const YAML::Node preflight = ownPreflight ? child(auth, "AddApiKeyRequiredToCorsPreflight")
                                                  : child(globalAuth, "AddApiKeyRequiredToCorsPreflight");
        preflight.IsDefined())
        api->apiKeyOnPreflight = boolean(preflight, (ownPreflight ? resourceField : globalField)
                                                        + QStringLiteral(".AddApiKeyRequiredToCorsPreflight"))
                                     .value_or(true);
    const bool ownPlan = child(auth, "UsagePlan").IsDefined();
    const YAML::Node plan = ownPlan ? child(auth, "UsagePlan") : child(globalAuth, "UsagePlan");
    if (!plan.IsDefined())
        return;
    const QString planField = (ownPlan ? resourceField : globalField) + QStringLiteral(".UsagePlan");
    if (!plan.IsMap()) {
        m_eval->error(plan, planField, QStringLiteral("expected a map with CreateUsagePlan"));
        return;
    }
    checkKeys(plan, planField,
              {QStringLiteral("CreateUsagePlan"), QStringLiteral("Quota"), QStringLiteral("Throttle"),
               QStringLiteral("UsagePlanName"), QStringLiteral("Description")},
              {QStringLiteral("Tags")}, QStringLiteral("Auth.UsagePlan"));
    const YAML::Node create = child(plan, "CreateUsagePlan");
    if (!create.IsDefined()) {
        m_eval->error(plan, planField + QStringLiteral(".CreateUsagePlan"),
                      QStringLiteral("missing CreateUsagePlan (PER_API, SHARED or NONE)"));
        return;
    }
    const std::optional<QString> mode = string(create, planField + QStringLiteral(".CreateUsagePlan"));
    if (!mode)
        return;
    if (*mode == QLatin1String("NONE"))
        return;
    if (*mode != QLatin1String("PER_API") && *mode != QLatin1String("SHARED")) {
        m_eval->error(create, planField + QStringLiteral(".CreateUsagePlan"),
                      QStringLiteral("invalid CreateUsagePlan %1; use PER_API, SHARED or NONE").arg(*mode)
                          + suggestion(*mode, {QStringLiteral("PER_API"), QStringLiteral("SHARED"), QStringLiteral("NONE")}));
        return;
    }
    m_samPlans.append({api->logicalId, *mode, plan, planField});
}

void RestApiReader::readEvent(const QString &functionName, const YAML::Node &keyNode, const YAML::Node &props,
                              const QString &field)
{
    if (!props.IsMap()) {
        m_eval->error(keyNode, field, QStringLiteral("an Api event needs Properties with Path and Method"));
        return;
    }
    checkKeys(props, field,
              {QStringLiteral("Path"), QStringLiteral("Method"), QStringLiteral("RestApiId"), QStringLiteral("Auth"),
               QStringLiteral("TimeoutInMillis")},
              {QStringLiteral("RequestModel"), QStringLiteral("RequestParameters")}, QStringLiteral("an Api event"));
    RestMethodConfig method;
    method.functionName = functionName;
    method.templateLine = keyNode.Mark().line + 1;
    const YAML::Node path = child(props, "Path");
    const YAML::Node verb = child(props, "Method");
    if (!path.IsDefined() || !verb.IsDefined()) {
        m_eval->error(path.IsDefined() ? verb : path, field + (path.IsDefined() ? QStringLiteral(".Method") : QStringLiteral(".Path")),
                      QStringLiteral("an Api event needs both Path (e.g. /menu) and Method (e.g. get, or any)"));
        return;
    }
    const std::optional<QString> p = string(path, field + QStringLiteral(".Path"));
    const std::optional<QString> m = string(verb, field + QStringLiteral(".Method"));
    if (!p || !m || !checkPath(*p, path, field + QStringLiteral(".Path")))
        return;
    method.resourcePath = *p;
    method.httpMethod = m->toUpper();
    if (!methods().contains(method.httpMethod)) {
        m_eval->error(verb, field + QStringLiteral(".Method"),
                      QStringLiteral("invalid Method %1; use one of %2").arg(*m, methods().join(QStringLiteral(", ")).toLower())
                          + suggestion(method.httpMethod, methods()));
        return;
    }
    RestApiConfig *api = nullptr;
    const YAML::Node apiRef = child(props, "RestApiId");
    if (!apiRef.IsDefined()) {
        api = implicitApi(method.templateLine);
    } else {
        const QString target = refTarget(apiRef);
        for (RestApiConfig &candidate : m_lab->restApis) {
            if (candidate.logicalId == target)
                api = &candidate;
        }
        if (!api) {
            m_eval->error(apiRef, field + QStringLiteral(".RestApiId"),
                          QStringLiteral("RestApiId must be !Ref to an AWS::Serverless::Api resource of this template"));
            return;
        }
    }
    method.apiKeyRequired = api->apiKeyRequired;
    if (const YAML::Node auth = child(props, "Auth"); auth.IsDefined()) {
        const QString authField = field + QStringLiteral(".Auth");
        if (!auth.IsMap()) {
            m_eval->error(auth, authField, QStringLiteral("expected a map, e.g. {ApiKeyRequired: true}"));
            return;
        }
        checkKeys(auth, authField, {QStringLiteral("ApiKeyRequired"), QStringLiteral("Authorizer")},
                  {QStringLiteral("InvokeRole")}, QStringLiteral("the Auth of an Api event"));
        if (const YAML::Node required = child(auth, "ApiKeyRequired"); required.IsDefined())
            method.apiKeyRequired = boolean(required, authField + QStringLiteral(".ApiKeyRequired")).value_or(false);
        if (const YAML::Node authorizer = child(auth, "Authorizer"); authorizer.IsDefined()) {
            const std::optional<QString> name = string(authorizer, authField + QStringLiteral(".Authorizer"));
            if (name && *name != QLatin1String("NONE"))
                m_eval->error(authorizer, authField + QStringLiteral(".Authorizer"),
                              QStringLiteral("authorizers on REST APIs are not supported by Gatehouse yet; use "
                                             "ApiKeyRequired, or an HttpApi event with a JWT authorizer"));
        }
        for (const char *notEmulated : {"AuthorizationScopes", "ResourcePolicy"}) {
            if (child(auth, notEmulated).IsDefined())
                m_eval->error(TemplateNodes::keyNode(auth, notEmulated), authField + QLatin1Char('.') + QLatin1String(notEmulated),
                              QStringLiteral("%1 is not supported by Gatehouse").arg(QLatin1String(notEmulated)));
        }
    }
    if (const YAML::Node timeout = child(props, "TimeoutInMillis"); timeout.IsDefined()) {
        if (std::optional<double> ms = number(timeout, field + QStringLiteral(".TimeoutInMillis"), 50, 29000))
            method.timeoutMs = int(*ms);
    }
    const QString key = api->apiId + QLatin1Char(' ') + method.httpMethod + QLatin1Char(' ') + method.resourcePath;
    const QString event = field.chopped(QStringLiteral(".Properties").size());
    if (m_methodOrigins.contains(key)) {
        m_eval->error(keyNode, event, QStringLiteral("method %1 %2 is already defined on %3 by %4")
                                          .arg(method.httpMethod, method.resourcePath, api->logicalId, m_methodOrigins.value(key)));
        return;
    }
    m_methodOrigins.insert(key, event);
    api->methods.append(method);
}

bool RestApiReader::checkPath(const QString &path, const YAML::Node &at, const QString &field)
{
    QString problem;
    if (!path.startsWith(QLatin1Char('/'))) {
        problem = QStringLiteral("a Path starts with /, e.g. /orders/{id}");
    } else if (path != QLatin1String("/")) {
        const QStringList segments = path.mid(1).split(QLatin1Char('/'));
        static const QRegularExpression variable(QStringLiteral("^\\{[A-Za-z0-9._-]+\\+?\\}$"));
        for (qsizetype i = 0; i < segments.size() && problem.isEmpty(); ++i) {
            const QString &s = segments.at(i);
            if (s.isEmpty())
                problem = QStringLiteral("empty path segment in %1 (no // and no / at the end)").arg(path);
            else if ((s.contains(QLatin1Char('{')) || s.contains(QLatin1Char('}'))) && !variable.match(s).hasMatch())
                problem = QStringLiteral("path segment %1 must be a whole {name} or {name+}").arg(s);
            else if (s.endsWith(QLatin1String("+}")) && i != segments.size() - 1)
                problem = QStringLiteral("a greedy %1 must be the last segment").arg(s);
        }
    }
    if (!problem.isEmpty())
        m_eval->error(at, field, problem);
    return problem.isEmpty();
}

RestApiConfig *RestApiReader::implicitApi(int line)
{
    for (RestApiConfig &api : m_lab->restApis) {
        if (api.logicalId == implicitApiLogicalId())
            return &api;
    }
    RestApiConfig api;
    api.logicalId = implicitApiLogicalId();
    api.apiId = LabLoader::apiIdFor(m_lab->name, api.logicalId);
    api.name = m_lab->name;
    api.templateLine = line;
    readShared(&api, YAML::Node(), QStringLiteral("Globals.Api"));
    m_lab->restApis.append(api);
    return &m_lab->restApis.last();
}

RestApiConfig *RestApiReader::apiById(const QString &apiId)
{
    for (RestApiConfig &api : m_lab->restApis) {
        if (api.apiId == apiId)
            return &api;
    }
    return nullptr;
}

void RestApiReader::checkKeys(const YAML::Node &map, const QString &field, const QStringList &supported,
                              const QStringList &noLocalEffect, const QString &owner)
{
    if (!map.IsMap())
        return;
    for (const auto &entry : map) {
        const QString key = qstr(entry.first.Scalar());
        if (supported.contains(key))
            continue;
        const QString path = field + QLatin1Char('.') + key;
        if (noLocalEffect.contains(key))
            m_eval->warning(entry.first, path, QStringLiteral("has no effect in the emulator (kept for AWS)"));
        else if (key != QLatin1String("DefinitionBody") && key != QLatin1String("DefinitionUri")
                 && key != QLatin1String("Authorizers") && key != QLatin1String("DefaultAuthorizer")
                 && key != QLatin1String("ResourcePolicy") && key != QLatin1String("AuthorizationScopes"))
            m_eval->error(entry.first, path,
                          QStringLiteral("unknown property of %1").arg(owner) + suggestion(key, supported + noLocalEffect));
    }
}

std::optional<QString> RestApiReader::string(const YAML::Node &node, const QString &field)
{
    if (!node.IsDefined()) {
        m_eval->error(node, field, QStringLiteral("missing %1").arg(field.section(QLatin1Char('.'), -1)));
        return std::nullopt;
    }
    return m_eval->evaluate(node, field);
}

std::optional<bool> RestApiReader::boolean(const YAML::Node &node, const QString &field)
{
    const std::optional<QString> text = m_eval->evaluate(node, field);
    if (!text)
        return std::nullopt;
    if (text->compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
        return true;
    if (text->compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
        return false;
    m_eval->error(node, field, QStringLiteral("%1 is not true or false").arg(*text));
    return std::nullopt;
}

std::optional<double> RestApiReader::number(const YAML::Node &node, const QString &field, double min, double max)
{
    const std::optional<QString> text = m_eval->evaluate(node, field);
    if (!text)
        return std::nullopt;
    bool ok = false;
    const double value = text->toDouble(&ok);
    if (!ok || value < min || value > max) {
        m_eval->error(node, field, QStringLiteral("%1 is not a number from %2 to %3").arg(*text).arg(min).arg(max));
        return std::nullopt;
    }
    return value;
}

} // namespace Gatehouse::Emulator
