#pragma once

#include "awsauthenticator.h"
#include "core/httpmessage.h"

#include <QDateTime>
#include <QHash>
#include <QString>

namespace Gatehouse::Emulator {

// AWS STS (query protocol, API version 2011-06-15) in the emulator: GetCallerIdentity and
// AssumeRole, so profiles with role_arn and `aws sts` commands work against it. Issued
// credentials are registered with the authenticator and sign later requests.
class StsService
{
public:
    static constexpr char ApiVersion[] = "2011-06-15";
    static constexpr int MinDurationSeconds = 900;
    static constexpr int MaxDurationSeconds = 43200;
    static constexpr int ChainedMaxDurationSeconds = 3600; // role chaining limit

    explicit StsService(AwsAuthenticator *authenticator);

    // True for a request to path "/" (not on an execute-api host) signed for the "sts"
    // service, or unsigned with Action and Version=2011-06-15 in its query or form body.
    static bool isStsRequest(const Core::HttpRequest &request);
    // Query parameters and form body fields, decoded ('+' is a space), body fields last.
    static QHash<QString, QString> parameters(const Core::HttpRequest &request);

    // Authenticates and answers one request; STS never needs to wait.
    Core::HttpResponse answer(const Core::HttpRequest &request,
                              const QDateTime &now = QDateTime::currentDateTimeUtc());

private:
    Core::HttpResponse getCallerIdentity(const AwsPrincipal &caller,
                                         const QByteArray &requestId) const;
    Core::HttpResponse assumeRole(const QHash<QString, QString> &params, const AwsPrincipal &caller,
                                  const QDateTime &now, const QByteArray &requestId);

    AwsAuthenticator *m_authenticator;
};

} // namespace Gatehouse::Emulator
