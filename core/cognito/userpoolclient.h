#pragma once

#include "core/result.h"
#include "core/tokenstore.h"

#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>

namespace Gatehouse::Core {
class HttpClient;
}

namespace Gatehouse::Core::Cognito {

class SrpClient;

// An app client of a user pool, as a sign-in needs it.
struct AppClient
{
    QString userPoolId;   // us-east-1_AbCdEf123
    QString clientId;
    QString clientSecret; // empty unless the app client has one; then every call carries SECRET_HASH
};

// One step of a sign-in, for the trace: the operation, what was sent (never a password,
// token or key) and what came back, with the time it took.
struct TraceStep
{
    QString operation;    // "InitiateAuth (USER_SRP_AUTH)", "RespondToAuthChallenge (PASSWORD_VERIFIER)"
    QString sent;         // "USERNAME=alice, SRP_A=9f3c…(768 hex digits)"
    QString received;     // "challenge PASSWORD_VERIFIER (SALT, SECRET_BLOCK, SRP_B, USER_ID_FOR_SRP)"
    bool ok = true;
    qint64 elapsedMs = 0;
};

// Where a sign-in stands: tokens, or a challenge the caller must answer (NEW_PASSWORD_REQUIRED
// is the one people meet: a user an administrator created with a temporary password).
struct SignInOutcome
{
    TokenSet tokens;                          // complete when challengeName is empty
    QString challengeName;
    QString session;                          // to answer the challenge with
    QMap<QString, QString> challengeParameters;
    QString username;                         // USER_ID_FOR_SRP or the name signed in with

    bool signedIn() const { return challengeName.isEmpty(); }
};

struct SignUpOutcome
{
    QString userSub;
    bool confirmed = false;
    QString deliveryMedium;   // EMAIL, SMS; empty when no code was sent
    QString deliveryDestination; // masked by Cognito: "b***@e***"
};

// Cognito user pools on the wire (JSON 1.1, X-Amz-Target: AWSCognitoIdentityProviderService.*,
// unsigned like every user-facing operation): sign-up and confirmation, sign-in with
// USER_PASSWORD_AUTH or USER_SRP_AUTH (PASSWORD_VERIFIER answered with core/cognito/srp),
// NEW_PASSWORD_REQUIRED, REFRESH_TOKEN_AUTH and GlobalSignOut. Each call reports a trace step.
class UserPoolClient : public QObject
{
    Q_OBJECT

public:
    // endpoint empty: https://cognito-idp.<region of the pool id>.amazonaws.com
    explicit UserPoolClient(HttpClient *http, const QUrl &endpoint = {}, QObject *parent = nullptr);

    // The region a pool id starts with ("eu-west-1_AbC" → "eu-west-1"); empty if malformed.
    static QString regionOfPool(const QString &userPoolId);
    // Empty when fine, else what is wrong with the pool id / client id, in words.
    static QString checkAppClient(const AppClient &client);
    QUrl endpointFor(const QString &userPoolId) const;

    using Attributes = QMap<QString, QString>;
    void signUp(const AppClient &client, const QString &username, const QString &password,
                const Attributes &attributes, QObject *context, std::function<void(const Result<SignUpOutcome> &)> done);
    void confirmSignUp(const AppClient &client, const QString &username, const QString &code, QObject *context,
                       std::function<void(const Result<void> &)> done);
    void signInWithPassword(const AppClient &client, const QString &username, const QString &password,
                            QObject *context, std::function<void(const Result<SignInOutcome> &)> done);
    void signInWithSrp(const AppClient &client, const QString &username, const QString &password, QObject *context,
                       std::function<void(const Result<SignInOutcome> &)> done);
    // Answers NEW_PASSWORD_REQUIRED from a previous outcome.
    void setNewPassword(const AppClient &client, const SignInOutcome &challenge, const QString &newPassword,
                        QObject *context, std::function<void(const Result<SignInOutcome> &)> done);
    // New ID and access tokens; the refresh token stays the same (Cognito sends none back).
    // username is needed only for SECRET_HASH: the user's cognito:username (their sub in pools
    // that sign in by email).
    void refresh(const AppClient &client, const QString &refreshToken, const QString &username, QObject *context,
                 std::function<void(const Result<TokenSet> &)> done);
    void globalSignOut(const QString &userPoolId, const QString &accessToken, QObject *context,
                       std::function<void(const Result<void> &)> done);

    // Empty: AWS, by the pool's region; else the emulator's or LocalStack's URL.
    void setEndpoint(const QUrl &endpoint) { m_endpoint = endpoint; }
    QUrl endpoint() const { return m_endpoint; }

    // The clock PASSWORD_VERIFIER's TIMESTAMP is taken from (tests fix it).
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

Q_SIGNALS:
    void traced(const Gatehouse::Core::Cognito::TraceStep &step);

private:
    using Answer = std::function<void(const Result<QJsonObject> &)>;
    void call(const QString &userPoolId, const QByteArray &operation, const QString &label, const QJsonObject &body,
              const QString &sent, QObject *context, Answer done);
    // Tokens or a challenge from an InitiateAuth / RespondToAuthChallenge answer.
    Result<SignInOutcome> outcome(const QJsonObject &answer, const QString &username, const QString &source) const;
    void answerPasswordVerifier(const AppClient &client, const QString &password, const QJsonObject &challenge,
                                std::shared_ptr<SrpClient> srp, QObject *context,
                                std::function<void(const Result<SignInOutcome> &)> done);

    HttpClient *m_http;
    QUrl m_endpoint;
    std::function<QDateTime()> m_clock;
};

} // namespace Gatehouse::Core::Cognito

Q_DECLARE_METATYPE(Gatehouse::Core::Cognito::TraceStep)
