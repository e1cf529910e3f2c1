#pragma once

#include <QList>
#include <QString>

namespace Gatehouse::Emulator {

// One entry of an identity pool's CognitoIdentityProviders: a user pool app client whose ID
// tokens the pool takes as logins.
struct CognitoIdentityProviderConfig
{
    QString providerName; // cognito-idp.<region>.amazonaws.com/<poolId>, as AWS names it
    QString userPoolId;
    QString clientId;
};

// An AWS::Cognito::IdentityPool with the roles its AWS::Cognito::IdentityPoolRoleAttachment
// gives it. The id derives from the lab and logical ids, so it stays the same between runs.
// Role ARNs are recorded, not enforced: the emulator checks no IAM policy.
struct CognitoIdentityPoolConfig
{
    QString logicalId;
    QString poolName;
    QString identityPoolId; // <region>:<GUID>
    bool allowUnauthenticated = false;
    bool allowClassicFlow = false;
    QList<CognitoIdentityProviderConfig> providers;
    QString authenticatedRoleArn; // empty: no role attached
    QString unauthenticatedRoleArn;
};

} // namespace Gatehouse::Emulator
