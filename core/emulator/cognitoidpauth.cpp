// Sign-in: InitiateAuth, RespondToAuthChallenge, the tokens they end in, and checking the
// access tokens later operations bring.
#include "cognitoidpservice.h"

#include "core/aws/sha256.h"
#include "cognitoidpwire.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace Gatehouse::Emulator {

using namespace CognitoWire;
namespace Srp = Core::Cognito;

namespace {

const QString Incorrect = QStringLiteral("Incorrect username or password.");

Core::Error notAuthorized(const QString &message)
{
    return error("NotAuthorizedException", message);
}

Core::Error missingParameter(const char *name)
{
    return error("InvalidParameterException",
                 QStringLiteral("Missing required parameter %1").arg(QLatin1String(name)));
}

bool sameText(const QString &a, const QString &b)
{
    return Core::Aws::equalInConstantTime(a.toUtf8(), b.toUtf8());
}

// The flows InitiateAuth knows, and the ExplicitAuthFlows entry each needs.
QString allowFlagFor(const QString &flow)
{
    if (flow == QLatin1String("REFRESH_TOKEN") || flow == QLatin1String("REFRESH_TOKEN_AUTH"))
        return QStringLiteral("ALLOW_REFRESH_TOKEN_AUTH");
    return QStringLiteral("ALLOW_") + flow;
}

// Attributes as ID token claims: *_verified are booleans, everything else a string.
QJsonValue claimValue(const QString &name, const QString &value)
{
    if (name.endsWith(QLatin1String("_verified")))
        return value.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
    return value;
}

} // namespace

CognitoIdpService::Reply CognitoIdpService::initiateAuth(const QJsonObject &in)
{
    return startAuth(in, false);
}

// AdminInitiateAuth: signed, for a client of the named pool; ADMIN_USER_PASSWORD_AUTH (and the
// legacy ADMIN_NO_SRP_AUTH) take the password as USER_PASSWORD_AUTH does.
CognitoIdpService::Reply CognitoIdpService::adminInitiateAuth(const QJsonObject &in)
{
    return startAuth(in, true);
}

CognitoIdpService::Reply CognitoIdpService::startAuth(const QJsonObject &in, bool admin)
{
    static const QStringList flows{QStringLiteral("USER_SRP_AUTH"),
                                   QStringLiteral("REFRESH_TOKEN_AUTH"),
                                   QStringLiteral("REFRESH_TOKEN"),
                                   QStringLiteral("CUSTOM_AUTH"),
                                   QStringLiteral("ADMIN_NO_SRP_AUTH"),
                                   QStringLiteral("USER_PASSWORD_AUTH"),
                                   QStringLiteral("ADMIN_USER_PASSWORD_AUTH"),
                                   QStringLiteral("USER_AUTH")};
    const QString flow = string(in, "AuthFlow");
    if (!flows.contains(flow))
        return error("InvalidParameterException",
                     QStringLiteral(
                         "1 validation error detected: Value '%1' at 'authFlow' failed to satisfy "
                         "constraint: Member must satisfy enum value set: [%2]")
                         .arg(flow, flows.join(QStringLiteral(", "))));
    const auto found =
        clientFor(string(in, "ClientId"), admin ? string(in, "UserPoolId") : QString());
    if (!found)
        return found.error();
    CognitoUserPool &pool = *found->first;
    const CognitoClientConfig &client = *found->second;
    const bool adminFlow = flow.startsWith(QLatin1String("ADMIN_"));
    if (adminFlow != admin && (adminFlow || flow == QLatin1String("USER_PASSWORD_AUTH")))
        return error("InvalidParameterException",
                     QStringLiteral("Initiate Auth method not supported."));
    const QString allow =
        adminFlow ? QStringLiteral("ALLOW_ADMIN_USER_PASSWORD_AUTH") : allowFlagFor(flow);
    if (!client.explicitAuthFlows.contains(allow))
        return error("InvalidParameterException",
                     QStringLiteral("%1 flow not enabled for this client").arg(flow));
    const QJsonObject params = in.value(QStringLiteral("AuthParameters")).toObject();
    if (flow == QLatin1String("USER_PASSWORD_AUTH") || adminFlow)
        return passwordAuth(pool, client, params);
    if (flow == QLatin1String("USER_SRP_AUTH"))
        return srpAuth(pool, client, params);
    if (flow.startsWith(QLatin1String("REFRESH_TOKEN")))
        return refreshAuth(pool, client, params);
    return error(
        "InvalidParameterException",
        QStringLiteral(
            "%1 is not emulated: Gatehouse's Cognito has no Lambda triggers or passwordless "
            "sign-in; use USER_PASSWORD_AUTH or USER_SRP_AUTH")
            .arg(flow));
}

CognitoIdpService::Reply CognitoIdpService::passwordAuth(CognitoUserPool &pool,
                                                         const CognitoClientConfig &client,
                                                         const QJsonObject &params)
{
    const QString name = string(params, "USERNAME");
    if (name.isEmpty())
        return missingParameter("USERNAME");
    const QString password = string(params, "PASSWORD");
    if (password.isEmpty())
        return missingParameter("PASSWORD");
    CognitoUser *user = CognitoUserStore::find(pool, name);
    if (const Core::Error e = checkSecretHash(client, string(params, "SECRET_HASH"),
                                              {name, user ? user->username : QString()});
        e.isError())
        return e;
    if (!user)
        return unknownUser(client);
    if (!CognitoUserStore::passwordMatches(pool, *user, password))
        return notAuthorized(Incorrect);
    return signedIn(pool, client, *user);
}

CognitoIdpService::Reply CognitoIdpService::signedIn(CognitoUserPool &pool,
                                                     const CognitoClientConfig &client,
                                                     CognitoUser &user)
{
    if (!user.enabled)
        return notAuthorized(QStringLiteral("User is disabled."));
    if (user.status == CognitoUserStatus::Unconfirmed)
        return error("UserNotConfirmedException", QStringLiteral("User is not confirmed."));
    if (user.status == CognitoUserStatus::ForceChangePassword) {
        if (user.temporaryPasswordExpires.isValid() && user.temporaryPasswordExpires <= now())
            return notAuthorized(QStringLiteral(
                "Temporary password has expired and must be reset by an administrator."));
        const QString session = randomBase64Url(600);
        m_sessions.insert(session, {pool.config.poolId, client.clientId, user.username,
                                    now().addSecs(ChallengeSessionSeconds)});
        QJsonObject shown;
        for (const auto &a : std::as_const(user.attributes))
            shown.insert(a.first, a.second);
        return QJsonObject{
            {QStringLiteral("ChallengeName"), QStringLiteral("NEW_PASSWORD_REQUIRED")},
            {QStringLiteral("Session"), session},
            {QStringLiteral("ChallengeParameters"),
             QJsonObject{
                 {QStringLiteral("USER_ID_FOR_SRP"), user.username},
                 {QStringLiteral("requiredAttributes"), QStringLiteral("[]")},
                 {QStringLiteral("userAttributes"),
                  QString::fromUtf8(QJsonDocument(shown).toJson(QJsonDocument::Compact))}}}};
    }
    const QJsonObject result =
        authenticationResult(pool, client, user, {newUuid(), now().toSecsSinceEpoch()}, true);
    return QJsonObject{{QStringLiteral("AuthenticationResult"), result},
                       {QStringLiteral("ChallengeParameters"), QJsonObject()}};
}

// PASSWORD_VERIFIER. An unknown user gets a challenge all the same when the client hides who
// exists (as Cognito does); it can only end in "Incorrect username or password.".
CognitoIdpService::Reply CognitoIdpService::srpAuth(CognitoUserPool &pool,
                                                    const CognitoClientConfig &client,
                                                    const QJsonObject &params)
{
    const QString name = string(params, "USERNAME");
    if (name.isEmpty())
        return missingParameter("USERNAME");
    const QString srpA = string(params, "SRP_A");
    if (srpA.isEmpty())
        return missingParameter("SRP_A");
    CognitoUser *user = CognitoUserStore::find(pool, name);
    if (const Core::Error e = checkSecretHash(client, string(params, "SECRET_HASH"),
                                              {name, user ? user->username : QString()});
        e.isError())
        return e;
    if (!user && !client.preventUserExistenceErrors)
        return unknownUser(client);
    const QString userId = user ? user->username : name;
    const Srp::SrpVerifier verifier =
        user && user->verifier ? *user->verifier
                               : Srp::SrpServer::makeVerifier(Srp::srpPoolName(pool.config.poolId),
                                                              userId, randomBase64(32));
    const Srp::SrpServer server(verifier);
    const Core::Result<QByteArray> key = server.passwordAuthenticationKey(srpA);
    if (!key)
        return error("InvalidParameterException",
                     QStringLiteral("SRP_A is not a valid SRP public value."));
    const QString secretBlock = randomBase64(256);
    m_srpStates.insert(secretBlock, {pool.config.poolId, client.clientId,
                                     user && user->verifier ? userId : QString(), *key,
                                     now().addSecs(SrpStateSeconds)});
    return QJsonObject{{QStringLiteral("ChallengeName"), QStringLiteral("PASSWORD_VERIFIER")},
                       {QStringLiteral("ChallengeParameters"),
                        QJsonObject{{QStringLiteral("SALT"), verifier.saltHex},
                                    {QStringLiteral("SECRET_BLOCK"), secretBlock},
                                    {QStringLiteral("SRP_B"), server.publicValueHex()},
                                    {QStringLiteral("USERNAME"), userId},
                                    {QStringLiteral("USER_ID_FOR_SRP"), userId}}}};
}

CognitoIdpService::Reply CognitoIdpService::refreshAuth(CognitoUserPool &pool,
                                                        const CognitoClientConfig &client,
                                                        const QJsonObject &params)
{
    const QString token = string(params, "REFRESH_TOKEN");
    if (token.isEmpty())
        return missingParameter("REFRESH_TOKEN");
    const auto it = m_refreshTokens.constFind(token);
    if (it == m_refreshTokens.constEnd() || it->clientId != client.clientId)
        return notAuthorized(QStringLiteral("Invalid Refresh Token"));
    const RefreshSession session = it.value();
    CognitoUser *user = CognitoUserStore::find(pool, session.username);
    if (const Core::Error e = checkSecretHash(
            client, string(params, "SECRET_HASH"),
            {string(params, "USERNAME"), session.username, user ? user->sub : QString()});
        e.isError())
        return e;
    if (m_revokedOrigins.contains(session.signIn.originJti))
        return notAuthorized(QStringLiteral("Refresh Token has been revoked"));
    if (session.expires <= now())
        return notAuthorized(QStringLiteral("Refresh Token has expired"));
    if (!user)
        return notAuthorized(QStringLiteral("User does not exist."));
    if (!user->enabled)
        return notAuthorized(QStringLiteral("User is disabled."));
    SignIn again = session.signIn;
    again.nonce.clear();
    const QJsonObject result = authenticationResult(pool, client, *user, again, false);
    return QJsonObject{{QStringLiteral("AuthenticationResult"), result},
                       {QStringLiteral("ChallengeParameters"), QJsonObject()}};
}

CognitoIdpService::Reply CognitoIdpService::adminRespondToAuthChallenge(const QJsonObject &in)
{
    if (const auto found = clientFor(string(in, "ClientId"), string(in, "UserPoolId")); !found)
        return found.error();
    return respondToAuthChallenge(in);
}

CognitoIdpService::Reply CognitoIdpService::respondToAuthChallenge(const QJsonObject &in)
{
    const auto found = clientFor(string(in, "ClientId"));
    if (!found)
        return found.error();
    const QString challenge = string(in, "ChallengeName");
    const QJsonObject responses = in.value(QStringLiteral("ChallengeResponses")).toObject();
    if (challenge == QLatin1String("PASSWORD_VERIFIER"))
        return passwordVerifier(*found->first, *found->second, responses);
    if (challenge == QLatin1String("NEW_PASSWORD_REQUIRED"))
        return newPasswordRequired(*found->first, *found->second, string(in, "Session"), responses);
    return error(
        "InvalidParameterException",
        QStringLiteral("%1 is not a challenge Gatehouse's Cognito sends (PASSWORD_VERIFIER, "
                       "NEW_PASSWORD_REQUIRED)")
            .arg(challenge));
}

CognitoIdpService::Reply CognitoIdpService::passwordVerifier(CognitoUserPool &pool,
                                                             const CognitoClientConfig &client,
                                                             const QJsonObject &responses)
{
    for (const char *name :
         {"USERNAME", "PASSWORD_CLAIM_SECRET_BLOCK", "PASSWORD_CLAIM_SIGNATURE", "TIMESTAMP"})
        if (string(responses, name).isEmpty())
            return missingParameter(name);
    // Java's "EEE MMM d HH:mm:ss z yyyy" as Cognito parses it: hours padded, the day not.
    static const QRegularExpression timestampShape(QStringLiteral(
        "^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
        "([1-9]|[12][0-9]|3[01]) ([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9] UTC [0-9]{4}$"));
    const QString timestamp = string(responses, "TIMESTAMP");
    if (!timestampShape.match(timestamp).hasMatch())
        return error(
            "InvalidParameterException",
            QStringLiteral("TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english."));
    const QString name = string(responses, "USERNAME");
    CognitoUser *user = CognitoUserStore::find(pool, name);
    if (const Core::Error e = checkSecretHash(client, string(responses, "SECRET_HASH"),
                                              {name, user ? user->username : QString()});
        e.isError())
        return e;
    const QString secretBlock = string(responses, "PASSWORD_CLAIM_SECRET_BLOCK");
    const SrpState state = m_srpStates.take(secretBlock);
    if (state.poolId.isEmpty() || state.expires <= now())
        return notAuthorized(QStringLiteral("Invalid session for the user, session is expired."));
    if (state.poolId != pool.config.poolId || state.clientId != client.clientId ||
        state.username.isEmpty() || !user || user->username != state.username)
        return notAuthorized(Incorrect);
    const QString expected = Srp::passwordClaimSignature(
        state.key, Srp::srpPoolName(pool.config.poolId), user->username, secretBlock, timestamp);
    if (!sameText(expected, string(responses, "PASSWORD_CLAIM_SIGNATURE")))
        return notAuthorized(Incorrect);
    return signedIn(pool, client, *user);
}

CognitoIdpService::Reply CognitoIdpService::newPasswordRequired(CognitoUserPool &pool,
                                                                const CognitoClientConfig &client,
                                                                const QString &session,
                                                                const QJsonObject &responses)
{
    if (session.isEmpty())
        return missing(QStringLiteral("Session"));
    const QString name = string(responses, "USERNAME");
    if (name.isEmpty())
        return missingParameter("USERNAME");
    const QString password = string(responses, "NEW_PASSWORD");
    if (password.isEmpty())
        return missingParameter("NEW_PASSWORD");
    const auto it = m_sessions.constFind(session);
    if (it == m_sessions.constEnd() || it->expires <= now())
        return notAuthorized(QStringLiteral("Invalid session for the user, session is expired."));
    CognitoUser *user = CognitoUserStore::find(pool, name);
    if (it->poolId != pool.config.poolId || it->clientId != client.clientId || !user ||
        user->username != it->username)
        return notAuthorized(QStringLiteral("Invalid session for the user."));
    if (const Core::Error e =
            checkSecretHash(client, string(responses, "SECRET_HASH"), {name, user->username});
        e.isError())
        return e;
    if (const QString violation =
            CognitoUserStore::policyViolation(pool.config.passwordPolicy, password);
        !violation.isEmpty())
        return error("InvalidPasswordException", violation);
    for (auto r = responses.constBegin(); r != responses.constEnd(); ++r)
        if (r.key().startsWith(QLatin1String("userAttributes.")))
            user->setAttribute(r.key().mid(15), r.value().toString());
    m_sessions.remove(session);
    CognitoUserStore::setPassword(pool, *user, password);
    user->status = CognitoUserStatus::Confirmed;
    user->temporaryPasswordExpires = {};
    user->modified = now();
    return signedIn(pool, client, *user);
}

QJsonObject CognitoIdpService::authenticationResult(const CognitoUserPool &pool,
                                                    const CognitoClientConfig &client,
                                                    const CognitoUser &user, const SignIn &signIn,
                                                    bool withRefreshToken)
{
    const qint64 iat = now().toSecsSinceEpoch();
    const QString eventId = newUuid();
    const QString iss = issuer(pool.config.poolId);
    QJsonObject common{{QStringLiteral("sub"), user.sub},
                       {QStringLiteral("iss"), iss},
                       {QStringLiteral("origin_jti"), signIn.originJti},
                       {QStringLiteral("event_id"), eventId},
                       {QStringLiteral("auth_time"), signIn.authTime},
                       {QStringLiteral("iat"), iat}};
    if (!user.groups.isEmpty())
        common.insert(QStringLiteral("cognito:groups"), QJsonArray::fromStringList(user.groups));

    QJsonObject access = common;
    access.insert(QStringLiteral("client_id"), client.clientId);
    access.insert(QStringLiteral("token_use"), QStringLiteral("access"));
    access.insert(QStringLiteral("scope"), signIn.scope);
    access.insert(QStringLiteral("exp"), iat + client.accessTokenSeconds);
    access.insert(QStringLiteral("jti"), newUuid());
    access.insert(QStringLiteral("username"), user.username);

    QJsonObject id = common;
    for (const auto &a : std::as_const(user.attributes))
        id.insert(a.first, claimValue(a.first, a.second));
    id.insert(QStringLiteral("cognito:username"), user.username);
    id.insert(QStringLiteral("aud"), client.clientId);
    id.insert(QStringLiteral("token_use"), QStringLiteral("id"));
    id.insert(QStringLiteral("exp"), iat + client.idTokenSeconds);
    id.insert(QStringLiteral("jti"), newUuid());
    if (!signIn.nonce.isEmpty())
        id.insert(QStringLiteral("nonce"), signIn.nonce);

    QJsonObject result{{QStringLiteral("AccessToken"), m_tokens.sign(access)},
                       {QStringLiteral("ExpiresIn"), client.accessTokenSeconds},
                       {QStringLiteral("TokenType"), QStringLiteral("Bearer")},
                       {QStringLiteral("IdToken"), m_tokens.sign(id)}};
    if (withRefreshToken) {
        // Cognito's refresh token is a JWE only Cognito can open; an opaque random string of
        // about its length that maps to the sign-in serves every client the same.
        const QString refresh = randomBase64Url(1300);
        m_refreshTokens.insert(refresh, {pool.config.poolId, client.clientId, user.username, signIn,
                                         now().addSecs(client.refreshTokenSeconds)});
        result.insert(QStringLiteral("RefreshToken"), refresh);
    }
    return result;
}

Core::Result<QPair<CognitoUserPool *, CognitoUser *>>
CognitoIdpService::accessTokenUser(const QString &token)
{
    const std::optional<QJsonObject> claims = m_tokens.verify(token);
    if (!claims || claims->value(QStringLiteral("token_use")).toString() != QLatin1String("access"))
        return notAuthorized(QStringLiteral("Invalid Access Token"));
    if (qint64(claims->value(QStringLiteral("exp")).toDouble()) <= now().toSecsSinceEpoch())
        return notAuthorized(QStringLiteral("Access Token has expired"));
    if (m_revokedOrigins.contains(claims->value(QStringLiteral("origin_jti")).toString()))
        return notAuthorized(QStringLiteral("Access Token has been revoked"));
    const QString iss = claims->value(QStringLiteral("iss")).toString();
    CognitoUserPool *pool = m_store.pool(iss.mid(iss.lastIndexOf(QLatin1Char('/')) + 1));
    CognitoUser *user = nullptr;
    if (pool)
        for (CognitoUser &u : pool->users)
            if (u.username == claims->value(QStringLiteral("username")).toString())
                user = &u;
    if (!user)
        return error("UserNotFoundException", QStringLiteral("User does not exist."));
    if (!user->enabled)
        return notAuthorized(QStringLiteral("User is disabled."));
    return QPair<CognitoUserPool *, CognitoUser *>{pool, user};
}

} // namespace Gatehouse::Emulator
