#pragma once

#include "httpapiconfig.h"
#include "httpapievent.h"
#include "httpapiiamauthorizer.h"
#include "httpapijwtauthorizer.h"
#include "httpapilambdaauthorizer.h"
#include "httpresponder.h"
#include "lambdainvoker.h"
#include "tokenbucket.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace Gatehouse::Core {
class HttpClient;
namespace Jwt {
class JwksSource;
}
} // namespace Gatehouse::Core

namespace Gatehouse::Emulator {

// Serves API Gateway HTTP APIs: picks the stage and route, sends the function a payload 2.0
// event and answers the client as API Gateway would, errors included.
class HttpApiGateway : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 kMaxBodyBytes = 10 * 1024 * 1024; // HTTP API payload quota
    static constexpr qsizetype kAuthorizerCacheEntries = 10000; // cached Lambda authorizer answers

    explicit HttpApiGateway(LambdaInvoker *invoker, QObject *parent = nullptr);
    ~HttpApiGateway() override;

    void setApis(const QList<HttpApiConfig> &apis);
    const QList<HttpApiConfig> &apis() const { return m_apis; }
    void setRegion(const QString &region);
    void setAccountId(const QString &accountId);

    // Whom a JWT authorizer with this configured issuer trusts; nullopt when the emulator
    // cannot vouch for the issuer itself: then its keys come by OIDC discovery
    // (<issuer>/.well-known/openid-configuration -> jwks_uri), cached per issuer.
    using JwtTrustResolver = std::function<std::optional<JwtTrust>(const QString &configuredIssuer)>;
    void setJwtTrustResolver(JwtTrustResolver resolver) { m_trustResolver = std::move(resolver); }
    // The clock JWT expiry, SigV4 dates, the Lambda authorizer cache and route throttling
    // are checked against (UTC); tests move it.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    // The keys IAM authorization (AWS_IAM routes) accepts; without it such routes refuse all.
    void setAuthenticator(const AwsAuthenticator *authenticator) { m_authenticator = authenticator; }

    // `pathInApi` is the raw path after the API's address (a named stage is its first
    // segment); `domainName` is the host the client addressed.
    void handle(const Core::HttpRequest &request, const QString &apiId, const QByteArray &pathInApi,
                const QByteArray &domainName, HttpResponder responder);

Q_SIGNALS:
    // Every answer the gateway gave, for logs and the UI.
    void requestAnswered(const QString &apiId, const QString &routeKey, int status,
                         const QString &requestId);

private:
    struct Pending;
    void invokeRoute(const Core::HttpRequest &request, const HttpApiConfig &api,
                     const QByteArray &pathInApi, const QByteArray &domainName,
                     const std::shared_ptr<Pending> &pending, const HttpRouteConfig &route,
                     const QList<QPair<QString, QString>> &pathParameters);
    void answer(const std::shared_ptr<Pending> &pending, Core::HttpResponse response);
    // Runs the route's authorizer, then `proceed` with the event context (claims filled in)
    // or answers the refusal itself. `proceed` may run later (keys fetched by discovery).
    void authorize(const Core::HttpRequest &request, const QByteArray &pathInApi, const HttpApiConfig &api,
                   const HttpRouteConfig &route, const std::shared_ptr<Pending> &pending,
                   HttpApiEventContext context, std::function<void(const HttpApiEventContext &)> proceed);
    void authorizeJwt(const Core::HttpRequest &request, const HttpApiAuthorizerConfig &authorizer,
                      const HttpApiConfig &api, const HttpRouteConfig &route,
                      const std::shared_ptr<Pending> &pending, HttpApiEventContext context,
                      std::function<void(const HttpApiEventContext &)> proceed);
    void authorizeLambda(const Core::HttpRequest &request, const QByteArray &pathInApi,
                         const HttpApiAuthorizerConfig &authorizer, const HttpRouteConfig &route,
                         const std::shared_ptr<Pending> &pending, HttpApiEventContext context,
                         std::function<void(const HttpApiEventContext &)> proceed);
    void authorizeIam(const Core::HttpRequest &request, const HttpRouteConfig &route,
                      const std::shared_ptr<Pending> &pending, HttpApiEventContext context,
                      const std::function<void(const HttpApiEventContext &)> &proceed);
    void decideLambda(const LambdaAuthorization &verdict, const HttpRouteConfig &route,
                      const std::shared_ptr<Pending> &pending, HttpApiEventContext context,
                      const std::function<void(const HttpApiEventContext &)> &proceed);
    QDateTime now() const { return m_clock ? m_clock() : QDateTime::currentDateTimeUtc(); }
    void decide(const JwtAuthorization &verdict, const QString &apiId, const HttpRouteConfig &route,
                const std::shared_ptr<Pending> &pending, HttpApiEventContext context,
                const std::function<void(const HttpApiEventContext &)> &proceed);
    Core::Jwt::JwksSource *discoveredKeys(const QString &issuer);
    // Takes a token from the route's bucket on the API's stage; false: answer 429.
    bool admit(const HttpApiConfig &api, const QString &routeKey);

    LambdaInvoker *m_invoker = nullptr;
    QList<HttpApiConfig> m_apis;
    QString m_region = QStringLiteral("us-east-1");
    QString m_accountId = QStringLiteral("123456789012");
    JwtTrustResolver m_trustResolver;
    Core::HttpClient *m_httpClient = nullptr;                 // made on first discovery
    QHash<QString, Core::Jwt::JwksSource *> m_jwksSources;    // issuer -> its keys
    std::function<QDateTime()> m_clock;
    const AwsAuthenticator *m_authenticator = nullptr;
    // Lambda authorizers' answers by API, authorizer and identity source values, until the
    // authorizer's TTL runs out; a policy is matched again against each route it is used for.
    struct CachedAnswer
    {
        QByteArray payload;
        QDateTime expires;
    };
    QHash<QString, CachedAnswer> m_authorizerCache;
    QHash<QString, TokenBucket> m_throttles; // API id, stage and route key -> its bucket
};

} // namespace Gatehouse::Emulator
