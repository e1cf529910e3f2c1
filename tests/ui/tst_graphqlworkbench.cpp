// The GraphQL tab offscreen against a server we did not write: AWS Amplify's AppSync simulator
// (tests/peers/appsync-simulator/serve.js, on 127.0.0.1 port 0). Loads the schema by
// introspection into the editor and explorer, runs an operation with variables, shows errors
// with their paths, and says in words what is missing or wrong (no URL, bad variables, a
// refused key).

#include "../core/graphqlpeer.h"

#include "ui/graphql/graphqleditor.h"
#include "ui/graphql/graphqleditorpanel.h"
#include "ui/graphql/graphqlschemaexplorer.h"
#include "ui/graphql/graphqlworkbench.h"

#include <QComboBox>
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

} // namespace

class tst_GraphQLWorkbench : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void noUrl();
    void loadSchemaAndRun();
    void errorsWithPaths();
    void badVariables();
    void refusedKey();

private:
    void configure(GraphQLWorkbench &bench, const QString &key = kApiKey);
    bool waitFinished(GraphQLWorkbench &bench, void (GraphQLWorkbench::*action)());

    std::unique_ptr<GraphQLPeer> m_simulator;
};

void tst_GraphQLWorkbench::initTestCase()
{
    m_simulator = std::make_unique<GraphQLPeer>(QStringLiteral("serve.js"));
    QVERIFY2(m_simulator->port() > 0, qPrintable(m_simulator->problem()));
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
    QVERIFY2(status.contains(QLatin1String("1 error")) && status.contains(QLatin1String("failing: the failing field always fails")),
             qPrintable(status));
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

QTEST_MAIN(tst_GraphQLWorkbench)
#include "tst_graphqlworkbench.moc"
