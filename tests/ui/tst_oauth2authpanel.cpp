// The Auth tab's OAuth 2.0 page on the offscreen platform, against the emulator with the bakery
// lab: the grant switches the fields; a lab pool fills the Cognito form; Send signs in by itself
// and the authorizer of GET /orders answers 200; the token is reused, shown only as where it came
// from and its expiry, handed to the inspector on request, and cleared; a saved request keeps the
// password as its {{variable}}.
#include "../common/emulatorlab.h"
#include "../core/fakeaws.h"
#include "core/emulator/emulator.h"
#include "core/oauth2/tokenmanager.h"
#include "ui/requestbuilder/authpanel.h"
#include "ui/requestbuilder/keyvaluetable.h"
#include "ui/requestbuilder/requestbuilderwidget.h"

#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Gatehouse;

namespace {

QString routeUrl(const Core::EmulatorInfo &info, const QString &routeKey)
{
    for (const Core::EmulatorApiInfo &api : info.apis) {
        for (const Core::EmulatorRouteInfo &route : api.routes) {
            if (route.routeKey == routeKey)
                return route.url;
        }
    }
    return QString();
}

} // namespace

class tst_OAuth2AuthPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void grantSwitchesTheFields();
    void cognitoSignInSendsWithAFreshToken();
    void unauthorizedRenewsOnce_data();
    void unauthorizedRenewsOnce();

private:
    template<typename T>
    T *child(QWidget *parent, const char *name)
    {
        return parent->findChild<T *>(QString::fromLatin1(name));
    }

    std::unique_ptr<Emulator::Emulator> m_emulator;
};

void tst_OAuth2AuthPanel::initTestCase()
{
    m_emulator = Test::startLab(QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery"));
    QVERIFY(m_emulator);
}

void tst_OAuth2AuthPanel::grantSwitchesTheFields()
{
    Ui::AuthPanel panel;
    panel.resize(700, 600);
    panel.show();
    auto *kind = child<QComboBox>(&panel, "authKindCombo");
    kind->setCurrentIndex(int(Core::AuthKind::OAuth2));
    QCOMPARE(panel.summary(), QStringLiteral("OAuth 2.0"));
    auto *grant = child<QComboBox>(&panel, "oauthGrantCombo");
    QLineEdit *tokenUrl = child<QLineEdit>(&panel, "oauthTokenUrlEdit");
    QLineEdit *authorizeUrl = child<QLineEdit>(&panel, "oauthAuthorizeUrlEdit");
    QLineEdit *password = child<QLineEdit>(&panel, "oauthPasswordEdit");
    QLineEdit *refresh = child<QLineEdit>(&panel, "oauthRefreshTokenEdit");
    QLineEdit *prefix = child<QLineEdit>(&panel, "oauthHeaderPrefixEdit");
    QLineEdit *parameter = child<QLineEdit>(&panel, "oauthQueryParameterEdit");
    QCOMPARE(grant->currentIndex(), int(Core::OAuth2Grant::ClientCredentials));
    QVERIFY(tokenUrl->isVisible() && !authorizeUrl->isVisible() && !password->isVisible() && !refresh->isVisible());
    grant->setCurrentIndex(int(Core::OAuth2Grant::AuthorizationCode));
    QVERIFY(tokenUrl->isVisible() && authorizeUrl->isVisible() && !password->isVisible());
    grant->setCurrentIndex(int(Core::OAuth2Grant::RefreshToken));
    QVERIFY(refresh->isVisible() && !authorizeUrl->isVisible());
    grant->setCurrentIndex(int(Core::OAuth2Grant::CognitoSignIn));
    QVERIFY(password->isVisible() && !tokenUrl->isVisible() && !refresh->isVisible());
    QVERIFY(prefix->isVisible() && !parameter->isVisible());
    child<QComboBox>(&panel, "oauthPlacementCombo")->setCurrentIndex(int(Core::OAuth2Placement::Query));
    QVERIFY(!prefix->isVisible() && parameter->isVisible());

    // What the page shows is what auth() hands out, and setAuth() puts it back.
    tokenUrl->setText(QStringLiteral("https://bakery.auth.us-east-1.amazoncognito.com/oauth2/token"));
    const Core::RequestAuth auth = panel.auth();
    QCOMPARE(auth.kind, Core::AuthKind::OAuth2);
    QCOMPARE(auth.oauth2.grant, Core::OAuth2Grant::CognitoSignIn);
    QCOMPARE(auth.oauth2.placement, Core::OAuth2Placement::Query);
    Ui::AuthPanel other;
    other.setAuth(auth);
    QVERIFY(other.auth().oauth2 == auth.oauth2);
}

void tst_OAuth2AuthPanel::cognitoSignInSendsWithAFreshToken()
{
    Ui::RequestBuilderWidget builder;
    builder.resize(1000, 800);
    builder.show();
    Ui::AuthPanel *panel = builder.authPanel();
    QVERIFY(panel->tokenManager());
    const Core::EmulatorInfo info = m_emulator->info();
    panel->setEmulatorInfo(info);
    const QString orders = routeUrl(info, QStringLiteral("GET /orders"));
    QVERIFY(!orders.isEmpty());
    builder.openRequest(QStringLiteral("GET"), orders);

    child<QComboBox>(panel, "authKindCombo")->setCurrentIndex(int(Core::AuthKind::OAuth2));
    child<QComboBox>(panel, "oauthGrantCombo")->setCurrentIndex(int(Core::OAuth2Grant::CognitoSignIn));
    auto *labPool = child<QComboBox>(panel, "oauthLabPoolCombo");
    QVERIFY(labPool->isEnabled());
    const int web = labPool->findText(QStringLiteral("bakery-customers / bakery-web"));
    QVERIFY2(web >= 0, qPrintable(labPool->itemText(0)));
    labPool->setCurrentIndex(web);
    emit labPool->activated(web);
    QCOMPARE(child<QLineEdit>(panel, "oauthUserPoolEdit")->text(), info.userPools.at(0).poolId);
    QCOMPARE(child<QLineEdit>(panel, "oauthClientIdEdit")->text(), info.userPools.at(0).clients.at(0).clientId);
    QCOMPARE(child<QLineEdit>(panel, "oauthCognitoEndpointEdit")->text(), info.baseUrl);
    QTest::keyClicks(child<QLineEdit>(panel, "oauthUsernameEdit"), QStringLiteral("baker@example.com"));
    QTest::keyClicks(child<QLineEdit>(panel, "oauthPasswordEdit"), QStringLiteral("{{bakerPassword}}"));
    builder.findChild<Ui::KeyValueTable *>(QStringLiteral("variablesTable"))
        ->setRows({{true, QStringLiteral("bakerPassword"), QStringLiteral("Sourdough-2024")}});
    QLabel *status = child<QLabel>(panel, "oauthTokenStatus");
    QVERIFY(status->text().startsWith(QStringLiteral("No token yet")));
    QVERIFY(!child<QPushButton>(panel, "oauthInspectTokenButton")->isEnabled());

    // Send: no "Get new token" click; the sign-in happens first and the API lets the call through.
    QSignalSpy changed(panel->tokenManager(), &Core::OAuth2::TokenManager::tokenChanged);
    QList<Core::Result<Core::HttpClientResponse>> answers;
    connect(&builder, &Ui::RequestBuilderWidget::requestFinished, this,
            [&answers](const Core::Result<Core::HttpClientResponse> &answer) { answers.append(answer); });
    builder.send();
    QVERIFY(QTest::qWaitFor([&answers] { return !answers.isEmpty(); }, 60000));
    QVERIFY2(answers.at(0).ok(), qPrintable(answers.at(0).ok() ? QString() : answers.at(0).error().message));
    QCOMPARE(answers.at(0)->status, 200);
    QCOMPARE(changed.size(), 1);
    QVERIFY2(status->text().contains(QStringLiteral("Cognito SRP")) && status->text().contains(QStringLiteral("expires")),
             qPrintable(status->text()));
    QVERIFY(!status->text().contains(QStringLiteral("eyJ"))); // never the token itself

    // A second send reuses the token: no new sign-in.
    builder.send();
    QVERIFY(QTest::qWaitFor([&answers] { return answers.size() == 2; }, 60000));
    QCOMPARE(answers.at(1)->status, 200);
    QCOMPARE(changed.size(), 1);

    // "View in Auth tab" hands the token out; it is the baker's.
    QSignalSpy inspect(panel, &Ui::AuthPanel::inspectTokenRequested);
    auto *view = child<QPushButton>(panel, "oauthInspectTokenButton");
    QVERIFY(view->isEnabled());
    view->click();
    QCOMPARE(inspect.size(), 1);
    const QString token = inspect.at(0).at(0).toString();
    const QJsonObject claims = QJsonDocument::fromJson(QByteArray::fromBase64(
                                                           token.section(QLatin1Char('.'), 1, 1).toLatin1(),
                                                           QByteArray::Base64UrlEncoding))
                                   .object();
    QCOMPARE(claims.value(QStringLiteral("token_use")).toString(), QStringLiteral("access"));
    QCOMPARE(claims.value(QStringLiteral("client_id")).toString(), info.userPools.at(0).clients.at(0).clientId);

    // What would be saved keeps the password as its reference, not the password.
    QCOMPARE(builder.requestSpec().auth.withoutSecrets().oauth2.password, QStringLiteral("{{bakerPassword}}"));

    child<QPushButton>(panel, "oauthClearTokenButton")->click();
    QVERIFY(status->text().startsWith(QStringLiteral("No token yet")));
    QVERIFY(!view->isEnabled());
}

void tst_OAuth2AuthPanel::unauthorizedRenewsOnce_data()
{
    QTest::addColumn<int>("secondStatus");
    QTest::newRow("401, renewed, 200") << 200;
    QTest::newRow("401 twice: the second is the answer") << 401;
}

// The builder's own send path (it keeps its spooling and progress): a 401 renews the token and
// sends once more; a second 401 is shown, not retried.
void tst_OAuth2AuthPanel::unauthorizedRenewsOnce()
{
    QFETCH(int, secondStatus);
    FakeAws server;
    server.answers = {
        FakeAws::response(200, "Content-Type: application/json", "{\"access_token\":\"first\",\"expires_in\":3600}"),
        FakeAws::response(401, "Content-Type: application/json", "{\"message\":\"Unauthorized\"}"),
        FakeAws::response(200, "Content-Type: application/json", "{\"access_token\":\"second\",\"expires_in\":3600}"),
        FakeAws::response(secondStatus, "Content-Type: application/json", "{}")};
    server.answer = FakeAws::response(500, "", ""); // a fifth request would be a loop
    Ui::RequestBuilderWidget builder;
    Core::RequestSpec spec;
    spec.url = server.url().toString() + QStringLiteral("/orders");
    spec.auth.kind = Core::AuthKind::OAuth2;
    spec.auth.oauth2.tokenUrl = server.url().toString() + QStringLiteral("/oauth2/token");
    spec.auth.oauth2.clientId = QStringLiteral("oven");
    spec.auth.oauth2.clientSecret = QStringLiteral("{{ovenSecret}}");
    builder.setRequestSpec(spec);
    builder.findChild<Ui::KeyValueTable *>(QStringLiteral("variablesTable"))
        ->setRows({{true, QStringLiteral("ovenSecret"), QStringLiteral("s3cret")}});
    QList<Core::Result<Core::HttpClientResponse>> answers;
    connect(&builder, &Ui::RequestBuilderWidget::requestFinished, this,
            [&answers](const Core::Result<Core::HttpClientResponse> &answer) { answers.append(answer); });
    builder.send();
    QVERIFY(QTest::qWaitFor([&answers] { return !answers.isEmpty(); }, 30000));
    QTest::qWait(200);
    QCOMPARE(answers.size(), 1); // the 401 in between is not reported
    QVERIFY(answers.at(0).ok());
    QCOMPARE(answers.at(0)->status, secondStatus);
    QCOMPARE(server.requests.size(), 4);
    QCOMPARE(server.requests.at(0).headers.value("Authorization"), QByteArray("Basic ") + QByteArray("oven:s3cret").toBase64());
    QCOMPARE(server.requests.at(1).headers.value("Authorization"), QByteArray("Bearer first"));
    QCOMPARE(server.requests.at(3).headers.value("Authorization"), QByteArray("Bearer second"));
    QVERIFY(!builder.isSending());
}

QTEST_MAIN(tst_OAuth2AuthPanel)
#include "tst_oauth2authpanel.moc"
