#include "stsclient.h"

#include "awsclient.h"
#include "sigv4.h"

#include <QHash>
#include <QTimer>
#include <QXmlStreamReader>

namespace Gatehouse::Core::Aws {

namespace {

const QString DefaultRegion = QStringLiteral("us-east-1");

// Hands fixed credentials to an AwsCall; a child of the call, so it lives exactly as long.
class FixedCredentials : public QObject, public CredentialsProvider
{
public:
    FixedCredentials(Credentials credentials, QObject *parent)
        : QObject(parent), m_credentials(std::move(credentials))
    {
    }
    void resolve(QObject *, CredentialsCallback done) override { done(m_credentials); }
    QString describe() const override { return m_credentials.source; }

private:
    Credentials m_credentials;
};

using Parameters = QList<QPair<QByteArray, QString>>;

QByteArray formBody(const QByteArray &action, const Parameters &parameters)
{
    QByteArray body = "Action=" + action + "&Version=" + QByteArray(StsClient::ApiVersion);
    for (const auto &[name, value] : parameters)
        body += '&' + name + '=' + sigV4UriEncode(value.toUtf8(), false);
    return body;
}

AwsRequest stsRequest(const QByteArray &body, const QString &region, const QUrl &endpoint)
{
    AwsRequest request;
    request.service = QString::fromLatin1(StsClient::SigningName);
    request.region = region.isEmpty() ? DefaultRegion : region;
    request.endpoint = endpoint.isEmpty() ? StsClient::defaultEndpoint(request.region) : endpoint;
    request.method = "POST";
    request.path = "/";
    request.headers.add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    request.body = body;
    request.protocol = AwsProtocol::Query;
    return request;
}

// The text of every leaf element under the root, keyed by its path below the root
// ("AssumeRoleResult/Credentials/AccessKeyId").
Result<QHash<QString, QString>> readLeaves(const QByteArray &xml, const QString &rootName)
{
    QXmlStreamReader reader(xml);
    QHash<QString, QString> leaves;
    QStringList path;
    QString text;
    while (!reader.atEnd()) {
        const QXmlStreamReader::TokenType token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            if (path.isEmpty() && reader.name() != rootName)
                return makeError(ErrorCode::Protocol,
                                 QStringLiteral("STS answered <%1> where <%2> was expected.")
                                     .arg(reader.name().toString(), rootName));
            path.append(reader.name().toString());
            text.clear();
        } else if (token == QXmlStreamReader::Characters) {
            text += reader.text();
        } else if (token == QXmlStreamReader::EndElement && !path.isEmpty()) {
            if (path.size() > 1)
                leaves.insert(path.mid(1).join(QLatin1Char('/')), text.trimmed());
            path.removeLast();
            text.clear();
        }
    }
    if (reader.hasError())
        return makeError(ErrorCode::Protocol,
                         QStringLiteral("STS answered XML that does not parse (line %1): %2")
                             .arg(reader.lineNumber())
                             .arg(reader.errorString()));
    return leaves;
}

Error missing(const QString &what)
{
    return makeError(ErrorCode::Protocol, QStringLiteral("STS answered without %1.").arg(what));
}

template<typename T>
void reportLater(QObject *context, std::function<void(const Result<T> &)> done, Result<T> result)
{
    QTimer::singleShot(0, context, [done = std::move(done), result = std::move(result)] { done(result); });
}

} // namespace

StsClient::StsClient(QObject *parent) : QObject(parent), m_client(new AwsClient(this)) {}

StsClient::~StsClient() = default;

QUrl StsClient::defaultEndpoint(const QString &region)
{
    const QString name = region.isEmpty() ? DefaultRegion : region;
    const QString suffix = name.startsWith(QLatin1String("cn-")) ? QStringLiteral("amazonaws.com.cn")
                                                                 : QStringLiteral("amazonaws.com");
    return QUrl(QStringLiteral("https://sts.%1.%2").arg(name, suffix));
}

void StsClient::getCallerIdentity(CredentialsProvider *credentials, const QString &region, const QUrl &endpoint,
                                  QObject *context, std::function<void(const Core::Result<CallerIdentity> &)> done)
{
    AwsCall *call = m_client->call(stsRequest(formBody("GetCallerIdentity", {}), region, endpoint), credentials);
    connect(call, &AwsCall::finished, context ? context : this,
            [done = std::move(done)](const Result<HttpClientResponse> &result) {
                if (!result) {
                    Error error = result.error();
                    error.message = QStringLiteral("STS GetCallerIdentity failed: %1").arg(error.message);
                    done(error);
                    return;
                }
                done(parseCallerIdentity(result->body));
            });
}

void StsClient::assumeRole(const Credentials &source, const AssumeRoleParams &params, QObject *context,
                           CredentialsCallback done)
{
    QObject *receiver = context ? context : this;
    if (params.roleArn.isEmpty()) {
        reportLater<Credentials>(receiver, std::move(done),
                                 makeError(ErrorCode::InvalidArgument, QStringLiteral("AssumeRole needs a role ARN.")));
        return;
    }
    const QString sessionName = params.roleSessionName.isEmpty()
                                    ? QStringLiteral("gatehouse-session-%1").arg(QDateTime::currentSecsSinceEpoch())
                                    : params.roleSessionName;
    Parameters parameters = {{"RoleArn", params.roleArn}, {"RoleSessionName", sessionName}};
    if (params.durationSeconds > 0)
        parameters.append({"DurationSeconds", QString::number(params.durationSeconds)});
    if (!params.externalId.isEmpty())
        parameters.append({"ExternalId", params.externalId});

    const AwsRequest request = stsRequest(formBody("AssumeRole", parameters), params.region, params.endpoint);
    auto *provider = new FixedCredentials(source, nullptr);
    AwsCall *call = m_client->call(request, provider);
    provider->setParent(call);
    connect(call, &AwsCall::finished, receiver,
            [done = std::move(done), roleArn = params.roleArn](const Result<HttpClientResponse> &result) {
                if (!result) {
                    Error error = result.error();
                    error.message = QStringLiteral("STS AssumeRole for %1 failed: %2").arg(roleArn, error.message);
                    done(error);
                    return;
                }
                done(parseAssumeRole(result->body, roleArn));
            });
}

Result<CallerIdentity> StsClient::parseCallerIdentity(const QByteArray &xml)
{
    const Result<QHash<QString, QString>> leaves = readLeaves(xml, QStringLiteral("GetCallerIdentityResponse"));
    if (!leaves)
        return leaves.error();
    const QString prefix = QStringLiteral("GetCallerIdentityResult/");
    CallerIdentity identity;
    identity.account = leaves->value(prefix + QStringLiteral("Account"));
    identity.arn = leaves->value(prefix + QStringLiteral("Arn"));
    identity.userId = leaves->value(prefix + QStringLiteral("UserId"));
    if (identity.arn.isEmpty() || identity.account.isEmpty())
        return missing(QStringLiteral("an Arn and an Account in GetCallerIdentityResult"));
    return identity;
}

Result<Credentials> StsClient::parseAssumeRole(const QByteArray &xml, const QString &roleArn)
{
    const Result<QHash<QString, QString>> leaves = readLeaves(xml, QStringLiteral("AssumeRoleResponse"));
    if (!leaves)
        return leaves.error();
    const QString prefix = QStringLiteral("AssumeRoleResult/Credentials/");
    Credentials credentials;
    credentials.accessKeyId = leaves->value(prefix + QStringLiteral("AccessKeyId"));
    credentials.secretAccessKey = leaves->value(prefix + QStringLiteral("SecretAccessKey"));
    credentials.sessionToken = leaves->value(prefix + QStringLiteral("SessionToken"));
    const QString expiration = leaves->value(prefix + QStringLiteral("Expiration"));
    credentials.expiration = QDateTime::fromString(expiration, Qt::ISODateWithMs).toUTC();
    credentials.source = QStringLiteral("assumed role %1").arg(roleArn);
    if (!credentials.isComplete() || credentials.sessionToken.isEmpty())
        return missing(QStringLiteral("complete Credentials (AccessKeyId, SecretAccessKey, SessionToken)"));
    if (!credentials.expiration.isValid())
        return makeError(ErrorCode::Protocol,
                         QStringLiteral("STS answered an Expiration that is not an ISO 8601 time: \"%1\".").arg(expiration));
    return credentials;
}

} // namespace Gatehouse::Core::Aws
