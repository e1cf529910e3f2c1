#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

// Small pieces of Cognito's JSON 1.1 wire shared by the CognitoIdpService source files.
namespace Gatehouse::Emulator::CognitoWire {

// An error as Cognito returns it: {"__type": type, "message": message}, status 400.
Core::Error error(const char *type, const QString &message);
// InvalidParameterException in the words of AWS's validation layer for a missing member.
Core::Error missing(const QString &member);

QString string(const QJsonObject &in, const char *member);
// [{"Name": ..., "Value": ...}] <-> pairs.
QJsonArray attributes(const QList<QPair<QString, QString>> &pairs);
QList<QPair<QString, QString>> attributes(const QJsonValue &list);
// A timestamp as JSON 1.1 carries it: seconds since the epoch, with milliseconds.
double epoch(const QDateTime &time);
// Random bytes in base64 (standard alphabet, padded) and in base64url (no padding).
QString randomBase64(int bytes);
QString randomBase64Url(int bytes);
QString newUuid();
// "b***@e***" and "+*******4567", as CodeDeliveryDetails.Destination masks them.
QString maskDestination(const QString &value);

} // namespace Gatehouse::Emulator::CognitoWire
