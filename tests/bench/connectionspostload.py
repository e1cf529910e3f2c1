#!/usr/bin/python3
# The emulator's CPU per @connections POST, the yardstick of issue 7 (README, Performance), under
# a steady load rather than the one broadcast of `gatehouse-bench ws-broadcast`, so `perf record
# -p` has enough samples. Starts `gatehouse emulator --port 0` on the bakery lab, joins K raw
# WebSocket clients (read only between rounds), then sends ROUNDS rounds of one SigV4-signed
# POST per client, pipelined over 8 connections as the chat's handler sends them, and reads the
# emulator's CPU from /proc before and after each round (10 ms ticks, so use many rounds).
# Usage: connectionspostload.py [path/to/gatehouse]; env K, ROUNDS, PAUSE (wait for Enter
# before the rounds, to attach perf). The emulator stops with the script.
import base64, datetime, hashlib, hmac, json, os, re, socket, subprocess, sys, time, urllib.parse, select

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, 'build/dev/app/gatehouse')
K = int(os.environ.get('K', '1000'))
ROUNDS = int(os.environ.get('ROUNDS', '10'))
LAB = os.path.join(ROOT, 'resources/labs/bakery')

def sig(key, msg): return hmac.new(key, msg.encode(), hashlib.sha256).digest()
def sign(method, host, path, body, region='us-east-1', service='execute-api'):
    t = datetime.datetime.utcnow()
    amz = t.strftime('%Y%m%dT%H%M%SZ'); day = amz[:8]
    canon_path = '/'.join(urllib.parse.quote(p, safe='-_.~') for p in path.split('/'))
    ch = f'host:{host}\nx-amz-date:{amz}\n'
    creq = '\n'.join([method, canon_path, '', ch, 'host;x-amz-date', hashlib.sha256(body).hexdigest()])
    scope = f'{day}/{region}/{service}/aws4_request'
    sts = '\n'.join(['AWS4-HMAC-SHA256', amz, scope, hashlib.sha256(creq.encode()).hexdigest()])
    k = sig(sig(sig(sig(b'AWS4test', day), region), service), 'aws4_request')
    s = hmac.new(k, sts.encode(), hashlib.sha256).hexdigest()
    return (f'{method} {path} HTTP/1.1\r\nHost: {host}\r\nX-Amz-Date: {amz}\r\n'
            f'Authorization: AWS4-HMAC-SHA256 Credential=test/{scope}, SignedHeaders=host;x-amz-date, Signature={s}\r\n'
            f'Content-Length: {len(body)}\r\n\r\n').encode() + body

proc = subprocess.Popen([GH, 'emulator', '--lab', LAB, '--port', '0'], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
base = None
while True:
    line = proc.stdout.readline()
    if not line: sys.exit('emulator ended')
    m = re.search(r'listening on (http://\S+)', line)
    if m: base = m.group(1).rstrip('/'); break
port = int(base.rsplit(':', 1)[1])
# find the chat api id from the listing output
apiid = None
buf = ''
while apiid is None:
    line = proc.stdout.readline()
    if not line: break
    buf += line
    m = re.search(r'/_aws/execute-api/([a-z0-9]+)/(\w+)', line)
    if m and 'ws://' in line: apiid, stage = m.group(1), m.group(2)
if apiid is None: sys.exit('no ws api in:\n' + buf)
host = f'127.0.0.1:{port}'
print('emulator', proc.pid, base, apiid, stage, flush=True)

clients = []
for i in range(K):
    s = socket.create_connection(('127.0.0.1', port))
    key = base64.b64encode(os.urandom(16)).decode()
    s.sendall(f'GET /_aws/execute-api/{apiid}/{stage}?token=croissant&name=p{i} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n'.encode())
    resp = b''
    while b'\r\n\r\n' not in resp: resp += s.recv(4096)
    assert b' 101 ' in resp, resp
    clients.append(s)
lp = f'/_aws/emulator/websocket/{apiid}/connections'
c = socket.create_connection(('127.0.0.1', port)); c.sendall(sign('GET', host, lp, b'').replace(b'Content-Length: 0\r\n', b'Content-Length: 0\r\nConnection: close\r\n'))
data = b''
while True:
    d = c.recv(65536)
    if not d: break
    data += d
ids = [e['connectionId'] for e in json.loads(data.split(b'\r\n\r\n', 1)[1])['connections']]
print('connections', len(ids), flush=True)
body = json.dumps({'from': 'x', 'message': 'fresh rolls'}).encode()
reqs = [sign('POST', host, f'/_aws/execute-api/{apiid}/{stage}/@connections/' + urllib.parse.quote(i, safe=''), body) for i in ids]
senders = [socket.create_connection(('127.0.0.1', port)) for _ in range(8)]
shares = [b''.join(reqs[j::8]) for j in range(8)]
counts = [len(reqs[j::8]) for j in range(8)]
def cpu():
    f = open(f'/proc/{proc.pid}/stat').read().rsplit(')', 1)[1].split()
    return (int(f[11]) + int(f[12])) * 1000.0 / os.sysconf('SC_CLK_TCK')
def drain():
    for s in clients:
        s.setblocking(False)
        try:
            while s.recv(1 << 20): pass
        except BlockingIOError: pass
results = []
if os.environ.get('PAUSE'): print('ready; press enter', flush=True); input()
for r in range(ROUNDS):
    drain()
    c0 = cpu(); t0 = time.perf_counter()
    for s, sh in zip(senders, shares): s.sendall(sh)
    for s, n in zip(senders, counts):
        got = b''
        while got.count(b'HTTP/1.1 ') < n or not got.endswith(b'\r\n\r\n'):
            got += s.recv(1 << 20)
        assert got.count(b'HTTP/1.1 200') == n, got[:300]
    t1 = time.perf_counter(); c1 = cpu()
    results.append((c1 - c0, (t1 - t0) * 1000))
    time.sleep(0.05)
tot = sum(x[0] for x in results[1:]); n = len(ids) * (ROUNDS - 1)
print('rounds (cpu ms, wall ms):', ' '.join('%.0f/%.0f' % x for x in results))
print('emulator CPU per POST (after the first round): %.1f us' % (tot * 1000 / n))
proc.terminate(); proc.wait()
