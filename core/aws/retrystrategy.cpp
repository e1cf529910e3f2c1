#include "retrystrategy.h"

#include <QRandomGenerator>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace Gatehouse::Core::Aws {

namespace {

// botocore retries/standard.py, ThrottledRetryableChecker.
bool isThrottlingCode(const QString &code)
{
    static const QStringList codes = {
        QStringLiteral("Throttling"),
        QStringLiteral("ThrottlingException"),
        QStringLiteral("ThrottledException"),
        QStringLiteral("RequestThrottledException"),
        QStringLiteral("TooManyRequestsException"),
        QStringLiteral("ProvisionedThroughputExceededException"),
        QStringLiteral("TransactionInProgressException"),
        QStringLiteral("RequestLimitExceeded"),
        QStringLiteral("BandwidthLimitExceeded"),
        QStringLiteral("LimitExceededException"),
        QStringLiteral("RequestThrottled"),
        QStringLiteral("SlowDown"),
        QStringLiteral("PriorRequestNotComplete"),
        QStringLiteral("EC2ThrottledException"),
    };
    return codes.contains(code);
}

// botocore retries/standard.py, TransientRetryableChecker.
bool isTransientCode(const QString &code)
{
    return code == QLatin1String("RequestTimeout") || code == QLatin1String("RequestTimeoutException")
           || code == QLatin1String("PriorRequestNotComplete");
}

Result<int> parseMaxAttempts(const QString &value, const QString &origin)
{
    bool ok = false;
    const int attempts = value.trimmed().toInt(&ok);
    if (!ok || attempts < 1)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 is \"%2\"; it must be a whole number of attempts, 1 or more.")
                             .arg(origin, value));
    return attempts;
}

} // namespace

RetryStrategy::RetryStrategy()
    : m_random([] { return QRandomGenerator::global()->generateDouble(); }),
      m_quota(RetryQuota::processWide())
{
}

void RetryStrategy::setMaxAttempts(int attempts)
{
    m_maxAttempts = std::max(1, attempts);
}

void RetryStrategy::setRandomSource(RandomSource random)
{
    m_random = std::move(random);
}

void RetryStrategy::setQuota(std::shared_ptr<RetryQuota> quota)
{
    m_quota = std::move(quota);
}

RetryDecision RetryStrategy::onAttemptFailed(const Error &error, int attempt)
{
    RetryDecision decision;
    if (!isRetryable(error)) {
        decision.reason = QStringLiteral("the error is not retryable");
        return decision;
    }
    if (attempt >= m_maxAttempts) {
        decision.reason = QStringLiteral("gave up after %1 attempts").arg(attempt);
        return decision;
    }
    const int cost = error.code == ErrorCode::Timeout ? RetryQuota::TimeoutRetryCost : RetryQuota::RetryCost;
    if (m_quota && !m_quota->acquire(cost)) {
        decision.reason = QStringLiteral("the client-side retry quota is exhausted");
        return decision;
    }
    m_lastRetryCost = m_quota ? cost : 0;
    decision.retry = true;
    decision.delayMs = backoffMs(attempt);
    return decision;
}

void RetryStrategy::onSucceeded()
{
    if (!m_quota)
        return;
    m_quota->release(m_lastRetryCost > 0 ? m_lastRetryCost : RetryQuota::NoRetryIncrement);
    m_lastRetryCost = 0;
}

int RetryStrategy::backoffMs(int attempt) const
{
    const double random = m_random ? std::clamp(m_random(), 0.0, 1.0) : 0.0;
    const double ceilingMs = std::min(std::pow(double(BackoffBase), std::max(0, attempt - 1)) * 1000.0,
                                      double(MaxBackoffMs));
    return int(random * ceilingMs);
}

bool RetryStrategy::isThrottlingError(const Error &error)
{
    return error.code == ErrorCode::Service && isThrottlingCode(error.awsCode);
}

bool RetryStrategy::isTransientError(const Error &error)
{
    switch (error.code) {
    case ErrorCode::Timeout:
    case ErrorCode::ConnectionRefused:
    case ErrorCode::ConnectionClosed:
    case ErrorCode::HostNotFound:
        return true;
    case ErrorCode::Service:
        return isTransientCode(error.awsCode) || error.httpStatus == 500 || error.httpStatus == 502
               || error.httpStatus == 503 || error.httpStatus == 504;
    default:
        return false;
    }
}

bool RetryStrategy::isRetryable(const Error &error)
{
    if (error.code == ErrorCode::None || error.code == ErrorCode::Cancelled)
        return false;
    return error.retryable || isThrottlingError(error) || isTransientError(error);
}

Result<int> RetryStrategy::configuredMaxAttempts(const QString &environmentValue, const QString &profileValue)
{
    if (!environmentValue.trimmed().isEmpty())
        return parseMaxAttempts(environmentValue, QStringLiteral("AWS_MAX_ATTEMPTS"));
    if (!profileValue.trimmed().isEmpty())
        return parseMaxAttempts(profileValue, QStringLiteral("The profile's max_attempts"));
    return DefaultMaxAttempts;
}

Result<int> RetryStrategy::configuredMaxAttempts(const QString &profileValue)
{
    return configuredMaxAttempts(qEnvironmentVariable("AWS_MAX_ATTEMPTS"), profileValue);
}

} // namespace Gatehouse::Core::Aws
