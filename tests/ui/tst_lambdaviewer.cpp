#include "ui/lambda/aliasdialog.h"
#include "ui/lambda/aliasmapwidget.h"
#include "ui/lambda/functionlistmodel.h"
#include "ui/lambda/invokepanel.h"
#include "ui/lambda/lambdaviewer.h"
#include "ui/lambda/versioncomparedialog.h"
#include "ui/lambda/versiontablemodel.h"

#include "../common/awscli.h"
#include "../core/fakeaws.h"
#include "core/emulator/emulator.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTcpServer>
#include <QTimer>
#include <QUndoStack>

#include <memory>

using namespace Gatehouse;
using GatehouseTest::AwsCli;

// The Lambda viewer against the emulator serving a copy of the bakery lab (versions 1 and 2,
// alias live 90/10): what it shows, and publish, alias edits, traffic shift, invoke and
// compare clicked through as a person would. The slots run in order and build on each other.
// The AWS CLI checks from the outside that what the GUI did really happened.
class TestLambdaViewer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void showsTheLabsVersionsAndAlias();
    void searchFiltersTheList();
    void environmentValuesHiddenUntilAsked();
    void publishUnchangedGivesBackTheVersion();
    void publishAfterAChange();
    void createAliasThroughTheDialog();
    void aliasErrorsShowInTheDialog_data();
    void aliasErrorsShowInTheDialog();
    void trafficShiftPreviewsUndoesAndApplies();
    void invokeShowsVersionAndLog();
    void sampleAndSavedEvents();
    void badPayloads();
    void invokingADeletedVersion();
    void runNTimesShowsTheObservedSplit();
    void compareTwoVersions();
    void deleteAlias();
    void thousandFunctionsArrivePageByPage();
    void unreachableTargetIsExplained();

private:
    void screenshot(QWidget *widget, const QString &name);
    void waitLoaded();
    QMessageBox *findBox(const QString &name);

    QTemporaryDir m_dir;
    QString m_lab;
    std::unique_ptr<Emulator::Emulator> m_emulator;
    std::unique_ptr<Ui::LambdaViewer> m_viewer;
    std::unique_ptr<AwsCli> m_cli;
};

void TestLambdaViewer::screenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("GATEHOUSE_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        widget->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

QMessageBox *TestLambdaViewer::findBox(const QString &name)
{
    QMessageBox *box = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        box = m_viewer->findChild<QMessageBox *>(name);
        return box && box->isVisible();
    }, 5000);
    return shown ? box : nullptr;
}

void TestLambdaViewer::waitLoaded()
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_viewer->isLoadingFunction(), 30000);
}

void TestLambdaViewer::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_lab = m_dir.filePath(QStringLiteral("bakery"));
    const QString source = QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery");
    QDirIterator files(source, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString file = files.next();
        if (file.contains(QLatin1String("__pycache__")))
            continue;
        const QString copy = m_lab + file.mid(source.size());
        QVERIFY(QDir().mkpath(QFileInfo(copy).path()));
        QVERIFY(QFile::copy(file, copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    }
    Emulator::EmulatorOptions options;
    options.port = 0;
    options.labDirectory = m_lab;
    m_emulator = std::make_unique<Emulator::Emulator>(options);
    const auto started = m_emulator->start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
    m_cli = std::make_unique<AwsCli>(m_emulator->info().baseUrl);

    m_viewer = std::make_unique<Ui::LambdaViewer>();
    m_viewer->setEventStore(Core::TestEventStore(m_dir.filePath(QStringLiteral("events"))));
    m_viewer->resize(1200, 760);
    m_viewer->setTarget(Core::Target::emulator(QUrl(m_emulator->info().baseUrl)));
    m_viewer->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_viewer.get()));
}

void TestLambdaViewer::cleanupTestCase()
{
    m_viewer.reset();
    m_emulator.reset();
}

void TestLambdaViewer::showsTheLabsVersionsAndAlias()
{
    QTRY_COMPARE_WITH_TIMEOUT(m_viewer->currentFunction(), QStringLiteral("bakeryFunction"), 30000);
    waitLoaded();
    QVERIFY(!m_viewer->isListing());
    QCOMPARE(m_viewer->functionModel()->rowCount(), 6); // bakeryFunction, bakeryOrders, bakeryKitchen(Key), bakeryWebSocketChat, bakeryWebSocketChatAuthorizer
    QCOMPARE(m_viewer->versionModel()->versionNames(), (QStringList{QStringLiteral("$LATEST"), QStringLiteral("1"),
                                                                     QStringLiteral("2")}));
    const auto &versions = m_viewer->versionModel()->versions();
    QCOMPARE(versions.at(1).description, QStringLiteral("Snack picker"));
    QCOMPARE(versions.at(2).description, QStringLiteral("Snack picker with a special of the day"));
    QVERIFY(versions.at(1).codeSha256 != versions.at(2).codeSha256); // v1 came from src-v1/
    QCOMPARE(versions.at(0).runtime, QStringLiteral("python3.12"));
    QCOMPARE(m_viewer->aliasMap()->describe(), QStringList{QStringLiteral("live → v1 90 % / v2 10 %")});
    QCOMPARE(m_viewer->aliasMap()->selectedAlias(), QStringLiteral("live"));
    QVERIFY(m_viewer->shiftPreviewLabel()->text().contains(QStringLiteral("live routes: v1 90 % / v2 10 %")));
    QVERIFY(!m_viewer->shiftApplyButton()->isEnabled()); // nothing staged
    QCOMPARE(m_viewer->listStatus()->text(), QStringLiteral("Functions: 6"));
    screenshot(m_viewer.get(), QStringLiteral("lambda-versions"));
}

void TestLambdaViewer::searchFiltersTheList()
{
    QTest::keyClicks(m_viewer->searchEdit(), QStringLiteral("BAKERYF"));
    QCOMPARE(m_viewer->functionProxy()->rowCount(), 1);
    m_viewer->searchEdit()->setText(QStringLiteral("nothing-like-it"));
    QCOMPARE(m_viewer->functionProxy()->rowCount(), 0);
    m_viewer->searchEdit()->clear();
    QCOMPARE(m_viewer->functionProxy()->rowCount(), 6); // with the bakery chat and its authorizer
    QCOMPARE(m_viewer->currentFunction(), QStringLiteral("bakeryFunction"));
}

void TestLambdaViewer::environmentValuesHiddenUntilAsked()
{
    const QModelIndex env = m_viewer->versionModel()->index(0, Ui::VersionTableModel::EnvironmentColumn);
    QCOMPARE(env.data().toString(), QStringLiteral("BAKERY_NAME"));
    m_viewer->showValuesBox()->click();
    QCOMPARE(env.data().toString(), QStringLiteral("BAKERY_NAME=Gatehouse Bakery"));
    m_viewer->showValuesBox()->click();
    QCOMPARE(env.data().toString(), QStringLiteral("BAKERY_NAME"));
}

void TestLambdaViewer::publishUnchangedGivesBackTheVersion()
{
    // $LATEST is src/, which version 2 was published from: Lambda gives version 2 back.
    m_viewer->publishButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(m_viewer->messageLabel()->isVisible(), 30000);
    QVERIFY2(m_viewer->messageLabel()->text().contains(QStringLiteral("Nothing changed since version 2")),
             qPrintable(m_viewer->messageLabel()->text()));
    waitLoaded();
    QCOMPARE(m_viewer->versionModel()->rowCount(), 3);
}

void TestLambdaViewer::publishAfterAChange()
{
    QFile app(m_lab + QStringLiteral("/src/app.py"));
    QVERIFY(app.open(QIODevice::Append));
    app.write("\n# a third bake\n");
    app.close();
    QTest::keyClicks(m_viewer->publishDescriptionEdit(), QStringLiteral("Third bake"));
    QTest::keyClick(m_viewer->publishDescriptionEdit(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(m_viewer->messageLabel()->text().contains(QStringLiteral("Published version 3")), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(m_viewer->versionModel()->rowCount(), 4, 30000);
    QCOMPARE(m_viewer->versionModel()->versions().at(3).description, QStringLiteral("Third bake"));
    QVERIFY(m_viewer->publishDescriptionEdit()->text().isEmpty());

    const AwsCli::Run versions = m_cli->run({QStringLiteral("lambda"), QStringLiteral("list-versions-by-function"),
                                             QStringLiteral("--function-name"), QStringLiteral("bakeryFunction")});
    QCOMPARE(versions.exitCode, 0);
    const QJsonArray listed = versions.json().value(QStringLiteral("Versions")).toArray();
    QCOMPARE(listed.size(), 4);
    QCOMPARE(listed.at(3).toObject().value(QStringLiteral("Description")).toString(), QStringLiteral("Third bake"));
}

void TestLambdaViewer::createAliasThroughTheDialog()
{
    m_viewer->newAliasButton()->click();
    Ui::AliasDialog *dialog = m_viewer->aliasDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("beta"));
    QCOMPARE(dialog->versionBox()->currentText(), QStringLiteral("3")); // the newest is offered first
    QTest::keyClicks(dialog->descriptionEdit(), QStringLiteral("Testers"));
    screenshot(dialog, QStringLiteral("lambda-alias-dialog"));
    emit dialog->submitted();
    QTRY_VERIFY_WITH_TIMEOUT(!m_viewer->aliasDialog(), 30000);
    waitLoaded();
    QTRY_COMPARE_WITH_TIMEOUT(m_viewer->aliasMap()->describe(),
                              (QStringList{QStringLiteral("beta → v3 100 %"), QStringLiteral("live → v1 90 % / v2 10 %")}),
                              30000);

    const AwsCli::Run beta = m_cli->run({QStringLiteral("lambda"), QStringLiteral("get-alias"), QStringLiteral("--function-name"),
                                         QStringLiteral("bakeryFunction"), QStringLiteral("--name"), QStringLiteral("beta")});
    QCOMPARE(beta.exitCode, 0);
    QCOMPARE(beta.json().value(QStringLiteral("FunctionVersion")).toString(), QStringLiteral("3"));
    QCOMPARE(beta.json().value(QStringLiteral("Description")).toString(), QStringLiteral("Testers"));
}

void TestLambdaViewer::aliasErrorsShowInTheDialog_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<bool>("routing");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown version") << QStringLiteral("42") << false << QStringLiteral("ResourceNotFoundException");
    QTest::newRow("routing on $LATEST") << QStringLiteral("$LATEST") << true
                                        << QStringLiteral("InvalidParameterValueException");
}

void TestLambdaViewer::aliasErrorsShowInTheDialog()
{
    QFETCH(QString, version);
    QFETCH(bool, routing);
    QFETCH(QString, expected);
    m_viewer->newAliasButton()->click();
    Ui::AliasDialog *dialog = m_viewer->aliasDialog();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("gamma"));
    dialog->versionBox()->setCurrentText(version);
    dialog->routingBox()->setChecked(routing);
    dialog->additionalVersionBox()->setCurrentText(QStringLiteral("2"));
    emit dialog->submitted();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->errorLabel()->isVisible(), 30000);
    QVERIFY2(dialog->errorLabel()->text().contains(expected), qPrintable(dialog->errorLabel()->text()));
    // Nothing typed is lost: the dialog is still open with the same input.
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->aliasName(), QStringLiteral("gamma"));
    QCOMPARE(dialog->versionBox()->currentText(), version);
    screenshot(dialog, QStringLiteral("lambda-alias-error"));
    dialog->reject();
    QTRY_VERIFY(!m_viewer->aliasDialog());
}

void TestLambdaViewer::trafficShiftPreviewsUndoesAndApplies()
{
    m_viewer->aliasMap()->setSelectedAlias(QStringLiteral("live"));
    QCOMPARE(m_viewer->shiftAliasBox()->currentText(), QStringLiteral("live"));
    QCOMPARE(m_viewer->shiftVersionBox()->currentText(), QStringLiteral("2"));
    QCOMPARE(m_viewer->shiftWeightBox()->value(), 10.0);

    // Drag to 25 %: a preview, nothing applied.
    m_viewer->shiftSlider()->setValue(200);
    m_viewer->shiftSlider()->setValue(250);
    QVERIFY(m_viewer->stagedShift().has_value());
    QCOMPARE(m_viewer->shiftWeightBox()->value(), 25.0);
    QCOMPARE(m_viewer->aliasMap()->describe().last(), QStringLiteral("live → v1 75 % / v2 25 % (preview)"));
    QVERIFY(m_viewer->shiftPreviewLabel()->text().contains(QStringLiteral("after applying: v1 75 % / v2 25 %")));
    QVERIFY(m_viewer->shiftApplyButton()->isEnabled());
    QVERIFY(!m_viewer->shiftAliasBox()->isEnabled()); // one staged change at a time
    QCOMPARE(m_viewer->undoStack()->count(), 1);      // a drag is one step
    screenshot(m_viewer.get(), QStringLiteral("lambda-shift-preview"));

    // Typing 40 is a second step; undo goes back to 25, then to what is live.
    m_viewer->shiftWeightBox()->setValue(40.0);
    QCOMPARE(m_viewer->stagedShift()->additionalVersionWeights.value(QStringLiteral("2")), 0.4);
    QCOMPARE(m_viewer->undoStack()->count(), 1); // merged: same alias, same versions
    m_viewer->shiftUndoButton()->click();
    QVERIFY(!m_viewer->stagedShift().has_value());
    QCOMPARE(m_viewer->shiftWeightBox()->value(), 10.0);
    QCOMPARE(m_viewer->aliasMap()->describe().last(), QStringLiteral("live → v1 90 % / v2 10 %"));
    m_viewer->undoStack()->redo();
    QCOMPARE(m_viewer->shiftWeightBox()->value(), 40.0);

    // Promote is another step; undo brings the 40 % back.
    m_viewer->shiftPromoteButton()->click();
    QCOMPARE(m_viewer->stagedShift()->functionVersion, QStringLiteral("2"));
    QVERIFY(m_viewer->stagedShift()->additionalVersionWeights.isEmpty());
    QCOMPARE(m_viewer->undoStack()->count(), 2);
    m_viewer->undoStack()->undo();
    QCOMPARE(m_viewer->stagedShift()->functionVersion, QStringLiteral("1"));

    // Apply asks first; Cancel changes nothing.
    m_viewer->shiftWeightBox()->setValue(30.0);
    m_viewer->shiftApplyButton()->click();
    QMessageBox *box = findBox(QStringLiteral("confirmShiftBox"));
    QVERIFY(box);
    QVERIFY(box->informativeText().contains(QStringLiteral("Now: v1 90 % / v2 10 %")));
    QVERIFY(box->informativeText().contains(QStringLiteral("After: v1 70 % / v2 30 %")));
    screenshot(box, QStringLiteral("lambda-shift-confirm"));
    box->button(QMessageBox::Cancel)->click();
    QVERIFY(m_viewer->stagedShift().has_value());

    m_viewer->shiftApplyButton()->click();
    box = findBox(QStringLiteral("confirmShiftBox"));
    QVERIFY(box);
    QPushButton *apply = nullptr;
    for (QAbstractButton *button : box->buttons())
        if (box->buttonRole(button) == QMessageBox::AcceptRole)
            apply = qobject_cast<QPushButton *>(button);
    QVERIFY(apply);
    apply->click();
    QTRY_VERIFY_WITH_TIMEOUT(m_viewer->messageLabel()->text().contains(QStringLiteral("live now routes: v1 70 % / v2 30 %")),
                             30000);
    waitLoaded();
    QVERIFY(!m_viewer->stagedShift().has_value());
    QCOMPARE(m_viewer->undoStack()->count(), 0); // applied: no longer undoable here
    QTRY_COMPARE(m_viewer->aliasMap()->describe().last(), QStringLiteral("live → v1 70 % / v2 30 %"));

    const AwsCli::Run live = m_cli->run({QStringLiteral("lambda"), QStringLiteral("get-alias"), QStringLiteral("--function-name"),
                                         QStringLiteral("bakeryFunction"), QStringLiteral("--name"), QStringLiteral("live")});
    QCOMPARE(live.exitCode, 0);
    QCOMPARE(live.json().value(QStringLiteral("FunctionVersion")).toString(), QStringLiteral("1"));
    QCOMPARE(live.json()
                 .value(QStringLiteral("RoutingConfig"))
                 .toObject()
                 .value(QStringLiteral("AdditionalVersionWeights"))
                 .toObject()
                 .value(QStringLiteral("2"))
                 .toDouble(),
             0.3);
    QCOMPARE(live.json().value(QStringLiteral("Description")).toString(), QStringLiteral("What customers get"));
}

void TestLambdaViewer::invokeShowsVersionAndLog()
{
    m_viewer->tabs()->setCurrentWidget(m_viewer->invokePanel());
    Ui::InvokePanel *panel = m_viewer->invokePanel();
    const int two = panel->qualifierBox()->findData(QStringLiteral("2"));
    QVERIFY(two >= 0);
    panel->qualifierBox()->setCurrentIndex(two);
    panel->payloadEditor()->setPlainText(QStringLiteral("{\"hungry\": true}"));
    QVERIFY(panel->payloadStatus()->text().startsWith(QStringLiteral("Valid JSON")));
    QVERIFY(panel->invokeButton()->isEnabled());
    panel->invokeButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(panel->resultSummary()->text().contains(QStringLiteral("Status 200")), 60000);
    QVERIFY2(panel->resultSummary()->text().contains(QStringLiteral("executed version 2")),
             qPrintable(panel->resultSummary()->text()));
    QVERIFY(panel->resultSummary()->text().contains(QStringLiteral("duration")));
    QVERIFY(panel->logView()->toPlainText().contains(QStringLiteral("REPORT RequestId:")));
    QVERIFY(panel->responseView()->toPlainText().contains(QStringLiteral("statusCode")));
    screenshot(m_viewer.get(), QStringLiteral("lambda-invoke"));
}

void TestLambdaViewer::sampleAndSavedEvents()
{
    Ui::InvokePanel *panel = m_viewer->invokePanel();
    QComboBox *events = panel->eventBox();
    int sample = -1;
    for (int i = 0; i < events->count(); ++i)
        if (events->itemText(i).contains(QStringLiteral("HTTP API (payload 2.0)")))
            sample = i;
    QVERIFY(sample >= 0);
    events->setCurrentIndex(sample);
    emit events->activated(sample);
    // The sample is AWS's own file, loaded byte for byte.
    QFile file(QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/events/powertools-lambda-python/apiGatewayProxyV2Event.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(panel->payloadEditor()->toPlainText().toUtf8(), file.readAll());

    panel->payloadEditor()->setPlainText(QStringLiteral("{\"order\": \"croissant\"}"));
    QTest::keyClicks(panel->eventNameEdit(), QStringLiteral("Croissant order"));
    QTest::keyClick(panel->eventNameEdit(), Qt::Key_Return);
    QVERIFY2(panel->payloadStatus()->text().contains(QStringLiteral("Saved")), qPrintable(panel->payloadStatus()->text()));
    QCOMPARE(events->currentText(), QStringLiteral("Saved: Croissant order"));
    const Core::TestEventStore store(m_dir.filePath(QStringLiteral("events")));
    QCOMPARE(store.names(QStringLiteral("bakeryFunction")), QStringList{QStringLiteral("Croissant order")});

    panel->payloadEditor()->setPlainText(QStringLiteral("{}"));
    emit events->activated(events->currentIndex());
    QCOMPARE(panel->payloadEditor()->toPlainText(), QStringLiteral("{\"order\": \"croissant\"}"));

    // Saving something that is not JSON is refused in words, and the text stays.
    panel->payloadEditor()->setPlainText(QStringLiteral("{\"order\": "));
    panel->saveEvent();
    QVERIFY(panel->payloadStatus()->text().contains(QStringLiteral("Only JSON can be saved")));
    QCOMPARE(panel->payloadEditor()->toPlainText(), QStringLiteral("{\"order\": "));
}

void TestLambdaViewer::badPayloads()
{
    Ui::InvokePanel *panel = m_viewer->invokePanel();
    panel->payloadEditor()->setPlainText(QStringLiteral("{\"hungry\": tru}"));
    QVERIFY(!panel->invokeButton()->isEnabled());
    QVERIFY2(panel->payloadStatus()->text().contains(QStringLiteral("not JSON")), qPrintable(panel->payloadStatus()->text()));
    QVERIFY(panel->payloadStatus()->text().contains(QStringLiteral("column")));

    // 7 MB of valid JSON from a file: kept out of the editor (laying it out would freeze the
    // window), warned about, sent, and Lambda's refusal shown in words.
    const QString path = m_dir.filePath(QStringLiteral("crumbs.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"crumbs\": \"" + QByteArray(7 * 1024 * 1024, 'x') + "\"}");
    file.close();
    QVERIFY(panel->loadPayloadFile(path).ok());
    QVERIFY(panel->hasLargePayload());
    QVERIFY(!panel->payloadEditor()->isEnabled());
    QVERIFY(panel->payloadEditor()->placeholderText().contains(QStringLiteral("crumbs.json")));
    QVERIFY2(panel->payloadStatus()->text().contains(QStringLiteral("Lambda will refuse it")),
             qPrintable(panel->payloadStatus()->text()));
    QVERIFY(panel->invokeButton()->isEnabled());
    panel->invokeButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(panel->resultSummary()->text().contains(QStringLiteral("refused")), 60000);
    QVERIFY2(panel->resultSummary()->text().contains(QStringLiteral("TooLarge")), qPrintable(panel->resultSummary()->text()));
    screenshot(m_viewer.get(), QStringLiteral("lambda-too-large"));
    panel->discardLargeButton()->click();
    QVERIFY(!panel->hasLargePayload());
    QVERIFY(panel->payloadEditor()->isEnabled());
    QCOMPARE(panel->payloadEditor()->toPlainText(), QStringLiteral("{}"));
    QVERIFY(!panel->loadPayloadFile(m_dir.filePath(QStringLiteral("no-such.json"))).ok());
    QVERIFY(panel->payloadStatus()->text().contains(QStringLiteral("Could not read")));
}

void TestLambdaViewer::invokingADeletedVersion()
{
    // Version 3 is deleted behind the viewer's back (beta points at it, so beta goes first).
    QCOMPARE(m_cli->run({QStringLiteral("lambda"), QStringLiteral("delete-alias"), QStringLiteral("--function-name"),
                         QStringLiteral("bakeryFunction"), QStringLiteral("--name"), QStringLiteral("beta")})
                 .exitCode,
             0);
    QCOMPARE(m_cli->run({QStringLiteral("lambda"), QStringLiteral("delete-function"), QStringLiteral("--function-name"),
                         QStringLiteral("bakeryFunction"), QStringLiteral("--qualifier"), QStringLiteral("3")})
                 .exitCode,
             0);
    Ui::InvokePanel *panel = m_viewer->invokePanel();
    const int three = panel->qualifierBox()->findData(QStringLiteral("3"));
    QVERIFY(three >= 0); // still listed: the viewer has not reloaded
    panel->qualifierBox()->setCurrentIndex(three);
    panel->invokeButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(panel->resultSummary()->text().contains(QStringLiteral("refused")), 60000);
    QVERIFY2(panel->resultSummary()->text().contains(QStringLiteral("ResourceNotFoundException")),
             qPrintable(panel->resultSummary()->text()));
    m_viewer->reloadFunction();
    waitLoaded();
    QCOMPARE(panel->qualifierBox()->findData(QStringLiteral("3")), -1);
}

void TestLambdaViewer::runNTimesShowsTheObservedSplit()
{
    Ui::InvokePanel *panel = m_viewer->invokePanel();
    const int live = panel->qualifierBox()->findData(QStringLiteral("live"));
    QVERIFY(live >= 0);
    panel->qualifierBox()->setCurrentIndex(live);
    panel->runCountBox()->setValue(200);
    panel->runButton()->click();
    QVERIFY(panel->isRunning());
    QCOMPARE(panel->runButton()->text(), QStringLiteral("Stop"));
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning(), 120000);
    const QMap<QString, int> observed = panel->observedSplit();
    QCOMPARE(observed.value(QStringLiteral("1")) + observed.value(QStringLiteral("2")), 200);
    QCOMPARE(observed.size(), 2);
    // 30 % of 200 is 60 with a standard deviation of 6.5: [20, 100] is more than six of them.
    QVERIFY2(observed.value(QStringLiteral("2")) >= 20 && observed.value(QStringLiteral("2")) <= 100,
             qPrintable(QString::number(observed.value(QStringLiteral("2")))));
    QTableWidget *table = panel->splitTable();
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("1"));
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("70.0 %"));
    QCOMPARE(table->item(1, 1)->text(), QStringLiteral("30.0 %"));
    QCOMPARE(table->item(1, 3)->text().toInt() + table->item(0, 3)->text().toInt(), 200);
    screenshot(m_viewer.get(), QStringLiteral("lambda-run-n-times"));
}

void TestLambdaViewer::compareTwoVersions()
{
    m_viewer->tabs()->setCurrentIndex(0);
    m_viewer->compareButton()->click();
    Ui::VersionCompareDialog *dialog = m_viewer->compareDialog();
    QVERIFY(dialog);
    dialog->setPair(QStringLiteral("1"), QStringLiteral("2"));
    QVERIFY(dialog->differences().contains(QStringLiteral("Description")));
    QVERIFY(dialog->differences().contains(QStringLiteral("Code SHA-256")));
    QVERIFY(!dialog->differences().contains(QStringLiteral("Runtime")));
    QCOMPARE(dialog->table()->item(0, 1)->text(), QStringLiteral("Snack picker"));
    screenshot(dialog, QStringLiteral("lambda-compare"));
    dialog->setPair(QStringLiteral("2"), QStringLiteral("2"));
    QVERIFY(dialog->differences().isEmpty());
    dialog->close();
}

void TestLambdaViewer::deleteAlias()
{
    // A new alias to delete, so live stays for the lab.
    QCOMPARE(m_cli->run({QStringLiteral("lambda"), QStringLiteral("create-alias"), QStringLiteral("--function-name"),
                         QStringLiteral("bakeryFunction"), QStringLiteral("--name"), QStringLiteral("old"),
                         QStringLiteral("--function-version"), QStringLiteral("1")})
                 .exitCode,
             0);
    m_viewer->reloadFunction();
    waitLoaded();
    m_viewer->aliasMap()->setSelectedAlias(QStringLiteral("old"));
    m_viewer->deleteAliasButton()->click();
    QMessageBox *box = findBox(QStringLiteral("deleteAliasBox"));
    QVERIFY(box);
    for (QAbstractButton *button : box->buttons())
        if (box->buttonRole(button) == QMessageBox::DestructiveRole)
            button->click();
    QTRY_VERIFY_WITH_TIMEOUT(m_viewer->messageLabel()->text().contains(QStringLiteral("Deleted the alias old")), 30000);
    waitLoaded();
    QTRY_COMPARE(m_viewer->aliasMap()->describe(), QStringList{QStringLiteral("live → v1 70 % / v2 30 %")});
    const AwsCli::Run gone = m_cli->run({QStringLiteral("lambda"), QStringLiteral("get-alias"), QStringLiteral("--function-name"),
                                         QStringLiteral("bakeryFunction"), QStringLiteral("--name"), QStringLiteral("old")});
    QVERIFY(gone.exitCode != 0);
    QVERIFY(gone.err.contains("ResourceNotFoundException"));
}

// ListFunctions pages from a stand-in endpoint: 1,000 functions in pages of 50, shown as they
// arrive, with the event loop never blocked for long.
void TestLambdaViewer::thousandFunctionsArrivePageByPage()
{
    FakeAws fake;
    for (int page = 0; page < 20; ++page) {
        QJsonArray functions;
        for (int i = page * 50; i < (page + 1) * 50; ++i) {
            const QString name = QStringLiteral("fn-%1").arg(i, 4, 10, QLatin1Char('0'));
            functions.append(QJsonObject{{QStringLiteral("FunctionName"), name},
                                         {QStringLiteral("FunctionArn"),
                                          QString(QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:") + name)},
                                         {QStringLiteral("Runtime"), QStringLiteral("python3.12")},
                                         {QStringLiteral("Version"), QStringLiteral("$LATEST")}});
        }
        QJsonObject body{{QStringLiteral("Functions"), functions}};
        if (page < 19)
            body.insert(QStringLiteral("NextMarker"), QStringLiteral("page-%1").arg(page + 1));
        fake.answers.append(FakeAws::response(200, "Content-Type: application/json",
                                              QJsonDocument(body).toJson(QJsonDocument::Compact)));
    }
    Ui::LambdaViewer viewer;
    viewer.setEventStore(Core::TestEventStore(m_dir.filePath(QStringLiteral("events"))));
    QProcessEnvironment env;
    env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("test"));
    env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("test"));
    env.insert(QStringLiteral("AWS_CONFIG_FILE"), m_dir.filePath(QStringLiteral("no-config")));
    env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), m_dir.filePath(QStringLiteral("no-credentials")));
    viewer.setProcessEnvironment(env);
    viewer.setTarget(Core::Target::custom(fake.url()));
    // Asking for a function that is not in the list keeps the viewer from opening the first one,
    // whose versions and aliases requests would take canned pages meant for ListFunctions.
    viewer.selectFunction(QStringLiteral("not-listed"));
    QList<int> seen;
    connect(viewer.functionModel(), &QAbstractItemModel::rowsInserted, &viewer,
            [&] { seen.append(viewer.functionModel()->rowCount()); });
    // The longest gap between two ticks of a 5 ms timer while the list loads.
    QElapsedTimer clock;
    qint64 last = 0;
    qint64 longest = 0;
    QTimer tick;
    connect(&tick, &QTimer::timeout, &viewer, [&] {
        longest = std::max(longest, clock.elapsed() - last);
        last = clock.elapsed();
    });
    clock.start();
    tick.start(5);
    viewer.resize(900, 600);
    viewer.show();
    QTRY_VERIFY_WITH_TIMEOUT(!viewer.isListing() && viewer.functionModel()->rowCount() > 0, 60000);
    tick.stop();
    QCOMPARE(viewer.functionModel()->rowCount(), 1000);
    QCOMPARE(seen.size(), 20);
    QCOMPARE(seen.first(), 50);
    QCOMPARE(fake.requests.size() >= 20, true);
    QVERIFY(fake.requests.at(1).target.contains("Marker=page-1"));
    QVERIFY2(longest < 250, qPrintable(QStringLiteral("event loop blocked for %1 ms").arg(longest)));
    QTest::keyClicks(viewer.searchEdit(), QStringLiteral("fn-0999"));
    QCOMPARE(viewer.functionProxy()->rowCount(), 1);
    QCOMPARE(viewer.listStatus()->text(), QStringLiteral("Functions: %L1").arg(1000));
    qInfo("1,000 functions in 20 pages; longest event-loop gap while listing: %lld ms", longest);
}

// Nothing listens on the endpoint: the list says so and the message names the target and why.
void TestLambdaViewer::unreachableTargetIsExplained()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close(); // the port was free a moment ago and nothing listens on it now
    Ui::LambdaViewer viewer;
    QProcessEnvironment env;
    env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("test"));
    env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("test"));
    env.insert(QStringLiteral("AWS_MAX_ATTEMPTS"), QStringLiteral("1"));
    env.insert(QStringLiteral("AWS_CONFIG_FILE"), m_dir.filePath(QStringLiteral("no-config")));
    env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), m_dir.filePath(QStringLiteral("no-credentials")));
    viewer.setProcessEnvironment(env);
    viewer.setTarget(Core::Target::custom(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port))));
    viewer.show();
    QTRY_VERIFY_WITH_TIMEOUT(!viewer.isListing(), 60000);
    QVERIFY(viewer.messageLabel()->isVisible());
    QVERIFY2(viewer.messageLabel()->text().startsWith(QStringLiteral("Could not list the functions of")),
             qPrintable(viewer.messageLabel()->text()));
    QVERIFY2(viewer.messageLabel()->text().contains(QString::number(port)), qPrintable(viewer.messageLabel()->text()));
    QCOMPARE(viewer.functionModel()->rowCount(), 0);
    QVERIFY(viewer.listStatus()->text().contains(QStringLiteral("Listing stopped")));
    QVERIFY(!viewer.publishButton()->isEnabled());
}

QTEST_MAIN(TestLambdaViewer)
#include "tst_lambdaviewer.moc"
