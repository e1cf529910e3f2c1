#pragma once

#include "core/aws/credentialsprovider.h"
#include "core/result.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace Gatehouse::App {

// --profile, --region, --endpoint-url and --target as every AWS command of the CLI takes
// them, so whoami, lambda and later commands pick endpoint, region and keys the same way.
struct AwsTargetOptions
{
    QString profile;
    QString region;
    QString endpointUrl;
    QString target; // emulator, a URL, or profile:NAME
};

// Where one service's calls go, in which region, with which keys.
struct AwsTargetPlan
{
    QString region;
    QUrl endpoint;
    std::unique_ptr<Core::Aws::CredentialsProvider> credentials;
};

// When arguments[i] is one of the four options, stores its value, moves i onto the value and
// answers true; false for any other argument; an error when the value is missing.
Core::Result<bool> takeAwsTargetOption(AwsTargetOptions &options, const QStringList &arguments, qsizetype &i);
// --target and --profile together are refused.
Core::Result<void> checkAwsTargetOptions(const AwsTargetOptions &options);
// The target's region (--region overrides), endpoint for `service` (--endpoint-url overrides,
// except for the emulator whose base URL it is) and credentials; without --target the SDKs'
// resolution for --profile, with fallbackRegion when nothing names a region (empty: an error).
Core::Result<AwsTargetPlan> planAwsTarget(const QString &service, const AwsTargetOptions &options,
                                          const QProcessEnvironment &env, Core::Aws::RoleAssumer *assumer,
                                          const QString &fallbackRegion);
// ExitTransport for answers that never came, ExitHttpError for service errors, else ExitFailure.
int exitCodeForAwsError(const Core::Error &error);

} // namespace Gatehouse::App
