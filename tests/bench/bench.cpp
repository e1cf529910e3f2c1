// gatehouse-bench: measures the figures README reports. Not a test: it prints numbers and a
// verdict against each target, on whatever machine it runs.
//   gatehouse-bench [httpapi|lambda|lambda-list|lambda-viewer|jwt|cognito|response-view|response-stream|startup|sigv4|credentials|json|collection|graphql-parse|graphql-validate|graphql-complete|graphql-editor|all]
//                   [--seconds N] [--connections N]
#include "benches.h"
#include "loadgenerator.h"

#include "core/emulator/emulatorhost.h"

#include <QCommandLineParser>
#include <QApplication>
#include <QDateTime>
#include <QProcess>
#include <QTextStream>
#include <QSysInfo>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <vector>

using namespace Gatehouse;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

} // namespace

void figure(const QString &name, double value, const QString &unit, const QString &target,
            bool met)
{
    out() << QStringLiteral("%1 %2 %3  (target %4: %5)")
                 .arg(name, -34)
                 .arg(value, 10, 'f', 1)
                 .arg(unit, -6)
                 .arg(target, met ? QStringLiteral("met") : QStringLiteral("NOT met"))
          << Qt::endl;
}

namespace {

void benchHttpApi(int seconds, int connections, std::function<void()> done)
{
    auto *host = new Emulator::EmulatorHost(qApp);
    Emulator::EmulatorOptions options;
    options.port = 0;
    options.labDirectory = QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/bench/labs/hello");
    QObject::connect(host, &Emulator::EmulatorHost::failed, qApp, [](const Core::Error &e) {
        out() << "httpapi: the emulator did not start: " << e.message << Qt::endl;
        QCoreApplication::exit(1);
    });
    QObject::connect(host, &Emulator::EmulatorHost::started, qApp,
                     [=](const Core::EmulatorInfo &info) {
        const QByteArray request = "GET " + info.apis.at(0).pathStyleUrl.mid(info.baseUrl.size()).toUtf8()
                                   + "/hello HTTP/1.1\r\nHost: 127.0.0.1:"
                                   + QByteArray::number(info.port)
                                   + "\r\nUser-Agent: gatehouse-bench\r\nAccept: */*\r\n\r\n";
        auto *load = new LoadGenerator(QHostAddress::LocalHost, info.port, request, connections);
        QObject::connect(load, &LoadGenerator::finished, qApp,
                         [=](const LoadGenerator::Report &r) {
            out() << "HTTP API -> warm Python Lambda, " << connections
                  << " keep-alive clients, " << r.seconds << " s, " << r.requests
                  << " requests, " << r.errors << " errors" << Qt::endl;
            figure(QStringLiteral("httpapi.requests_per_second"), r.perSecond(), QStringLiteral("req/s"),
                   QStringLiteral(">= 2000"), r.perSecond() >= 2000 && r.errors == 0);
            figure(QStringLiteral("httpapi.latency_p50"), r.p50Ms, QStringLiteral("ms"), QStringLiteral("-"), true);
            figure(QStringLiteral("httpapi.latency_p99"), r.p99Ms, QStringLiteral("ms"), QStringLiteral("< 25"), r.p99Ms < 25);
            figure(QStringLiteral("httpapi.latency_max"), r.maxMs, QStringLiteral("ms"), QStringLiteral("-"), true);
            load->deleteLater();
            delete host;
            done();
        });
        load->run(3000, seconds * 1000);
    });
    host->start(options);
}

struct StartupSample
{
    qint64 firstPaintMs = -1;
    qint64 idleRssKb = -1;
};

StartupSample runOnce(const QString &program, const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!env.contains(QStringLiteral("DISPLAY")) && !env.contains(QStringLiteral("WAYLAND_DISPLAY")))
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("GATEHOUSE_BENCH_STARTUP"), QStringLiteral("1"));
    env.insert(QStringLiteral("GATEHOUSE_BENCH_T0_MS"),
               QString::number(QDateTime::currentMSecsSinceEpoch()));
    process.setProcessEnvironment(env);
    process.start(program, arguments);
    StartupSample sample;
    // The benchmark itself may block: it is not the GUI.
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return sample;
    }
    for (const QByteArray &line : process.readAllStandardOutput().split('\n')) {
        if (line.startsWith("first-paint-ms "))
            sample.firstPaintMs = line.mid(15).toLongLong();
        else if (line.startsWith("idle-rss-kb "))
            sample.idleRssKb = line.mid(12).toLongLong();
    }
    return sample;
}

qint64 median(std::vector<qint64> values)
{
    if (values.empty())
        return -1;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

void benchStartup()
{
    const int rounds = 5;
    std::vector<qint64> bare, gatehouse, rss;
    for (int i = 0; i < rounds; ++i) {
        bare.push_back(runOnce(QStringLiteral(GATEHOUSE_BAREWIDGET), {}).firstPaintMs);
        const StartupSample s = runOnce(
            QStringLiteral(GATEHOUSE_EXECUTABLE),
            {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--lab"),
             QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery")});
        gatehouse.push_back(s.firstPaintMs);
        rss.push_back(s.idleRssKb);
    }
    const qint64 b = median(bare), g = median(gatehouse), r = median(rss);
    const bool onDisplay = qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
    out() << "GUI cold start, " << (onDisplay ? "on the display" : "offscreen platform (no display)")
          << ", median of " << rounds << " runs each" << Qt::endl;
    figure(QStringLiteral("startup.bare_qwidget_first_paint"), b, QStringLiteral("ms"), QStringLiteral("-"), b > 0);
    figure(QStringLiteral("startup.gatehouse_first_paint"), g, QStringLiteral("ms"), QStringLiteral("<= 2x bare"),
           g > 0 && b > 0 && g <= 2 * b);
    figure(QStringLiteral("startup.gatehouse_idle_rss"), r / 1024.0, QStringLiteral("MB"), QStringLiteral("<= 80"),
           r > 0 && r <= 80 * 1024);
}

} // namespace

int main(int argc, char **argv)
{
    // The viewer benchmark needs widgets; without a display they draw offscreen.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
            qputenv("QT_LOGGING_RULES", "qt.qpa.*=false");
    }
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("which"), QStringLiteral("httpapi, lambda, lambda-list, lambda-viewer, jwt, cognito, response-view, response-stream, startup, sigv4, credentials, json, collection, graphql-parse, graphql-validate, graphql-complete, graphql-editor, ws-log, ws-broadcast, appsync-subscribe, vtl-render, dynamodb or all (default)"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"), QStringLiteral("Measuring time per load benchmark."), QStringLiteral("N"), QStringLiteral("10"));
    const QCommandLineOption connectionsOption(QStringLiteral("connections"), QStringLiteral("Keep-alive clients."), QStringLiteral("N"), QStringLiteral("16"));
    parser.addOptions({secondsOption, connectionsOption});
    parser.process(app);
    const QString which = parser.positionalArguments().value(0, QStringLiteral("all"));
    const int seconds = std::max(1, parser.value(secondsOption).toInt());
    const int connections = std::max(1, parser.value(connectionsOption).toInt());
    // The child that ws-broadcast starts for its clients: no banner, its own figures only.
    if (which == QLatin1String("ws-broadcast-clients"))
        return runWsBroadcastClients(parser.positionalArguments().value(1));

    out() << "gatehouse-bench " << GATEHOUSE_VERSION << " on " << QSysInfo::prettyProductName()
          << ", " << QThread::idealThreadCount() << " cores" << Qt::endl;
    if (which == QLatin1String("sigv4") || which == QLatin1String("all"))
        benchSigV4();
    if (which == QLatin1String("credentials") || which == QLatin1String("all"))
        benchCredentials();
    if (which == QLatin1String("json") || which == QLatin1String("all"))
        benchJsonPretty();
    if (which == QLatin1String("collection") || which == QLatin1String("all"))
        benchCollection();
    if (which == QLatin1String("graphql-parse") || which == QLatin1String("all"))
        benchGraphQLParse();
    if (which == QLatin1String("graphql-validate") || which == QLatin1String("all"))
        benchGraphQLValidate();
    if (which == QLatin1String("graphql-complete") || which == QLatin1String("all"))
        benchGraphQLComplete();
    if (which == QLatin1String("graphql-editor") || which == QLatin1String("all"))
        benchGraphQLEditor();
    if (which == QLatin1String("jwt") || which == QLatin1String("all"))
        runJwtBench({QStringLiteral("--seconds"), QString::number(std::min(seconds, 3))});
    if (which == QLatin1String("response-view") || which == QLatin1String("all"))
        benchResponseView();
    if (which == QLatin1String("response-stream") || which == QLatin1String("all"))
        benchResponseStream();
    if (which == QLatin1String("startup") || which == QLatin1String("all"))
        benchStartup();
    if (which == QLatin1String("ws-log") || which == QLatin1String("all"))
        benchWsLog();
    if (which == QLatin1String("ws-log") || which == QLatin1String("all"))
        benchWsLogSocket();
    if (which == QLatin1String("ws-broadcast") || which == QLatin1String("all"))
        benchWsBroadcast();
    if (which == QLatin1String("appsync-subscribe") || which == QLatin1String("all"))
        benchAppSyncSubscribe();
    if (which == QLatin1String("vtl-render") || which == QLatin1String("all"))
        benchVtlRender();
    if (which == QLatin1String("dynamodb") || which == QLatin1String("all"))
        benchDynamoDb();
    // The load benchmarks run one after another on the event loop.
    static std::vector<std::function<void(std::function<void()>)>> loads;
    const bool all = which == QLatin1String("all");
    if (which == QLatin1String("httpapi") || all)
        loads.push_back([=](std::function<void()> next) { benchHttpApi(seconds, connections, next); });
    if (which == QLatin1String("lambda") || all)
        loads.push_back([=](std::function<void()> next) { benchLambdaInvoke(seconds, connections, next); });
    if (which == QLatin1String("lambda-list") || all)
        loads.push_back([](std::function<void()> next) { benchLambdaList(next); });
    if (which == QLatin1String("lambda-viewer") || all)
        loads.push_back([](std::function<void()> next) { benchLambdaViewer(next); });
    if (which == QLatin1String("cognito") || all)
        loads.push_back([](std::function<void()> next) { benchCognitoSignIn(next); });
    if (loads.empty())
        return 0;
    static size_t nextLoad = 0;
    static std::function<void()> runNext = [] {
        if (nextLoad == loads.size()) {
            QCoreApplication::quit();
            return;
        }
        loads[nextLoad++](runNext);
    };
    QTimer::singleShot(0, qApp, [] { runNext(); });
    return QCoreApplication::exec();
}
