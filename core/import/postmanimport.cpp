#include "postmanimport.h"

#include "core/jsonpretty.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUrl>
#include <algorithm>

namespace Gatehouse::Core::Import {

namespace {

QString text(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble());
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return {};
}

QString descriptionText(const QJsonValue &value)
{
    return value.isObject() ? value.toObject().value(QLatin1String("content")).toString()
                            : value.toString();
}

// An auth parameter: v2.1 keeps them as [{key, value}], v2.0 as {key: value}.
QString authParam(const QJsonObject &auth, const QString &type, const QString &key)
{
    const QJsonValue params = auth.value(type);
    if (params.isObject())
        return text(params.toObject().value(key));
    for (const QJsonValue &entry : params.toArray()) {
        if (entry.toObject().value(QLatin1String("key")).toString() == key)
            return text(entry.toObject().value(QLatin1String("value")));
    }
    return {};
}

bool hasEnabledContentType(const RequestSpec &spec)
{
    return std::any_of(spec.headers.cbegin(), spec.headers.cend(), [](const HeaderEntry &h) {
        return h.enabled && h.name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0;
    });
}

// Postman keeps form fields decoded; the body is what goes on the wire ({{variables}} kept).
QString urlencodedBody(const QJsonArray &fields)
{
    QStringList pairs;
    for (const QJsonValue &v : fields) {
        const QJsonObject p = v.toObject();
        if (p.value(QLatin1String("disabled")).toBool())
            continue;
        const QByteArray key =
            QUrl::toPercentEncoding(p.value(QLatin1String("key")).toString(), "{}");
        const QByteArray value =
            QUrl::toPercentEncoding(text(p.value(QLatin1String("value"))), "{}");
        pairs << QString::fromLatin1(key + '=' + value);
    }
    return pairs.join(QLatin1Char('&'));
}

// A GraphQL body as GraphQL servers take it over HTTP: {"query", "variables"}.
QString graphqlBody(const QJsonObject &graphql)
{
    QJsonObject json{{QStringLiteral("query"), graphql.value(QLatin1String("query")).toString()}};
    const QString variables = graphql.value(QLatin1String("variables")).toString();
    const QJsonDocument vars = QJsonDocument::fromJson(variables.toUtf8());
    if (vars.isObject())
        json.insert(QStringLiteral("variables"), vars.object());
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented));
}

// (line, column) of a byte offset.
QPair<int, int> lineColumn(const QByteArray &data, qsizetype offset)
{
    offset = qBound<qsizetype>(0, offset, data.size());
    const int line = int(data.left(offset).count('\n')) + 1;
    const qsizetype lineStart = data.lastIndexOf('\n', offset - 1) + 1;
    return {line, int(offset - lineStart) + 1};
}

class PostmanReader
{
public:
    PostmanReader(const QByteArray &data, const QString &source)
        : m_data(data)
        , m_source(source)
    {}

    ImportResult read();

private:
    void readItems(const QJsonArray &items, const QStringList &folder, const QJsonObject &auth);
    void readRequest(const QJsonObject &item, const QStringList &folder, const QJsonObject &auth);
    QString readUrl(const QJsonValue &url);
    void readHeaders(const QJsonValue &headers, RequestSpec &spec, const QString &where);
    void readBody(const QJsonObject &body, RequestSpec &spec, ImportedRequest &request);
    void readAuth(const QJsonObject &auth, RequestSpec &spec, const QString &where);
    void basicAuth(const QString &user, const QString &password, RequestSpec &spec,
                   const QString &where);
    void nameSecret(const QString &where, const QString &type, const QString &name);
    void warn(const QString &message)
    {
        m_result.problems.append(
            {m_source, m_at.first, m_at.second, message, ImportProblem::Severity::Warning});
    }
    // Moves the reported position to the next occurrence of the item's name.
    void locate(const QString &name)
    {
        const QByteArray needle =
            QJsonDocument(QJsonArray{name}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
        const qsizetype at = m_data.indexOf(needle, m_cursor);
        if (at >= 0) {
            m_cursor = at + needle.size();
            m_at = lineColumn(m_data, at);
        }
    }

    const QByteArray &m_data;
    QString m_source;
    ImportResult m_result;
    QSet<QString> m_named;
    qsizetype m_cursor = 0;
    QPair<int, int> m_at{0, 0};
};

ImportResult PostmanReader::read()
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(m_data, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        const auto [line, column] =
            lineColumn(m_data, error.error != QJsonParseError::NoError ? error.offset : 0);
        const QString why = error.error != QJsonParseError::NoError
                                ? error.errorString()
                                : QStringLiteral("a collection is a JSON object");
        m_result.problems.append({m_source, line, column, QStringLiteral("not valid JSON: ") + why,
                                  ImportProblem::Severity::Error});
        return m_result;
    }
    const QJsonObject root = doc.object();
    const QJsonObject info = root.value(QLatin1String("info")).toObject();
    if (info.isEmpty() || !root.value(QLatin1String("item")).isArray()) {
        const bool v1 =
            root.contains(QLatin1String("requests")) && root.contains(QLatin1String("order"));
        m_result.problems.append(
            {m_source, 1, 1,
             v1 ? QStringLiteral("this is a Postman collection v1; export it again as v2.1")
                : QStringLiteral("not a Postman collection: \"info\" and \"item\" are missing"),
             ImportProblem::Severity::Error});
        return m_result;
    }
    const QString schema = info.value(QLatin1String("schema")).toString();
    if (!schema.isEmpty() && !schema.contains(QLatin1String("v2.1")) &&
        !schema.contains(QLatin1String("v2.0")))
        warn(QStringLiteral("schema '%1' is not v2.1 or v2.0; read as v2.1").arg(schema));
    m_result.name = info.value(QLatin1String("name")).toString();
    for (const QJsonValue &v : root.value(QLatin1String("variable")).toArray()) {
        const QJsonObject var = v.toObject();
        const QString key = var.value(QLatin1String("key")).toString();
        if (key.isEmpty() || var.value(QLatin1String("disabled")).toBool())
            continue;
        if (var.value(QLatin1String("type")).toString() == QLatin1String("secret"))
            m_result.addSecret(key, text(var.value(QLatin1String("value"))));
        else
            m_result.variables.insert(key, text(var.value(QLatin1String("value"))));
    }
    if (root.contains(QLatin1String("event")))
        warn(QStringLiteral(
            "the collection's scripts are not imported: Gatehouse does not run Postman scripts"));
    readItems(root.value(QLatin1String("item")).toArray(), {},
              root.value(QLatin1String("auth")).toObject());
    if (m_result.requests.isEmpty())
        m_result.problems.append(
            {m_source, 0, 0,
             QStringLiteral("the collection holds no request that could be imported"),
             ImportProblem::Severity::Error});
    return m_result;
}

void PostmanReader::readItems(const QJsonArray &items, const QStringList &folder,
                              const QJsonObject &auth)
{
    for (const QJsonValue &value : items) {
        const QJsonObject item = value.toObject();
        const QString name = item.value(QLatin1String("name")).toString();
        locate(name);
        // An item's own auth, when it has one, is what its requests inherit.
        const QJsonObject inherited =
            item.contains(QLatin1String("auth")) && !item.value(QLatin1String("auth")).isNull()
                ? item.value(QLatin1String("auth")).toObject()
                : auth;
        if (item.value(QLatin1String("item")).isArray()) {
            readItems(item.value(QLatin1String("item")).toArray(), folder + QStringList{name},
                      inherited);
        } else if (item.contains(QLatin1String("request"))) {
            readRequest(item, folder, inherited);
        } else {
            warn(QStringLiteral("item '%1' has neither a request nor items; skipped").arg(name));
        }
    }
}

void PostmanReader::readRequest(const QJsonObject &item, const QStringList &folder,
                                const QJsonObject &auth)
{
    const QString name = item.value(QLatin1String("name")).toString();
    const QString where = (folder + QStringList{name}).join(QLatin1Char('/'));
    ImportedRequest request;
    request.name = name;
    request.folder = folder;
    const QJsonValue value = item.value(QLatin1String("request"));
    if (value.isString()) {
        request.spec.url = value.toString();
        m_result.requests.append(request);
        return;
    }
    const QJsonObject r = value.toObject();
    request.spec.method =
        r.value(QLatin1String("method")).toString(QStringLiteral("GET")).toUpper();
    request.spec.url = readUrl(r.value(QLatin1String("url")));
    request.description = descriptionText(r.value(QLatin1String("description")));
    if (request.description.isEmpty())
        request.description = descriptionText(item.value(QLatin1String("description")));
    readHeaders(r.value(QLatin1String("header")), request.spec, where);
    readBody(r.value(QLatin1String("body")).toObject(), request.spec, request);
    const QJsonObject ownAuth = r.value(QLatin1String("auth")).toObject();
    readAuth(r.contains(QLatin1String("auth")) && !r.value(QLatin1String("auth")).isNull() ? ownAuth
                                                                                           : auth,
             request.spec, where);
    if (item.contains(QLatin1String("event")))
        warn(QStringLiteral("'%1': its scripts are not imported").arg(where));
    if (request.spec.url.isEmpty()) {
        m_result.problems.append({m_source, m_at.first, m_at.second,
                                  QStringLiteral("'%1' has no URL; skipped").arg(where),
                                  ImportProblem::Severity::Error});
        return;
    }
    m_result.requests.append(request);
}

QString PostmanReader::readUrl(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    const QJsonObject url = value.toObject();
    QString raw = url.value(QLatin1String("raw")).toString();
    if (raw.isEmpty()) {
        const QJsonValue host = url.value(QLatin1String("host"));
        const QJsonValue path = url.value(QLatin1String("path"));
        QStringList hostParts, pathParts;
        for (const QJsonValue &h : host.toArray())
            hostParts << text(h);
        for (const QJsonValue &p : path.toArray())
            pathParts << (p.isObject() ? p.toObject().value(QLatin1String("value")).toString()
                                       : text(p));
        const QString protocol = url.value(QLatin1String("protocol")).toString();
        raw = (protocol.isEmpty() ? QString() : protocol + QStringLiteral("://")) +
              (host.isString() ? host.toString() : hostParts.join(QLatin1Char('.')));
        if (url.contains(QLatin1String("port")))
            raw += QLatin1Char(':') + text(url.value(QLatin1String("port")));
        const QString pathText =
            path.isString() ? path.toString() : pathParts.join(QLatin1Char('/'));
        if (!pathText.isEmpty())
            raw += (pathText.startsWith(QLatin1Char('/')) ? QString() : QStringLiteral("/")) +
                   pathText;
        QStringList query;
        for (const QJsonValue &q : url.value(QLatin1String("query")).toArray()) {
            const QJsonObject param = q.toObject();
            if (!param.value(QLatin1String("disabled")).toBool())
                query << text(param.value(QLatin1String("key"))) + QLatin1Char('=') +
                             text(param.value(QLatin1String("value")));
        }
        if (!query.isEmpty())
            raw += QLatin1Char('?') + query.join(QLatin1Char('&'));
    }
    // Postman's path variables (":id") become the value given, or {{id}}.
    for (const QJsonValue &v : url.value(QLatin1String("variable")).toArray()) {
        const QString key = v.toObject().value(QLatin1String("key")).toString();
        const QString given = text(v.toObject().value(QLatin1String("value")));
        if (key.isEmpty())
            continue;
        const QString replacement =
            given.isEmpty() ? QStringLiteral("{{") + key + QStringLiteral("}}") : given;
        for (const QString &suffix :
             {QStringLiteral("/"), QStringLiteral("?"), QStringLiteral("#"), QString()}) {
            const QString needle = QStringLiteral("/:") + key + suffix;
            if (suffix.isEmpty()) {
                if (raw.endsWith(needle))
                    raw = raw.chopped(needle.size()) + QLatin1Char('/') + replacement;
            } else {
                raw.replace(needle, QLatin1Char('/') + replacement + suffix);
            }
        }
    }
    return raw;
}

void PostmanReader::readHeaders(const QJsonValue &headers, RequestSpec &spec, const QString &where)
{
    QList<HeaderEntry> entries;
    if (headers.isString()) { // v2.0 allowed "Name: value\nName: value"
        for (const QString &line :
             headers.toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const qsizetype colon = line.indexOf(QLatin1Char(':'));
            if (colon > 0)
                entries.append({true, line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
    }
    for (const QJsonValue &h : headers.toArray()) {
        const QJsonObject header = h.toObject();
        entries.append({!header.value(QLatin1String("disabled")).toBool(),
                        header.value(QLatin1String("key")).toString(),
                        text(header.value(QLatin1String("value")))});
    }
    for (HeaderEntry &entry : entries) {
        if (isSecretHeader(entry.name) && !entry.value.isEmpty()) {
            const QString hidden = m_result.hideSecret(QStringLiteral("headerSecret"), entry.value);
            if (hidden != entry.value)
                warn(QStringLiteral("'%1': the %2 value is kept as the secret variable %3")
                         .arg(where, entry.name, hidden));
            entry.value = hidden;
        }
        spec.headers.append(entry);
    }
}

void PostmanReader::readBody(const QJsonObject &body, RequestSpec &spec, ImportedRequest &request)
{
    const QString mode = body.value(QLatin1String("mode")).toString();
    if (mode.isEmpty() || body.value(QLatin1String("disabled")).toBool())
        return;
    const QString where = (request.folder + QStringList{request.name}).join(QLatin1Char('/'));
    if (mode == QLatin1String("raw")) {
        spec.body = body.value(QLatin1String("raw")).toString();
        const QString language = body.value(QLatin1String("options"))
                                     .toObject()
                                     .value(QLatin1String("raw"))
                                     .toObject()
                                     .value(QLatin1String("language"))
                                     .toString();
        // Postman's raw languages are text, javascript, json, html and xml; the builder has
        // kinds for JSON and XML, the rest are text.
        const bool json = language == QLatin1String("json") ||
                          (language.isEmpty() && validateJson(spec.body.toUtf8()));
        spec.bodyKind = language == QLatin1String("xml") ? BodyKind::Xml
                        : json                           ? BodyKind::Json
                                                         : BodyKind::Text;
    } else if (mode == QLatin1String("urlencoded")) {
        spec.body = urlencodedBody(body.value(QLatin1String("urlencoded")).toArray());
        spec.bodyKind = BodyKind::Text;
        if (!hasEnabledContentType(spec))
            spec.headers.append({true, QStringLiteral("Content-Type"),
                                 QStringLiteral("application/x-www-form-urlencoded")});
    } else if (mode == QLatin1String("graphql")) {
        spec.body = graphqlBody(body.value(QLatin1String("graphql")).toObject());
        spec.bodyKind = BodyKind::Json;
    } else if (mode == QLatin1String("formdata")) {
        // The request builder's multipart form; a file field keeps Postman's path ("src", a
        // string or the first of a list), which may not exist on this machine.
        spec.bodyKind = BodyKind::Multipart;
        for (const QJsonValue &v : body.value(QLatin1String("formdata")).toArray()) {
            const QJsonObject f = v.toObject();
            FormField field;
            field.name = f.value(QLatin1String("key")).toString();
            field.enabled = !f.value(QLatin1String("disabled")).toBool();
            field.file = f.value(QLatin1String("type")).toString() == QLatin1String("file");
            if (field.file) {
                const QJsonValue src = f.value(QLatin1String("src"));
                field.value = src.isArray() ? src.toArray().first().toString() : src.toString();
                if (field.value.isEmpty())
                    warn(QStringLiteral("'%1': the file field '%2' names no file; choose one before sending")
                             .arg(where, field.name));
            } else {
                field.value = text(f.value(QLatin1String("value")));
            }
            spec.formFields.append(field);
        }
    } else {
        warn(QStringLiteral("'%1': a body of mode '%2' is not imported").arg(where, mode));
    }
}

// Said once per variable, not for every request that inherits it.
void PostmanReader::nameSecret(const QString &where, const QString &type, const QString &name)
{
    if (m_named.contains(name))
        return;
    m_named.insert(name);
    warn(QStringLiteral("'%1': the %2 credentials are kept as the secret variable %3")
             .arg(where, type, name));
}

// The Auth tab's Basic auth: the user name as given, the password a secret variable.
void PostmanReader::basicAuth(const QString &user, const QString &password, RequestSpec &spec,
                              const QString &where)
{
    spec.auth.kind = AuthKind::Basic;
    spec.auth.basicUsername = user;
    spec.auth.basicPassword = m_result.hideSecret(QStringLiteral("basicPassword"), password);
    if (spec.auth.basicPassword != password)
        nameSecret(where, QStringLiteral("basic"), spec.auth.basicPassword);
}

void PostmanReader::readAuth(const QJsonObject &auth, RequestSpec &spec, const QString &where)
{
    const QString type = auth.value(QLatin1String("type")).toString();
    if (type.isEmpty() || type == QLatin1String("noauth") || type == QLatin1String("inherit"))
        return;
    const auto param = [&](const char *key) {
        return authParam(auth, type, QLatin1String(key));
    };
    const auto named = [&](const QString &name) {
        nameSecret(where, type, name);
    };
    if (type == QLatin1String("bearer")) {
        spec.auth.kind = AuthKind::Bearer;
        spec.auth.bearerToken = m_result.hideSecret(QStringLiteral("bearerToken"), param("token"));
        if (spec.auth.bearerToken != param("token"))
            named(spec.auth.bearerToken);
    } else if (type == QLatin1String("basic")) {
        basicAuth(param("username"), param("password"), spec, where);
    } else if (type == QLatin1String("apikey")) {
        spec.auth.kind = AuthKind::ApiKey;
        spec.auth.apiKeyName = param("key").isEmpty() ? QStringLiteral("x-api-key") : param("key");
        spec.auth.apiKeyLocation =
            param("in") == QLatin1String("query") ? ApiKeyLocation::Query : ApiKeyLocation::Header;
        spec.auth.apiKeyValue = m_result.hideSecret(QStringLiteral("apiKey"), param("value"));
        if (spec.auth.apiKeyValue != param("value"))
            named(spec.auth.apiKeyValue);
    } else if (type == QLatin1String("awsv4")) {
        spec.auth.kind = AuthKind::AwsSigV4;
        spec.auth.source = AwsCredentialSource::Profile;
        spec.auth.region = param("region");
        spec.auth.service = param("service");
        if (!param("secretKey").isEmpty() || !param("sessionToken").isEmpty())
            warn(QStringLiteral("'%1': the AWS keys are not imported; the request is signed with "
                                "your credentials (profile or environment)")
                     .arg(where));
    } else {
        warn(QStringLiteral("'%1': %2 auth is not supported; imported without auth")
                 .arg(where, type));
    }
}

} // namespace

ImportResult importPostman(const QByteArray &json, const QString &source)
{
    return PostmanReader(json, source).read();
}

} // namespace Gatehouse::Core::Import
