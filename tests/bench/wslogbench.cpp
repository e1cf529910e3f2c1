// The WebSocket console's message log at 100,000 messages: frames enter the way the console
// receives them (WebSocketSession::frame -> MessageLog, rows inserted in timed batches, a
// QTableView following the newest row on the offscreen platform), in bursts of 1,000 per
// event-loop turn as a fast socket would deliver them.
#include "benches.h"
#include "ui/websocket/websocketconnectionview.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QTableView>
#include <QTextStream>
#include <QTimer>
#include <unistd.h>

namespace {

qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.value(1).toLongLong() * sysconf(_SC_PAGESIZE);
}

// Past the log's cap: 300,000 messages into a view capped at 100,000, so the oldest go in
// blocks of 6,250 (one removal through the filter proxy and the view each) while new ones
// arrive; the figures say whether dropping costs the rate or the event loop.
void benchWsLogCapped()
{
    constexpr int total = 300000;
    constexpr int cap = 100000;
    constexpr int burst = 1000;
    Gatehouse::Ui::WebSocketConnectionView view;
    view.resize(1000, 700);
    view.show();
    view.log()->setCapacity(cap, qint64(1) << 40);
    QCoreApplication::processEvents();
    std::vector<QByteArray> payloads;
    payloads.reserve(total);
    for (int i = 0; i < total; ++i)
        payloads.push_back(QByteArrayLiteral("{\"action\":\"message\",\"room\":\"lobby\",\"seq\":") +
                           QByteArray::number(i) + QByteArrayLiteral(",\"text\":\"hello there\"}"));

    qint64 longestStall = 0;
    QElapsedTimer sinceTick;
    QTimer watchdog;
    watchdog.setInterval(1);
    QObject::connect(&watchdog, &QTimer::timeout, &view,
                     [&] { longestStall = std::max(longestStall, sinceTick.restart()); });
    int sent = 0;
    QTimer feeder;
    feeder.setInterval(0);
    QObject::connect(&feeder, &QTimer::timeout, &view, [&] {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < burst && sent < total; ++i, ++sent)
            emit view.session()->frame(Gatehouse::Core::WebSocketDirection::Received,
                                       Gatehouse::Core::WebSocketOpcode::Text,
                                       payloads[size_t(sent)], now);
        if (sent == total)
            feeder.stop();
    });
    QElapsedTimer clock;
    clock.start();
    sinceTick.start();
    watchdog.start();
    feeder.start();
    while (sent < total || view.log()->pendingCount() > 0)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    const double seconds = clock.nsecsElapsed() / 1e9;
    watchdog.stop();
    const qint64 kept = view.log()->rowCount();
    const qint64 dropped = view.log()->droppedCount();
    const bool lastIsNewest = view.log()->payload(int(kept - 1)) == payloads.back() &&
                              view.log()->payload(0) == payloads[size_t(dropped)];
    QTextStream(stdout) << QStringLiteral("WebSocket log capped at %1: %2 messages, %3 kept, %4 "
                                          "dropped, rows in order: %5")
                               .arg(cap)
                               .arg(total)
                               .arg(kept)
                               .arg(dropped)
                               .arg(lastIsNewest ? QStringLiteral("yes") : QStringLiteral("no"))
                        << Qt::endl;
    figure(QStringLiteral("ws_log.capped_ingest_rate"), total / seconds,
           QStringLiteral("messages/s"), QStringLiteral(">= 20000"),
           total / seconds >= 20000 && kept + dropped == total && kept <= cap && lastIsNewest);
    figure(QStringLiteral("ws_log.capped_longest_event_loop_stall"), double(longestStall),
           QStringLiteral("ms"), QStringLiteral("< 50"), longestStall < 50);
}

} // namespace

void benchWsLog()
{
    constexpr int total = 100000;
    constexpr int burst = 1000;
    Gatehouse::Ui::WebSocketConnectionView view;
    view.resize(1000, 700);
    view.show();
    QCoreApplication::processEvents();

    // Payloads made up front so that their own memory is not counted as the log's.
    std::vector<QByteArray> payloads;
    payloads.reserve(total);
    qint64 payloadBytes = 0;
    for (int i = 0; i < total; ++i) {
        payloads.push_back(
            QByteArrayLiteral("{\"action\":\"message\",\"room\":\"lobby\",\"from\":\"user-") +
            QByteArray::number(i % 97) + QByteArrayLiteral("\",\"seq\":") + QByteArray::number(i) +
            QByteArrayLiteral(",\"text\":\"hello there\"}"));
        payloadBytes += payloads.back().size();
    }
    const qint64 rssBefore = residentBytes();

    qint64 longestStall = 0;
    QElapsedTimer sinceTick;
    QTimer watchdog;
    watchdog.setInterval(1);
    QObject::connect(&watchdog, &QTimer::timeout, &view,
                     [&] { longestStall = std::max(longestStall, sinceTick.restart()); });

    int sent = 0;
    QElapsedTimer clock;
    QTimer feeder;
    feeder.setInterval(0);
    QObject::connect(&feeder, &QTimer::timeout, &view, [&] {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < burst && sent < total; ++i, ++sent)
            emit view.session()->frame(Gatehouse::Core::WebSocketDirection::Received,
                                       Gatehouse::Core::WebSocketOpcode::Text,
                                       payloads[size_t(sent)], now);
        if (sent == total)
            feeder.stop();
    });
    clock.start();
    sinceTick.start();
    watchdog.start();
    feeder.start();
    while (view.log()->rowCount() < total)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    const double seconds = clock.nsecsElapsed() / 1e9;
    watchdog.stop();
    QCoreApplication::processEvents();
    const qint64 rssAfter = residentBytes();
    const double overhead = double(rssAfter - rssBefore - payloadBytes) / total;

    const QModelIndex last = view.logView()->model()->index(total - 1, 0);
    const bool followed = view.logView()->visualRect(last).isValid();
    QTextStream(stdout)
        << QStringLiteral(
               "WebSocket log: %1 messages (%2 bytes of payload, %3 per burst), view following: %4")
               .arg(total)
               .arg(payloadBytes)
               .arg(burst)
               .arg(followed ? QStringLiteral("yes") : QStringLiteral("no"))
        << Qt::endl;
    figure(QStringLiteral("ws_log.ingest_rate"), total / seconds, QStringLiteral("messages/s"),
           QStringLiteral(">= 20000"), total / seconds >= 20000);
    figure(QStringLiteral("ws_log.longest_event_loop_stall"), double(longestStall),
           QStringLiteral("ms"), QStringLiteral("< 50"), longestStall < 50);
    figure(QStringLiteral("ws_log.overhead_per_message"), overhead, QStringLiteral("bytes"),
           QStringLiteral("<= 300"), overhead <= 300);
    benchWsLogCapped();
}

// The same path with a real socket: Debian's python3-websockets server sends 100,000 short
// texts over loopback as fast as it can; the figure is end to end (one Python core is the
// likely limit, not the log).
void benchWsLogSocket()
{
    constexpr int total = 100000;
    QProcess server;
    server.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/core/wstestserver.py")});
    // Read up to the whole "PORT <n>" line: the first read can end inside it.
    QByteArray line;
    QElapsedTimer starting;
    starting.start();
    while (!line.endsWith('\n') && starting.elapsed() < 10000 &&
           server.state() != QProcess::NotRunning) {
        if (server.waitForReadyRead(200))
            line += server.readLine();
    }
    const int port = line.startsWith("PORT ") ? line.mid(5).trimmed().toInt() : 0;
    if (port == 0) {
        QTextStream(stdout) << "ws-log socket: python3-websockets server did not start: "
                            << line << Qt::endl;
        return;
    }
    Gatehouse::Ui::WebSocketConnectionView view;
    view.resize(1000, 700);
    view.show();
    view.urlEdit()->setText(QStringLiteral("ws://127.0.0.1:%1/flood?n=%2").arg(port).arg(total));

    qint64 longestStall = 0;
    QElapsedTimer sinceTick;
    QTimer watchdog;
    watchdog.setInterval(1);
    QObject::connect(&watchdog, &QTimer::timeout, &view,
                     [&] { longestStall = std::max(longestStall, sinceTick.restart()); });
    QElapsedTimer clock;
    clock.start();
    sinceTick.start();
    watchdog.start();
    view.connectOrDisconnect();
    while (view.log()->rowCount() < total && clock.elapsed() < 120000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    const double seconds = clock.nsecsElapsed() / 1e9;
    watchdog.stop();
    // The server's close frame is a row too, after the texts.
    const int received = std::min(view.log()->rowCount(), total);
    server.closeWriteChannel();
    server.waitForFinished(5000);
    QTextStream(stdout)
        << QStringLiteral(
               "WebSocket log over loopback from python3-websockets: %1 of %2 frames in %3 s")
               .arg(received)
               .arg(total)
               .arg(seconds, 0, 'f', 2)
        << Qt::endl;
    figure(QStringLiteral("ws_log.socket_ingest_rate"), received / seconds,
           QStringLiteral("messages/s"), QStringLiteral(">= 20000"),
           received / seconds >= 20000 && received == total);
    figure(QStringLiteral("ws_log.socket_longest_event_loop_stall"), double(longestStall),
           QStringLiteral("ms"), QStringLiteral("< 50"), longestStall < 50);
}
