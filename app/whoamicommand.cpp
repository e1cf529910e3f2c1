#include "commands.h"

#include "awstargetoptions.h"

#include "core/aws/stsclient.h"

#include <QCoreApplication>
#include <QTextStream>

namespace Gatehouse::App {

namespace {

Core::Result<AwsTargetOptions> parseWhoamiArguments(const QStringList &arguments)
{
    AwsTargetOptions options;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const Core::Result<bool> taken = takeAwsTargetOption(options, arguments, i);
        if (!taken)
            return taken.error();
        if (!*taken)
            return Core::makeError(Core::ErrorCode::InvalidArgument,
                                   QStringLiteral("unknown argument '%1'. Use --profile P, --region R, --endpoint-url URL, "
                                                  "--target emulator|URL|profile:NAME.")
                                       .arg(arguments.at(i)));
    }
    const Core::Result<void> checked = checkAwsTargetOptions(options);
    if (!checked)
        return checked.error();
    return options;
}

} // namespace

int runWhoamiCommand(const QStringList &arguments)
{
    QTextStream err(stderr);
    const Core::Result<AwsTargetOptions> options = parseWhoamiArguments(arguments);
    if (!options) {
        err << "gatehouse whoami: " << options.error().message << "\n";
        return ExitUsage;
    }
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    Core::Aws::StsClient sts;
    // us-east-1 when nothing names a region: where the SDKs send STS calls then.
    const Core::Result<AwsTargetPlan> plan =
        planAwsTarget(QStringLiteral("sts"), *options, env, &sts, QStringLiteral("us-east-1"));
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
            exitCode = exitCodeForAwsError(identity.error());
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
