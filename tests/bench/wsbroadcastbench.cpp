// The emulator's WebSocket broadcast: 1,000 QWebSocket clients join the bakery lab's chat
// (resources/labs/bakery/chat), then one sends `sendmessage`; the lab's handler posts to every
// connection through @connections, one signed POST each, as on AWS. Measured from writing that
// frame to the last client's receipt. The clients live in a child process
// (`gatehouse-bench ws-broadcast-clients URL`), so the emulator's thread turns over its own
// sockets only and the figure is the emulator's, not the bench's.
#include "benches.h"
#include "core/emulator/emulator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkRequest>
#include <QProcess>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <QWebSocket>

#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace {

constexpr int Clients = 1000;

// Turns the event loop until `done` holds or `timeoutMs` passed; false on timeout. It sleeps in
// the dispatcher between events: a busy loop would take a core from the emulator.
bool spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    QTimer deadline;
    deadline.setSingleShot(true);
    deadline.start(timeoutMs);
    while (!done() && deadline.isActive())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    return done();
}

// Each process holds one descriptor per connection; Debian's default soft limit of 1,024 would
// stop short of 1,000 clients, so raise it towards the hard limit.
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

double rusageCpuMs()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3
           + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

// CPU time of this process's children other than `except` (the Lambda workers: the chat's Python
// handler), from /proc in clock ticks, so to 10 ms.
double workersCpuMs(qint64 except)
{
    const double msPerTick = 1000.0 / double(sysconf(_SC_CLK_TCK));
    const QByteArray self = QByteArray::number(qint64(getpid()));
    double total = 0;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric || pid == except)
            continue;
        QFile file(QStringLiteral("/proc/%1/stat").arg(entry));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray stat = file.readAll();
        // The command name may hold spaces; the fields after it are: state ppid ... utime(12th) stime.
        const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 12 && fields.at(1) == self)
            total += (fields.at(11).toDouble() + fields.at(12).toDouble()) * msPerTick;
    }
    return total;
}

} // namespace

// The child: joins the clients, sends the message, and reports on stdout as
// "connected <ms>" then "received <count> <ms>", or "error <text>". The clients are spread over
// a few threads: one thread polling all 1,000 sockets for every frame that arrives would cost
// this process more than the emulator spends sending it, on the same two cores.
int runWsBroadcastClients(const QString &url)
{
    QTextStream out(stdout);
    if (!ensureDescriptors(Clients + 256)) {
        out << "error cannot raise the open-file limit to " << Clients + 256 << Qt::endl;
        return 1;
    }
    constexpr int Threads = 4;
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < Threads; ++t) {
        threads.push_back(std::make_unique<QThread>());
        threads.back()->start();
    }
    std::vector<QWebSocket *> clients;
    std::atomic<int> connected = 0;
    std::atomic<int> received = 0;
    std::atomic<qint64> lastReceiptNs = -1;
    QElapsedTimer broadcast;
    // Wakes this thread's loop: the counters change on the client threads.
    const auto wake = [] { QMetaObject::invokeMethod(qApp, [] {}, Qt::QueuedConnection); };
    QElapsedTimer joining;
    joining.start();
    for (int i = 0; i < Clients; ++i) {
        auto *socket = new QWebSocket;
        QObject::connect(socket, &QWebSocket::connected, socket, [&connected, wake] {
            ++connected;
            wake();
        });
        QObject::connect(socket, &QWebSocket::textMessageReceived, socket, [&, wake](const QString &) {
            if (++received == Clients) {
                lastReceiptNs = broadcast.nsecsElapsed();
                wake();
            }
        });
        socket->moveToThread(threads[size_t(i % Threads)].get());
        // The chat's $connect authorizer wants the lab's chat token (lab.md).
        const QUrl clientUrl(url + QStringLiteral("?token=croissant&name=c%1").arg(i));
        QMetaObject::invokeMethod(socket, [socket, clientUrl] { socket->open(QNetworkRequest{clientUrl}); });
        clients.push_back(socket);
        // A few at a time: every $connect is one function call.
        if (!spinUntil([&] { return connected > i - 16; }, 60000))
            break;
    }
    const bool all = spinUntil([&] { return connected == Clients; }, 60000);
    if (all) {
        out << "connected " << joining.elapsed() << Qt::endl;
        QWebSocket *first = clients.front();
        const double cpuBefore = rusageCpuMs();
        broadcast.start();
        QMetaObject::invokeMethod(first, [first] {
            first->sendTextMessage(QStringLiteral("{\"action\":\"sendmessage\",\"message\":\"fresh rolls\"}"));
            first->flush();
        });
        spinUntil([&] { return lastReceiptNs >= 0; }, 120000);
        out << "received " << received << ' ' << (lastReceiptNs >= 0 ? lastReceiptNs / 1e6 : -1.0) << ' '
            << rusageCpuMs() - cpuBefore << Qt::endl;
    } else {
        out << "error only " << connected << " of " << Clients << " clients connected" << Qt::endl;
    }
    for (QWebSocket *socket : clients) {
        QMetaObject::invokeMethod(socket, [socket] {
            socket->abort();
            delete socket;
        });
    }
    for (auto &thread : threads) {
        thread->quit();
        thread->wait();
    }
    return all ? 0 : 1;
}

void benchWsBroadcast()
{
    QTextStream out(stdout);
    if (!ensureDescriptors(Clients + 256)) {
        out << "ws-broadcast: cannot raise the open-file limit to " << Clients + 256 << Qt::endl;
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

    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QByteArray lines;
    bool finished = false;
    // CPU spent while the broadcast runs: the emulator (this process's threads) and the handler
    // (the Lambda workers), from the child's "connected" line to its "received" line.
    double emulatorCpu[2] = {-1, -1};
    double workersCpu[2] = {-1, -1};
    QObject::connect(&child, &QProcess::readyReadStandardOutput, &child, [&] {
        lines += child.readAllStandardOutput();
        const int phase = lines.contains("\nreceived ") || lines.startsWith("received ") ? 1
                          : lines.contains("connected ")                              ? 0
                                                                                        : -1;
        if (phase >= 0 && emulatorCpu[phase] < 0) {
            emulatorCpu[phase] = rusageCpuMs();
            workersCpu[phase] = workersCpuMs(child.processId());
        }
    });
    QObject::connect(&child, &QProcess::finished, &child, [&] { finished = true; });
    QObject::connect(&child, &QProcess::errorOccurred, &child, [&](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            finished = true;
    });
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("ws-broadcast-clients"), url});
    if (!spinUntil([&] { return finished; }, 300000)) {
        out << "ws-broadcast: the client process did not finish in 5 minutes" << Qt::endl;
        child.kill();
        child.waitForFinished();
        return;
    }
    lines += child.readAllStandardOutput();
    double connectMs = -1;
    double lastMs = -1;
    double clientsCpuMs = -1;
    int received = 0;
    for (const QByteArray &line : lines.split('\n')) {
        const QList<QByteArray> words = line.split(' ');
        if (words.value(0) == "connected")
            connectMs = words.value(1).toDouble();
        else if (words.value(0) == "received") {
            received = words.value(1).toInt();
            lastMs = words.value(2).toDouble();
            clientsCpuMs = words.value(3).toDouble();
        } else if (words.value(0) == "error")
            out << "ws-broadcast: " << QString::fromUtf8(line.mid(6)) << Qt::endl;
    }
    if (connectMs < 0) {
        out << "ws-broadcast: the client process gave no figures (" << child.errorString() << ')' << Qt::endl;
        return;
    }
    figure(QStringLiteral("ws_broadcast.connect_1000"), connectMs / 1000.0, QStringLiteral("s"),
           QStringLiteral("-"), true);
    if (received != Clients)
        out << "ws-broadcast: only " << received << " of " << Clients << " clients received it" << Qt::endl;
    figure(QStringLiteral("ws_broadcast.last_receipt_1000"), lastMs, QStringLiteral("ms"), QStringLiteral("< 100"),
           received == Clients && lastMs < 100);
    // Where the time went, independent of how busy the machine was: CPU time, not wall time.
    if (emulatorCpu[1] >= 0) {
        figure(QStringLiteral("ws_broadcast.cpu_emulator"), emulatorCpu[1] - emulatorCpu[0], QStringLiteral("ms"),
               QStringLiteral("-"), true);
        // Per @connections POST (issue 7's yardstick), counting the sendmessage frame and its
        // invocation too, so slightly above the front's and the connections' thread's share.
        figure(QStringLiteral("ws_broadcast.cpu_emulator_per_post"),
               (emulatorCpu[1] - emulatorCpu[0]) * 1000.0 / Clients, QStringLiteral("us"), QStringLiteral("-"), true);
        figure(QStringLiteral("ws_broadcast.cpu_handler"), workersCpu[1] - workersCpu[0], QStringLiteral("ms"),
               QStringLiteral("-"), true);
        figure(QStringLiteral("ws_broadcast.cpu_clients"), clientsCpuMs, QStringLiteral("ms"), QStringLiteral("-"),
               true);
    }
}
