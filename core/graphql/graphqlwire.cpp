#include "graphqlwire.h"

#include <QRegularExpression>
#include <QStringList>

#include <nlohmann/json.hpp>

namespace Gatehouse::Core::GraphQL {

namespace {

using Json = nlohmann::ordered_json;

std::optional<Json> parseJson(const QByteArray &text)
{
    Json json = Json::parse(text.constBegin(), text.constEnd(), nullptr, false);
    if (json.is_discarded())
        return std::nullopt;
    return json;
}

QByteArray dump(const Json &json)
{
    return QByteArray::fromStdString(json.dump(-1, ' ', false, Json::error_handler_t::replace));
}

QString text(const Json &json)
{
    return json.is_string() ? QString::fromStdString(json.get<std::string>())
                            : QString::fromStdString(json.dump());
}

QString pathText(const Json &path)
{
    QString out;
    for (const Json &segment : path) {
        if (segment.is_number_integer()) {
            out += QStringLiteral("[%1]").arg(segment.get<qint64>());
        } else {
            if (!out.isEmpty())
                out += QLatin1Char('.');
            out += text(segment);
        }
    }
    return out;
}

ResponseError parseError(const Json &error)
{
    ResponseError out;
    if (!error.is_object()) {
        out.message = text(error);
        return out;
    }
    if (auto it = error.find("message"); it != error.end())
        out.message = text(*it);
    if (auto it = error.find("errorType"); it != error.end() && it->is_string())
        out.errorType = text(*it);
    if (auto it = error.find("path"); it != error.end() && it->is_array())
        out.path = pathText(*it);
    if (auto it = error.find("locations"); it != error.end() && it->is_array()) {
        QStringList places;
        for (const Json &location : *it) {
            if (location.is_object() && location.contains("line") && location.contains("column"))
                places << QStringLiteral("%1:%2").arg(text(location["line"]), text(location["column"]));
        }
        out.locations = places.join(QStringLiteral(", "));
    }
    return out;
}

QList<ResponseError> parseErrorArray(const Json &errors)
{
    QList<ResponseError> out;
    if (!errors.is_array())
        return out;
    for (const Json &error : errors)
        out.append(parseError(error));
    return out;
}

} // namespace

Result<QByteArray> requestBody(const QString &query, const QString &operationName,
                               const QByteArray &variablesJson)
{
    Json body = Json::object();
    body["query"] = query.toStdString();
    if (!operationName.isEmpty())
        body["operationName"] = operationName.toStdString();
    if (!variablesJson.trimmed().isEmpty()) {
        const std::optional<Json> variables = parseJson(variablesJson);
        if (!variables)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("The variables are not valid JSON; give a JSON object "
                                            "such as {\"name\": \"Paris\"}."));
        if (!variables->is_object())
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("The variables must be a JSON object mapping names "
                                            "to values, such as {\"name\": \"Paris\"}."));
        body["variables"] = *variables;
    }
    return dump(body);
}

Result<Response> parseResponse(const QByteArray &json)
{
    const std::optional<Json> parsed = parseJson(json);
    if (!parsed)
        return makeError(ErrorCode::Protocol,
                         QStringLiteral("The answer is not JSON, so it is not a GraphQL response; "
                                        "check that the URL is the GraphQL endpoint."));
    if (!parsed->is_object() || (!parsed->contains("data") && !parsed->contains("errors")))
        return makeError(ErrorCode::Protocol,
                         QStringLiteral("The answer is JSON but has neither \"data\" nor "
                                        "\"errors\", so it is not a GraphQL response; check that "
                                        "the URL is the GraphQL endpoint."));
    Response out;
    if (auto it = parsed->find("data"); it != parsed->end())
        out.data = dump(*it);
    if (auto it = parsed->find("errors"); it != parsed->end())
        out.errors = parseErrorArray(*it);
    if (auto it = parsed->find("extensions"); it != parsed->end())
        out.extensions = dump(*it);
    return out;
}

QList<ResponseError> parseErrors(const QByteArray &json)
{
    const std::optional<Json> parsed = parseJson(json);
    if (!parsed)
        return {};
    if (parsed->is_array())
        return parseErrorArray(*parsed);
    if (parsed->is_object() && parsed->contains("errors"))
        return parseErrorArray((*parsed)["errors"]);
    if (parsed->is_object() && parsed->contains("message"))
        return {parseError(*parsed)};
    return {};
}

Result<WireMessage> parseWireMessage(const QByteArray &frame)
{
    const std::optional<Json> parsed = parseJson(frame);
    if (!parsed || !parsed->is_object())
        return makeError(ErrorCode::Protocol,
                         QStringLiteral("The server sent a frame that is not a JSON object."));
    auto type = parsed->find("type");
    if (type == parsed->end() || !type->is_string())
        return makeError(ErrorCode::Protocol,
                         QStringLiteral("The server sent a message without a \"type\"."));
    WireMessage out;
    out.type = text(*type);
    if (auto it = parsed->find("id"); it != parsed->end() && !it->is_null())
        out.id = text(*it);
    if (auto it = parsed->find("payload"); it != parsed->end())
        out.payload = dump(*it);
    return out;
}

QByteArray wireMessage(const QString &type, const QString &id, const QByteArray &payload)
{
    Json message = Json::object();
    if (!id.isEmpty())
        message["id"] = id.toStdString();
    message["type"] = type.toStdString();
    if (!payload.isEmpty()) {
        if (const std::optional<Json> parsed = parseJson(payload))
            message["payload"] = *parsed;
    }
    return dump(message);
}

qint64 ackConnectionTimeoutMs(const QByteArray &payload)
{
    const std::optional<Json> parsed = parseJson(payload);
    if (!parsed || !parsed->is_object())
        return -1;
    auto it = parsed->find("connectionTimeoutMs");
    if (it == parsed->end() || !it->is_number())
        return -1;
    return it->get<qint64>();
}

QByteArray jsonStringObject(const QList<HttpHeaders::Field> &fields)
{
    Json object = Json::object();
    for (const HttpHeaders::Field &field : fields)
        object[field.first.toStdString()] = field.second.toStdString();
    return dump(object);
}

QByteArray appSyncStartPayload(const QByteArray &body, const QByteArray &authorizationObject)
{
    Json payload = Json::object();
    payload["data"] = body.toStdString();
    Json extensions = Json::object();
    extensions["authorization"] = parseJson(authorizationObject).value_or(Json::object());
    payload["extensions"] = std::move(extensions);
    return dump(payload);
}

QByteArray maskSecrets(QByteArray text, const QList<QByteArray> &secrets)
{
    static const QByteArray mask = "***";
    for (const QByteArray &secret : secrets) {
        if (secret.size() >= 4)
            text.replace(secret, mask);
    }
    // Whatever the caller did not name: values of the keys that carry credentials, as JSON
    // members ("x-api-key":"...") and as the real-time handshake's header= query parameter.
    static const QRegularExpression keyed(
        QStringLiteral("(\"(?:x-api-key|authorization|x-amz-security-token)\"\\s*:\\s*\")"
                       "(?:[^\"\\\\]|\\\\.)+(\")"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression headerParameter(QStringLiteral("([?&]header=)[^&\\s\"]+"));
    static const QRegularExpression headerProtocol(QStringLiteral("(header-)[A-Za-z0-9_-]{8,}"));
    QString out = QString::fromUtf8(text);
    out.replace(keyed, QStringLiteral("\\1***\\2"));
    out.replace(headerParameter, QStringLiteral("\\1***"));
    out.replace(headerProtocol, QStringLiteral("\\1***"));
    return out.toUtf8();
}

} // namespace Gatehouse::Core::GraphQL
