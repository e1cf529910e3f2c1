// The Collections sidebar and File › Import in the main window: a fixture collection opened,
// a request opened from the tree, edited and saved with Ctrl+S to the exact bytes expected;
// the unsaved mark and the question before closing; inherited auth reaching a loopback
// server exactly as CollectionRunner (gatehouse run) sends it; Petstore (copied unchanged)
// imported into a collection that core loads; cURL pasted into the URL field and previewed in
// the Import dialog; an OpenAPI URL answered with something else explained in words.
#include "core/collection/collectionrunner.h"
#include "core/collection/collectionstore.h"
#include "core/emulator/emulator.h"
#include "ui/collections/collectionsettingsdialog.h"
#include "ui/collections/collectionspanel.h"
#include "ui/import/importdialog.h"
#include "ui/mainwindow.h"
#include "ui/requestbuilder/authpanel.h"
#include "ui/requestbuilder/keyvaluetable.h"
#include "ui/requestbuilder/requestbuilderwidget.h"
#include "../core/fakeaws.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace Gatehouse;
using Core::Collection::CollectionTreeModel;
using Core::Collection::RequestLocation;

namespace {

const QString Data = QStringLiteral(GATEHOUSE_TEST_DATA);

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

bool copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!writeFile(to + QLatin1Char('/') + QDir(from).relativeFilePath(path), readFile(path)))
            return false;
    }
    return true;
}

// Clicks a button of the next modal message box once it is up.
void answerNextQuestion(QObject *context, QMessageBox::StandardButton button)
{
    QTimer::singleShot(0, context, [button] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        box->button(button)->click();
    });
}

} // namespace

class tst_CollectionsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void openEditAndSaveByteForByte();
    void closingModifiedTabAsks();
    void newTabSaveAsksWhere();
    void sidebarEdits();
    void dragMovesAndReorders();
    void brokenFilesAreListed();
    void collectionSettings();
    void inheritedAuthAsTheRunnerSendsIt();
    void importPetstoreIntoCollection();
    void importUrlThatIsNoOpenApi();
    void importFromRunningEmulator();
    void curlPasteAndPreview();
    void quitAsksAndDropImports();

private:
    QTemporaryDir m_home;
};

void tst_CollectionsPanel::initTestCase()
{
    QVERIFY(m_home.isValid());
    qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
    qputenv("AWS_CONFIG_FILE", m_home.filePath(QStringLiteral("no-config")).toUtf8());
    qputenv("AWS_SHARED_CREDENTIALS_FILE", m_home.filePath(QStringLiteral("no-credentials")).toUtf8());
}

void tst_CollectionsPanel::openEditAndSaveByteForByte()
{
    QTemporaryDir dir;
    QVERIFY(copyTree(Data + QStringLiteral("/collections/bakery"), dir.path()));
    Ui::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    Ui::CollectionsPanel *panel = window.collectionsPanel();
    QAbstractItemModelTester tester(panel->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(panel->openCollection(dir.path()));
    QVERIFY(Ui::CollectionsPanel::recentCollections().contains(QDir::cleanPath(dir.path())));
    QTreeView *tree = panel->treeView();
    QCOMPARE(tree->model()->rowCount(), 1);
    QCOMPARE(tree->model()->index(0, 0).data().toString(), QStringLiteral("Bakery"));

    // Filter, then open with Enter.
    QTest::keyClicks(panel->filterField(), QStringLiteral("list"));
    const QModelIndex top = tree->model()->index(0, 0);
    QCOMPARE(tree->model()->rowCount(top), 1); // only Orders, which holds the match
    const QModelIndex orders = tree->model()->index(0, 0, top);
    QCOMPARE(tree->model()->rowCount(orders), 1);
    const QModelIndex list = tree->model()->index(0, 0, orders);
    QCOMPARE(list.data().toString(), QStringLiteral("GET  List orders"));
    tree->setFocus();
    tree->setCurrentIndex(list);
    QTest::keyClick(tree, Qt::Key_Return);

    Ui::RequestBuilderWidget *builder = window.requestBuilder();
    QTabBar *tabs = builder->requestTabs();
    const int tab = tabs->currentIndex();
    const RequestLocation location{QDir::cleanPath(dir.path()), QStringLiteral("orders"), QStringLiteral("list-orders")};
    QVERIFY(builder->requestTabOrigin(tab).has_value());
    QCOMPARE(*builder->requestTabOrigin(tab), location);
    QCOMPARE(tabs->tabText(tab), QStringLiteral("List orders"));
    QVERIFY(!builder->isRequestTabModified(tab));
    // Opening it again shows the same tab.
    const int count = tabs->count();
    QTest::keyClick(tree, Qt::Key_Return);
    QCOMPARE(tabs->count(), count);

    // Edit the URL as a person does, then Ctrl+S.
    auto *url = builder->findChild<QLineEdit *>(QStringLiteral("urlEdit"));
    QCOMPARE(url->text(), QStringLiteral("{{base}}/orders?limit=10"));
    url->setFocus();
    url->end(false);
    QTest::keyClick(url, Qt::Key_Backspace);
    QTest::keyClick(url, Qt::Key_Backspace);
    QTest::keyClicks(url, QStringLiteral("25"));
    QVERIFY(builder->isRequestTabModified(tab));
    QVERIFY(tabs->tabText(tab).endsWith(QStringLiteral(" \u25CF")));
    const QByteArray before = readFile(location.filePath());
    QTest::keyClick(url, Qt::Key_S, Qt::ControlModifier);
    QByteArray expected = before;
    expected.replace("\"url\": \"{{base}}/orders?limit=10\"", "\"url\": \"{{base}}/orders?limit=25\"");
    QVERIFY(expected != before);
    QCOMPARE(readFile(location.filePath()), expected);
    QVERIFY(!builder->isRequestTabModified(tab));
    QCOMPARE(tabs->tabText(tab), QStringLiteral("List orders"));
    // The other files are untouched, and the collection still loads whole.
    QCOMPARE(readFile(dir.filePath(QStringLiteral("get-snack.request.json"))),
             readFile(Data + QStringLiteral("/collections/bakery/get-snack.request.json")));
    const auto loaded = Core::Collection::loadCollection(dir.path());
    QVERIFY(loaded && loaded->problems.isEmpty());

    // A token in clear is not written: the person is told, the file and the tab keep theirs.
    Core::RequestAuth auth;
    auth.kind = Core::AuthKind::Bearer;
    auth.bearerToken = QStringLiteral("eyJhbGciOi.clear.token");
    builder->inheritAuthBox()->setChecked(false);
    builder->authPanel()->setAuth(auth);
    answerNextQuestion(this, QMessageBox::Ok);
    QVERIFY(!builder->saveRequestTab(tab));
    QCOMPARE(readFile(location.filePath()), expected);
    QVERIFY(builder->isRequestTabModified(tab));
    QCOMPARE(builder->requestSpec().auth.bearerToken, QStringLiteral("eyJhbGciOi.clear.token"));

    // Deleted from the sidebar while open: the tab keeps its text and counts as unsaved.
    auth.bearerToken = QStringLiteral("{{token}}");
    builder->authPanel()->setAuth(auth);
    QVERIFY(builder->saveRequestTab(tab));
    QVERIFY(!builder->isRequestTabModified(tab));
    QVERIFY(panel->deleteItem(panel->model()->indexFor(location)));
    QVERIFY(!builder->requestTabOrigin(tab).has_value());
    QVERIFY(builder->isRequestTabModified(tab));
    QCOMPARE(url->text(), QStringLiteral("{{base}}/orders?limit=25"));
}

void tst_CollectionsPanel::closingModifiedTabAsks()
{
    Ui::MainWindow window;
    Ui::RequestBuilderWidget *builder = window.requestBuilder();
    QTabBar *tabs = builder->requestTabs();
    const int tab = builder->newRequestTab();
    auto *url = builder->findChild<QLineEdit *>(QStringLiteral("urlEdit"));
    QTest::keyClicks(url, QStringLiteral("http://127.0.0.1:1/typed"));
    QVERIFY(builder->isRequestTabModified(tab));
    const int count = tabs->count();
    answerNextQuestion(this, QMessageBox::Cancel);
    Q_EMIT tabs->tabCloseRequested(tab);
    QCOMPARE(tabs->count(), count); // kept, with what was typed
    QCOMPARE(url->text(), QStringLiteral("http://127.0.0.1:1/typed"));
    answerNextQuestion(this, QMessageBox::Discard);
    Q_EMIT tabs->tabCloseRequested(tab);
    QCOMPARE(tabs->count(), count - 1);
    // An untouched tab closes without a question.
    const int fresh = builder->newRequestTab();
    Q_EMIT tabs->tabCloseRequested(fresh);
    QCOMPARE(tabs->count(), count - 1);
}

void tst_CollectionsPanel::newTabSaveAsksWhere()
{
    QTemporaryDir dir;
    QVERIFY(copyTree(Data + QStringLiteral("/collections/bakery"), dir.path()));
    Ui::MainWindow window;
    Ui::RequestBuilderWidget *builder = window.requestBuilder();
    QVERIFY(window.collectionsPanel()->openCollection(dir.path()));
    const int tab = builder->newRequestTab();
    auto *url = builder->findChild<QLineEdit *>(QStringLiteral("urlEdit"));
    QTest::keyClicks(url, QStringLiteral("{{base}}/refunds"));
    QTimer::singleShot(0, this, [] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        QCOMPARE(dialog->objectName(), QStringLiteral("saveRequestDialog"));
        auto *folder = dialog->findChild<QComboBox *>(QStringLiteral("saveFolder"));
        folder->setCurrentIndex(folder->findData(QStringLiteral("orders")));
        dialog->findChild<QLineEdit *>(QStringLiteral("saveName"))->setText(QStringLiteral("List refunds"));
        dialog->accept();
    });
    QVERIFY(builder->saveRequestTab(tab));
    const RequestLocation location{QDir::cleanPath(dir.path()), QStringLiteral("orders"), QStringLiteral("list-refunds")};
    QCOMPARE(builder->requestTabOrigin(tab), std::optional<RequestLocation>(location));
    const QByteArray text = readFile(location.filePath());
    QVERIFY2(text.startsWith("{\n  \"name\": \"List refunds\",\n  \"method\": \"GET\",\n  \"url\": \"{{base}}/refunds\",\n"),
             text.constData());
    QVERIFY(readFile(dir.filePath(QStringLiteral("orders/folder.json"))).contains("\"list-refunds.request.json\""));
    QVERIFY(!builder->isRequestTabModified(tab));
}

void tst_CollectionsPanel::sidebarEdits()
{
    QTemporaryDir dir;
    Ui::CollectionsPanel panel;
    QVERIFY(panel.newCollection(dir.filePath(QStringLiteral("shop")), QStringLiteral("Shop")));
    CollectionTreeModel *model = panel.model();
    const QString root = QDir::cleanPath(dir.filePath(QStringLiteral("shop")));
    const QModelIndex top = model->collectionIndex(root);
    QCOMPARE(top.data().toString(), QStringLiteral("Shop"));
    QVERIFY(panel.newFolder(top, QStringLiteral("Orders")));
    QVERIFY(QFileInfo::exists(root + QStringLiteral("/orders/folder.json")));
    const QModelIndex orders = model->index(0, 0, model->collectionIndex(root));
    const auto created = panel.newRequest(orders, QStringLiteral("Create order"));
    QVERIFY(created);
    QCOMPARE(created->filePath(), root + QStringLiteral("/orders/create-order.request.json"));
    QVERIFY(QFileInfo::exists(created->filePath()));
    // Rename keeps the file; duplicate makes a new one; delete removes the request.
    QVERIFY(panel.renameItem(model->indexFor(*created), QStringLiteral("Place order")));
    QVERIFY(readFile(created->filePath()).contains("\"name\": \"Place order\""));
    QVERIFY(panel.duplicateItem(model->indexFor(*created)));
    QVERIFY(readFile(root + QStringLiteral("/orders/place-order-copy.request.json")).contains("\"name\": \"Place order (copy)\""));
    QVERIFY(panel.deleteItem(model->indexFor(*created)));
    QVERIFY(!QFileInfo::exists(created->filePath()));
    QCOMPARE(model->rowCount(model->index(0, 0, model->collectionIndex(root))), 1);
    // Recent folders are offered only while they hold a collection.
    QVERIFY(Ui::CollectionsPanel::recentCollections().contains(root));
    QFile::rename(root + QStringLiteral("/collection.json"), root + QStringLiteral("/collection.json.bak"));
    QVERIFY(!Ui::CollectionsPanel::recentCollections().contains(root));
    QFile::rename(root + QStringLiteral("/collection.json.bak"), root + QStringLiteral("/collection.json"));
    // A new collection only goes into an empty folder.
    QVERIFY(!panel.newCollection(root, QStringLiteral("Again")));
    QVERIFY(panel.problemLabel()->isVisibleTo(&panel));
}

void tst_CollectionsPanel::dragMovesAndReorders()
{
    QTemporaryDir dir;
    QVERIFY(copyTree(Data + QStringLiteral("/collections/bakery"), dir.path()));
    Ui::MainWindow window;
    Ui::CollectionsPanel *panel = window.collectionsPanel();
    QVERIFY(panel->openCollection(dir.path()));
    CollectionTreeModel *model = panel->model();
    const QString root = QDir::cleanPath(dir.path());
    const RequestLocation snack{root, QString(), QStringLiteral("get-snack")};
    Ui::RequestBuilderWidget *builder = window.requestBuilder();
    const auto loaded = Core::Collection::loadCollection(root);
    const int tab = builder->openCollectionRequest(snack, *Core::Collection::requestAt(loaded->collection, snack));

    // Drop "Get a snack" onto Orders, first place: its file moves and the tab follows it.
    const QModelIndex orders = model->index(1, 0, model->collectionIndex(root));
    QCOMPARE(orders.data().toString(), QStringLiteral("Orders"));
    QMimeData *data = model->mimeData({model->indexFor(snack)});
    QVERIFY(model->canDropMimeData(data, Qt::MoveAction, 0, 0, orders));
    QVERIFY(!model->dropMimeData(data, Qt::MoveAction, 0, 0, orders)); // the panel moves the files
    delete data;
    QTRY_VERIFY2(QFileInfo::exists(root + QStringLiteral("/orders/get-snack.request.json")),
                 qPrintable(panel->problemLabel()->text()));
    QVERIFY(!QFileInfo::exists(root + QStringLiteral("/get-snack.request.json")));
    const QByteArray folderFile = readFile(root + QStringLiteral("/orders/folder.json"));
    QVERIFY2(folderFile.contains("\"order\": [\n    \"get-snack.request.json\",\n    \"create-order.request.json\""),
             folderFile.constData());
    const RequestLocation moved{root, QStringLiteral("orders"), QStringLiteral("get-snack")};
    QCOMPARE(builder->requestTabOrigin(tab), std::optional<RequestLocation>(moved));
    QVERIFY(!builder->isRequestTabModified(tab));

    // Reorder within Orders: the last request first.
    const QModelIndex ordersNow = model->index(0, 0, model->collectionIndex(root));
    const QModelIndex last = model->index(2, 0, ordersNow);
    QCOMPARE(last.data().toString(), QStringLiteral("GET  List orders"));
    QVERIFY(panel->moveItem(last, ordersNow, 0));
    const QModelIndex reordered = model->index(0, 0, model->collectionIndex(root));
    QCOMPARE(model->index(0, 0, reordered).data().toString(), QStringLiteral("GET  List orders"));
    QCOMPARE(model->index(1, 0, reordered).data().toString(), QStringLiteral("GET  Get a snack"));
    // A folder cannot go into itself, and nothing changes.
    QVERIFY(!panel->moveItem(reordered, reordered, 0));
    const auto after = Core::Collection::loadCollection(root);
    QVERIFY(after && after->problems.isEmpty());
    QCOMPARE(Core::Collection::requestsInOrder(after->collection.root).first().path,
             QStringLiteral("Orders / List orders"));
}

void tst_CollectionsPanel::brokenFilesAreListed()
{
    Ui::CollectionsPanel panel;
    QVERIFY(panel.openCollection(Data + QStringLiteral("/collections/broken")));
    QVERIFY(panel.problemLabel()->text().contains(QLatin1String("could not be read")));
    const QModelIndex top = panel.model()->index(0, 0);
    QStringList problems;
    for (int row = 0; row < panel.model()->rowCount(top); ++row) {
        const QModelIndex item = panel.model()->index(row, 0, top);
        if (panel.model()->kind(item) == CollectionTreeModel::Kind::Problem)
            problems << item.data().toString();
    }
    const QString all = problems.join(QLatin1Char('|'));
    QVERIFY2(problems.filter(QStringLiteral("unknown-field.request.json")).size() == 1, qPrintable(all));
}

void tst_CollectionsPanel::collectionSettings()
{
    QTemporaryDir dir;
    QVERIFY(copyTree(Data + QStringLiteral("/collections/bakery"), dir.path()));
    Ui::CollectionsPanel panel;
    QVERIFY(panel.openCollection(dir.path()));
    const QString file = dir.filePath(QStringLiteral("collection.json"));
    const QByteArray before = readFile(file);

    // A bearer token in clear is refused; nothing is written and the dialog keeps it.
    Ui::CollectionSettingsDialog *dialog = panel.showCollectionSettings(panel.model()->index(0, 0));
    QVERIFY(dialog);
    QCOMPARE(dialog->nameField()->text(), QStringLiteral("Bakery"));
    Core::RequestAuth auth;
    auth.kind = Core::AuthKind::Bearer;
    auth.bearerToken = QStringLiteral("eyJhbGciOi.clear.token");
    dialog->authPanel()->setAuth(auth);
    Q_EMIT dialog->saveRequested();
    QVERIFY(dialog->isVisible());
    QVERIFY2(dialog->problemLabel()->text().startsWith(QStringLiteral("Not saved: ")), qPrintable(dialog->problemLabel()->text()));
    QCOMPARE(readFile(file), before);

    // As a variable it is saved, with the new name and variable; the secret variable stays.
    auth.bearerToken = QStringLiteral("{{token}}");
    dialog->authPanel()->setAuth(auth);
    dialog->nameField()->setText(QStringLiteral("Bakery (staging)"));
    QList<Core::HeaderEntry> rows = dialog->variablesTable()->rows();
    rows.append({true, QStringLiteral("region"), QStringLiteral("eu-west-1")});
    dialog->variablesTable()->setRows(rows);
    QSignalSpy closed(dialog, &QDialog::finished);
    Q_EMIT dialog->saveRequested();
    QCOMPARE(closed.size(), 1);
    const QByteArray after = readFile(file);
    QVERIFY2(after.contains("\"name\": \"Bakery (staging)\""), after.constData());
    QVERIFY2(after.contains("{\"key\": \"region\", \"value\": \"eu-west-1\", \"enabled\": true}"), after.constData());
    QVERIFY2(after.contains("{\"key\": \"token\", \"secret\": true}"), after.constData());
    QVERIFY2(after.contains("\"kind\": \"bearer\""), after.constData());
    QVERIFY2(after.contains("\"token\": \"{{token}}\""), after.constData());
    QCOMPARE(panel.model()->index(0, 0).data().toString(), QStringLiteral("Bakery (staging)"));
    const auto loaded = Core::Collection::loadCollection(dir.path());
    QVERIFY(loaded && loaded->problems.isEmpty());
    QCOMPARE(loaded->collection.auth.kind, Core::AuthKind::Bearer);
    QCOMPARE(Core::Collection::requestsInOrder(loaded->collection.root).size(), 3);
}

void tst_CollectionsPanel::inheritedAuthAsTheRunnerSendsIt()
{
    FakeAws server;
    QTemporaryDir dir;
    const QByteArray base = server.url().toString(QUrl::StripTrailingSlash).toUtf8();
    QVERIFY(writeFile(dir.filePath(QStringLiteral("collection.json")),
                      "{\n  \"gatehouseCollection\": 1,\n  \"name\": \"Echo\",\n  \"description\": \"\",\n"
                      "  \"variables\": [\n    {\"key\": \"base\", \"value\": \"" + base + "\", \"enabled\": true},\n"
                      "    {\"key\": \"token\", \"value\": \"collection-token\", \"enabled\": true}\n  ],\n"
                      "  \"auth\": {\n    \"kind\": \"bearer\",\n    \"token\": \"{{token}}\"\n  },\n"
                      "  \"order\": [\n    \"echo.request.json\"\n  ]\n}\n"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("echo.request.json")),
                      "{\n  \"name\": \"Echo\",\n  \"method\": \"GET\",\n  \"url\": \"{{base}}/echo\",\n"
                      "  \"auth\": {\n    \"kind\": \"inherit\"\n  }\n}\n"));

    // gatehouse run's way.
    const auto loaded = Core::Collection::loadCollection(dir.path());
    QVERIFY(loaded && loaded->problems.isEmpty());
    Core::Collection::CollectionRunner runner;
    QSignalSpy finished(&runner, &Core::Collection::CollectionRunner::finished);
    runner.run(loaded->collection);
    QVERIFY(finished.wait(10000));
    QCOMPARE(server.requests.size(), 1);
    const QByteArray runnerAuth = server.requests.at(0).headers.value("Authorization");
    QCOMPARE(runnerAuth, QByteArray("Bearer collection-token"));

    // The GUI's way.
    Ui::MainWindow window;
    QVERIFY(window.collectionsPanel()->openCollection(dir.path()));
    Ui::RequestBuilderWidget *builder = window.requestBuilder();
    const RequestLocation location{QDir::cleanPath(dir.path()), QString(), QStringLiteral("echo")};
    builder->openCollectionRequest(location, *Core::Collection::requestAt(loaded->collection, location));
    QVERIFY(!builder->inheritAuthBox()->isHidden());
    QVERIFY(builder->inheritAuthBox()->isChecked());
    QSignalSpy sent(builder, &Ui::RequestBuilderWidget::requestFinished);
    builder->send();
    QVERIFY(sent.wait(10000));
    QCOMPARE(server.requests.size(), 2);
    QCOMPARE(server.requests.at(1).headers.value("Authorization"), runnerAuth);
    QCOMPARE(server.requests.at(1).path, QByteArray("/echo")); // {{base}} from the collection

    // Unticked: the request's own auth (none).
    builder->inheritAuthBox()->setChecked(false);
    QVERIFY(builder->isRequestTabModified(builder->requestTabs()->currentIndex()));
    builder->send();
    QVERIFY(sent.wait(10000));
    QCOMPARE(server.requests.size(), 3);
    QVERIFY(!server.requests.at(2).headers.contains("Authorization"));
}

void tst_CollectionsPanel::importPetstoreIntoCollection()
{
    QTemporaryDir dir;
    Ui::MainWindow window;
    Ui::ImportDialog *dialog = window.showImportDialog(Data + QStringLiteral("/import/petstore-v3.0.yaml"));
    QCOMPARE(dialog->result().requests.size(), 3);
    QVERIFY(dialog->statusLabel()->text().startsWith(QStringLiteral("3 request(s)")));
    QVERIFY(dialog->preview()->toPlainText().contains(QStringLiteral("GET {{baseUrl}}/pets/{{petId}}")));
    const QString target = dir.filePath(QStringLiteral("petstore"));
    dialog->targetField()->setText(target);
    QSignalSpy closed(dialog, &QDialog::finished);
    dialog->createCollectionButton()->click();
    QCOMPARE(closed.size(), 1);
    const auto loaded = Core::Collection::loadCollection(target);
    QVERIFY(loaded);
    QVERIFY(loaded->problems.isEmpty());
    QCOMPARE(Core::Collection::requestsInOrder(loaded->collection.root).size(), 3);
    QVERIFY(window.collectionsPanel()->model()->collection(target));

    // Problems are listed, not swallowed.
    Ui::ImportDialog *partial = window.showImportDialog(Data + QStringLiteral("/import/partial.yaml"));
    QVERIFY(partial->problemList()->count() > 0);
    QVERIFY(!partial->problemList()->findItems(QStringLiteral("partial.yaml:41:11: warning"), Qt::MatchContains).isEmpty());
    // A folder that is not empty is refused in words and the dialog stays.
    partial->targetField()->setText(target);
    partial->createCollectionButton()->click();
    QVERIFY(partial->isVisible());
    QVERIFY(partial->statusLabel()->text().contains(QLatin1String("already holds a collection")));
    partial->reject();
}

void tst_CollectionsPanel::importUrlThatIsNoOpenApi()
{
    FakeAws server;
    server.answer = FakeAws::response(200, "Content-Type: text/html", "<html><body>Welcome</body></html>");
    Ui::MainWindow window;
    Ui::ImportDialog *dialog = window.showImportDialog();
    dialog->urlField()->setText(server.url().resolved(QUrl(QStringLiteral("/openapi.yaml"))).toString());
    QSignalSpy changed(dialog, &Ui::ImportDialog::resultChanged);
    dialog->fetch(Ui::ImportDialog::Url);
    QVERIFY(changed.wait(10000));
    QVERIFY2(dialog->statusLabel()->text().contains(QLatin1String("not with an OpenAPI or Swagger document")),
             qPrintable(dialog->statusLabel()->text()));
    QVERIFY(!dialog->createCollectionButton()->isEnabled());

    server.answer = FakeAws::response(404, "Content-Type: text/plain", "nope");
    dialog->fetch(Ui::ImportDialog::Url);
    QVERIFY(changed.wait(10000));
    QVERIFY2(dialog->statusLabel()->text().contains(QLatin1String("answered 404")), qPrintable(dialog->statusLabel()->text()));

    dialog->urlField()->setText(QStringLiteral("not a url"));
    dialog->fetch(Ui::ImportDialog::Url);
    QVERIFY2(dialog->statusLabel()->text().startsWith(QLatin1String("That is not a URL to fetch")),
             qPrintable(dialog->statusLabel()->text()));

    // A real document over loopback imports.
    server.answer = FakeAws::response(200, "Content-Type: application/yaml",
                                      readFile(Data + QStringLiteral("/import/forms-v3.0.yaml")));
    dialog->urlField()->setText(server.url().resolved(QUrl(QStringLiteral("/openapi.yaml"))).toString());
    dialog->fetch(Ui::ImportDialog::Url);
    QVERIFY(changed.wait(10000));
    QCOMPARE(dialog->result().requests.size(), 3);
    dialog->reject();
}

// The emulator's index, fetched from a running emulator (the faults lab), becomes a collection;
// a request of it is then sent from a tab with {{baseUrl}} from the collection's variables and
// {{name}} from the environment, and the lab's function answers.
void tst_CollectionsPanel::importFromRunningEmulator()
{
    QTemporaryDir dir;
    const QString lab = dir.filePath(QStringLiteral("faults"));
    QVERIFY(copyTree(Data + QStringLiteral("/emulator-labs/faults"), lab));
    Emulator::EmulatorOptions options;
    options.port = 0;
    options.labDirectory = lab;
    Emulator::Emulator emulator(options);
    const auto started = emulator.start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));

    Ui::MainWindow window;
    Ui::ImportDialog *dialog = window.showImportDialog();
    dialog->emulatorField()->setText(emulator.info().baseUrl);
    QSignalSpy changed(dialog, &Ui::ImportDialog::resultChanged);
    dialog->fetch(Ui::ImportDialog::Emulator);
    QVERIFY(changed.wait(10000));
    const Core::Import::ImportResult &result = dialog->result();
    QVERIFY2(result.requests.size() >= 5, qPrintable(dialog->statusLabel()->text()));
    const QString target = dir.filePath(QStringLiteral("collection"));
    dialog->targetField()->setText(target);
    dialog->createCollectionButton()->click();
    const auto loaded = Core::Collection::loadCollection(target);
    QVERIFY(loaded && loaded->problems.isEmpty());
    const Core::Collection::CollectionRequest *ok = nullptr;
    RequestLocation location;
    for (const auto &ref : Core::Collection::requestsInOrder(loaded->collection.root)) {
        if (ref.request->spec.url.endsWith(QLatin1String("/ok/{{name}}")))
            ok = ref.request;
    }
    QVERIFY(ok);
    const QModelIndex found = [&] {
        const QModelIndex top = window.collectionsPanel()->model()->collectionIndex(target);
        QModelIndexList matches = window.collectionsPanel()->model()->match(
            window.collectionsPanel()->model()->index(0, 0, top), CollectionTreeModel::FileStemRole, ok->fileStem, 1,
            Qt::MatchExactly | Qt::MatchRecursive);
        return matches.isEmpty() ? QModelIndex() : matches.first();
    }();
    QVERIFY(found.isValid());
    location = window.collectionsPanel()->model()->location(found);
    Ui::RequestBuilderWidget *builder = window.requestBuilder();
    builder->openCollectionRequest(location, *ok);
    Core::Environment environment;
    environment.name = QStringLiteral("test");
    environment.variables = {{QStringLiteral("name"), QStringLiteral("ada")}};
    builder->setBaseEnvironment(environment);
    std::optional<Core::Result<Core::HttpClientResponse>> answer;
    connect(builder, &Ui::RequestBuilderWidget::requestFinished, this,
            [&answer](const Core::Result<Core::HttpClientResponse> &result) { answer = result; });
    builder->send();
    QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 20000);
    QVERIFY2(answer->ok(), qPrintable(answer->ok() ? QString() : answer->error().message));
    QCOMPARE((*answer)->status, 200);
    QVERIFY2((*answer)->body.contains("\"hello\": \"ada\""), (*answer)->body.constData());
}

void tst_CollectionsPanel::curlPasteAndPreview()
{
    Ui::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    Ui::RequestBuilderWidget *builder = window.requestBuilder();
    builder->newRequestTab();
    auto *url = builder->findChild<QLineEdit *>(QStringLiteral("urlEdit"));
    const QString command = QStringLiteral("curl 'https://api.example.com/items' \\\n  -H 'Content-Type: application/json' \\\n"
                                           "  --data-raw '{\"name\":\"rye\"}'");
    QGuiApplication::clipboard()->setText(command);
    url->setFocus();
    QTest::keyClick(url, Qt::Key_V, Qt::ControlModifier);
    const Core::RequestSpec spec = builder->requestSpec();
    QCOMPARE(spec.method, QStringLiteral("POST"));
    QCOMPARE(spec.url, QStringLiteral("https://api.example.com/items"));
    QCOMPARE(spec.bodyKind, Core::BodyKind::Json);
    QCOMPARE(spec.body, QStringLiteral("{\"name\":\"rye\"}"));

    // A credential in the command stays in the tab as pasted (files get {{variables}} instead).
    builder->newRequestTab();
    QGuiApplication::clipboard()->setText(QStringLiteral("curl https://api.example.com/me -H 'Authorization: Bearer abc123'"));
    url->setFocus();
    QTest::keyClick(url, Qt::Key_V, Qt::ControlModifier);
    const Core::RequestSpec withToken = builder->requestSpec();
    QVERIFY(withToken.auth.bearerToken == QStringLiteral("abc123")
            || std::any_of(withToken.headers.cbegin(), withToken.headers.cend(), [](const Core::HeaderEntry &h) {
                   return h.value == QStringLiteral("Bearer abc123");
               }));

    // Plain text is pasted as text.
    builder->newRequestTab();
    QGuiApplication::clipboard()->setText(QStringLiteral("https://example.com/x"));
    url->setFocus();
    QTest::keyClick(url, Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(url->text(), QStringLiteral("https://example.com/x"));

    // The Import dialog previews before accepting, then opens tabs.
    Ui::ImportDialog *dialog = window.showImportDialog();
    dialog->curlText()->setPlainText(command + QStringLiteral("\ncurl -k https://api.example.com/health"));
    QVERIFY2(dialog->preview()->toPlainText().startsWith(QStringLiteral("# POST /items\nPOST https://api.example.com/items\n")),
             qPrintable(dialog->preview()->toPlainText()));
    QVERIFY(dialog->problemList()->count() >= 1); // -k has no place in a request, and says so
    const int tabs = builder->requestTabs()->count();
    dialog->openInTabsButton()->click();
    QCOMPARE(builder->requestTabs()->count(), tabs + 2);
}

void tst_CollectionsPanel::quitAsksAndDropImports()
{
    Ui::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    Ui::RequestBuilderWidget *builder = window.requestBuilder();
    builder->newRequestTab();
    QTest::keyClicks(builder->findChild<QLineEdit *>(QStringLiteral("urlEdit")), QStringLiteral("http://127.0.0.1:1/unsaved"));
    answerNextQuestion(this, QMessageBox::Cancel);
    QVERIFY(!window.close()); // quitting waits for an answer, and Cancel keeps everything
    QVERIFY(window.isVisible());

    // A file dropped on the window opens the Import dialog with the file read.
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(Data + QStringLiteral("/import/postman-v2.1.json"))});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    auto *dialog = window.findChild<Ui::ImportDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->result().requests.size() > 0);
    QVERIFY(dialog->fileField()->text().endsWith(QLatin1String("postman-v2.1.json")));
    dialog->reject();

    answerNextQuestion(this, QMessageBox::Discard);
    QVERIFY(window.close());
}

QTEST_MAIN(tst_CollectionsPanel)
#include "tst_collectionspanel.moc"
