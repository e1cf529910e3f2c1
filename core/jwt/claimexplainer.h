#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Gatehouse::Core::Jwt {

// One claim as a person reads it: the value as text and what it means, with times in UTC and
// relative to now ("in 42 minutes", "3 hours ago") and Cognito's claims in words.
struct ClaimLine
{
    QString name;
    QString value;   // compact JSON for objects and arrays, the text for strings
    QString meaning; // empty for claims without a known meaning
};

// Sorted by name, as QJsonObject keeps them.
QList<ClaimLine> explainClaims(const QJsonObject &claims, const QDateTime &now);
QList<ClaimLine> explainHeader(const QJsonObject &header);
// "in 4 minutes", "2 hours ago", "now".
QString relativeTime(const QDateTime &when, const QDateTime &now);

} // namespace Gatehouse::Core::Jwt
