// The AWS credentials chain and STS client against the emulator's STS, as a person's
// ~/.aws files would drive them: a two-hop source_profile chain, credential_process, and
// a wrong secret refused with AWS's error.
#include "core/aws/credentialchain.h"
#include "core/aws/stsclient.h"
#include "core/emulator/emulator.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace Gatehouse;
using namespace Gatehouse::Core::Aws;

class tst_AwsCredentialsEnd2End : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void chainResolves_data();
    void chainResolves();
    void wrongSecretIsRefused();

private:
    QProcessEnvironment environment() const;
    std::optional<Core::Result<CallerIdentity>> whoami(const QString &profile);

    std::unique_ptr<Emulator::Emulator> m_emulator;
    QTemporaryDir m_home;
};

void tst_AwsCredentialsEnd2End::initTestCase()
{
    Emulator::EmulatorOptions options;
    options.port = 0;
    m_emulator = std::make_unique<Emulator::Emulator>(options);
    const auto started = m_emulator->start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
    const QString endpoint = started->baseUrl;

    QFile process(m_home.filePath(QStringLiteral("creds.py")));
    QVERIFY(process.open(QIODevice::WriteOnly));
    process.write("import json\nprint(json.dumps({'Version': 1, 'AccessKeyId': 'test', "
                  "'SecretAccessKey': 'test', 'Expiration': '2099-01-01T00:00:00Z'}))\n");
    process.close();

    QFile config(m_home.filePath(QStringLiteral("config")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(QStringLiteral(
                     "[default]\nregion = us-east-1\nendpoint_url = %1\n\n"
                     "[profile base]\nregion = us-east-1\nendpoint_url = %1\n\n"
                     "[profile hop1]\nrole_arn = arn:aws:iam::123456789012:role/baker\n"
                     "source_profile = base\nrole_session_name = first\nendpoint_url = %1\n\n"
                     "[profile hop2]\nrole_arn = arn:aws:iam::123456789012:role/taster\n"
                     "source_profile = hop1\nrole_session_name = second\n"
                     "duration_seconds = 900\nendpoint_url = %1\n\n"
                     "[profile process]\nregion = us-east-1\nendpoint_url = %1\n"
                     "credential_process = /usr/bin/python3 %2\n\n"
                     "[profile wrong]\nregion = us-east-1\nendpoint_url = %1\n")
                     .arg(endpoint, process.fileName())
                     .toUtf8());
    config.close();
    QFile credentials(m_home.filePath(QStringLiteral("credentials")));
    QVERIFY(credentials.open(QIODevice::WriteOnly));
    credentials.write("[base]\naws_access_key_id = test\naws_secret_access_key = test\n\n"
                      "[wrong]\naws_access_key_id = test\naws_secret_access_key = not-the-secret\n");
    credentials.close();
}

QProcessEnvironment tst_AwsCredentialsEnd2End::environment() const
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
    env.insert(QStringLiteral("AWS_CONFIG_FILE"), m_home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"),
               m_home.filePath(QStringLiteral("credentials")));
    return env;
}

std::optional<Core::Result<CallerIdentity>> tst_AwsCredentialsEnd2End::whoami(const QString &profile)
{
    StsClient sts;
    CredentialChainOptions options;
    options.profile = profile;
    options.environment = environment();
    options.roleAssumer = &sts;
    std::unique_ptr<CredentialsProvider> chain = makeDefaultCredentialsChain(options);
    std::optional<Core::Result<CallerIdentity>> answer;
    sts.getCallerIdentity(chain.get(), QStringLiteral("us-east-1"), QUrl(m_emulator->info().baseUrl),
                          this, [&answer](const Core::Result<CallerIdentity> &r) { answer.emplace(r); });
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 20000))
        return std::nullopt;
    return answer;
}

void tst_AwsCredentialsEnd2End::chainResolves_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("arn");
    QTest::newRow("static keys") << "base" << "arn:aws:iam::123456789012:user/gatehouse";
    QTest::newRow("one role") << "hop1" << "arn:aws:sts::123456789012:assumed-role/baker/first";
    QTest::newRow("two-hop source_profile chain")
        << "hop2" << "arn:aws:sts::123456789012:assumed-role/taster/second";
    QTest::newRow("credential_process") << "process" << "arn:aws:iam::123456789012:user/gatehouse";
}

void tst_AwsCredentialsEnd2End::chainResolves()
{
    QFETCH(QString, profile);
    QFETCH(QString, arn);
    const auto answer = whoami(profile);
    QVERIFY(answer.has_value());
    QVERIFY2(answer->ok(), qPrintable(answer->ok() ? QString() : answer->error().message));
    QCOMPARE((*answer)->arn, arn);
    QCOMPARE((*answer)->account, QStringLiteral("123456789012"));
}

void tst_AwsCredentialsEnd2End::wrongSecretIsRefused()
{
    const auto answer = whoami(QStringLiteral("wrong"));
    QVERIFY(answer.has_value());
    QVERIFY(!answer->ok());
    QCOMPARE(answer->error().awsCode, QStringLiteral("SignatureDoesNotMatch"));
    QCOMPARE(answer->error().httpStatus, 403);
    QVERIFY(!answer->error().retryable);
}

QTEST_GUILESS_MAIN(tst_AwsCredentialsEnd2End)
#include "tst_awscredentialsend2end.moc"
