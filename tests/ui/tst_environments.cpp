// The Environments dialog and the request builder's selector, offscreen: an environment with a
// secret made in the dialog, a request sent with it to a loopback server that echoes what it
// got; the secret arrives, and neither the environment file nor the history holds it.
#include "core/environmentstore.h"
#include "core/history/requesthistory.h"
#include "core/secretstore.h"
#include "core/settings.h"
#include "ui/environments/environmentsdialog.h"
#include "ui/environments/environmentselector.h"
#include "ui/environments/environmenttable.h"
#include "ui/requestbuilder/keyvaluetable.h"
#include "ui/requestbuilder/requestbuilderwidget.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse;

namespace {

const QString Secret = QStringLiteral("sk-live-51Hq-\u00f8-echo");

// Answers each request with the request itself as the body.
class EchoServer : public QObject
{
public:
    EchoServer()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                    QByteArray &buffer = m_buffers[socket];
                    buffer += socket->readAll();
                    const qsizetype end = buffer.indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    const QByteArray request = buffer.left(end + 4);
                    buffer.remove(0, end + 4);
                    requests.append(request);
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                                  + QByteArray::number(request.size()) + "\r\n\r\n" + request);
                });
            }
        });
    }
    QString base() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }
    QList<QByteArray> requests;

private:
    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void setCell(QTableWidget *table, int row, int column, const QString &text)
{
    table->item(row, column)->setText(text);
}

} // namespace

class TestEnvironments : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void secretArrivesButStaysOutOfFilesAndHistory();
    void unsavedEditsAskBeforeDiscarding();
    void deleteAsksFirst();
    void importAndExportWithoutSecrets();
    void fileEnvironmentShowsInSelector();

private:
    Ui::EnvironmentsDialog *openDialog(Ui::RequestBuilderWidget &builder);
    QMessageBox *waitForBox(QWidget *parent, const QString &name);

    QTemporaryDir m_dir;
};

void TestEnvironments::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // environments and settings under ~/.qttest
    QCoreApplication::setOrganizationName(QStringLiteral("Gatehouse"));
    QCoreApplication::setApplicationName(QStringLiteral("Gatehouse"));
    // No secret service on this bus: the store keeps secrets in memory and says so.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + m_dir.filePath(QStringLiteral("no-bus")).toUtf8());
}

void TestEnvironments::init()
{
    QVERIFY(QDir(Core::EnvironmentStore::defaultDirectory()).removeRecursively());
    Core::Settings().remove(Core::SettingsKeys::ActiveEnvironment);
}

Ui::EnvironmentsDialog *TestEnvironments::openDialog(Ui::RequestBuilderWidget &builder)
{
    QComboBox *combo = builder.environmentSelector()->combo();
    const int manage = combo->count() - 1;
    if (combo->itemText(manage) != QStringLiteral("Manage Environments\u2026"))
        return nullptr;
    // As a person does it: pick the last entry of the list.
    combo->setCurrentIndex(manage);
    Q_EMIT combo->activated(manage);
    return builder.environmentSelector()->dialog();
}

QMessageBox *TestEnvironments::waitForBox(QWidget *parent, const QString &name)
{
    QMessageBox *box = nullptr;
    (void)QTest::qWaitFor([&] { return (box = parent->findChild<QMessageBox *>(name)) && box->isVisible(); }, 5000);
    return box;
}

void TestEnvironments::secretArrivesButStaysOutOfFilesAndHistory()
{
    EchoServer server;
    Core::History::RequestHistory history(m_dir.filePath(QStringLiteral("history.jsonl")));
    Ui::RequestBuilderWidget builder;
    builder.resize(1000, 700);
    builder.show();
    connect(&builder, &Ui::RequestBuilderWidget::exchangeFinished, &history,
            [&history](const Core::RequestSpec &sent, const Core::Environment &environment,
                       const Core::Result<Core::HttpClientResponse> &result) {
                QVERIFY(history.add(Core::History::makeEntry(sent, environment, result, QDateTime::currentDateTimeUtc())).ok());
            });
    QComboBox *combo = builder.environmentSelector()->combo();
    QCOMPARE(combo->currentText(), QStringLiteral("No environment"));

    Ui::EnvironmentsDialog *dialog = openDialog(builder);
    QVERIFY(dialog);
    QCOMPARE(combo->currentText(), QStringLiteral("No environment")); // the list still says what is in effect
    auto *banner = dialog->findChild<QLabel *>(QStringLiteral("secretStoreBanner"));
    QTRY_VERIFY(banner->isVisible());
    QVERIFY(combo->toolTip().endsWith(QStringLiteral("no system secret store is running.")));
    QCOMPARE(banner->text(), QStringLiteral("Secret values are kept until Gatehouse quits: no system secret store is running."));

    dialog->findChild<QPushButton *>(QStringLiteral("addEnvironment"))->click();
    QCOMPARE(dialog->currentName(), QStringLiteral("New environment"));
    QVERIFY(dialog->renameEnvironment(QStringLiteral("Staging")).ok());
    auto *table = dialog->findChild<Ui::EnvironmentTable *>(QStringLiteral("environmentTable"));
    auto *addVariable = dialog->findChild<QPushButton *>(QStringLiteral("addVariable"));
    addVariable->click();
    setCell(table, 0, Ui::EnvironmentTable::KeyColumn, QStringLiteral("base"));
    setCell(table, 0, Ui::EnvironmentTable::ValueColumn, server.base());
    addVariable->click();
    setCell(table, 1, Ui::EnvironmentTable::KeyColumn, QStringLiteral("token"));
    setCell(table, 1, Ui::EnvironmentTable::ValueColumn, Secret);
    table->item(1, Ui::EnvironmentTable::SecretColumn)->setCheckState(Qt::Checked);
    QVERIFY(table->isMasked(1));
    QVERIFY(!table->isMasked(0));
    dialog->findChild<QCheckBox *>(QStringLiteral("showSecrets"))->setChecked(true);
    QVERIFY(!table->isMasked(1));
    dialog->findChild<QCheckBox *>(QStringLiteral("showSecrets"))->setChecked(false);
    QVERIFY(dialog->isDirty());

    // A value typed without a name is not dropped: Save refuses and says where it is.
    addVariable->click();
    setCell(table, 2, Ui::EnvironmentTable::ValueColumn, QStringLiteral("orphan"));
    QVERIFY(!dialog->save().ok());
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("environmentProblem"))->text(),
             QStringLiteral("Environment 'Staging' has a value without a variable name (row 3); name the variable or "
                            "remove the row."));
    QVERIFY(dialog->isDirty());
    table->selectRow(2);
    dialog->findChild<QPushButton *>(QStringLiteral("removeVariable"))->click();
    QCOMPARE(table->rowCount(), 2);

    QSignalSpy secretsSaved(dialog, &Ui::EnvironmentsDialog::secretsSaved);
    dialog->findChild<QPushButton *>(QStringLiteral("saveEnvironments"))->click();
    QVERIFY(!dialog->isDirty());
    QVERIFY(secretsSaved.wait());
    QCOMPARE(secretsSaved.at(0).at(0).toString(), QString());

    // The file names the secret variable but holds no value for it.
    const QString file = Core::EnvironmentStore().fileFor(QStringLiteral("Staging"));
    const QByteArray bytes = readAll(file);
    QVERIFY(bytes.contains("\"token\""));
    QVERIFY(bytes.contains(server.base().toUtf8()));
    QVERIFY2(!bytes.contains(Secret.toUtf8()), bytes.constData());
    QCOMPARE(QProcess::execute(QStringLiteral("grep"), {QStringLiteral("-rq"), QStringLiteral("sk-live-51Hq"),
                                                        Core::EnvironmentStore::defaultDirectory()}), 1);

    // Saving made it the active environment, with the secret from the store.
    QTRY_COMPARE(combo->currentText(), QStringLiteral("Staging"));
    QTRY_COMPARE(builder.environment().value(QStringLiteral("token")), Secret);
    QCOMPARE(Core::Settings().value(Core::SettingsKeys::ActiveEnvironment), QStringLiteral("Staging"));
    dialog->reject();
    QTRY_VERIFY(!builder.environmentSelector()->dialog());

    builder.findChild<QLineEdit *>(QStringLiteral("urlEdit"))->setText(QStringLiteral("{{base}}/echo?via={{base}}"));
    QTableWidget *headers = builder.findChild<Ui::KeyValueTable *>(QStringLiteral("headersTable"))->table();
    headers->item(0, 1)->setText(QStringLiteral("Authorization"));
    headers->item(0, 2)->setText(QStringLiteral("Bearer {{token}}"));
    std::optional<Core::Result<Core::HttpClientResponse>> answer;
    connect(&builder, &Ui::RequestBuilderWidget::requestFinished, this,
            [&answer](const Core::Result<Core::HttpClientResponse> &result) { answer = result; });
    builder.send();
    QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 10000);
    QCOMPARE(server.requests.size(), 1);
    QVERIFY2(server.requests.at(0).contains(QByteArray(QByteArray("\r\nAuthorization: Bearer ") + Secret.toUtf8() + QByteArray("\r\n"))),
             server.requests.at(0).constData());
    QVERIFY(answer->ok());
    QVERIFY(answer->value().body.contains(Secret.toUtf8())); // the echo: it arrived

    // The history keeps the exchange, but not the secret: not in the request, not in the echo.
    QCOMPARE(history.entries().size(), 1);
    const QByteArray kept = readAll(history.path());
    QVERIFY(!kept.isEmpty());
    QVERIFY2(!kept.contains("sk-live-51Hq"), kept.constData());

    // The next run (a new builder, a new secret store) comes back to Staging; with no system
    // store the secret is gone, so {{token}} is named instead of sent empty.
    Ui::RequestBuilderWidget next;
    QCOMPARE(next.environmentSelector()->combo()->currentText(), QStringLiteral("Staging"));
    QTRY_COMPARE(next.environment().value(QStringLiteral("base")), server.base());
    QVERIFY(!next.environment().contains(QStringLiteral("token")));
}

void TestEnvironments::unsavedEditsAskBeforeDiscarding()
{
    Ui::RequestBuilderWidget builder;
    Ui::EnvironmentsDialog *dialog = openDialog(builder);
    QVERIFY(dialog);
    dialog->addEnvironment();
    QVERIFY(dialog->isDirty());
    dialog->reject();
    QMessageBox *box = waitForBox(dialog, QStringLiteral("unsavedChangesBox"));
    QVERIFY(box);
    box->button(QMessageBox::Cancel)->click();
    QTest::qWait(20);
    QVERIFY(builder.environmentSelector()->dialog());
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->isDirty()); // still there to be saved

    dialog->reject();
    box = waitForBox(dialog, QStringLiteral("unsavedChangesBox"));
    QVERIFY(box);
    box->button(QMessageBox::Save)->click();
    QTRY_VERIFY(!builder.environmentSelector()->dialog());
    QVERIFY(Core::EnvironmentStore().contains(QStringLiteral("New environment")));

    dialog = openDialog(builder);
    QVERIFY(dialog->selectEnvironment(QStringLiteral("New environment")));
    QVERIFY(!dialog->renameEnvironment(QString()).ok());
    dialog->addEnvironment();
    const Core::Result<void> taken = dialog->renameEnvironment(QStringLiteral("New environment"));
    QVERIFY(!taken.ok());
    QCOMPARE(taken.error().message, QStringLiteral("There is an environment named 'New environment' already; choose another name."));
    dialog->reject();
    box = waitForBox(dialog, QStringLiteral("unsavedChangesBox"));
    QVERIFY(box);
    box->button(QMessageBox::Discard)->click();
    QTRY_VERIFY(!builder.environmentSelector()->dialog());
    QCOMPARE(Core::EnvironmentStore().names(), QStringList{QStringLiteral("New environment")});
}

void TestEnvironments::deleteAsksFirst()
{
    Core::Environment env;
    env.name = QStringLiteral("Old");
    QVERIFY(Core::EnvironmentStore().save(env).ok());
    Ui::RequestBuilderWidget builder;
    Ui::EnvironmentsDialog *dialog = openDialog(builder);
    QVERIFY(dialog->selectEnvironment(QStringLiteral("Old")));
    dialog->findChild<QPushButton *>(QStringLiteral("deleteEnvironment"))->click();
    QMessageBox *box = waitForBox(dialog, QStringLiteral("deleteEnvironmentBox"));
    QVERIFY(box);
    box->button(QMessageBox::Cancel)->click();
    QTest::qWait(20);
    QCOMPARE(dialog->currentName(), QStringLiteral("Old"));
    QVERIFY(!dialog->isDirty());

    dialog->deleteEnvironment();
    box = waitForBox(dialog, QStringLiteral("deleteEnvironmentBox"));
    QVERIFY(box);
    for (QAbstractButton *button : box->buttons()) {
        if (box->buttonRole(button) == QMessageBox::DestructiveRole)
            button->click();
    }
    QTRY_COMPARE(dialog->findChild<QListWidget *>(QStringLiteral("environmentList"))->count(), 0);
    QVERIFY(Core::EnvironmentStore().contains(QStringLiteral("Old"))); // until Save
    QVERIFY(dialog->save().ok());
    QVERIFY(!Core::EnvironmentStore().contains(QStringLiteral("Old")));
}

// A Postman export with a secret value: imported, the value goes to the secret store on save;
// exported again, the file has the key and no value.
void TestEnvironments::importAndExportWithoutSecrets()
{
    const QString postman = m_dir.filePath(QStringLiteral("prod.postman_environment.json"));
    QFile file(postman);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"id\": \"4454509f\", \"name\": \"Prod\", \"values\": [{\"key\": \"host\", \"value\": \"api.example.com\", "
               "\"type\": \"default\", \"enabled\": true}, {\"key\": \"apiKey\", \"value\": \"prod-k3y-9\", \"type\": \"secret\", "
               "\"enabled\": true}], \"_postman_variable_scope\": \"environment\"}");
    file.close();
    Ui::RequestBuilderWidget builder;
    Ui::EnvironmentsDialog *dialog = openDialog(builder);
    QVERIFY(dialog->importFile(postman).ok());
    QCOMPARE(dialog->currentName(), QStringLiteral("Prod"));
    auto *table = dialog->findChild<Ui::EnvironmentTable *>(QStringLiteral("environmentTable"));
    QCOMPARE(table->rowCount(), 2);
    QVERIFY(table->isMasked(1));
    const QString exported = m_dir.filePath(QStringLiteral("exported.json"));
    QVERIFY(dialog->exportFile(exported).ok());
    const QByteArray bytes = readAll(exported);
    QVERIFY(bytes.contains("\"apiKey\""));
    QVERIFY2(!bytes.contains("prod-k3y-9"), bytes.constData());
    // Importing the same file again makes a second environment rather than replacing the first.
    QVERIFY(dialog->importFile(postman).ok());
    QCOMPARE(dialog->currentName(), QStringLiteral("Prod 2"));

    QSignalSpy secretsSaved(dialog, &Ui::EnvironmentsDialog::secretsSaved);
    QVERIFY(dialog->save().ok());
    QVERIFY(secretsSaved.wait());
    QVERIFY(!readAll(Core::EnvironmentStore().fileFor(QStringLiteral("Prod"))).contains("prod-k3y-9"));
    builder.environmentSelector()->setActiveName(QStringLiteral("Prod"));
    QTRY_COMPARE(builder.environment().value(QStringLiteral("apiKey")), QStringLiteral("prod-k3y-9"));
    const Core::Result<void> broken = dialog->importFile(m_dir.filePath(QStringLiteral("missing.json")));
    QVERIFY(!broken.ok());
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("environmentProblem"))->text().startsWith(QStringLiteral("Could not open")));
}

// The Variables page's Load Environment… still loads a file for this run; the selector shows it.
void TestEnvironments::fileEnvironmentShowsInSelector()
{
    const QString path = m_dir.filePath(QStringLiteral("local.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"base\": \"http://127.0.0.1:9\"}");
    file.close();
    Ui::RequestBuilderWidget builder;
    QVERIFY(builder.loadEnvironment(path).ok());
    QCOMPARE(builder.environmentSelector()->combo()->currentText(), QStringLiteral("local (file)"));
    QCOMPARE(builder.environment().value(QStringLiteral("base")), QStringLiteral("http://127.0.0.1:9"));
    // Choosing "No environment" drops it.
    builder.environmentSelector()->setActiveName(QString());
    QCOMPARE(builder.environmentSelector()->combo()->currentText(), QStringLiteral("No environment"));
    QVERIFY(!builder.environment().contains(QStringLiteral("base")));
}

QTEST_MAIN(TestEnvironments)
#include "tst_environments.moc"
