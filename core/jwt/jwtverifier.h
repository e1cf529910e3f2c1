#pragma once

#include "claims.h"
#include "jwk.h"
#include "jwkset.h"
#include "jws.h"

namespace Gatehouse::Core::Jwt {

struct VerifiedToken
{
    Jws jws;
    Claims claims;
    Jwk key; // the key that verified it
};

// A JWT checked end to end: decoded strictly, its key chosen from `keys` by JwkSet::select,
// its signature verified (verifySignature), then its claims checked against `rules`. The
// first failure is returned; its Reason (reasonOf) says which rule failed.
Result<VerifiedToken> verifyJwt(QByteArrayView token, const JwkSet &keys, const ClaimRules &rules);
Result<VerifiedToken> verifyJwt(QByteArrayView token, const Jwk &key, const ClaimRules &rules);

// Decoding and signature only, for a bare JWS whose payload need not be JSON.
Result<Jws> verifyJws(QByteArrayView token, const JwkSet &keys);

} // namespace Gatehouse::Core::Jwt
