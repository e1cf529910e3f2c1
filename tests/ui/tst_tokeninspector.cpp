// The token inspector on RFC 7515's own examples (A.1 HS256, A.2 RS256 with their keys) and
// moto's Cognito-style key set: decode with claims in words, masked input, the expiry
// countdown on an injected clock, verdicts for the right key, a tampered token, a wrong secret,
// a JWKS served on loopback and one that is not.
#include "ui/auth/tokeninspector.h"

#include "../core/fakeaws.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse;

namespace {

QJsonObject appendixA(const QString &section)
{
    QFile file(QStringLiteral(GATEHOUSE_TEST_DATA "/jwt/rfc7515-appendix-a-erlang-jose/rfc7515-appendix-a.derived.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object().value(section).toObject();
}

QString cell(QTableWidget *table, const QString &name, int column)
{
    for (int row = 0; row < table->rowCount(); ++row)
        if (table->item(row, 0)->text() == name)
            return table->item(row, column)->text();
    return {};
}

} // namespace

class TestTokenInspector : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void decodesAndExplains();
    void countdownFollowsTheClock();
    void verifiesWithAKeyFile();
    void tamperedTokenIsRefused();
    void sharedSecret();
    void jwksUrl();
    void badInputInWords_data();
    void badInputInWords();

private:
    void useSource(Ui::TokenInspector::KeySource source, const QString &key);

    QTemporaryDir m_dir;
    QString m_rsaToken;
    QString m_hmacToken;
    QString m_rsaKeyFile;
    QByteArray m_hmacKey;
    std::unique_ptr<Ui::TokenInspector> m_view;
};

void TestTokenInspector::useSource(Ui::TokenInspector::KeySource source, const QString &key)
{
    m_view->keySourceBox()->setCurrentIndex(m_view->keySourceBox()->findData(int(source)));
    m_view->keyEdit()->setText(key);
}

void TestTokenInspector::initTestCase()
{
    const QJsonObject a2 = appendixA(QStringLiteral("a.2"));
    const QJsonObject a1 = appendixA(QStringLiteral("a.1"));
    QVERIFY(!a2.isEmpty() && !a1.isEmpty());
    m_rsaToken = a2.value(QStringLiteral("a.2.1.compact")).toString();
    m_hmacToken = a1.value(QStringLiteral("a.1.1.compact")).toString();
    m_rsaKeyFile = m_dir.filePath(QStringLiteral("a2.jwk"));
    QFile key(m_rsaKeyFile);
    QVERIFY(key.open(QIODevice::WriteOnly));
    key.write(a2.value(QStringLiteral("a.2.1.jwk+json")).toString().toUtf8());
    key.close();
    const QJsonObject hmacJwk = QJsonDocument::fromJson(a1.value(QStringLiteral("a.1.1.jwk+json")).toString().toUtf8()).object();
    m_hmacKey = QByteArray::fromBase64(hmacJwk.value(QStringLiteral("k")).toString().toLatin1(),
                                       QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QVERIFY(!m_hmacKey.isEmpty());
    m_view = std::make_unique<Ui::TokenInspector>();
    m_view->resize(1000, 700);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void TestTokenInspector::decodesAndExplains()
{
    QCOMPARE(m_view->tokenEdit()->echoMode(), QLineEdit::Password); // masked by default
    m_view->setToken(QStringLiteral("Bearer ") + m_rsaToken);
    QVERIFY2(m_view->decodeStatus()->text().startsWith(QStringLiteral("RS256 token")), qPrintable(m_view->decodeStatus()->text()));
    QCOMPARE(cell(m_view->headerTable(), QStringLiteral("alg"), 1), QStringLiteral("RS256"));
    QCOMPARE(cell(m_view->claimsTable(), QStringLiteral("iss"), 1), QStringLiteral("joe"));
    QCOMPARE(cell(m_view->claimsTable(), QStringLiteral("exp"), 1), QStringLiteral("1300819380"));
    QVERIFY(cell(m_view->claimsTable(), QStringLiteral("exp"), 2).contains(QStringLiteral("2011-03-22 18:43:00 UTC")));
    QCOMPARE(cell(m_view->claimsTable(), QStringLiteral("http://example.com/is_root"), 1), QStringLiteral("true"));
    m_view->showTokenBox()->click();
    QCOMPARE(m_view->tokenEdit()->echoMode(), QLineEdit::Normal);
    m_view->showTokenBox()->click();
    const QString dir = qEnvironmentVariable("GATEHOUSE_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        m_view->grab().save(dir + QStringLiteral("/auth-token.png"));
}

void TestTokenInspector::countdownFollowsTheClock()
{
    // A.2's token expires at 1300819380 (2011-03-22 18:43:00 UTC).
    const QDateTime exp = QDateTime::fromSecsSinceEpoch(1300819380, Qt::UTC);
    m_view->setClock([exp] { return exp.addSecs(-125); });
    QCOMPARE(m_view->expiryLabel()->text(), QStringLiteral("Expires in 2 min 5 s"));
    m_view->setClock([exp] { return exp.addSecs(7200 + 60); });
    QCOMPARE(m_view->expiryLabel()->text(), QStringLiteral("Expired 2 h 1 min ago"));
}

void TestTokenInspector::verifiesWithAKeyFile()
{
    // At a time the token is valid, so the claims hold too.
    m_view->setClock([] { return QDateTime::fromSecsSinceEpoch(1300819380 - 60, Qt::UTC); });
    useSource(Ui::TokenInspector::KeySource::KeyFile, m_rsaKeyFile);
    m_view->verifyButton()->click();
    QVERIFY2(m_view->verdictLabel()->text().startsWith(QStringLiteral("Valid: the RS256 signature verifies with the RSA key")),
             qPrintable(m_view->verdictLabel()->text()));
    m_view->setClock({}); // today: long expired
    m_view->verify();
    QVERIFY2(m_view->verdictLabel()->text().startsWith(QStringLiteral("Invalid (Expired)")), qPrintable(m_view->verdictLabel()->text()));
}

void TestTokenInspector::tamperedTokenIsRefused()
{
    m_view->setClock([] { return QDateTime::fromSecsSinceEpoch(1300819380 - 60, Qt::UTC); });
    QStringList parts = m_rsaToken.split(QLatin1Char('.'));
    parts[2][20] = parts[2][20] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    m_view->setToken(parts.join(QLatin1Char('.')));
    useSource(Ui::TokenInspector::KeySource::KeyFile, m_rsaKeyFile);
    m_view->verify();
    QVERIFY2(m_view->verdictLabel()->text().startsWith(QStringLiteral("Invalid (BadSignature)")),
             qPrintable(m_view->verdictLabel()->text()));
    m_view->setClock({});
}

void TestTokenInspector::sharedSecret()
{
    m_view->setToken(m_hmacToken);
    m_view->setClock([] { return QDateTime::fromSecsSinceEpoch(1300819380 - 60, Qt::UTC); });
    useSource(Ui::TokenInspector::KeySource::Secret, QString::fromLatin1(m_hmacKey));
    QCOMPARE(m_view->keyEdit()->echoMode(), QLineEdit::Password);
    // A.1's key is binary; typed text cannot hold it, so a wrong secret is what a person gets.
    m_view->verify();
    QVERIFY(m_view->verdictLabel()->text().startsWith(QStringLiteral("Invalid (")));
    useSource(Ui::TokenInspector::KeySource::Secret, QStringLiteral("x"));
    m_view->verify();
    QVERIFY2(m_view->verdictLabel()->text().contains(QStringLiteral("Invalid (")), qPrintable(m_view->verdictLabel()->text()));
    // The RSA key file cannot verify an HMAC token: no algorithm confusion.
    useSource(Ui::TokenInspector::KeySource::KeyFile, m_rsaKeyFile);
    m_view->verify();
    QVERIFY2(m_view->verdictLabel()->text().startsWith(QStringLiteral("Invalid (KeyMismatch)")),
             qPrintable(m_view->verdictLabel()->text()));
    m_view->setClock({});
}

void TestTokenInspector::jwksUrl()
{
    QFile jwk(m_rsaKeyFile);
    QVERIFY(jwk.open(QIODevice::ReadOnly));
    const QByteArray set = "{\"keys\":[" + jwk.readAll() + "]}";
    FakeAws server;
    server.answer = FakeAws::response(200, "Content-Type: application/json", set);
    m_view->setToken(m_rsaToken);
    m_view->setClock([] { return QDateTime::fromSecsSinceEpoch(1300819380 - 60, Qt::UTC); });
    useSource(Ui::TokenInspector::KeySource::JwksUrl, server.url().toString() + QStringLiteral("/jwks.json"));
    m_view->verifyButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!m_view->isVerifying(), 20000);
    QVERIFY2(m_view->verdictLabel()->text().startsWith(QStringLiteral("Valid")), qPrintable(m_view->verdictLabel()->text()));
    QCOMPARE(server.requests.size(), 1);

    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    useSource(Ui::TokenInspector::KeySource::JwksUrl, QStringLiteral("http://127.0.0.1:%1/jwks.json").arg(port));
    m_view->verify();
    QTRY_VERIFY_WITH_TIMEOUT(!m_view->isVerifying(), 20000);
    QVERIFY2(m_view->verdictLabel()->text().startsWith(QStringLiteral("Invalid (JwksUnavailable)")),
             qPrintable(m_view->verdictLabel()->text()));
    QVERIFY(m_view->verifyButton()->isEnabled());
    m_view->setClock({});
}

void TestTokenInspector::badInputInWords_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("expected");
    QTest::newRow("truncated") << QStringLiteral("eyJhbGciOiJIUzI1NiJ9.e30") << QStringLiteral("truncated");
    QTest::newRow("bad base64") << QStringLiteral("eyJhbGciOiJIUzI1NiJ9.e3+0.abc") << QStringLiteral("not valid base64url");
    QTest::newRow("header not JSON") << QStringLiteral("bm90IGpzb24.e30.abc") << QStringLiteral("header");
    QTest::newRow("1 MB") << (QStringLiteral("eyJhbGciOiJIUzI1NiJ9.") + QString(1024 * 1024, QLatin1Char('A')) + QStringLiteral(".abc"))
                          << QStringLiteral("KiB");
}

void TestTokenInspector::badInputInWords()
{
    QFETCH(QString, token);
    QFETCH(QString, expected);
    m_view->setToken(token);
    QVERIFY2(m_view->decodeStatus()->text().contains(expected), qPrintable(m_view->decodeStatus()->text()));
    QCOMPARE(m_view->claimsTable()->rowCount(), 0);
    m_view->verify();
    QVERIFY(m_view->verdictLabel()->text().startsWith(QStringLiteral("Invalid (Malformed)")));
}

QTEST_MAIN(TestTokenInspector)
#include "tst_tokeninspector.moc"
