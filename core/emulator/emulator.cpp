#include "emulator.h"

#include "appsyncrealtime.h"
#include "appsyncservice.h"
#include "awsauthenticator.h"
#include "cognitoidentityservice.h"
#include "cognitoidpservice.h"
#include "core/jwt/jwk.h"
#include "dynamodbapi.h"
#include "dynamodbstore.h"
#include "httpapigateway.h"
#include "httpserver.h"
#include "labaccesskeys.h"
#include "labloader.h"
#include "lambdacontrolplane.h"
#include "lambdainvokeapi.h"
#include "lambdaregistry.h"
#include "lambdaservice.h"
#include "restapicontrolplane.h"
#include "restapigateway.h"
#include "stsservice.h"
#include "websocketgateway.h"

#include "core/websocket/connectionsapi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Gatehouse::Emulator {

namespace {

const QByteArray kRuntimePrefix = "/_runtime/";
const QByteArray kExecuteApiPrefix = "/_aws/execute-api/";
const QByteArray kExecuteApiLabel = ".execute-api.";
// AppSync: <apiId>.appsync-api.localhost[:port]/graphql, or /_aws/appsync/<apiId>/graphql.
const QByteArray kAppSyncPrefix = "/_aws/appsync/";
const QByteArray kAppSyncLabel = ".appsync-api.";
// Real-time: <apiId>.appsync-realtime-api.localhost[:port]/graphql, or .../graphql/realtime.
const QByteArray kAppSyncRealtimeLabel = ".appsync-realtime-api.";
const QByteArray kWebSocketListingPrefix = Core::ConnectionsApi::ListingPathPrefix;

Core::HttpResponse jsonResponse(int status, const QByteArray &body)
{
    Core::HttpResponse response;
    response.status = status;
    response.headers.add("Content-Type", "application/json");
    response.body = body;
    return response;
}

QString hostForUrls(const QHostAddress &address)
{
    if (address == QHostAddress::LocalHostIPv6)
        return QStringLiteral("[::1]");
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4)
        return QStringLiteral("127.0.0.1");
    return address.toString();
}

// "GET /items/{id}" -> ("GET", "/items/{id}"); "$default" -> ("", "")
QPair<QString, QString> splitRouteKey(const QString &routeKey)
{
    const qsizetype space = routeKey.indexOf(QLatin1Char(' '));
    if (space < 0)
        return {};
    return {routeKey.left(space), routeKey.mid(space + 1)};
}

// The lab's AWS::Lambda::Version resources published in template order, each from its own
// code folder, then its aliases; a version that changes nothing fails as in CloudFormation.
Core::Result<void> publishLabVersions(const LabDefinition &lab, LambdaRegistry &registry,
                                      LambdaService &service)
{
    for (const LabVersionConfig &v : lab.versions) {
        const Core::Result<LambdaRegistry::Published> published =
            registry.publishFrom(v.functionName, v.description, v.codeDir);
        if (!published)
            return published.error();
        if (!published->created || published->version.version != QString::number(v.number))
            return Core::makeError(Core::ErrorCode::Template,
                                   QStringLiteral("%1 (line %2): a version for this Lambda function exists (%3). "
                                                  "Modify the function to create a new version.")
                                       .arg(v.logicalId).arg(v.templateLine).arg(published->version.version));
        service.addVersion(v.functionName, published->version.version, published->version.config);
    }
    for (const LabAliasConfig &a : lab.aliases) {
        LambdaAlias alias;
        alias.name = a.name;
        alias.functionVersion = a.functionVersion;
        alias.description = a.description;
        alias.additionalVersion = a.additionalVersion;
        alias.additionalWeight = a.additionalWeight;
        if (Core::Result<LambdaAlias> put = registry.putAlias(a.functionName, alias, true, {}); !put)
            return put.error();
    }
    return {};
}

// What a caller of a route must bring, for the startup listing and the index.
QString describeAuthorizer(const HttpApiAuthorizerConfig &authorizer)
{
    switch (authorizer.kind) {
    case HttpApiAuthorizerConfig::Kind::Jwt:
        return QStringLiteral("JWT authorizer %1 (%2)").arg(authorizer.name, authorizer.identitySource);
    case HttpApiAuthorizerConfig::Kind::Lambda:
        return QStringLiteral("Lambda authorizer %1 (%2)")
            .arg(authorizer.name, authorizer.identitySources.isEmpty() ? QStringLiteral("no identity source")
                                                                       : authorizer.identitySources.join(QStringLiteral(", ")));
    case HttpApiAuthorizerConfig::Kind::Iam:
        return QStringLiteral("AWS_IAM (SigV4 for execute-api)");
    }
    return authorizer.name;
}

} // namespace

Emulator::Emulator(EmulatorOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_dynamoStore(std::make_unique<DynamoStore>())
{
    m_dynamoStore->setRegion(m_options.region, m_options.accountId);
}

Emulator::~Emulator()
{
    stop();
}

QByteArray Emulator::pathStylePrefix(const QString &apiId)
{
    return kExecuteApiPrefix + apiId.toUtf8();
}

bool Emulator::isRunning() const
{
    return m_server != nullptr;
}

Core::Result<void> Emulator::loadLab()
{
    m_labKeys.clear();
    if (m_options.labDirectory.isEmpty())
        return {};
    m_lab = LabLoader::load(m_options.labDirectory, m_options.region, m_options.accountId);
    if (!m_lab.hasErrors())
        m_labKeys = LabAccessKeys::read(m_lab.templatePath, m_lab.diagnostics);
    if (!m_lab.hasErrors())
        return {};
    QStringList lines;
    for (const LabDiagnostic &d : std::as_const(m_lab.diagnostics)) {
        if (d.severity == LabDiagnostic::Severity::Error)
            lines.append(d.toString());
    }
    return Core::makeError(Core::ErrorCode::Template,
                           tr("The lab in %1 cannot run:\n%2")
                               .arg(m_options.labDirectory, lines.join(QLatin1Char('\n'))));
}

Core::Result<Core::EmulatorInfo> Emulator::start()
{
    stop();
    if (Core::Result<void> loaded = loadLab(); !loaded)
        return loaded.error();

    m_lambda = std::make_unique<LambdaService>();
    m_lambda->setRegion(m_options.region);
    m_lambda->setAccountId(m_options.accountId);
    connect(m_lambda.get(), &LambdaService::invocationFinished, this,
            &Emulator::invocationFinished);
    m_authenticator = std::make_unique<AwsAuthenticator>(m_options.accountId);
    m_authenticator->setRegion(m_options.region);
    for (const LabAccessKey &key : std::as_const(m_labKeys))
        m_authenticator->addLongTermKey(key.accessKeyId, key.secretAccessKey, key.userName);
    m_sts = std::make_unique<StsService>(m_authenticator.get());
    m_cognito = std::make_unique<CognitoIdpService>(m_authenticator.get(), m_lab.userPools);
    m_cognitoIdentity = std::make_unique<CognitoIdentityService>(m_authenticator.get(), m_cognito.get(), m_lab.identityPools);
    m_invokeApi = std::make_unique<LambdaInvokeApi>(m_lambda.get());
    m_invokeApi->setAuthenticator(m_authenticator.get());
    m_lambdaRegistry = std::make_unique<LambdaRegistry>();
    m_lambdaRegistry->setArnPrefix(m_options.region, m_options.accountId);
    m_invokeApi->setRegistry(m_lambdaRegistry.get());
    m_controlPlane = std::make_unique<LambdaControlPlane>(m_lambdaRegistry.get(), m_lambda.get());
    m_controlPlane->setAuthenticator(m_authenticator.get());
    m_httpApis = std::make_unique<HttpApiGateway>(m_lambda.get());
    m_httpApis->setRegion(m_options.region);
    m_httpApis->setAccountId(m_options.accountId);
    m_restApis = std::make_unique<RestApiGateway>(m_lambda.get());
    m_restApis->setAccountId(m_options.accountId);
    m_httpApis->setAuthenticator(m_authenticator.get());
    m_webSocketApis = std::make_unique<WebSocketGateway>(m_lambda.get());
    m_webSocketApis->setAuthenticator(m_authenticator.get());
    WebSocketGateway::Limits wsLimits;
    wsLimits.idleTimeoutMs = m_options.webSocketIdleTimeoutMs;
    wsLimits.maxConnectionMs = m_options.webSocketMaxConnectionMs;
    wsLimits.maxMessageBytes = m_options.webSocketMaxMessageBytes;
    wsLimits.integrationTimeoutMs = m_options.webSocketIntegrationTimeoutMs;
    m_webSocketApis->setLimits(wsLimits);
    m_appSync = std::make_unique<AppSyncService>(m_lambda.get(), m_authenticator.get(), m_cognito.get());
    m_appSync->setRegion(m_options.region);
    m_dynamoStore->setTables(m_lab.dynamoTables);
    m_appSync->setDynamoStore(m_dynamoStore.get()); // AMAZON_DYNAMODB data sources use the same tables
    m_dynamoApi = std::make_unique<DynamoDbApi>(m_dynamoStore.get(), m_authenticator.get());
    m_appSyncRealtime = std::make_unique<AppSyncRealtime>(m_appSync.get());
    AppSyncRealtime::Limits realtimeLimits;
    realtimeLimits.keepAliveMs = m_options.appSyncKeepAliveMs;
    m_appSyncRealtime->setLimits(realtimeLimits);

    // CreateFunction carries up to a 50 MB zip in base64; the control plane answers Lambda's
    // 413 up to a little beyond that, the front past it. Invoke and HTTP APIs keep their own.
    HttpServerLimits limits;
    limits.maxBodyBytes = LambdaControlPlane::MaxCreateFunctionRequest + 1024 * 1024;
    m_server = std::make_unique<HttpServer>(this, limits);
    if (!m_server->listen(m_options.address, m_options.port)) {
        const QString reason = m_server->errorString();
        m_server.reset();
        m_restControlPlane.reset();
    m_restApis.reset();
        m_dynamoApi.reset();
        m_appSyncRealtime.reset();
        m_appSync.reset();
        m_webSocketApis.reset();
        m_httpApis.reset();
        m_controlPlane.reset();
        m_invokeApi.reset();
        m_lambdaRegistry.reset();
        m_lambda.reset();
        m_cognitoIdentity.reset();
        m_cognito.reset();
        m_sts.reset();
        m_authenticator.reset();
        return Core::makeError(
            Core::ErrorCode::InvalidArgument,
            tr("The emulator cannot listen on %1:%2 (%3). Another program may be using the "
               "port: stop it, or choose another port with --port.")
                .arg(hostForUrls(m_options.address))
                .arg(m_options.port)
                .arg(reason));
    }
    m_lambda->setRuntimeApiAuthority(hostForUrls(m_options.address) + QLatin1Char(':')
                                     + QString::number(m_server->serverPort()));
    m_lambda->setFunctions(m_lab.functions);
    m_lambdaRegistry->setFunctions(m_lab.functions);
    if (Core::Result<void> published = publishLabVersions(m_lab, *m_lambdaRegistry, *m_lambda); !published) {
        stop();
        return published.error();
    }
    m_httpApis->setApis(m_lab.httpApis);
    m_webSocketApis->setApis(m_lab.webSocketApis);
    m_appSync->setApis(m_lab.graphQlApis);
    m_restApis->setLab(m_lab.restApis, m_lab.apiKeys, m_lab.usagePlans);
    m_restControlPlane = std::make_unique<RestApiControlPlane>(m_authenticator.get(), m_lab.restApis, m_lab.apiKeys,
                                                               m_lab.usagePlans);
    m_info = describe();
    // One issuer per pool whatever host name a client used: the emulator's own base URL.
    m_cognito->setBaseUrl(m_info.baseUrl);
    trustLabPools();
    return m_info;
}

void Emulator::stop()
{
    if (m_server)
        m_server->close();
    if (m_lambda)
        m_lambda->shutdown();
    if (m_webSocketApis)
        m_webSocketApis->closeAll();
    m_server.reset();
    m_restControlPlane.reset();
    m_restApis.reset();
    m_dynamoApi.reset();
    m_appSyncRealtime.reset();
    m_appSync.reset();
    m_webSocketApis.reset();
    m_httpApis.reset();
    m_controlPlane.reset();
    m_invokeApi.reset();
    m_lambdaRegistry.reset();
    m_lambda.reset();
    m_cognitoIdentity.reset();
    m_cognito.reset();
    m_sts.reset();
    m_authenticator.reset();
}

// JWT authorizers name AWS's issuer, https://cognito-idp.<region>.amazonaws.com/<poolId>; for a
// pool of this lab that is the emulator's own issuer, with the key its Cognito signs with.
void Emulator::trustLabPools()
{
    const Core::Result<Core::Jwt::Jwk> key = Core::Jwt::Jwk::fromJsonObject(m_cognito->tokens().publicJwk());
    if (!key)
        return;
    const Core::Jwt::JwkSet keys = Core::Jwt::JwkSet::fromKeys({*key});
    QHash<QString, QString> issuers; // configured issuer -> the emulator's
    for (const CognitoPoolConfig &pool : std::as_const(m_lab.userPools)) {
        const QString region = pool.poolId.section(QLatin1Char('_'), 0, 0);
        const QString own = m_cognito->issuer(pool.poolId);
        issuers.insert(QStringLiteral("https://cognito-idp.%1.amazonaws.com/%2").arg(region, pool.poolId), own);
        issuers.insert(own, own);
    }
    const auto resolver = [issuers, keys](const QString &configured) -> std::optional<JwtTrust> {
        const auto it = issuers.constFind(configured);
        if (it == issuers.constEnd())
            return std::nullopt;
        return JwtTrust{*it, keys};
    };
    m_httpApis->setJwtTrustResolver(resolver);
    m_appSync->setJwtTrustResolver(resolver); // AppSync's OPENID_CONNECT trusts the same pools
}

Core::Aws::Credentials Emulator::signingCredentials() const
{
    Core::Aws::Credentials credentials;
    if (!m_labKeys.isEmpty()) {
        credentials.accessKeyId = m_labKeys.first().accessKeyId;
        credentials.secretAccessKey = m_labKeys.first().secretAccessKey;
        credentials.source = tr("the lab's access key of %1").arg(m_labKeys.first().userName);
    } else {
        credentials.accessKeyId = QLatin1String(AwsAuthenticator::DefaultAccessKeyId);
        credentials.secretAccessKey = QLatin1String(AwsAuthenticator::DefaultSecretAccessKey);
        credentials.source = tr("the emulator's default keys");
    }
    return credentials;
}

Core::EmulatorInfo Emulator::describe() const
{
    Core::EmulatorInfo info;
    info.port = m_server ? m_server->serverPort() : 0;
    const QString host = hostForUrls(m_options.address);
    info.baseUrl = QStringLiteral("http://%1:%2").arg(host).arg(info.port);
    info.region = m_options.region;
    info.accountId = m_options.accountId;
    info.labName = m_lab.name;
    info.labDirectory = m_lab.directory;
    for (const FunctionConfig &f : m_lab.functions)
        info.functions.append(f.name);
    for (const LabDiagnostic &d : m_lab.diagnostics) {
        if (d.severity == LabDiagnostic::Severity::Warning)
            info.warnings.append(d.toString());
    }
    for (const CognitoPoolConfig &pool : m_lab.userPools) {
        Core::EmulatorUserPoolInfo p;
        p.poolId = pool.poolId;
        p.name = pool.poolName.isEmpty() ? pool.logicalId : pool.poolName;
        p.issuer = info.baseUrl + QLatin1Char('/') + pool.poolId;
        for (const CognitoClientConfig &client : pool.clients)
            p.clients.append({client.clientId, client.clientName.isEmpty() ? client.logicalId : client.clientName,
                              client.clientSecret});
        info.userPools.append(p);
    }
    for (const CognitoIdentityPoolConfig &pool : m_lab.identityPools) {
        Core::EmulatorIdentityPoolInfo p;
        p.identityPoolId = pool.identityPoolId;
        p.name = pool.poolName;
        p.allowUnauthenticated = pool.allowUnauthenticated;
        p.authenticatedRoleArn = pool.authenticatedRoleArn;
        p.unauthenticatedRoleArn = pool.unauthenticatedRoleArn;
        for (const CognitoIdentityProviderConfig &provider : pool.providers)
            p.providers.append(provider.providerName + QLatin1Char(' ') + provider.clientId);
        info.identityPools.append(p);
    }
    for (const HttpApiConfig &api : m_lab.httpApis) {
        Core::EmulatorApiInfo a;
        a.apiId = api.apiId;
        a.name = api.name.isEmpty() ? api.logicalId : api.name;
        a.kind = QStringLiteral("HTTP API");
        a.stage = api.stageName;
        const QString stagePath = api.stageName == QLatin1String("$default")
                                      ? QString()
                                      : QLatin1Char('/') + api.stageName;
        a.pathStyleUrl = info.baseUrl + QString::fromUtf8(pathStylePrefix(api.apiId)) + stagePath;
        a.hostStyleUrl = QStringLiteral("http://%1.execute-api.localhost:%2%3")
                             .arg(api.apiId)
                             .arg(info.port)
                             .arg(stagePath);
        for (const auto &[name, value] : api.stageVariables)
            a.stageVariables.append(name + QLatin1Char('=') + value);
        for (const HttpRouteConfig &route : api.routes) {
            Core::EmulatorRouteInfo r;
            r.routeKey = route.routeKey;
            r.functionName = route.functionName;
            std::tie(r.method, r.path) = splitRouteKey(route.routeKey);
            r.url = a.pathStyleUrl + (r.path.isEmpty() ? QStringLiteral("/") : r.path);
            if (!route.authorizer.isEmpty()) {
                const HttpApiAuthorizerConfig *authorizer = api.authorizer(route.authorizer);
                r.authorization = authorizer ? describeAuthorizer(*authorizer) : route.authorizer;
            }
            if (const HttpRouteThrottle throttle = api.throttle(route.routeKey); throttle.isSet())
                r.throttle = QStringLiteral("rate %1/s, burst %2")
                                 .arg(throttle.rateLimit.value_or(HttpRouteThrottle::kAccountRateLimit))
                                 .arg(throttle.burstLimit.value_or(HttpRouteThrottle::kAccountBurstLimit));
            a.routes.append(r);
        }
        info.apis.append(a);
    }
    describeRestApis(&info);
    describeWebSocketApis(&info);
    describeGraphQlApis(&info);
    describeTables(&info);
    return info;
}

// REST APIs always have a named stage: it is the first segment of every URL. Their usage
// plans' keys are lab data, listed with their value so that a learner can send x-api-key.
void Emulator::describeRestApis(Core::EmulatorInfo *info) const
{
    for (const RestApiConfig &api : m_lab.restApis) {
        Core::EmulatorApiInfo a;
        a.apiId = api.apiId;
        a.name = api.name.isEmpty() ? api.logicalId : api.name;
        a.kind = QStringLiteral("REST API");
        a.stage = api.stageName;
        a.pathStyleUrl = info->baseUrl + QString::fromUtf8(pathStylePrefix(api.apiId)) + QLatin1Char('/') + api.stageName;
        a.hostStyleUrl = QStringLiteral("http://%1.execute-api.localhost:%2/%3").arg(api.apiId).arg(info->port).arg(api.stageName);
        for (const RestMethodConfig &method : api.methods) {
            Core::EmulatorRouteInfo r;
            r.routeKey = method.httpMethod + QLatin1Char(' ') + method.resourcePath;
            r.method = method.httpMethod;
            r.path = method.resourcePath;
            r.functionName = method.functionName;
            r.url = a.pathStyleUrl + (method.resourcePath == QLatin1String("/") ? QStringLiteral("/") : method.resourcePath);
            r.apiKeyRequired = method.apiKeyRequired;
            a.routes.append(r);
        }
        for (const RestUsagePlanConfig &plan : m_lab.usagePlans) {
            if (!plan.covers(api.apiId, api.stageName))
                continue;
            QStringList limits;
            if (plan.rateLimit)
                limits.append(QStringLiteral("rate %1/s, burst %2").arg(*plan.rateLimit).arg(plan.burstLimit.value_or(0)));
            if (plan.quotaLimit) {
                const char *period = "DAY";
                switch (plan.quotaPeriod) {
                case RestUsagePlanConfig::QuotaPeriod::Day:
                    period = "DAY";
                    break;
                case RestUsagePlanConfig::QuotaPeriod::Week:
                    period = "WEEK";
                    break;
                case RestUsagePlanConfig::QuotaPeriod::Month:
                    period = "MONTH";
                    break;
                }
                limits.append(QStringLiteral("quota %1 per %2").arg(*plan.quotaLimit).arg(QLatin1String(period)));
            }
            for (const RestApiKeyConfig &key : m_lab.apiKeys) {
                if (plan.keyIds.contains(key.id) && key.enabled)
                    a.apiKeys.append({key.id, key.name, key.value, plan.name, limits.join(QStringLiteral(", "))});
            }
        }
        info->apis.append(a);
    }
}

void Emulator::handleRequest(const Core::HttpRequest &request, HttpResponder responder)
{
    if (request.path.startsWith(kRuntimePrefix)) {
        if (!m_lambda || !m_lambda->handleRuntimeRequest(request, responder))
            responder.send(jsonResponse(404, R"({"errorType":"InvalidPath","errorMessage":"Unknown Runtime API path"})"));
        return;
    }
    if (m_invokeApi && LambdaInvokeApi::isInvokePath(request.path)) {
        m_invokeApi->handleRequest(request, responder);
        return;
    }
    if (m_controlPlane && LambdaControlPlane::isControlPlanePath(request.path)) {
        m_controlPlane->handleRequest(request, responder);
        return;
    }
    // Cognito user pools: POST / with X-Amz-Target: AWSCognitoIdentityProviderService.<op>;
    // GET /<poolId>/.well-known/{jwks.json,openid-configuration}.
    if (m_cognito && CognitoIdpService::isCognitoRequest(request)) {
        responder.send(m_cognito->answer(request));
        return;
    }
    if (m_cognito) {
        if (std::optional<Core::HttpResponse> web = m_cognito->answerWeb(request)) {
            responder.send(*web);
            return;
        }
    }
    // Cognito identity pools: POST / with X-Amz-Target: AWSCognitoIdentityService.<op>.
    if (m_cognitoIdentity && CognitoIdentityService::isCognitoIdentityRequest(request)) {
        responder.send(m_cognitoIdentity->answer(request));
        return;
    }
    // DynamoDB: POST / with X-Amz-Target: DynamoDB_20120810.<op>, signed for "dynamodb".
    if (m_dynamoApi && DynamoDbApi::isDynamoRequest(request)) {
        responder.send(m_dynamoApi->answer(request));
        return;
    }
    // STS: POST / with Action=...&Version=2011-06-15, signed for the "sts" service.
    if (m_sts && StsService::isStsRequest(request)) {
        responder.send(m_sts->answer(request));
        return;
    }
    if (!m_httpApis) {
        responder.send(jsonResponse(503, R"({"message":"Service Unavailable"})"));
        return;
    }

    const QByteArray host = request.headers.value("Host");
    if (const qsizetype at = host.indexOf(kAppSyncLabel); at > 0) {
        if (routeGraphQl(request, host.left(at), request.path, responder))
            return;
    }
    if (const qsizetype at = host.indexOf(kAppSyncRealtimeLabel); at > 0 && request.path == "/graphql") {
        if (routeGraphQl(request, host.left(at), "/graphql/realtime", responder))
            return;
    }
    if (request.path.startsWith(kAppSyncPrefix)) {
        const QByteArray rest = request.path.mid(kAppSyncPrefix.size());
        const qsizetype slash = rest.indexOf('/');
        if (routeGraphQl(request, slash < 0 ? rest : rest.left(slash), slash < 0 ? QByteArray() : rest.mid(slash),
                         responder))
            return;
    }

    // Host style: <apiId>.execute-api.localhost[:port]
    const qsizetype label = host.indexOf(kExecuteApiLabel);
    if (label > 0) {
        const QByteArray apiId = host.left(label);
        QByteArray domain = host;
        if (const qsizetype colon = domain.lastIndexOf(':'); colon > label)
            domain.truncate(colon);
        if (routeWebSocket(request, apiId, request.path, domain, responder))
            return;
        if (m_restApis->serves(QString::fromLatin1(apiId)))
            m_restApis->handle(request, QString::fromLatin1(apiId), request.path, domain, responder);
        else
            m_httpApis->handle(request, QString::fromLatin1(apiId), request.path, domain, responder);
        return;
    }

    // API Gateway's control plane (read-only): GET /restapis, /apikeys, /usageplans, SigV4-checked.
    if (m_restControlPlane && RestApiControlPlane::isControlPlanePath(request.path)) {
        responder.send(m_restControlPlane->answer(request));
        return;
    }

    // Path style: /_aws/execute-api/<apiId>/<path>
    if (request.path.startsWith(kExecuteApiPrefix)) {
        const QByteArray rest = request.path.mid(kExecuteApiPrefix.size());
        const qsizetype slash = rest.indexOf('/');
        const QByteArray apiId = slash < 0 ? rest : rest.left(slash);
        const QByteArray pathInApi = slash < 0 ? QByteArray("/") : rest.mid(slash);
        if (routeWebSocket(request, apiId, pathInApi, apiId + ".execute-api.localhost", responder))
            return;
        if (m_restApis->serves(QString::fromLatin1(apiId)))
            m_restApis->handle(request, QString::fromLatin1(apiId), pathInApi, apiId + ".execute-api.localhost",
                               responder);
        else
            m_httpApis->handle(request, QString::fromLatin1(apiId), pathInApi,
                               apiId + ".execute-api.localhost", responder);
        return;
    }

    // The emulator's own listing of a WebSocket API's connections (AWS has none):
    // /_aws/emulator/websocket/<apiId>/connections, beside the index at /_aws/emulator.
    if (request.path.startsWith(kWebSocketListingPrefix)) {
        const QList<QByteArray> rest = request.path.mid(kWebSocketListingPrefix.size()).split('/');
        if (m_webSocketApis && rest.size() == 2 && rest.at(1) == "connections") {
            m_webSocketApis->handleListing(request, QString::fromUtf8(QByteArray::fromPercentEncoding(rest.at(0))),
                                           responder);
            return;
        }
    }

    answerIndex(request, responder);
}

bool Emulator::routeWebSocket(const Core::HttpRequest &request, const QByteArray &apiId,
                              const QByteArray &pathInApi, const QByteArray &domain, HttpResponder &responder)
{
    if (!m_webSocketApis || !m_webSocketApis->serves(QString::fromLatin1(apiId)))
        return false;
    m_webSocketApis->handle(request, QString::fromLatin1(apiId), pathInApi, domain, responder);
    return true;
}

bool Emulator::routeGraphQl(const Core::HttpRequest &request, const QByteArray &apiId, const QByteArray &pathInApi,
                            HttpResponder &responder)
{
    if (!m_appSync || !m_appSync->serves(QString::fromLatin1(apiId)))
        return false;
    if (pathInApi == "/graphql/realtime")
        m_appSyncRealtime->handle(request, QString::fromLatin1(apiId), responder);
    else
        m_appSync->handle(request, QString::fromLatin1(apiId), pathInApi, responder);
    return true;
}

// Each GraphQL API with its resolvers as routes ("Query.getDestination") and its API keys, which
// are lab data a learner needs to send, like a REST API's usage plan keys.
void Emulator::describeGraphQlApis(Core::EmulatorInfo *info) const
{
    for (const AppSyncApiConfig &api : m_lab.graphQlApis) {
        Core::EmulatorApiInfo a;
        a.apiId = api.apiId;
        a.name = api.name;
        a.kind = QStringLiteral("GraphQL API");
        QStringList modes{api.defaultAuth.typeName()};
        for (const AppSyncAuthProvider &p : api.additionalAuth)
            modes.append(p.typeName());
        QList<AppSyncAuthProvider> providers{api.defaultAuth};
        providers.append(api.additionalAuth);
        for (const AppSyncAuthProvider &p : providers) {
            if (p.type == AppSyncAuthProvider::Type::UserPool && !a.userPoolIds.contains(p.userPoolId))
                a.userPoolIds.append(p.userPoolId);
            if (p.type == AppSyncAuthProvider::Type::OpenIdConnect && !a.oidcIssuers.contains(p.oidcIssuer))
                a.oidcIssuers.append(p.oidcIssuer);
        }
        a.stage = modes.join(QStringLiteral(", "));
        a.pathStyleUrl = info->baseUrl + QString::fromLatin1(kAppSyncPrefix) + api.apiId + QStringLiteral("/graphql");
        a.hostStyleUrl = QStringLiteral("http://%1.appsync-api.localhost:%2/graphql").arg(api.apiId).arg(info->port);
        for (const AppSyncResolver &r : api.resolvers) {
            Core::EmulatorRouteInfo route;
            route.routeKey = r.typeName + QLatin1Char('.') + r.fieldName;
            route.method = QStringLiteral("POST"); // what the GUI opens: GraphQL goes over POST
            // What answers the field, in the words of the AppSync console's resolver list.
            const auto describe = [&api](const QString &dataSource) {
                const AppSyncDataSource *source = api.dataSource(dataSource);
                if (!source)
                    return QString();
                switch (source->type) {
                case AppSyncDataSource::Type::Lambda:
                    return source->functionName;
                case AppSyncDataSource::Type::DynamoDb:
                    return QStringLiteral("DynamoDB table %1").arg(source->tableName);
                case AppSyncDataSource::Type::None:
                    return QStringLiteral("NONE (local resolver)");
                }
                return QString();
            };
            if (r.kind == AppSyncResolver::Kind::Pipeline) {
                QStringList steps;
                for (const QString &id : r.functions) {
                    const AppSyncFunction *f = api.function(id);
                    steps.append(f ? f->name : id);
                }
                route.target = QStringLiteral("pipeline: ") + steps.join(QStringLiteral(" \u2192 "));
                route.targetKind = Core::EmulatorRouteInfo::TargetKind::Pipeline;
                route.targetNames = steps;
            } else {
                const AppSyncDataSource *source = api.dataSource(r.dataSource);
                route.functionName = source ? source->functionName : QString();
                route.target = describe(r.dataSource);
                if (source && source->type == AppSyncDataSource::Type::DynamoDb) {
                    route.targetKind = Core::EmulatorRouteInfo::TargetKind::Table;
                    route.targetNames = QStringList{source->tableName};
                } else if (source && source->type == AppSyncDataSource::Type::None) {
                    route.targetKind = Core::EmulatorRouteInfo::TargetKind::Local;
                }
            }
            route.url = a.pathStyleUrl;
            route.authorization = a.stage;
            a.routes.append(route);
        }
        Core::EmulatorRouteInfo realtime;
        realtime.routeKey = QStringLiteral("real-time (graphql-ws)");
        realtime.url = QStringLiteral("ws") + a.pathStyleUrl.mid(4) + QStringLiteral("/realtime");
        realtime.authorization = a.stage;
        a.routes.append(realtime);
        for (const AppSyncApiKey &key : api.apiKeys)
            a.apiKeys.append({key.id, key.logicalId, key.id, QString(), QString()});
        info->apis.append(a);
    }
}

void Emulator::describeTables(Core::EmulatorInfo *info) const
{
    const auto keys = [](const QString &hash, const QString &hashType, const QString &range, const QString &rangeType) {
        QString text = QStringLiteral("%1 (%2)").arg(hash, hashType);
        if (!range.isEmpty())
            text += QStringLiteral(", %1 (%2)").arg(range, rangeType);
        return text;
    };
    for (const DynamoTableConfig &t : m_lab.dynamoTables) {
        Core::EmulatorTableInfo table;
        table.name = t.tableName;
        table.arn = QStringLiteral("arn:aws:dynamodb:%1:%2:table/%3").arg(m_options.region, m_options.accountId, t.tableName);
        table.keySchema = keys(t.hashKey, t.hashType, t.rangeKey, t.rangeType);
        for (const DynamoTableConfig::Index &i : t.indexes)
            table.indexes.append(QStringLiteral("%1: %2 [%3, %4]")
                                     .arg(i.name, keys(i.hashKey, i.hashType, i.rangeKey, i.rangeType),
                                          i.global ? QStringLiteral("GSI") : QStringLiteral("LSI"), i.projectionType));
        table.itemCount = m_dynamoStore->itemCount(t.tableName);
        info->tables.append(table);
    }
}

void Emulator::describeWebSocketApis(Core::EmulatorInfo *info) const
{
    const QString wsBase = QStringLiteral("ws://%1:%2").arg(hostForUrls(m_options.address)).arg(info->port);
    for (const WebSocketApiConfig &api : m_lab.webSocketApis) {
        Core::EmulatorApiInfo a;
        a.apiId = api.apiId;
        a.name = api.name;
        a.kind = QStringLiteral("WebSocket API");
        a.stage = api.stageName;
        a.pathStyleUrl = wsBase + QString::fromUtf8(pathStylePrefix(api.apiId)) + QLatin1Char('/') + api.stageName;
        a.hostStyleUrl = QStringLiteral("ws://%1.execute-api.localhost:%2/%3").arg(api.apiId).arg(info->port).arg(api.stageName);
        for (const WebSocketRouteConfig &route : api.routes) {
            Core::EmulatorRouteInfo r;
            r.routeKey = route.routeKey;
            r.functionName = route.functionName;
            r.url = a.pathStyleUrl;
            a.routes.append(r);
        }
        info->apis.append(a);
    }
}

// "/" and "/_aws/emulator" describe what is served; everything else is an AWS-shaped 404
// that says where the emulated APIs live.
void Emulator::answerIndex(const Core::HttpRequest &request, HttpResponder &responder) const
{
    if (request.path == "/" || request.path == "/_aws/emulator") {
        QJsonArray apis;
        for (const Core::EmulatorApiInfo &api : m_info.apis) {
            QJsonArray routes;
            for (const Core::EmulatorRouteInfo &r : api.routes) {
                QJsonObject route{{QStringLiteral("routeKey"), r.routeKey},
                                  {QStringLiteral("function"), r.functionName},
                                  {QStringLiteral("url"), r.url}};
                if (r.apiKeyRequired)
                    route.insert(QStringLiteral("apiKeyRequired"), true);
                if (!r.authorization.isEmpty())
                    route.insert(QStringLiteral("authorization"), r.authorization);
                if (!r.throttle.isEmpty())
                    route.insert(QStringLiteral("throttle"), r.throttle);
                routes.append(route);
            }
            QJsonObject entry{{QStringLiteral("apiId"), api.apiId},
                              {QStringLiteral("name"), api.name},
                              {QStringLiteral("kind"), api.kind},
                              {QStringLiteral("stage"), api.stage},
                              {QStringLiteral("url"), api.pathStyleUrl},
                              {QStringLiteral("hostStyleUrl"), api.hostStyleUrl},
                              {QStringLiteral("routes"), routes}};
            // Lab keys, not user secrets: the index is how a learner finds what to send.
            QJsonArray keys;
            for (const Core::EmulatorApiKeyInfo &k : api.apiKeys)
                keys.append(QJsonObject{{QStringLiteral("id"), k.id},
                                        {QStringLiteral("name"), k.name},
                                        {QStringLiteral("value"), k.value},
                                        {QStringLiteral("usagePlan"), k.usagePlan},
                                        {QStringLiteral("limits"), k.limits}});
            if (!keys.isEmpty())
                entry.insert(QStringLiteral("apiKeys"), keys);
            apis.append(entry);
        }
        const QJsonObject doc{{QStringLiteral("service"), QStringLiteral("gatehouse-emulator")},
                              {QStringLiteral("version"), QStringLiteral(GATEHOUSE_VERSION)},
                              {QStringLiteral("lab"), m_info.labName},
                              {QStringLiteral("region"), m_info.region},
                              {QStringLiteral("functions"), QJsonArray::fromStringList(m_info.functions)},
                              {QStringLiteral("apis"), apis}};
        responder.send(jsonResponse(200, QJsonDocument(doc).toJson(QJsonDocument::Indented)));
        return;
    }
    responder.send(jsonResponse(
        404, R"({"message":"Not Found: no emulated service at this path. HTTP and REST APIs are served at /_aws/execute-api/<apiId>/<path> or on the host <apiId>.execute-api.localhost; GET / lists them."})"));
}

} // namespace Gatehouse::Emulator
