"""An AppSync real-time client Gatehouse did not write: Debian's python3-websockets speaking the
protocol of shared/vectors/PROTOCOLS.md section 1 (header/payload query parameters, subprotocol
graphql-ws, connection_init, start with the authorization in extensions, stop).

usage: appsync_realtime_peer.py URL HOST QUERY_JSON
The API key comes from GATEHOUSE_API_KEY. Starts the subscription QUERY_JSON ({"query": ...,
"variables": {...}}) as "sub-1", and one with a wrong key as "sub-bad"; prints every frame it
receives as one JSON line; after the first "data" frame it stops sub-1, waits for "complete"
and exits 0. Exits 1 after 60 s without that. Loopback only.
"""
import asyncio
import base64
import json
import os
import sys

import websockets

url, host, query = sys.argv[1:4]
key = os.environ["GATEHOUSE_API_KEY"]


def encode(obj):
    return base64.b64encode(json.dumps(obj).encode()).decode()


async def main():
    header = encode({"host": host, "x-api-key": key})
    async with websockets.connect(url + "?header=" + header + "&payload=e30=", subprotocols=["graphql-ws"]) as ws:
        print(json.dumps({"type": "subprotocol", "value": ws.subprotocol}), flush=True)
        await ws.send(json.dumps({"type": "connection_init"}))
        started = False
        while True:
            frame = json.loads(await ws.recv())
            print(json.dumps(frame), flush=True)
            if frame["type"] == "connection_ack" and not started:
                started = True
                for sid, api_key in (("sub-1", key), ("sub-bad", "da2-wrong")):
                    await ws.send(json.dumps({
                        "id": sid, "type": "start",
                        "payload": {"data": query,
                                    "extensions": {"authorization": {"host": host, "x-api-key": api_key}}}}))
            elif frame["type"] == "data":
                await ws.send(json.dumps({"type": "stop", "id": frame["id"]}))
            elif frame["type"] == "complete":
                return 0


sys.exit(asyncio.run(asyncio.wait_for(main(), 60)))
