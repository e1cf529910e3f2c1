#include "retryquota.h"

#include <algorithm>

namespace Gatehouse::Core::Aws {

RetryQuota::RetryQuota(int capacity) : m_capacity(capacity), m_available(capacity) {}

std::shared_ptr<RetryQuota> RetryQuota::processWide()
{
    static const std::shared_ptr<RetryQuota> quota = std::make_shared<RetryQuota>();
    return quota;
}

bool RetryQuota::acquire(int amount)
{
    const std::lock_guard lock(m_mutex);
    if (amount > m_available)
        return false;
    m_available -= amount;
    return true;
}

void RetryQuota::release(int amount)
{
    const std::lock_guard lock(m_mutex);
    m_available = std::min(m_capacity, m_available + amount);
}

int RetryQuota::available() const
{
    const std::lock_guard lock(m_mutex);
    return m_available;
}

} // namespace Gatehouse::Core::Aws
