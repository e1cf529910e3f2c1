#include "commands.h"
#include "oauth2cli.h"

#include "core/aws/requestauthorizer.h"
#include "core/aws/signaturediff.h"
#include "core/aws/stsclient.h"
#include "core/httpclient.h"
#include "core/import/curlexport.h"
#include "core/import/harexport.h"
#include "core/oauth2/tokenmanager.h"
#include "core/requestspec.h"
#include "core/variables.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QTextStream>

#include <optional>

namespace Gatehouse::App {

namespace {

struct ParsedRequest
{
    Core::RequestSpec spec;
    QString environmentFile;
    QString harFile;        // --har FILE: the exchange as HAR 1.2, credentials redacted
    bool printCurl = false; // --print-curl: print the cURL command instead of sending
    Core::HttpOptions network; // --cacert, --cert/--key, --insecure, --proxy (curl's names)
    bool clientSecretStdin = false; // --client-secret-stdin: OAuth 2.0 client credentials
};

bool takesValue(const QString &arg)
{
    static const QStringList options = {
        QStringLiteral("-H"),      QStringLiteral("--header"),  QStringLiteral("-d"),
        QStringLiteral("--data"),  QStringLiteral("--env"),     QStringLiteral("--timeout"),
        QStringLiteral("--profile"), QStringLiteral("--service"), QStringLiteral("--region"),
        QStringLiteral("--har"), QStringLiteral("--cacert"), QStringLiteral("--cert"), QStringLiteral("--key"),
        QStringLiteral("--proxy"), QStringLiteral("-F"), QStringLiteral("--form"),
        QStringLiteral("--oauth2-token-url"), QStringLiteral("--client-id"), QStringLiteral("--scope")};
    return options.contains(arg);
}

Core::Result<void> applyOption(ParsedRequest &parsed, const QString &arg, const QString &value)
{
    const Core::Result<bool> content = applyContentOption(parsed.spec, arg, value);
    if (!content)
        return content.error();
    if (*content)
        return {};
    if (arg == QLatin1String("--profile")) {
        parsed.spec.auth.profile = value;
    } else if (arg == QLatin1String("--service")) {
        parsed.spec.auth.service = value;
    } else if (arg == QLatin1String("--region")) {
        parsed.spec.auth.region = value;
    } else if (arg == QLatin1String("--env")) {
        parsed.environmentFile = value;
    } else if (arg == QLatin1String("--har")) {
        parsed.harFile = value;
    } else if (arg == QLatin1String("-F") || arg == QLatin1String("--form")) {
        // curl's -F: name=value, or name=@path to upload a file.
        const qsizetype equals = value.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return usageError(QStringLiteral("-F takes name=value or name=@file, not '%1'.").arg(value));
        if (parsed.spec.bodyKind != Core::BodyKind::None && parsed.spec.bodyKind != Core::BodyKind::Multipart)
            return usageError(QStringLiteral("-F and -d do not go together: a body is either a form or data."));
        parsed.spec.bodyKind = Core::BodyKind::Multipart;
        const QString fieldValue = value.mid(equals + 1);
        const bool file = fieldValue.startsWith(QLatin1Char('@'));
        parsed.spec.formFields.append({true, value.left(equals), file ? fieldValue.mid(1) : fieldValue, file});
    } else if (arg == QLatin1String("--oauth2-token-url")) {
        parsed.spec.auth.oauth2.tokenUrl = value;
    } else if (arg == QLatin1String("--client-id")) {
        parsed.spec.auth.oauth2.clientId = value;
    } else if (arg == QLatin1String("--scope")) {
        Core::OAuth2Settings &oauth2 = parsed.spec.auth.oauth2;
        oauth2.scopes = oauth2.scopes.isEmpty() ? value : oauth2.scopes + QLatin1Char(' ') + value;
    } else if (arg == QLatin1String("--cacert")) {
        parsed.network.caFile = value;
    } else if (arg == QLatin1String("--cert")) {
        parsed.network.clientCertFile = value;
    } else if (arg == QLatin1String("--key")) {
        parsed.network.clientKeyFile = value;
    } else if (arg == QLatin1String("--proxy")) {
        Core::Result<Core::HttpOptions> withProxy = Core::HttpOptions::withProxyUrl(parsed.network, value);
        if (!withProxy)
            return usageError(withProxy.error().message);
        parsed.network = *withProxy;
    } else {
        bool ok = false;
        const double seconds = value.toDouble(&ok);
        if (!ok || seconds <= 0)
            return usageError(QStringLiteral("--timeout takes seconds, e.g. 10, not '%1'.").arg(value));
        parsed.spec.timeoutMs = static_cast<int>(seconds * 1000);
    }
    return {};
}

// curl-like arguments: METHOD URL [-H 'Name: value']... [-d BODY|@FILE] [--env FILE] [--timeout S]
// [--sigv4 [--profile P] [--service S] [--region R] [--unsigned-payload]]
Core::Result<ParsedRequest> parseArguments(const QStringList &arguments)
{
    ParsedRequest parsed;
    QStringList positional;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == QLatin1String("--sigv4")) {
            parsed.spec.auth.kind = Core::AuthKind::AwsSigV4;
        } else if (arg == QLatin1String("--unsigned-payload")) {
            parsed.spec.auth.unsignedPayload = true;
        } else if (arg == QLatin1String("--print-curl")) {
            parsed.printCurl = true;
        } else if (arg == QLatin1String("--client-secret-stdin")) {
            parsed.clientSecretStdin = true;
        } else if (arg == QLatin1String("-k") || arg == QLatin1String("--insecure")) {
            parsed.network.verifyTls = false;
        } else if (takesValue(arg)) {
            if (i + 1 >= arguments.size())
                return usageError(QStringLiteral("%1 needs a value.").arg(arg));
            if (const Core::Result<void> applied = applyOption(parsed, arg, arguments.at(++i)); !applied)
                return applied.error();
        } else if (arg.startsWith(QLatin1Char('-')) && arg.size() > 1) {
            return usageError(QStringLiteral("unknown option '%1'.").arg(arg));
        } else {
            positional.append(arg);
        }
    }
    if (positional.size() != 2)
        return usageError(QStringLiteral("give a METHOD and a URL, e.g. 'gatehouse request GET http://127.0.0.1:4577/'."));
    parsed.spec.method = positional.at(0).toUpper();
    parsed.spec.url = positional.at(1);
    if (parsed.spec.bodyKind == Core::BodyKind::None && parsed.spec.method == QLatin1String("GET"))
        parsed.spec.body.clear();
    // OAuth 2.0 client credentials from the command line; the secret only ever from stdin.
    Core::OAuth2Settings &oauth2 = parsed.spec.auth.oauth2;
    const bool anyOAuth2 = !oauth2.tokenUrl.isEmpty() || !oauth2.clientId.isEmpty() || !oauth2.scopes.isEmpty()
                           || parsed.clientSecretStdin;
    if (anyOAuth2) {
        if (parsed.spec.auth.kind == Core::AuthKind::AwsSigV4)
            return usageError(QStringLiteral("--sigv4 and --oauth2-token-url do not go together: choose one auth."));
        if (oauth2.tokenUrl.isEmpty() || oauth2.clientId.isEmpty() || !parsed.clientSecretStdin)
            return usageError(QStringLiteral("OAuth 2.0 client credentials need --oauth2-token-url URL, --client-id ID "
                                             "and --client-secret-stdin (the secret piped in, never an argument)."));
        parsed.spec.auth.kind = Core::AuthKind::OAuth2;
        oauth2.grant = Core::OAuth2Grant::ClientCredentials;
    }
    const Core::RequestAuth &auth = parsed.spec.auth;
    if (auth.kind == Core::AuthKind::None
        && (!auth.profile.isEmpty() || !auth.service.isEmpty() || !auth.region.isEmpty() || auth.unsignedPayload))
        return usageError(QStringLiteral("--profile, --service, --region and --unsigned-payload go with --sigv4."));
    return parsed;
}

void printResponse(const Core::HttpClientResponse &response)
{
    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly))
        return;
    const QByteArray version = response.httpVersion.isEmpty() ? QByteArray("HTTP/1.1") : response.httpVersion;
    out.write(version + ' ' + QByteArray::number(response.status) + ' ' + response.reason + '\n');
    for (const auto &field : response.headers.fields())
        out.write(field.first + ": " + field.second + '\n');
    out.write("\n");
    out.write(response.body);
    if (!response.body.isEmpty() && !response.body.endsWith('\n'))
        out.write("\n");
}

// After a refused signature: the server's stages beside ours, the differing lines marked.
void explainMismatch(const Core::Aws::SigV4Signature &ours, const QByteArray &body)
{
    const std::optional<Core::Aws::ServerSigningStages> server = Core::Aws::parseServerSigningStages(body);
    if (!server)
        return;
    QTextStream err(stderr);
    const bool differs = Core::Aws::hasDifferences(Core::Aws::diffSigningLines(ours.canonicalRequest, server->canonicalRequest))
                         || Core::Aws::hasDifferences(Core::Aws::diffSigningLines(ours.stringToSign, server->stringToSign));
    err << "\ngatehouse request: the server refused the signature. "
        << (differs ? "Lines marked with '!' differ (ours first, then the server's):\n"
                    : "It computed the same stages as we did:\n");
    const auto print = [&err](const char *title, const QByteArray &a, const QByteArray &b) {
        err << "\n" << title << ":\n";
        for (const Core::Aws::SigningDiffLine &line : Core::Aws::diffSigningLines(a, b)) {
            // stderr may end up in a CI log: never print the session token.
            const QString ourText = QString::fromUtf8(Core::Aws::redactSessionToken(line.ours));
            const QString serverText = QString::fromUtf8(Core::Aws::redactSessionToken(line.server));
            if (line.kind == Core::Aws::SigningDiffLine::Kind::Same) {
                err << "   " << ourText << "\n";
                continue;
            }
            if (line.ourLine >= 0)
                err << " ! ours:   " << ourText << "\n";
            if (line.serverLine >= 0)
                err << " ! server: " << serverText << "\n";
        }
    };
    print("Canonical request", ours.canonicalRequest, server->canonicalRequest);
    if (!server->stringToSign.isEmpty())
        print("String to sign", ours.stringToSign, server->stringToSign);
    err << "\n";
    for (const QString &sentence : Core::Aws::explainSignatureMismatch(ours.canonicalRequest, ours.stringToSign, *server))
        err << sentence << "\n";
}

Core::Result<Core::Environment> loadEnvironment(const ParsedRequest &parsed)
{
    return resolveEnvironmentArgument(parsed.environmentFile, QStringLiteral("gatehouse request"));
}

// The request to send: the spec with the --env environment's variables substituted.
Core::Result<Core::HttpClientRequest> buildRequest(const ParsedRequest &parsed)
{
    const Core::Result<Core::Environment> environment = loadEnvironment(parsed);
    if (!environment)
        return environment.error();
    return parsed.spec.toClientRequest(*environment);
}

// --print-curl: the command on stdout, what was left out on stderr; nothing is sent.
int printCurl(const ParsedRequest &parsed)
{
    const Core::Result<Core::Environment> environment = loadEnvironment(parsed);
    if (!environment) {
        QTextStream(stderr) << "gatehouse request: " << environment.error().message << "\n";
        return ExitUsage;
    }
    const Core::Import::CurlExport exported = Core::Import::exportCurl(parsed.spec, *environment);
    QTextStream(stdout) << exported.command << "\n";
    for (const QString &note : exported.notes)
        QTextStream(stderr) << "gatehouse request: note: " << note << "\n";
    return ExitOk;
}

// exportHar redacts the headers and query keys known to carry credentials; a value that came
// from a secret variable (-H 'X-Partner-Token: {{token}}') can sit anywhere, so every field is
// masked back to its {{name}} before the file is written, as history does.
bool writeHar(const QString &path, const ParsedRequest &parsed, Core::HttpClientRequest sent,
              Core::HttpClientResponse response, const QDateTime &startedAt)
{
    QStringList alsoRedact;
    if (parsed.spec.auth.kind == Core::AuthKind::ApiKey)
        alsoRedact.append(parsed.spec.auth.apiKeyName);
    if (const Core::Result<Core::Environment> environment = loadEnvironment(parsed)) {
        const auto maskHeaders = [&](Core::HttpHeaders &headers) {
            Core::HttpHeaders masked;
            for (const auto &[name, value] : headers.fields())
                masked.add(name, Core::maskSecretValues(value, *environment));
            headers = masked;
        };
        sent.url = QUrl(Core::maskSecretValues(sent.url.toString(QUrl::PrettyDecoded), *environment));
        maskHeaders(sent.headers);
        sent.body = Core::maskSecretValues(sent.body, *environment);
        maskHeaders(response.headers);
        response.body = Core::maskSecretValues(response.body, *environment);
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(Core::Import::exportHar(sent, response, startedAt, alsoRedact)) < 0) {
        QTextStream(stderr) << "gatehouse request: cannot write the HAR file '" << path << "': " << file.errorString() << "\n";
        return false;
    }
    return true;
}

int reportAnswer(const Core::Result<Core::HttpClientResponse> &result,
                 const std::optional<Core::Aws::SigV4Signature> &signature)
{
    if (!result) {
        QTextStream(stderr) << "gatehouse request: " << result.error().message << "\n";
        return ExitTransport;
    }
    printResponse(result.value());
    if (result->status < 400)
        return ExitOk;
    if (signature)
        explainMismatch(*signature, result->body);
    return ExitHttpError;
}

} // namespace

int runRequestCommand(const QStringList &arguments)
{
    QTextStream err(stderr);
    if (arguments.contains(QLatin1String("--help")) || arguments.contains(QLatin1String("-h"))) {
        QTextStream(stdout) << usageText();
        return ExitOk;
    }
    const Core::Result<ParsedRequest> parsed = parseArguments(arguments);
    if (!parsed) {
        err << "gatehouse request: " << parsed.error().message << "\n";
        return ExitUsage;
    }
    if (parsed->printCurl)
        return printCurl(*parsed);
    const Core::Result<Core::HttpClientRequest> request = buildRequest(*parsed);
    if (!request) {
        err << "gatehouse request: " << request.error().message << "\n";
        return ExitUsage;
    }

    Core::HttpClient client;
    if (const Core::Result<void> options = client.setOptions(parsed->network); !options) {
        err << "gatehouse request: " << options.error().message << "\n";
        return ExitUsage;
    }
    if (!parsed->network.verifyTls)
        err << "gatehouse request: warning: TLS certificates are not checked (--insecure); anyone on the path "
               "can read and change this exchange.\n";
    Core::Aws::StsClient sts; // profiles with role_arn assume their role through it
    Core::Aws::RequestAuthorizer authorizer;
    authorizer.setRoleAssumer(&sts);
    std::optional<Core::Aws::SigV4Signature> signature;
    int exitCode = ExitFailure;
    const auto send = [&](const Core::HttpClientRequest &toSend) {
        const QDateTime startedAt = QDateTime::currentDateTimeUtc();
        Core::HttpJob *job = client.send(toSend);
        QObject::connect(job, &Core::HttpJob::finished, &client,
                         [&, toSend, startedAt](const Core::Result<Core::HttpClientResponse> &result) {
            exitCode = reportAnswer(result, signature);
            if (result && !parsed->harFile.isEmpty() && !writeHar(parsed->harFile, *parsed, toSend, *result, startedAt))
                exitCode = ExitFailure;
            QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
        });
    };
    Core::OAuth2::TokenManager tokens(&client);
    if (parsed->spec.auth.kind == Core::AuthKind::OAuth2) {
        Core::OAuth2Settings settings = parsed->spec.auth.oauth2;
        if (parsed->clientSecretStdin)
            settings.clientSecret = readStdinLine();
        if (settings.clientSecret.isEmpty()) {
            err << "gatehouse request: --client-secret-stdin read no secret; pipe it in, e.g. from a secret manager.\n";
            return ExitUsage;
        }
        const Core::Result<Core::Environment> environment = loadEnvironment(*parsed);
        const Core::Result<Core::OAuth2Settings> resolved =
            environment ? Core::resolveOAuth2Settings(settings, *environment) : environment.error();
        if (!resolved) {
            err << "gatehouse request: " << resolved.error().message << "\n";
            return ExitUsage;
        }
        prepareTokenManager(tokens, QStringLiteral("gatehouse request"));
        auto *sender = new Core::OAuth2::AuthorizedSend(&client, &tokens, &client);
        const QDateTime startedAt = QDateTime::currentDateTimeUtc();
        QObject::connect(sender, &Core::OAuth2::AuthorizedSend::finished, &client,
                         [&, sender, startedAt](const Core::Result<Core::HttpClientResponse> &result) {
            if (!result && !sender->sentRequest().url.isValid()) {
                err << "gatehouse request: cannot get the OAuth 2.0 token: " << result.error().message << "\n";
                exitCode = ExitFailure;
            } else {
                exitCode = reportAnswer(result, std::nullopt);
                // The HAR redacts Authorization, so the token stays out of the file.
                if (result && !parsed->harFile.isEmpty()
                    && !writeHar(parsed->harFile, *parsed, sender->sentRequest(), *result, startedAt))
                    exitCode = ExitFailure;
            }
            QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
        });
        sender->start(request.value(), *resolved);
    } else if (parsed->spec.auth.kind != Core::AuthKind::AwsSigV4) {
        send(request.value());
    } else {
        authorizer.authorize(request.value(), parsed->spec.auth,
                             [&](const Core::Result<Core::Aws::SignedRequest> &signedRequest) {
            if (signedRequest) {
                signature = signedRequest->signature;
                send(signedRequest->request);
                return;
            }
            err << "gatehouse request: cannot sign the request: " << signedRequest.error().message << "\n";
            exitCode = ExitUsage;
            QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
        });
    }
    QCoreApplication::exec();
    return exitCode;
}

} // namespace Gatehouse::App
