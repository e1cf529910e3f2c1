// The gatehouse executable as a user runs it from a terminal or a script: real processes,
// real exit codes, the emulator reached over loopback.
#include "../common/gatehouseprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

using Run = GatehouseTest::GatehouseRun;

Run gatehouse(const QStringList &arguments, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    return GatehouseTest::runGatehouse(arguments, {}, env);
}

// The system environment without AWS settings, with HOME in dir (no shared AWS files) and the
// given key pair.
QProcessEnvironment awsEnvironment(const QString &home, const QString &keyId, const QString &secret)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys()) {
        if (name.startsWith(QLatin1String("AWS_")))
            env.remove(name);
    }
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), keyId);
    env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), secret);
    return env;
}

QByteArray readVector(const QString &caseName, const QString &extension)
{
    QFile file(QStringLiteral(GATEHOUSE_TEST_DATA "/sigv4/botocore-aws4_testsuite/%1/%1.%2").arg(caseName, extension));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// "gatehouse sign" arguments for a botocore .req file: METHOD https://HOST/PATH -H ... -d BODY --date.
QStringList signArgumentsFor(const QByteArray &req)
{
    const qsizetype blank = req.indexOf("\n\n");
    const QList<QByteArray> lines = (blank < 0 ? req : req.left(blank)).split('\n');
    const QList<QByteArray> requestLine = lines.first().split(' ');
    QStringList headers;
    QString host;
    QString date;
    for (const QByteArray &line : lines.mid(1)) {
        const qsizetype colon = line.indexOf(':');
        const QString name = QString::fromUtf8(line.left(colon));
        const QString value = QString::fromUtf8(line.mid(colon + 1));
        if (name.compare(QLatin1String("host"), Qt::CaseInsensitive) == 0)
            host = value;
        else if (name.compare(QLatin1String("x-amz-date"), Qt::CaseInsensitive) == 0)
            date = value;
        else
            headers << QStringLiteral("-H") << name + QStringLiteral(": ") + value;
    }
    QStringList arguments{QStringLiteral("sign"), QString::fromUtf8(requestLine.at(0)),
                          QStringLiteral("https://") + host + QString::fromUtf8(requestLine.at(1))};
    arguments << headers << QStringLiteral("--service") << QStringLiteral("service") << QStringLiteral("--region")
              << QStringLiteral("us-east-1") << QStringLiteral("--date") << date;
    if (blank >= 0)
        arguments << QStringLiteral("-d") << QString::fromUtf8(req.mid(blank + 2));
    return arguments;
}

// The text after "title:\n" up to "\n\nnext" (the next section), or to the end.
QByteArray section(const QByteArray &out, const QByteArray &title, const QByteArray &next = {})
{
    const qsizetype start = out.indexOf(QByteArray(title + ":\n"));
    if (start < 0)
        return {};
    const qsizetype from = start + title.size() + 2;
    const qsizetype end = next.isEmpty() ? -1 : out.indexOf(QByteArray("\n\n" + next), from);
    return out.mid(from, end < 0 ? -1 : end - from);
}

// botocore (the AWS CLI's signer) signs the same URL at the same time; prints its canonical
// request and Authorization header as JSON.
const char BotocoreSign[] = R"(
import sys, json, datetime
from unittest import mock
import botocore.auth as A
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
c = json.load(sys.stdin)
req = AWSRequest(method=c['method'], url=c['url'], data=c['body'].encode())
for name, value in c['headers']:
    req.headers[name] = value
auth = A.SigV4Auth(Credentials('AKIDEXAMPLE', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'), c['service'], c['region'])
seen = {}
original = auth.canonical_request
def capture(r):
    seen['creq'] = original(r)
    return seen['creq']
auth.canonical_request = capture
with mock.patch.object(A, 'get_current_datetime', return_value=datetime.datetime(2015, 8, 30, 12, 36, 0)):
    auth.add_auth(req)
print(json.dumps({'canonicalRequest': seen['creq'], 'authorization': req.headers['Authorization']}))
)";

} // namespace

class tst_Cli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void version();
    void help();
    void unknownCommand();
    void noDisplaySaysSo();
    void emulatorPrintsEndpoints();
    void requestExitCodes_data();
    void requestExitCodes();
    void requestWithEnvironmentAndBody();
    void emulatorRefusesBrokenLab();
    void emulatorRefusesBadPort();
    void emulatorStopsOnSignal_data();
    void emulatorStopsOnSignal();
    void signMatchesBotocoreSuite_data();
    void signMatchesBotocoreSuite();
    void signMatchesBotocore_data();
    void signMatchesBotocore();
    void signPresignsAndGuesses();
    void presignedUrlWorksWithCurl();
    void signRefuses_data();
    void signRefuses();
    void requestSigV4AgainstEmulator_data();
    void requestSigV4AgainstEmulator();
    void sigV4WithProfile_data();
    void sigV4WithProfile();
    void whoamiAgainstEmulator_data();
    void whoamiAgainstEmulator();
    void whoamiWithTarget_data();
    void whoamiWithTarget();
    void lambdaAgainstEmulator();
    void lambdaRefuses_data();
    void lambdaRefuses();
    void lambdaWeightedAlias();

private:
    Run lambda(const QStringList &arguments, const QString &baseUrl = QString());

    QProcess m_emulator;
    QByteArray m_banner;
    QString m_snackUrl;
    QString m_baseUrl;
};

void tst_Cli::initTestCase()
{
    m_emulator.start(QStringLiteral(GATEHOUSE_EXECUTABLE),
                     {QStringLiteral("emulator"), QStringLiteral("--port"), QStringLiteral("0"),
                      QStringLiteral("--lab"), QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery")});
    QVERIFY(m_emulator.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT((m_banner += m_emulator.readAllStandardOutput()).contains("Ctrl+C"), 20000);
    const QRegularExpressionMatch url =
        QRegularExpression(QStringLiteral("(http://127\\.0\\.0\\.1:\\d+/_aws/execute-api/[a-z0-9]{10}/snack)"))
            .match(QString::fromUtf8(m_banner));
    QVERIFY2(url.hasMatch(), m_banner.constData());
    m_snackUrl = url.captured(1);
    m_baseUrl = m_snackUrl.left(m_snackUrl.indexOf(QStringLiteral("/_aws")));
}

void tst_Cli::cleanupTestCase()
{
    m_emulator.terminate();
    m_emulator.waitForFinished(10000);
}

void tst_Cli::version()
{
    const Run r = gatehouse({QStringLiteral("--version")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.trimmed(), QByteArray("gatehouse " GATEHOUSE_VERSION));
}

void tst_Cli::help()
{
    const Run r = gatehouse({QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("gatehouse emulator"));
    QVERIFY(r.out.contains("gatehouse request"));
    QVERIFY(r.out.contains("/_aws/execute-api/<apiId>/<path>"));
}

void tst_Cli::unknownCommand()
{
    const Run r = gatehouse({QStringLiteral("bake")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("unknown command 'bake'"));
}

void tst_Cli::noDisplaySaysSo()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    const Run r = gatehouse({}, env);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("no display"), r.err.constData());
}

void tst_Cli::emulatorPrintsEndpoints()
{
    QVERIFY(m_banner.contains("GET /snack"));
    QVERIFY(m_banner.contains("bakeryFunction"));
    QVERIFY(m_banner.contains(".execute-api.localhost:"));
    // The partners' REST API: its stage in the URLs, and the lab's key to send.
    QVERIFY2(m_banner.contains("REST API bakery-partners"), m_banner.constData());
    QVERIFY(QRegularExpression(QStringLiteral("/_aws/execute-api/[a-z0-9]{10}/Prod/snack"))
                .match(QString::fromUtf8(m_banner)).hasMatch());
    QVERIFY(m_banner.contains("GET /snack  ->  bakeryFunction  (needs x-api-key)"));
    QVERIFY(m_banner.contains("x-api-key: corner-cafe-key-0123456789"));
}

void tst_Cli::requestExitCodes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("200 from the bakery") << QStringList{QStringLiteral("GET"), QStringLiteral("{snack}")} << 0 << QByteArray("HTTP/1.1 200 OK");
    QTest::newRow("404 is an HTTP error") << QStringList{QStringLiteral("GET"), QStringLiteral("{base}/_aws/execute-api/nothing00/x")} << 4 << QByteArray("404");
    QTest::newRow("refused is a transport error") << QStringList{QStringLiteral("GET"), QStringLiteral("http://127.0.0.1:1/")} << 3 << QByteArray("refused");
    QTest::newRow("no scheme is bad input") << QStringList{QStringLiteral("GET"), QStringLiteral("127.0.0.1/")} << 2 << QByteArray("scheme");
    QTest::newRow("unresolved variable is named") << QStringList{QStringLiteral("GET"), QStringLiteral("{{host}}/x")} << 2 << QByteArray("{{host}}");
    QTest::newRow("missing URL") << QStringList{QStringLiteral("GET")} << 2 << QByteArray("METHOD and a URL");
    QTest::newRow("unreadable CA file") << QStringList{QStringLiteral("GET"), QStringLiteral("{snack}"), QStringLiteral("--cacert"),
                                                       QStringLiteral("/nonexistent/ca.pem")}
                                        << 2 << QByteArray("Could not read the CA file");
    QTest::newRow("certificate without key") << QStringList{QStringLiteral("GET"), QStringLiteral("{snack}"), QStringLiteral("--cert"),
                                                            QStringLiteral("/nonexistent/c.pem")}
                                             << 2 << QByteArray("needs both files");
    QTest::newRow("proxy without port") << QStringList{QStringLiteral("GET"), QStringLiteral("{snack}"), QStringLiteral("--proxy"),
                                                       QStringLiteral("proxy.example.com")}
                                        << 2 << QByteArray("not an HTTP proxy address");
    QTest::newRow("form and data") << QStringList{QStringLiteral("POST"), QStringLiteral("{snack}"), QStringLiteral("-F"),
                                                  QStringLiteral("a=1"), QStringLiteral("-d"), QStringLiteral("x")}
                                   << 2 << QByteArray("-F and -d do not go together");
    QTest::newRow("form file missing") << QStringList{QStringLiteral("POST"), QStringLiteral("{snack}"), QStringLiteral("-F"),
                                                      QStringLiteral("photo=@/nonexistent/loaf.png")}
                                       << 2 << QByteArray("Could not read the file '/nonexistent/loaf.png'");
    QTest::newRow("form is sent") << QStringList{QStringLiteral("POST"), QStringLiteral("{snack}"), QStringLiteral("-F"),
                                                 QStringLiteral("bread=rye")}
                                  << 4 << QByteArray("404"); // sent: the lab's route is GET only
    QTest::newRow("insecure warns") << QStringList{QStringLiteral("GET"), QStringLiteral("{snack}"), QStringLiteral("-k")} << 0
                                    << QByteArray("TLS certificates are not checked");
}

void tst_Cli::requestExitCodes()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, expected);
    arguments.replaceInStrings(QStringLiteral("{snack}"), m_snackUrl);
    arguments.replaceInStrings(QStringLiteral("{base}"), m_baseUrl);
    const Run r = gatehouse(QStringList{QStringLiteral("request")} + arguments);
    QCOMPARE(r.exitCode, exitCode);
    const QByteArray output = r.out + r.err;
    QVERIFY2(output.contains(expected), output.constData());
}

void tst_Cli::requestWithEnvironmentAndBody()
{
    QTemporaryDir dir;
    QFile env(dir.filePath(QStringLiteral("local.json")));
    QVERIFY(env.open(QIODevice::WriteOnly));
    env.write(QStringLiteral(R"({"name":"local","values":[{"key":"base","value":"%1","enabled":true}]})")
                  .arg(m_baseUrl).toUtf8());
    env.close();
    QFile body(dir.filePath(QStringLiteral("body.json")));
    QVERIFY(body.open(QIODevice::WriteOnly));
    body.write(R"({"order":"rye"})");
    body.close();
    const Run r = gatehouse({QStringLiteral("request"), QStringLiteral("POST"),
                             QStringLiteral("{{base}}/"), QStringLiteral("-H"),
                             QStringLiteral("X-Trace: 1"), QStringLiteral("-d"),
                             QLatin1Char('@') + body.fileName(), QStringLiteral("--env"),
                             env.fileName()});
    // The emulator's index answers any method on "/" with its description.
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("gatehouse-emulator"), r.out.constData());
    const Run broken = gatehouse({QStringLiteral("request"), QStringLiteral("GET"),
                                  QStringLiteral("{{base}}/"), QStringLiteral("--env"),
                                  body.fileName() + QStringLiteral(".missing")});
    QCOMPARE(broken.exitCode, 2);
}

void tst_Cli::emulatorRefusesBrokenLab()
{
    QTemporaryDir dir;
    QFile yaml(dir.filePath(QStringLiteral("template.yaml")));
    QVERIFY(yaml.open(QIODevice::WriteOnly));
    yaml.write("Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.h\n      Runtime: python9\n      CodeUri: .\n");
    yaml.close();
    const Run r = gatehouse({QStringLiteral("emulator"), QStringLiteral("--port"), QStringLiteral("0"),
                             QStringLiteral("--lab"), dir.path()});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("template.yaml:6"), r.err.constData());
    QVERIFY2(r.err.contains("Runtime"), r.err.constData());
}

void tst_Cli::emulatorRefusesBadPort()
{
    const Run r = gatehouse({QStringLiteral("emulator"), QStringLiteral("--port"), QStringLiteral("http")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("--port"));
    const Run region = gatehouse({QStringLiteral("emulator"), QStringLiteral("--region"), QStringLiteral("moon")});
    QCOMPARE(region.exitCode, 2);
    QVERIFY2(region.err.contains("--region takes an AWS region"), region.err.constData());
}

void tst_Cli::emulatorStopsOnSignal_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("SIGINT") << int(SIGINT);
    QTest::newRow("SIGTERM") << int(SIGTERM);
}

void tst_Cli::emulatorStopsOnSignal()
{
    QFETCH(int, signalNumber);
    QProcess emulator;
    emulator.start(QStringLiteral(GATEHOUSE_EXECUTABLE),
                   {QStringLiteral("emulator"), QStringLiteral("--port"), QStringLiteral("0")});
    QByteArray banner;
    QTRY_VERIFY_WITH_TIMEOUT((banner += emulator.readAllStandardOutput()).contains("Ctrl+C"), 20000);
    ::kill(static_cast<pid_t>(emulator.processId()), signalNumber);
    QSignalSpy finished(&emulator, &QProcess::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(emulator.exitStatus(), QProcess::NormalExit);
    QCOMPARE(emulator.exitCode(), 0);
    QVERIFY(emulator.readAllStandardOutput().contains("Emulator stopped."));
}

void tst_Cli::signMatchesBotocoreSuite_data()
{
    QTest::addColumn<QString>("caseName");
    for (const char *name : {"get-vanilla", "get-vanilla-query-order-key-case", "get-vanilla-query-unreserved",
                             "get-unreserved", "post-vanilla", "post-vanilla-query", "post-header-key-case",
                             "post-x-www-form-urlencoded"})
        QTest::newRow(name) << QString::fromUtf8(name);
}

// Credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, every stage as botocore expects.
void tst_Cli::signMatchesBotocoreSuite()
{
    QFETCH(QString, caseName);
    QTemporaryDir home;
    const QByteArray req = readVector(caseName, QStringLiteral("req"));
    QVERIFY(!req.isEmpty());
    const Run r = gatehouse(signArgumentsFor(req), awsEnvironment(home.path(), QStringLiteral("AKIDEXAMPLE"),
                                                                  QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(section(r.out, "Canonical request", "String to sign:"), readVector(caseName, QStringLiteral("creq")));
    QCOMPARE(section(r.out, "String to sign", "Signature:"), readVector(caseName, QStringLiteral("sts")));
    const QByteArray authorization = "\nAuthorization: " + readVector(caseName, QStringLiteral("authz")) + "\n";
    QVERIFY2(r.out.contains(authorization), r.out.constData());
    QVERIFY(r.out.contains("environment variables"));
    QVERIFY(!r.out.contains("wJalrXUtnFEMI"));
}

void tst_Cli::signMatchesBotocore_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("region");
    QTest::newRow("execute-api, encoded path and query")
        << "GET" << "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/my%20items/%C3%BC?q=a%20b&x=1%2B2&x=0&empty="
        << "" << "execute-api" << "eu-west-1";
    QTest::newRow("encoded slash stays in its segment")
        << "GET" << "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/files/a%2Fb" << "" << "execute-api"
        << "us-east-1";
    QTest::newRow("lambda invoke with JSON body")
        << "POST" << "https://lambda.eu-central-1.amazonaws.com/2015-03-31/functions/my-fn/invocations?Qualifier=live"
        << "{\"order\": \"rye\"}" << "lambda" << "eu-central-1";
    QTest::newRow("appsync graphql")
        << "POST" << "https://abcdefghijklmnopqrstuvwxyz.appsync-api.ap-southeast-2.amazonaws.com/graphql"
        << "{\"query\":\"{ items { id } }\"}" << "appsync" << "ap-southeast-2";
    // botocore signs a URL's query as given (it encodes parameters itself before), so the query
    // here is encoded as the SDK would send it; the path keeps its raw sub-delimiters.
    QTest::newRow("sub-delimiters in path and query")
        << "GET" << "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/it's(1)*!?filter=a%21b%2Ac&sort=%28%27x%27%29"
        << "" << "execute-api" << "eu-west-1";
    QTest::newRow("custom port")
        << "DELETE" << "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com:8443/prod/items/7" << "" << "execute-api"
        << "eu-west-1";
}

// The URL a person types, signed by us and by botocore at the same time: same canonical
// request, same Authorization header.
void tst_Cli::signMatchesBotocore()
{
    QFETCH(QString, method);
    QFETCH(QString, url);
    QFETCH(QString, body);
    QFETCH(QString, service);
    QFETCH(QString, region);
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    QProcess probe;
    if (!python.isEmpty())
        probe.start(python, {QStringLiteral("-c"), QStringLiteral("import botocore.auth")});
    if (python.isEmpty() || !probe.waitForFinished(30000) || probe.exitCode() != 0)
        QSKIP("botocore is not installed for python3");

    QTemporaryDir home;
    QStringList arguments{QStringLiteral("sign"), method, url, QStringLiteral("--service"), service,
                          QStringLiteral("--region"), region, QStringLiteral("--date"), QStringLiteral("20150830T123600Z")};
    QJsonArray headers;
    if (!body.isEmpty()) {
        arguments << QStringLiteral("-d") << body;
        headers.append(QJsonArray{QStringLiteral("Content-Type"), QStringLiteral("application/json")});
    }
    const Run ours = gatehouse(arguments, awsEnvironment(home.path(), QStringLiteral("AKIDEXAMPLE"),
                                                         QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")));
    QVERIFY2(ours.exitCode == 0, ours.err.constData());

    QProcess peer;
    peer.start(python, {QStringLiteral("-c"), QString::fromUtf8(BotocoreSign)});
    QVERIFY(peer.waitForStarted(30000));
    peer.write(QJsonDocument(QJsonObject{{QStringLiteral("method"), method}, {QStringLiteral("url"), url},
                                         {QStringLiteral("body"), body}, {QStringLiteral("headers"), headers},
                                         {QStringLiteral("service"), service}, {QStringLiteral("region"), region}})
                   .toJson());
    peer.closeWriteChannel();
    QVERIFY(peer.waitForFinished(60000));
    QVERIFY2(peer.exitCode() == 0, peer.readAllStandardError().constData());
    const QJsonObject expected = QJsonDocument::fromJson(peer.readAllStandardOutput()).object();
    QCOMPARE(QString::fromUtf8(section(ours.out, "Canonical request", "String to sign:")),
             expected.value(QLatin1String("canonicalRequest")).toString());
    const QByteArray authorization = "\nAuthorization: " + expected.value(QLatin1String("authorization")).toString().toUtf8() + "\n";
    QVERIFY2(ours.out.contains(authorization), ours.out.constData());
}

void tst_Cli::signPresignsAndGuesses()
{
    QTemporaryDir home;
    const Run r = gatehouse({QStringLiteral("sign"), QStringLiteral("GET"),
                             QStringLiteral("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/items?b=2&a=1"),
                             QStringLiteral("--presign"), QStringLiteral("300"), QStringLiteral("--date"),
                             QStringLiteral("20150830T123600Z")},
                            awsEnvironment(home.path(), QStringLiteral("AKIDEXAMPLE"), QStringLiteral("secret")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("Scope: 20150830/eu-west-1/execute-api/aws4_request"));
    const QByteArray url = section(r.out, "Presigned URL").trimmed();
    QVERIFY2(url.startsWith("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/items?b=2&a=1&X-Amz-Algorithm="),
             url.constData());
    QVERIFY(url.contains("&X-Amz-Expires=300&"));
    QVERIFY(url.contains("&X-Amz-Signature="));
}

// A presigned STS GetCallerIdentity URL, fetched by curl from the emulator; a changed
// signature is refused.
void tst_Cli::presignedUrlWorksWithCurl()
{
    const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    if (curl.isEmpty())
        QSKIP("curl is not installed");
    QTemporaryDir home;
    const Run r = gatehouse({QStringLiteral("sign"), QStringLiteral("GET"),
                             m_baseUrl + QStringLiteral("/?Action=GetCallerIdentity&Version=2011-06-15"),
                             QStringLiteral("--service"), QStringLiteral("sts"), QStringLiteral("--presign"), QStringLiteral("60")},
                            awsEnvironment(home.path(), QStringLiteral("test"), QStringLiteral("test")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("Scope: ") && r.out.contains("/us-east-1/sts/aws4_request")); // region guessed: the emulator's
    const QString url = QString::fromUtf8(section(r.out, "Presigned URL").trimmed());
    for (const bool tamper : {false, true}) {
        QString target = url;
        if (tamper)
            target.replace(QStringLiteral("X-Amz-Signature="), QStringLiteral("X-Amz-Signature=0"));
        QProcess process;
        process.start(curl, {QStringLiteral("-s"), QStringLiteral("-w"), QStringLiteral("\n%{http_code}"), target});
        QVERIFY(process.waitForFinished(30000));
        const QByteArray out = process.readAllStandardOutput();
        QVERIFY2(out.endsWith(tamper ? "\n403" : "\n200"), out.constData());
        QCOMPARE(out.contains("<Account>123456789012</Account>"), !tamper);
    }
}

void tst_Cli::signRefuses_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("withKeys");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("host says no service") << QStringList{QStringLiteral("GET"), QStringLiteral("https://api.example.com/")}
                                          << true << 2 << QByteArray("--service and --region");
    QTest::newRow("no credentials anywhere") << QStringList{QStringLiteral("GET"), QStringLiteral("https://lambda.us-east-1.amazonaws.com/")}
                                             << false << 1 << QByteArray("AWS_ACCESS_KEY_ID");
    QTest::newRow("presign too long") << QStringList{QStringLiteral("GET"), QStringLiteral("https://lambda.us-east-1.amazonaws.com/"),
                                                     QStringLiteral("--presign"), QStringLiteral("604801")}
                                      << true << 2 << QByteArray("7 days");
    QTest::newRow("bad date") << QStringList{QStringLiteral("GET"), QStringLiteral("https://lambda.us-east-1.amazonaws.com/"),
                                             QStringLiteral("--date"), QStringLiteral("yesterday")}
                              << true << 2 << QByteArray("20150830T123600Z");
}

void tst_Cli::signRefuses()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, withKeys);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, expected);
    QTemporaryDir home;
    QProcessEnvironment env = awsEnvironment(home.path(), QStringLiteral("AKID"), QStringLiteral("secret"));
    if (!withKeys) {
        env.remove(QStringLiteral("AWS_ACCESS_KEY_ID"));
        env.remove(QStringLiteral("AWS_SECRET_ACCESS_KEY"));
    }
    const Run r = gatehouse(QStringList{QStringLiteral("sign")} + arguments, env);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(expected), r.err.constData());
}

void tst_Cli::requestSigV4AgainstEmulator_data()
{
    QTest::addColumn<QString>("secret");
    QTest::addColumn<bool>("sign");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QByteArray>("explained");
    QTest::newRow("emulator keys") << QStringLiteral("test") << true << 0 << QByteArray("HTTP/1.1 200 OK") << QByteArray();
    QTest::newRow("wrong secret") << QStringLiteral("wrong") << true << 4
                                  << QByteArray("The Canonical String for this request should have been")
                                  << QByteArray("the secret access key is wrong");
    QTest::newRow("unsigned") << QStringLiteral("test") << false << 4 << QByteArray("Missing Authentication Token")
                              << QByteArray();
}

// Lambda's Invoke API on the emulator checks SigV4 (keys test/test).
void tst_Cli::requestSigV4AgainstEmulator()
{
    QFETCH(QString, secret);
    QFETCH(bool, sign);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, expected);
    QFETCH(QByteArray, explained);
    QTemporaryDir home;
    QStringList arguments{QStringLiteral("request")};
    if (sign)
        arguments << QStringLiteral("--sigv4");
    arguments << QStringLiteral("POST") << m_baseUrl + QStringLiteral("/2015-03-31/functions/bakeryFunction/invocations")
              << QStringLiteral("-d") << QStringLiteral("{}");
    const Run r = gatehouse(arguments, awsEnvironment(home.path(), QStringLiteral("test"), secret));
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.out.contains(expected), r.out.constData());
    QVERIFY2(explained.isEmpty() ? r.err.isEmpty() : r.err.contains(explained), r.err.constData());
}

// Keys from a named profile in the shared credentials file, not from the environment.
void tst_Cli::sigV4WithProfile_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("emulator profile") << QStringLiteral("emu") << 0 << QByteArray("Account: 123456789012");
    QTest::newRow("profile with the wrong secret") << QStringLiteral("broken") << 4 << QByteArray("SignatureDoesNotMatch");
    QTest::newRow("missing profile") << QStringLiteral("nobody") << 1 << QByteArray("nobody");
}

void tst_Cli::sigV4WithProfile()
{
    QFETCH(QString, profile);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, expected);
    QTemporaryDir home;
    QVERIFY(QDir(home.path()).mkpath(QStringLiteral(".aws")));
    QFile credentials(home.filePath(QStringLiteral(".aws/credentials")));
    QVERIFY(credentials.open(QIODevice::WriteOnly));
    credentials.write("[emu]\naws_access_key_id = test\naws_secret_access_key = test\n\n"
                      "[broken]\naws_access_key_id = test\naws_secret_access_key = nope\n");
    credentials.close();
    QProcessEnvironment env = awsEnvironment(home.path(), QStringLiteral("fromenv"), QStringLiteral("fromenv"));
    const Run who = gatehouse({QStringLiteral("whoami"), QStringLiteral("--profile"), profile,
                               QStringLiteral("--endpoint-url"), m_baseUrl}, env);
    QCOMPARE(who.exitCode, exitCode);
    const QByteArray output = who.out + who.err;
    QVERIFY2(output.contains(expected), output.constData());
    const Run request = gatehouse({QStringLiteral("request"), QStringLiteral("--sigv4"), QStringLiteral("--profile"), profile,
                                   QStringLiteral("POST"), m_baseUrl + QStringLiteral("/2015-03-31/functions/bakeryFunction/invocations"),
                                   QStringLiteral("-d"), QStringLiteral("{}")}, env);
    QCOMPARE(request.exitCode, exitCode == 1 ? 2 : exitCode);
}

void tst_Cli::whoamiAgainstEmulator_data()
{
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("emulator keys") << QStringLiteral("test") << QStringLiteral("{base}") << 0
                                   << QByteArray("Account: 123456789012\nArn:     arn:aws:iam::123456789012:");
    QTest::newRow("wrong secret") << QStringLiteral("wrong") << QStringLiteral("{base}") << 4
                                  << QByteArray("SignatureDoesNotMatch");
    QTest::newRow("refused") << QStringLiteral("test") << QStringLiteral("http://127.0.0.1:1") << 3 << QByteArray("127.0.0.1");
    QTest::newRow("no scheme") << QStringLiteral("test") << QStringLiteral("127.0.0.1:4577") << 2 << QByteArray("scheme");
}

void tst_Cli::whoamiAgainstEmulator()
{
    QFETCH(QString, secret);
    QFETCH(QString, endpoint);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, expected);
    QTemporaryDir home;
    endpoint.replace(QStringLiteral("{base}"), m_baseUrl);
    const Run r = gatehouse({QStringLiteral("whoami"), QStringLiteral("--endpoint-url"), endpoint},
                            awsEnvironment(home.path(), QStringLiteral("test"), secret));
    QCOMPARE(r.exitCode, exitCode);
    const QByteArray output = r.out + r.err;
    QVERIFY2(output.contains(expected), output.constData());
}

void tst_Cli::whoamiWithTarget_data()
{
    QTest::addColumn<QStringList>("arguments"); // {base} is the emulator's base URL
    QTest::addColumn<QString>("envSecret");     // AWS_SECRET_ACCESS_KEY (key id "test")
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("expected");
    const QByteArray account("Account: 123456789012\nArn:     arn:aws:iam::123456789012:");
    QTest::newRow("URL: the default chain's keys")
        << QStringList{QStringLiteral("--target"), QStringLiteral("{base}")} << QStringLiteral("test") << 0 << account;
    QTest::newRow("URL: wrong secret in the environment")
        << QStringList{QStringLiteral("--target"), QStringLiteral("{base}")} << QStringLiteral("wrong") << 4
        << QByteArray("SignatureDoesNotMatch");
    QTest::newRow("emulator: its own keys, not the environment's")
        << QStringList{QStringLiteral("--target"), QStringLiteral("emulator"), QStringLiteral("--endpoint-url"),
                       QStringLiteral("{base}")}
        << QStringLiteral("wrong") << 0 << account;
    QTest::newRow("profile: its endpoint_url and keys")
        << QStringList{QStringLiteral("--target"), QStringLiteral("profile:dev")} << QStringLiteral("wrong") << 0
        << account;
    QTest::newRow("not a target") << QStringList{QStringLiteral("--target"), QStringLiteral("ftp://x")}
                                  << QStringLiteral("test") << 2 << QByteArray("--target takes emulator");
    QTest::newRow("target and profile")
        << QStringList{QStringLiteral("--target"), QStringLiteral("emulator"), QStringLiteral("--profile"),
                       QStringLiteral("dev")}
        << QStringLiteral("test") << 2 << QByteArray("not both");
}

void tst_Cli::whoamiWithTarget()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, envSecret);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, expected);
    QTemporaryDir home;
    QVERIFY(QDir(home.path()).mkpath(QStringLiteral(".aws")));
    QFile config(home.filePath(QStringLiteral(".aws/config")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("[profile dev]\nregion = us-east-1\nendpoint_url = " + m_baseUrl.toUtf8() + "\n");
    config.close();
    QFile credentials(home.filePath(QStringLiteral(".aws/credentials")));
    QVERIFY(credentials.open(QIODevice::WriteOnly));
    credentials.write("[dev]\naws_access_key_id = test\naws_secret_access_key = test\n");
    credentials.close();
    arguments.replaceInStrings(QStringLiteral("{base}"), m_baseUrl);
    const Run r = gatehouse(QStringList{QStringLiteral("whoami")} + arguments,
                            awsEnvironment(home.path(), QStringLiteral("test"), envSecret));
    const QByteArray output = r.out + r.err;
    QVERIFY2(r.exitCode == exitCode, output.constData());
    QVERIFY2(output.contains(expected), output.constData());
}

// `gatehouse lambda ...` against the emulator process, with the emulator's keys.
Run tst_Cli::lambda(const QStringList &arguments, const QString &baseUrl)
{
    QTemporaryDir home;
    return gatehouse(QStringList{QStringLiteral("lambda")} + arguments +
                         QStringList{QStringLiteral("--target"), QStringLiteral("emulator"),
                                     QStringLiteral("--endpoint-url"), baseUrl.isEmpty() ? m_baseUrl : baseUrl},
                     awsEnvironment(home.path(), QStringLiteral("wrong"), QStringLiteral("wrong")));
}

void tst_Cli::lambdaAgainstEmulator()
{
    const QString fn = QStringLiteral("bakeryFunction");
    const Run list = lambda({QStringLiteral("list")});
    QVERIFY2(list.exitCode == 0, list.err.constData());
    QVERIFY2(QRegularExpression(QStringLiteral("^NAME +RUNTIME +MEMORY +TIMEOUT +LAST MODIFIED\n"))
                 .match(QString::fromUtf8(list.out)).hasMatch(), list.out.constData());
    QVERIFY2(QRegularExpression(QStringLiteral("\nbakeryFunction +python3\\.\\d+ +\\d+ +\\d+ +\\d{4}-"))
                 .match(QString::fromUtf8(list.out)).hasMatch(), list.out.constData());

    const Run publish = lambda({QStringLiteral("publish"), fn, QStringLiteral("-m"), QStringLiteral("from tst_cli")});
    QVERIFY2(publish.exitCode == 0, publish.err.constData());
    const QRegularExpressionMatch published =
        QRegularExpression(QStringLiteral("^Published version (\\d+) of bakeryFunction \\(\\S+=\\)\n$"))
            .match(QString::fromUtf8(publish.out));
    QVERIFY2(published.hasMatch(), publish.out.constData());
    const QString version = published.captured(1);

    const Run versions = lambda({QStringLiteral("versions"), fn});
    QVERIFY2(versions.exitCode == 0, versions.err.constData());
    QVERIFY2(versions.out.startsWith("VERSION  CODE SHA256"), versions.out.constData());
    QVERIFY2(QRegularExpression(QStringLiteral("\n\\$LATEST +\\S+ +\\d{4}-")).match(QString::fromUtf8(versions.out)).hasMatch(),
             versions.out.constData());
    QVERIFY2(QRegularExpression(QStringLiteral("\n%1 +\\S+ +\\S+ +").arg(version)).match(QString::fromUtf8(versions.out)).hasMatch(),
             versions.out.constData());

    const Run created = lambda({QStringLiteral("alias"), fn, QStringLiteral("clitest"), version,
                                QStringLiteral("--description"), QStringLiteral("made by tst_cli")});
    QVERIFY2(created.exitCode == 0, created.err.constData());
    QCOMPARE(created.out, QByteArray("Created clitest -> " + version.toUtf8() + "\n"));
    const Run updated = lambda({QStringLiteral("alias"), fn, QStringLiteral("clitest"), version});
    QVERIFY2(updated.exitCode == 0, updated.err.constData());
    QCOMPARE(updated.out, QByteArray("Updated clitest -> " + version.toUtf8() + "\n"));
    const Run aliases = lambda({QStringLiteral("aliases"), fn});
    QVERIFY2(aliases.exitCode == 0, aliases.err.constData());
    const QByteArray aliasLine = QByteArray("clitest -> " + version.toUtf8() + "  # made by tst_cli\n");
    QVERIFY2(aliases.out.contains(QByteArray('\n' + aliasLine)) || aliases.out.startsWith(aliasLine), aliases.out.constData());

    QTemporaryDir dir;
    QFile event(dir.filePath(QStringLiteral("event.json")));
    QVERIFY(event.open(QIODevice::WriteOnly));
    event.write(R"({"requestContext": {"http": {"sourceIp": "203.0.113.9"}}})");
    event.close();
    const Run invoked = lambda({QStringLiteral("invoke"), fn + QStringLiteral(":clitest"),
                                QStringLiteral("--payload"), QLatin1Char('@') + event.fileName(), QStringLiteral("--log")});
    QVERIFY2(invoked.exitCode == 0, invoked.err.constData());
    QVERIFY2(invoked.out.contains("\"statusCode\": 200"), invoked.out.constData());
    QVERIFY2(invoked.err.contains("suggesting ") && invoked.err.contains(" for 203.0.113.9\n"), invoked.err.constData());
    QVERIFY2(invoked.err.contains("START RequestId: "), invoked.err.constData());
    QVERIFY2(invoked.err.endsWith(QByteArray("Executed version: " + version.toUtf8() + "\n")), invoked.err.constData());

    const Run quiet = lambda({QStringLiteral("invoke"), fn, QStringLiteral("--payload"),
                              QStringLiteral(R"({"requestContext": {"http": {"sourceIp": "198.51.100.1"}}})")});
    QVERIFY2(quiet.exitCode == 0, quiet.err.constData());
    QVERIFY2(quiet.out.contains("\"statusCode\": 200"), quiet.out.constData());
    QVERIFY2(quiet.err.isEmpty(), quiet.err.constData());
}

void tst_Cli::lambdaRefuses_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("expected");
    const QString fn = QStringLiteral("bakeryFunction");
    QTest::newRow("payload not JSON") << QStringList{QStringLiteral("invoke"), fn, QStringLiteral("--payload"),
                                                     QStringLiteral("{\"a\":\n  1,,}")}
                                      << 2 << QByteArray("the payload is not JSON: ");
    QTest::newRow("payload error position") << QStringList{QStringLiteral("invoke"), fn, QStringLiteral("--payload"),
                                                           QStringLiteral("{\"a\": tru}")}
                                            << 2 << QByteArray("at line 1, column ");
    QTest::newRow("payload file missing") << QStringList{QStringLiteral("invoke"), fn, QStringLiteral("--payload"),
                                                         QStringLiteral("@/nonexistent/event.json")}
                                          << 2 << QByteArray("cannot read the payload file");
    QTest::newRow("unknown function") << QStringList{QStringLiteral("invoke"), QStringLiteral("noSuchFunction")}
                                      << 4 << QByteArray("ResourceNotFoundException");
    QTest::newRow("versions of unknown function") << QStringList{QStringLiteral("versions"), QStringLiteral("noSuchFunction")}
                                                  << 4 << QByteArray("ResourceNotFoundException");
    QTest::newRow("unknown qualifier") << QStringList{QStringLiteral("invoke"), fn + QStringLiteral(":99")}
                                       << 4 << QByteArray("ResourceNotFoundException");
    QTest::newRow("weight out of range") << QStringList{QStringLiteral("alias"), fn, QStringLiteral("bad"),
                                                        QStringLiteral("$LATEST"), QStringLiteral("--weight"),
                                                        QStringLiteral("1=1.5")}
                                         << 4 << QByteArray("Exception");
    QTest::newRow("weight not a number") << QStringList{QStringLiteral("alias"), fn, QStringLiteral("bad"),
                                                        QStringLiteral("1"), QStringLiteral("--weight"),
                                                        QStringLiteral("2=much")}
                                         << 2 << QByteArray("VERSION=WEIGHT");
    QTest::newRow("unknown action") << QStringList{QStringLiteral("deploy"), fn} << 2 << QByteArray("lambda needs one of");
    QTest::newRow("missing function") << QStringList{QStringLiteral("versions")} << 2 << QByteArray("takes 1 argument");
}

void tst_Cli::lambdaRefuses()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, expected);
    const Run r = lambda(arguments);
    const QByteArray output = r.out + r.err;
    QVERIFY2(r.exitCode == exitCode, output.constData());
    QVERIFY2(r.err.contains(expected), r.err.constData());
}

// Two versions of the versions lab behind a 90/10 alias, in a second emulator process whose
// lab copy the test changes between publishes.
void tst_Cli::lambdaWeightedAlias()
{
    QTemporaryDir dir;
    const QString lab = dir.filePath(QStringLiteral("lab"));
    const QString source = QStringLiteral(GATEHOUSE_TEST_DATA "/emulator-labs/versions");
    QVERIFY(QDir().mkpath(lab + QStringLiteral("/src")));
    for (const QString &file : {QStringLiteral("template.yaml"), QStringLiteral("src/app.py"), QStringLiteral("src/marker.txt")})
        QVERIFY(QFile::copy(source + QLatin1Char('/') + file, lab + QLatin1Char('/') + file));
    QFile::setPermissions(lab + QStringLiteral("/src/marker.txt"), QFile::ReadOwner | QFile::WriteOwner);
    QProcess emulator;
    emulator.start(QStringLiteral(GATEHOUSE_EXECUTABLE), {QStringLiteral("emulator"), QStringLiteral("--port"),
                                                          QStringLiteral("0"), QStringLiteral("--lab"), lab});
    QVERIFY(emulator.waitForStarted());
    QByteArray banner;
    QTRY_VERIFY_WITH_TIMEOUT((banner += emulator.readAllStandardOutput()).contains("Ctrl+C"), 20000);
    const QRegularExpressionMatch url =
        QRegularExpression(QStringLiteral("(http://127\\.0\\.0\\.1:\\d+)")).match(QString::fromUtf8(banner));
    QVERIFY2(url.hasMatch(), banner.constData());
    const QString base = url.captured(1);
    const QString fn = QStringLiteral("versioned");

    QCOMPARE(lambda({QStringLiteral("publish"), fn}, base).exitCode, 0);
    QFile marker(lab + QStringLiteral("/src/marker.txt"));
    QVERIFY(marker.open(QIODevice::WriteOnly | QIODevice::Truncate));
    marker.write("v2\n");
    marker.close();
    const Run second = lambda({QStringLiteral("publish"), fn, QStringLiteral("-m"), QStringLiteral("canary")}, base);
    QVERIFY2(second.out.startsWith("Published version 2 of versioned"), QByteArray(second.out + second.err).constData());

    const Run created = lambda({QStringLiteral("alias"), fn, QStringLiteral("live"), QStringLiteral("1"),
                                QStringLiteral("--weight"), QStringLiteral("2=0.1")}, base);
    QVERIFY2(created.exitCode == 0, created.err.constData());
    QCOMPARE(created.out, QByteArray("Created live -> 1 (90 %), 2 (10 %)\n"));
    const Run shifted = lambda({QStringLiteral("alias"), fn, QStringLiteral("live"), QStringLiteral("1"),
                                QStringLiteral("--weight"), QStringLiteral("2=0.25")}, base);
    QCOMPARE(shifted.out, QByteArray("Updated live -> 1 (75 %), 2 (25 %)\n"));
    const Run aliases = lambda({QStringLiteral("aliases"), fn}, base);
    QCOMPARE(aliases.out, QByteArray("live -> 1 (75 %), 2 (25 %)\n"));
    const Run all = lambda({QStringLiteral("list"), QStringLiteral("--all")}, base);
    QVERIFY2(all.out.startsWith("NAME       VERSION  RUNTIME"), all.out.constData());
    QCOMPARE(all.out.count("\nversioned  "), 3);
    QVERIFY2(all.out.contains("\nversioned  2        python3.12"), all.out.constData());
    const Run versions = lambda({QStringLiteral("versions"), fn}, base);
    QVERIFY2(QRegularExpression(QStringLiteral("\n2 +\\S+ +\\S+ +canary\n")).match(QString::fromUtf8(versions.out)).hasMatch(),
             versions.out.constData());

    const Run pinned = lambda({QStringLiteral("invoke"), fn + QStringLiteral(":2"), QStringLiteral("--log")}, base);
    QVERIFY2(pinned.exitCode == 0, pinned.err.constData());
    QCOMPARE(pinned.out, QByteArray("{\"marker\": \"v2\"}\n"));
    QVERIFY2(pinned.err.contains("running code v2\n") && pinned.err.endsWith("Executed version: 2\n"),
             pinned.err.constData());
    const Run viaAlias = lambda({QStringLiteral("invoke"), fn + QStringLiteral(":live"), QStringLiteral("--log")}, base);
    QVERIFY2(viaAlias.exitCode == 0, viaAlias.err.constData());
    const bool one = viaAlias.out == "{\"marker\": \"v1\"}\n" && viaAlias.err.endsWith("Executed version: 1\n");
    const bool two = viaAlias.out == "{\"marker\": \"v2\"}\n" && viaAlias.err.endsWith("Executed version: 2\n");
    QVERIFY2(one || two, QByteArray(viaAlias.out + viaAlias.err).constData());
    emulator.terminate();
    QVERIFY(emulator.waitForFinished(10000));
}

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
