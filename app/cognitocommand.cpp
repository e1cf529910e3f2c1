#include "commands.h"

#include "core/aws/cognitoidentityclient.h"
#include "core/httpclient.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

namespace Gatehouse::App {

namespace {

struct CognitoOptions
{
    QString action;
    QString identityPool;
    QString region;
    QString endpointUrl;
    QString userPool;
    QString idToken; // "-": read from stdin
};

const char *const Usage =
    "Use 'gatehouse cognito credentials --identity-pool REGION:GUID [--user-pool POOL_ID --id-token TOKEN|-] "
    "[--region R] [--endpoint-url URL]'.";

Core::Result<CognitoOptions> parse(const QStringList &arguments)
{
    CognitoOptions options;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (!arg.startsWith(QLatin1String("--"))) {
            if (!options.action.isEmpty())
                return usageError(QStringLiteral("unexpected argument '%1'. %2").arg(arg, QLatin1String(Usage)));
            options.action = arg;
            continue;
        }
        if (i + 1 >= arguments.size())
            return usageError(QStringLiteral("%1 needs a value. %2").arg(arg, QLatin1String(Usage)));
        const QString value = arguments.at(++i);
        if (arg == QLatin1String("--identity-pool"))
            options.identityPool = value;
        else if (arg == QLatin1String("--region"))
            options.region = value;
        else if (arg == QLatin1String("--endpoint-url"))
            options.endpointUrl = value;
        else if (arg == QLatin1String("--user-pool"))
            options.userPool = value;
        else if (arg == QLatin1String("--id-token"))
            options.idToken = value;
        else
            return usageError(QStringLiteral("unknown option '%1'. %2").arg(arg, QLatin1String(Usage)));
    }
    if (options.action != QLatin1String("credentials"))
        return usageError(QString::fromLatin1(Usage));
    if (options.identityPool.isEmpty())
        return usageError(QStringLiteral("--identity-pool is required. %1").arg(QLatin1String(Usage)));
    if (options.userPool.isEmpty() != options.idToken.isEmpty())
        return usageError(QStringLiteral("--user-pool and --id-token go together: the ID token of a user of that pool."));
    // The identity pool id starts with its region, as AWS writes it: us-east-1:GUID.
    if (options.region.isEmpty())
        options.region = options.identityPool.section(QLatin1Char(':'), 0, 0);
    return options;
}

} // namespace

int runCognitoCommand(const QStringList &arguments)
{
    QTextStream err(stderr);
    Core::Result<CognitoOptions> options = parse(arguments);
    if (!options) {
        err << "gatehouse cognito: " << options.error().message << "\n";
        return ExitUsage;
    }
    if (options->idToken == QLatin1String("-")) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            err << "gatehouse cognito: could not read the ID token from standard input.\n";
            return ExitUsage;
        }
        options->idToken = QString::fromUtf8(in.readAll()).trimmed();
    }
    Core::Aws::CognitoIdentityClient::Logins logins;
    if (!options->userPool.isEmpty())
        logins.insert(Core::Aws::CognitoIdentityClient::userPoolProvider(options->region, options->userPool),
                      options->idToken);
    Core::HttpClient http;
    Core::Aws::CognitoIdentityClient client(&http, options->region, QUrl(options->endpointUrl));
    int exitCode = ExitFailure;
    client.credentials(options->identityPool, logins, &client, [&](const Core::Result<Core::Aws::Credentials> &credentials) {
        QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
        if (!credentials) {
            err << "gatehouse cognito credentials: " << credentials.error().message << "\n";
            exitCode = credentials.error().code == Core::ErrorCode::Service    ? ExitHttpError
                       : credentials.error().code == Core::ErrorCode::InvalidArgument ? ExitUsage
                                                                                      : ExitTransport;
            return;
        }
        // The credential_process format, so `credential_process = gatehouse cognito credentials ...`
        // in ~/.aws/config lets every AWS tool use the identity pool's credentials.
        QTextStream(stdout) << Core::Aws::CognitoIdentityClient::credentialProcessJson(*credentials) << "\n";
        exitCode = ExitOk;
    });
    QCoreApplication::exec();
    return exitCode;
}

} // namespace Gatehouse::App
