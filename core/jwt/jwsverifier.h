#pragma once

#include "jwk.h"
#include "jws.h"

namespace Gatehouse::Core::Jwt {

// Checks a decoded JWS's signature with a key the caller chose, in this order: "alg": "none"
// is refused whatever the key; a "crit" header is refused (Gatehouse implements no JWS
// extension); the key must fit the alg (Jwk::checkUsableFor: no RSA key as an HMAC secret, an
// ES256 token needs a P-256 key...); then the signature: HMAC compared in constant time, RSA
// PKCS#1 v1.5, RSA-PSS with MGF1 and salt = hash length (RFC 7518 §3.5), ECDSA as raw r‖s of
// exactly twice the coordinate size, Ed25519. The header's jwk/jku/x5u/x5c are never used.
Result<void> verifySignature(const Jws &jws, const Jwk &key);

} // namespace Gatehouse::Core::Jwt
