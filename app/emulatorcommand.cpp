#include "commands.h"
#include "unixsignalwatcher.h"

#include "core/emulator/emulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QRegularExpression>
#include <QTextStream>

namespace Gatehouse::App {

namespace {

QString describeForTerminal(const Core::EmulatorInfo &info)
{
    QString out;
    QTextStream s(&out);
    s << "Gatehouse emulator listening on " << info.baseUrl << "\n";
    if (!info.labName.isEmpty())
        s << "Lab: " << info.labName << " (" << QDir::toNativeSeparators(info.labDirectory) << ")\n";
    s << "Region " << info.region << ", account " << info.accountId << "\n";
    s << "AWS APIs (Lambda, STS, Cognito user and identity pools, DynamoDB) at " << info.baseUrl
      << ": sign with access key 'test', secret 'test'\n";
    for (const QString &fn : info.functions)
        s << "Function " << fn << "\n";
    for (const Core::EmulatorApiInfo &api : info.apis) {
        if (api.kind == QLatin1String("GraphQL API")) {
            // AppSync: one URL for queries and mutations, one for subscriptions; its auth modes
            // travel in `stage`, and its resolvers and real-time endpoint as routes.
            s << "\n" << api.kind << " " << api.name << " (id " << api.apiId << ", auth " << api.stage << ")\n";
            s << "  POST: " << api.pathStyleUrl << "\n  host style: " << api.hostStyleUrl << "\n";
            for (const Core::EmulatorRouteInfo &r : api.routes) {
                if (r.functionName.isEmpty() && r.url.startsWith(QLatin1String("ws")))
                    s << "  real-time: " << r.url << "\n";
                else
                    s << "  resolver " << r.routeKey << "  ->  " << (r.target.isEmpty() ? r.functionName : r.target)
                      << "\n";
            }
            for (const Core::EmulatorApiKeyInfo &k : api.apiKeys)
                s << "  API key " << k.name << ": x-api-key: " << k.value << "\n";
            continue;
        }
        s << "\n" << api.kind << " " << api.name << " (id " << api.apiId << ", stage "
          << api.stage << ")\n";
        if (api.kind == QLatin1String("WebSocket API")) {
            // One URL to connect to; @connections is the same path over HTTP.
            s << "  connect: " << api.pathStyleUrl << "\n";
            s << "  host style: " << api.hostStyleUrl << "\n";
            s << "  @connections: http" << api.pathStyleUrl.mid(2) << "/@connections/<connectionId>\n";
            for (const Core::EmulatorRouteInfo &r : api.routes)
                s << "  " << r.routeKey << "  ->  " << r.functionName << "\n";
            continue;
        }
        s << "  path style: " << api.pathStyleUrl << "/<path>\n";
        s << "  host style: " << api.hostStyleUrl << "/<path>\n";
        if (!api.stageVariables.isEmpty())
            s << "  stage variables: " << api.stageVariables.join(QStringLiteral(", ")) << "\n";
        for (const Core::EmulatorRouteInfo &r : api.routes)
            s << "  " << r.routeKey << "  ->  " << r.functionName << (r.apiKeyRequired ? "  (needs x-api-key)" : "")
              << (r.authorization.isEmpty() ? QString() : QStringLiteral("  [") + r.authorization + QLatin1Char(']'))
              << (r.throttle.isEmpty() ? QString() : QStringLiteral("  (throttled: ") + r.throttle + QLatin1Char(')'))
              << "\n      " << r.url << "\n";
        // Lab keys, printed in full: the learner has to send one.
        for (const Core::EmulatorApiKeyInfo &k : api.apiKeys)
            s << "  API key " << k.name << " (usage plan " << k.usagePlan
              << (k.limits.isEmpty() ? QString() : QStringLiteral(": ") + k.limits) << "): x-api-key: " << k.value << "\n";
    }
    for (const Core::EmulatorUserPoolInfo &pool : info.userPools) {
        s << "\nCognito user pool " << pool.name << " (id " << pool.poolId << ")\n";
        s << "  issuer: " << pool.issuer << "  (JWKS: " << pool.issuer << "/.well-known/jwks.json)\n";
        for (const Core::EmulatorAppClientInfo &client : pool.clients)
            s << "  app client " << client.name << ": " << client.clientId
              << (client.clientSecret.isEmpty() ? "" : " (with a secret)") << "\n";
        if (!pool.clients.isEmpty())
            s << "  sign in: gatehouse cognito login --pool " << pool.poolId << " --client " << pool.clients.at(0).clientId
              << " --user NAME --srp --endpoint-url " << info.baseUrl << "\n";
    }
    for (const Core::EmulatorIdentityPoolInfo &pool : info.identityPools) {
        s << "\nCognito identity pool " << pool.name << " (id " << pool.identityPoolId << ")\n";
        for (const QString &login : pool.providers)
            s << "  login: " << login.section(QLatin1Char(' '), 0, 0) << " (app client " << login.section(QLatin1Char(' '), 1)
              << ")\n";
        s << "  authenticated role: " << (pool.authenticatedRoleArn.isEmpty() ? QStringLiteral("none") : pool.authenticatedRoleArn)
          << "\n  guests: "
          << (!pool.allowUnauthenticated                ? QStringLiteral("not allowed")
              : pool.unauthenticatedRoleArn.isEmpty() ? QStringLiteral("allowed, but no role attached")
                                                      : QStringLiteral("allowed, role ") + pool.unauthenticatedRoleArn)
          << "\n";
        if (!pool.providers.isEmpty())
            s << "  credentials: gatehouse cognito credentials --identity-pool " << pool.identityPoolId << " --user-pool "
              << pool.providers.at(0).section(QLatin1Char(' '), 0, 0).section(QLatin1Char('/'), -1)
              << " --id-token - --endpoint-url " << info.baseUrl << "\n";
    }
    for (const Core::EmulatorTableInfo &table : info.tables) {
        s << "\nDynamoDB table " << table.name << ": " << table.keySchema << ", " << table.itemCount << " items\n";
        for (const QString &index : table.indexes)
            s << "  index " << index << "\n";
        s << "  aws dynamodb scan --table-name " << table.name << " --endpoint-url " << info.baseUrl << "\n";
    }
    for (const QString &w : info.warnings)
        s << "warning: " << w << "\n";
    s << "\nPress Ctrl+C to stop.\n";
    return out;
}

QString describeInvocation(const Core::InvocationRecord &r)
{
    QString line = QStringLiteral("%1  %2  %3  %4 ms  %5")
                       .arg(QDateTime::fromMSecsSinceEpoch(r.finishedAtMs).toString(QStringLiteral("HH:mm:ss.zzz")),
                            r.functionName, r.source, QString::number(r.durationMs, 'f', 1), r.status);
    if (!r.errorType.isEmpty())
        line += QStringLiteral("  %1: %2").arg(r.errorType, r.errorMessage);
    return line + QLatin1Char('\n');
}

} // namespace

int runEmulatorCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Run the embedded emulator until Ctrl+C."));
    parser.addHelpOption();
    const QCommandLineOption labOption(QStringLiteral("lab"), QStringLiteral("Lab folder (with template.yaml)."), QStringLiteral("DIR"));
    const QCommandLineOption portOption(QStringLiteral("port"), QStringLiteral("Port (default 4577; 0 picks a free one)."), QStringLiteral("N"), QStringLiteral("4577"));
    const QCommandLineOption regionOption(QStringLiteral("region"), QStringLiteral("The AWS region the emulator acts as (default us-east-1)."), QStringLiteral("REGION"), QStringLiteral("us-east-1"));
    const QCommandLineOption addressOption(QStringLiteral("address"), QStringLiteral("Loopback address to bind (default 127.0.0.1)."), QStringLiteral("ADDR"), QStringLiteral("127.0.0.1"));
    parser.addOptions({labOption, portOption, regionOption, addressOption});
    QTextStream err(stderr);
    QTextStream out(stdout);
    if (!parser.parse(QStringList{QStringLiteral("gatehouse emulator")} + arguments)) {
        err << "gatehouse emulator: " << parser.errorText() << "\n";
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return ExitOk;
    }
    bool portOk = false;
    const uint port = parser.value(portOption).toUInt(&portOk);
    if (!portOk || port > 65535) {
        err << "gatehouse emulator: --port takes a number from 0 to 65535, not '"
            << parser.value(portOption) << "'.\n";
        return ExitUsage;
    }
    const QHostAddress address(parser.value(addressOption));
    if (address.isNull() || !address.isLoopback()) {
        err << "gatehouse emulator: --address must be a loopback address such as 127.0.0.1 "
               "or ::1; the emulator is for this machine only.\n";
        return ExitUsage;
    }

    Emulator::EmulatorOptions options;
    options.address = address;
    options.port = static_cast<quint16>(port);
    static const QRegularExpression regionShape(QStringLiteral("^[a-z]{2}(-[a-z]+)+-\\d+$"));
    if (!regionShape.match(parser.value(regionOption)).hasMatch()) {
        err << "gatehouse emulator: --region takes an AWS region such as us-east-1 or "
               "eu-west-1, not '"
            << parser.value(regionOption) << "'.\n";
        return ExitUsage;
    }
    options.region = parser.value(regionOption);
    if (parser.isSet(labOption)) {
        const QFileInfo lab(parser.value(labOption));
        if (!lab.isDir()) {
            err << "gatehouse emulator: lab folder '" << parser.value(labOption)
                << "' does not exist. Pass the folder that holds template.yaml.\n";
            return ExitUsage;
        }
        options.labDirectory = lab.absoluteFilePath();
    }

    Emulator::Emulator emulator(options);
    const Core::Result<Core::EmulatorInfo> started = emulator.start();
    if (!started) {
        err << "gatehouse emulator: " << started.error().message << "\n";
        return ExitFailure;
    }
    out << describeForTerminal(started.value());
    out.flush();
    QObject::connect(&emulator, &Emulator::Emulator::invocationFinished, &emulator,
                     [&err](const Core::InvocationRecord &r) {
                         err << describeInvocation(r);
                         err.flush();
                     });
    UnixSignalWatcher watcher;
    QObject::connect(&watcher, &UnixSignalWatcher::terminationRequested, &emulator, [&](int) {
        emulator.stop();
        out << "Emulator stopped.\n";
        out.flush();
        QCoreApplication::quit();
    });
    return QCoreApplication::exec();
}

} // namespace Gatehouse::App
