#pragma once

#include "core/httpmessage.h"
#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

// The JSON that GraphQL transports carry, parsed at the edge into plain structs. Values the
// user sees (data, payloads) stay raw JSON text in the order the server sent it; only the
// envelopes are interpreted. All of it lives in graphqlwire.cpp, the one translation unit of
// the GraphQL transports that instantiates nlohmann/json.
namespace Gatehouse::Core::GraphQL {

// One entry of a response's "errors": the message, where in the result it happened
// ("getDestination.activities[2]"), and AppSync's errorType when given.
struct ResponseError
{
    QString message;
    QString path;       // empty when the error has no path (a request or validation error)
    QString locations;  // "1:59, 3:4"
    QString errorType;  // AppSync: "UnauthorizedException", "DynamoDB:ConditionalCheckFailed"...
};

// A GraphQL response split into its parts; data is raw JSON ("null" when the server said
// null, empty when it sent no data member).
struct Response
{
    QByteArray data;
    QList<ResponseError> errors;
    QByteArray extensions;
};

// The POST body {"query":..., "operationName":..., "variables":...}. variablesJson must be a
// JSON object (or empty); anything else is an InvalidArgument in words.
Result<QByteArray> requestBody(const QString &query, const QString &operationName,
                               const QByteArray &variablesJson);

// The body as a GraphQL response: an object with data and/or errors. Anything else (not
// JSON, JSON without either member) is a Protocol error that says what arrived.
Result<Response> parseResponse(const QByteArray &json);

// "errors" as transports deliver them: an array of error objects (graphql-transport-ws),
// or an object holding one ({"errors":[...]}, AppSync's error payloads).
QList<ResponseError> parseErrors(const QByteArray &json);

// One message of a GraphQL WebSocket sub-protocol: type, id, and the payload as raw JSON.
struct WireMessage
{
    QString type;
    QString id;
    QByteArray payload; // empty when absent
};

Result<WireMessage> parseWireMessage(const QByteArray &frame);
QByteArray wireMessage(const QString &type, const QString &id = {}, const QByteArray &payload = {});

// connection_ack's connectionTimeoutMs (AppSync), -1 when the payload does not carry it.
qint64 ackConnectionTimeoutMs(const QByteArray &payload);

// A JSON object from fields in order, every value a string: AppSync's authorization object.
QByteArray jsonStringObject(const QList<HttpHeaders::Field> &fields);

// AppSync's start payload: {"data":"<body as a JSON string>","extensions":{"authorization":...}}.
QByteArray appSyncStartPayload(const QByteArray &body, const QByteArray &authorizationObject);

// A frame's text with every occurrence of the given secrets replaced by a mask, and the
// values of secret-bearing keys (x-api-key, Authorization, X-Amz-Security-Token, header=)
// masked too, so a trace can be shown, copied or saved.
QByteArray maskSecrets(QByteArray text, const QList<QByteArray> &secrets);

} // namespace Gatehouse::Core::GraphQL
