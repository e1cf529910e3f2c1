#include "cognitoidentityclient.h"

#include "core/aws/unsignedjsoncall.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Gatehouse::Core::Aws {

namespace {

QJsonObject loginsObject(const CognitoIdentityClient::Logins &logins)
{
    QJsonObject object;
    for (auto it = logins.cbegin(); it != logins.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

} // namespace

CognitoIdentityClient::CognitoIdentityClient(HttpClient *http, const QString &region, const QUrl &endpoint, QObject *parent)
    : QObject(parent),
      m_http(http),
      m_region(region.isEmpty() ? QStringLiteral("us-east-1") : region),
      m_endpoint(endpoint.isEmpty() ? QUrl(QStringLiteral("https://cognito-identity.%1.amazonaws.com/").arg(m_region))
                                    : endpoint)
{
}

QString CognitoIdentityClient::userPoolProvider(const QString &region, const QString &userPoolId)
{
    return QStringLiteral("cognito-idp.%1.amazonaws.com/%2").arg(region, userPoolId);
}

void CognitoIdentityClient::call(const QByteArray &operation, const QByteArray &body, QObject *context,
                                 std::function<void(const Result<QByteArray> &)> done)
{
    unsignedJsonCall(m_http, m_endpoint, "AWSCognitoIdentityService." + operation, body,
                     QStringLiteral("Cognito identity %1").arg(QString::fromLatin1(operation)), context, std::move(done));
}

void CognitoIdentityClient::getId(const QString &identityPoolId, const Logins &logins, QObject *context,
                                  std::function<void(const Result<QString> &)> done)
{
    if (identityPoolId.isEmpty() || !identityPoolId.contains(QLatin1Char(':'))) {
        QMetaObject::invokeMethod(context, [done, identityPoolId] {
            done(makeError(ErrorCode::InvalidArgument,
                           QStringLiteral("'%1' is not an identity pool id; they look like us-east-1:1a2b3c4d-....")
                               .arg(identityPoolId)));
        }, Qt::QueuedConnection);
        return;
    }
    QJsonObject body{{QStringLiteral("IdentityPoolId"), identityPoolId}};
    if (!logins.isEmpty())
        body.insert(QStringLiteral("Logins"), loginsObject(logins));
    call("GetId", QJsonDocument(body).toJson(QJsonDocument::Compact), context, [done](const Result<QByteArray> &answer) {
        if (!answer)
            return done(answer.error());
        const QString id = QJsonDocument::fromJson(*answer).object().value(QStringLiteral("IdentityId")).toString();
        if (id.isEmpty())
            return done(makeError(ErrorCode::Protocol, QStringLiteral("GetId answered without an IdentityId.")));
        done(id);
    });
}

void CognitoIdentityClient::getCredentialsForIdentity(const QString &identityId, const Logins &logins, QObject *context,
                                                      std::function<void(const Result<Credentials> &)> done)
{
    QJsonObject body{{QStringLiteral("IdentityId"), identityId}};
    if (!logins.isEmpty())
        body.insert(QStringLiteral("Logins"), loginsObject(logins));
    call("GetCredentialsForIdentity", QJsonDocument(body).toJson(QJsonDocument::Compact), context,
         [done, identityId](const Result<QByteArray> &answer) {
             if (!answer)
                 return done(answer.error());
             const QJsonObject object = QJsonDocument::fromJson(*answer).object().value(QStringLiteral("Credentials")).toObject();
             Credentials credentials;
             credentials.accessKeyId = object.value(QStringLiteral("AccessKeyId")).toString();
             credentials.secretAccessKey = object.value(QStringLiteral("SecretKey")).toString();
             credentials.sessionToken = object.value(QStringLiteral("SessionToken")).toString();
             // A timestamp in JSON 1.1 is epoch seconds (a number).
             const QJsonValue expiration = object.value(QStringLiteral("Expiration"));
             if (expiration.isDouble())
                 credentials.expiration = QDateTime::fromMSecsSinceEpoch(qint64(expiration.toDouble() * 1000), Qt::UTC);
             credentials.source = QStringLiteral("Cognito identity %1").arg(identityId);
             if (!credentials.isComplete() || !credentials.hasSessionToken())
                 return done(makeError(ErrorCode::Protocol,
                                       QStringLiteral("GetCredentialsForIdentity answered without complete credentials.")));
             done(credentials);
         });
}

void CognitoIdentityClient::credentials(const QString &identityPoolId, const Logins &logins, QObject *context,
                                        std::function<void(const Result<Credentials> &)> done)
{
    getId(identityPoolId, logins, context, [this, logins, context, done](const Result<QString> &id) {
        if (!id)
            return done(id.error());
        getCredentialsForIdentity(*id, logins, context, done);
    });
}

QByteArray CognitoIdentityClient::credentialProcessJson(const Credentials &credentials)
{
    QJsonObject object{{QStringLiteral("Version"), 1},
                       {QStringLiteral("AccessKeyId"), credentials.accessKeyId},
                       {QStringLiteral("SecretAccessKey"), credentials.secretAccessKey},
                       {QStringLiteral("SessionToken"), credentials.sessionToken}};
    if (credentials.expiration.isValid())
        object.insert(QStringLiteral("Expiration"), credentials.expiration.toUTC().toString(Qt::ISODate));
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace Gatehouse::Core::Aws
