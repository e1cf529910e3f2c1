#include "core/emulatorinfo.h"
#include "core/invocationlogmodel.h"
#include "core/settings.h"
#include "ui/emulator/emulatorpanel.h"
#include "ui/auth/authworkbench.h"
#include "ui/auth/tokeninspector.h"
#include "ui/mainwindow.h"
#include "ui/requestbuilder/authpanel.h"
#include "ui/requestbuilder/requestbuilderwidget.h"
#include "ui/widgets/customendpointdialog.h"
#include "ui/widgets/targetselector.h"
#include "ui/widgets/translationloader.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDockWidget>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>
#include <QTranslator>
#include <QTreeWidget>

using namespace Gatehouse;

namespace {

Core::EmulatorInfo bakeryInfo(quint16 port = 4577)
{
    const QString base = QStringLiteral("http://127.0.0.1:%1").arg(port);
    Core::EmulatorApiInfo api;
    api.apiId = QStringLiteral("a1b2c3d4e5");
    api.name = QStringLiteral("bakery");
    api.kind = QStringLiteral("HTTP API");
    api.stage = QStringLiteral("$default");
    api.pathStyleUrl = base + QStringLiteral("/_aws/execute-api/a1b2c3d4e5");
    api.hostStyleUrl = QStringLiteral("http://a1b2c3d4e5.execute-api.localhost:%1").arg(port);
    api.routes = {
        {QStringLiteral("GET /snack"), QStringLiteral("GET"), QStringLiteral("/snack"),
         QStringLiteral("getSnack"), api.pathStyleUrl + QStringLiteral("/snack")},
        {QStringLiteral("ANY /orders/{orderId}"), QStringLiteral("ANY"),
         QStringLiteral("/orders/{orderId}"), QStringLiteral("orders"), QString()},
    };
    Core::EmulatorInfo info;
    info.baseUrl = base;
    info.port = port;
    info.region = QStringLiteral("us-east-1");
    info.accountId = QStringLiteral("000000000000");
    info.labName = QStringLiteral("bakery");
    info.labDirectory = QStringLiteral("/usr/share/gatehouse/labs/bakery");
    info.functions = {QStringLiteral("getSnack"), QStringLiteral("orders")};
    info.apis = {api};
    info.warnings = {QStringLiteral(
        "template.yaml:41: Events of type Schedule are not emulated; the rule was ignored.")};
    return info;
}

Core::InvocationRecord invocation(const QString &function, const QString &status, double durationMs,
                                  int secondsAgo)
{
    Core::InvocationRecord record;
    record.finishedAtMs = QDateTime::currentMSecsSinceEpoch() - secondsAgo * 1000;
    record.functionName = function;
    record.requestId =
        QStringLiteral("8f5e2a4c-0d1b-4c1e-9a55-%1").arg(secondsAgo, 12, 10, QLatin1Char('0'));
    record.source = QStringLiteral("GET /snack (HttpApi bakery)");
    record.durationMs = durationMs;
    record.status = status;
    if (status != QLatin1String("Success")) {
        record.errorType = QStringLiteral("KeyError");
        record.errorMessage = QStringLiteral("'flavour'");
    }
    return record;
}

bool builderShowsUrl(const Ui::RequestBuilderWidget *builder, const QString &url)
{
    const QList<QLineEdit *> edits = builder->findChildren<QLineEdit *>();
    return std::any_of(edits.begin(), edits.end(),
                       [&](const QLineEdit *edit) { return edit->text() == url; });
}

QStringList itemTexts(const QComboBox *combo)
{
    QStringList texts;
    for (int i = 0; i < combo->count(); ++i)
        texts << combo->itemText(i);
    return texts;
}

} // namespace

class tst_MainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void assemblesTheWindow();
    void fitsTheScreenInGerman();
    void graphQlResolverTargetsWorded();
    void routesShowInTree();
    void restApiKeysShowInTree();
    void clickingARouteOpensIt_data();
    void clickingARouteOpensIt();
    void editMenuUndoesTheBuilder();
    void invocationsShowInTable();
    void failureIsWorded();
    void targetFollowsEmulatorPort();
    void targetReachesTheBuilder();
    void customEndpointIsValidatedAndRemembered();
    void profilesFollowTheConfigFile();
    void aboutShowsVersion();
    void tokenGoesToTheBuilderAsBearer();
    void layoutIsRestored();
    void screenshots();

private:
    QTemporaryDir m_home;
};

void tst_MainWindow::initTestCase()
{
    QVERIFY(m_home.isValid());
    qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("xdg")).toUtf8());
    const QString config = m_home.filePath(QStringLiteral("aws-config"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[default]\nregion = us-east-1\n[profile course]\nregion = eu-west-1\n");
    file.close();
    qputenv("AWS_CONFIG_FILE", config.toUtf8());
    qputenv("AWS_SHARED_CREDENTIALS_FILE",
            m_home.filePath(QStringLiteral("no-credentials")).toUtf8());
}

// German words are longer: a row that is just wide enough in English must not push the window
// past a 1280-pixel screen (it did: the dock was cut off on the right). Names the pages that
// ask for the most width when it fails.
void tst_MainWindow::fitsTheScreenInGerman()
{
    QTranslator german;
    QVERIFY(Ui::loadTranslation(german, QLocale(QLocale::German, QLocale::Germany)));
    QVERIFY(QCoreApplication::installTranslator(&german));
    const auto removeTranslator = qScopeGuard([&german] { QCoreApplication::removeTranslator(&german); });
    Ui::MainWindow window;
    window.emulatorPanel()->setInfo(bakeryInfo()); // the dock as it is with a lab running
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY2(window.menuBar()->actions().first()->text().contains(QLatin1String("Datei")),
             qPrintable(window.menuBar()->actions().first()->text())); // German is in effect
    QStringList widths;
    for (int i = 0; i < window.tools()->count(); ++i)
        widths << QStringLiteral("%1: %2").arg(window.tools()->tabText(i)).arg(window.tools()->widget(i)->minimumSizeHint().width());
    widths << QStringLiteral("dock: %1").arg(window.emulatorDock()->minimumSizeHint().width());
    QVERIFY2(window.minimumSizeHint().width() <= 1280 && window.width() <= 1280,
             qPrintable(QStringLiteral("window %1 (minimum %2) wider than 1280; minimum widths: %3")
                            .arg(window.width())
                            .arg(window.minimumSizeHint().width())
                            .arg(widths.join(QStringLiteral(", ")))));
}

void tst_MainWindow::assemblesTheWindow()
{
    Ui::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), QStringLiteral("Gatehouse"));
    QCOMPARE(window.size(), QSize(1280, 800));
    QCOMPARE(window.centralWidget(), window.tools());
    QCOMPARE(window.tools()->currentWidget(), window.requestBuilder());
    QVERIFY(window.emulatorDock()->isVisible());
    QCOMPARE(window.dockWidgetArea(window.emulatorDock()), Qt::RightDockWidgetArea);
    QVERIFY(!window.windowIcon().isNull());

    QStringList menus;
    for (QAction *action : window.menuBar()->actions())
        menus << action->text();
    QCOMPARE(menus, (QStringList{QStringLiteral("&File"), QStringLiteral("&Edit"),
                                 QStringLiteral("&View"), QStringLiteral("&Help")}));

    QCOMPARE(itemTexts(window.targetSelector()->comboBox()),
             (QStringList{QStringLiteral("Emulator (127.0.0.1:4577)"), QString(),
                          QStringLiteral("AWS profile: default (us-east-1)"),
                          QStringLiteral("AWS profile: course (eu-west-1)"), QString(),
                          QStringLiteral("Custom endpoint…")}));

    window.emulatorDock()->toggleViewAction()->trigger();
    QVERIFY(!window.emulatorDock()->isVisible());
    window.emulatorDock()->toggleViewAction()->trigger();
    QVERIFY(window.emulatorDock()->isVisible());
}

// A GraphQL resolver names what answers it — a function, a table, the local resolver or a
// pipeline — in the GUI's language (the CLI keeps its English words in `target`).
void tst_MainWindow::graphQlResolverTargetsWorded()
{
    Core::EmulatorInfo info = bakeryInfo();
    Core::EmulatorApiInfo graphQl;
    graphQl.apiId = QStringLiteral("ayb0oeqej0ognrbaa8fb3wr4ix");
    graphQl.name = QStringLiteral("travel");
    graphQl.kind = QStringLiteral("GraphQL API");
    const auto route = [](const QString &key, Core::EmulatorRouteInfo::TargetKind kind, const QStringList &names) {
        Core::EmulatorRouteInfo r;
        r.routeKey = key;
        r.method = QStringLiteral("POST");
        r.functionName = kind == Core::EmulatorRouteInfo::TargetKind::Function ? names.value(0) : QString();
        r.targetKind = kind;
        r.targetNames = names;
        r.target = QStringLiteral("English words for the CLI");
        return r;
    };
    using Kind = Core::EmulatorRouteInfo::TargetKind;
    graphQl.routes = {route(QStringLiteral("Query.getDestination"), Kind::Function, {QStringLiteral("travelFunction")}),
                      route(QStringLiteral("Destination.activities"), Kind::Table, {QStringLiteral("travel-activities")}),
                      route(QStringLiteral("Mutation.echo"), Kind::Local, {}),
                      route(QStringLiteral("Mutation.addActivity"), Kind::Pipeline,
                            {QStringLiteral("checkDestination"), QStringLiteral("putActivity")})};
    info.apis.append(graphQl);
    const auto texts = [&info] {
        Ui::MainWindow window;
        window.emulatorPanel()->setInfo(info);
        QTreeWidgetItem *api = window.emulatorPanel()->routeTree()->topLevelItem(1);
        QStringList out;
        for (int i = 0; api && i < api->childCount(); ++i)
            out << api->child(i)->text(1);
        return out;
    };
    QCOMPARE(texts(), (QStringList{QStringLiteral("travelFunction"), QStringLiteral("DynamoDB table travel-activities"),
                                   QStringLiteral("NONE (local resolver)"),
                                   QStringLiteral("pipeline: checkDestination \u2192 putActivity")}));
    QTranslator german;
    QVERIFY(Ui::loadTranslation(german, QLocale(QLocale::German, QLocale::Germany)));
    QVERIFY(QCoreApplication::installTranslator(&german));
    const auto removeTranslator = qScopeGuard([&german] { QCoreApplication::removeTranslator(&german); });
    QCOMPARE(texts(), (QStringList{QStringLiteral("travelFunction"), QStringLiteral("DynamoDB-Tabelle travel-activities"),
                                   QStringLiteral("NONE (lokaler Resolver)"),
                                   QStringLiteral("Pipeline: checkDestination \u2192 putActivity")}));
}

void tst_MainWindow::restApiKeysShowInTree()
{
    Ui::MainWindow window;
    Ui::EmulatorPanel *panel = window.emulatorPanel();
    Core::EmulatorInfo info = bakeryInfo();
    Core::EmulatorApiInfo rest;
    rest.apiId = QStringLiteral("p1q2r3s4t5");
    rest.name = QStringLiteral("bakery-partners");
    rest.kind = QStringLiteral("REST API");
    rest.stage = QStringLiteral("Prod");
    rest.pathStyleUrl = QStringLiteral("http://127.0.0.1:4577/_aws/execute-api/p1q2r3s4t5/Prod");
    Core::EmulatorRouteInfo snack;
    snack.routeKey = QStringLiteral("GET /snack");
    snack.method = QStringLiteral("GET");
    snack.path = QStringLiteral("/snack");
    snack.functionName = QStringLiteral("bakeryFunction");
    snack.url = rest.pathStyleUrl + QStringLiteral("/snack");
    snack.apiKeyRequired = true;
    rest.routes = {snack};
    rest.apiKeys = {{QStringLiteral("k1"), QStringLiteral("corner-cafe"), QStringLiteral("corner-cafe-key-0123456789"),
                     QStringLiteral("bakery-partners"), QStringLiteral("rate 1/s, burst 2, quota 100 per DAY")}};
    info.apis.append(rest);
    panel->setInfo(info);

    QTreeWidget *tree = panel->routeTree();
    QCOMPARE(tree->topLevelItemCount(), 2);
    QTreeWidgetItem *api = tree->topLevelItem(1);
    QCOMPARE(api->text(1), QStringLiteral("REST API"));
    QCOMPARE(api->childCount(), 2);
    QVERIFY(api->child(0)->toolTip(0).contains(QStringLiteral("x-api-key")));
    QTreeWidgetItem *key = api->child(1);
    QCOMPARE(key->text(0), QStringLiteral("API key corner-cafe"));
    QCOMPARE(key->text(1), QStringLiteral("corner-cafe-key-0123456789"));
    QVERIFY(key->toolTip(0).contains(QStringLiteral("rate 1/s, burst 2, quota 100 per DAY")));
    // An HTTP API route says what a caller must bring and how often it may call.
    Core::EmulatorInfo guarded = info;
    guarded.apis[0].stageVariables = {QStringLiteral("bakeryName=Gatehouse-Bakery")};
    guarded.apis[0].routes[0].authorization = QStringLiteral("Lambda authorizer KitchenKey ($request.header.x-bakery-key)");
    guarded.apis[0].routes[0].throttle = QStringLiteral("rate 1/s, burst 5");
    panel->setInfo(guarded);
    const QString routeTip = tree->topLevelItem(0)->child(0)->toolTip(0);
    QVERIFY2(routeTip.contains(QStringLiteral("Needs: Lambda authorizer KitchenKey")), qPrintable(routeTip));
    QVERIFY2(routeTip.contains(QStringLiteral("Throttled: rate 1/s, burst 5")), qPrintable(routeTip));
    QVERIFY2(tree->topLevelItem(0)->toolTip(0).contains(QStringLiteral("Stage variables: bakeryName=Gatehouse-Bakery")), qPrintable(tree->topLevelItem(0)->toolTip(0)));
    panel->setInfo(info);
    api = tree->topLevelItem(1);
    key = api->child(1);

    // A click on the key copies it and opens no request; a click on the route opens one.
    QSignalSpy activated(panel, &Ui::EmulatorPanel::routeActivated);
    QGuiApplication::clipboard()->clear();
    tree->setCurrentItem(key);
    QTest::keyClick(tree, Qt::Key_Return);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("corner-cafe-key-0123456789"));
    QCOMPARE(activated.size(), 0);
    tree->setCurrentItem(api->child(0));
    QTest::keyClick(tree, Qt::Key_Return);
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(1).toString(), snack.url);
}

void tst_MainWindow::routesShowInTree()
{
    Ui::MainWindow window;
    Ui::EmulatorPanel *panel = window.emulatorPanel();
    panel->setStarting();
    QCOMPARE(panel->stateText(), QStringLiteral("Starting…"));
    panel->setInfo(bakeryInfo());
    QCOMPARE(panel->stateText(), QStringLiteral("Running at http://127.0.0.1:4577"));

    QTreeWidget *tree = panel->routeTree();
    QCOMPARE(tree->topLevelItemCount(), 1);
    QTreeWidgetItem *api = tree->topLevelItem(0);
    QCOMPARE(api->text(0), QStringLiteral("bakery  (a1b2c3d4e5)"));
    QCOMPARE(api->text(1), QStringLiteral("HTTP API"));
    QCOMPARE(api->childCount(), 2);
    QCOMPARE(api->child(0)->text(0), QStringLiteral("GET /snack"));
    QCOMPARE(api->child(0)->text(1), QStringLiteral("getSnack"));
    QCOMPARE(api->child(1)->text(0), QStringLiteral("ANY /orders/{orderId}"));
    QCOMPARE(api->child(1)->text(1), QStringLiteral("orders"));

    const QList<QLineEdit *> edits = panel->findChildren<QLineEdit *>();
    QVERIFY(std::any_of(edits.begin(), edits.end(), [](QLineEdit *e) {
        return e->text() == QStringLiteral("http://127.0.0.1:4577") && e->isReadOnly();
    }));
    const QList<QLabel *> labels = panel->findChildren<QLabel *>();
    auto shown = [&labels](const QString &text) {
        return std::any_of(labels.begin(), labels.end(),
                           [&](QLabel *l) { return l->text().contains(text); });
    };
    QVERIFY(shown(QStringLiteral("http://127.0.0.1:4577/_aws/execute-api/<apiId>/<path>")));
    QVERIFY(shown(QStringLiteral("http://<apiId>.execute-api.localhost:4577/<path>")));
    QVERIFY(shown(QStringLiteral("/usr/share/gatehouse/labs/bakery")));
    QVERIFY(shown(QStringLiteral("us-east-1, account 000000000000")));
    QVERIFY(shown(QStringLiteral("Events of type Schedule are not emulated")));

    const QList<QToolButton *> tools = panel->findChildren<QToolButton *>();
    auto copy = std::find_if(tools.begin(), tools.end(), [](QToolButton *b) {
        return b->toolTip() == QStringLiteral("Copy the base URL");
    });
    QVERIFY(copy != tools.end());
    (*copy)->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("http://127.0.0.1:4577"));
}

void tst_MainWindow::clickingARouteOpensIt_data()
{
    QTest::addColumn<int>("route");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("url");
    QTest::newRow("GET route uses its URL")
        << 0 << QStringLiteral("GET")
        << QStringLiteral("http://127.0.0.1:4577/_aws/execute-api/a1b2c3d4e5/snack");
    QTest::newRow("ANY becomes GET, {param} kept")
        << 1 << QStringLiteral("GET")
        << QStringLiteral("http://127.0.0.1:4577/_aws/execute-api/a1b2c3d4e5/orders/{orderId}");
}

void tst_MainWindow::clickingARouteOpensIt()
{
    QFETCH(int, route);
    QFETCH(QString, method);
    QFETCH(QString, url);

    Ui::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.emulatorPanel()->setInfo(bakeryInfo());
    QSignalSpy activated(window.emulatorPanel(), &Ui::EmulatorPanel::routeActivated);

    QTreeWidget *tree = window.emulatorPanel()->routeTree();
    QTreeWidgetItem *item = tree->topLevelItem(0)->child(route);
    const QRect rect = tree->visualItemRect(item);
    QVERIFY(rect.isValid());
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, rect.center());

    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), method);
    QCOMPARE(activated.at(0).at(1).toString(), url);
    QTRY_VERIFY(builderShowsUrl(window.requestBuilder(), url));

    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {},
                      tree->visualItemRect(tree->topLevelItem(0)).center());
    QCOMPARE(activated.size(), 1);

    tree->setCurrentItem(item);
    QTest::keyClick(tree, Qt::Key_Return);
    QCOMPARE(activated.size(), 2);
    QCOMPARE(activated.at(1).at(1).toString(), url);
}

void tst_MainWindow::editMenuUndoesTheBuilder()
{
    Ui::MainWindow window;
    QMenu *edit = nullptr;
    for (QAction *action : window.menuBar()->actions()) {
        if (action->text() == QStringLiteral("&Edit"))
            edit = action->menu();
    }
    QVERIFY(edit);
    QCOMPARE(edit->actions().size(), 2);
    QAction *undo = edit->actions().at(0);
    QAction *redo = edit->actions().at(1);
    QVERIFY(!undo->isEnabled());

    const QString url = QStringLiteral("http://127.0.0.1:4577/_aws/execute-api/a1b2c3d4e5/snack");
    window.emulatorPanel()->setInfo(bakeryInfo());
    emit window.emulatorPanel()->routeActivated(QStringLiteral("GET"), url);
    QVERIFY(builderShowsUrl(window.requestBuilder(), url));
    QVERIFY(undo->isEnabled());
    undo->trigger();
    QVERIFY(!builderShowsUrl(window.requestBuilder(), url));
    QVERIFY(redo->isEnabled());
    redo->trigger();
    QVERIFY(builderShowsUrl(window.requestBuilder(), url));
}

void tst_MainWindow::invocationsShowInTable()
{
    Ui::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    Ui::EmulatorPanel *panel = window.emulatorPanel();
    panel->setInfo(bakeryInfo());
    QTableView *view = panel->invocationView();
    for (int i = 0; i < 60; ++i)
        panel->appendInvocation(invocation(
            QStringLiteral("getSnack"),
            i % 7 ? QStringLiteral("Success") : QStringLiteral("Unhandled"), 3.25 + i, 60 - i));
    QCOMPARE(view->model()->rowCount(), 60);
    QCOMPARE(view->model()->index(0, Core::InvocationLogModel::StatusColumn).data().toString(),
             QStringLiteral("Unhandled"));
    QCOMPARE(view->model()->index(0, Core::InvocationLogModel::ErrorColumn).data().toString(),
             QStringLiteral("KeyError: 'flavour'"));

    // Follows the tail while at the bottom...
    QTRY_COMPARE(view->verticalScrollBar()->value(), view->verticalScrollBar()->maximum());
    QVERIFY(view->verticalScrollBar()->maximum() > 0);
    // ...but not once the person scrolled up.
    view->verticalScrollBar()->setValue(0);
    panel->appendInvocation(invocation(QStringLiteral("orders"), QStringLiteral("Success"), 1, 0));
    QTest::qWait(50);
    QCOMPARE(view->verticalScrollBar()->value(), 0);

    const QList<QPushButton *> buttons = panel->findChildren<QPushButton *>();
    auto clear = std::find_if(buttons.begin(), buttons.end(),
                              [](QPushButton *b) { return b->text() == QStringLiteral("Clear"); });
    QVERIFY(clear != buttons.end());
    (*clear)->click();
    QCOMPARE(view->model()->rowCount(), 0);
}

void tst_MainWindow::failureIsWorded()
{
    Ui::MainWindow window;
    Ui::EmulatorPanel *panel = window.emulatorPanel();
    panel->setInfo(bakeryInfo());
    QSignalSpy baseUrl(panel, &Ui::EmulatorPanel::baseUrlChanged);
    panel->setFailed(Core::makeError(
        Core::ErrorCode::Io,
        QStringLiteral(
            "Port 4577 is already in use: stop the other program or choose another port.")));
    QCOMPARE(
        panel->stateText(),
        QStringLiteral(
            "Failed: Port 4577 is already in use: stop the other program or choose another port."));
    QCOMPARE(panel->routeTree()->topLevelItemCount(), 0);
    QCOMPARE(baseUrl.size(), 1);
    QVERIFY(baseUrl.at(0).at(0).toUrl().isEmpty());
    panel->setStopped();
    QCOMPARE(panel->stateText(), QStringLiteral("Stopped"));
}

void tst_MainWindow::targetFollowsEmulatorPort()
{
    Ui::MainWindow window;
    Ui::TargetSelector *selector = window.targetSelector();
    QSignalSpy changed(selector, &Ui::TargetSelector::targetChanged);
    window.emulatorPanel()->setInfo(bakeryInfo(40123));
    QCOMPARE(selector->comboBox()->itemText(0), QStringLiteral("Emulator (127.0.0.1:40123)"));
    QCOMPARE(changed.size(), 1);
    const auto target = changed.at(0).at(0).value<Core::Target>();
    QCOMPARE(target.kind(), Core::Target::Kind::Emulator);
    QCOMPARE(target.endpoint(), QUrl(QStringLiteral("http://127.0.0.1:40123")));

    selector->comboBox()->setCurrentIndex(3);
    QCOMPARE(changed.size(), 2);
    QCOMPARE(selector->currentTarget(),
             Core::Target::awsProfile(QStringLiteral("course"), QStringLiteral("eu-west-1")));
    window.emulatorPanel()->setInfo(bakeryInfo(40124));
    QCOMPARE(changed.size(), 2); // still on the profile
    QCOMPARE(selector->comboBox()->currentIndex(), 3);
}

void tst_MainWindow::targetReachesTheBuilder()
{
    Ui::MainWindow window;
    Ui::TargetSelector *selector = window.targetSelector();
    Ui::RequestBuilderWidget *builder = window.requestBuilder();
    QCOMPARE(builder->target(), selector->currentTarget()); // the initial target
    QCOMPARE(builder->target().kind(), Core::Target::Kind::Emulator);

    window.emulatorPanel()->setInfo(bakeryInfo(40125));
    QCOMPARE(builder->target(), Core::Target::emulator(QUrl(QStringLiteral("http://127.0.0.1:40125"))));
    const QLabel *summary = builder->findChild<QLabel *>(QStringLiteral("targetSummaryLabel"));
    QCOMPARE(summary->text(), QStringLiteral("Emulator keys (test) \u00b7 us-east-1"));

    selector->comboBox()->setCurrentIndex(3);
    QCOMPARE(builder->target(), Core::Target::awsProfile(QStringLiteral("course"), QStringLiteral("eu-west-1")));
    QVERIFY2(summary->text().startsWith(QStringLiteral("Profile course \u00b7 ")), qPrintable(summary->text()));
    selector->addCustomEndpoint(QUrl(QStringLiteral("http://localhost:4566")));
    QCOMPARE(builder->target(), Core::Target::custom(QUrl(QStringLiteral("http://localhost:4566"))));
    QVERIFY2(summary->text().startsWith(QStringLiteral("Default credentials chain \u00b7 http://localhost:4566")),
             qPrintable(summary->text()));
    Core::Settings().remove(Core::SettingsKeys::CustomEndpoints);
}

void tst_MainWindow::customEndpointIsValidatedAndRemembered()
{
    {
        Ui::TargetSelector selector;
        QSignalSpy changed(&selector, &Ui::TargetSelector::targetChanged);
        QComboBox *combo = selector.comboBox();
        combo->setCurrentIndex(combo->count() - 1);
        Ui::CustomEndpointDialog *dialog = selector.customEndpointDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());

        dialog->lineEdit()->setText(QStringLiteral("localhost:4566"));
        dialog->accept();
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->errorText(),
                 QStringLiteral(
                     "Endpoint 'localhost:4566' has no scheme: start it with http:// or https://"));
        QCOMPARE(changed.size(), 0);

        dialog->lineEdit()->setText(QStringLiteral("http://localhost:4566"));
        dialog->accept();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(selector.currentTarget(),
                 Core::Target::custom(QUrl(QStringLiteral("http://localhost:4566"))));
        QCOMPARE(combo->currentText(), QStringLiteral("Custom: http://localhost:4566"));
        QTRY_VERIFY(!selector.customEndpointDialog());

        combo->setCurrentIndex(combo->count() - 1);
        QVERIFY(selector.customEndpointDialog());
        selector.customEndpointDialog()->reject();
        QCOMPARE(combo->currentText(), QStringLiteral("Custom: http://localhost:4566"));
        QCOMPARE(changed.size(), 1);
    }
    Ui::TargetSelector later;
    QCOMPARE(later.customEndpoints(), QStringList{QStringLiteral("http://localhost:4566")});
    QVERIFY(itemTexts(later.comboBox()).contains(QStringLiteral("Custom: http://localhost:4566")));
    Core::Settings().remove(Core::SettingsKeys::CustomEndpoints);
}

void tst_MainWindow::profilesFollowTheConfigFile()
{
    const QString config = m_home.filePath(QStringLiteral("aws-config"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray original = file.readAll();
    file.close();

    Ui::TargetSelector selector;
    const QString added = QStringLiteral("AWS profile: added (ap-southeast-2)");
    QVERIFY(!itemTexts(selector.comboBox()).contains(added));
    QVERIFY(file.open(QIODevice::Append));
    file.write("[profile added]\nregion = ap-southeast-2\nnonsense line\n");
    file.close();
    QTRY_VERIFY(itemTexts(selector.comboBox()).contains(added));
    QCOMPARE(selector.profileProblems().size(), 1);
    QVERIFY(selector.comboBox()->toolTip().contains(QStringLiteral("aws-config line 7")));

    // Replaced rather than rewritten, as many editors save.
    QFile::remove(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(original);
    file.close();
    QTRY_VERIFY(!itemTexts(selector.comboBox()).contains(added));
    QVERIFY(selector.profileProblems().isEmpty());
}

// The Auth tab's "Use as Bearer token" fills the request builder's Auth and brings it to front.
void tst_MainWindow::tokenGoesToTheBuilderAsBearer()
{
    Ui::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.tools()->setCurrentWidget(window.authWorkbench());
    QVERIFY(!window.tokenInspector()->useAsBearerButton()->isEnabled());
    window.tokenInspector()->setToken(QStringLiteral("Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2ln"));
    window.tokenInspector()->useAsBearerButton()->click();
    QCOMPARE(window.tools()->currentWidget(), window.requestBuilder());
    const Core::RequestAuth auth = window.requestBuilder()->requestSpec().auth;
    QCOMPARE(auth.kind, Core::AuthKind::Bearer);
    QCOMPARE(auth.bearerToken, QStringLiteral("eyJhbGciOiJIUzI1NiJ9.e30.c2ln"));
}

void tst_MainWindow::aboutShowsVersion()
{
    Ui::MainWindow window;
    window.showAbout();
    auto *box = window.findChild<QMessageBox *>(QStringLiteral("aboutBox"));
    QVERIFY(box);
    QVERIFY(box->text().contains(QStringLiteral(GATEHOUSE_VERSION)));
    box->close();
}

void tst_MainWindow::layoutIsRestored()
{
    {
        Ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(1000, 700);
        window.emulatorDock()->hide();
        window.close();
    }
    {
        Ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.size(), QSize(1000, 700));
        QVERIFY(!window.emulatorDock()->isVisible());
    }
    Core::Settings settings;
    settings.remove(Core::SettingsKeys::MainWindowGeometry);
    settings.remove(Core::SettingsKeys::MainWindowState);
}

void tst_MainWindow::screenshots()
{
    Ui::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    Ui::EmulatorPanel *panel = window.emulatorPanel();
    panel->setInfo(bakeryInfo());
    const QStringList functions{QStringLiteral("getSnack"), QStringLiteral("orders")};
    for (int i = 0; i < 14; ++i)
        panel->appendInvocation(invocation(
            functions.at(i % 2), i == 9 ? QStringLiteral("Unhandled") : QStringLiteral("Success"),
            2.5 + i * 7.31, 30 - i));
    QTest::mouseClick(
        panel->routeTree()->viewport(), Qt::LeftButton, {},
        panel->routeTree()->visualItemRect(panel->routeTree()->topLevelItem(0)->child(0)).center());
    QTest::qWait(100);
    QVERIFY(window.grab().save(QStringLiteral("/tmp/mw-1.png")));

    panel->setFailed(Core::makeError(
        Core::ErrorCode::Io,
        QStringLiteral(
            "Port 4577 is already in use: stop the other program or choose another port.")));
    QTest::qWait(50);
    QVERIFY(window.grab().save(QStringLiteral("/tmp/mw-2.png")));
    QVERIFY(window.windowIcon().pixmap(128, 128).save(QStringLiteral("/tmp/mw-icon.png")));

    window.targetSelector()->askForCustomEndpoint();
    Ui::CustomEndpointDialog *dialog = window.targetSelector()->customEndpointDialog();
    QVERIFY(dialog);
    dialog->lineEdit()->setText(QStringLiteral("localhost:4566"));
    dialog->accept();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QVERIFY(dialog->grab().save(QStringLiteral("/tmp/mw-3.png")));
    dialog->reject();
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
