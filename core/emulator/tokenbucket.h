#pragma once

#include <QtGlobal>

namespace Gatehouse::Emulator {

// API Gateway's throttle, as its docs describe it: a bucket of `burst` tokens that refills at
// `rate` tokens a second, one token per request; an empty bucket refuses (429). One class so
// HTTP API route throttling and REST usage plans count the same way.
class TokenBucket
{
public:
    TokenBucket(double ratePerSecond, double burst);

    // Takes a token at `nowMs` (milliseconds, any monotonic origin); false when none is left.
    // A new bucket starts full, as a stage does after deployment.
    bool take(qint64 nowMs);
    // The tokens left at `nowMs`, refill included.
    double tokens(qint64 nowMs) const;

private:
    double m_rate;
    double m_capacity;
    double m_tokens;
    qint64 m_updatedMs = -1;
};

} // namespace Gatehouse::Emulator
