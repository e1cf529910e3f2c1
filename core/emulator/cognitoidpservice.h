#pragma once

#include "cognitotokens.h"
#include "cognitouserstore.h"
#include "core/httpmessage.h"
#include "core/result.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <functional>
#include <optional>

namespace Gatehouse::Emulator {

class AwsAuthenticator;

// Cognito user pools ("cognito-idp", JSON 1.1) in the emulator, so sign-up, sign-in (password,
// SRP, refresh), challenges and the admin API work for AWS's own clients unchanged, and the
// tokens they get verify against the pool's JWKS like Cognito's. The user-facing operations
// are unsigned as on AWS; Admin*, List* and Describe* need SigV4 for "cognito-idp".
class CognitoIdpService : public QObject
{
    Q_OBJECT
public:
    static constexpr char TargetPrefix[] = "AWSCognitoIdentityProviderService.";
    static constexpr qsizetype MaxRequestBytes = 1024 * 1024;
    static constexpr int CodeValiditySeconds = 24 * 3600;
    static constexpr int ResetCodeSeconds = 3600;
    static constexpr int SrpStateSeconds = 300;
    static constexpr int ChallengeSessionSeconds = 180; // Cognito's default AuthSessionValidity

    CognitoIdpService(AwsAuthenticator *authenticator, const QList<CognitoPoolConfig> &pools,
                      QObject *parent = nullptr);
    ~CognitoIdpService() override;

    // The emulator's base URL ("http://127.0.0.1:4577"); tokens carry iss = base + "/" + poolId.
    void setBaseUrl(const QString &baseUrl) { m_baseUrl = baseUrl; }
    QString issuer(const QString &poolId) const { return m_baseUrl + QLatin1Char('/') + poolId; }
    // The service's clock (UTC); tests move it to see codes and tokens expire.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    // POST with X-Amz-Target: AWSCognitoIdentityProviderService.<operation>.
    static bool isCognitoRequest(const Core::HttpRequest &request);
    Core::HttpResponse answer(const Core::HttpRequest &request);
    // GET /<poolId>/.well-known/jwks.json and openid-configuration, and the hosted endpoints
    // /oauth2/authorize (a minimal sign-in page), /oauth2/token (authorization_code with PKCE,
    // refresh_token), /oauth2/userInfo and /oauth2/revoke; nullopt for other paths.
    std::optional<Core::HttpResponse> answerWeb(const Core::HttpRequest &request);

    // The confirmation code last "sent" to a user (by user name or alias), since the emulator
    // has no mail; empty when none is pending.
    QString confirmationCode(const QString &poolId, const QString &usernameOrAlias);
    // The code ForgotPassword last "sent"; empty when none is pending.
    QString passwordResetCode(const QString &poolId, const QString &usernameOrAlias);

    CognitoUserStore &store() { return m_store; }
    const CognitoTokens &tokens() const { return m_tokens; }

signals:
    // A confirmation code went out: what a person would find in their mail.
    void codeSent(const QString &poolId, const QString &username, const QString &destination,
                  const QString &code);

private:
    using Reply = Core::Result<QJsonObject>;
    using Handler = Reply (CognitoIdpService::*)(const QJsonObject &);
    struct Operation;
    static const QList<Operation> &operations();
    static Core::Result<QPair<const Operation *, QJsonObject>>
    parse(const Core::HttpRequest &request);

    QDateTime now() const { return m_clock ? m_clock() : QDateTime::currentDateTimeUtc(); }

    // user-facing (cognitoidpservice.cpp)
    Reply signUp(const QJsonObject &in);
    Reply confirmSignUp(const QJsonObject &in);
    Core::Result<std::pair<CognitoUserPool *, CognitoUser *>> codeUser(const QJsonObject &in);
    Reply resendConfirmationCode(const QJsonObject &in);
    Reply getUser(const QJsonObject &in);
    Reply globalSignOut(const QJsonObject &in);
    Reply changePassword(const QJsonObject &in);
    Reply forgotPassword(const QJsonObject &in);
    Reply confirmForgotPassword(const QJsonObject &in);
    Reply revokeToken(const QJsonObject &in);
    void signOutEverywhere(const QString &poolId, const QString &username);

    // sign-in (cognitoidpauth.cpp)
    Reply initiateAuth(const QJsonObject &in);
    Reply adminInitiateAuth(const QJsonObject &in);
    Reply startAuth(const QJsonObject &in, bool admin);
    Reply respondToAuthChallenge(const QJsonObject &in);
    Reply adminRespondToAuthChallenge(const QJsonObject &in);
    Reply passwordAuth(CognitoUserPool &pool, const CognitoClientConfig &client,
                       const QJsonObject &params);
    Reply srpAuth(CognitoUserPool &pool, const CognitoClientConfig &client,
                  const QJsonObject &params);
    Reply refreshAuth(CognitoUserPool &pool, const CognitoClientConfig &client,
                      const QJsonObject &params);
    Reply passwordVerifier(CognitoUserPool &pool, const CognitoClientConfig &client,
                           const QJsonObject &responses);
    Reply newPasswordRequired(CognitoUserPool &pool, const CognitoClientConfig &client,
                              const QString &session, const QJsonObject &responses);
    // Tokens for a user who just proved who they are, or the challenge still in the way.
    Reply signedIn(CognitoUserPool &pool, const CognitoClientConfig &client, CognitoUser &user);
    // What one sign-in is: its origin_jti and auth_time (kept by refreshes), the access
    // token's scope, and the OIDC nonce of the hosted sign-in.
    struct SignIn
    {
        QString originJti;
        qint64 authTime = 0;
        QString scope = QStringLiteral("aws.cognito.signin.user.admin");
        QString nonce;
    };
    QJsonObject authenticationResult(const CognitoUserPool &pool, const CognitoClientConfig &client,
                                     const CognitoUser &user, const SignIn &signIn,
                                     bool withRefreshToken);
    // The pool and user an access token names, after checking signature, expiry and sign-out.
    Core::Result<QPair<CognitoUserPool *, CognitoUser *>> accessTokenUser(const QString &token);

    // the hosted endpoints (cognitoidpweb.cpp)
    Core::HttpResponse oauthAuthorize(const Core::HttpRequest &request);
    Core::HttpResponse oauthToken(const Core::HttpRequest &request);
    Core::HttpResponse oauthUserInfo(const Core::HttpRequest &request);
    Core::HttpResponse oauthRevoke(const Core::HttpRequest &request);
    // grant_type=client_credentials: an access token for the app client itself (no user).
    Core::HttpResponse clientCredentialsGrant(const CognitoUserPool &pool, const CognitoClientConfig &client,
                                              const QString &scope);
    Core::HttpResponse tokenGrant(CognitoUserPool &pool, const CognitoClientConfig &client,
                                  const QHash<QString, QString> &params);

    // admin and read (cognitoidpadmin.cpp)
    Reply adminCreateUser(const QJsonObject &in);
    Reply adminGetUser(const QJsonObject &in);
    Reply adminSetUserPassword(const QJsonObject &in);
    Reply adminConfirmSignUp(const QJsonObject &in);
    Reply adminAddUserToGroup(const QJsonObject &in);
    Reply adminDeleteUser(const QJsonObject &in);
    Reply adminUserGlobalSignOut(const QJsonObject &in);
    Reply adminDisableUser(const QJsonObject &in);
    Reply adminEnableUser(const QJsonObject &in);
    Reply adminRemoveUserFromGroup(const QJsonObject &in);
    Reply adminListGroupsForUser(const QJsonObject &in);
    Reply listUserPools(const QJsonObject &in);
    Reply describeUserPool(const QJsonObject &in);
    Reply listUserPoolClients(const QJsonObject &in);
    Reply describeUserPoolClient(const QJsonObject &in);
    Reply listUsers(const QJsonObject &in);
    Reply listGroups(const QJsonObject &in);
    Core::Result<CognitoUserPool *> poolFor(const QJsonObject &in);
    Core::Result<CognitoUser *> adminUser(CognitoUserPool &pool, const QJsonObject &in);

    // shared helpers
    // The client (of poolId, when given) and its pool, or ResourceNotFoundException.
    Core::Result<QPair<CognitoUserPool *, const CognitoClientConfig *>>
    clientFor(const QString &clientId, const QString &poolId = {});
    Core::Error checkSecretHash(const CognitoClientConfig &client, const QString &secretHash,
                                const QStringList &names) const;
    // UserNotFoundException, or NotAuthorizedException when the client hides who exists.
    static Core::Error unknownUser(const CognitoClientConfig &client);
    enum class CodePurpose
    {
        ConfirmSignUp,
        ResetPassword
    };
    QJsonObject sendCode(CognitoUserPool &pool, CognitoUser &user, CodePurpose purpose);
    void prune();

    struct RefreshSession
    {
        QString poolId;
        QString clientId;
        QString username;
        SignIn signIn;
        QDateTime expires;
    };
    struct SrpState
    {
        QString poolId;
        QString clientId;
        QString username;
        QByteArray key;
        QDateTime expires;
    };
    struct ChallengeSession
    {
        QString poolId;
        QString clientId;
        QString username;
        QDateTime expires;
    };

    struct AuthorizationCode
    {
        QString poolId;
        QString clientId;
        QString username;
        QString redirectUri;
        QString codeChallenge;
        QString codeChallengeMethod;
        SignIn signIn;
        QDateTime expires;
    };

    AwsAuthenticator *m_authenticator;
    CognitoUserStore m_store;
    CognitoTokens m_tokens;
    QString m_baseUrl = QStringLiteral("http://127.0.0.1:4577");
    std::function<QDateTime()> m_clock;
    QHash<QString, RefreshSession> m_refreshTokens; // refresh token -> what it continues
    QSet<QString> m_revokedOrigins;                 // origin_jti of signed-out sign-ins
    QHash<QString, SrpState> m_srpStates;           // SECRET_BLOCK -> SRP server state
    QHash<QString, ChallengeSession> m_sessions;    // Session -> NEW_PASSWORD_REQUIRED
    QHash<QString, AuthorizationCode> m_codes;      // /oauth2/authorize code -> sign-in
};

} // namespace Gatehouse::Emulator
