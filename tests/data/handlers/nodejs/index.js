'use strict';

console.log('index module loaded');

exports.handler = async (event, context) => {
  console.log('node saw', event.name);
  return { hello: event.name, requestId: context.awsRequestId, functionName: context.functionName, pid: process.pid };
};

exports.fail = async () => {
  throw new Error('the node bakery is closed');
};

exports.callback = (event, context, callback) => {
  setTimeout(() => callback(null, { via: 'callback', n: event.n }), 1);
};

exports.huge = async () => 'x'.repeat(20 * 1024 * 1024);
