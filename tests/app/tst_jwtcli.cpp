// gatehouse jwt decode / verify on tokens signed by an independent signer (PyJWT from Debian)
// with moto's Cognito-style key pair (tests/data/jwt/moto-cognito), keys from a file, a PEM, a
// shared secret and a JWKS URL on a loopback stand-in. Exit codes: 0 valid, 2 bad input,
// 3 keys unreachable, 5 signature or key refused, 6 a claim refused.
#include "../common/gatehouseprocess.h"
#include "../common/awscli.h"
#include "../core/fakeaws.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Run = GatehouseTest::GatehouseRun;

Run gatehouse(const QStringList &arguments, const QByteArray &input = {})
{
    return GatehouseTest::runGatehouse(arguments, input);
}

const QString Jwks = QStringLiteral(GATEHOUSE_TEST_DATA "/jwt/moto-cognito/jwks-public.json");

} // namespace

class TestJwtCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void decodeExplainsClaims();
    void verifyValid_data();
    void verifyValid();
    void verifyRefuses_data();
    void verifyRefuses();
    void jwksFromUrl();
    void cognitoCredentialsAsCredentialProcess();

private:
    QTemporaryDir m_dir;
    QByteArray m_access;
    QByteArray m_expired;
    QByteArray m_rotated;
    QByteArray m_hmac;
    QString m_pem;
    QString m_secret;
    QString m_wrongSecret;
};

void TestJwtCli::initTestCase()
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/app/jwtsigner.py"),
                  QStringLiteral(GATEHOUSE_TEST_DATA "/jwt/moto-cognito/jwks-private.json")});
    QVERIFY(python.waitForFinished(30000));
    if (python.exitCode() != 0)
        QSKIP(qPrintable(QStringLiteral("Debian's python3-jwt / python3-cryptography are not usable (packaging/dev "
                                        "installs them): %1")
                             .arg(QString::fromUtf8(python.readAllStandardError()))));
    const QList<QByteArray> lines = python.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(lines.size(), 5);
    m_access = lines.at(0);
    m_expired = lines.at(1);
    m_rotated = lines.at(2);
    m_hmac = lines.at(3);
    const auto write = [this](const QString &name, const QByteArray &bytes) {
        QFile file(m_dir.filePath(name));
        if (file.open(QIODevice::WriteOnly))
            file.write(bytes);
        return file.fileName();
    };
    m_pem = write(QStringLiteral("public.pem"), QByteArray(lines.at(4)).replace('|', '\n'));
    m_secret = write(QStringLiteral("secret"), "a-shared-secret-of-32-bytes-long!\n");
    m_wrongSecret = write(QStringLiteral("wrong"), "another-secret-also-32-bytes-ok!!");
}

void TestJwtCli::decodeExplainsClaims()
{
    const Run r = gatehouse({QStringLiteral("jwt"), QStringLiteral("decode"), QString::fromLatin1(m_access)});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("\"kid\": \"dummy\""));
    QVERIFY(r.out.contains("token_use: Cognito access token"));
    QVERIFY(r.out.contains("iss: Issuer: the Cognito user pool us-east-1_bakery"));
    QVERIFY2(r.out.contains("exp: Expires: ") && (r.out.contains("(in 9 minutes") || r.out.contains("(in 10 minutes")),
             r.out.constData());
    QVERIFY(r.out.contains("not checked"));
}

void TestJwtCli::verifyValid_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("jwks file, Cognito access rules")
        << QStringList{QStringLiteral("--jwks"), Jwks, QStringLiteral("--client-id"), QStringLiteral("bakery-app"),
                       QStringLiteral("--token-use"), QStringLiteral("access"), QStringLiteral("--scope"),
                       QStringLiteral("orders/read"), QStringLiteral("--iss"),
                       QStringLiteral("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_bakery"),
                       QStringLiteral("--require-exp")}
        << QByteArray() << QByteArray("with the RSA key with kid \"dummy\"");
    QTest::newRow("pem") << QStringList{QStringLiteral("--pem"), QStringLiteral("PEM")} << QByteArray()
                         << QByteArray("RS256 signature checked");
    QTest::newRow("stdin with Bearer") << QStringList{QStringLiteral("--jwks"), Jwks} << QByteArray("Bearer TOKEN\n")
                                       << QByteArray("valid: RS256");
    QTest::newRow("hmac secret") << QStringList{QStringLiteral("--secret-file"), QStringLiteral("SECRET")}
                                 << QByteArray() << QByteArray("valid: HS256");
}

void TestJwtCli::verifyValid()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    const bool hmac = arguments.contains(QStringLiteral("--secret-file"));
    arguments.replaceInStrings(QStringLiteral("PEM"), m_pem).replaceInStrings(QStringLiteral("SECRET"), m_secret);
    const QByteArray token = hmac ? m_hmac : m_access;
    const QString tokenArgument = input.isEmpty() ? QString::fromLatin1(token) : QStringLiteral("-");
    input.replace("TOKEN", token);
    const Run r = gatehouse(QStringList{QStringLiteral("jwt"), QStringLiteral("verify"), tokenArgument} + arguments, input);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains(expected), r.out.constData());
}

void TestJwtCli::verifyRefuses_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("reason");
    const QStringList jwks{QStringLiteral("--jwks"), Jwks};
    QTest::newRow("expired") << QStringLiteral("EXPIRED") << jwks << 6 << QByteArray("invalid (Expired): The token expired");
    QTest::newRow("wrong client") << QStringLiteral("ACCESS") << (jwks + QStringList{QStringLiteral("--client-id"), QStringLiteral("other")})
                                  << 6 << QByteArray("WrongClientId");
    QTest::newRow("missing scope") << QStringLiteral("ACCESS") << (jwks + QStringList{QStringLiteral("--scope"), QStringLiteral("orders/write")})
                                   << 6 << QByteArray("MissingScope");
    QTest::newRow("id token wanted") << QStringLiteral("ACCESS") << (jwks + QStringList{QStringLiteral("--token-use"), QStringLiteral("id")})
                                     << 6 << QByteArray("WrongTokenUse");
    QTest::newRow("tampered signature") << QStringLiteral("TAMPERED") << jwks << 5 << QByteArray("BadSignature");
    QTest::newRow("tampered claims") << QStringLiteral("CLAIMS") << jwks << 5 << QByteArray("BadSignature");
    QTest::newRow("unknown kid") << QStringLiteral("ROTATED") << jwks << 5 << QByteArray("KeyNotFound");
    QTest::newRow("alg none") << QStringLiteral("NONE") << jwks << 5 << QByteArray("AlgNone");
    QTest::newRow("wrong secret") << QStringLiteral("HMAC") << QStringList{QStringLiteral("--secret-file"), QStringLiteral("WRONG")}
                                  << 5 << QByteArray("BadSignature");
    QTest::newRow("RSA key as HMAC secret") << QStringLiteral("HMAC") << QStringList{QStringLiteral("--pem"), QStringLiteral("PEM")}
                                            << 5 << QByteArray("KeyMismatch");
    QTest::newRow("truncated") << QStringLiteral("TRUNCATED") << jwks << 2 << QByteArray("truncated");
    QTest::newRow("not base64url") << QStringLiteral("e30.+++.abc") << jwks << 2 << QByteArray("not valid base64url");
    QTest::newRow("1 MB token") << QStringLiteral("HUGE") << jwks << 2 << QByteArray("TooLarge");
    QTest::newRow("no key source") << QStringLiteral("ACCESS") << QStringList() << 2 << QByteArray("exactly one key source");
    QTest::newRow("missing jwks file") << QStringLiteral("ACCESS") << QStringList{QStringLiteral("--jwks"), QStringLiteral("/nonexistent/jwks.json")}
                                       << 2 << QByteArray("/nonexistent/jwks.json");
}

void TestJwtCli::verifyRefuses()
{
    QFETCH(QString, token);
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, reason);
    const QList<QByteArray> parts = m_access.split('.');
    QByteArray signature = parts.at(2);
    signature[10] = signature.at(10) == 'A' ? 'B' : 'A';
    QByteArray claims = QByteArray::fromBase64(parts.at(1), QByteArray::Base64UrlEncoding);
    claims.replace("orders/read", "orders/all!");
    const QMap<QString, QByteArray> tokens{
        {QStringLiteral("ACCESS"), m_access},
        {QStringLiteral("EXPIRED"), m_expired},
        {QStringLiteral("ROTATED"), m_rotated},
        {QStringLiteral("HMAC"), m_hmac},
        {QStringLiteral("TAMPERED"), parts.at(0) + '.' + parts.at(1) + '.' + signature},
        {QStringLiteral("CLAIMS"), parts.at(0) + '.' + claims.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
                                       + '.' + parts.at(2)},
        {QStringLiteral("NONE"), QByteArray("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.") + parts.at(1) + '.'},
        {QStringLiteral("TRUNCATED"), parts.at(0) + '.' + parts.at(1)},
        {QStringLiteral("HUGE"), parts.at(0) + '.' + QByteArray(1024 * 1024, 'A') + '.' + parts.at(2)},
    };
    arguments.replaceInStrings(QStringLiteral("PEM"), m_pem).replaceInStrings(QStringLiteral("WRONG"), m_wrongSecret);
    const QByteArray text = tokens.value(token, token.toLatin1());
    // The 1 MB token goes through stdin: it would not fit on a command line.
    const bool viaStdin = text.size() > 100000;
    const Run r = gatehouse(QStringList{QStringLiteral("jwt"), QStringLiteral("verify"),
                                        viaStdin ? QStringLiteral("-") : QString::fromLatin1(text)} + arguments,
                            viaStdin ? text : QByteArray());
    QVERIFY2(r.exitCode == exitCode, qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(QString::fromUtf8(r.err))));
    QVERIFY2(r.err.contains(reason), r.err.constData());
    QVERIFY(!r.err.contains(m_access)); // the token is never echoed back
}

// Keys published at a URL: fetched over loopback, an unknown kid makes one refetch, an endpoint
// that does not answer is explained with exit code 3.
void TestJwtCli::jwksFromUrl()
{
    QFile jwks(Jwks);
    QVERIFY(jwks.open(QIODevice::ReadOnly));
    FakeAws server;
    server.answer = FakeAws::response(200, "Content-Type: application/json\r\nCache-Control: max-age=300", jwks.readAll());
    const QString url = server.url().toString() + QStringLiteral("/us-east-1_bakery/.well-known/jwks.json");
    Run r = gatehouse({QStringLiteral("jwt"), QStringLiteral("verify"), QString::fromLatin1(m_access),
                       QStringLiteral("--jwks"), url});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(server.requests.size(), 1);
    QCOMPARE(server.requests.first().path, QByteArray("/us-east-1_bakery/.well-known/jwks.json"));

    r = gatehouse({QStringLiteral("jwt"), QStringLiteral("verify"), QString::fromLatin1(m_rotated), QStringLiteral("--jwks"), url});
    QCOMPARE(r.exitCode, 5);
    QVERIFY2(r.err.contains("KeyNotFound") && r.err.contains("rotated"), r.err.constData());

    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    r = gatehouse({QStringLiteral("jwt"), QStringLiteral("verify"), QString::fromLatin1(m_access), QStringLiteral("--jwks"),
                   QStringLiteral("http://127.0.0.1:%1/jwks.json").arg(port)});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains("JwksUnavailable") && r.err.contains(QByteArray::number(port)), r.err.constData());
}

// gatehouse cognito credentials as the AWS CLI's credential_process: the real CLI runs
// gatehouse, which asks a stand-in identity pool (GetId, GetCredentialsForIdentity) with the ID
// token as login; the CLI then holds the pool's temporary credentials.
void TestJwtCli::cognitoCredentialsAsCredentialProcess()
{
    if (!QFileInfo(QStringLiteral("/usr/bin/aws")).isExecutable())
        QSKIP("Debian's awscli (v2) is not installed at /usr/bin/aws (packaging/dev installs it)");
    FakeAws server;
    server.answers = {
        FakeAws::response(200, "Content-Type: application/x-amz-json-1.1", "{\"IdentityId\":\"us-east-1:abcd\"}"),
        FakeAws::response(200, "Content-Type: application/x-amz-json-1.1",
                          "{\"IdentityId\":\"us-east-1:abcd\",\"Credentials\":{\"AccessKeyId\":\"ASIAPOOL\","
                          "\"SecretKey\":\"pool-secret\",\"SessionToken\":\"pool-token\",\"Expiration\":4102444800}}")};
    QFile tokenFile(m_dir.filePath(QStringLiteral("id-token")));
    QVERIFY(tokenFile.open(QIODevice::WriteOnly));
    tokenFile.write(m_access);
    tokenFile.close();
    const GatehouseTest::AwsCli::Run aws = GatehouseTest::AwsCli::exportCredentials(
        "[profile pool]\ncredential_process = sh -c '" GATEHOUSE_EXECUTABLE
        " cognito credentials --identity-pool us-east-1:pool-guid --user-pool us-east-1_Bakery --id-token - --endpoint-url "
            + server.url().toEncoded() + " < " + tokenFile.fileName().toUtf8() + "'\n",
        QStringLiteral("pool"));
    QVERIFY2(aws.exitCode == 0, aws.err.constData());
    const QJsonObject read = aws.json();
    QCOMPARE(read.value(QStringLiteral("AccessKeyId")).toString(), QStringLiteral("ASIAPOOL"));
    QCOMPARE(read.value(QStringLiteral("SessionToken")).toString(), QStringLiteral("pool-token"));
    QCOMPARE(server.requests.size(), 2);
    const QJsonObject logins = QJsonDocument::fromJson(server.requests.at(0).body).object().value(QStringLiteral("Logins")).toObject();
    QCOMPARE(logins.value(QStringLiteral("cognito-idp.us-east-1.amazonaws.com/us-east-1_Bakery")).toString().toLatin1(), m_access);

    const Run bad = gatehouse({QStringLiteral("cognito"), QStringLiteral("credentials"), QStringLiteral("--identity-pool"),
                               QStringLiteral("us-east-1:x"), QStringLiteral("--user-pool"), QStringLiteral("p")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY(bad.err.contains("go together"));
}

QTEST_GUILESS_MAIN(TestJwtCli)
#include "tst_jwtcli.moc"
