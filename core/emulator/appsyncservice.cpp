#include "appsyncservice.h"

#include "appsynctemplates.h"
#include "awsauthenticator.h"
#include "cognitoidpservice.h"
#include "dynamodbstore.h"
#include "core/graphql/parser.h"
#include "core/httpclient.h"
#include "core/jwt/jwk.h"
#include "core/jwt/jwkset.h"
#include "core/jwt/jwkssource.h"
#include "core/jwt/jws.h"
#include "core/jwt/jwtverifier.h"
#include "eventjson.h"
#include "lambdainvoker.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QRegularExpression>

namespace Gatehouse::Emulator {

using EventJson::Json;
using EventJson::str;
namespace GraphQL = Core::GraphQL;

namespace {

Json parse(const QByteArray &bytes)
{
    Json value = Json::parse(bytes.constData(), bytes.constData() + bytes.size(), nullptr, false);
    return value.is_discarded() ? Json() : value;
}

QByteArray dump(const Json &value)
{
    return QByteArray::fromStdString(value.dump(-1, ' ', false, Json::error_handler_t::replace));
}

Core::HttpResponse jsonResponse(int status, const QByteArray &body)
{
    Core::HttpResponse response;
    response.status = status;
    response.headers.add("Content-Type", "application/json; charset=UTF-8");
    response.headers.add("x-amzn-RequestId", AwsAuthenticator::newRequestId());
    response.body = body;
    return response;
}

Core::HttpResponse requestError(int status, const QString &type, const QString &message)
{
    Json body{{"errors", Json::array({Json{{"errorType", str(type)}, {"message", str(message)}}})}};
    return jsonResponse(status, dump(body));
}

// The request's headers as AppSync hands them to a resolver: lower-case names, one value each.
Json headersJson(const Core::HttpRequest &request)
{
    Json headers = Json::object();
    for (const Core::HttpHeaders::Field &f : request.headers.fields())
        headers[f.first.toLower().toStdString()] = f.second.toStdString();
    return headers;
}

bool hasDirective(const std::vector<GraphQL::AppliedDirective> &directives, const QString &name)
{
    return std::any_of(directives.begin(), directives.end(),
                       [&](const GraphQL::AppliedDirective &d) { return d.name == name; });
}

bool hasAuthDirective(const std::vector<GraphQL::AppliedDirective> &directives)
{
    static const QStringList names{QStringLiteral("aws_api_key"), QStringLiteral("aws_iam"),
                                   QStringLiteral("aws_cognito_user_pools"),
                                   QStringLiteral("aws_oidc"), QStringLiteral("aws_lambda"),
                                   QStringLiteral("aws_auth")};
    return std::any_of(directives.begin(), directives.end(),
                       [](const GraphQL::AppliedDirective &d) { return names.contains(d.name); });
}

// The user pool directives that grant a field (@aws_auth is AppSync's older spelling of
// @aws_cognito_user_pools) and the groups their cognito_groups name: nullopt when none names
// groups, so any token of the pool may read it.
std::optional<QStringList> cognitoGroups(const std::vector<GraphQL::AppliedDirective> &rules)
{
    // The argument's value as the schema printed it: ["Admins", "Bakers"].
    static const QRegularExpression quoted(QStringLiteral("\"((?:[^\"\\\\]|\\\\.)*)\""));
    std::optional<QStringList> groups;
    for (const GraphQL::AppliedDirective &d : rules) {
        if (d.name != QLatin1String("aws_cognito_user_pools") && d.name != QLatin1String("aws_auth"))
            continue;
        for (const auto &[name, value] : d.arguments) {
            if (name != QLatin1String("cognito_groups"))
                continue;
            if (!groups)
                groups = QStringList();
            for (const QRegularExpressionMatch &m : quoted.globalMatch(value))
                groups->append(m.captured(1));
        }
    }
    return groups;
}

// Runs a lab API's fields: direct Lambda resolvers, NONE resolvers without templates, and VTL
// mapping templates and pipelines through AppSyncTemplates; fields without a resolver read their
// parent.
class Resolver : public GraphQL::FieldResolver
{
public:
    AppSyncApiConfig config; // a copy: a lab reload must not pull it from under a running query
    const AppSyncApiConfig *api = &config;
    AppSyncTemplates::Services services;
    AppSyncCaller caller;
    Json headers;

    bool resolves(const QString &typeName, const QString &fieldName) const override
    {
        return api->resolver(typeName, fieldName) != nullptr;
    }

    bool allows(const GraphQL::NamedType &type, const GraphQL::FieldDef &field) const override
    {
        return AppSyncService::allows(*api, caller, type, field);
    }

    void resolve(const GraphQL::FieldRequest &request,
                 std::function<void(GraphQL::FieldResult)> done) override
    {
        const AppSyncResolver *resolver = api->resolver(request.parentTypeName, request.fieldName);
        if (AppSyncTemplates::handles(*resolver)) {
            AppSyncTemplates::run(*api, *resolver, context(request), event(request), services,
                                  std::move(done));
            return;
        }
        const AppSyncDataSource *source = api->dataSource(resolver->dataSource);
        switch (source->type) {
        case AppSyncDataSource::Type::None: {
            // The local resolver's usual template returns $context.arguments.
            GraphQL::FieldResult result;
            result.value = request.arguments;
            done(result);
            return;
        }
        case AppSyncDataSource::Type::Lambda:
            invoke(*source, request, std::move(done));
            return;
        case AppSyncDataSource::Type::DynamoDb:
            // The reader requires a request template on a DynamoDB resolver: handled above.
            done(GraphQL::FieldResult::error(
                QStringLiteral("A DynamoDB resolver needs a request mapping template."),
                QStringLiteral("MappingTemplate")));
            return;
        }
    }

    Json infoJson(const GraphQL::FieldRequest &request) const
    {
        Json info = Json::object();
        info["selectionSetList"] = Json::array();
        for (const QString &s : request.selectionSetList)
            info["selectionSetList"].push_back(str(s));
        info["selectionSetGraphQL"] = str(request.selectionSetGraphQL);
        info["parentTypeName"] = str(request.parentTypeName);
        info["fieldName"] = str(request.fieldName);
        info["variables"] = parse(request.variables);
        return info;
    }

    // AppSync's direct Lambda resolver event (the fields of the samples in shared/vectors).
    QByteArray event(const GraphQL::FieldRequest &request) const
    {
        Json event = Json::object();
        event["arguments"] = parse(request.arguments);
        event["identity"] = parse(caller.identity);
        event["source"] = parse(request.source);
        event["request"] = Json{{"headers", headers}, {"domainName", nullptr}};
        event["prev"] = nullptr;
        event["info"] = infoJson(request);
        event["stash"] = Json::object();
        return dump(event);
    }

    // $context for mapping templates: the same members the direct event carries.
    Vtl::Context context(const GraphQL::FieldRequest &request) const
    {
        Vtl::Context ctx;
        ctx.arguments = request.arguments;
        ctx.source = request.source;
        ctx.identity = caller.identity;
        ctx.request = dump(Json{{"headers", headers}, {"domainName", nullptr}});
        ctx.info = dump(infoJson(request));
        return ctx;
    }

    void invoke(const AppSyncDataSource &source, const GraphQL::FieldRequest &request,
                std::function<void(GraphQL::FieldResult)> done)
    {
        AppSyncTemplates::invokeLambda(
            services, source.functionName, event(request),
            request.parentTypeName + QLatin1Char('.') + request.fieldName,
            [done = std::move(done)](const AppSyncSourceAnswer &answer) {
                if (!answer.ok) {
                    done(GraphQL::FieldResult::error(answer.errorMessage, answer.errorType));
                    return;
                }
                GraphQL::FieldResult value;
                value.value = answer.result;
                done(value);
            });
    }
};

} // namespace

AppSyncService::AppSyncService(LambdaInvoker *lambda, AwsAuthenticator *authenticator,
                               CognitoIdpService *cognito, QObject *parent)
    : QObject(parent)
    , m_lambda(lambda)
    , m_authenticator(authenticator)
    , m_cognito(cognito)
{}

AppSyncService::~AppSyncService() = default;

void AppSyncService::setDynamoStore(DynamoStore *store)
{
    m_dynamo = store;
}

void AppSyncService::setApis(const QList<AppSyncApiConfig> &apis)
{
    m_apis.clear();
    GraphQL::SchemaOptions options;
    options.appSync = true;
    for (const AppSyncApiConfig &config : apis) {
        Core::Result<GraphQL::Schema> schema = GraphQL::Schema::fromSdl(config.schemaSdl, options);
        if (!schema)
            continue; // the template reader reported it; the lab does not start with errors
        Api api;
        api.config = config;
        api.executor = std::make_shared<GraphQL::Executor>(
            std::make_shared<const GraphQL::Schema>(std::move(schema.value())));
        m_apis.insert(config.apiId, api);
    }
}

const AppSyncService::Api *AppSyncService::api(const QString &apiId) const
{
    const auto it = m_apis.constFind(apiId);
    return it == m_apis.constEnd() ? nullptr : &*it;
}

Core::HttpResponse AppSyncService::unauthorized(const QString &message)
{
    return requestError(401, QStringLiteral("UnauthorizedException"), message);
}

bool AppSyncService::allows(const AppSyncApiConfig &api, const AppSyncCaller &caller,
                            const GraphQL::NamedType &type, const GraphQL::FieldDef &field)
{
    if (caller.deniedFields.contains(type.name + QLatin1Char('.') + field.name))
        return false;
    const AppSyncAuthProvider::Type mode = caller.mode;
    AppSyncAuthProvider probe;
    probe.type = mode;
    const QString directive = probe.directive();
    // A field's own directives replace its type's; without any, only the default mode may read it.
    const std::vector<GraphQL::AppliedDirective> &rules =
        hasAuthDirective(field.directives) ? field.directives : type.directives;
    if (!hasAuthDirective(rules))
        return mode == api.defaultAuth.type;
    if (mode != AppSyncAuthProvider::Type::UserPool)
        return hasDirective(rules, directive);
    if (!hasDirective(rules, directive) && !hasDirective(rules, QStringLiteral("aws_auth")))
        return false;
    const std::optional<QStringList> groups = cognitoGroups(rules);
    return !groups || std::any_of(groups->cbegin(), groups->cend(),
                                  [&](const QString &g) { return caller.groups.contains(g); });
}

void AppSyncService::authenticate(const Api &api, const Core::HttpRequest &request,
                                  QObject *context,
                                  std::function<void(std::optional<AppSyncCaller>, QString)> done)
{
    Q_UNUSED(context);
    QList<AppSyncAuthProvider> providers{api.config.defaultAuth};
    providers.append(api.config.additionalAuth);
    const auto provider = [&](AppSyncAuthProvider::Type type) -> const AppSyncAuthProvider * {
        for (const AppSyncAuthProvider &p : std::as_const(providers)) {
            if (p.type == type)
                return &p;
        }
        return nullptr;
    };
    const QByteArray apiKey = request.headers.value("x-api-key");
    const QByteArray authorization = request.headers.value("Authorization");
    const QString sourceIp = EventJson::sourceIp(request);

    if (!apiKey.isEmpty() && provider(AppSyncAuthProvider::Type::ApiKey)) {
        for (const AppSyncApiKey &key : api.config.apiKeys) {
            if (key.id == QString::fromUtf8(apiKey)) {
                done(AppSyncCaller{AppSyncAuthProvider::Type::ApiKey, "null"}, {});
                return;
            }
        }
        done(std::nullopt, QStringLiteral("You are not authorized to make this call."));
        return;
    }
    if (authorization.startsWith("AWS4-HMAC-SHA256") && provider(AppSyncAuthProvider::Type::Iam)) {
        const AwsAuthentication auth = m_authenticator->authenticate(
            request, QStringLiteral("appsync"), AwsProtocol::RestJson);
        if (!auth.ok()) {
            done(std::nullopt, auth.error.message);
            return;
        }
        const AwsPrincipal &p = auth.principal;
        const auto orNull = [](const QString &s) {
            return s.isEmpty() ? Json() : Json(str(s));
        };
        Json identity{
            {"accountId", str(p.accountId)},
            {"cognitoIdentityPoolId", orNull(p.cognitoIdentityPoolId)},
            {"cognitoIdentityId", orNull(p.cognitoIdentityId)},
            {"cognitoIdentityAuthType",
             p.cognitoIdentityId.isEmpty() ? Json() : Json("authenticated")},
            {"cognitoIdentityAuthProvider", p.cognitoIdentityPoolId.isEmpty()
                                                ? Json()
                                                : Json(str(p.cognitoAmr.join(QLatin1Char(','))))},
            {"sourceIp", Json::array({str(sourceIp)})},
            {"username", str(p.userId)},
            {"userArn", str(p.arn)}};
        done(AppSyncCaller{AppSyncAuthProvider::Type::Iam, dump(identity)}, {});
        return;
    }
    if (!authorization.isEmpty() && !authorization.startsWith("AWS4-HMAC-SHA256")) {
        if (const AppSyncAuthProvider *pool = provider(AppSyncAuthProvider::Type::UserPool);
            pool && m_cognito) {
            QByteArray token = authorization;
            if (token.startsWith("Bearer "))
                token = token.mid(7);
            const Core::Result<Core::Jwt::Jwk> key =
                Core::Jwt::Jwk::fromJsonObject(m_cognito->tokens().publicJwk());
            Core::Jwt::ClaimRules rules;
            rules.issuer = m_cognito->issuer(pool->userPoolId);
            rules.skew = std::chrono::seconds(0);
            const Core::Result<Core::Jwt::VerifiedToken> verified =
                key ? Core::Jwt::verifyJwt(token, *key, rules)
                    : Core::Result<Core::Jwt::VerifiedToken>(key.error());
            if (verified) {
                const Core::Jwt::Claims &claims = verified->claims;
                const QString clientId =
                    claims.aud.isEmpty() ? claims.clientId : claims.aud.first();
                if (!pool->appIdClientRegex.isEmpty() &&
                    !QRegularExpression(QRegularExpression::anchoredPattern(pool->appIdClientRegex))
                         .match(clientId)
                         .hasMatch()) {
                    done(std::nullopt, QStringLiteral("You are not authorized to make this call."));
                    return;
                }
                const Json all = parse(QJsonDocument(claims.all).toJson(QJsonDocument::Compact));
                const QString username =
                    all.contains("cognito:username")
                        ? QString::fromStdString(all["cognito:username"].get<std::string>())
                    : all.contains("username")
                        ? QString::fromStdString(all["username"].get<std::string>())
                        : claims.sub;
                Json identity{
                    {"claims", all},
                    {"defaultAuthStrategy", "ALLOW"},
                    {"groups", all.contains("cognito:groups") ? all["cognito:groups"] : Json()},
                    {"issuer", str(claims.iss)},
                    {"sourceIp", Json::array({str(sourceIp)})},
                    {"sub", str(claims.sub)},
                    {"username", str(username)}};
                AppSyncCaller caller{AppSyncAuthProvider::Type::UserPool, dump(identity)};
                for (const QJsonValue &g : claims.all.value(QStringLiteral("cognito:groups")).toArray())
                    caller.groups.append(g.toString());
                done(caller, {});
                return;
            }
            if (!provider(AppSyncAuthProvider::Type::Lambda) &&
                !provider(AppSyncAuthProvider::Type::OpenIdConnect)) {
                done(std::nullopt, verified.error().message);
                return;
            }
        }
        if (const AppSyncAuthProvider *oidc = provider(AppSyncAuthProvider::Type::OpenIdConnect)) {
            const std::optional<JwtTrust> trust =
                m_trustResolver ? m_trustResolver(oidc->oidcIssuer) : std::nullopt;
            if (!trust && !provider(AppSyncAuthProvider::Type::Lambda)) {
                verifyOidcOutside(*oidc, authorization, std::move(done));
                return;
            }
            QString refusal = QStringLiteral(
                "OPENID_CONNECT token refused: the issuer %1 is not a user pool of this lab")
                                  .arg(oidc->oidcIssuer);
            if (std::optional<AppSyncCaller> caller =
                    trust ? verifyOidc(*oidc, authorization, *trust, &refusal) : std::nullopt) {
                done(caller, {});
                return;
            }
            if (!provider(AppSyncAuthProvider::Type::Lambda)) {
                done(std::nullopt, refusal);
                return;
            }
        }
        if (const AppSyncAuthProvider *lambda = provider(AppSyncAuthProvider::Type::Lambda)) {
            authorizeWithLambda(api.config, *lambda, request, std::move(done));
            return;
        }
    }
    done(std::nullopt, QStringLiteral("Valid authorization header not provided."));
}

void AppSyncService::verifyOidcOutside(
    const AppSyncAuthProvider &oidc, const QByteArray &authorization,
    std::function<void(std::optional<AppSyncCaller>, QString)> done)
{
    const QByteArray token = authorization.startsWith("Bearer ") ? authorization.mid(7) : authorization;
    const Core::Result<Core::Jwt::Jws> jws = Core::Jwt::decodeCompact(token);
    if (!jws) {
        done(std::nullopt, QStringLiteral("OPENID_CONNECT token refused: it is not a JWT: %1")
                               .arg(jws.error().message));
        return;
    }
    Core::Jwt::JwksSource *source = m_jwksSources.value(oidc.oidcIssuer);
    if (!source) {
        if (!m_httpClient)
            m_httpClient = new Core::HttpClient(this);
        source = new Core::Jwt::JwksSource(m_httpClient, this);
        source->setIssuer(QUrl(oidc.oidcIssuer));
        m_jwksSources.insert(oidc.oidcIssuer, source);
    }
    Core::Jwt::KeyLookup *lookup = source->lookup(jws->header);
    connect(lookup, &Core::Jwt::KeyLookup::finished, this,
            [this, lookup, token, oidc, done = std::move(done)](const Core::Result<Core::Jwt::Jwk> &key) {
                lookup->deleteLater();
                if (!key) {
                    done(std::nullopt,
                         QStringLiteral("OPENID_CONNECT token refused: no key of the issuer %1 "
                                        "for it (%2); check that the issuer is reachable from "
                                        "the emulator and publishes the token's kid")
                             .arg(oidc.oidcIssuer, key.error().message));
                    return;
                }
                QString refusal;
                std::optional<AppSyncCaller> caller = verifyOidc(
                    oidc, token, JwtTrust{oidc.oidcIssuer, Core::Jwt::JwkSet::fromKeys({*key})},
                    &refusal);
                done(caller, caller ? QString() : refusal);
            });
}

std::optional<AppSyncCaller> AppSyncService::verifyOidc(const AppSyncAuthProvider &oidc,
                                                        QByteArray token, const JwtTrust &trust,
                                                        QString *refusal) const
{
    if (token.startsWith("Bearer "))
        token = token.mid(7);
    Core::Jwt::ClaimRules rules;
    rules.issuer = trust.issuer;
    rules.skew = std::chrono::seconds(0);
    const Core::Result<Core::Jwt::VerifiedToken> verified =
        Core::Jwt::verifyJwt(token, trust.keys, rules);
    if (!verified) {
        *refusal = QStringLiteral("OPENID_CONNECT token refused: %1").arg(verified.error().message);
        return std::nullopt;
    }
    const Core::Jwt::Claims &claims = verified->claims;
    // ClientId is matched against aud, or client_id for tokens without aud (Cognito's access
    // tokens); AppSync documents it as a regular expression, so one API may accept several clients.
    const QRegularExpression clientIds(QRegularExpression::anchoredPattern(oidc.oidcClientId));
    const QStringList audiences = claims.aud.isEmpty() ? QStringList{claims.clientId} : claims.aud;
    if (!oidc.oidcClientId.isEmpty() &&
        std::none_of(audiences.cbegin(), audiences.cend(),
                     [&](const QString &a) { return !a.isEmpty() && clientIds.match(a).hasMatch(); })) {
        *refusal = QStringLiteral("OPENID_CONNECT token refused: its audience (aud or client_id) "
                                  "is not the API's ClientId %1")
                       .arg(oidc.oidcClientId);
        return std::nullopt;
    }
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const auto tooOld = [&](const char *claim, qint64 ttlMs) {
        if (ttlMs <= 0)
            return false;
        const QJsonValue at = claims.all.value(QLatin1String(claim));
        return !at.isDouble() || nowMs - qint64(at.toDouble()) * 1000 > ttlMs;
    };
    if (tooOld("iat", oidc.oidcIatTtlMs)) {
        *refusal = QStringLiteral("OPENID_CONNECT token refused: it was issued (iat) more than "
                                  "the API's IatTTL of %1 ms ago; sign in again")
                       .arg(oidc.oidcIatTtlMs);
        return std::nullopt;
    }
    if (tooOld("auth_time", oidc.oidcAuthTtlMs)) {
        *refusal = QStringLiteral("OPENID_CONNECT token refused: its user authenticated (auth_time) "
                                  "more than the API's AuthTTL of %1 ms ago; sign in again")
                       .arg(oidc.oidcAuthTtlMs);
        return std::nullopt;
    }
    // AppSync's OIDC identity: the claims, iss and sub (as its resolver mapping documentation lists).
    const Json identity{
        {"claims", parse(QJsonDocument(claims.all).toJson(QJsonDocument::Compact))},
        {"issuer", str(claims.iss)},
        {"sub", str(claims.sub)}};
    return AppSyncCaller{AppSyncAuthProvider::Type::OpenIdConnect, dump(identity)};
}

void AppSyncService::authorizeWithLambda(
    const AppSyncApiConfig &api, const AppSyncAuthProvider &provider,
    const Core::HttpRequest &request,
    std::function<void(std::optional<AppSyncCaller>, QString)> done)
{
    const Json body = parse(request.body);
    const auto text = [&](const char *key) {
        return body.is_object() && body.value(key, Json()).is_string() ? body[key] : Json();
    };
    const QByteArray requestId = AwsAuthenticator::newRequestId();
    // operationName: the request's, else the name of the document's one operation (assumed to
    // be what AppSync sends when a client names the operation only in the query).
    Json operationName = text("operationName");
    if (operationName.is_null() && text("query").is_string()) {
        const Core::Result<GraphQL::Document> doc =
            GraphQL::Parser::parse(QByteArray::fromStdString(body["query"].get<std::string>()));
        std::vector<const GraphQL::OperationDefinition *> operations;
        for (size_t i = 0; doc && i < doc->definitions.size(); ++i) {
            if (const auto *o = std::get_if<GraphQL::OperationDefinition>(&doc->definitions[i]))
                operations.push_back(o);
        }
        if (operations.size() == 1 && operations.front()->name)
            operationName = str(operations.front()->name->value);
    }
    Json event{{"authorizationToken", request.headers.value("Authorization").toStdString()},
               {"requestContext",
                {{"apiId", str(api.apiId)},
                 {"accountId", str(m_authenticator->accountId())},
                 {"requestId", requestId.toStdString()},
                 {"queryString", text("query")},
                 {"operationName", operationName},
                 {"variables", body.is_object() && body.value("variables", Json()).is_object()
                                   ? body["variables"]
                                   : Json::object()}}},
               {"requestHeaders", headersJson(request)}};
    InvokeRequest invoke;
    invoke.functionName = provider.authorizerFunction.section(QLatin1Char(':'), 0, 0);
    invoke.payload = dump(event);
    invoke.source = QStringLiteral("AWS_LAMBDA authorizer of AppSync API %1").arg(api.name);
    m_lambda->invoke(invoke, this, [done = std::move(done)](const InvokeResult &result) {
        const Json answer = parse(result.payload);
        if (result.error.isError() || !result.functionError.isEmpty() || !answer.is_object()) {
            // AppSync refuses the request when its authorizer fails or answers nonsense.
            done(std::nullopt, QStringLiteral("You are not authorized to make this call."));
            return;
        }
        if (!answer.value("isAuthorized", false)) {
            done(std::nullopt, QStringLiteral("You are not authorized to make this call."));
            return;
        }
        AppSyncCaller caller;
        caller.mode = AppSyncAuthProvider::Type::Lambda;
        caller.identity =
            dump(Json{{"resolverContext", answer.value("resolverContext", Json::object())}});
        if (answer.value("deniedFields", Json()).is_array()) {
            for (const Json &f : answer["deniedFields"]) {
                // "Type.field", or the field's ARN ".../types/<Type>/fields/<field>".
                QString name =
                    f.is_string() ? QString::fromStdString(f.get<std::string>()) : QString();
                if (const qsizetype at = name.indexOf(QLatin1String("/types/")); at >= 0)
                    name = name.mid(at + 7).replace(QLatin1String("/fields/"), QLatin1String("."));
                caller.deniedFields.append(name);
            }
        }
        done(caller, {});
    });
}

void AppSyncService::execute(const Api &api, const AppSyncCaller &caller,
                             const Core::HttpRequest &request,
                             const GraphQL::ExecutionRequest &operation,
                             std::function<void(QByteArray)> done)
{
    auto resolver = std::make_shared<Resolver>();
    resolver->config = api.config;
    resolver->services.lambda = m_lambda;
    resolver->services.dynamo = m_dynamo;
    resolver->services.context = this;
    resolver->services.apiName = api.config.name;
    resolver->caller = caller;
    resolver->headers = headersJson(request);
    const GraphQL::Executor::Prepared prepared = api.executor->prepare(operation);
    const QString apiId = api.config.apiId;
    QPointer<AppSyncService> self(this);
    api.executor->execute(
        operation, resolver, [self, apiId, prepared, done = std::move(done)](QByteArray response) {
            if (self && prepared.ok && prepared.operation == GraphQL::OperationType::Mutation) {
                const Json doc = parse(response);
                const Json data = doc.value("data", Json());
                if (data.is_object() && !data.empty() && !data.begin().value().is_null())
                    emit self->mutationResolved(apiId, prepared.rootFieldName,
                                                dump(data.begin().value()));
            }
            done(response);
        });
}

void AppSyncService::handle(const Core::HttpRequest &request, const QString &apiId,
                            const QByteArray &pathInApi, HttpResponder &responder)
{
    const Api *found = api(apiId);
    if (!found || pathInApi != "/graphql") {
        responder.send(requestError(
            404, QStringLiteral("NotFoundException"),
            QStringLiteral(
                "No GraphQL endpoint here: POST to /graphql of an API the emulator lists "
                "at /_aws/emulator.")));
        return;
    }
    if (request.method != "POST") {
        responder.send(requestError(
            405, QStringLiteral("MethodNotAllowedException"),
            QStringLiteral("The GraphQL endpoint takes POST with a JSON body {\"query\": ...}.")));
        return;
    }
    const Json body = parse(request.body);
    if (!body.is_object() || !body.value("query", Json()).is_string()) {
        responder.send(requestError(
            400, QStringLiteral("MalformedHttpRequestException"),
            QStringLiteral("The body must be a JSON object with a \"query\" string (and optionally "
                           "\"variables\" and \"operationName\").")));
        return;
    }
    GraphQL::ExecutionRequest operation;
    operation.query = QByteArray::fromStdString(body["query"].get<std::string>());
    if (body.value("operationName", Json()).is_string())
        operation.operationName = QString::fromStdString(body["operationName"].get<std::string>());
    if (body.contains("variables"))
        operation.variables = dump(body["variables"]);
    const Api apiCopy = *found;
    HttpResponder answer = responder;
    authenticate(*found, request, this,
                 [this, apiCopy, request, operation, answer](std::optional<AppSyncCaller> caller,
                                                             QString refusal) {
                     if (!caller) {
                         answer.send(unauthorized(refusal));
                         return;
                     }
                     execute(apiCopy, *caller, request, operation, [answer](QByteArray response) {
                         answer.send(jsonResponse(200, response));
                     });
                 });
}

} // namespace Gatehouse::Emulator
