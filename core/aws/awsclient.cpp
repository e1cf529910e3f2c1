#include "awsclient.h"

#include "core/httpclient.h"

namespace Gatehouse::Core::Aws {

AwsClient::AwsClient(QObject *parent)
    : QObject(parent), m_http(new HttpClient(this)), m_clockOffset(std::make_shared<std::atomic<qint64>>(0))
{
    // AWS_MAX_ATTEMPTS applies as in the SDKs; an invalid value keeps the default, and
    // RetryStrategy::configuredMaxAttempts() words the problem for callers that show it.
    if (const Result<int> attempts = RetryStrategy::configuredMaxAttempts(QString()); attempts)
        m_strategy.setMaxAttempts(attempts.value());
}

AwsClient::~AwsClient() = default;

AwsCall *AwsClient::call(const AwsRequest &request, CredentialsProvider *credentials)
{
    return new AwsCall(m_http, request, credentials, m_strategy, m_clock, m_clockOffset, this);
}

void AwsClient::setClock(AwsCall::Clock clock)
{
    m_clock = std::move(clock);
}

} // namespace Gatehouse::Core::Aws
