#include "userpoolclient.h"

#include "core/aws/unsignedjsoncall.h"
#include "core/cognito/srp.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QRegularExpression>

namespace Gatehouse::Core::Cognito {

namespace {

const QByteArray kTargetPrefix = "AWSCognitoIdentityProviderService.";

// "9f3c0a…(768 hex digits)": enough to recognise a value in the trace, not to reuse it.
QString abbreviated(const QString &value)
{
    if (value.size() <= 12)
        return value;
    return QStringLiteral("%1…(%2 characters)").arg(value.left(8)).arg(value.size());
}

QString joinedKeys(const QJsonObject &object)
{
    return object.keys().join(QStringLiteral(", "));
}

QJsonObject withSecretHash(QJsonObject parameters, const AppClient &client, const QString &username)
{
    if (!client.clientSecret.isEmpty())
        parameters.insert(QStringLiteral("SECRET_HASH"), secretHash(client.clientSecret, username, client.clientId));
    return parameters;
}

template<typename T>
void failLater(QObject *context, std::function<void(const Result<T> &)> done, const QString &message)
{
    QMetaObject::invokeMethod(context, [done, message] { done(makeError(ErrorCode::InvalidArgument, message)); },
                              Qt::QueuedConnection);
}

} // namespace

UserPoolClient::UserPoolClient(HttpClient *http, const QUrl &endpoint, QObject *parent)
    : QObject(parent), m_http(http), m_endpoint(endpoint), m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
}

QString UserPoolClient::regionOfPool(const QString &userPoolId)
{
    static const QRegularExpression pattern(QStringLiteral("^([a-z]{2}(-[a-z]+)+-\\d+)_[0-9A-Za-z]+$"));
    const QRegularExpressionMatch match = pattern.match(userPoolId);
    return match.hasMatch() ? match.captured(1) : QString();
}

QString UserPoolClient::checkAppClient(const AppClient &client)
{
    if (regionOfPool(client.userPoolId).isEmpty())
        return QStringLiteral("'%1' is not a user pool id; they look like us-east-1_AbCdEf123 (region, underscore, "
                              "letters and digits). Copy it from the pool's overview or the lab.")
            .arg(client.userPoolId);
    static const QRegularExpression clientPattern(QStringLiteral("^[\\w+]{1,128}$"));
    if (!clientPattern.match(client.clientId).hasMatch())
        return QStringLiteral("'%1' is not an app client id; it is a string of letters and digits such as "
                              "5j1e2ul9d0fm3bakery4webclnt, listed under the pool's app clients.")
            .arg(client.clientId);
    return {};
}

QUrl UserPoolClient::endpointFor(const QString &userPoolId) const
{
    if (!m_endpoint.isEmpty())
        return m_endpoint;
    return QUrl(QStringLiteral("https://cognito-idp.%1.amazonaws.com/").arg(regionOfPool(userPoolId)));
}

void UserPoolClient::call(const QString &userPoolId, const QByteArray &operation, const QString &label,
                          const QJsonObject &body, const QString &sent, QObject *context, Answer done)
{
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    QPointer<UserPoolClient> self(this);
    Aws::unsignedJsonCall(
        m_http, endpointFor(userPoolId), kTargetPrefix + operation, QJsonDocument(body).toJson(QJsonDocument::Compact),
        QString::fromLatin1(operation), context,
        [self, label, sent, timer, done](const Result<QByteArray> &answer) {
            TraceStep step;
            step.operation = label;
            step.sent = sent;
            step.elapsedMs = timer->elapsed();
            if (!answer) {
                step.ok = false;
                step.received = answer.error().awsCode.isEmpty()
                    ? answer.error().message
                    : QStringLiteral("%1: %2").arg(answer.error().awsCode, answer.error().message);
                if (self)
                    Q_EMIT self->traced(step);
                return done(answer.error());
            }
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(*answer, &parseError);
            if (!document.isObject()) {
                step.ok = false;
                step.received = QStringLiteral("an answer that is not a JSON object");
                if (self)
                    Q_EMIT self->traced(step);
                return done(makeError(ErrorCode::Protocol,
                                      QStringLiteral("%1 answered with something that is not JSON (%2); is the endpoint "
                                                     "a Cognito user pool service?")
                                          .arg(label, parseError.errorString())));
            }
            const QJsonObject object = document.object();
            if (object.contains(QStringLiteral("ChallengeName")))
                step.received = QStringLiteral("challenge %1 (%2)")
                                    .arg(object.value(QStringLiteral("ChallengeName")).toString(),
                                         joinedKeys(object.value(QStringLiteral("ChallengeParameters")).toObject()));
            else if (object.contains(QStringLiteral("AuthenticationResult")))
                step.received = QStringLiteral("tokens (%1)")
                                    .arg(joinedKeys(object.value(QStringLiteral("AuthenticationResult")).toObject()));
            else
                step.received = object.isEmpty() ? QStringLiteral("OK") : joinedKeys(object);
            if (self)
                Q_EMIT self->traced(step);
            done(object);
        });
}

Result<SignInOutcome> UserPoolClient::outcome(const QJsonObject &answer, const QString &username,
                                              const QString &source) const
{
    SignInOutcome result;
    result.username = username;
    const QJsonObject tokens = answer.value(QStringLiteral("AuthenticationResult")).toObject();
    if (!tokens.isEmpty()) {
        result.tokens.idToken = tokens.value(QStringLiteral("IdToken")).toString();
        result.tokens.accessToken = tokens.value(QStringLiteral("AccessToken")).toString();
        result.tokens.refreshToken = tokens.value(QStringLiteral("RefreshToken")).toString();
        result.tokens.obtainedAt = m_clock();
        result.tokens.expiresAt = result.tokens.obtainedAt.addSecs(tokens.value(QStringLiteral("ExpiresIn")).toInt(3600));
        result.tokens.source = source;
        if (result.tokens.accessToken.isEmpty())
            return makeError(ErrorCode::Protocol, QStringLiteral("The sign-in answered without an access token."));
        return result;
    }
    result.challengeName = answer.value(QStringLiteral("ChallengeName")).toString();
    if (result.challengeName.isEmpty())
        return makeError(ErrorCode::Protocol,
                         QStringLiteral("The sign-in answered with neither tokens nor a challenge."));
    result.session = answer.value(QStringLiteral("Session")).toString();
    const QJsonObject parameters = answer.value(QStringLiteral("ChallengeParameters")).toObject();
    for (auto it = parameters.begin(); it != parameters.end(); ++it)
        result.challengeParameters.insert(it.key(), it.value().toString());
    if (const QString id = result.challengeParameters.value(QStringLiteral("USER_ID_FOR_SRP")); !id.isEmpty())
        result.username = id;
    return result;
}

void UserPoolClient::signUp(const AppClient &client, const QString &username, const QString &password,
                            const Attributes &attributes, QObject *context,
                            std::function<void(const Result<SignUpOutcome> &)> done)
{
    if (const QString problem = checkAppClient(client); !problem.isEmpty())
        return failLater(context, done, problem);
    QJsonArray attributeList;
    for (auto it = attributes.cbegin(); it != attributes.cend(); ++it)
        attributeList.append(QJsonObject{{QStringLiteral("Name"), it.key()}, {QStringLiteral("Value"), it.value()}});
    QJsonObject body{{QStringLiteral("ClientId"), client.clientId},
                     {QStringLiteral("Username"), username},
                     {QStringLiteral("Password"), password},
                     {QStringLiteral("UserAttributes"), attributeList}};
    if (!client.clientSecret.isEmpty())
        body.insert(QStringLiteral("SecretHash"), secretHash(client.clientSecret, username, client.clientId));
    call(client.userPoolId, "SignUp", QStringLiteral("SignUp"), body,
         QStringLiteral("Username=%1, attributes %2").arg(username, QStringList(attributes.keys()).join(QStringLiteral(", "))),
         context, [done](const Result<QJsonObject> &answer) {
             if (!answer)
                 return done(answer.error());
             SignUpOutcome result;
             result.userSub = answer->value(QStringLiteral("UserSub")).toString();
             result.confirmed = answer->value(QStringLiteral("UserConfirmed")).toBool();
             const QJsonObject delivery = answer->value(QStringLiteral("CodeDeliveryDetails")).toObject();
             result.deliveryMedium = delivery.value(QStringLiteral("DeliveryMedium")).toString();
             result.deliveryDestination = delivery.value(QStringLiteral("Destination")).toString();
             done(result);
         });
}

void UserPoolClient::confirmSignUp(const AppClient &client, const QString &username, const QString &code,
                                   QObject *context, std::function<void(const Result<void> &)> done)
{
    if (const QString problem = checkAppClient(client); !problem.isEmpty()) {
        QMetaObject::invokeMethod(context, [done, problem] { done(makeError(ErrorCode::InvalidArgument, problem)); },
                                  Qt::QueuedConnection);
        return;
    }
    QJsonObject body{{QStringLiteral("ClientId"), client.clientId},
                     {QStringLiteral("Username"), username},
                     {QStringLiteral("ConfirmationCode"), code.trimmed()}};
    if (!client.clientSecret.isEmpty())
        body.insert(QStringLiteral("SecretHash"), secretHash(client.clientSecret, username, client.clientId));
    call(client.userPoolId, "ConfirmSignUp", QStringLiteral("ConfirmSignUp"), body,
         QStringLiteral("Username=%1").arg(username), context, [done](const Result<QJsonObject> &answer) {
             if (!answer)
                 return done(answer.error());
             done({});
         });
}

void UserPoolClient::signInWithPassword(const AppClient &client, const QString &username, const QString &password,
                                        QObject *context, std::function<void(const Result<SignInOutcome> &)> done)
{
    if (const QString problem = checkAppClient(client); !problem.isEmpty())
        return failLater(context, done, problem);
    const QJsonObject parameters = withSecretHash(
        {{QStringLiteral("USERNAME"), username}, {QStringLiteral("PASSWORD"), password}}, client, username);
    const QJsonObject body{{QStringLiteral("AuthFlow"), QStringLiteral("USER_PASSWORD_AUTH")},
                           {QStringLiteral("ClientId"), client.clientId},
                           {QStringLiteral("AuthParameters"), parameters}};
    call(client.userPoolId, "InitiateAuth", QStringLiteral("InitiateAuth (USER_PASSWORD_AUTH)"), body,
         QStringLiteral("USERNAME=%1, PASSWORD=(hidden)").arg(username), context,
         [this, username, done](const Result<QJsonObject> &answer) {
             if (!answer)
                 return done(answer.error());
             done(outcome(*answer, username, QStringLiteral("password")));
         });
}

void UserPoolClient::signInWithSrp(const AppClient &client, const QString &username, const QString &password,
                                   QObject *context, std::function<void(const Result<SignInOutcome> &)> done)
{
    if (const QString problem = checkAppClient(client); !problem.isEmpty())
        return failLater(context, done, problem);
    auto srp = std::make_shared<SrpClient>();
    const QString srpA = srp->publicValueHex();
    const QJsonObject parameters =
        withSecretHash({{QStringLiteral("USERNAME"), username}, {QStringLiteral("SRP_A"), srpA}}, client, username);
    const QJsonObject body{{QStringLiteral("AuthFlow"), QStringLiteral("USER_SRP_AUTH")},
                           {QStringLiteral("ClientId"), client.clientId},
                           {QStringLiteral("AuthParameters"), parameters}};
    call(client.userPoolId, "InitiateAuth", QStringLiteral("InitiateAuth (USER_SRP_AUTH)"), body,
         QStringLiteral("USERNAME=%1, SRP_A=%2").arg(username, abbreviated(srpA)), context,
         [this, client, username, password, srp, context, done](const Result<QJsonObject> &answer) {
             if (!answer)
                 return done(answer.error());
             if (answer->value(QStringLiteral("ChallengeName")).toString() != QLatin1String("PASSWORD_VERIFIER"))
                 return done(outcome(*answer, username, QStringLiteral("SRP")));
             answerPasswordVerifier(client, password, *answer, srp, context, done);
         });
}

void UserPoolClient::answerPasswordVerifier(const AppClient &client, const QString &password,
                                            const QJsonObject &challenge, std::shared_ptr<SrpClient> srp,
                                            QObject *context, std::function<void(const Result<SignInOutcome> &)> done)
{
    const QJsonObject parameters = challenge.value(QStringLiteral("ChallengeParameters")).toObject();
    const QString userId = parameters.value(QStringLiteral("USER_ID_FOR_SRP")).toString();
    const QString secretBlock = parameters.value(QStringLiteral("SECRET_BLOCK")).toString();
    if (userId.isEmpty() || secretBlock.isEmpty())
        return done(makeError(ErrorCode::Protocol, QStringLiteral("The PASSWORD_VERIFIER challenge lacks USER_ID_FOR_SRP "
                                                                  "or SECRET_BLOCK; the server does not speak Cognito SRP.")));
    const QString poolName = srpPoolName(client.userPoolId);
    const Result<QByteArray> key = srp->passwordAuthenticationKey(poolName, userId, password,
                                                                  parameters.value(QStringLiteral("SRP_B")).toString(),
                                                                  parameters.value(QStringLiteral("SALT")).toString());
    if (!key)
        return done(key.error());
    const QString timestamp = srpTimestamp(m_clock());
    const QJsonObject responses = withSecretHash(
        {{QStringLiteral("USERNAME"), userId},
         {QStringLiteral("PASSWORD_CLAIM_SECRET_BLOCK"), secretBlock},
         {QStringLiteral("TIMESTAMP"), timestamp},
         {QStringLiteral("PASSWORD_CLAIM_SIGNATURE"), passwordClaimSignature(*key, poolName, userId, secretBlock, timestamp)}},
        client, userId);
    QJsonObject body{{QStringLiteral("ChallengeName"), QStringLiteral("PASSWORD_VERIFIER")},
                     {QStringLiteral("ClientId"), client.clientId},
                     {QStringLiteral("ChallengeResponses"), responses}};
    if (const QString session = challenge.value(QStringLiteral("Session")).toString(); !session.isEmpty())
        body.insert(QStringLiteral("Session"), session);
    call(client.userPoolId, "RespondToAuthChallenge", QStringLiteral("RespondToAuthChallenge (PASSWORD_VERIFIER)"), body,
         QStringLiteral("USERNAME=%1, TIMESTAMP=%2, PASSWORD_CLAIM_SIGNATURE=(hidden)").arg(userId, timestamp), context,
         [this, userId, done](const Result<QJsonObject> &answer) {
             if (!answer)
                 return done(answer.error());
             done(outcome(*answer, userId, QStringLiteral("SRP")));
         });
}

void UserPoolClient::setNewPassword(const AppClient &client, const SignInOutcome &challenge,
                                    const QString &newPassword, QObject *context,
                                    std::function<void(const Result<SignInOutcome> &)> done)
{
    if (challenge.challengeName != QLatin1String("NEW_PASSWORD_REQUIRED"))
        return failLater(context, done,
                         QStringLiteral("The sign-in is not waiting for a new password (its challenge is '%1').")
                             .arg(challenge.challengeName));
    const QJsonObject responses = withSecretHash(
        {{QStringLiteral("USERNAME"), challenge.username}, {QStringLiteral("NEW_PASSWORD"), newPassword}}, client,
        challenge.username);
    const QJsonObject body{{QStringLiteral("ChallengeName"), QStringLiteral("NEW_PASSWORD_REQUIRED")},
                           {QStringLiteral("ClientId"), client.clientId},
                           {QStringLiteral("Session"), challenge.session},
                           {QStringLiteral("ChallengeResponses"), responses}};
    const QString username = challenge.username;
    call(client.userPoolId, "RespondToAuthChallenge", QStringLiteral("RespondToAuthChallenge (NEW_PASSWORD_REQUIRED)"),
         body, QStringLiteral("USERNAME=%1, NEW_PASSWORD=(hidden)").arg(username), context,
         [this, username, done](const Result<QJsonObject> &answer) {
             if (!answer)
                 return done(answer.error());
             done(outcome(*answer, username, QStringLiteral("new password")));
         });
}

void UserPoolClient::refresh(const AppClient &client, const QString &refreshToken, const QString &username,
                             QObject *context, std::function<void(const Result<TokenSet> &)> done)
{
    if (const QString problem = checkAppClient(client); !problem.isEmpty())
        return failLater(context, done, problem);
    if (refreshToken.isEmpty())
        return failLater(context, done, QStringLiteral("There is no refresh token to renew the tokens with; sign in again."));
    const QJsonObject parameters = withSecretHash({{QStringLiteral("REFRESH_TOKEN"), refreshToken}}, client, username);
    const QJsonObject body{{QStringLiteral("AuthFlow"), QStringLiteral("REFRESH_TOKEN_AUTH")},
                           {QStringLiteral("ClientId"), client.clientId},
                           {QStringLiteral("AuthParameters"), parameters}};
    call(client.userPoolId, "InitiateAuth", QStringLiteral("InitiateAuth (REFRESH_TOKEN_AUTH)"), body,
         QStringLiteral("REFRESH_TOKEN=(hidden)"), context,
         [this, username, refreshToken, done](const Result<QJsonObject> &answer) {
             if (!answer)
                 return done(answer.error());
             const Result<SignInOutcome> result = outcome(*answer, username, QStringLiteral("refresh"));
             if (!result)
                 return done(result.error());
             if (!result->signedIn())
                 return done(makeError(ErrorCode::Protocol,
                                       QStringLiteral("Refreshing answered with the challenge %1 instead of tokens.")
                                           .arg(result->challengeName)));
             TokenSet tokens = result->tokens;
             if (tokens.refreshToken.isEmpty())
                 tokens.refreshToken = refreshToken;
             done(tokens);
         });
}

void UserPoolClient::globalSignOut(const QString &userPoolId, const QString &accessToken, QObject *context,
                                   std::function<void(const Result<void> &)> done)
{
    call(userPoolId, "GlobalSignOut", QStringLiteral("GlobalSignOut"),
         QJsonObject{{QStringLiteral("AccessToken"), accessToken}}, QStringLiteral("AccessToken=(hidden)"), context,
         [done](const Result<QJsonObject> &answer) {
             if (!answer)
                 return done(answer.error());
             done({});
         });
}

} // namespace Gatehouse::Core::Cognito
