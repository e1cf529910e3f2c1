#include "tokenbucket.h"

#include <algorithm>

namespace Gatehouse::Emulator {

TokenBucket::TokenBucket(double ratePerSecond, double burst)
    : m_rate(std::max(0.0, ratePerSecond)), m_capacity(std::max(0.0, burst)), m_tokens(m_capacity)
{
}

double TokenBucket::tokens(qint64 nowMs) const
{
    if (m_updatedMs < 0)
        return m_capacity;
    // A clock that steps back (a test, an NTP jump) refills nothing rather than draining.
    const double elapsedSeconds = double(std::max<qint64>(0, nowMs - m_updatedMs)) / 1000.0;
    return std::min(m_capacity, m_tokens + elapsedSeconds * m_rate);
}

bool TokenBucket::take(qint64 nowMs)
{
    m_tokens = tokens(nowMs);
    m_updatedMs = std::max(nowMs, m_updatedMs);
    if (m_tokens < 1.0)
        return false;
    m_tokens -= 1.0;
    return true;
}

} // namespace Gatehouse::Emulator
