#include "claims.h"

#include "jwterror.h"
#include "strictjson.h"

#include <QJsonArray>
#include <QTimeZone>

#include <cmath>

namespace Gatehouse::Core::Jwt {

namespace {

Error malformed(const QString &message)
{
    return jwtError(Reason::ClaimsMalformed, message);
}

Result<std::optional<qint64>> numericDate(const QJsonObject &o, const char *name)
{
    const QJsonValue v = o.value(QLatin1String(name));
    if (v.isUndefined())
        return std::optional<qint64>();
    const double d = v.toDouble(std::nan(""));
    if (!v.isDouble() || !std::isfinite(d) || std::abs(d) > 1e13)
        return malformed(QStringLiteral("The \"%1\" claim must be a number of seconds since "
                                        "1970 (NumericDate), not %2.")
                             .arg(QLatin1String(name),
                                  v.isString() ? QStringLiteral("a string") : QStringLiteral("this")));
    return std::optional<qint64>(qint64(std::floor(d)));
}

Result<QString> stringClaim(const QJsonObject &o, const char *name)
{
    const QJsonValue v = o.value(QLatin1String(name));
    if (v.isUndefined())
        return QString();
    if (!v.isString())
        return malformed(QStringLiteral("The \"%1\" claim must be a string.").arg(QLatin1String(name)));
    return v.toString();
}

QString utc(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::utc())
               .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
           + QStringLiteral(" UTC");
}

QString span(qint64 seconds)
{
    seconds = std::abs(seconds);
    const auto unit = [](qint64 n, const char *one, const char *many) {
        return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
    };
    if (seconds < 120)
        return unit(seconds, "second", "seconds");
    if (seconds < 2 * 3600)
        return unit(seconds / 60, "minute", "minutes");
    if (seconds < 2 * 86400)
        return unit(seconds / 3600, "hour", "hours");
    return unit(seconds / 86400, "day", "days");
}

QString listed(const QStringList &values)
{
    QStringList quoted;
    for (const QString &v : values)
        quoted.append(QLatin1Char('"') + v + QLatin1Char('"'));
    return quoted.join(QStringLiteral(", "));
}

} // namespace

Result<Claims> Claims::parse(QByteArrayView payload)
{
    Result<QJsonObject> object = parseJsonObject(payload, QStringLiteral("The payload"));
    if (!object)
        return malformed(object.error().message);
    Claims c;
    c.all = std::move(object).value();
    for (auto [field, name] : {std::pair{&c.iss, "iss"}, std::pair{&c.sub, "sub"},
                               std::pair{&c.tokenUse, "token_use"},
                               std::pair{&c.clientId, "client_id"}}) {
        Result<QString> s = stringClaim(c.all, name);
        if (!s)
            return s.error();
        *field = *s;
    }
    for (auto [field, name] : {std::pair{&c.exp, "exp"}, std::pair{&c.nbf, "nbf"},
                               std::pair{&c.iat, "iat"}}) {
        Result<std::optional<qint64>> d = numericDate(c.all, name);
        if (!d)
            return d.error();
        *field = *d;
    }
    const QJsonValue aud = c.all.value(QLatin1String("aud"));
    if (aud.isString()) {
        c.aud = {aud.toString()};
    } else if (aud.isArray()) {
        for (const QJsonValue &a : aud.toArray()) {
            if (!a.isString())
                return malformed(QStringLiteral("The \"aud\" claim lists a value that is not a "
                                                "string."));
            c.aud.append(a.toString());
        }
    } else if (!aud.isUndefined()) {
        return malformed(QStringLiteral("The \"aud\" claim must be a string or an array of "
                                        "strings."));
    }
    Result<QString> scope = stringClaim(c.all, "scope");
    if (!scope)
        return scope.error();
    c.scopes = scope->split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return c;
}

ClaimRules ClaimRules::cognito(const QString &region, const QString &userPoolId,
                               const QString &appClientId, const QString &tokenUse)
{
    ClaimRules rules;
    rules.issuer = QStringLiteral("https://cognito-idp.%1.amazonaws.com/%2").arg(region, userPoolId);
    rules.tokenUse = tokenUse;
    if (!appClientId.isEmpty())
        (tokenUse == QLatin1String("access") ? rules.clientIds : rules.audiences) = {appClientId};
    return rules;
}

Result<void> checkClaims(const Claims &c, const ClaimRules &rules)
{
    const qint64 now = (rules.clock ? rules.clock() : QDateTime::currentDateTimeUtc())
                           .toSecsSinceEpoch();
    const qint64 skew = rules.skew.count();
    if (!c.exp && rules.requireExpiry)
        return jwtError(Reason::MissingClaim,
                        QStringLiteral("The token has no \"exp\" claim, so it would never "
                                       "expire; Gatehouse requires one."));
    if (c.exp && now >= *c.exp + skew)
        return jwtError(Reason::Expired, QStringLiteral("The token expired %1 ago (exp %2).")
                                             .arg(span(now - *c.exp), utc(*c.exp)));
    if (c.nbf && now + skew < *c.nbf)
        return jwtError(Reason::NotYetValid,
                        QStringLiteral("The token is not valid for another %1 (nbf %2).")
                            .arg(span(*c.nbf - now), utc(*c.nbf)));
    if (c.iat && now + skew < *c.iat)
        return jwtError(Reason::IssuedInFuture,
                        QStringLiteral("The token says it was issued %1 in the future (iat %2); "
                                       "the issuer's clock or this computer's is wrong.")
                            .arg(span(*c.iat - now), utc(*c.iat)));
    if (!rules.issuer.isEmpty() && c.iss != rules.issuer)
        return jwtError(c.iss.isEmpty() ? Reason::MissingClaim : Reason::WrongIssuer,
                        QStringLiteral("The token was issued by \"%1\", not by the expected "
                                       "\"%2\".")
                            .arg(c.iss, rules.issuer));
    if (!rules.tokenUse.isEmpty() && c.tokenUse != rules.tokenUse)
        return jwtError(Reason::WrongTokenUse,
                        QStringLiteral("The token's token_use is \"%1\"; an %2 token is "
                                       "expected.")
                            .arg(c.tokenUse, rules.tokenUse));
    if (!rules.audiences.isEmpty()) {
        bool match = false;
        for (const QString &a : c.aud)
            match = match || rules.audiences.contains(a);
        if (!match)
            return jwtError(Reason::WrongAudience,
                            c.aud.isEmpty()
                                ? QStringLiteral("The token has no \"aud\" claim; expected %1.")
                                      .arg(listed(rules.audiences))
                                : QStringLiteral("The token is for audience %1, not %2.")
                                      .arg(listed(c.aud), listed(rules.audiences)));
    }
    if (!rules.clientIds.isEmpty() && !rules.clientIds.contains(c.clientId))
        return jwtError(Reason::WrongClientId,
                        c.clientId.isEmpty()
                            ? QStringLiteral("The token has no \"client_id\" claim; expected %1.")
                                  .arg(listed(rules.clientIds))
                            : QStringLiteral("The token was issued to client \"%1\", not %2.")
                                  .arg(c.clientId, listed(rules.clientIds)));
    QStringList missing;
    for (const QString &s : rules.requiredScopes) {
        if (!c.scopes.contains(s))
            missing.append(s);
    }
    if (!missing.isEmpty())
        return jwtError(Reason::MissingScope,
                        QStringLiteral("The token lacks the scope(s) %1 (it has %2).")
                            .arg(listed(missing),
                                 c.scopes.isEmpty() ? QStringLiteral("none") : listed(c.scopes)));
    return {};
}

} // namespace Gatehouse::Core::Jwt
