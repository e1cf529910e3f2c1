#!/usr/bin/python3
"""Verifies a token the emulator's Cognito issued with PyJWT, a library we did not write.

usage: verify_with_pyjwt.py JWKS_URL TOKEN AUDIENCE ISSUER
AUDIENCE "-" skips the audience check (access tokens carry client_id, not aud).
Prints the verified claims as JSON and the key id used; exits 1 with PyJWT's words on failure.
"""
import json
import sys

import jwt


def main():
    jwks_url, token, audience, issuer = sys.argv[1:5]
    try:
        key = jwt.PyJWKClient(jwks_url).get_signing_key_from_jwt(token)
        options = {"require": ["exp", "iat", "iss", "sub"]}
        if audience == "-":
            options["verify_aud"] = False
        claims = jwt.decode(token, key.key, algorithms=["RS256"], options=options,
                            audience=None if audience == "-" else audience, issuer=issuer)
    except Exception as e:  # noqa: BLE001 - the test wants any failure in words
        print(f"{type(e).__name__}: {e}", file=sys.stderr)
        return 1
    print(json.dumps({"kid": key.key_id, "claims": claims}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
