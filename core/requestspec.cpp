#include "requestspec.h"

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

} // namespace

RequestAuth RequestAuth::withoutSecrets() const
{
    RequestAuth copy = *this;
    copy.secretAccessKey.clear();
    copy.sessionToken.clear();
    copy.bearerToken.clear();
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
    request.timeoutMs = timeoutMs;
    request.followRedirects = followRedirects;
    return request;
}

} // namespace Gatehouse::Core
