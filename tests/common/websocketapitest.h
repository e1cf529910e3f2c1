#pragma once

// What the tests of the emulator's WebSocket APIs share: AWS's sample events from tests/data,
// a key-for-key and type-for-type comparison with them, and a raw handshake over a QTcpSocket
// (to see the HTTP answer a refused handshake gets, which WebSocket clients hide).

#include "core/emulatorinfo.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpSocket>
#include <QTest>

namespace Gatehouse::Test {

// A file under tests/data/lambda-events, parsed (a UTF-8 byte order mark is skipped).
inline QJsonObject readSampleEvent(const QString &relative)
{
    QFile file(QStringLiteral(GATEHOUSE_TEST_DATA "/lambda-events/") + relative);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray data = file.readAll();
    if (data.startsWith("\xEF\xBB\xBF"))
        data.remove(0, 3);
    return QJsonDocument::fromJson(data).object();
}

// Every key of `sample` (recursively, except inside the request's own headers) is in `ours`
// with the same JSON type; returns the first difference, or an empty string.
inline QString shapeDifference(const QJsonObject &sample, const QJsonObject &ours, const QString &path = {})
{
    for (auto it = sample.begin(); it != sample.end(); ++it) {
        const QString at = path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key();
        if (!ours.contains(it.key()))
            return QStringLiteral("missing %1").arg(at);
        const QJsonValue mine = ours.value(it.key());
        if (mine.type() != it.value().type())
            return QStringLiteral("%1: type %2, AWS has %3").arg(at).arg(int(mine.type())).arg(int(it.value().type()));
        if (it.value().isObject() && it.key() != QLatin1String("headers")
            && it.key() != QLatin1String("multiValueHeaders")) {
            const QString inner = shapeDifference(it.value().toObject(), mine.toObject(), at);
            if (!inner.isEmpty())
                return inner;
        }
    }
    return {};
}

// Writes `request` on a fresh connection and collects the answer until `done` is in it or the
// server closes; the event loop turns meanwhile, since the emulator runs on this thread.
inline QByteArray exchange(quint16 port, const QByteArray &request, const QByteArray &done)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QByteArray answer;
    QElapsedTimer timer;
    timer.start();
    while (socket.state() != QAbstractSocket::ConnectedState && timer.elapsed() < 5000)
        QTest::qWait(10);
    socket.write(request);
    while (timer.elapsed() < 20000) {
        QTest::qWait(10);
        answer += socket.readAll();
        if ((!done.isEmpty() && answer.contains(done)) || socket.state() == QAbstractSocket::UnconnectedState)
            break;
    }
    return answer + socket.readAll();
}

// The handshake request line and headers of RFC 6455's example for `pathAndQuery`, with extra
// header lines (each ending in \r\n) before the blank line.
inline QByteArray handshakeRequest(const QByteArray &pathAndQuery, const QByteArray &version = "13",
                                   const QByteArray &extraHeaders = {})
{
    return "GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
         + extraHeaders + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: " + version
         + "\r\n\r\n";
}

// Whether Debian's /usr/bin/python3 imports `modules` ("websockets", "websockets, botocore"):
// the independent peers these tests drive.
inline bool debianPythonHas(const QString &modules)
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QStringLiteral("import ") + modules});
    return python.waitForFinished(20000) && python.exitCode() == 0;
}

// The emulator's WebSocket API named `name` (AWS::ApiGatewayV2::Api Name), or null.
inline const Core::EmulatorApiInfo *webSocketApi(const Core::EmulatorInfo &info, const QString &name)
{
    for (const Core::EmulatorApiInfo &api : info.apis) {
        if (api.kind == QLatin1String("WebSocket API") && api.name == name)
            return &api;
    }
    return nullptr;
}

// Its path-style ws:// URL with `query` appended; empty when there is no such API.
inline QString webSocketUrl(const Core::EmulatorInfo &info, const QString &name, const QString &query = {})
{
    const Core::EmulatorApiInfo *api = webSocketApi(info, name);
    if (!api)
        return {};
    return api->pathStyleUrl + (query.isEmpty() ? QString() : QLatin1Char('?') + query);
}

} // namespace Gatehouse::Test
