// The GraphQL tab against the embedded emulator's travel lab (in-process, port 0): the picker
// beside the endpoint lists the lab's GraphQL API; choosing it fills endpoint, real-time URL,
// auth mode and the lab's API key and loads the schema by introspection; a query runs; a
// subscription gets the event of a mutation sent by a second client (AWS_IAM with the lab's
// signing keys, since the API key may not add activities); the key is never saved; a lab
// without the API is said in words and leaves what was typed; a resolver route clicked in the
// main window's emulator panel opens the GraphQL tab on that API with a starter operation that
// the server accepts. On an OPENID_CONNECT API of a test lab, an event whose selection fails
// (a non-null field the mutation did not select) and a start the server refuses are listed with
// the events, the first clickable to its path in that event. In Cognito mode the auth form signs the lab's traveller in (a wrong
// password is refused in words and keeps what was typed), and the ID token adds an activity;
// OPENID_CONNECT says where its token comes from.

#include "../common/emulatorlab.h"

#include "ui/emulator/emulatorpanel.h"
#include "ui/graphql/graphqlauthform.h"
#include "ui/graphql/graphqleditor.h"
#include "ui/graphql/graphqleditorpanel.h"
#include "ui/graphql/graphqlworkbench.h"
#include "ui/mainwindow.h"

#include "core/graphql/tracemodel.h"
#include "core/tokenstore.h"

#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <algorithm>
#include <functional>

using namespace Gatehouse;
using namespace Gatehouse::Ui;

namespace {

QStringList traceTypes(const Core::GraphQL::TraceModel &trace)
{
    QStringList types;
    for (int row = 0; row < trace.rowCount(); ++row)
        types.append(trace.data(trace.index(row, Core::GraphQL::TraceModel::TypeColumn)).toString());
    return types;
}

} // namespace

class tst_GraphQLEmulator : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void pickRunSubscribe();
    void labSwitchKeepsTyped();
    void panelClickOpensTab();
    void eventErrorsListed();
    void cognitoSignInFromTheForm();

private:
    static bool waitFinished(GraphQLWorkbench &bench, const std::function<void()> &action);
    const Core::EmulatorApiInfo &travelApi() const;

    QTemporaryDir m_dir;
    std::unique_ptr<Emulator::Emulator> m_travel;
    Core::EmulatorInfo m_info;
};

void tst_GraphQLEmulator::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("config"))));
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("data"))));
    m_travel = Test::startLab(QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/travel"));
    QVERIFY(m_travel);
    m_info = m_travel->info();
    QVERIFY(std::any_of(m_info.apis.cbegin(), m_info.apis.cend(),
                        [](const Core::EmulatorApiInfo &api) { return api.kind == QLatin1String("GraphQL API"); }));
}

void tst_GraphQLEmulator::init()
{
    QSettings(QStringLiteral("Gatehouse"), QStringLiteral("Gatehouse")).clear();
}

bool tst_GraphQLEmulator::waitFinished(GraphQLWorkbench &bench, const std::function<void()> &action)
{
    QSignalSpy spy(&bench, &GraphQLWorkbench::finished);
    action();
    return spy.count() > 0 || spy.wait(30000);
}

const Core::EmulatorApiInfo &tst_GraphQLEmulator::travelApi() const
{
    for (const Core::EmulatorApiInfo &api : m_info.apis) {
        if (api.kind == QLatin1String("GraphQL API"))
            return api;
    }
    return m_info.apis.constFirst();
}

void tst_GraphQLEmulator::pickRunSubscribe()
{
    const Core::EmulatorApiInfo &api = travelApi();
    QVERIFY(!api.apiKeys.isEmpty());
    const QString labKey = api.apiKeys.constFirst().value;
    QString settingsFile;
    {
        GraphQLWorkbench bench;
        bench.setEmulatorInfo(m_info);
        QComboBox *picker = bench.emulatorApiBox();
        const int index = picker->findText(QStringLiteral("travel · ") + api.apiId);
        QVERIFY2(index > 0, qPrintable(picker->itemText(picker->count() - 1)));
        QVERIFY(waitFinished(bench, [&] { picker->setCurrentIndex(index); }));
        QVERIFY2(bench.statusLabel()->text().startsWith(QLatin1String("Schema loaded")), qPrintable(bench.statusLabel()->text()));
        QCOMPARE(bench.urlField()->text(), api.pathStyleUrl);
        QVERIFY2(bench.realtimeUrlField()->text().startsWith(QLatin1String("ws://127.0.0.1:")) &&
                     bench.realtimeUrlField()->text().endsWith(QLatin1String("/graphql/realtime")),
                 qPrintable(bench.realtimeUrlField()->text()));
        QCOMPARE(bench.authModeBox()->currentText(), QStringLiteral("API key"));
        QCOMPARE(bench.secretField()->text(), labKey);
        // The schema is in the editor at once: a field the API lacks is underlined.
        GraphQLEditor *editor = bench.editorPanel()->editor();
        QVERIFY(editor->schema());
        QVERIFY(editor->schema()->type(QStringLiteral("Destination")));

        editor->setPlainText(QStringLiteral("query All { getAllDestinations { name activities } }"));
        QVERIFY(waitFinished(bench, [&] { bench.run(); }));
        QVERIFY2(bench.statusLabel()->text().startsWith(QLatin1String("HTTP 200")), qPrintable(bench.statusLabel()->text()));
        const QString all = bench.resultView()->toPlainText();
        QVERIFY2(all.contains(QLatin1String("\"getAllDestinations\"")) && all.contains(QLatin1String("\"Kyoto\"")), qPrintable(all));

        // Subscribe with the lab's key; a second client adds an activity with AWS credentials.
        editor->setPlainText(QStringLiteral("subscription Added { onActivityAdded(name: \"Kyoto\") { name activities } }"));
        bench.send();
        QTRY_COMPARE_WITH_TIMEOUT(bench.sendButton()->text(), QStringLiteral("Stop"), 5000);
        QTRY_VERIFY2_WITH_TIMEOUT(traceTypes(*bench.traceModel()).contains(QLatin1String("start_ack")),
                                  qPrintable(traceTypes(*bench.traceModel()).join(QLatin1Char(' ')) + QLatin1Char(' ') +
                                             bench.statusLabel()->text()),
                                  10000);

        GraphQLWorkbench other;
        other.urlField()->setText(api.pathStyleUrl);
        other.authModeBox()->setCurrentIndex(other.authModeBox()->findText(QStringLiteral("AWS IAM")));
        GraphQLAuthForm *form = other.authForm();
        form->credentialSource()->setCurrentIndex(1);
        const Core::Aws::Credentials keys = m_travel->signingCredentials();
        form->accessKeyEdit()->setText(keys.accessKeyId);
        form->secretKeyEdit()->setText(keys.secretAccessKey);
        form->sessionTokenEdit()->setText(keys.sessionToken);
        form->regionEdit()->setText(m_info.region);
        const QString activity = QStringLiteral("Moss garden %1").arg(QDateTime::currentMSecsSinceEpoch());
        other.editorPanel()->editor()->setPlainText(
            QStringLiteral("mutation { addActivity(destination: \"Kyoto\", activity: \"%1\") { name activities } }").arg(activity));
        QSignalSpy events(&bench, &GraphQLWorkbench::eventShown);
        QVERIFY(waitFinished(other, [&] { other.run(); }));
        QVERIFY2(other.statusLabel()->text().startsWith(QLatin1String("HTTP 200")) && !other.errorList()->isVisible(),
                 qPrintable(other.statusLabel()->text() + other.resultView()->toPlainText()));
        QVERIFY2(events.count() > 0 || events.wait(10000), qPrintable(bench.statusLabel()->text()));
        const QString shown = bench.resultView()->toPlainText();
        QVERIFY2(shown.contains(activity) && shown.contains(QLatin1String("onActivityAdded")), qPrintable(shown));
        bench.send(); // Stop
        QTRY_COMPARE_WITH_TIMEOUT(bench.sendButton()->text(), QStringLiteral("Subscribe"), 5000);
        settingsFile = QSettings(QStringLiteral("Gatehouse"), QStringLiteral("Gatehouse")).fileName();
    }
    // The lab's key went where a typed key goes: in memory only.
    QFile file(settingsFile);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(settingsFile));
    const QByteArray saved = file.readAll();
    QVERIFY(saved.contains(api.pathStyleUrl.toUtf8()));
    QVERIFY2(!saved.contains(labKey.toUtf8()), qPrintable(settingsFile));
}

void tst_GraphQLEmulator::labSwitchKeepsTyped()
{
    const Core::EmulatorApiInfo &api = travelApi();
    GraphQLWorkbench bench;
    bench.setEmulatorInfo(m_info);
    QVERIFY(waitFinished(bench, [&] { QVERIFY(bench.selectEmulatorApi(api.apiId)); }));
    QVERIFY2(bench.statusLabel()->text().startsWith(QLatin1String("Schema loaded")), qPrintable(bench.statusLabel()->text()));
    bench.editorPanel()->editor()->setPlainText(QStringLiteral("{ getAllDestinations { name } }"));
    bench.urlField()->setText(api.pathStyleUrl + QStringLiteral("?typed"));

    // The bakery lab has no GraphQL API: the picker empties, the reason is on screen, the typed text stays.
    auto bakery = Test::startLab(QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery"));
    QVERIFY(bakery);
    bench.setEmulatorInfo({}); // the panel's "stopped" while the lab switches
    bench.setEmulatorInfo(bakery->info());
    QCOMPARE(bench.emulatorApiBox()->count(), 1);
    QVERIFY(bench.emulatorApiBox()->isHidden());
    QVERIFY2(bench.statusLabel()->text().contains(QStringLiteral("has no GraphQL API %1").arg(api.apiId)),
             qPrintable(bench.statusLabel()->text()));
    QCOMPARE(bench.urlField()->text(), api.pathStyleUrl + QStringLiteral("?typed"));
    QCOMPARE(bench.editorPanel()->editor()->toPlainText(), QStringLiteral("{ getAllDestinations { name } }"));
    QVERIFY(!bench.selectEmulatorApi(api.apiId));
    QVERIFY2(bench.statusLabel()->text().contains(QLatin1String("serves no GraphQL API")), qPrintable(bench.statusLabel()->text()));

    // Back to travel: the API is listed and chosen again, with its URL.
    bench.setEmulatorInfo(m_info);
    QCOMPARE(bench.emulatorApiBox()->currentData().toString(), api.apiId);
    QCOMPARE(bench.urlField()->text(), api.pathStyleUrl);
}

void tst_GraphQLEmulator::panelClickOpensTab()
{
    const Core::EmulatorApiInfo &api = travelApi();
    MainWindow window;
    auto *tools = window.findChild<QTabWidget *>(QStringLiteral("tools"));
    QVERIFY(tools);
    auto *bench = window.findChild<GraphQLWorkbench *>();
    QVERIFY(bench);
    bench->editorPanel()->editor()->clear();
    EmulatorPanel *panel = window.emulatorPanel();
    panel->setInfo(m_info);
    QTreeWidget *tree = panel->routeTree();
    const QList<QTreeWidgetItem *> found = tree->findItems(QStringLiteral("Query.getDestination"), Qt::MatchExactly | Qt::MatchRecursive);
    QCOMPARE(found.size(), 1);
    QSignalSpy toRequestBuilder(panel, &EmulatorPanel::routeActivated);
    QVERIFY(waitFinished(*bench, [&] {
        tree->setCurrentItem(found.constFirst());
        QTest::keyClick(tree, Qt::Key_Return);
    }));
    QCOMPARE(toRequestBuilder.count(), 0);
    QCOMPARE(tools->currentWidget(), bench);
    QCOMPARE(bench->emulatorApiBox()->currentData().toString(), api.apiId);
    QVERIFY2(bench->statusLabel()->text().startsWith(QLatin1String("Schema loaded")), qPrintable(bench->statusLabel()->text()));
    // The starter: the argument as a variable, the scalar fields selected; the server takes it.
    const QString starter = bench->editorPanel()->editor()->toPlainText();
    QVERIFY2(starter.startsWith(QLatin1String("query GetDestination($name: String!) {\n  getDestination(name: $name) {")) &&
                 starter.contains(QLatin1String("    weather\n")) && starter.contains(QLatin1String("    activities\n")),
             qPrintable(starter));
    bench->variablesEditor()->setPlainText(QStringLiteral("{\"name\": \"Lisbon\"}"));
    QVERIFY(waitFinished(*bench, [&] { bench->run(); }));
    QVERIFY2(bench->statusLabel()->text().startsWith(QLatin1String("HTTP 200")), qPrintable(bench->statusLabel()->text()));
    QVERIFY2(bench->resultView()->toPlainText().contains(QLatin1String("Tram 28")), qPrintable(bench->resultView()->toPlainText()));

    // The real-time route selects the API and leaves a document alone.
    const QList<QTreeWidgetItem *> realtime = tree->findItems(QStringLiteral("real-time (graphql-ws)"), Qt::MatchExactly | Qt::MatchRecursive);
    QCOMPARE(realtime.size(), 1);
    tools->setCurrentIndex(0);
    QVERIFY(waitFinished(*bench, [&] {
        tree->setCurrentItem(realtime.constFirst());
        QTest::keyClick(tree, Qt::Key_Return);
    }));
    QCOMPARE(tools->currentWidget(), bench);
    QCOMPARE(bench->editorPanel()->editor()->toPlainText(), starter);
}

// The emulator's OPENID_CONNECT API of tests/data/labs/appsync-oidc, whose issuer is a lab pool:
// the form signs rita in (that pool's client allows only USER_PASSWORD_AUTH). say(text, stamp)
// pushes to onSay; a subscriber asking for stamp (non-null) when the mutation did not select it
// gets data with an error, as AppSync sends it. The error is listed where the events are and a
// click marks its path in that event, not in the earlier one with the same keys; a start the
// server refuses (an error message for that id) is listed too.
void tst_GraphQLEmulator::eventErrorsListed()
{
    auto lab = Test::startLab(QStringLiteral(GATEHOUSE_TEST_DATA "/labs/appsync-oidc"));
    QVERIFY(lab);
    const Core::EmulatorInfo info = lab->info();
    QString apiId;
    for (const Core::EmulatorApiInfo &api : info.apis) {
        if (api.kind == QLatin1String("GraphQL API") && api.name == QLatin1String("oidc"))
            apiId = api.apiId;
    }
    QVERIFY(!apiId.isEmpty());
    Core::TokenStore store;
    GraphQLWorkbench bench;
    bench.setTokenStore(&store);
    bench.setEmulatorInfo(info);
    QVERIFY(waitFinished(bench, [&] { QVERIFY(bench.selectEmulatorApi(apiId)); }));
    QCOMPARE(bench.authModeBox()->currentText(), QStringLiteral("OpenID Connect"));
    GraphQLAuthForm *form = bench.authForm();
    QVERIFY(!form->signInButton()->isHidden()); // the API trusts a lab pool's issuer
    QVERIFY2(form->noteLabel()->text().contains(QLatin1String("cognito-idp.")), qPrintable(form->noteLabel()->text()));
    form->signInButton()->click();
    form->userEdit()->setText(QStringLiteral("rita"));
    form->passwordEdit()->setText(QStringLiteral("Reader-Password-1"));
    QSignalSpy signedIn(form, &GraphQLAuthForm::signInFinished);
    form->signInGoButton()->click();
    QVERIFY(signedIn.count() > 0 || signedIn.wait(20000));
    QVERIFY2(signedIn.takeFirst().at(0).toBool(), qPrintable(form->noteLabel()->text()));

    bench.editorPanel()->editor()->setPlainText(QStringLiteral("subscription Said { onSay { text stamp } }"));
    bench.send();
    QTRY_VERIFY2_WITH_TIMEOUT(traceTypes(*bench.traceModel()).contains(QLatin1String("start_ack")),
                              qPrintable(traceTypes(*bench.traceModel()).join(QLatin1Char(' ')) + QLatin1Char(' ') +
                                         bench.statusLabel()->text()),
                              10000);
    QSignalSpy events(&bench, &GraphQLWorkbench::eventShown);
    const QString token = store.find(store.ids().constFirst())->idToken;
    const auto say = [&](const QString &arguments, const QString &selection) {
        GraphQLWorkbench other;
        other.urlField()->setText(bench.urlField()->text());
        other.authModeBox()->setCurrentIndex(other.authModeBox()->findText(QStringLiteral("OpenID Connect")));
        other.secretField()->setText(token);
        other.editorPanel()->editor()->setPlainText(QStringLiteral("mutation { say(%1) %2 }").arg(arguments, selection));
        QVERIFY(waitFinished(other, [&] { other.run(); }));
        QVERIFY2(other.statusLabel()->text().startsWith(QLatin1String("HTTP 200")) && other.errorList()->isHidden(),
                 qPrintable(other.statusLabel()->text() + other.resultView()->toPlainText()));
    };
    // A first event without errors, so the second's text does not start at the top of the view.
    say(QStringLiteral("text: \"first\", stamp: \"09:00\""), QStringLiteral("{ text stamp }"));
    QVERIFY2(events.count() > 0 || events.wait(10000), qPrintable(bench.statusLabel()->text()));
    QVERIFY(bench.errorList()->isHidden());
    events.clear();
    say(QStringLiteral("text: \"second\""), QStringLiteral("{ text }"));
    QVERIFY2(events.count() > 0 || events.wait(10000), qPrintable(bench.statusLabel()->text()));
    QListWidget *errors = bench.errorList();
    QVERIFY(!errors->isHidden());
    QCOMPARE(errors->count(), 1);
    const QString line = errors->item(0)->text();
    QVERIFY2(line.contains(QStringLiteral(" · subscription ")) && line.contains(QLatin1String("onSay.stamp: ")) &&
                 line.contains(QLatin1String("Cannot return null for non-nullable type")),
             qPrintable(line));
    // Clicked, it marks the value its path reaches in this event (the null that went up to the
    // nullable onSay), not in the first event, which has the same keys.
    errors->setCurrentRow(0);
    const QTextCursor marked = bench.resultView()->textCursor();
    QVERIFY2(marked.selectedText() == QLatin1String("null"), qPrintable(QStringLiteral("[%1] %2 %3\n").arg(marked.selectedText()).arg(marked.selectionStart()).arg(marked.selectionEnd()) + bench.resultView()->toPlainText()));
    const QString before = bench.resultView()->toPlainText().left(marked.selectionStart());
    QVERIFY2(before.endsWith(QLatin1String("\"onSay\": ")) && before.contains(QLatin1String("\"first\"")), qPrintable(before));
    QCOMPARE(bench.resultView()->extraSelections().size(), 1);
    bench.send(); // Stop
    QTRY_COMPARE_WITH_TIMEOUT(bench.sendButton()->text(), QStringLiteral("Subscribe"), 5000);

    // A start the server refuses (an error message for that subscription id): listed with the
    // events, with its error type, once the errors of the last run are cleared.
    bench.editorPanel()->editor()->setPlainText(QStringLiteral("subscription Bad { onSay { nonsense } }"));
    bench.send();
    QTRY_VERIFY2_WITH_TIMEOUT(errors->count() == 1 && errors->item(0)->text().contains(QLatin1String("ValidationError: ")),
                              qPrintable(traceTypes(*bench.traceModel()).join(QLatin1Char(' ')) + QLatin1Char(' ') +
                                         bench.statusLabel()->text()),
                              10000);
    QVERIFY2(errors->item(0)->text().contains(QLatin1String("nonsense")), qPrintable(errors->item(0)->text()));
    QVERIFY2(bench.resultView()->toPlainText().contains(QLatin1String("error: ValidationError: ")),
             qPrintable(bench.resultView()->toPlainText()));
    bench.stopSubscription();
    QTRY_COMPARE_WITH_TIMEOUT(bench.sendButton()->text(), QStringLiteral("Subscribe"), 5000);
}

void tst_GraphQLEmulator::cognitoSignInFromTheForm()
{
    // lab.md: the demo traveller and their password (Metadata.Gatehouse.Password in the template).
    const QString user = QStringLiteral("traveller@example.com");
    const QString password = QStringLiteral("Passport-2024");
    const QString wrong = QStringLiteral("Passport-2023");
    QString settingsFile;
    {
        Core::TokenStore store;
        GraphQLWorkbench bench;
        bench.setTokenStore(&store);
        bench.setEmulatorInfo(m_info);
        QVERIFY(waitFinished(bench, [&] { QVERIFY(bench.selectEmulatorApi(travelApi().apiId)); }));
        GraphQLAuthForm *form = bench.authForm();
        QVERIFY(form->signInButton()->isHidden()); // API key: nothing to sign in to
        const QString labKey = bench.secretField()->text();
        QVERIFY(labKey.startsWith(QLatin1String("da2-")));
        bench.authModeBox()->setCurrentIndex(bench.authModeBox()->findText(QStringLiteral("Cognito user pools")));
        QVERIFY(!form->signInButton()->isHidden());
        // The API key stays with its mode: the token field starts empty and the key comes back.
        QVERIFY(bench.secretField()->text().isEmpty());
        bench.authModeBox()->setCurrentIndex(bench.authModeBox()->findText(QStringLiteral("API key")));
        QCOMPARE(bench.secretField()->text(), labKey);
        bench.authModeBox()->setCurrentIndex(bench.authModeBox()->findText(QStringLiteral("Cognito user pools")));
        QVERIFY2(form->noteLabel()->text().contains(QLatin1String("travellers")), qPrintable(form->noteLabel()->text()));
        form->signInButton()->click();
        QVERIFY(form->passwordEdit()->isVisibleTo(form));
        QCOMPARE(form->passwordEdit()->echoMode(), QLineEdit::Password);

        // A wrong password: Cognito's refusal in words, the typed name and password still there.
        QSignalSpy finished(form, &GraphQLAuthForm::signInFinished);
        form->userEdit()->setText(user);
        form->passwordEdit()->setText(wrong);
        form->signInGoButton()->click();
        QVERIFY(finished.count() > 0 || finished.wait(20000));
        QCOMPARE(finished.takeFirst().at(0).toBool(), false);
        QVERIFY2(form->noteLabel()->text().startsWith(QLatin1String("Sign-in refused: ")) &&
                     form->noteLabel()->text().contains(QLatin1String("NotAuthorizedException: Incorrect username or password.")),
                 qPrintable(form->noteLabel()->text()));
        QCOMPARE(form->userEdit()->text(), user);
        QCOMPARE(form->passwordEdit()->text(), wrong);
        QCOMPARE(store.ids().size(), 0);

        form->passwordEdit()->setText(password);
        form->signInGoButton()->click();
        QVERIFY(finished.count() > 0 || finished.wait(20000));
        QVERIFY2(finished.takeFirst().at(0).toBool(), qPrintable(form->noteLabel()->text()));
        QCOMPARE(store.ids().size(), 1);
        const Core::TokenSet *set = store.find(store.ids().constFirst());
        QVERIFY(set && !set->idToken.isEmpty());
        QCOMPARE(form->tokenSource()->currentData().toInt(), store.ids().constFirst());
        QVERIFY2(form->tokenSource()->currentText().startsWith(user), qPrintable(form->tokenSource()->currentText()));
        QVERIFY(form->passwordEdit()->text().isEmpty());
        QVERIFY(!form->passwordEdit()->isVisibleTo(form));
        QVERIFY2(form->noteLabel()->text().startsWith(QStringLiteral("Signed in as %1").arg(user)), qPrintable(form->noteLabel()->text()));

        // The ID token may add an activity, which the API key may not.
        const QString activity = QStringLiteral("Tea ceremony %1").arg(QDateTime::currentMSecsSinceEpoch());
        bench.editorPanel()->editor()->setPlainText(
            QStringLiteral("mutation { addActivity(destination: \"Kyoto\", activity: \"%1\") { name activities } }").arg(activity));
        QVERIFY(waitFinished(bench, [&] { bench.run(); }));
        QVERIFY2(bench.statusLabel()->text().startsWith(QLatin1String("HTTP 200")) && bench.errorList()->isHidden(),
                 qPrintable(bench.statusLabel()->text() + bench.resultView()->toPlainText()));
        QVERIFY2(bench.resultView()->toPlainText().contains(activity), qPrintable(bench.resultView()->toPlainText()));

        // OPENID_CONNECT: the note says where such a token comes from; the travel API trusts no
        // issuer, so there is no lab sign-in for it.
        bench.authModeBox()->setCurrentIndex(bench.authModeBox()->findText(QStringLiteral("OpenID Connect")));
        QVERIFY(form->signInButton()->isHidden());
        QVERIFY2(form->noteLabel()->text().contains(QLatin1String("only if it trusts its issuer")), qPrintable(form->noteLabel()->text()));
        form->tokenSource()->setCurrentIndex(0); // a pasted token
        QVERIFY2(form->noteLabel()->text().contains(QLatin1String("OpenID provider the API trusts")), qPrintable(form->noteLabel()->text()));
        // An endpoint typed elsewhere is not the lab's: no sign-in offered for it.
        bench.authModeBox()->setCurrentIndex(bench.authModeBox()->findText(QStringLiteral("Cognito user pools")));
        QVERIFY(!form->signInButton()->isHidden());
        bench.urlField()->setText(QStringLiteral("https://example.appsync-api.eu-west-1.amazonaws.com/graphql"));
        QVERIFY(form->signInButton()->isHidden());
        bench.saveState();
        settingsFile = QSettings(QStringLiteral("Gatehouse"), QStringLiteral("Gatehouse")).fileName();
    }
    QFile file(settingsFile);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(settingsFile));
    const QByteArray saved = file.readAll();
    QVERIFY(!saved.contains(password.toUtf8()) && !saved.contains(wrong.toUtf8()));
}

QTEST_MAIN(tst_GraphQLEmulator)
#include "tst_graphqlemulator.moc"
