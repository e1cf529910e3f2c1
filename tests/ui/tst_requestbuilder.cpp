#include "ui/requestbuilder/keyvaluetable.h"
#include "ui/requestbuilder/requestbuilderwidget.h"
#include "ui/requestbuilder/responseview.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTcpSocket>
#include <QTest>
#include <QUndoStack>

using namespace Gatehouse;

namespace {

// Answers every request with the same JSON document, or stays silent.
class JsonServer : public QObject
{
public:
    JsonServer()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onData(socket); });
            }
        });
    }

    QString base() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }

    bool silent = false;
    QByteArray contentType = "application/json";
    QByteArray body = "{\"zeta\":1,\"alpha\":[1.10,2],\"id\":9007199254740993}";
    QList<QByteArray> requests;

private:
    void onData(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        static const QRegularExpression length(QStringLiteral("(?im)^content-length:\\s*(\\d+)"));
        const QRegularExpressionMatch m = length.match(QString::fromLatin1(buffer.left(end)));
        const qsizetype total = end + 4 + (m.hasMatch() ? m.captured(1).toLongLong() : 0);
        if (buffer.size() < total)
            return;
        requests.append(buffer.left(total));
        buffer.remove(0, total);
        if (silent)
            return;
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nX-Trace: abc\r\nContent-Length: "
                      + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace

class TestRequestBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void urlFillsParams();
    void paramEditUpdatesUrl();
    void sendShowsPrettyResponse();
    void unresolvedVariableBlocksSend();
    void variablesTabResolves();
    void undoRestoresUrl();
    void invalidJsonBodyIsExplained();
    void customMethodAndBody();
    void cancelWhileWaiting();
    void refusedInWords();
    void environmentFile();
    void bodyKinds_data();
    void bodyKinds();

private:
    QLineEdit *url() const { return m_widget->findChild<QLineEdit *>(QStringLiteral("urlEdit")); }
    QPushButton *sendButton() const { return m_widget->findChild<QPushButton *>(QStringLiteral("sendButton")); }
    QTableWidget *table(const char *name) const
    {
        return m_widget->findChild<Ui::KeyValueTable *>(QLatin1String(name))->table();
    }
    QString problem() const
    {
        const QLabel *label = m_widget->findChild<QLabel *>(QStringLiteral("problemLabel"));
        return label->isVisible() ? label->text() : QString();
    }
    void grab(const char *name);

    Ui::RequestBuilderWidget *m_widget = nullptr;
    JsonServer *m_server = nullptr;
};

void TestRequestBuilder::init()
{
    m_server = new JsonServer;
    m_widget = new Ui::RequestBuilderWidget;
    m_widget->resize(1100, 760);
    m_widget->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_widget));
}

void TestRequestBuilder::cleanup()
{
    delete m_widget;
    delete m_server;
}

// GATEHOUSE_GRAB_DIR=/tmp saves what the widget looks like, for a person to inspect.
void TestRequestBuilder::grab(const char *name)
{
    const QByteArray dir = qgetenv("GATEHOUSE_GRAB_DIR");
    if (!dir.isEmpty())
        m_widget->grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/rb-%1.png").arg(QLatin1String(name)));
}

void TestRequestBuilder::urlFillsParams()
{
    QTest::keyClicks(url(), QStringLiteral("http://h/items?limit=10&tag=a%20b&tag=c&flag"));
    QTableWidget *params = table("paramsTable");
    QCOMPARE(params->rowCount(), 5); // four params and the empty row for adding
    QCOMPARE(params->item(0, 1)->text(), QStringLiteral("limit"));
    QCOMPARE(params->item(0, 2)->text(), QStringLiteral("10"));
    QCOMPARE(params->item(1, 2)->text(), QStringLiteral("a%20b"));
    QCOMPARE(params->item(2, 1)->text(), QStringLiteral("tag"));
    QCOMPARE(params->item(3, 1)->text(), QStringLiteral("flag"));
    QCOMPARE(params->item(4, 1)->text(), QString());
    const QTabWidget *tabs = m_widget->findChild<QTabWidget *>();
    QCOMPARE(tabs->tabText(0), QStringLiteral("Params (4)"));
}

void TestRequestBuilder::paramEditUpdatesUrl()
{
    QTest::keyClicks(url(), QStringLiteral("{{base}}/items?limit=10&flag#top"));
    QTableWidget *params = table("paramsTable");
    params->item(0, 2)->setText(QStringLiteral("20"));
    QCOMPARE(url()->text(), QStringLiteral("{{base}}/items?limit=20&flag#top"));
    params->item(2, 1)->setText(QStringLiteral("page")); // the empty row: adds a param
    params->item(2, 2)->setText(QStringLiteral("{{page}}"));
    QCOMPARE(url()->text(), QStringLiteral("{{base}}/items?limit=20&flag&page={{page}}#top"));
    params->item(0, 0)->setCheckState(Qt::Unchecked); // disabled params leave the URL
    QCOMPARE(url()->text(), QStringLiteral("{{base}}/items?flag&page={{page}}#top"));
    QCOMPARE(params->rowCount(), 4);
    auto *remove = qobject_cast<QAbstractButton *>(params->cellWidget(1, 3)); // the "flag" row
    QVERIFY(remove);
    remove->click();
    QCOMPARE(url()->text(), QStringLiteral("{{base}}/items?page={{page}}#top"));
    QCOMPARE(params->rowCount(), 3); // the disabled "limit" row stays in the table only
    QCOMPARE(params->item(0, 1)->text(), QStringLiteral("limit"));
    QCOMPARE(params->item(1, 1)->text(), QStringLiteral("page"));
}

void TestRequestBuilder::sendShowsPrettyResponse()
{
    QTest::keyClicks(url(), m_server->base() + QStringLiteral("/items?limit=10"));
    table("paramsTable")->item(0, 2)->setText(QStringLiteral("20"));
    table("headersTable")->item(0, 1)->setText(QStringLiteral("X-Api-Key"));
    table("headersTable")->item(0, 2)->setText(QStringLiteral("k1"));
    QTest::mouseClick(sendButton(), Qt::LeftButton);
    QCOMPARE(sendButton()->text(), QStringLiteral("Cancel"));
    const Ui::ResponseView *response = m_widget->responseView();
    QTRY_COMPARE(response->statusText(), QStringLiteral("200 OK"));
    QCOMPARE(sendButton()->text(), QStringLiteral("Send"));
    QCOMPARE(response->bodyText(),
             QStringLiteral("{\n  \"zeta\": 1,\n  \"alpha\": [\n    1.10,\n    2\n  ],\n  \"id\": 9007199254740993\n}"));
    QVERIFY(response->rawText().startsWith(QStringLiteral("HTTP/1.1 200 OK\nContent-Type: application/json\nX-Trace: abc\n")));
    QVERIFY(response->rawText().endsWith(QString::fromUtf8(m_server->body)));
    QCOMPARE(m_server->requests.size(), 1);
    QVERIFY(m_server->requests.at(0).startsWith("GET /items?limit=20 HTTP/1.1\r\n"));
    QVERIFY(m_server->requests.at(0).contains("\r\nX-Api-Key: k1\r\n"));
    grab("1");
}

void TestRequestBuilder::unresolvedVariableBlocksSend()
{
    QTest::keyClicks(url(), QStringLiteral("http://{{host}}/items?id={{id}}"));
    QTest::mouseClick(sendButton(), Qt::LeftButton);
    QCOMPARE(problem(), QStringLiteral("{{host}} and {{id}} are not defined in the current environment."
                                        " Define them in the Variables tab."));
    QCOMPARE(sendButton()->text(), QStringLiteral("Send"));
    QTest::qWait(100);
    QCOMPARE(m_server->requests.size(), 0);
    grab("2");
}

void TestRequestBuilder::variablesTabResolves()
{
    Core::Environment base;
    base.name = QStringLiteral("dev");
    base.variables = {{QStringLiteral("id"), QStringLiteral("7"), true, false}};
    m_widget->setBaseEnvironment(base);
    const QString host = m_server->base().mid(7);
    QTest::keyClicks(url(), QStringLiteral("http://{{host}}/items/{{id}}"));
    QTest::keyClick(url(), Qt::Key_Return);
    QVERIFY(problem().startsWith(QStringLiteral("{{host}} is not defined in environment 'dev'.")));
    QTableWidget *vars = table("variablesTable");
    vars->item(0, 1)->setText(QStringLiteral("host"));
    vars->item(0, 2)->setText(host);
    QTest::keyClick(url(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(problem(), QString());
    QTRY_COMPARE(m_server->requests.size(), 1);
    QVERIFY(m_server->requests.at(0).startsWith("GET /items/7 HTTP/1.1\r\n"));
}

void TestRequestBuilder::undoRestoresUrl()
{
    QTest::keyClicks(url(), QStringLiteral("http://h/a?x=1"));
    url()->clearFocus(); // typing ends
    table("paramsTable")->item(0, 2)->setText(QStringLiteral("2"));
    QCOMPARE(url()->text(), QStringLiteral("http://h/a?x=2"));
    url()->setFocus();
    QTest::keyClick(url(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(url()->text(), QStringLiteral("http://h/a?x=1"));
    QCOMPARE(table("paramsTable")->item(0, 2)->text(), QStringLiteral("1"));
    m_widget->undoStack()->undo();
    QCOMPARE(url()->text(), QString());
    QCOMPARE(table("paramsTable")->rowCount(), 1);
    m_widget->undoStack()->redo();
    m_widget->undoStack()->redo();
    QCOMPARE(url()->text(), QStringLiteral("http://h/a?x=2"));

    m_widget->openRequest(QStringLiteral("DELETE"), QStringLiteral("http://h/items/1"));
    QCOMPARE(m_widget->requestSpec().method, QStringLiteral("DELETE"));
    m_widget->undoStack()->undo();
    QCOMPARE(m_widget->requestSpec().method, QStringLiteral("GET"));
    QCOMPARE(url()->text(), QStringLiteral("http://h/a?x=2"));
}

void TestRequestBuilder::invalidJsonBodyIsExplained()
{
    auto *kind = m_widget->findChild<QComboBox *>(QStringLiteral("bodyKindCombo"));
    auto *body = m_widget->findChild<QPlainTextEdit *>(QStringLiteral("bodyEdit"));
    auto *status = m_widget->findChild<QLabel *>(QStringLiteral("bodyStatusLabel"));
    kind->setCurrentIndex(1);
    QTest::keyClicks(body, QStringLiteral("{\"a\": 1,"));
    QTest::keyClick(body, Qt::Key_Return);
    QTest::keyClicks(body, QStringLiteral("\"b\" 2}"));
    QCOMPARE(status->text(), QStringLiteral("Invalid JSON: Line 2, column 5: expected ':' after the key but found '2'."));
    m_widget->findChild<QTabWidget *>()->setCurrentIndex(2);
    grab("4");
    const QUndoStack *stack = m_widget->undoStack();
    QVERIFY(stack->count() > 0);
    body->selectAll();
    QTest::keyClicks(body, QStringLiteral("{\"a\": {{id}}}"));
    QCOMPARE(status->text(), QStringLiteral("Invalid JSON: Line 1, column 8: expected a key in double quotes but found '{'."));
    m_widget->undoStack()->undo();
    QVERIFY(body->toPlainText() != QStringLiteral("{\"a\": {{id}}}"));
}

void TestRequestBuilder::customMethodAndBody()
{
    Core::RequestSpec spec;
    spec.method = QStringLiteral("PURGE");
    spec.url = m_server->base() + QStringLiteral("/cache");
    spec.bodyKind = Core::BodyKind::Json;
    spec.body = QStringLiteral("{\"all\": true}");
    m_widget->setRequestSpec(spec);
    QCOMPARE(m_widget->undoStack()->count(), 0);
    m_widget->send();
    QTRY_COMPARE(m_server->requests.size(), 1);
    const QByteArray raw = m_server->requests.at(0);
    QVERIFY(raw.startsWith("PURGE /cache HTTP/1.1\r\n"));
    QVERIFY(raw.contains("\r\nContent-Type: application/json\r\n"));
    QVERIFY(raw.endsWith("\r\n\r\n{\"all\": true}"));
}

void TestRequestBuilder::cancelWhileWaiting()
{
    m_server->silent = true;
    QTest::keyClicks(url(), m_server->base() + QStringLiteral("/slow"));
    QTest::mouseClick(sendButton(), Qt::LeftButton);
    QVERIFY(m_widget->isSending());
    QTRY_COMPARE(m_server->requests.size(), 1);
    QTest::mouseClick(sendButton(), Qt::LeftButton);
    QVERIFY(!m_widget->isSending());
    QCOMPARE(m_widget->responseView()->statusText(), QStringLiteral("Cancelled"));
    QCOMPARE(m_widget->responseView()->messageText(), QStringLiteral("The request was cancelled."));
    QCOMPARE(sendButton()->text(), QStringLiteral("Send"));
}

void TestRequestBuilder::refusedInWords()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    QTest::keyClicks(url(), QStringLiteral("http://127.0.0.1:%1/").arg(port));
    QTest::mouseClick(sendButton(), Qt::LeftButton);
    QTRY_COMPARE(m_widget->responseView()->statusText(), QStringLiteral("No response"));
    QCOMPARE(m_widget->responseView()->messageText(),
             QStringLiteral("Connection refused by 127.0.0.1:%1: nothing is listening there. Is the emulator running?").arg(port));
    grab("3");
}

void TestRequestBuilder::environmentFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("local.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"name": "local", "values": [{"key": "base", "value": ")" + m_server->base().toUtf8()
               + R"(", "enabled": true}, {"key": "token", "value": "t0k", "type": "secret", "enabled": true}]})");
    file.close();
    QVERIFY(m_widget->loadEnvironment(path).ok());
    QCOMPARE(m_widget->findChild<QLabel *>(QStringLiteral("environmentLabel"))->text(),
             QStringLiteral("Environment 'local' defines base, token. Rows here override it."));
    QTest::keyClicks(url(), QStringLiteral("{{base}}/me"));
    table("headersTable")->item(0, 1)->setText(QStringLiteral("Authorization"));
    table("headersTable")->item(0, 2)->setText(QStringLiteral("Bearer {{token}}"));
    m_widget->findChild<QTabWidget *>()->setCurrentIndex(3);
    grab("5");
    m_widget->send();
    QTRY_COMPARE(m_server->requests.size(), 1);
    QVERIFY(m_server->requests.at(0).startsWith("GET /me HTTP/1.1\r\n"));
    QVERIFY(m_server->requests.at(0).contains("\r\nAuthorization: Bearer t0k\r\n"));

    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("{\n  \"a\": \"1\",\n  \"b\" \"2\"\n}");
    file.close();
    const Core::Result<void> broken = m_widget->loadEnvironment(path);
    QVERIFY(!broken.ok());
    QCOMPARE(broken.error().message, QStringLiteral("local.json: Line 3, column 7: expected ':' after the key but found '\"'."));
}

void TestRequestBuilder::bodyKinds_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("shown");
    QTest::newRow("json without json content type") << QByteArray("text/plain") << QByteArray("[1,{\"a\":{}}]")
                                                    << QStringLiteral("[\n  1,\n  {\n    \"a\": {}\n  }\n]");
    QTest::newRow("broken json shown as sent") << QByteArray("application/json") << QByteArray("{\"a\":")
                                               << QStringLiteral("{\"a\":");
    QTest::newRow("plain text") << QByteArray("text/plain") << QByteArray("hello\nworld") << QStringLiteral("hello\nworld");
    QByteArray big("[");
    while (big.size() < 3 * 1024 * 1024)
        big += "{\"id\":1234567,\"name\":\"row\"},";
    big.back() = ']';
    QTest::newRow("large json is clipped, not frozen") << QByteArray("application/json") << big
                                                       << QStringLiteral("characters; the rest is not shown.");
    QTest::newRow("binary") << QByteArray("image/png") << QByteArray("\x89PNG\r\n\x1a\n\0\0", 10)
                            << QStringLiteral("Binary content (image/png, 10 bytes) is not shown as text.");
}

void TestRequestBuilder::bodyKinds()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QString, shown);
    m_server->contentType = contentType;
    m_server->body = body;
    m_widget->openRequest(QStringLiteral("GET"), m_server->base() + QStringLiteral("/b"));
    m_widget->send();
    QTRY_COMPARE(m_widget->responseView()->statusText(), QStringLiteral("200 OK"));
    if (body.size() > 1024 * 1024) {
        QVERIFY(m_widget->responseView()->bodyText().startsWith(QStringLiteral("[\n  {\n    \"id\": 1234567,")));
        QVERIFY(m_widget->responseView()->bodyText().endsWith(shown));
        return;
    }
    QCOMPARE(m_widget->responseView()->bodyText(), shown);
}

QTEST_MAIN(TestRequestBuilder)
#include "tst_requestbuilder.moc"
