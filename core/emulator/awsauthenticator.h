#pragma once

#include "core/aws/sigv4verifier.h"
#include "core/error.h"
#include "core/httpmessage.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QString>
#include <QStringList>

namespace Gatehouse::Emulator {

// Who signed a request: a long-term key pair (an IAM user) or temporary credentials the
// emulator's STS issued for an assumed role.
struct AwsPrincipal
{
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken;  // empty for long-term keys
    QDateTime expiration;  // invalid for long-term keys
    QString accountId;
    QString arn;           // arn:aws:iam::<account>:user/<name> or ...:assumed-role/<role>/<session>
    QString userId;        // AIDA... for users, AROA...:<session> for assumed roles
    bool assumedRole = false;
    // Credentials a Cognito identity pool issued: whose they are, as API Gateway's IAM
    // authorization reports them (requestContext.authorizer.iam.cognitoIdentity).
    QString cognitoIdentityId;
    QString cognitoIdentityPoolId;
    QStringList cognitoAmr;
};

// How an emulated API words its errors: query/XML (STS) or REST-JSON (Lambda).
enum class AwsProtocol { Query, RestJson };

// The outcome of checking a request: error.code is None when it is authentic.
struct AwsAuthentication
{
    Core::Error error;
    AwsPrincipal principal;
    Core::Aws::SigV4Authorization authorization;

    bool ok() const { return !error.isError(); }
};

// Checks the SigV4 signature of every request to the emulator's AWS APIs against the keys the
// emulator knows (its default pair, added long-term keys, sessions its STS issued) and words
// each refusal as AWS does for the API's protocol, so clients see the errors they would see
// from AWS.
class AwsAuthenticator
{
public:
    // The pair LocalStack users already have configured; documented in README.
    static constexpr char DefaultAccessKeyId[] = "test";
    static constexpr char DefaultSecretAccessKey[] = "test";
    static constexpr char DefaultUserName[] = "gatehouse";

    explicit AwsAuthenticator(QString accountId);

    QString accountId() const { return m_accountId; }
    // The one region the emulator serves; signatures scoped to another are refused, as AWS
    // refuses them. us-east-1 until set.
    void setRegion(const QString &region) { m_region = region; }
    QString region() const { return m_region; }

    void addLongTermKey(const QString &accessKeyId, const QString &secretAccessKey,
                        const QString &userName);
    void addSession(const AwsPrincipal &principal);
    // Null when the access key id is unknown.
    const AwsPrincipal *principal(const QString &accessKeyId) const;

    // Verifies request for service ("sts", "lambda"); now is the server's clock.
    AwsAuthentication authenticate(const Core::HttpRequest &request, const QString &service,
                                   AwsProtocol protocol,
                                   const QDateTime &now = QDateTime::currentDateTimeUtc()) const;

    // The clock skew AWS allows the service (STS 15 minutes, Lambda 5 minutes).
    static int allowedSkewSeconds(const QString &service);

    // The answer AWS gives for a refusal: STS's <ErrorResponse> XML or a REST-JSON
    // {"message": ...} body with x-amzn-ErrorType.
    static Core::HttpResponse refusal(const Core::Error &error, AwsProtocol protocol);
    static QByteArray newRequestId();
    // An IAM-style unique id: prefix ("AIDA" users, "AROA" roles) and 17 upper-case letters
    // and digits derived from seed, so the same principal keeps its id between runs.
    static QString uniqueId(const char *prefix, const QString &seed);

private:
    Core::Error checkPrincipal(const AwsPrincipal *principal,
                               const Core::Aws::SigV4Authorization &auth, AwsProtocol protocol,
                               const QDateTime &now) const;

    void forgetSigningKeys();
    QByteArray signingKey(const AwsPrincipal &principal,
                          const Core::Aws::SigV4Authorization &auth) const;

    QString m_accountId;
    QString m_region = QStringLiteral("us-east-1");
    QHash<QString, AwsPrincipal> m_principals;
    // Derived signing keys by access key id, date, region and service; emptied when a key is
    // added (it may replace a secret) and when it is full.
    mutable QMutex m_signingKeysMutex;
    mutable QHash<QByteArray, QByteArray> m_signingKeys;
};

} // namespace Gatehouse::Emulator
