// The default credentials chain against a temporary HOME holding config/credentials files for
// every kind of profile; child processes, a recording fake RoleAssumer and a fake IAM Identity
// Center portal on 127.0.0.1:0 stand in for the outside world.
#include "core/aws/credentialchain.h"

#include "tests/common/botocorepeer.h"

#include <QDir>
#include <QFile>
#include <QPointer>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Gatehouse::Core;
using namespace Gatehouse::Core::Aws;

namespace {

void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

QByteArray isoIn(qint64 seconds)
{
    return QDateTime::currentDateTimeUtc().addSecs(seconds).toString(Qt::ISODate).toUtf8();
}

// Records every AssumeRole and answers asynchronously with "ASIA<n>" keys valid for an hour.
class FakeRoleAssumer : public RoleAssumer
{
public:
    struct Call
    {
        QString sourceKeyId;
        AssumeRoleParams params;
    };
    QList<Call> calls;
    qint64 lifetimeSeconds = 3600;

    void assumeRole(const Credentials &source, const AssumeRoleParams &params, QObject *context,
                    CredentialsCallback done) override
    {
        calls.append({source.accessKeyId, params});
        Credentials credentials;
        credentials.accessKeyId = QStringLiteral("ASIA%1").arg(calls.size());
        credentials.secretAccessKey = QStringLiteral("role-secret");
        credentials.sessionToken = QStringLiteral("role-token");
        credentials.expiration = QDateTime::currentDateTimeUtc().addSecs(lifetimeSeconds);
        QMetaObject::invokeMethod(context, [done, credentials] { done(credentials); }, Qt::QueuedConnection);
    }
};

// A one-answer-per-connection HTTP server for the SSO portal's GetRoleCredentials.
class FakePortal : public QObject
{
public:
    QByteArray lastRequest;
    int status = 200;
    QByteArray body;

    FakePortal()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, &FakePortal::accept);
    }
    QByteArray url() const { return "http://127.0.0.1:" + QByteArray::number(m_server.serverPort()); }

private:
    void accept()
    {
        QTcpSocket *socket = m_server.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            m_buffer += socket->readAll();
            if (!m_buffer.contains("\r\n\r\n"))
                return;
            lastRequest = std::exchange(m_buffer, {});
            socket->write("HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: application/json\r\n"
                          "Connection: close\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
            socket->disconnectFromHost();
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

    QTcpServer m_server;
    QByteArray m_buffer;
};

} // namespace

// Waits for one resolution; `result` is a std::optional<Result<Credentials>> in scope.
#define RESOLVE(provider, result)                                                                  \
    std::optional<Result<Credentials>> result;                                                     \
    (provider).resolve(this, [&result](const Result<Credentials> &r) { result = r; });             \
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 15000)

#define EXPECT_OK(result)                                                                          \
    QVERIFY2((result)->ok(), (result)->ok() ? "" : qPrintable((result)->error().message))

#define EXPECT_ERROR(result, words)                                                                \
    do {                                                                                           \
        QVERIFY(!(result)->ok());                                                                  \
        QVERIFY2((result)->error().message.contains(words), qPrintable((result)->error().message)); \
    } while (false)

class tst_CredentialChain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void environment();
    void partialEnvironment();
    void explicitProfileSkipsEnvironment();
    void staticProfiles_data();
    void staticProfiles();
    void nothingFound();
    void malformedFileStillLoadsOtherProfiles();
    void processGoodAndCached();
    void processExpiringIsNotCached();
    void processFailures_data();
    void processFailures();
    void processHangs();
    void concurrentResolutionsShareOneProcess();
    void twoHopRoleChain();
    void roleRefreshesNearExpiry();
    void roleChainCycle();
    void roleWithOwnStaticKeys();
    void roleFromEnvironment();
    void roleWithoutAssumer();
    void ssoMissingAndExpired_data();
    void ssoMissingAndExpired();
    void ssoValidToken_data();
    void ssoValidToken();
    void ssoPortalRefuses();
    void destroyedContextGetsNothing();
    void agreesWithBotocore_data();
    void agreesWithBotocore();

private:
    CredentialChainOptions options(const QString &profile = QString()) const;
    QString home(const QString &relative) const { return m_home->filePath(relative); }
    QString script(const QByteArray &body);

    std::unique_ptr<QTemporaryDir> m_home;
    FakeRoleAssumer m_assumer;
    int m_scripts = 0;
};

void tst_CredentialChain::init()
{
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
    m_assumer.calls.clear();
    m_assumer.lifetimeSeconds = 3600;
}

void tst_CredentialChain::cleanup()
{
    m_home.reset();
}

CredentialChainOptions tst_CredentialChain::options(const QString &profile) const
{
    CredentialChainOptions options;
    options.profile = profile;
    options.environment = QProcessEnvironment();
    options.environment.insert(QStringLiteral("HOME"), m_home->path());
    options.environment.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
    options.roleAssumer = const_cast<FakeRoleAssumer *>(&m_assumer);
    return options;
}

// A shell script that appends a line to ./runs for each run, then does `body`.
QString tst_CredentialChain::script(const QByteArray &body)
{
    const QString path = home(QStringLiteral("script%1.sh").arg(++m_scripts));
    writeFile(path, "echo run >> '" + home(QStringLiteral("runs")).toUtf8() + "'\n" + body + "\n");
    return path;
}

int runs(const QString &file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? int(f.readAll().count('\n')) : 0;
}

void tst_CredentialChain::environment()
{
    writeFile(home(QStringLiteral(".aws/credentials")), "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n");
    CredentialChainOptions o = options();
    o.environment.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDENV"));
    o.environment.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("secret"));
    o.environment.insert(QStringLiteral("AWS_SESSION_TOKEN"), QStringLiteral("token"));
    auto chain = makeDefaultCredentialsChain(o);
    RESOLVE(*chain, result);
    EXPECT_OK(result);
    QCOMPARE(result->value().accessKeyId, QStringLiteral("AKIDENV"));
    QCOMPARE(result->value().sessionToken, QStringLiteral("token"));
    QCOMPARE(result->value().source, QStringLiteral("environment variables"));
}

void tst_CredentialChain::partialEnvironment()
{
    CredentialChainOptions o = options();
    o.environment.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDENV"));
    auto chain = makeDefaultCredentialsChain(o);
    RESOLVE(*chain, result);
    EXPECT_ERROR(result, QLatin1String("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"));
}

void tst_CredentialChain::explicitProfileSkipsEnvironment()
{
    writeFile(home(QStringLiteral(".aws/credentials")), "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = s\n");
    CredentialChainOptions o = options(QStringLiteral("dev"));
    o.environment.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDENV"));
    o.environment.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("secret"));
    auto chain = makeDefaultCredentialsChain(o);
    RESOLVE(*chain, result);
    EXPECT_OK(result);
    QCOMPARE(result->value().accessKeyId, QStringLiteral("AKIDDEV"));
    QCOMPARE(result->value().source, QStringLiteral("profile 'dev'"));
}

void tst_CredentialChain::staticProfiles_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("awsProfile");
    QTest::addColumn<QString>("expected"); // access key id, or "error: ..."

    QTest::newRow("default") << "" << "" << "AKIDDEFAULT";
    QTest::newRow("AWS_PROFILE selects") << "" << "dev" << "AKIDDEV";
    QTest::newRow("option beats AWS_PROFILE") << "cfg" << "dev" << "AKIDCFG";
    QTest::newRow("keys in the config file") << "cfg" << "" << "AKIDCFG";
    QTest::newRow("credentials file wins over config") << "both" << "" << "AKIDCREDS";
    QTest::newRow("session token") << "temp" << "" << "ASIATEMP";
    QTest::newRow("half the keys") << "half" << "" << "error: Profile 'half' has only one of aws_access_key_id";
    QTest::newRow("no keys") << "empty" << "" << "error: Profile 'empty' has no credentials";
    QTest::newRow("missing profile") << "nope" << "" << "error: The profile 'nope' is not in";
    QTest::newRow("missing AWS_PROFILE") << "" << "nope" << "error: The profile 'nope' is not in";
}

void tst_CredentialChain::staticProfiles()
{
    QFETCH(QString, profile);
    QFETCH(QString, awsProfile);
    QFETCH(QString, expected);
    writeFile(home(QStringLiteral(".aws/credentials")),
              "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s1\n"
              "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = s2\n"
              "[both]\naws_access_key_id = AKIDCREDS\naws_secret_access_key = s3\n"
              "[temp]\naws_access_key_id = ASIATEMP\naws_secret_access_key = s4\naws_session_token = tok\n"
              "[half]\naws_access_key_id = AKIDHALF\n");
    writeFile(home(QStringLiteral(".aws/config")),
              "[profile cfg]\naws_access_key_id = AKIDCFG\naws_secret_access_key = s5\n"
              "[profile both]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = s6\n"
              "[profile empty]\nregion = eu-west-1\n");
    CredentialChainOptions o = options(profile);
    if (!awsProfile.isEmpty())
        o.environment.insert(QStringLiteral("AWS_PROFILE"), awsProfile);
    auto chain = makeDefaultCredentialsChain(o);
    RESOLVE(*chain, result);
    if (expected.startsWith(QLatin1String("error: "))) {
        EXPECT_ERROR(result, expected.mid(7));
        return;
    }
    EXPECT_OK(result);
    QCOMPARE(result->value().accessKeyId, expected);
    QCOMPARE(result->value().hasSessionToken(), expected == QLatin1String("ASIATEMP"));
}

void tst_CredentialChain::nothingFound()
{
    auto chain = makeDefaultCredentialsChain(options());
    RESOLVE(*chain, result);
    EXPECT_ERROR(result, QStringLiteral("No AWS credentials found: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, "
                                        "or add keys to profile 'default' in %1").arg(home(QStringLiteral(".aws/credentials"))));
}

void tst_CredentialChain::malformedFileStillLoadsOtherProfiles()
{
    writeFile(home(QStringLiteral(".aws/credentials")),
              "garbage line\n[good]\naws_access_key_id = AKIDGOOD\naws_secret_access_key = s\n");
    auto good = makeDefaultCredentialsChain(options(QStringLiteral("good")));
    RESOLVE(*good, result);
    EXPECT_OK(result);
    QCOMPARE(result->value().accessKeyId, QStringLiteral("AKIDGOOD"));
    auto fallback = makeDefaultCredentialsChain(options());
    RESOLVE(*fallback, missing);
    EXPECT_ERROR(missing, home(QStringLiteral(".aws/credentials line 1")));
}

void tst_CredentialChain::processGoodAndCached()
{
    const QString path = script("printf '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROC\", \"SecretAccessKey\": \"%s\", "
                                "\"SessionToken\": \"tok\", \"Expiration\": \"" + isoIn(3600) + "\"}' \"$1\"");
    writeFile(home(QStringLiteral(".aws/config")),
              "[profile proc]\ncredential_process = /bin/sh " + path.toUtf8() + " 'secret with space'\n");
    auto chain = makeDefaultCredentialsChain(options(QStringLiteral("proc")));
    RESOLVE(*chain, first);
    EXPECT_OK(first);
    QCOMPARE(first->value().accessKeyId, QStringLiteral("AKIDPROC"));
    QCOMPARE(first->value().secretAccessKey, QStringLiteral("secret with space"));
    QCOMPARE(first->value().source, QStringLiteral("profile 'proc' (credential_process)"));
    QVERIFY(first->value().expiration > QDateTime::currentDateTimeUtc().addSecs(3500));
    RESOLVE(*chain, second);
    EXPECT_OK(second);
    QCOMPARE(runs(home(QStringLiteral("runs"))), 1);
}

void tst_CredentialChain::processExpiringIsNotCached()
{
    const QString path = script("printf '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROC\", \"SecretAccessKey\": \"s\", "
                                "\"Expiration\": \"" + isoIn(120) + "\"}'");
    writeFile(home(QStringLiteral(".aws/config")), "[default]\ncredential_process = /bin/sh " + path.toUtf8() + "\n");
    auto chain = makeDefaultCredentialsChain(options());
    RESOLVE(*chain, first);
    EXPECT_OK(first);
    RESOLVE(*chain, second);
    EXPECT_OK(second);
    QCOMPARE(runs(home(QStringLiteral("runs"))), 2); // within 5 minutes of expiry: fetched again
}

void tst_CredentialChain::processFailures_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");

    QTest::newRow("exit code and stderr") << QByteArray("echo 'token expired, log in' >&2; exit 3")
                                          << "credential_process of profile 'p' failed with exit code 3: token expired, log in";
    QTest::newRow("garbage") << QByteArray("echo hello") << "credential_process of profile 'p' did not print JSON";
    QTest::newRow("version 2") << QByteArray("echo '{\"Version\": 2, \"AccessKeyId\": \"a\", \"SecretAccessKey\": \"b\"}'")
                               << "without \"Version\": 1";
    QTest::newRow("no secret") << QByteArray("echo '{\"Version\": 1, \"AccessKeyId\": \"a\"}'") << "printed JSON without SecretAccessKey";
    QTest::newRow("bad expiration") << QByteArray("echo '{\"Version\": 1, \"AccessKeyId\": \"a\", \"SecretAccessKey\": \"b\", \"Expiration\": \"soon\"}'")
                                    << "Expiration that is not an ISO 8601 time";
    QTest::newRow("program missing") << QByteArray() << "could not start '/nonexistent/credtool'";
}

void tst_CredentialChain::processFailures()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    const QByteArray command = body.isEmpty() ? QByteArray("/nonexistent/credtool --x") : "/bin/sh " + script(body).toUtf8();
    writeFile(home(QStringLiteral(".aws/config")), "[profile p]\ncredential_process = " + command + "\n");
    auto chain = makeDefaultCredentialsChain(options(QStringLiteral("p")));
    RESOLVE(*chain, result);
    EXPECT_ERROR(result, expected);
}

void tst_CredentialChain::processHangs()
{
    writeFile(home(QStringLiteral(".aws/config")), "[profile slow]\ncredential_process = sleep 30\n");
    CredentialChainOptions o = options(QStringLiteral("slow"));
    o.processTimeoutMs = 300;
    auto chain = makeDefaultCredentialsChain(o);
    QElapsedTimer timer;
    timer.start();
    RESOLVE(*chain, result);
    EXPECT_ERROR(result, QLatin1String("credential_process of profile 'slow' did not finish within 0.3 s"));
    QVERIFY(timer.elapsed() < 5000);
}

void tst_CredentialChain::concurrentResolutionsShareOneProcess()
{
    const QString path = script("sleep 0.2; echo '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROC\", \"SecretAccessKey\": \"s\"}'");
    writeFile(home(QStringLiteral(".aws/config")), "[default]\ncredential_process = /bin/sh " + path.toUtf8() + "\n");
    auto chain = makeDefaultCredentialsChain(options());
    int answers = 0;
    for (int i = 0; i < 3; ++i)
        chain->resolve(this, [&answers](const Result<Credentials> &r) { answers += r.ok() ? 1 : 100; });
    QTRY_COMPARE_WITH_TIMEOUT(answers, 3, 10000);
    QCOMPARE(runs(home(QStringLiteral("runs"))), 1);
}

void tst_CredentialChain::twoHopRoleChain()
{
    writeFile(home(QStringLiteral(".aws/credentials")), "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = s\n");
    writeFile(home(QStringLiteral(".aws/config")),
              "[profile top]\nrole_arn = arn:aws:iam::111111111111:role/top\nsource_profile = middle\n"
              "role_session_name = me@example.com\nexternal_id = ext-42\nduration_seconds = 900\nregion = eu-west-1\n"
              "[profile middle]\nrole_arn = arn:aws:iam::222222222222:role/middle\nsource_profile = base\n");
    auto chain = makeDefaultCredentialsChain(options(QStringLiteral("top")));
    RESOLVE(*chain, result);
    EXPECT_OK(result);
    QCOMPARE(m_assumer.calls.size(), 2);
    QCOMPARE(m_assumer.calls.at(0).sourceKeyId, QStringLiteral("AKIDBASE"));
    QCOMPARE(m_assumer.calls.at(0).params.roleArn, QStringLiteral("arn:aws:iam::222222222222:role/middle"));
    QVERIFY(m_assumer.calls.at(0).params.roleSessionName.startsWith(QLatin1String("gatehouse-session-")));
    QCOMPARE(m_assumer.calls.at(0).params.durationSeconds, 3600);
    QCOMPARE(m_assumer.calls.at(1).sourceKeyId, QStringLiteral("ASIA1"));
    const AssumeRoleParams &top = m_assumer.calls.at(1).params;
    QCOMPARE(top.roleArn, QStringLiteral("arn:aws:iam::111111111111:role/top"));
    QCOMPARE(top.roleSessionName, QStringLiteral("me@example.com"));
    QCOMPARE(top.externalId, QStringLiteral("ext-42"));
    QCOMPARE(top.durationSeconds, 900);
    QCOMPARE(top.region, QStringLiteral("eu-west-1"));
    QCOMPARE(top.endpoint.toString(), QStringLiteral("https://sts.eu-west-1.amazonaws.com"));
    QCOMPARE(result->value().accessKeyId, QStringLiteral("ASIA2"));
    QCOMPARE(result->value().source, QStringLiteral("profile 'top' (assumed role arn:aws:iam::111111111111:role/top)"));
    RESOLVE(*chain, again);
    EXPECT_OK(again);
    QCOMPARE(m_assumer.calls.size(), 2); // cached until 5 minutes before expiry
}

void tst_CredentialChain::roleRefreshesNearExpiry()
{
    writeFile(home(QStringLiteral(".aws/credentials")), "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = s\n");
    writeFile(home(QStringLiteral(".aws/config")), "[profile r]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\n");
    m_assumer.lifetimeSeconds = 4 * 60;
    auto chain = makeDefaultCredentialsChain(options(QStringLiteral("r")));
    RESOLVE(*chain, first);
    EXPECT_OK(first);
    RESOLVE(*chain, second);
    EXPECT_OK(second);
    QCOMPARE(m_assumer.calls.size(), 2); // expiring within 5 minutes: assumed again
    QCOMPARE(second->value().accessKeyId, QStringLiteral("ASIA2"));
}

void tst_CredentialChain::roleChainCycle()
{
    writeFile(home(QStringLiteral(".aws/config")),
              "[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n"
              "[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = c\n"
              "[profile c]\nrole_arn = arn:aws:iam::1:role/c\nsource_profile = a\n");
    auto chain = makeDefaultCredentialsChain(options(QStringLiteral("a")));
    RESOLVE(*chain, result);
    EXPECT_ERROR(result, QLatin1String("The source_profile chain of profile 'a' loops: a -> b -> c -> a."));
    QVERIFY(m_assumer.calls.isEmpty());
}

void tst_CredentialChain::roleWithOwnStaticKeys()
{
    writeFile(home(QStringLiteral(".aws/config")),
              "[profile self]\nrole_arn = arn:aws:iam::1:role/self\nsource_profile = self\n"
              "aws_access_key_id = AKIDSELF\naws_secret_access_key = s\n");
    auto chain = makeDefaultCredentialsChain(options(QStringLiteral("self")));
    RESOLVE(*chain, result);
    EXPECT_OK(result);
    QCOMPARE(m_assumer.calls.size(), 1);
    QCOMPARE(m_assumer.calls.at(0).sourceKeyId, QStringLiteral("AKIDSELF"));
}

void tst_CredentialChain::roleFromEnvironment()
{
    writeFile(home(QStringLiteral(".aws/config")),
              "[profile ci]\nrole_arn = arn:aws:iam::1:role/ci\ncredential_source = Environment\n"
              "[profile ec2]\nrole_arn = arn:aws:iam::1:role/ci\ncredential_source = Ec2InstanceMetadata\n");
    CredentialChainOptions o = options(QStringLiteral("ci"));
    o.environment.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDENV"));
    o.environment.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("s"));
    o.environment.insert(QStringLiteral("AWS_ENDPOINT_URL_STS"), QStringLiteral("http://127.0.0.1:4577"));
    auto chain = makeDefaultCredentialsChain(o);
    RESOLVE(*chain, result);
    EXPECT_OK(result);
    QCOMPARE(m_assumer.calls.at(0).sourceKeyId, QStringLiteral("AKIDENV"));
    QCOMPARE(m_assumer.calls.at(0).params.endpoint.toString(), QStringLiteral("http://127.0.0.1:4577"));
    QCOMPARE(m_assumer.calls.at(0).params.region, QStringLiteral("us-east-1")); // no region set anywhere
    auto ec2 = makeDefaultCredentialsChain(options(QStringLiteral("ec2")));
    RESOLVE(*ec2, unsupported);
    EXPECT_ERROR(unsupported, QLatin1String("supports only Environment"));
}

void tst_CredentialChain::roleWithoutAssumer()
{
    writeFile(home(QStringLiteral(".aws/config")), "[profile r]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = r2\n");
    CredentialChainOptions o = options(QStringLiteral("r"));
    o.roleAssumer = nullptr;
    auto chain = makeDefaultCredentialsChain(o);
    RESOLVE(*chain, result);
    EXPECT_ERROR(result, QLatin1String("Profile 'r' assumes a role, but no STS client"));
}

static const QByteArray ssoConfig = "[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\n"
                                    "sso_role_name = Developer\nregion = eu-west-1\n"
                                    "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n"
                                    "[profile legacy]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = us-east-2\n"
                                    "sso_account_id = 210987654321\nsso_role_name = ReadOnly\n"
                                    "[profile nosession]\nsso_session = gone\nsso_account_id = 1\nsso_role_name = R\n";

// sha1("corp") and sha1("https://legacy.awsapps.com/start"), as botocore's SSOTokenLoader names them.
static const QString corpCache = QStringLiteral(".aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json");
static const QString legacyCache = QStringLiteral(".aws/sso/cache/79e435d7a515078e81c9dffc35f38d5687ebd3a7.json");

void tst_CredentialChain::ssoMissingAndExpired_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("expected");

    QTest::newRow("missing token") << "sso" << QByteArray() << "no cached sign-in token";
    QTest::newRow("expired token") << "sso" << QByteArray("{\"accessToken\": \"t\", \"expiresAt\": \"2020-01-01T00:00:00Z\"}")
                                   << "the sign-in token expired at 2020-01-01T00:00:00Z";
    QTest::newRow("expired, old UTC format") << "sso" << QByteArray("{\"accessToken\": \"t\", \"expiresAt\": \"2020-01-01T00:00:00UTC\"}")
                                             << "expired at 2020-01-01T00:00:00Z";
    QTest::newRow("garbage token file") << "sso" << QByteArray("not json") << "has no accessToken and expiresAt";
    QTest::newRow("unknown sso-session") << "nosession" << QByteArray() << "names sso_session 'gone' but";
}

void tst_CredentialChain::ssoMissingAndExpired()
{
    QFETCH(QString, profile);
    QFETCH(QByteArray, token);
    QFETCH(QString, expected);
    writeFile(home(QStringLiteral(".aws/config")), ssoConfig);
    if (!token.isEmpty())
        writeFile(home(corpCache), token);
    auto chain = makeDefaultCredentialsChain(options(profile));
    RESOLVE(*chain, result);
    EXPECT_ERROR(result, expected);
    if (profile == QLatin1String("sso"))
        EXPECT_ERROR(result, QLatin1String("run 'aws sso login --profile sso'"));
}

void tst_CredentialChain::ssoValidToken_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("cacheFile");
    QTest::addColumn<QByteArray>("query");

    QTest::newRow("sso-session") << "sso" << corpCache << QByteArray("account_id=123456789012&role_name=Developer");
    QTest::newRow("legacy") << "legacy" << legacyCache << QByteArray("account_id=210987654321&role_name=ReadOnly");
}

void tst_CredentialChain::ssoValidToken()
{
    QFETCH(QString, profile);
    QFETCH(QString, cacheFile);
    QFETCH(QByteArray, query);
    FakePortal portal;
    const qint64 expiresMs = QDateTime::currentDateTimeUtc().addSecs(3600).toMSecsSinceEpoch();
    portal.body = "{\"roleCredentials\": {\"accessKeyId\": \"ASIASSO\", \"secretAccessKey\": \"sso-secret\", "
                  "\"sessionToken\": \"sso-token\", \"expiration\": " + QByteArray::number(expiresMs) + "}}";
    writeFile(home(QStringLiteral(".aws/config")), ssoConfig);
    writeFile(home(cacheFile), "{\"startUrl\": \"x\", \"region\": \"eu-west-1\", \"accessToken\": \"bearer-123\", \"expiresAt\": \"" + isoIn(3600) + "\"}");
    CredentialChainOptions o = options(profile);
    o.environment.insert(QStringLiteral("AWS_ENDPOINT_URL_SSO"), QString::fromUtf8(portal.url()));
    auto chain = makeDefaultCredentialsChain(o);
    RESOLVE(*chain, result);
    EXPECT_OK(result);
    QVERIFY2(portal.lastRequest.startsWith(QByteArray("GET /federation/credentials?" + query + " HTTP/1.1\r\n")), portal.lastRequest.constData());
    QVERIFY(portal.lastRequest.toLower().contains("\r\nx-amz-sso_bearer_token: bearer-123\r\n"));
    QCOMPARE(result->value().accessKeyId, QStringLiteral("ASIASSO"));
    QCOMPARE(result->value().sessionToken, QStringLiteral("sso-token"));
    QCOMPARE(result->value().expiration.toMSecsSinceEpoch(), expiresMs);
    QCOMPARE(result->value().source, QStringLiteral("profile '%1' (IAM Identity Center)").arg(profile));
}

void tst_CredentialChain::ssoPortalRefuses()
{
    FakePortal portal;
    portal.status = 401;
    portal.body = "{\"message\": \"Session token not found or invalid\"}";
    writeFile(home(QStringLiteral(".aws/config")), ssoConfig);
    writeFile(home(corpCache), "{\"accessToken\": \"bearer-123\", \"expiresAt\": \"" + isoIn(3600) + "\"}");
    CredentialChainOptions o = options(QStringLiteral("sso"));
    o.environment.insert(QStringLiteral("AWS_ENDPOINT_URL_SSO"), QString::fromUtf8(portal.url()));
    auto chain = makeDefaultCredentialsChain(o);
    RESOLVE(*chain, result);
    EXPECT_ERROR(result, QLatin1String("refused GetRoleCredentials (HTTP 401: Session token not found or invalid)"));
    QCOMPARE(result->error().httpStatus, 401);
}

void tst_CredentialChain::destroyedContextGetsNothing()
{
    writeFile(home(QStringLiteral(".aws/credentials")), "[default]\naws_access_key_id = AKID\naws_secret_access_key = s\n");
    auto chain = makeDefaultCredentialsChain(options());
    bool called = false;
    auto *context = new QObject;
    chain->resolve(context, [&called](const Result<Credentials> &) { called = true; });
    delete context;
    RESOLVE(*chain, other);
    EXPECT_OK(other);
    QVERIFY(!called);
}

// botocore (python3) resolves the same files and environment: same key, same kind of source.
void tst_CredentialChain::agreesWithBotocore_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QStringList>("variables");

    QTest::newRow("default from credentials") << "" << QStringList();
    QTest::newRow("AWS_PROFILE") << "" << QStringList{QStringLiteral("AWS_PROFILE=cfg")};
    QTest::newRow("environment wins") << "" << QStringList{QStringLiteral("AWS_ACCESS_KEY_ID=AKIDENV"), QStringLiteral("AWS_SECRET_ACCESS_KEY=e")};
    QTest::newRow("explicit profile beats environment") << "both" << QStringList{QStringLiteral("AWS_ACCESS_KEY_ID=AKIDENV"), QStringLiteral("AWS_SECRET_ACCESS_KEY=e")};
    QTest::newRow("credentials file beats config keys") << "both" << QStringList();
    QTest::newRow("credential_process beats config-file keys") << "keysandprocess" << QStringList();
    QTest::newRow("credentials-file keys beat credential_process") << "credsandprocess" << QStringList();
    QTest::newRow("credential_process") << "proc" << QStringList();
}

void tst_CredentialChain::agreesWithBotocore()
{
    QFETCH(QString, profile);
    QFETCH(QStringList, variables);
    const QString path = script("printf '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROC\", \"SecretAccessKey\": \"p\"}'");
    writeFile(home(QStringLiteral(".aws/credentials")),
              "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s1\n"
              "[both]\naws_access_key_id = AKIDCREDS\naws_secret_access_key = s3\n"
              "[credsandprocess]\naws_access_key_id = AKIDCREDSFILE\naws_secret_access_key = s8\n");
    writeFile(home(QStringLiteral(".aws/config")),
              "[profile cfg]\naws_access_key_id = AKIDCFG\naws_secret_access_key = s5\n"
              "[profile credsandprocess]\ncredential_process = /bin/sh " + path.toUtf8() + "\n"
              "[profile both]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = s6\n"
              "[profile keysandprocess]\naws_access_key_id = AKIDKEYS\naws_secret_access_key = s7\n"
              "credential_process = /bin/sh " + path.toUtf8() + "\n"
              "[profile proc]\ncredential_process = /bin/sh " + path.toUtf8() + "\n");
    CredentialChainOptions o = options(profile);
    for (const QString &variable : variables)
        o.environment.insert(variable.section(QLatin1Char('='), 0, 0), variable.section(QLatin1Char('='), 1));
    QProcess python;
    python.setProcessEnvironment(o.environment);
    QSignalSpy finished(&python, &QProcess::finished);
    python.start(GatehouseTest::findBotocorePeer().interpreter,
                 {QStringLiteral("-c"),
                  QStringLiteral("import sys, botocore.session\n"
                                 "c = botocore.session.Session(profile=sys.argv[1] or None).get_credentials()\n"
                                 "print(c.access_key)\n"),
                  profile});
    if (!finished.wait(30000) || python.exitCode() != 0)
        QSKIP(qPrintable(GatehouseTest::findBotocorePeer().whyNot.isEmpty() ? QStringLiteral("botocore did not answer") : GatehouseTest::findBotocorePeer().whyNot));
    const QString theirs = QString::fromUtf8(python.readAllStandardOutput()).trimmed();
    auto chain = makeDefaultCredentialsChain(o);
    RESOLVE(*chain, ours);
    EXPECT_OK(ours);
    QCOMPARE(ours->value().accessKeyId, theirs);
}

QTEST_GUILESS_MAIN(tst_CredentialChain)
#include "tst_credentialchain.moc"
