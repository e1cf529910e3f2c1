// The GraphQL tab offscreen against a server we did not write: AWS Amplify's AppSync simulator
// (tests/peers/appsync-simulator/serve.js, on 127.0.0.1 port 0). Loads the schema by
// introspection into the editor and explorer, runs an operation with variables, shows errors
// with their paths, and says in words what is missing or wrong (no URL, bad variables, a
// refused key). The full tab: a subscription started from the tab gets the event of a mutation
// sent from a second tab, with every frame of the AppSync real-time protocol in the trace; a
// clicked error marks its path in the data and its location in the editor; variables are
// checked against the operation's definitions as typed; the saved state holds no secret.

#include "../core/graphqlpeer.h"

#include "ui/graphql/graphqleditor.h"
#include "ui/graphql/graphqleditorpanel.h"
#include "ui/graphql/graphqlschemaexplorer.h"
#include "ui/graphql/graphqlworkbench.h"
#include "ui/graphql/graphqlauthform.h"
#include "ui/requestbuilder/keyvaluetable.h"

#include "core/graphql/tracemodel.h"
#include "core/jsontreemodel.h"
#include "core/tokenstore.h"

#include <QComboBox>
#include <QFile>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>
#include <memory>

using namespace Gatehouse::Ui;

namespace {

const QString kApiKey = QStringLiteral("da2-gatehousetestkey0000000001"); // serve.js's default

// A JWT from PyJWT (HS256: the simulator checks the issuer, not the signature).
QString pyJwt(const QString &issuer)
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import jwt,sys; print(jwt.encode({'iss': sys.argv[1], 'sub': 'u1', 'token_use': 'id'}, "
                                 "'test-secret-test-secret-test-secret', algorithm='HS256'))"),
                  issuer});
    python.waitForFinished(20000);
    return QString::fromUtf8(python.readAllStandardOutput()).trimmed();
}

} // namespace

class tst_GraphQLWorkbench : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void noUrl();
    void loadSchemaAndRun();
    void errorsWithPaths();
    void badVariables();
    void refusedKey();
    void subscriptionFromTab();
    void subscriptionOverGraphqlTransportWs();
    void subscriptionWithIam();
    void clickedErrorMarksPath();
    void treeViewMarksErrors();
    void variablesCheckedAsTyped();
    void savedStateHasNoSecret();
    void authModes_data();
    void authModes();

private:
    void configure(GraphQLWorkbench &bench, const QString &key = kApiKey);
    bool waitFinished(GraphQLWorkbench &bench, void (GraphQLWorkbench::*action)());

    std::unique_ptr<GraphQLPeer> m_simulator;
    QTemporaryDir m_config;
};

void tst_GraphQLWorkbench::initTestCase()
{
    // The tab saves its state in the application settings: a folder of the test's own, set
    // before the first QSettings reads where they live.
    QVERIFY(m_config.isValid());
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_config.path()));
    m_simulator = std::make_unique<GraphQLPeer>(QStringLiteral("serve.js"));
    QVERIFY2(m_simulator->port() > 0, qPrintable(m_simulator->problem()));
}

void tst_GraphQLWorkbench::init()
{
    QSettings(QStringLiteral("Gatehouse"), QStringLiteral("Gatehouse")).clear();
}

void tst_GraphQLWorkbench::configure(GraphQLWorkbench &bench, const QString &key)
{
    bench.urlField()->setText(QStringLiteral("http://127.0.0.1:%1/graphql").arg(m_simulator->port()));
    bench.authModeBox()->setCurrentIndex(bench.authModeBox()->findText(QStringLiteral("API key")));
    bench.secretField()->setText(key);
}

bool tst_GraphQLWorkbench::waitFinished(GraphQLWorkbench &bench, void (GraphQLWorkbench::*action)())
{
    QSignalSpy spy(&bench, &GraphQLWorkbench::finished);
    (bench.*action)();
    return spy.count() > 0 || spy.wait(20000);
}

void tst_GraphQLWorkbench::noUrl()
{
    GraphQLWorkbench bench;
    bench.editorPanel()->editor()->setPlainText(QStringLiteral("{ a }"));
    QVERIFY(waitFinished(bench, &GraphQLWorkbench::run));
    QVERIFY2(bench.statusLabel()->text().contains(QLatin1String("Enter the GraphQL endpoint's URL")),
             qPrintable(bench.statusLabel()->text()));
}

void tst_GraphQLWorkbench::loadSchemaAndRun()
{
    GraphQLWorkbench bench;
    configure(bench);
    QVERIFY(waitFinished(bench, &GraphQLWorkbench::loadSchema));
    QVERIFY2(bench.statusLabel()->text().startsWith(QLatin1String("Schema loaded")), qPrintable(bench.statusLabel()->text()));
    // The simulator's own schema, as serve.js defines it.
    const auto schema = bench.editorPanel()->editor()->schema();
    QVERIFY(schema);
    QVERIFY(schema->type(QStringLiteral("Destination")));
    QVERIFY(!bench.schemaExplorer()->tree()->findItems(QStringLiteral("Activity"), Qt::MatchExactly).isEmpty());

    GraphQLEditor *editor = bench.editorPanel()->editor();
    editor->setPlainText(QStringLiteral("query Where($n: String!) {\n  getDestination(name: $n) { name weather activities }\n}\n"
                                        "mutation Add { addActivity(destination: \"Paris\", name: \"museum\") { id name } }"));
    // Validation against the loaded schema: a field it lacks is marked.
    editor->checkNow();
    QVERIFY(editor->problems().empty());
    QTextCursor cursor = editor->textCursor();
    cursor.setPosition(30);
    editor->setTextCursor(cursor);
    QCOMPARE(bench.editorPanel()->selectedOperationName(), QStringLiteral("Where"));
    bench.variablesEditor()->setPlainText(QStringLiteral("{\"n\": \"Paris\"}"));
    QVERIFY(waitFinished(bench, &GraphQLWorkbench::run));
    QVERIFY2(bench.statusLabel()->text().startsWith(QLatin1String("HTTP 200")), qPrintable(bench.statusLabel()->text()));
    const QString result = bench.resultView()->toPlainText();
    QVERIFY2(result.contains(QLatin1String("\"weather\": \"sunny\"")) && result.contains(QLatin1String("\"Paris\"")),
             qPrintable(result));
}

void tst_GraphQLWorkbench::errorsWithPaths()
{
    GraphQLWorkbench bench;
    configure(bench);
    bench.editorPanel()->editor()->setPlainText(QStringLiteral("{ failing }"));
    QVERIFY(waitFinished(bench, &GraphQLWorkbench::run));
    const QString status = bench.statusLabel()->text();
    QVERIFY2(status.contains(QLatin1String("1 error")), qPrintable(status));
    QCOMPARE(bench.errorList()->count(), 1);
    QVERIFY2(bench.errorList()->item(0)->text().startsWith(QLatin1String("failing: the failing field always fails")),
             qPrintable(bench.errorList()->item(0)->text()));
}

void tst_GraphQLWorkbench::badVariables()
{
    GraphQLWorkbench bench;
    configure(bench);
    bench.editorPanel()->editor()->setPlainText(QStringLiteral("query Q($n: String!) { getDestination(name: $n) { name } }"));
    bench.variablesEditor()->setPlainText(QStringLiteral("{\"n\": "));
    QVERIFY(waitFinished(bench, &GraphQLWorkbench::run));
    const QString status = bench.statusLabel()->text();
    QVERIFY2(status.contains(QLatin1String("ariables")), qPrintable(status));
    QVERIFY(bench.resultView()->toPlainText().isEmpty());
    // What was typed stays as it was.
    QCOMPARE(bench.variablesEditor()->toPlainText(), QStringLiteral("{\"n\": "));
}

void tst_GraphQLWorkbench::refusedKey()
{
    GraphQLWorkbench bench;
    configure(bench, QStringLiteral("da2-notthekey"));
    bench.editorPanel()->editor()->setPlainText(QStringLiteral("{ getDestination(name: \"Paris\") { name } }"));
    QVERIFY(waitFinished(bench, &GraphQLWorkbench::run));
    const QString status = bench.statusLabel()->text();
    QVERIFY2(status.contains(QLatin1String("401")) || status.contains(QLatin1String("Unauthorized")), qPrintable(status));
}

// What the Trace tab lists in its type column, in order.
static QStringList traceTypes(const Gatehouse::Core::GraphQL::TraceModel &trace)
{
    QStringList types;
    for (int row = 0; row < trace.rowCount(); ++row)
        types << trace.data(trace.index(row, Gatehouse::Core::GraphQL::TraceModel::TypeColumn)).toString();
    return types;
}

void tst_GraphQLWorkbench::subscriptionFromTab()
{
    GraphQLWorkbench bench;
    configure(bench);
    // The simulator serves its real-time endpoint at /graphql of the same port, not at
    // AppSync's derived address, and is not recognisable as AppSync by its URL.
    bench.protocolBox()->setCurrentIndex(bench.protocolBox()->findText(QStringLiteral("AppSync real-time")));
    bench.realtimeUrlField()->setText(QStringLiteral("ws://127.0.0.1:%1/graphql").arg(m_simulator->port()));
    GraphQLEditor *editor = bench.editorPanel()->editor();
    editor->setPlainText(QStringLiteral("query Q { failing }\n"
                                        "subscription Added($d: String) { onActivityAdded(destination: $d) { id destination name } }"));
    bench.variablesEditor()->setPlainText(QStringLiteral("{\"d\": \"Paris\"}"));
    editor->checkNow();
    // The button follows the operation under the cursor.
    QTextCursor cursor = editor->textCursor();
    cursor.setPosition(3);
    editor->setTextCursor(cursor);
    QTRY_COMPARE_WITH_TIMEOUT(bench.sendButton()->text(), QStringLiteral("Run"), 2000);
    cursor.setPosition(editor->toPlainText().indexOf(QLatin1String("onActivityAdded")));
    editor->setTextCursor(cursor);
    QTRY_COMPARE_WITH_TIMEOUT(bench.sendButton()->text(), QStringLiteral("Subscribe"), 2000);
    QCOMPARE(bench.editorPanel()->selectedOperationName(), QStringLiteral("Added"));
    bench.send();
    QCOMPARE(bench.sendButton()->text(), QStringLiteral("Stop"));
    QTRY_VERIFY2_WITH_TIMEOUT(traceTypes(*bench.traceModel()).contains(QLatin1String("start_ack")),
                              qPrintable(traceTypes(*bench.traceModel()).join(QLatin1Char(' ')) + QLatin1Char(' ') + bench.statusLabel()->text()),
                              10000);

    // A mutation from a second tab.
    GraphQLWorkbench other;
    configure(other);
    other.editorPanel()->editor()->setPlainText(
        QStringLiteral("mutation { addActivity(destination: \"Paris\", name: \"catacombs\") { id destination name } }"));
    QSignalSpy events(&bench, &GraphQLWorkbench::eventShown);
    QVERIFY(waitFinished(other, &GraphQLWorkbench::run));
    QVERIFY2(other.statusLabel()->text().startsWith(QLatin1String("HTTP 200")), qPrintable(other.statusLabel()->text()));
    QVERIFY(events.count() > 0 || events.wait(5000));
    const QString shown = bench.resultView()->toPlainText();
    QVERIFY2(shown.contains(QLatin1String("\"name\": \"catacombs\"")) && shown.contains(QLatin1String("subscription ")), qPrintable(shown));

    // Every frame of the protocol, in order, with the text of each on selection.
    const QStringList types = traceTypes(*bench.traceModel());
    qsizetype at = 0;
    for (const QString &expected : {QStringLiteral("connection_init"), QStringLiteral("connection_ack"), QStringLiteral("start"),
                                    QStringLiteral("start_ack"), QStringLiteral("data")}) {
        at = types.indexOf(expected, at);
        QVERIFY2(at >= 0, qPrintable(expected + QStringLiteral(" missing or out of order in: ") + types.join(QLatin1Char(' '))));
    }
    bench.traceView()->setCurrentIndex(bench.traceModel()->index(int(types.indexOf(QStringLiteral("data"))), 0));
    QVERIFY2(bench.traceDetail()->toPlainText().contains(QLatin1String("catacombs")), qPrintable(bench.traceDetail()->toPlainText()));
    // The API key is masked in the trace.
    for (int row = 0; row < bench.traceModel()->rowCount(); ++row)
        QVERIFY(!bench.traceModel()->data(bench.traceModel()->index(row, Gatehouse::Core::GraphQL::TraceModel::TextColumn)).toString().contains(kApiKey));

    bench.send(); // Stop
    QTRY_COMPARE_WITH_TIMEOUT(bench.sendButton()->text(), QStringLiteral("Subscribe"), 5000);
    QVERIFY2(traceTypes(*bench.traceModel()).contains(QLatin1String("stop")), qPrintable(traceTypes(*bench.traceModel()).join(QLatin1Char(' '))));
    QCOMPARE(bench.historyList()->count(), 1);
}

// Any other server: auto picks graphql-transport-ws (the graphql-ws library's reference server),
// a finite stream ends by itself and the button comes back; a refused one is said in words.
void tst_GraphQLWorkbench::subscriptionOverGraphqlTransportWs()
{
    GraphQLPeer server(QStringLiteral("serve-graphql-ws.js"));
    QVERIFY2(server.port() > 0, qPrintable(server.problem()));
    GraphQLWorkbench bench;
    bench.urlField()->setText(QStringLiteral("http://127.0.0.1:%1/graphql").arg(server.port()));
    QCOMPARE(bench.protocolBox()->currentIndex(), 0); // auto
    bench.editorPanel()->editor()->setPlainText(QStringLiteral("subscription C($n: Int!) { countdown(from: $n) }"));
    bench.variablesEditor()->setPlainText(QStringLiteral("{\"n\": 3}"));
    QSignalSpy events(&bench, &GraphQLWorkbench::eventShown);
    bench.send();
    QTRY_VERIFY2_WITH_TIMEOUT(events.count() == 4,
                              qPrintable(bench.statusLabel()->text() + QLatin1Char(' ') + traceTypes(*bench.traceModel()).join(QLatin1Char(' '))),
                              10000);
    QTRY_COMPARE_WITH_TIMEOUT(bench.sendButton()->text(), QStringLiteral("Subscribe"), 5000);
    QVERIFY2(bench.resultView()->toPlainText().contains(QLatin1String("\"countdown\": 0")), qPrintable(bench.resultView()->toPlainText()));
    const QStringList types = traceTypes(*bench.traceModel());
    qsizetype at = 0;
    for (const QString &expected : {QStringLiteral("connection_init"), QStringLiteral("connection_ack"), QStringLiteral("subscribe"),
                                    QStringLiteral("next"), QStringLiteral("complete")}) {
        at = types.indexOf(expected, at);
        QVERIFY2(at >= 0, qPrintable(expected + QStringLiteral(" missing or out of order in: ") + types.join(QLatin1Char(' '))));
    }

    bench.editorPanel()->editor()->setPlainText(QStringLiteral("subscription { broken }"));
    bench.variablesEditor()->clear();
    bench.send();
    QTRY_VERIFY2_WITH_TIMEOUT(bench.statusLabel()->text().contains(QLatin1String("broken is not available")),
                              qPrintable(bench.statusLabel()->text()), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(bench.sendButton()->text(), QStringLiteral("Subscribe"), 5000);
    QVERIFY(bench.statusLabel()->text().contains(QLatin1String("broken is not available")));
}

// AWS_IAM on the real-time protocol: the connection and the start are SigV4-signed from the
// typed keys; the simulator accepts them and pushes the mutation's event.
void tst_GraphQLWorkbench::subscriptionWithIam()
{
    GraphQLWorkbench bench;
    configure(bench);
    bench.authModeBox()->setCurrentIndex(bench.authModeBox()->findText(QStringLiteral("AWS IAM")));
    GraphQLAuthForm *form = bench.authForm();
    form->credentialSource()->setCurrentIndex(1);
    const QString secret = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    form->accessKeyEdit()->setText(QStringLiteral("AKIDEXAMPLE"));
    form->secretKeyEdit()->setText(secret);
    form->sessionTokenEdit()->setText(QStringLiteral("session-token-for-the-tab"));
    form->regionEdit()->setText(QStringLiteral("eu-west-1"));
    bench.protocolBox()->setCurrentIndex(bench.protocolBox()->findText(QStringLiteral("AppSync real-time")));
    bench.realtimeUrlField()->setText(QStringLiteral("ws://127.0.0.1:%1/graphql").arg(m_simulator->port()));
    bench.editorPanel()->editor()->setPlainText(QStringLiteral("subscription { onActivityAdded { id name } }"));
    bench.send();
    QTRY_VERIFY2_WITH_TIMEOUT(traceTypes(*bench.traceModel()).contains(QLatin1String("start_ack")),
                              qPrintable(traceTypes(*bench.traceModel()).join(QLatin1Char(' ')) + QLatin1Char(' ') + bench.statusLabel()->text()),
                              10000);
    GraphQLWorkbench other;
    configure(other);
    other.editorPanel()->editor()->setPlainText(
        QStringLiteral("mutation { addActivity(destination: \"Oslo\", name: \"fjord\") { id destination name } }"));
    QSignalSpy events(&bench, &GraphQLWorkbench::eventShown);
    QVERIFY(waitFinished(other, &GraphQLWorkbench::run));
    QVERIFY(events.count() > 0 || events.wait(5000));
    QVERIFY2(bench.resultView()->toPlainText().contains(QLatin1String("\"fjord\"")), qPrintable(bench.resultView()->toPlainText()));
    // The signature and session token are masked in the trace; the secret key is never sent.
    for (int row = 0; row < bench.traceModel()->rowCount(); ++row) {
        const QString text = bench.traceModel()->data(bench.traceModel()->index(row, Gatehouse::Core::GraphQL::TraceModel::TextColumn)).toString();
        QVERIFY2(!text.contains(QLatin1String("session-token-for-the-tab")) && !text.contains(secret), qPrintable(text));
    }
    bench.send();
    QTRY_COMPARE_WITH_TIMEOUT(bench.sendButton()->text(), QStringLiteral("Subscribe"), 5000);
}

void tst_GraphQLWorkbench::clickedErrorMarksPath()
{
    GraphQLWorkbench bench;
    configure(bench);
    bench.editorPanel()->editor()->setPlainText(QStringLiteral("query Both {\n  getDestination(name: \"Paris\") { name }\n  failing\n}"));
    QVERIFY(waitFinished(bench, &GraphQLWorkbench::run));
    QCOMPARE(bench.errorList()->count(), 1);
    QVERIFY2(bench.errorList()->item(0)->text().startsWith(QLatin1String("failing: ")), qPrintable(bench.errorList()->item(0)->text()));
    bench.errorList()->setCurrentRow(0);
    // The error's path is data.failing: its value (null) is selected, right after its key.
    const QTextCursor marked = bench.resultView()->textCursor();
    QCOMPARE(marked.selectedText(), QStringLiteral("null"));
    const QString before = bench.resultView()->toPlainText().left(marked.selectionStart());
    QVERIFY2(before.endsWith(QLatin1String("\"failing\": ")), qPrintable(before));
    QCOMPARE(bench.resultView()->extraSelections().size(), 1);
    // Its location (3:3 in the document the simulator got) is where the editor's cursor went.
    const QTextCursor editorCursor = bench.editorPanel()->editor()->textCursor();
    QCOMPARE(editorCursor.blockNumber(), 2);
    QCOMPARE(editorCursor.positionInBlock(), 2);
}

// The tree toggle: the answer from the simulator as a tree in the server's key order, the
// error's path (data.failing) marked and selected when the error is clicked; back to the text.
void tst_GraphQLWorkbench::treeViewMarksErrors()
{
    using Gatehouse::Core::JsonTreeModel;
    GraphQLWorkbench bench;
    configure(bench);
    bench.editorPanel()->editor()->setPlainText(QStringLiteral("query Both {\n  getDestination(name: \"Paris\") { name activities }\n  failing\n}"));
    QVERIFY(waitFinished(bench, &GraphQLWorkbench::run));
    QCOMPARE(bench.errorList()->count(), 1);
    JsonTreeModel *model = bench.resultTreeModel();
    QCOMPARE(model->rowCount(), 0); // built only when shown
    bench.treeToggle()->click();
    QVERIFY(bench.resultTree()->isVisibleTo(&bench));
    QVERIFY(!bench.resultView()->isVisibleTo(&bench));
    QCOMPARE(model->rowCount(), 1);
    const QModelIndex document = model->index(0, 0);
    QCOMPARE(model->data(model->index(0, 0, document)).toString(), QStringLiteral("data"));
    const QVariantList failing{QStringLiteral("data"), QStringLiteral("failing")};
    const QModelIndex marked = model->indexForPath(failing);
    QCOMPARE(model->data(marked, JsonTreeModel::PathRole).toList(), failing);
    QVERIFY(model->data(marked, JsonTreeModel::MarkedRole).toBool());
    QCOMPARE(model->data(marked.siblingAtColumn(JsonTreeModel::ValueColumn)).toString(), QStringLiteral("null"));
    const QModelIndex activities = model->indexForPath({QStringLiteral("data"), QStringLiteral("getDestination"), QStringLiteral("activities")});
    QCOMPARE(model->rowCount(activities), 2);
    QCOMPARE(model->data(model->index(1, JsonTreeModel::ValueColumn, activities)).toString(), QStringLiteral("\"kayaking\""));
    QVERIFY(!model->data(activities, JsonTreeModel::MarkedRole).toBool());
    QVERIFY(bench.resultTree()->isExpanded(marked.parent()));
    bench.errorList()->setCurrentRow(0);
    QCOMPARE(bench.resultTree()->currentIndex().siblingAtColumn(0), marked);

    // A new answer without errors replaces the tree and its marks.
    bench.editorPanel()->editor()->setPlainText(QStringLiteral("{ getDestination(name: \"Oslo\") { name } }"));
    QVERIFY(waitFinished(bench, &GraphQLWorkbench::run));
    QVERIFY(!model->data(model->indexForPath(failing), JsonTreeModel::MarkedRole).toBool());
    QCOMPARE(model->data(model->indexForPath({QStringLiteral("data"), QStringLiteral("getDestination"), QStringLiteral("name")})
                             .siblingAtColumn(JsonTreeModel::ValueColumn)).toString(),
             QStringLiteral("\"Oslo\""));
    bench.treeToggle()->click();
    QVERIFY(bench.resultView()->isVisibleTo(&bench));
}

void tst_GraphQLWorkbench::variablesCheckedAsTyped()
{
    GraphQLWorkbench bench;
    configure(bench);
    QVERIFY(waitFinished(bench, &GraphQLWorkbench::loadSchema));
    bench.editorPanel()->editor()->setPlainText(
        QStringLiteral("query Where($n: String!) { getDestination(name: $n) { name } }\n"
                       "mutation Add($d: String!, $a: String!) { addActivity(destination: $d, name: $a) { id } }"));
    bench.editorPanel()->editor()->checkNow();
    QTextCursor cursor = bench.editorPanel()->editor()->textCursor();
    cursor.setPosition(5);
    bench.editorPanel()->editor()->setTextCursor(cursor);
    QCOMPARE(bench.editorPanel()->selectedOperationName(), QStringLiteral("Where"));

    struct Case
    {
        QString variables;
        QString expected; // empty: no problem
    };
    const QList<Case> cases = {
        {QStringLiteral("{\"n\": "), QStringLiteral("Variables are not JSON")},
        {QStringLiteral("[1]"), QStringLiteral("Variables must be a JSON object")},
        {QStringLiteral("{}"), QStringLiteral("Variable \"$n\" of required type String! was not provided")},
        {QStringLiteral("{\"n\": 3}"), QStringLiteral("Variable \"$n\"")},
        {QStringLiteral("{\"n\": \"Paris\"}"), QString()},
    };
    for (const Case &c : cases) {
        bench.variablesEditor()->setPlainText(c.variables);
        // Checked by itself a moment after typing.
        QTRY_VERIFY2_WITH_TIMEOUT(bench.variablesProblem()->isVisibleTo(&bench) == !c.expected.isEmpty() &&
                                      bench.variablesProblem()->text().contains(c.expected),
                                  qPrintable(c.variables + QStringLiteral(" -> ") + bench.variablesProblem()->text()), 2000);
        QCOMPARE(bench.variablesEditor()->toPlainText(), c.variables);
    }
    // The wrong type, said in words and not sent.
    bench.variablesEditor()->setPlainText(QStringLiteral("{\"n\": 3}"));
    QVERIFY(waitFinished(bench, &GraphQLWorkbench::run));
    QVERIFY2(bench.statusLabel()->text().contains(QLatin1String("$n")), qPrintable(bench.statusLabel()->text()));
    QVERIFY(bench.resultView()->toPlainText().isEmpty());

    // The other operation, picked: its own definitions count.
    bench.editorPanel()->operationPicker()->setCurrentIndex(bench.editorPanel()->operationPicker()->findText(QStringLiteral("Add"), Qt::MatchContains));
    QCOMPARE(bench.editorPanel()->selectedOperationName(), QStringLiteral("Add"));
    bench.variablesEditor()->setPlainText(QStringLiteral("{\"d\": \"Rome\"}"));
    QTRY_VERIFY_WITH_TIMEOUT(bench.variablesProblem()->text().contains(QLatin1String("\"$a\"")), 2000);
}

void tst_GraphQLWorkbench::savedStateHasNoSecret()
{
    const QString token = QStringLiteral("eyJhbGciOiJub25lIn0.eyJzdWIiOiJzZWNyZXQtdG9rZW4ifQ.");
    const QString awsSecret = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYSECRETKEY");
    QString settingsFile;
    {
        GraphQLWorkbench bench;
        configure(bench);
        bench.editorPanel()->editor()->setPlainText(QStringLiteral("query Saved { getDestination(name: \"Paris\") { name } }"));
        bench.variablesEditor()->setPlainText(QStringLiteral("{}"));
        bench.headersTable()->setRows({{true, QStringLiteral("Authorization"), QStringLiteral("Bearer ") + token},
                                       {true, QStringLiteral("X-Trace"), QStringLiteral("visible-value")}});
        QVERIFY(waitFinished(bench, &GraphQLWorkbench::run));
        QVERIFY2(bench.statusLabel()->text().startsWith(QLatin1String("HTTP 200")), qPrintable(bench.statusLabel()->text()));
        QCOMPARE(bench.historyList()->count(), 1);
        // IAM typed keys too, then the state is saved as the tab closes.
        bench.authModeBox()->setCurrentIndex(bench.authModeBox()->findText(QStringLiteral("AWS IAM")));
        bench.authForm()->credentialSource()->setCurrentIndex(1);
        bench.authForm()->accessKeyEdit()->setText(QStringLiteral("AKIDEXAMPLE"));
        bench.authForm()->secretKeyEdit()->setText(awsSecret);
        bench.authForm()->sessionTokenEdit()->setText(token);
        bench.authForm()->regionEdit()->setText(QStringLiteral("eu-west-1"));
        settingsFile = QSettings(QStringLiteral("Gatehouse"), QStringLiteral("Gatehouse")).fileName();
    }
    QVERIFY2(settingsFile.startsWith(m_config.path()), qPrintable(settingsFile));
    QFile file(settingsFile);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(settingsFile));
    const QByteArray saved = file.readAll();
    for (const QString &secret : {kApiKey, token, awsSecret})
        QVERIFY2(!saved.contains(secret.toUtf8()), qPrintable(QStringLiteral("%1 is in %2").arg(secret, settingsFile)));
    QVERIFY(saved.contains("visible-value"));
    QVERIFY(saved.contains("query Saved"));

    // The next start shows it again, the Authorization header by name with no value.
    GraphQLWorkbench again;
    QCOMPARE(again.urlField()->text(), QStringLiteral("http://127.0.0.1:%1/graphql").arg(m_simulator->port()));
    QVERIFY(again.editorPanel()->editor()->toPlainText().startsWith(QLatin1String("query Saved")));
    QCOMPARE(again.variablesEditor()->toPlainText(), QStringLiteral("{}"));
    QCOMPARE(again.authModeBox()->currentText(), QStringLiteral("AWS IAM"));
    QVERIFY(again.authForm()->secretKeyEdit()->text().isEmpty());
    QCOMPARE(again.authForm()->regionEdit()->text(), QStringLiteral("eu-west-1"));
    const QList<Gatehouse::Core::HeaderEntry> headers = again.headersTable()->rows();
    QCOMPARE(headers.size(), 2);
    QCOMPARE(headers.at(0).name, QStringLiteral("Authorization"));
    QVERIFY(headers.at(0).value.isEmpty());
    QCOMPARE(headers.at(1).value, QStringLiteral("visible-value"));
    // History: a click brings the sent operation back, with its auth mode and no secret.
    QCOMPARE(again.historyList()->count(), 1);
    again.editorPanel()->editor()->setPlainText(QStringLiteral("{ other }"));
    again.historyList()->setCurrentRow(0);
    emit again.historyList()->itemClicked(again.historyList()->item(0));
    QVERIFY(again.editorPanel()->editor()->toPlainText().startsWith(QLatin1String("query Saved")));
    QCOMPARE(again.authModeBox()->currentText(), QStringLiteral("API key"));
    QVERIFY(again.secretField()->text().isEmpty());
    // What was in the editor before the click is one undo away.
    again.editorPanel()->editor()->undo();
    QCOMPARE(again.editorPanel()->editor()->toPlainText(), QStringLiteral("{ other }"));
}

void tst_GraphQLWorkbench::authModes_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("how");
    QTest::addColumn<QString>("expected"); // status start
    QTest::newRow("Cognito token from the store") << QStringLiteral("Cognito user pools") << QStringLiteral("store") << QStringLiteral("HTTP 200");
    QTest::newRow("OIDC token pasted") << QStringLiteral("OpenID Connect") << QStringLiteral("paste") << QStringLiteral("HTTP 200");
    QTest::newRow("OIDC token of an untrusted issuer") << QStringLiteral("OpenID Connect") << QStringLiteral("untrusted") << QStringLiteral("HTTP 401");
    QTest::newRow("IAM typed keys") << QStringLiteral("AWS IAM") << QStringLiteral("keys") << QStringLiteral("HTTP 200");
    QTest::newRow("IAM keys missing") << QStringLiteral("AWS IAM") << QStringLiteral("nothing") << QStringLiteral("Type the access key ID");
    QTest::newRow("no auth, key in the headers table") << QStringLiteral("No auth") << QStringLiteral("header") << QStringLiteral("HTTP 200");
    QTest::newRow("no auth, no key") << QStringLiteral("No auth") << QStringLiteral("nothing") << QStringLiteral("HTTP 401");
    QTest::newRow("Lambda token missing") << QStringLiteral("Lambda authorizer") << QStringLiteral("nothing") << QStringLiteral("Paste the token");
}

void tst_GraphQLWorkbench::authModes()
{
    QFETCH(QString, mode);
    QFETCH(QString, how);
    QFETCH(QString, expected);
    Gatehouse::Core::TokenStore store;
    GraphQLWorkbench bench;
    bench.setTokenStore(&store);
    configure(bench, QString());
    bench.authModeBox()->setCurrentIndex(bench.authModeBox()->findText(mode));
    QVERIFY(bench.authModeBox()->currentText() == mode);
    GraphQLAuthForm *form = bench.authForm();
    if (how == QLatin1String("store")) {
        Gatehouse::Core::TokenSet set;
        set.label = QStringLiteral("u1 @ eu-west-1_test");
        set.idToken = pyJwt(QStringLiteral("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_test"));
        QCOMPARE(set.idToken.count(QLatin1Char('.')), 2);
        store.add(set);
        QVERIFY(form->tokenSource()->isVisibleTo(&bench));
        form->tokenSource()->setCurrentIndex(form->tokenSource()->findText(set.label));
        QVERIFY(!form->secretField()->isVisibleTo(&bench));
    } else if (how == QLatin1String("paste") || how == QLatin1String("untrusted")) {
        form->secretField()->setText(pyJwt(how == QLatin1String("paste") ? QStringLiteral("https://issuer.example")
                                                                          : QStringLiteral("https://elsewhere.example")));
    } else if (how == QLatin1String("header")) {
        // Extra headers go out as typed: the simulator reads the key from this one.
        bench.headersTable()->setRows({{true, QStringLiteral("x-api-key"), kApiKey}});
    } else if (how == QLatin1String("keys")) {
        form->credentialSource()->setCurrentIndex(1);
        form->accessKeyEdit()->setText(QStringLiteral("AKIDEXAMPLE"));
        form->secretKeyEdit()->setText(QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
        form->regionEdit()->setText(QStringLiteral("eu-west-1"));
    } else {
        form->credentialSource()->setCurrentIndex(1);
    }
    bench.editorPanel()->editor()->setPlainText(QStringLiteral("{ getDestination(name: \"Lima\") { name } }"));
    QVERIFY(waitFinished(bench, &GraphQLWorkbench::run));
    QVERIFY2(bench.statusLabel()->text().startsWith(expected), qPrintable(bench.statusLabel()->text()));
    if (expected == QLatin1String("HTTP 200"))
        QVERIFY2(bench.resultView()->toPlainText().contains(QLatin1String("\"name\": \"Lima\"")), qPrintable(bench.resultView()->toPlainText()));
}

QTEST_MAIN(tst_GraphQLWorkbench)
#include "tst_graphqlworkbench.moc"
