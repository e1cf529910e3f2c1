#include "requestspec.h"

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
    case BodyKind::Text: return QStringLiteral("text/plain; charset=utf-8");
    case BodyKind::None: break;
    }
    return {};
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
    return copy;
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
    if (bodyKind == BodyKind::None)
        parts.removeAt(2);
    if (auth.kind == AuthKind::Bearer)
        parts << auth.bearerToken;
    if (auth.kind == AuthKind::Basic)
        parts << auth.basicUsername << auth.basicPassword;
    if (auth.kind == AuthKind::ApiKey)
        parts << auth.apiKeyName << auth.apiKeyValue;
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
    if (bodyKind != BodyKind::None) {
        request.body = substitute(body, environment)->toUtf8();
        if (!request.headers.contains("Content-Type"))
            request.headers.add("Content-Type", bodyContentType(bodyKind).toUtf8());
    }
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
