#include "ui/history/historypanel.h"
#include "ui/mainwindow.h"
#include "ui/requestbuilder/requestbuilderwidget.h"
#include "ui/requestbuilder/responseview.h"

#include <QApplication>
#include <QDockWidget>
#include <QMessageBox>
#include <QTimer>
#include <QFile>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse;

namespace {

// Answers each request with a JSON body that names its method and path.
class EchoServer : public QObject
{
public:
    EchoServer()
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

private:
    void onData(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const qsizetype lengthAt = buffer.toLower().indexOf("\r\ncontent-length:");
        qsizetype length = 0;
        if (lengthAt >= 0 && lengthAt < end)
            length = buffer.mid(lengthAt + 17, buffer.indexOf("\r\n", lengthAt + 2) - lengthAt - 17)
                         .trimmed()
                         .toLongLong();
        if (buffer.size() < end + 4 + length)
            return;
        QByteArray line = buffer.left(buffer.indexOf("\r\n"));
        if (const qsizetype query = line.indexOf('?'); query >= 0)
            line = line.left(query); // the answer holds no secret of the URL
        buffer.remove(0, end + 4 + length);
        const QByteArray body = "{\"requestLine\":\"" + line + "\"}";
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                      "Set-Cookie: session=hunter2\r\nContent-Length: "
                      + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace

class TestHistoryPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void recordsSearchesAndOpens();

private:
    void answerNextQuestion(QMessageBox::StandardButton button);
    QTemporaryDir m_home;
};

void TestHistoryPanel::initTestCase()
{
    QVERIFY(m_home.isValid());
    qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
    qputenv("AWS_CONFIG_FILE", m_home.filePath(QStringLiteral("no-config")).toUtf8());
    qputenv("AWS_SHARED_CREDENTIALS_FILE", m_home.filePath(QStringLiteral("no-credentials")).toUtf8());
}

void TestHistoryPanel::recordsSearchesAndOpens()
{
    EchoServer server;
    Ui::MainWindow window;
    Ui::RequestBuilderWidget *builder = window.requestBuilder();
    Ui::HistoryPanel *panel = window.historyPanel();
    QVERIFY(panel);
    QVERIFY(window.historyDock()->toggleViewAction()->text().contains(QStringLiteral("History")));
    const QString path = panel->history()->path();
    QVERIFY2(path.startsWith(m_home.path()), qPrintable(path));
    QCOMPARE(panel->history()->rowCount(), 0);

    Core::RequestSpec orders;
    orders.url = server.base() + QStringLiteral("/orders?page=2&token=hunter2");
    orders.headers.append({true, QStringLiteral("Authorization"), QStringLiteral("Bearer hunter2")});
    builder->setRequestSpec(orders);
    QSignalSpy finished(builder, &Ui::RequestBuilderWidget::requestFinished);
    builder->send();
    QVERIFY(finished.wait(10000));

    Core::RequestSpec users;
    users.method = QStringLiteral("POST");
    users.url = server.base() + QStringLiteral("/users");
    users.body = QStringLiteral("{\"name\": \"ann\"}");
    users.bodyKind = Core::BodyKind::Json;
    builder->setRequestSpec(users);
    builder->send();
    QVERIFY(finished.wait(10000));

    QCOMPARE(panel->history()->rowCount(), 2);
    QVERIFY(panel->listView()->model()->index(0, 0).data().toString().startsWith(
        QStringLiteral("POST ") + users.url + QStringLiteral(" \u2014 200 \u00b7 ")));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray onDisk = file.readAll();
    QCOMPARE(onDisk.count('\n'), 2);
    QVERIFY(!onDisk.contains("hunter2"));
    QVERIFY(onDisk.contains("token=(redacted)"));

    // Search: URL, then response body text, then nothing.
    panel->searchField()->setText(QStringLiteral("ORDERS"));
    QCOMPARE(panel->listView()->model()->rowCount(), 1);
    panel->searchField()->setText(QStringLiteral("post /users http"));
    QCOMPARE(panel->listView()->model()->rowCount(), 1);
    panel->searchField()->setText(QStringLiteral("no such thing"));
    QCOMPARE(panel->listView()->model()->rowCount(), 0);
    QVERIFY(!panel->openButton()->isEnabled());
    panel->searchField()->setText(QStringLiteral("orders"));

    // Open: a new request tab with the stored request and its answer.
    const int tabs = builder->requestTabs()->count();
    panel->listView()->setCurrentIndex(panel->listView()->model()->index(0, 0));
    QVERIFY(panel->openButton()->isEnabled());
    panel->openButton()->click();
    QCOMPARE(builder->requestTabs()->count(), tabs + 1);
    QCOMPARE(builder->requestTabs()->currentIndex(), tabs);
    const Core::RequestSpec opened = builder->requestSpec();
    QCOMPARE(opened.method, QStringLiteral("GET"));
    QCOMPARE(opened.url, server.base() + QStringLiteral("/orders?page=2&token=(redacted)"));
    QCOMPARE(opened.headers.size(), 1);
    QCOMPARE(opened.headers.first().value, QStringLiteral("(redacted)"));
    QVERIFY(builder->responseView()->statusText().contains(QStringLiteral("200")));
    QVERIFY(builder->responseView()->bodyText().contains(QStringLiteral("/orders")));
    QCOMPARE(window.tools()->currentWidget(), builder);

    // Double-click opens one tab, not two.
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.historyDock()->raise();
    QListView *list = panel->listView();
    QTRY_VERIFY(list->isVisible());
    list->setCurrentIndex(list->model()->index(0, 0));
    const QRect row = list->visualRect(list->model()->index(0, 0));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, row.center());
    QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, row.center());
    QTRY_COMPARE_WITH_TIMEOUT(builder->requestTabs()->count(), tabs + 2, 2000);
    QTest::qWait(50);
    QCOMPARE(builder->requestTabs()->count(), tabs + 2);

    // A new window reads the same history back.
    {
        Ui::MainWindow second; // reads the file on a worker thread
        QTRY_COMPARE(second.historyPanel()->history()->rowCount(), 2);
    }

    // Clear asks first: Cancel keeps everything, Yes forgets it and removes the file.
    answerNextQuestion(QMessageBox::Cancel);
    panel->clearButton()->click();
    QCOMPARE(panel->history()->entries().size(), 2);
    answerNextQuestion(QMessageBox::Yes);
    panel->clearButton()->click();
    QCOMPARE(panel->history()->entries().size(), 0);
    QCOMPARE(panel->listView()->model()->rowCount(), 0);
    QVERIFY(!QFile::exists(path));
    QVERIFY(!panel->clearButton()->isEnabled());
}

void TestHistoryPanel::answerNextQuestion(QMessageBox::StandardButton button)
{
    QTimer::singleShot(0, this, [button] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        box->button(button)->click();
    });
}

QTEST_MAIN(TestHistoryPanel)
#include "tst_historypanel.moc"
