#pragma once

#include "cognitopoolconfig.h"
#include "core/cognito/srp.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <optional>

namespace Gatehouse::Emulator {

// Cognito's UserStatusType, as the API spells it.
enum class CognitoUserStatus
{
    Unconfirmed,
    Confirmed,
    ForceChangePassword
};
QString cognitoUserStatusName(CognitoUserStatus status);

// One user of a pool. No password is kept: only the SRP verifier (salt and g^x), which checks
// a password and answers USER_SRP_AUTH alike.
struct CognitoUser
{
    QString username; // the sub in pools with UsernameAttributes, as in Cognito
    QString sub;
    QList<QPair<QString, QString>> attributes; // without sub
    CognitoUserStatus status = CognitoUserStatus::Unconfirmed;
    bool enabled = true;
    QDateTime created;
    QDateTime modified;
    std::optional<Core::Cognito::SrpVerifier> verifier; // none: no password can sign in
    QDateTime temporaryPasswordExpires;                 // FORCE_CHANGE_PASSWORD only
    QStringList groups;
    QString confirmationCode; // the code SignUp "sent"; empty when none is pending
    QDateTime codeExpires;
    QString resetCode; // the code ForgotPassword "sent"
    QDateTime resetCodeExpires;

    QString attribute(const QString &name) const;
    void setAttribute(const QString &name, const QString &value);
    // sub first, then the others in the order they were set: what GetUser and AdminGetUser list.
    QList<QPair<QString, QString>> attributesWithSub() const;
};

// A pool at run time: the lab's configuration and its users.
struct CognitoUserPool
{
    CognitoPoolConfig config;
    QDateTime created;
    QList<CognitoUser> users;
};

// Every user pool of the emulator and the users in them, seeded from the lab at start. Finds
// users the way Cognito's sign-in does (user name, sub, or an alias attribute such as email)
// and turns passwords into verifiers, so nothing else handles a password for longer than a call.
class CognitoUserStore
{
public:
    CognitoUserStore() = default;
    // Seed users get their verifier (or, without a password, FORCE_CHANGE_PASSWORD with none).
    void seed(const QList<CognitoPoolConfig> &pools, const QDateTime &now);

    QList<CognitoUserPool> &pools() { return m_pools; }
    CognitoUserPool *pool(const QString &poolId);
    // The client and the pool it belongs to; nulls when no pool has it.
    QPair<CognitoUserPool *, const CognitoClientConfig *> client(const QString &clientId);

    // By user name, by sub, or (in a pool with UsernameAttributes) by those attributes' values.
    static CognitoUser *find(CognitoUserPool &pool, const QString &nameOrAlias);
    // A new user with a fresh sub; the username is the sub in pools with UsernameAttributes.
    static CognitoUser &add(CognitoUserPool &pool, const QString &username,
                            const QList<QPair<QString, QString>> &attributes, const QDateTime &now);
    static bool remove(CognitoUserPool &pool, const QString &username);

    static void setPassword(const CognitoUserPool &pool, CognitoUser &user,
                            const QString &password);
    static bool passwordMatches(const CognitoUserPool &pool, const CognitoUser &user,
                                const QString &password);

    // Cognito's words for a password the policy refuses ("Password did not conform with
    // policy: Password not long enough"); empty when it conforms.
    static QString policyViolation(const CognitoPasswordPolicy &policy, const QString &password);

private:
    QList<CognitoUserPool> m_pools;
};

} // namespace Gatehouse::Emulator
