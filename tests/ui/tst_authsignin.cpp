// The Auth tab's user-pool sign-in against the emulator's bakery pool: the lab pool fills the
// form, SRP and password sign-ins put verified tokens in the store, sign-up and confirm,
// NEW_PASSWORD_REQUIRED, refresh, sign-out everywhere; refusals in the trace in words; the
// password never in the trace.
#include "ui/auth/authworkbench.h"
#include "ui/auth/tokeninspector.h"

#include "core/emulator/cognitoidpservice.h"
#include "core/emulator/emulator.h"
#include "core/tokenstore.h"

#include "../common/awscli.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QTest>

using namespace Gatehouse;

class TestAuthSignIn : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void labPoolFillsTheForm();
    void srpSignIn();
    void passwordSignInAndWrongPassword();
    void signUpConfirmSignIn();
    void newPasswordRequired();
    void refreshThenSignOutEverywhere();
    void badFormInWords();

private:
    QString traceText(Ui::AuthWorkbench &bench) const;
    bool signIn(Ui::AuthWorkbench &bench, const QString &user, const QString &password, bool srp);

    std::unique_ptr<Emulator::Emulator> m_emulator;
};

namespace {

const QString kBaker = QStringLiteral("baker@example.com");
const QString kPassword = QStringLiteral("Sourdough-2024");

} // namespace

void TestAuthSignIn::initTestCase()
{
    Emulator::EmulatorOptions options;
    options.port = 0;
    options.labDirectory = QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery");
    m_emulator = std::make_unique<Emulator::Emulator>(options);
    const auto started = m_emulator->start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
    QCOMPARE(started->userPools.size(), 1);
}

void TestAuthSignIn::cleanupTestCase()
{
    m_emulator.reset();
}

QString TestAuthSignIn::traceText(Ui::AuthWorkbench &bench) const
{
    QStringList lines;
    for (int i = 0; i < bench.trace()->count(); ++i)
        lines << bench.trace()->item(i)->text();
    return lines.join(QLatin1Char('\n'));
}

bool TestAuthSignIn::signIn(Ui::AuthWorkbench &bench, const QString &user, const QString &password, bool srp)
{
    bench.usernameEdit()->setText(user);
    bench.passwordEdit()->setText(password);
    bench.methodBox()->setCurrentIndex(bench.methodBox()->findData(srp ? QStringLiteral("srp") : QStringLiteral("password")));
    const int before = bench.trace()->count();
    const int tokens = bench.tokenStore()->rowCount();
    bench.signInButton()->click();
    // Done when the buttons come back.
    return QTest::qWaitFor([&] { return bench.signInButton()->isEnabled() && bench.trace()->count() > before + 1; }, 10000)
           && bench.tokenStore()->rowCount() >= tokens;
}

void TestAuthSignIn::labPoolFillsTheForm()
{
    Ui::AuthWorkbench bench;
    QVERIFY(!bench.labPoolBox()->isEnabled());
    bench.setEmulatorInfo(m_emulator->info());
    QVERIFY(bench.labPoolBox()->isEnabled());
    QVERIFY(bench.labPoolBox()->currentText().contains(QStringLiteral("bakery-customers")));
    const auto &pool = m_emulator->info().userPools.at(0);
    QCOMPARE(bench.userPoolIdEdit()->text(), pool.poolId);
    QCOMPARE(bench.poolClientIdEdit()->text(), pool.clients.at(0).clientId);
    QCOMPARE(bench.poolEndpointEdit()->text(), m_emulator->info().baseUrl);
    // The hosted-UI page points at the emulator's /oauth2 endpoints too.
    QCOMPARE(bench.domainEdit()->text(), m_emulator->info().baseUrl);
    // Typed ids survive a restart of the emulator.
    bench.userPoolIdEdit()->setText(QStringLiteral("eu-west-1_Typed"));
    bench.setEmulatorInfo(m_emulator->info());
    QCOMPARE(bench.userPoolIdEdit()->text(), QStringLiteral("eu-west-1_Typed"));
    // No emulator: the box says so.
    bench.setEmulatorInfo({});
    QVERIFY(!bench.labPoolBox()->isEnabled());
}

void TestAuthSignIn::srpSignIn()
{
    Ui::AuthWorkbench bench;
    bench.setEmulatorInfo(m_emulator->info());
    QVERIFY(signIn(bench, kBaker, kPassword, true));
    QCOMPARE(bench.tokenStore()->rowCount(), 1);
    const Core::TokenSet *set = bench.tokenStore()->find(bench.tokenStore()->idAt(0));
    QVERIFY(set);
    QCOMPARE(set->source, QStringLiteral("SRP"));
    QVERIFY(!set->refreshToken.isEmpty());
    QVERIFY(set->label.contains(kBaker));
    const QString trace = traceText(bench);
    QVERIFY2(trace.contains(QStringLiteral("InitiateAuth (USER_SRP_AUTH)")), qPrintable(trace));
    QVERIFY(trace.contains(QStringLiteral("challenge PASSWORD_VERIFIER")));
    QVERIFY(trace.contains(QStringLiteral("RespondToAuthChallenge (PASSWORD_VERIFIER)")));
    QVERIFY(trace.contains(QStringLiteral("Signed in")));
    QVERIFY(!trace.contains(kPassword));
    QVERIFY(!trace.contains(set->idToken.left(40)));
    // The inspector shows the ID token, and with the pool's JWKS it verifies.
    QCOMPARE(bench.inspector()->token(), set->idToken);
    QVERIFY(bench.signOutButton()->isEnabled());
    // Checked at once with the pool's own JWKS URL, issuer and client id.
    QCOMPARE(bench.inspector()->keyEdit()->text(),
             m_emulator->info().userPools.at(0).issuer + QStringLiteral("/.well-known/jwks.json"));
    QTRY_VERIFY_WITH_TIMEOUT(bench.inspector()->verdictLabel()->text().startsWith(QStringLiteral("Valid")), 10000);
    QVERIFY(bench.inspector()->verdictLabel()->text().contains(QStringLiteral("RS256")));
}

void TestAuthSignIn::passwordSignInAndWrongPassword()
{
    Ui::AuthWorkbench bench;
    bench.setEmulatorInfo(m_emulator->info());
    QVERIFY(signIn(bench, kBaker, kPassword, false));
    QCOMPARE(bench.tokenStore()->rowCount(), 1);
    QVERIFY(traceText(bench).contains(QStringLiteral("InitiateAuth (USER_PASSWORD_AUTH)")));
    QVERIFY(!traceText(bench).contains(kPassword));

    QVERIFY(signIn(bench, kBaker, QStringLiteral("Rye-2024"), true));
    QCOMPARE(bench.tokenStore()->rowCount(), 1);
    const QString trace = traceText(bench);
    QVERIFY2(trace.contains(QStringLiteral("Incorrect username or password.")), qPrintable(trace));
    QVERIFY(trace.contains(QStringLiteral("Check the user name and password")));
    // Nothing typed is lost.
    QCOMPARE(bench.passwordEdit()->text(), QStringLiteral("Rye-2024"));
    QCOMPARE(bench.usernameEdit()->text(), kBaker);
}

void TestAuthSignIn::signUpConfirmSignIn()
{
    Ui::AuthWorkbench bench;
    bench.setEmulatorInfo(m_emulator->info());
    const QString user = QStringLiteral("spelt@example.com");
    bench.usernameEdit()->setText(user);
    bench.passwordEdit()->setText(QStringLiteral("Spelt-Loaf-2026!"));
    bench.signUpButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(traceText(bench).contains(QStringLiteral("is signed up")), 10000);
    QVERIFY(traceText(bench).contains(QStringLiteral("emulator's log")));

    // Signing in before confirming: the hint says what to do.
    QVERIFY(signIn(bench, user, QStringLiteral("Spelt-Loaf-2026!"), true));
    QVERIFY2(traceText(bench).contains(QStringLiteral("Enter the code Cognito sent")), qPrintable(traceText(bench)));

    bench.codeEdit()->setText(QStringLiteral("111111"));
    bench.confirmButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(traceText(bench).contains(QStringLiteral("CodeMismatchException")), 10000);
    bench.codeEdit()->setText(m_emulator->cognito()->confirmationCode(m_emulator->info().userPools.at(0).poolId, user));
    bench.confirmButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(traceText(bench).contains(QStringLiteral("is confirmed")), 10000);
    QVERIFY(signIn(bench, user, QStringLiteral("Spelt-Loaf-2026!"), true));
    QCOMPARE(bench.tokenStore()->rowCount(), 1);
}

void TestAuthSignIn::newPasswordRequired()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    GatehouseTest::AwsCli aws(m_emulator->info().baseUrl);
    const QString user = QStringLiteral("trainee@example.com");
    const auto created = aws.run({QStringLiteral("cognito-idp"), QStringLiteral("admin-create-user"),
                                  QStringLiteral("--user-pool-id"), m_emulator->info().userPools.at(0).poolId,
                                  QStringLiteral("--username"), user, QStringLiteral("--temporary-password"),
                                  QStringLiteral("Temp-Pass-9!"), QStringLiteral("--user-attributes"),
                                  QStringLiteral("Name=email,Value=trainee@example.com")});
    QVERIFY2(created.exitCode == 0, created.err.constData());
    Ui::AuthWorkbench bench;
    bench.setEmulatorInfo(m_emulator->info());
    bench.show();
    QVERIFY(!bench.newPasswordEdit()->isVisible());
    QVERIFY(signIn(bench, user, QStringLiteral("Temp-Pass-9!"), true));
    QCOMPARE(bench.tokenStore()->rowCount(), 0);
    QVERIFY(traceText(bench).contains(QStringLiteral("NEW_PASSWORD_REQUIRED")));
    QVERIFY(bench.newPasswordEdit()->isVisible());
    bench.newPasswordEdit()->setText(QStringLiteral("Own-Password-2026!"));
    bench.setNewPasswordButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(bench.tokenStore()->rowCount(), 1, 10000);
    QVERIFY(!bench.newPasswordEdit()->isVisible());
    QCOMPARE(bench.passwordEdit()->text(), QStringLiteral("Own-Password-2026!"));
    QVERIFY(!traceText(bench).contains(QStringLiteral("Own-Password-2026!")));
}

void TestAuthSignIn::refreshThenSignOutEverywhere()
{
    Ui::AuthWorkbench bench;
    bench.setEmulatorInfo(m_emulator->info());
    QVERIFY(signIn(bench, kBaker, kPassword, true));
    const int id = bench.tokenStore()->idAt(0);
    const QString firstAccess = bench.tokenStore()->find(id)->accessToken;
    bench.tokenStore()->refresh(id);
    QTRY_VERIFY_WITH_TIMEOUT(traceText(bench).contains(QStringLiteral("Refreshed the tokens")), 10000);
    QVERIFY(traceText(bench).contains(QStringLiteral("InitiateAuth (REFRESH_TOKEN_AUTH)")));
    QVERIFY(bench.tokenStore()->find(id)->accessToken != firstAccess);
    QVERIFY(!bench.tokenStore()->find(id)->refreshToken.isEmpty());

    bench.tokenList()->setCurrentIndex(bench.tokenStore()->index(0));
    bench.signOutButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(traceText(bench).contains(QStringLiteral("out everywhere")), 10000);
    bench.tokenStore()->refresh(id);
    QTRY_VERIFY_WITH_TIMEOUT(traceText(bench).contains(QStringLiteral("Refresh failed")), 10000);
    QVERIFY2(traceText(bench).contains(QStringLiteral("revoked")), qPrintable(traceText(bench)));
}

void TestAuthSignIn::badFormInWords()
{
    Ui::AuthWorkbench bench;
    bench.userPoolIdEdit()->setText(QStringLiteral("bakery"));
    bench.poolClientIdEdit()->setText(QStringLiteral("abc"));
    bench.usernameEdit()->setText(kBaker);
    bench.passwordEdit()->setText(kPassword);
    bench.signInButton()->click();
    QVERIFY(traceText(bench).contains(QStringLiteral("us-east-1_AbCdEf123")));
    bench.userPoolIdEdit()->setText(QStringLiteral("us-east-1_Abc"));
    bench.poolEndpointEdit()->setText(QStringLiteral("localhost 4577"));
    bench.signInButton()->click();
    QVERIFY(traceText(bench).contains(QStringLiteral("is not an http(s) URL")));
    bench.poolEndpointEdit()->clear();
    bench.passwordEdit()->clear();
    bench.signInButton()->click();
    QVERIFY(traceText(bench).contains(QStringLiteral("Give the user's password.")));
    bench.confirmButton()->click();
    QVERIFY(traceText(bench).contains(QStringLiteral("Enter the confirmation code first.")));
    bench.setNewPasswordButton()->click();
    QVERIFY(traceText(bench).contains(QStringLiteral("No sign-in is waiting")));
}

QTEST_MAIN(TestAuthSignIn)
#include "tst_authsignin.moc"
