#include "httpapijwtauthorizer.h"

#include "core/jwt/jwterror.h"
#include "core/jwt/jwtverifier.h"
#include "httpapievent.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUrlQuery>

namespace Gatehouse::Emulator {

namespace {

using Core::Jwt::Reason;

JwtAuthorization refuse(const QString &reason, JwtAuthorization::Verdict verdict = JwtAuthorization::Verdict::Unauthorized)
{
    JwtAuthorization out;
    out.verdict = verdict;
    out.reason = reason;
    return out;
}

QStringList tokenScopes(const QJsonObject &claims)
{
    QStringList scopes;
    for (const char *name : {"scope", "scp"}) {
        const QJsonValue value = claims.value(QLatin1String(name));
        if (value.isString())
            scopes += value.toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (const QJsonValue &item : value.toArray())
            scopes.append(item.toString());
    }
    scopes.removeDuplicates();
    return scopes;
}

QString describe(const Core::Error &error)
{
    switch (Core::Jwt::reasonOf(error)) {
    case Reason::Expired:
        return QStringLiteral("the token has expired");
    case Reason::NotYetValid:
        return QStringLiteral("the token is not valid yet");
    case Reason::IssuedInFuture:
        return QStringLiteral("the token was issued in the future");
    case Reason::WrongIssuer:
        return QStringLiteral("the token does not have a valid issuer");
    case Reason::BadSignature:
    case Reason::KeyNotFound:
    case Reason::KeyAmbiguous:
    case Reason::KeyMismatch:
        return QStringLiteral("the token's signature is not valid");
    default:
        return QStringLiteral("the token is not valid");
    }
}

} // namespace

std::optional<QByteArray> HttpApiJwtAuthorizer::token(const Core::HttpRequest &request, const QString &identitySource)
{
    QByteArray value;
    if (identitySource.startsWith(QLatin1String("$request.header."))) {
        const QByteArray name = identitySource.mid(16).toLatin1();
        if (!request.headers.contains(name))
            return std::nullopt;
        value = request.headers.value(name).trimmed();
    } else if (identitySource.startsWith(QLatin1String("$request.querystring."))) {
        const QUrlQuery query(QString::fromUtf8(request.query));
        const QString name = identitySource.mid(21);
        if (!query.hasQueryItem(name))
            return std::nullopt;
        value = query.queryItemValue(name, QUrl::FullyDecoded).toUtf8().trimmed();
    } else {
        return std::nullopt;
    }
    if (value.compare("bearer", Qt::CaseInsensitive) == 0)
        return std::nullopt;
    if (value.size() > 7 && value.left(7).compare("bearer ", Qt::CaseInsensitive) == 0)
        value = value.mid(7).trimmed();
    if (value.isEmpty())
        return std::nullopt;
    return value;
}

JwtAuthorization HttpApiJwtAuthorizer::check(QByteArrayView token, const JwtTrust &trust,
                                             const HttpApiAuthorizerConfig &authorizer,
                                             const QStringList &routeScopes,
                                             const std::function<QDateTime()> &clock)
{
    const Core::Result<Core::Jwt::Jws> jws = Core::Jwt::decodeCompact(token);
    if (!jws)
        return refuse(QStringLiteral("the token is not a JWT: %1").arg(jws.error().message));
    // "Currently, only RSA-based algorithms are supported."
    static const QStringList rsa = {QStringLiteral("RS256"), QStringLiteral("RS384"), QStringLiteral("RS512")};
    if (!rsa.contains(jws->header.alg))
        return refuse(QStringLiteral("the token's algorithm %1 is not supported (RSA only)").arg(jws->header.alg));
    if (jws->header.kid.isEmpty())
        return refuse(QStringLiteral("the token has no kid"));

    Core::Jwt::ClaimRules rules;
    rules.issuer = trust.issuer;
    rules.skew = std::chrono::seconds(0);
    rules.clock = clock;
    const Core::Result<Core::Jwt::VerifiedToken> verified = Core::Jwt::verifyJwt(token, trust.keys, rules);
    if (!verified)
        return refuse(describe(verified.error()));

    const Core::Jwt::Claims &claims = verified->claims;
    const bool audienceOk = !claims.aud.isEmpty()
        ? std::any_of(claims.aud.cbegin(), claims.aud.cend(), [&](const QString &a) { return authorizer.audiences.contains(a); })
        : (!claims.clientId.isEmpty() && authorizer.audiences.contains(claims.clientId));
    if (!audienceOk)
        return refuse(QStringLiteral("the token does not have a valid audience"));

    JwtAuthorization out;
    const QStringList scopes = tokenScopes(claims.all);
    if (!routeScopes.isEmpty()) {
        const bool scopeOk = std::any_of(routeScopes.cbegin(), routeScopes.cend(),
                                         [&](const QString &s) { return scopes.contains(s); });
        if (!scopeOk)
            return refuse(QStringLiteral("expected one of the scopes %1").arg(routeScopes.join(QLatin1Char(' '))),
                          JwtAuthorization::Verdict::Forbidden);
        out.scopes = scopes;
    }
    out.verdict = JwtAuthorization::Verdict::Allow;
    for (auto it = claims.all.constBegin(); it != claims.all.constEnd(); ++it)
        out.claims.append({it.key(), claimText(it.value())});
    return out;
}

QString HttpApiJwtAuthorizer::claimText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (d == double(qint64(d)))
            return QString::number(qint64(d));
        return QString::number(d, 'g', 17);
    }
    case QJsonValue::Array: {
        QStringList items;
        for (const QJsonValue &item : value.toArray())
            items.append(claimText(item));
        return QLatin1Char('[') + items.join(QLatin1Char(' ')) + QLatin1Char(']');
    }
    case QJsonValue::Object: {
        QStringList items;
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            items.append(it.key() + QLatin1Char(':') + claimText(it.value()));
        return QStringLiteral("map[") + items.join(QLatin1Char(' ')) + QLatin1Char(']');
    }
    default:
        return QString();
    }
}

Core::HttpResponse HttpApiJwtAuthorizer::refusal(const JwtAuthorization &authorization)
{
    const bool forbidden = authorization.verdict == JwtAuthorization::Verdict::Forbidden;
    Core::HttpResponse response = forbidden ? HttpApiEvent::errorResponse(403, "Forbidden")
                                            : HttpApiEvent::errorResponse(401, "Unauthorized");
    QByteArray description = authorization.reason.toUtf8();
    description.replace('"', '\'');
    response.headers.add("www-authenticate",
                         "Bearer scope=\"\" error=\"" + QByteArray(forbidden ? "insufficient_scope" : "invalid_token")
                             + "\" error_description=\"" + description + '"');
    return response;
}

} // namespace Gatehouse::Emulator
