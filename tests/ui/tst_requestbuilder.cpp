#include "ui/requestbuilder/authpanel.h"
#include "ui/requestbuilder/keyvaluetable.h"
#include "ui/requestbuilder/requestbuilderwidget.h"
#include "ui/requestbuilder/responseview.h"
#include "ui/requestbuilder/signingview.h"
#include "ui/widgets/largetextview.h"
#include "ui/widgets/networksettingsdialog.h"

#include "core/aws/sigv4verifier.h"
#include "core/bodyspool.h"
#include "core/jsonpretty.h"

#include <QBuffer>
#include <QCheckBox>
#include <QDialog>
#include <QImage>
#include <QTextBrowser>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QFileInfo>
#include <QElapsedTimer>
#include <QSpinBox>
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
    QByteArray extraHeaders; // whole lines, each ending in \r\n
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
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nX-Trace: abc\r\n" + extraHeaders + "Content-Length: "
                      + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

// An AWS-style service: checks SigV4 with the verifier the emulator uses (key AKIDTEST, secret
// "test") and answers 200, or 403 with AWS's SignatureDoesNotMatch message. pathPrefix plays
// a proxy that changes the path before the service sees it.
class SigV4Server : public QObject
{
public:
    SigV4Server()
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

    QByteArray pathPrefix;
    QList<Core::HttpRequest> requests;

private:
    static Core::HttpRequest parse(const QByteArray &head, const QByteArray &body)
    {
        Core::HttpRequest request;
        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> first = lines.first().trimmed().split(' ');
        request.method = first.value(0);
        request.target = first.value(1);
        const qsizetype q = request.target.indexOf('?');
        request.path = q < 0 ? request.target : request.target.left(q);
        request.query = q < 0 ? QByteArray() : request.target.mid(q + 1);
        for (const QByteArray &line : lines.mid(1)) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                request.headers.add(line.left(colon), line.mid(colon + 1).trimmed());
        }
        request.body = body;
        return request;
    }

    QByteArray answer(Core::HttpRequest request)
    {
        request.path = pathPrefix + request.path;
        requests.append(request);
        const Core::Result<Core::Aws::SigV4Authorization> authorization = Core::Aws::SigV4Verifier::parse(request);
        if (!authorization)
            return reply(403, "{\"message\":\"Missing Authentication Token\"}");
        const Core::Aws::SigV4Verification verification = Core::Aws::SigV4Verifier().verify(
            request, *authorization, QStringLiteral("test"), Core::Aws::SigV4Flags::forService(authorization->service),
            QDateTime::currentDateTimeUtc());
        if (verification.ok())
            return reply(200, "{\"ok\":true}");
        const QString message = QStringLiteral(
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
            "Access Key and signing method. Consult the service documentation for details.\n\nThe Canonical String "
            "for this request should have been\n'%1'\n\nThe String-to-Sign should have been\n'%2'\n")
            .arg(QString::fromUtf8(verification.expected.canonicalRequest), QString::fromUtf8(verification.expected.stringToSign));
        return reply(403, QJsonDocument(QJsonObject{{QStringLiteral("message"), message}}).toJson(QJsonDocument::Compact));
    }

    static QByteArray reply(int status, const QByteArray &body)
    {
        return "HTTP/1.1 " + QByteArray::number(status) + (status == 200 ? " OK" : " Forbidden")
               + "\r\nContent-Type: application/json\r\nx-amzn-ErrorType: InvalidSignatureException\r\nContent-Length: "
               + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }

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
        const QByteArray head = buffer.left(end).replace("\r\n", "\n");
        const QByteArray body = buffer.mid(end + 4, total - end - 4);
        buffer.remove(0, total);
        socket->write(answer(parse(head, body)));
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
    void xmlBody_data();
    void xmlBody();
    void cancelWhileWaiting();
    void refusedInWords();
    void environmentFile();
    void bearerAuth();
    void bodyKinds_data();
    void bodyKinds();
    void findAndSaveBody();
    void bigBodyStreamsToDisk();
    void timeoutAndRedirectSettings();
    void cookiesTimingAndPreview();
    void basicAndApiKeyAuth();
    void requestTabs();
    void networkSettings();
    void formAndFileBodies();
    void authGuessesServiceAndRegion();
    void sigv4Send_data();
    void sigv4Send();
    void sigv4ProfileWithoutCredentialsIsExplained();
    void sigv4WithToolbarTarget();

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
    void grabSigning(const QString &name);
    void chooseSigV4Keys(const QString &keyId, const QString &secret);

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

void TestRequestBuilder::xmlBody_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("contentTypeHeader"); // empty: none set by the person
    QTest::addColumn<QString>("status");
    QTest::addColumn<QByteArray>("sentType");
    QTest::newRow("well-formed, application/xml added")
        << QStringLiteral("<?xml version=\"1.0\"?>\n<order id=\"{{id}}\">\n  <snack>\u00e9clair</snack>\n</order>")
        << QString() << QStringLiteral("Well-formed XML") << QByteArray("application/xml");
    QTest::newRow("the person's Content-Type wins")
        << QStringLiteral("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body/></soap:Envelope>")
        << QStringLiteral("application/soap+xml; charset=utf-8") << QStringLiteral("Well-formed XML")
        << QByteArray("application/soap+xml; charset=utf-8");
    // As with JSON, an invalid body is explained under the editor and still sent as typed.
    QTest::newRow("mismatched tag explained, sent anyway")
        << QStringLiteral("<order>\n  <snack>rye</snak>\n</order>") << QString()
        << QStringLiteral("Invalid XML: Line 2, column 19: Opening and ending tag mismatch.") << QByteArray("application/xml");
}

void TestRequestBuilder::xmlBody()
{
    QFETCH(QString, body);
    QFETCH(QString, contentTypeHeader);
    QFETCH(QString, status);
    QFETCH(QByteArray, sentType);
    Core::RequestSpec spec;
    spec.method = QStringLiteral("POST");
    spec.url = m_server->base() + QStringLiteral("/orders");
    if (!contentTypeHeader.isEmpty())
        spec.headers.append({true, QStringLiteral("Content-Type"), contentTypeHeader});
    m_widget->setRequestSpec(spec);
    table("variablesTable")->item(0, 1)->setText(QStringLiteral("id"));
    table("variablesTable")->item(0, 2)->setText(QStringLiteral("42"));

    // The chooser offers XML between JSON and Text, and choosing it makes an XML request.
    auto *kind = m_widget->findChild<QComboBox *>(QStringLiteral("bodyKindCombo"));
    QCOMPARE(kind->itemText(1), QStringLiteral("JSON"));
    QCOMPARE(kind->itemText(2), QStringLiteral("XML"));
    QCOMPARE(kind->itemText(3), QStringLiteral("Text"));
    kind->setCurrentIndex(2);
    auto *edit = m_widget->findChild<QPlainTextEdit *>(QStringLiteral("bodyEdit"));
    edit->setPlainText(body);
    QCOMPARE(m_widget->findChild<QLabel *>(QStringLiteral("bodyStatusLabel"))->text(), status);
    QCOMPARE(m_widget->requestSpec().bodyKind, Core::BodyKind::Xml);
    QCOMPARE(m_widget->requestSpec().body, body);

    m_widget->send();
    QTRY_COMPARE(m_server->requests.size(), 1);
    const QByteArray raw = m_server->requests.at(0);
    const qsizetype end = raw.indexOf("\r\n\r\n");
    const QByteArray head = raw.left(end + 2).toLower();
    const QByteArray typeLine = "\r\ncontent-type: " + sentType.toLower() + "\r\n";
    QVERIFY2(head.contains(typeLine), head.constData());
    QCOMPARE(head.count("\r\ncontent-type:"), 1);
    QByteArray expected = body.toUtf8();
    expected.replace("{{id}}", "42");
    const QByteArray received = raw.mid(end + 4);
    QCOMPARE(received, expected);

    // Python's own parser agrees with the check on the bytes the server received.
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"), QStringLiteral("import sys, xml.etree.ElementTree as E\n"
                                                       "try:\n    r = E.fromstring(sys.stdin.buffer.read())\n"
                                                       "except E.ParseError as e:\n    print('error', e.position[0]); sys.exit(0)\n"
                                                       "print(r.tag, r.get('id'), ''.join(r.itertext()).strip())\n")});
    QVERIFY(python.waitForStarted());
    python.write(received);
    python.closeWriteChannel();
    QVERIFY(python.waitForFinished(30000));
    const QString parsed = QString::fromUtf8(python.readAllStandardOutput()).trimmed();
    if (status.startsWith(QLatin1String("Invalid XML: Line 2,")))
        QCOMPARE(parsed, QStringLiteral("error 2"));
    else if (contentTypeHeader.isEmpty())
        QCOMPARE(parsed, QStringLiteral("order 42 \u00e9clair"));
    else
        QCOMPARE(parsed, QStringLiteral("{http://schemas.xmlsoap.org/soap/envelope/}Envelope None"));

    // Reopened from its spec, the request shows XML again.
    const Core::RequestSpec saved = m_widget->requestSpec();
    kind->setCurrentIndex(0);
    m_widget->setRequestSpec(saved);
    QCOMPARE(kind->currentIndex(), 2);
    QCOMPARE(m_widget->requestSpec().bodyKind, Core::BodyKind::Xml);
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

// Bearer auth: masked, sent as the Authorization header, empty refused in words.
void TestRequestBuilder::bearerAuth()
{
    QTest::keyClicks(url(), m_server->base() + QStringLiteral("/orders"));
    auto *tabs = m_widget->findChild<QTabWidget *>();
    tabs->setCurrentWidget(m_widget->authPanel());
    m_widget->findChild<QComboBox *>(QStringLiteral("authKindCombo"))->setCurrentIndex(2);
    m_widget->send();
    QTRY_VERIFY(m_widget->findChild<QLabel *>(QStringLiteral("problemLabel"))->text().contains(QStringLiteral("the token is empty")));
    QCOMPARE(m_server->requests.size(), 0);
    auto *token = m_widget->findChild<QLineEdit *>(QStringLiteral("bearerTokenEdit"));
    QCOMPARE(token->echoMode(), QLineEdit::Password);
    m_widget->authPanel()->useBearerToken(QStringLiteral("eyJ.abc.def"));
    QCOMPARE(tabs->tabText(tabs->indexOf(m_widget->authPanel())), QStringLiteral("Auth (Bearer)"));
    m_widget->send();
    QTRY_COMPARE(m_server->requests.size(), 1);
    QVERIFY(m_server->requests.at(0).contains("\r\nAuthorization: Bearer eyJ.abc.def\r\n"));
    QVERIFY(m_widget->requestSpec().auth.withoutSecrets().bearerToken.isEmpty());
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
    QTest::newRow("large json formats off the GUI thread, whole") << QByteArray("application/json") << big
                                                                  << QStringLiteral("\"row\"\n  }\n]");
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
        // Shown as sent at once, then replaced by the formatted text when the worker has it.
        QTRY_VERIFY(!m_widget->responseView()->isFormatting());
        QVERIFY(m_widget->responseView()->bodyText().startsWith(QStringLiteral("[\n  {\n    \"id\": 1234567,")));
        QVERIFY(m_widget->responseView()->bodyText().endsWith(shown));
        return;
    }
    QCOMPARE(m_widget->responseView()->bodyText(), shown);
}

void TestRequestBuilder::findAndSaveBody()
{
    m_server->contentType = "application/json";
    m_server->body = "{\"orders\":[{\"sku\":\"rye\"},{\"sku\":\"Sourdough\"}]}";
    m_widget->openRequest(QStringLiteral("GET"), m_server->base() + QStringLiteral("/b"));
    m_widget->send();
    QTRY_COMPARE(m_widget->responseView()->statusText(), QStringLiteral("200 OK"));
    Ui::ResponseView *view = m_widget->responseView();
    view->findEdit()->setText(QStringLiteral("sourdough"));
    QTest::keyClick(view->findEdit(), Qt::Key_Return);
    QCOMPARE(view->bodyView()->selectedText(), QStringLiteral("Sourdough"));
    view->findEdit()->setText(QStringLiteral("croissant"));
    QTest::keyClick(view->findEdit(), Qt::Key_Return);
    QVERIFY(view->findEdit()->toolTip().contains(QStringLiteral("is not in the body")));
    // Saved as received, not as shown.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("body.json"));
    QCOMPARE(view->saveBody(path), QString());
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), m_server->body);
    QVERIFY(view->saveBody(dir.filePath(QStringLiteral("missing/dir/body.json"))).contains(QStringLiteral("Could not save")));
}

// Past the threshold the answer goes to a temporary file as it arrives; the view shows it from
// there, Save copies the bytes as received, and the file goes with the answer.
void TestRequestBuilder::bigBodyStreamsToDisk()
{
    QByteArray body = "[";
    for (int i = 0; body.size() < 3 * 1024 * 1024; ++i)
        body += "{\"orderId\":\"o-" + QByteArray::number(i) + "\",\"sku\":\"rye\"},";
    body.back() = ']';
    m_server->body = body;
    m_widget->setSpoolThreshold(1024 * 1024);
    m_widget->openRequest(QStringLiteral("GET"), m_server->base() + QStringLiteral("/orders"));
    std::optional<Core::Result<Core::HttpClientResponse>> result;
    connect(m_widget, &Ui::RequestBuilderWidget::requestFinished, this,
            [&](const Core::Result<Core::HttpClientResponse> &r) { result = r; });
    m_widget->send();
    QTRY_VERIFY(result.has_value());
    QVERIFY(result->ok());
    QVERIFY((*result)->spool);
    const QString spoolPath = (*result)->spool->path();
    QVERIFY(QFileInfo::exists(spoolPath));
    Ui::ResponseView *view = m_widget->responseView();
    QCOMPARE(view->statusText(), QStringLiteral("200 OK"));
    QVERIFY(view->isSpooled());
    QTRY_VERIFY(!view->isFormatting());
    // Formatted into a second temporary file, identical to what format() makes in memory.
    QCOMPARE(view->bodyView()->utf8(), *Core::JsonPretty::format(body));
    view->findEdit()->setText(QStringLiteral("o-4242\""));
    QTest::keyClick(view->findEdit(), Qt::Key_Return);
    QCOMPARE(view->bodyView()->selectedText(), QStringLiteral("o-4242\""));
    QTemporaryDir dir;
    const QString saved = dir.filePath(QStringLiteral("orders.json"));
    QCOMPARE(view->saveBody(saved), QString());
    QFile file(saved);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll() == body);
    // A small answer replaces it; once nothing holds the big one, its file is gone.
    m_server->body = "{}";
    result.reset();
    m_widget->send();
    QTRY_VERIFY(result.has_value());
    QVERIFY(!view->isSpooled());
    QTRY_VERIFY(!QFileInfo::exists(spoolPath));
}

// The request's own timeout and redirect choice: shown, kept in the document, undoable, obeyed.
void TestRequestBuilder::timeoutAndRedirectSettings()
{
    auto *timeout = m_widget->findChild<QSpinBox *>(QStringLiteral("timeout"));
    auto *follow = m_widget->findChild<QCheckBox *>(QStringLiteral("followRedirects"));
    QVERIFY(timeout && follow);
    QCOMPARE(m_widget->requestSpec().timeoutMs, 30000);
    QVERIFY(!m_widget->requestSpec().followRedirects);
    Core::RequestSpec spec;
    spec.url = m_server->base() + QStringLiteral("/slow");
    spec.timeoutMs = 1500;
    spec.followRedirects = true;
    m_widget->setRequestSpec(spec);
    QCOMPARE(timeout->value(), 2); // whole seconds, rounded up
    QVERIFY(follow->isChecked());
    timeout->setValue(1);
    follow->setChecked(false);
    QCOMPARE(m_widget->requestSpec().timeoutMs, 1000);
    QVERIFY(!m_widget->requestSpec().followRedirects);
    m_widget->undoStack()->undo();
    QVERIFY(follow->isChecked());
    m_widget->undoStack()->undo();
    QCOMPARE(timeout->value(), 2);
    m_widget->undoStack()->redo();
    m_widget->undoStack()->redo();
    QCOMPARE(timeout->value(), 1);
    QVERIFY(!follow->isChecked());
    // A server that never answers is given up on after the request's own timeout.
    m_server->silent = true;
    QElapsedTimer clock;
    clock.start();
    m_widget->send();
    QTRY_COMPARE_WITH_TIMEOUT(m_widget->responseView()->statusText(), QStringLiteral("No response"), 5000);
    QVERIFY(clock.elapsed() < 4000);
    QVERIFY(m_widget->responseView()->messageText().contains(QStringLiteral("1 s")));
}

void TestRequestBuilder::cookiesTimingAndPreview()
{
    m_server->contentType = "text/html; charset=utf-8";
    m_server->extraHeaders = "Set-Cookie: session=abc123; Path=/; HttpOnly\r\n"
                             "Set-Cookie: theme=dark; Domain=example.com; Secure; Expires=Wed, 01 Jan 2031 10:00:00 GMT\r\n";
    m_server->body = "<html><body><h1>Bakery</h1><p>Fresh <b>sourdough</b></p></body></html>";
    m_widget->openRequest(QStringLiteral("GET"), m_server->base() + QStringLiteral("/page"));
    m_widget->send();
    QTRY_COMPARE(m_widget->responseView()->statusText(), QStringLiteral("200 OK"));
    Ui::ResponseView *view = m_widget->responseView();
    QTableWidget *cookies = view->cookiesTable();
    QCOMPARE(cookies->rowCount(), 2);
    QCOMPARE(cookies->item(0, 0)->text(), QStringLiteral("session"));
    QCOMPARE(cookies->item(0, 5)->text(), QStringLiteral("yes")); // HttpOnly
    QCOMPARE(cookies->item(0, 4)->text(), QStringLiteral("end of session"));
    QCOMPARE(cookies->item(1, 2)->text(), QStringLiteral("example.com"));
    QCOMPARE(cookies->item(1, 4)->text(), QStringLiteral("2031-01-01T10:00:00Z"));
    QCOMPARE(cookies->item(1, 6)->text(), QStringLiteral("yes")); // Secure
    QVERIFY(view->hasPreview());
    QVERIFY(view->htmlPreview()->toPlainText().contains(QStringLiteral("Fresh sourdough")));
    // Timing: the phases add up to the total.
    QTableWidget *timing = view->timingTable();
    QVERIFY(timing->rowCount() >= 3);
    QCOMPARE(timing->item(timing->rowCount() - 1, 0)->text(), QStringLiteral("Total"));
    qint64 sum = 0;
    for (int row = 0; row + 1 < timing->rowCount(); ++row)
        sum += timing->item(row, 1)->text().toLongLong();
    QCOMPARE(sum, timing->item(timing->rowCount() - 1, 1)->text().toLongLong());

    // An image answer is drawn.
    QImage image(3, 2, QImage::Format_RGB32);
    image.fill(Qt::red);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    m_server->contentType = "image/png";
    m_server->extraHeaders.clear();
    m_server->body = png;
    m_widget->send();
    QTRY_VERIFY(view->imagePreview()->toolTip() == QStringLiteral("3 \u00d7 2 pixels"));
    QCOMPARE(view->cookiesTable()->rowCount(), 0);
    // JSON has nothing to preview.
    m_server->contentType = "application/json";
    m_server->body = "{}";
    m_widget->send();
    QTRY_VERIFY(!view->hasPreview());
}

void TestRequestBuilder::basicAndApiKeyAuth()
{
    m_server->contentType = "application/json";
    m_server->body = "{}";
    m_widget->openRequest(QStringLiteral("GET"), m_server->base() + QStringLiteral("/basic"));
    auto *kind = m_widget->findChild<QComboBox *>(QStringLiteral("authKindCombo"));
    kind->setCurrentIndex(int(Core::AuthKind::Basic));
    QTest::keyClicks(m_widget->findChild<QLineEdit *>(QStringLiteral("basicUserEdit")), QStringLiteral("Aladdin"));
    QTest::keyClicks(m_widget->findChild<QLineEdit *>(QStringLiteral("basicPasswordEdit")), QStringLiteral("open sesame"));
    const qsizetype before = m_server->requests.size();
    m_widget->send();
    QTRY_COMPARE(m_server->requests.size(), before + 1);
    QTRY_COMPARE(m_widget->responseView()->statusText(), QStringLiteral("200 OK"));
    QVERIFY2(m_server->requests.last().contains("\r\nAuthorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n"),
             m_server->requests.last().constData());
    QVERIFY(m_widget->requestSpec().auth.withoutSecrets().basicPassword.isEmpty());

    kind->setCurrentIndex(int(Core::AuthKind::ApiKey));
    QTest::keyClicks(m_widget->findChild<QLineEdit *>(QStringLiteral("apiKeyValueEdit")), QStringLiteral("k-123"));
    m_widget->send();
    QTRY_COMPARE(m_server->requests.size(), before + 2);
    QTRY_COMPARE(m_widget->responseView()->statusText(), QStringLiteral("200 OK"));
    QVERIFY(m_server->requests.last().contains("\r\nx-api-key: k-123\r\n"));
    m_widget->findChild<QComboBox *>(QStringLiteral("apiKeyLocationCombo"))->setCurrentIndex(1);
    m_widget->send();
    QTRY_COMPARE(m_server->requests.size(), before + 3);
    QVERIFY2(m_server->requests.last().startsWith("GET /basic?x-api-key=k-123 "), m_server->requests.last().constData());
}

void TestRequestBuilder::requestTabs()
{
    QTabBar *tabs = m_widget->requestTabs();
    QCOMPARE(tabs->count(), 1);
    m_server->contentType = "application/json";
    m_server->body = "{\"tab\":1}";
    m_widget->openRequest(QStringLiteral("GET"), m_server->base() + QStringLiteral("/first"));
    QCOMPARE(tabs->tabText(0), QStringLiteral("GET /first"));
    m_widget->send();
    QTRY_COMPARE(m_widget->responseView()->statusText(), QStringLiteral("200 OK"));

    // A new tab starts empty, with no answer.
    QCOMPARE(m_widget->newRequestTab(), 1);
    QCOMPARE(tabs->currentIndex(), 1);
    QVERIFY(m_widget->requestSpec().url.isEmpty());
    QCOMPARE(tabs->tabText(1), QStringLiteral("New request"));
    QVERIFY(!m_widget->responseView()->messageText().isEmpty());
    m_widget->openRequest(QStringLiteral("POST"), m_server->base() + QStringLiteral("/second"));
    QCOMPARE(tabs->tabText(1), QStringLiteral("POST /second"));

    // Back to the first: its request and its answer.
    tabs->setCurrentIndex(0);
    QCOMPARE(m_widget->requestSpec().url, m_server->base() + QStringLiteral("/first"));
    QCOMPARE(m_widget->responseView()->statusText(), QStringLiteral("200 OK"));
    QVERIFY(m_widget->responseView()->bodyText().contains(QStringLiteral("\"tab\": 1")));

    // Duplicate, rename, reorder by dragging (moveTab), close.
    m_widget->duplicateRequestTab(0);
    QCOMPARE(tabs->count(), 3);
    QCOMPARE(tabs->currentIndex(), 2);
    QCOMPARE(m_widget->requestSpec().url, m_server->base() + QStringLiteral("/first"));
    m_widget->renameRequestTab(2, QStringLiteral("Orders, again"));
    QCOMPARE(tabs->tabText(2), QStringLiteral("Orders, again"));
    tabs->moveTab(2, 0);
    QCOMPARE(tabs->tabText(0), QStringLiteral("Orders, again"));
    tabs->setCurrentIndex(2);
    QCOMPARE(m_widget->requestSpec().method, QStringLiteral("POST"));
    m_widget->closeRequestTab(2);
    QCOMPARE(tabs->count(), 2);
    m_widget->closeRequestTab(0);
    m_widget->closeRequestTab(0);
    QCOMPARE(tabs->count(), 1); // never none
    QVERIFY(m_widget->requestSpec().url.isEmpty());

    // An answer that arrives while its tab is in the background waits there.
    std::optional<Core::Result<Core::HttpClientResponse>> answer;
    connect(m_widget, &Ui::RequestBuilderWidget::requestFinished, this,
            [&](const Core::Result<Core::HttpClientResponse> &r) { answer = r; });
    m_widget->openRequest(QStringLiteral("GET"), m_server->base() + QStringLiteral("/slow"));
    m_widget->send();
    m_widget->newRequestTab();
    QVERIFY(!m_widget->isSending()); // the new tab has nothing in flight
    QTRY_VERIFY(answer.has_value());
    QVERIFY(m_widget->responseView()->statusText().isEmpty());
    tabs->setCurrentIndex(0);
    QCOMPARE(m_widget->responseView()->statusText(), QStringLiteral("200 OK"));

    // Tabs send independently: one waits for a server that does not answer while another
    // sends and gets its answer; the waiting one is cancelled from its own tab.
    m_server->silent = true;
    m_widget->openRequest(QStringLiteral("GET"), m_server->base() + QStringLiteral("/hangs"));
    m_widget->send();
    QTRY_VERIFY(!m_server->requests.isEmpty() && m_server->requests.last().startsWith("GET /hangs"));
    m_widget->newRequestTab();
    m_server->silent = false;
    m_widget->openRequest(QStringLiteral("GET"), m_server->base() + QStringLiteral("/answers"));
    QCOMPARE(sendButton()->text(), QStringLiteral("Send"));
    answer.reset();
    m_widget->send();
    QTRY_VERIFY(answer.has_value());
    QCOMPARE(m_widget->responseView()->statusText(), QStringLiteral("200 OK"));
    QVERIFY((*answer)->finalUrl.path() == QStringLiteral("/answers"));
    tabs->setCurrentIndex(0);
    QVERIFY(m_widget->isSending());
    QCOMPARE(sendButton()->text(), QStringLiteral("Cancel"));
    m_widget->cancel();
    QCOMPARE(m_widget->responseView()->statusText(), QStringLiteral("Cancelled"));
    QVERIFY(!m_widget->isSending());
}

void TestRequestBuilder::networkSettings()
{
    Core::HttpOptions current;
    current.cookies = true;
    Ui::NetworkSettingsDialog dialog(current);
    dialog.show();
    QVERIFY(dialog.options().cookies);
    QVERIFY(dialog.options().verifyTls);
    // A file that cannot be used keeps the dialog open with the reason.
    dialog.caFileEdit()->setText(QStringLiteral("/nonexistent/ca.pem"));
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QVERIFY(dialog.problemLabel()->text().contains(QStringLiteral("Could not read the CA file")));
    dialog.caFileEdit()->clear();
    dialog.verifyBox()->setChecked(false);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(!dialog.options().verifyTls);

    // The builder shows a banner while certificates go unchecked.
    QVERIFY(!m_widget->tlsWarning()->isVisibleTo(m_widget));
    QVERIFY(m_widget->setHttpOptions(dialog.options()).ok());
    QVERIFY(m_widget->tlsWarning()->isVisibleTo(m_widget));
    QVERIFY(m_widget->setHttpOptions({}).ok());
    QVERIFY(!m_widget->tlsWarning()->isVisibleTo(m_widget));
}

void TestRequestBuilder::formAndFileBodies()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("loaf.txt")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("crusty");
    file.close();
    Core::RequestSpec spec;
    spec.method = QStringLiteral("POST");
    spec.url = m_server->base() + QStringLiteral("/upload");
    spec.bodyKind = Core::BodyKind::Multipart;
    spec.formFields = {{true, QStringLiteral("name"), QStringLiteral("Ann"), false},
                       {true, QStringLiteral("photo"), file.fileName(), true}};
    m_widget->setRequestSpec(spec);
    // The table shows the file as @path, and gives it back as a file field.
    auto *table = m_widget->findChild<QTableWidget *>();
    QVERIFY(table);
    QCOMPARE(m_widget->requestSpec().formFields, spec.formFields);
    const qsizetype before = m_server->requests.size();
    m_widget->send();
    QTRY_COMPARE(m_server->requests.size(), before + 1);
    QTRY_COMPARE(m_widget->responseView()->statusText(), QStringLiteral("200 OK"));
    const QByteArray sent = m_server->requests.last();
    QVERIFY2(sent.contains("Content-Type: multipart/form-data; boundary="), sent.constData());
    QVERIFY(sent.contains("Content-Disposition: form-data; name=\"photo\"; filename=\"loaf.txt\""));
    QVERIFY(sent.contains("\r\n\r\ncrusty\r\n"));

    // Binary: the file's bytes; a missing file is named before anything is sent.
    spec.bodyKind = Core::BodyKind::Binary;
    spec.bodyFile = dir.filePath(QStringLiteral("missing.bin"));
    m_widget->setRequestSpec(spec);
    QCOMPARE(m_widget->findChild<QLineEdit *>(QStringLiteral("bodyFileEdit"))->text(), spec.bodyFile);
    m_widget->send();
    QVERIFY(m_widget->findChild<QLabel *>(QStringLiteral("problemLabel"))->text().contains(QStringLiteral("Could not read the file")));
    QCOMPARE(m_server->requests.size(), before + 1);
}

void TestRequestBuilder::chooseSigV4Keys(const QString &keyId, const QString &secret)
{
    m_widget->findChild<QComboBox *>(QStringLiteral("authKindCombo"))->setCurrentIndex(1);
    m_widget->findChild<QComboBox *>(QStringLiteral("credentialSourceCombo"))->setCurrentIndex(1);
    QTest::keyClicks(m_widget->findChild<QLineEdit *>(QStringLiteral("accessKeyEdit")), keyId);
    QTest::keyClicks(m_widget->findChild<QLineEdit *>(QStringLiteral("secretKeyEdit")), secret);
}

// GATEHOUSE_GRAB_DIR=/tmp saves sig-<name>.png with the Auth tab or the Signing tab in view.
void TestRequestBuilder::grabSigning(const QString &name)
{
    const QByteArray dir = qgetenv("GATEHOUSE_GRAB_DIR");
    if (!dir.isEmpty())
        m_widget->grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/sig-%1.png").arg(name));
}

void TestRequestBuilder::authGuessesServiceAndRegion()
{
    auto *tabs = m_widget->findChild<QTabWidget *>();
    tabs->setCurrentWidget(m_widget->authPanel());
    QLineEdit *service = m_widget->findChild<QLineEdit *>(QStringLiteral("serviceEdit"));
    QLineEdit *region = m_widget->findChild<QLineEdit *>(QStringLiteral("regionEdit"));
    m_widget->findChild<QComboBox *>(QStringLiteral("authKindCombo"))->setCurrentIndex(1);
    QTest::keyClicks(url(), QStringLiteral("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/items"));
    QCOMPARE(service->text(), QStringLiteral("execute-api"));
    QCOMPARE(region->text(), QStringLiteral("eu-west-1"));
    QVERIFY(m_widget->authPanel()->isServiceGuessed());
    QCOMPARE(m_widget->findChild<QLabel *>(QStringLiteral("serviceHint"))->text(), QStringLiteral("guessed"));
    QVERIFY(m_widget->requestSpec().auth.service.isEmpty()); // guessed again at send time
    grabSigning(QStringLiteral("auth-guessed"));

    service->selectAll();
    QTest::keyClicks(service, QStringLiteral("lambda"));
    url()->selectAll();
    QTest::keyClicks(url(), QStringLiteral("https://lambda.us-west-2.amazonaws.com/2015-03-31/functions"));
    QCOMPARE(service->text(), QStringLiteral("lambda"));
    QCOMPARE(region->text(), QStringLiteral("us-west-2"));
    QVERIFY(!m_widget->authPanel()->isServiceGuessed());
    QVERIFY(m_widget->authPanel()->isRegionGuessed());
    QCOMPARE(m_widget->requestSpec().auth.service, QStringLiteral("lambda"));
    QCOMPARE(tabs->tabText(tabs->indexOf(m_widget->authPanel())), QStringLiteral("Auth (SigV4)"));

    m_widget->findChild<QComboBox *>(QStringLiteral("credentialSourceCombo"))->setCurrentIndex(2);
    QLineEdit *secret = m_widget->findChild<QLineEdit *>(QStringLiteral("secretKeyEdit"));
    QLineEdit *token = m_widget->findChild<QLineEdit *>(QStringLiteral("sessionTokenEdit"));
    QTest::keyClicks(secret, QStringLiteral("s3cr3t"));
    QTest::keyClicks(token, QStringLiteral("tok"));
    QCOMPARE(secret->echoMode(), QLineEdit::Password);
    QVERIFY(token->isVisible());
    grabSigning(QStringLiteral("auth"));
    m_widget->findChild<QCheckBox *>(QStringLiteral("showSecretsCheck"))->setChecked(true);
    QCOMPARE(secret->echoMode(), QLineEdit::Normal);
    const Core::RequestAuth auth = m_widget->requestSpec().auth;
    QCOMPARE(auth.source, Core::AwsCredentialSource::TemporaryCredentials);
    QCOMPARE(auth.secretAccessKey, QStringLiteral("s3cr3t"));
    QCOMPARE(auth.sessionToken, QStringLiteral("tok"));
    QVERIFY(auth.withoutSecrets().secretAccessKey.isEmpty());
    QVERIFY(auth.withoutSecrets().sessionToken.isEmpty());

    Core::RequestSpec spec = m_widget->requestSpec();
    m_widget->setRequestSpec(Core::RequestSpec{});
    QCOMPARE(m_widget->requestSpec().auth.kind, Core::AuthKind::None);
    m_widget->setRequestSpec(spec);
    QVERIFY(m_widget->requestSpec().auth == spec.auth);
}

void TestRequestBuilder::sigv4Send_data()
{
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QByteArray>("pathPrefix");
    QTest::addColumn<bool>("post");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("advice");
    QTest::addColumn<int>("source");
    QTest::addColumn<bool>("unsignedPayload");
    const int keys = int(Core::AwsCredentialSource::AccessKeys);
    const int temporary = int(Core::AwsCredentialSource::TemporaryCredentials);
    QTest::newRow("right keys") << QStringLiteral("test") << QByteArray() << false << QStringLiteral("200 OK") << QString()
                                << keys << false;
    QTest::newRow("right keys, JSON body") << QStringLiteral("test") << QByteArray() << true << QStringLiteral("200 OK")
                                           << QString() << keys << false;
    QTest::newRow("unsigned payload") << QStringLiteral("test") << QByteArray() << true << QStringLiteral("200 OK")
                                      << QString() << keys << true;
    QTest::newRow("temporary credentials") << QStringLiteral("test") << QByteArray() << true << QStringLiteral("200 OK")
                                           << QString() << temporary << false;
    QTest::newRow("wrong secret") << QStringLiteral("wrong") << QByteArray() << false << QStringLiteral("403 Forbidden")
                                  << QStringLiteral("secret access key is wrong") << keys << false;
    QTest::newRow("proxy changed the path") << QStringLiteral("test") << QByteArray("/prod") << true
                                            << QStringLiteral("403 Forbidden") << QStringLiteral("The path differs")
                                            << keys << false;
}

void TestRequestBuilder::sigv4Send()
{
    QFETCH(QString, secret);
    QFETCH(QByteArray, pathPrefix);
    QFETCH(bool, post);
    QFETCH(QString, status);
    QFETCH(QString, advice);
    QFETCH(int, source);
    QFETCH(bool, unsignedPayload);
    SigV4Server server;
    server.pathPrefix = pathPrefix;
    QTest::keyClicks(url(), server.base() + QStringLiteral("/_aws/execute-api/abcdefghij/items?b=2&a=1"));
    if (post) {
        m_widget->findChild<QComboBox *>(QStringLiteral("methodCombo"))->setCurrentText(QStringLiteral("POST"));
        m_widget->findChild<QComboBox *>(QStringLiteral("bodyKindCombo"))->setCurrentIndex(1);
        m_widget->findChild<QPlainTextEdit *>(QStringLiteral("bodyEdit"))->setPlainText(QStringLiteral("{\"order\": \"rye\"}"));
    }
    chooseSigV4Keys(QStringLiteral("AKIDTEST"), secret);
    m_widget->findChild<QComboBox *>(QStringLiteral("credentialSourceCombo"))->setCurrentIndex(source);
    QTest::keyClicks(m_widget->findChild<QLineEdit *>(QStringLiteral("sessionTokenEdit")), QStringLiteral("token-1"));
    m_widget->findChild<QCheckBox *>(QStringLiteral("unsignedPayloadCheck"))->setChecked(unsignedPayload);
    QTest::mouseClick(sendButton(), Qt::LeftButton);
    const Ui::ResponseView *response = m_widget->responseView();
    QTRY_COMPARE(response->statusText(), status);
    QCOMPARE(server.requests.size(), 1);
    const Core::HttpHeaders &sent = server.requests.at(0).headers;
    QVERIFY(sent.value("Authorization").startsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/"));
    QCOMPARE(sent.value("X-Amz-Security-Token"), source == int(Core::AwsCredentialSource::TemporaryCredentials)
                                                     ? QByteArray("token-1") : QByteArray());
    QCOMPARE(sent.value("x-amz-content-sha256") == "UNSIGNED-PAYLOAD", unsignedPayload);

    const Ui::SigningView *signing = response->signingView();
    QVERIFY(signing->hasSignature());
    const QString stages = signing->stagesText();
    const QString method = post ? QStringLiteral("POST") : QStringLiteral("GET");
    QVERIFY2(stages.contains(QStringLiteral("Canonical request\n%1\n/_aws/execute-api/abcdefghij/items\na=1&b=2\n").arg(method)),
             qPrintable(stages));
    QVERIFY(stages.contains(QStringLiteral("String to sign\nAWS4-HMAC-SHA256\n")));
    QVERIFY(stages.contains(QStringLiteral("/us-east-1/execute-api/aws4_request")));
    QVERIFY(stages.contains(QStringLiteral("Authorization header\nAWS4-HMAC-SHA256 Credential=AKIDTEST/")));
    QVERIFY(stages.contains(QStringLiteral("content-type:application/json")) == post);
    QVERIFY(!stages.contains(secret));
    QCOMPARE(signing->hasMismatch(), !advice.isEmpty());
    if (advice.isEmpty()) {
        m_widget->responseView()->showSigningTab();
        grabSigning(QStringLiteral("stages"));
        return;
    }
    QVERIFY2(signing->adviceText().contains(advice), qPrintable(signing->adviceText()));
    QVERIFY(signing->isVisible()); // the Signing tab comes to the front
    QVERIFY(signing->serverText().contains(QStringLiteral("Canonical request")));
    if (pathPrefix.isEmpty()) {
        QCOMPARE(signing->markedLineCount(), 0);
        QCOMPARE(signing->oursText(), signing->serverText());
        grabSigning(QStringLiteral("wrong-secret"));
    } else {
        QVERIFY(signing->markedLineCount() >= 2); // the path and the string to sign's hash
        QVERIFY2(signing->oursText().contains(QStringLiteral("\u2260 /_aws/execute-api/abcdefghij/items\n")),
                 qPrintable(signing->oursText()));
        QVERIFY(signing->serverText().contains(QStringLiteral("\u2260 /prod/_aws/execute-api/abcdefghij/items\n")));
        grabSigning(QStringLiteral("diff"));
    }
}

void TestRequestBuilder::sigv4ProfileWithoutCredentialsIsExplained()
{
    QTemporaryDir home;
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), home.path());
    m_widget->authorizer()->setEnvironment(env);
    QTest::keyClicks(url(), m_server->base() + QStringLiteral("/_aws/execute-api/abcdefghij/items"));
    m_widget->findChild<QComboBox *>(QStringLiteral("authKindCombo"))->setCurrentIndex(1);
    m_widget->findChild<QComboBox *>(QStringLiteral("credentialSourceCombo"))
        ->setCurrentIndex(int(Core::AwsCredentialSource::Profile));
    m_widget->findChild<QComboBox *>(QStringLiteral("profileCombo"))->setCurrentText(QStringLiteral("nobody"));
    QTest::mouseClick(sendButton(), Qt::LeftButton);
    QTRY_VERIFY(problem().startsWith(QStringLiteral("Cannot sign the request:")));
    QVERIFY2(problem().contains(QStringLiteral("nobody")), qPrintable(problem()));
    QCOMPARE(sendButton()->text(), QStringLiteral("Send"));
    QVERIFY(m_server->requests.isEmpty());
}

// The default source signs with the toolbar target: the emulator's keys, then a profile's keys
// and region once the target changes.
void TestRequestBuilder::sigv4WithToolbarTarget()
{
    SigV4Server server;
    m_widget->setTarget(Core::Target::emulator(QUrl(server.base())));
    QCOMPARE(m_widget->target().kind(), Core::Target::Kind::Emulator);
    auto *tabs = m_widget->findChild<QTabWidget *>();
    tabs->setCurrentWidget(m_widget->authPanel());
    QTest::keyClicks(url(), server.base() + QStringLiteral("/_aws/execute-api/abcdefghij/items"));
    m_widget->findChild<QComboBox *>(QStringLiteral("authKindCombo"))->setCurrentIndex(1);
    QCOMPARE(m_widget->requestSpec().auth.source, Core::AwsCredentialSource::Target);
    const QLabel *summary = m_widget->findChild<QLabel *>(QStringLiteral("targetSummaryLabel"));
    QVERIFY(summary->isVisible());
    QCOMPARE(summary->text(), QStringLiteral("Emulator keys (test) \u00b7 us-east-1"));
    QVERIFY(!m_widget->findChild<QLineEdit *>(QStringLiteral("accessKeyEdit"))->isVisible());
    grabSigning(QStringLiteral("target-auth"));
    QTest::mouseClick(sendButton(), Qt::LeftButton);
    QTRY_COMPARE(m_widget->responseView()->statusText(), QStringLiteral("200 OK"));
    QVERIFY(server.requests.at(0).headers.value("Authorization").startsWith("AWS4-HMAC-SHA256 Credential=test/"));

    QTemporaryDir home;
    QFile config(home.filePath(QStringLiteral("config")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("[profile dev]\nregion = eu-west-1\n");
    config.close();
    QFile credentials(home.filePath(QStringLiteral("credentials")));
    QVERIFY(credentials.open(QIODevice::WriteOnly));
    credentials.write("[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = test\n");
    credentials.close();
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("AWS_CONFIG_FILE"), config.fileName());
    env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), credentials.fileName());
    m_widget->authorizer()->setEnvironment(env);
    m_widget->setTarget(Core::Target::awsProfile(QStringLiteral("dev"), QStringLiteral("eu-west-1")));
    QCOMPARE(summary->text(), QStringLiteral("Profile dev \u00b7 eu-west-1"));
    // A loopback host names no region: the target's region is signed.
    url()->selectAll();
    QTest::keyClicks(url(), server.base() + QStringLiteral("/items"));
    QTest::keyClicks(m_widget->findChild<QLineEdit *>(QStringLiteral("serviceEdit")), QStringLiteral("execute-api"));
    QCOMPARE(m_widget->findChild<QLineEdit *>(QStringLiteral("regionEdit"))->text(), QStringLiteral("eu-west-1"));
    QCOMPARE(m_widget->findChild<QLabel *>(QStringLiteral("regionHint"))->text(), QStringLiteral("from the target"));
    QVERIFY(m_widget->requestSpec().auth.region.isEmpty()); // still the target's at send time
    grabSigning(QStringLiteral("target-profile"));
    QTest::mouseClick(sendButton(), Qt::LeftButton);
    QTRY_COMPARE(server.requests.size(), 2);
    QTRY_COMPARE(m_widget->responseView()->statusText(), QStringLiteral("200 OK"));
    const QByteArray authorization = server.requests.at(1).headers.value("Authorization");
    QVERIFY2(authorization.contains("Credential=AKIDDEV/") && authorization.contains("/eu-west-1/execute-api/aws4_request"),
             authorization.constData());
}

QTEST_MAIN(TestRequestBuilder)
#include "tst_requestbuilder.moc"
