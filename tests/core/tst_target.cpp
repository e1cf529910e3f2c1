#include "core/aws/credentialsprovider.h"
#include "core/awsprofiles.h"
#include "core/target.h"

#include "tests/common/botocorepeer.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Gatehouse::Core;

namespace {

void writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

QStringList describeProfiles(const QList<AwsProfileInfo> &profiles)
{
    QStringList out;
    for (const AwsProfileInfo &profile : profiles)
        out << profile.name + QLatin1Char('=') + profile.region;
    return out;
}

const QByteArray wellFormedConfig = "# shared config\n"
                                    "[default]\n"
                                    "region = us-east-1\n"
                                    "output = json\n"
                                    "\n"
                                    "[profile dev]\n"
                                    "region=eu-west-1\n"
                                    "s3 =\n"
                                    "  addressing_style = path\n"
                                    "  region = not-a-profile-region\n"
                                    "[sso-session corp]\n"
                                    "sso_region = us-east-1\n"
                                    "[bare]\n"
                                    "region = ap-south-1\n"
                                    "[profile   spaced  ]\r\n"
                                    "Region : sa-east-1\r\n"
                                    "; comment\n"
                                    "[profile noregion]\n"
                                    "output = text\n";

const QByteArray wellFormedCredentials =
    "[default]\n"
    "aws_access_key_id = AKIDEXAMPLE\n"
    "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n"
    "[ci]\n"
    "region: us-west-2\n"
    "aws_access_key_id = AKIDCI\n"
    "[dev]\n"
    "region = eu-central-1\n";

// "emulator" (on 127.0.0.1:4577), "emulator-off", "profile:NAME" or a custom endpoint URL.
Target targetFrom(const QString &text)
{
    if (text == QLatin1String("emulator"))
        return Target::emulator(QUrl(QStringLiteral("http://127.0.0.1:4577")));
    if (text == QLatin1String("emulator-off"))
        return Target::emulator(QUrl());
    if (text.startsWith(QLatin1String("profile:")))
        return Target::awsProfile(text.mid(8), QString());
    return Target::custom(QUrl(text));
}

// An environment with only the shared files in dir (config, credentials) and "NAME=value" rows.
QProcessEnvironment filesEnvironment(const QString &dir, const QByteArray &config,
                                     const QByteArray &credentials, const QStringList &variables)
{
    writeFile(dir + QStringLiteral("/config"), config);
    writeFile(dir + QStringLiteral("/credentials"), credentials);
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), dir);
    env.insert(QStringLiteral("AWS_CONFIG_FILE"), dir + QStringLiteral("/config"));
    env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), dir + QStringLiteral("/credentials"));
    for (const QString &variable : variables)
        env.insert(variable.section(QLatin1Char('='), 0, 0), variable.section(QLatin1Char('='), 1));
    return env;
}

const QByteArray devConfig = "[profile dev]\nregion = eu-west-1\n";
const QByteArray devCredentials = "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = devsecret\n";

} // namespace

class tst_Target : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void profiles_data();
    void profiles();
    void environmentAndHomePaths();
    void agreesWithBotocore();
    void endpointValidation_data();
    void endpointValidation();
    void describe_data();
    void describe();
    void regionFor_data();
    void regionFor();
    void endpointFor_data();
    void endpointFor();
    void credentials_data();
    void credentials();

private:
    QTemporaryDir m_dir;
};

void tst_Target::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void tst_Target::profiles_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QByteArray>("credentials");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QStringList>("problems"); // "<file> line <n>" per malformed line

    QTest::newRow("both files, credentials region wins")
        << wellFormedConfig << wellFormedCredentials
        << QStringList{QStringLiteral("default=us-east-1"), QStringLiteral("ci=us-west-2"),
                       QStringLiteral("dev=eu-central-1"), QStringLiteral("noregion="),
                       QStringLiteral("spaced=sa-east-1")}
        << QStringList{};
    QTest::newRow("config only") << QByteArray("[profile a]\nregion = eu-north-1\n[default]\n")
                                 << QByteArray()
                                 << QStringList{QStringLiteral("default="),
                                                QStringLiteral("a=eu-north-1")}
                                 << QStringList{};
    QTest::newRow("credentials only, [profile x] is a literal name")
        << QByteArray() << QByteArray("[profile x]\nregion = us-east-2\n[y]\n")
        << QStringList{QStringLiteral("profile x=us-east-2"), QStringLiteral("y=")}
        << QStringList{};
    QTest::newRow("no files") << QByteArray() << QByteArray() << QStringList{} << QStringList{};
    QTest::newRow("malformed lines are skipped, the rest loads")
        << QByteArray("region = orphan\n[default]\nregion = us-east-1\nthis line is "
                      "garbage\n[profile broken\nregion = x\n"
                      "[profile good]\nregion = eu-west-3\n")
        << QByteArray("[ci]\nregion = us-west-1\nnot a setting\n")
        << QStringList{QStringLiteral("default=us-east-1"), QStringLiteral("ci=us-west-1"),
                       QStringLiteral("good=eu-west-3")}
        << QStringList{QStringLiteral("config line 1"), QStringLiteral("config line 4"),
                       QStringLiteral("config line 5"), QStringLiteral("credentials line 3")};
    QTest::newRow("empty section header")
        << QByteArray("[]\nregion = x\n[default]\n") << QByteArray()
        << QStringList{QStringLiteral("default=")} << QStringList{QStringLiteral("config line 1")};
}

void tst_Target::profiles()
{
    QFETCH(QByteArray, config);
    QFETCH(QByteArray, credentials);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, problems);

    const QString configPath = m_dir.filePath(QStringLiteral("config"));
    const QString credentialsPath = m_dir.filePath(QStringLiteral("credentials"));
    QFile::remove(configPath);
    QFile::remove(credentialsPath);
    if (!config.isEmpty())
        writeFile(configPath, config);
    if (!credentials.isEmpty())
        writeFile(credentialsPath, credentials);

    QList<Error> errors;
    const QList<AwsProfileInfo> profiles = listAwsProfiles(configPath, credentialsPath, &errors);
    QCOMPARE(describeProfiles(profiles), expected);
    QCOMPARE(errors.size(), problems.size());
    for (int i = 0; i < problems.size(); ++i) {
        const QString want = m_dir.filePath(problems.at(i)) + QLatin1Char(':');
        QVERIFY2(errors.at(i).message.startsWith(want),
                 qPrintable(errors.at(i).message + QStringLiteral(" / ") + want));
        QCOMPARE(errors.at(i).code, ErrorCode::InvalidArgument);
    }
}

void tst_Target::environmentAndHomePaths()
{
    const QByteArray oldHome = qgetenv("HOME");
    const QString home = m_dir.filePath(QStringLiteral("home"));
    QVERIFY(QDir().mkpath(home + QStringLiteral("/.aws")));
    writeFile(home + QStringLiteral("/.aws/config"), "[profile fromhome]\nregion = eu-west-2\n");
    writeFile(m_dir.filePath(QStringLiteral("envconfig")),
              "[profile fromenv]\nregion = us-east-2\n");
    qputenv("HOME", home.toUtf8());
    qunsetenv("AWS_CONFIG_FILE");
    qunsetenv("AWS_SHARED_CREDENTIALS_FILE");

    QCOMPARE(awsConfigFilePath(), home + QStringLiteral("/.aws/config"));
    QCOMPARE(awsCredentialsFilePath(), home + QStringLiteral("/.aws/credentials"));
    QCOMPARE(describeProfiles(listAwsProfiles()),
             QStringList{QStringLiteral("fromhome=eu-west-2")});

    qputenv("AWS_CONFIG_FILE", m_dir.filePath(QStringLiteral("envconfig")).toUtf8());
    QCOMPARE(describeProfiles(listAwsProfiles()), QStringList{QStringLiteral("fromenv=us-east-2")});
    qputenv("AWS_SHARED_CREDENTIALS_FILE", "~/creds");
    QCOMPARE(awsCredentialsFilePath(), home + QStringLiteral("/creds"));

    qunsetenv("AWS_CONFIG_FILE");
    qunsetenv("AWS_SHARED_CREDENTIALS_FILE");
    qputenv("HOME", oldHome);
}

// botocore (the AWS CLI's parser) is the reference: same profile names, same regions.
void tst_Target::agreesWithBotocore()
{
    const QString configPath = m_dir.filePath(QStringLiteral("boto-config"));
    const QString credentialsPath = m_dir.filePath(QStringLiteral("boto-credentials"));
    writeFile(configPath, wellFormedConfig);
    writeFile(credentialsPath, wellFormedCredentials);

    QProcess python;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("AWS_CONFIG_FILE"), configPath);
    environment.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), credentialsPath);
    python.setProcessEnvironment(environment);
    QSignalSpy finished(&python, &QProcess::finished);
    python.start(
        GatehouseTest::findBotocorePeer().interpreter,
        {QStringLiteral("-c"),
         QStringLiteral(
             "import json, botocore.session\n"
             "profiles = botocore.session.Session().full_config['profiles']\n"
             "print(json.dumps({k: v.get('region', '') for k, v in profiles.items()}))\n")});
    if (!finished.wait(30000) || python.exitCode() != 0)
        QSKIP(qPrintable(GatehouseTest::findBotocorePeer().whyNot.isEmpty() ? QStringLiteral("botocore did not answer") : GatehouseTest::findBotocorePeer().whyNot));

    const QJsonObject reference = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
    QVERIFY(!reference.isEmpty());
    QMap<QString, QString> ours;
    for (const AwsProfileInfo &profile : listAwsProfiles(configPath, credentialsPath))
        ours.insert(profile.name, profile.region);
    QMap<QString, QString> theirs;
    for (auto it = reference.begin(); it != reference.end(); ++it)
        theirs.insert(it.key(), it.value().toString());
    QCOMPARE(ours, theirs);
}

void tst_Target::endpointValidation_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expectedUrl"); // empty: an error is expected
    QTest::addColumn<QString>("expectedError");

    QTest::newRow("localstack") << QStringLiteral("http://localhost:4566")
                                << QStringLiteral("http://localhost:4566") << QString();
    QTest::newRow("https with path") << QStringLiteral("  https://api.example.com/dev  ")
                                     << QStringLiteral("https://api.example.com/dev") << QString();
    QTest::newRow("upper-case scheme") << QStringLiteral("HTTP://127.0.0.1:4577")
                                       << QStringLiteral("http://127.0.0.1:4577") << QString();
    QTest::newRow("ipv6") << QStringLiteral("http://[::1]:4566")
                          << QStringLiteral("http://[::1]:4566") << QString();
    QTest::newRow("no scheme")
        << QStringLiteral("localhost:4566") << QString()
        << QStringLiteral(
               "Endpoint 'localhost:4566' has no scheme: start it with http:// or https://");
    QTest::newRow("bare host")
        << QStringLiteral("example.com") << QString()
        << QStringLiteral(
               "Endpoint 'example.com' has no scheme: start it with http:// or https://");
    QTest::newRow("empty") << QStringLiteral("   ") << QString()
                           << QStringLiteral(
                                  "Enter an endpoint URL, for example http://localhost:4566.");
    QTest::newRow("ftp")
        << QStringLiteral("ftp://localhost") << QString()
        << QStringLiteral(
               "Endpoint 'ftp://localhost' uses the scheme 'ftp': use http:// or https://");
    QTest::newRow("no host") << QStringLiteral("http://") << QString()
                             << QStringLiteral("Endpoint 'http://' has no host name.");
    QTest::newRow("bad port") << QStringLiteral("http://localhost:99999") << QString()
                              << QStringLiteral("Endpoint 'http://localhost:99999' has the port "
                                                "99999: use a number from 1 to 65535.");
    QTest::newRow("port zero")
        << QStringLiteral("http://localhost:0/") << QString()
        << QStringLiteral(
               "Endpoint 'http://localhost:0/' has the port 0: use a number from 1 to 65535.");
    QTest::newRow("space in host")
        << QStringLiteral("http://exa mple.com") << QString()
        << QStringLiteral("Endpoint 'http://exa mple.com' is not a valid URL: check for spaces or "
                          "stray characters.");
    QTest::newRow("password in the URL is refused and not echoed")
        << QStringLiteral("http://admin:s3cret@localhost:4566") << QString()
        << QStringLiteral("Endpoint 'http://localhost:4566' carries a user name or password: "
                          "remove it; endpoints are saved in the settings, and credentials belong "
                          "in a profile.");
    QTest::newRow("query") << QStringLiteral("http://localhost:4566/?a=b") << QString()
                           << QStringLiteral("Endpoint 'http://localhost:4566/?a=b' must not have "
                                             "a query (?…) or fragment (#…).");
}

void tst_Target::endpointValidation()
{
    QFETCH(QString, input);
    QFETCH(QString, expectedUrl);
    QFETCH(QString, expectedError);
    const Result<QUrl> result = validateEndpoint(input);
    if (expectedUrl.isEmpty()) {
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(result.error().message, expectedError);
    } else {
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result.value().toString(), expectedUrl);
    }
}

void tst_Target::describe_data()
{
    QTest::addColumn<Target>("target");
    QTest::addColumn<QString>("expected");
    QTest::newRow("emulator") << Target::emulator(QUrl(QStringLiteral("http://127.0.0.1:4577")))
                              << QStringLiteral("Emulator (127.0.0.1:4577)");
    QTest::newRow("emulator not running")
        << Target::emulator(QUrl()) << QStringLiteral("Emulator (not running)");
    QTest::newRow("profile") << Target::awsProfile(QStringLiteral("dev"),
                                                   QStringLiteral("eu-west-1"))
                             << QStringLiteral("AWS profile: dev (eu-west-1)");
    QTest::newRow("profile without region") << Target::awsProfile(QStringLiteral("ci"), QString())
                                            << QStringLiteral("AWS profile: ci (no region)");
    QTest::newRow("custom") << Target::custom(QUrl(QStringLiteral("http://localhost:4566")))
                            << QStringLiteral("Custom: http://localhost:4566");
}

void tst_Target::describe()
{
    QFETCH(Target, target);
    QFETCH(QString, expected);
    QCOMPARE(target.describe(), expected);
    QVERIFY(target == target);
    QVERIFY(!(target == Target::custom(QUrl(QStringLiteral("http://other")))));
}

void tst_Target::regionFor_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QStringList>("variables");
    QTest::addColumn<QString>("expected"); // the region, or words the error must contain
    QTest::addColumn<bool>("ok");
    QTest::newRow("emulator ignores AWS_REGION") << QStringLiteral("emulator") << devConfig
                                                 << QStringList{QStringLiteral("AWS_REGION=eu-west-2")}
                                                 << QStringLiteral("us-east-1") << true;
    QTest::newRow("profile's region") << QStringLiteral("profile:dev") << devConfig << QStringList{}
                                      << QStringLiteral("eu-west-1") << true;
    QTest::newRow("AWS_REGION wins over the profile")
        << QStringLiteral("profile:dev") << devConfig << QStringList{QStringLiteral("AWS_REGION=ap-south-1")}
        << QStringLiteral("ap-south-1") << true;
    QTest::newRow("profile without region") << QStringLiteral("profile:bare") << QByteArray("[profile bare]\n")
                                            << QStringList{} << QStringLiteral("No AWS region is set") << false;
    QTest::newRow("profile with an unknown region")
        << QStringLiteral("profile:odd") << QByteArray("[profile odd]\nregion = mars-north-1\n") << QStringList{}
        << QStringLiteral("mars-north-1") << false;
    QTest::newRow("custom, nothing configured") << QStringLiteral("http://localhost:4566") << QByteArray()
                                                << QStringList{} << QStringLiteral("us-east-1") << true;
    QTest::newRow("custom follows AWS_PROFILE")
        << QStringLiteral("http://localhost:4566") << devConfig << QStringList{QStringLiteral("AWS_PROFILE=dev")}
        << QStringLiteral("eu-west-1") << true;
    QTest::newRow("custom with a wrong AWS_REGION")
        << QStringLiteral("http://localhost:4566") << QByteArray() << QStringList{QStringLiteral("AWS_REGION=nowhere")}
        << QStringLiteral("nowhere") << false;
}

void tst_Target::regionFor()
{
    QFETCH(QString, target);
    QFETCH(QByteArray, config);
    QFETCH(QStringList, variables);
    QFETCH(QString, expected);
    QFETCH(bool, ok);
    QTemporaryDir dir;
    const Result<QString> region = targetFrom(target).regionFor(filesEnvironment(dir.path(), config, {}, variables));
    QCOMPARE(bool(region), ok);
    if (ok)
        QCOMPARE(*region, expected);
    else
        QVERIFY2(region.error().message.contains(expected), qPrintable(region.error().message));
}

void tst_Target::endpointFor_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("service");
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QStringList>("variables");
    QTest::addColumn<QString>("expected"); // the URL, or words the error must contain
    QTest::addColumn<bool>("ok");
    const QString emulatorUrl = QStringLiteral("http://127.0.0.1:4577");
    QTest::newRow("emulator: one port for lambda") << QStringLiteral("emulator") << QStringLiteral("lambda")
                                                   << QByteArray() << QStringList{} << emulatorUrl << true;
    QTest::newRow("emulator: one port for sts, AWS_ENDPOINT_URL ignored")
        << QStringLiteral("emulator") << QStringLiteral("sts") << QByteArray()
        << QStringList{QStringLiteral("AWS_ENDPOINT_URL=http://elsewhere:1")} << emulatorUrl << true;
    QTest::newRow("emulator not running") << QStringLiteral("emulator-off") << QStringLiteral("sts") << QByteArray()
                                          << QStringList{} << QStringLiteral("not running") << false;
    QTest::newRow("custom endpoint") << QStringLiteral("http://localhost:4566") << QStringLiteral("lambda")
                                     << QByteArray() << QStringList{} << QStringLiteral("http://localhost:4566")
                                     << true;
    QTest::newRow("profile: AWS hostname") << QStringLiteral("profile:dev") << QStringLiteral("lambda") << devConfig
                                           << QStringList{} << QStringLiteral("https://lambda.eu-west-1.amazonaws.com")
                                           << true;
    QTest::newRow("profile: endpoint_url")
        << QStringLiteral("profile:dev") << QStringLiteral("lambda")
        << QByteArray(devConfig + "endpoint_url = http://localhost:4566\n") << QStringList{}
        << QStringLiteral("http://localhost:4566") << true;
    QTest::newRow("profile: AWS_ENDPOINT_URL_LAMBDA")
        << QStringLiteral("profile:dev") << QStringLiteral("lambda") << devConfig
        << QStringList{QStringLiteral("AWS_ENDPOINT_URL_LAMBDA=http://127.0.0.1:9001")}
        << QStringLiteral("http://127.0.0.1:9001") << true;
    QTest::newRow("profile: unknown service") << QStringLiteral("profile:dev") << QStringLiteral("s3") << devConfig
                                              << QStringList{} << QStringLiteral("no endpoint data") << false;
}

void tst_Target::endpointFor()
{
    QFETCH(QString, target);
    QFETCH(QString, service);
    QFETCH(QByteArray, config);
    QFETCH(QStringList, variables);
    QFETCH(QString, expected);
    QFETCH(bool, ok);
    QTemporaryDir dir;
    const Result<QUrl> endpoint = targetFrom(target).endpointFor(
        service, QStringLiteral("eu-west-1"), filesEnvironment(dir.path(), config, {}, variables));
    QCOMPARE(bool(endpoint), ok);
    if (ok)
        QCOMPARE(endpoint->toString(QUrl::StripTrailingSlash), expected);
    else
        QVERIFY2(endpoint.error().message.contains(expected), qPrintable(endpoint.error().message));
}

void tst_Target::credentials_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QStringList>("variables");
    QTest::addColumn<QString>("keyId");
    QTest::addColumn<QString>("secret");
    const QStringList envKeys{QStringLiteral("AWS_ACCESS_KEY_ID=AKIDENV"),
                              QStringLiteral("AWS_SECRET_ACCESS_KEY=envsecret")};
    QTest::newRow("emulator: test/test, whatever the environment")
        << QStringLiteral("emulator") << envKeys << QStringLiteral("test") << QStringLiteral("test");
    QTest::newRow("profile: its keys, not the environment's")
        << QStringLiteral("profile:dev") << envKeys << QStringLiteral("AKIDDEV") << QStringLiteral("devsecret");
    QTest::newRow("custom: the environment's keys")
        << QStringLiteral("http://localhost:4566") << envKeys << QStringLiteral("AKIDENV") << QStringLiteral("envsecret");
    QTest::newRow("custom: AWS_PROFILE") << QStringLiteral("http://localhost:4566")
                                         << QStringList{QStringLiteral("AWS_PROFILE=dev")} << QStringLiteral("AKIDDEV")
                                         << QStringLiteral("devsecret");
}

void tst_Target::credentials()
{
    QFETCH(QString, target);
    QFETCH(QStringList, variables);
    QFETCH(QString, keyId);
    QFETCH(QString, secret);
    QTemporaryDir dir;
    const QProcessEnvironment env = filesEnvironment(dir.path(), devConfig, devCredentials, variables);
    const std::unique_ptr<Aws::CredentialsProvider> provider = targetFrom(target).makeCredentialsProvider(env, nullptr);
    QVERIFY(provider);
    QObject context;
    std::optional<Result<Aws::Credentials>> resolved;
    provider->resolve(&context, [&resolved](const Result<Aws::Credentials> &credentials) { resolved = credentials; });
    QTRY_VERIFY(resolved.has_value());
    QVERIFY2(bool(*resolved), bool(*resolved) ? "" : qPrintable(resolved->error().message));
    QCOMPARE((*resolved)->accessKeyId, keyId);
    QCOMPARE((*resolved)->secretAccessKey, secret);
    if (target == QLatin1String("emulator"))
        QCOMPARE((*resolved)->source, QStringLiteral("the emulator's default keys"));
}

QTEST_GUILESS_MAIN(tst_Target)
#include "tst_target.moc"
