#include "openapiimport.h"

#include "openapidocument.h"
#include "core/xmlbody.h"

#include <QRegularExpression>
#include <QSet>
#include <QUrl>

namespace Gatehouse::Core::Import {

namespace {

using Json = OpenApiDocument::Json;
using Severity = ImportProblem::Severity;

const char *const kMethods[] = {"get",     "put",  "post",  "delete",
                                "options", "head", "patch", "trace"};

QString jsonText(const Json &value)
{
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    if (value.is_null())
        return {};
    return QString::fromStdString(value.dump(-1, ' ', false, Json::error_handler_t::replace));
}

struct Parameter
{
    QString name;
    QString in;
    bool required = false;
    QString value;
    bool hasValue = false;
    YAML::Node node;
};

class OpenApiReader
{
public:
    OpenApiReader(const OpenApiDocument &doc, bool v3, const QString &source, ImportResult *result)
        : m_doc(doc)
        , m_v3(v3)
        , m_source(source)
        , m_result(result)
    {}

    void read();

private:
    YAML::Node child(const YAML::Node &node, const char *key) const { return yamlChild(node, key); }
    QString baseUrl();
    QString serverUrl(const YAML::Node &server) const;
    QList<Parameter> parameters(const YAML::Node &pathItem, const YAML::Node &operation);
    Parameter parameter(const YAML::Node &node);
    void readOperation(const QString &path, const QString &method, const YAML::Node &operation,
                       const YAML::Node &pathItem);
    void applyParameters(const QList<Parameter> &params, ImportedRequest &request);
    void readBodyV3(const YAML::Node &operation, ImportedRequest &request);
    void readBodyV2(const QList<Parameter> &params, const YAML::Node &operation,
                    ImportedRequest &request);
    void readFormV3(const QString &mediaType, const YAML::Node &media, ImportedRequest &request);
    void formProperties(const YAML::Node &schema, QList<QPair<QString, YAML::Node>> &properties,
                        int depth) const;
    void setBody(const QString &mediaType, const Json &value, ImportedRequest &request,
                 const YAML::Node &at);
    void applySecurity(const YAML::Node &operation, ImportedRequest &request);
    void reportOnce(const QString &key, const YAML::Node &at, const QString &message)
    {
        if (m_reported.contains(key))
            return;
        m_reported.insert(key);
        m_doc.report(at, message);
    }

    const OpenApiDocument &m_doc;
    bool m_v3;
    QString m_source;
    ImportResult *m_result;
    QSet<QString> m_reported;
};

void OpenApiReader::read()
{
    const YAML::Node &root = m_doc.root();
    m_result->name = yamlText(child(child(root, "info"), "title"));
    m_result->variables.insert(QStringLiteral("baseUrl"), baseUrl());
    const YAML::Node paths = child(root, "paths");
    if (!paths.IsMap()) {
        m_doc.report(paths.IsDefined() ? paths : root,
                     QStringLiteral("the document has no \"paths\" map, so no operations"),
                     Severity::Error);
        return;
    }
    if (child(root, "webhooks").IsDefined())
        m_doc.report(child(root, "webhooks"),
                     QStringLiteral("webhooks are requests the API sends; not imported"));
    for (const auto &entry : paths) {
        const QString path = QString::fromStdString(entry.first.Scalar());
        const YAML::Node pathItem = m_doc.resolve(entry.second);
        if (!pathItem.IsMap())
            continue;
        for (const char *method : kMethods) {
            const YAML::Node operation = child(pathItem, method);
            if (operation.IsMap())
                readOperation(path, QString::fromLatin1(method).toUpper(), operation, pathItem);
            else if (operation.IsDefined())
                m_doc.report(operation,
                             QStringLiteral("%1 %2 is not an operation object; skipped")
                                 .arg(QString::fromLatin1(method).toUpper(), path),
                             Severity::Error);
        }
    }
}

QString OpenApiReader::serverUrl(const YAML::Node &server) const
{
    QString url = yamlText(child(server, "url"));
    const YAML::Node variables = child(server, "variables");
    if (variables.IsMap()) {
        for (const auto &v : variables) {
            url.replace(QLatin1Char('{') + QString::fromStdString(v.first.Scalar()) +
                            QLatin1Char('}'),
                        yamlText(child(v.second, "default")));
        }
    }
    return url;
}

QString OpenApiReader::baseUrl()
{
    const YAML::Node &root = m_doc.root();
    const QUrl sourceUrl(m_source);
    const bool fromWeb =
        sourceUrl.scheme() == QLatin1String("http") || sourceUrl.scheme() == QLatin1String("https");
    QString url;
    if (m_v3) {
        const YAML::Node servers = child(root, "servers");
        if (servers.IsSequence() && servers.size() > 0)
            url = serverUrl(servers[0]);
        if (servers.IsSequence() && servers.size() > 1)
            m_doc.report(servers, QStringLiteral("%1 servers listed; baseUrl is the first, %2")
                                      .arg(servers.size())
                                      .arg(url));
    } else {
        const QString host = yamlText(child(root, "host"));
        const YAML::Node schemes = child(root, "schemes");
        QString scheme =
            schemes.IsSequence() && schemes.size() > 0 ? yamlText(schemes[0]) : QString();
        if (scheme.isEmpty())
            scheme = fromWeb ? sourceUrl.scheme() : QStringLiteral("https");
        if (!host.isEmpty())
            url = scheme + QStringLiteral("://") + host;
        url += yamlText(child(root, "basePath"));
    }
    if (!url.contains(QLatin1String("://"))) {
        if (fromWeb) {
            url = sourceUrl.resolved(QUrl(url.isEmpty() ? QStringLiteral("/") : url)).toString();
        } else {
            m_doc.report(
                m_v3 ? child(root, "servers") : child(root, "host"),
                QStringLiteral(
                    "the document names no server host; baseUrl is http://localhost%1, change it "
                    "to where the API runs")
                    .arg(url));
            url =
                QStringLiteral("http://localhost") +
                (url.startsWith(QLatin1Char('/')) || url.isEmpty() ? url : QLatin1Char('/') + url);
        }
    }
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    return url;
}

Parameter OpenApiReader::parameter(const YAML::Node &raw)
{
    const YAML::Node node = m_doc.resolve(raw);
    Parameter p;
    p.node = node.IsDefined() ? node : raw;
    p.name = yamlText(child(node, "name"));
    p.in = yamlText(child(node, "in"));
    p.required =
        yamlText(child(node, "required")) == QLatin1String("true") || p.in == QLatin1String("path");
    Json value = nullptr;
    if (const YAML::Node e = child(node, "example"); e.IsDefined()) {
        value = OpenApiDocument::toJson(e);
    } else if (const YAML::Node es = child(node, "examples"); es.IsMap() && es.size() > 0) {
        value = OpenApiDocument::toJson(child(m_doc.resolve(es.begin()->second), "value"));
    } else if (const YAML::Node x = child(node, "x-example"); x.IsDefined()) {
        value = OpenApiDocument::toJson(x);
    } else {
        // Swagger 2.0 keeps default/enum on the parameter, 3.0 in its schema.
        const YAML::Node schema = m_v3 ? m_doc.resolve(child(node, "schema")) : node;
        for (const char *key : {"example", "default"}) {
            if (value.is_null() && child(schema, key).IsDefined())
                value = OpenApiDocument::toJson(child(schema, key));
        }
        if (value.is_null() && child(schema, "enum").IsSequence() &&
            child(schema, "enum").size() > 0)
            value = OpenApiDocument::toJson(child(schema, "enum")[0]);
    }
    p.hasValue = !value.is_null();
    p.value = jsonText(value);
    return p;
}

// Path-level parameters, overridden by the operation's own of the same name and location.
QList<Parameter> OpenApiReader::parameters(const YAML::Node &pathItem, const YAML::Node &operation)
{
    QList<Parameter> result;
    for (const YAML::Node &list : {child(pathItem, "parameters"), child(operation, "parameters")}) {
        if (!list.IsSequence())
            continue;
        for (const auto &raw : list) {
            const Parameter p = parameter(raw);
            if (p.name.isEmpty() || p.in.isEmpty())
                continue;
            const auto same =
                std::find_if(result.begin(), result.end(), [&p](const Parameter &other) {
                    return other.name == p.name && other.in == p.in;
                });
            if (same != result.end())
                *same = p;
            else
                result.append(p);
        }
    }
    return result;
}

void OpenApiReader::readOperation(const QString &path, const QString &method,
                                  const YAML::Node &operation, const YAML::Node &pathItem)
{
    ImportedRequest request;
    request.name = yamlText(child(operation, "operationId"));
    if (request.name.isEmpty())
        request.name = method + QLatin1Char(' ') + path;
    const YAML::Node tags = child(operation, "tags");
    if (tags.IsSequence() && tags.size() > 0)
        request.folder = QStringList{yamlText(tags[0])};
    const QString summary = yamlText(child(operation, "summary"));
    const QString details = yamlText(child(operation, "description"));
    request.description = QStringList{summary, details}.join(QStringLiteral("\n\n")).trimmed();
    request.spec.method = method;
    static const QRegularExpression templated(QStringLiteral("\\{([^{}/]+)\\}"));
    QString urlPath = path;
    urlPath.replace(templated, QStringLiteral("{{\\1}}"));
    request.spec.url = QStringLiteral("{{baseUrl}}") + urlPath;
    const QList<Parameter> params = parameters(pathItem, operation);
    applyParameters(params, request);
    if (m_v3)
        readBodyV3(operation, request);
    else
        readBodyV2(params, operation, request);
    applySecurity(operation, request);
    for (const YAML::Node &servers : {child(pathItem, "servers"), child(operation, "servers")}) {
        if (servers.IsSequence() && servers.size() > 0)
            m_doc.report(
                servers,
                QStringLiteral("%1 has its own server %2; it uses {{baseUrl}} like the others")
                    .arg(request.name, serverUrl(servers[0])));
    }
    if (child(operation, "callbacks").IsDefined())
        m_doc.report(child(operation, "callbacks"),
                     QStringLiteral("%1: callbacks are requests the API sends; not imported")
                         .arg(request.name));
    m_result->requests.append(request);
}

void OpenApiReader::applyParameters(const QList<Parameter> &params, ImportedRequest &request)
{
    QStringList query;
    for (const Parameter &p : params) {
        if (p.in == QLatin1String("path")) {
            if (!m_result->variables.value(p.name).isEmpty() && !p.hasValue)
                continue;
            if (!m_result->variables.contains(p.name) || p.hasValue)
                m_result->variables.insert(p.name, p.value);
            if (p.hasValue)
                m_result->toFill.remove(p.name);
            else
                m_result->toFill.insert(p.name);
        } else if (p.in == QLatin1String("query")) {
            if (p.required || p.hasValue)
                query << QString::fromLatin1(QUrl::toPercentEncoding(p.name)) + QLatin1Char('=') +
                             QString::fromLatin1(QUrl::toPercentEncoding(p.value, "{}"));
        } else if (p.in == QLatin1String("header")) {
            static const QStringList ignored = {QStringLiteral("accept"),
                                                QStringLiteral("content-type"),
                                                QStringLiteral("authorization")};
            if (!ignored.contains(p.name.toLower()))
                request.spec.headers.append({p.required || p.hasValue, p.name, p.value});
        } else if (p.in == QLatin1String("cookie")) {
            m_doc.report(p.node, QStringLiteral("%1: cookie parameter '%2' is not imported")
                                     .arg(request.name, p.name));
        }
    }
    if (!query.isEmpty())
        request.spec.url += QLatin1Char('?') + query.join(QLatin1Char('&'));
}

void OpenApiReader::setBody(const QString &mediaType, const Json &value, ImportedRequest &request,
                            const YAML::Node &at)
{
    if (value.is_null()) { // nothing to start from, e.g. a schema behind an external $ref
        m_doc.report(at, QStringLiteral("%1: no example %2 body could be made; the body is empty")
                             .arg(request.name, mediaType));
        return;
    }
    const QString type = mediaType.toLower();
    const bool xml = XmlBody::isXmlContentType(type.toUtf8());
    if (xml) {
        // An XML example is a string in the document; a schema skeleton would be JSON, which
        // an XML body must not hold, so without an example the body starts empty.
        request.spec.bodyKind = BodyKind::Xml;
        if (value.is_string())
            request.spec.body = jsonText(value);
        else
            m_doc.report(at, QStringLiteral("%1: no example %2 body in the document; the body is empty")
                                 .arg(request.name, mediaType));
    } else if (type.contains(QLatin1String("json"))) {
        request.spec.body =
            QString::fromStdString(value.dump(2, ' ', false, Json::error_handler_t::replace));
        request.spec.bodyKind = BodyKind::Json;
    } else if (type == QLatin1String("application/x-www-form-urlencoded")) {
        QStringList pairs;
        if (value.is_object()) {
            for (const auto &[key, field] : value.items())
                pairs << QString::fromLatin1(QUrl::toPercentEncoding(QString::fromStdString(key))) +
                             QLatin1Char('=') +
                             QString::fromLatin1(QUrl::toPercentEncoding(jsonText(field)));
        }
        request.spec.body = pairs.join(QLatin1Char('&'));
        request.spec.bodyKind = BodyKind::Text;
    } else if (value.is_string() || value.is_number() || value.is_boolean()) {
        request.spec.body = jsonText(value);
        request.spec.bodyKind = BodyKind::Text;
    } else {
        // A schema skeleton is JSON; written into an XML or text body it would mislead.
        request.spec.bodyKind = BodyKind::Text;
        m_doc.report(at, QStringLiteral("%1: no example %2 body in the document; the body is empty")
                             .arg(request.name, mediaType));
    }
    // application/json and application/xml are what the JSON and XML kinds send by themselves.
    if (type != QLatin1String("application/json") && type != QLatin1String("application/xml"))
        request.spec.headers.append({true, QStringLiteral("Content-Type"), mediaType});
}

void OpenApiReader::readBodyV3(const YAML::Node &operation, ImportedRequest &request)
{
    const YAML::Node body = m_doc.resolve(child(operation, "requestBody"));
    const YAML::Node content = child(body, "content");
    if (!content.IsMap() || content.size() == 0)
        return;
    // Prefer JSON, then forms, then text; the first listed otherwise.
    QString chosen;
    int best = 99;
    for (const auto &entry : content) {
        const QString type = QString::fromStdString(entry.first.Scalar());
        const QString lower = type.toLower();
        const int rank =
            lower == QLatin1String("application/json")                                         ? 0
            : lower.contains(QLatin1String("json"))                                            ? 1
            : lower == QLatin1String("application/x-www-form-urlencoded")                      ? 2
            : lower == QLatin1String("multipart/form-data")                                    ? 3
            : lower.startsWith(QLatin1String("text/")) || lower.contains(QLatin1String("xml")) ? 4
                                                                                               : 5;
        if (rank < best) {
            best = rank;
            chosen = type;
        }
    }
    const YAML::Node media = child(content, chosen.toStdString().c_str());
    if (best == 2 || best == 3) {
        readFormV3(chosen, media, request);
        return;
    }
    if (best == 5) {
        m_doc.report(
            media.IsDefined() ? media : content,
            QStringLiteral(
                "%1: a %2 body cannot be carried by a request yet; imported without a body")
                .arg(request.name, chosen));
        return;
    }
    Json value = nullptr;
    if (const YAML::Node e = child(media, "example"); e.IsDefined()) {
        value = OpenApiDocument::toJson(e);
    } else if (const YAML::Node es = child(media, "examples"); es.IsMap() && es.size() > 0) {
        const YAML::Node first = m_doc.resolve(es.begin()->second);
        if (child(first, "externalValue").IsDefined())
            m_doc.report(first, QStringLiteral("%1: an example kept in another file is not fetched")
                                    .arg(request.name));
        value = OpenApiDocument::toJson(child(first, "value"));
    } else {
        value = m_doc.exampleFor(child(media, "schema"));
    }
    setBody(chosen, value, request, media);
}

void OpenApiReader::readBodyV2(const QList<Parameter> &params, const YAML::Node &operation,
                               ImportedRequest &request)
{
    YAML::Node consumes = child(operation, "consumes");
    if (!consumes.IsSequence())
        consumes.reset(child(m_doc.root(), "consumes"));
    const QString mediaType = consumes.IsSequence() && consumes.size() > 0
                                  ? yamlText(consumes[0])
                                  : QStringLiteral("application/json");
    QList<FormField> fields;
    bool hasFile = false;
    for (const Parameter &p : params) {
        if (p.in == QLatin1String("body")) {
            setBody(mediaType, m_doc.exampleFor(child(p.node, "schema")), request, p.node);
            return;
        }
        if (p.in != QLatin1String("formData"))
            continue;
        // A file parameter is a file field whose path the person chooses; Swagger has no
        // example path to offer.
        const bool file = yamlText(child(p.node, "type")) == QLatin1String("file");
        hasFile = hasFile || file;
        fields.append({true, p.name, file ? QString() : p.value, file});
    }
    if (fields.isEmpty())
        return;
    request.spec.formFields = fields;
    // A file can only travel in a multipart body, whatever "consumes" lists first.
    request.spec.bodyKind = hasFile || mediaType.toLower().startsWith(QLatin1String("multipart/"))
                                ? BodyKind::Multipart
                                : BodyKind::Form;
}

// The properties of a form's object schema, $refs followed and allOf parts merged, in order.
void OpenApiReader::formProperties(const YAML::Node &schema,
                                   QList<QPair<QString, YAML::Node>> &properties, int depth) const
{
    constexpr int MaximumDepth = 8; // allOf chains of $refs; a loop is cut here
    const YAML::Node resolved = m_doc.resolve(schema);
    if (!resolved.IsMap() || depth > MaximumDepth)
        return;
    if (const YAML::Node all = child(resolved, "allOf"); all.IsSequence()) {
        for (const auto &part : all)
            formProperties(part, properties, depth + 1);
    }
    if (const YAML::Node own = child(resolved, "properties"); own.IsMap()) {
        for (const auto &property : own)
            properties.append({QString::fromStdString(property.first.Scalar()), property.second});
    }
}

// A form body becomes the request's form fields, one per property of the schema, valued from
// the media type's example or else the property's example, default or skeleton value. A
// property with format: binary is a file field (its path left for the person to choose).
void OpenApiReader::readFormV3(const QString &mediaType, const YAML::Node &media,
                               ImportedRequest &request)
{
    const bool multipart = mediaType.toLower() == QLatin1String("multipart/form-data");
    Json example = nullptr;
    if (const YAML::Node e = child(media, "example"); e.IsDefined())
        example = OpenApiDocument::toJson(e);
    else if (const YAML::Node es = child(media, "examples"); es.IsMap() && es.size() > 0)
        example = OpenApiDocument::toJson(child(m_doc.resolve(es.begin()->second), "value"));
    const YAML::Node schema = child(media, "schema");
    QList<QPair<QString, YAML::Node>> properties;
    formProperties(schema, properties, 0);
    request.spec.bodyKind = multipart ? BodyKind::Multipart : BodyKind::Form;
    for (const auto &[name, node] : std::as_const(properties)) {
        const YAML::Node property = m_doc.resolve(node);
        const bool binary = yamlText(child(property, "type")) == QLatin1String("string") &&
                            yamlText(child(property, "format")) == QLatin1String("binary");
        if (binary && !multipart) {
            m_doc.report(node, QStringLiteral("%1: '%2' is a file, which a urlencoded form "
                                              "cannot send; imported as an empty text field")
                                   .arg(request.name, name));
        }
        const std::string key = name.toStdString();
        Json value = example.is_object() && example.contains(key) ? example[key]
                                                                  : m_doc.exampleFor(node);
        const bool file = binary && multipart;
        request.spec.formFields.append({true, name, file || binary ? QString() : jsonText(value),
                                        file});
    }
    if (properties.isEmpty() && example.is_object()) {
        for (const auto &[key, value] : example.items())
            request.spec.formFields.append(
                {true, QString::fromStdString(key), jsonText(value), false});
    }
    if (request.spec.formFields.isEmpty())
        m_doc.report(media.IsDefined() ? media : schema,
                     QStringLiteral("%1: the %2 body names no fields; add them in the Body tab")
                         .arg(request.name, mediaType));
}

// The first security requirement that applies: bearer, basic, API key, OAuth2/OpenID (a bearer
// access token). Credentials are secret variables with no value yet.
void OpenApiReader::applySecurity(const YAML::Node &operation, ImportedRequest &request)
{
    YAML::Node requirements = child(operation, "security");
    if (!requirements.IsDefined())
        requirements.reset(child(m_doc.root(), "security"));
    if (!requirements.IsSequence() || requirements.size() == 0 || !requirements[0].IsMap() ||
        requirements[0].size() == 0)
        return;
    const QString name = QString::fromStdString(requirements[0].begin()->first.Scalar());
    const YAML::Node schemes = m_v3 ? child(child(m_doc.root(), "components"), "securitySchemes")
                                    : child(m_doc.root(), "securityDefinitions");
    const YAML::Node scheme = m_doc.resolve(child(schemes, name.toStdString().c_str()));
    const QString type = yamlText(child(scheme, "type"));
    const QString httpScheme = yamlText(child(scheme, "scheme")).toLower();
    const auto secret = [this](const QString &variable) -> QString {
        m_result->addSecret(variable, QString());
        return QStringLiteral("{{") + variable + QStringLiteral("}}");
    };
    if ((type == QLatin1String("http") && httpScheme == QLatin1String("bearer")) ||
        type == QLatin1String("oauth2") || type == QLatin1String("openIdConnect")) {
        request.spec.auth.kind = AuthKind::Bearer;
        request.spec.auth.bearerToken =
            secret(type == QLatin1String("http") ? QStringLiteral("bearerToken")
                                                 : QStringLiteral("accessToken"));
    } else if ((type == QLatin1String("http") && httpScheme == QLatin1String("basic")) ||
               type == QLatin1String("basic")) {
        request.spec.auth.kind = AuthKind::Basic;
        request.spec.auth.basicUsername = QStringLiteral("{{basicUser}}");
        m_result->variables.insert(QStringLiteral("basicUser"), QString());
        m_result->toFill.insert(QStringLiteral("basicUser"));
        request.spec.auth.basicPassword = secret(QStringLiteral("basicPassword"));
    } else if (type == QLatin1String("apiKey")) {
        const QString in = yamlText(child(scheme, "in"));
        if (in == QLatin1String("header") || in == QLatin1String("query")) {
            request.spec.auth.kind = AuthKind::ApiKey;
            request.spec.auth.apiKeyName = yamlText(child(scheme, "name"));
            request.spec.auth.apiKeyLocation =
                in == QLatin1String("query") ? ApiKeyLocation::Query : ApiKeyLocation::Header;
            request.spec.auth.apiKeyValue = secret(QStringLiteral("apiKey"));
        } else
            reportOnce(
                name, scheme,
                QStringLiteral("security scheme '%1' sends its key in a cookie; not imported")
                    .arg(name));
    } else {
        reportOnce(name, scheme.IsDefined() ? scheme : requirements,
                   QStringLiteral(
                       "security scheme '%1' (%2) is not supported; requests using it have no auth")
                       .arg(name, type.isEmpty() ? QStringLiteral("undefined") : type));
    }
}

} // namespace

ImportResult importOpenApi(const QByteArray &document, const QString &source)
{
    ImportResult result;
    try {
        const YAML::Node root = YAML::Load(document.toStdString());
        OpenApiDocument doc(root, source, &result);
        if (!root.IsMap()) {
            doc.report(root, QStringLiteral("not an OpenAPI document: the top level is no map"),
                       Severity::Error);
            return result;
        }
        const QString openapi = yamlText(yamlChild(root, "openapi"));
        const QString swagger = yamlText(yamlChild(root, "swagger"));
        if (openapi.isEmpty() && swagger.isEmpty()) {
            doc.report(root,
                       QStringLiteral(
                           "not an OpenAPI document: neither \"openapi\" nor \"swagger\" is set"),
                       Severity::Error);
            return result;
        }
        if (!openapi.isEmpty() && !openapi.startsWith(QLatin1String("3.")))
            doc.report(yamlChild(root, "openapi"),
                       QStringLiteral("OpenAPI %1 is not supported; read as 3.0").arg(openapi));
        else if (openapi.startsWith(QLatin1String("3.1")))
            doc.report(
                yamlChild(root, "openapi"),
                QStringLiteral(
                    "OpenAPI 3.1 is read as 3.0; JSON Schema 2020-12 features may be missed"));
        if (openapi.isEmpty() && swagger != QLatin1String("2.0"))
            doc.report(yamlChild(root, "swagger"),
                       QStringLiteral("Swagger %1 is not supported; read as 2.0").arg(swagger));
        OpenApiReader(doc, !openapi.isEmpty(), source, &result).read();
    } catch (const YAML::Exception &e) {
        const bool known = !e.mark.is_null();
        result.problems.append(
            {source, known ? e.mark.line + 1 : 0, known ? e.mark.column + 1 : 0,
             QStringLiteral("not valid YAML or JSON: %1").arg(QString::fromStdString(e.msg)),
             Severity::Error});
    }
    return result;
}

} // namespace Gatehouse::Core::Import
