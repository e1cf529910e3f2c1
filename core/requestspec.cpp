#include "requestspec.h"

#include <QFile>
#include <QFileInfo>
#include <QMimeDatabase>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUrlQuery>

namespace Gatehouse::Core {

namespace {

bool isTokenChar(QChar c)
{
    static const QLatin1String extra("!#$%&'*+-.^_`|~");
    return c.unicode() < 0x80 && (c.isLetterOrNumber() || extra.contains(c));
}

Result<QByteArray> checkMethod(const QString &method)
{
    const QString trimmed = method.trimmed();
    if (trimmed.isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("The method is empty: choose GET, POST or another verb."));
    for (const QChar c : trimmed) {
        if (!isTokenChar(c))
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("Method '%1' contains '%2', which HTTP does not allow in a method.")
                                 .arg(trimmed, c));
    }
    return trimmed.toLatin1();
}

QString bodyContentType(BodyKind kind)
{
    switch (kind) {
    case BodyKind::Json: return QStringLiteral("application/json");
    case BodyKind::Xml: return QStringLiteral("application/xml");
    case BodyKind::Text: return QStringLiteral("text/plain; charset=utf-8");
    case BodyKind::Form: return QStringLiteral("application/x-www-form-urlencoded");
    case BodyKind::Binary: return QStringLiteral("application/octet-stream");
    case BodyKind::Multipart: // the boundary is chosen when the body is made
    case BodyKind::None: break;
    }
    return {};
}

// application/x-www-form-urlencoded as browsers write it (WHATWG URL standard): alphanumerics
// and *-._ stay, a space becomes '+', the rest is percent-encoded UTF-8.
QByteArray formEncode(const QString &text)
{
    QByteArray out = QUrl::toPercentEncoding(text, "*-._ ", "~");
    out.replace(' ', '+');
    return out;
}

Result<QByteArray> readBodyFile(const QString &path, const QString &what)
{
    QFile file(path);
    if (path.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("Choose the file to send for %1.").arg(what));
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io,
                         QStringLiteral("Could not read the file '%1' for %2: %3.").arg(path, what, file.errorString()));
    return file.readAll();
}

// A form-data name or file name in quotes, with '"', CR and LF percent-encoded as browsers do.
QByteArray quotedFormName(const QString &name)
{
    QByteArray bytes = name.toUtf8();
    bytes.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A");
    return '"' + bytes + '"';
}

// "{{name}}" and nothing else: a reference to a secret, not the secret.
bool isVariableReference(const QString &value)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*\\{\\{\\s*[\\w.-]+\\s*\\}\\}\\s*$"));
    return pattern.match(value).hasMatch();
}

bool hasLineBreak(const QString &value)
{
    return value.contains(QLatin1Char('\r')) || value.contains(QLatin1Char('\n'));
}

} // namespace

RequestAuth RequestAuth::withoutSecrets() const
{
    RequestAuth copy = *this;
    copy.secretAccessKey.clear();
    copy.sessionToken.clear();
    copy.bearerToken.clear();
    if (!isVariableReference(copy.basicPassword))
        copy.basicPassword.clear();
    if (!isVariableReference(copy.apiKeyValue))
        copy.apiKeyValue.clear();
    for (QString *secret : {&copy.oauth2.clientSecret, &copy.oauth2.refreshToken, &copy.oauth2.password}) {
        if (!isVariableReference(*secret))
            secret->clear();
    }
    return copy;
}

namespace {

QList<QString OAuth2Settings::*> oauth2TextFields()
{
    return {&OAuth2Settings::tokenUrl,     &OAuth2Settings::authorizeUrl,    &OAuth2Settings::clientId,
            &OAuth2Settings::clientSecret, &OAuth2Settings::scopes,          &OAuth2Settings::audience,
            &OAuth2Settings::refreshToken, &OAuth2Settings::userPoolId,      &OAuth2Settings::cognitoEndpoint,
            &OAuth2Settings::username,     &OAuth2Settings::password,        &OAuth2Settings::headerPrefix,
            &OAuth2Settings::queryParameter};
}

} // namespace

Result<OAuth2Settings> resolveOAuth2Settings(const OAuth2Settings &settings, const Environment &environment)
{
    QStringList texts;
    for (QString OAuth2Settings::*field : oauth2TextFields())
        texts << settings.*field;
    if (const QStringList missing = Core::unresolvedVariables(texts.join(QLatin1Char('\n')), environment);
        !missing.isEmpty())
        return undefinedVariablesError(missing, environment);
    OAuth2Settings resolved = settings;
    for (QString OAuth2Settings::*field : oauth2TextFields())
        resolved.*field = substitute(settings.*field, environment)->trimmed();
    return resolved;
}

Result<QUrl> parseRequestUrl(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("The URL is empty."));
    if (!trimmed.contains(QLatin1String("://")))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("URL '%1' has no scheme: start it with http:// or https://").arg(trimmed));
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("URL '%1' is not valid: %2").arg(trimmed, url.errorString()));
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("URL '%1' uses scheme '%2': only http:// and https:// are supported.")
                             .arg(trimmed, url.scheme()));
    if (url.host().isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("URL '%1' has no host.").arg(trimmed));
    return url;
}

QStringList RequestSpec::unresolvedVariables(const Environment &environment) const
{
    QStringList parts{method, url, body};
    for (const HeaderEntry &header : headers) {
        if (header.enabled)
            parts << header.name << header.value;
    }
    if (bodyKind == BodyKind::None || bodyKind == BodyKind::Form || bodyKind == BodyKind::Multipart
        || bodyKind == BodyKind::Binary)
        parts.removeAt(2);
    if (bodyKind == BodyKind::Form || bodyKind == BodyKind::Multipart) {
        for (const FormField &field : formFields) {
            if (field.enabled)
                parts << field.name << field.value;
        }
    }
    if (bodyKind == BodyKind::Binary)
        parts << bodyFile;
    if (auth.kind == AuthKind::Bearer)
        parts << auth.bearerToken;
    if (auth.kind == AuthKind::Basic)
        parts << auth.basicUsername << auth.basicPassword;
    if (auth.kind == AuthKind::ApiKey)
        parts << auth.apiKeyName << auth.apiKeyValue;
    if (auth.kind == AuthKind::OAuth2) {
        for (QString OAuth2Settings::*field : oauth2TextFields())
            parts << auth.oauth2.*field;
    }
    return Core::unresolvedVariables(parts.join(QLatin1Char('\n')), environment);
}

Result<HttpClientRequest> RequestSpec::toClientRequest(const Environment &environment) const
{
    if (const QStringList missing = unresolvedVariables(environment); !missing.isEmpty())
        return undefinedVariablesError(missing, environment);

    HttpClientRequest request;
    const Result<QByteArray> verb = checkMethod(*substitute(method, environment));
    if (!verb)
        return verb.error();
    request.method = *verb;
    const Result<QUrl> parsed = parseRequestUrl(*substitute(url, environment));
    if (!parsed)
        return parsed.error();
    request.url = *parsed;
    for (const HeaderEntry &header : headers) {
        const QString name = substitute(header.name, environment)->trimmed();
        if (!header.enabled || name.isEmpty())
            continue;
        request.headers.add(name.toUtf8(), substitute(header.value, environment)->toUtf8());
    }
    QByteArray contentType = bodyContentType(bodyKind).toUtf8();
    switch (bodyKind) {
    case BodyKind::None:
        break;
    case BodyKind::Json:
    case BodyKind::Xml:
    case BodyKind::Text:
        request.body = substitute(body, environment)->toUtf8();
        break;
    case BodyKind::Form: {
        QByteArrayList pairs;
        for (const FormField &field : formFields) {
            if (!field.enabled || field.name.trimmed().isEmpty())
                continue;
            if (field.file)
                return makeError(ErrorCode::InvalidArgument,
                                 QStringLiteral("The form field '%1' is a file, which a urlencoded form cannot carry; "
                                                "choose Multipart form.")
                                     .arg(field.name));
            pairs << formEncode(*substitute(field.name, environment)) + '='
                         + formEncode(*substitute(field.value, environment));
        }
        request.body = pairs.join('&');
        break;
    }
    case BodyKind::Multipart: {
        const QByteArray boundary = "----GatehouseFormBoundary"
                                    + QByteArray::number(QRandomGenerator::global()->generate64(), 16);
        static const QMimeDatabase mimes;
        for (const FormField &field : formFields) {
            if (!field.enabled || field.name.trimmed().isEmpty())
                continue;
            const QString name = *substitute(field.name, environment);
            request.body += "--" + boundary + "\r\nContent-Disposition: form-data; name=" + quotedFormName(name);
            if (field.file) {
                const QString path = *substitute(field.value, environment);
                const Result<QByteArray> data = readBodyFile(path, QStringLiteral("the form field '%1'").arg(name));
                if (!data)
                    return data.error();
                request.body += "; filename=" + quotedFormName(QFileInfo(path).fileName()) + "\r\nContent-Type: "
                                + mimes.mimeTypeForFileNameAndData(path, *data).name().toUtf8() + "\r\n\r\n" + *data;
            } else {
                request.body += "\r\n\r\n" + substitute(field.value, environment)->toUtf8();
            }
            request.body += "\r\n";
        }
        request.body += "--" + boundary + "--\r\n";
        contentType = "multipart/form-data; boundary=" + boundary;
        break;
    }
    case BodyKind::Binary: {
        const QString path = *substitute(bodyFile, environment);
        const Result<QByteArray> data = readBodyFile(path, QStringLiteral("the binary body"));
        if (!data)
            return data.error();
        request.body = *data;
        break;
    }
    }
    if (bodyKind != BodyKind::None && !request.headers.contains("Content-Type"))
        request.headers.add("Content-Type", contentType);
    if (auth.kind == AuthKind::Bearer) {
        QString token = substitute(auth.bearerToken, environment)->trimmed();
        if (token.startsWith(QLatin1String("Bearer "), Qt::CaseInsensitive))
            token = token.mid(7).trimmed();
        if (token.isEmpty())
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("The Auth tab is set to Bearer token, but the token is empty. Paste one, "
                                            "or use \"Use as Bearer token\" in the Auth tool."));
        if (token.contains(QLatin1Char('\r')) || token.contains(QLatin1Char('\n')) || token.contains(QLatin1Char(' ')))
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("The bearer token contains spaces or line breaks; a token is one word. "
                                            "Paste it again without them."));
        if (request.headers.contains("Authorization"))
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("The request has both an Authorization header and Bearer auth. Remove "
                                            "the header or set the Auth tab to No auth."));
        request.headers.add("Authorization", "Bearer " + token.toUtf8());
    }
    if (auth.kind == AuthKind::Basic) {
        const QString user = *substitute(auth.basicUsername, environment);
        const QString password = *substitute(auth.basicPassword, environment);
        if (user.contains(QLatin1Char(':')))
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("The Basic auth user name contains ':', which Basic auth uses to separate "
                                            "it from the password (RFC 7617). Remove the colon."));
        if (hasLineBreak(user) || hasLineBreak(password))
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("The Basic auth user name or password contains a line break; type it again."));
        if (request.headers.contains("Authorization"))
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("The request has both an Authorization header and Basic auth. Remove "
                                            "the header or set the Auth tab to No auth."));
        request.headers.add("Authorization", "Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64());
    }
    if (auth.kind == AuthKind::ApiKey) {
        const QString name = substitute(auth.apiKeyName, environment)->trimmed();
        const QString value = *substitute(auth.apiKeyValue, environment);
        if (name.isEmpty() || value.isEmpty())
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("The API key needs a name (API Gateway reads x-api-key) and a value."));
        if (hasLineBreak(name) || hasLineBreak(value))
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("The API key name or value contains a line break; type it again."));
        if (auth.apiKeyLocation == ApiKeyLocation::Query) {
            QUrlQuery query(request.url);
            query.addQueryItem(QString::fromLatin1(QUrl::toPercentEncoding(name)),
                               QString::fromLatin1(QUrl::toPercentEncoding(value)));
            request.url.setQuery(query.query(QUrl::FullyEncoded), QUrl::StrictMode);
        } else {
            if (request.headers.contains(name.toUtf8()))
                return makeError(ErrorCode::InvalidArgument,
                                 QStringLiteral("The request has a %1 header and API key auth with the same name. "
                                                "Remove one of them.")
                                     .arg(name));
            request.headers.add(name.toUtf8(), value.toUtf8());
        }
    }
    request.timeoutMs = timeoutMs;
    request.followRedirects = followRedirects;
    return request;
}

} // namespace Gatehouse::Core
