// Regions and endpoints as the AWS SDKs resolve them; botocore (python3) is the independent
// reference for hostnames and for the order of endpoint overrides.
#include "core/aws/awsconfig.h"
#include "core/aws/endpointresolver.h"

#include "tests/common/botocorepeer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse::Core;
using namespace Gatehouse::Core::Aws;

namespace {

const QByteArray config = "[default]\n"
                          "region = eu-west-1\n"
                          "[profile cn]\n"
                          "region = cn-north-1\n"
                          "[profile bad]\n"
                          "region = moon-base-1\n"
                          "[profile local]\n"
                          "region = us-east-1\n"
                          "endpoint_url = http://127.0.0.1:4566\n"
                          "services = local-services\n"
                          "[profile globalonly]\n"
                          "region = us-east-1\n"
                          "endpoint_url = http://127.0.0.1:4566\n"
                          "[profile ignoring]\n"
                          "region = us-east-1\n"
                          "endpoint_url = http://127.0.0.1:4566\n"
                          "ignore_configured_endpoint_urls = true\n"
                          "[profile noscheme]\n"
                          "endpoint_url = localhost:4566\n"
                          "[services local-services]\n"
                          "lambda =\n"
                          "  endpoint_url = http://127.0.0.1:4577/lambda\n"
                          "cognito_identity_provider =\n"
                          "  endpoint_url = http://127.0.0.1:4577/idp\n";

QStringList pairs(std::initializer_list<const char *> items)
{
    QStringList list;
    for (const char *item : items)
        list << QString::fromUtf8(item);
    return list;
}

QProcessEnvironment environmentFrom(const QString &configPath, const QStringList &variables)
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("HOME"), QStringLiteral("/nonexistent"));
    environment.insert(QStringLiteral("AWS_CONFIG_FILE"), configPath);
    environment.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), configPath + QStringLiteral(".none"));
    for (const QString &variable : variables) {
        const qsizetype equals = variable.indexOf(QLatin1Char('='));
        environment.insert(variable.left(equals), variable.mid(equals + 1));
    }
    return environment;
}

} // namespace

class tst_EndpointResolver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void region_data();
    void region();
    void endpoint_data();
    void endpoint();
    void agreesWithBotocore();

private:
    QTemporaryDir m_dir;
    QString m_configPath;
};

void tst_EndpointResolver::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_configPath = m_dir.filePath(QStringLiteral("config"));
    QFile file(m_configPath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(config);
}

void tst_EndpointResolver::region_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QStringList>("variables");
    QTest::addColumn<QString>("expected"); // a region, or "error: <part of the message>"

    QTest::newRow("default profile") << "" << QStringList() << "eu-west-1";
    QTest::newRow("named profile") << "cn" << QStringList() << "cn-north-1";
    QTest::newRow("AWS_PROFILE selects") << "" << pairs({"AWS_PROFILE=cn"}) << "cn-north-1";
    QTest::newRow("AWS_DEFAULT_REGION beats profile") << "cn" << pairs({"AWS_DEFAULT_REGION=us-west-2"}) << "us-west-2";
    QTest::newRow("AWS_REGION beats AWS_DEFAULT_REGION")
        << "" << pairs({"AWS_REGION=ap-southeast-2", "AWS_DEFAULT_REGION=us-west-2"}) << "ap-southeast-2";
    QTest::newRow("GovCloud") << "" << pairs({"AWS_REGION=us-gov-west-1"}) << "us-gov-west-1";
    QTest::newRow("new region by pattern") << "" << pairs({"AWS_REGION=eu-central-9"}) << "eu-central-9";
    QTest::newRow("unknown region in profile") << "bad" << QStringList()
                                               << "error: 'moon-base-1' is not an AWS region of a known partition: aws (";
    QTest::newRow("partitions are listed") << "" << pairs({"AWS_REGION=eu-west-1a"}) << "error: aws-cn (cn-north-1";
    QTest::newRow("upper case is not a region") << "" << pairs({"AWS_REGION=US-EAST-1"}) << "error: aws-us-gov (";
    QTest::newRow("no region anywhere") << "noscheme" << QStringList()
                                        << "error: No AWS region is set: set AWS_REGION, or add 'region = ...' to profile 'noscheme'";
}

void tst_EndpointResolver::region()
{
    QFETCH(QString, profile);
    QFETCH(QStringList, variables);
    QFETCH(QString, expected);
    const Result<QString> region = resolveRegion(profile, environmentFrom(m_configPath, variables));
    if (expected.startsWith(QLatin1String("error: "))) {
        QVERIFY(!region);
        QVERIFY2(region.error().message.contains(expected.mid(7)), qPrintable(region.error().message));
        return;
    }
    QVERIFY2(region.ok(), region.ok() ? "" : qPrintable(region.error().message));
    QCOMPARE(*region, expected);
}

void tst_EndpointResolver::endpoint_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QStringList>("variables");
    QTest::addColumn<QString>("expected");

    QTest::newRow("lambda") << "lambda" << "eu-west-1" << "" << QStringList() << "https://lambda.eu-west-1.amazonaws.com";
    QTest::newRow("lambda China") << "lambda" << "cn-north-1" << "" << QStringList() << "https://lambda.cn-north-1.amazonaws.com.cn";
    QTest::newRow("lambda GovCloud") << "lambda" << "us-gov-west-1" << "" << QStringList() << "https://lambda.us-gov-west-1.amazonaws.com";
    QTest::newRow("execute-api") << "execute-api" << "us-east-2" << "" << QStringList() << "https://execute-api.us-east-2.amazonaws.com";
    QTest::newRow("execute-api China") << "execute-api" << "cn-northwest-1" << "" << QStringList() << "https://execute-api.cn-northwest-1.amazonaws.com.cn";
    QTest::newRow("appsync-api") << "appsync-api" << "ap-northeast-1" << "" << QStringList() << "https://appsync-api.ap-northeast-1.amazonaws.com";
    QTest::newRow("appsync-realtime-api") << "appsync-realtime-api" << "ap-northeast-1" << "" << QStringList() << "wss://appsync-realtime-api.ap-northeast-1.amazonaws.com";
    QTest::newRow("cognito-idp") << "cognito-idp" << "eu-north-1" << "" << QStringList() << "https://cognito-idp.eu-north-1.amazonaws.com";
    QTest::newRow("cognito-identity") << "cognito-identity" << "eu-north-1" << "" << QStringList() << "https://cognito-identity.eu-north-1.amazonaws.com";
    QTest::newRow("sts is regional") << "sts" << "us-east-1" << "" << QStringList() << "https://sts.us-east-1.amazonaws.com";
    QTest::newRow("sso portal") << "sso" << "eu-west-1" << "" << QStringList() << "https://portal.sso.eu-west-1.amazonaws.com";
    QTest::newRow("AWS_ENDPOINT_URL_LAMBDA beats all")
        << "lambda" << "us-east-1" << "local"
        << pairs({"AWS_ENDPOINT_URL_LAMBDA=http://127.0.0.1:1", "AWS_ENDPOINT_URL=http://127.0.0.1:2"}) << "http://127.0.0.1:1";
    QTest::newRow("service id with spaces")
        << "cognito-idp" << "us-east-1" << "" << pairs({"AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER=http://127.0.0.1:3"}) << "http://127.0.0.1:3";
    QTest::newRow("other service's variable does not apply")
        << "cognito-identity" << "us-east-1" << "" << pairs({"AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER=http://127.0.0.1:3"}) << "https://cognito-identity.us-east-1.amazonaws.com";
    QTest::newRow("AppSync id") << "appsync-api" << "us-east-1" << "" << pairs({"AWS_ENDPOINT_URL_APPSYNC=http://127.0.0.1:4"}) << "http://127.0.0.1:4";
    QTest::newRow("AWS_ENDPOINT_URL beats the services section")
        << "lambda" << "us-east-1" << "local" << pairs({"AWS_ENDPOINT_URL=http://127.0.0.1:2"}) << "http://127.0.0.1:2";
    QTest::newRow("services section beats profile endpoint_url")
        << "lambda" << "us-east-1" << "local" << QStringList() << "http://127.0.0.1:4577/lambda";
    QTest::newRow("profile endpoint_url for others") << "sts" << "us-east-1" << "local" << QStringList() << "http://127.0.0.1:4566";
    QTest::newRow("AWS_PROFILE selects the profile") << "sts" << "us-east-1" << "" << pairs({"AWS_PROFILE=globalonly"}) << "http://127.0.0.1:4566";
    QTest::newRow("ignore by environment")
        << "lambda" << "us-east-1" << "local"
        << pairs({"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true", "AWS_ENDPOINT_URL_LAMBDA=http://127.0.0.1:1"}) << "https://lambda.us-east-1.amazonaws.com";
    QTest::newRow("ignore by profile") << "lambda" << "us-east-1" << "ignoring" << QStringList() << "https://lambda.us-east-1.amazonaws.com";
    QTest::newRow("environment false overrides profile true")
        << "lambda" << "us-east-1" << "ignoring" << pairs({"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=false"}) << "http://127.0.0.1:4566";
    QTest::newRow("no scheme in variable")
        << "lambda" << "us-east-1" << "" << pairs({"AWS_ENDPOINT_URL=localhost:4566"})
        << "error: The endpoint URL 'localhost:4566' from AWS_ENDPOINT_URL has no scheme: write it as https://localhost:4566";
    QTest::newRow("no scheme in profile") << "sts" << "us-east-1" << "noscheme" << QStringList()
                                          << "error: from endpoint_url of profile 'noscheme' has no scheme";
    QTest::newRow("unknown region") << "lambda" << "mars-1" << "" << QStringList() << "error: 'mars-1' is not an AWS region";
    QTest::newRow("unknown service") << "s3" << "us-east-1" << "" << QStringList() << "error: no endpoint data for the service 's3'";
}

void tst_EndpointResolver::endpoint()
{
    QFETCH(QString, service);
    QFETCH(QString, region);
    QFETCH(QString, profile);
    QFETCH(QStringList, variables);
    QFETCH(QString, expected);
    const Result<QUrl> url = resolveEndpoint(service, region, profile, environmentFrom(m_configPath, variables));
    if (expected.startsWith(QLatin1String("error: "))) {
        QVERIFY(!url);
        QVERIFY2(url.error().message.contains(expected.mid(7)), qPrintable(url.error().message));
        return;
    }
    QVERIFY2(url.ok(), url.ok() ? "" : qPrintable(url.error().message));
    QCOMPARE(url->toString(), expected);
}

// The same questions to botocore: default hostnames in every partition, and the overrides.
void tst_EndpointResolver::agreesWithBotocore()
{
    struct Case
    {
        QString service, botoService, region, profile;
        QStringList variables;
    };
    QList<Case> cases;
    const QStringList regions = pairs({"us-east-1", "eu-west-1", "ap-southeast-5", "cn-north-1", "cn-northwest-1",
                                       "us-gov-west-1", "us-gov-east-1"});
    const std::pair<const char *, const char *> services[] = {
        {"lambda", "lambda"}, {"sts", "sts"}, {"cognito-idp", "cognito-idp"},
        {"cognito-identity", "cognito-identity"}, {"sso", "sso"}};
    for (const auto &[ours, theirs] : services) {
        for (const QString &region : regions)
            cases.append({QString::fromLatin1(ours), QString::fromLatin1(theirs), region, QStringLiteral("default"), {}});
    }
    const QList<std::pair<QString, QStringList>> overrides = {
        {QStringLiteral("local"), pairs({"AWS_ENDPOINT_URL_LAMBDA=http://127.0.0.1:1", "AWS_ENDPOINT_URL=http://127.0.0.1:2"})},
        {QStringLiteral("local"), pairs({"AWS_ENDPOINT_URL=http://127.0.0.1:2"})},
        {QStringLiteral("local"), {}},
        {QStringLiteral("globalonly"), {}},
        {QStringLiteral("ignoring"), {}},
        {QStringLiteral("ignoring"), pairs({"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=false"})},
        {QStringLiteral("local"), pairs({"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true"})}};
    for (const auto &[profile, variables] : overrides) {
        for (const auto &[ours, theirs] : services)
            cases.append({QString::fromLatin1(ours), QString::fromLatin1(theirs), QStringLiteral("us-east-1"), profile, variables});
    }
    QJsonArray input;
    for (const Case &c : cases) {
        QJsonObject variables;
        for (const QString &variable : c.variables)
            variables.insert(variable.section(QLatin1Char('='), 0, 0), variable.section(QLatin1Char('='), 1));
        input.append(QJsonObject{{QStringLiteral("service"), c.botoService}, {QStringLiteral("region"), c.region},
                                 {QStringLiteral("profile"), c.profile}, {QStringLiteral("env"), variables}});
    }
    QProcess python;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("AWS_PROFILE"));
    environment.insert(QStringLiteral("AWS_CONFIG_FILE"), m_configPath);
    environment.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), m_configPath + QStringLiteral(".none"));
    environment.insert(QStringLiteral("CASES"), QString::fromUtf8(QJsonDocument(input).toJson()));
    python.setProcessEnvironment(environment);
    QSignalSpy finished(&python, &QProcess::finished);
    python.start(GatehouseTest::findBotocorePeer().interpreter,
                 {QStringLiteral("-c"),
                  QStringLiteral("import json, os, botocore.session\n"
                                 "out = []\n"
                                 "for c in json.loads(os.environ['CASES']):\n"
                                 "    saved = dict(os.environ)\n"
                                 "    os.environ.update(c['env'])\n"
                                 "    s = botocore.session.Session(profile=c['profile'])\n"
                                 "    out.append(s.create_client(c['service'], region_name=c['region'],\n"
                                 "        aws_access_key_id='A', aws_secret_access_key='B').meta.endpoint_url)\n"
                                 "    os.environ.clear(); os.environ.update(saved)\n"
                                 "print(json.dumps(out))\n")});
    if (!finished.wait(60000) || python.exitCode() != 0)
        QSKIP(qPrintable(GatehouseTest::findBotocorePeer().whyNot.isEmpty() ? QStringLiteral("botocore did not answer") : GatehouseTest::findBotocorePeer().whyNot));
    const QJsonArray theirs = QJsonDocument::fromJson(python.readAllStandardOutput()).array();
    QCOMPARE(theirs.size(), cases.size());
    for (qsizetype i = 0; i < cases.size(); ++i) {
        const Case &c = cases.at(i);
        const Result<QUrl> ours = resolveEndpoint(c.service, c.region, c.profile, environmentFrom(m_configPath, c.variables));
        QVERIFY2(ours.ok(), qPrintable(c.service + QLatin1Char(' ') + c.region));
        QCOMPARE(ours->toString() + QLatin1Char(' ') + c.profile + QLatin1Char(' ') + c.variables.join(QLatin1Char(',')),
                 theirs.at(i).toString() + QLatin1Char(' ') + c.profile + QLatin1Char(' ') + c.variables.join(QLatin1Char(',')));
    }
}

QTEST_GUILESS_MAIN(tst_EndpointResolver)
#include "tst_endpointresolver.moc"
