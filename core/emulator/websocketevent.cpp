#include "websocketevent.h"

#include "eventjson.h"
#include "httpapievent.h"

#include <QRegularExpression>

namespace Gatehouse::Emulator::WebSocketEvent {

using EventJson::Json;
using EventJson::str;

namespace {

Json requestContext(const WebSocketEventContext &c, const char *eventType)
{
    Json rc = Json::object();
    rc["routeKey"] = str(c.routeKey);
    if (!c.messageId.isEmpty())
        rc["messageId"] = str(c.messageId);
    rc["eventType"] = eventType;
    rc["extendedRequestId"] = str(c.extendedRequestId);
    rc["requestTime"] = str(HttpApiEvent::formatRequestTime(c.requestTimeEpoch));
    rc["messageDirection"] = "IN";
    rc["stage"] = str(c.stage);
    rc["connectedAt"] = c.connectedAt;
    rc["requestTimeEpoch"] = c.requestTimeEpoch;
    if (!c.authorizer.isEmpty()) {
        const Json authorizer = Json::parse(c.authorizer.constBegin(), c.authorizer.constEnd(), nullptr, false);
        if (authorizer.is_object())
            rc["authorizer"] = authorizer;
    }
    Json identity = Json::object();
    if (c.iamCaller) {
        // The IAM caller, named as REST APIs' (and WebSocket mapping templates') $context.identity.
        const HttpApiIamCaller &caller = *c.iamCaller;
        if (!caller.cognitoIdentityPoolId.isEmpty()) {
            identity["cognitoIdentityPoolId"] = str(caller.cognitoIdentityPoolId);
            identity["cognitoIdentityId"] = str(caller.cognitoIdentityId);
            identity["cognitoAuthenticationType"] =
                caller.cognitoAmr.contains(QLatin1String("authenticated")) ? "authenticated" : "unauthenticated";
        }
        identity["accountId"] = str(caller.accountId);
        identity["caller"] = str(caller.callerId);
        identity["accessKey"] = str(caller.accessKey);
        identity["userArn"] = str(caller.userArn);
        identity["user"] = str(caller.callerId);
    }
    if (!c.userAgent.isEmpty())
        identity["userAgent"] = str(c.userAgent);
    identity["sourceIp"] = str(c.sourceIp);
    rc["identity"] = identity;
    rc["requestId"] = str(c.requestId);
    rc["domainName"] = str(c.domainName);
    rc["connectionId"] = str(c.connectionId);
    rc["apiId"] = str(c.apiId);
    return rc;
}

// Follows a dotted path ("a.b") into a JSON object; nullopt when a step is missing. A string
// is taken as it is, other values as their JSON text, as API Gateway stringifies them.
std::optional<std::string> bodyField(const Json &doc, const QString &path)
{
    const Json *at = &doc;
    for (const QString &step : path.split(QLatin1Char('.'))) {
        if (!at->is_object())
            return std::nullopt;
        const auto it = at->find(step.toStdString());
        if (it == at->end())
            return std::nullopt;
        at = &*it;
    }
    if (at->is_string())
        return at->get<std::string>();
    if (at->is_null())
        return std::nullopt;
    return at->dump();
}

} // namespace

namespace {

// headers, multiValueHeaders and (when there is a query) queryStringParameters and
// multiValueQueryStringParameters of a handshake, as CONNECT and authorizer events carry them.
void addHandshake(Json &event, const Core::HttpRequest &handshake)
{
    Json headers = Json::object();
    Json multi = Json::object();
    for (const Core::HttpHeaders::Field &field : handshake.headers.fields()) {
        const std::string name = str(field.first);
        const std::string value = str(field.second);
        if (headers.contains(name))
            headers[name] = headers[name].get<std::string>() + "," + value;
        else
            headers[name] = value;
        multi[name].push_back(value);
    }
    event["headers"] = headers;
    event["multiValueHeaders"] = multi;
    if (!handshake.query.isEmpty()) {
        Json single = Json::object();
        Json multiQuery = Json::object();
        for (const QByteArray &pair : handshake.query.split('&')) {
            if (pair.isEmpty())
                continue;
            const qsizetype eq = pair.indexOf('=');
            const std::string name =
                QByteArray::fromPercentEncoding(eq < 0 ? pair : pair.left(eq)).toStdString();
            const std::string value =
                eq < 0 ? std::string() : QByteArray::fromPercentEncoding(pair.mid(eq + 1)).toStdString();
            single[name] = value;
            multiQuery[name].push_back(value);
        }
        event["queryStringParameters"] = single;
        event["multiValueQueryStringParameters"] = multiQuery;
    }
}

} // namespace

QByteArray connectEvent(const WebSocketEventContext &context, const Core::HttpRequest &handshake)
{
    Json event = Json::object();
    addHandshake(event, handshake);
    event["requestContext"] = requestContext(context, "CONNECT");
    event["isBase64Encoded"] = false;
    return QByteArray::fromStdString(event.dump());
}

QByteArray authorizerEvent(const WebSocketEventContext &context, const Core::HttpRequest &handshake,
                           const QString &methodArn, const QList<QPair<QString, QString>> &stageVariables)
{
    Json event = Json::object();
    event["type"] = "REQUEST";
    event["methodArn"] = str(methodArn);
    addHandshake(event, handshake);
    Json variables = Json::object();
    for (const auto &[name, value] : stageVariables)
        variables[str(name)] = str(value);
    event["stageVariables"] = variables;
    event["requestContext"] = requestContext(context, "CONNECT");
    return QByteArray::fromStdString(event.dump(-1, ' ', false, Json::error_handler_t::replace));
}

QByteArray authorizerContext(const QString &principalId, const QByteArray &context, qint64 latencyMs)
{
    Json out = Json::object();
    out["principalId"] = str(principalId);
    out["integrationLatency"] = latencyMs;
    const Json values = Json::parse(context.constBegin(), context.constEnd(), nullptr, false);
    if (values.is_object()) {
        for (const auto &[key, value] : values.items())
            out[key] = value.is_string() ? value.get<std::string>() : value.dump();
    }
    return QByteArray::fromStdString(out.dump());
}

bool isUnauthorizedError(const QByteArray &errorPayload)
{
    const Json error = Json::parse(errorPayload.constBegin(), errorPayload.constEnd(), nullptr, false);
    return error.is_object() && error.contains("errorMessage") && error["errorMessage"] == "Unauthorized";
}

QByteArray messageEvent(const WebSocketEventContext &context, const QByteArray &body)
{
    Json event = Json::object();
    event["requestContext"] = requestContext(context, "MESSAGE");
    event["body"] = str(body);
    event["isBase64Encoded"] = false;
    return QByteArray::fromStdString(event.dump());
}

QByteArray disconnectEvent(const WebSocketEventContext &context)
{
    // API Gateway sends these four headers, mostly empty, with every DISCONNECT.
    Json headers = Json::object();
    headers["Host"] = str(context.domainName);
    headers["x-api-key"] = "";
    headers["X-Forwarded-For"] = "";
    headers["x-restapi"] = "";
    Json multi = Json::object();
    for (const auto &[name, value] : headers.items())
        multi[name].push_back(value);
    Json rc = requestContext(context, "DISCONNECT");
    Json ordered = Json::object();
    for (const auto &[name, value] : rc.items()) {
        ordered[name] = value;
        if (name == "routeKey") {
            ordered["disconnectStatusCode"] = context.disconnectStatusCode;
        } else if (name == "messageDirection") {
            ordered["disconnectReason"] = str(context.disconnectReason);
        }
    }
    Json event = Json::object();
    event["headers"] = headers;
    event["multiValueHeaders"] = multi;
    event["requestContext"] = ordered;
    event["isBase64Encoded"] = false;
    return QByteArray::fromStdString(event.dump());
}

std::optional<QString> selectRoute(const QString &expression, const QByteArray &body)
{
    const Json doc = Json::parse(body.constBegin(), body.constEnd(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return std::nullopt;
    static const QString plain = QStringLiteral("$request.body.");
    if (expression.startsWith(plain)) {
        const std::optional<std::string> value = bodyField(doc, expression.mid(plain.size()));
        if (!value)
            return std::nullopt;
        return QString::fromStdString(*value);
    }
    static const QRegularExpression braced(QStringLiteral("\\$\\{request\\.body\\.([^}]+)\\}"));
    QString out;
    qsizetype last = 0;
    for (QRegularExpressionMatchIterator it = braced.globalMatch(expression); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const std::optional<std::string> value = bodyField(doc, match.captured(1));
        if (!value)
            return std::nullopt;
        out += expression.mid(last, match.capturedStart() - last) + QString::fromStdString(*value);
        last = match.capturedEnd();
    }
    return out + expression.mid(last);
}

ProxyAnswer parseProxyAnswer(const QByteArray &payload)
{
    ProxyAnswer answer;
    const Json doc = Json::parse(payload.constBegin(), payload.constEnd(), nullptr, false);
    if (doc.is_discarded() || doc.is_null())
        return answer;
    if (!doc.is_object() || !doc.contains("statusCode")) {
        answer.body = payload; // a bare value is sent as it is
        return answer;
    }
    if (doc["statusCode"].is_number_integer())
        answer.statusCode = doc["statusCode"].get<int>();
    else
        answer.statusCode = 502; // API Gateway rejects a malformed proxy answer
    if (const auto body = doc.find("body"); body != doc.end())
        answer.body = QByteArray::fromStdString(body->is_string() ? body->get<std::string>() : body->dump());
    if (const auto headers = doc.find("headers"); headers != doc.end() && headers->is_object()) {
        for (const auto &[name, value] : headers->items()) {
            if (value.is_string() && QString::fromStdString(name).compare(QLatin1String("Sec-WebSocket-Protocol"),
                                                                        Qt::CaseInsensitive) == 0)
                answer.subprotocol = QString::fromStdString(value.get<std::string>()).trimmed();
        }
    }
    return answer;
}

QByteArray errorFrame(const QString &message, const QString &connectionId, const QString &requestId)
{
    Json frame = Json::object();
    frame["message"] = str(message);
    frame["connectionId"] = str(connectionId);
    frame["requestId"] = str(requestId);
    return QByteArray::fromStdString(frame.dump());
}

} // namespace Gatehouse::Emulator::WebSocketEvent
