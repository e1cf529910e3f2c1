// The WebSocket console offscreen against Debian's python3-websockets server
// (tests/core/wstestserver.py): connect through the form, send text / JSON / hex, see the
// frames in the log, filter them, pretty JSON in the detail pane, close codes in words, export.
#include "../core/wstestserver.h"
#include "ui/websocket/websocketconnectionview.h"
#include "ui/websocket/websocketconsole.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse;
using Gatehouse::Ui::WebSocketConnectionView;

class tst_WebSocketConsole : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<WsTestServer>();
        if (!m_server->isRunning())
            QFAIL(
                "python3-websockets test server did not start (is python3-websockets installed?)");
    }
    void cleanupTestCase() { m_server.reset(); }

    void echoThroughTheConsole()
    {
        Ui::WebSocketConsole console;
        console.resize(1000, 700);
        console.show();
        QCOMPARE(console.connectionCount(), 1);
        WebSocketConnectionView *view = console.connection(0);
        view->urlEdit()->setText(m_server->url(QStringLiteral("/echo")));
        view->connectOrDisconnect();
        QTRY_COMPARE_WITH_TIMEOUT(view->session()->state(), Core::WebSocketSession::State::Open,
                                  10000);
        QCOMPARE(view->stateLabel()->text(), QStringLiteral("Open"));

        view->composer()->setPlainText(QStringLiteral("plain hello"));
        view->send();
        view->composerMode()->setCurrentIndex(1); // JSON
        view->composer()->setPlainText(QStringLiteral("{\"action\": \"send\""));
        view->send();
        QVERIFY2(view->composerError()->text().startsWith(QStringLiteral("Not valid JSON")),
                 qPrintable(view->composerError()->text()));
        QCOMPARE(view->composer()->toPlainText(), QStringLiteral("{\"action\": \"send\"")); // kept
        view->composer()->setPlainText(QStringLiteral("{\"action\":\"send\",\"n\":[1,2]}"));
        view->send();
        view->composerMode()->setCurrentIndex(2); // hex
        view->composer()->setPlainText(QStringLiteral("00 ff 7f"));
        view->send();

        // 3 sent + 3 echoed, batched into the view.
        QTRY_COMPARE_WITH_TIMEOUT(view->logView()->model()->rowCount(), 6, 10000);
        QAbstractItemModel *model = view->logView()->model();
        QCOMPARE(model->index(5, Core::MessageLog::PreviewColumn).data().toString(),
                 QStringLiteral("00 ff 7f"));
        QCOMPARE(model->index(5, Core::MessageLog::OpcodeColumn).data().toString(),
                 QStringLiteral("binary"));

        // Detail pane: received JSON, pretty.
        int jsonRow = -1;
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, Core::MessageLog::DirectionColumn)
                        .data(Core::MessageLog::DirectionRole)
                        .toInt() == int(Core::WebSocketDirection::Received) &&
                model->index(row, Core::MessageLog::PreviewColumn)
                    .data()
                    .toString()
                    .startsWith(QLatin1Char('{')))
                jsonRow = row;
        }
        QVERIFY(jsonRow >= 0);
        view->logView()->setCurrentIndex(model->index(jsonRow, 0));
        QVERIFY2(view->detail()->toPlainText().contains(QStringLiteral("\n  \"action\": \"send\"")),
                 qPrintable(view->detail()->toPlainText()));

        view->filterEdit()->setText(QStringLiteral("hello"));
        QCOMPARE(model->rowCount(), 2);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("messages.jsonl"));
        QVERIFY(view->exportTo(file));
        QFile exported(file);
        QVERIFY(exported.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = exported.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines.at(1).contains("\"direction\":\"received\""));
        view->filterEdit()->clear();

        // Pings on an interval; the pong's latency is shown.
        view->pingSeconds()->setValue(1);
        QTRY_VERIFY_WITH_TIMEOUT(
            view->latencyLabel()->text().startsWith(QStringLiteral("Pong after ")), 5000);
        view->pingSeconds()->setValue(0);

        if (const QString shots = qEnvironmentVariable("GATEHOUSE_SCREENSHOT_DIR");
            !shots.isEmpty())
            console.grab().save(shots + QStringLiteral("/websocket-console.png"));

        view->connectOrDisconnect();
        QTRY_COMPARE_WITH_TIMEOUT(view->session()->state(), Core::WebSocketSession::State::Closed,
                                  10000);
        QCOMPARE(view->stateLabel()->text(), QStringLiteral("Closed: 1000 normal closure"));
    }

    void serverCloseAndRefusalInWords()
    {
        Ui::WebSocketConsole console;
        WebSocketConnectionView *first = console.connection(0);
        WebSocketConnectionView *second = console.addConnection();
        QCOMPARE(console.connectionCount(), 2);
        first->urlEdit()->setText(m_server->url(QStringLiteral("/close")));
        second->urlEdit()->setText(m_server->url(QStringLiteral("/reject")));
        first->connectOrDisconnect();
        second->connectOrDisconnect();
        QTRY_COMPARE_WITH_TIMEOUT(
            first->stateLabel()->text(),
            QStringLiteral("Closed: 4001 application code 4001 \u2014 bye now"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(second->stateLabel()->text().contains(QStringLiteral("HTTP 403")),
                                 10000);
    }

    void badUrlIsExplainedAndKept()
    {
        Ui::WebSocketConsole console;
        WebSocketConnectionView *view = console.connection(0);
        view->urlEdit()->setText(QStringLiteral("https://example.com/socket"));
        view->connectOrDisconnect();
        QCOMPARE(view->session()->state(), Core::WebSocketSession::State::Idle);
        QVERIFY2(view->stateLabel()->text().contains(QStringLiteral("ws:// or wss://")),
                 qPrintable(view->stateLabel()->text()));
        QCOMPARE(view->urlEdit()->text(), QStringLiteral("https://example.com/socket"));
    }

private:
    std::unique_ptr<WsTestServer> m_server;
};

QTEST_MAIN(tst_WebSocketConsole)
#include "tst_websocketconsole.moc"
