// Starts the graphql-ws library's reference server (the `graphql-transport-ws` sub-protocol,
// https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md) on 127.0.0.1, port 0,
// path /graphql, with graphql@14: a countdown subscription, one that fails at execution and
// a query. Prints "PORT <n>" and exits when stdin closes.
'use strict';
const ws = require('ws');
const { buildSchema } = require('graphql');
const { useServer } = require('graphql-ws/lib/use/ws');

const schema = buildSchema(`
type Query { hello: String }
type Subscription {
  countdown(from: Int!): Int
  broken: Int
}
`);

const roots = {
    query: { hello: () => 'world' },
    subscription: {
        countdown: async function* ({ from }) {
            for (let i = from; i >= 0; --i) {
                await new Promise(resolve => setTimeout(resolve, 20));
                yield { countdown: i };
            }
        },
        broken: () => { throw new Error('broken is not available'); },
    },
};

const server = new ws.Server({ host: '127.0.0.1', port: 0, path: '/graphql' }, () => {
    process.stdout.write(`PORT ${server.address().port}\n`);
});
useServer({ schema, roots }, server);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
