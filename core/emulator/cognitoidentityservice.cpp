#include "cognitoidentityservice.h"

#include "awsauthenticator.h"
#include "cognitoidpservice.h"
#include "cognitoidpwire.h"
#include "core/jwt/base64url.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUuid>
#include <algorithm>

namespace Gatehouse::Emulator {

using CognitoWire::error;
using CognitoWire::string;

namespace {

constexpr qsizetype MaxRequestBytes = 1024 * 1024;

const QString UnsupportedProvider =
    QStringLiteral("Token is not from a supported provider of this identity pool.");

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

Core::Error notAuthorized(const QString &message)
{
    return error("NotAuthorizedException", message);
}

Core::Error invalidLogin(const QString &reason)
{
    return notAuthorized(QStringLiteral("Invalid login token. ") + reason);
}

// The words of AWS's validation layer for a member that breaks its pattern.
Core::Error badPattern(const char *member, const QString &value, const char *pattern)
{
    return error(
        "InvalidParameterException",
        QStringLiteral(
            "1 validation error detected: Value '%1' at '%2' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: %3")
            .arg(value, QLatin1String(member), QLatin1String(pattern)));
}

Core::Error checkId(const char *member, const QString &value)
{
    static const QRegularExpression pattern(QStringLiteral("^[\\w-]+:[0-9a-f-]+$"));
    if (value.size() > 55 || !pattern.match(value).hasMatch())
        return badPattern(member, value, "[\\w-]+:[0-9a-f-]+");
    return {};
}

QString randomText(const char *alphabet, int alphabetSize, int length)
{
    QString out;
    out.reserve(length);
    for (int i = 0; i < length; ++i)
        out.append(QLatin1Char(alphabet[QRandomGenerator::system()->bounded(alphabetSize)]));
    return out;
}

// Whether a token has the form of a JWT at all: three segments and a JSON header.
bool looksLikeJwt(const QString &token)
{
    const QList<QByteArray> parts = token.toLatin1().split('.');
    if (parts.size() != 3)
        return false;
    const auto header = Core::Jwt::base64UrlDecode(parts[0], QStringLiteral("The header"));
    return header && QJsonDocument::fromJson(*header).isObject();
}

QJsonObject poolDescription(const CognitoIdentityPoolConfig &pool)
{
    QJsonArray providers;
    for (const CognitoIdentityProviderConfig &p : pool.providers)
        providers.append(QJsonObject{{QStringLiteral("ProviderName"), p.providerName},
                                     {QStringLiteral("ClientId"), p.clientId},
                                     {QStringLiteral("ServerSideTokenCheck"), false}});
    return QJsonObject{
        {QStringLiteral("IdentityPoolId"), pool.identityPoolId},
        {QStringLiteral("IdentityPoolName"), pool.poolName},
        {QStringLiteral("AllowUnauthenticatedIdentities"), pool.allowUnauthenticated},
        {QStringLiteral("AllowClassicFlow"), pool.allowClassicFlow},
        {QStringLiteral("CognitoIdentityProviders"), providers},
        {QStringLiteral("IdentityPoolTags"), QJsonObject()}};
}

} // namespace

CognitoIdentityService::CognitoIdentityService(AwsAuthenticator *authenticator,
                                               const CognitoIdpService *idp,
                                               const QList<CognitoIdentityPoolConfig> &pools)
    : m_authenticator(authenticator)
    , m_idp(idp)
    , m_pools(pools)
{}

bool CognitoIdentityService::isCognitoIdentityRequest(const Core::HttpRequest &request)
{
    return request.method == "POST" && (request.path == "/" || request.path.isEmpty()) &&
           request.headers.value("X-Amz-Target").startsWith(TargetPrefix) &&
           !request.headers.value("Host").contains(".execute-api.");
}

QString CognitoIdentityService::identityIdFor(const QString &identityPoolId,
                                              const QString &provider, const QString &sub)
{
    static const QUuid space(QStringLiteral("{0b9e3f52-7c1d-4e8a-b6f4-2a5d9c7e1f30}"));
    const QString region = identityPoolId.section(QLatin1Char(':'), 0, 0);
    const QUuid id = QUuid::createUuidV5(space, identityPoolId + QLatin1Char('\n') + provider +
                                                    QLatin1Char('\n') + sub);
    return region + QLatin1Char(':') + id.toString(QUuid::WithoutBraces);
}

Core::HttpResponse CognitoIdentityService::answer(const Core::HttpRequest &request)
{
    const QByteArray requestId = AwsAuthenticator::newRequestId();
    if (request.body.size() > MaxRequestBytes) {
        Core::Error e =
            error("RequestEntityTooLargeException", QStringLiteral("Request entity too large"));
        e.httpStatus = 413;
        return errorReply(e, requestId);
    }
    const QByteArray operation =
        request.headers.value("X-Amz-Target").mid(qsizetype(sizeof(TargetPrefix)) - 1);
    // Reading the pools needs SigV4 for "cognito-identity"; the sign-in calls are open, as on AWS.
    static const QList<QByteArray> signedOperations{"DescribeIdentityPool", "GetIdentityPoolRoles",
                                                    "ListIdentityPools"};
    if (signedOperations.contains(operation)) {
        const AwsAuthentication auth = m_authenticator->authenticate(
            request, QStringLiteral("cognito-identity"), AwsProtocol::RestJson, now());
        if (!auth.ok())
            return errorReply(auth.error, requestId);
    }
    const QByteArray contentType = request.headers.value("Content-Type");
    if (!contentType.startsWith("application/x-amz-json-1.1") &&
        !contentType.startsWith("application/json"))
        return errorReply(error("SerializationException",
                                QStringLiteral("Content-Type must be application/x-amz-json-1.1")),
                          requestId);
    QJsonParseError parseError;
    const QJsonDocument doc = request.body.trimmed().isEmpty()
                                  ? QJsonDocument(QJsonObject())
                                  : QJsonDocument::fromJson(request.body, &parseError);
    if (!doc.isObject())
        return errorReply(error("SerializationException",
                                QStringLiteral("The request body must be a JSON object")),
                          requestId);
    const Reply reply = dispatch(operation, doc.object());
    if (!reply)
        return errorReply(reply.error(), requestId);
    return jsonReply(200, requestId, QJsonDocument(*reply).toJson(QJsonDocument::Compact));
}

CognitoIdentityService::Reply CognitoIdentityService::dispatch(const QByteArray &operation,
                                                               const QJsonObject &in)
{
    if (operation == "GetId")
        return getId(in);
    if (operation == "GetCredentialsForIdentity")
        return getCredentialsForIdentity(in);
    if (operation == "GetOpenIdToken")
        return getOpenIdToken(in);
    if (operation == "DescribeIdentityPool")
        return describeIdentityPool(in);
    if (operation == "GetIdentityPoolRoles")
        return getIdentityPoolRoles(in);
    if (operation == "ListIdentityPools")
        return listIdentityPools(in);
    return error("UnknownOperationException",
                 QStringLiteral(
                     "Unknown operation %1 (the emulator serves GetId, GetCredentialsForIdentity, "
                     "DescribeIdentityPool, GetIdentityPoolRoles and ListIdentityPools)")
                     .arg(QString::fromUtf8(operation.left(128))));
}

const CognitoIdentityPoolConfig *CognitoIdentityService::pool(const QString &identityPoolId) const
{
    for (const CognitoIdentityPoolConfig &p : m_pools)
        if (p.identityPoolId == identityPoolId)
            return &p;
    return nullptr;
}

Core::Result<const CognitoIdentityPoolConfig *>
CognitoIdentityService::poolFor(const QJsonObject &in) const
{
    const QString id = string(in, "IdentityPoolId");
    if (id.isEmpty())
        return CognitoWire::missing(QStringLiteral("IdentityPoolId"));
    if (const Core::Error e = checkId("identityPoolId", id); e.isError())
        return e;
    const CognitoIdentityPoolConfig *found = pool(id);
    if (!found)
        return error("ResourceNotFoundException",
                     QStringLiteral("IdentityPool '%1' not found.").arg(id));
    return found;
}

// What Cognito checks of a user pool ID token given as a login, in its words.
Core::Result<CognitoIdentityService::Login>
CognitoIdentityService::checkLogin(const CognitoIdentityPoolConfig &pool, const QString &provider,
                                   const QString &token) const
{
    const auto entry = std::find_if(
        pool.providers.cbegin(), pool.providers.cend(),
        [&](const CognitoIdentityProviderConfig &p) { return p.providerName == provider; });
    if (entry == pool.providers.cend())
        return notAuthorized(UnsupportedProvider);
    if (!looksLikeJwt(token))
        return invalidLogin(QStringLiteral("Not a valid OpenId Connect identity token."));
    const std::optional<QJsonObject> claims = m_idp->tokens().verify(token);
    if (!claims)
        return invalidLogin(QStringLiteral("Couldn't verify signed token."));
    if (claims->value(QStringLiteral("iss")).toString() != m_idp->issuer(entry->userPoolId))
        return invalidLogin(QStringLiteral("Issuer doesn't match providerName"));
    const qint64 exp = qint64(claims->value(QStringLiteral("exp")).toDouble());
    const qint64 t = now().toSecsSinceEpoch();
    if (exp <= t)
        return invalidLogin(QStringLiteral("Token expired: %1 >= %2").arg(t).arg(exp));
    const QString aud = claims->value(QStringLiteral("aud")).toString();
    if (aud.isEmpty())
        return invalidLogin(QStringLiteral("Missing a required claim: aud"));
    const bool client = std::any_of(pool.providers.cbegin(), pool.providers.cend(),
                                    [&](const CognitoIdentityProviderConfig &p) {
                                        return p.providerName == provider && p.clientId == aud;
                                    });
    if (!client)
        return notAuthorized(UnsupportedProvider);
    return Login{provider, claims->value(QStringLiteral("sub")).toString()};
}

Core::Result<std::optional<CognitoIdentityService::Login>>
CognitoIdentityService::checkLogins(const CognitoIdentityPoolConfig &pool,
                                    const QJsonObject &logins) const
{
    std::optional<Login> first;
    for (auto it = logins.constBegin(); it != logins.constEnd(); ++it) {
        const Core::Result<Login> login = checkLogin(pool, it.key(), it.value().toString());
        if (!login)
            return login.error();
        if (!first)
            first = *login;
    }
    return first;
}

CognitoIdentityService::Reply CognitoIdentityService::getId(const QJsonObject &in)
{
    const auto found = poolFor(in);
    if (!found)
        return found.error();
    const CognitoIdentityPoolConfig &p = **found;
    const auto login = checkLogins(p, in.value(QStringLiteral("Logins")).toObject());
    if (!login)
        return login.error();
    QString id;
    if (*login) {
        id = identityIdFor(p.identityPoolId, (*login)->provider, (*login)->sub);
        m_identities.insert(id, {p.identityPoolId, (*login)->provider, (*login)->sub});
    } else {
        if (!p.allowUnauthenticated)
            return notAuthorized(
                QStringLiteral("Unauthenticated access is not supported for this identity pool."));
        // Every GetId without logins makes a new guest identity, as on AWS.
        id = p.identityPoolId.section(QLatin1Char(':'), 0, 0) + QLatin1Char(':') +
             QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_identities.insert(id, {p.identityPoolId, {}, {}});
    }
    return QJsonObject{{QStringLiteral("IdentityId"), id}};
}

Core::Result<CognitoIdentityService::Identity>
CognitoIdentityService::identityFor(const QString &identityId, const QJsonObject &logins)
{
    if (const auto it = m_identities.constFind(identityId); it != m_identities.constEnd())
        return *it;
    for (const CognitoIdentityPoolConfig &p : std::as_const(m_pools)) {
        const auto login = checkLogins(p, logins);
        if (login && *login &&
            identityIdFor(p.identityPoolId, (*login)->provider, (*login)->sub) == identityId) {
            const Identity identity{p.identityPoolId, (*login)->provider, (*login)->sub};
            m_identities.insert(identityId, identity);
            return identity;
        }
    }
    return error("ResourceNotFoundException",
                 QStringLiteral("Identity '%1' not found.").arg(identityId));
}

// The identity a request names, after the checks GetCredentialsForIdentity and GetOpenIdToken
// share: its logins must be valid and the user's, and a guest needs a pool that takes guests.
Core::Result<CognitoIdentityService::Identity>
CognitoIdentityService::checkedIdentity(const QJsonObject &in)
{
    const QString identityId = string(in, "IdentityId");
    if (identityId.isEmpty())
        return CognitoWire::missing(QStringLiteral("IdentityId"));
    if (const Core::Error e = checkId("identityId", identityId); e.isError())
        return e;
    const QJsonObject logins = in.value(QStringLiteral("Logins")).toObject();
    const auto found = identityFor(identityId, logins);
    if (!found)
        return found.error();
    Identity identity = *found;
    const CognitoIdentityPoolConfig *p = pool(identity.identityPoolId);
    if (!p)
        return error("ResourceNotFoundException",
                     QStringLiteral("Identity '%1' not found.").arg(identityId));
    const auto login = checkLogins(*p, logins);
    if (!login)
        return login.error();
    if (!identity.provider.isEmpty() &&
        (!*login || (*login)->sub != identity.sub || (*login)->provider != identity.provider))
        return notAuthorized(
            QStringLiteral("Logins don't match. Please include at least one valid login for this "
                           "identity or identity pool."));
    if (identity.provider.isEmpty() && *login) {
        // A guest who signs in keeps the identity, now linked to the login.
        identity.provider = (*login)->provider;
        identity.sub = (*login)->sub;
        m_identities.insert(identityId, identity);
    }
    if (identity.provider.isEmpty() && !p->allowUnauthenticated)
        return notAuthorized(
            QStringLiteral("Unauthenticated access is not supported for this identity pool."));
    return identity;
}

CognitoIdentityService::Reply
CognitoIdentityService::getCredentialsForIdentity(const QJsonObject &in)
{
    const auto checked = checkedIdentity(in);
    if (!checked)
        return checked.error();
    const Identity &identity = *checked;
    const QString identityId = string(in, "IdentityId");
    const CognitoIdentityPoolConfig *p = pool(identity.identityPoolId);
    const bool authenticated = !identity.provider.isEmpty();
    const QString roleArn = authenticated ? p->authenticatedRoleArn : p->unauthenticatedRoleArn;
    if (roleArn.isEmpty())
        return error(
            "InvalidIdentityPoolConfigurationException",
            QStringLiteral(
                "Invalid identity pool configuration. Check assigned IAM roles for this pool."));

    static const char upper[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    static const char base64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const QString account = roleArn.section(QLatin1Char(':'), 4, 4);
    const QString roleName = roleArn.section(QLatin1Char('/'), -1);
    AwsPrincipal issued;
    issued.accessKeyId = QStringLiteral("ASIA") + randomText(upper, 32, 16);
    issued.secretAccessKey = randomText(base64, 64, 40);
    issued.sessionToken = randomText(base64, 64, 356);
    issued.expiration =
        QDateTime::fromSecsSinceEpoch(now().toSecsSinceEpoch() + CredentialSeconds, Qt::UTC);
    issued.accountId = account;
    issued.arn = QStringLiteral("arn:aws:sts::%1:assumed-role/%2/%3")
                     .arg(account, roleName, QLatin1String(SessionName));
    issued.userId =
        AwsAuthenticator::uniqueId("AROA", roleArn) + QLatin1Char(':') + QLatin1String(SessionName);
    issued.assumedRole = true;
    issued.cognitoIdentityId = identityId;
    issued.cognitoIdentityPoolId = identity.identityPoolId;
    issued.cognitoAmr = authenticated ? QStringList{QStringLiteral("authenticated"), identity.provider,
                                                    identity.provider + QStringLiteral(":CognitoSignIn:") + identity.sub}
                                      : QStringList{QStringLiteral("unauthenticated")};
    m_authenticator->addSession(issued);
    // JSON 1.1 carries a timestamp as epoch seconds, a number.
    return QJsonObject{{QStringLiteral("IdentityId"), identityId},
                       {QStringLiteral("Credentials"),
                        QJsonObject{{QStringLiteral("AccessKeyId"), issued.accessKeyId},
                                    {QStringLiteral("SecretKey"), issued.secretAccessKey},
                                    {QStringLiteral("SessionToken"), issued.sessionToken},
                                    {QStringLiteral("Expiration"),
                                     double(issued.expiration.toSecsSinceEpoch())}}}};
}

// The classic flow's token for STS AssumeRoleWithWebIdentity (which the emulator's STS does not
// serve): issued by cognito-identity for the IdentityId, valid 10 minutes as on AWS, signed here
// with the emulator's Cognito key.
CognitoIdentityService::Reply CognitoIdentityService::getOpenIdToken(const QJsonObject &in)
{
    const auto checked = checkedIdentity(in);
    if (!checked)
        return checked.error();
    const QString identityId = string(in, "IdentityId");
    const qint64 iat = now().toSecsSinceEpoch();
    QJsonArray amr{checked->provider.isEmpty() ? QStringLiteral("unauthenticated")
                                               : QStringLiteral("authenticated")};
    if (!checked->provider.isEmpty()) {
        amr.append(checked->provider);
        amr.append(QString(checked->provider + QStringLiteral(":CognitoSignIn:") + checked->sub));
    }
    const QJsonObject claims{{QStringLiteral("sub"), identityId},
                             {QStringLiteral("aud"), checked->identityPoolId},
                             {QStringLiteral("iss"), QLatin1String(OpenIdIssuer)},
                             {QStringLiteral("amr"), amr},
                             {QStringLiteral("iat"), iat},
                             {QStringLiteral("exp"), iat + OpenIdTokenSeconds}};
    return QJsonObject{{QStringLiteral("IdentityId"), identityId},
                       {QStringLiteral("Token"), m_idp->tokens().sign(claims)}};
}

CognitoIdentityService::Reply
CognitoIdentityService::describeIdentityPool(const QJsonObject &in) const
{
    const auto found = poolFor(in);
    if (!found)
        return found.error();
    return poolDescription(**found);
}

CognitoIdentityService::Reply
CognitoIdentityService::getIdentityPoolRoles(const QJsonObject &in) const
{
    const auto found = poolFor(in);
    if (!found)
        return found.error();
    QJsonObject roles;
    if (!(*found)->authenticatedRoleArn.isEmpty())
        roles.insert(QStringLiteral("authenticated"), (*found)->authenticatedRoleArn);
    if (!(*found)->unauthenticatedRoleArn.isEmpty())
        roles.insert(QStringLiteral("unauthenticated"), (*found)->unauthenticatedRoleArn);
    return QJsonObject{{QStringLiteral("IdentityPoolId"), (*found)->identityPoolId},
                       {QStringLiteral("Roles"), roles}};
}

CognitoIdentityService::Reply CognitoIdentityService::listIdentityPools(const QJsonObject &in) const
{
    const QJsonValue max = in.value(QStringLiteral("MaxResults"));
    if (max.isUndefined() || max.isNull())
        return CognitoWire::missing(QStringLiteral("MaxResults"));
    const int maxResults = max.toInt();
    if (maxResults < 1 || maxResults > 60)
        return error(
            "InvalidParameterException",
            QStringLiteral(
                "1 validation error detected: Value '%1' at 'maxResults' failed to satisfy "
                "constraint: Member must have value %2")
                .arg(maxResults)
                .arg(maxResults < 1 ? QStringLiteral("greater than or equal to 1")
                                    : QStringLiteral("less than or equal to 60")));
    bool ok = true;
    const QString next = string(in, "NextToken");
    const int start = next.isEmpty() ? 0 : next.toInt(&ok);
    if (!ok || start < 0 || start > m_pools.size())
        return error("InvalidParameterException", QStringLiteral("Invalid pagination token."));
    QJsonArray pools;
    for (qsizetype i = start; i < m_pools.size() && pools.size() < maxResults; ++i)
        pools.append(QJsonObject{{QStringLiteral("IdentityPoolId"), m_pools.at(i).identityPoolId},
                                 {QStringLiteral("IdentityPoolName"), m_pools.at(i).poolName}});
    QJsonObject out{{QStringLiteral("IdentityPools"), pools}};
    if (start + pools.size() < m_pools.size())
        out.insert(QStringLiteral("NextToken"), QString::number(start + pools.size()));
    return out;
}

} // namespace Gatehouse::Emulator
