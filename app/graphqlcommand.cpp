// gatehouse graphql: GraphQL on the command line. query sends one operation over HTTP and
// prints the response; subscribe prints one JSON line per event (AppSync real-time or
// graphql-transport-ws); schema runs the introspection query and prints SDL. Every AppSync
// auth mode; secrets come from stdin or the environment, never argv, and never reach stderr.
#include "commands.h"
#include "core/aws/requestauthorizer.h"
#include "core/aws/stsclient.h"
#include "core/graphql/httpquery.h"
#include "core/graphql/schema.h"
#include "core/graphql/subscriptionclient.h"
#include "core/jsonpretty.h"
#include "core/oauth2/tokenmanager.h"
#include "oauth2cli.h"
#include "unixsignalwatcher.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QTextStream>
#include <QTimer>

#include <memory>
#include <optional>

namespace Gatehouse::App {

namespace {

using namespace Core::GraphQL;

struct GraphQLOptions
{
    QString action; // query, subscribe, schema
    QUrl url;
    QString query;
    QString operationName;
    QByteArray variables;
    Auth auth;
    QString profile;
    Core::HttpHeaders headers;
    bool useGet = false;
    bool json = false;  // schema: the introspection JSON instead of SDL
    bool trace = false; // subscribe: every frame on stderr
    int timeoutMs = 30000;
    // subscribe
    SubscriptionProtocol protocol = SubscriptionProtocol::AppSync;
    AppSyncHandshake handshake = AppSyncHandshake::QueryString;
    QUrl realtimeUrl;
    int count = 0;   // 0: until --wait, completion or Ctrl+C
    int waitMs = -1; // -1: no limit
    int ackTimeoutMs = 10000;
    bool resubscribe = false;
    // A token fetched first (Cognito sign-in or OAuth 2.0 client credentials), as `gatehouse
    // request` and `gatehouse cognito login` take them.
    std::optional<Core::OAuth2Settings> tokenSource;
    bool secretFromStdin = false; // --password-stdin / --client-secret-stdin
};

void say(const QString &text)
{
    QTextStream(stderr) << "gatehouse graphql: " << text << "\n";
}

Core::Result<QString> secretArgument(const QString &value, const QString &option)
{
    if (value == QLatin1String("-")) {
        const QString line = readStdinLine();
        if (line.isEmpty())
            return usageError(QStringLiteral("%1 - read nothing from stdin.").arg(option));
        return line;
    }
    return value;
}

Core::Result<GraphQLOptions> parseArguments(const QStringList &arguments)
{
    static const QStringList valued = {
        QStringLiteral("-q"),           QStringLiteral("--query"),       QStringLiteral("--file"),
        QStringLiteral("--operation"),  QStringLiteral("--vars"),        QStringLiteral("--auth"),
        QStringLiteral("--api-key"),    QStringLiteral("--token"),       QStringLiteral("--profile"),
        QStringLiteral("--region"),     QStringLiteral("-H"),            QStringLiteral("--header"),
        QStringLiteral("--timeout"),    QStringLiteral("--protocol"),    QStringLiteral("--handshake"),
        QStringLiteral("--realtime-url"), QStringLiteral("--count"),     QStringLiteral("--wait"),
        QStringLiteral("--ack-timeout"), QStringLiteral("--cognito-pool"), QStringLiteral("--client-id"),
        QStringLiteral("--user"),        QStringLiteral("--cognito-endpoint"), QStringLiteral("--oauth2-token-url"),
        QStringLiteral("--scope"),       QStringLiteral("--token-use")};
    Core::OAuth2Settings oauth2;
    std::optional<Core::OAuth2TokenUse> tokenUse; // default: Cognito's ID token, else access
    GraphQLOptions options;
    QStringList positional;
    std::optional<AuthMode> mode;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == QLatin1String("--password-stdin") || arg == QLatin1String("--client-secret-stdin")) {
            options.secretFromStdin = true;
            continue;
        }
        if (arg == QLatin1String("--get") || arg == QLatin1String("--json")
            || arg == QLatin1String("--trace") || arg == QLatin1String("--resubscribe")) {
            (arg == QLatin1String("--get")     ? options.useGet
             : arg == QLatin1String("--json")  ? options.json
             : arg == QLatin1String("--trace") ? options.trace
                                               : options.resubscribe) = true;
            continue;
        }
        if (!valued.contains(arg)) {
            if (arg.startsWith(QLatin1Char('-')) && arg.size() > 1)
                return usageError(QStringLiteral("unknown option '%1'.").arg(arg));
            positional.append(arg);
            continue;
        }
        if (i + 1 >= arguments.size())
            return usageError(QStringLiteral("%1 needs a value.").arg(arg));
        const QString value = arguments.at(++i);
        if (arg == QLatin1String("--cognito-pool")) {
            oauth2.userPoolId = value;
        } else if (arg == QLatin1String("--client-id")) {
            oauth2.clientId = value;
        } else if (arg == QLatin1String("--user")) {
            oauth2.username = value;
        } else if (arg == QLatin1String("--cognito-endpoint")) {
            oauth2.cognitoEndpoint = value;
        } else if (arg == QLatin1String("--oauth2-token-url")) {
            oauth2.tokenUrl = value;
        } else if (arg == QLatin1String("--scope")) {
            oauth2.scopes = oauth2.scopes.isEmpty() ? value : oauth2.scopes + QLatin1Char(' ') + value;
        } else if (arg == QLatin1String("--token-use")) {
            if (value != QLatin1String("id") && value != QLatin1String("access"))
                return usageError(QStringLiteral("--token-use takes id or access, not '%1'.").arg(value));
            tokenUse = value == QLatin1String("id") ? Core::OAuth2TokenUse::Id : Core::OAuth2TokenUse::Access;
        } else if (arg == QLatin1String("-q") || arg == QLatin1String("--query")) {
            options.query = value;
        } else if (arg == QLatin1String("--file")) {
            QFile file(value);
            if (!file.open(QIODevice::ReadOnly))
                return usageError(QStringLiteral("cannot read --file '%1': %2.").arg(value, file.errorString()));
            options.query = QString::fromUtf8(file.readAll());
        } else if (arg == QLatin1String("--operation")) {
            options.operationName = value;
        } else if (arg == QLatin1String("--vars")) {
            if (value.startsWith(QLatin1Char('@'))) {
                QFile file(value.mid(1));
                if (!file.open(QIODevice::ReadOnly))
                    return usageError(QStringLiteral("cannot read --vars '%1': %2.").arg(value.mid(1), file.errorString()));
                options.variables = file.readAll();
            } else {
                options.variables = value.toUtf8();
            }
        } else if (arg == QLatin1String("--auth")) {
            auto parsed = parseAuthMode(value);
            if (!parsed)
                return usageError(parsed.error().message);
            mode = *parsed;
        } else if (arg == QLatin1String("--api-key")) {
            auto secret = secretArgument(value, arg);
            if (!secret)
                return secret.error();
            options.auth.apiKey = *secret;
        } else if (arg == QLatin1String("--token")) {
            auto secret = secretArgument(value, arg);
            if (!secret)
                return secret.error();
            options.auth.token = *secret;
        } else if (arg == QLatin1String("--profile")) {
            options.profile = value;
        } else if (arg == QLatin1String("--region")) {
            options.auth.region = value;
        } else if (arg == QLatin1String("-H") || arg == QLatin1String("--header")) {
            const qsizetype colon = value.indexOf(QLatin1Char(':'));
            if (colon <= 0)
                return usageError(QStringLiteral("-H takes 'Name: value', not '%1'.").arg(value));
            options.headers.add(value.left(colon).trimmed().toUtf8(), value.mid(colon + 1).trimmed().toUtf8());
        } else if (arg == QLatin1String("--protocol")) {
            if (value == QLatin1String("appsync"))
                options.protocol = SubscriptionProtocol::AppSync;
            else if (value == QLatin1String("graphql-transport-ws"))
                options.protocol = SubscriptionProtocol::GraphQLTransportWs;
            else
                return usageError(QStringLiteral("--protocol takes appsync or graphql-transport-ws, not '%1'.").arg(value));
        } else if (arg == QLatin1String("--handshake")) {
            if (value == QLatin1String("query"))
                options.handshake = AppSyncHandshake::QueryString;
            else if (value == QLatin1String("subprotocol"))
                options.handshake = AppSyncHandshake::Subprotocol;
            else if (value == QLatin1String("headers"))
                options.handshake = AppSyncHandshake::Headers;
            else
                return usageError(QStringLiteral("--handshake takes query, subprotocol or headers, not '%1'.").arg(value));
        } else if (arg == QLatin1String("--realtime-url")) {
            options.realtimeUrl = QUrl(value, QUrl::StrictMode);
        } else if (arg == QLatin1String("--count")) {
            bool ok = false;
            options.count = value.toInt(&ok);
            if (!ok || options.count < 1)
                return usageError(QStringLiteral("--count takes a number of events (1 or more), not '%1'.").arg(value));
        } else {
            bool ok = false;
            const double seconds = value.toDouble(&ok);
            if (!ok || seconds <= 0 || seconds > 86400)
                return usageError(QStringLiteral("%1 takes seconds (up to 86400), not '%2'.").arg(arg, value));
            (arg == QLatin1String("--wait")      ? options.waitMs
             : arg == QLatin1String("--timeout") ? options.timeoutMs
                                                 : options.ackTimeoutMs) = int(seconds * 1000);
        }
    }
    if (positional.size() != 2)
        return usageError(QStringLiteral("give an action and a URL, e.g. 'gatehouse graphql query "
                                         "https://<id>.appsync-api.<region>.amazonaws.com/graphql -q '{ ... }''."));
    options.action = positional.at(0);
    if (options.action != QLatin1String("query") && options.action != QLatin1String("subscribe")
        && options.action != QLatin1String("schema"))
        return usageError(QStringLiteral("unknown action '%1'; use query, subscribe or schema.").arg(options.action));
    options.url = QUrl(positional.at(1), QUrl::StrictMode);
    if (options.action == QLatin1String("schema")) {
        if (!options.query.isEmpty())
            return usageError(QStringLiteral("schema sends the introspection query itself; leave out -q/--file."));
        options.query = Schema::introspectionQuery();
        options.operationName = QStringLiteral("IntrospectionQuery");
    } else if (options.query.trimmed().isEmpty()) {
        return usageError(QStringLiteral("give the GraphQL document with -q 'query { ... }' or --file F."));
    }
    if (!oauth2.userPoolId.isEmpty() || !oauth2.tokenUrl.isEmpty()) {
        if (!options.auth.token.isEmpty())
            return usageError(QStringLiteral("--token and a token source (--cognito-pool or --oauth2-token-url) do not go together."));
        if (!oauth2.userPoolId.isEmpty() && !oauth2.tokenUrl.isEmpty())
            return usageError(QStringLiteral("choose one token source: --cognito-pool (sign in) or --oauth2-token-url (client credentials)."));
        if (oauth2.clientId.isEmpty())
            return usageError(QStringLiteral("the token source needs --client-id ID (the app client)."));
        if (!oauth2.userPoolId.isEmpty()) {
            if (oauth2.username.isEmpty())
                return usageError(QStringLiteral("Cognito sign-in needs --user NAME; the password comes from "
                                                 "--password-stdin or GATEHOUSE_COGNITO_PASSWORD."));
            oauth2.grant = Core::OAuth2Grant::CognitoSignIn;
            // AppSync's user-pool auth reads the groups and claims of the ID token by default.
            oauth2.tokenUse = tokenUse.value_or(Core::OAuth2TokenUse::Id);
        } else {
            if (!options.secretFromStdin)
                return usageError(QStringLiteral("client credentials need --client-secret-stdin (the secret piped in, never an argument)."));
            oauth2.grant = Core::OAuth2Grant::ClientCredentials;
            oauth2.tokenUse = tokenUse.value_or(Core::OAuth2TokenUse::Access);
        }
        options.tokenSource = oauth2;
        if (!mode)
            mode = oauth2.grant == Core::OAuth2Grant::CognitoSignIn ? AuthMode::CognitoUserPools : AuthMode::OpenIdConnect;
        if (*mode != AuthMode::CognitoUserPools && *mode != AuthMode::OpenIdConnect && *mode != AuthMode::AwsLambda)
            return usageError(QStringLiteral("a fetched token is for --auth cognito, oidc or lambda, not %1.")
                                  .arg(authModeName(*mode)));
    } else if (!oauth2.clientId.isEmpty() || !oauth2.username.isEmpty()) {
        return usageError(QStringLiteral("--client-id and --user belong to --cognito-pool or --oauth2-token-url."));
    }
    // Secrets the command line did not carry come from the environment.
    if (options.auth.apiKey.isEmpty())
        options.auth.apiKey = qEnvironmentVariable("GATEHOUSE_APPSYNC_API_KEY");
    if (options.auth.token.isEmpty())
        options.auth.token = qEnvironmentVariable("GATEHOUSE_TOKEN");
    if (!mode) // an API key alone says which mode is meant
        mode = !options.auth.apiKey.isEmpty() ? AuthMode::ApiKey : AuthMode::None;
    options.auth.mode = *mode;
    if (!options.profile.isEmpty() && options.auth.mode != AuthMode::AwsIam)
        return usageError(QStringLiteral("--profile only applies with --auth iam."));
    return options;
}

// Prints what the errors say, one line each, on stderr.
void reportErrors(const QList<ResponseError> &errors)
{
    for (const ResponseError &error : errors) {
        QString line = QStringLiteral("error");
        if (!error.path.isEmpty())
            line += QStringLiteral(" at %1").arg(error.path);
        if (!error.locations.isEmpty())
            line += QStringLiteral(" (line:column %1)").arg(error.locations);
        line += QStringLiteral(": %1").arg(error.message);
        if (!error.errorType.isEmpty())
            line += QStringLiteral(" [%1]").arg(error.errorType);
        say(line);
    }
}

int exitCodeFor(const Core::Error &error)
{
    switch (error.code) {
    case Core::ErrorCode::InvalidArgument:
        return ExitUsage;
    case Core::ErrorCode::HostNotFound:
    case Core::ErrorCode::ConnectionRefused:
    case Core::ErrorCode::ConnectionClosed:
    case Core::ErrorCode::Tls:
    case Core::ErrorCode::Timeout:
        return ExitTransport;
    case Core::ErrorCode::None:
    case Core::ErrorCode::NotFound:
    case Core::ErrorCode::Io:
    case Core::ErrorCode::Cancelled:
    case Core::ErrorCode::Protocol:
    case Core::ErrorCode::Service:
    case Core::ErrorCode::Template:
    case Core::ErrorCode::Internal:
        break;
    }
    return error.httpStatus >= 400 ? ExitHttpError : ExitFailure;
}

void quit()
{
    QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
}

int runQuery(const GraphQLOptions &options)
{
    Core::HttpClient client;
    int exitCode = ExitFailure;
    QObject context;
    HttpQueryRequest request;
    request.url = options.url;
    request.query = options.query;
    request.operationName = options.operationName;
    request.variablesJson = options.variables;
    request.headers = options.headers;
    request.useGet = options.useGet;
    request.timeoutMs = options.timeoutMs;
    HttpQuery *query = HttpQuery::start(client, request, options.auth, &context);
    QObject::connect(query, &HttpQuery::finished, &context, [&](const Core::Result<HttpQueryResult> &result) {
        if (!result) {
            say(result.error().message);
            exitCode = exitCodeFor(result.error());
            quit();
            return;
        }
        const Response &response = result->response;
        if (options.action == QLatin1String("schema")) {
            if (response.data.isEmpty() || response.data == "null") {
                reportErrors(response.errors);
                say(QStringLiteral("the server answered the introspection query without data "
                                   "(HTTP %1); introspection may be disabled.").arg(result->httpStatus));
                exitCode = result->httpStatus >= 400 ? ExitHttpError : ExitFailure;
                quit();
                return;
            }
            if (options.json) {
                const auto pretty = Core::JsonPretty::format(result->rawBody);
                QTextStream(stdout) << QString::fromUtf8(pretty ? *pretty : result->rawBody) << "\n";
                exitCode = ExitOk;
            } else {
                const auto schema = Schema::fromIntrospection(result->rawBody);
                if (!schema) {
                    say(QStringLiteral("the introspection result does not describe a schema: %1")
                            .arg(schema.error().message));
                    exitCode = ExitFailure;
                } else {
                    QTextStream(stdout) << schema->toSdl();
                    exitCode = ExitOk;
                }
            }
            reportErrors(response.errors);
            quit();
            return;
        }
        const auto pretty = Core::JsonPretty::format(result->rawBody);
        QTextStream(stdout) << QString::fromUtf8(pretty ? *pretty : result->rawBody) << "\n";
        reportErrors(response.errors);
        if (result->httpStatus >= 400)
            exitCode = ExitHttpError;
        else
            exitCode = response.errors.isEmpty() ? ExitOk : ExitFailure;
        quit();
    });
    QCoreApplication::exec();
    return exitCode;
}

// One subscription until --count events, --wait seconds, its completion, or a failure.
class SubscribeRun : public QObject
{
public:
    explicit SubscribeRun(const GraphQLOptions &options)
        : m_options(options)
    {
        m_out.open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered);
        connect(&m_client, &SubscriptionClient::dataReceived, this, &SubscribeRun::onData);
        connect(&m_client, &SubscriptionClient::started, this, [this](const QString &id) {
            say(QStringLiteral("subscribed (id %1); waiting for events").arg(id));
        });
        connect(&m_client, &SubscriptionClient::subscriptionFailed, this,
                [this](const QString &, const QList<ResponseError> &errors) {
                    reportErrors(errors);
                    m_exitCode = ExitFailure;
                    m_client.close();
                });
        connect(&m_client, &SubscriptionClient::completed, this, [this](const QString &) {
            say(QStringLiteral("the server completed the subscription"));
            m_exitCode = ExitOk;
            m_client.close();
        });
        connect(&m_client, &SubscriptionClient::reconnecting, this, [](const Core::Error &error, int delayMs) {
            say(QStringLiteral("%1 Reconnecting in %2 s.").arg(error.message).arg(delayMs / 1000.0));
        });
        connect(&m_client, &SubscriptionClient::disconnected, this, [this](const Core::Error &error) {
            if (error.isError()) {
                say(error.message);
                m_exitCode = exitCodeFor(error);
            }
            quit();
        });
        if (m_options.trace)
            connect(&m_client, &SubscriptionClient::traced, this, [](const TraceEntry &entry) {
                const char *arrow = entry.note ? "  " : entry.direction == Core::WebSocketDirection::Sent ? "> " : "< ";
                QTextStream(stderr) << QDateTime::fromMSecsSinceEpoch(entry.msecsSinceEpoch, Qt::UTC)
                                           .toString(QStringLiteral("hh:mm:ss.zzz "))
                                    << arrow << QString::fromUtf8(entry.text) << "\n";
            });
        m_wait.setSingleShot(true);
        connect(&m_wait, &QTimer::timeout, this, [this] {
            m_exitCode = ExitOk;
            m_client.close();
        });
    }

    void start()
    {
        SubscriptionOptions options;
        options.protocol = m_options.protocol;
        options.url = m_options.url;
        options.realtimeUrl = m_options.realtimeUrl;
        options.handshake = m_options.handshake;
        options.auth = m_options.auth;
        options.headers = m_options.headers;
        options.ackTimeoutMs = m_options.ackTimeoutMs;
        options.resubscribe = m_options.resubscribe;
        if (auto opened = m_client.open(options); !opened) {
            say(opened.error().message);
            m_exitCode = exitCodeFor(opened.error());
            quit();
            return;
        }
        if (auto id = m_client.subscribe(m_options.query, m_options.variables, m_options.operationName); !id) {
            say(id.error().message);
            m_exitCode = ExitUsage;
            m_client.close();
            return;
        }
        if (m_options.waitMs > 0)
            m_wait.start(m_options.waitMs);
    }
    int exitCode() const { return m_exitCode; }
    void stop()
    {
        m_exitCode = ExitOk;
        m_client.close();
    }

private:
    void onData(const QString &id, const QByteArray &payload)
    {
        // {"id":..., "payload":{...}}: the payload verbatim, so key order and numbers survive.
        m_out.write("{\"id\":\"" + id.toUtf8() + "\",\"received\":\""
                    + QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8()
                    + "\",\"payload\":" + (payload.isEmpty() ? QByteArray("null") : payload) + "}\n");
        if (m_options.count > 0 && ++m_events >= m_options.count) {
            m_exitCode = ExitOk;
            m_client.close();
        }
    }

    GraphQLOptions m_options;
    SubscriptionClient m_client;
    QFile m_out;
    QTimer m_wait;
    int m_events = 0;
    int m_exitCode = ExitFailure;
};

int runSubscribe(const GraphQLOptions &options)
{
    SubscribeRun run(options);
    // Ctrl+C or SIGTERM stops the subscription (AppSync asks clients to) and exits 0.
    UnixSignalWatcher watcher;
    QObject::connect(&watcher, &UnixSignalWatcher::terminationRequested, &run, [&run](int) { run.stop(); });
    run.start();
    QCoreApplication::exec();
    return run.exitCode();
}

int runAction(const GraphQLOptions &options)
{
    return options.action == QLatin1String("subscribe") ? runSubscribe(options) : runQuery(options);
}

// Cognito sign-in (SRP) or client credentials through the token manager `gatehouse request`
// uses, then the action with the token; what the manager does goes to stderr, never a token.
int fetchTokenThenRun(GraphQLOptions &options)
{
    Core::OAuth2Settings settings = *options.tokenSource;
    if (settings.grant == Core::OAuth2Grant::CognitoSignIn) {
        settings.password = cognitoPasswordFromEnvironment(options.secretFromStdin);
        if (settings.password.isEmpty()) {
            say(QStringLiteral("Cognito sign-in needs the password: pipe it with --password-stdin or set "
                               "GATEHOUSE_COGNITO_PASSWORD."));
            return ExitUsage;
        }
    } else {
        settings.clientSecret = readStdinLine();
        if (settings.clientSecret.isEmpty()) {
            say(QStringLiteral("--client-secret-stdin read no secret; pipe it in."));
            return ExitUsage;
        }
    }
    Core::HttpClient http;
    Core::OAuth2::TokenManager tokens(&http);
    prepareTokenManager(tokens, QStringLiteral("gatehouse graphql"));
    int exitCode = ExitFailure;
    bool fetched = false;
    QObject context;
    tokens.token(settings, &context, [&](const Core::Result<Core::OAuth2::CachedToken> &token) {
        if (!token) {
            say(QStringLiteral("cannot get the token: %1").arg(token.error().message));
        } else if (token->tokenFor(settings.tokenUse).isEmpty()) {
            say(QStringLiteral("the token endpoint returned no %1 token.")
                    .arg(settings.tokenUse == Core::OAuth2TokenUse::Id ? QStringLiteral("ID") : QStringLiteral("access")));
        } else {
            options.auth.token = token->tokenFor(settings.tokenUse);
            fetched = true;
        }
        quit();
    });
    QCoreApplication::exec();
    return fetched ? runAction(options) : exitCode;
}

} // namespace

int runGraphQLCommand(const QStringList &arguments)
{
    Core::Result<GraphQLOptions> parsed = parseArguments(arguments);
    if (!parsed) {
        say(parsed.error().message);
        return ExitUsage;
    }
    GraphQLOptions options = std::move(parsed).value();
    if (options.tokenSource)
        return fetchTokenThenRun(options);
    if (options.auth.mode != AuthMode::AwsIam)
        return runAction(options);

    // IAM: the region and the credentials come first, as for `gatehouse ws --sigv4`.
    Core::RequestAuth auth;
    auth.kind = Core::AuthKind::AwsSigV4;
    auth.profile = options.profile;
    auth.service = QStringLiteral("appsync");
    auth.region = options.auth.region;
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (options.auth.region.isEmpty() && appSyncRegion(options.url).isEmpty()) {
        const auto scope = Core::Aws::signingScopeFor(options.url, auth, &environment);
        if (!scope) {
            say(scope.error().message + QStringLiteral(" Use --region."));
            return ExitUsage;
        }
        options.auth.region = scope->region;
    }
    Core::Aws::StsClient sts;
    std::unique_ptr<Core::Aws::CredentialsProvider> provider =
        Core::Aws::makeCredentialsProvider(auth, environment, &sts);
    int exitCode = ExitFailure;
    bool resolved = false;
    QObject context;
    provider->resolve(&context, [&](const Core::Result<Core::Aws::Credentials> &credentials) {
        if (!credentials) {
            say(QStringLiteral("no AWS credentials to sign with: %1").arg(credentials.error().message));
            exitCode = ExitUsage;
        } else {
            options.auth.credentials = *credentials;
            resolved = true;
        }
        quit();
    });
    QCoreApplication::exec();
    return resolved ? runAction(options) : exitCode;
}

} // namespace Gatehouse::App
