// gatehouse cognito signup / confirm / login against the emulator's user pool: SRP and
// password sign-in print tokens that PyJWT verifies from the pool's JWKS URL alone; sign-up
// and confirmation; NEW_PASSWORD_REQUIRED for a user the AWS CLI created; refusals in words
// with their exit codes; the password never on the command line or in the output.
#include "../common/awscli.h"
#include "../common/gatehouseprocess.h"

#include "core/emulator/cognitoidpservice.h"
#include "core/emulator/emulator.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace Gatehouse;
using GatehouseTest::runGatehouse;

class TestCognitoCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void srpLoginTokensVerifyWithPyJwt();
    void passwordLoginWithTrace();
    void signUpConfirmAndLogin();
    void newPasswordRequired();
    void refusalsInWords();

private:
    QString poolId() const { return m_emulator->lab().userPools.at(0).poolId; }
    QString clientId() const { return m_emulator->lab().userPools.at(0).clients.at(0).clientId; }
    QStringList common(const QString &action, const QString &user) const
    {
        return {QStringLiteral("cognito"), action, QStringLiteral("--pool"), poolId(), QStringLiteral("--client"),
                clientId(), QStringLiteral("--user"), user, QStringLiteral("--endpoint-url"), m_emulator->info().baseUrl};
    }
    // PyJWT, given only the JWKS URL; the verified claims, or empty with the reason printed.
    QJsonObject verifyWithPyJwt(const QString &token, const QString &audience);

    std::unique_ptr<Emulator::Emulator> m_emulator;
};

namespace {

const QString kBaker = QStringLiteral("baker@example.com");
const QByteArray kBakerPassword = "Sourdough-2024";

} // namespace

void TestCognitoCli::initTestCase()
{
    Emulator::EmulatorOptions options;
    options.port = 0;
    options.labDirectory = QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery");
    m_emulator = std::make_unique<Emulator::Emulator>(options);
    const auto started = m_emulator->start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
    QCOMPARE(m_emulator->lab().userPools.size(), 1);
}

void TestCognitoCli::cleanupTestCase()
{
    m_emulator.reset();
}

QJsonObject TestCognitoCli::verifyWithPyJwt(const QString &token, const QString &audience)
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/emulator/verify_with_pyjwt.py"),
                  m_emulator->info().baseUrl + QLatin1Char('/') + poolId() + QStringLiteral("/.well-known/jwks.json"),
                  token, audience, m_emulator->info().baseUrl + QLatin1Char('/') + poolId()});
    QSignalSpy finished(&python, &QProcess::finished);
    if (!finished.wait(30000) || python.exitCode() != 0) {
        qWarning("PyJWT refused: %s", python.readAllStandardError().constData());
        return {};
    }
    return QJsonDocument::fromJson(python.readAllStandardOutput()).object().value(QStringLiteral("claims")).toObject();
}

void TestCognitoCli::srpLoginTokensVerifyWithPyJwt()
{
    QStringList arguments = common(QStringLiteral("login"), kBaker);
    arguments << QStringLiteral("--srp") << QStringLiteral("--password-stdin");
    const auto run = runGatehouse(arguments, kBakerPassword + "\n");
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject tokens = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(tokens.value(QStringLiteral("TokenType")).toString(), QStringLiteral("Bearer"));
    QVERIFY(!tokens.value(QStringLiteral("RefreshToken")).toString().isEmpty());
    QVERIFY(tokens.value(QStringLiteral("ExpiresIn")).toInt() > 0);

    const QJsonObject id = verifyWithPyJwt(tokens.value(QStringLiteral("IdToken")).toString(), clientId());
    QCOMPARE(id.value(QStringLiteral("token_use")).toString(), QStringLiteral("id"));
    QCOMPARE(id.value(QStringLiteral("email")).toString(), kBaker);
    const QJsonObject access = verifyWithPyJwt(tokens.value(QStringLiteral("AccessToken")).toString(), QStringLiteral("-"));
    QCOMPARE(access.value(QStringLiteral("token_use")).toString(), QStringLiteral("access"));
    QCOMPARE(access.value(QStringLiteral("client_id")).toString(), clientId());
    // The user id SRP signed with is the sub (the pool signs in by email).
    QCOMPARE(tokens.value(QStringLiteral("Username")).toString(), id.value(QStringLiteral("sub")).toString());
}

void TestCognitoCli::passwordLoginWithTrace()
{
    QStringList arguments = common(QStringLiteral("login"), kBaker);
    arguments << QStringLiteral("--trace");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("GATEHOUSE_COGNITO_PASSWORD"), QString::fromLatin1(kBakerPassword));
    const auto run = runGatehouse(arguments, {}, env);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(run.err.contains("InitiateAuth (USER_PASSWORD_AUTH)"));
    QVERIFY(run.err.contains("PASSWORD=(hidden)"));
    QVERIFY(!run.err.contains(kBakerPassword));
    QVERIFY(!run.err.contains("eyJ")); // no token in the trace
    QVERIFY(!run.out.contains(kBakerPassword));
}

void TestCognitoCli::signUpConfirmAndLogin()
{
    const QString user = QStringLiteral("rye@example.com");
    const QByteArray password = "Rye-Bread-2026!";
    QStringList arguments = common(QStringLiteral("signup"), user);
    arguments << QStringLiteral("--attribute") << QStringLiteral("email=rye@example.com") << QStringLiteral("--password-stdin");
    auto run = runGatehouse(arguments, password + "\n");
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(run.out.contains("Not confirmed yet"));

    // Not confirmed: Cognito's refusal, exit 4.
    arguments = common(QStringLiteral("login"), user);
    arguments << QStringLiteral("--srp") << QStringLiteral("--password-stdin");
    run = runGatehouse(arguments, password + "\n");
    QCOMPARE(run.exitCode, 4);
    QVERIFY2(run.err.contains("UserNotConfirmedException: User is not confirmed."), run.err.constData());

    arguments = common(QStringLiteral("confirm"), user);
    run = runGatehouse(arguments + QStringList{QStringLiteral("--code"), QStringLiteral("000000")});
    QCOMPARE(run.exitCode, 4);
    QVERIFY2(run.err.contains("CodeMismatchException"), run.err.constData());
    const QString code = m_emulator->cognito()->confirmationCode(poolId(), user);
    QCOMPARE(code.size(), 6);
    run = runGatehouse(arguments + QStringList{QStringLiteral("--code"), code});
    QVERIFY2(run.exitCode == 0, run.err.constData());

    arguments = common(QStringLiteral("login"), user);
    arguments << QStringLiteral("--srp") << QStringLiteral("--password-stdin");
    run = runGatehouse(arguments, password + "\n");
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject id =
        verifyWithPyJwt(QJsonDocument::fromJson(run.out).object().value(QStringLiteral("IdToken")).toString(), clientId());
    QCOMPARE(id.value(QStringLiteral("email")).toString(), user);
}

void TestCognitoCli::newPasswordRequired()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    GatehouseTest::AwsCli aws(m_emulator->info().baseUrl);
    const QString user = QStringLiteral("temp@example.com");
    const auto created = aws.run({QStringLiteral("cognito-idp"), QStringLiteral("admin-create-user"),
                                  QStringLiteral("--user-pool-id"), poolId(), QStringLiteral("--username"), user,
                                  QStringLiteral("--temporary-password"), QStringLiteral("Temp-Pass-1!"),
                                  QStringLiteral("--user-attributes"), QStringLiteral("Name=email,Value=temp@example.com")});
    QVERIFY2(created.exitCode == 0, created.err.constData());

    QStringList arguments = common(QStringLiteral("login"), user);
    arguments << QStringLiteral("--srp") << QStringLiteral("--password-stdin");
    auto run = runGatehouse(arguments, "Temp-Pass-1!\n");
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("must choose a new password"), run.err.constData());
    QVERIFY(run.err.contains("--new-password-stdin"));

    run = runGatehouse(arguments + QStringList{QStringLiteral("--new-password-stdin")}, "Temp-Pass-1!\nFresh-Loaf-2026!\n");
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(QJsonDocument::fromJson(run.out).object().contains(QStringLiteral("AccessToken")));
    // The new password is the password now.
    run = runGatehouse(arguments, "Fresh-Loaf-2026!\n");
    QVERIFY2(run.exitCode == 0, run.err.constData());
}

void TestCognitoCli::refusalsInWords()
{
    QStringList arguments = common(QStringLiteral("login"), kBaker);
    arguments << QStringLiteral("--srp") << QStringLiteral("--password-stdin");
    auto run = runGatehouse(arguments, "not-the-password\n");
    QCOMPARE(run.exitCode, 4);
    QVERIFY2(run.err.contains("NotAuthorizedException: Incorrect username or password."), run.err.constData());
    QVERIFY(!run.err.contains("not-the-password"));

    run = runGatehouse(common(QStringLiteral("login"), kBaker) + QStringList{QStringLiteral("--password"), QStringLiteral("x")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains("--password-stdin"));

    run = runGatehouse(common(QStringLiteral("login"), kBaker), {});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains("no password"));

    run = runGatehouse({QStringLiteral("cognito"), QStringLiteral("login"), QStringLiteral("--pool"), QStringLiteral("bakery"),
                        QStringLiteral("--client"), clientId(), QStringLiteral("--user"), kBaker});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains("us-east-1_AbCdEf123"));

    run = runGatehouse(common(QStringLiteral("confirm"), kBaker));
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains("--code"));

    // A port nobody listens on: no HTTP answer, exit 3.
    QStringList refused = common(QStringLiteral("login"), kBaker);
    refused[refused.indexOf(QStringLiteral("--endpoint-url")) + 1] = QStringLiteral("http://127.0.0.1:1");
    run = runGatehouse(refused + QStringList{QStringLiteral("--password-stdin")}, kBakerPassword + "\n");
    QCOMPARE(run.exitCode, 3);
}

QTEST_GUILESS_MAIN(TestCognitoCli)
#include "tst_cognitocli.moc"
