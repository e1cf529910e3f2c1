// The Lambda viewer listing 1,000 functions from the emulator as a person would see it: the
// emulator runs on its own thread (EmulatorHost), the viewer on the GUI thread; a 5 ms timer
// on the GUI thread measures the longest time the event loop was kept from running.
#include "benches.h"

#include "core/emulator/emulatorhost.h"
#include "core/target.h"
#include "ui/lambda/functionlistmodel.h"
#include "ui/lambda/lambdaviewer.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>

using namespace Gatehouse;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

constexpr int Count = 1000;

struct Measurement
{
    QElapsedTimer clock;
    qint64 lastTick = 0;
    qint64 longestGap = 0;
    double firstPageMs = -1;
    double allMs = -1;
};

void measure(const Core::EmulatorInfo &info, std::function<void()> done)
{
    auto *viewer = new Ui::LambdaViewer;
    auto *store = new QTemporaryDir;
    viewer->setEventStore(Core::TestEventStore(store->path()));
    viewer->resize(1200, 760);
    auto *m = new Measurement;
    auto *tick = new QTimer(viewer);
    QObject::connect(tick, &QTimer::timeout, viewer, [m] {
        const qint64 now = m->clock.elapsed();
        m->longestGap = std::max(m->longestGap, now - m->lastTick);
        m->lastTick = now;
    });
    QObject::connect(viewer->functionModel(), &QAbstractItemModel::rowsInserted, viewer, [m] {
        if (m->firstPageMs < 0)
            m->firstPageMs = m->clock.nsecsElapsed() / 1e6;
    });
    QObject::connect(viewer, &Ui::LambdaViewer::functionsListed, viewer, [=](int count) {
        m->allMs = m->clock.nsecsElapsed() / 1e6;
        tick->stop();
        // One search keystroke over the whole list, as QSortFilterProxyModel refilters it.
        QElapsedTimer search;
        search.start();
        viewer->searchEdit()->setText(QStringLiteral("fn-09"));
        const int matches = viewer->functionProxy()->rowCount();
        const double searchMs = search.nsecsElapsed() / 1e6;
        out() << "Lambda viewer listing " << count << " functions from the emulator (default page size), "
              << "GUI thread separate from the emulator's; " << matches << " match 'fn-09'" << Qt::endl;
        figure(QStringLiteral("lambda_viewer.first_page_shown"), m->firstPageMs, QStringLiteral("ms"),
               QStringLiteral("-"), true);
        figure(QStringLiteral("lambda_viewer.all_1000_listed"), m->allMs, QStringLiteral("ms"),
               QStringLiteral("all 1000 listed"), count == Count);
        figure(QStringLiteral("lambda_viewer.longest_event_loop_stall"), double(m->longestGap), QStringLiteral("ms"),
               QStringLiteral("< 50 (responsive)"), m->longestGap < 50);
        figure(QStringLiteral("lambda_viewer.search_1000"), searchMs, QStringLiteral("ms"), QStringLiteral("< 16"),
               searchMs < 16);
        delete viewer;
        delete store;
        delete m;
        done();
    });
    viewer->show();
    m->clock.start();
    tick->start(5);
    viewer->setTarget(Core::Target::emulator(QUrl(info.baseUrl)));
}

} // namespace

void benchLambdaViewer(std::function<void()> done)
{
    auto *host = new Emulator::EmulatorHost(qApp);
    Emulator::EmulatorOptions options;
    options.port = 0;
    QObject::connect(host, &Emulator::EmulatorHost::failed, qApp, [](const Core::Error &e) {
        out() << "lambda-viewer: the emulator did not start: " << e.message << Qt::endl;
        QCoreApplication::exit(1);
    });
    QObject::connect(host, &Emulator::EmulatorHost::started, qApp, [=](const Core::EmulatorInfo &info) {
        const int created = createBenchFunctions(info.port, Count);
        if (created != Count) {
            out() << "lambda-viewer: only " << created << " of " << Count << " functions were created" << Qt::endl;
            delete host;
            done();
            return;
        }
        measure(info, [host, done] {
            delete host;
            done();
        });
    });
    host->start(options);
}
