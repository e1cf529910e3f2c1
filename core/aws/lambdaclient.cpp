#include "lambdaclient.h"

#include "awsclient.h"
#include "endpointresolver.h"
#include "sigv4.h"

#include <nlohmann/json.hpp>

#include <QPointer>

#include <algorithm>
#include <memory>

namespace Gatehouse::Core::Aws {

namespace {

using Json = nlohmann::json;

const QString DefaultRegion = QStringLiteral("us-east-1");
const QByteArray ApiPrefix = "/2015-03-31/functions/";

QString text(const Json &doc, const char *key)
{
    const auto it = doc.find(key);
    return it != doc.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

qint64 integer(const Json &doc, const char *key)
{
    const auto it = doc.find(key);
    return it != doc.end() && it->is_number() ? it->get<qint64>() : 0;
}

std::string utf8(const QString &value)
{
    return value.toStdString();
}

QByteArray segment(const QString &value)
{
    return sigV4UriEncode(value.toUtf8(), false);
}

LambdaFunctionConfiguration readConfiguration(const Json &doc)
{
    LambdaFunctionConfiguration c;
    c.functionName = text(doc, "FunctionName");
    c.functionArn = text(doc, "FunctionArn");
    c.version = text(doc, "Version");
    c.description = text(doc, "Description");
    c.codeSha256 = text(doc, "CodeSha256");
    c.codeSize = integer(doc, "CodeSize");
    c.lastModified = text(doc, "LastModified");
    c.runtime = text(doc, "Runtime");
    c.handler = text(doc, "Handler");
    c.memorySize = int(integer(doc, "MemorySize"));
    c.timeout = int(integer(doc, "Timeout"));
    c.revisionId = text(doc, "RevisionId");
    const auto env = doc.find("Environment");
    if (env != doc.end() && env->is_object()) {
        const auto vars = env->find("Variables");
        if (vars != env->end() && vars->is_object())
            for (const auto &[key, value] : vars->items())
                if (value.is_string())
                    c.environment.append({QString::fromStdString(key), QString::fromStdString(value.get<std::string>())});
    }
    std::sort(c.environment.begin(), c.environment.end());
    return c;
}

LambdaAliasConfiguration readAlias(const Json &doc)
{
    LambdaAliasConfiguration a;
    a.name = text(doc, "Name");
    a.aliasArn = text(doc, "AliasArn");
    a.functionVersion = text(doc, "FunctionVersion");
    a.description = text(doc, "Description");
    a.revisionId = text(doc, "RevisionId");
    const auto routing = doc.find("RoutingConfig");
    if (routing != doc.end() && routing->is_object()) {
        const auto weights = routing->find("AdditionalVersionWeights");
        if (weights != routing->end() && weights->is_object())
            for (const auto &[version, weight] : weights->items())
                if (weight.is_number())
                    a.additionalVersionWeights.insert(QString::fromStdString(version), weight.get<double>());
    }
    return a;
}

Error protocolError(const QString &operation, const QString &what)
{
    return makeError(ErrorCode::Protocol, QStringLiteral("Lambda %1 answered %2.").arg(operation, what));
}

// The body as a JSON object, or a Protocol error naming the operation.
Result<Json> parseObject(const QString &operation, const QByteArray &body)
{
    Json doc = Json::parse(body.constBegin(), body.constEnd(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return protocolError(operation, QStringLiteral("something that is not a JSON object"));
    return doc;
}

template<typename T, typename Read>
Result<LambdaPage<T>> readPage(const QString &operation, const QByteArray &body, const char *listKey, Read read)
{
    const Result<Json> doc = parseObject(operation, body);
    if (!doc)
        return doc.error();
    const auto list = doc->find(listKey);
    if (list == doc->end() || !list->is_array())
        return protocolError(operation, QStringLiteral("without a %1 list").arg(QLatin1String(listKey)));
    LambdaPage<T> page;
    for (const Json &item : *list)
        if (item.is_object())
            page.items.append(read(item));
    page.nextMarker = text(*doc, "NextMarker");
    return page;
}

QByteArray pageQuery(const LambdaPageRequest &page)
{
    QList<QByteArray> parts;
    if (page.allVersions)
        parts.append("FunctionVersion=ALL");
    if (!page.marker.isEmpty())
        parts.append("Marker=" + segment(page.marker));
    if (page.maxItems > 0)
        parts.append("MaxItems=" + QByteArray::number(page.maxItems));
    return parts.join('&');
}

QByteArray aliasBody(const QString *name, const LambdaAliasSpec &spec)
{
    Json doc = Json::object();
    if (name)
        doc["Name"] = utf8(*name);
    if (!spec.functionVersion.isEmpty())
        doc["FunctionVersion"] = utf8(spec.functionVersion);
    if (spec.sendDescription)
        doc["Description"] = utf8(spec.description);
    Json weights = Json::object();
    for (auto it = spec.additionalVersionWeights.constBegin(); it != spec.additionalVersionWeights.constEnd(); ++it)
        weights[utf8(it.key())] = it.value();
    doc["RoutingConfig"] = Json{{"AdditionalVersionWeights", weights}};
    return QByteArray::fromStdString(doc.dump());
}

// Pages one list operation until NextMarker is empty.
struct PageGatherer : std::enable_shared_from_this<PageGatherer>
{
    using Fetch = std::function<void(const LambdaPageRequest &, LambdaClient::Done<LambdaClient::FunctionPage>)>;
    Fetch fetch;
    LambdaClient::FunctionPageCallback onPage;
    LambdaClient::Done<QList<LambdaFunctionConfiguration>> done;
    LambdaPageRequest request;
    QList<LambdaFunctionConfiguration> gathered;

    void next()
    {
        fetch(request, [self = shared_from_this()](const Result<LambdaClient::FunctionPage> &page) {
            if (!page) {
                self->done(page.error());
                return;
            }
            if (self->onPage)
                self->onPage(*page);
            self->gathered += page->items;
            if (page->nextMarker.isEmpty() || page->nextMarker == self->request.marker) {
                self->done(self->gathered);
                return;
            }
            self->request.marker = page->nextMarker;
            self->next();
        });
    }
};

} // namespace

struct LambdaClient::Call
{
    QString operation;
    QByteArray method = "GET";
    QByteArray path;
    QByteArray query;
    QByteArray body;
    HttpHeaders headers;
};

LambdaClient::LambdaClient(CredentialsProvider *credentials, const QString &region, const QUrl &endpoint,
                           QObject *parent)
    : QObject(parent),
      m_client(new AwsClient(this)),
      m_credentials(credentials),
      m_region(region.isEmpty() ? DefaultRegion : region),
      m_endpoint(endpoint)
{
    if (m_endpoint.isEmpty()) {
        const Result<AwsPartition> partition = partitionOfRegion(m_region);
        const QString suffix = partition ? partition->dnsSuffix : QStringLiteral("amazonaws.com");
        m_endpoint = QUrl(QStringLiteral("https://lambda.%1.%2").arg(m_region, suffix));
    }
}

LambdaClient::~LambdaClient() = default;

void LambdaClient::send(const Call &call, QObject *context,
                        std::function<void(const Result<HttpClientResponse> &)> handler)
{
    AwsRequest request;
    request.service = QString::fromLatin1(SigningName);
    request.region = m_region;
    request.endpoint = m_endpoint;
    request.method = call.method;
    request.path = call.path;
    request.query = call.query;
    request.headers = call.headers;
    if (!call.body.isNull() && !request.headers.contains("Content-Type"))
        request.headers.add("Content-Type", "application/json");
    request.body = call.body;
    request.protocol = AwsProtocol::RestJson;
    AwsCall *awsCall = m_client->call(request, m_credentials);
    connect(awsCall, &AwsCall::finished, context ? context : this,
            [operation = call.operation, handler = std::move(handler)](const Result<HttpClientResponse> &result) {
                if (result) {
                    handler(result);
                    return;
                }
                Error error = result.error();
                error.message = QStringLiteral("Lambda %1 failed: %2").arg(operation, error.message);
                handler(error);
            });
}

void LambdaClient::listFunctions(const LambdaPageRequest &page, QObject *context, Done<FunctionPage> done)
{
    Call call{QStringLiteral("ListFunctions"), "GET", ApiPrefix, pageQuery(page), {}, {}};
    send(call, context, [done = std::move(done)](const Result<HttpClientResponse> &response) {
        if (!response)
            return done(response.error());
        done(readPage<LambdaFunctionConfiguration>(QStringLiteral("ListFunctions"), response->body, "Functions",
                                                   readConfiguration));
    });
}

void LambdaClient::listAllFunctions(const LambdaPageRequest &first, QObject *context, FunctionPageCallback onPage,
                                    Done<QList<LambdaFunctionConfiguration>> done)
{
    auto gatherer = std::make_shared<PageGatherer>();
    QPointer<QObject> guard(context ? context : this);
    gatherer->fetch = [this, guard](const LambdaPageRequest &page, Done<FunctionPage> pageDone) {
        if (guard)
            listFunctions(page, guard, std::move(pageDone));
    };
    gatherer->onPage = std::move(onPage);
    gatherer->done = std::move(done);
    gatherer->request = first;
    gatherer->next();
}

void LambdaClient::listVersionsByFunction(const QString &function, const LambdaPageRequest &page, QObject *context,
                                          Done<FunctionPage> done)
{
    LambdaPageRequest request = page;
    request.allVersions = false;
    Call call{QStringLiteral("ListVersionsByFunction"), "GET", ApiPrefix + segment(function) + "/versions",
              pageQuery(request), {}, {}};
    send(call, context, [done = std::move(done)](const Result<HttpClientResponse> &response) {
        if (!response)
            return done(response.error());
        done(readPage<LambdaFunctionConfiguration>(QStringLiteral("ListVersionsByFunction"), response->body,
                                                   "Versions", readConfiguration));
    });
}

void LambdaClient::listAllVersionsByFunction(const QString &function, const LambdaPageRequest &first,
                                             QObject *context, FunctionPageCallback onPage,
                                             Done<QList<LambdaFunctionConfiguration>> done)
{
    auto gatherer = std::make_shared<PageGatherer>();
    QPointer<QObject> guard(context ? context : this);
    gatherer->fetch = [this, guard, function](const LambdaPageRequest &page, Done<FunctionPage> pageDone) {
        if (guard)
            listVersionsByFunction(function, page, guard, std::move(pageDone));
    };
    gatherer->onPage = std::move(onPage);
    gatherer->done = std::move(done);
    gatherer->request = first;
    gatherer->next();
}

void LambdaClient::getFunctionConfiguration(const QString &function, const QString &qualifier, QObject *context,
                                            Done<LambdaFunctionConfiguration> done)
{
    const QByteArray query = qualifier.isEmpty() ? QByteArray() : "Qualifier=" + segment(qualifier);
    Call call{QStringLiteral("GetFunctionConfiguration"), "GET", ApiPrefix + segment(function) + "/configuration",
              query, {}, {}};
    send(call, context, [done = std::move(done)](const Result<HttpClientResponse> &response) {
        if (!response)
            return done(response.error());
        const Result<Json> doc = parseObject(QStringLiteral("GetFunctionConfiguration"), response->body);
        if (!doc)
            return done(doc.error());
        done(readConfiguration(*doc));
    });
}

void LambdaClient::publishVersion(const QString &function, const QString &description, QObject *context,
                                  Done<LambdaFunctionConfiguration> done)
{
    Json body = Json::object();
    if (!description.isEmpty())
        body["Description"] = utf8(description);
    Call call{QStringLiteral("PublishVersion"), "POST", ApiPrefix + segment(function) + "/versions", {},
              QByteArray::fromStdString(body.dump()), {}};
    send(call, context, [done = std::move(done)](const Result<HttpClientResponse> &response) {
        if (!response)
            return done(response.error());
        const Result<Json> doc = parseObject(QStringLiteral("PublishVersion"), response->body);
        if (!doc)
            return done(doc.error());
        done(readConfiguration(*doc));
    });
}

void LambdaClient::listAliases(const QString &function, QObject *context, Done<QList<LambdaAliasConfiguration>> done)
{
    listAliasesFrom(function, QString(), {}, context ? context : this, std::move(done));
}

void LambdaClient::listAliasesFrom(const QString &function, const QString &marker,
                                   QList<LambdaAliasConfiguration> gathered, QObject *context,
                                   Done<QList<LambdaAliasConfiguration>> done)
{
    LambdaPageRequest page;
    page.marker = marker;
    Call call{QStringLiteral("ListAliases"), "GET", ApiPrefix + segment(function) + "/aliases", pageQuery(page),
              {}, {}};
    QPointer<QObject> guard(context);
    send(call, context,
         [this, guard, function, marker, gathered = std::move(gathered),
          done = std::move(done)](const Result<HttpClientResponse> &response) mutable {
             if (!response)
                 return done(response.error());
             const Result<LambdaPage<LambdaAliasConfiguration>> page = readPage<LambdaAliasConfiguration>(
                 QStringLiteral("ListAliases"), response->body, "Aliases", readAlias);
             if (!page)
                 return done(page.error());
             gathered += page->items;
             if (page->nextMarker.isEmpty() || page->nextMarker == marker || !guard)
                 return done(gathered);
             listAliasesFrom(function, page->nextMarker, std::move(gathered), guard, std::move(done));
         });
}

void LambdaClient::getAlias(const QString &function, const QString &name, QObject *context,
                            Done<LambdaAliasConfiguration> done)
{
    Call call{QStringLiteral("GetAlias"), "GET", ApiPrefix + segment(function) + "/aliases/" + segment(name), {},
              {}, {}};
    send(call, context, [done = std::move(done)](const Result<HttpClientResponse> &response) {
        if (!response)
            return done(response.error());
        const Result<Json> doc = parseObject(QStringLiteral("GetAlias"), response->body);
        if (!doc)
            return done(doc.error());
        done(readAlias(*doc));
    });
}

void LambdaClient::createAlias(const QString &function, const QString &name, const LambdaAliasSpec &spec,
                               QObject *context, Done<LambdaAliasConfiguration> done)
{
    Call call{QStringLiteral("CreateAlias"), "POST", ApiPrefix + segment(function) + "/aliases", {},
              aliasBody(&name, spec), {}};
    send(call, context, [done = std::move(done)](const Result<HttpClientResponse> &response) {
        if (!response)
            return done(response.error());
        const Result<Json> doc = parseObject(QStringLiteral("CreateAlias"), response->body);
        if (!doc)
            return done(doc.error());
        done(readAlias(*doc));
    });
}

void LambdaClient::updateAlias(const QString &function, const QString &name, const LambdaAliasSpec &spec,
                               QObject *context, Done<LambdaAliasConfiguration> done)
{
    Call call{QStringLiteral("UpdateAlias"), "PUT", ApiPrefix + segment(function) + "/aliases/" + segment(name),
              {}, aliasBody(nullptr, spec), {}};
    send(call, context, [done = std::move(done)](const Result<HttpClientResponse> &response) {
        if (!response)
            return done(response.error());
        const Result<Json> doc = parseObject(QStringLiteral("UpdateAlias"), response->body);
        if (!doc)
            return done(doc.error());
        done(readAlias(*doc));
    });
}

void LambdaClient::deleteAlias(const QString &function, const QString &name, QObject *context, Done<bool> done)
{
    Call call{QStringLiteral("DeleteAlias"), "DELETE", ApiPrefix + segment(function) + "/aliases/" + segment(name),
              {}, {}, {}};
    send(call, context, [done = std::move(done)](const Result<HttpClientResponse> &response) {
        if (!response)
            return done(response.error());
        done(true);
    });
}

void LambdaClient::invoke(const LambdaInvokeRequest &request, QObject *context, Done<LambdaInvokeResult> done)
{
    Call call{QStringLiteral("Invoke"), "POST", ApiPrefix + segment(request.functionName) + "/invocations",
              request.qualifier.isEmpty() ? QByteArray() : "Qualifier=" + segment(request.qualifier),
              request.payload.isNull() ? QByteArray("") : request.payload, {}};
    call.headers.add("Content-Type", "application/json");
    call.headers.add("X-Amz-Invocation-Type", request.invocationType.toUtf8());
    if (request.tailLog)
        call.headers.add("X-Amz-Log-Type", "Tail");
    send(call, context, [done = std::move(done)](const Result<HttpClientResponse> &response) {
        if (!response)
            return done(response.error());
        LambdaInvokeResult result;
        result.statusCode = response->status;
        result.executedVersion = QString::fromUtf8(response->headers.value("X-Amz-Executed-Version"));
        result.functionError = QString::fromUtf8(response->headers.value("X-Amz-Function-Error"));
        result.logResult = QByteArray::fromBase64(response->headers.value("X-Amz-Log-Result"));
        result.payload = response->body;
        done(result);
    });
}

} // namespace Gatehouse::Core::Aws
