#include "benches.h"
#include "core/emulator/vtl.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

#include <algorithm>
#include <vector>

using namespace Gatehouse::Emulator;

namespace {

QByteArray readBenchData(const QString &name)
{
    QFile file(QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/data/appsync-vtl/gatehouse/") + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

// The 54-line DynamoDB Query request template of tst_vtl's corpus (filters built in two
// #foreach loops, $util.dynamodb, toJson), rendered 2,000 times after a warm-up: an AppSync
// field renders one or two such templates, so this is the engine's share of a resolver.
void benchVtlRender()
{
    QTextStream out(stdout);
    const QString source = QString::fromUtf8(readBenchData(QStringLiteral("query-posts-by-author.vtl")));
    Vtl::Context context;
    context.arguments = readBenchData(QStringLiteral("query-posts-by-author.arguments.json"));
    QElapsedTimer parseClock;
    parseClock.start();
    const auto parsed = Vtl::Template::parse(source);
    const double parseMs = parseClock.nsecsElapsed() / 1e6;
    if (!parsed) {
        out << "vtl-render: the template does not parse: " << parsed.error().message << Qt::endl;
        figure(QStringLiteral("vtl.render_query_median"), -1, QStringLiteral("us"), QStringLiteral("< 1000 (1 ms)"), false);
        return;
    }
    for (int i = 0; i < 50; ++i)
        (void)Vtl::render(*parsed, context);
    std::vector<double> ms;
    ms.reserve(2000);
    bool allRendered = true;
    for (int i = 0; i < 2000; ++i) {
        QElapsedTimer clock;
        clock.start();
        const auto output = Vtl::render(*parsed, context);
        ms.push_back(clock.nsecsElapsed() / 1e6);
        allRendered = allRendered && output && !output->text.isEmpty();
    }
    std::sort(ms.begin(), ms.end());
    out << "VTL: the " << source.count(QLatin1Char('\n')) << "-line DynamoDB Query template, "
        << ms.size() << " renders after 50 warm-ups; parsed once in " << QString::number(parseMs, 'f', 3)
        << " ms" << Qt::endl;
    // In microseconds: figure() prints one decimal, and a render takes a few hundredths of a ms.
    const double median = ms[ms.size() / 2] * 1000;
    figure(QStringLiteral("vtl.render_query_median"), median, QStringLiteral("us"),
           QStringLiteral("< 1000 (1 ms)"), allRendered && median < 1000);
    figure(QStringLiteral("vtl.render_query_p99"), ms[ms.size() * 99 / 100] * 1000, QStringLiteral("us"),
           QStringLiteral("-"), allRendered);
    figure(QStringLiteral("vtl.render_query_max"), ms.back() * 1000, QStringLiteral("us"),
           QStringLiteral("-"), allRendered);
}
