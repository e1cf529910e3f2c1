#pragma once

#include "core/aws/retryquota.h"
#include "core/error.h"
#include "core/result.h"

#include <QString>

#include <functional>
#include <memory>

namespace Gatehouse::Core::Aws {

// What to do after a failed attempt.
struct RetryDecision
{
    bool retry = false;
    int delayMs = 0;  // wait this long before the next attempt
    QString reason;   // why not, for people: "not retryable", "retry quota exhausted"...
};

// The AWS SDKs' "standard" retry mode (botocore retries/standard.py, AWS SDKs and Tools
// reference "Retry behavior"): up to 3 attempts, truncated exponential backoff with full
// jitter, throttling and transient errors only, and a shared retry quota. One strategy
// tracks one call: copy a configured strategy for each call.
class RetryStrategy
{
public:
    static constexpr int DefaultMaxAttempts = 3;
    static constexpr int BackoffBase = 2;        // delay <= BackoffBase^(attempt-1) seconds
    static constexpr int MaxBackoffMs = 20000;   // ... and <= 20 s, before the jitter
    using RandomSource = std::function<double()>; // uniform in [0, 1)

    RetryStrategy(); // 3 attempts, RetryQuota::processWide(), QRandomGenerator::global()

    void setMaxAttempts(int attempts); // total attempts, first one included; at least 1
    int maxAttempts() const { return m_maxAttempts; }
    void setRandomSource(RandomSource random);
    void setQuota(std::shared_ptr<RetryQuota> quota);
    const std::shared_ptr<RetryQuota> &quota() const { return m_quota; }

    // After attempt number `attempt` (1 for the first) failed with error: retry or not, and
    // how long to wait. A retry takes its cost from the quota.
    RetryDecision onAttemptFailed(const Error &error, int attempt);
    // After an attempt got a 2xx answer: the quota gets back the cost of the last retry, or
    // RetryQuota::NoRetryIncrement when the call needed none.
    void onSucceeded();

    // random * min(BackoffBase^(attempt - 1) s, 20 s), in milliseconds (full jitter over the
    // capped exponential, as botocore computes it).
    int backoffMs(int attempt) const;

    static bool isThrottlingError(const Error &error);
    static bool isTransientError(const Error &error);
    // Throttling or transient, or already marked retryable (a modeled retryable error).
    static bool isRetryable(const Error &error);

    // max_attempts as the SDKs read it: AWS_MAX_ATTEMPTS wins over the profile's
    // max_attempts; empty values fall through to DefaultMaxAttempts; a value that is not a
    // whole number >= 1 is an InvalidArgument error naming where it came from.
    static Result<int> configuredMaxAttempts(const QString &environmentValue, const QString &profileValue);
    // The same with AWS_MAX_ATTEMPTS read from this process's environment.
    static Result<int> configuredMaxAttempts(const QString &profileValue);

private:
    int m_maxAttempts = DefaultMaxAttempts;
    RandomSource m_random;
    std::shared_ptr<RetryQuota> m_quota;
    int m_lastRetryCost = 0;
};

} // namespace Gatehouse::Core::Aws
