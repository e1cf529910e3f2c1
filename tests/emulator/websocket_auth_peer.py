#!/usr/bin/python3
"""An independent client for tst_websocketauth: Debian's python3-websockets opens the URL
(optionally presigned for execute-api by botocore's SigV4QueryAuth, the signer the AWS CLI
uses, so no Gatehouse code is involved), offers the given subprotocols, sends one text message
when asked, and prints one JSON line: {"status": 101 or the refusal's HTTP status,
"subprotocol": what the server agreed on, "answer": the first message back}.

usage: websocket_auth_peer.py URL [--presign KEY_ID SECRET REGION] [--protocol P]... [--send TEXT]
"""
import asyncio
import json
import sys

import websockets


def presign(url, key_id, secret, region):
    from botocore.auth import SigV4QueryAuth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
    request = AWSRequest(method="GET", url=url.replace("ws://", "http://", 1))
    SigV4QueryAuth(Credentials(key_id, secret), "execute-api", region, expires=300).add_auth(request)
    return request.url.replace("http://", "ws://", 1)


async def main(argv):
    url = argv[0]
    protocols = []
    message = None
    i = 1
    while i < len(argv):
        if argv[i] == "--presign":
            url = presign(url, argv[i + 1], argv[i + 2], argv[i + 3])
            i += 4
        elif argv[i] == "--protocol":
            protocols.append(argv[i + 1])
            i += 2
        elif argv[i] == "--send":
            message = argv[i + 1]
            i += 2
        else:
            raise SystemExit("unknown argument " + argv[i])
    result = {}
    try:
        async with websockets.connect(url, subprotocols=protocols or None, open_timeout=10,
                                      close_timeout=5) as ws:
            result["status"] = 101
            result["subprotocol"] = ws.subprotocol
            if message is not None:
                await ws.send(message)
                result["answer"] = await asyncio.wait_for(ws.recv(), timeout=20)
    except websockets.exceptions.InvalidStatusCode as refused:
        result["status"] = refused.status_code
    print(json.dumps(result))


asyncio.run(main(sys.argv[1:]))
