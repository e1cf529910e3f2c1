#include "core/aws/retrystrategy.h"

#include "tests/common/botocorepeer.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Gatehouse::Core;
using namespace Gatehouse::Core::Aws;

namespace {

Error serviceError(const QString &awsCode, int status)
{
    Error error = makeError(ErrorCode::Service, awsCode);
    error.awsCode = awsCode;
    error.httpStatus = status;
    return error;
}

RetryStrategy strategyWith(std::shared_ptr<RetryQuota> quota, double random = 0.5)
{
    RetryStrategy strategy;
    strategy.setQuota(std::move(quota));
    strategy.setRandomSource([random] { return random; });
    return strategy;
}

// botocore's own standard-mode tables and backoff, with the pre-2026 defaults
// (AWS_NEW_RETRIES_2026 unset), as JSON.
const char BotocoreScript[] = R"(
import json, os, sys
from types import SimpleNamespace
os.environ.pop('AWS_NEW_RETRIES_2026', None)
try:
    from botocore.retries import standard, quota
except ImportError:
    print('{}'); sys.exit(0)
delays = []
for r in (0.0, 0.3, 0.5, 0.999, 1.0):
    backoff = standard.ExponentialBackoff(random=lambda r=r: r)
    for n in range(1, 10):
        delays.append([r, n, backoff.delay_amount(SimpleNamespace(attempt_number=n, http_response=None))])
print(json.dumps({
    'throttling': standard.ThrottledRetryableChecker._THROTTLED_ERROR_CODES,
    'transientCodes': standard.TransientRetryableChecker._TRANSIENT_ERROR_CODES,
    'transientStatus': standard.TransientRetryableChecker._TRANSIENT_STATUS_CODES,
    'maxAttempts': standard.DEFAULT_MAX_ATTEMPTS,
    'capacity': quota.RetryQuota.INITIAL_CAPACITY,
    'retryCost': standard.RetryQuotaChecker._RETRY_COST,
    'timeoutCost': standard.RetryQuotaChecker._TIMEOUT_RETRY_REQUEST,
    'noRetryIncrement': standard.RetryQuotaChecker._NO_RETRY_INCREMENT,
    'delays': delays,
}))
)";

} // namespace

class TestRetryStrategy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classification_data();
    void classification();
    void backoff_data();
    void backoff();
    void maxAttempts();
    void notRetryableSpendsNothing();
    void quotaExhaustion();
    void timeoutsCostMore();
    void successRefillsQuota();
    void quotaSharedBetweenCalls();
    void configuredMaxAttempts_data();
    void configuredMaxAttempts();
    void botocoreAgrees();
};

void TestRetryStrategy::classification_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("awsCode");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("throttling");
    QTest::addColumn<bool>("transient");

    const int service = int(ErrorCode::Service);
    // Throttling codes (botocore retries/standard.py, SDKs and Tools reference).
    for (const char *code : {"Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
                             "TooManyRequestsException", "ProvisionedThroughputExceededException",
                             "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
                             "LimitExceededException", "RequestThrottled", "SlowDown", "EC2ThrottledException"})
        QTest::addRow("throttling %s", code) << service << QString::fromLatin1(code) << 400 << true << false;
    QTest::newRow("PriorRequestNotComplete is both") << service << QStringLiteral("PriorRequestNotComplete") << 400 << true << true;
    QTest::newRow("RequestTimeout") << service << QStringLiteral("RequestTimeout") << 400 << false << true;
    QTest::newRow("RequestTimeoutException") << service << QStringLiteral("RequestTimeoutException") << 408 << false << true;
    for (int status : {500, 502, 503, 504})
        QTest::addRow("status %d", status) << service << QStringLiteral("Whatever") << status << false << true;
    for (int status : {400, 403, 404, 409, 429, 501})
        QTest::addRow("not status %d", status) << service << QStringLiteral("ValidationException") << status << false << false;
    QTest::newRow("AccessDenied") << service << QStringLiteral("AccessDenied") << 403 << false << false;
    QTest::newRow("SignatureDoesNotMatch") << service << QStringLiteral("SignatureDoesNotMatch") << 403 << false << false;
    QTest::newRow("timeout") << int(ErrorCode::Timeout) << QString() << 0 << false << true;
    QTest::newRow("connection refused") << int(ErrorCode::ConnectionRefused) << QString() << 0 << false << true;
    QTest::newRow("connection closed") << int(ErrorCode::ConnectionClosed) << QString() << 0 << false << true;
    QTest::newRow("host not found") << int(ErrorCode::HostNotFound) << QString() << 0 << false << true;
    QTest::newRow("tls") << int(ErrorCode::Tls) << QString() << 0 << false << false;
    QTest::newRow("cancelled") << int(ErrorCode::Cancelled) << QString() << 0 << false << false;
    QTest::newRow("invalid argument") << int(ErrorCode::InvalidArgument) << QString() << 0 << false << false;
}

void TestRetryStrategy::classification()
{
    QFETCH(int, code);
    QFETCH(QString, awsCode);
    QFETCH(int, status);
    QFETCH(bool, throttling);
    QFETCH(bool, transient);

    Error error = makeError(ErrorCode(code), QStringLiteral("x"));
    error.awsCode = awsCode;
    error.httpStatus = status;
    QCOMPARE(RetryStrategy::isThrottlingError(error), throttling);
    QCOMPARE(RetryStrategy::isTransientError(error), transient);
    QCOMPARE(RetryStrategy::isRetryable(error), throttling || transient);
}

void TestRetryStrategy::backoff_data()
{
    QTest::addColumn<double>("random");
    QTest::addColumn<int>("attempt");
    QTest::addColumn<int>("expectedMs");

    QTest::newRow("first retry, half") << 0.5 << 1 << 500;
    QTest::newRow("first retry, zero") << 0.0 << 1 << 0;
    QTest::newRow("first retry, almost one") << 0.999 << 1 << 999;
    QTest::newRow("second retry") << 0.5 << 2 << 1000;
    QTest::newRow("third retry") << 0.25 << 3 << 1000;
    QTest::newRow("fifth retry, max random") << 1.0 << 5 << 16000;
    QTest::newRow("sixth retry, cap before jitter") << 0.99 << 6 << 19800;
    QTest::newRow("sixth retry, max random") << 1.0 << 6 << 20000;
    QTest::newRow("tenth retry, cap before jitter") << 0.7 << 10 << 14000;
    QTest::newRow("sixth retry, half") << 0.5 << 6 << 10000;
}

void TestRetryStrategy::backoff()
{
    QFETCH(double, random);
    QFETCH(int, attempt);
    QFETCH(int, expectedMs);

    RetryStrategy strategy = strategyWith(std::make_shared<RetryQuota>(), random);
    QCOMPARE(strategy.backoffMs(attempt), expectedMs);
}

void TestRetryStrategy::maxAttempts()
{
    auto quota = std::make_shared<RetryQuota>();
    RetryStrategy strategy = strategyWith(quota, 0.5);
    QCOMPARE(strategy.maxAttempts(), 3);
    const Error throttled = serviceError(QStringLiteral("ThrottlingException"), 400);
    RetryDecision first = strategy.onAttemptFailed(throttled, 1);
    QVERIFY(first.retry);
    QCOMPARE(first.delayMs, 500);
    RetryDecision second = strategy.onAttemptFailed(throttled, 2);
    QVERIFY(second.retry);
    QCOMPARE(second.delayMs, 1000);
    RetryDecision third = strategy.onAttemptFailed(throttled, 3);
    QVERIFY(!third.retry);
    QVERIFY2(third.reason.contains(QStringLiteral("3 attempts")), qPrintable(third.reason));
    QCOMPARE(quota->available(), 500 - 2 * RetryQuota::RetryCost);

    RetryStrategy single = strategyWith(quota);
    single.setMaxAttempts(1);
    QVERIFY(!single.onAttemptFailed(throttled, 1).retry);
    single.setMaxAttempts(0);
    QCOMPARE(single.maxAttempts(), 1);
}

void TestRetryStrategy::notRetryableSpendsNothing()
{
    auto quota = std::make_shared<RetryQuota>();
    RetryStrategy strategy = strategyWith(quota);
    const RetryDecision decision = strategy.onAttemptFailed(serviceError(QStringLiteral("AccessDenied"), 403), 1);
    QVERIFY(!decision.retry);
    QVERIFY(decision.reason.contains(QStringLiteral("not retryable")));
    QCOMPARE(quota->available(), 500);
}

void TestRetryStrategy::quotaExhaustion()
{
    auto quota = std::make_shared<RetryQuota>();
    const Error unavailable = serviceError(QString(), 503);
    for (int i = 0; i < 100; ++i) {
        RetryStrategy call = strategyWith(quota);
        QVERIFY2(call.onAttemptFailed(unavailable, 1).retry, qPrintable(QString::number(i)));
    }
    QCOMPARE(quota->available(), 0);
    RetryStrategy call = strategyWith(quota);
    const RetryDecision refused = call.onAttemptFailed(unavailable, 1);
    QVERIFY(!refused.retry);
    QVERIFY(refused.reason.contains(QStringLiteral("quota")));
}

void TestRetryStrategy::timeoutsCostMore()
{
    auto quota = std::make_shared<RetryQuota>(25);
    const Error timeout = makeError(ErrorCode::Timeout, QStringLiteral("No answer within 30 s."));
    RetryStrategy call = strategyWith(quota);
    QVERIFY(call.onAttemptFailed(timeout, 1).retry);
    QCOMPARE(quota->available(), 15);
    QVERIFY(call.onAttemptFailed(timeout, 2).retry);
    QCOMPARE(quota->available(), 5);
    RetryStrategy next = strategyWith(quota);
    QVERIFY(!next.onAttemptFailed(timeout, 1).retry); // needs 10, 5 left
    QVERIFY(next.onAttemptFailed(serviceError(QStringLiteral("Throttling"), 400), 1).retry); // needs 5
    QCOMPARE(quota->available(), 0);
}

void TestRetryStrategy::successRefillsQuota()
{
    auto quota = std::make_shared<RetryQuota>();
    RetryStrategy retried = strategyWith(quota);
    QVERIFY(retried.onAttemptFailed(makeError(ErrorCode::Timeout, QStringLiteral("t")), 1).retry);
    QVERIFY(retried.onAttemptFailed(serviceError(QStringLiteral("Throttling"), 400), 2).retry);
    QCOMPARE(quota->available(), 500 - 10 - 5);
    retried.onSucceeded(); // gives back the cost of the last retry only
    QCOMPARE(quota->available(), 500 - 10);

    RetryStrategy clean = strategyWith(quota);
    clean.onSucceeded(); // no retry: +1
    QCOMPARE(quota->available(), 500 - 9);
    for (int i = 0; i < 20; ++i)
        strategyWith(quota).onSucceeded();
    QCOMPARE(quota->available(), 500); // never above the capacity
}

void TestRetryStrategy::quotaSharedBetweenCalls()
{
    QCOMPARE(RetryQuota::processWide().get(), RetryQuota::processWide().get());
    RetryStrategy a;
    RetryStrategy b;
    QCOMPARE(a.quota().get(), RetryQuota::processWide().get());
    QCOMPARE(a.quota().get(), b.quota().get());
}

void TestRetryStrategy::configuredMaxAttempts_data()
{
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QString>("profile");
    QTest::addColumn<int>("expected"); // 0: an error naming the origin
    QTest::addColumn<QString>("origin");

    QTest::newRow("nothing set") << QString() << QString() << 3 << QString();
    QTest::newRow("environment") << QStringLiteral("5") << QString() << 5 << QString();
    QTest::newRow("profile") << QString() << QStringLiteral("7") << 7 << QString();
    QTest::newRow("environment wins") << QStringLiteral("2") << QStringLiteral("9") << 2 << QString();
    QTest::newRow("one attempt") << QStringLiteral("1") << QString() << 1 << QString();
    QTest::newRow("blank environment") << QStringLiteral("  ") << QStringLiteral("4") << 4 << QString();
    QTest::newRow("zero") << QStringLiteral("0") << QString() << 0 << QStringLiteral("AWS_MAX_ATTEMPTS");
    QTest::newRow("garbage") << QStringLiteral("three") << QString() << 0 << QStringLiteral("AWS_MAX_ATTEMPTS");
    QTest::newRow("negative profile") << QString() << QStringLiteral("-1") << 0 << QStringLiteral("max_attempts");
}

void TestRetryStrategy::configuredMaxAttempts()
{
    QFETCH(QString, environment);
    QFETCH(QString, profile);
    QFETCH(int, expected);
    QFETCH(QString, origin);

    const Result<int> attempts = RetryStrategy::configuredMaxAttempts(environment, profile);
    if (expected == 0) {
        QVERIFY(!attempts);
        QCOMPARE(attempts.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(attempts.error().message.contains(origin), qPrintable(attempts.error().message));
        return;
    }
    QVERIFY2(attempts.ok(), qPrintable(attempts.ok() ? QString() : attempts.error().message));
    QCOMPARE(attempts.value(), expected);
}

// The peer: botocore (the AWS SDK for Python), when python3 has it.
void TestRetryStrategy::botocoreAgrees()
{
    GATEHOUSE_REQUIRE_BOTOCORE(python);
    QProcess process;
    QSignalSpy done(&process, &QProcess::finished);
    process.start(python, {QStringLiteral("-c"), QString::fromUtf8(BotocoreScript)});
    QVERIFY(done.wait(60000));
    QCOMPARE(process.exitCode(), 0);
    const QJsonObject peer = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    if (peer.isEmpty())
        QSKIP("python3 has no botocore");

    const QJsonArray throttling = peer.value(QLatin1String("throttling")).toArray();
    QVERIFY(throttling.size() >= 10);
    for (const QJsonValue &code : throttling)
        QVERIFY2(RetryStrategy::isThrottlingError(serviceError(code.toString(), 400)), qPrintable(code.toString()));
    for (const QJsonValue &code : peer.value(QLatin1String("transientCodes")).toArray())
        QVERIFY2(RetryStrategy::isTransientError(serviceError(code.toString(), 400)), qPrintable(code.toString()));
    QList<int> transientStatus;
    for (const QJsonValue &status : peer.value(QLatin1String("transientStatus")).toArray())
        transientStatus.append(status.toInt());
    for (int status = 400; status < 600; ++status)
        QCOMPARE(RetryStrategy::isTransientError(serviceError(QStringLiteral("X"), status)), transientStatus.contains(status));

    QCOMPARE(peer.value(QLatin1String("maxAttempts")).toInt(), RetryStrategy::DefaultMaxAttempts);
    QCOMPARE(peer.value(QLatin1String("capacity")).toInt(), RetryQuota::InitialTokens);
    QCOMPARE(peer.value(QLatin1String("retryCost")).toInt(), RetryQuota::RetryCost);
    QCOMPARE(peer.value(QLatin1String("timeoutCost")).toInt(), RetryQuota::TimeoutRetryCost);
    QCOMPARE(peer.value(QLatin1String("noRetryIncrement")).toInt(), RetryQuota::NoRetryIncrement);

    const QJsonArray delays = peer.value(QLatin1String("delays")).toArray();
    QCOMPARE(delays.size(), 45);
    for (const QJsonValue &row : delays) {
        const QJsonArray d = row.toArray();
        RetryStrategy strategy = strategyWith(std::make_shared<RetryQuota>(), d.at(0).toDouble());
        const double expectedMs = d.at(2).toDouble() * 1000.0;
        const int ours = strategy.backoffMs(d.at(1).toInt());
        QVERIFY2(std::abs(ours - expectedMs) < 1.0,
                 qPrintable(QStringLiteral("random %1 attempt %2: botocore %3 ms, ours %4 ms")
                                .arg(d.at(0).toDouble()).arg(d.at(1).toInt()).arg(expectedMs).arg(ours)));
    }
}

QTEST_GUILESS_MAIN(TestRetryStrategy)
#include "tst_retrystrategy.moc"
