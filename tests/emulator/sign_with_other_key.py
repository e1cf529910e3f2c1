"""Signs the claims on stdin (JSON) as RS256 with a fresh RSA key under the kid in argv[1]:
a token that looks like the emulator's but that its key did not sign. Prints the token."""
import json
import sys

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
claims = json.load(sys.stdin)
print(jwt.encode(claims, key, algorithm="RS256", headers={"kid": sys.argv[1]}))
