// The WebSocket console's server panel offscreen against the emulator's websocket-chat lab: a
// connection the console itself opened and a client of Debian's python3-websockets both appear
// in the panel's list (refreshed by its own timer), Inspect shows the connection as @connections
// describes it, Post reaches the console's connection, Drop (after its confirmation) closes the
// python client, which sees the server's close, and the list forgets it. Wrong keys and a
// connection that is gone are worded, and the emulator's keys never appear in the panel.
#include "core/emulator/emulator.h"
#include "core/websocket/connectionlistmodel.h"
#include "ui/websocket/websocketconnectionview.h"
#include "ui/websocket/websocketconsole.h"
#include "ui/websocket/websocketserverpanel.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace Gatehouse;

class TestWebSocketServerPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void listsPostsInspectsDrops();
    void errorsInWords();
    void awsTargetHasNoList();

private:
    const Core::EmulatorApiInfo *chat() const;
    // The row of the connection whose user agent is `agent`, -1 if none is listed.
    static int rowWithAgent(const Core::ConnectionListModel *model, const QString &agent);

    std::unique_ptr<Emulator::Emulator> m_emulator;
    Core::EmulatorInfo m_info;
};

void TestWebSocketServerPanel::initTestCase()
{
    Emulator::EmulatorOptions options;
    options.port = 0;
    options.labDirectory = QStringLiteral(GATEHOUSE_TEST_DATA "/labs/websocket-chat");
    m_emulator = std::make_unique<Emulator::Emulator>(options);
    const Core::Result<Core::EmulatorInfo> started = m_emulator->start();
    QVERIFY2(started, started ? "" : qPrintable(started.error().message));
    m_info = *started;
    QVERIFY(chat());
}

void TestWebSocketServerPanel::cleanupTestCase()
{
    m_emulator.reset();
}

const Core::EmulatorApiInfo *TestWebSocketServerPanel::chat() const
{
    for (const Core::EmulatorApiInfo &api : m_info.apis) {
        if (api.kind == QLatin1String("WebSocket API") && api.name == QLatin1String("chat"))
            return &api;
    }
    return nullptr;
}

int TestWebSocketServerPanel::rowWithAgent(const Core::ConnectionListModel *model, const QString &agent)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->connections().at(row).userAgent == agent)
            return row;
    }
    return -1;
}

void TestWebSocketServerPanel::listsPostsInspectsDrops()
{
    Ui::WebSocketConsole console;
    console.setEmulatorInfo(m_info);
    // The lab declares its own key: the panel must sign with what the emulator handed over.
    const Core::Aws::Credentials keys = m_emulator->signingCredentials();
    QCOMPARE(keys.accessKeyId, QStringLiteral("AKIACHATLAB000000001"));
    console.setEmulatorCredentials(keys);
    console.resize(1280, 760);
    console.show();
    QVERIFY(QTest::qWaitForWindowExposed(&console));
    Ui::WebSocketServerPanel *panel = console.serverPanel();
    QVERIFY(panel->isVisible());
    panel->targetCombo()->setCurrentIndex(panel->targetCombo()->findData(chat()->apiId));
    QCOMPARE(panel->targetCombo()->currentData().toString(), chat()->apiId);

    // A connection opened in the console itself ...
    Ui::WebSocketConnectionView *view = console.connection(0);
    view->urlEdit()->setText(chat()->pathStyleUrl + QStringLiteral("?name=gui"));
    view->connectOrDisconnect();
    QTRY_COMPARE_WITH_TIMEOUT(view->session()->state(), Core::WebSocketSession::State::Open, 20000);
    // ... and one of python3-websockets, an implementation we did not write.
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/app/ws_holder.py"),
                  chat()->pathStyleUrl + QStringLiteral("?name=py"), QStringLiteral("python-holder/2")});
    QVERIFY(python.waitForStarted(5000));
    QByteArray pythonOut;
    QTRY_VERIFY_WITH_TIMEOUT((pythonOut += python.readAllStandardOutput()).contains("open")
                                 || python.state() != QProcess::Running,
                             20000);
    QVERIFY2(python.state() == QProcess::Running, python.readAllStandardError().constData());

    // Both show up without a click: the panel refreshes itself every two seconds while shown.
    Core::ConnectionListModel *model = panel->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() == 2 && rowWithAgent(model, QStringLiteral("python-holder/2")) >= 0,
                             10000);
    const int pythonRow = rowWithAgent(model, QStringLiteral("python-holder/2"));
    const int consoleRow = 1 - pythonRow;
    const QString consoleId = model->connections().at(consoleRow).connectionId;
    const QString pythonId = model->connections().at(pythonRow).connectionId;
    QVERIFY(!consoleId.isEmpty() && consoleId != pythonId);
    QCOMPARE(model->index(pythonRow, Core::ConnectionListModel::SourceColumn).data().toString(),
             QStringLiteral("127.0.0.1 · python-holder/2"));
    QVERIFY2(panel->listStateLabel()->text().contains(QLatin1String("2 open")),
             qPrintable(panel->listStateLabel()->text()));

    // Selecting the console's row fills the id; Inspect shows @connections' description.
    panel->table()->selectRow(consoleRow);
    QCOMPARE(panel->connectionIdEdit()->text(), consoleId);
    QSignalSpy finished(panel, &Ui::WebSocketServerPanel::callFinished);
    panel->inspect();
    QTRY_VERIFY_WITH_TIMEOUT(panel->detail()->toPlainText().contains(QLatin1String("connectedAt")), 10000);
    QVERIFY(panel->detail()->toPlainText().contains(QLatin1String("\"sourceIp\": \"127.0.0.1\"")));

    // Post reaches the console's own connection: its message log receives the text.
    const int logged = view->log()->rowCount();
    panel->messageEdit()->setPlainText(QStringLiteral("{\"from\":\"the server panel\"}"));
    panel->post();
    QTRY_VERIFY_WITH_TIMEOUT(view->log()->rowCount() > logged
                                 && view->log()->payload(view->log()->rowCount() - 1)
                                        == QByteArray("{\"from\":\"the server panel\"}"),
                             10000);
    QVERIFY2(panel->statusLabel()->text().contains(QLatin1String("Posted")), qPrintable(panel->statusLabel()->text()));
    // The message stays for the next client.
    QCOMPARE(panel->messageEdit()->toPlainText(), QStringLiteral("{\"from\":\"the server panel\"}"));

    // Drop the python client: a confirmation first, Cancel keeps it.
    panel->table()->selectRow(model->rowOf(pythonId));
    QCOMPARE(panel->connectionIdEdit()->text(), pythonId);
    panel->dropButton()->click();
    QMessageBox *ask = nullptr;
    QTRY_VERIFY((ask = panel->findChild<QMessageBox *>(QStringLiteral("dropConfirmation"))) != nullptr);
    QVERIFY(ask->text().contains(pythonId));
    ask->button(QMessageBox::Cancel)->click();
    QTest::qWait(500);
    QCOMPARE(python.state(), QProcess::Running);
    panel->dropButton()->click();
    QTRY_VERIFY((ask = panel->findChild<QMessageBox *>(QStringLiteral("dropConfirmation"))) != nullptr
                && ask->isVisible());
    ask->button(QMessageBox::Yes)->click();
    // The client sees the server close the connection (1000), and the list forgets it.
    QTRY_VERIFY_WITH_TIMEOUT((pythonOut += python.readAllStandardOutput()).contains("closed 1000"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(pythonId) < 0 && model->rowOf(consoleId) >= 0, 10000);
    // The selection did not slide onto the remaining client: a second Drop would not hit it.
    QCOMPARE(panel->connectionIdEdit()->text(), pythonId);
    QVERIFY(!panel->table()->selectionModel()->hasSelection());
    QVERIFY2(panel->statusLabel()->text().contains(QLatin1String("Dropped")), qPrintable(panel->statusLabel()->text()));
    python.closeWriteChannel();
    QTRY_VERIFY_WITH_TIMEOUT(python.state() == QProcess::NotRunning, 10000);

    // A post to the dropped id is worded as gone (410), and the text is still there.
    panel->connectionIdEdit()->setText(pythonId);
    panel->post();
    QTRY_VERIFY_WITH_TIMEOUT(panel->statusLabel()->text().contains(QLatin1String("gone")), 10000);
    QVERIFY(panel->statusLabel()->text().contains(QLatin1String("410")));
    QCOMPARE(panel->messageEdit()->toPlainText(), QStringLiteral("{\"from\":\"the server panel\"}"));

    // The console's connection leaves the list once it closes; hidden, the panel stops asking.
    view->connectOrDisconnect();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(consoleId) < 0, 10000);
    for (const QLabel *label : panel->findChildren<QLabel *>())
        QVERIFY(!label->text().contains(keys.secretAccessKey));
    auto *toggle = console.findChild<QToolButton *>(QStringLiteral("serverPanelToggle"));
    QVERIFY(toggle && toggle->isChecked());
    toggle->click();
    QVERIFY(!panel->isVisible());
    finished.clear();
    QTest::qWait(Ui::WebSocketServerPanel::RefreshIntervalMs * 2);
    QCOMPARE(finished.size(), 0);
}

void TestWebSocketServerPanel::errorsInWords()
{
    Ui::WebSocketServerPanel panel;
    panel.setEmulatorInfo(m_info);
    panel.targetCombo()->setCurrentIndex(panel.targetCombo()->findData(chat()->apiId));
    // Before the emulator handed over its keys: said, nothing sent.
    panel.refresh();
    QVERIFY2(panel.listStateLabel()->text().contains(QLatin1String("keys")), qPrintable(panel.listStateLabel()->text()));
    // Keys the emulator does not know: 403 in words.
    Core::Aws::Credentials wrong;
    wrong.accessKeyId = QStringLiteral("AKIANOTKNOWN00000001");
    wrong.secretAccessKey = QStringLiteral("wrongSecret0000000000000000000000000000z");
    panel.setEmulatorCredentials(wrong);
    QSignalSpy finished(&panel, &Ui::WebSocketServerPanel::callFinished);
    panel.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
    QCOMPARE(finished.first().at(0).toBool(), false);
    QVERIFY2(panel.listStateLabel()->text().contains(QLatin1String("403")),
             qPrintable(panel.listStateLabel()->text()));
    QVERIFY(!panel.listStateLabel()->text().contains(wrong.secretAccessKey));
    // The emulator gone: the words say nothing answered.
    panel.setEmulatorCredentials(m_emulator->signingCredentials());
    Core::EmulatorInfo stopped = m_info;
    stopped.baseUrl = QStringLiteral("http://127.0.0.1:1");
    panel.setEmulatorInfo(stopped);
    finished.clear();
    panel.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 15000);
    QVERIFY2(panel.listStateLabel()->text().contains(QLatin1String("No answer")),
             qPrintable(panel.listStateLabel()->text()));
}

void TestWebSocketServerPanel::awsTargetHasNoList()
{
    Ui::WebSocketServerPanel panel;
    panel.setEmulatorInfo(m_info);
    const int aws = panel.targetCombo()->count() - 1;
    panel.targetCombo()->setCurrentIndex(aws);
    QVERIFY(panel.awsUrlEdit()->isVisibleTo(&panel));
    QVERIFY(!panel.table()->isEnabled());
    QVERIFY(panel.listStateLabel()->text().contains(QLatin1String("AWS cannot list")));
    // A URL that is no API Gateway URL is refused before anything is sent.
    panel.awsUrlEdit()->setText(QStringLiteral("https://example.com/prod"));
    panel.connectionIdEdit()->setText(QStringLiteral("abc="));
    panel.inspect();
    QVERIFY2(panel.statusLabel()->text().contains(QLatin1String("execute-api")), qPrintable(panel.statusLabel()->text()));
    QCOMPARE(panel.awsUrlEdit()->text(), QStringLiteral("https://example.com/prod"));
}

QTEST_MAIN(TestWebSocketServerPanel)
#include "tst_websocketserverpanel.moc"
