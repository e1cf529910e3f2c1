// The Auth tab against a stand-in hosted UI: sign in through the "browser" (the test follows
// the redirect), the tokens land in the store and the inspector, go to the request builder as
// Bearer, refresh at the token endpoint; client_credentials; problems in the trace in words.
#include "ui/auth/authworkbench.h"
#include "ui/auth/tokeninspector.h"

#include "../core/fakeaws.h"
#include "core/tokenstore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

#include <optional>

using namespace Gatehouse;

namespace {

QByteArray segment(const QByteArray &json)
{
    return json.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// A token shaped like Cognito's (the signature is not checked here).
QByteArray token(const QByteArray &use)
{
    // One expiry for the whole run: tokens built a second apart must still compare equal.
    static const qint64 exp = QDateTime::currentSecsSinceEpoch() + 3600;
    return segment("{\"alg\":\"RS256\",\"kid\":\"k1\"}") + '.'
           + segment("{\"sub\":\"u-1\",\"token_use\":\"" + use + "\",\"exp\":" + QByteArray::number(exp) + "}") + ".c2ln";
}

QByteArray tokenAnswer(bool withRefresh)
{
    return "{\"id_token\":\"" + token("id") + "\",\"access_token\":\"" + token("access") + '"'
           + (withRefresh ? QByteArray(",\"refresh_token\":\"opaque\"") : QByteArray()) + ",\"expires_in\":3600,\"token_type\":\"Bearer\"}";
}

void follow(const QUrl &redirect)
{
    auto *socket = new QTcpSocket;
    QObject::connect(socket, &QTcpSocket::connected, socket, [socket, redirect] {
        socket->write("GET " + redirect.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority) + " HTTP/1.1\r\n\r\n");
    });
    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    socket->connectToHost(QHostAddress::LocalHost, quint16(redirect.port()));
}

} // namespace

class TestAuthWorkbench : public QObject
{
    Q_OBJECT

private slots:
    void hostedUiSignIn();
    void clientCredentials();
    void missingDomainIsExplained();
    void identityPoolCredentials();
};

void TestAuthWorkbench::hostedUiSignIn()
{
    FakeAws server;
    server.answer = FakeAws::response(200, "Content-Type: application/json", tokenAnswer(true));
    Ui::AuthWorkbench bench;
    bench.resize(1200, 760);
    bench.show();
    QUrl opened;
    bench.setBrowserOpener([&](const QUrl &url) { opened = url; });
    QString bearer;
    connect(&bench, &Ui::AuthWorkbench::useAsBearer, this, [&](const QString &t) { bearer = t; });
    bench.domainEdit()->setText(server.url().toString());
    bench.clientIdEdit()->setText(QStringLiteral("bakeryclient"));
    bench.browserSignInButton()->click();
    QVERIFY(opened.isValid());
    QCOMPARE(opened.path(), QStringLiteral("/oauth2/authorize"));
    const QUrlQuery query(opened);
    QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    QUrl back(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
    back.setQuery(QStringLiteral("code=c0de&state=") + query.queryItemValue(QStringLiteral("state")));
    follow(back);
    QTRY_COMPARE_WITH_TIMEOUT(bench.tokenStore()->rowCount(), 1, 10000);
    QVERIFY(bench.tokenStore()->index(0).data().toString().startsWith(QStringLiteral("bakeryclient via hosted UI")));
    QVERIFY(!bench.tokenStore()->index(0).data().toString().contains(QStringLiteral("eyJ"))); // shown without the token
    QVERIFY(bench.trace()->item(bench.trace()->count() - 1)->text().contains(QStringLiteral("Tokens received")));
    // The ID token is in the inspector, decoded.
    QVERIFY(bench.inspector()->decodeStatus()->text().startsWith(QStringLiteral("RS256 token")));
    bench.useAccessButton()->click();
    QCOMPARE(bearer.toLatin1(), token("access").left(bearer.size()));
    QVERIFY(bearer.contains(QLatin1Char('.')));

    // Refresh at the same token endpoint with grant_type=refresh_token.
    server.answer = FakeAws::response(200, "Content-Type: application/json", tokenAnswer(false));
    const int before = int(server.requests.size());
    bench.tokenStore()->refresh(bench.tokenStore()->idAt(0));
    QTRY_COMPARE(server.requests.size(), before + 1);
    QVERIFY(server.requests.last().body.contains("grant_type=refresh_token"));
    QTRY_VERIFY(bench.trace()->item(bench.trace()->count() - 1)->text().contains(QStringLiteral("Refreshed")));
    QCOMPARE(bench.tokenStore()->find(bench.tokenStore()->idAt(0))->refreshToken, QStringLiteral("opaque"));
    const QString dir = qEnvironmentVariable("GATEHOUSE_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        bench.grab().save(dir + QStringLiteral("/auth-workbench.png"));
}

void TestAuthWorkbench::clientCredentials()
{
    FakeAws server;
    server.answer = FakeAws::response(200, "Content-Type: application/json",
                                      "{\"access_token\":\"" + token("access") + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
    Ui::AuthWorkbench bench;
    bench.domainEdit()->setText(server.url().toString());
    bench.clientIdEdit()->setText(QStringLiteral("m2m"));
    bench.clientCredentialsButton()->click();
    QTRY_VERIFY(bench.trace()->item(bench.trace()->count() - 1)->text().contains(QStringLiteral("secret")));
    QCOMPARE(bench.tokenStore()->rowCount(), 0);
    bench.clientSecretEdit()->setText(QStringLiteral("s3cr3t"));
    bench.clientCredentialsButton()->click();
    QTRY_COMPARE(bench.tokenStore()->rowCount(), 1);
    QVERIFY(server.requests.last().headers.value("Authorization").startsWith("Basic "));
    for (int i = 0; i < bench.trace()->count(); ++i)
        QVERIFY(!bench.trace()->item(i)->text().contains(QStringLiteral("s3cr3t"))); // secrets never in the trace
}

void TestAuthWorkbench::missingDomainIsExplained()
{
    Ui::AuthWorkbench bench;
    bench.browserSignInButton()->click();
    QCOMPARE(bench.trace()->count(), 1);
    QVERIFY(bench.trace()->item(0)->text().contains(QStringLiteral("Give the hosted UI's domain")));
    QVERIFY(!bench.codeFlow()->isWaiting());
}

// The selected sign-in's ID token becomes the identity pool login; the credentials go to SigV4.
void TestAuthWorkbench::identityPoolCredentials()
{
    FakeAws server;
    server.answers = {FakeAws::response(200, "Content-Type: application/x-amz-json-1.1", "{\"IdentityId\":\"eu-west-1:id\"}"),
                      FakeAws::response(200, "Content-Type: application/x-amz-json-1.1",
                                        "{\"Credentials\":{\"AccessKeyId\":\"ASIAPOOL\",\"SecretKey\":\"pool-secret\","
                                        "\"SessionToken\":\"pool-token\",\"Expiration\":4102444800}}")};
    Ui::AuthWorkbench bench;
    std::optional<Core::Aws::Credentials> used;
    connect(&bench, &Ui::AuthWorkbench::useAwsCredentials, this,
            [&](const Core::Aws::Credentials &c, const QString &) { used = c; });
    bench.identityPoolEdit()->setText(QStringLiteral("eu-west-1:pool"));
    bench.userPoolEdit()->setText(QStringLiteral("eu-west-1_Bakery"));
    bench.identityEndpointEdit()->setText(server.url().toString());
    bench.getCredentialsButton()->click();
    QVERIFY(bench.trace()->item(bench.trace()->count() - 1)->text().contains(QStringLiteral("Select a sign-in")));

    Core::TokenSet set;
    set.label = QStringLiteral("alice");
    set.idToken = QString::fromLatin1(token("id"));
    set.accessToken = QString::fromLatin1(token("access"));
    set.expiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
    bench.tokenStore()->add(set);
    bench.tokenList()->setCurrentIndex(bench.tokenStore()->index(0));
    bench.getCredentialsButton()->click();
    QTRY_VERIFY(bench.useCredentialsButton()->isEnabled());
    QVERIFY(bench.credentialsLabel()->text().contains(QStringLiteral("ASIAPOOL")));
    QVERIFY(!bench.credentialsLabel()->text().contains(QStringLiteral("pool-secret")));
    const QJsonObject logins = QJsonDocument::fromJson(server.requests.at(0).body).object().value(QStringLiteral("Logins")).toObject();
    QCOMPARE(logins.value(QStringLiteral("cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Bakery")).toString(), set.idToken);
    bench.useCredentialsButton()->click();
    QVERIFY(used.has_value());
    QCOMPARE(used->sessionToken, QStringLiteral("pool-token"));
}

QTEST_MAIN(TestAuthWorkbench)
#include "tst_authworkbench.moc"
