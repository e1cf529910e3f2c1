#!/usr/bin/python3
"""WebSocket test server for the console tests, built on Debian's python3-websockets (10.4),
so the client is proven against an implementation we did not write.

Binds 127.0.0.1 port 0, prints "PORT <n>" on stdout, and stops by itself when stdin closes
or after 120 s. Paths:
  /echo      echoes every message (text stays text, binary stays binary)
  /headers   sends one JSON text: the request headers, path and negotiated subprotocol
  /close     closes at once with code 4001, reason "bye now"
  /badutf8   sends a text frame whose payload is not UTF-8
  /reject    refuses the handshake with HTTP 403 (/reject400: with 400, as API Gateway does
             when $connect answers 400)
  /flood?n=N sends N short JSON texts as fast as it can, then closes normally (benchmarks)
  /halfframe sends the text "before the drop", then the first half of a 200-byte text frame,
             and closes the TCP connection mid-frame (a peer that dies while sending)
Subprotocols "chat.v2" and "chat.v1" are offered by the server, preferring chat.v2.
"""
import asyncio
import http
import json
import sys

import websockets
from websockets.frames import Opcode


async def handler(ws, path):
    try:
        await route(ws, path)
    except websockets.ConnectionClosed:
        pass  # the client went away; nothing to report


async def route(ws, path):
    if path.startswith("/echo"):
        async for message in ws:
            await ws.send(message)
    elif path.startswith("/headers"):
        await ws.send(json.dumps({
            "path": path,
            "subprotocol": ws.subprotocol,
            "headers": {k.lower(): v for k, v in ws.request_headers.raw_items()},
        }))
        await ws.wait_closed()
    elif path.startswith("/close"):
        await ws.close(4001, "bye now")
    elif path.startswith("/flood"):
        count = int(path.partition("n=")[2] or "1000")
        for i in range(count):
            await ws.send('{"action":"message","room":"lobby","seq":%d,"text":"hello there"}' % i)
        await ws.close(1000, "done")
    elif path.startswith("/halfframe"):
        await ws.send("before the drop")
        # FIN + text, 16-bit length 200, then only 100 payload bytes: the frame never ends.
        ws.transport.write(bytes([0x81, 126, 0, 200]) + b"y" * 100)
        await asyncio.sleep(0.2)  # the bytes leave before the FIN
        ws.transport.close()
    elif path.startswith("/badutf8"):
        await ws.write_frame(True, Opcode.TEXT, b"ok \xff\xfe broken")
        await ws.wait_closed()


async def process_request(path, headers):
    if path.startswith("/reject400"):
        return http.HTTPStatus.BAD_REQUEST, [("Content-Type", "text/plain")], b"Add ?name=\n"
    if path.startswith("/reject"):
        return http.HTTPStatus.FORBIDDEN, [("Content-Type", "text/plain")], b"go away\n"
    return None


async def main():
    server = await websockets.serve(handler, "127.0.0.1", 0, process_request=process_request,
                                    subprotocols=["chat.v2", "chat.v1"], max_size=None)
    port = server.sockets[0].getsockname()[1]
    print("PORT", port, flush=True)
    loop = asyncio.get_running_loop()
    stdin_closed = loop.run_in_executor(None, sys.stdin.read)
    await asyncio.wait_for(stdin_closed, timeout=120)
    server.close()


try:
    asyncio.run(main())
except asyncio.TimeoutError:
    pass
