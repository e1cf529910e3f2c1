#include "collectionformat.h"

#include "jsonpath.h"
#include "jsonvalue.h"

#include <QSet>
#include <limits>
#include <tuple>

namespace Gatehouse::Core::Collection {

namespace {

using Type = JsonValue::Type;

QString boolText(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

} // namespace

bool isOnlyVariables(const QString &text)
{
    const QString trimmed = text.trimmed();
    qsizetype at = 0;
    while (at < trimmed.size()) {
        if (!trimmed.mid(at).startsWith(QLatin1String("{{")))
            return false;
        const qsizetype close = trimmed.indexOf(QLatin1String("}}"), at + 2);
        if (close < 0 || trimmed.mid(at + 2, close - at - 2).trimmed().isEmpty())
            return false;
        at = close + 2;
    }
    return at > 0;
}

namespace {

QString sourceName(AwsCredentialSource source)
{
    switch (source) {
    case AwsCredentialSource::Profile:
        return QStringLiteral("profile");
    case AwsCredentialSource::AccessKeys:
        return QStringLiteral("accessKeys");
    case AwsCredentialSource::TemporaryCredentials:
        return QStringLiteral("temporaryCredentials");
    case AwsCredentialSource::Target:
        return QStringLiteral("target");
    }
    return {};
}

QString bodyKindName(BodyKind kind)
{
    switch (kind) {
    case BodyKind::None:
        return QStringLiteral("none");
    case BodyKind::Json:
        return QStringLiteral("json");
    case BodyKind::Xml:
        return QStringLiteral("xml");
    case BodyKind::Text:
        return QStringLiteral("text");
    case BodyKind::Form:
        return QStringLiteral("form");
    case BodyKind::Multipart:
        return QStringLiteral("multipart");
    case BodyKind::Binary:
        return QStringLiteral("binary");
    }
    return {};
}

bool hasKeys(AwsCredentialSource source)
{
    return source == AwsCredentialSource::AccessKeys ||
           source == AwsCredentialSource::TemporaryCredentials;
}

// Lines of text at two spaces per level; members separated by commas as JSON wants.
class Writer
{
public:
    void open(int level, const QString &key, QChar bracket) { line(level, member(key) + bracket); }
    void field(int level, const QString &key, const QString &jsonText, bool last)
    {
        line(level, member(key) + jsonText + (last ? QString() : QStringLiteral(",")));
    }
    void close(int level, QChar bracket, bool last)
    {
        line(level, bracket + (last ? QString() : QStringLiteral(",")));
    }
    // "key": [ one line per entry ] (or "key": [] when there is none)
    void list(int level, const QString &key, const QStringList &entries, bool last)
    {
        if (entries.isEmpty()) {
            field(level, key, QStringLiteral("[]"), last);
            return;
        }
        open(level, key, QLatin1Char('['));
        for (qsizetype i = 0; i < entries.size(); ++i)
            line(level + 1,
                 entries.at(i) + (i + 1 < entries.size() ? QStringLiteral(",") : QString()));
        close(level, QLatin1Char(']'), last);
    }
    void line(int level, const QString &text)
    {
        m_text += QString(level * 2, QLatin1Char(' ')) + text + QLatin1Char('\n');
    }
    QByteArray bytes() const { return m_text.toUtf8(); }

private:
    static QString member(const QString &key)
    {
        return key.isEmpty() ? QString() : quoteJson(key) + QStringLiteral(": ");
    }

    QString m_text;
};

QString inlineObject(const QList<QPair<QString, QString>> &members)
{
    QStringList parts;
    for (const auto &[key, value] : members)
        parts.append(quoteJson(key) + QStringLiteral(": ") + value);
    return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
}

// Refuses what cannot be saved: a secret in clear.
Result<void> checkSecrets(const RequestAuth &auth, const QString &owner)
{
    const auto refuse = [&owner](const QString &what, const QString &example) {
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("%1 holds a %2 in clear, and secrets are never written to collection "
                           "files. Put it in a secret variable of your environment and write %3 "
                           "instead.")
                .arg(owner, what, example));
    };
    if (auth.kind == AuthKind::Bearer && !isOnlyVariables(auth.bearerToken))
        return refuse(QStringLiteral("bearer token"), QStringLiteral("{{token}}"));
    if (auth.kind == AuthKind::Basic && !auth.basicPassword.isEmpty() &&
        !isOnlyVariables(auth.basicPassword))
        return refuse(QStringLiteral("Basic auth password"), QStringLiteral("{{password}}"));
    if (auth.kind == AuthKind::ApiKey && !isOnlyVariables(auth.apiKeyValue))
        return refuse(QStringLiteral("API key"), QStringLiteral("{{apiKey}}"));
    if (auth.kind == AuthKind::OAuth2) {
        const QList<std::tuple<QString, QString, QString>> secrets{
            {auth.oauth2.clientSecret, QStringLiteral("OAuth2 client secret"), QStringLiteral("{{clientSecret}}")},
            {auth.oauth2.refreshToken, QStringLiteral("OAuth2 refresh token"), QStringLiteral("{{refreshToken}}")},
            {auth.oauth2.password, QStringLiteral("Cognito password"), QStringLiteral("{{cognitoPassword}}")}};
        for (const auto &[value, what, example] : secrets) {
            if (!value.trimmed().isEmpty() && !isOnlyVariables(value))
                return refuse(what, example);
        }
    }
    if (auth.kind == AuthKind::AwsSigV4 && hasKeys(auth.source)) {
        if (!isOnlyVariables(auth.secretAccessKey))
            return refuse(QStringLiteral("secret access key"),
                          QStringLiteral("{{awsSecretAccessKey}}"));
        if (auth.source == AwsCredentialSource::TemporaryCredentials &&
            !isOnlyVariables(auth.sessionToken))
            return refuse(QStringLiteral("session token"), QStringLiteral("{{awsSessionToken}}"));
    }
    return {};
}

using Fields = QList<QPair<QString, QString>>;

QString grantName(OAuth2Grant grant)
{
    switch (grant) {
    case OAuth2Grant::AuthorizationCode:
        return QStringLiteral("authorizationCode");
    case OAuth2Grant::ClientCredentials:
        return QStringLiteral("clientCredentials");
    case OAuth2Grant::RefreshToken:
        return QStringLiteral("refreshToken");
    case OAuth2Grant::CognitoSignIn:
        return QStringLiteral("cognito");
    }
    return {};
}

// Every member, whatever the grant, so switching grants in the GUI loses nothing on save.
void addOAuth2Fields(Fields &fields, const OAuth2Settings &o)
{
    const auto add = [&fields](const char *key, const QString &json) {
        fields.append({QString::fromLatin1(key), json});
    };
    add("grant", quoteJson(grantName(o.grant)));
    add("tokenUrl", quoteJson(o.tokenUrl));
    add("authorizeUrl", quoteJson(o.authorizeUrl));
    add("redirectPort", QString::number(o.redirectPort));
    add("clientId", quoteJson(o.clientId));
    add("clientSecret", quoteJson(o.clientSecret.trimmed()));
    add("clientAuth", quoteJson(o.clientAuth == OAuth2ClientAuth::RequestBody ? QStringLiteral("body")
                                                                             : QStringLiteral("basic")));
    add("scopes", quoteJson(o.scopes));
    add("audience", quoteJson(o.audience));
    add("refreshToken", quoteJson(o.refreshToken.trimmed()));
    add("userPoolId", quoteJson(o.userPoolId));
    add("cognitoEndpoint", quoteJson(o.cognitoEndpoint));
    add("username", quoteJson(o.username));
    add("password", quoteJson(o.password.trimmed()));
    add("srp", boolText(o.srp));
    add("tokenUse", quoteJson(o.tokenUse == OAuth2TokenUse::Id ? QStringLiteral("id") : QStringLiteral("access")));
    add("in", quoteJson(o.placement == OAuth2Placement::Query ? QStringLiteral("query") : QStringLiteral("header")));
    add("headerPrefix", quoteJson(o.headerPrefix));
    add("queryParameter", quoteJson(o.queryParameter));
}

// The members of an auth object, in the file's order. A switch without default: a new AuthKind
// does not compile until the format has fields for it.
Fields authFields(const RequestAuth &auth)
{
    Fields fields;
    const auto add = [&fields](const char *key, const QString &json) {
        fields.append({QString::fromLatin1(key), json});
    };
    switch (auth.kind) {
    case AuthKind::None:
        add("kind", quoteJson(QStringLiteral("none")));
        break;
    case AuthKind::Bearer:
        add("kind", quoteJson(QStringLiteral("bearer")));
        add("token", quoteJson(auth.bearerToken.trimmed()));
        break;
    case AuthKind::Basic:
        add("kind", quoteJson(QStringLiteral("basic")));
        add("username", quoteJson(auth.basicUsername));
        add("password", quoteJson(auth.basicPassword.trimmed()));
        break;
    case AuthKind::ApiKey:
        add("kind", quoteJson(QStringLiteral("apiKey")));
        add("name", quoteJson(auth.apiKeyName));
        add("in",
            quoteJson(auth.apiKeyLocation == ApiKeyLocation::Query ? QStringLiteral("query")
                                                                   : QStringLiteral("header")));
        add("value", quoteJson(auth.apiKeyValue.trimmed()));
        break;
    case AuthKind::AwsSigV4:
        add("kind", quoteJson(QStringLiteral("sigv4")));
        add("source", quoteJson(sourceName(auth.source)));
        if (auth.source == AwsCredentialSource::Profile)
            add("profile", quoteJson(auth.profile));
        if (hasKeys(auth.source)) {
            add("accessKeyId", quoteJson(auth.accessKeyId));
            add("secretAccessKey", quoteJson(auth.secretAccessKey.trimmed()));
        }
        if (auth.source == AwsCredentialSource::TemporaryCredentials)
            add("sessionToken", quoteJson(auth.sessionToken.trimmed()));
        add("service", quoteJson(auth.service));
        add("region", quoteJson(auth.region));
        add("unsignedPayload", boolText(auth.unsignedPayload));
        break;
    case AuthKind::OAuth2:
        add("kind", quoteJson(QStringLiteral("oauth2")));
        addOAuth2Fields(fields, auth.oauth2);
        break;
    }
    return fields;
}

void writeAuth(Writer &writer, const RequestAuth &auth, bool inherit, bool last)
{
    writer.open(1, QStringLiteral("auth"), QLatin1Char('{'));
    const Fields fields =
        inherit ? Fields{{QStringLiteral("kind"), quoteJson(QStringLiteral("inherit"))}}
                : authFields(auth);
    for (qsizetype i = 0; i < fields.size(); ++i)
        writer.field(2, fields.at(i).first, fields.at(i).second, i + 1 == fields.size());
    writer.close(1, QLatin1Char('}'), last);
}

Result<QString> assertionText(const Assertion &assertion)
{
    const auto kindMember = [&]() -> QPair<QString, QString> {
        if (assertion.kind == Assertion::Kind::Header)
            return {QStringLiteral("header"), quoteJson(assertion.subject)};
        return {QStringLiteral("jsonPath"), quoteJson(assertion.subject)};
    };
    switch (assertion.kind) {
    case Assertion::Kind::Status:
        return inlineObject({{QStringLiteral("status"), QString::number(assertion.status)}});
    case Assertion::Kind::Header:
        if (assertion.check == Assertion::Check::Exists)
            return inlineObject(
                {kindMember(), {QStringLiteral("exists"), boolText(assertion.exists)}});
        return inlineObject(
            {kindMember(),
             {assertion.check == Assertion::Check::Contains ? QStringLiteral("contains")
                                                            : QStringLiteral("equals"),
              quoteJson(assertion.expected)}});
    case Assertion::Kind::JsonPath: {
        if (const Result<JsonPath> path = JsonPath::parse(assertion.subject); !path)
            return path.error();
        if (assertion.check == Assertion::Check::Exists)
            return inlineObject(
                {kindMember(), {QStringLiteral("exists"), boolText(assertion.exists)}});
        if (assertion.check == Assertion::Check::Contains)
            return makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral(
                    "A JSONPath assertion checks \"equals\" or \"exists\", not \"contains\"."));
        const Result<JsonValue> expected = parseJson(assertion.expected.toUtf8());
        if (!expected)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("The expected value of %1 is not JSON: %2")
                                 .arg(assertion.subject, expected.error().message));
        return inlineObject({kindMember(), {QStringLiteral("equals"), expected->toCompactText()}});
    }
    }
    return QString();
}

QStringList variableLines(const QList<EnvironmentVariable> &variables)
{
    QStringList lines;
    for (const EnvironmentVariable &variable : variables) {
        if (variable.secret)
            lines.append(inlineObject({{QStringLiteral("key"), quoteJson(variable.key)},
                                       {QStringLiteral("secret"), QStringLiteral("true")}}));
        else
            lines.append(inlineObject({{QStringLiteral("key"), quoteJson(variable.key)},
                                       {QStringLiteral("value"), quoteJson(variable.value)},
                                       {QStringLiteral("enabled"), boolText(variable.enabled)}}));
    }
    return lines;
}

QStringList orderLines(const CollectionFolder &folder)
{
    QStringList lines;
    for (const CollectionItem &item : folder.items)
        lines.append(quoteJson(orderEntryFor(item)));
    return lines;
}

} // namespace

QString LoadProblem::toString() const
{
    if (line <= 0)
        return QStringLiteral("%1: %2").arg(file, reason);
    return QStringLiteral("%1:%2:%3: %4").arg(file).arg(line).arg(column).arg(reason);
}

QString orderEntryFor(const CollectionItem &item)
{
    if (item.kind == CollectionItem::Kind::Folder)
        return item.folder.directory + QLatin1Char('/');
    return item.request.fileStem + RequestFileSuffix;
}

Result<QByteArray> requestFileText(const CollectionRequest &request)
{
    const QString owner = QStringLiteral("Request '%1'").arg(request.name);
    if (!request.inheritAuth) {
        if (const Result<void> secrets = checkSecrets(request.spec.auth, owner); !secrets)
            return secrets.error();
    }
    QStringList headers;
    for (const HeaderEntry &header : request.spec.headers)
        headers.append(inlineObject({{QStringLiteral("name"), quoteJson(header.name)},
                                     {QStringLiteral("value"), quoteJson(header.value)},
                                     {QStringLiteral("enabled"), boolText(header.enabled)}}));
    QStringList tests;
    for (const Assertion &assertion : request.tests) {
        const Result<QString> text = assertionText(assertion);
        if (!text)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("%1: %2").arg(owner, text.error().message));
        tests.append(*text);
    }
    Writer writer;
    writer.line(0, QStringLiteral("{"));
    writer.field(1, QStringLiteral("name"), quoteJson(request.name), false);
    writer.field(1, QStringLiteral("method"), quoteJson(request.spec.method), false);
    writer.field(1, QStringLiteral("url"), quoteJson(request.spec.url), false);
    writer.list(1, QStringLiteral("headers"), headers, false);
    writer.open(1, QStringLiteral("body"), QLatin1Char('{'));
    writer.field(2, QStringLiteral("kind"), quoteJson(bodyKindName(request.spec.bodyKind)), false);
    switch (request.spec.bodyKind) {
    case BodyKind::Form:
    case BodyKind::Multipart: {
        // Fields, one per line; a file field holds the file's path, never its bytes.
        QStringList fields;
        for (const FormField &field : request.spec.formFields)
            fields.append(inlineObject({{QStringLiteral("name"), quoteJson(field.name)},
                                        {QStringLiteral("value"), quoteJson(field.value)},
                                        {QStringLiteral("enabled"), boolText(field.enabled)},
                                        {QStringLiteral("file"), boolText(field.file)}}));
        writer.list(2, QStringLiteral("fields"), fields, true);
        break;
    }
    case BodyKind::Binary:
        writer.field(2, QStringLiteral("file"), quoteJson(request.spec.bodyFile), true);
        break;
    case BodyKind::None:
    case BodyKind::Json:
    case BodyKind::Xml:
    case BodyKind::Text:
        writer.field(2, QStringLiteral("text"), quoteJson(request.spec.body), true);
        break;
    }
    writer.close(1, QLatin1Char('}'), false);
    writeAuth(writer, request.spec.auth, request.inheritAuth, false);
    writer.field(1, QStringLiteral("timeoutMs"), QString::number(request.spec.timeoutMs), false);
    writer.field(1, QStringLiteral("followRedirects"), boolText(request.spec.followRedirects),
                 false);
    writer.list(1, QStringLiteral("tests"), tests, true);
    writer.line(0, QStringLiteral("}"));
    return writer.bytes();
}

Result<QByteArray> collectionFileText(const Collection &collection)
{
    if (const Result<void> secrets =
            checkSecrets(collection.auth, QStringLiteral("The collection's auth"));
        !secrets)
        return secrets.error();
    Writer writer;
    writer.line(0, QStringLiteral("{"));
    writer.field(1, QStringLiteral("gatehouseCollection"), QString::number(FormatVersion), false);
    writer.field(1, QStringLiteral("name"), quoteJson(collection.name), false);
    writer.field(1, QStringLiteral("description"), quoteJson(collection.description), false);
    writer.list(1, QStringLiteral("variables"), variableLines(collection.variables), false);
    writeAuth(writer, collection.auth, false, false);
    writer.list(1, QStringLiteral("order"), orderLines(collection.root), true);
    writer.line(0, QStringLiteral("}"));
    return writer.bytes();
}

QByteArray folderFileText(const CollectionFolder &folder)
{
    Writer writer;
    writer.line(0, QStringLiteral("{"));
    writer.field(1, QStringLiteral("name"), quoteJson(folder.name), false);
    writer.field(1, QStringLiteral("description"), quoteJson(folder.description), false);
    writer.list(1, QStringLiteral("order"), orderLines(folder), true);
    writer.line(0, QStringLiteral("}"));
    return writer.bytes();
}

} // namespace Gatehouse::Core::Collection
