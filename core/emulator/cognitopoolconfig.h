#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Gatehouse::Emulator {

// Policies.PasswordPolicy of a user pool, with Cognito's defaults.
struct CognitoPasswordPolicy
{
    int minimumLength = 8;
    bool requireUppercase = true;
    bool requireLowercase = true;
    bool requireNumbers = true;
    bool requireSymbols = true;
    int temporaryPasswordValidityDays = 7;
};

// An AWS::Cognito::UserPoolClient. The id (and secret) derive from the lab and logical ids, so
// they stay the same between runs; a lab's client secret is no secret of anyone's.
struct CognitoClientConfig
{
    QString logicalId;
    QString clientName;
    QString clientId;            // 26 lowercase letters and digits
    QString clientSecret;        // empty unless GenerateSecret
    QStringList explicitAuthFlows;
    bool preventUserExistenceErrors = true;  // Cognito's default for new clients
    int accessTokenSeconds = 3600;
    int idTokenSeconds = 3600;
    qint64 refreshTokenSeconds = 30LL * 86400;
    // The hosted endpoints' grants: code, implicit, client_credentials. client_credentials needs
    // a secret and AllowedOAuthFlowsUserPoolClient, and issues only resource-server scopes.
    QStringList allowedOAuthFlows;
    QStringList allowedOAuthScopes;  // "openid", "<resource server>/<scope>", ...
    bool allowedOAuthFlowsUserPoolClient = false;
};

// An AWS::Cognito::UserPoolResourceServer: the custom scopes ("<identifier>/<name>") app
// clients may ask for, machine-to-machine clients in particular.
struct CognitoResourceServerConfig
{
    QString logicalId;
    QString identifier;          // e.g. "bakery" or "https://api.example.com"
    QString name;
    QStringList scopeNames;      // without the identifier
};

// An AWS::Cognito::UserPoolGroup.
struct CognitoGroupConfig
{
    QString logicalId;
    QString groupName;
    QString description;
    int precedence = -1;         // -1 when absent
};

// An AWS::Cognito::UserPoolUser, with the Gatehouse-only password from
// Metadata.Gatehouse.Password (the service hashes it at start and keeps no plain text).
struct CognitoSeedUser
{
    QString logicalId;
    QString username;
    QList<QPair<QString, QString>> attributes;
    QString password;            // empty: the user is created without one (FORCE_CHANGE_PASSWORD)
    QStringList groups;          // group names, from Metadata.Gatehouse.Groups
};

// An AWS::Cognito::UserPool with everything that belongs to it in the template.
struct CognitoPoolConfig
{
    QString logicalId;
    QString poolName;
    QString poolId;              // <region>_<9 letters and digits>
    CognitoPasswordPolicy passwordPolicy;
    QStringList autoVerifiedAttributes;
    QStringList usernameAttributes; // "email", "phone_number"
    QList<CognitoResourceServerConfig> resourceServers;
    QList<CognitoClientConfig> clients;
    QList<CognitoGroupConfig> groups;
    QList<CognitoSeedUser> users;
};

} // namespace Gatehouse::Emulator
