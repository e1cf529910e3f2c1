#pragma once

#include "core/result.h"

#include <QString>

namespace Gatehouse::Core::Jwt {

// Why a token, key or key set was refused: one value per rule, so a caller (the auth debugger,
// a test) can tell "expired" from "bad signature" without reading the sentence.
enum class Reason {
    None,
    Malformed,         // not three base64url segments, or a segment is not what it must be
    TooLarge,
    AlgNone,           // "alg": "none" (never accepted)
    UnsupportedAlg,
    UnsupportedCrit,   // a "crit" extension we do not implement
    KeyInvalid,        // the key itself is unusable (bad members, weak, not on its curve)
    KeyMismatch,       // the key does not fit the token's alg (type, curve, alg, use)
    KeyNotFound,       // no key in the set has the token's kid
    KeyAmbiguous,      // more than one key could be meant
    KeySetInvalid,     // the set as a whole is refused (mixes secret and public keys)
    BadSignature,
    ClaimsMalformed,   // the payload is not a JSON object, or a claim has the wrong type
    Expired,
    NotYetValid,
    IssuedInFuture,
    MissingClaim,
    WrongIssuer,
    WrongAudience,
    WrongClientId,
    WrongTokenUse,
    MissingScope,
    JwksUnavailable,   // the key set could not be fetched or read
};

QString reasonName(Reason reason);

// An Error for a JWT rule: code is InvalidArgument (NotFound, Io or the transport's code where
// that fits better); awsCode carries reasonName(reason), as the SigV4 verifier carries its codes.
Error jwtError(Reason reason, const QString &message);
Reason reasonOf(const Error &error);

} // namespace Gatehouse::Core::Jwt
