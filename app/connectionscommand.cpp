// gatehouse connections post|get|delete: API Gateway's @connections management API for
// WebSocket APIs, SigV4-signed (service execute-api), on AWS or the emulator; list: the
// emulator's own listing of open connections, which AWS does not have. The requests and the
// parsing of --api are Core::ConnectionsApi's, shared with the WebSocket console's server panel.
#include "commands.h"

#include "awstargetoptions.h"

#include "core/aws/awsclient.h"
#include "core/aws/stsclient.h"
#include "core/websocket/connectionsapi.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTextStream>
#include <QUrl>

namespace Gatehouse::App {

namespace {

struct ConnectionsOptions
{
    AwsTargetOptions target;
    QString action; // post, get, delete
    QString connectionId;
    QString api;   // an API id or a wss://, https://, ws://, http:// URL of the API's stage
    QString stage;
    QString data;
    bool hasData = false;
    QString dataFile;
};

const QStringList Actions = {QStringLiteral("post"), QStringLiteral("get"), QStringLiteral("delete"),
                             QStringLiteral("list")};

bool isList(const QString &action)
{
    return action == QLatin1String("list");
}

Core::Result<ConnectionsOptions> parseConnectionsArguments(const QStringList &arguments)
{
    ConnectionsOptions options;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const Core::Result<bool> target = takeAwsTargetOption(options.target, arguments, i);
        if (!target)
            return usageError(target.error().message);
        if (*target)
            continue;
        const QString &arg = arguments.at(i);
        if (arg == QLatin1String("--api") || arg == QLatin1String("--stage") || arg == QLatin1String("--data")
            || arg == QLatin1String("--data-file")) {
            if (i + 1 >= arguments.size())
                return usageError(QStringLiteral("%1 needs a value.").arg(arg));
            const QString value = arguments.at(++i);
            if (arg == QLatin1String("--api"))
                options.api = value;
            else if (arg == QLatin1String("--stage"))
                options.stage = value;
            else if (arg == QLatin1String("--data-file"))
                options.dataFile = value;
            else {
                options.data = value;
                options.hasData = true;
            }
            continue;
        }
        // Connection ids are base64url and may start with '-' (e.g. -TYd8QtsufIANcU=), so only
        // "--" words are options here.
        if (arg.startsWith(QLatin1String("--")))
            return usageError(QStringLiteral("unknown option '%1'.").arg(arg));
        if (options.action.isEmpty())
            options.action = arg;
        else if (options.connectionId.isEmpty())
            options.connectionId = arg;
        else
            return usageError(QStringLiteral("connections takes one connection id, not also '%1'.").arg(arg));
    }
    if (!Actions.contains(options.action))
        return usageError(QStringLiteral("connections needs one of %1.").arg(Actions.join(QStringLiteral(", "))));
    if (isList(options.action) && !options.connectionId.isEmpty())
        return usageError(QStringLiteral("connections list takes no connection id ('%1').").arg(options.connectionId));
    if (!isList(options.action) && options.connectionId.isEmpty())
        return usageError(QStringLiteral("connections %1 needs the connection id (the requestContext.connectionId "
                                         "of the $connect event).")
                              .arg(options.action));
    if (options.api.isEmpty())
        return usageError(QStringLiteral("connections needs --api with the API's id or its wss:// URL."));
    if (options.hasData && !options.dataFile.isEmpty())
        return usageError(QStringLiteral("use --data or --data-file, not both."));
    if (options.action != QLatin1String("post") && (options.hasData || !options.dataFile.isEmpty()))
        return usageError(QStringLiteral("only post sends data; drop --data/--data-file for %1.").arg(options.action));
    const Core::Result<void> checked = checkAwsTargetOptions(options.target);
    if (!checked)
        return usageError(checked.error().message);
    return options;
}

// --api as an id (with --stage) or as the URL a client connects to.
Core::Result<Core::ConnectionsEndpoint> managementBase(const ConnectionsOptions &options)
{
    static const QRegularExpression IdPattern(QStringLiteral("^[A-Za-z0-9_-]+$"));
    if (options.stage.isEmpty() && IdPattern.match(options.api).hasMatch())
        return usageError(QStringLiteral("--api %1 is an id: name its stage with --stage (e.g. production), or "
                                         "pass the wss:// URL instead.")
                              .arg(options.api));
    const Core::Result<Core::ConnectionsEndpoint> endpoint = Core::ConnectionsApi::parseEndpoint(options.api, options.stage);
    if (!endpoint)
        return usageError(QStringLiteral("--api: %1").arg(endpoint.error().message));
    return endpoint;
}

Core::Result<QByteArray> postData(const ConnectionsOptions &options)
{
    if (options.hasData)
        return options.data.toUtf8();
    QFile file;
    const bool opened = options.dataFile.isEmpty() ? file.open(stdin, QIODevice::ReadOnly)
                                                   : (file.setFileName(options.dataFile), file.open(QIODevice::ReadOnly));
    if (!opened)
        return usageError(QStringLiteral("cannot read the data file %1: %2").arg(options.dataFile, file.errorString()));
    return file.readAll();
}

// GetConnection's wire names (connectedAt, identity.sourceIp...) as the API model's member
// names (ConnectedAt, Identity.SourceIp...), which the AWS CLI and SDKs print: the output then
// reads the same whichever tool produced it. For this API the two differ only in the first letter.
QJsonValue memberValue(const QJsonValue &value);

QJsonObject memberNames(const QJsonObject &wire)
{
    QJsonObject members;
    for (auto it = wire.begin(); it != wire.end(); ++it) {
        const QString name = it.key().left(1).toUpper() + it.key().mid(1);
        members.insert(name, memberValue(it.value()));
    }
    return members;
}

QJsonValue memberValue(const QJsonValue &value)
{
    if (value.isObject())
        return memberNames(value.toObject());
    if (!value.isArray())
        return value;
    QJsonArray items;
    for (const QJsonValue &item : value.toArray())
        items.append(memberValue(item));
    return items;
}

// The error in words: a closed connection and refused keys are what people meet most.
QString describe(const Core::Error &error, const QString &connectionId)
{
    if (error.httpStatus == 410)
        return QStringLiteral("connection %1 is gone (closed) (GoneException).").arg(connectionId);
    if (error.httpStatus == 403)
        return QStringLiteral("%1 (HTTP 403): the signature or credentials were refused. Check that the keys "
                              "(--profile, AWS_ACCESS_KEY_ID, or the lab's keys for the emulator) may call "
                              "execute-api:ManageConnections on this API and that --region is the API's region.")
            .arg(error.awsCode.isEmpty() ? error.message : error.awsCode + QStringLiteral(": ") + error.message);
    const bool named = error.awsCode.isEmpty() || error.message.contains(error.awsCode);
    return (named ? QString() : error.awsCode + QStringLiteral(": ")) + error.message;
}

} // namespace

int runConnectionsCommand(const QStringList &arguments)
{
    QTextStream err(stderr);
    const Core::Result<ConnectionsOptions> options = parseConnectionsArguments(arguments);
    if (!options) {
        err << "gatehouse connections: " << options.error().message << "\n";
        return ExitUsage;
    }
    const Core::Result<Core::ConnectionsEndpoint> base = managementBase(*options);
    if (!base) {
        err << "gatehouse connections: " << base.error().message << "\n";
        return ExitUsage;
    }
    const bool list = isList(options->action);
    AwsTargetOptions target = options->target;
    // AWS keeps no list of a WebSocket API's connections: only the emulator can answer list.
    const bool atEmulator = base->isEmulator() || target.target == QLatin1String("emulator")
                            || (!target.endpointUrl.isEmpty() && target.target.isEmpty());
    if (list && !atEmulator) {
        err << "gatehouse connections list: AWS has no API that lists a WebSocket API's connections. Keep the "
               "ids your $connect handler receives (event.requestContext.connectionId), e.g. in a DynamoDB "
               "table, and use them with get, post and delete; list works against the emulator "
               "(--api ws://127.0.0.1:4577/_aws/execute-api/ID/STAGE or --target emulator).\n";
        return ExitFailure;
    }
    QByteArray body;
    if (options->action == QLatin1String("post")) {
        const Core::Result<QByteArray> data = postData(*options);
        if (!data) {
            err << "gatehouse connections: " << data.error().message << "\n";
            return ExitUsage;
        }
        body = *data;
    }
    if (target.region.isEmpty())
        target.region = base->region;
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    Core::Aws::StsClient sts; // assumes the role of role_arn profiles
    // The emulator signs in any region; AWS needs the API's, which its URL names.
    const Core::Result<AwsTargetPlan> plan =
        planAwsTarget(QStringLiteral("execute-api"), target, env, &sts, QStringLiteral("us-east-1"));
    if (!plan) {
        err << "gatehouse connections: " << plan.error().message << "\n";
        return ExitUsage;
    }
    QUrl endpoint;
    if (!target.endpointUrl.isEmpty() && target.target.isEmpty()) {
        // Like the AWS CLI's apigatewaymanagementapi: --endpoint-url is where @connections lives.
        endpoint = plan->endpoint;
    } else if (!base->base.isEmpty()) {
        endpoint = base->base;
    } else if (target.target == QLatin1String("emulator")) {
        endpoint = plan->endpoint;
        endpoint.setPath(QStringLiteral("/_aws/execute-api/%1/%2").arg(base->apiId, base->stage));
    } else {
        endpoint = QUrl(QStringLiteral("https://%1.execute-api.%2.amazonaws.com/%3")
                            .arg(base->apiId, plan->region, base->stage));
    }
    using Core::ConnectionsApi::Action;
    const Core::Aws::AwsRequest request =
        list ? Core::ConnectionsApi::listingRequest(endpoint, plan->region, base->apiId)
             : Core::ConnectionsApi::managementRequest(endpoint, plan->region,
                                                       options->action == QLatin1String("post")  ? Action::Post
                                                       : options->action == QLatin1String("get") ? Action::Get
                                                                                                 : Action::Delete,
                                                       options->connectionId, body);

    Core::Aws::AwsClient client;
    int exitCode = ExitFailure;
    Core::Aws::AwsCall *call = client.call(request, plan->credentials.get());
    QObject::connect(call, &Core::Aws::AwsCall::finished, qApp,
                     [&](const Core::Result<Core::HttpClientResponse> &result) {
                         if (!result) {
                             err << "gatehouse connections " << options->action << ": "
                                 << describe(result.error(), options->connectionId) << "\n";
                             exitCode = exitCodeForAwsError(result.error());
                         } else {
                             if (options->action == QLatin1String("get") || list) {
                                 const QJsonDocument document = QJsonDocument::fromJson(result->body);
                                 QTextStream(stdout)
                                     << (document.isObject()
                                             ? QString::fromUtf8(QJsonDocument(memberNames(document.object())).toJson())
                                             : QString::fromUtf8(result->body));
                             }
                             exitCode = ExitOk;
                         }
                         QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
                     });
    QCoreApplication::exec();
    return exitCode;
}

} // namespace Gatehouse::App
