// The emulator's SigV4 check: requests signed in the test with Core::Aws::SigV4Signer, then
// tampered with, skewed, expired or signed by unknown keys, must be refused with the codes and
// words AWS uses for STS (query) and Lambda (REST-JSON).
#include "core/aws/sigv4signer.h"
#include "core/emulator/awsauthenticator.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>
#include <QUuid>
#include <QTimeZone>
#include <QXmlStreamReader>

using namespace Gatehouse;
using namespace Gatehouse::Emulator;

namespace {

const QDateTime Now(QDate(2026, 1, 15), QTime(12, 0), QTimeZone::utc());

enum class Change { None, Body, Header, Unsigned, WrongService, WrongRegion, DropToken };

struct Signing
{
    QString accessKeyId = QStringLiteral("test");
    QString secret = QStringLiteral("test");
    QString token;
    QString service = QStringLiteral("sts");
    int offsetSeconds = 0;
    int presignSeconds = 0;
    Change change = Change::None;
};

Core::HttpRequest makeRequest(const Signing &s, const QString &service)
{
    Core::Aws::Credentials credentials;
    credentials.accessKeyId = s.accessKeyId;
    credentials.secretAccessKey = s.secret;
    credentials.sessionToken = s.token;
    Core::Aws::SigV4Signer signer(credentials);
    Core::Aws::SigV4Request in;
    in.method = s.presignSeconds ? "GET" : "POST";
    in.path = service == QLatin1String("lambda") ? "/2015-03-31/functions/ping/invocations" : "/";
    in.query = s.presignSeconds ? "Action=GetCallerIdentity&Version=2011-06-15" : "";
    in.headers.add("Host", "127.0.0.1:4577");
    if (!s.presignSeconds) {
        in.headers.add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        in.payload = "Action=GetCallerIdentity&Version=2011-06-15";
    }
    in.service = s.change == Change::WrongService ? QStringLiteral("s3") : service;
    in.region = s.change == Change::WrongRegion ? QStringLiteral("eu-west-1") : QStringLiteral("us-east-1");
    in.time = Now.addSecs(s.offsetSeconds);

    Core::HttpRequest out;
    out.method = in.method;
    out.path = in.path;
    out.body = in.payload;
    out.headers = in.headers;
    if (s.change == Change::Unsigned) {
        out.query = in.query;
        return out;
    }
    const auto signature = s.presignSeconds ? signer.presign(in, s.presignSeconds)
                                            : signer.signHeaders(in);
    if (!signature)
        qFatal("signing failed");
    if (s.presignSeconds)
        out.query = signature->query;
    else
        Core::Aws::applySigV4Headers(out.headers, *signature);
    if (s.change == Change::Body)
        out.body = "Action=AssumeRole&Version=2011-06-15";
    if (s.change == Change::Header)
        out.headers.set("Content-Type", "text/plain");
    if (s.change == Change::DropToken)
        out.headers.remove("X-Amz-Security-Token");
    return out;
}

QString stamp(int offsetSeconds)
{
    return QString::fromLatin1(Core::Aws::sigV4Timestamp(Now.addSecs(offsetSeconds)));
}

} // namespace

Q_DECLARE_METATYPE(Signing)

class tst_AwsAuthenticator : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void authenticate_data();
    void authenticate();
    void mismatchShowsCanonicalRequest();
    void principalOfDefaultKeys();
    void queryRefusalIsStsXml();
    void restJsonRefusal();
    void cachedSigningKeyFollowsSecretAndDay();
    void requestIdsAreVersion4Uuids();

private:
    std::unique_ptr<AwsAuthenticator> m_auth;
};

void tst_AwsAuthenticator::initTestCase()
{
    m_auth = std::make_unique<AwsAuthenticator>(QStringLiteral("123456789012"));
    AwsPrincipal live;
    live.accessKeyId = QStringLiteral("ASIALIVE");
    live.secretAccessKey = QStringLiteral("live-secret");
    live.sessionToken = QStringLiteral("live-token");
    live.expiration = Now.addSecs(3600);
    live.accountId = QStringLiteral("123456789012");
    live.arn = QStringLiteral("arn:aws:sts::123456789012:assumed-role/baker/s1");
    live.assumedRole = true;
    m_auth->addSession(live);
    AwsPrincipal old = live;
    old.accessKeyId = QStringLiteral("ASIAOLD");
    old.expiration = Now.addSecs(-1);
    m_auth->addSession(old);
}

void tst_AwsAuthenticator::authenticate_data()
{
    QTest::addColumn<Signing>("signing");
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("code"); // empty: accepted
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message"); // the answer's message starts with this

    const QString sts = QStringLiteral("sts"), lambda = QStringLiteral("lambda");
    const QString mismatch = QStringLiteral("The request signature we calculated does not match");
    const QString invalid = QStringLiteral("The security token included in the request is invalid.");
    const QString expired = QStringLiteral("The security token included in the request is expired");
    Signing s;
    QTest::newRow("sts test/test") << s << sts << "" << 0 << "";
    QTest::newRow("lambda test/test") << s << lambda << "" << 0 << "";
    s.secret = QStringLiteral("wrong");
    QTest::newRow("sts wrong secret") << s << sts << "SignatureDoesNotMatch" << 403 << mismatch;
    QTest::newRow("lambda wrong secret") << s << lambda << "InvalidSignatureException" << 403 << mismatch;
    s = Signing();
    s.change = Change::Body;
    QTest::newRow("tampered body") << s << sts << "SignatureDoesNotMatch" << 403 << mismatch;
    s.change = Change::Header;
    QTest::newRow("tampered header") << s << sts << "SignatureDoesNotMatch" << 403 << mismatch;
    s.change = Change::Unsigned;
    QTest::newRow("sts unsigned") << s << sts << "MissingAuthenticationToken" << 403
                                  << "Request is missing Authentication Token";
    QTest::newRow("lambda unsigned") << s << lambda << "MissingAuthenticationTokenException" << 403
                                     << "Missing Authentication Token";
    s.change = Change::WrongService;
    QTest::newRow("scoped to s3") << s << sts << "SignatureDoesNotMatch" << 403
                                  << "Credential should be scoped to correct service: 'sts'. ";
    s.change = Change::WrongRegion; // the emulator serves us-east-1 only
    QTest::newRow("sts scoped to eu-west-1") << s << sts << "SignatureDoesNotMatch" << 403
                                             << "Credential should be scoped to a valid region. ";
    QTest::newRow("lambda scoped to eu-west-1") << s << lambda << "InvalidSignatureException" << 403
                                                << "Credential should be scoped to a valid region. ";
    s = Signing();
    s.accessKeyId = QStringLiteral("AKIDUNKNOWN");
    QTest::newRow("sts unknown key") << s << sts << "InvalidClientTokenId" << 403 << invalid;
    QTest::newRow("lambda unknown key") << s << lambda << "UnrecognizedClientException" << 403 << invalid;
    s = Signing();
    s.offsetSeconds = -1200;
    QTest::newRow("sts 20 min late")
        << s << sts << "SignatureDoesNotMatch" << 403
        << QStringLiteral("Signature expired: %1 is now earlier than %2 (%3 - 15 min.)")
               .arg(stamp(-1200), stamp(-900), stamp(0));
    s.offsetSeconds = -600;
    QTest::newRow("sts 10 min late") << s << sts << "" << 0 << "";
    s.offsetSeconds = -360;
    QTest::newRow("lambda 6 min late")
        << s << lambda << "InvalidSignatureException" << 403
        << QStringLiteral("Signature expired: %1 is now earlier than %2 (%3 - 5 min.)")
               .arg(stamp(-360), stamp(-300), stamp(0));
    s.offsetSeconds = 1200;
    QTest::newRow("sts 20 min early")
        << s << sts << "SignatureDoesNotMatch" << 403
        << QStringLiteral("Signature not yet current: %1 is still later than %2 (%3 + 15 min.)")
               .arg(stamp(1200), stamp(900), stamp(0));
    s = Signing();
    s.presignSeconds = 300;
    s.offsetSeconds = -120;
    QTest::newRow("presigned, valid") << s << sts << "" << 0 << "";
    s.presignSeconds = 60;
    QTest::newRow("presigned, expired")
        << s << sts << "SignatureDoesNotMatch" << 403
        << QStringLiteral("Signature expired: %1 is now earlier than %2 (%3 - 1 min.)")
               .arg(stamp(-120), stamp(-60), stamp(0));
    s = Signing();
    s.accessKeyId = QStringLiteral("ASIALIVE");
    s.secret = QStringLiteral("live-secret");
    s.token = QStringLiteral("live-token");
    QTest::newRow("session") << s << sts << "" << 0 << "";
    QTest::newRow("session, lambda") << s << lambda << "" << 0 << "";
    s.change = Change::DropToken;
    QTest::newRow("session without token") << s << sts << "InvalidClientTokenId" << 403 << invalid;
    s.change = Change::None;
    s.token = QStringLiteral("other-token");
    QTest::newRow("session, wrong token") << s << sts << "InvalidClientTokenId" << 403 << invalid;
    s.accessKeyId = QStringLiteral("ASIAOLD");
    s.token = QStringLiteral("live-token");
    QTest::newRow("sts expired session") << s << sts << "ExpiredToken" << 403 << expired;
    QTest::newRow("lambda expired session") << s << lambda << "ExpiredTokenException" << 403 << expired;
    s = Signing();
    s.token = QStringLiteral("stray-token");
    QTest::newRow("long-term key with a token") << s << sts << "InvalidClientTokenId" << 403 << invalid;
}

void tst_AwsAuthenticator::authenticate()
{
    QFETCH(Signing, signing);
    QFETCH(QString, service);
    QFETCH(QString, code);
    QFETCH(int, status);
    QFETCH(QString, message);
    const AwsProtocol protocol =
        service == QLatin1String("sts") ? AwsProtocol::Query : AwsProtocol::RestJson;
    const AwsAuthentication result =
        m_auth->authenticate(makeRequest(signing, service), service, protocol, Now);
    QCOMPARE(result.error.awsCode, code);
    QCOMPARE(result.error.httpStatus, status);
    QVERIFY2(message.isEmpty() ? !result.error.isError() : result.error.message.startsWith(message),
             qPrintable(result.error.message));
    if (code.isEmpty())
        QCOMPARE(result.principal.accessKeyId, signing.accessKeyId);
}

// AWS's wording, with the canonical request and string to sign the server computed.
void tst_AwsAuthenticator::mismatchShowsCanonicalRequest()
{
    Signing s;
    s.secret = QStringLiteral("wrong");
    const AwsAuthentication result = m_auth->authenticate(
        makeRequest(s, QStringLiteral("sts")), QStringLiteral("sts"), AwsProtocol::Query, Now);
    const QString ts = stamp(0);
    const QString expectedStart =
        QStringLiteral("The request signature we calculated does not match the signature you "
                       "provided. Check your AWS Secret Access Key and signing method. Consult "
                       "the service documentation for details.\n\nThe Canonical String for this "
                       "request should have been\n'POST\n/\n\ncontent-type:application/"
                       "x-www-form-urlencoded; charset=utf-8\nhost:127.0.0.1:4577\n"
                       "x-amz-date:%1\n\ncontent-type;host;x-amz-date\n")
            .arg(ts);
    QVERIFY2(result.error.message.startsWith(expectedStart), qPrintable(result.error.message));
    const QString stringToSign = QStringLiteral("'\n\nThe String-to-Sign should have been\n"
                                                "'AWS4-HMAC-SHA256\n%1\n20260115/us-east-1/sts/"
                                                "aws4_request\n")
                                     .arg(ts);
    QVERIFY2(result.error.message.contains(stringToSign), qPrintable(result.error.message));
    QVERIFY(result.error.message.endsWith(QLatin1String("'\n")));
}

void tst_AwsAuthenticator::principalOfDefaultKeys()
{
    const AwsPrincipal *p = m_auth->principal(QStringLiteral("test"));
    QVERIFY(p);
    QCOMPARE(p->arn, QStringLiteral("arn:aws:iam::123456789012:user/gatehouse"));
    QCOMPARE(p->accountId, QStringLiteral("123456789012"));
    QVERIFY(p->userId.startsWith(QLatin1String("AIDA")));
    QCOMPARE(p->userId.size(), 21);
    QCOMPARE(m_auth->principal(QStringLiteral("nobody")), nullptr);
}

void tst_AwsAuthenticator::queryRefusalIsStsXml()
{
    Core::Error e;
    e.code = Core::ErrorCode::InvalidArgument;
    e.awsCode = QStringLiteral("SignatureDoesNotMatch");
    e.httpStatus = 403;
    e.message = QStringLiteral("a & b <c>");
    e.requestId = QStringLiteral("req-1");
    const Core::HttpResponse r = AwsAuthenticator::refusal(e, AwsProtocol::Query);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.headers.value("Content-Type"), QByteArray("text/xml"));
    QXmlStreamReader xml(r.body);
    QStringList path;
    QHash<QString, QString> values;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            path.append(xml.name().toString());
            if (path.size() == 1)
                QCOMPARE(xml.namespaceUri().toString(),
                         QStringLiteral("https://sts.amazonaws.com/doc/2011-06-15/"));
        } else if (xml.isCharacters() && !xml.isWhitespace()) {
            values.insert(path.join(QLatin1Char('/')), xml.text().toString());
        } else if (xml.isEndElement()) {
            path.removeLast();
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(values.value(QStringLiteral("ErrorResponse/Error/Type")), QStringLiteral("Sender"));
    QCOMPARE(values.value(QStringLiteral("ErrorResponse/Error/Code")),
             QStringLiteral("SignatureDoesNotMatch"));
    QCOMPARE(values.value(QStringLiteral("ErrorResponse/Error/Message")), e.message);
    QCOMPARE(values.value(QStringLiteral("ErrorResponse/RequestId")), QStringLiteral("req-1"));
}

void tst_AwsAuthenticator::restJsonRefusal()
{
    Core::Error e;
    e.code = Core::ErrorCode::InvalidArgument;
    e.awsCode = QStringLiteral("UnrecognizedClientException");
    e.httpStatus = 403;
    e.message = QStringLiteral("The security token included in the request is invalid.");
    const Core::HttpResponse r = AwsAuthenticator::refusal(e, AwsProtocol::RestJson);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.headers.value("x-amzn-ErrorType"), QByteArray("UnrecognizedClientException"));
    QVERIFY(!r.headers.value("x-amzn-RequestId").isEmpty());
    const QJsonObject body = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(body.keys(), QStringList{QStringLiteral("message")});
    QCOMPARE(body.value(QStringLiteral("message")).toString(), e.message);
}

// The authenticator keeps derived signing keys. A key id given a new secret must not be checked
// with the old one's key, and another day's scope gets its own key.
void tst_AwsAuthenticator::cachedSigningKeyFollowsSecretAndDay()
{
    AwsAuthenticator auth(QStringLiteral("123456789012"));
    auth.addLongTermKey(QStringLiteral("AKIDBAKER"), QStringLiteral("first-secret"), QStringLiteral("baker"));
    Signing first;
    first.accessKeyId = QStringLiteral("AKIDBAKER");
    first.secret = QStringLiteral("first-secret");
    const Core::HttpRequest signedFirst = makeRequest(first, QStringLiteral("sts"));
    for (int i = 0; i < 2; ++i) {
        const AwsAuthentication ok = auth.authenticate(signedFirst, QStringLiteral("sts"), AwsProtocol::Query, Now);
        QVERIFY2(ok.ok(), qPrintable(ok.error.message));
    }
    Signing wrong = first;
    wrong.secret = QStringLiteral("not-the-secret");
    QCOMPARE(auth.authenticate(makeRequest(wrong, QStringLiteral("sts")), QStringLiteral("sts"), AwsProtocol::Query, Now)
                 .error.awsCode,
             QStringLiteral("SignatureDoesNotMatch"));

    Signing nextDay = first;
    nextDay.offsetSeconds = 24 * 3600;
    const AwsAuthentication tomorrow = auth.authenticate(makeRequest(nextDay, QStringLiteral("sts")),
                                                         QStringLiteral("sts"), AwsProtocol::Query,
                                                         Now.addSecs(24 * 3600));
    QVERIFY2(tomorrow.ok(), qPrintable(tomorrow.error.message));

    auth.addLongTermKey(QStringLiteral("AKIDBAKER"), QStringLiteral("second-secret"), QStringLiteral("baker"));
    QCOMPARE(auth.authenticate(signedFirst, QStringLiteral("sts"), AwsProtocol::Query, Now).error.awsCode,
             QStringLiteral("SignatureDoesNotMatch"));
    Signing second = first;
    second.secret = QStringLiteral("second-secret");
    const AwsAuthentication renewed =
        auth.authenticate(makeRequest(second, QStringLiteral("sts")), QStringLiteral("sts"), AwsProtocol::Query, Now);
    QVERIFY2(renewed.ok(), qPrintable(renewed.error.message));
}

// x-amzn-RequestId: a random (version 4, RFC 4122 variant) UUID without braces, new each time.
void tst_AwsAuthenticator::requestIdsAreVersion4Uuids()
{
    QSet<QByteArray> seen;
    for (int i = 0; i < 1000; ++i) {
        const QByteArray id = AwsAuthenticator::newRequestId();
        QCOMPARE(id.size(), 36);
        const QUuid uuid = QUuid::fromString(QLatin1String(id));
        QVERIFY2(!uuid.isNull(), id.constData());
        QCOMPARE(uuid.version(), QUuid::Random);
        QCOMPARE(uuid.variant(), QUuid::DCE);
        seen.insert(id);
    }
    QCOMPARE(seen.size(), 1000);
}

QTEST_GUILESS_MAIN(tst_AwsAuthenticator)
#include "tst_awsauthenticator.moc"
