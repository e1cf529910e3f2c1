// Cognito's SRP-6a: client and server derive the same key from the right password and
// different keys from a wrong one; values a server could use to fix the key are refused;
// the timestamp, pool name and SECRET_HASH are formed as Cognito expects.
#include "core/cognito/srp.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Gatehouse::Core;
using namespace Gatehouse::Core::Cognito;

class TestSrp : public QObject
{
    Q_OBJECT

private slots:
    void knownAnswers();
    void clientAndServerAgree();
    void wrongPasswordGivesAnotherKey();
    void signaturesMatchOnBothSides();
    void refusesUnsafeValues_data();
    void refusesUnsafeValues();
    void verifierChecksPasswords();
    void fixedSecretsGiveFixedValues();
    void timestampAsCognito();
    void poolNameIsTheIdAfterTheRegion();
    void secretHashAsDocumented();
};

namespace {

const QString kPool = QStringLiteral("us-east-1_AbCdEf123");
const QString kUser = QStringLiteral("baker@example.com");
const QString kPassword = QStringLiteral("Sourdough-2024");

// RFC 3526's 3072-bit prime, written out here (the implementation takes it from OpenSSL).
const char kPrime3072[] =
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF";

} // namespace

// Values asserted by three implementations Gatehouse did not write (tests/data/cognito-srp).
void TestSrp::knownAnswers()
{
    QFile file(QStringLiteral(GATEHOUSE_TEST_DATA "/cognito-srp/vectors.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject vectors = QJsonDocument::fromJson(file.readAll()).object();
    const auto str = [](const QJsonObject &o, const char *key) { return o.value(QLatin1String(key)).toString(); };

    int checked = 0;
    for (const QJsonValue &value : vectors.value(QStringLiteral("client")).toArray()) {
        const QJsonObject v = value.toObject();
        const QByteArray name = str(v, "name").toUtf8();
        const SrpClient client(str(v, "smallA"));
        if (v.contains(QStringLiteral("expectedA"))) {
            QVERIFY2(client.publicValueHex() == str(v, "expectedA"), name.constData());
            ++checked;
        }
        const Result<QByteArray> key = client.passwordAuthenticationKey(str(v, "poolName"), str(v, "userIdForSrp"),
                                                                        str(v, "password"), str(v, "srpB"), str(v, "salt"));
        QVERIFY2(key.ok(), name.constData());
        if (v.contains(QStringLiteral("expectedKey"))) {
            QVERIFY2(QString::fromLatin1(key->toHex()) == str(v, "expectedKey"), name.constData());
            ++checked;
        }
        QVERIFY2(passwordClaimSignature(*key, str(v, "poolName"), str(v, "userIdForSrp"), str(v, "secretBlock"),
                                        str(v, "timestamp"))
                     == str(v, "expectedSignature"),
                 name.constData());
        ++checked;
    }
    for (const QJsonValue &value : vectors.value(QStringLiteral("verifier")).toArray()) {
        const QJsonObject v = value.toObject();
        const SrpVerifier verifier = SrpServer::makeVerifier(str(v, "poolName"), str(v, "userIdForSrp"),
                                                             str(v, "password"), str(v, "salt"));
        QCOMPARE(verifier.verifierHex, str(v, "expectedVerifier"));
        QVERIFY(SrpServer::passwordMatches(verifier, str(v, "poolName"), str(v, "userIdForSrp"), str(v, "password")));
        ++checked;
    }
    for (const QJsonValue &value : vectors.value(QStringLiteral("server")).toArray()) {
        const QJsonObject v = value.toObject();
        const SrpServer server({str(v, "salt"), str(v, "verifier")}, str(v, "smallB"));
        QCOMPARE(server.publicValueHex(), str(v, "expectedB"));
        ++checked;
    }
    for (const QJsonValue &value : vectors.value(QStringLiteral("secretHash")).toArray()) {
        const QJsonObject v = value.toObject();
        QCOMPARE(secretHash(str(v, "clientSecret"), str(v, "username"), str(v, "clientId")), str(v, "expected"));
        ++checked;
    }
    QCOMPARE(checked, 10);
}

void TestSrp::clientAndServerAgree()
{
    const QString pool = srpPoolName(kPool);
    const SrpVerifier verifier = SrpServer::makeVerifier(pool, kUser, kPassword);
    QCOMPARE(verifier.saltHex.size() <= 32, true);
    for (int round = 0; round < 5; ++round) {
        SrpClient client;
        SrpServer server(verifier);
        const Result<QByteArray> serverKey = server.passwordAuthenticationKey(client.publicValueHex());
        if (!serverKey)
            QFAIL(qPrintable(serverKey.error().message));
        const Result<QByteArray> clientKey = client.passwordAuthenticationKey(pool, kUser, kPassword,
                                                                              server.publicValueHex(), verifier.saltHex);
        if (!clientKey)
            QFAIL(qPrintable(clientKey.error().message));
        QCOMPARE(clientKey->size(), 16);
        QCOMPARE(*clientKey, *serverKey);
    }
}

void TestSrp::wrongPasswordGivesAnotherKey()
{
    const QString pool = srpPoolName(kPool);
    const SrpVerifier verifier = SrpServer::makeVerifier(pool, kUser, kPassword);
    SrpClient client;
    SrpServer server(verifier);
    const QByteArray serverKey = *server.passwordAuthenticationKey(client.publicValueHex());
    QVERIFY(*client.passwordAuthenticationKey(pool, kUser, QStringLiteral("sourdough-2024"), server.publicValueHex(),
                                              verifier.saltHex)
            != serverKey);
    // The user id and pool name are part of the password hash too.
    QVERIFY(*client.passwordAuthenticationKey(pool, QStringLiteral("Baker@example.com"), kPassword,
                                              server.publicValueHex(), verifier.saltHex)
            != serverKey);
    QVERIFY(*client.passwordAuthenticationKey(QStringLiteral("AbCdEf124"), kUser, kPassword, server.publicValueHex(),
                                              verifier.saltHex)
            != serverKey);
}

void TestSrp::signaturesMatchOnBothSides()
{
    const QString pool = srpPoolName(kPool);
    const SrpVerifier verifier = SrpServer::makeVerifier(pool, kUser, kPassword);
    SrpClient client;
    SrpServer server(verifier);
    const QByteArray serverKey = *server.passwordAuthenticationKey(client.publicValueHex());
    const QByteArray clientKey =
        *client.passwordAuthenticationKey(pool, kUser, kPassword, server.publicValueHex(), verifier.saltHex);
    const QString block = QString::fromLatin1(QByteArray(64, '\x5a').toBase64());
    const QString stamp = srpTimestamp(QDateTime(QDate(2026, 11, 21), QTime(19, 5, 1), Qt::UTC));
    const QString fromClient = passwordClaimSignature(clientKey, pool, kUser, block, stamp);
    QCOMPARE(fromClient, passwordClaimSignature(serverKey, pool, kUser, block, stamp));
    QCOMPARE(QByteArray::fromBase64(fromClient.toLatin1()).size(), 32);
    // Every part of the message counts.
    QVERIFY(fromClient != passwordClaimSignature(serverKey, pool, kUser, block, srpTimestamp(QDateTime(
                                                     QDate(2026, 11, 21), QTime(19, 5, 2), Qt::UTC))));
    QVERIFY(fromClient
            != passwordClaimSignature(serverKey, pool, kUser, QString::fromLatin1(QByteArray(64, 'Y').toBase64()), stamp));
}

void TestSrp::refusesUnsafeValues_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("zero") << QStringLiteral("0");
    QTest::newRow("N") << QString::fromLatin1(kPrime3072);
    QTest::newRow("N, lower case, leading zeros") << (QStringLiteral("000") + QString::fromLatin1(kPrime3072).toLower());
    QTest::newRow("not hex") << QStringLiteral("12g4");
    QTest::newRow("signed") << QStringLiteral("-1234");
    QTest::newRow("spaces") << QStringLiteral("12 34");
    QTest::newRow("empty") << QString();
    QTest::newRow("huge") << QString(5000, QLatin1Char('f'));
}

void TestSrp::refusesUnsafeValues()
{
    QFETCH(QString, value);
    const QString pool = srpPoolName(kPool);
    const SrpVerifier verifier = SrpServer::makeVerifier(pool, kUser, kPassword);
    SrpClient client;
    const Result<QByteArray> clientKey = client.passwordAuthenticationKey(pool, kUser, kPassword, value, verifier.saltHex);
    QVERIFY(!clientKey.ok());
    QVERIFY(clientKey.error().message.contains(QStringLiteral("SRP_B")));
    SrpServer server(verifier);
    const Result<QByteArray> serverKey = server.passwordAuthenticationKey(value);
    QVERIFY(!serverKey.ok());
    QVERIFY(serverKey.error().message.contains(QStringLiteral("SRP_A")));
}

void TestSrp::verifierChecksPasswords()
{
    const QString pool = srpPoolName(kPool);
    const SrpVerifier verifier = SrpServer::makeVerifier(pool, kUser, kPassword);
    QVERIFY(SrpServer::passwordMatches(verifier, pool, kUser, kPassword));
    QVERIFY(!SrpServer::passwordMatches(verifier, pool, kUser, kPassword + QLatin1Char(' ')));
    QVERIFY(!SrpServer::passwordMatches(verifier, pool, kUser, QString()));
    // Salts differ between two verifiers of the same password, so do the verifiers.
    const SrpVerifier again = SrpServer::makeVerifier(pool, kUser, kPassword);
    QVERIFY(again.saltHex != verifier.saltHex);
    QVERIFY(again.verifierHex != verifier.verifierHex);
    // Non-ASCII passwords are hashed as UTF-8.
    const SrpVerifier umlaut = SrpServer::makeVerifier(pool, kUser, QStringLiteral("Br\u00f6tchen-2024!"));
    QVERIFY(SrpServer::passwordMatches(umlaut, pool, kUser, QStringLiteral("Br\u00f6tchen-2024!")));
    QVERIFY(!SrpServer::passwordMatches(umlaut, pool, kUser, QStringLiteral("Brotchen-2024!")));
}

void TestSrp::fixedSecretsGiveFixedValues()
{
    // a = 1 gives A = g = 2; a = 2 gives 4: the public value is g^a, in unpadded lower-case hex.
    QCOMPARE(SrpClient(QStringLiteral("1")).publicValueHex(), QStringLiteral("2"));
    QCOMPARE(SrpClient(QStringLiteral("a")).publicValueHex(), QStringLiteral("400"));
    // A given salt is kept as given (lower case, no padding).
    const SrpVerifier verifier = SrpServer::makeVerifier(QStringLiteral("p"), QStringLiteral("u"),
                                                         QStringLiteral("pw"), QStringLiteral("00ab"));
    QCOMPARE(verifier.saltHex, QStringLiteral("ab"));
    SrpServer one(verifier, QStringLiteral("5"));
    SrpServer two(verifier, QStringLiteral("5"));
    QCOMPARE(one.publicValueHex(), two.publicValueHex());
    const SrpClient client(QStringLiteral("1234567890abcdef"));
    QCOMPARE(*one.passwordAuthenticationKey(client.publicValueHex()),
             *client.passwordAuthenticationKey(QStringLiteral("p"), QStringLiteral("u"), QStringLiteral("pw"),
                                               one.publicValueHex(), verifier.saltHex));
}

void TestSrp::timestampAsCognito()
{
    // Day of month without padding, time with it, English names whatever the locale.
    QLocale::setDefault(QLocale(QLocale::German));
    QCOMPARE(srpTimestamp(QDateTime(QDate(2026, 11, 1), QTime(9, 5, 1), Qt::UTC)),
             QStringLiteral("Sun Nov 1 09:05:01 UTC 2026"));
    QCOMPARE(srpTimestamp(QDateTime(QDate(2026, 3, 17), QTime(23, 59, 59), Qt::UTC)),
             QStringLiteral("Tue Mar 17 23:59:59 UTC 2026"));
    // Local times are written in UTC.
    QCOMPARE(srpTimestamp(QDateTime(QDate(2026, 3, 17), QTime(1, 0, 0), Qt::OffsetFromUTC, 3600)),
             QStringLiteral("Tue Mar 17 00:00:00 UTC 2026"));
    QLocale::setDefault(QLocale::c());
}

void TestSrp::poolNameIsTheIdAfterTheRegion()
{
    QCOMPARE(srpPoolName(QStringLiteral("us-east-1_AbCdEf123")), QStringLiteral("AbCdEf123"));
    QCOMPARE(srpPoolName(QStringLiteral("eu-central-1_x")), QStringLiteral("x"));
    QCOMPARE(srpPoolName(QStringLiteral("nounderscore")), QStringLiteral("nounderscore"));
}

void TestSrp::secretHashAsDocumented()
{
    // Base64(HMAC-SHA256(client secret, username + client id)), from the Cognito developer
    // guide ("Computing secret hash values"); the expected value was computed with Python's
    // hmac and hashlib modules.
    QCOMPARE(secretHash(QStringLiteral("7s2kq3example0secret"), kUser, QStringLiteral("5j1e2ul9d0fmbakerywebclient")),
             QStringLiteral("WZXbNau/brtMD6+wEHan8/SY16dJfBey1nVg9dbuiBg="));
}

QTEST_GUILESS_MAIN(TestSrp)
#include "tst_srp.moc"
