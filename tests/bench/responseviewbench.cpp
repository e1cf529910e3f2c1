// A 50 MB JSON answer in the request builder's response view, as issue 6 measures it: first
// content painted after the last byte, the formatted (pretty) view complete, the longest
// event-loop stall meanwhile (a 5 ms timer's largest gap), set against `jq .` on the same bytes
// in the same run, and the resident memory the view adds.
#include "benches.h"

#include "core/httpmessage.h"
#include "ui/requestbuilder/responseview.h"
#include "ui/widgets/largetextview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <QScrollBar>
#include <QTimer>

using namespace Gatehouse;

namespace {

qint64 residentKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

// A minified JSON array of order objects, about `bytes` long.
QByteArray ordersJson(qsizetype bytes)
{
    QByteArray json("[");
    json.reserve(bytes + 256);
    for (int i = 0; json.size() < bytes; ++i) {
        json += "{\"orderId\":\"o-" + QByteArray::number(i) + "\",\"customer\":{\"name\":\"Ann Baker\",\"email\":"
                "\"ann@example.com\"},\"items\":[{\"sku\":\"sourdough\",\"qty\":2,\"price\":4.5},{\"sku\":"
                "\"rye\",\"qty\":1,\"price\":3.25}],\"paid\":true,\"note\":null},";
    }
    json.back() = ']';
    return json;
}

class StallMonitor
{
public:
    explicit StallMonitor(QObject *context)
    {
        m_clock.start();
        m_last = 0;
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, context, [this] {
            const qint64 now = m_clock.elapsed();
            m_longest = std::max(m_longest, now - m_last);
            m_last = now;
        });
        m_timer.start();
    }
    qint64 longest() const { return m_longest; }
    void reset()
    {
        m_last = m_clock.elapsed();
        m_longest = 0;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longest = 0;
};

} // namespace

void benchResponseView()
{
    constexpr qsizetype Size = 50 * 1024 * 1024;
    const QByteArray json = ordersJson(Size);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("orders.json"));
    {
        QFile out(file);
        out.open(QIODevice::WriteOnly);
        out.write(json);
    }

    Ui::ResponseView view;
    view.resize(1000, 700);
    view.show();
    QApplication::processEvents();
    const qint64 rssBefore = residentKb();

    Core::HttpClientResponse response;
    response.status = 200;
    response.httpVersion = "HTTP/1.1";
    response.reason = "OK";
    response.headers.add("Content-Type", "application/json");
    response.body = json;
    response.bytes = json.size();

    bool painted = false;
    struct PaintWatch : QObject
    {
        bool *flag;
        explicit PaintWatch(bool *f) : flag(f) {}
        bool eventFilter(QObject *, QEvent *event) override
        {
            if (event->type() == QEvent::Paint)
                *flag = true;
            return false;
        }
    } watch(&painted);
    view.bodyView()->viewport()->installEventFilter(&watch);

    StallMonitor stalls(&view);
    QElapsedTimer clock;
    clock.start();
    view.showResponse(response); // the last byte has arrived
    while (!painted)
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    const double firstContentMs = double(clock.nsecsElapsed()) / 1e6;
    while (view.isFormatting())
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    const double prettyMs = double(clock.nsecsElapsed()) / 1e6;
    // A few scroll steps through the formatted text, as a person would page down.
    for (int i = 0; i < 50; ++i) {
        view.bodyView()->verticalScrollBar()->setValue(view.bodyView()->verticalScrollBar()->value()
                                                       + int(view.bodyView()->lineCount() / 50));
        QApplication::processEvents();
    }
    const qint64 longestStall = stalls.longest();
    const qint64 rssAfter = residentKb();

    double jqMs = -1;
    if (QFile::exists(QStringLiteral("/usr/bin/jq"))) {
        QProcess jq;
        jq.setStandardOutputFile(QProcess::nullDevice());
        QElapsedTimer jqClock;
        jqClock.start();
        jq.start(QStringLiteral("/usr/bin/jq"), {QStringLiteral("."), file});
        jq.waitForFinished(120000);
        jqMs = double(jqClock.nsecsElapsed()) / 1e6;
    }

    QTextStream(stdout) << "response view: " << json.size() / (1024 * 1024) << " MB minified JSON, "
                        << view.bodyView()->lineCount() << " formatted lines" << Qt::endl;
    figure(QStringLiteral("response 50 MB: first content"), firstContentMs, QStringLiteral("ms"),
           QStringLiteral("< 300 ms"), firstContentMs < 300);
    figure(QStringLiteral("response 50 MB: pretty view complete"), prettyMs, QStringLiteral("ms"),
           jqMs > 0 ? QStringLiteral("<= jq . (%1 ms)").arg(jqMs, 0, 'f', 0) : QStringLiteral("<= jq . (no jq)"),
           jqMs > 0 && prettyMs <= jqMs);
    figure(QStringLiteral("response 50 MB: longest stall"), double(longestStall), QStringLiteral("ms"),
           QStringLiteral("< 50 ms"), longestStall < 50);
    figure(QStringLiteral("response 50 MB: memory added"), double(rssAfter - rssBefore) / 1024.0, QStringLiteral("MB"),
           QStringLiteral("< 3x body (150 MB)"), (rssAfter - rssBefore) < 3 * 50 * 1024);
}
