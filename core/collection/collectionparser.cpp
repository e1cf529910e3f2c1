// Reading collection files (declared in collectionformat.h): every field's type is checked,
// unknown fields are refused, and each mistake is reported where it stands.
#include "collectionformat.h"
#include "jsonpath.h"
#include "jsonvalue.h"

#include <QSet>

namespace Gatehouse::Core::Collection {

namespace {

using Type = JsonValue::Type;

// Reads the members of one JSON object, checking types, and reports what it did not ask for.
class ObjectReader
{
public:
    ObjectReader(const JsonValue &object, QList<LoadProblem> &problems)
        : m_object(object)
        , m_problems(problems)
        , m_problemsBefore(problems.size())
    {}

    const JsonValue *get(const char *name, Type type, bool required = false)
    {
        const QString key = QString::fromLatin1(name);
        m_known.insert(key);
        const JsonValue *value = m_object.member(key);
        if (!value) {
            if (required)
                problem(m_object, QStringLiteral("\"%1\" is missing").arg(key));
            return nullptr;
        }
        if (value->type != type) {
            problem(*value,
                    QStringLiteral("\"%1\" must be %2, not %3")
                        .arg(key, JsonValue::typeName(type), JsonValue::typeName(value->type)));
            return nullptr;
        }
        return value;
    }
    void string(const char *name, QString &into, bool required = false)
    {
        if (const JsonValue *value = get(name, Type::String, required))
            into = value->text;
    }
    void boolean(const char *name, bool &into)
    {
        if (const JsonValue *value = get(name, Type::Boolean))
            into = value->boolean();
    }
    void integer(const char *name, int &into, int minimum, int maximum)
    {
        const JsonValue *value = get(name, Type::Number);
        if (!value)
            return;
        bool ok = false;
        const qlonglong number = value->text.toLongLong(&ok);
        if (!ok || number < minimum || number > maximum) {
            problem(*value, QStringLiteral("\"%1\" must be a whole number from %2 to %3, not %4")
                                .arg(QString::fromLatin1(name))
                                .arg(minimum)
                                .arg(maximum)
                                .arg(value->text));
            return;
        }
        into = int(number);
    }
    // Reports members nobody asked for; true when this object had no problem.
    bool finish(const QStringList &alsoKnown = {})
    {
        for (std::size_t i = 0; i < m_object.names.size(); ++i) {
            const QString &name = m_object.names[i];
            if (!m_known.contains(name) && !alsoKnown.contains(name)) {
                QStringList known(m_known.cbegin(), m_known.cend());
                for (const QString &other : alsoKnown) {
                    if (!known.contains(other))
                        known.append(other);
                }
                known.sort();
                problem(m_object.items[i], QStringLiteral("unknown field \"%1\" (known here: %2)")
                                               .arg(name, known.join(QStringLiteral(", "))));
            }
        }
        return m_problems.size() == m_problemsBefore;
    }
    void problem(const JsonValue &at, const QString &reason)
    {
        m_problems.append({{}, at.line, at.column, reason});
    }

private:
    const JsonValue &m_object;
    QList<LoadProblem> &m_problems;
    qsizetype m_problemsBefore;
    QSet<QString> m_known;
};

void addProblem(QList<LoadProblem> &problems, const JsonValue &at, const QString &reason)
{
    problems.append({{}, at.line, at.column, reason});
}

// A secret field: required, and only {{variables}}, never the secret itself.
void readSecret(ObjectReader &reader, const char *name, QString &into, const QString &example,
                bool mayBeEmpty = false)
{
    const JsonValue *value = reader.get(name, Type::String, true);
    if (!value)
        return;
    into = value->text;
    if (!isOnlyVariables(into) && !(mayBeEmpty && into.isEmpty()))
        reader.problem(*value,
                       QStringLiteral("\"%1\" holds a secret in clear; secrets never go into "
                                      "collection files: use a secret variable such as %2")
                           .arg(QString::fromLatin1(name), example));
}

void readApiKey(ObjectReader &reader, const JsonValue &object, RequestAuth &auth)
{
    auth.kind = AuthKind::ApiKey;
    reader.string("name", auth.apiKeyName, true);
    QString location = QStringLiteral("header");
    reader.string("in", location);
    if (location == QLatin1String("query"))
        auth.apiKeyLocation = ApiKeyLocation::Query;
    else if (location == QLatin1String("header"))
        auth.apiKeyLocation = ApiKeyLocation::Header;
    else if (const JsonValue *value = object.member(u"in"))
        reader.problem(*value,
                       QStringLiteral("\"in\" is header or query, not \"%1\"").arg(location));
    readSecret(reader, "value", auth.apiKeyValue, QStringLiteral("{{apiKey}}"));
}

void readSigV4(ObjectReader &reader, const JsonValue &object, RequestAuth &auth)
{
    auth.kind = AuthKind::AwsSigV4;
    QString source = QStringLiteral("profile");
    reader.string("source", source);
    if (source == QLatin1String("profile")) {
        auth.source = AwsCredentialSource::Profile;
        reader.string("profile", auth.profile);
    } else if (source == QLatin1String("target")) {
        auth.source = AwsCredentialSource::Target;
    } else if (source == QLatin1String("accessKeys") ||
               source == QLatin1String("temporaryCredentials")) {
        const bool temporary = source == QLatin1String("temporaryCredentials");
        auth.source =
            temporary ? AwsCredentialSource::TemporaryCredentials : AwsCredentialSource::AccessKeys;
        reader.string("accessKeyId", auth.accessKeyId, true);
        readSecret(reader, "secretAccessKey", auth.secretAccessKey,
                   QStringLiteral("{{awsSecretAccessKey}}"));
        if (temporary)
            readSecret(reader, "sessionToken", auth.sessionToken,
                       QStringLiteral("{{awsSessionToken}}"));
    } else if (const JsonValue *value = object.member(u"source")) {
        reader.problem(
            *value,
            QStringLiteral("\"source\" is profile, target, accessKeys or temporaryCredentials, "
                           "not \"%1\"")
                .arg(source));
    }
    reader.string("service", auth.service);
    reader.string("region", auth.region);
    reader.boolean("unsignedPayload", auth.unsignedPayload);
}

// One of a fixed set of words; anything else is a problem naming the choices.
template<typename T>
void readChoice(ObjectReader &reader, const JsonValue &object, const char *name,
                const QList<QPair<QLatin1String, T>> &choices, T &into)
{
    QString text;
    reader.string(name, text);
    const JsonValue *value = object.member(QString::fromLatin1(name));
    if (!value || value->type != Type::String)
        return;
    QStringList words;
    for (const auto &[word, choice] : choices) {
        if (text == word) {
            into = choice;
            return;
        }
        words.append(word);
    }
    reader.problem(*value, QStringLiteral("\"%1\" is %2, not \"%3\"")
                               .arg(QString::fromLatin1(name), words.join(QStringLiteral(", ")), text));
}

void readOAuth2(ObjectReader &reader, const JsonValue &object, RequestAuth &auth)
{
    auth.kind = AuthKind::OAuth2;
    OAuth2Settings &o = auth.oauth2;
    readChoice(reader, object, "grant",
               QList<QPair<QLatin1String, OAuth2Grant>>{
                   {QLatin1String("authorizationCode"), OAuth2Grant::AuthorizationCode},
                   {QLatin1String("clientCredentials"), OAuth2Grant::ClientCredentials},
                   {QLatin1String("refreshToken"), OAuth2Grant::RefreshToken},
                   {QLatin1String("cognito"), OAuth2Grant::CognitoSignIn}},
               o.grant);
    reader.string("tokenUrl", o.tokenUrl);
    reader.string("authorizeUrl", o.authorizeUrl);
    reader.integer("redirectPort", o.redirectPort, 0, 65535);
    reader.string("clientId", o.clientId);
    readSecret(reader, "clientSecret", o.clientSecret, QStringLiteral("{{clientSecret}}"), true);
    readChoice(reader, object, "clientAuth",
               QList<QPair<QLatin1String, OAuth2ClientAuth>>{{QLatin1String("basic"), OAuth2ClientAuth::BasicHeader},
                                                             {QLatin1String("body"), OAuth2ClientAuth::RequestBody}},
               o.clientAuth);
    reader.string("scopes", o.scopes);
    reader.string("audience", o.audience);
    readSecret(reader, "refreshToken", o.refreshToken, QStringLiteral("{{refreshToken}}"), true);
    reader.string("userPoolId", o.userPoolId);
    reader.string("cognitoEndpoint", o.cognitoEndpoint);
    reader.string("username", o.username);
    readSecret(reader, "password", o.password, QStringLiteral("{{cognitoPassword}}"), true);
    reader.boolean("srp", o.srp);
    readChoice(reader, object, "tokenUse",
               QList<QPair<QLatin1String, OAuth2TokenUse>>{{QLatin1String("access"), OAuth2TokenUse::Access},
                                                           {QLatin1String("id"), OAuth2TokenUse::Id}},
               o.tokenUse);
    readChoice(reader, object, "in",
               QList<QPair<QLatin1String, OAuth2Placement>>{{QLatin1String("header"), OAuth2Placement::Header},
                                                            {QLatin1String("query"), OAuth2Placement::Query}},
               o.placement);
    reader.string("headerPrefix", o.headerPrefix);
    reader.string("queryParameter", o.queryParameter);
}

std::optional<RequestAuth> readAuth(const JsonValue &object, bool allowInherit, bool &inherit,
                                    QList<LoadProblem> &problems)
{
    ObjectReader reader(object, problems);
    RequestAuth auth;
    QString kind = QStringLiteral("none");
    reader.string("kind", kind, true);
    inherit = false;
    if (kind == QLatin1String("inherit") && allowInherit) {
        inherit = true;
    } else if (kind == QLatin1String("none")) {
        auth.kind = AuthKind::None;
    } else if (kind == QLatin1String("bearer")) {
        auth.kind = AuthKind::Bearer;
        readSecret(reader, "token", auth.bearerToken, QStringLiteral("{{token}}"));
    } else if (kind == QLatin1String("basic")) {
        auth.kind = AuthKind::Basic;
        reader.string("username", auth.basicUsername, true);
        readSecret(reader, "password", auth.basicPassword, QStringLiteral("{{password}}"), true);
    } else if (kind == QLatin1String("apiKey")) {
        readApiKey(reader, object, auth);
    } else if (kind == QLatin1String("sigv4")) {
        readSigV4(reader, object, auth);
    } else if (kind == QLatin1String("oauth2")) {
        readOAuth2(reader, object, auth);
    } else if (const JsonValue *value = object.member(u"kind")) {
        reader.problem(
            *value, QStringLiteral("\"kind\" is %1none, bearer, basic, apiKey, sigv4 or oauth2, not \"%2\"")
                        .arg(allowInherit ? QStringLiteral("inherit, ") : QString(), kind));
    }
    if (!reader.finish())
        return std::nullopt;
    return auth;
}

std::optional<Assertion> readAssertion(const JsonValue &object, QList<LoadProblem> &problems)
{
    if (!object.isObject()) {
        addProblem(problems, object,
                   QStringLiteral("each test is an object such as {\"status\": 200}"));
        return std::nullopt;
    }
    ObjectReader reader(object, problems);
    Assertion assertion;
    const bool isStatus = object.member(u"status");
    const bool isHeader = object.member(u"header");
    const bool isPath = object.member(u"jsonPath");
    if (int(isStatus) + int(isHeader) + int(isPath) != 1) {
        reader.problem(
            object,
            QStringLiteral("a test names exactly one of \"status\", \"header\" or \"jsonPath\""));
        reader.finish({QStringLiteral("status"), QStringLiteral("header"),
                       QStringLiteral("jsonPath"), QStringLiteral("equals"),
                       QStringLiteral("contains"), QStringLiteral("exists")});
        return std::nullopt;
    }
    if (isStatus) {
        assertion.kind = Assertion::Kind::Status;
        reader.integer("status", assertion.status, 100, 599);
        return reader.finish() ? std::optional(assertion) : std::nullopt;
    }
    assertion.kind = isHeader ? Assertion::Kind::Header : Assertion::Kind::JsonPath;
    const char *subjectKey = isHeader ? "header" : "jsonPath";
    if (const JsonValue *subject = reader.get(subjectKey, Type::String)) {
        assertion.subject = subject->text;
        if (isPath) {
            if (const Result<JsonPath> path = JsonPath::parse(subject->text); !path)
                reader.problem(*subject, path.error().message);
        } else if (subject->text.trimmed().isEmpty()) {
            reader.problem(*subject,
                           QStringLiteral("\"header\" names a header, e.g. \"Content-Type\""));
        }
    }
    const JsonValue *equals = object.member(u"equals");
    const JsonValue *contains = isHeader ? object.member(u"contains") : nullptr;
    const JsonValue *exists = object.member(u"exists");
    if (int(bool(equals)) + int(bool(contains)) + int(bool(exists)) != 1) {
        reader.problem(
            object,
            isHeader
                ? QStringLiteral("a header test has one of \"equals\", \"contains\" or \"exists\"")
                : QStringLiteral("a jsonPath test has one of \"equals\" or \"exists\""));
        reader.finish(
            {QStringLiteral("equals"), QStringLiteral("contains"), QStringLiteral("exists")});
        return std::nullopt;
    }
    if (exists) {
        assertion.check = Assertion::Check::Exists;
        reader.boolean("exists", assertion.exists);
    } else if (contains) {
        assertion.check = Assertion::Check::Contains;
        reader.string("contains", assertion.expected);
    } else if (isHeader) {
        reader.string("equals", assertion.expected);
    } else {
        reader.get("equals", equals->type);
        assertion.expected = equals->toCompactText();
    }
    return reader.finish() ? std::optional(assertion) : std::nullopt;
}

void readHeaders(const JsonValue &array, QList<HeaderEntry> &headers, QList<LoadProblem> &problems)
{
    for (const JsonValue &item : array.items) {
        if (!item.isObject()) {
            addProblem(problems, item,
                       QStringLiteral(
                           "each header is {\"name\": ..., \"value\": ..., \"enabled\": true}"));
            continue;
        }
        ObjectReader reader(item, problems);
        HeaderEntry header;
        reader.string("name", header.name, true);
        reader.string("value", header.value);
        reader.boolean("enabled", header.enabled);
        if (reader.finish())
            headers.append(header);
    }
}

void readFormFields(const JsonValue &array, QList<FormField> &fields, QList<LoadProblem> &problems)
{
    for (const JsonValue &item : array.items) {
        if (!item.isObject()) {
            addProblem(problems, item,
                       QStringLiteral("each form field is {\"name\": ..., \"value\": ..., \"enabled\": true, "
                                      "\"file\": false}"));
            continue;
        }
        ObjectReader reader(item, problems);
        FormField field;
        reader.string("name", field.name, true);
        reader.string("value", field.value);
        reader.boolean("enabled", field.enabled);
        reader.boolean("file", field.file);
        if (reader.finish())
            fields.append(field);
    }
}

void readBody(const JsonValue &object, RequestSpec &spec, QList<LoadProblem> &problems)
{
    ObjectReader reader(object, problems);
    QString kind = QStringLiteral("none");
    reader.string("kind", kind);
    reader.string("text", spec.body);
    reader.string("file", spec.bodyFile);
    if (const JsonValue *fields = reader.get("fields", Type::Array))
        readFormFields(*fields, spec.formFields, problems);
    static const QList<QPair<QLatin1String, BodyKind>> kinds = {
        {QLatin1String("none"), BodyKind::None},   {QLatin1String("json"), BodyKind::Json},
        {QLatin1String("xml"), BodyKind::Xml},     {QLatin1String("text"), BodyKind::Text},   {QLatin1String("form"), BodyKind::Form},
        {QLatin1String("multipart"), BodyKind::Multipart}, {QLatin1String("binary"), BodyKind::Binary}};
    const auto known = std::find_if(kinds.begin(), kinds.end(), [&kind](const auto &k) { return k.first == kind; });
    if (known != kinds.end())
        spec.bodyKind = known->second;
    else if (const JsonValue *value = object.member(u"kind"))
        reader.problem(*value, QStringLiteral("\"kind\" is none, json, xml, text, form, multipart or binary, not \"%1\"")
                                   .arg(kind));
    reader.finish();
}

QList<EnvironmentVariable> readVariables(const JsonValue &array, QList<LoadProblem> &problems)
{
    QList<EnvironmentVariable> variables;
    for (const JsonValue &item : array.items) {
        if (!item.isObject()) {
            addProblem(problems, item,
                       QStringLiteral("each variable is {\"key\": ..., \"value\": ...}"));
            continue;
        }
        ObjectReader reader(item, problems);
        EnvironmentVariable variable;
        reader.string("key", variable.key, true);
        reader.boolean("secret", variable.secret);
        if (variable.secret) {
            variable.enabled = false; // its value comes from the environment (--env)
            if (const JsonValue *value = item.member(u"value"))
                reader.problem(*value,
                               QStringLiteral("a secret variable has no value in the "
                                              "collection; give it in the environment file"));
        } else {
            reader.string("value", variable.value);
            reader.boolean("enabled", variable.enabled);
        }
        if (reader.finish({QStringLiteral("value"), QStringLiteral("enabled")}))
            variables.append(variable);
    }
    return variables;
}

// "<stem>.request.json" or "<directory>/", naming something inside this folder.
bool isOrderEntry(const QString &entry)
{
    const bool folder = entry.endsWith(QLatin1Char('/'));
    const QString name = folder ? entry.chopped(1) : entry;
    if (name.isEmpty() || name.startsWith(QLatin1Char('.')) || name.contains(QLatin1Char('/')) ||
        name.contains(QLatin1Char('\\')))
        return false;
    return folder || (name.endsWith(RequestFileSuffix) && name.size() > RequestFileSuffix.size());
}

std::optional<JsonValue> parseObject(const QByteArray &text, QList<LoadProblem> &problems)
{
    JsonSyntaxError error;
    Result<JsonValue> document = parseJson(text, &error);
    if (!document) {
        problems.append({{}, error.line, error.column, error.reason});
        return std::nullopt;
    }
    if (!document->isObject()) {
        addProblem(problems, *document, QStringLiteral("the file must hold one JSON object {...}"));
        return std::nullopt;
    }
    return std::move(document).value();
}

} // namespace

std::optional<CollectionRequest> parseRequestFile(const QByteArray &text,
                                                  QList<LoadProblem> &problems)
{
    const qsizetype before = problems.size();
    const std::optional<JsonValue> root = parseObject(text, problems);
    if (!root)
        return std::nullopt;
    ObjectReader reader(*root, problems);
    CollectionRequest request;
    reader.string("name", request.name, true);
    reader.string("method", request.spec.method, true);
    reader.string("url", request.spec.url, true);
    if (const JsonValue *headers = reader.get("headers", Type::Array))
        readHeaders(*headers, request.spec.headers, problems);
    if (const JsonValue *body = reader.get("body", Type::Object))
        readBody(*body, request.spec, problems);
    if (const JsonValue *auth = reader.get("auth", Type::Object)) {
        if (const std::optional<RequestAuth> read =
                readAuth(*auth, true, request.inheritAuth, problems))
            request.spec.auth = *read;
    }
    reader.integer("timeoutMs", request.spec.timeoutMs, 1, 3600 * 1000);
    reader.boolean("followRedirects", request.spec.followRedirects);
    if (const JsonValue *tests = reader.get("tests", Type::Array)) {
        for (const JsonValue &item : tests->items) {
            if (const std::optional<Assertion> assertion = readAssertion(item, problems))
                request.tests.append(*assertion);
        }
    }
    reader.finish();
    if (problems.size() != before)
        return std::nullopt;
    return request;
}

std::optional<FolderFile> parseFolderFile(const QByteArray &text, bool isCollection,
                                          QList<LoadProblem> &problems)
{
    const std::optional<JsonValue> root = parseObject(text, problems);
    if (!root)
        return std::nullopt;
    ObjectReader reader(*root, problems);
    FolderFile file;
    if (isCollection) {
        int version = FormatVersion;
        if (!root->member(u"gatehouseCollection"))
            reader.problem(
                *root, QStringLiteral("\"gatehouseCollection\": %1 is missing: is this a Gatehouse "
                                      "collection?")
                           .arg(FormatVersion));
        reader.integer("gatehouseCollection", version, 1, FormatVersion);
        if (const JsonValue *variables = reader.get("variables", Type::Array))
            file.variables = readVariables(*variables, problems);
        if (const JsonValue *auth = reader.get("auth", Type::Object)) {
            bool inherit = false;
            if (const std::optional<RequestAuth> read = readAuth(*auth, false, inherit, problems))
                file.auth = *read;
        }
    }
    reader.string("name", file.name, isCollection);
    reader.string("description", file.description);
    if (const JsonValue *order = reader.get("order", Type::Array)) {
        for (const JsonValue &item : order->items) {
            if (!item.isString() || !isOrderEntry(item.text)) {
                addProblem(
                    problems, item,
                    QStringLiteral("an order entry is \"<name>.request.json\" or \"<folder>/\" "
                                   "in this folder"));
                continue;
            }
            file.order.append({item.text, item.line, item.column});
        }
    }
    reader.finish();
    return file;
}

} // namespace Gatehouse::Core::Collection
