// Reading a server's SignatureDoesNotMatch message and comparing its stages with ours. The
// messages are built as AWS words them (API Gateway JSON, the SP-API errors array, STS/S3
// XML), around canonical requests our own signer produced.
#include "core/aws/signaturediff.h"
#include "core/aws/sigv4signer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Gatehouse::Core;
using namespace Gatehouse::Core::Aws;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

SigV4Signature sign(const QByteArray &path, const QString &region, const QByteArray &extraHeader = {})
{
    SigV4Request request;
    request.method = "GET";
    request.path = path;
    request.headers.add("Host", "abcdefghij.execute-api.us-east-1.amazonaws.com");
    if (!extraHeader.isEmpty())
        request.headers.add("X-Trace", extraHeader);
    request.service = s("execute-api");
    request.region = region;
    request.time = QDateTime(QDate(2015, 8, 30), QTime(12, 36), Qt::UTC);
    SigV4Signer signer({s("AKIDEXAMPLE"), s("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), {}, {}, {}});
    return *signer.signHeaders(request);
}

QByteArray awsMessage(const SigV4Signature &server)
{
    return "The request signature we calculated does not match the signature you provided. Check your AWS "
           "Secret Access Key and signing method. Consult the service documentation for details.\n\n"
           "The Canonical String for this request should have been\n'"
           + server.canonicalRequest + "'\n\nThe String-to-Sign should have been\n'" + server.stringToSign + "'\n";
}

QByteArray asBody(const QByteArray &message, const QString &form)
{
    const QString text = QString::fromUtf8(message);
    if (form == QLatin1String("apigateway"))
        return QJsonDocument(QJsonObject{{s("message"), text}}).toJson(QJsonDocument::Compact);
    if (form == QLatin1String("errors array"))
        return QJsonDocument(QJsonObject{{s("errors"), QJsonArray{QJsonObject{{s("code"), s("InvalidSignature")},
                                                                               {s("message"), text}}}}})
            .toJson();
    if (form == QLatin1String("xml")) {
        QString escaped = text.toHtmlEscaped();
        escaped.replace(QLatin1Char('\''), QLatin1String("&apos;"));
        return "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
               "<Code>SignatureDoesNotMatch</Code><Message>" + escaped.toUtf8()
               + "</Message></Error><RequestId>1</RequestId></ErrorResponse>";
    }
    return message;
}

} // namespace

class tst_SignatureDiff : public QObject
{
    Q_OBJECT

private slots:
    void redactSessionToken_data();
    void redactSessionToken();
    void parse_data();
    void parse();
    void parseRefusesOtherErrors_data();
    void parseRefusesOtherErrors();
    void diff_data();
    void diff();
    void explain_data();
    void explain();
};

void tst_SignatureDiff::parse_data()
{
    QTest::addColumn<QString>("form");
    QTest::newRow("API Gateway JSON message") << s("apigateway");
    QTest::newRow("errors array") << s("errors array");
    QTest::newRow("XML with entities") << s("xml");
    QTest::newRow("plain text") << s("plain");
}

void tst_SignatureDiff::parse()
{
    QFETCH(QString, form);
    const SigV4Signature server = sign("/prod/it's here", s("us-east-1"), "a 'quoted' value");
    const std::optional<ServerSigningStages> stages = parseServerSigningStages(asBody(awsMessage(server), form));
    QVERIFY(stages.has_value());
    QCOMPARE(stages->canonicalRequest, server.canonicalRequest);
    QCOMPARE(stages->stringToSign, server.stringToSign);
}

void tst_SignatureDiff::parseRefusesOtherErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("missing token") << QByteArray("{\"message\":\"Missing Authentication Token\"}");
    QTest::newRow("expired") << QByteArray("<ErrorResponse><Error><Code>RequestExpired</Code><Message>Request has "
                                           "expired.</Message></Error></ErrorResponse>");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("broken JSON") << QByteArray("{\"message\": \"The Canonical String");
}

void tst_SignatureDiff::parseRefusesOtherErrors()
{
    QFETCH(QByteArray, body);
    QVERIFY(!parseServerSigningStages(body).has_value());
}

void tst_SignatureDiff::diff_data()
{
    QTest::addColumn<QByteArray>("ours");
    QTest::addColumn<QByteArray>("server");
    QTest::addColumn<QString>("kinds"); // one letter per row: = same, ~ changed, - ours only, + server only
    QTest::newRow("identical") << QByteArray("a\nb\nc") << QByteArray("a\nb\nc") << s("===");
    QTest::newRow("one changed") << QByteArray("a\nb\nc") << QByteArray("a\nX\nc") << s("=~=");
    QTest::newRow("server has more") << QByteArray("a\nc") << QByteArray("a\nb\nc") << s("=+=");
    QTest::newRow("we have more") << QByteArray("a\nb\nc") << QByteArray("a\nc") << s("=-=");
    QTest::newRow("empty ours") << QByteArray() << QByteArray("a") << s("~");
    const SigV4Signature good = sign("/prod/items", s("us-east-1"));
    const SigV4Signature traced = sign("/prod/items", s("us-east-1"), "1");
    // the server saw one more header: its line, the signed-headers line and the payload hash stay aligned
    QTest::newRow("extra signed header") << good.canonicalRequest << traced.canonicalRequest << s("=====+=~=");
}

void tst_SignatureDiff::diff()
{
    QFETCH(QByteArray, ours);
    QFETCH(QByteArray, server);
    QFETCH(QString, kinds);
    const QList<SigningDiffLine> lines = diffSigningLines(ours, server);
    QString got;
    for (const SigningDiffLine &line : lines) {
        switch (line.kind) {
        case SigningDiffLine::Kind::Same: got += QLatin1Char('='); QCOMPARE(line.ours, line.server); break;
        case SigningDiffLine::Kind::Changed: got += QLatin1Char('~'); QVERIFY(line.ours != line.server); break;
        case SigningDiffLine::Kind::OnlyOurs: got += QLatin1Char('-'); QCOMPARE(line.serverLine, -1); break;
        case SigningDiffLine::Kind::OnlyServer: got += QLatin1Char('+'); QCOMPARE(line.ourLine, -1); break;
        }
    }
    QCOMPARE(got, kinds);
    QCOMPARE(hasDifferences(lines), kinds.contains(QLatin1Char('~')) || kinds.contains(QLatin1Char('+'))
                                        || kinds.contains(QLatin1Char('-')));
}

void tst_SignatureDiff::explain_data()
{
    QTest::addColumn<QByteArray>("ourPath");
    QTest::addColumn<QString>("ourRegion");
    QTest::addColumn<QByteArray>("ourHeader");
    QTest::addColumn<QStringList>("mentions");
    const QByteArray path = "/prod/items";
    QTest::newRow("same stages: the secret is wrong") << path << s("us-east-1") << QByteArray()
                                                      << QStringList{s("secret access key is wrong")};
    QTest::newRow("path") << QByteArray("/prod/items/") << s("us-east-1") << QByteArray()
                          << QStringList{s("The path differs"), s("'/prod/items/'")};
    QTest::newRow("region") << path << s("eu-west-1") << QByteArray()
                            << QStringList{s("credential scope differs"), s("20150830/eu-west-1/execute-api"),
                                           s("region")};
    QTest::newRow("header") << path << s("us-east-1") << QByteArray("abc")
                            << QStringList{s("Header lines differ for: x-trace"), s("list of signed headers differs")};
}

void tst_SignatureDiff::explain()
{
    QFETCH(QByteArray, ourPath);
    QFETCH(QString, ourRegion);
    QFETCH(QByteArray, ourHeader);
    QFETCH(QStringList, mentions);
    const SigV4Signature server = sign("/prod/items", s("us-east-1"));
    const SigV4Signature ours = sign(ourPath, ourRegion, ourHeader);
    const std::optional<ServerSigningStages> stages = parseServerSigningStages(asBody(awsMessage(server), s("apigateway")));
    QVERIFY(stages);
    const QString words = explainSignatureMismatch(ours.canonicalRequest, ours.stringToSign, *stages).join(QLatin1Char(' '));
    for (const QString &mention : mentions)
        QVERIFY2(words.contains(mention), qPrintable(words));
}

void tst_SignatureDiff::redactSessionToken_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QByteArray>("shown");
    QTest::newRow("header line") << QByteArray("x-amz-security-token:IQoJb3JpZ2luX2VjEXAMPLE")
                                 << QByteArray("x-amz-security-token:<session token hidden>");
    QTest::newRow("header line, any case") << QByteArray("X-Amz-Security-Token:abc")
                                           << QByteArray("X-Amz-Security-Token:<session token hidden>");
    QTest::newRow("presigned query, middle")
        << QByteArray("X-Amz-Date=20150830T123600Z&X-Amz-Security-Token=abc%2Fdef&X-Amz-SignedHeaders=host")
        << QByteArray("X-Amz-Date=20150830T123600Z&X-Amz-Security-Token=<session token hidden>&X-Amz-SignedHeaders=host");
    QTest::newRow("presigned query, last") << QByteArray("a=1&X-Amz-Security-Token=abc")
                                           << QByteArray("a=1&X-Amz-Security-Token=<session token hidden>");
    QTest::newRow("other lines untouched") << QByteArray("host:example.amazonaws.com")
                                           << QByteArray("host:example.amazonaws.com");
}

void tst_SignatureDiff::redactSessionToken()
{
    QFETCH(QByteArray, line);
    QFETCH(QByteArray, shown);
    QCOMPARE(Gatehouse::Core::Aws::redactSessionToken(line), shown);
}

QTEST_GUILESS_MAIN(tst_SignatureDiff)
#include "tst_signaturediff.moc"
