// Gatehouse's Lambda runtime client for Node.js handlers.
//
// Speaks the Lambda Runtime API (2018-06-01) over a keep-alive connection, loads the handler
// named by _HANDLER ("file.export", nested exports allowed) from LAMBDA_TASK_ROOT as CommonJS
// (.js, .cjs) or an ES module (.mjs, or .js under "type": "module"), supports async and
// callback-style handlers, and reports errors in the shapes the AWS Node.js runtime uses.
// Node's standard library only.
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');
const util = require('util');
const { pathToFileURL } = require('url');

const api = process.env.AWS_LAMBDA_RUNTIME_API || '';
const slash = api.indexOf('/');
const authority = slash < 0 ? api : api.slice(0, slash);
const basePath = (slash < 0 ? '' : api.slice(slash)) + '/2018-06-01/runtime';
const colon = authority.lastIndexOf(':');
const host = authority.slice(0, colon) || '127.0.0.1';
const port = Number(authority.slice(colon + 1));
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const taskRoot = process.env.LAMBDA_TASK_ROOT || process.cwd();
const MAX_RESPONSE_BYTES = 6291556;

let currentRequestId = '';

function request(method, urlPath, body, headers) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(body);
    const req = http.request({
      host, port, method, agent, path: basePath + urlPath,
      headers: Object.assign(data ? { 'Content-Length': data.length } : {}, headers || {}),
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(data);
  });
}

function writeLog(level, args) {
  const text = util.format(...args).replace(/\n/g, '\r');
  fs.writeSync(1, `${new Date().toISOString()}\t${currentRequestId || 'undefined'}\t${level}\t${text}\n`);
}

function patchConsole() {
  console.log = (...a) => writeLog('INFO', a);
  console.info = (...a) => writeLog('INFO', a);
  console.warn = (...a) => writeLog('WARN', a);
  console.error = (...a) => writeLog('ERROR', a);
  console.debug = (...a) => writeLog('DEBUG', a);
  console.trace = (...a) => writeLog('TRACE', a);
}

function toError(err) {
  if (err instanceof Error) {
    return {
      errorType: err.name || 'Error',
      errorMessage: err.message,
      trace: typeof err.stack === 'string' ? err.stack.split('\n') : [],
    };
  }
  return { errorType: typeof err, errorMessage: String(err), trace: [] };
}

class RuntimeFault extends Error {
  constructor(errorType, message, cause) {
    super(message);
    this.name = errorType;
    if (cause && cause.stack) this.stack = `${errorType}: ${message}\n${cause.stack.split('\n').slice(1).join('\n')}`;
  }
}

function findModuleFile(moduleRoot) {
  for (const ext of ['.js', '.mjs', '.cjs']) {
    const file = path.resolve(taskRoot, moduleRoot + ext);
    if (fs.existsSync(file)) return file;
  }
  return null;
}

async function loadHandler(spec) {
  const match = /^([^.]*)\.(.*)$/.exec(spec || '');
  if (!match) throw new RuntimeFault('Runtime.MalformedHandlerName', `Bad handler ${spec}`);
  const [, moduleRoot, exportPath] = match;
  const file = findModuleFile(moduleRoot);
  if (!file) {
    throw new RuntimeFault('Runtime.ImportModuleError',
      `Error: Cannot find module '${moduleRoot}'\nRequire stack:\n- ${__filename}`);
  }
  let mod;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (err) {
    if (err instanceof SyntaxError) throw new RuntimeFault('Runtime.UserCodeSyntaxError', `${err.name}: ${err.message}`, err);
    throw new RuntimeFault('Runtime.ImportModuleError', `${err.name || 'Error'}: ${err.message}`, err);
  }
  let handler = exportPath.split('.').reduce((o, k) => (o == null ? undefined : o[k]), mod);
  if (handler === undefined && mod.default) {
    handler = exportPath.split('.').reduce((o, k) => (o == null ? undefined : o[k]), mod.default);
  }
  if (typeof handler !== 'function') {
    throw new RuntimeFault('Runtime.HandlerNotFound', `${moduleRoot}.${exportPath} is undefined or not exported`);
  }
  return handler;
}

function parseHeaderJson(value) {
  if (!value) return undefined;
  return JSON.parse(value);
}

function makeContext(headers, requestId) {
  const deadline = Number(headers['lambda-runtime-deadline-ms'] || 0);
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: requestId,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    identity: parseHeaderJson(headers['lambda-runtime-cognito-identity']),
    clientContext: parseHeaderJson(headers['lambda-runtime-client-context']),
    getRemainingTimeInMillis: () => Math.max(deadline - Date.now(), 0),
  };
}

function callHandler(handler, event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn, value) => { if (!settled) { settled = true; fn(value); } };
    const callback = (err, result) => (err ? settle(reject, err) : settle(resolve, result));
    context.done = callback;
    context.succeed = (result) => settle(resolve, result);
    context.fail = (err) => settle(reject, err);
    try {
      const returned = handler(event, context, callback);
      if (returned && typeof returned.then === 'function') {
        returned.then((v) => settle(resolve, v), (e) => settle(reject, e));
      } else if (handler.length < 3) {
        settle(resolve, returned);
      }
    } catch (err) {
      settle(reject, err);
    }
  });
}

async function postError(urlPath, error) {
  writeLog('ERROR', [`Invoke Error \t${JSON.stringify({ errorType: error.errorType, errorMessage: error.errorMessage, stack: error.trace })}`]);
  await request('POST', urlPath, JSON.stringify(error), {
    'Content-Type': 'application/vnd.aws.lambda.error+json',
    'Lambda-Runtime-Function-Error-Type': error.errorType,
  });
}

async function handleOne(handler, next) {
  const requestId = next.headers['lambda-runtime-aws-request-id'];
  currentRequestId = requestId;
  if (next.headers['lambda-runtime-trace-id']) process.env._X_AMZN_TRACE_ID = next.headers['lambda-runtime-trace-id'];
  let body;
  try {
    const event = next.body.length ? JSON.parse(next.body.toString('utf8')) : null;
    const result = await callHandler(handler, event, makeContext(next.headers, requestId));
    try {
      body = JSON.stringify(result === undefined ? null : result);
    } catch (err) {
      throw new RuntimeFault('Runtime.MarshalError', `Unable to stringify response body: ${err.message}`, err);
    }
  } catch (err) {
    await postError(`/invocation/${requestId}/error`, toError(err));
    return;
  }
  await postResponse(requestId, Buffer.from(body));
}

// When the emulator's HTTP front refuses a body far over Lambda's limit before Lambda's own
// check runs, report the size error the way Lambda words it.
async function postResponse(requestId, body) {
  let status;
  try {
    status = (await request('POST', `/invocation/${requestId}/response`, body, { 'Content-Type': 'application/json' })).status;
  } catch (err) {
    if (body.length <= MAX_RESPONSE_BYTES) throw err;
    status = 413;
  }
  if (status === 413 && body.length > MAX_RESPONSE_BYTES) {
    await postError(`/invocation/${requestId}/error`, {
      errorType: 'Function.ResponseSizeTooLarge',
      errorMessage: `Response payload size (${body.length} bytes) exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
      trace: [],
    });
  }
}

async function main() {
  patchConsole();
  let handler;
  try {
    handler = await loadHandler(process.env._HANDLER);
  } catch (err) {
    await postError('/init/error', toError(err));
    process.exit(1);
  }
  for (;;) {
    const next = await request('GET', '/invocation/next');
    if (next.status !== 200) {
      fs.writeSync(1, `Runtime API answered ${next.status} to /invocation/next; stopping\n`);
      process.exit(1);
    }
    await handleOne(handler, next);
  }
}

process.on('unhandledRejection', (reason) => {
  writeLog('ERROR', [`Unhandled Promise Rejection \t${util.inspect(reason)}`]);
});

main().catch((err) => {
  fs.writeSync(2, `${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
