# Signs the tokens tst_jwtcli verifies, with PyJWT (Debian's python3-jwt), an independent
# signer: moto's Cognito-style private JWK (RS256, kid "dummy") and an HMAC secret, claims
# relative to now. Prints one token per line, then the RSA public key as PEM with '|' for
# newlines.
import sys
import time

import jwt
from cryptography.hazmat.primitives import serialization
from jwt.algorithms import RSAAlgorithm

key = RSAAlgorithm.from_jwk(open(sys.argv[1]).read())
now = int(time.time())
access = {"sub": "u-1", "iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_bakery",
          "token_use": "access", "client_id": "bakery-app", "scope": "orders/read",
          "exp": now + 600, "iat": now, "cognito:groups": ["bakers"], "username": "alice"}
print(jwt.encode(access, key, algorithm="RS256", headers={"kid": "dummy"}))
print(jwt.encode(dict(access, exp=now - 3600, iat=now - 7200), key, algorithm="RS256",
                 headers={"kid": "dummy"}))
print(jwt.encode(access, key, algorithm="RS256", headers={"kid": "rotated"}))
print(jwt.encode({"sub": "u-2", "exp": now + 60}, "a-shared-secret-of-32-bytes-long!", algorithm="HS256"))
pem = key.public_key().public_bytes(serialization.Encoding.PEM,
                                     serialization.PublicFormat.SubjectPublicKeyInfo)
print(pem.decode().replace("\n", "|"))
