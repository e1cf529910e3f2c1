#!/usr/bin/python3
"""An independent WebSocket client for the connection-listing tests: Debian's python3-websockets
connects to the URL with the given User-Agent, prints "open" and stays connected until its
standard input closes (so it never outlives the test), then closes normally. Any message it
receives is printed as one line."""
import asyncio
import sys

import websockets


async def main(url, agent):
    async with websockets.connect(url, open_timeout=10, close_timeout=5, user_agent_header=agent) as ws:
        print("open", flush=True)
        loop = asyncio.get_running_loop()
        stdin_closed = loop.run_in_executor(None, sys.stdin.read)

        async def receive():
            try:
                async for message in ws:
                    print(message, flush=True)
            except websockets.ConnectionClosed:
                pass
            print("closed %s" % ws.close_code, flush=True)

        receiver = asyncio.ensure_future(receive())
        done, _ = await asyncio.wait({stdin_closed, receiver}, return_when=asyncio.FIRST_COMPLETED)
        if receiver not in done:
            await ws.close()
            await receiver


asyncio.run(main(sys.argv[1], sys.argv[2]))
