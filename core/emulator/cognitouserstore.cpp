#include "cognitouserstore.h"

#include <QUuid>

namespace Gatehouse::Emulator {

namespace Srp = Core::Cognito;

QString cognitoUserStatusName(CognitoUserStatus status)
{
    switch (status) {
    case CognitoUserStatus::Unconfirmed:
        return QStringLiteral("UNCONFIRMED");
    case CognitoUserStatus::Confirmed:
        return QStringLiteral("CONFIRMED");
    case CognitoUserStatus::ForceChangePassword:
        return QStringLiteral("FORCE_CHANGE_PASSWORD");
    }
    return {};
}

QString CognitoUser::attribute(const QString &name) const
{
    if (name == QLatin1String("sub"))
        return sub;
    for (const auto &a : attributes)
        if (a.first == name)
            return a.second;
    return {};
}

void CognitoUser::setAttribute(const QString &name, const QString &value)
{
    if (name == QLatin1String("sub"))
        return;
    for (auto &a : attributes) {
        if (a.first == name) {
            a.second = value;
            return;
        }
    }
    attributes.append({name, value});
}

QList<QPair<QString, QString>> CognitoUser::attributesWithSub() const
{
    QList<QPair<QString, QString>> out{{QStringLiteral("sub"), sub}};
    out += attributes;
    return out;
}

void CognitoUserStore::seed(const QList<CognitoPoolConfig> &pools, const QDateTime &now)
{
    m_pools.clear();
    for (const CognitoPoolConfig &config : pools) {
        CognitoUserPool pool;
        pool.config = config;
        pool.created = now;
        for (const CognitoSeedUser &seedUser : config.users) {
            CognitoUser &user = add(pool, seedUser.username, seedUser.attributes, now);
            user.groups = seedUser.groups;
            if (seedUser.password.isEmpty()) {
                // AWS::Cognito::UserPoolUser is AdminCreateUser: a temporary password nobody
                // was told, until an administrator sets one.
                user.status = CognitoUserStatus::ForceChangePassword;
            } else {
                setPassword(pool, user, seedUser.password);
                user.status = CognitoUserStatus::Confirmed;
            }
        }
        // The verifiers are made; the service keeps no copy of the template's passwords.
        for (CognitoSeedUser &seedUser : pool.config.users)
            seedUser.password.clear();
        m_pools.append(pool);
    }
}

CognitoUserPool *CognitoUserStore::pool(const QString &poolId)
{
    for (CognitoUserPool &p : m_pools)
        if (p.config.poolId == poolId)
            return &p;
    return nullptr;
}

QPair<CognitoUserPool *, const CognitoClientConfig *>
CognitoUserStore::client(const QString &clientId)
{
    for (CognitoUserPool &p : m_pools)
        for (const CognitoClientConfig &c : std::as_const(p.config.clients))
            if (c.clientId == clientId)
                return {&p, &c};
    return {nullptr, nullptr};
}

CognitoUser *CognitoUserStore::find(CognitoUserPool &pool, const QString &nameOrAlias)
{
    if (nameOrAlias.isEmpty())
        return nullptr;
    for (CognitoUser &u : pool.users)
        if (u.username == nameOrAlias || u.sub == nameOrAlias)
            return &u;
    for (const QString &alias : std::as_const(pool.config.usernameAttributes))
        for (CognitoUser &u : pool.users)
            if (u.attribute(alias).compare(nameOrAlias, Qt::CaseInsensitive) == 0)
                return &u;
    return nullptr;
}

CognitoUser &CognitoUserStore::add(CognitoUserPool &pool, const QString &username,
                                   const QList<QPair<QString, QString>> &attributes,
                                   const QDateTime &now)
{
    CognitoUser user;
    user.sub = QUuid::createUuid().toString(QUuid::WithoutBraces);
    user.username = pool.config.usernameAttributes.isEmpty() ? username : user.sub;
    for (const auto &a : attributes)
        user.setAttribute(a.first, a.second);
    // The name a pool with UsernameAttributes was given is the alias attribute's value.
    if (!pool.config.usernameAttributes.isEmpty() &&
        user.attribute(QStringLiteral("email")).isEmpty() &&
        user.attribute(QStringLiteral("phone_number")).isEmpty()) {
        const bool phone = username.startsWith(QLatin1Char('+'));
        const QString attribute = phone ? QStringLiteral("phone_number") : QStringLiteral("email");
        if (pool.config.usernameAttributes.contains(attribute))
            user.setAttribute(attribute, username);
    }
    user.created = now;
    user.modified = now;
    pool.users.append(user);
    return pool.users.last();
}

bool CognitoUserStore::remove(CognitoUserPool &pool, const QString &username)
{
    for (qsizetype i = 0; i < pool.users.size(); ++i) {
        if (pool.users.at(i).username == username) {
            pool.users.removeAt(i);
            return true;
        }
    }
    return false;
}

void CognitoUserStore::setPassword(const CognitoUserPool &pool, CognitoUser &user,
                                   const QString &password)
{
    user.verifier =
        Srp::SrpServer::makeVerifier(Srp::srpPoolName(pool.config.poolId), user.username, password);
}

bool CognitoUserStore::passwordMatches(const CognitoUserPool &pool, const CognitoUser &user,
                                       const QString &password)
{
    return user.verifier &&
           Srp::SrpServer::passwordMatches(*user.verifier, Srp::srpPoolName(pool.config.poolId),
                                           user.username, password);
}

QString CognitoUserStore::policyViolation(const CognitoPasswordPolicy &policy,
                                          const QString &password)
{
    // Cognito's symbol set: ^ $ * . [ ] { } ( ) ? " ! @ # % & / \ , > < ' : ; | _ ~ ` = + -
    static const QString symbols = QStringLiteral("^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ");
    bool upper = false, lower = false, digit = false, symbol = false;
    for (const QChar c : password) {
        upper = upper || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
        lower = lower || (c >= QLatin1Char('a') && c <= QLatin1Char('z'));
        digit = digit || (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
        symbol = symbol || symbols.contains(c);
    }
    QString reason;
    if (password.size() < policy.minimumLength)
        reason = QStringLiteral("Password not long enough");
    else if (policy.requireLowercase && !lower)
        reason = QStringLiteral("Password must have lowercase characters");
    else if (policy.requireUppercase && !upper)
        reason = QStringLiteral("Password must have uppercase characters");
    else if (policy.requireNumbers && !digit)
        reason = QStringLiteral("Password must have numeric characters");
    else if (policy.requireSymbols && !symbol)
        reason = QStringLiteral("Password must have symbol characters");
    return reason.isEmpty() ? QString()
                            : QStringLiteral("Password did not conform with policy: ") + reason;
}

} // namespace Gatehouse::Emulator
