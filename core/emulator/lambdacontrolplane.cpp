#include "lambdacontrolplane.h"

#include "awsauthenticator.h"
#include "lambdainvokeapi.h"
#include "lambdaregistry.h"
#include "lambdaservice.h"
#include "lambdawire.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>
#include <optional>

namespace Gatehouse::Emulator {

using namespace LambdaWire;

namespace {

constexpr QByteArrayView Prefix = "/2015-03-31/functions";
// Put/DeleteFunctionConcurrency and GetFunctionConcurrency came with later API dates; the
// prefixes have the same length as Prefix.
constexpr QByteArrayView ConcurrencyPrefix = "/2017-10-31/functions";
constexpr QByteArrayView GetConcurrencyPrefix = "/2019-09-30/functions";
constexpr QByteArrayView ConcurrencySuffix = "/concurrency";
constexpr int DefaultMaxItems = 50;

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

} // namespace

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

} // namespace Gatehouse::Emulator
