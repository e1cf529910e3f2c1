#include "core/aws/awserror.h"

#include "tests/common/botocorepeer.h"

#include <QFileInfo>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Gatehouse::Core;
using namespace Gatehouse::Core::Aws;

Q_DECLARE_METATYPE(Gatehouse::Core::Aws::AwsProtocol)

namespace {

// "Name: value" lines, as a test row writes headers.
HttpHeaders headersFrom(const QByteArray &lines)
{
    HttpHeaders headers;
    for (const QByteArray &line : lines.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            headers.add(line.left(colon).trimmed(), line.mid(colon + 1).trimmed());
    }
    return headers;
}

// botocore's response parsers (the AWS SDK for Python) on the same answers: reads
// [{protocol, status, headers: [[name, value]], body}] and prints [{code, message, requestId}].
const char BotocoreScript[] = R"(
import json, sys
try:
    from botocore import parsers
    from botocore.awsrequest import HeadersDict
except ImportError:
    print('null'); sys.exit(0)
out = []
for row in json.load(sys.stdin):
    headers = HeadersDict()
    for name, value in row['headers']:
        headers[name] = value
    parsed = parsers.create_parser(row['protocol']).parse(
        {'status_code': row['status'], 'headers': headers, 'body': row['body'].encode('utf-8')}, None)
    error = parsed.get('Error', {})
    out.append({'code': error.get('Code', ''), 'message': error.get('Message', ''),
                'requestId': parsed.get('ResponseMetadata', {}).get('RequestId')})
print(json.dumps(out))
)";

} // namespace

class TestAwsError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void lambdaModelErrors();
    void requestIdHeaders();
    void botocoreParsesAlike();

private:
    struct PeerRow
    {
        QString protocol;
        int status;
        QByteArray headers;
        QByteArray body;
        Error ours;
    };
    QList<PeerRow> m_peerRows; // filled by parse(), checked by botocoreParsesAlike()
};

void TestAwsError::parse_data()
{
    QTest::addColumn<AwsProtocol>("protocol");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("awsCode");
    QTest::addColumn<QString>("messagePart");
    QTest::addColumn<QString>("requestId");
    QTest::addColumn<bool>("retryable");
    QTest::addColumn<QString>("peer"); // botocore's protocol name; empty: not an AWS error

    // JSON 1.0 / 1.1 (DynamoDB, Cognito, SQS): __type, possibly with a namespace prefix.
    QTest::newRow("json: namespaced __type, throttling")
        << AwsProtocol::Json << 400 << QByteArray("x-amzn-RequestId: 4KBNVRGD25RG4KEO9UT4V3FQDJVV4KQNSO5AEMVJF66Q9ASUAAJG")
        << QByteArray(R"({"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"The level of configured provisioned throughput for the table was exceeded."})")
        << QStringLiteral("ProvisionedThroughputExceededException")
        << QStringLiteral("ProvisionedThroughputExceededException: The level of configured")
        << QStringLiteral("4KBNVRGD25RG4KEO9UT4V3FQDJVV4KQNSO5AEMVJF66Q9ASUAAJG") << true << QStringLiteral("json");
    QTest::newRow("json: bare __type, not retryable")
        << AwsProtocol::Json << 400 << QByteArray("x-amzn-RequestId: 7d3c6ba8-2b0f-4a5e-9d1c-0a1b2c3d4e5f")
        << QByteArray(R"({"__type":"NotAuthorizedException","message":"Incorrect username or password."})")
        << QStringLiteral("NotAuthorizedException") << QStringLiteral("Incorrect username or password.")
        << QStringLiteral("7d3c6ba8-2b0f-4a5e-9d1c-0a1b2c3d4e5f") << false << QStringLiteral("json");
    QTest::newRow("json: Message with capital M")
        << AwsProtocol::Json << 400 << QByteArray()
        << QByteArray(R"({"__type":"com.amazon.coral.validate#ValidationException","Message":"1 validation error detected"})")
        << QStringLiteral("ValidationException") << QStringLiteral("1 validation error detected") << QString() << false << QStringLiteral("json");
    QTest::newRow("json: ThrottlingException")
        << AwsProtocol::Auto << 400 << QByteArray()
        << QByteArray(R"({"__type":"ThrottlingException","message":"Rate exceeded"})")
        << QStringLiteral("ThrottlingException") << QStringLiteral("Rate exceeded") << QString() << true << QStringLiteral("json");
    QTest::newRow("json: 500 without message")
        << AwsProtocol::Json << 500 << QByteArray() << QByteArray(R"({"__type":"InternalServerError"})")
        << QStringLiteral("InternalServerError") << QStringLiteral("HTTP 500") << QString() << true << QStringLiteral("json");
    QTest::newRow("json: query-compatible code header")
        << AwsProtocol::Json << 400 << QByteArray("x-amzn-query-error: AWS.SimpleQueueService.NonExistentQueue;Sender")
        << QByteArray(R"({"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."})")
        << QStringLiteral("AWS.SimpleQueueService.NonExistentQueue") << QStringLiteral("does not exist") << QString() << false << QStringLiteral("json");

    // REST-JSON (Lambda, API Gateway, AppSync): x-amzn-ErrorType, cut at ':'.
    QTest::newRow("rest-json: Lambda function not found")
        << AwsProtocol::RestJson << 404
        << QByteArray("x-amzn-RequestId: 0c5d1cbf-6a4e-4b9b-9e35-0a0e8e1f2f3a\nx-amzn-ErrorType: ResourceNotFoundException")
        << QByteArray(R"({"Type":"User","Message":"Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope"})")
        << QStringLiteral("ResourceNotFoundException") << QStringLiteral("Function not found")
        << QStringLiteral("0c5d1cbf-6a4e-4b9b-9e35-0a0e8e1f2f3a") << false << QStringLiteral("rest-json");
    QTest::newRow("rest-json: error type with coral suffix")
        << AwsProtocol::Auto << 404
        << QByteArray("x-amzn-ErrorType: NotFoundException:http://internal.amazon.com/coral/com.amazonaws.backplane.controlplane/")
        << QByteArray(R"({"message":"Invalid API identifier specified 123456789012:abcdef1234"})")
        << QStringLiteral("NotFoundException") << QStringLiteral("Invalid API identifier") << QString() << false << QStringLiteral("rest-json");
    QTest::newRow("rest-json: Lambda 429 throttling")
        << AwsProtocol::RestJson << 429 << QByteArray("x-amzn-ErrorType: TooManyRequestsException\nRetry-After: 1")
        << QByteArray(R"({"Reason":"ReservedFunctionConcurrentInvocationLimitExceeded","Type":"User","message":"Rate Exceeded."})")
        << QStringLiteral("TooManyRequestsException") << QStringLiteral("Rate Exceeded.") << QString() << true << QStringLiteral("rest-json");
    QTest::newRow("rest-json: code in the body only")
        << AwsProtocol::RestJson << 409 << QByteArray()
        << QByteArray(R"({"code":"ConflictException","message":"The resource is being modified."})")
        << QStringLiteral("ConflictException") << QStringLiteral("being modified") << QString() << false << QStringLiteral("rest-json");
    QTest::newRow("rest-json: execute-api missing token")
        << AwsProtocol::Auto << 403 << QByteArray("x-amzn-ErrorType: MissingAuthenticationTokenException")
        << QByteArray(R"({"message":"Missing Authentication Token"})")
        << QStringLiteral("MissingAuthenticationTokenException") << QStringLiteral("Missing Authentication Token")
        << QString() << false << QStringLiteral("rest-json");

    // Query (STS, IAM) and REST-XML (S3).
    QTest::newRow("query: STS SignatureDoesNotMatch")
        << AwsProtocol::Query << 403 << QByteArray("Content-Type: text/xml")
        << QByteArray("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <Error>\n    <Type>Sender</Type>\n"
                      "    <Code>SignatureDoesNotMatch</Code>\n    <Message>The request signature we calculated does not match the "
                      "signature you provided. Check your AWS Secret Access Key and signing method.</Message>\n  </Error>\n"
                      "  <RequestId>9a1e6f7e-3b2c-4d5e-8f90-1a2b3c4d5e6f</RequestId>\n</ErrorResponse>\n")
        << QStringLiteral("SignatureDoesNotMatch") << QStringLiteral("does not match the signature you provided")
        << QStringLiteral("9a1e6f7e-3b2c-4d5e-8f90-1a2b3c4d5e6f") << false << QStringLiteral("query");
    QTest::newRow("query: STS Throttling")
        << AwsProtocol::Query << 400 << QByteArray()
        << QByteArray("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
                      "<Code>Throttling</Code><Message>Rate exceeded</Message></Error>"
                      "<RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ErrorResponse>")
        << QStringLiteral("Throttling") << QStringLiteral("Throttling: Rate exceeded")
        << QStringLiteral("c6104cbe-af31-11e0-8154-cbc7ccf896c7") << true << QStringLiteral("query");
    QTest::newRow("query: STS ExpiredToken, auto")
        << AwsProtocol::Auto << 400 << QByteArray()
        << QByteArray("<?xml version=\"1.0\"?><ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
                      "<Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token included in the request is "
                      "expired</Message></Error><RequestId>1</RequestId></ErrorResponse>")
        << QStringLiteral("ExpiredToken") << QStringLiteral("expired") << QStringLiteral("1") << false << QStringLiteral("query");
    QTest::newRow("rest-xml: S3 SlowDown")
        << AwsProtocol::Auto << 503 << QByteArray("x-amz-request-id: 4442587FB7D0A2F9\nContent-Type: application/xml")
        << QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SlowDown</Code><Message>Please reduce your request "
                      "rate.</Message><RequestId>4442587FB7D0A2F9</RequestId><HostId>abc=</HostId></Error>")
        << QStringLiteral("SlowDown") << QStringLiteral("Please reduce your request rate.")
        << QStringLiteral("4442587FB7D0A2F9") << true << QStringLiteral("rest-xml");

    // Not AWS at all.
    QTest::newRow("html from a proxy")
        << AwsProtocol::Auto << 502 << QByteArray("Content-Type: text/html")
        << QByteArray("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1>"
                      "</center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")
        << QString() << QStringLiteral("HTTP 502 Bad Gateway with a text/html body, not an AWS error document (\"502 Bad Gateway\")")
        << QString() << true << QString();
    QTest::newRow("html to a query call")
        << AwsProtocol::Query << 403 << QByteArray("Content-Type: text/html; charset=utf-8")
        << QByteArray("<!DOCTYPE html><html><head><title>Access denied by corporate proxy</title></head><body>no</body></html>")
        << QString() << QStringLiteral("Access denied by corporate proxy") << QString() << false << QString();
    QTest::newRow("empty 503") << AwsProtocol::Json << 503 << QByteArray() << QByteArray() << QString()
                               << QStringLiteral("HTTP 503 Service Unavailable with an empty body") << QString() << true << QString();
    QTest::newRow("empty 403") << AwsProtocol::RestJson << 403 << QByteArray() << QByteArray() << QString()
                               << QStringLiteral("HTTP 403 Forbidden with an empty body") << QString() << false << QString();
    QTest::newRow("plain text 400") << AwsProtocol::Auto << 400 << QByteArray("Content-Type: text/plain")
                                    << QByteArray("Bad Request") << QString() << QStringLiteral("(\"Bad Request\")")
                                    << QString() << false << QString();
}

void TestAwsError::parse()
{
    QFETCH(AwsProtocol, protocol);
    QFETCH(int, status);
    QFETCH(QByteArray, headers);
    QFETCH(QByteArray, body);
    QFETCH(QString, awsCode);
    QFETCH(QString, messagePart);
    QFETCH(QString, requestId);
    QFETCH(bool, retryable);
    QFETCH(QString, peer);

    const Error error = parseAwsError(status, headersFrom(headers), body, protocol);
    if (!peer.isEmpty())
        m_peerRows.append({peer, status, headers, body, error});
    QCOMPARE(error.code, ErrorCode::Service);
    QCOMPARE(error.httpStatus, status);
    QCOMPARE(error.awsCode, awsCode);
    QVERIFY2(error.message.contains(messagePart), qPrintable(error.message));
    QCOMPARE(error.requestId, requestId);
    QCOMPARE(error.retryable, retryable);
}

// Every error shape of botocore's Lambda model, answered the REST-JSON way.
void TestAwsError::lambdaModelErrors()
{
    QFile file(QStringLiteral(GATEHOUSE_TEST_DATA "/botocore-models/lambda/2015-03-31/service-2.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject model = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(model.value(QLatin1String("metadata")).toObject().value(QLatin1String("protocol")).toString(),
             QStringLiteral("rest-json"));
    const QJsonObject shapes = model.value(QLatin1String("shapes")).toObject();
    int checked = 0;
    for (auto it = shapes.begin(); it != shapes.end(); ++it) {
        const QJsonObject shape = it.value().toObject();
        if (!shape.value(QLatin1String("exception")).toBool())
            continue;
        const int status = shape.value(QLatin1String("error")).toObject().value(QLatin1String("httpStatusCode")).toInt();
        const QJsonObject members = shape.value(QLatin1String("members")).toObject();
        const QString messageKey = members.contains(QLatin1String("Message")) ? QStringLiteral("Message") : QStringLiteral("message");
        QJsonObject body;
        body.insert(QStringLiteral("Type"), QStringLiteral("User"));
        body.insert(messageKey, QString(QStringLiteral("text of ") + it.key()));
        HttpHeaders headers;
        headers.add("x-amzn-ErrorType", it.key().toUtf8() + ":http://internal.amazon.com/coral/com.amazonaws.lambda/");
        headers.add("x-amzn-RequestId", "rid-" + it.key().toUtf8());
        const Error error = parseAwsError(status, headers, QJsonDocument(body).toJson(QJsonDocument::Compact));
        QCOMPARE(error.awsCode, it.key());
        QCOMPARE(error.httpStatus, status);
        QCOMPARE(error.message, it.key() + QStringLiteral(": text of ") + it.key());
        QCOMPARE(error.requestId, QStringLiteral("rid-") + it.key());
        const bool transientStatus = status == 500 || status == 502 || status == 503 || status == 504;
        const bool throttling = it.key() == QLatin1String("TooManyRequestsException")
                                || it.key() == QLatin1String("EC2ThrottledException");
        QVERIFY2(error.retryable == (transientStatus || throttling), qPrintable(it.key()));
        ++checked;
    }
    QVERIFY2(checked >= 50, qPrintable(QString::number(checked)));
}

void TestAwsError::requestIdHeaders()
{
    HttpHeaders headers;
    QCOMPARE(awsRequestId(headers), QString());
    headers.add("X-Amz-Request-Id", "S3ID");
    QCOMPARE(awsRequestId(headers), QStringLiteral("S3ID"));
    headers.add("x-amzn-requestid", "JSONID");
    QCOMPARE(awsRequestId(headers), QStringLiteral("JSONID"));
}

// The peer: botocore, when python3 has it, must read the same code, message and request id.
void TestAwsError::botocoreParsesAlike()
{
    QVERIFY(m_peerRows.size() >= 15);
    GATEHOUSE_REQUIRE_BOTOCORE(python);
    QJsonArray input;
    for (const PeerRow &row : std::as_const(m_peerRows)) {
        QJsonArray headers;
        const HttpHeaders rowHeaders = headersFrom(row.headers);
        for (const HttpHeaders::Field &field : rowHeaders.fields())
            headers.append(QJsonArray{QString::fromUtf8(field.first), QString::fromUtf8(field.second)});
        QJsonObject o;
        o.insert(QStringLiteral("protocol"), row.protocol);
        o.insert(QStringLiteral("status"), row.status);
        o.insert(QStringLiteral("headers"), headers);
        o.insert(QStringLiteral("body"), QString::fromUtf8(row.body));
        input.append(o);
    }
    QProcess process;
    QSignalSpy done(&process, &QProcess::finished);
    process.start(python, {QStringLiteral("-c"), QString::fromUtf8(BotocoreScript)});
    process.write(QJsonDocument(input).toJson());
    process.closeWriteChannel();
    QVERIFY(done.wait(60000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    const QJsonDocument output = QJsonDocument::fromJson(process.readAllStandardOutput());
    if (output.isNull())
        QSKIP("python3 has no botocore");
    const QJsonArray peer = output.array();
    QCOMPARE(peer.size(), m_peerRows.size());
    for (qsizetype i = 0; i < peer.size(); ++i) {
        const QJsonObject theirs = peer.at(i).toObject();
        const Error &ours = m_peerRows.at(i).ours;
        const QString code = theirs.value(QLatin1String("code")).toString();
        const QString message = theirs.value(QLatin1String("message")).toString();
        const QString where = QStringLiteral("row %1 (%2)").arg(i).arg(ours.message);
        QVERIFY2(ours.awsCode == code, qPrintable(where + QStringLiteral(": botocore code ") + code));
        if (!message.isEmpty())
            QVERIFY2(ours.message == code + QStringLiteral(": ") + message, qPrintable(where + QStringLiteral(": botocore message ") + message));
        const QJsonValue requestId = theirs.value(QLatin1String("requestId"));
        if (requestId.isString())
            QVERIFY2(ours.requestId == requestId.toString(), qPrintable(where + QStringLiteral(": botocore id ") + requestId.toString()));
    }
}

QTEST_GUILESS_MAIN(TestAwsError)
#include "tst_awserror.moc"
