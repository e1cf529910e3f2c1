#include "websocketapireader.h"

#include "httpapilambdaauthorizer.h"
#include "labloader.h"
#include "templatenodes.h"

namespace Gatehouse::Emulator {

using namespace TemplateNodes;

namespace {

const QString kApiType = QStringLiteral("AWS::ApiGatewayV2::Api");
const QString kRouteType = QStringLiteral("AWS::ApiGatewayV2::Route");
const QString kIntegrationType = QStringLiteral("AWS::ApiGatewayV2::Integration");
const QString kStageType = QStringLiteral("AWS::ApiGatewayV2::Stage");
const QString kDeploymentType = QStringLiteral("AWS::ApiGatewayV2::Deployment");
const QString kRouteResponseType = QStringLiteral("AWS::ApiGatewayV2::RouteResponse");
const QString kAuthorizerType = QStringLiteral("AWS::ApiGatewayV2::Authorizer");

// "arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function arn>/invocations"
// or the function ARN itself: the function's name (with a qualifier when the ARN has one).
QString functionFromUri(const QString &uri)
{
    static const QString marker = QStringLiteral(":function:");
    const qsizetype at = uri.indexOf(marker);
    if (at < 0)
        return {};
    QString name = uri.mid(at + marker.size());
    if (const qsizetype slash = name.indexOf(QLatin1Char('/')); slash >= 0)
        name.truncate(slash);
    return name;
}

} // namespace

QStringList WebSocketApiReader::resourceTypes()
{
    return {kApiType, kRouteType, kIntegrationType, kStageType, kDeploymentType, kRouteResponseType,
            kAuthorizerType};
}

WebSocketApiReader::WebSocketApiReader(LabDefinition *lab, IntrinsicEvaluator *eval)
    : m_lab(lab), m_eval(eval)
{
}

void WebSocketApiReader::declare(const YAML::Node &resources)
{
    for (const auto &entry : resources) {
        const QString type = resourceType(entry.second);
        if (type != kApiType && type != kIntegrationType && type != kStageType && type != kRouteType
            && type != kAuthorizerType)
            continue;
        const QString id = qstr(entry.first.Scalar());
        IntrinsicEvaluator::Resource resource;
        resource.type = type;
        resource.refValue = type == kStageType ? id : LabLoader::apiIdFor(m_lab->name, id);
        m_eval->setResource(id, resource);
    }
}

void WebSocketApiReader::read(const YAML::Node &resources)
{
    // Order matters: routes name integrations and authorizers, and all of them name the API.
    forEachResource(resources, {kApiType, kIntegrationType, kAuthorizerType, kRouteType, kRouteResponseType, kStageType},
                    m_eval, [this](const QString &wanted, const QString &id, const YAML::Node &key, const YAML::Node &props) {
                        if (wanted == kApiType)
                            readApi(id, key, props);
                        else if (wanted == kIntegrationType)
                            readIntegration(id, key, props);
                        else if (wanted == kRouteType)
                            readRoute(id, key, props);
                        else if (wanted == kRouteResponseType)
                            readRouteResponse(id, key, props);
                        else if (wanted == kAuthorizerType)
                            readAuthorizer(id, key, props);
                        else
                            readStage(id, key, props);
                    });
    for (WebSocketApiConfig &api : m_lab->webSocketApis) {
        if (api.stageName.isEmpty())
            api.stageName = QStringLiteral("production");
    }
    // On AWS a route is two-way only with both halves; the emulator takes either, and says
    // what a deployment would still need.
    for (const RouteSite &site : std::as_const(m_routeSites)) {
        if (site.hasExpression == site.hasResponse)
            continue;
        m_eval->warning(site.keyNode, site.field,
                        site.hasExpression
                            ? QStringLiteral("two-way on AWS only with an AWS::ApiGatewayV2::RouteResponse "
                                             "(RouteResponseKey $default) for this route; the emulator answers anyway")
                            : QStringLiteral("two-way on AWS only with RouteResponseSelectionExpression: $default "
                                             "on the route; the emulator answers anyway"));
    }
}

WebSocketApiReader::RouteSite *WebSocketApiReader::routeSite(const QString &routeId)
{
    for (RouteSite &site : m_routeSites) {
        if (site.routeId == routeId)
            return &site;
    }
    return nullptr;
}

void WebSocketApiReader::readRouteResponse(const QString &logicalId, const YAML::Node &keyNode,
                                           const YAML::Node &props)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    WebSocketApiConfig *api = apiFor(props, keyNode, field);
    if (!api)
        return;
    const std::optional<QString> routeId = required(props, "RouteId", keyNode, field);
    const std::optional<QString> key = required(props, "RouteResponseKey", keyNode, field);
    if (!routeId || !key)
        return;
    RouteSite *site = routeSite(*routeId);
    if (!site || site->apiId != api->apiId) {
        m_eval->error(child(props, "RouteId"), field + QStringLiteral(".RouteId"),
                      QStringLiteral("RouteId must name a route of the same WebSocket API (!Ref <Route>)"));
        return;
    }
    if (*key != QLatin1String("$default")) {
        m_eval->error(child(props, "RouteResponseKey"), field + QStringLiteral(".RouteResponseKey"),
                      QStringLiteral("WebSocket APIs only have the $default route response"));
        return;
    }
    site->hasResponse = true;
    for (WebSocketRouteConfig &route : api->routes) {
        if (route.routeKey == site->routeKey)
            route.twoWay = true;
    }
}

std::optional<QString> WebSocketApiReader::required(const YAML::Node &props, const char *key,
                                                    const YAML::Node &keyNode, const QString &field)
{
    const YAML::Node node = child(props, key);
    const QString path = field + QLatin1Char('.') + QLatin1String(key);
    if (!node.IsDefined()) {
        m_eval->error(keyNode, path, QStringLiteral("missing %1").arg(QLatin1String(key)));
        return std::nullopt;
    }
    return m_eval->evaluate(node, path);
}

// Target is written !Join [/, [integrations, !Ref Integration]] in AWS's samples; Fn::Join is
// read here only, so the general evaluator keeps refusing it where it would mean more.
std::optional<QString> WebSocketApiReader::routeTarget(const YAML::Node &props, const YAML::Node &keyNode,
                                                       const QString &field)
{
    const YAML::Node node = child(props, "Target");
    const QString path = field + QStringLiteral(".Target");
    const bool tagged = node.Tag() == "!Join";
    if (!tagged && !(node.IsMap() && node.size() == 1 && child(node, "Fn::Join").IsDefined()))
        return required(props, "Target", keyNode, field);
    const YAML::Node argument = tagged ? node : child(node, "Fn::Join");
    if (!argument.IsSequence() || argument.size() != 2 || !argument[0].IsScalar() || !argument[1].IsSequence()) {
        m_eval->error(node, path, QStringLiteral("Fn::Join takes a delimiter and a list: !Join [/, [integrations, !Ref Integration]]"));
        return std::nullopt;
    }
    QStringList parts;
    for (const YAML::Node &item : argument[1]) {
        const std::optional<QString> part = m_eval->evaluate(item, path);
        if (!part)
            return std::nullopt;
        parts.append(*part);
    }
    return parts.join(qstr(argument[0].Scalar()));
}

void WebSocketApiReader::readApi(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &props)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    const std::optional<QString> protocol = required(props, "ProtocolType", keyNode, field);
    if (!protocol)
        return;
    if (*protocol != QLatin1String("WEBSOCKET")) {
        m_eval->error(child(props, "ProtocolType"), field + QStringLiteral(".ProtocolType"),
                      QStringLiteral("only ProtocolType WEBSOCKET is emulated for %1; write HTTP APIs as "
                                     "AWS::Serverless::HttpApi").arg(kApiType));
        return;
    }
    WebSocketApiConfig api;
    api.logicalId = logicalId;
    api.apiId = LabLoader::apiIdFor(m_lab->name, logicalId);
    api.name = logicalId;
    api.templateLine = keyNode.Mark().line + 1;
    if (child(props, "Name").IsDefined()) {
        if (std::optional<QString> name = m_eval->evaluate(child(props, "Name"), field + QStringLiteral(".Name")))
            api.name = *name;
    }
    const std::optional<QString> expression = required(props, "RouteSelectionExpression", keyNode, field);
    if (!expression)
        return;
    const bool plain = expression->startsWith(QLatin1String("$request.body."));
    const bool braced = expression->contains(QLatin1String("${request.body."));
    if (!plain && !braced) {
        m_eval->error(child(props, "RouteSelectionExpression"), field + QStringLiteral(".RouteSelectionExpression"),
                      QStringLiteral("the emulator selects routes by the message body: write "
                                     "$request.body.<field> or ${request.body.<field>}"));
        return;
    }
    api.routeSelectionExpression = *expression;
    m_lab->webSocketApis.append(api);
}

WebSocketApiConfig *WebSocketApiReader::apiFor(const YAML::Node &props, const YAML::Node &keyNode,
                                               const QString &field)
{
    const std::optional<QString> apiId = required(props, "ApiId", keyNode, field);
    if (!apiId)
        return nullptr;
    for (WebSocketApiConfig &api : m_lab->webSocketApis) {
        if (api.apiId == *apiId)
            return &api;
    }
    m_eval->error(child(props, "ApiId"), field + QStringLiteral(".ApiId"),
                  QStringLiteral("ApiId must name a WebSocket API of this template (!Ref <Api>)"));
    return nullptr;
}

void WebSocketApiReader::readIntegration(const QString &logicalId, const YAML::Node &keyNode,
                                         const YAML::Node &props)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    WebSocketApiConfig *api = apiFor(props, keyNode, field);
    if (!api)
        return;
    const std::optional<QString> type = required(props, "IntegrationType", keyNode, field);
    if (!type)
        return;
    if (*type != QLatin1String("AWS_PROXY")) {
        m_eval->error(child(props, "IntegrationType"), field + QStringLiteral(".IntegrationType"),
                      QStringLiteral("IntegrationType %1 is not emulated; use AWS_PROXY with a Lambda function").arg(*type));
        return;
    }
    const std::optional<QString> uri = required(props, "IntegrationUri", keyNode, field);
    if (!uri)
        return;
    const QString function = functionFromUri(*uri);
    const QString base = function.section(QLatin1Char(':'), 0, 0);
    const bool known = std::any_of(m_lab->functions.cbegin(), m_lab->functions.cend(),
                                   [&](const FunctionConfig &f) { return f.name == base; });
    if (!known) {
        m_eval->error(child(props, "IntegrationUri"), field + QStringLiteral(".IntegrationUri"),
                      QStringLiteral("IntegrationUri must be the invocation ARN of a function of this lab, e.g. "
                                     "!Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/"
                                     "${Function.Arn}/invocations (got %1)").arg(*uri));
        return;
    }
    m_integrations.insert(LabLoader::apiIdFor(m_lab->name, logicalId), {api->apiId, function});
}

void WebSocketApiReader::readRoute(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &props)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    WebSocketApiConfig *api = apiFor(props, keyNode, field);
    if (!api)
        return;
    const std::optional<QString> routeKey = required(props, "RouteKey", keyNode, field);
    const std::optional<QString> target = routeTarget(props, keyNode, field);
    if (!routeKey || !target)
        return;
    if (api->route(*routeKey)) {
        m_eval->error(child(props, "RouteKey"), field + QStringLiteral(".RouteKey"),
                      QStringLiteral("the API already has a route %1").arg(*routeKey));
        return;
    }
    static const QString prefix = QStringLiteral("integrations/");
    const auto integration = m_integrations.constFind(target->mid(prefix.size()));
    if (!target->startsWith(prefix) || integration == m_integrations.cend()
        || integration->apiId != api->apiId) {
        m_eval->error(child(props, "Target"), field + QStringLiteral(".Target"),
                      QStringLiteral("Target must be integrations/<id> of an AWS_PROXY integration of the same "
                                     "API, e.g. !Join [/, [integrations, !Ref Integration]] (got %1)").arg(*target));
        return;
    }
    WebSocketRouteConfig route;
    route.routeKey = *routeKey;
    route.functionName = integration->functionName;
    route.templateLine = keyNode.Mark().line + 1;
    readRouteAuthorization(&route, *api, props, field);
    if (child(props, "RouteResponseSelectionExpression").IsDefined()) {
        const QString path = field + QStringLiteral(".RouteResponseSelectionExpression");
        const std::optional<QString> expr = m_eval->evaluate(child(props, "RouteResponseSelectionExpression"), path);
        if (expr && *expr != QLatin1String("$default"))
            m_eval->error(child(props, "RouteResponseSelectionExpression"), path,
                          QStringLiteral("only $default is supported (the integration's body goes back to the client)"));
        route.twoWay = expr && *expr == QLatin1String("$default");
    }
    m_routeSites.append({LabLoader::apiIdFor(m_lab->name, logicalId), api->apiId, route.routeKey, keyNode,
                         QStringLiteral("Resources.") + logicalId, route.twoWay, false});
    api->routes.append(route);
}

void WebSocketApiReader::readStage(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &props)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    WebSocketApiConfig *api = apiFor(props, keyNode, field);
    if (!api)
        return;
    const std::optional<QString> stage = required(props, "StageName", keyNode, field);
    if (!stage)
        return;
    if (!api->stageName.isEmpty()) {
        m_eval->warning(child(props, "StageName"), field + QStringLiteral(".StageName"),
                        QStringLiteral("the emulator serves one stage per WebSocket API; %1 is used").arg(api->stageName));
        return;
    }
    api->stageName = *stage;
    readStageVariables(api, props, field);
}

void WebSocketApiReader::readStageVariables(WebSocketApiConfig *api, const YAML::Node &props, const QString &field)
{
    const YAML::Node variables = child(props, "StageVariables");
    if (!variables.IsDefined())
        return;
    const QString path = field + QStringLiteral(".StageVariables");
    if (!variables.IsMap()) {
        m_eval->error(variables, path, QStringLiteral("StageVariables is a map of names to values"));
        return;
    }
    for (const auto &entry : variables) {
        const QString name = qstr(entry.first.Scalar());
        if (std::optional<QString> value = m_eval->evaluate(entry.second, path + QLatin1Char('.') + name))
            api->stageVariables.append({name, *value});
    }
}

// AWS::ApiGatewayV2::Authorizer of a WebSocket API: REQUEST (Lambda) only, since WebSocket APIs
// have no JWT authorizers; AuthorizerUri is a lab function's invocation ARN as for integrations.
void WebSocketApiReader::readAuthorizer(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &props)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    WebSocketApiConfig *api = apiFor(props, keyNode, field);
    if (!api)
        return;
    const std::optional<QString> type = required(props, "AuthorizerType", keyNode, field);
    const std::optional<QString> uri = required(props, "AuthorizerUri", keyNode, field);
    if (!type || !uri)
        return;
    if (*type != QLatin1String("REQUEST")) {
        m_eval->error(child(props, "AuthorizerType"), field + QStringLiteral(".AuthorizerType"),
                      QStringLiteral("WebSocket APIs take only REQUEST (Lambda) authorizers (got %1); JWT "
                                     "authorizers are for HTTP APIs").arg(*type));
        return;
    }
    const QString function = functionFromUri(*uri);
    const QString base = function.section(QLatin1Char(':'), 0, 0);
    if (function.isEmpty() || !std::any_of(m_lab->functions.cbegin(), m_lab->functions.cend(),
                                           [&](const FunctionConfig &f) { return f.name == base; })) {
        m_eval->error(child(props, "AuthorizerUri"), field + QStringLiteral(".AuthorizerUri"),
                      QStringLiteral("AuthorizerUri must be the invocation ARN of a function of this lab, e.g. "
                                     "!Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/"
                                     "${AuthorizerFunction.Arn}/invocations (got %1)").arg(*uri));
        return;
    }
    HttpApiAuthorizerConfig authorizer;
    authorizer.name = LabLoader::apiIdFor(m_lab->name, logicalId);
    authorizer.kind = HttpApiAuthorizerConfig::Kind::Lambda;
    authorizer.functionName = function;
    authorizer.payloadFormatVersion = QStringLiteral("1.0");
    authorizer.simpleResponses = false;
    authorizer.resultTtlSeconds = 0;
    authorizer.templateLine = keyNode.Mark().line + 1;
    const YAML::Node sources = child(props, "IdentitySource");
    const QString sourcesPath = field + QStringLiteral(".IdentitySource");
    if (sources.IsDefined() && !sources.IsSequence()) {
        m_eval->error(sources, sourcesPath, QStringLiteral("IdentitySource is a list, e.g. [route.request.querystring.token]"));
        return;
    }
    // WebSocket spelling -> the HTTP API spelling HttpApiLambdaAuthorizer::identityValues reads.
    static const QList<QPair<QString, QString>> prefixes = {
        {QStringLiteral("route.request.header."), QStringLiteral("$request.header.")},
        {QStringLiteral("route.request.querystring."), QStringLiteral("$request.querystring.")},
        {QStringLiteral("stageVariables."), QStringLiteral("$stageVariables.")},
        {QStringLiteral("context."), QStringLiteral("$context.")}};
    for (std::size_t i = 0; sources.IsSequence() && i < sources.size(); ++i) {
        const QString itemPath = QStringLiteral("%1[%2]").arg(sourcesPath).arg(i);
        const std::optional<QString> source = m_eval->evaluate(sources[i], itemPath);
        if (!source)
            return;
        QString translated;
        for (const auto &[websocket, http] : prefixes) {
            if (source->startsWith(websocket) && source->size() > websocket.size())
                translated = http + source->mid(websocket.size());
        }
        if (translated.startsWith(QLatin1String("$context."))
            && !HttpApiLambdaAuthorizer::contextVariables().contains(translated.mid(9)))
            translated.clear();
        if (translated.isEmpty()) {
            m_eval->error(sources[i], itemPath,
                          QStringLiteral("%1 is not an identity source of a WebSocket API: write "
                                         "route.request.header.<name>, route.request.querystring.<name>, "
                                         "stageVariables.<name> or context.<variable>").arg(*source));
            return;
        }
        authorizer.identitySources.append(translated);
    }
    if (child(props, "AuthorizerResultTtlInSeconds").IsDefined())
        m_eval->warning(child(props, "AuthorizerResultTtlInSeconds"), field + QStringLiteral(".AuthorizerResultTtlInSeconds"),
                        QStringLiteral("API Gateway caches authorizer answers only for HTTP APIs; a WebSocket "
                                       "API's authorizer runs for every connection"));
    for (const char *httpOnly : {"AuthorizerPayloadFormatVersion", "EnableSimpleResponses", "JwtConfiguration"}) {
        if (child(props, httpOnly).IsDefined())
            m_eval->error(child(props, httpOnly), field + QLatin1Char('.') + QLatin1String(httpOnly),
                          QStringLiteral("%1 is for HTTP API authorizers; a WebSocket API's authorizer answers "
                                         "with an IAM policy").arg(QLatin1String(httpOnly)));
    }
    api->authorizers.append(authorizer);
}

// AuthorizationType and AuthorizerId of a route: AWS takes them on $connect only.
void WebSocketApiReader::readRouteAuthorization(WebSocketRouteConfig *route, const WebSocketApiConfig &api,
                                                const YAML::Node &props, const QString &field)
{
    const YAML::Node typeNode = child(props, "AuthorizationType");
    const YAML::Node idNode = child(props, "AuthorizerId");
    if (!typeNode.IsDefined() && !idNode.IsDefined())
        return;
    const QString typePath = field + QStringLiteral(".AuthorizationType");
    const std::optional<QString> type = typeNode.IsDefined() ? m_eval->evaluate(typeNode, typePath)
                                                             : std::optional<QString>(QStringLiteral("NONE"));
    if (!type)
        return;
    if (*type == QLatin1String("NONE")) {
        route->authorization = WebSocketRouteConfig::Authorization::None;
    } else if (*type == QLatin1String("AWS_IAM")) {
        route->authorization = WebSocketRouteConfig::Authorization::Iam;
    } else if (*type == QLatin1String("CUSTOM")) {
        route->authorization = WebSocketRouteConfig::Authorization::Custom;
    } else {
        m_eval->error(typeNode, typePath,
                      QStringLiteral("AuthorizationType of a WebSocket route is NONE, AWS_IAM or CUSTOM (got %1)").arg(*type));
        return;
    }
    if (route->authorization != WebSocketRouteConfig::Authorization::None
        && route->routeKey != QLatin1String("$connect")) {
        m_eval->error(typeNode, typePath,
                      QStringLiteral("only the $connect route of a WebSocket API can have authorization; "
                                     "the connection is authorized once, when it opens (route %1)").arg(route->routeKey));
        route->authorization = WebSocketRouteConfig::Authorization::None;
        return;
    }
    const QString idPath = field + QStringLiteral(".AuthorizerId");
    if (route->authorization != WebSocketRouteConfig::Authorization::Custom) {
        if (idNode.IsDefined())
            m_eval->error(idNode, idPath, QStringLiteral("AuthorizerId needs AuthorizationType: CUSTOM"));
        return;
    }
    if (!idNode.IsDefined()) {
        m_eval->error(typeNode, typePath,
                      QStringLiteral("AuthorizationType CUSTOM needs AuthorizerId: !Ref <an AWS::ApiGatewayV2::Authorizer>"));
        route->authorization = WebSocketRouteConfig::Authorization::None;
        return;
    }
    const std::optional<QString> id = m_eval->evaluate(idNode, idPath);
    if (!id)
        return;
    if (!api.authorizer(*id)) {
        m_eval->error(idNode, idPath,
                      QStringLiteral("AuthorizerId must name an AWS::ApiGatewayV2::Authorizer of the same "
                                     "WebSocket API (!Ref <Authorizer>); got %1").arg(*id));
        route->authorization = WebSocketRouteConfig::Authorization::None;
        return;
    }
    route->authorizerId = *id;
}

} // namespace Gatehouse::Emulator
