#pragma once

#include "core/aws/awscall.h"
#include "core/aws/credentialsprovider.h"
#include "core/aws/retrystrategy.h"

#include <QObject>

namespace Gatehouse::Core::Aws {

// Makes AWS API calls the way the SDKs do: resolve credentials, sign with SigV4, send, retry
// throttling and transient errors in standard mode, and turn error answers into Errors.
// One per thread.
class AwsClient : public QObject
{
    Q_OBJECT

public:
    explicit AwsClient(QObject *parent = nullptr);
    ~AwsClient() override;

    // Reports exactly once through AwsCall::finished, then the call deletes itself.
    // credentials must outlive the call.
    AwsCall *call(const AwsRequest &request, CredentialsProvider *credentials);

    // Copied into each new call (max attempts, random source, quota). Starts as standard
    // mode with AWS_MAX_ATTEMPTS from the environment when it is valid; a profile's
    // max_attempts is the caller's to apply (RetryStrategy::configuredMaxAttempts).
    void setRetryStrategy(const RetryStrategy &strategy) { m_strategy = strategy; }
    const RetryStrategy &retryStrategy() const { return m_strategy; }
    // The signing time source; the system clock in UTC unless set (tests).
    void setClock(AwsCall::Clock clock);
    // What servers' Date headers taught about this computer's clock (SDK clock-skew
    // correction): signing time = local clock + this offset.
    qint64 clockOffsetMs() const { return m_clockOffset->load(); }
    void setClockOffsetMs(qint64 offsetMs) { m_clockOffset->store(offsetMs); }
    HttpClient *httpClient() const { return m_http; }

private:
    HttpClient *m_http;
    RetryStrategy m_strategy;
    AwsCall::Clock m_clock;
    AwsCall::ClockOffset m_clockOffset;
};

} // namespace Gatehouse::Core::Aws
