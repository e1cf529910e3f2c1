#include "connectionsapi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace Gatehouse::Core::ConnectionsApi {

namespace {

Error invalid(const QString &message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

Error notUnderstood(const QString &what)
{
    return makeError(ErrorCode::Protocol,
                     QStringLiteral("The answer is not %1; is the URL a WebSocket API's @connections endpoint?")
                         .arg(what));
}

QDateTime timestamp(const QJsonValue &value)
{
    // AWS sends ISO 8601 with milliseconds and Z; the SDKs also accept epoch seconds.
    if (value.isDouble())
        return QDateTime::fromMSecsSinceEpoch(qint64(value.toDouble() * 1000), Qt::UTC);
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toUTC();
}

WebSocketConnectionInfo connectionFrom(const QJsonObject &object)
{
    WebSocketConnectionInfo info;
    info.connectionId = object.value(QLatin1String("connectionId")).toString();
    info.connectedAt = timestamp(object.value(QLatin1String("connectedAt")));
    info.lastActiveAt = timestamp(object.value(QLatin1String("lastActiveAt")));
    const QJsonObject identity = object.value(QLatin1String("identity")).toObject();
    info.sourceIp = identity.value(QLatin1String("sourceIp")).toString();
    info.userAgent = identity.value(QLatin1String("userAgent")).toString();
    info.principal = object.value(QLatin1String("principal")).toString();
    return info;
}

QByteArray methodOf(Action action)
{
    switch (action) {
    case Action::Post:
        return QByteArrayLiteral("POST");
    case Action::Get:
        return QByteArrayLiteral("GET");
    case Action::Delete:
        return QByteArrayLiteral("DELETE");
    }
    return QByteArrayLiteral("GET");
}

} // namespace

Result<ConnectionsEndpoint> parseEndpoint(const QString &apiOrUrl, const QString &stage)
{
    ConnectionsEndpoint result;
    const QString text = apiOrUrl.trimmed();
    static const QRegularExpression IdPattern(QStringLiteral("^[A-Za-z0-9_-]+$"));
    if (IdPattern.match(text).hasMatch()) {
        if (stage.isEmpty())
            return invalid(QStringLiteral("%1 is an API id: name its stage too (e.g. production), or give the "
                                          "wss:// URL instead.")
                               .arg(text));
        result.apiId = text;
        result.stage = stage;
        return result;
    }
    QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty()
        || (scheme != QLatin1String("wss") && scheme != QLatin1String("ws") && scheme != QLatin1String("https")
            && scheme != QLatin1String("http")))
        return invalid(QStringLiteral("Give an API id or a wss://, ws://, https:// or http:// URL, not '%1'.").arg(text));
    const QStringList segments = url.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    static const QRegularExpression AwsHost(
        QStringLiteral("^([A-Za-z0-9]+)\\.execute-api\\.([a-z0-9-]+)\\.amazonaws\\.com$"));
    const QRegularExpressionMatch aws = AwsHost.match(url.host());
    url.setScheme(scheme == QLatin1String("wss")  ? QStringLiteral("https")
                  : scheme == QLatin1String("ws") ? QStringLiteral("http")
                                                  : scheme);
    url.setQuery(QString());
    url.setFragment(QString());
    if (aws.hasMatch()) {
        result.apiId = aws.captured(1);
        result.region = aws.captured(2);
        result.stage = stage.isEmpty() ? segments.value(0) : stage;
    } else if (segments.size() >= 4 && segments.at(0) == QLatin1String("_aws")
               && segments.at(1) == QLatin1String("execute-api")) {
        result.apiId = segments.at(2);
        result.stage = stage.isEmpty() ? segments.at(3) : stage;
    } else {
        return invalid(QStringLiteral("%1 is neither an AWS URL (wss://ID.execute-api.REGION.amazonaws.com/STAGE) "
                                      "nor the emulator's (ws://HOST:PORT/_aws/execute-api/ID/STAGE).")
                           .arg(text));
    }
    if (result.stage.isEmpty())
        return invalid(QStringLiteral("%1 names no stage: add it to the URL (…/production).").arg(text));
    url.setPath(aws.hasMatch() ? QLatin1Char('/') + result.stage
                               : QStringLiteral("/_aws/execute-api/%1/%2").arg(result.apiId, result.stage));
    result.base = url;
    return result;
}

Aws::AwsRequest managementRequest(const QUrl &base, const QString &region, Action action,
                                  const QString &connectionId, const QByteArray &body)
{
    Aws::AwsRequest request;
    request.service = QStringLiteral("execute-api");
    request.region = region;
    request.endpoint = base;
    // Connection ids are base64url with '='; '=' must be encoded in the path as the SDKs do.
    request.path = "/@connections/" + QUrl::toPercentEncoding(connectionId);
    request.method = methodOf(action);
    if (action == Action::Post)
        request.body = body;
    request.protocol = Aws::AwsProtocol::Auto;
    return request;
}

Aws::AwsRequest listingRequest(const QUrl &emulatorBase, const QString &region, const QString &apiId)
{
    Aws::AwsRequest request;
    request.service = QStringLiteral("execute-api");
    request.region = region;
    request.endpoint = emulatorBase;
    request.endpoint.setPath(QString());
    request.endpoint.setQuery(QString());
    request.path = QByteArray(ListingPathPrefix) + QUrl::toPercentEncoding(apiId) + "/connections";
    request.method = QByteArrayLiteral("GET");
    request.protocol = Aws::AwsProtocol::Auto;
    return request;
}

Result<WebSocketConnectionInfo> parseConnection(const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    if (!document.isObject())
        return notUnderstood(QStringLiteral("a connection description (a JSON object)"));
    const WebSocketConnectionInfo info = connectionFrom(document.object());
    if (!info.connectedAt.isValid())
        return notUnderstood(QStringLiteral("a connection description (no connectedAt)"));
    return info;
}

Result<QList<WebSocketConnectionInfo>> parseListing(const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    const QJsonValue connections = document.object().value(QLatin1String("connections"));
    if (!connections.isArray())
        return notUnderstood(QStringLiteral("the emulator's connection list (no \"connections\" array)"));
    QList<WebSocketConnectionInfo> list;
    for (const QJsonValue &value : connections.toArray()) {
        WebSocketConnectionInfo info = connectionFrom(value.toObject());
        if (info.connectionId.isEmpty())
            return notUnderstood(QStringLiteral("the emulator's connection list (an entry has no connectionId)"));
        list.append(std::move(info));
    }
    return list;
}

} // namespace Gatehouse::Core::ConnectionsApi
