#pragma once

#include "core/aws/awscall.h"
#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QUrl>

namespace Gatehouse::Core {

// Where a WebSocket API's @connections management API lives and which region signs for it.
struct ConnectionsEndpoint
{
    QString apiId;
    QString stage;
    QString region;  // from an AWS URL; empty for the emulator and a bare id
    QUrl base;       // https://<id>.execute-api.<region>.amazonaws.com/<stage> or the
                     // emulator's http://host:port/_aws/execute-api/<id>/<stage>; empty for a bare id
    bool isEmulator() const { return base.path().startsWith(QLatin1String("/_aws/execute-api/")); }
};

// One client of a WebSocket API as @connections GET (and the emulator's listing) describe it.
struct WebSocketConnectionInfo
{
    QString connectionId; // empty in a GET answer, which is about the id asked for
    QDateTime connectedAt;
    QDateTime lastActiveAt;
    QString sourceIp;
    QString userAgent;
    // Who $connect's authorizer let in (the emulator's listing only, when it knows); empty if none.
    QString principal;
};

// The @connections management API (apigatewaymanagementapi 2018-11-29) and the emulator's
// connection listing as signed AwsRequests and parsed answers, so the CLI's `connections`
// command and the WebSocket console's server panel send the same bytes and read them the same
// way. The calls themselves go through Aws::AwsClient like every other AWS call.
namespace ConnectionsApi {

enum class Action
{
    Post,
    Get,
    Delete
};

// The emulator's listing (AWS has no operation that lists connections):
// GET <emulator>/_aws/emulator/websocket/<apiId>/connections, SigV4-signed for execute-api.
inline constexpr char ListingPathPrefix[] = "/_aws/emulator/websocket/";

// apiOrUrl is an API id (then stage is required) or the URL a client connects to: AWS's
// wss://<id>.execute-api.<region>.amazonaws.com/<stage> or the emulator's
// ws://host:port/_aws/execute-api/<id>/<stage> (http(s) too). stage, when given, overrides the
// URL's. Errors say what was wrong with the text and what would be right.
Result<ConnectionsEndpoint> parseEndpoint(const QString &apiOrUrl, const QString &stage = {});

// POST/GET/DELETE <base>/@connections/<id>. body is what POST sends (as is: text or JSON).
Aws::AwsRequest managementRequest(const QUrl &base, const QString &region, Action action,
                                  const QString &connectionId, const QByteArray &body = {});
// The emulator's listing for apiId; emulatorBase is http://host:port (any path is replaced).
Aws::AwsRequest listingRequest(const QUrl &emulatorBase, const QString &region, const QString &apiId);

// A GET answer ({connectedAt, identity: {sourceIp, userAgent}, lastActiveAt}).
Result<WebSocketConnectionInfo> parseConnection(const QByteArray &json);
// The emulator's listing ({apiId, stage, connections: [{connectionId, ...}]}).
Result<QList<WebSocketConnectionInfo>> parseListing(const QByteArray &json);

} // namespace ConnectionsApi

} // namespace Gatehouse::Core
