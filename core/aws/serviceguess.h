#pragma once

#include <QString>
#include <QUrl>

namespace Gatehouse::Core::Aws {

// The SigV4 service name and region a URL's host implies, so a person who pastes an AWS or
// emulator URL does not have to know that API Gateway signs as "execute-api".
struct ServiceGuess
{
    QString service; // empty when the host says nothing
    QString region;  // empty when the host says nothing
    bool emulator = false; // the URL addresses the embedded emulator (loopback)

    bool isKnown() const { return !service.isEmpty(); }
};

// The region the emulator signs and answers in.
inline constexpr char EmulatorRegion[] = "us-east-1";

// Reads <id>.execute-api.<region>.amazonaws.com, lambda.<region>..., <id>.appsync-api.<region>...,
// cognito-idp.<region>..., sts[.<region>]..., other <service>.<region>.amazonaws.com[.cn] hosts
// (with -fips / dualstack variants), and the emulator's hosts (*.execute-api.localhost,
// /_aws/execute-api/ paths, the Lambda control plane on loopback). Any loopback host is taken
// for the emulator: region us-east-1, the service only when the path tells it.
ServiceGuess guessService(const QUrl &url);

// True for a region name such as us-east-1, eu-central-2, us-gov-west-1, cn-north-1.
bool looksLikeRegion(const QString &text);

} // namespace Gatehouse::Core::Aws
