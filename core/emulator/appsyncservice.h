#pragma once

#include "appsyncconfig.h"
#include "core/graphql/executor.h"
#include "httpapijwtauthorizer.h"
#include "requesthandler.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <memory>
#include <optional>

namespace Gatehouse::Core {
class HttpClient;
namespace Jwt {
class JwksSource;
}
} // namespace Gatehouse::Core

namespace Gatehouse::Emulator {

class AwsAuthenticator;
class CognitoIdpService;
class DynamoStore;
class LambdaInvoker;

// Who a request to an AppSync API is, once one of its auth providers accepted it: the mode and
// the identity a resolver's event carries (null for API_KEY), as raw JSON.
struct AppSyncCaller
{
    AppSyncAuthProvider::Type mode = AppSyncAuthProvider::Type::ApiKey;
    QByteArray identity = "null";
    // AWS_LAMBDA: the authorizer's deniedFields ("Type.field"), refused like a missing directive.
    QStringList deniedFields;
    // AMAZON_COGNITO_USER_POOLS: the token's cognito:groups, matched against cognito_groups.
    QStringList groups;
};

// The emulator's AppSync-compatible GraphQL endpoint: POST /graphql for each lab API, its auth
// providers enforced as AppSync does (the request's headers pick the provider; a refused request
// is 401 UnauthorizedException; a field the provider may not read is null with "Not Authorized
// to access ..."), fields run by Core::GraphQL::Executor with direct Lambda resolvers (AppSync's
// event, identity per mode), NONE resolvers (the arguments come back) and VTL mapping templates
// over Lambda, DynamoDB (the emulator's DynamoStore) and NONE, unit or pipeline
// (AppSyncTemplates). Mutations are reported to the real-time side (AppSyncRealtime), which feeds
// subscriptions.
class AppSyncService : public QObject
{
    Q_OBJECT
public:
    struct Api
    {
        AppSyncApiConfig config;
        std::shared_ptr<Core::GraphQL::Executor> executor;
    };

    AppSyncService(LambdaInvoker *lambda, AwsAuthenticator *authenticator,
                   CognitoIdpService *cognito, QObject *parent = nullptr);
    ~AppSyncService() override;

    void setRegion(const QString &region) { m_region = region; }
    // The lab's tables, which AMAZON_DYNAMODB data sources read and write (owned by the Emulator).
    void setDynamoStore(DynamoStore *store);
    void setApis(const QList<AppSyncApiConfig> &apis);
    // OPENID_CONNECT: the issuers the emulator verifies in-process (its lab pools, by their AWS
    // issuer URL or the emulator's), the same resolver HTTP API JWT authorizers use.
    using JwtTrustResolver = std::function<std::optional<JwtTrust>(const QString &configuredIssuer)>;
    void setJwtTrustResolver(JwtTrustResolver resolver) { m_trustResolver = std::move(resolver); }
    bool serves(const QString &apiId) const { return m_apis.contains(apiId); }
    const Api *api(const QString &apiId) const;

    // POST <pathInApi> = /graphql; anything else is AppSync's 404.
    void handle(const Core::HttpRequest &request, const QString &apiId, const QByteArray &pathInApi,
                HttpResponder &responder);

    // Checks a request's (or a real-time handshake's) headers against the API's providers; the
    // refusal's message when none accepts them. `done` may run later (AWS_LAMBDA invokes a
    // function).
    void
    authenticate(const Api &api, const Core::HttpRequest &request, QObject *context,
                 std::function<void(std::optional<AppSyncCaller> caller, QString refusal)> done);

    // Runs one operation for a caller; `done` gets the response JSON.
    void execute(const Api &api, const AppSyncCaller &caller, const Core::HttpRequest &request,
                 const Core::GraphQL::ExecutionRequest &operation,
                 std::function<void(QByteArray)> done);

    // Whether the caller's mode may read a field of a type (the @aws_* directives, and for user
    // pools the cognito_groups of @aws_cognito_user_pools / @aws_auth).
    static bool allows(const AppSyncApiConfig &api, const AppSyncCaller &caller,
                       const Core::GraphQL::NamedType &type, const Core::GraphQL::FieldDef &field);

    // AppSync's 401 body: {"errors":[{"errorType":"UnauthorizedException","message":...}]}.
    static Core::HttpResponse unauthorized(const QString &message);

signals:
    // A mutation field finished without error; `value` is its full resolved value (JSON), which
    // subscriptions naming the mutation in @aws_subscribe filter and select from.
    void mutationResolved(const QString &apiId, const QString &mutationField,
                          const QByteArray &value);

private:
    // AWS_LAMBDA: the authorizer function decides (AppSync's request event; isAuthorized,
    // resolverContext, deniedFields in its answer; ttlOverride is not honoured: nothing is cached).
    void authorizeWithLambda(const AppSyncApiConfig &api, const AppSyncAuthProvider &provider,
                             const Core::HttpRequest &request,
                             std::function<void(std::optional<AppSyncCaller>, QString)> done);

    // OPENID_CONNECT: the token verified against the issuer's keys (a lab pool's), iss, exp,
    // ClientId and IatTTL/AuthTTL; nullopt with the reason in words when refused.
    std::optional<AppSyncCaller> verifyOidc(const AppSyncAuthProvider &oidc, QByteArray token,
                                            const JwtTrust &trust, QString *refusal) const;
    // OPENID_CONNECT with an issuer outside the lab: its key by OIDC discovery over HTTP(S) at
    // request time (Core::Jwt::JwksSource, cached per issuer), then verifyOidc.
    void verifyOidcOutside(const AppSyncAuthProvider &oidc, const QByteArray &authorization,
                           std::function<void(std::optional<AppSyncCaller>, QString)> done);

    LambdaInvoker *m_lambda;
    AwsAuthenticator *m_authenticator;
    CognitoIdpService *m_cognito;
    QString m_region = QStringLiteral("us-east-1");
    QHash<QString, Api> m_apis;
    QPointer<DynamoStore> m_dynamo;
    JwtTrustResolver m_trustResolver;
    Core::HttpClient *m_httpClient = nullptr;                // made on the first outside issuer
    QHash<QString, Core::Jwt::JwksSource *> m_jwksSources;    // outside issuer -> its keys
};

} // namespace Gatehouse::Emulator
