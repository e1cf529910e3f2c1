#include "lambdacontrolplane.h"

#include "awsauthenticator.h"
#include "lambdainvokeapi.h"
#include "lambdaregistry.h"
#include "labloader.h"
#include "lambdaservice.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>
#include <nlohmann/json.hpp>
#include <optional>
#include <variant>

namespace Gatehouse::Emulator {

namespace {

using Json = nlohmann::ordered_json;

constexpr QByteArrayView Prefix = "/2015-03-31/functions";
// Put/DeleteFunctionConcurrency and GetFunctionConcurrency came with later API dates; the
// prefixes have the same length as Prefix.
constexpr QByteArrayView ConcurrencyPrefix = "/2017-10-31/functions";
constexpr QByteArrayView GetConcurrencyPrefix = "/2019-09-30/functions";
constexpr QByteArrayView ConcurrencySuffix = "/concurrency";
constexpr int DefaultMaxItems = 50;

Core::HttpResponse jsonAnswer(int status, const Json &doc)
{
    Core::HttpResponse response;
    response.status = status;
    response.headers.add("Content-Type", "application/json");
    response.headers.add("x-amzn-RequestId", AwsAuthenticator::newRequestId());
    response.body = QByteArray::fromStdString(doc.dump());
    return response;
}

Core::HttpResponse errorAnswer(const Core::Error &error)
{
    Json doc;
    doc["Type"] = error.httpStatus >= 500 ? "Service" : "User";
    // The Lambda model spells the member "Message" for ResourceNotFoundException only.
    const bool capital = error.awsCode == QLatin1String("ResourceNotFoundException");
    doc[capital ? "Message" : "message"] = error.message.toStdString();
    Core::HttpResponse response = jsonAnswer(error.httpStatus > 0 ? error.httpStatus : 500, doc);
    response.headers.add("x-amzn-ErrorType", error.awsCode.toUtf8());
    return response;
}

Core::HttpResponse invalid(const QString &message)
{
    return errorAnswer(lambdaError(400, QStringLiteral("InvalidParameterValueException"), message));
}

std::string str(const QString &text)
{
    return text.toStdString();
}

QString queryValue(const Core::HttpRequest &request, const QString &key)
{
    return QUrlQuery(QString::fromUtf8(request.query)).queryItemValue(key, QUrl::FullyDecoded);
}

// The slice [first, last) of a list of `count` items for Marker/MaxItems, and the next marker.
struct Page
{
    qsizetype first = 0;
    qsizetype last = 0;
    QString nextMarker;
    QString error;
};

Page pageOf(const Core::HttpRequest &request, qsizetype count)
{
    Page page;
    const QString marker = queryValue(request, QStringLiteral("Marker"));
    const QString maxText = queryValue(request, QStringLiteral("MaxItems"));
    bool ok = true;
    const int maxItems = maxText.isEmpty() ? DefaultMaxItems : maxText.toInt(&ok);
    if (!ok || maxItems < 1 || maxItems > 10000) {
        page.error = QStringLiteral("1 validation error detected: Value '%1' at 'maxItems' failed "
                                    "to satisfy constraint: Member must have value between 1 "
                                    "and 10000")
                         .arg(maxText);
        return page;
    }
    page.first = marker.isEmpty() ? 0 : marker.toLongLong(&ok);
    if (!ok || page.first < 0 || page.first > count) {
        page.error = QStringLiteral("Invalid marker: %1").arg(marker);
        return page;
    }
    page.last = qMin(count, page.first + maxItems);
    if (page.last < count)
        page.nextMarker = QString::number(page.last);
    return page;
}

Json configurationJson(const LambdaRegistry &registry, const LambdaVersion &v, bool qualifiedArn)
{
    const FunctionConfig &c = v.config;
    Json doc;
    doc["FunctionName"] = str(c.name);
    doc["FunctionArn"] = str(registry.functionArn(c.name, qualifiedArn ? v.version : QString()));
    doc["Runtime"] = str(c.runtime);
    if (!c.handler.isEmpty())
        doc["Handler"] = str(c.handler);
    doc["CodeSize"] = v.codeSize;
    doc["Description"] = str(v.description);
    if (!c.role.isEmpty())
        doc["Role"] = str(c.role);
    doc["Timeout"] = c.timeoutSeconds;
    doc["MemorySize"] = c.memoryMb;
    doc["LastModified"] = str(v.lastModified);
    doc["CodeSha256"] = str(v.codeSha256);
    doc["Version"] = str(v.version);
    if (!c.environment.isEmpty()) {
        Json variables = Json::object();
        for (const auto &[key, value] : c.environment)
            variables[str(key)] = str(value);
        doc["Environment"] = Json{{"Variables", variables}};
    }
    doc["TracingConfig"] = Json{{"Mode", "PassThrough"}};
    doc["RevisionId"] = str(v.revisionId);
    doc["State"] = "Active";
    doc["LastUpdateStatus"] = "Successful";
    doc["PackageType"] = "Zip";
    doc["Architectures"] = Json::array({str(c.architecture)});
    doc["EphemeralStorage"] = Json{{"Size", 512}};
    return doc;
}

Json aliasJson(const LambdaRegistry &registry, const QString &function, const LambdaAlias &a)
{
    Json doc;
    doc["AliasArn"] = str(registry.functionArn(function, a.name));
    doc["Name"] = str(a.name);
    doc["FunctionVersion"] = str(a.functionVersion);
    doc["Description"] = str(a.description);
    if (!a.additionalVersion.isEmpty())
        doc["RoutingConfig"] =
            Json{{"AdditionalVersionWeights", Json{{str(a.additionalVersion), a.additionalWeight}}}};
    doc["RevisionId"] = str(a.revisionId);
    return doc;
}

std::optional<Json> parseBody(const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return Json::object();
    Json doc = Json::parse(body.constBegin(), body.constEnd(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return std::nullopt;
    return doc;
}

QString textMember(const Json &doc, const char *key)
{
    const auto it = doc.find(key);
    return it != doc.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                              : QString();
}

// RoutingConfig.AdditionalVersionWeights into alias; an error message, or empty.
QString readRouting(const Json &doc, LambdaAlias &alias)
{
    const auto routing = doc.find("RoutingConfig");
    if (routing == doc.end())
        return {};
    alias.additionalVersion.clear();
    alias.additionalWeight = 0;
    if (!routing->is_object())
        return {};
    const auto weights = routing->find("AdditionalVersionWeights");
    if (weights == routing->end() || !weights->is_object())
        return {};
    if (weights->size() > 1)
        return QStringLiteral("Number of items in AdditionalVersionWeights cannot be greater "
                              "than 1");
    for (const auto &[key, value] : weights->items()) {
        if (!value.is_number())
            return QStringLiteral("AdditionalVersionWeights values are numbers");
        alias.additionalVersion = QString::fromStdString(key);
        alias.additionalWeight = value.get<double>();
    }
    return {};
}

Core::HttpResponse validation(const QString &message)
{
    return errorAnswer(lambdaError(400, QStringLiteral("ValidationException"),
                                   QStringLiteral("1 validation error detected: ") + message));
}

// A whole number member in [min, max], or an answer saying what is wrong.
std::optional<Core::HttpResponse> readBounded(const Json &doc, const char *key, const char *wire,
                                              int min, int max, int &into)
{
    const auto it = doc.find(key);
    if (it == doc.end())
        return std::nullopt;
    if (!it->is_number_integer())
        return validation(QStringLiteral("Value '%1' at '%2' failed to satisfy constraint: Member "
                                         "must be a whole number")
                              .arg(QString::fromStdString(it->dump()), QLatin1String(wire)));
    const qint64 value = it->get<qint64>();
    if (value < min || value > max)
        return validation(QStringLiteral("Value '%1' at '%2' failed to satisfy constraint: Member "
                                         "must have value %3 %4")
                              .arg(value)
                              .arg(QLatin1String(wire))
                              .arg(value < min ? QStringLiteral("greater than or equal to")
                                               : QStringLiteral("less than or equal to"))
                              .arg(value < min ? min : max));
    into = int(value);
    return std::nullopt;
}

// The settings CreateFunction and UpdateFunctionConfiguration share, read into config.
std::optional<Core::HttpResponse> readSettings(const Json &doc, FunctionConfig &config)
{
    if (doc.contains("Runtime")) {
        const QString runtime = textMember(doc, "Runtime");
        if (!LabLoader::supportedRuntimes().contains(runtime))
            return invalid(QStringLiteral("The runtime parameter of %1 is not supported by the "
                                          "emulator. Use one of: %2.")
                               .arg(runtime, LabLoader::supportedRuntimes().join(QStringLiteral(", "))));
        config.runtime = runtime;
    }
    if (doc.contains("Handler")) {
        static const QRegularExpression handlerPattern(QStringLiteral("^[^\\s]{1,128}$"));
        const QString handler = textMember(doc, "Handler");
        if (!handlerPattern.match(handler).hasMatch())
            return validation(QStringLiteral("Value '%1' at 'handler' failed to satisfy constraint: "
                                             "Member must satisfy regular expression pattern: "
                                             "[^\\s]+ (e.g. app.lambda_handler)")
                                  .arg(handler));
        config.handler = handler;
    }
    if (doc.contains("Description"))
        config.description = textMember(doc, "Description");
    if (auto wrong = readBounded(doc, "Timeout", "timeout", 1, 900, config.timeoutSeconds))
        return wrong;
    if (auto wrong = readBounded(doc, "MemorySize", "memorySize", 128, 10240, config.memoryMb))
        return wrong;
    if (const auto env = doc.find("Environment"); env != doc.end()) {
        config.environment.clear();
        const auto variables = env->is_object() ? env->find("Variables") : env->end();
        if (env->is_object() && variables != env->end()) {
            if (!variables->is_object())
                return invalid(QStringLiteral("Environment.Variables is an object of names and "
                                              "text values"));
            for (const auto &[key, value] : variables->items()) {
                if (!value.is_string())
                    return invalid(QStringLiteral("Environment variable %1 must have a text value")
                                       .arg(QString::fromStdString(key)));
                config.environment.append({QString::fromStdString(key),
                                           QString::fromStdString(value.get<std::string>())});
            }
        }
    }
    if (const auto arch = doc.find("Architectures"); arch != doc.end()) {
        const bool one = arch->is_array() && arch->size() == 1 && arch->at(0).is_string();
        const QString value = one ? QString::fromStdString(arch->at(0).get<std::string>()) : QString();
        if (value != QLatin1String("x86_64") && value != QLatin1String("arm64"))
            return validation(QStringLiteral("Value '%1' at 'architectures' failed to satisfy "
                                             "constraint: Member must be [x86_64] or [arm64]")
                                  .arg(QString::fromStdString(arch->dump())));
        config.architecture = value;
    }
    return std::nullopt;
}

// Code.ZipFile (or UpdateFunctionCode's ZipFile) decoded, or an answer saying what is wrong.
std::variant<QByteArray, Core::HttpResponse> readZip(const Json &code)
{
    for (const char *other : {"S3Bucket", "S3Key", "S3ObjectVersion", "ImageUri"}) {
        if (code.contains(other))
            return invalid(QStringLiteral("The emulator takes the code as ZipFile only (a zip "
                                          "in base64; the AWS CLI sends --zip-file "
                                          "fileb://function.zip); %1 is not supported.")
                               .arg(QLatin1String(other)));
    }
    const auto zip = code.find("ZipFile");
    if (zip == code.end() || !zip->is_string())
        return invalid(QStringLiteral("Give the code as ZipFile: a zip in base64 (the AWS CLI "
                                      "sends --zip-file fileb://function.zip)."));
    const std::string &text = zip->get_ref<const std::string &>();
    const auto decoded = QByteArray::fromBase64Encoding(QByteArray::fromRawData(text.data(), qsizetype(text.size())),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return invalid(QStringLiteral("ZipFile is not base64. Send the zip's bytes base64-encoded "
                                      "(the AWS CLI does so for --zip-file fileb://function.zip)."));
    return decoded.decoded;
}

bool wantsPublish(const Json &doc)
{
    const auto publish = doc.find("Publish");
    return publish != doc.end() && publish->is_boolean() && publish->get<bool>();
}

} // namespace

struct LambdaControlPlane::Route
{
    QByteArray api;    // the path's first two segments, e.g. "/2015-03-31/functions"

    QString name;      // empty for ListFunctions
    QString qualifier; // from "name:qualifier" or ?Qualifier=
    QString part;      // "", "configuration", "versions", "aliases"
    QString alias;     // .../aliases/{Name}
    bool valid = true;
};

LambdaControlPlane::LambdaControlPlane(LambdaRegistry *registry, LambdaService *service)
    : m_registry(registry)
    , m_service(service)
{}

bool LambdaControlPlane::isControlPlanePath(const QByteArray &path)
{
    if ((path.startsWith(ConcurrencyPrefix) || path.startsWith(GetConcurrencyPrefix)) &&
        path.endsWith(ConcurrencySuffix))
        return path.at(Prefix.size()) == '/';
    if (!path.startsWith(Prefix) || LambdaInvokeApi::isInvokePath(path))
        return false;
    return path.size() == Prefix.size() || path.at(Prefix.size()) == '/';
}

bool LambdaControlPlane::handleRequest(const Core::HttpRequest &request, HttpResponder responder)
{
    if (!isControlPlanePath(request.path))
        return false;
    if (m_authenticator) {
        const AwsAuthentication auth = m_authenticator->authenticate(
            request, QStringLiteral("lambda"), AwsProtocol::RestJson);
        if (!auth.ok()) {
            responder.send(AwsAuthenticator::refusal(auth.error, AwsProtocol::RestJson));
            return true;
        }
    }
    const QList<QByteArray> segments = request.path.mid(Prefix.size()).split('/');
    Route route;
    route.api = request.path.left(Prefix.size());
    // segments[0] is the empty text before the first '/'.
    if (segments.size() >= 2 && !segments.at(1).isEmpty()) {
        const LambdaInvokeApi::FunctionReference ref =
            LambdaInvokeApi::parseFunctionName(QUrl::fromPercentEncoding(segments.at(1)));
        route.name = ref.name;
        route.qualifier = ref.qualifier;
        route.valid = !ref.name.isEmpty() && segments.size() <= 4;
        route.part = QString::fromUtf8(segments.value(2));
        route.alias = QUrl::fromPercentEncoding(segments.value(3));
        const QString query = queryValue(request, QStringLiteral("Qualifier"));
        if (!query.isEmpty())
            route.qualifier = query;
    }
    responder.send(answer(request, route));
    return true;
}

Core::HttpResponse LambdaControlPlane::answer(const Core::HttpRequest &request, const Route &route)
{
    const QByteArray &method = request.method;
    if (route.part == QLatin1String("concurrency") && route.api != Prefix && route.valid)
        return concurrency(request, route);
    if (!route.valid || route.api != Prefix)
        return errorAnswer(lambdaError(404, QStringLiteral("ResourceNotFoundException"),
                                       QStringLiteral("No Lambda operation at this path")));
    if (route.name.isEmpty() && method == "GET")
        return listFunctions(request);
    if (route.name.isEmpty() && method == "POST")
        return createFunction(request.body);
    if (route.part == QLatin1String("code") && method == "PUT")
        return updateCode(route, request.body);
    if (route.part == QLatin1String("configuration") && method == "PUT")
        return updateConfiguration(route, request.body);
    if (route.part.isEmpty() && method == "GET")
        return getFunction(route, false);
    if (route.part.isEmpty() && method == "DELETE")
        return deleteFunction(route);
    if (route.part == QLatin1String("configuration") && method == "GET")
        return getFunction(route, true);
    if (route.part == QLatin1String("versions") && method == "POST")
        return publishVersion(route, request.body);
    if (route.part == QLatin1String("versions") && method == "GET")
        return listVersions(request, route);
    if (route.part == QLatin1String("aliases") && route.alias.isEmpty() && method == "GET")
        return listAliases(request, route);
    if (route.part == QLatin1String("aliases") && route.alias.isEmpty() && method == "POST")
        return putAlias(route, request.body, true);
    if (route.part == QLatin1String("aliases") && !route.alias.isEmpty())
        return aliasOperation(request, route);
    return errorAnswer(lambdaError(405, QStringLiteral("MethodNotAllowedException"),
                                   QStringLiteral("This Lambda path does not take %1")
                                       .arg(QString::fromLatin1(method))));
}

Core::HttpResponse LambdaControlPlane::listFunctions(const Core::HttpRequest &request)
{
    const QString which = queryValue(request, QStringLiteral("FunctionVersion"));
    if (!which.isEmpty() && which != QLatin1String("ALL"))
        return invalid(QStringLiteral("1 validation error detected: Value '%1' at "
                                      "'functionVersion' failed to satisfy constraint: Member "
                                      "must satisfy enum value set: [ALL]")
                           .arg(which));
    QList<LambdaVersion> all;
    for (const QString &name : m_registry->functionNames()) {
        if (which.isEmpty()) {
            if (const Core::Result<LambdaVersion> v = m_registry->latest(name))
                all.append(*v);
        } else if (const Core::Result<QList<LambdaVersion>> vs = m_registry->versions(name)) {
            all.append(*vs);
        }
    }
    const Page page = pageOf(request, all.size());
    if (!page.error.isEmpty())
        return invalid(page.error);
    Json functions = Json::array();
    for (qsizetype i = page.first; i < page.last; ++i)
        functions.push_back(configurationJson(*m_registry, all.at(i), !which.isEmpty()));
    Json doc;
    if (!page.nextMarker.isEmpty())
        doc["NextMarker"] = str(page.nextMarker);
    doc["Functions"] = functions;
    return jsonAnswer(200, doc);
}

Core::HttpResponse LambdaControlPlane::getFunction(const Route &route, bool configurationOnly)
{
    const Core::Result<LambdaVersion> v = m_registry->version(route.name, route.qualifier);
    if (!v)
        return errorAnswer(v.error());
    const Json configuration = configurationJson(*m_registry, *v, !route.qualifier.isEmpty());
    if (configurationOnly)
        return jsonAnswer(200, configuration);
    Json doc{{"Configuration", configuration}};
    if (const int reserved = m_service->reservedConcurrency(route.name); reserved >= 0)
        doc["Concurrency"] = Json{{"ReservedConcurrentExecutions", reserved}};
    return jsonAnswer(200, doc);
}

Core::HttpResponse LambdaControlPlane::deleteFunction(const Route &route)
{
    if (!m_registry->hasFunction(route.name))
        return errorAnswer(lambdaError(404, QStringLiteral("ResourceNotFoundException"),
                                       QStringLiteral("Function not found: ") +
                                           m_registry->functionArn(route.name)));
    if (route.qualifier == QLatin1String("$LATEST"))
        return invalid(QStringLiteral("$LATEST version cannot be deleted without deleting the "
                                      "function."));
    if (route.qualifier.isEmpty()) {
        const Core::Result<QList<LambdaVersion>> versions = m_registry->versions(route.name);
        for (const LambdaVersion &v : versions.value().mid(1))
            m_service->removeVersion(route.name, v.version);
        m_service->removeFunction(route.name);
        m_registry->removeFunction(route.name);
    } else {
        bool numeric = false;
        route.qualifier.toInt(&numeric);
        if (!numeric)
            return invalid(QStringLiteral("Deletion of aliases is not currently supported."));
        if (const Core::Result<void> deleted = m_registry->deleteVersion(route.name, route.qualifier);
            !deleted)
            return errorAnswer(deleted.error());
        m_service->removeVersion(route.name, route.qualifier);
    }
    Core::HttpResponse response;
    response.status = 204;
    response.headers.add("x-amzn-RequestId", AwsAuthenticator::newRequestId());
    return response;
}

Core::HttpResponse LambdaControlPlane::publishVersion(const Route &route, const QByteArray &body)
{
    const std::optional<Json> doc = parseBody(body);
    if (!doc)
        return invalid(QStringLiteral("Could not parse request body into json"));
    const Core::Result<LambdaRegistry::Published> published =
        m_registry->publish(route.name, textMember(*doc, "Description"),
                            textMember(*doc, "CodeSha256"), textMember(*doc, "RevisionId"));
    if (!published)
        return errorAnswer(published.error());
    const LambdaVersion &v = published->version;
    if (published->created)
        m_service->addVersion(route.name, v.version, v.config);
    return jsonAnswer(201, configurationJson(*m_registry, v, true));
}

Core::HttpResponse LambdaControlPlane::listVersions(const Core::HttpRequest &request,
                                                    const Route &route)
{
    const Core::Result<QList<LambdaVersion>> versions = m_registry->versions(route.name);
    if (!versions)
        return errorAnswer(versions.error());
    const Page page = pageOf(request, versions->size());
    if (!page.error.isEmpty())
        return invalid(page.error);
    Json list = Json::array();
    for (qsizetype i = page.first; i < page.last; ++i)
        list.push_back(configurationJson(*m_registry, versions->at(i), true));
    Json doc;
    if (!page.nextMarker.isEmpty())
        doc["NextMarker"] = str(page.nextMarker);
    doc["Versions"] = list;
    return jsonAnswer(200, doc);
}

Core::HttpResponse LambdaControlPlane::listAliases(const Core::HttpRequest &request,
                                                   const Route &route)
{
    const Core::Result<QList<LambdaAlias>> aliases = m_registry->aliases(route.name);
    if (!aliases)
        return errorAnswer(aliases.error());
    const QString version = queryValue(request, QStringLiteral("FunctionVersion"));
    QList<LambdaAlias> chosen;
    for (const LambdaAlias &a : *aliases) {
        if (version.isEmpty() || a.functionVersion == version || a.additionalVersion == version)
            chosen.append(a);
    }
    const Page page = pageOf(request, chosen.size());
    if (!page.error.isEmpty())
        return invalid(page.error);
    Json list = Json::array();
    for (qsizetype i = page.first; i < page.last; ++i)
        list.push_back(aliasJson(*m_registry, route.name, chosen.at(i)));
    Json doc;
    if (!page.nextMarker.isEmpty())
        doc["NextMarker"] = str(page.nextMarker);
    doc["Aliases"] = list;
    return jsonAnswer(200, doc);
}

Core::HttpResponse LambdaControlPlane::putAlias(const Route &route, const QByteArray &body,
                                                bool create)
{
    const std::optional<Json> doc = parseBody(body);
    if (!doc)
        return invalid(QStringLiteral("Could not parse request body into json"));
    LambdaAlias alias;
    if (!create) {
        const Core::Result<LambdaAlias> existing = m_registry->alias(route.name, route.alias);
        if (!existing)
            return errorAnswer(existing.error());
        alias = *existing;
    }
    alias.name = create ? textMember(*doc, "Name") : route.alias;
    if (doc->contains("FunctionVersion") || create)
        alias.functionVersion = textMember(*doc, "FunctionVersion");
    if (doc->contains("Description"))
        alias.description = textMember(*doc, "Description");
    if (const QString wrong = readRouting(*doc, alias); !wrong.isEmpty())
        return invalid(wrong);
    if (alias.name.isEmpty() || alias.functionVersion.isEmpty())
        return invalid(QStringLiteral("Name and FunctionVersion are required"));
    static const QRegularExpression aliasPattern(QStringLiteral("^[a-zA-Z0-9_-]{1,128}$"));
    static const QRegularExpression digitsOnly(QStringLiteral("^[0-9]+$"));
    if (!aliasPattern.match(alias.name).hasMatch() || digitsOnly.match(alias.name).hasMatch())
        return errorAnswer(lambdaError(
            400, QStringLiteral("ValidationException"),
            QStringLiteral("1 validation error detected: Value '%1' at 'name' failed to satisfy "
                           "constraint: Member must satisfy regular expression pattern: "
                           "(?!^[0-9]+$)([a-zA-Z0-9-_]+)")
                .arg(alias.name)));
    const Core::Result<LambdaAlias> stored =
        m_registry->putAlias(route.name, alias, create, textMember(*doc, "RevisionId"));
    if (!stored)
        return errorAnswer(stored.error());
    return jsonAnswer(create ? 201 : 200, aliasJson(*m_registry, route.name, *stored));
}

Core::HttpResponse LambdaControlPlane::aliasOperation(const Core::HttpRequest &request,
                                                      const Route &route)
{
    if (request.method == "PUT")
        return putAlias(route, request.body, false);
    if (request.method == "GET") {
        const Core::Result<LambdaAlias> alias = m_registry->alias(route.name, route.alias);
        if (!alias)
            return errorAnswer(alias.error());
        return jsonAnswer(200, aliasJson(*m_registry, route.name, *alias));
    }
    if (request.method == "DELETE") {
        if (const Core::Result<void> deleted = m_registry->deleteAlias(route.name, route.alias);
            !deleted)
            return errorAnswer(deleted.error());
        Core::HttpResponse response;
        response.status = 204;
        response.headers.add("x-amzn-RequestId", AwsAuthenticator::newRequestId());
        return response;
    }
    return errorAnswer(lambdaError(405, QStringLiteral("MethodNotAllowedException"),
                                   QStringLiteral("Aliases take GET, PUT and DELETE")));
}

// PutFunctionConcurrency, GetFunctionConcurrency, DeleteFunctionConcurrency: the reservation
// belongs to the function, all versions together, and lives in the LambdaService that enforces it.
Core::HttpResponse LambdaControlPlane::concurrency(const Core::HttpRequest &request,
                                                   const Route &route)
{
    const QByteArray &method = request.method;
    const bool put = route.api == ConcurrencyPrefix && method == "PUT";
    const bool remove = route.api == ConcurrencyPrefix && method == "DELETE";
    const bool get = route.api == GetConcurrencyPrefix && method == "GET";
    if (!put && !remove && !get)
        return errorAnswer(lambdaError(405, QStringLiteral("MethodNotAllowedException"),
                                       QStringLiteral("Concurrency takes PUT and DELETE under "
                                                      "/2017-10-31, GET under /2019-09-30")));
    if (!m_registry->hasFunction(route.name))
        return errorAnswer(lambdaError(404, QStringLiteral("ResourceNotFoundException"),
                                       QStringLiteral("Function not found: ") +
                                           m_registry->functionArn(route.name)));
    if (!route.qualifier.isEmpty())
        return invalid(QStringLiteral("Reserved concurrency belongs to the whole function, not to "
                                      "version or alias %1; name the function without a qualifier.")
                           .arg(route.qualifier));
    if (remove) {
        m_service->setReservedConcurrency(route.name, -1);
        Core::HttpResponse response;
        response.status = 204;
        response.headers.add("x-amzn-RequestId", AwsAuthenticator::newRequestId());
        return response;
    }
    if (get) {
        const int reserved = m_service->reservedConcurrency(route.name);
        return jsonAnswer(200, reserved < 0 ? Json::object()
                                            : Json{{"ReservedConcurrentExecutions", reserved}});
    }
    const std::optional<Json> doc = parseBody(request.body);
    if (!doc)
        return invalid(QStringLiteral("Could not parse request body into json"));
    const auto value = doc->find("ReservedConcurrentExecutions");
    if (value == doc->end() || !value->is_number_integer())
        return errorAnswer(lambdaError(
            400, QStringLiteral("ValidationException"),
            QStringLiteral("1 validation error detected: Value null at "
                           "'reservedConcurrentExecutions' failed to satisfy constraint: Member "
                           "must not be null (give a whole number, 0 or more)")));
    const qint64 reserved = value->get<qint64>();
    if (reserved < 0)
        return errorAnswer(lambdaError(
            400, QStringLiteral("ValidationException"),
            QStringLiteral("1 validation error detected: Value '%1' at "
                           "'reservedConcurrentExecutions' failed to satisfy constraint: Member "
                           "must have value greater than or equal to 0")
                .arg(reserved)));
    const int others = m_service->totalReservedConcurrency() -
                       qMax(0, m_service->reservedConcurrency(route.name));
    if (m_service->accountConcurrency() - others - reserved < MinUnreservedConcurrency)
        return invalid(QStringLiteral("Specified ReservedConcurrentExecutions for function "
                                      "decreases account's UnreservedConcurrentExecution below "
                                      "its minimum value of [%1]. At most %2 can be reserved "
                                      "for %3.")
                           .arg(MinUnreservedConcurrency)
                           .arg(qMax(0, m_service->accountConcurrency() - others -
                                            MinUnreservedConcurrency))
                           .arg(route.name));
    m_service->setReservedConcurrency(route.name, int(reserved));
    return jsonAnswer(200, Json{{"ReservedConcurrentExecutions", reserved}});
}

Core::HttpResponse LambdaControlPlane::answerPublished(const QString &name, int status)
{
    const Core::Result<LambdaRegistry::Published> published = m_registry->publish(name, {}, {}, {});
    if (!published)
        return errorAnswer(published.error());
    const LambdaVersion &v = published->version;
    if (published->created)
        m_service->addVersion(name, v.version, v.config);
    return jsonAnswer(status, configurationJson(*m_registry, v, true));
}

Core::HttpResponse LambdaControlPlane::createFunction(const QByteArray &body)
{
    if (body.size() > MaxCreateFunctionRequest)
        return errorAnswer(lambdaError(413, QStringLiteral("RequestEntityTooLargeException"),
                                       QStringLiteral("Request must be smaller than %1 bytes for "
                                                      "the CreateFunction operation")
                                           .arg(MaxCreateFunctionRequest)));
    const std::optional<Json> doc = parseBody(body);
    if (!doc)
        return invalid(QStringLiteral("Could not parse request body into json"));
    FunctionConfig config;
    config.name = textMember(*doc, "FunctionName");
    static const QRegularExpression namePattern(QStringLiteral("^[a-zA-Z0-9_-]{1,64}$"));
    if (!namePattern.match(config.name).hasMatch())
        return validation(QStringLiteral("Value '%1' at 'functionName' failed to satisfy "
                                         "constraint: Member must satisfy regular expression "
                                         "pattern: [a-zA-Z0-9-_]{1,64}")
                              .arg(config.name));
    config.logicalId = config.name;
    config.role = textMember(*doc, "Role");
    static const QRegularExpression rolePattern(
        QStringLiteral("^arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+$"));
    if (!rolePattern.match(config.role).hasMatch())
        return validation(QStringLiteral("Value '%1' at 'role' failed to satisfy constraint: "
                                         "Member must satisfy regular expression pattern: "
                                         "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?"
                                         "[a-zA-Z_0-9+=,.@\\-_/]+ (e.g. "
                                         "arn:aws:iam::123456789012:role/lambda-role)")
                              .arg(config.role));
    if (textMember(*doc, "PackageType") == QLatin1String("Image"))
        return invalid(QStringLiteral("The emulator runs Zip packages only, not container images."));
    if (!doc->contains("Runtime") || !doc->contains("Handler"))
        return invalid(QStringLiteral("Runtime and Handler are required for a Zip package "
                                      "(e.g. python3.12 and app.lambda_handler)."));
    if (std::optional<Core::HttpResponse> wrong = readSettings(*doc, config))
        return *wrong;
    const auto code = doc->find("Code");
    if (code == doc->end() || !code->is_object())
        return invalid(QStringLiteral("Code is required: {\"ZipFile\": <zip in base64>}."));
    std::variant<QByteArray, Core::HttpResponse> zip = readZip(*code);
    if (auto *wrong = std::get_if<Core::HttpResponse>(&zip))
        return *wrong;
    if (m_registry->hasFunction(config.name))
        return errorAnswer(lambdaError(409, QStringLiteral("ResourceConflictException"),
                                       QStringLiteral("Function already exist: ") + config.name));
    const Core::Result<LambdaVersion> created =
        m_registry->createFunction(config, std::get<QByteArray>(zip));
    if (!created)
        return errorAnswer(created.error());
    m_service->addFunction(created->config);
    if (wantsPublish(*doc))
        return answerPublished(config.name, 201);
    return jsonAnswer(201, configurationJson(*m_registry, *created, false));
}

Core::HttpResponse LambdaControlPlane::updateCode(const Route &route, const QByteArray &body)
{
    if (body.size() > MaxCreateFunctionRequest)
        return errorAnswer(lambdaError(413, QStringLiteral("RequestEntityTooLargeException"),
                                       QStringLiteral("Request must be smaller than %1 bytes for "
                                                      "the UpdateFunctionCode operation")
                                           .arg(MaxCreateFunctionRequest)));
    if (!route.qualifier.isEmpty())
        return invalid(QStringLiteral("Only $LATEST's code changes; name the function without "
                                      "version or alias %1.")
                           .arg(route.qualifier));
    const std::optional<Json> doc = parseBody(body);
    if (!doc)
        return invalid(QStringLiteral("Could not parse request body into json"));
    if (!m_registry->hasFunction(route.name))
        return errorAnswer(lambdaError(404, QStringLiteral("ResourceNotFoundException"),
                                       QStringLiteral("Function not found: ") +
                                           m_registry->functionArn(route.name)));
    std::variant<QByteArray, Core::HttpResponse> zip = readZip(*doc);
    if (auto *wrong = std::get_if<Core::HttpResponse>(&zip))
        return *wrong;
    const Core::Result<LambdaVersion> updated = m_registry->updateCode(
        route.name, std::get<QByteArray>(zip), textMember(*doc, "RevisionId"));
    if (!updated)
        return errorAnswer(updated.error());
    m_service->updateFunction(updated->config);
    if (wantsPublish(*doc))
        return answerPublished(route.name, 200);
    return jsonAnswer(200, configurationJson(*m_registry, *updated, false));
}

Core::HttpResponse LambdaControlPlane::updateConfiguration(const Route &route, const QByteArray &body)
{
    if (!route.qualifier.isEmpty())
        return invalid(QStringLiteral("Only $LATEST's configuration changes; name the function "
                                      "without version or alias %1.")
                           .arg(route.qualifier));
    const std::optional<Json> doc = parseBody(body);
    if (!doc)
        return invalid(QStringLiteral("Could not parse request body into json"));
    const Core::Result<LambdaVersion> current = m_registry->latest(route.name);
    if (!current)
        return errorAnswer(current.error());
    FunctionConfig config = current->config;
    if (std::optional<Core::HttpResponse> wrong = readSettings(*doc, config))
        return *wrong;
    if (doc->contains("Role")) {
        static const QRegularExpression rolePattern(
            QStringLiteral("^arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+$"));
        config.role = textMember(*doc, "Role");
        if (!rolePattern.match(config.role).hasMatch())
            return validation(QStringLiteral("Value '%1' at 'role' failed to satisfy constraint: "
                                             "Member must satisfy regular expression pattern: "
                                             "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?"
                                             "[a-zA-Z_0-9+=,.@\\-_/]+")
                                  .arg(config.role));
    }
    const Core::Result<LambdaVersion> updated =
        m_registry->updateConfiguration(route.name, config, textMember(*doc, "RevisionId"));
    if (!updated)
        return errorAnswer(updated.error());
    m_service->updateFunction(updated->config);
    return jsonAnswer(200, configurationJson(*m_registry, *updated, false));
}

} // namespace Gatehouse::Emulator
