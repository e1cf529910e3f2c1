#pragma once

// A GraphQL client of the emulator's AppSync APIs for tests: the request body, a POST that
// waits for its answer while the emulator (on the same thread) serves it, the answer's parts in
// AppSync's shape, and the real-time peer. tst_appsync and tst_appsynctemplates both use it.
#include "core/emulator/emulator.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPair>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QString>
#include <QStringList>
#include <QTest>
#include <QUrl>

#include <functional>
#include <optional>

namespace Gatehouse::Test {

struct GraphQlReply
{
    int status = 0;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonObject data() const { return json().value(QStringLiteral("data")).toObject(); }
    QJsonArray errors() const { return json().value(QStringLiteral("errors")).toArray(); }
    QJsonObject firstError() const { return errors().at(0).toObject(); }
};

inline QByteArray graphQlBody(const QString &query, const QJsonObject &variables = {})
{
    QJsonObject body{{QStringLiteral("query"), query}};
    if (!variables.isEmpty())
        body.insert(QStringLiteral("variables"), variables);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

// Waits up to a minute for the answer; status 0 and an empty body when none came.
inline GraphQlReply postGraphQl(QNetworkAccessManager &network, const QString &url, const QByteArray &body,
                                const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request{QUrl(url)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    for (const auto &h : headers)
        request.setRawHeader(h.first, h.second);
    QNetworkReply *reply = network.post(request, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(60000);
    GraphQlReply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    reply->deleteLater();
    return r;
}

// The lab's first GraphQL API in the emulator's listing; a copy, as Emulator::info() returns
// its listing by value.
inline std::optional<Core::EmulatorApiInfo> graphQlApi(const Emulator::Emulator &emulator)
{
    for (const Core::EmulatorApiInfo &api : emulator.info().apis) {
        if (api.kind == QLatin1String("GraphQL API"))
            return api;
    }
    return std::nullopt;
}

// The first API key of the lab's first GraphQL API.
inline QByteArray graphQlApiKey(const Emulator::Emulator &emulator)
{
    return emulator.lab().graphQlApis.at(0).apiKeys.at(0).id.toUtf8();
}

// Starts tests/emulator/appsync_realtime_peer.py (Debian's python3-websockets as the AppSync
// real-time client) with `arguments` (mode, realtime URL, subscription, [handshake]; see the
// script). The key, token or key pair go in `env`, which it reads, not on the command line.
inline void startRealtimePeer(QProcess *peer, const QStringList &arguments, const QList<QPair<QString, QString>> &env)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const auto &e : env)
        environment.insert(e.first, e.second);
    peer->setProcessEnvironment(environment);
    peer->start(QStringLiteral("/usr/bin/python3"),
                QStringList{QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/emulator/appsync_realtime_peer.py")} + arguments);
}

using FrameTest = std::function<bool(const QJsonObject &)>;

// A frame of the given type, and of the given subscription id unless `id` is empty.
inline FrameTest isFrame(const QString &type, const QString &id = QString())
{
    return [type, id](const QJsonObject &f) {
        return f.value(QStringLiteral("type")).toString() == type
               && (id.isEmpty() || f.value(QStringLiteral("id")).toString() == id);
    };
}

// Reads the peer's frames (one JSON object a line) into `frames` as they come, keeping the
// event loop turning for the emulator, and returns the first frame so far that `wanted`
// accepts; nullopt when timeoutMs pass or the peer has exited without one.
inline std::optional<QJsonObject> waitForFrame(QProcess &peer, QList<QJsonObject> *frames, const FrameTest &wanted,
                                               int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        while (peer.canReadLine())
            frames->append(QJsonDocument::fromJson(peer.readLine()).object());
        for (const QJsonObject &f : std::as_const(*frames)) {
            if (wanted(f))
                return f;
        }
        if (peer.state() == QProcess::NotRunning && !peer.canReadLine())
            return std::nullopt;
        QTest::qWait(5);
    }
    return std::nullopt;
}

} // namespace Gatehouse::Test
