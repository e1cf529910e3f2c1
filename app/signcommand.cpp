#include "commands.h"

#include "core/aws/requestauthorizer.h"
#include "core/aws/stsclient.h"
#include "core/requestspec.h"
#include "core/variables.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <memory>

namespace Gatehouse::App {

namespace {

struct SignOptions
{
    Core::RequestSpec spec;
    QString profile;
    QString service;
    QString region;
    int presignSeconds = 0;
    bool unsignedPayload = false;
    QDateTime time; // hidden --date, for comparing with test suites
};

Core::Result<void> applyOption(SignOptions &options, const QString &option, const QString &value)
{
    const Core::Result<bool> content = applyContentOption(options.spec, option, value);
    if (!content)
        return content.error();
    if (*content)
        return {};
    if (option == QLatin1String("--profile")) {
        options.profile = value;
    } else if (option == QLatin1String("--service")) {
        options.service = value;
    } else if (option == QLatin1String("--region")) {
        options.region = value;
    } else if (option == QLatin1String("--presign")) {
        bool ok = false;
        options.presignSeconds = value.toInt(&ok);
        if (!ok || options.presignSeconds < 1 || options.presignSeconds > 604800)
            return usageError(QStringLiteral("--presign takes the seconds the URL stays valid, 1 to 604800 (7 days), not '%1'.")
                             .arg(value));
    } else {
        // Built as UTC from its parts: read as local time, a daylight-saving gap would shift it.
        const QDate date = QDate::fromString(value.left(8), QStringLiteral("yyyyMMdd"));
        const QTime time = QTime::fromString(value.mid(9, 6), QStringLiteral("HHmmss"));
        const bool shaped = value.size() == 16 && value.at(8) == QLatin1Char('T') && value.endsWith(QLatin1Char('Z'));
        options.time = shaped ? QDateTime(date, time, Qt::UTC) : QDateTime();
        if (!options.time.isValid())
            return usageError(QStringLiteral("--date takes a time like 20150830T123600Z, not '%1'.").arg(value));
    }
    return {};
}

Core::Result<SignOptions> parseSignArguments(const QStringList &arguments)
{
    static const QStringList valued = {QStringLiteral("-H"),        QStringLiteral("--header"),
                                       QStringLiteral("-d"),        QStringLiteral("--data"),
                                       QStringLiteral("--profile"), QStringLiteral("--service"),
                                       QStringLiteral("--region"),  QStringLiteral("--presign"),
                                       QStringLiteral("--date")};
    SignOptions options;
    QStringList positional;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == QLatin1String("--unsigned-payload")) {
            options.unsignedPayload = true;
        } else if (valued.contains(arg)) {
            if (i + 1 >= arguments.size())
                return usageError(QStringLiteral("%1 needs a value.").arg(arg));
            if (const Core::Result<void> applied = applyOption(options, arg, arguments.at(++i)); !applied)
                return applied.error();
        } else if (arg.startsWith(QLatin1Char('-')) && arg.size() > 1) {
            return usageError(QStringLiteral("unknown option '%1'.").arg(arg));
        } else {
            positional.append(arg);
        }
    }
    if (positional.size() != 2)
        return usageError(QStringLiteral("give a METHOD and a URL, e.g. 'gatehouse sign GET "
                                    "https://abc123.execute-api.us-east-1.amazonaws.com/prod/items'."));
    options.spec.method = positional.at(0).toUpper();
    options.spec.url = positional.at(1);
    return options;
}

QByteArray report(const Core::HttpClientRequest &request, const Core::Aws::SignedRequest &signedRequest,
                  bool presigned)
{
    const Core::Aws::SigV4Signature &signature = signedRequest.signature;
    QByteArray out = "Credentials: " + signedRequest.credentialsSource.toUtf8() + " (access key "
                     + signedRequest.accessKeyId + ")\n";
    out += "Scope: " + signature.credentialScope + "\n\n";
    out += "Canonical request:\n" + signature.canonicalRequest + "\n\n";
    out += "String to sign:\n" + signature.stringToSign + "\n\n";
    out += "Signature: " + signature.signature + "\n\n";
    if (presigned) {
        out += "Presigned URL:\n" + request.url.toEncoded() + "\n";
        return out;
    }
    out += "Signed request:\n" + request.method + ' ' + request.url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority) + "\n";
    if (!request.headers.contains("host"))
        out += "Host: " + Core::Aws::hostHeaderFor(request.url) + "\n";
    for (const Core::HttpHeaders::Field &field : request.headers.fields())
        out += field.first + ": " + field.second + "\n";
    return out;
}

int signAndPrint(const SignOptions &options, Core::HttpClientRequest request, const Core::Aws::SigningScope &scope,
                 const Core::Aws::Credentials &credentials, const QString &providerName)
{
    Core::Aws::SignedRequest out;
    out.credentialsSource = credentials.source.isEmpty() ? providerName : credentials.source;
    out.accessKeyId = credentials.accessKeyId.toUtf8();
    const bool presign = options.presignSeconds > 0;
    const Core::Result<Core::Aws::SigV4Signature> signature =
        presign ? Core::Aws::presignClientRequest(request, credentials, scope, options.time, options.presignSeconds)
                : Core::Aws::signClientRequest(request, credentials, scope, options.time);
    if (!signature) {
        QTextStream(stderr) << "gatehouse sign: " << signature.error().message << "\n";
        return ExitUsage;
    }
    out.signature = *signature;
    QFile stdoutFile;
    if (stdoutFile.open(stdout, QIODevice::WriteOnly))
        stdoutFile.write(report(request, out, presign));
    return ExitOk;
}

} // namespace

int runSignCommand(const QStringList &arguments)
{
    QTextStream err(stderr);
    const Core::Result<SignOptions> options = parseSignArguments(arguments);
    if (!options) {
        err << "gatehouse sign: " << options.error().message << "\n";
        return ExitUsage;
    }
    const Core::Result<Core::HttpClientRequest> request = options->spec.toClientRequest(Core::Environment{});
    if (!request) {
        err << "gatehouse sign: " << request.error().message << "\n";
        return ExitUsage;
    }
    Core::RequestAuth auth;
    auth.kind = Core::AuthKind::AwsSigV4;
    auth.profile = options->profile;
    auth.service = options->service;
    auth.region = options->region;
    auth.unsignedPayload = options->unsignedPayload;
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const Core::Result<Core::Aws::SigningScope> scope = Core::Aws::signingScopeFor(request->url, auth, &environment);
    if (!scope) {
        err << "gatehouse sign: " << scope.error().message << " Use --service and --region.\n";
        return ExitUsage;
    }
    Core::Aws::StsClient sts; // profiles with role_arn assume their role through it
    std::unique_ptr<Core::Aws::CredentialsProvider> provider =
        Core::Aws::makeCredentialsProvider(auth, environment, &sts);
    int exitCode = ExitFailure;
    QObject context;
    provider->resolve(&context, [&](const Core::Result<Core::Aws::Credentials> &credentials) {
        QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
        if (!credentials) {
            err << "gatehouse sign: no credentials to sign with: " << credentials.error().message << "\n";
            return;
        }
        exitCode = signAndPrint(*options, *request, *scope, *credentials, provider->describe());
    });
    QCoreApplication::exec();
    return exitCode;
}

} // namespace Gatehouse::App
