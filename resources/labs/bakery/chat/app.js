// The bakery's WebSocket chat: one function behind $connect, $disconnect and sendmessage.
//
// It follows AWS's own sample for this chat (simple-websockets-chat-app): on sendmessage it
// posts to every connection through the API Gateway Management API (@connections) at once and
// waits for all of them (Promise.all), instead of one POST after another. It uses Node's
// standard library only: a small SigV4 signer below stands in for the AWS SDK, so the lab runs
// wherever Node does.
//
// Connections: one small file per connection in a folder in the function's home (on AWS this
// is a DynamoDB table, one item per connection: a Lambda's disk is not shared between its
// instances). Several workers may run at once; a file per connection needs no lock, since each
// change is one create (written aside, then renamed into place) or one delete.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const https = require('https');
const net = require('net');
const path = require('path');

const STORE = path.join(process.env.HOME || '/tmp', 'bakery-chat-connections');

// Connection ids are URL-safe on AWS, but a file name must not hold "/", so encode anyway.
const fileFor = (connectionId) => path.join(STORE, encodeURIComponent(connectionId));

function remember(connectionId, name) {
  fs.mkdirSync(STORE, { recursive: true });
  const file = fileFor(connectionId);
  // Written aside and renamed: a concurrent sendmessage never reads half a name.
  const aside = path.join(STORE, `.${path.basename(file)}.${process.pid}`);
  fs.writeFileSync(aside, name);
  fs.renameSync(aside, file);
}

function forget(connectionId) {
  fs.rmSync(fileFor(connectionId), { force: true });
}

function everyone() {
  try {
    return fs.readdirSync(STORE).filter((f) => !f.startsWith('.')).map(decodeURIComponent);
  } catch (err) {
    if (err.code === 'ENOENT') return [];
    throw err;
  }
}

function nameOf(connectionId) {
  try {
    return fs.readFileSync(fileFor(connectionId), 'utf8');
  } catch (err) {
    if (err.code === 'ENOENT') return '?';
    throw err;
  }
}

// SigV4 escapes everything but A-Z a-z 0-9 - _ . ~; encodeURIComponent leaves !'()* too.
const rfc3986 = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const sha256 = (data) => crypto.createHash('sha256').update(data).digest('hex');
const hmac = (key, data) => crypto.createHmac('sha256', key).update(data).digest();

// The key depends only on the secret, the day and the region, so the AWS SDKs derive it once a
// day rather than with four HMACs per request.
const signingKeys = new Map();
function signingKey(secretKey, day, region) {
  const cacheKey = `${secretKey}\n${day}\n${region}`;
  let key = signingKeys.get(cacheKey);
  if (!key) {
    key = hmac(hmac(hmac(hmac(`AWS4${secretKey}`, day), region), 'execute-api'), 'aws4_request');
    signingKeys.clear();
    signingKeys.set(cacheKey, key);
  }
  return key;
}

function sign(method, url, bodyHash, region) {
  // On AWS the function's role gives AWS_*; the emulator's workers get the CHAT_* pair.
  const accessKey = process.env.AWS_ACCESS_KEY_ID || process.env.CHAT_ACCESS_KEY_ID;
  const secretKey = process.env.AWS_SECRET_ACCESS_KEY || process.env.CHAT_SECRET_ACCESS_KEY;
  const token = process.env.AWS_SESSION_TOKEN;
  const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers = { host: url.host, 'x-amz-date': amzDate };
  if (token) headers['x-amz-security-token'] = token;
  const names = Object.keys(headers).sort();
  const signed = names.join(';');
  // SigV4 for services other than S3 encodes the (already encoded) path once more.
  const canonicalUri = url.pathname.split('/').map(rfc3986).join('/');
  const canonical = [method, canonicalUri, url.search.slice(1),
    names.map((n) => `${n}:${headers[n]}\n`).join(''), signed, bodyHash].join('\n');
  const scope = `${day}/${region}/execute-api/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const signature = crypto.createHmac('sha256', signingKey(secretKey, day, region)).update(toSign).digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${accessKey}/${scope}, SignedHeaders=${signed}, Signature=${signature}`;
  return headers;
}

function managementBase(ctx) {
  // In the emulator AWS_ENDPOINT_URL points at it; on AWS the API's own domain serves it.
  const endpoint = process.env.AWS_ENDPOINT_URL;
  if (endpoint) return `${endpoint.replace(/\/+$/, '')}/_aws/execute-api/${ctx.apiId}/${ctx.stage}`;
  return `https://${ctx.domainName}/${ctx.stage}`;
}

// How many connections the POSTs share. The AWS SDK's HTTP handler keeps a few keep-alive
// connections too, so one slow answer does not hold up the rest and no POST pays for a new one.
const SENDERS = 8;

function request(connectionId, base, data, bodyHash, region) {
  const url = new URL(`${base}/@connections/${rfc3986(connectionId)}`);
  const headers = sign('POST', url, bodyHash, region);
  return `POST ${url.pathname} HTTP/1.1\r\nHost: ${headers.host}\r\nX-Amz-Date: ${headers['x-amz-date']}\r\n`
    + (headers['x-amz-security-token'] ? `X-Amz-Security-Token: ${headers['x-amz-security-token']}\r\n` : '')
    + `Authorization: ${headers.authorization}\r\nContent-Length: ${data.length}\r\n\r\n`;
}

// On the emulator (plain http): one connection carries its share of the POSTs written at once,
// one after another (HTTP/1.1 pipelining: the answers come back in the same order). Waiting for
// each answer before the next POST cost a wake-up of both sides per customer, which was most of
// the CPU a broadcast took (README, Performance). Each share is signed once its connection is
// up, so the first share is already being delivered while the others are still being signed.
// Resolves to the status of each POST.
function pipeline(base, ids, data, bodyHash, region) {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const statuses = [];
    let pending = Buffer.alloc(0);
    const socket = net.connect(Number(url.port || 80), url.hostname, () => {
      try {
        const payload = [];
        for (const id of ids) payload.push(Buffer.from(request(id, base, data, bodyHash, region), 'latin1'), data);
        socket.write(Buffer.concat(payload));
      } catch (err) {
        fail(err);
      }
    });
    const fail = (err) => { socket.destroy(); reject(err); };
    socket.setTimeout(5000, () => fail(new Error(`@connections did not answer in 5 s (${statuses.length} of ${ids.length} answered)`)));
    socket.on('data', (chunk) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        const headEnd = pending.indexOf('\r\n\r\n');
        if (headEnd < 0) return;
        const head = pending.toString('latin1', 0, headEnd);
        const length = Number((/\r\ncontent-length:\s*(\d+)/i.exec(head) || [0, 0])[1]);
        if (pending.length < headEnd + 4 + length) return;
        const status = Number(head.slice(9, 12));
        const body = pending.toString('utf8', headEnd + 4, headEnd + 4 + length);
        pending = pending.subarray(headEnd + 4 + length);
        if (status !== 200 && status !== 410) return fail(new Error(`@connections answered ${status}: ${body}`));
        statuses.push(status);
        if (statuses.length === ids.length) { socket.destroy(); return resolve(statuses); }
      }
    });
    socket.on('error', fail);
    socket.on('close', () => reject(new Error(`@connections closed the connection after ${statuses.length} of ${ids.length} answers`)));
  });
}

// On AWS (https): Node's https client, a keep-alive agent and one request per POST, as the AWS
// SDK sends postToConnection.
function postOne(agent, connectionId, base, data, bodyHash, region) {
  const url = new URL(`${base}/@connections/${rfc3986(connectionId)}`);
  const headers = sign('POST', url, bodyHash, region);
  headers['content-length'] = data.length;
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: 'POST', agent, headers, timeout: 5000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode === 200 || res.statusCode === 410) resolve(res.statusCode);
        else reject(new Error(`@connections answered ${res.statusCode}: ${Buffer.concat(chunks)}`));
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`@connections did not answer ${connectionId} in 5 s`)));
    req.on('error', reject);
    req.end(data);
  });
}

// POSTs data to every connection at once (Promise.all, as AWS's sample does); returns the ids
// that are gone (410) and the first error, after every POST has had its answer.
async function postToAll(ctx, connectionIds, data) {
  const base = managementBase(ctx);
  const region = process.env.AWS_REGION || 'us-east-1';
  const bodyHash = sha256(data);
  const statuses = new Map();
  let error;
  if (base.startsWith('https:')) {
    const agent = new https.Agent({ keepAlive: true, maxSockets: SENDERS });
    const results = await Promise.allSettled(
      connectionIds.map((id) => postOne(agent, id, base, data, bodyHash, region)));
    agent.destroy();
    results.forEach((r, i) => (r.status === 'fulfilled' ? statuses.set(connectionIds[i], r.value) : (error = error || r.reason)));
  } else {
    const shares = Array.from({ length: Math.min(SENDERS, connectionIds.length) }, () => []);
    connectionIds.forEach((id, i) => shares[i % shares.length].push(id));
    const results = await Promise.allSettled(shares.map((ids) => pipeline(base, ids, data, bodyHash, region)));
    results.forEach((r, s) => (r.status === 'fulfilled' ? shares[s].forEach((id, i) => statuses.set(id, r.value[i])) : (error = error || r.reason)));
  }
  return { gone: connectionIds.filter((id) => statuses.get(id) === 410), error };
}

function connect(event) {
  // The name is optional: without ?name= a customer is "guest".
  const name = (event.queryStringParameters || {}).name || 'guest';
  remember(event.requestContext.connectionId, name);
  return { statusCode: 200 };
}

function disconnect(event) {
  forget(event.requestContext.connectionId);
  return { statusCode: 200 };
}

async function sendMessage(event) {
  const ctx = event.requestContext;
  let message;
  try {
    const body = JSON.parse(event.body || '{}');
    message = body !== null && typeof body === 'object' && 'message' in body ? body.message : '';
  } catch (err) {
    return { statusCode: 400, body: 'Send JSON: {"action": "sendmessage", "message": "..."}' };
  }
  const data = Buffer.from(JSON.stringify({ from: nameOf(ctx.connectionId), message }));
  const { gone, error } = await postToAll(ctx, everyone(), data);
  // Gone without a $disconnect (a dropped network): forget them, as AWS's sample does.
  gone.forEach(forget);
  if (error) throw error;
  return { statusCode: 200 };
}

exports.handler = async (event) => {
  switch (event.requestContext.routeKey) {
    case '$connect': return connect(event);
    case '$disconnect': return disconnect(event);
    default: return sendMessage(event);
  }
};
