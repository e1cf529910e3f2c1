#include "claimexplainer.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <cstddef>

namespace Gatehouse::Core::Jwt {

namespace {

// One context for every text here, so that lupdate files them where they are looked up: texts
// used at once go through translate(), tables declare theirs with QT_TRANSLATE_NOOP.
QString translated(const char *sourceText)
{
    return QCoreApplication::translate("JwtClaims", sourceText);
}

struct Meaning
{
    const char *name;
    const char *text;
};

constexpr Meaning TimeClaims[] = {
    {"exp", QT_TRANSLATE_NOOP("JwtClaims", "Expires")},
    {"nbf", QT_TRANSLATE_NOOP("JwtClaims", "Not valid before")},
    {"iat", QT_TRANSLATE_NOOP("JwtClaims", "Issued")},
    {"auth_time", QT_TRANSLATE_NOOP("JwtClaims", "The user signed in")},
};

constexpr Meaning PlainClaims[] = {
    {"sub", QT_TRANSLATE_NOOP("JwtClaims", "Subject: the user's unique, unchanging id")},
    {"aud", QT_TRANSLATE_NOOP("JwtClaims", "Audience: the app client(s) the token is for")},
    {"client_id", QT_TRANSLATE_NOOP("JwtClaims", "The app client the access token was issued to")},
    {"scope", QT_TRANSLATE_NOOP("JwtClaims", "Scopes granted, separated by spaces")},
    {"cognito:username", QT_TRANSLATE_NOOP("JwtClaims", "The user's name in the user pool")},
    {"cognito:groups", QT_TRANSLATE_NOOP("JwtClaims", "The user pool groups the user belongs to")},
    {"email_verified",
     QT_TRANSLATE_NOOP("JwtClaims", "Whether the user confirmed the email address")},
    {"jti", QT_TRANSLATE_NOOP("JwtClaims", "Token id: unique per token")},
    {"origin_jti", QT_TRANSLATE_NOOP("JwtClaims", "Id of the sign-in that produced this token; "
                                                  "revoking it revokes all its tokens")},
    {"event_id", QT_TRANSLATE_NOOP("JwtClaims", "Id of the sign-in event in Cognito")},
    {"username", QT_TRANSLATE_NOOP("JwtClaims", "The user's name (access tokens)")},
};

constexpr Meaning HeaderParameters[] = {
    {"alg", QT_TRANSLATE_NOOP("JwtClaims", "Signature algorithm")},
    {"kid", QT_TRANSLATE_NOOP("JwtClaims", "Key id: which key of the issuer's JWKS signed it")},
    {"typ", QT_TRANSLATE_NOOP("JwtClaims", "Media type of the token")},
};

template<std::size_t N> const char *lookUp(const Meaning (&table)[N], const QString &name)
{
    for (const Meaning &entry : table) {
        if (name == QLatin1String(entry.name))
            return entry.text;
    }
    return nullptr;
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
        return QCoreApplication::translate("JwtClaims",
                                           "%1, but not a number of seconds as RFC 7519 requires")
            .arg(translated(what));
    const QDateTime when = QDateTime::fromSecsSinceEpoch(qint64(value.toDouble()), Qt::UTC);
    return QCoreApplication::translate("JwtClaims", "%1: %2 (%3; local time %4)")
        .arg(translated(what), when.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")),
             relativeTime(when, now),
             when.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
}

QString tokenUseMeaning(const QString &use)
{
    if (use == QLatin1String("id"))
        return QCoreApplication::translate(
            "JwtClaims", "Cognito ID token: who the user is, for the app; APIs check it with aud");
    if (use == QLatin1String("access"))
        return QCoreApplication::translate("JwtClaims",
                                           "Cognito access token: what the caller may do, for "
                                           "APIs; they check client_id and scope");
    return QCoreApplication::translate(
        "JwtClaims", "token_use names the kind of Cognito token; expected id or access");
}

QString issuerMeaning(const QString &issuer)
{
    if (issuer.startsWith(QLatin1String("https://cognito-idp.")))
        return QCoreApplication::translate("JwtClaims", "Issuer: the Cognito user pool %1")
            .arg(issuer.section(QLatin1Char('/'), -1));
    return QCoreApplication::translate(
        "JwtClaims", "Issuer: who signed the token; its keys are at <iss>/.well-known/jwks.json");
}

} // namespace

QString relativeTime(const QDateTime &when, const QDateTime &now)
{
    const qint64 seconds = now.secsTo(when);
    const qint64 magnitude = std::abs(seconds);
    if (magnitude < 5)
        return QCoreApplication::translate("JwtClaims", "now");
    QString amount;
    if (magnitude < 120)
        amount = QCoreApplication::translate("JwtClaims", "%1 seconds").arg(magnitude);
    else if (magnitude < 2 * 3600)
        amount = QCoreApplication::translate("JwtClaims", "%1 minutes").arg(magnitude / 60);
    else if (magnitude < 2 * 86400)
        amount = QCoreApplication::translate("JwtClaims", "%1 hours").arg(magnitude / 3600);
    else
        amount = QCoreApplication::translate("JwtClaims", "%1 days").arg(magnitude / 86400);
    return seconds > 0 ? QCoreApplication::translate("JwtClaims", "in %1").arg(amount)
                       : QCoreApplication::translate("JwtClaims", "%1 ago").arg(amount);
}

QList<ClaimLine> explainClaims(const QJsonObject &claims, const QDateTime &now)
{
    QList<ClaimLine> lines;
    for (auto it = claims.constBegin(); it != claims.constEnd(); ++it) {
        const QString name = it.key();
        const QJsonValue value = it.value();
        QString meaning;
        if (const char *label = lookUp(TimeClaims, name))
            meaning = timeMeaning(label, value, now);
        else if (const char *text = lookUp(PlainClaims, name))
            meaning = translated(text);
        else if (name == QLatin1String("iss"))
            meaning = issuerMeaning(value.toString());
        else if (name == QLatin1String("token_use"))
            meaning = tokenUseMeaning(value.toString());
        lines.append({name, valueText(value), meaning});
    }
    return lines;
}

QList<ClaimLine> explainHeader(const QJsonObject &header)
{
    QList<ClaimLine> lines;
    for (auto it = header.constBegin(); it != header.constEnd(); ++it) {
        const char *text = lookUp(HeaderParameters, it.key());
        lines.append({it.key(), valueText(it.value()), text ? translated(text) : QString()});
    }
    return lines;
}

} // namespace Gatehouse::Core::Jwt
