"""An AppSync real-time client Gatehouse did not write: Debian's python3-websockets speaking the
protocol of shared/vectors/PROTOCOLS.md section 1 (header/payload query parameters, subprotocol
graphql-ws, connection_init, start with the authorization in extensions, stop), with the
authorization an API key or signed by botocore's SigV4Auth for "appsync": POST <graphql URL>/connect
with body {} for the handshake, POST <graphql URL> with the start's data as body for a start.

usage: appsync_realtime_peer.py (apikey|iam|oidc) REALTIME_URL QUERY_JSON [query|subprotocol|headers]
The last argument picks the handshake form (default: the header query parameter).
The key comes from GATEHOUSE_API_KEY, the key pair from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY,
the OIDC (or Cognito) token from GATEHOUSE_TOKEN; its wrong form has a changed signature.
Starts the subscription QUERY_JSON ({"query": ..., "variables": {...}}) as "sub-1", and one with a
wrong key (or a signature by a wrong secret) as "sub-bad"; prints every frame it receives as one
JSON line; after the first "data" frame it stops sub-1, waits for "complete" and exits 0. Exits 1
after 60 s without that. Loopback only.
"""
import asyncio
import base64
import json
import os
import sys
import urllib.parse

import websockets

mode, url, query = sys.argv[1:4]
handshake = sys.argv[4] if len(sys.argv) > 4 else "query"
graphql_url = "http" + url[2:-len("/realtime")]
host = urllib.parse.urlparse(graphql_url).netloc


def authorization(path_suffix, body, wrong=False):
    if mode == "apikey":
        return {"host": host, "x-api-key": "da2-wrong" if wrong else os.environ["GATEHOUSE_API_KEY"]}
    if mode == "oidc":
        token = os.environ["GATEHOUSE_TOKEN"]
        if wrong:
            token = token[:-4] + ("AAAA" if token[-4:] != "AAAA" else "BBBB")
        return {"host": host, "Authorization": token}
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    headers = {"accept": "application/json, text/javascript", "content-encoding": "amz-1.0",
               "content-type": "application/json; charset=UTF-8"}
    request = AWSRequest(method="POST", url=graphql_url + path_suffix, data=body, headers=headers)
    secret = os.environ["AWS_SECRET_ACCESS_KEY"] + ("x" if wrong else "")
    SigV4Auth(Credentials(os.environ["AWS_ACCESS_KEY_ID"], secret), "appsync", "us-east-1").add_auth(request)
    signed = dict(request.headers.items())
    signed["host"] = host
    return signed


def encode(obj):
    return base64.b64encode(json.dumps(obj).encode()).decode()


def connect():
    auth = authorization("/connect", "{}")
    if handshake == "subprotocol":
        token = base64.urlsafe_b64encode(json.dumps(auth).encode()).decode().rstrip("=")
        return websockets.connect(url, subprotocols=["graphql-ws", "header-" + token])
    if handshake == "headers":
        return websockets.connect(url, subprotocols=["graphql-ws"],
                                  extra_headers={k: v for k, v in auth.items() if k.lower() != "host"})
    return websockets.connect(url + "?header=" + encode(auth) + "&payload=e30=", subprotocols=["graphql-ws"])


async def main():
    async with connect() as ws:
        print(json.dumps({"type": "subprotocol", "value": ws.subprotocol}), flush=True)
        await ws.send(json.dumps({"type": "connection_init"}))
        started = False
        while True:
            frame = json.loads(await ws.recv())
            print(json.dumps(frame), flush=True)
            if frame["type"] == "connection_ack" and not started:
                started = True
                for sid, wrong in (("sub-1", False), ("sub-bad", True)):
                    await ws.send(json.dumps({
                        "id": sid, "type": "start",
                        "payload": {"data": query, "extensions": {"authorization": authorization("", query, wrong)}}}))
            elif frame["type"] == "data":
                await ws.send(json.dumps({"type": "stop", "id": frame["id"]}))
            elif frame["type"] == "complete":
                return 0


sys.exit(asyncio.run(asyncio.wait_for(main(), 60)))
