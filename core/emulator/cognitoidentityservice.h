#pragma once

#include "cognitoidentitypoolconfig.h"
#include "core/httpmessage.h"
#include "core/result.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <functional>
#include <optional>

namespace Gatehouse::Emulator {

class AwsAuthenticator;
class CognitoIdpService;

// Cognito identity pools ("cognito-identity", JSON 1.1) in the emulator: GetId and
// GetCredentialsForIdentity turn an ID token of the lab's user pools (or no login, where the
// pool allows guests) into temporary credentials of the pool's role, registered with the
// AwsAuthenticator so requests signed with them are accepted. GetId and
// GetCredentialsForIdentity (and GetOpenIdToken) are unsigned as on AWS; DescribeIdentityPool,
// GetIdentityPoolRoles and ListIdentityPools need SigV4 for "cognito-identity". Role policies
// are not enforced.
class CognitoIdentityService
{
public:
    static constexpr char TargetPrefix[] = "AWSCognitoIdentityService.";
    static constexpr int CredentialSeconds = 3600;
    static constexpr char SessionName[] = "CognitoIdentityCredentials";
    static constexpr char OpenIdIssuer[] = "https://cognito-identity.amazonaws.com";
    static constexpr int OpenIdTokenSeconds = 600;

    // idp verifies the ID tokens (its signing key and issuers); both outlive this service.
    CognitoIdentityService(AwsAuthenticator *authenticator, const CognitoIdpService *idp,
                           const QList<CognitoIdentityPoolConfig> &pools);

    // The service's clock (UTC); tests move it to see tokens expire.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    // POST / with X-Amz-Target: AWSCognitoIdentityService.<operation>.
    static bool isCognitoIdentityRequest(const Core::HttpRequest &request);
    Core::HttpResponse answer(const Core::HttpRequest &request);

    // The IdentityId a user of a user pool always gets in an identity pool:
    // <region>:<name-based UUID of pool, provider and sub>.
    static QString identityIdFor(const QString &identityPoolId, const QString &provider,
                                 const QString &sub);

private:
    using Reply = Core::Result<QJsonObject>;
    struct Identity
    {
        QString identityPoolId;
        QString provider; // empty: an unauthenticated (guest) identity
        QString sub;
    };
    struct Login
    {
        QString provider;
        QString sub;
    };

    QDateTime now() const { return m_clock ? m_clock() : QDateTime::currentDateTimeUtc(); }
    Reply dispatch(const QByteArray &operation, const QJsonObject &in);
    Reply getId(const QJsonObject &in);
    Reply getCredentialsForIdentity(const QJsonObject &in);
    Reply getOpenIdToken(const QJsonObject &in);
    Core::Result<Identity> checkedIdentity(const QJsonObject &in);
    Reply describeIdentityPool(const QJsonObject &in) const;
    Reply getIdentityPoolRoles(const QJsonObject &in) const;
    Reply listIdentityPools(const QJsonObject &in) const;

    Core::Result<const CognitoIdentityPoolConfig *> poolFor(const QJsonObject &in) const;
    // Every entry of Logins checked (provider of the pool, signature, issuer, expiry, audience);
    // the first login, or nothing when Logins is empty.
    Core::Result<std::optional<Login>> checkLogins(const CognitoIdentityPoolConfig &pool,
                                                   const QJsonObject &logins) const;
    Core::Result<Login> checkLogin(const CognitoIdentityPoolConfig &pool, const QString &provider,
                                   const QString &token) const;
    // The identity an IdentityId names; an authenticated one that GetId never gave out here is
    // still recognised from its logins, since its id derives from the user.
    Core::Result<Identity> identityFor(const QString &identityId, const QJsonObject &logins);
    const CognitoIdentityPoolConfig *pool(const QString &identityPoolId) const;

    AwsAuthenticator *m_authenticator;
    const CognitoIdpService *m_idp;
    QList<CognitoIdentityPoolConfig> m_pools;
    QHash<QString, Identity> m_identities; // IdentityId -> whose
    std::function<QDateTime()> m_clock;
};

} // namespace Gatehouse::Emulator
