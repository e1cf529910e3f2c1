#!/usr/bin/python3
"""An independent WebSocket client for tst_websocketapi: Debian's python3-websockets connects to
the URL, sends one text message, prints the first answer and closes."""
import asyncio
import sys

import websockets


async def main(url, message):
    async with websockets.connect(url, open_timeout=10, close_timeout=5) as ws:
        await ws.send(message)
        print(await asyncio.wait_for(ws.recv(), timeout=20))


asyncio.run(main(sys.argv[1], sys.argv[2]))
