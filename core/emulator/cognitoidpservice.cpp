#include "cognitoidpservice.h"

#include "awsauthenticator.h"
#include "cognitoidpwire.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>

Q_LOGGING_CATEGORY(lcCognito, "gatehouse.emulator.cognito")

namespace Gatehouse::Emulator {

using namespace CognitoWire;

struct CognitoIdpService::Operation
{
    const char *name;
    Handler handler;
    bool signedRequest;
    QList<const char *> required;
};

const QList<CognitoIdpService::Operation> &CognitoIdpService::operations()
{
    using S = CognitoIdpService;
    static const QList<Operation> ops{
        {"SignUp", &S::signUp, false, {"ClientId", "Username", "Password"}},
        {"ConfirmSignUp", &S::confirmSignUp, false, {"ClientId", "Username", "ConfirmationCode"}},
        {"ResendConfirmationCode", &S::resendConfirmationCode, false, {"ClientId", "Username"}},
        {"InitiateAuth", &S::initiateAuth, false, {"AuthFlow", "ClientId"}},
        {"RespondToAuthChallenge",
         &S::respondToAuthChallenge,
         false,
         {"ClientId", "ChallengeName"}},
        {"GetUser", &S::getUser, false, {"AccessToken"}},
        {"GlobalSignOut", &S::globalSignOut, false, {"AccessToken"}},
        {"ChangePassword",
         &S::changePassword,
         false,
         {"PreviousPassword", "ProposedPassword", "AccessToken"}},
        {"ForgotPassword", &S::forgotPassword, false, {"ClientId", "Username"}},
        {"ConfirmForgotPassword",
         &S::confirmForgotPassword,
         false,
         {"ClientId", "Username", "ConfirmationCode", "Password"}},
        {"RevokeToken", &S::revokeToken, false, {"Token", "ClientId"}},
        {"AdminInitiateAuth", &S::adminInitiateAuth, true, {"UserPoolId", "ClientId", "AuthFlow"}},
        {"AdminRespondToAuthChallenge",
         &S::adminRespondToAuthChallenge,
         true,
         {"UserPoolId", "ClientId", "ChallengeName"}},
        {"AdminUserGlobalSignOut", &S::adminUserGlobalSignOut, true, {"UserPoolId", "Username"}},
        {"AdminDisableUser", &S::adminDisableUser, true, {"UserPoolId", "Username"}},
        {"AdminEnableUser", &S::adminEnableUser, true, {"UserPoolId", "Username"}},
        {"AdminRemoveUserFromGroup",
         &S::adminRemoveUserFromGroup,
         true,
         {"UserPoolId", "Username", "GroupName"}},
        {"AdminListGroupsForUser", &S::adminListGroupsForUser, true, {"UserPoolId", "Username"}},
        {"AdminCreateUser", &S::adminCreateUser, true, {"UserPoolId", "Username"}},
        {"AdminGetUser", &S::adminGetUser, true, {"UserPoolId", "Username"}},
        {"AdminSetUserPassword",
         &S::adminSetUserPassword,
         true,
         {"UserPoolId", "Username", "Password"}},
        {"AdminConfirmSignUp", &S::adminConfirmSignUp, true, {"UserPoolId", "Username"}},
        {"AdminAddUserToGroup",
         &S::adminAddUserToGroup,
         true,
         {"UserPoolId", "Username", "GroupName"}},
        {"AdminDeleteUser", &S::adminDeleteUser, true, {"UserPoolId", "Username"}},
        {"ListUserPools", &S::listUserPools, true, {"MaxResults"}},
        {"DescribeUserPool", &S::describeUserPool, true, {"UserPoolId"}},
        {"ListUserPoolClients", &S::listUserPoolClients, true, {"UserPoolId"}},
        {"DescribeUserPoolClient", &S::describeUserPoolClient, true, {"UserPoolId", "ClientId"}},
        {"ListUsers", &S::listUsers, true, {"UserPoolId"}},
        {"ListGroups", &S::listGroups, true, {"UserPoolId"}},
    };
    return ops;
}

namespace {

Core::HttpResponse jsonReply(int status, const QByteArray &requestId, const QByteArray &body)
{
    Core::HttpResponse response;
    response.status = status;
    response.headers.add("Content-Type", "application/x-amz-json-1.1");
    response.headers.add("x-amzn-RequestId", requestId);
    response.body = body;
    return response;
}

Core::HttpResponse errorReply(const Core::Error &e, const QByteArray &requestId)
{
    Core::HttpResponse response =
        jsonReply(e.httpStatus > 0 ? e.httpStatus : 400, requestId,
                  QJsonDocument(QJsonObject{{QStringLiteral("__type"), e.awsCode},
                                            {QStringLiteral("message"), e.message}})
                      .toJson(QJsonDocument::Compact));
    response.headers.add("x-amzn-ErrorType", e.awsCode.toUtf8());
    return response;
}

// What a client that hides who exists answers for a user who does not: a delivery that
// looks like any other and goes nowhere.
QJsonObject simulatedDelivery(const QString &username)
{
    const bool phone = username.startsWith(QLatin1Char('+'));
    return QJsonObject{
        {QStringLiteral("Destination"),
         maskDestination(username.contains(QLatin1Char('@')) || phone
                             ? username
                             : username + QStringLiteral("@example.com"))},
        {QStringLiteral("DeliveryMedium"), phone ? QStringLiteral("SMS") : QStringLiteral("EMAIL")},
        {QStringLiteral("AttributeName"),
         phone ? QStringLiteral("phone_number") : QStringLiteral("email")}};
}

QString sixDigits()
{
    return QStringLiteral("%1").arg(QRandomGenerator::system()->bounded(1000000), 6, 10,
                                    QLatin1Char('0'));
}

} // namespace

CognitoIdpService::CognitoIdpService(AwsAuthenticator *authenticator,
                                     const QList<CognitoPoolConfig> &pools, QObject *parent)
    : QObject(parent)
    , m_authenticator(authenticator)
{
    m_store.seed(pools, now());
}

CognitoIdpService::~CognitoIdpService() = default;

bool CognitoIdpService::isCognitoRequest(const Core::HttpRequest &request)
{
    return request.method == "POST" && (request.path == "/" || request.path.isEmpty()) &&
           request.headers.value("X-Amz-Target").startsWith(TargetPrefix) &&
           !request.headers.value("Host").contains(".execute-api.");
}

// The operation a request names and its JSON object, or the error AWS's front answers.
Core::Result<QPair<const CognitoIdpService::Operation *, QJsonObject>>
CognitoIdpService::parse(const Core::HttpRequest &request)
{
    if (request.body.size() > MaxRequestBytes) {
        Core::Error e =
            error("RequestEntityTooLargeException", QStringLiteral("Request entity too large"));
        e.httpStatus = 413;
        return e;
    }
    const QByteArray opName =
        request.headers.value("X-Amz-Target").mid(qsizetype(sizeof(TargetPrefix)) - 1);
    const Operation *op = nullptr;
    for (const Operation &candidate : operations())
        if (opName == candidate.name)
            op = &candidate;
    if (!op)
        return error(
            "UnknownOperationException",
            QStringLiteral("Unknown operation %1").arg(QString::fromUtf8(opName.left(128))));
    const QByteArray contentType = request.headers.value("Content-Type");
    if (!contentType.startsWith("application/x-amz-json-1.1") &&
        !contentType.startsWith("application/json"))
        return error("SerializationException",
                     QStringLiteral("Content-Type must be application/x-amz-json-1.1"));
    QJsonParseError parseError;
    const QJsonDocument doc = request.body.trimmed().isEmpty()
                                  ? QJsonDocument(QJsonObject())
                                  : QJsonDocument::fromJson(request.body, &parseError);
    if (!doc.isObject())
        return error("SerializationException",
                     doc.isNull() ? QStringLiteral("The request body is not JSON: %1 at offset %2")
                                        .arg(parseError.errorString())
                                        .arg(parseError.offset)
                                  : QStringLiteral("The request body must be a JSON object"));
    return QPair<const Operation *, QJsonObject>{op, doc.object()};
}

Core::HttpResponse CognitoIdpService::answer(const Core::HttpRequest &request)
{
    const QByteArray requestId = AwsAuthenticator::newRequestId();
    const auto parsed = parse(request);
    if (!parsed)
        return errorReply(parsed.error(), requestId);
    const auto &[op, in] = *parsed;
    if (op->signedRequest) {
        const AwsAuthentication auth = m_authenticator->authenticate(
            request, QStringLiteral("cognito-idp"), AwsProtocol::RestJson, now());
        if (!auth.ok())
            return errorReply(auth.error, requestId);
    }
    for (const char *member : op->required) {
        const QJsonValue v = in.value(QLatin1String(member));
        if (v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty()))
            return errorReply(missing(QLatin1String(member)), requestId);
    }
    prune();
    const Reply reply = (this->*op->handler)(in);
    if (!reply)
        return errorReply(reply.error(), requestId);
    return jsonReply(200, requestId, QJsonDocument(*reply).toJson(QJsonDocument::Compact));
}

QString CognitoIdpService::confirmationCode(const QString &poolId, const QString &usernameOrAlias)
{
    CognitoUserPool *pool = m_store.pool(poolId);
    const CognitoUser *user = pool ? CognitoUserStore::find(*pool, usernameOrAlias) : nullptr;
    return user ? user->confirmationCode : QString();
}

QString CognitoIdpService::passwordResetCode(const QString &poolId, const QString &usernameOrAlias)
{
    CognitoUserPool *pool = m_store.pool(poolId);
    const CognitoUser *user = pool ? CognitoUserStore::find(*pool, usernameOrAlias) : nullptr;
    return user ? user->resetCode : QString();
}

void CognitoIdpService::prune()
{
    // Expired entries stay a while, so their answers can say "expired" rather than "invalid".
    const QDateTime t = now().addSecs(-3600);
    m_srpStates.removeIf([&t](const auto &it) { return it.value().expires <= t; });
    m_sessions.removeIf([&t](const auto &it) { return it.value().expires <= t; });
    m_refreshTokens.removeIf([&t](const auto &it) { return it.value().expires <= t; });
    m_codes.removeIf([&t](const auto &it) { return it.value().expires <= t; });
}

Core::Result<QPair<CognitoUserPool *, const CognitoClientConfig *>>
CognitoIdpService::clientFor(const QString &clientId, const QString &poolId)
{
    const auto found = m_store.client(clientId);
    if (!poolId.isEmpty() && !m_store.pool(poolId))
        return error("ResourceNotFoundException",
                     QStringLiteral("User pool %1 does not exist.").arg(poolId));
    if (!found.first || (!poolId.isEmpty() && found.first->config.poolId != poolId))
        return error("ResourceNotFoundException",
                     QStringLiteral("User pool client %1 does not exist.").arg(clientId));
    return found;
}

Core::Error CognitoIdpService::checkSecretHash(const CognitoClientConfig &client,
                                               const QString &secretHash,
                                               const QStringList &names) const
{
    if (client.clientSecret.isEmpty())
        return {};
    for (const QString &name : names)
        if (!secretHash.isEmpty() && !name.isEmpty() &&
            Core::Cognito::secretHash(client.clientSecret, name, client.clientId) == secretHash)
            return {};
    return error("NotAuthorizedException",
                 QStringLiteral("Unable to verify secret hash for client %1").arg(client.clientId));
}

Core::Error CognitoIdpService::unknownUser(const CognitoClientConfig &client)
{
    return client.preventUserExistenceErrors
               ? error("NotAuthorizedException", QStringLiteral("Incorrect username or password."))
               : error("UserNotFoundException", QStringLiteral("User does not exist."));
}

// The code goes to the first auto-verified attribute the user has; the emulator has no mail,
// so it is logged with the user name and kept for confirmationCode() and codeSent.
QJsonObject CognitoIdpService::sendCode(CognitoUserPool &pool, CognitoUser &user,
                                        CodePurpose purpose)
{
    const bool reset = purpose == CodePurpose::ResetPassword;
    // A reset code goes to a verified address; a sign-up code to the one being verified.
    QStringList candidates = pool.config.autoVerifiedAttributes;
    if (reset)
        candidates = {QStringLiteral("email"), QStringLiteral("phone_number")};
    for (const QString &attribute : std::as_const(candidates)) {
        const QString destination = user.attribute(attribute);
        if (destination.isEmpty())
            continue;
        if (reset &&
            user.attribute(attribute + QStringLiteral("_verified")) != QLatin1String("true"))
            continue;
        QString &code = reset ? user.resetCode : user.confirmationCode;
        code = sixDigits();
        (reset ? user.resetCodeExpires : user.codeExpires) =
            now().addSecs(reset ? ResetCodeSeconds : CodeValiditySeconds);
        qCInfo(lcCognito).noquote()
            << QStringLiteral("Cognito pool %1: %2 code for user %3 (%4): %5")
                   .arg(pool.config.poolId,
                        reset ? QStringLiteral("password reset") : QStringLiteral("confirmation"),
                        user.username, destination, code);
        emit codeSent(pool.config.poolId, user.username, destination, code);
        return QJsonObject{{QStringLiteral("Destination"), maskDestination(destination)},
                           {QStringLiteral("DeliveryMedium"), attribute == QLatin1String("email")
                                                                  ? QStringLiteral("EMAIL")
                                                                  : QStringLiteral("SMS")},
                           {QStringLiteral("AttributeName"), attribute}};
    }
    return {};
}

CognitoIdpService::Reply CognitoIdpService::signUp(const QJsonObject &in)
{
    const auto found = clientFor(string(in, "ClientId"));
    if (!found)
        return found.error();
    CognitoUserPool &pool = *found->first;
    const CognitoClientConfig &client = *found->second;
    const QString username = string(in, "Username");
    if (const Core::Error e = checkSecretHash(client, string(in, "SecretHash"), {username});
        e.isError())
        return e;
    const bool emailNames = pool.config.usernameAttributes.contains(QStringLiteral("email"));
    static const QRegularExpression emailShape(QStringLiteral("^[^@\\s]+@[^@\\s]+$"));
    if (emailNames && !pool.config.usernameAttributes.contains(QStringLiteral("phone_number")) &&
        !emailShape.match(username).hasMatch())
        return error("InvalidParameterException", QStringLiteral("Username should be an email."));
    if (CognitoUserStore::find(pool, username))
        return error("UsernameExistsException",
                     emailNames ? QStringLiteral("An account with the given email already exists.")
                                : QStringLiteral("User already exists"));
    const QString password = string(in, "Password");
    if (const QString violation =
            CognitoUserStore::policyViolation(pool.config.passwordPolicy, password);
        !violation.isEmpty())
        return error("InvalidPasswordException", violation);
    CognitoUser &user = CognitoUserStore::add(
        pool, username, attributes(in.value(QStringLiteral("UserAttributes"))), now());
    user.status = CognitoUserStatus::Unconfirmed;
    CognitoUserStore::setPassword(pool, user, password);
    QJsonObject out{{QStringLiteral("UserConfirmed"), false},
                    {QStringLiteral("UserSub"), user.sub}};
    if (const QJsonObject delivery = sendCode(pool, user, CodePurpose::ConfirmSignUp);
        !delivery.isEmpty())
        out.insert(QStringLiteral("CodeDeliveryDetails"), delivery);
    return out;
}

namespace {

Core::Error codeMismatch()
{
    return error("CodeMismatchException", QStringLiteral("Invalid verification code provided, please try again."));
}

// A confirmation or reset code as ConfirmSignUp and ConfirmForgotPassword check it.
Core::Error checkCode(const QString &stored, const QDateTime &expires, const QString &given, const QDateTime &now)
{
    if (stored.isEmpty() || stored != given)
        return codeMismatch();
    if (expires <= now)
        return error("ExpiredCodeException", QStringLiteral("Invalid code provided, please request a code again."));
    return {};
}

} // namespace

// The pool and user a code is for, with the refusals ConfirmSignUp and ConfirmForgotPassword
// share (unknown client, SECRET_HASH, unknown user worded as the client hides or shows it).
Core::Result<std::pair<CognitoUserPool *, CognitoUser *>> CognitoIdpService::codeUser(const QJsonObject &in)
{
    const auto found = clientFor(string(in, "ClientId"));
    if (!found)
        return found.error();
    CognitoUserPool &pool = *found->first;
    const CognitoClientConfig &client = *found->second;
    const QString username = string(in, "Username");
    CognitoUser *user = CognitoUserStore::find(pool, username);
    if (const Core::Error e = checkSecretHash(client, string(in, "SecretHash"),
                                              {username, user ? user->username : QString()});
        e.isError())
        return e;
    if (!user)
        return client.preventUserExistenceErrors
                   ? codeMismatch()
                   : error("UserNotFoundException", QStringLiteral("Username/client id combination not found."));
    return std::make_pair(&pool, user);
}

CognitoIdpService::Reply CognitoIdpService::confirmSignUp(const QJsonObject &in)
{
    const auto target = codeUser(in);
    if (!target)
        return target.error();
    CognitoUserPool &pool = *target->first;
    CognitoUser *user = target->second;
    if (user->status != CognitoUserStatus::Unconfirmed)
        return error("NotAuthorizedException",
                     QStringLiteral("User cannot be confirmed. Current status is %1")
                         .arg(cognitoUserStatusName(user->status)));
    if (const Core::Error e = checkCode(user->confirmationCode, user->codeExpires, string(in, "ConfirmationCode"), now());
        e.isError())
        return e;
    user->status = CognitoUserStatus::Confirmed;
    user->confirmationCode.clear();
    for (const QString &attribute : std::as_const(pool.config.autoVerifiedAttributes))
        if (!user->attribute(attribute).isEmpty())
            user->setAttribute(attribute + QStringLiteral("_verified"), QStringLiteral("true"));
    user->modified = now();
    return QJsonObject();
}

CognitoIdpService::Reply CognitoIdpService::resendConfirmationCode(const QJsonObject &in)
{
    const auto found = clientFor(string(in, "ClientId"));
    if (!found)
        return found.error();
    CognitoUserPool &pool = *found->first;
    const CognitoClientConfig &client = *found->second;
    const QString username = string(in, "Username");
    CognitoUser *user = CognitoUserStore::find(pool, username);
    if (const Core::Error e = checkSecretHash(client, string(in, "SecretHash"),
                                              {username, user ? user->username : QString()});
        e.isError())
        return e;
    if (!user && client.preventUserExistenceErrors)
        return QJsonObject{{QStringLiteral("CodeDeliveryDetails"), simulatedDelivery(username)}};
    if (!user)
        return error("UserNotFoundException",
                     QStringLiteral("Username/client id combination not found."));
    if (user->status != CognitoUserStatus::Unconfirmed)
        return error("InvalidParameterException", QStringLiteral("User is already confirmed."));
    const QJsonObject delivery = sendCode(pool, *user, CodePurpose::ConfirmSignUp);
    if (delivery.isEmpty())
        return error("InvalidParameterException",
                     QStringLiteral("Auto verification not turned on."));
    return QJsonObject{{QStringLiteral("CodeDeliveryDetails"), delivery}};
}

CognitoIdpService::Reply CognitoIdpService::getUser(const QJsonObject &in)
{
    const auto found = accessTokenUser(string(in, "AccessToken"));
    if (!found)
        return found.error();
    const CognitoUser &user = *found->second;
    return QJsonObject{{QStringLiteral("Username"), user.username},
                       {QStringLiteral("UserAttributes"), attributes(user.attributesWithSub())}};
}

// Cognito revokes every refresh token of the user and the access tokens issued with them.
CognitoIdpService::Reply CognitoIdpService::globalSignOut(const QJsonObject &in)
{
    const auto found = accessTokenUser(string(in, "AccessToken"));
    if (!found)
        return found.error();
    signOutEverywhere(found->first->config.poolId, found->second->username);
    return QJsonObject();
}

void CognitoIdpService::signOutEverywhere(const QString &poolId, const QString &username)
{
    for (const RefreshSession &session : std::as_const(m_refreshTokens))
        if (session.poolId == poolId && session.username == username)
            m_revokedOrigins.insert(session.signIn.originJti);
}

// RevokeToken: the refresh token's sign-in ends, with the access tokens it gave out.
CognitoIdpService::Reply CognitoIdpService::revokeToken(const QJsonObject &in)
{
    const auto found = clientFor(string(in, "ClientId"));
    if (!found)
        return found.error();
    const CognitoClientConfig &client = *found->second;
    if (!client.clientSecret.isEmpty() && string(in, "ClientSecret") != client.clientSecret)
        return error(
            "NotAuthorizedException",
            QStringLiteral("Unable to verify secret hash for client %1").arg(client.clientId));
    const auto it = m_refreshTokens.constFind(string(in, "Token"));
    if (it == m_refreshTokens.constEnd() || it->clientId != client.clientId)
        return error("UnsupportedTokenTypeException", QStringLiteral("Invalid token"));
    m_revokedOrigins.insert(it->signIn.originJti);
    return QJsonObject();
}

CognitoIdpService::Reply CognitoIdpService::forgotPassword(const QJsonObject &in)
{
    const auto found = clientFor(string(in, "ClientId"));
    if (!found)
        return found.error();
    CognitoUserPool &pool = *found->first;
    const CognitoClientConfig &client = *found->second;
    const QString username = string(in, "Username");
    CognitoUser *user = CognitoUserStore::find(pool, username);
    if (const Core::Error e = checkSecretHash(client, string(in, "SecretHash"),
                                              {username, user ? user->username : QString()});
        e.isError())
        return e;
    if (!user && client.preventUserExistenceErrors)
        return QJsonObject{{QStringLiteral("CodeDeliveryDetails"), simulatedDelivery(username)}};
    if (!user)
        return error("UserNotFoundException",
                     QStringLiteral("Username/client id combination not found."));
    if (!user->enabled)
        return error("NotAuthorizedException", QStringLiteral("User is disabled."));
    const QJsonObject delivery = sendCode(pool, *user, CodePurpose::ResetPassword);
    if (delivery.isEmpty())
        return error(
            "InvalidParameterException",
            QStringLiteral(
                "Cannot reset password for the user as there is no registered/verified email "
                "or phone_number"));
    return QJsonObject{{QStringLiteral("CodeDeliveryDetails"), delivery}};
}

CognitoIdpService::Reply CognitoIdpService::confirmForgotPassword(const QJsonObject &in)
{
    const auto target = codeUser(in);
    if (!target)
        return target.error();
    CognitoUserPool &pool = *target->first;
    CognitoUser *user = target->second;
    if (const Core::Error e = checkCode(user->resetCode, user->resetCodeExpires, string(in, "ConfirmationCode"), now());
        e.isError())
        return e;
    const QString password = string(in, "Password");
    if (const QString violation =
            CognitoUserStore::policyViolation(pool.config.passwordPolicy, password);
        !violation.isEmpty())
        return error("InvalidPasswordException", violation);
    CognitoUserStore::setPassword(pool, *user, password);
    user->resetCode.clear();
    if (user->status == CognitoUserStatus::ForceChangePassword)
        user->status = CognitoUserStatus::Confirmed;
    user->modified = now();
    return QJsonObject();
}

CognitoIdpService::Reply CognitoIdpService::changePassword(const QJsonObject &in)
{
    const auto found = accessTokenUser(string(in, "AccessToken"));
    if (!found)
        return found.error();
    CognitoUserPool &pool = *found->first;
    CognitoUser &user = *found->second;
    if (!CognitoUserStore::passwordMatches(pool, user, string(in, "PreviousPassword")))
        return error("NotAuthorizedException", QStringLiteral("Incorrect username or password."));
    const QString proposed = string(in, "ProposedPassword");
    if (const QString violation =
            CognitoUserStore::policyViolation(pool.config.passwordPolicy, proposed);
        !violation.isEmpty())
        return error("InvalidPasswordException", violation);
    CognitoUserStore::setPassword(pool, user, proposed);
    user.modified = now();
    return QJsonObject();
}

} // namespace Gatehouse::Emulator
