#include "claimexplainer.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace Gatehouse::Core::Jwt {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("JwtClaims", text);
}

QString valueText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble()) {
        const double number = value.toDouble();
        return number == std::floor(number) && std::abs(number) < 1e15 ? QString::number(qint64(number))
                                                                       : QString::number(number);
    }
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isNull())
        return QStringLiteral("null");
    const QJsonDocument doc = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
}

QString timeMeaning(const char *what, const QJsonValue &value, const QDateTime &now)
{
    if (!value.isDouble())
        return tr("%1, but not a number of seconds as RFC 7519 requires").arg(tr(what));
    const QDateTime when = QDateTime::fromSecsSinceEpoch(qint64(value.toDouble()), Qt::UTC);
    return tr("%1: %2 (%3; local time %4)")
        .arg(tr(what), when.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")), relativeTime(when, now),
             when.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
}

QString tokenUseMeaning(const QString &use)
{
    if (use == QLatin1String("id"))
        return tr("Cognito ID token: who the user is, for the app; APIs check it with aud");
    if (use == QLatin1String("access"))
        return tr("Cognito access token: what the caller may do, for APIs; they check client_id and scope");
    return tr("token_use names the kind of Cognito token; expected id or access");
}

} // namespace

QString relativeTime(const QDateTime &when, const QDateTime &now)
{
    const qint64 seconds = now.secsTo(when);
    const qint64 magnitude = std::abs(seconds);
    if (magnitude < 5)
        return tr("now");
    QString amount;
    if (magnitude < 120)
        amount = tr("%1 seconds").arg(magnitude);
    else if (magnitude < 2 * 3600)
        amount = tr("%1 minutes").arg(magnitude / 60);
    else if (magnitude < 2 * 86400)
        amount = tr("%1 hours").arg(magnitude / 3600);
    else
        amount = tr("%1 days").arg(magnitude / 86400);
    return seconds > 0 ? tr("in %1").arg(amount) : tr("%1 ago").arg(amount);
}

QList<ClaimLine> explainClaims(const QJsonObject &claims, const QDateTime &now)
{
    QList<ClaimLine> lines;
    for (auto it = claims.constBegin(); it != claims.constEnd(); ++it) {
        const QString name = it.key();
        const QJsonValue value = it.value();
        QString meaning;
        if (name == QLatin1String("exp"))
            meaning = timeMeaning("Expires", value, now);
        else if (name == QLatin1String("nbf"))
            meaning = timeMeaning("Not valid before", value, now);
        else if (name == QLatin1String("iat"))
            meaning = timeMeaning("Issued", value, now);
        else if (name == QLatin1String("auth_time"))
            meaning = timeMeaning("The user signed in", value, now);
        else if (name == QLatin1String("iss"))
            meaning = value.toString().startsWith(QLatin1String("https://cognito-idp."))
                          ? tr("Issuer: the Cognito user pool %1").arg(value.toString().section(QLatin1Char('/'), -1))
                          : tr("Issuer: who signed the token; its keys are at <iss>/.well-known/jwks.json");
        else if (name == QLatin1String("sub"))
            meaning = tr("Subject: the user's unique, unchanging id");
        else if (name == QLatin1String("aud"))
            meaning = tr("Audience: the app client(s) the token is for");
        else if (name == QLatin1String("client_id"))
            meaning = tr("The app client the access token was issued to");
        else if (name == QLatin1String("token_use"))
            meaning = tokenUseMeaning(value.toString());
        else if (name == QLatin1String("scope"))
            meaning = tr("Scopes granted, separated by spaces");
        else if (name == QLatin1String("cognito:username"))
            meaning = tr("The user's name in the user pool");
        else if (name == QLatin1String("cognito:groups"))
            meaning = tr("The user pool groups the user belongs to");
        else if (name == QLatin1String("email_verified"))
            meaning = tr("Whether the user confirmed the email address");
        else if (name == QLatin1String("jti"))
            meaning = tr("Token id: unique per token");
        else if (name == QLatin1String("origin_jti"))
            meaning = tr("Id of the sign-in that produced this token; revoking it revokes all its tokens");
        else if (name == QLatin1String("event_id"))
            meaning = tr("Id of the sign-in event in Cognito");
        else if (name == QLatin1String("username"))
            meaning = tr("The user's name (access tokens)");
        lines.append({name, valueText(value), meaning});
    }
    return lines;
}

QList<ClaimLine> explainHeader(const QJsonObject &header)
{
    QList<ClaimLine> lines;
    for (auto it = header.constBegin(); it != header.constEnd(); ++it) {
        QString meaning;
        if (it.key() == QLatin1String("alg"))
            meaning = tr("Signature algorithm");
        else if (it.key() == QLatin1String("kid"))
            meaning = tr("Key id: which key of the issuer's JWKS signed it");
        else if (it.key() == QLatin1String("typ"))
            meaning = tr("Media type of the token");
        lines.append({it.key(), valueText(it.value()), meaning});
    }
    return lines;
}

} // namespace Gatehouse::Core::Jwt
