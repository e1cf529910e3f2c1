#include "commands.h"

#include "core/aws/credentialchain.h"
#include "core/aws/endpointresolver.h"
#include "core/aws/stsclient.h"
#include "core/requestspec.h"

#include <QCoreApplication>
#include <QTextStream>

namespace Gatehouse::App {

namespace {

struct WhoamiOptions
{
    QString profile;
    QString region;
    QString endpointUrl;
};

Core::Result<WhoamiOptions> parseWhoamiArguments(const QStringList &arguments)
{
    WhoamiOptions options;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        QString *target = arg == QLatin1String("--profile")        ? &options.profile
                          : arg == QLatin1String("--region")       ? &options.region
                          : arg == QLatin1String("--endpoint-url") ? &options.endpointUrl
                                                                   : nullptr;
        if (!target)
            return Core::makeError(Core::ErrorCode::InvalidArgument,
                                   QStringLiteral("unknown argument '%1'. Use --profile P, --region R, --endpoint-url URL.")
                                       .arg(arg));
        if (i + 1 >= arguments.size())
            return Core::makeError(Core::ErrorCode::InvalidArgument, QStringLiteral("%1 needs a value.").arg(arg));
        *target = arguments.at(++i);
    }
    return options;
}

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
    const Core::Result<QString> region = stsRegion(*options, env);
    const Core::Result<QUrl> endpoint = region ? stsEndpoint(*options, *region, env) : Core::Result<QUrl>(region.error());
    if (!endpoint) {
        err << "gatehouse whoami: " << endpoint.error().message << "\n";
        return ExitUsage;
    }
    Core::Aws::StsClient sts;
    Core::Aws::CredentialChainOptions chainOptions;
    chainOptions.profile = options->profile;
    chainOptions.environment = env;
    chainOptions.roleAssumer = &sts;
    const std::unique_ptr<Core::Aws::CredentialsProvider> credentials = Core::Aws::makeDefaultCredentialsChain(chainOptions);
    int exitCode = ExitFailure;
    sts.getCallerIdentity(credentials.get(), *region, *endpoint, &sts,
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
