// The hosted OAuth2 endpoints of a user pool, as far as a loopback sign-in needs them:
// /oauth2/authorize (a minimal sign-in page instead of the hosted UI), /oauth2/token
// (authorization_code with PKCE, refresh_token, client_credentials for machine-to-machine
// clients), /oauth2/userInfo and /oauth2/revoke.
#include "cognitoidpservice.h"
#include "cognitoidpwire.h"
#include "stsservice.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QUrl>

namespace Gatehouse::Emulator {

using namespace CognitoWire;

namespace {

const QString DefaultScope =
    QStringLiteral("openid email phone profile aws.cognito.signin.user.admin");
constexpr int CodeSeconds = 300;

Core::HttpResponse oauthJson(int status, const QJsonObject &body)
{
    Core::HttpResponse response;
    response.status = status;
    response.headers.add("Content-Type", "application/json;charset=UTF-8");
    response.headers.add("Cache-Control", "no-store");
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

Core::HttpResponse oauthError(int status, const char *error, const QString &description = {})
{
    QJsonObject body{{QStringLiteral("error"), QLatin1String(error)}};
    if (!description.isEmpty())
        body.insert(QStringLiteral("error_description"), description);
    return oauthJson(status, body);
}

Core::HttpResponse page(int status, const QString &html)
{
    Core::HttpResponse response;
    response.status = status;
    response.headers.add("Content-Type", "text/html;charset=UTF-8");
    response.headers.add("Cache-Control", "no-store");
    response.body = html.toUtf8();
    return response;
}

Core::HttpResponse errorPage(const QString &message)
{
    return page(400, QStringLiteral(
                         "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                         "<title>Error</title></head><body><h1>An error was encountered with the "
                         "requested page.</h1><p>%1</p></body></html>\n")
                         .arg(message.toHtmlEscaped()));
}

// redirect_uri with the given members added to its query, percent-encoded; empty ones left out.
Core::HttpResponse redirect(const QString &uri, const QList<QPair<QString, QString>> &members)
{
    QString to = uri;
    QChar separator = uri.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?');
    for (const auto &m : members) {
        if (m.second.isEmpty())
            continue;
        to += separator + m.first + QLatin1Char('=') +
              QString::fromLatin1(QUrl::toPercentEncoding(m.second));
        separator = QLatin1Char('&');
    }
    Core::HttpResponse response;
    response.status = 302;
    response.headers.add("Location", to.toUtf8());
    response.headers.add("Cache-Control", "no-store");
    return response;
}

QString signInPage(const QString &clientName, const QByteArray &query, const QString &problem)
{
    const QString notice =
        problem.isEmpty()
            ? QString()
            : QStringLiteral("<p class=\"error\">%1</p>").arg(problem.toHtmlEscaped());
    return QStringLiteral(
               "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign "
               "in</title>"
               "<style>body{font-family:sans-serif;max-width:22em;margin:4em "
               "auto}label,input{display:block;"
               "width:100%;margin:.3em 0}.error{color:#b00}</style></head><body>"
               "<h1>Sign in</h1><p>to %1 (Gatehouse emulator)</p>%2"
               "<form method=\"post\" action=\"/oauth2/authorize?%3\">"
               "<label for=\"username\">Username</label>"
               "<input id=\"username\" name=\"username\" autocomplete=\"username\" required>"
               "<label for=\"password\">Password</label>"
               "<input id=\"password\" name=\"password\" type=\"password\" "
               "autocomplete=\"current-password\" required>"
               "<input type=\"submit\" value=\"Sign in\"></form></body></html>\n")
        .arg(clientName.toHtmlEscaped(), notice, QString::fromLatin1(query).toHtmlEscaped());
}

bool isWebUri(const QString &uri)
{
    const QUrl url(uri, QUrl::StrictMode);
    return url.isValid() &&
           (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https")) &&
           !url.host().isEmpty() && !url.hasFragment();
}

QString s256(const QString &verifier)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

// client_id and client_secret from HTTP Basic, else from the form.
QPair<QString, QString> clientCredentials(const Core::HttpRequest &request,
                                          const QHash<QString, QString> &params)
{
    const QByteArray authorization = request.headers.value("Authorization");
    if (authorization.startsWith("Basic ")) {
        const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
        const qsizetype colon = decoded.indexOf(':');
        if (colon > 0)
            return {QString::fromUtf8(QByteArray::fromPercentEncoding(decoded.left(colon))),
                    QString::fromUtf8(QByteArray::fromPercentEncoding(decoded.mid(colon + 1)))};
    }
    return {params.value(QStringLiteral("client_id")),
            params.value(QStringLiteral("client_secret"))};
}

} // namespace

// GET shows the sign-in page; POST checks the password and redirects with a code. Clients'
// CallbackURLs are not read from labs, so any http(s) redirect_uri is taken (loopback only).
Core::HttpResponse CognitoIdpService::oauthAuthorize(const Core::HttpRequest &request)
{
    const QHash<QString, QString> params = StsService::parameters(request);
    const auto found = m_store.client(params.value(QStringLiteral("client_id")));
    if (!found.first)
        return errorPage(
            QStringLiteral("Invalid client_id: no user pool client of this lab has it."));
    CognitoUserPool &pool = *found.first;
    const CognitoClientConfig &client = *found.second;
    const QString redirectUri = params.value(QStringLiteral("redirect_uri"));
    if (!isWebUri(redirectUri))
        return errorPage(QStringLiteral("redirect_uri must be an absolute http or https URL."));
    const QString state = params.value(QStringLiteral("state"));
    if (params.value(QStringLiteral("response_type")) != QLatin1String("code"))
        return redirect(redirectUri,
                        {{QStringLiteral("error"), QStringLiteral("unsupported_response_type")},
                         {QStringLiteral("state"), state}});
    const QString method =
        params.value(QStringLiteral("code_challenge_method"), QStringLiteral("plain"));
    if (method != QLatin1String("S256") && method != QLatin1String("plain"))
        return redirect(redirectUri, {{QStringLiteral("error"), QStringLiteral("invalid_request")},
                                      {QStringLiteral("state"), state}});
    if (request.method != "POST")
        return page(200, signInPage(client.clientName, request.query, {}));

    const QString name = params.value(QStringLiteral("username"));
    CognitoUser *user = CognitoUserStore::find(pool, name);
    QString problem;
    if (!user ||
        !CognitoUserStore::passwordMatches(pool, *user, params.value(QStringLiteral("password"))))
        problem = QStringLiteral("Incorrect username or password.");
    else if (!user->enabled)
        problem = QStringLiteral("User is disabled.");
    else if (user->status == CognitoUserStatus::Unconfirmed)
        problem = QStringLiteral("User is not confirmed.");
    else if (user->status == CognitoUserStatus::ForceChangePassword)
        problem = QStringLiteral(
            "This user must choose a new password, which this page does not offer: answer "
            "NEW_PASSWORD_REQUIRED through the API first.");
    if (!problem.isEmpty())
        return page(200, signInPage(client.clientName, request.query, problem));
    const QString code = newUuid();
    SignIn signIn{newUuid(), now().toSecsSinceEpoch(),
                  params.value(QStringLiteral("scope"), DefaultScope),
                  params.value(QStringLiteral("nonce"))};
    m_codes.insert(code, {pool.config.poolId, client.clientId, user->username, redirectUri,
                          params.value(QStringLiteral("code_challenge")), method, signIn,
                          now().addSecs(CodeSeconds)});
    return redirect(redirectUri,
                    {{QStringLiteral("code"), code}, {QStringLiteral("state"), state}});
}

Core::HttpResponse CognitoIdpService::oauthToken(const Core::HttpRequest &request)
{
    if (request.method != "POST")
        return oauthError(405, "invalid_request", QStringLiteral("The token endpoint takes POST."));
    const QHash<QString, QString> params = StsService::parameters(request);
    const auto [clientId, secret] = clientCredentials(request, params);
    const auto found = m_store.client(clientId);
    if (!found.first ||
        (!found.second->clientSecret.isEmpty() && found.second->clientSecret != secret))
        return oauthError(400, "invalid_client");
    if (params.value(QStringLiteral("grant_type")) == QLatin1String("client_credentials")) {
        // A client without a secret cannot prove anything: Cognito refuses it as a client.
        if (found.second->clientSecret.isEmpty())
            return oauthError(400, "invalid_client");
        return clientCredentialsGrant(*found.first, *found.second, params.value(QStringLiteral("scope")));
    }
    return tokenGrant(*found.first, *found.second, params);
}

Core::HttpResponse CognitoIdpService::tokenGrant(CognitoUserPool &pool,
                                                 const CognitoClientConfig &client,
                                                 const QHash<QString, QString> &params)
{
    const QString grant = params.value(QStringLiteral("grant_type"));
    CognitoUser *user = nullptr;
    SignIn signIn;
    bool withRefresh = false;
    if (grant == QLatin1String("authorization_code")) {
        const AuthorizationCode code = m_codes.take(params.value(QStringLiteral("code")));
        const QString verifier = params.value(QStringLiteral("code_verifier"));
        const bool pkce =
            code.codeChallenge.isEmpty() || (code.codeChallengeMethod == QLatin1String("S256")
                                                 ? s256(verifier) == code.codeChallenge
                                                 : verifier == code.codeChallenge);
        if (code.clientId != client.clientId || code.expires <= now() ||
            code.redirectUri != params.value(QStringLiteral("redirect_uri")) || !pkce)
            return oauthError(400, "invalid_grant");
        user = CognitoUserStore::find(pool, code.username);
        signIn = code.signIn;
        withRefresh = true;
    } else if (grant == QLatin1String("refresh_token")) {
        const auto it = m_refreshTokens.constFind(params.value(QStringLiteral("refresh_token")));
        if (it == m_refreshTokens.constEnd() || it->clientId != client.clientId ||
            it->expires <= now() || m_revokedOrigins.contains(it->signIn.originJti))
            return oauthError(400, "invalid_grant");
        user = CognitoUserStore::find(pool, it->username);
        signIn = it->signIn;
        signIn.nonce.clear();
    } else if (grant.isEmpty()) {
        return oauthError(400, "invalid_request", QStringLiteral("grant_type is missing."));
    } else {
        return oauthError(400, "unsupported_grant_type");
    }
    if (!user || !user->enabled)
        return oauthError(400, "invalid_grant");
    const QJsonObject result = authenticationResult(pool, client, *user, signIn, withRefresh);
    QJsonObject out{{QStringLiteral("access_token"), result.value(QStringLiteral("AccessToken"))},
                    {QStringLiteral("expires_in"), result.value(QStringLiteral("ExpiresIn"))},
                    {QStringLiteral("token_type"), QStringLiteral("Bearer")}};
    if (signIn.scope.split(QLatin1Char(' ')).contains(QStringLiteral("openid")))
        out.insert(QStringLiteral("id_token"), result.value(QStringLiteral("IdToken")));
    if (withRefresh)
        out.insert(QStringLiteral("refresh_token"), result.value(QStringLiteral("RefreshToken")));
    return oauthJson(200, out);
}

// As Cognito: only a client with a secret, AllowedOAuthFlowsUserPoolClient and the
// client_credentials flow; only custom (resource-server) scopes the client is allowed, all of
// them when none are asked for; an access token with the client as its subject and no refresh
// token.
Core::HttpResponse CognitoIdpService::clientCredentialsGrant(const CognitoUserPool &pool,
                                                             const CognitoClientConfig &client,
                                                             const QString &scope)
{
    if (!client.allowedOAuthFlowsUserPoolClient ||
        !client.allowedOAuthFlows.contains(QStringLiteral("client_credentials")))
        return oauthError(400, "unauthorized_client");
    QStringList custom;
    for (const CognitoResourceServerConfig &server : pool.config.resourceServers)
        for (const QString &name : server.scopeNames)
            custom.append(server.identifier + QLatin1Char('/') + name);
    QStringList granted;
    const QStringList asked = scope.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &s : client.allowedOAuthScopes)
        if (custom.contains(s) && (asked.isEmpty() || asked.contains(s)))
            granted.append(s);
    for (const QString &s : asked)
        if (!granted.contains(s))
            return oauthError(400, "invalid_scope");
    if (granted.isEmpty())
        return oauthError(400, "invalid_scope");
    const qint64 iat = now().toSecsSinceEpoch();
    const QJsonObject access{{QStringLiteral("sub"), client.clientId},
                             {QStringLiteral("token_use"), QStringLiteral("access")},
                             {QStringLiteral("scope"), granted.join(QLatin1Char(' '))},
                             {QStringLiteral("auth_time"), iat},
                             {QStringLiteral("iss"), issuer(pool.config.poolId)},
                             {QStringLiteral("exp"), iat + client.accessTokenSeconds},
                             {QStringLiteral("iat"), iat},
                             {QStringLiteral("version"), 2},
                             {QStringLiteral("jti"), newUuid()},
                             {QStringLiteral("client_id"), client.clientId}};
    return oauthJson(200, {{QStringLiteral("access_token"), m_tokens.sign(access)},
                           {QStringLiteral("expires_in"), client.accessTokenSeconds},
                           {QStringLiteral("token_type"), QStringLiteral("Bearer")}});
}

Core::HttpResponse CognitoIdpService::oauthUserInfo(const Core::HttpRequest &request)
{
    const QByteArray authorization = request.headers.value("Authorization");
    const auto refuse = [](const char *error, const QString &description) {
        Core::HttpResponse response = oauthError(401, error, description);
        response.headers.add("WWW-Authenticate",
                             QStringLiteral("Bearer error=\"%1\", error_description=\"%2\"")
                                 .arg(QLatin1String(error), description)
                                 .toUtf8());
        return response;
    };
    if (!authorization.startsWith("Bearer "))
        return refuse("invalid_request", QStringLiteral("Access token is missing"));
    const auto found = accessTokenUser(QString::fromLatin1(authorization.mid(7).trimmed()));
    if (!found)
        return refuse("invalid_token", found.error().message);
    const CognitoUser &user = *found->second;
    QJsonObject out;
    for (const auto &a : user.attributesWithSub())
        out.insert(a.first, a.second);
    out.insert(QStringLiteral("username"), user.username);
    return oauthJson(200, out);
}

// RFC 7009: the refresh token and the access tokens of its sign-in stop working.
Core::HttpResponse CognitoIdpService::oauthRevoke(const Core::HttpRequest &request)
{
    if (request.method != "POST")
        return oauthError(405, "invalid_request");
    const QHash<QString, QString> params = StsService::parameters(request);
    const auto [clientId, secret] = clientCredentials(request, params);
    const auto found = m_store.client(clientId);
    if (!found.first ||
        (!found.second->clientSecret.isEmpty() && found.second->clientSecret != secret))
        return oauthError(400, "invalid_client");
    const QString token = params.value(QStringLiteral("token"));
    if (token.isEmpty())
        return oauthError(400, "invalid_request");
    const auto it = m_refreshTokens.constFind(token);
    if (it != m_refreshTokens.constEnd() && it->clientId == clientId)
        m_revokedOrigins.insert(it->signIn.originJti);
    Core::HttpResponse response;
    response.status = 200;
    return response;
}

} // namespace Gatehouse::Emulator
