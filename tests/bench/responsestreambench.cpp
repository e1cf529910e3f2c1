// A 500 MB JSON answer through the request builder as issue 6 asks of it: it must not crash and
// must keep memory under 3x the body. The server is Python's http.server (a peer we did not
// write) serving a file, so the bench process holds only what the request builder holds. Also
// measured: when the first bytes show while the rest arrives, the whole transfer, the longest
// event-loop stall meanwhile (a 5 ms timer's largest gap) and the peak resident memory added.
#include "benches.h"

#include "ui/requestbuilder/requestbuilderwidget.h"
#include "ui/requestbuilder/responseview.h"
#include "ui/widgets/largetextview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

using namespace Gatehouse;

namespace {

qint64 statusKb(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

// Writes a minified JSON array of about `bytes` to path a megabyte at a time.
bool writeOrdersJson(const QString &path, qint64 bytes)
{
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return false;
    out.write("[");
    qint64 written = 1;
    QByteArray chunk;
    for (qint64 i = 0; written < bytes; ++i) {
        chunk += "{\"orderId\":\"o-" + QByteArray::number(i) + "\",\"customer\":{\"name\":\"Ann Baker\",\"email\":"
                 "\"ann@example.com\"},\"items\":[{\"sku\":\"sourdough\",\"qty\":2,\"price\":4.5}],\"paid\":true},";
        if (chunk.size() >= 1024 * 1024 || written + chunk.size() >= bytes) {
            written += chunk.size();
            if (written >= bytes)
                chunk.chop(1);
            out.write(chunk);
            chunk.clear();
        }
    }
    out.write("]");
    return out.flush();
}

} // namespace

void benchResponseStream()
{
    constexpr qint64 Size = 500LL * 1024 * 1024;
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("orders.json"));
    if (!writeOrdersJson(file, Size)) {
        QTextStream(stdout) << "response stream: could not write " << file << Qt::endl;
        return;
    }
    QProcess server;
    server.setProcessChannelMode(QProcess::MergedChannels);
    server.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-u"), QStringLiteral("-m"), QStringLiteral("http.server"),
                                                       QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                                                       QStringLiteral("--directory"), dir.path(), QStringLiteral("0")});
    int port = 0;
    QByteArray banner;
    const QRegularExpression portPattern(QStringLiteral("port (\\d+)"));
    while (port == 0 && server.waitForReadyRead(10000)) {
        banner += server.readAll();
        const QRegularExpressionMatch match = portPattern.match(QString::fromUtf8(banner));
        if (match.hasMatch())
            port = match.captured(1).toInt();
    }
    if (port == 0) {
        QTextStream(stdout) << "response stream: python3 -m http.server did not start: " << banner << Qt::endl;
        return;
    }

    Ui::RequestBuilderWidget builder;
    builder.resize(1200, 800);
    builder.show();
    QApplication::processEvents();
    const qint64 rssBefore = statusKb("VmRSS:");
    const qint64 peakBefore = statusKb("VmHWM:");

    builder.openRequest(QStringLiteral("GET"), QStringLiteral("http://127.0.0.1:%1/orders.json").arg(port));
    Ui::ResponseView *view = builder.responseView();
    double firstBytesMs = -1;
    double doneMs = -1;
    qint64 longestStall = 0;
    qint64 stallEndedMs = 0;
    QElapsedTimer clock;
    QElapsedTimer gap;
    qint64 lastTick = 0;
    QTimer ticker;
    ticker.setInterval(5);
    QObject::connect(&ticker, &QTimer::timeout, &builder, [&] {
        const qint64 now = gap.elapsed();
        if (now - lastTick > longestStall)
            stallEndedMs = now;
        if (now - lastTick > 30 && qEnvironmentVariableIsSet("GATEHOUSE_BENCH_STALLS"))
            QTextStream(stdout) << "  stall " << (now - lastTick) << " ms ending at " << now << " ms" << Qt::endl;
        longestStall = std::max(longestStall, now - lastTick);
        lastTick = now;
        if (firstBytesMs < 0 && view->bodyView()->lineCount() > 0 && builder.isSending())
            firstBytesMs = double(clock.nsecsElapsed()) / 1e6;
    });
    bool finished = false;
    bool ok = false;
    QString problem;
    QObject::connect(&builder, &Ui::RequestBuilderWidget::requestFinished, &builder,
                     [&](const Core::Result<Core::HttpClientResponse> &result) {
                         finished = true;
                         doneMs = double(clock.nsecsElapsed()) / 1e6;
                         ok = result && result->bytes == QFileInfo(file).size();
                         if (!result)
                             problem = result.error().message;
                     });
    clock.start();
    gap.start();
    ticker.start();
    builder.send();
    while (!finished)
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    while (view->isFormatting())
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    const double indexedMs = double(clock.nsecsElapsed()) / 1e6;
    ticker.stop();
    // Page to the end of the one 500 MB line, as a person checking the last order would.
    QScrollBar *bar = view->bodyView()->horizontalScrollBar();
    double slowestPageMs = 0;
    for (int i = 0; i <= 20; ++i) {
        QElapsedTimer page;
        page.start();
        bar->setValue(bar->maximum() / 20 * i);
        view->bodyView()->viewport()->repaint();
        slowestPageMs = std::max(slowestPageMs, double(page.nsecsElapsed()) / 1e6);
    }
    const qint64 rssAfter = statusKb("VmRSS:");
    const qint64 peakAfter = statusKb("VmHWM:");
    server.kill();
    server.waitForFinished();

    const double sizeMb = double(QFileInfo(file).size()) / (1024 * 1024);
    const double peakAddedMb = double(std::max(peakAfter, peakBefore) - rssBefore) / 1024.0;
    QTextStream(stdout) << "response stream: " << qint64(sizeMb) << " MB minified JSON from python3 http.server, "
                        << (view->isSpooled() ? "spooled to disk" : "held in memory")
                        << (ok ? "" : ", FAILED: ") << problem << Qt::endl;
    figure(QStringLiteral("response 500 MB: completes"), ok ? 1 : 0, QString(), QStringLiteral("no crash, all bytes"), ok);
    figure(QStringLiteral("response 500 MB: first bytes shown"), firstBytesMs, QStringLiteral("ms"),
           QStringLiteral("while receiving"), firstBytesMs >= 0 && firstBytesMs < doneMs);
    figure(QStringLiteral("response 500 MB: received"), doneMs, QStringLiteral("ms"), QString(), true);
    figure(QStringLiteral("response 500 MB: formatted view complete"), indexedMs, QStringLiteral("ms"), QString(), true);
    figure(QStringLiteral("response 500 MB: longest stall"), double(longestStall), QStringLiteral("ms"),
           QStringLiteral("< 50 ms"), longestStall < 50);
    QTextStream(stdout) << "  (the longest stall ended " << stallEndedMs << " ms after Send)" << Qt::endl;
    figure(QStringLiteral("response 500 MB: slowest page step along the line"), slowestPageMs, QStringLiteral("ms"),
           QStringLiteral("< 50 ms"), slowestPageMs < 50);
    figure(QStringLiteral("response 500 MB: peak memory added"), peakAddedMb, QStringLiteral("MB"),
           QStringLiteral("< 3x body (%1 MB)").arg(qint64(3 * sizeMb)), peakAddedMb < 3 * sizeMb);
    figure(QStringLiteral("response 500 MB: memory held after"), double(rssAfter - rssBefore) / 1024.0,
           QStringLiteral("MB"), QString(), true);
}
