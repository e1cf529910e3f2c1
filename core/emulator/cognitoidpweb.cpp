// The plain-HTTP face of the user pools: the discovery document and JWKS a resource server
// reads to check the pool's tokens.
#include "cognitoidpservice.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace Gatehouse::Emulator {

namespace {

Core::HttpResponse webJson(int status, const QByteArray &body)
{
    Core::HttpResponse response;
    response.status = status;
    response.headers.add("Content-Type", "application/json;charset=UTF-8");
    response.headers.add("Access-Control-Allow-Origin", "*");
    response.body = body;
    return response;
}

// The OpenID Connect discovery document, with the hosted endpoints on the emulator's port.
QJsonObject discovery(const QString &base, const QString &iss)
{
    return QJsonObject{
        {QStringLiteral("issuer"), iss},
        {QStringLiteral("jwks_uri"), QString(iss + QStringLiteral("/.well-known/jwks.json"))},
        {QStringLiteral("authorization_endpoint"),
         QString(base + QStringLiteral("/oauth2/authorize"))},
        {QStringLiteral("token_endpoint"), QString(base + QStringLiteral("/oauth2/token"))},
        {QStringLiteral("userinfo_endpoint"), QString(base + QStringLiteral("/oauth2/userInfo"))},
        {QStringLiteral("revocation_endpoint"), QString(base + QStringLiteral("/oauth2/revoke"))},
        // Cognito also lists "token" (the implicit grant), which the emulator does not serve.
        {QStringLiteral("response_types_supported"), QJsonArray{QStringLiteral("code")}},
        {QStringLiteral("id_token_signing_alg_values_supported"),
         QJsonArray{QStringLiteral("RS256")}},
        {QStringLiteral("subject_types_supported"), QJsonArray{QStringLiteral("public")}},
        {QStringLiteral("scopes_supported"),
         QJsonArray{QStringLiteral("openid"), QStringLiteral("email"), QStringLiteral("phone"),
                    QStringLiteral("profile")}},
        {QStringLiteral("token_endpoint_auth_methods_supported"),
         QJsonArray{QStringLiteral("client_secret_basic"), QStringLiteral("client_secret_post")}},
    };
}

} // namespace

std::optional<Core::HttpResponse> CognitoIdpService::answerWeb(const Core::HttpRequest &request)
{
    if (request.headers.value("Host").contains(".execute-api."))
        return std::nullopt;
    if (request.path.startsWith("/oauth2/")) {
        prune();
        if (request.path == "/oauth2/authorize")
            return oauthAuthorize(request);
        if (request.path == "/oauth2/token")
            return oauthToken(request);
        if (request.path == "/oauth2/userInfo")
            return oauthUserInfo(request);
        if (request.path == "/oauth2/revoke")
            return oauthRevoke(request);
        return std::nullopt;
    }
    // Every request the emulator serves passes here; most are not for a pool's keys, and the
    // regular expression (on a QString copy of the path) was a visible share of a broadcast's
    // @connections POSTs.
    if (!request.path.contains("/.well-known/"))
        return std::nullopt;
    static const QRegularExpression wellKnown(
        QStringLiteral("^/([a-z]{2}(?:-[a-z]+)+-\\d_[0-9A-Za-z]+)/\\.well-known/"
                       "(jwks\\.json|openid-configuration)$"));
    const QRegularExpressionMatch m = wellKnown.match(QString::fromLatin1(request.path));
    if (!m.hasMatch())
        return std::nullopt;
    if (request.method != "GET" && request.method != "HEAD") {
        Core::HttpResponse response = webJson(405, R"({"message":"Method Not Allowed"})");
        response.headers.add("Allow", "GET, HEAD");
        return response;
    }
    const QString poolId = m.captured(1);
    if (!m_store.pool(poolId))
        return webJson(
            404,
            QJsonDocument(QJsonObject{{QStringLiteral("message"),
                                       QStringLiteral("User pool %1 does not exist.").arg(poolId)}})
                .toJson(QJsonDocument::Compact));
    if (m.captured(2) == QLatin1String("jwks.json"))
        return webJson(200, m_tokens.jwks());
    return webJson(
        200, QJsonDocument(discovery(m_baseUrl, issuer(poolId))).toJson(QJsonDocument::Compact));
}

} // namespace Gatehouse::Emulator
