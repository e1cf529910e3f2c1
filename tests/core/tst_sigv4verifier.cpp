#include "core/aws/sigv4signer.h"
#include "core/aws/sigv4verifier.h"
#include "sigv4suite.h"

#include <QTest>
#include <QTimeZone>
#include <functional>

using namespace Gatehouse::Core;
using namespace Gatehouse::Core::Aws;
using namespace Sigv4Suite;

namespace {

// A signed request and the verifier's inputs, for one tampering to change.
struct Tampered
{
    HttpRequest request;
    QByteArray authorization;
    QString secret;
    QDateTime now;
    QDateTime signedAt;
};

using Tampering = std::function<void(Tampered &)>;

const QHash<QString, Tampering> &tamperings()
{
    const auto minutes = [](int m) {
        return [m](Tampered &t) {
            t.now = t.signedAt.addSecs(m * 60);
        };
    };
    const auto body = [](Tampered &t) {
        t.request.body = "{\"a\":2}";
    };
    static const QHash<QString, Tampering> all = {
        {QStringLiteral("nothing"),
         [](Tampered &) {
         }},
        {QStringLiteral("unsigned header added"),
         [](Tampered &t) {
             t.request.headers.add("User-Agent", "curl/8");
         }},
        {QStringLiteral("signed header changed"),
         [](Tampered &t) {
             t.request.headers.set("Content-Type", "text/plain");
         }},
        {QStringLiteral("signed header removed"),
         [](Tampered &t) {
             t.request.headers.remove("content-type");
         }},
        {QStringLiteral("path changed"),
         [](Tampered &t) {
             t.request.path = "/orders/43";
         }},
        {QStringLiteral("query changed"),
         [](Tampered &t) {
             t.request.query.replace("x=1", "x=2");
         }},
        {QStringLiteral("method changed"),
         [](Tampered &t) {
             t.request.method = "PUT";
         }},
        {QStringLiteral("wrong secret"),
         [](Tampered &t) {
             t.secret.replace(0, 1, QLatin1Char('v'));
         }},
        {QStringLiteral("16 minutes early"), minutes(-16)},
        {QStringLiteral("16 minutes late"), minutes(16)},
        {QStringLiteral("14 minutes late"), minutes(14)},
        {QStringLiteral("after expiry"),
         [](Tampered &t) {
             t.now = t.signedAt.addSecs(601);
         }},
        {QStringLiteral("just before expiry"),
         [](Tampered &t) {
             t.now = t.signedAt.addSecs(600);
         }},
        {QStringLiteral("body changed"), body},
        {QStringLiteral("content sha256 mismatch"), body},
        {QStringLiteral("not signed"),
         [](Tampered &t) {
             t.request.headers.remove("authorization");
         }},
        {QStringLiteral("other algorithm"),
         [](Tampered &t) {
             t.authorization.replace("AWS4-HMAC-SHA256", "AWS4-ECDSA-P256-SHA256");
         }},
        {QStringLiteral("no credential"),
         [](Tampered &t) {
             t.authorization.replace("Credential=", "Credentials=");
         }},
        {QStringLiteral("bad credential scope"),
         [](Tampered &t) {
             t.authorization.replace("/aws4_request", "/aws5_request");
         }},
        {QStringLiteral("no date"),
         [](Tampered &t) {
             t.request.headers.remove("x-amz-date");
         }},
        {QStringLiteral("expires too long"),
         [](Tampered &t) {
             t.request.query.replace("X-Amz-Expires=600", "X-Amz-Expires=604801");
         }},
    };
    return all;
}

} // namespace

// The verifier accepts every signed request of both suites, as AWS would, and rejects
// tampered, stale and malformed ones with the AWS error codes.
class TestSigV4Verifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void verifyAwsCAuth_data();
    void verifyAwsCAuth();
    void verifyBotocore_data();
    void verifyBotocore();
    void verifierRejects_data();
    void verifierRejects();
};

void TestSigV4Verifier::verifyAwsCAuth_data()
{
    QTest::addColumn<QString>("caseName");
    QTest::addColumn<QString>("file");
    for (const QString &c : awsCAuthCases()) {
        for (const QString &file :
             {QStringLiteral("header-signed-request"), QStringLiteral("query-signed-request")})
            QTest::newRow(
                qPrintable(QStringLiteral("aws-c-auth/") + c + QStringLiteral("/verify-") + file))
                << c << file;
    }
}

void TestSigV4Verifier::verifyAwsCAuth()
{
    QFETCH(QString, caseName);
    QFETCH(QString, file);
    const QString dir = AwsCAuthV4 + QLatin1Char('/') + caseName + QLatin1Char('/');
    const AwsCAuthContext context = loadContext(dir);
    QVERIFY(context.time.isValid());
    const RawRequest raw = parseRawRequest(readFile(dir + file + QStringLiteral(".txt")));
    QVERIFY2(raw.error.isEmpty(), qPrintable(raw.error));
    const HttpRequest request = toHttpRequest(raw);

    const Result<SigV4Authorization> auth = SigV4Verifier::parse(request);
    QVERIFY2(auth.ok(), qPrintable(auth.ok() ? QString() : auth.error().message));
    QCOMPARE(auth->presigned, file.startsWith(QLatin1String("query")));
    QCOMPARE(QString::fromUtf8(auth->accessKeyId), context.credentials.accessKeyId);
    QCOMPARE(auth->region, context.region);
    QCOMPARE(auth->service, context.service);
    QCOMPARE(auth->time, context.time);
    const SigV4Verification result =
        SigV4Verifier().verify(request, *auth, context.credentials.secretAccessKey, context.flags,
                               context.time.addSecs(60));
    QVERIFY2(result.ok(), qPrintable(result.error.message + QLatin1Char('\n') +
                                     QString::fromUtf8(result.expected.canonicalRequest)));
    const QByteArray stage = file.startsWith(QLatin1String("query")) ? "query" : "header";
    QCOMPARE(result.expected.canonicalRequest,
             readFile(dir + QString::fromLatin1(stage) + QStringLiteral("-canonical-request.txt")));
}

void TestSigV4Verifier::verifyBotocore_data()
{
    QTest::addColumn<QString>("caseDir");
    for (const QString &c : botocoreCases())
        QTest::newRow(qPrintable(QStringLiteral("botocore/") + c + QStringLiteral("/verify-sreq")))
            << c;
}

void TestSigV4Verifier::verifyBotocore()
{
    QFETCH(QString, caseDir);
    const QString name = caseDir.section(QLatin1Char('/'), -1);
    const QString base =
        Botocore + QLatin1Char('/') + caseDir + QLatin1Char('/') + name + QLatin1Char('.');
    const RawRequest raw = parseRawRequest(readFile(base + QStringLiteral("sreq")));
    QVERIFY2(raw.error.isEmpty(), qPrintable(raw.error));
    const HttpRequest request = toHttpRequest(raw);
    const Result<SigV4Authorization> auth = SigV4Verifier::parse(request);
    QVERIFY2(auth.ok(), qPrintable(auth.ok() ? QString() : auth.error().message));
    const QDateTime now(QDate(2015, 8, 30), QTime(12, 40), QTimeZone::utc());
    const SigV4Verification result = SigV4Verifier().verify(
        request, *auth, QString::fromUtf8(BotocoreSecret), SigV4Flags(), now);
    QCOMPARE(result.expected.canonicalRequest, readFile(base + QStringLiteral("creq")));
    if (BotocoreInconsistentSignedRequests.contains(name)) {
        QVERIFY2(!result.ok(),
                 "the vector is consistent now: remove it from BotocoreInconsistentSignedRequests");
        QCOMPARE(result.error.awsCode, QStringLiteral("SignatureDoesNotMatch"));
        QSKIP(qPrintable(QStringLiteral("botocore ") + name + QStringLiteral(".sreq: ") +
                         BotocoreInconsistentSignedRequests.value(name)));
    }
    QVERIFY2(result.ok(), qPrintable(result.error.message));
}

void TestSigV4Verifier::verifierRejects_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<bool>("presign");
    QTest::addColumn<QString>("awsCode"); // empty: accepted
    const auto row = [](const char *change, bool presign, const char *code) {
        QTest::newRow(qPrintable(QString::fromUtf8(change) +
                                 (presign ? QStringLiteral(" (presigned)") : QString())))
            << QString::fromUtf8(change) << presign << QString::fromUtf8(code);
    };
    for (bool presign : {false, true}) {
        row("nothing", presign, "");
        row("unsigned header added", presign, "");
        row("signed header changed", presign, "SignatureDoesNotMatch");
        row("signed header removed", presign, "SignatureDoesNotMatch");
        row("path changed", presign, "SignatureDoesNotMatch");
        row("query changed", presign, "SignatureDoesNotMatch");
        row("method changed", presign, "SignatureDoesNotMatch");
        row("wrong secret", presign, "SignatureDoesNotMatch");
        row("16 minutes early", presign, "RequestExpired");
    }
    row("body changed", false, "SignatureDoesNotMatch");
    row("16 minutes late", false, "RequestExpired");
    row("14 minutes late", false, "");
    row("after expiry", true, "RequestExpired");
    row("just before expiry", true, "");
    row("content sha256 mismatch", false, "XAmzContentSHA256Mismatch");
    row("not signed", false, "MissingAuthenticationToken");
    row("other algorithm", false, "IncompleteSignature");
    row("no credential", false, "IncompleteSignature");
    row("bad credential scope", false, "IncompleteSignature");
    row("no date", false, "IncompleteSignature");
    row("expires too long", true, "IncompleteSignature");
}

void TestSigV4Verifier::verifierRejects()
{
    QFETCH(QString, change);
    QFETCH(bool, presign);
    QFETCH(QString, awsCode);
    SigV4Request toSign = toSigV4Request(parseRawRequest(
        "POST /orders/42?x=1&y=%20z "
        "HTTP/1.1\nHost:api.example.com\nContent-Type:application/json\n\n{\"a\":1}"));
    toSign.flags.signedBodyHeader = change == QLatin1String("content sha256 mismatch");
    SigV4Signer signer({QStringLiteral("AKIDEXAMPLE"), QString::fromUtf8(BotocoreSecret),
                        QStringLiteral("tok/en=")});
    const Result<SigV4Signature> signature =
        presign ? signer.presign(toSign, 600) : signer.signHeaders(toSign);
    QVERIFY(signature.ok());

    HttpRequest request;
    request.method = toSign.method;
    request.path = toSign.path;
    request.query = presign ? signature->query : toSign.query;
    request.headers = toSign.headers;
    request.body = toSign.payload;
    if (!presign)
        applySigV4Headers(request.headers, *signature);
    Tampered t{request, request.headers.value("authorization"), QString::fromUtf8(BotocoreSecret),
               toSign.time.addSecs(5), toSign.time};
    QVERIFY2(tamperings().contains(change), qPrintable(change));
    tamperings().value(change)(t);
    if (!presign && t.request.headers.contains("authorization"))
        t.request.headers.set("Authorization", t.authorization);

    const Result<SigV4Authorization> auth = SigV4Verifier::parse(t.request);
    if (!auth.ok()) {
        QCOMPARE(auth.error().awsCode, awsCode);
        QVERIFY(auth.error().httpStatus == 400 || auth.error().httpStatus == 403);
        return;
    }
    const SigV4Verification result =
        SigV4Verifier().verify(t.request, *auth, t.secret, SigV4Flags(), t.now);
    QCOMPARE(result.error.awsCode, awsCode);
    QCOMPARE(result.ok(), awsCode.isEmpty());
    QCOMPARE(QString::fromUtf8(auth->sessionToken), QStringLiteral("tok/en="));
}

QTEST_GUILESS_MAIN(TestSigV4Verifier)
#include "tst_sigv4verifier.moc"
