// The emulator's WebSocket broadcast: 1,000 QWebSocket clients in this process join the bakery
// lab's chat (resources/labs/bakery/chat), then one sends `sendmessage`; the lab's handler
// posts to every connection through @connections, one signed POST each, as on AWS. Measured
// from writing that frame to the last client's receipt, with the emulator on this thread.
#include "benches.h"
#include "core/emulator/emulator.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkRequest>
#include <QTextStream>
#include <QWebSocket>

#include <sys/resource.h>

#include <functional>
#include <memory>
#include <vector>

namespace {

// Turns the event loop until `done` holds or `timeoutMs` passed; false on timeout.
bool spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
    return true;
}

// Each connection costs two descriptors here (client and server side); Debian's default soft
// limit of 1,024 would stop at about 500 clients, so raise it towards the hard limit.
bool ensureDescriptors(rlim_t needed)
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return false;
    if (limit.rlim_cur >= needed)
        return true;
    limit.rlim_cur = std::min(needed, limit.rlim_max);
    return setrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur >= needed;
}

} // namespace

void benchWsBroadcast()
{
    QTextStream out(stdout);
    constexpr int Clients = 1000;
    if (!ensureDescriptors(2 * Clients + 256)) {
        out << "ws-broadcast: cannot raise the open-file limit to " << 2 * Clients + 256 << Qt::endl;
        return;
    }
    Gatehouse::Emulator::EmulatorOptions options;
    options.port = 0;
    options.labDirectory = QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery");
    Gatehouse::Emulator::Emulator emulator(options);
    const auto started = emulator.start();
    if (!started) {
        out << "ws-broadcast: " << started.error().message << Qt::endl;
        return;
    }
    QString url;
    for (const auto &api : started->apis) {
        if (api.kind == QLatin1String("WebSocket API") && api.name == QLatin1String("bakery-chat"))
            url = api.pathStyleUrl;
    }

    std::vector<std::unique_ptr<QWebSocket>> clients;
    int connected = 0;
    int received = 0;
    QElapsedTimer joining;
    joining.start();
    for (int i = 0; i < Clients; ++i) {
        auto socket = std::make_unique<QWebSocket>();
        QObject::connect(socket.get(), &QWebSocket::connected, socket.get(), [&connected] { ++connected; });
        QObject::connect(socket.get(), &QWebSocket::textMessageReceived, socket.get(),
                         [&received](const QString &) { ++received; });
        socket->open(QNetworkRequest{QUrl(url + QStringLiteral("?name=c%1").arg(i))});
        clients.push_back(std::move(socket));
        // A few at a time: every $connect is one function call.
        if (!spinUntil([&] { return connected > i - 16; }, 60000))
            break;
    }
    if (!spinUntil([&] { return connected == Clients; }, 60000)) {
        out << "ws-broadcast: only " << connected << " of " << Clients << " clients connected" << Qt::endl;
        return;
    }
    figure(QStringLiteral("ws_broadcast.connect_1000"), joining.elapsed() / 1000.0, QStringLiteral("s"),
           QStringLiteral("-"), true);

    QElapsedTimer broadcast;
    broadcast.start();
    clients.front()->sendTextMessage(QStringLiteral("{\"action\":\"sendmessage\",\"message\":\"fresh rolls\"}"));
    const bool all = spinUntil([&] { return received == Clients; }, 120000);
    const double ms = broadcast.nsecsElapsed() / 1e6;
    if (!all)
        out << "ws-broadcast: only " << received << " of " << Clients << " clients received it" << Qt::endl;
    figure(QStringLiteral("ws_broadcast.last_receipt_1000"), ms, QStringLiteral("ms"), QStringLiteral("< 100"),
           all && ms < 100);
    for (auto &socket : clients)
        socket->abort();
}
