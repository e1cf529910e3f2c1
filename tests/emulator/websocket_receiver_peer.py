#!/usr/bin/python3
"""An independent WebSocket client for tst_websocketiothread: Debian's python3-websockets
connects, then prints one JSON line per text message it receives (its size in UTF-8 bytes, its
SHA-256 and its first characters) and one for the close (code and reason). websockets checks
every frame it parses (lengths, FIN, opcodes, UTF-8 of text), so a bad frame fails here."""
import asyncio
import hashlib
import json
import sys

import websockets


async def main(url):
    async with websockets.connect(url, open_timeout=10, close_timeout=5, max_size=None) as ws:
        try:
            while True:
                message = await asyncio.wait_for(ws.recv(), timeout=20)
                if not isinstance(message, str):
                    print(json.dumps({"binary": len(message)}), flush=True)
                    continue
                data = message.encode()
                print(json.dumps({"size": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                                  "start": message[:8]}), flush=True)
        except websockets.ConnectionClosed as closed:
            print(json.dumps({"close": closed.rcvd.code if closed.rcvd else None,
                              "reason": closed.rcvd.reason if closed.rcvd else None}), flush=True)


asyncio.run(main(sys.argv[1]))
