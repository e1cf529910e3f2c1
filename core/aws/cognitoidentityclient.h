#pragma once

#include "core/aws/credentials.h"
#include "core/result.h"

#include <QMap>
#include <QObject>
#include <QUrl>

#include <functional>

namespace Gatehouse::Core {
class HttpClient;
}

namespace Gatehouse::Core::Aws {

// Cognito identity pools (the "federated identities" of the course): GetId, then
// GetCredentialsForIdentity, which turn a user pool's ID token (or no login, for
// unauthenticated identities) into temporary AWS credentials any tool can sign with. Both
// calls are JSON 1.1 (X-Amz-Target: AWSCognitoIdentityService.*) and unsigned, as on AWS.
class CognitoIdentityClient : public QObject
{
    Q_OBJECT

public:
    // endpoint empty: https://cognito-identity.<region>.amazonaws.com
    CognitoIdentityClient(HttpClient *http, const QString &region, const QUrl &endpoint = {}, QObject *parent = nullptr);

    // The login key of a user pool's ID token: cognito-idp.<region>.amazonaws.com/<poolId>.
    static QString userPoolProvider(const QString &region, const QString &userPoolId);

    using Logins = QMap<QString, QString>; // provider → token
    void getId(const QString &identityPoolId, const Logins &logins, QObject *context,
               std::function<void(const Result<QString> &)> done);
    void getCredentialsForIdentity(const QString &identityId, const Logins &logins, QObject *context,
                                   std::function<void(const Result<Credentials> &)> done);
    // Both, in order: the identity pool's credentials for these logins.
    void credentials(const QString &identityPoolId, const Logins &logins, QObject *context,
                     std::function<void(const Result<Credentials> &)> done);

    // The JSON the AWS CLI and SDKs read from a credential_process (Version 1).
    static QByteArray credentialProcessJson(const Credentials &credentials);

    QUrl endpoint() const { return m_endpoint; }

private:
    void call(const QByteArray &operation, const QByteArray &body, QObject *context,
              std::function<void(const Result<QByteArray> &)> done);

    HttpClient *m_http;
    QString m_region;
    QUrl m_endpoint;
};

} // namespace Gatehouse::Core::Aws
