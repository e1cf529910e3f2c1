// OAuth 2.0 auth headless, against the emulator's tests/data/labs/oauth2-clients: gatehouse run
// with a collection whose auth signs in to Cognito (password from a secret variable,
// GATEHOUSE_COGNITO_PASSWORD or stdin) and gets client credentials; gatehouse request with
// --oauth2-token-url/--client-id/--client-secret-stdin/--scope; the authorization-code grant
// printing its URL, completed by a stand-in browser (the emulator's sign-in form, then the
// loopback redirect), and timing out; secrets never in the output.
#include "../common/gatehouseprocess.h"

#include "core/emulator/emulator.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace Gatehouse;
using GatehouseTest::runGatehouse;

namespace {

const QByteArray BakerPassword = "Sourdough-2024";

Core::EmulatorAppClientInfo clientNamed(const Core::EmulatorInfo &info, const QString &name)
{
    for (const Core::EmulatorUserPoolInfo &pool : info.userPools) {
        for (const Core::EmulatorAppClientInfo &client : pool.clients) {
            if (client.name == name)
                return client;
        }
    }
    return {};
}

QString apiBase(const Core::EmulatorInfo &info)
{
    return info.apis.isEmpty() ? QString() : info.apis.first().pathStyleUrl;
}

bool copyTree(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    for (const QString &name : QDir(from).entryList(QDir::Files)) {
        if (!QFile::copy(from + QLatin1Char('/') + name, to + QLatin1Char('/') + name))
            return false;
    }
    return true;
}

} // namespace

class TestOAuth2Cli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void runWithPasswordFrom_data();
    void runWithPasswordFrom();
    void runWithoutPasswordSaysWhere();
    void requestWithClientCredentials();
    void requestRefusalsInWords();
    void authorizationCodeThroughTheBrowser();
    void authorizationCodeTimesOut();

private:
    QString environmentFile(bool withPassword);
    QString collectionWithoutPassword();

    std::unique_ptr<Emulator::Emulator> m_emulator;
    QTemporaryDir m_dir;
};

void TestOAuth2Cli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    Emulator::EmulatorOptions options;
    options.port = 0;
    options.labDirectory = QStringLiteral(GATEHOUSE_TEST_DATA "/labs/oauth2-clients");
    m_emulator = std::make_unique<Emulator::Emulator>(options);
    const auto started = m_emulator->start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
    QVERIFY(!apiBase(m_emulator->info()).isEmpty());
}

// The collection's variables for this run of the emulator; the password only when asked.
QString TestOAuth2Cli::environmentFile(bool withPassword)
{
    const Core::EmulatorInfo info = m_emulator->info();
    QJsonObject values{{QStringLiteral("emulator"), info.baseUrl},
                       {QStringLiteral("api"), apiBase(info)},
                       {QStringLiteral("poolId"), info.userPools.at(0).poolId},
                       {QStringLiteral("webClientId"), clientNamed(info, QStringLiteral("bakery-web")).clientId},
                       {QStringLiteral("machineClientId"), clientNamed(info, QStringLiteral("oven-service")).clientId},
                       {QStringLiteral("machineSecret"), clientNamed(info, QStringLiteral("oven-service")).clientSecret}};
    if (withPassword)
        values.insert(QStringLiteral("cognitoPassword"), QString::fromLatin1(BakerPassword));
    const QString path = m_dir.filePath(withPassword ? QStringLiteral("with-password.json") : QStringLiteral("lab.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(QJsonDocument(values).toJson());
    return path;
}

// The same collection with the password field left empty, so only the run's fallback gives it.
QString TestOAuth2Cli::collectionWithoutPassword()
{
    const QString to = m_dir.filePath(QStringLiteral("no-password"));
    if (QDir(to).exists())
        return to;
    if (!copyTree(QStringLiteral(GATEHOUSE_TEST_DATA "/collections/oauth2"), to))
        return {};
    QFile file(to + QStringLiteral("/collection.json"));
    if (!file.open(QIODevice::ReadWrite))
        return {};
    QByteArray text = file.readAll();
    text.replace("\"password\": \"{{cognitoPassword}}\"", "\"password\": \"\"");
    text.replace("    {\"key\": \"cognitoPassword\", \"secret\": true}\n", "");
    text.replace("{\"key\": \"machineSecret\", \"secret\": true},", "{\"key\": \"machineSecret\", \"secret\": true}");
    file.resize(0);
    file.write(text);
    return to;
}

void TestOAuth2Cli::runWithPasswordFrom_data()
{
    QTest::addColumn<QString>("source");
    QTest::newRow("secret variable") << QStringLiteral("variable");
    QTest::newRow("GATEHOUSE_COGNITO_PASSWORD") << QStringLiteral("environment");
    QTest::newRow("--cognito-password-stdin") << QStringLiteral("stdin");
}

void TestOAuth2Cli::runWithPasswordFrom()
{
    QFETCH(QString, source);
    const bool variable = source == QLatin1String("variable");
    const QString collection =
        variable ? QStringLiteral(GATEHOUSE_TEST_DATA "/collections/oauth2") : collectionWithoutPassword();
    QVERIFY(!collection.isEmpty());
    QStringList arguments{QStringLiteral("run"), collection, QStringLiteral("--env"), environmentFile(variable)};
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("GATEHOUSE_COGNITO_PASSWORD"));
    QByteArray input;
    if (source == QLatin1String("environment"))
        env.insert(QStringLiteral("GATEHOUSE_COGNITO_PASSWORD"), QString::fromLatin1(BakerPassword));
    if (source == QLatin1String("stdin")) {
        arguments << QStringLiteral("--cognito-password-stdin");
        input = BakerPassword + '\n';
    }
    const GatehouseTest::GatehouseRun run = runGatehouse(arguments, input, env);
    QVERIFY2(run.exitCode == 0, QByteArray(run.out + run.err).constData());
    QVERIFY2(run.out.contains("PASS      Private as the baker  200"), run.out.constData());
    QVERIFY2(run.out.contains("PASS      Orders as the oven service  200"), run.out.constData());
    QVERIFY(!run.out.contains(BakerPassword) && !run.err.contains(BakerPassword));
    const QByteArray secret = clientNamed(m_emulator->info(), QStringLiteral("oven-service")).clientSecret.toLatin1();
    QVERIFY(!run.out.contains(secret) && !run.err.contains(secret));
    QVERIFY(!run.out.contains("eyJ") && !run.err.contains("eyJ")); // no token printed
}

void TestOAuth2Cli::runWithoutPasswordSaysWhere()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("GATEHOUSE_COGNITO_PASSWORD"));
    const GatehouseTest::GatehouseRun run =
        runGatehouse({QStringLiteral("run"), collectionWithoutPassword(), QStringLiteral("--env"), environmentFile(false)},
                     {}, env);
    QCOMPARE(run.exitCode, 2); // a request not sent
    QVERIFY2(run.out.contains("NOT SENT  Private as the baker"), run.out.constData());
    QVERIFY2(run.out.contains("cannot get the OAuth 2.0 token") && run.out.contains("GATEHOUSE_COGNITO_PASSWORD"),
             run.out.constData());
    QVERIFY2(run.out.contains("PASS      Orders as the oven service"), run.out.constData());
}

void TestOAuth2Cli::requestWithClientCredentials()
{
    const Core::EmulatorInfo info = m_emulator->info();
    const Core::EmulatorAppClientInfo machine = clientNamed(info, QStringLiteral("oven-service"));
    const GatehouseTest::GatehouseRun run = runGatehouse(
        {QStringLiteral("request"), QStringLiteral("GET"), apiBase(info) + QStringLiteral("/orders"),
         QStringLiteral("--oauth2-token-url"), info.baseUrl + QStringLiteral("/oauth2/token"), QStringLiteral("--client-id"),
         machine.clientId, QStringLiteral("--client-secret-stdin"), QStringLiteral("--scope"),
         QStringLiteral("bakery/orders.read")},
        machine.clientSecret.toLatin1() + '\n');
    QVERIFY2(run.exitCode == 0, QByteArray(run.out + run.err).constData());
    QVERIFY2(run.out.startsWith("HTTP/1.1 200"), run.out.constData());
    // The echo function shows the claims the authorizer passed on: the machine's client id.
    QVERIFY2(run.out.contains(machine.clientId.toLatin1()), run.out.constData());
    QVERIFY(!run.out.contains(machine.clientSecret.toLatin1()) && !run.err.contains(machine.clientSecret.toLatin1()));
}

void TestOAuth2Cli::requestRefusalsInWords()
{
    const Core::EmulatorInfo info = m_emulator->info();
    const Core::EmulatorAppClientInfo machine = clientNamed(info, QStringLiteral("oven-service"));
    const QStringList base{QStringLiteral("request"), QStringLiteral("GET"), apiBase(info) + QStringLiteral("/orders"),
                           QStringLiteral("--oauth2-token-url"), info.baseUrl + QStringLiteral("/oauth2/token"),
                           QStringLiteral("--client-id"), machine.clientId};
    const GatehouseTest::GatehouseRun wrong =
        runGatehouse(base + QStringList{QStringLiteral("--client-secret-stdin")}, "not-the-secret\n");
    QCOMPARE(wrong.exitCode, 1);
    QVERIFY2(wrong.err.contains("invalid_client") && wrong.err.contains("check the client id and secret"),
             wrong.err.constData());
    QVERIFY(!wrong.err.contains("not-the-secret"));

    const GatehouseTest::GatehouseRun noStdin = runGatehouse(base);
    QCOMPARE(noStdin.exitCode, 2);
    QVERIFY2(noStdin.err.contains("--client-secret-stdin"), noStdin.err.constData());

    const GatehouseTest::GatehouseRun withSigV4 = runGatehouse(
        base + QStringList{QStringLiteral("--client-secret-stdin"), QStringLiteral("--sigv4")}, "x\n");
    QCOMPARE(withSigV4.exitCode, 2);
    QVERIFY2(withSigV4.err.contains("do not go together"), withSigV4.err.constData());
}

// The stand-in browser: the printed URL is the emulator's sign-in form; posting the password
// there redirects to the CLI's loopback listener, which finishes the sign-in.
void TestOAuth2Cli::authorizationCodeThroughTheBrowser()
{
    const Core::EmulatorInfo info = m_emulator->info();
    const QString collection = m_dir.filePath(QStringLiteral("code"));
    QVERIFY(copyTree(QStringLiteral(GATEHOUSE_TEST_DATA "/collections/oauth2"), collection));
    QFile file(collection + QStringLiteral("/collection.json"));
    QVERIFY(file.open(QIODevice::ReadWrite));
    QByteArray text = file.readAll();
    text.replace("\"grant\": \"cognito\"", "\"grant\": \"authorizationCode\"");
    text.replace("\"tokenUrl\": \"\"", "\"tokenUrl\": \"{{emulator}}/oauth2/token\"");
    text.replace("\"authorizeUrl\": \"\"", "\"authorizeUrl\": \"{{emulator}}/oauth2/authorize\"");
    text.replace("\"scopes\": \"\"", "\"scopes\": \"openid email\"");
    file.resize(0);
    file.write(text);
    file.close();

    QProcess process;
    process.start(QStringLiteral(GATEHOUSE_EXECUTABLE),
                  {QStringLiteral("run"), collection, QStringLiteral("--env"), environmentFile(true)});
    QByteArray err;
    QUrl signIn;
    const QRegularExpression urlLine(QStringLiteral("^  (http://\\S+)$"), QRegularExpression::MultilineOption);
    QVERIFY(QTest::qWaitFor([&] {
        err += process.readAllStandardError();
        const QRegularExpressionMatch match = urlLine.match(QString::fromUtf8(err));
        if (match.hasMatch())
            signIn = QUrl(match.captured(1), QUrl::StrictMode);
        return signIn.isValid() || process.state() == QProcess::NotRunning;
    }, 30000));
    QVERIFY2(signIn.isValid(), err.constData());
    QVERIFY(err.contains("open this URL in a browser"));
    QCOMPARE(QUrlQuery(signIn).queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));

    QNetworkAccessManager browser;
    QNetworkRequest post(signIn);
    post.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    post.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *signedIn = browser.post(post, "username=baker%40example.com&password=" + BakerPassword);
    QVERIFY(QSignalSpy(signedIn, &QNetworkReply::finished).wait(30000) || signedIn->isFinished());
    QCOMPARE(signedIn->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 302);
    const QUrl back(QString::fromUtf8(signedIn->rawHeader("Location")));
    QCOMPARE(back.host(), QStringLiteral("127.0.0.1"));
    QNetworkReply *landed = browser.get(QNetworkRequest(back));
    QVERIFY(QSignalSpy(landed, &QNetworkReply::finished).wait(30000) || landed->isFinished());
    QCOMPARE(landed->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);

    QVERIFY(QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 30000));
    const QByteArray out = process.readAllStandardOutput();
    err += process.readAllStandardError();
    QVERIFY2(process.exitCode() == 0, QByteArray(out + err).constData());
    QVERIFY2(out.contains("PASS      Private as the baker  200"), out.constData());
    QVERIFY(!out.contains("eyJ") && !err.contains("eyJ"));
}

void TestOAuth2Cli::authorizationCodeTimesOut()
{
    const QString collection = m_dir.filePath(QStringLiteral("code"));
    QVERIFY(QFile::exists(collection + QStringLiteral("/collection.json"))); // made by the test before
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("GATEHOUSE_OAUTH2_TIMEOUT"), QStringLiteral("1"));
    const GatehouseTest::GatehouseRun run = runGatehouse(
        {QStringLiteral("run"), collection, QStringLiteral("--env"), environmentFile(true)}, {}, env);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.out.contains("No sign-in came back to http://127.0.0.1:") && run.out.contains("within 1 seconds"),
             run.out.constData());
}

QTEST_MAIN(TestOAuth2Cli)
#include "tst_oauth2cli.moc"
