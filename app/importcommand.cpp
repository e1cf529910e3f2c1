#include "commands.h"
#include "core/collection/collectionedit.h"
#include "core/httpclient.h"
#include "core/import/curlimport.h"
#include "core/import/documentimport.h"
#include "core/import/emulatorimport.h"
#include "core/import/openapiimport.h"
#include "core/import/postmanimport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <optional>

namespace Gatehouse::App {

namespace {

using Core::Import::ImportResult;

struct ImportArguments
{
    QString format; // curl, postman, openapi, emulator
    QString input;  // FILE, URL or -
    QString collection; // --collection DIR: also write the requests there as a new collection
    bool json = false;
};

Core::Result<ImportArguments> parseImportArguments(const QStringList &arguments)
{
    ImportArguments parsed;
    QStringList positional;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == QLatin1String("--json")) {
            parsed.json = true;
        } else if (arg == QLatin1String("--collection")) {
            if (i + 1 >= arguments.size() || arguments.at(i + 1).isEmpty())
                return usageError(QStringLiteral(
                    "--collection needs a folder to write the collection to (empty or new)."));
            parsed.collection = arguments.at(++i);
        } else if (arg.startsWith(QLatin1Char('-')) && arg != QLatin1String("-")) {
            return usageError(QStringLiteral("unknown option '%1'.").arg(arg));
        } else {
            positional << arg;
        }
    }
    static const QStringList formats = {QStringLiteral("curl"), QStringLiteral("postman"),
                                        QStringLiteral("openapi"), QStringLiteral("emulator")};
    // One argument that names no format: the document says what it is.
    if (positional.size() == 1 && !formats.contains(positional.first()))
        positional.prepend(QStringLiteral("auto"));
    if (positional.isEmpty() ||
        !(formats.contains(positional.first()) || positional.first() == QLatin1String("auto")))
        return usageError(QStringLiteral(
            "say what to import: 'gatehouse import [curl|postman|openapi] FILE|URL|-' or "
            "'gatehouse import emulator [URL]'."));
    parsed.format = positional.first();
    if (parsed.format == QLatin1String("emulator") && positional.size() == 1)
        positional << QStringLiteral("http://127.0.0.1:4577/");
    if (positional.size() != 2)
        return usageError(
            QStringLiteral("give one FILE, URL or - (standard input) to import from."));
    parsed.input = positional.at(1);
    return parsed;
}

bool isWebAddress(const QString &input)
{
    return input.startsWith(QLatin1String("http://")) ||
           input.startsWith(QLatin1String("https://"));
}

// The document from a file or standard input; URLs are fetched by fetchDocument().
Core::Result<QByteArray> readLocal(const QString &input)
{
    QFile file;
    const bool opened = input == QLatin1String("-")
                            ? file.open(stdin, QIODevice::ReadOnly)
                            : (file.setFileName(input), file.open(QIODevice::ReadOnly));
    if (!opened)
        return usageError(QStringLiteral("cannot read '%1': %2.").arg(input, file.errorString()));
    return file.readAll();
}

// GET url with the event loop turning; exit code and words on failure.
std::optional<QByteArray> fetchDocument(const QString &url, int *exitCode)
{
    const Core::Result<QUrl> parsed = Core::parseRequestUrl(url);
    if (!parsed) {
        QTextStream(stderr) << "gatehouse import: " << parsed.error().message << "\n";
        *exitCode = ExitUsage;
        return std::nullopt;
    }
    Core::HttpClientRequest request;
    request.url = *parsed;
    request.followRedirects = true;
    request.headers.add("Accept", "application/json, application/yaml;q=0.9, */*;q=0.8");
    Core::HttpClient client;
    std::optional<QByteArray> body;
    Core::HttpJob *job = client.send(request);
    QObject::connect(job, &Core::HttpJob::finished, &client,
                     [&](const Core::Result<Core::HttpClientResponse> &result) {
                         if (!result) {
                             QTextStream(stderr) << "gatehouse import: cannot fetch " << url << ": "
                                                 << result.error().message << "\n";
                             *exitCode = ExitTransport;
                         } else if (result->status >= 400) {
                             QTextStream(stderr) << "gatehouse import: " << url << " answered "
                                                 << result->status << " " << result->reason << "\n";
                             *exitCode = ExitUsage;
                         } else {
                             body = result->body;
                         }
                         QMetaObject::invokeMethod(qApp, &QCoreApplication::quit,
                                                   Qt::QueuedConnection);
                     });
    QCoreApplication::exec();
    return body;
}

ImportResult runImporter(const QString &format, const QByteArray &data, const QString &source)
{
    if (format == QLatin1String("curl"))
        return Core::Import::importCurl(QString::fromUtf8(data), source);
    if (format == QLatin1String("postman"))
        return Core::Import::importPostman(data, source);
    if (format == QLatin1String("openapi"))
        return Core::Import::importOpenApi(data, source);
    if (format == QLatin1String("emulator"))
        return Core::Import::importEmulatorIndex(data, source);
    return Core::Import::importDocument(data, source);
}

QString bodyKindName(Core::BodyKind kind)
{
    switch (kind) {
    case Core::BodyKind::Json:
        return QStringLiteral("json");
    case Core::BodyKind::Xml:
        return QStringLiteral("xml");
    case Core::BodyKind::Text:
        return QStringLiteral("text");
    case Core::BodyKind::Form:
        return QStringLiteral("form");
    case Core::BodyKind::Multipart:
        return QStringLiteral("multipart");
    case Core::BodyKind::Binary:
        return QStringLiteral("binary");
    case Core::BodyKind::None:
        break;
    }
    return QStringLiteral("none");
}

QString authName(Core::AuthKind kind)
{
    switch (kind) {
    case Core::AuthKind::Bearer:
        return QStringLiteral("bearer");
    case Core::AuthKind::AwsSigV4:
        return QStringLiteral("sigv4");
    case Core::AuthKind::Basic:
        return QStringLiteral("basic");
    case Core::AuthKind::ApiKey:
        return QStringLiteral("apikey");
    case Core::AuthKind::OAuth2:
        return QStringLiteral("oauth2");
    case Core::AuthKind::None:
        break;
    }
    return QStringLiteral("none");
}

// The result as JSON; secret values are never written, only their names.
QJsonObject toJson(const ImportResult &result)
{
    QJsonArray requests;
    for (const Core::Import::ImportedRequest &r : result.requests) {
        QJsonArray headers;
        for (const Core::HeaderEntry &h : r.spec.headers)
            headers.append(QJsonObject{{QStringLiteral("name"), h.name},
                                       {QStringLiteral("value"), h.value},
                                       {QStringLiteral("enabled"), h.enabled}});
        const Core::RequestAuth auth = r.spec.auth.withoutSecrets();
        QJsonObject authJson{{QStringLiteral("kind"), authName(auth.kind)}};
        if (auth.kind == Core::AuthKind::Bearer)
            authJson.insert(QStringLiteral("token"),
                            r.spec.auth.bearerToken); // a {{placeholder}}: importers hide tokens
        if (auth.kind == Core::AuthKind::Basic) {     // importers leave only {{placeholders}}
            authJson.insert(QStringLiteral("username"), r.spec.auth.basicUsername);
            authJson.insert(QStringLiteral("password"), r.spec.auth.basicPassword);
        }
        if (auth.kind == Core::AuthKind::ApiKey) {
            authJson.insert(QStringLiteral("name"), r.spec.auth.apiKeyName);
            authJson.insert(QStringLiteral("in"),
                            r.spec.auth.apiKeyLocation == Core::ApiKeyLocation::Query
                                ? QStringLiteral("query")
                                : QStringLiteral("header"));
            authJson.insert(QStringLiteral("value"), r.spec.auth.apiKeyValue);
        }
        if (auth.kind == Core::AuthKind::AwsSigV4) {
            authJson.insert(QStringLiteral("region"), auth.region);
            authJson.insert(QStringLiteral("service"), auth.service);
        }
        requests.append(
            QJsonObject{{QStringLiteral("name"), r.name},
                        {QStringLiteral("folder"), QJsonArray::fromStringList(r.folder)},
                        {QStringLiteral("method"), r.spec.method},
                        {QStringLiteral("url"), r.spec.url},
                        {QStringLiteral("headers"), headers},
                        {QStringLiteral("bodyKind"), bodyKindName(r.spec.bodyKind)},
                        {QStringLiteral("body"), r.spec.body},
                        {QStringLiteral("auth"), authJson},
                        {QStringLiteral("description"), r.description}});
    }
    QJsonObject variables;
    for (auto it = result.variables.cbegin(); it != result.variables.cend(); ++it)
        variables.insert(it.key(), it.value());
    QJsonArray problems;
    for (const Core::Import::ImportProblem &p : result.problems)
        problems.append(QJsonObject{
            {QStringLiteral("source"), p.source},
            {QStringLiteral("line"), p.line},
            {QStringLiteral("column"), p.column},
            {QStringLiteral("message"), p.message},
            {QStringLiteral("severity"), p.severity == Core::Import::ImportProblem::Severity::Error
                                             ? QStringLiteral("error")
                                             : QStringLiteral("warning")}});
    return {{QStringLiteral("name"), result.name},
            {QStringLiteral("requests"), requests},
            {QStringLiteral("variables"), variables},
            {QStringLiteral("secretVariables"), QJsonArray::fromStringList(result.secrets.keys())},
            {QStringLiteral("problems"), problems}};
}

void printText(const ImportResult &result)
{
    QTextStream out(stdout);
    out << (result.name.isEmpty() ? QStringLiteral("Imported") : result.name) << ": "
        << result.requests.size() << (result.requests.size() == 1 ? " request\n" : " requests\n");
    for (const Core::Import::ImportedRequest &r : result.requests) {
        out << "\n" << r.spec.method << " " << r.spec.url << "\n";
        out << "  name: " << r.name << "\n";
        if (!r.folder.isEmpty())
            out << "  folder: " << r.folder.join(QLatin1Char('/')) << "\n";
        QStringList headers;
        for (const Core::HeaderEntry &h : r.spec.headers)
            headers << (h.enabled ? h.name : h.name + QStringLiteral(" (off)"));
        if (!headers.isEmpty())
            out << "  headers: " << headers.join(QStringLiteral(", ")) << "\n";
        if (r.spec.auth.kind != Core::AuthKind::None)
            out << "  auth: " << authName(r.spec.auth.kind) << "\n";
        if (r.spec.bodyKind != Core::BodyKind::None)
            out << "  body: " << bodyKindName(r.spec.bodyKind) << ", "
                << r.spec.body.toUtf8().size() << " bytes\n";
    }
    if (!result.variables.isEmpty()) {
        out << "\nVariables:\n";
        for (auto it = result.variables.cbegin(); it != result.variables.cend(); ++it) {
            if (result.toFill.contains(it.key()))
                out << "  " << it.key() << " (no value in the input: set it in --env)\n";
            else
                out << "  " << it.key() << " = " << it.value() << "\n";
        }
    }
    if (!result.secrets.isEmpty())
        out << "\nSecret variables (values not shown; keep them in an environment marked secret): "
            << result.secrets.keys().join(QStringLiteral(", ")) << "\n";
}

} // namespace

int runImportCommand(const QStringList &arguments)
{
    const Core::Result<ImportArguments> parsed = parseImportArguments(arguments);
    if (!parsed) {
        QTextStream(stderr) << "gatehouse import: " << parsed.error().message << "\n";
        return ExitUsage;
    }
    QByteArray data;
    if (isWebAddress(parsed->input)) {
        int exitCode = ExitOk;
        const std::optional<QByteArray> fetched = fetchDocument(parsed->input, &exitCode);
        if (!fetched)
            return exitCode;
        data = *fetched;
    } else {
        const Core::Result<QByteArray> read = readLocal(parsed->input);
        if (!read) {
            QTextStream(stderr) << "gatehouse import: " << read.error().message << "\n";
            return ExitUsage;
        }
        data = *read;
    }
    const ImportResult result = runImporter(parsed->format, data, parsed->input);
    QTextStream err(stderr);
    for (const Core::Import::ImportProblem &p : result.problems)
        err << p.toString() << "\n";
    err.flush();
    if (parsed->json)
        QTextStream(stdout) << QJsonDocument(toJson(result)).toJson(QJsonDocument::Indented);
    else
        printText(result);
    if (result.requests.isEmpty())
        return ExitUsage;
    // The same collection the window's Import dialog creates, so that `gatehouse run` can send
    // an imported document headless (secret variables are written by name only).
    if (!parsed->collection.isEmpty()) {
        const Core::Result<Core::Collection::Collection> written = Core::Collection::createCollection(
            parsed->collection, Core::Collection::collectionFromImport(result));
        if (!written) {
            err << "gatehouse import: the collection was not written: " << written.error().message
                << "\n";
            return ExitUsage;
        }
        err << "gatehouse import: wrote " << result.requests.size()
            << (result.requests.size() == 1 ? " request" : " requests") << " to "
            << QDir::toNativeSeparators(parsed->collection) << "\n";
    }
    return ExitOk;
}

} // namespace Gatehouse::App
