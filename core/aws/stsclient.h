#pragma once

#include "core/aws/credentials.h"
#include "core/aws/credentialsprovider.h"
#include "core/result.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

namespace Gatehouse::Core::Aws {

class AwsClient;

// Who the credentials belong to, as STS GetCallerIdentity says.
struct CallerIdentity
{
    QString account; // 12 digits
    QString arn;     // arn:aws:iam::123456789012:user/Alice, arn:aws:sts::...:assumed-role/...
    QString userId;
};

// Talks to AWS STS (query protocol, version 2011-06-15): who am I, and role assumption for
// role_arn profiles. Reports each result once on the caller's context object.
class StsClient : public QObject, public RoleAssumer
{
    Q_OBJECT

public:
    static constexpr char ApiVersion[] = "2011-06-15";
    static constexpr char SigningName[] = "sts";

    explicit StsClient(QObject *parent = nullptr);
    ~StsClient() override;

    // region empty: us-east-1. endpoint empty: https://sts.<region>.amazonaws.com (or
    // .amazonaws.com.cn for cn- regions). credentials must outlive the call.
    void getCallerIdentity(CredentialsProvider *credentials, const QString &region, const QUrl &endpoint,
                           QObject *context, std::function<void(const Core::Result<CallerIdentity> &)> done);
    // Credentials with the expiration STS gives and source "assumed role <arn>". An empty
    // roleSessionName becomes "gatehouse-session-<unix time>", as the SDKs make one up.
    void assumeRole(const Credentials &source, const AssumeRoleParams &params, QObject *context,
                    CredentialsCallback done) override;

    AwsClient *awsClient() const { return m_client; }

    // The STS endpoint for a region when nothing else is configured.
    static QUrl defaultEndpoint(const QString &region);
    // Answer documents (<GetCallerIdentityResponse>, <AssumeRoleResponse>) to values.
    static Core::Result<CallerIdentity> parseCallerIdentity(const QByteArray &xml);
    static Core::Result<Credentials> parseAssumeRole(const QByteArray &xml, const QString &roleArn);

private:
    AwsClient *m_client;
};

} // namespace Gatehouse::Core::Aws
