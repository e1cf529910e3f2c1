#include "benches.h"

#include "core/jsonpretty.h"

#include <QElapsedTimer>

#include <algorithm>

// How fast a response body is pretty-printed for the response view: one pass over 32 MB of
// typical API JSON, best of three.
void benchJsonPretty()
{
    QByteArray doc("[");
    const QByteArray item(R"({"id":1234567890123,"name":"Widget \"deluxe\"","price":19.90,"tags":["a","b"],"ok":true},)");
    while (doc.size() < 32 * 1024 * 1024)
        doc += item;
    doc.chop(1);
    doc += ']';
    qint64 bestNs = -1;
    for (int round = 0; round < 3; ++round) {
        QElapsedTimer clock;
        clock.start();
        const auto out = Gatehouse::Core::JsonPretty::format(doc);
        const qint64 ns = clock.nsecsElapsed();
        if (!out.ok())
            return;
        bestNs = bestNs < 0 ? ns : std::min(bestNs, ns);
    }
    const double mbPerSecond = (doc.size() / 1048576.0) / (bestNs / 1e9);
    figure(QStringLiteral("json.pretty_mb_per_second"), mbPerSecond, QStringLiteral("MB/s"),
           QStringLiteral(">= 100"), mbPerSecond >= 100);
}
