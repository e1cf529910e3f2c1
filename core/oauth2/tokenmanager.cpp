#include "tokenmanager.h"

#include "core/aws/sha256.h"
#include "core/cognito/userpoolclient.h"
#include "core/oauth2/oauthflow.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QUrlQuery>

namespace Gatehouse::Core::OAuth2 {

namespace {

QJsonObject jwtPayload(const QString &token)
{
    const QByteArray segment = token.section(QLatin1Char('.'), 1, 1).toLatin1();
    return QJsonDocument::fromJson(QByteArray::fromBase64(segment, QByteArray::Base64UrlEncoding)).object();
}

// What the person can do about a token endpoint's OAuth2 error (RFC 6749 §5.2).
QString hintFor(const QString &error)
{
    if (error == QLatin1String("invalid_client"))
        return QStringLiteral("check the client id and secret, and whether the server wants the secret as a Basic "
                              "header or in the request body");
    if (error == QLatin1String("invalid_grant"))
        return QStringLiteral("the refresh token or code is no longer valid; get a new token");
    if (error == QLatin1String("unauthorized_client"))
        return QStringLiteral("this app client may not use this grant type; allow it on the server (Cognito: "
                              "AllowedOAuthFlows with AllowedOAuthFlowsUserPoolClient)");
    if (error == QLatin1String("invalid_scope"))
        return QStringLiteral("ask only for scopes the app client is allowed (Cognito: a resource server's "
                              "<identifier>/<scope> listed in AllowedOAuthScopes)");
    if (error == QLatin1String("unsupported_grant_type"))
        return QStringLiteral("the server does not offer this grant type; choose another");
    if (error == QLatin1String("invalid_request"))
        return QStringLiteral("a parameter is missing or malformed; check the token URL and the fields");
    return {};
}

Error explained(Error error)
{
    if (error.awsCode.isEmpty() || error.code != ErrorCode::Service)
        return error;
    const QString hint = hintFor(error.awsCode);
    if (!hint.isEmpty())
        error.message = QStringLiteral("%1; %2.").arg(error.message, hint);
    return error;
}

ClientSettings clientSettings(const OAuth2Settings &s)
{
    ClientSettings out;
    out.authorizeEndpoint = QUrl(s.authorizeUrl, QUrl::StrictMode);
    out.tokenEndpoint = QUrl(s.tokenUrl, QUrl::StrictMode);
    out.clientId = s.clientId;
    out.clientSecret = s.clientSecret;
    out.secretInBody = s.clientAuth == OAuth2ClientAuth::RequestBody;
    out.audience = s.audience;
    out.scopes = s.scopes.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    out.redirectPort = quint16(s.redirectPort);
    return out;
}

// A Cognito token set's lifetime, counted from our clock (the user-pool client has its own).
QDateTime expiryOf(const TokenSet &set, const QDateTime &now)
{
    if (!set.obtainedAt.isValid() || !set.expiresAt.isValid())
        return {};
    return now.addSecs(set.obtainedAt.secsTo(set.expiresAt));
}

// What a token endpoint answered, as the manager keeps it; the lifetime counted from our clock.
CachedToken cachedToken(const Tokens &tokens, const QDateTime &now, const QString &source)
{
    CachedToken token;
    token.accessToken = tokens.accessToken;
    token.idToken = tokens.idToken;
    token.refreshToken = tokens.refreshToken;
    token.expiresAt = tokens.expiresIn > 0 ? now.addSecs(tokens.expiresIn) : QDateTime();
    token.source = source;
    return token;
}

QString grantWords(OAuth2Grant grant)
{
    switch (grant) {
    case OAuth2Grant::AuthorizationCode:
        return QStringLiteral("authorization code");
    case OAuth2Grant::ClientCredentials:
        return QStringLiteral("client credentials");
    case OAuth2Grant::RefreshToken:
        return QStringLiteral("refresh token");
    case OAuth2Grant::CognitoSignIn:
        return QStringLiteral("Cognito sign-in");
    }
    return {};
}

} // namespace

QString tokenKey(const OAuth2Settings &s)
{
    const QStringList parts{grantWords(s.grant), s.tokenUrl, s.authorizeUrl, s.clientId, s.clientSecret,
                            s.clientAuth == OAuth2ClientAuth::RequestBody ? QStringLiteral("body") : QStringLiteral("basic"),
                            s.scopes, s.audience, s.refreshToken, s.userPoolId, s.cognitoEndpoint, s.username,
                            s.password, s.srp ? QStringLiteral("srp") : QStringLiteral("password"),
                            QString::number(s.redirectPort)};
    // NUL separates fields so "ab"+"c" and "a"+"bc" differ; the hash keeps secrets out of the key.
    return QString::fromLatin1(Aws::sha256(parts.join(QChar(0)).toUtf8()).toHex());
}

Result<void> applyToken(HttpClientRequest &request, const OAuth2Settings &s, const CachedToken &token)
{
    const QString value = token.tokenFor(s.tokenUse);
    if (value.isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         s.tokenUse == OAuth2TokenUse::Id
                             ? QStringLiteral("The token endpoint sent no ID token; ask for the openid scope, or send "
                                              "the access token instead.")
                             : QStringLiteral("The token endpoint sent no access token."));
    if (s.placement == OAuth2Placement::Query) {
        const QString name = s.queryParameter.isEmpty() ? QStringLiteral("access_token") : s.queryParameter;
        QUrlQuery query(request.url);
        query.addQueryItem(QString::fromLatin1(QUrl::toPercentEncoding(name)),
                           QString::fromLatin1(QUrl::toPercentEncoding(value)));
        request.url.setQuery(query.query(QUrl::FullyEncoded), QUrl::StrictMode);
        return {};
    }
    if (request.headers.contains("Authorization"))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("The request has both an Authorization header and OAuth 2.0 auth. Remove the "
                                        "header, or send the token as a query parameter."));
    const QByteArray prefix = s.headerPrefix.trimmed().toUtf8();
    request.headers.add("Authorization", prefix.isEmpty() ? value.toUtf8() : prefix + ' ' + value.toUtf8());
    return {};
}

TokenManager::TokenManager(HttpClient *http, QObject *parent)
    : QObject(parent),
      m_http(http)
{
}

TokenManager::~TokenManager() = default;

QDateTime TokenManager::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

bool TokenManager::isFresh(const CachedToken &token) const
{
    return !token.expiresAt.isValid() || now().addSecs(RefreshLeadSeconds) < token.expiresAt;
}

std::optional<CachedToken> TokenManager::cached(const OAuth2Settings &resolved) const
{
    const auto it = m_entries.constFind(tokenKey(resolved));
    return it == m_entries.constEnd() ? std::nullopt : it->token;
}

void TokenManager::token(const OAuth2Settings &resolved, QObject *context, Done done)
{
    const QString key = tokenKey(resolved);
    Entry &entry = m_entries[key];
    if (entry.token && !entry.busy && isFresh(*entry.token)) {
        QMetaObject::invokeMethod(context, [done, token = *entry.token] { done(token); }, Qt::QueuedConnection);
        return;
    }
    entry.waiting.append({context, std::move(done)});
    if (!entry.busy)
        start(key, resolved);
}

void TokenManager::fetchNew(const OAuth2Settings &resolved, QObject *context, Done done)
{
    const QString key = tokenKey(resolved);
    Entry &entry = m_entries[key];
    if (!entry.busy) {
        entry.token.reset();
        emit tokenChanged(key);
    }
    entry.waiting.append({context, std::move(done)});
    if (!entry.busy)
        start(key, resolved);
}

void TokenManager::expire(const OAuth2Settings &resolved)
{
    const auto it = m_entries.find(tokenKey(resolved));
    if (it == m_entries.end() || !it->token)
        return;
    // The server's word beats our clock: renew before the next use.
    it->token->expiresAt = now().addSecs(-1);
    emit tokenChanged(it.key());
}

void TokenManager::clear(const OAuth2Settings &resolved)
{
    const QString key = tokenKey(resolved);
    const auto it = m_entries.find(key);
    if (it == m_entries.end())
        return;
    const QList<Waiter> waiting = it->waiting;
    m_entries.erase(it);
    for (const Waiter &waiter : waiting) {
        if (waiter.context)
            waiter.done(makeError(ErrorCode::Cancelled, QStringLiteral("The token was cleared while it was being fetched.")));
    }
    emit tokenChanged(key);
}

std::function<void(const Result<CachedToken> &)> TokenManager::finisher(const QString &key)
{
    const quint64 generation = m_entries[key].generation;
    return [this, key, generation](const Result<CachedToken> &result) { finish(key, generation, result); };
}

void TokenManager::start(const QString &key, const OAuth2Settings &settings)
{
    Entry &entry = m_entries[key];
    entry.busy = true;
    entry.generation = ++m_lastGeneration;
    // Renew with the refresh token when there is one; the refresh-token grant starts from the
    // one typed in.
    if (entry.token && !entry.token->refreshToken.isEmpty())
        return refresh(key, settings, *entry.token);
    if (settings.grant == OAuth2Grant::RefreshToken) {
        CachedToken seed;
        seed.refreshToken = settings.refreshToken;
        if (seed.refreshToken.isEmpty())
            return finisher(key)(makeError(ErrorCode::InvalidArgument,
                                           QStringLiteral("The refresh token grant needs a refresh token: put it in "
                                                          "a secret variable and write {{refreshToken}} there.")));
        return refresh(key, settings, seed);
    }
    obtain(key, settings);
}

void TokenManager::obtain(const QString &key, const OAuth2Settings &settings)
{
    switch (settings.grant) {
    case OAuth2Grant::CognitoSignIn:
        return obtainWithCognito(key, settings);
    case OAuth2Grant::AuthorizationCode:
        return obtainWithBrowser(key, settings);
    case OAuth2Grant::RefreshToken:
        return finisher(key)(makeError(ErrorCode::Service,
                                       QStringLiteral("The refresh token was refused and the refresh-token grant has "
                                                      "no other way to a token: put a new refresh token in its "
                                                      "variable.")));
    case OAuth2Grant::ClientCredentials:
        break;
    }
    if (settings.clientId.isEmpty() || settings.clientSecret.isEmpty())
        return finisher(key)(makeError(ErrorCode::InvalidArgument,
                                       QStringLiteral("Client credentials need the app client's id and secret (a "
                                                      "client with a secret); put the secret in a secret variable.")));
    emit progress(tr("Requesting a token (client credentials) from %1…").arg(settings.tokenUrl));
    auto *flow = new ClientCredentialsFlow(m_http, this);
    connect(flow, &ClientCredentialsFlow::finished, this,
            [this, flow, done = finisher(key)](const Result<Tokens> &tokens) {
                flow->deleteLater();
                if (!tokens)
                    return done(explained(tokens.error()));
                done(cachedToken(*tokens, now(), QStringLiteral("client credentials")));
            });
    flow->request(clientSettings(settings));
}

void TokenManager::refresh(const QString &key, const OAuth2Settings &settings, const CachedToken &old)
{
    emit progress(tr("Refreshing the token…"));
    // A refused refresh falls back to the grant itself (a new sign-in), except for the
    // refresh-token grant, which has nothing else to go on.
    const auto fallBack = [this, key, settings, done = finisher(key)](const Error &error) {
        if (settings.grant == OAuth2Grant::RefreshToken)
            return done(explained(error));
        m_entries[key].token.reset();
        obtain(key, settings);
    };
    if (settings.grant == OAuth2Grant::CognitoSignIn) {
        auto *client = new Cognito::UserPoolClient(m_http, QUrl(settings.cognitoEndpoint), this);
        const Cognito::AppClient app{settings.userPoolId, settings.clientId, settings.clientSecret};
        client->refresh(app, old.refreshToken, old.username, this,
                        [this, client, old, fallBack, done = finisher(key)](const Result<TokenSet> &set) {
                            client->deleteLater();
                            if (!set)
                                return fallBack(set.error());
                            CachedToken token = old;
                            token.accessToken = set->accessToken;
                            token.idToken = set->idToken;
                            token.expiresAt = expiryOf(*set, now());
                            token.source = QStringLiteral("refresh");
                            done(token);
                        });
        return;
    }
    refreshTokens(m_http, clientSettings(settings), old.refreshToken, this,
                  [this, old, fallBack, done = finisher(key)](const Result<Tokens> &tokens) {
                      if (!tokens)
                          return fallBack(tokens.error());
                      CachedToken token = old;
                      token.accessToken = tokens->accessToken;
                      if (!tokens->idToken.isEmpty())
                          token.idToken = tokens->idToken;
                      if (!tokens->refreshToken.isEmpty()) // rotated (RFC 6749 §6)
                          token.refreshToken = tokens->refreshToken;
                      token.expiresAt = tokens->expiresIn > 0 ? now().addSecs(tokens->expiresIn) : QDateTime();
                      token.source = QStringLiteral("refresh");
                      done(token);
                  });
}

void TokenManager::obtainWithCognito(const QString &key, const OAuth2Settings &settings)
{
    const Cognito::AppClient app{settings.userPoolId, settings.clientId, settings.clientSecret};
    if (const QString problem = Cognito::UserPoolClient::checkAppClient(app); !problem.isEmpty())
        return finisher(key)(makeError(ErrorCode::InvalidArgument, problem));
    if (settings.username.isEmpty() || settings.password.isEmpty())
        return finisher(key)(makeError(ErrorCode::InvalidArgument,
                                       QStringLiteral("Cognito sign-in needs a user name and a password; write the "
                                                      "password as a {{secret variable}} (gatehouse run and request "
                                                      "also read GATEHOUSE_COGNITO_PASSWORD).")));
    emit progress(tr("Signing in to %1 as %2…").arg(settings.userPoolId, settings.username));
    auto *client = new Cognito::UserPoolClient(m_http, QUrl(settings.cognitoEndpoint), this);
    auto finished = [this, client, settings, done = finisher(key)](const Result<Cognito::SignInOutcome> &outcome) {
        client->deleteLater();
        if (!outcome)
            return done(outcome.error());
        if (!outcome->signedIn())
            return done(makeError(ErrorCode::Service,
                                  QStringLiteral("Cognito answered the sign-in of %1 with the challenge %2, which "
                                                 "the request builder cannot answer; complete it once in the Auth "
                                                 "tab's User pool page (or with gatehouse cognito login).")
                                      .arg(settings.username, outcome->challengeName)));
        CachedToken token;
        token.accessToken = outcome->tokens.accessToken;
        token.idToken = outcome->tokens.idToken;
        token.refreshToken = outcome->tokens.refreshToken;
        token.expiresAt = expiryOf(outcome->tokens, now());
        token.source = settings.srp ? QStringLiteral("Cognito SRP") : QStringLiteral("Cognito password");
        // SECRET_HASH on refresh is over cognito:username (the sub in e-mail pools), not the alias.
        token.username = jwtPayload(token.idToken).value(QStringLiteral("cognito:username")).toString();
        if (token.username.isEmpty())
            token.username = outcome->username;
        done(token);
    };
    if (settings.srp)
        client->signInWithSrp(app, settings.username, settings.password, this, finished);
    else
        client->signInWithPassword(app, settings.username, settings.password, this, finished);
}

void TokenManager::obtainWithBrowser(const QString &key, const OAuth2Settings &settings)
{
    if (!m_opener)
        return finisher(key)(makeError(ErrorCode::InvalidArgument,
                                       QStringLiteral("The authorization-code grant needs a browser to sign in.")));
    auto *flow = new AuthorizationCodeFlow(m_http, this);
    const Result<QUrl> url = flow->start(clientSettings(settings));
    if (!url) {
        flow->deleteLater();
        return finisher(key)(url.error());
    }
    auto *timeout = new QTimer(flow);
    timeout->setSingleShot(true);
    const auto done = finisher(key);
    connect(timeout, &QTimer::timeout, this, [flow, done, redirect = flow->redirectUri(), ms = m_authorizationTimeoutMs] {
        flow->cancel();
        flow->deleteLater();
        done(makeError(ErrorCode::Timeout, QStringLiteral("No sign-in came back to %1 within %2 seconds; get a new "
                                                          "token to try again.")
                                               .arg(redirect.toString())
                                               .arg(ms / 1000)));
    });
    connect(flow, &AuthorizationCodeFlow::progress, this, &TokenManager::progress);
    connect(flow, &AuthorizationCodeFlow::finished, this, [this, flow, timeout, done](const Result<Tokens> &tokens) {
        timeout->stop();
        flow->deleteLater();
        if (!tokens)
            return done(explained(tokens.error()));
        done(cachedToken(*tokens, now(), QStringLiteral("authorization code")));
    });
    timeout->start(m_authorizationTimeoutMs);
    m_opener(*url);
}

void TokenManager::finish(const QString &key, quint64 generation, const Result<CachedToken> &result)
{
    const auto it = m_entries.find(key);
    if (it == m_entries.end() || it->generation != generation)
        return; // cleared meanwhile
    it->busy = false;
    Result<CachedToken> out = result;
    if (result) {
        CachedToken token = *result;
        token.obtainedAt = now();
        // No expires_in: the JWT's own exp, when the token is one.
        if (!token.expiresAt.isValid()) {
            const qint64 exp = qint64(jwtPayload(token.accessToken).value(QStringLiteral("exp")).toDouble());
            if (exp > 0)
                token.expiresAt = QDateTime::fromSecsSinceEpoch(exp, Qt::UTC);
        }
        it->token = token;
        out = token;
    }
    const QList<Waiter> waiting = it->waiting;
    it->waiting.clear();
    if (result)
        emit tokenChanged(key);
    for (const Waiter &waiter : waiting) {
        if (waiter.context)
            waiter.done(out);
    }
}

AuthorizedSend::AuthorizedSend(HttpClient *http, TokenManager *tokens, QObject *parent)
    : QObject(parent),
      m_http(http),
      m_tokens(tokens)
{
}

void AuthorizedSend::start(const HttpClientRequest &request, const OAuth2Settings &resolved)
{
    m_request = request;
    m_settings = resolved;
    m_retried = false;
    m_finished = false;
    authorizeAndSend();
}

void AuthorizedSend::authorizeAndSend()
{
    if (!m_tokens)
        return done(makeError(ErrorCode::Cancelled, QStringLiteral("The token manager is gone.")));
    m_tokens->token(m_settings, this, [this](const Result<CachedToken> &token) {
        if (m_finished)
            return;
        if (!token)
            return done(token.error());
        HttpClientRequest request = m_request;
        if (const Result<void> applied = applyToken(request, m_settings, *token); !applied)
            return done(applied.error());
        emit tokenReady(*token);
        m_sent = request;
        m_job = m_http->send(request);
        connect(m_job.data(), &HttpJob::finished, this, [this](const Result<HttpClientResponse> &response) {
            m_job = nullptr;
            if (response && response->status == 401 && !m_retried && m_tokens) {
                // The server no longer takes the token (revoked, clock skew, a restarted issuer):
                // renew it and try once more; a second 401 is the answer.
                m_retried = true;
                m_tokens->expire(m_settings);
                return authorizeAndSend();
            }
            done(response);
        });
    });
}

void AuthorizedSend::cancel()
{
    if (m_finished)
        return;
    if (m_job)
        return m_job->cancel(); // reports Cancelled through finished
    done(makeError(ErrorCode::Cancelled, QStringLiteral("Cancelled while getting the OAuth 2.0 token.")));
}

void AuthorizedSend::done(const Result<HttpClientResponse> &result)
{
    if (m_finished)
        return;
    m_finished = true;
    emit finished(result);
}

} // namespace Gatehouse::Core::OAuth2
