#include "jwtverifier.h"

#include "jwsverifier.h"

namespace Gatehouse::Core::Jwt {

namespace {

Result<VerifiedToken> finish(Jws jws, const Jwk &key, const ClaimRules &rules)
{
    if (Result<void> ok = verifySignature(jws, key); !ok)
        return ok.error();
    Result<Claims> claims = Claims::parse(jws.payload);
    if (!claims)
        return claims.error();
    if (Result<void> ok = checkClaims(*claims, rules); !ok)
        return ok.error();
    return VerifiedToken{std::move(jws), std::move(claims).value(), key};
}

} // namespace

Result<VerifiedToken> verifyJwt(QByteArrayView token, const JwkSet &keys, const ClaimRules &rules)
{
    Result<Jws> jws = decodeCompact(token);
    if (!jws)
        return jws.error();
    Result<Jwk> key = keys.select(jws->header);
    if (!key)
        return key.error();
    return finish(std::move(jws).value(), *key, rules);
}

Result<VerifiedToken> verifyJwt(QByteArrayView token, const Jwk &key, const ClaimRules &rules)
{
    Result<Jws> jws = decodeCompact(token);
    if (!jws)
        return jws.error();
    return finish(std::move(jws).value(), key, rules);
}

Result<Jws> verifyJws(QByteArrayView token, const JwkSet &keys)
{
    Result<Jws> jws = decodeCompact(token);
    if (!jws)
        return jws;
    Result<Jwk> key = keys.select(jws->header);
    if (!key)
        return key.error();
    if (Result<void> ok = verifySignature(*jws, *key); !ok)
        return ok.error();
    return jws;
}

} // namespace Gatehouse::Core::Jwt
