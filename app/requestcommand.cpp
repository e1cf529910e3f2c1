#include "commands.h"

#include "core/httpclient.h"
#include "core/jsonpretty.h"
#include "core/requestspec.h"
#include "core/variables.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

namespace Gatehouse::App {

namespace {

struct ParsedRequest
{
    Core::RequestSpec spec;
    QString environmentFile;
};

// curl-like arguments: METHOD URL [-H 'Name: value']... [-d BODY|@FILE] [--env FILE] [--timeout S]
Core::Result<ParsedRequest> parseArguments(const QStringList &arguments)
{
    ParsedRequest parsed;
    QStringList positional;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        const bool takesValue = arg == QLatin1String("-H") || arg == QLatin1String("--header")
                                || arg == QLatin1String("-d") || arg == QLatin1String("--data")
                                || arg == QLatin1String("--env")
                                || arg == QLatin1String("--timeout");
        if (!takesValue) {
            if (arg.startsWith(QLatin1Char('-')) && arg.size() > 1)
                return Core::makeError(Core::ErrorCode::InvalidArgument,
                                       QStringLiteral("unknown option '%1'.").arg(arg));
            positional.append(arg);
            continue;
        }
        if (i + 1 >= arguments.size())
            return Core::makeError(Core::ErrorCode::InvalidArgument,
                                   QStringLiteral("%1 needs a value.").arg(arg));
        const QString value = arguments.at(++i);
        if (arg == QLatin1String("-H") || arg == QLatin1String("--header")) {
            const qsizetype colon = value.indexOf(QLatin1Char(':'));
            if (colon <= 0)
                return Core::makeError(Core::ErrorCode::InvalidArgument,
                                       QStringLiteral("header '%1' is not 'Name: value'.").arg(value));
            parsed.spec.headers.append({true, value.left(colon).trimmed(), value.mid(colon + 1).trimmed()});
        } else if (arg == QLatin1String("-d") || arg == QLatin1String("--data")) {
            QString body = value;
            if (value.startsWith(QLatin1Char('@'))) {
                QFile file(value.mid(1));
                if (!file.open(QIODevice::ReadOnly))
                    return Core::makeError(Core::ErrorCode::Io,
                                           QStringLiteral("cannot read the body file '%1': %2.")
                                               .arg(value.mid(1), file.errorString()));
                body = QString::fromUtf8(file.readAll());
            }
            parsed.spec.body = body;
            parsed.spec.bodyKind = Core::validateJson(body.toUtf8()) ? Core::BodyKind::Json
                                                                     : Core::BodyKind::Text;
        } else if (arg == QLatin1String("--env")) {
            parsed.environmentFile = value;
        } else {
            bool ok = false;
            const double seconds = value.toDouble(&ok);
            if (!ok || seconds <= 0)
                return Core::makeError(Core::ErrorCode::InvalidArgument,
                                       QStringLiteral("--timeout takes seconds, e.g. 10, not '%1'.").arg(value));
            parsed.spec.timeoutMs = static_cast<int>(seconds * 1000);
        }
    }
    if (positional.size() != 2)
        return Core::makeError(Core::ErrorCode::InvalidArgument,
                               QStringLiteral("give a METHOD and a URL, e.g. 'gatehouse request GET http://127.0.0.1:4577/'."));
    parsed.spec.method = positional.at(0).toUpper();
    parsed.spec.url = positional.at(1);
    if (parsed.spec.bodyKind == Core::BodyKind::None && parsed.spec.method == QLatin1String("GET"))
        parsed.spec.body.clear();
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
    Core::Environment environment;
    if (!parsed->environmentFile.isEmpty()) {
        const Core::Result<Core::Environment> loaded = Core::loadEnvironmentFile(parsed->environmentFile);
        if (!loaded) {
            err << "gatehouse request: " << loaded.error().message << "\n";
            return ExitUsage;
        }
        environment = loaded.value();
    }
    const Core::Result<Core::HttpClientRequest> request = parsed->spec.toClientRequest(environment);
    if (!request) {
        err << "gatehouse request: " << request.error().message << "\n";
        return ExitUsage;
    }

    Core::HttpClient client;
    int exitCode = ExitFailure;
    Core::HttpJob *job = client.send(request.value());
    QObject::connect(job, &Core::HttpJob::finished, &client,
                     [&](const Core::Result<Core::HttpClientResponse> &result) {
        if (!result) {
            err << "gatehouse request: " << result.error().message << "\n";
            exitCode = ExitTransport;
        } else {
            printResponse(result.value());
            exitCode = result->status >= 400 ? ExitHttpError : ExitOk;
        }
        QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
    });
    QCoreApplication::exec();
    return exitCode;
}

} // namespace Gatehouse::App
