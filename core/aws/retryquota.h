#pragma once

#include <memory>
#include <mutex>

namespace Gatehouse::Core::Aws {

// The client-side retry token bucket of the SDKs' standard retry mode: retries spend tokens,
// successes give them back, so a struggling service is not hammered by every client at once.
// Thread-safe; processWide() is the bucket every AwsClient of the process shares by default.
class RetryQuota
{
public:
    static constexpr int InitialTokens = 500;
    static constexpr int RetryCost = 5;
    static constexpr int TimeoutRetryCost = 10;
    static constexpr int NoRetryIncrement = 1;

    explicit RetryQuota(int capacity = InitialTokens);

    static std::shared_ptr<RetryQuota> processWide();

    // Takes amount tokens if that many are available.
    bool acquire(int amount);
    // Gives amount tokens back, never above the capacity.
    void release(int amount);
    int available() const;
    int capacity() const { return m_capacity; }

private:
    mutable std::mutex m_mutex;
    const int m_capacity;
    int m_available;
};

} // namespace Gatehouse::Core::Aws
