#include "commands.h"

#include "core/aws/credentialchain.h"
#include "core/aws/endpointresolver.h"
#include "core/aws/stsclient.h"
#include "core/requestspec.h"
#include "core/target.h"

#include <QCoreApplication>
#include <QTextStream>

namespace Gatehouse::App {

namespace {

struct WhoamiOptions
{
    QString profile;
    QString region;
    QString endpointUrl;
    QString target; // emulator, a URL, or profile:NAME
};

// Where --target emulator goes unless --endpoint-url says otherwise: the GUI's default port.
const char *const DefaultEmulatorUrl = "http://127.0.0.1:4577";

Core::Result<WhoamiOptions> parseWhoamiArguments(const QStringList &arguments)
{
    WhoamiOptions options;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        QString *target = arg == QLatin1String("--profile")        ? &options.profile
                          : arg == QLatin1String("--region")       ? &options.region
                          : arg == QLatin1String("--endpoint-url") ? &options.endpointUrl
                          : arg == QLatin1String("--target")       ? &options.target
                                                                   : nullptr;
        if (!target)
            return Core::makeError(Core::ErrorCode::InvalidArgument,
                                   QStringLiteral("unknown argument '%1'. Use --profile P, --region R, --endpoint-url URL, "
                                                  "--target emulator|URL|profile:NAME.")
                                       .arg(arg));
        if (i + 1 >= arguments.size())
            return Core::makeError(Core::ErrorCode::InvalidArgument, QStringLiteral("%1 needs a value.").arg(arg));
        *target = arguments.at(++i);
    }
    if (!options.target.isEmpty() && !options.profile.isEmpty())
        return Core::makeError(Core::ErrorCode::InvalidArgument,
                               QStringLiteral("use --target profile:NAME or --profile NAME, not both."));
    return options;
}

Core::Result<Core::Target> targetFor(const WhoamiOptions &options)
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

// Region, STS endpoint and credentials, all from the target (--region and, except for the
// emulator, whose base URL it sets, --endpoint-url still override).
struct WhoamiPlan
{
    QString region;
    QUrl endpoint;
    std::unique_ptr<Core::Aws::CredentialsProvider> credentials;
};

// The region STS is called in: --region, else the SDK's resolution, else us-east-1 (where
// the SDKs send STS calls when nothing names a region).
Core::Result<QString> stsRegion(const WhoamiOptions &options, const QProcessEnvironment &env)
{
    if (!options.region.isEmpty())
        return options.region;
    const Core::Result<QString> region = Core::Aws::resolveRegion(options.profile, env);
    if (region)
        return region;
    if (env.contains(QStringLiteral("AWS_REGION")) || env.contains(QStringLiteral("AWS_DEFAULT_REGION")))
        return region.error();
    return QStringLiteral("us-east-1");
}

Core::Result<QUrl> stsEndpoint(const WhoamiOptions &options, const QString &region, const QProcessEnvironment &env)
{
    if (!options.endpointUrl.isEmpty())
        return Core::parseRequestUrl(options.endpointUrl);
    return Core::Aws::resolveEndpoint(QStringLiteral("sts"), region, options.profile, env);
}

Core::Result<WhoamiPlan> targetPlan(const WhoamiOptions &options, const QProcessEnvironment &env,
                                    Core::Aws::RoleAssumer *assumer)
{
    const Core::Result<Core::Target> target = targetFor(options);
    if (!target)
        return target.error();
    WhoamiPlan plan;
    const Core::Result<QString> region =
        options.region.isEmpty() ? target->regionFor(env) : Core::Result<QString>(options.region);
    if (!region)
        return region.error();
    plan.region = *region;
    const bool endpointGiven = !options.endpointUrl.isEmpty() && target->kind() != Core::Target::Kind::Emulator;
    const Core::Result<QUrl> endpoint = endpointGiven ? Core::parseRequestUrl(options.endpointUrl)
                                                      : target->endpointFor(QStringLiteral("sts"), plan.region, env);
    if (!endpoint)
        return endpoint.error();
    plan.endpoint = *endpoint;
    plan.credentials = target->makeCredentialsProvider(env, assumer);
    return plan;
}

Core::Result<WhoamiPlan> planFor(const WhoamiOptions &options, const QProcessEnvironment &env,
                                 Core::Aws::RoleAssumer *assumer)
{
    if (!options.target.isEmpty())
        return targetPlan(options, env, assumer);
    WhoamiPlan plan;
    const Core::Result<QString> region = stsRegion(options, env);
    if (!region)
        return region.error();
    plan.region = *region;
    const Core::Result<QUrl> endpoint = stsEndpoint(options, plan.region, env);
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

int exitCodeFor(const Core::Error &error)
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

} // namespace

int runWhoamiCommand(const QStringList &arguments)
{
    QTextStream err(stderr);
    const Core::Result<WhoamiOptions> options = parseWhoamiArguments(arguments);
    if (!options) {
        err << "gatehouse whoami: " << options.error().message << "\n";
        return ExitUsage;
    }
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    Core::Aws::StsClient sts;
    const Core::Result<WhoamiPlan> plan = planFor(*options, env, &sts);
    if (!plan) {
        err << "gatehouse whoami: " << plan.error().message << "\n";
        return ExitUsage;
    }
    int exitCode = ExitFailure;
    sts.getCallerIdentity(plan->credentials.get(), plan->region, plan->endpoint, &sts,
                          [&](const Core::Result<Core::Aws::CallerIdentity> &identity) {
        QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
        if (!identity) {
            err << "gatehouse whoami: " << identity.error().message << "\n";
            exitCode = exitCodeFor(identity.error());
            return;
        }
        QTextStream(stdout) << "Account: " << identity->account << "\nArn:     " << identity->arn
                            << "\nUserId:  " << identity->userId << "\n";
        exitCode = ExitOk;
    });
    QCoreApplication::exec();
    return exitCode;
}

} // namespace Gatehouse::App
