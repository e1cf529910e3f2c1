// The WebSocket console's route helper offscreen against the emulator's websocket-chat lab: a
// URL of one of the emulator's WebSocket APIs (path or host style) offers that API's route keys
// from the emulator's own listing; picking one sets "action" in the composer's JSON without
// losing what was typed, refuses to touch text that is not a JSON object, and the message it
// builds reaches the route (the lab's echo route answers with its event).
#include "core/emulator/emulator.h"
#include "ui/websocket/websocketconnectionview.h"
#include "ui/websocket/websocketconsole.h"

#include <QApplication>
#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTest>

#include <memory>

using namespace Gatehouse;

class TestWebSocketRouteHelper : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void offersTheApisRouteKeys();
    void keepsWhatWasTyped();
    void builtMessageReachesTheRoute();

private:
    const Core::EmulatorApiInfo *chat() const;
    QStringList offered(const Ui::WebSocketConnectionView &view) const;

    std::unique_ptr<Emulator::Emulator> m_emulator;
    Core::EmulatorInfo m_info;
};

void TestWebSocketRouteHelper::initTestCase()
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

void TestWebSocketRouteHelper::cleanupTestCase()
{
    m_emulator.reset();
}

const Core::EmulatorApiInfo *TestWebSocketRouteHelper::chat() const
{
    for (const Core::EmulatorApiInfo &api : m_info.apis) {
        if (api.kind == QLatin1String("WebSocket API") && api.name == QLatin1String("chat"))
            return &api;
    }
    return nullptr;
}

QStringList TestWebSocketRouteHelper::offered(const Ui::WebSocketConnectionView &view) const
{
    QStringList keys;
    for (int i = 1; i < view.routeHelper()->count(); ++i)
        keys.append(view.routeHelper()->itemData(i).toString());
    return keys;
}

void TestWebSocketRouteHelper::offersTheApisRouteKeys()
{
    Ui::WebSocketConsole console;
    console.setEmulatorInfo(m_info);
    Ui::WebSocketConnectionView *view = console.connection(0);
    QVERIFY(view);
    QVERIFY(view->routeHelper()->isHidden());

    // The lab's template names these action routes (tests/data/labs/websocket-chat/template.yaml).
    view->urlEdit()->setText(chat()->pathStyleUrl + QStringLiteral("?name=ann"));
    QVERIFY(!view->routeHelper()->isHidden());
    const QStringList keys = offered(*view);
    QVERIFY2(keys.contains(QStringLiteral("sendmessage")), qPrintable(keys.join(QLatin1Char(','))));
    QVERIFY(keys.contains(QStringLiteral("connectevent")));
    for (const QString &key : keys)
        QVERIFY2(!key.startsWith(QLatin1Char('$')), qPrintable(key));
    QStringList expected;
    for (const Core::EmulatorRouteInfo &route : chat()->routes) {
        if (!route.routeKey.startsWith(QLatin1Char('$')))
            expected.append(route.routeKey);
    }
    QCOMPARE(keys, expected);

    // Host style names the same API; a tab opened later knows the emulator too.
    Ui::WebSocketConnectionView *second = console.addConnection();
    second->urlEdit()->setText(QStringLiteral("ws://%1.execute-api.localhost:%2/production").arg(chat()->apiId).arg(m_info.port));
    QCOMPARE(offered(*second), expected);

    // Another server, or the emulator's port with an id it does not have: no helper.
    view->urlEdit()->setText(QStringLiteral("wss://abc123.execute-api.eu-west-1.amazonaws.com/prod"));
    QVERIFY(view->routeHelper()->isHidden());
    view->urlEdit()->setText(QStringLiteral("ws://127.0.0.1:%1/_aws/execute-api/nosuchapi/production").arg(m_info.port));
    QVERIFY(view->routeHelper()->isHidden());
}

void TestWebSocketRouteHelper::keepsWhatWasTyped()
{
    Ui::WebSocketConnectionView view;
    view.setEmulatorInfo(m_info);
    view.urlEdit()->setText(chat()->pathStyleUrl);
    view.insertAction(QStringLiteral("sendmessage"));
    QCOMPARE(view.composer()->toPlainText(), QStringLiteral("{\"action\":\"sendmessage\"}"));

    view.composer()->setPlainText(QStringLiteral("{\"action\":\"old\",\"message\":\"keep me\"}"));
    const int index = view.routeHelper()->findData(QStringLiteral("connectevent"));
    QVERIFY(index > 0);
    view.routeHelper()->setCurrentIndex(index);
    emit view.routeHelper()->activated(index);
    const QJsonObject object = QJsonDocument::fromJson(view.composer()->toPlainText().toUtf8()).object();
    QCOMPARE(object.value(QStringLiteral("action")).toString(), QStringLiteral("connectevent"));
    QCOMPARE(object.value(QStringLiteral("message")).toString(), QStringLiteral("keep me"));
    QCOMPARE(view.routeHelper()->currentIndex(), 0);

    view.composer()->setPlainText(QStringLiteral("hello, not JSON"));
    view.insertAction(QStringLiteral("sendmessage"));
    QCOMPARE(view.composer()->toPlainText(), QStringLiteral("hello, not JSON"));
    QVERIFY2(view.composerError()->text().contains(QStringLiteral("not a JSON object")),
             qPrintable(view.composerError()->text()));
}

void TestWebSocketRouteHelper::builtMessageReachesTheRoute()
{
    Ui::WebSocketConnectionView view;
    view.setEmulatorInfo(m_info);
    view.urlEdit()->setText(chat()->pathStyleUrl + QStringLiteral("?name=bo"));
    view.connectOrDisconnect();
    QTRY_VERIFY_WITH_TIMEOUT(view.session()->state() == Core::WebSocketSession::State::Open, 15000);
    view.insertAction(QStringLiteral("connectevent"));
    const int before = view.log()->rowCount();
    view.send();
    // Our frame out, then the echo route's answer: the CONNECT event the route replays.
    QTRY_VERIFY_WITH_TIMEOUT(view.log()->rowCount() >= before + 2, 15000);
    bool echoed = false;
    for (int row = before; row < view.log()->rowCount(); ++row) {
        const QJsonObject answer = QJsonDocument::fromJson(view.log()->payload(row)).object();
        echoed = echoed
                 || answer.value(QStringLiteral("requestContext")).toObject().value(QStringLiteral("routeKey"))
                        == QStringLiteral("$connect");
    }
    QVERIFY(echoed);
}

QTEST_MAIN(TestWebSocketRouteHelper)
#include "tst_websocketroutehelper.moc"
