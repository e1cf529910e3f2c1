#!/usr/bin/python3
"""An OpenID Connect issuer outside the lab for tst_appsync, on 127.0.0.1 port 0.

Made with PyJWT and cryptography (Debian's python3-jwt, python3-cryptography): an RSA key,
/.well-known/openid-configuration and its jwks_uri served by http.server, and one RS256 ID
token. Prints {"issuer": ..., "token": ...} as one line, serves until stdin closes (or 120 s),
then exits by itself.
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
public_jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
public_jwk.update({"kid": "outside-1", "alg": "RS256", "use": "sig"})


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/.well-known/openid-configuration":
            body = {"issuer": issuer, "jwks_uri": issuer + "/jwks.json"}
        elif self.path == "/jwks.json":
            body = {"keys": [public_jwk]}
        else:
            self.send_error(404)
            return
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
issuer = "http://127.0.0.1:%d" % server.server_address[1]
now = int(time.time())
token = jwt.encode({"iss": issuer, "sub": "outside-user", "aud": "outside-client",
                    "iat": now, "exp": now + 600}, key, algorithm="RS256",
                   headers={"kid": "outside-1"})
threading.Thread(target=server.serve_forever, daemon=True).start()
print(json.dumps({"issuer": issuer, "token": token}), flush=True)
stopper = threading.Thread(target=sys.stdin.read, daemon=True)
stopper.start()
stopper.join(120)
server.shutdown()
