#pragma once

// Small pieces every proxy event builder needs (HTTP API 2.0 and REST 1.0 events, the HTTP API
// Lambda authorizer's event), kept once here. Include only from the files that already build
// events with nlohmann/json, so the template weight stays in those few translation units.

#include "core/httpmessage.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace Gatehouse::Emulator::EventJson {

using Json = nlohmann::ordered_json;

inline std::string str(const QString &s)
{
    return s.toStdString();
}

inline std::string str(const QByteArray &s)
{
    return s.toStdString();
}

// The caller's address as API Gateway writes sourceIp: an IPv4-mapped IPv6 peer as plain IPv4.
QString sourceIp(const Core::HttpRequest &request);
// An X-Amzn-Trace-Id root as API Gateway sets it: Root=1-<epoch seconds, hex>-<96 random bits>.
QByteArray newTraceId(qint64 epochMs);
// A response header value as API Gateway accepts it from a function: a string, number or
// boolean, without CR or LF; nullopt otherwise.
std::optional<QByteArray> headerValue(const Json &value);
// What a JWT authorizer found, {"claims": {...}, "scopes": [...] or null}: payload 2.0 puts it
// under requestContext.authorizer.jwt, 1.0 is requestContext.authorizer itself.
Json jwtAuthorizer(const QList<QPair<QString, QString>> &claims, const std::optional<QStringList> &scopes);

} // namespace Gatehouse::Emulator::EventJson
