// The shared config/credentials files as the AWS CLI reads them; botocore (run through
// python3) is the independent reference for parsing, Python's shlex for command splitting.
#include "core/aws/awsconfig.h"

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

void writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

const QByteArray referenceConfig = "# shared config\n"
                                   "; another comment\n"
                                   "[default]\n"
                                   "region = us-east-1\n"
                                   "output : json # not a comment for configparser\n"
                                   "Mixed_Case = Value\n"
                                   "\n"
                                   "[profile dev]\n"
                                   "region=eu-west-1\n"
                                   "services = local\n"
                                   "s3 =\n"
                                   "  addressing_style = path\n"
                                   "  max_concurrent_requests = 20\n"
                                   "long = first\n"
                                   "  second\n"
                                   "[profile \"quoted name\"]\n"
                                   "region = ap-south-1\n"
                                   "[sso-session corp]\n"
                                   "sso_start_url = https://corp.awsapps.com/start\n"
                                   "sso_region = us-east-1\n"
                                   "sso_registration_scopes = sso:account:access\n"
                                   "[services local]\n"
                                   "lambda =\n"
                                   "  endpoint_url = http://127.0.0.1:4577\n"
                                   "cognito_identity_provider =\n"
                                   "  endpoint_url = http://127.0.0.1:4577/cognito\n"
                                   "[bare]\n"
                                   "x = 1\n"
                                   "[profile   spaced  ]\r\n"
                                   "Region : sa-east-1\r\n"
                                   "[profile two words here]\n"
                                   "region = ignored\n";

const QByteArray referenceCredentials = "[default]\n"
                                        "aws_access_key_id = AKIDDEFAULT\n"
                                        "aws_secret_access_key = secret/default+key\n"
                                        "[dev]\n"
                                        "region = eu-central-1\n"
                                        "aws_access_key_id = AKIDDEV\n"
                                        "[profile literal]\n"
                                        "aws_access_key_id = AKIDLITERAL\n";

QStringList words(std::initializer_list<const char *> items)
{
    QStringList list;
    for (const char *item : items)
        list << QString::fromUtf8(item);
    return list;
}

QJsonObject sectionJson(const AwsConfigSection &section)
{
    QJsonObject object;
    for (auto it = section.values.cbegin(); it != section.values.cend(); ++it)
        object.insert(it.key(), it.value());
    for (auto it = section.subsections.cbegin(); it != section.subsections.cend(); ++it) {
        QJsonObject nested;
        for (auto inner = it->cbegin(); inner != it->cend(); ++inner)
            nested.insert(inner.key(), inner.value());
        object.insert(it.key(), nested);
    }
    return object;
}

QJsonObject ourReading(const AwsConfig &config)
{
    QJsonObject profiles, sessions, services;
    for (const QString &name : config.profileNames())
        profiles.insert(name, sectionJson(config.profile(name)));
    for (const QString &name : config.ssoSessionNames())
        sessions.insert(name, sectionJson(config.ssoSession(name)));
    for (const QString &name : config.servicesNames())
        services.insert(name, sectionJson(config.services(name)));
    return {{QStringLiteral("profiles"), profiles},
            {QStringLiteral("sso_sessions"), sessions},
            {QStringLiteral("services"), services}};
}

// Runs python3 with `script`; an empty result means python3 or botocore is missing.
QByteArray runPython(const QString &script, const QProcessEnvironment &environment)
{
    QProcess python;
    python.setProcessEnvironment(environment);
    QSignalSpy finished(&python, &QProcess::finished);
    python.start(GatehouseTest::findBotocorePeer().interpreter, {QStringLiteral("-c"), script});
    if (!finished.wait(30000) || python.exitCode() != 0)
        return {};
    return python.readAllStandardOutput();
}

} // namespace

class tst_AwsConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void settings_data();
    void settings();
    void malformedLines_data();
    void malformedLines();
    void paths();
    void agreesWithBotocore();
    void splitCommandLine_data();
    void splitCommandLine();
    void splitAgreesWithShlex();

private:
    QTemporaryDir m_dir;
};

void tst_AwsConfig::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void tst_AwsConfig::settings_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");

    QTest::newRow("default from config") << "default" << "region" << "us-east-1";
    QTest::newRow("colon separator, inline # kept") << "default" << "output" << "json # not a comment for configparser";
    QTest::newRow("keys are case-insensitive") << "default" << "MIXED_CASE" << "Value";
    QTest::newRow("credentials file wins") << "dev" << "region" << "eu-central-1";
    QTest::newRow("keys merged from both files") << "dev" << "services" << "local";
    QTest::newRow("continuation line") << "dev" << "long" << "first\nsecond";
    QTest::newRow("quoted profile name") << "quoted name" << "region" << "ap-south-1";
    QTest::newRow("spaced profile name, CRLF") << "spaced" << "region" << "sa-east-1";
    QTest::newRow("[profile x] in credentials is literal") << "profile literal" << "aws_access_key_id" << "AKIDLITERAL";
    QTest::newRow("[bare] in config is no profile") << "bare" << "x" << "";
    QTest::newRow("three words are no profile") << "two words here" << "region" << "";
}

void tst_AwsConfig::settings()
{
    QFETCH(QString, profile);
    QFETCH(QString, key);
    QFETCH(QString, expected);
    const AwsConfig config = AwsConfig::fromText(referenceConfig, referenceCredentials);
    QVERIFY(config.problems().isEmpty());
    QCOMPARE(config.profile(profile).value(key), expected);
    QCOMPARE(config.hasProfile(profile), !expected.isEmpty());
}

void tst_AwsConfig::malformedLines_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QStringList>("problems");
    QTest::addColumn<QString>("goodRegion");

    QTest::newRow("setting before a section")
        << QByteArray("region = x\n[profile good]\nregion = eu-west-3\n")
        << QStringList{QStringLiteral("config line 1: a setting comes before")} << "eu-west-3";
    QTest::newRow("line without separator")
        << QByteArray("[profile good]\nregion = eu-west-3\njust words\n")
        << QStringList{QStringLiteral("config line 3: expected 'name = value'")} << "eu-west-3";
    QTest::newRow("unclosed header skips its settings")
        << QByteArray("[profile broken\nregion = x\n[profile good]\nregion = eu-west-3\n")
        << QStringList{QStringLiteral("config line 1: a section header")} << "eu-west-3";
    QTest::newRow("nested line without =")
        << QByteArray("[profile good]\ns3 =\n  addressing_style path\nregion = eu-west-3\n")
        << QStringList{QStringLiteral("config line 3: expected 'name = value' inside 's3'")}
        << "eu-west-3";
    QTest::newRow("empty key") << QByteArray("[profile good]\n= value\nregion = eu-west-3\n")
                               << QStringList{QStringLiteral("config line 2:")} << "eu-west-3";
}

void tst_AwsConfig::malformedLines()
{
    QFETCH(QByteArray, config);
    QFETCH(QStringList, problems);
    QFETCH(QString, goodRegion);
    const AwsConfig parsed = AwsConfig::fromText(config, QByteArray());
    QCOMPARE(parsed.problems().size(), problems.size());
    for (qsizetype i = 0; i < problems.size(); ++i)
        QVERIFY2(parsed.problems().at(i).message.startsWith(problems.at(i)),
                 qPrintable(parsed.problems().at(i).message));
    QCOMPARE(parsed.profile(QStringLiteral("good")).value(QStringLiteral("region")), goodRegion);
    QVERIFY(!parsed.hasProfile(QStringLiteral("broken")));
}

void tst_AwsConfig::paths()
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("HOME"), QStringLiteral("/home/tester"));
    QCOMPARE(AwsConfig::configFilePath(environment), QStringLiteral("/home/tester/.aws/config"));
    QCOMPARE(AwsConfig::credentialsFilePath(environment), QStringLiteral("/home/tester/.aws/credentials"));
    environment.insert(QStringLiteral("AWS_CONFIG_FILE"), QStringLiteral("~/elsewhere/config"));
    environment.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), QStringLiteral("/etc/creds"));
    QCOMPARE(AwsConfig::configFilePath(environment), QStringLiteral("/home/tester/elsewhere/config"));
    QCOMPARE(AwsConfig::credentialsFilePath(environment), QStringLiteral("/etc/creds"));
    environment.insert(QStringLiteral("PROJECT"), QStringLiteral("/srv/project"));
    environment.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), QStringLiteral("$PROJECT/${PROJECT}/$UNSET/creds"));
    QCOMPARE(AwsConfig::credentialsFilePath(environment), QStringLiteral("/srv/project//srv/project/$UNSET/creds"));

    const QString configPath = m_dir.filePath(QStringLiteral("paths-config"));
    writeFile(configPath, "[profile p]\nregion = eu-north-1\n");
    environment.insert(QStringLiteral("AWS_CONFIG_FILE"), configPath);
    const AwsConfig config = AwsConfig::load(environment);
    QCOMPARE(config.profile(QStringLiteral("p")).value(QStringLiteral("region")), QStringLiteral("eu-north-1"));
    QVERIFY(config.problems().isEmpty()); // a missing credentials file is no problem
}

void tst_AwsConfig::agreesWithBotocore()
{
    const QString configPath = m_dir.filePath(QStringLiteral("boto-config"));
    const QString credentialsPath = m_dir.filePath(QStringLiteral("boto-credentials"));
    writeFile(configPath, referenceConfig);
    writeFile(credentialsPath, referenceCredentials);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("AWS_CONFIG_FILE"), configPath);
    environment.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), credentialsPath);
    const QByteArray output = runPython(
        QStringLiteral("import json, botocore.session\n"
                       "c = botocore.session.Session().full_config\n"
                       "print(json.dumps({k: c.get(k, {}) for k in ('profiles', 'sso_sessions', 'services')}))\n"),
        environment);
    if (output.isEmpty())
        QSKIP(qPrintable(GatehouseTest::findBotocorePeer().whyNot.isEmpty() ? QStringLiteral("botocore did not answer") : GatehouseTest::findBotocorePeer().whyNot));
    const QJsonObject theirs = QJsonDocument::fromJson(output).object();
    QVERIFY(!theirs.value(QStringLiteral("profiles")).toObject().isEmpty());
    const QJsonObject ours = ourReading(AwsConfig::loadFiles(configPath, credentialsPath));
    for (const QString &part : {QStringLiteral("profiles"), QStringLiteral("sso_sessions"), QStringLiteral("services")})
        QCOMPARE(QJsonDocument(ours.value(part).toObject()).toJson(),
                 QJsonDocument(theirs.value(part).toObject()).toJson());
}

void tst_AwsConfig::splitCommandLine_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("words");

    QTest::newRow("plain") << "/usr/bin/creds --profile x" << words({"/usr/bin/creds", "--profile", "x"});
    QTest::newRow("double quotes") << "tool \"a b\" c" << words({"tool", "a b", "c"});
    QTest::newRow("single quotes keep backslashes") << "tool 'a\\b'" << words({"tool", "a\\b"});
    QTest::newRow("escaped quote in double quotes") << "tool \"say \\\"hi\\\"\"" << words({"tool", "say \"hi\""});
    QTest::newRow("other backslash in double quotes kept") << "tool \"a\\nb\"" << words({"tool", "a\\nb"});
    QTest::newRow("backslash outside quotes") << "tool a\\ b" << words({"tool", "a b"});
    QTest::newRow("joined quotes") << "tool x\"y z\"w" << words({"tool", "xy zw"});
    QTest::newRow("empty quoted word") << "tool ''" << words({"tool", ""});
    QTest::newRow("extra blanks") << "  tool \t a  " << words({"tool", "a"});
}

void tst_AwsConfig::splitCommandLine()
{
    QFETCH(QString, command);
    QFETCH(QStringList, words);
    QString error;
    QCOMPARE(Aws::splitCommandLine(command, &error), words);
    QVERIFY(error.isEmpty());
    QVERIFY(Aws::splitCommandLine(QStringLiteral("tool \"open"), &error).isEmpty());
    QVERIFY(error.contains(QLatin1String("not closed")));
}

void tst_AwsConfig::splitAgreesWithShlex()
{
    const QStringList commands = {
        QStringLiteral("/usr/bin/creds --profile x"), QStringLiteral("tool \"a b\" 'c d' e\\ f"),
        QStringLiteral("tool \"say \\\"hi\\\" \\\\ \\n\""), QStringLiteral("tool x\"y z\"w ''"),
        QStringLiteral("python3 -c 'import json; print(json.dumps({\"Version\": 1}))'")};
    QJsonArray input;
    for (const QString &command : commands)
        input.append(command);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("COMMANDS"), QString::fromUtf8(QJsonDocument(input).toJson()));
    const QByteArray output = runPython(
        QStringLiteral("import json, os, shlex\n"
                       "print(json.dumps([shlex.split(c) for c in json.loads(os.environ['COMMANDS'])]))\n"),
        environment);
    if (output.isEmpty())
        QSKIP("python3 is not available");
    const QJsonArray theirs = QJsonDocument::fromJson(output).array();
    QCOMPARE(theirs.size(), commands.size());
    for (qsizetype i = 0; i < commands.size(); ++i) {
        QStringList expected;
        for (const QJsonValue &word : theirs.at(i).toArray())
            expected << word.toString();
        QCOMPARE(Aws::splitCommandLine(commands.at(i)), expected);
    }
}

QTEST_GUILESS_MAIN(tst_AwsConfig)
#include "tst_awsconfig.moc"
