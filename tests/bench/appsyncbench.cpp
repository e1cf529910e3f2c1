// AppSync subscriptions in the emulator: a QWebSocket subscriber on the travel lab's real-time
// endpoint (API key), a signed-in traveller sending addActivity over HTTP 31 times, one after
// another; the first, which starts the function's worker, is reported apart. Per mutation: from
// sending it to the subscriber's data frame (the addActivity pipeline included: the function's
// destination check, then the VTL PutItem into the lab's DynamoDB table), and from the
// moment the mutation's result was known in the emulator (AppSyncService::mutationResolved,
// which the real-time side handles first) to the frame: the push itself. Emulator and
// subscriber share this process and its event loop.
#include "benches.h"
#include "core/emulator/appsyncservice.h"
#include "core/emulator/emulator.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTextStream>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

#include <algorithm>
#include <functional>
#include <vector>

namespace {

bool spin(const std::function<bool()> &done, int timeoutMs)
{
    QTimer deadline;
    deadline.setSingleShot(true);
    deadline.start(timeoutMs);
    while (!done() && deadline.isActive())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    return done();
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5))];
}

} // namespace

void benchAppSyncSubscribe()
{
    QTextStream out(stdout);
    Gatehouse::Emulator::EmulatorOptions options;
    options.port = 0;
    options.labDirectory = QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/travel");
    Gatehouse::Emulator::Emulator emulator(options);
    const auto started = emulator.start();
    if (!started.ok()) {
        out << "appsync-subscribe: the travel lab did not start: " << started.error().message << Qt::endl;
        return;
    }
    Gatehouse::Core::EmulatorApiInfo api;
    for (const auto &a : started.value().apis) {
        if (a.kind == QLatin1String("GraphQL API"))
            api = a;
    }
    const QString key = emulator.lab().graphQlApis.first().apiKeys.first().id;
    const QString host = api.apiId + QStringLiteral(".appsync-api.localhost");
    QNetworkAccessManager network;

    // The traveller's ID token (the mutation needs Cognito or IAM).
    QNetworkRequest signIn{QUrl(started.value().baseUrl + QLatin1Char('/'))};
    signIn.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-amz-json-1.1"));
    signIn.setRawHeader("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth");
    QNetworkReply *signInReply = network.post(
        signIn, compact({{QStringLiteral("AuthFlow"), QStringLiteral("USER_PASSWORD_AUTH")},
                         {QStringLiteral("ClientId"), emulator.lab().userPools.first().clients.first().clientId},
                         {QStringLiteral("AuthParameters"), QJsonObject{{QStringLiteral("USERNAME"), QStringLiteral("traveller@example.com")},
                                                                        {QStringLiteral("PASSWORD"), QStringLiteral("Passport-2024")}}}}));
    spin([&] { return signInReply->isFinished(); }, 30000);
    const QByteArray token = QJsonDocument::fromJson(signInReply->readAll()).object().value(QStringLiteral("AuthenticationResult"))
                                 .toObject().value(QStringLiteral("IdToken")).toString().toUtf8();
    signInReply->deleteLater();

    QWebSocket subscriber;
    QElapsedTimer clock;
    clock.start();
    std::vector<qint64> dataAt;
    bool acked = false, started_ = false;
    QObject::connect(&subscriber, &QWebSocket::textMessageReceived, &subscriber, [&](const QString &text) {
        const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString type = frame.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("connection_ack"))
            acked = true;
        else if (type == QLatin1String("start_ack"))
            started_ = true;
        else if (type == QLatin1String("data"))
            dataAt.push_back(clock.nsecsElapsed());
    });
    const QByteArray header = compact({{QStringLiteral("host"), host}, {QStringLiteral("x-api-key"), key}}).toBase64();
    QNetworkRequest wsRequest{QUrl(QStringLiteral("ws") + api.pathStyleUrl.mid(4) + QStringLiteral("/realtime?header=")
                                   + QString::fromLatin1(header) + QStringLiteral("&payload=e30="))};
    wsRequest.setRawHeader("Sec-WebSocket-Protocol", "graphql-ws");
    subscriber.open(wsRequest);
    spin([&] { return subscriber.state() == QAbstractSocket::ConnectedState; }, 10000);
    subscriber.sendTextMessage(QStringLiteral("{\"type\":\"connection_init\"}"));
    spin([&] { return acked; }, 10000);
    const QString data = QString::fromUtf8(compact({{QStringLiteral("query"), QStringLiteral("subscription { onActivityAdded(name: \"Kyoto\") { name activities } }")}}));
    subscriber.sendTextMessage(QString::fromUtf8(compact(
        {{QStringLiteral("id"), QStringLiteral("bench")}, {QStringLiteral("type"), QStringLiteral("start")},
         {QStringLiteral("payload"), QJsonObject{{QStringLiteral("data"), data},
                                                 {QStringLiteral("extensions"), QJsonObject{{QStringLiteral("authorization"),
                                                                                             QJsonObject{{QStringLiteral("host"), host},
                                                                                                         {QStringLiteral("x-api-key"), key}}}}}}}})));
    if (!spin([&] { return started_; }, 10000) || token.isEmpty()) {
        out << "appsync-subscribe: no subscription (start_ack " << started_ << ", token " << !token.isEmpty() << ")" << Qt::endl;
        return;
    }

    std::vector<qint64> resolvedAt;
    QObject::connect(emulator.graphQlApis(), &Gatehouse::Emulator::AppSyncService::mutationResolved, &subscriber,
                     [&] { resolvedAt.push_back(clock.nsecsElapsed()); });
    constexpr int Mutations = 31;
    std::vector<double> total, push;
    for (int i = 0; i < Mutations; ++i) {
        QNetworkRequest request{QUrl(api.pathStyleUrl)};
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        request.setRawHeader("Authorization", token);
        const QByteArray body = compact({{QStringLiteral("query"),
                                          QStringLiteral("mutation { addActivity(destination: \"Kyoto\", activity: \"bench %1\") { name } }").arg(i)}});
        const size_t before = dataAt.size();
        const qint64 sent = clock.nsecsElapsed();
        QNetworkReply *reply = network.post(request, body);
        spin([&] { return reply->isFinished() && dataAt.size() > before; }, 20000);
        reply->deleteLater();
        if (dataAt.size() <= before || resolvedAt.size() <= before) {
            out << "appsync-subscribe: mutation " << i << " reached no subscriber" << Qt::endl;
            return;
        }
        total.push_back(double(dataAt[before] - sent) / 1e6);
        push.push_back(double(dataAt[before] - resolvedAt[before]) / 1e6);
    }
    // The first mutation starts the function's first Python worker; it is reported on its own.
    const double cold = total.front();
    total.erase(total.begin());
    push.erase(push.begin());
    out << "appsync-subscribe first mutation (cold Lambda worker) sent -> data frame " << cold << " ms" << Qt::endl;
    figure(QStringLiteral("appsync-subscribe result known -> data frame, p50"), percentile(push, 0.5), QStringLiteral("ms"),
           QStringLiteral("< 100 ms"), percentile(push, 0.5) < 100);
    figure(QStringLiteral("appsync-subscribe result known -> data frame, max"), *std::max_element(push.begin(), push.end()),
           QStringLiteral("ms"), QStringLiteral("< 100 ms"), *std::max_element(push.begin(), push.end()) < 100);
    const double p50 = percentile(total, 0.5), p99 = percentile(total, 0.99), worst = *std::max_element(total.begin(), total.end());
    figure(QStringLiteral("appsync-subscribe warm mutation sent -> data frame, p50"), p50, QStringLiteral("ms"), QStringLiteral("< 100 ms"), p50 < 100);
    figure(QStringLiteral("appsync-subscribe warm mutation sent -> data frame, p99"), p99, QStringLiteral("ms"), QStringLiteral("< 100 ms"), p99 < 100);
    figure(QStringLiteral("appsync-subscribe warm mutation sent -> data frame, max"), worst, QStringLiteral("ms"), QStringLiteral("< 100 ms"), worst < 100);
    subscriber.close();
    emulator.stop();
}
