#include "awstargetoptions.h"

#include "commands.h"

#include "core/aws/credentialchain.h"
#include "core/aws/endpointresolver.h"
#include "core/requestspec.h"
#include "core/target.h"

namespace Gatehouse::App {

namespace {

// Where --target emulator goes unless --endpoint-url says otherwise: the GUI's default port.
const char *const DefaultEmulatorUrl = "http://127.0.0.1:4577";

Core::Result<Core::Target> targetFor(const AwsTargetOptions &options)
{
    const QString &text = options.target;
    if (text == QLatin1String("emulator")) {
        const QString url = options.endpointUrl.isEmpty() ? QLatin1String(DefaultEmulatorUrl) : options.endpointUrl;
        const Core::Result<QUrl> endpoint = Core::validateEndpoint(url);
        if (!endpoint)
            return endpoint.error();
        return Core::Target::emulator(*endpoint);
    }
    if (text.startsWith(QLatin1String("profile:"))) {
        if (text.size() == 8)
            return Core::makeError(Core::ErrorCode::InvalidArgument,
                                   QStringLiteral("--target profile: needs a profile name, e.g. profile:dev."));
        return Core::Target::awsProfile(text.mid(8), QString());
    }
    const Core::Result<QUrl> endpoint = Core::validateEndpoint(text);
    if (!endpoint)
        return Core::makeError(Core::ErrorCode::InvalidArgument,
                               QStringLiteral("--target takes emulator, a URL or profile:NAME. %1")
                                   .arg(endpoint.error().message));
    return Core::Target::custom(*endpoint);
}

// --region, else the SDK's resolution, else fallbackRegion when nothing names one.
Core::Result<QString> regionFor(const AwsTargetOptions &options, const QProcessEnvironment &env,
                                const QString &fallbackRegion)
{
    if (!options.region.isEmpty())
        return options.region;
    const Core::Result<QString> region = Core::Aws::resolveRegion(options.profile, env);
    if (region)
        return region;
    if (fallbackRegion.isEmpty() || env.contains(QStringLiteral("AWS_REGION"))
        || env.contains(QStringLiteral("AWS_DEFAULT_REGION")))
        return region.error();
    return fallbackRegion;
}

Core::Result<AwsTargetPlan> targetPlan(const QString &service, const AwsTargetOptions &options,
                                       const QProcessEnvironment &env, Core::Aws::RoleAssumer *assumer)
{
    const Core::Result<Core::Target> target = targetFor(options);
    if (!target)
        return target.error();
    AwsTargetPlan plan;
    const Core::Result<QString> region =
        options.region.isEmpty() ? target->regionFor(env) : Core::Result<QString>(options.region);
    if (!region)
        return region.error();
    plan.region = *region;
    const bool endpointGiven = !options.endpointUrl.isEmpty() && target->kind() != Core::Target::Kind::Emulator;
    const Core::Result<QUrl> endpoint = endpointGiven ? Core::parseRequestUrl(options.endpointUrl)
                                                      : target->endpointFor(service, plan.region, env);
    if (!endpoint)
        return endpoint.error();
    plan.endpoint = *endpoint;
    plan.credentials = target->makeCredentialsProvider(env, assumer);
    return plan;
}

} // namespace

Core::Result<bool> takeAwsTargetOption(AwsTargetOptions &options, const QStringList &arguments, qsizetype &i)
{
    const QString &arg = arguments.at(i);
    QString *value = arg == QLatin1String("--profile")        ? &options.profile
                     : arg == QLatin1String("--region")       ? &options.region
                     : arg == QLatin1String("--endpoint-url") ? &options.endpointUrl
                     : arg == QLatin1String("--target")       ? &options.target
                                                              : nullptr;
    if (!value)
        return false;
    if (i + 1 >= arguments.size())
        return Core::makeError(Core::ErrorCode::InvalidArgument, QStringLiteral("%1 needs a value.").arg(arg));
    *value = arguments.at(++i);
    return true;
}

Core::Result<void> checkAwsTargetOptions(const AwsTargetOptions &options)
{
    if (!options.target.isEmpty() && !options.profile.isEmpty())
        return Core::makeError(Core::ErrorCode::InvalidArgument,
                               QStringLiteral("use --target profile:NAME or --profile NAME, not both."));
    return {};
}

Core::Result<AwsTargetPlan> planAwsTarget(const QString &service, const AwsTargetOptions &options,
                                          const QProcessEnvironment &env, Core::Aws::RoleAssumer *assumer,
                                          const QString &fallbackRegion)
{
    if (!options.target.isEmpty())
        return targetPlan(service, options, env, assumer);
    AwsTargetPlan plan;
    const Core::Result<QString> region = regionFor(options, env, fallbackRegion);
    if (!region)
        return region.error();
    plan.region = *region;
    const Core::Result<QUrl> endpoint = options.endpointUrl.isEmpty()
                                            ? Core::Aws::resolveEndpoint(service, plan.region, options.profile, env)
                                            : Core::parseRequestUrl(options.endpointUrl);
    if (!endpoint)
        return endpoint.error();
    plan.endpoint = *endpoint;
    Core::Aws::CredentialChainOptions chainOptions;
    chainOptions.profile = options.profile;
    chainOptions.environment = env;
    chainOptions.roleAssumer = assumer;
    plan.credentials = Core::Aws::makeDefaultCredentialsChain(chainOptions);
    return plan;
}

int exitCodeForAwsError(const Core::Error &error)
{
    switch (error.code) {
    case Core::ErrorCode::HostNotFound:
    case Core::ErrorCode::ConnectionRefused:
    case Core::ErrorCode::ConnectionClosed:
    case Core::ErrorCode::Tls:
    case Core::ErrorCode::Timeout:
        return ExitTransport;
    default:
        return error.httpStatus >= 400 ? ExitHttpError : ExitFailure;
    }
}

} // namespace Gatehouse::App
