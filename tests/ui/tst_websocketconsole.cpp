// The WebSocket console offscreen against Debian's python3-websockets server
// (tests/core/wstestserver.py): connect through the form, send text / JSON / hex, see the
// frames in the log, filter them, pretty JSON in the detail pane, close codes in words, export.
#include "../core/wstestserver.h"
#include "ui/websocket/websocketconnectionview.h"
#include "ui/websocket/websocketconsole.h"
#include "ui/websocket/websocketsnippetspanel.h"

#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListView>
#include <QStandardPaths>
#include <QUrlQuery>
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
        // The console loads the saved messages of the app data folder: a test one.
        QStandardPaths::setTestModeEnabled(true);
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

    void snippetsAreSavedInsertedRenamedAndDeleted()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("websocket-snippets.json"));
        Ui::WebSocketConsole console;
        QVERIFY(console.snippets()->load(path).ok());
        WebSocketConnectionView *first = console.connection(0);
        Ui::WebSocketSnippetsPanel *panel = first->snippetsPanel();
        first->composerMode()->setCurrentIndex(1); // JSON
        const QString body = QStringLiteral("{\"action\":\"sendmessage\",\"data\":\"hi\"}");
        first->composer()->setPlainText(body);
        panel->nameEdit()->setText(QStringLiteral("chat hello"));
        QTest::keyClick(panel->nameEdit(), Qt::Key_Return);
        QCOMPARE(console.snippets()->rowCount(), 1);
        QVERIFY(panel->nameEdit()->text().isEmpty());
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray file = saved.readAll();
        QVERIFY2(file.contains("\"kind\": \"json\"") && file.contains("chat hello"), file.constData());
        // Without a name the composer says what is missing.
        panel->nameEdit()->clear();
        emit panel->saveRequested();
        QVERIFY2(first->composerError()->text().contains(QStringLiteral("name")),
                 qPrintable(first->composerError()->text()));

        // Another connection lists it; inserting switches the mode and keeps the old text undoable.
        WebSocketConnectionView *second = console.addConnection();
        Ui::WebSocketSnippetsPanel *other = second->snippetsPanel();
        QCOMPARE(other->list()->model()->rowCount(), 1);
        second->composer()->setPlainText(QStringLiteral("typed before"));
        other->list()->setCurrentIndex(other->list()->model()->index(0, 0));
        other->insertSelected();
        QCOMPARE(second->composer()->toPlainText(), body);
        QCOMPARE(second->composerMode()->currentIndex(), 1);
        second->composer()->undo();
        QCOMPARE(second->composer()->toPlainText(), QStringLiteral("typed before"));

        // Rename in place, then delete; the file follows.
        QVERIFY(other->list()->model()->setData(other->list()->model()->index(0, 0),
                                                QStringLiteral("greeting")));
        QCOMPARE(panel->list()->model()->index(0, 0).data().toString(), QStringLiteral("greeting"));
        Core::MessageSnippets reread;
        QVERIFY(reread.load(path).ok());
        QCOMPARE(reread.snippet(0).name, QStringLiteral("greeting"));
        panel->list()->setCurrentIndex(panel->list()->model()->index(0, 0));
        QVERIFY(panel->deleteSelected());
        QCOMPARE(other->list()->model()->rowCount(), 0);
        QVERIFY(reread.load(path).ok());
        QCOMPARE(reread.rowCount(), 0);

        // A broken file is reported in words in the composer and left as it was.
        const QByteArray broken = "{\"snippets\": [ oops";
        QFile bad(path);
        QVERIFY(bad.open(QIODevice::WriteOnly | QIODevice::Truncate));
        bad.write(broken);
        bad.close();
        QVERIFY(!console.snippets()->load(path).ok());
        WebSocketConnectionView *third = console.addConnection();
        QVERIFY2(third->composerError()->text().contains(QStringLiteral("could not be read")),
                 qPrintable(third->composerError()->text()));
        third->composer()->setPlainText(QStringLiteral("keep me"));
        third->snippetsPanel()->nameEdit()->setText(QStringLiteral("kept"));
        emit third->snippetsPanel()->saveRequested();
        QVERIFY2(third->composerError()->text().contains(QStringLiteral("kept as it is")),
                 qPrintable(third->composerError()->text()));
        QCOMPARE(third->composer()->toPlainText(), QStringLiteral("keep me"));
        QVERIFY(bad.open(QIODevice::ReadOnly));
        QCOMPARE(bad.readAll(), broken);
    }

    void logCapDropsOldestAndSaysSo()
    {
        Ui::WebSocketConsole console;
        WebSocketConnectionView *view = console.connection(0);
        QVERIFY(view->droppedLabel()->isHidden());
        view->log()->setCapacity(100, qint64(1) << 30);
        for (int i = 0; i < 150; ++i)
            view->log()->append(Core::WebSocketDirection::Received, Core::WebSocketOpcode::Text,
                                QByteArray("m") + QByteArray::number(i), 1700000000000 + i);
        QTRY_COMPARE(view->logView()->model()->rowCount(), 94); // 15/16 of the cap
        QVERIFY(!view->droppedLabel()->isHidden());
        QCOMPARE(view->droppedLabel()->text(), QStringLiteral("56 older messages dropped"));
        QCOMPARE(view->logView()->model()->index(0, Core::MessageLog::PreviewColumn).data().toString(),
                 QStringLiteral("m56"));
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("capped.jsonl"));
        QVERIFY(view->exportTo(file));
        QFile exported(file);
        QVERIFY(exported.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = exported.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 95);
        QCOMPARE(QJsonDocument::fromJson(lines.at(0)).object().value(QStringLiteral("dropped")).toInt(), 56);
        view->log()->clear();
        QVERIFY(view->droppedLabel()->isHidden());
    }

    void peerDroppingMidFrameLeavesTheConsoleUsable()
    {
        Ui::WebSocketConsole console;
        WebSocketConnectionView *view = console.connection(0);
        view->urlEdit()->setText(m_server->url(QStringLiteral("/halfframe")));
        view->connectOrDisconnect();
        QTRY_COMPARE_WITH_TIMEOUT(view->session()->state(), Core::WebSocketSession::State::Closed,
                                  10000);
        QVERIFY2(view->stateLabel()->text().startsWith(
                     QStringLiteral("Closed: 1006 abnormal closure (no close frame); the connection dropped")),
                 qPrintable(view->stateLabel()->text()));
        QTRY_VERIFY(view->logView()->model()->rowCount() >= 1);
        QCOMPARE(view->logView()->model()->index(0, Core::MessageLog::PreviewColumn).data().toString(),
                 QStringLiteral("before the drop"));
        view->log()->flush();
        const int kept = view->logView()->model()->rowCount(); // the text and the close

        view->urlEdit()->setText(m_server->url(QStringLiteral("/echo")));
        view->connectOrDisconnect();
        QTRY_COMPARE_WITH_TIMEOUT(view->session()->state(), Core::WebSocketSession::State::Open,
                                  10000);
        view->composerMode()->setCurrentIndex(0);
        view->composer()->setPlainText(QStringLiteral("still here"));
        view->send();
        QTRY_COMPARE_WITH_TIMEOUT(view->logView()->model()->rowCount(), kept + 2, 10000);
        QCOMPARE(view->logView()->model()->index(0, Core::MessageLog::PreviewColumn).data().toString(),
                 QStringLiteral("before the drop"));
        view->connectOrDisconnect();
        QTRY_COMPARE_WITH_TIMEOUT(view->session()->state(), Core::WebSocketSession::State::Closed,
                                  10000);
    }

    void sigV4SignsWithAChosenProfileOrTypedTemporaryKeys()
    {
        QTemporaryDir dir;
        const QString config = dir.filePath(QStringLiteral("config"));
        const QString credentials = dir.filePath(QStringLiteral("credentials"));
        QFile c(config);
        QVERIFY(c.open(QIODevice::WriteOnly));
        c.write("[default]\nregion = us-east-1\n\n[profile dev]\nregion = eu-west-3\n");
        c.close();
        QFile k(credentials);
        QVERIFY(k.open(QIODevice::WriteOnly));
        k.write("[default]\naws_access_key_id = AKIDDEFAULTEXAMPLE\naws_secret_access_key = s1\n\n"
                "[dev]\naws_access_key_id = AKIDDEVEXAMPLE\naws_secret_access_key = s2\n");
        k.close();
        qputenv("AWS_CONFIG_FILE", config.toUtf8());
        qputenv("AWS_SHARED_CREDENTIALS_FILE", credentials.toUtf8());
        qunsetenv("AWS_PROFILE");
        qunsetenv("AWS_REGION");
        qunsetenv("AWS_DEFAULT_REGION");

        Ui::WebSocketConsole console;
        WebSocketConnectionView *view = console.connection(0);
        view->reloadProfiles();
        QCOMPARE(view->profileCombo()->count(), 2);
        QCOMPARE(view->profileCombo()->itemText(0), QStringLiteral("default"));
        QCOMPARE(view->profileCombo()->itemText(1), QStringLiteral("dev"));

        // The python3-websockets server answers /headers with the handshake's path and query.
        auto handshakeQuery = [&]() -> QUrlQuery {
            view->urlEdit()->setText(m_server->url(QStringLiteral("/headers")));
            view->log()->flush();
            const int before = view->log()->rowCount();
            view->connectOrDisconnect();
            int row = -1;
            const bool answered = QTest::qWaitFor(
                [&] {
                    view->log()->flush();
                    for (int r = before; r < view->log()->rowCount() && row < 0; ++r)
                        if (view->log()->opcode(r) == Core::WebSocketOpcode::Text)
                            row = r;
                    return row >= 0;
                },
                10000);
            if (!answered) {
                qWarning("no answer: %s", qPrintable(view->stateLabel()->text()));
                return {};
            }
            const QByteArray answer = view->log()->payload(row);
            view->connectOrDisconnect();
            if (!QTest::qWaitFor([&] { return view->session()->state() == Core::WebSocketSession::State::Closed; },
                                 10000))
                return {};
            const QString path = QJsonDocument::fromJson(answer).object().value(QStringLiteral("path")).toString();
            return QUrlQuery(QUrl(path).query());
        };
        view->composerMode()->setCurrentIndex(0);
        // A profile added while the tab is open is listed once SigV4 is chosen.
        QVERIFY(c.open(QIODevice::Append));
        c.write("\n[profile ops]\nregion = eu-north-1\n");
        c.close();
        view->authCombo()->setCurrentIndex(
            view->authCombo()->findData(int(Core::WebSocketAuth::SigV4)));
        QCOMPARE(view->profileCombo()->count(), 3);
        QCOMPARE(view->profileCombo()->itemText(2), QStringLiteral("ops"));
        QVERIFY(!view->profileCombo()->isHidden());
        QVERIFY(view->secretKeyEdit()->isHidden());
        view->profileCombo()->setCurrentText(QStringLiteral("dev"));
        QUrlQuery query = handshakeQuery();
        QVERIFY2(query.queryItemValue(QStringLiteral("X-Amz-Credential"), QUrl::FullyDecoded)
                     .startsWith(QStringLiteral("AKIDDEVEXAMPLE/")),
                 qPrintable(query.toString()));
        // A loopback host signs for the emulator's region, us-east-1, before any profile's.
        QVERIFY2(query.queryItemValue(QStringLiteral("X-Amz-Credential"), QUrl::FullyDecoded)
                     .endsWith(QStringLiteral("/us-east-1/execute-api/aws4_request")),
                 qPrintable(query.toString()));
        QVERIFY(!query.hasQueryItem(QStringLiteral("X-Amz-Security-Token")));

        // Typed temporary credentials: the session token goes into the presigned query.
        view->credentialSource()->setCurrentIndex(1);
        QVERIFY(view->profileCombo()->isHidden());
        QVERIFY(!view->secretKeyEdit()->isHidden());
        QCOMPARE(view->secretKeyEdit()->echoMode(), QLineEdit::Password);
        view->connectOrDisconnect();
        QVERIFY2(view->stateLabel()->text().contains(QStringLiteral("access key ID")),
                 qPrintable(view->stateLabel()->text()));
        view->accessKeyEdit()->setText(QStringLiteral("ASIATEMPEXAMPLE"));
        view->secretKeyEdit()->setText(QStringLiteral("tempsecret"));
        view->sessionTokenEdit()->setText(QStringLiteral("session+token/1="));
        view->regionEdit()->setText(QStringLiteral("ap-south-1"));
        query = handshakeQuery();
        QVERIFY2(query.queryItemValue(QStringLiteral("X-Amz-Credential"), QUrl::FullyDecoded)
                     .startsWith(QStringLiteral("ASIATEMPEXAMPLE/")),
                 qPrintable(query.toString()));
        QVERIFY2(query.queryItemValue(QStringLiteral("X-Amz-Credential"), QUrl::FullyDecoded)
                     .contains(QStringLiteral("/ap-south-1/")),
                 qPrintable(query.toString()));
        QCOMPARE(query.queryItemValue(QStringLiteral("X-Amz-Security-Token"), QUrl::FullyDecoded),
                 QStringLiteral("session+token/1="));
        qunsetenv("AWS_CONFIG_FILE");
        qunsetenv("AWS_SHARED_CREDENTIALS_FILE");
    }

private:
    std::unique_ptr<WsTestServer> m_server;
};

QTEST_MAIN(tst_WebSocketConsole)
#include "tst_websocketconsole.moc"
