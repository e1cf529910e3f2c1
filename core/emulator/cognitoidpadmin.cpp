// The signed half of cognito-idp: Admin* operations on users and the List*/Describe* views of
// pools, clients, users and groups.
#include "awsauthenticator.h"
#include "cognitoidpservice.h"
#include "cognitoidpwire.h"

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>

Q_DECLARE_LOGGING_CATEGORY(lcCognito)

namespace Gatehouse::Emulator {

using namespace CognitoWire;

namespace {

QJsonObject userJson(const CognitoUser &user, const char *attributesKey)
{
    return QJsonObject{{QStringLiteral("Username"), user.username},
                       {QLatin1String(attributesKey), attributes(user.attributesWithSub())},
                       {QStringLiteral("UserCreateDate"), epoch(user.created)},
                       {QStringLiteral("UserLastModifiedDate"), epoch(user.modified)},
                       {QStringLiteral("Enabled"), user.enabled},
                       {QStringLiteral("UserStatus"), cognitoUserStatusName(user.status)}};
}

// MaxResults/Limit within [min, 60] as AWS's validation layer words a value outside it.
Core::Result<int> pageSize(const QJsonObject &in, const char *member, int min)
{
    const QJsonValue v = in.value(QLatin1String(member));
    if (v.isUndefined() || v.isNull())
        return 60;
    const int n = v.toInt(-1);
    QString name = QLatin1String(member);
    name[0] = name.at(0).toLower();
    if (n < min)
        return error(
            "InvalidParameterException",
            QStringLiteral(
                "1 validation error detected: Value '%1' at '%2' failed to satisfy constraint: "
                "Member must have value greater than or equal to %3")
                .arg(v.toVariant().toString(), name)
                .arg(min));
    if (n > 60)
        return error(
            "InvalidParameterException",
            QStringLiteral(
                "1 validation error detected: Value '%1' at '%2' failed to satisfy constraint: "
                "Member must have value less than or equal to 60")
                .arg(n)
                .arg(name));
    return n;
}

// One page of items; the token is the index of the next item.
QJsonObject page(const QJsonArray &items, const char *listKey, const char *tokenKey, int size,
                 const QString &token)
{
    const int from = token.toInt();
    QJsonArray slice;
    for (int i = from; i < items.size() && i < from + size; ++i)
        slice.append(items.at(i));
    QJsonObject out{{QLatin1String(listKey), slice}};
    if (from + size < items.size())
        out.insert(QLatin1String(tokenKey), QString::number(from + size));
    return out;
}

QJsonObject groupJson(const CognitoUserPool &pool, const CognitoGroupConfig &g)
{
    QJsonObject group{{QStringLiteral("GroupName"), g.groupName},
                      {QStringLiteral("UserPoolId"), pool.config.poolId},
                      {QStringLiteral("LastModifiedDate"), epoch(pool.created)},
                      {QStringLiteral("CreationDate"), epoch(pool.created)}};
    if (!g.description.isEmpty())
        group.insert(QStringLiteral("Description"), g.description);
    if (g.precedence >= 0)
        group.insert(QStringLiteral("Precedence"), g.precedence);
    return group;
}

const CognitoGroupConfig *findGroup(const CognitoUserPool &pool, const QString &name)
{
    for (const CognitoGroupConfig &g : pool.config.groups)
        if (g.groupName == name)
            return &g;
    return nullptr;
}

QString temporaryPassword(const CognitoPasswordPolicy &policy)
{
    static const char pool[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    QString out = QStringLiteral("Aa1!");
    while (out.size() < qMax(policy.minimumLength, 12))
        out.append(QLatin1Char(pool[QRandomGenerator::system()->bounded(int(sizeof(pool)) - 1)]));
    return out;
}

} // namespace

Core::Result<CognitoUserPool *> CognitoIdpService::poolFor(const QJsonObject &in)
{
    const QString id = string(in, "UserPoolId");
    CognitoUserPool *pool = m_store.pool(id);
    if (!pool)
        return error("ResourceNotFoundException",
                     QStringLiteral("User pool %1 does not exist.").arg(id));
    return pool;
}

Core::Result<CognitoUser *> CognitoIdpService::adminUser(CognitoUserPool &pool,
                                                         const QJsonObject &in)
{
    CognitoUser *user = CognitoUserStore::find(pool, string(in, "Username"));
    if (!user)
        return error("UserNotFoundException", QStringLiteral("User does not exist."));
    return user;
}

CognitoIdpService::Reply CognitoIdpService::adminCreateUser(const QJsonObject &in)
{
    const auto pool = poolFor(in);
    if (!pool)
        return pool.error();
    CognitoUserPool &p = **pool;
    const QString username = string(in, "Username");
    const bool resend = string(in, "MessageAction") == QLatin1String("RESEND");
    CognitoUser *existing = CognitoUserStore::find(p, username);
    if (existing && !resend)
        return error("UsernameExistsException", QStringLiteral("User account already exists"));
    if (!existing && resend)
        return error("UserNotFoundException", QStringLiteral("User does not exist."));
    static const QRegularExpression emailShape(QStringLiteral("^[^@\\s]+@[^@\\s]+$"));
    if (!existing && p.config.usernameAttributes == QStringList{QStringLiteral("email")} &&
        !emailShape.match(username).hasMatch())
        return error("InvalidParameterException", QStringLiteral("Username should be an email."));
    QString password = string(in, "TemporaryPassword");
    if (!password.isEmpty()) {
        if (const QString violation =
                CognitoUserStore::policyViolation(p.config.passwordPolicy, password);
            !violation.isEmpty())
            return error("InvalidPasswordException", violation);
    }
    CognitoUser &user =
        existing ? *existing
                 : CognitoUserStore::add(
                       p, username, attributes(in.value(QStringLiteral("UserAttributes"))), now());
    if (password.isEmpty()) {
        // Cognito would mail a generated password; with no mail nobody learns it, so the
        // emulator says how to go on instead of showing a password.
        password = temporaryPassword(p.config.passwordPolicy);
        qCInfo(lcCognito).noquote()
            << "Cognito pool" << p.config.poolId << "user" << user.username
            << "got a temporary password that is not shown; pass TemporaryPassword "
               "or use AdminSetUserPassword";
    }
    CognitoUserStore::setPassword(p, user, password);
    user.status = CognitoUserStatus::ForceChangePassword;
    user.temporaryPasswordExpires =
        now().addDays(p.config.passwordPolicy.temporaryPasswordValidityDays);
    user.modified = now();
    return QJsonObject{{QStringLiteral("User"), userJson(user, "Attributes")}};
}

CognitoIdpService::Reply CognitoIdpService::adminGetUser(const QJsonObject &in)
{
    const auto pool = poolFor(in);
    if (!pool)
        return pool.error();
    const auto user = adminUser(**pool, in);
    if (!user)
        return user.error();
    return userJson(**user, "UserAttributes");
}

CognitoIdpService::Reply CognitoIdpService::adminSetUserPassword(const QJsonObject &in)
{
    const auto pool = poolFor(in);
    if (!pool)
        return pool.error();
    const auto user = adminUser(**pool, in);
    if (!user)
        return user.error();
    const QString password = string(in, "Password");
    if (const QString violation =
            CognitoUserStore::policyViolation((*pool)->config.passwordPolicy, password);
        !violation.isEmpty())
        return error("InvalidPasswordException", violation);
    CognitoUser &u = **user;
    CognitoUserStore::setPassword(**pool, u, password);
    if (in.value(QStringLiteral("Permanent")).toBool()) {
        u.status = CognitoUserStatus::Confirmed;
        u.temporaryPasswordExpires = {};
    } else {
        u.status = CognitoUserStatus::ForceChangePassword;
        u.temporaryPasswordExpires =
            now().addDays((*pool)->config.passwordPolicy.temporaryPasswordValidityDays);
    }
    u.modified = now();
    return QJsonObject();
}

CognitoIdpService::Reply CognitoIdpService::adminConfirmSignUp(const QJsonObject &in)
{
    const auto pool = poolFor(in);
    if (!pool)
        return pool.error();
    const auto user = adminUser(**pool, in);
    if (!user)
        return user.error();
    CognitoUser &u = **user;
    if (u.status != CognitoUserStatus::Unconfirmed)
        return error("NotAuthorizedException",
                     QStringLiteral("User cannot be confirmed. Current status is %1")
                         .arg(cognitoUserStatusName(u.status)));
    u.status = CognitoUserStatus::Confirmed;
    u.confirmationCode.clear();
    u.modified = now();
    return QJsonObject();
}

CognitoIdpService::Reply CognitoIdpService::adminAddUserToGroup(const QJsonObject &in)
{
    const auto pool = poolFor(in);
    if (!pool)
        return pool.error();
    const auto user = adminUser(**pool, in);
    if (!user)
        return user.error();
    const QString group = string(in, "GroupName");
    if (!findGroup(**pool, group))
        return error("ResourceNotFoundException", QStringLiteral("Group not found."));
    if (!(*user)->groups.contains(group))
        (*user)->groups.append(group);
    return QJsonObject();
}

CognitoIdpService::Reply CognitoIdpService::adminDeleteUser(const QJsonObject &in)
{
    const auto pool = poolFor(in);
    if (!pool)
        return pool.error();
    const auto user = adminUser(**pool, in);
    if (!user)
        return user.error();
    CognitoUserStore::remove(**pool, (*user)->username);
    return QJsonObject();
}

CognitoIdpService::Reply CognitoIdpService::listUserPools(const QJsonObject &in)
{
    const auto size = pageSize(in, "MaxResults", 1);
    if (!size)
        return size.error();
    QJsonArray items;
    for (const CognitoUserPool &p : std::as_const(m_store.pools()))
        items.append(QJsonObject{{QStringLiteral("Id"), p.config.poolId},
                                 {QStringLiteral("Name"), p.config.poolName},
                                 {QStringLiteral("LambdaConfig"), QJsonObject()},
                                 {QStringLiteral("LastModifiedDate"), epoch(p.created)},
                                 {QStringLiteral("CreationDate"), epoch(p.created)}});
    return page(items, "UserPools", "NextToken", *size, string(in, "NextToken"));
}

CognitoIdpService::Reply CognitoIdpService::describeUserPool(const QJsonObject &in)
{
    const auto pool = poolFor(in);
    if (!pool)
        return pool.error();
    const CognitoUserPool &p = **pool;
    const CognitoPasswordPolicy &policy = p.config.passwordPolicy;
    QJsonObject out{
        {QStringLiteral("Id"), p.config.poolId},
        {QStringLiteral("Name"), p.config.poolName},
        {QStringLiteral("Arn"),
         QStringLiteral("arn:aws:cognito-idp:%1:%2:userpool/%3")
             .arg(p.config.poolId.section(QLatin1Char('_'), 0, 0),
                  m_authenticator ? m_authenticator->accountId() : QString(), p.config.poolId)},
        {QStringLiteral("Policies"),
         QJsonObject{{QStringLiteral("PasswordPolicy"),
                      QJsonObject{{QStringLiteral("MinimumLength"), policy.minimumLength},
                                  {QStringLiteral("RequireUppercase"), policy.requireUppercase},
                                  {QStringLiteral("RequireLowercase"), policy.requireLowercase},
                                  {QStringLiteral("RequireNumbers"), policy.requireNumbers},
                                  {QStringLiteral("RequireSymbols"), policy.requireSymbols},
                                  {QStringLiteral("TemporaryPasswordValidityDays"),
                                   policy.temporaryPasswordValidityDays}}}}},
        {QStringLiteral("LambdaConfig"), QJsonObject()},
        {QStringLiteral("LastModifiedDate"), epoch(p.created)},
        {QStringLiteral("CreationDate"), epoch(p.created)},
        {QStringLiteral("AutoVerifiedAttributes"),
         QJsonArray::fromStringList(p.config.autoVerifiedAttributes)},
        {QStringLiteral("MfaConfiguration"), QStringLiteral("OFF")},
        {QStringLiteral("EstimatedNumberOfUsers"), int(p.users.size())},
        {QStringLiteral("UserPoolTags"), QJsonObject()},
        {QStringLiteral("AdminCreateUserConfig"),
         QJsonObject{{QStringLiteral("AllowAdminCreateUserOnly"), false}}},
        {QStringLiteral("VerificationMessageTemplate"),
         QJsonObject{{QStringLiteral("DefaultEmailOption"), QStringLiteral("CONFIRM_WITH_CODE")}}},
    };
    if (!p.config.usernameAttributes.isEmpty())
        out.insert(QStringLiteral("UsernameAttributes"),
                   QJsonArray::fromStringList(p.config.usernameAttributes));
    return QJsonObject{{QStringLiteral("UserPool"), out}};
}

CognitoIdpService::Reply CognitoIdpService::listUserPoolClients(const QJsonObject &in)
{
    const auto pool = poolFor(in);
    if (!pool)
        return pool.error();
    const auto size = pageSize(in, "MaxResults", 1);
    if (!size)
        return size.error();
    QJsonArray items;
    for (const CognitoClientConfig &c : std::as_const((*pool)->config.clients))
        items.append(QJsonObject{{QStringLiteral("ClientId"), c.clientId},
                                 {QStringLiteral("UserPoolId"), (*pool)->config.poolId},
                                 {QStringLiteral("ClientName"), c.clientName}});
    return page(items, "UserPoolClients", "NextToken", *size, string(in, "NextToken"));
}

// Token validities are given in seconds, whatever units the template used.
CognitoIdpService::Reply CognitoIdpService::describeUserPoolClient(const QJsonObject &in)
{
    const auto pool = poolFor(in);
    if (!pool)
        return pool.error();
    const QString clientId = string(in, "ClientId");
    for (const CognitoClientConfig &c : std::as_const((*pool)->config.clients)) {
        if (c.clientId != clientId)
            continue;
        QJsonObject out{
            {QStringLiteral("UserPoolId"), (*pool)->config.poolId},
            {QStringLiteral("ClientName"), c.clientName},
            {QStringLiteral("ClientId"), c.clientId},
            {QStringLiteral("LastModifiedDate"), epoch((*pool)->created)},
            {QStringLiteral("CreationDate"), epoch((*pool)->created)},
            {QStringLiteral("RefreshTokenValidity"), double(c.refreshTokenSeconds)},
            {QStringLiteral("AccessTokenValidity"), c.accessTokenSeconds},
            {QStringLiteral("IdTokenValidity"), c.idTokenSeconds},
            {QStringLiteral("TokenValidityUnits"),
             QJsonObject{{QStringLiteral("AccessToken"), QStringLiteral("seconds")},
                         {QStringLiteral("IdToken"), QStringLiteral("seconds")},
                         {QStringLiteral("RefreshToken"), QStringLiteral("seconds")}}},
            {QStringLiteral("ExplicitAuthFlows"), QJsonArray::fromStringList(c.explicitAuthFlows)},
            {QStringLiteral("PreventUserExistenceErrors"),
             c.preventUserExistenceErrors ? QStringLiteral("ENABLED") : QStringLiteral("LEGACY")},
            {QStringLiteral("EnableTokenRevocation"), true},
            {QStringLiteral("AllowedOAuthFlowsUserPoolClient"), c.allowedOAuthFlowsUserPoolClient},
            {QStringLiteral("AuthSessionValidity"), ChallengeSessionSeconds / 60},
        };
        if (!c.allowedOAuthFlows.isEmpty())
            out.insert(QStringLiteral("AllowedOAuthFlows"), QJsonArray::fromStringList(c.allowedOAuthFlows));
        if (!c.allowedOAuthScopes.isEmpty())
            out.insert(QStringLiteral("AllowedOAuthScopes"), QJsonArray::fromStringList(c.allowedOAuthScopes));
        if (!c.clientSecret.isEmpty())
            out.insert(QStringLiteral("ClientSecret"), c.clientSecret);
        return QJsonObject{{QStringLiteral("UserPoolClient"), out}};
    }
    return error("ResourceNotFoundException",
                 QStringLiteral("User pool client %1 does not exist.").arg(clientId));
}

// Filter: `attribute = "value"` (exact) or `attribute ^= "value"` (prefix), as ListUsers takes it.
CognitoIdpService::Reply CognitoIdpService::listUsers(const QJsonObject &in)
{
    const auto pool = poolFor(in);
    if (!pool)
        return pool.error();
    const auto size = pageSize(in, "Limit", 0);
    if (!size)
        return size.error();
    const QString filter = string(in, "Filter");
    static const QRegularExpression filterShape(
        QStringLiteral("^\\s*([\\w:]+)\\s*(\\^?=)\\s*\"([^\"]*)\"\\s*$"));
    const QRegularExpressionMatch m = filterShape.match(filter);
    if (!filter.isEmpty() && !m.hasMatch())
        return error("InvalidParameterException", QStringLiteral("Error while parsing filter."));
    QJsonArray items;
    for (const CognitoUser &u : std::as_const((*pool)->users)) {
        if (m.hasMatch()) {
            const QString name = m.captured(1);
            const QString value =
                name == QLatin1String("username") ? u.username
                : name == QLatin1String("cognito:user_status") || name == QLatin1String("status")
                    ? cognitoUserStatusName(u.status)
                    : u.attribute(name);
            const bool prefix = m.captured(2) == QLatin1String("^=");
            if (prefix ? !value.startsWith(m.captured(3)) : value != m.captured(3))
                continue;
        }
        items.append(userJson(u, "Attributes"));
    }
    return page(items, "Users", "PaginationToken", *size == 0 ? 60 : *size,
                string(in, "PaginationToken"));
}

CognitoIdpService::Reply CognitoIdpService::listGroups(const QJsonObject &in)
{
    const auto pool = poolFor(in);
    if (!pool)
        return pool.error();
    const auto size = pageSize(in, "Limit", 0);
    if (!size)
        return size.error();
    QJsonArray items;
    for (const CognitoGroupConfig &g : std::as_const((*pool)->config.groups))
        items.append(groupJson(**pool, g));
    return page(items, "Groups", "NextToken", *size == 0 ? 60 : *size, string(in, "NextToken"));
}

CognitoIdpService::Reply CognitoIdpService::adminUserGlobalSignOut(const QJsonObject &in)
{
    const auto pool = poolFor(in);
    if (!pool)
        return pool.error();
    const auto user = adminUser(**pool, in);
    if (!user)
        return user.error();
    signOutEverywhere((*pool)->config.poolId, (*user)->username);
    return QJsonObject();
}

CognitoIdpService::Reply CognitoIdpService::adminDisableUser(const QJsonObject &in)
{
    const auto pool = poolFor(in);
    if (!pool)
        return pool.error();
    const auto user = adminUser(**pool, in);
    if (!user)
        return user.error();
    (*user)->enabled = false;
    (*user)->modified = now();
    return QJsonObject();
}

CognitoIdpService::Reply CognitoIdpService::adminEnableUser(const QJsonObject &in)
{
    const auto pool = poolFor(in);
    if (!pool)
        return pool.error();
    const auto user = adminUser(**pool, in);
    if (!user)
        return user.error();
    (*user)->enabled = true;
    (*user)->modified = now();
    return QJsonObject();
}

CognitoIdpService::Reply CognitoIdpService::adminRemoveUserFromGroup(const QJsonObject &in)
{
    const auto pool = poolFor(in);
    if (!pool)
        return pool.error();
    const auto user = adminUser(**pool, in);
    if (!user)
        return user.error();
    const QString group = string(in, "GroupName");
    if (!findGroup(**pool, group))
        return error("ResourceNotFoundException", QStringLiteral("Group not found."));
    (*user)->groups.removeAll(group);
    return QJsonObject();
}

CognitoIdpService::Reply CognitoIdpService::adminListGroupsForUser(const QJsonObject &in)
{
    const auto pool = poolFor(in);
    if (!pool)
        return pool.error();
    const auto user = adminUser(**pool, in);
    if (!user)
        return user.error();
    const auto size = pageSize(in, "Limit", 0);
    if (!size)
        return size.error();
    QJsonArray items;
    for (const QString &name : std::as_const((*user)->groups))
        if (const CognitoGroupConfig *g = findGroup(**pool, name))
            items.append(groupJson(**pool, *g));
    return page(items, "Groups", "NextToken", *size == 0 ? 60 : *size, string(in, "NextToken"));
}

} // namespace Gatehouse::Emulator
