// Starts AWS Amplify's AppSync simulator (amplify-appsync-simulator) on 127.0.0.1 with a
// small travel API for Gatehouse's GraphQL transport tests: a NONE data source with VTL
// templates, API_KEY by default plus AWS_IAM, AMAZON_COGNITO_USER_POOLS and OPENID_CONNECT
// (issuer https://issuer.example or $APPSYNC_SIM_OIDC_ISSUER), and a subscription fired by a mutation (@aws_subscribe).
// Prints "PORT <n>" and exits when stdin closes, so a test never leaves it behind.
//
// The simulator binds every interface and picks its ports from 8900-9999 itself (probing
// them with get-port, which listens on every interface too). Every listen in this process is
// made to take 127.0.0.1, port 0 instead: the HTTP and real-time server (one http.Server), the
// MQTT server of the retired MQTT subscriptions, and get-port's probes.
'use strict';
const net = require('net');

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
    const callback = args.find(a => typeof a === 'function');
    return callback ? listen.call(this, { port: 0, host: '127.0.0.1' }, callback)
                    : listen.call(this, { port: 0, host: '127.0.0.1' });
};

const { AmplifyAppSyncSimulator } = require('amplify-appsync-simulator');

const apiKey = process.env.APPSYNC_SIM_API_KEY || 'da2-gatehousetestkey0000000001';

// As on AppSync, a mode other than the default (API_KEY) reaches only what its directive
// names, so every type carries all four.
const modes = '@aws_api_key @aws_iam @aws_cognito_user_pools @aws_oidc';
const schema = `
type Activity ${modes} { id: ID! destination: String! name: String! }
type Destination ${modes} { name: String! weather: String activities: [String] }
type Query ${modes} {
  getDestination(name: String!): Destination
  failing: String
}
type Mutation ${modes} { addActivity(destination: String!, name: String!): Activity }
type Subscription ${modes} {
  onActivityAdded(destination: String): Activity @aws_subscribe(mutations: ["addActivity"])
}
schema { query: Query mutation: Mutation subscription: Subscription }
`;

const echoArguments = '{"version":"2018-05-29","payload":$util.toJson($ctx.arguments)}';
const passResult = '$util.toJson($ctx.result)';

async function main() {
    const simulator = new AmplifyAppSyncSimulator({ port: 0, wsPort: 0 });
    simulator.init({
        appSync: {
            name: 'gatehouse-test',
            apiKey,
            defaultAuthenticationType: { authenticationType: 'API_KEY' },
            additionalAuthenticationProviders: [
                { authenticationType: 'AWS_IAM' },
                { authenticationType: 'AMAZON_COGNITO_USER_POOLS', cognitoUserPoolConfig: {} },
                { authenticationType: 'OPENID_CONNECT',
                  openIDConnectConfig: {
                      Issuer: process.env.APPSYNC_SIM_OIDC_ISSUER || 'https://issuer.example',
                      ClientId: 'gatehouse' } },
            ],
        },
        schema: { content: schema },
        dataSources: [{ type: 'NONE', name: 'none' }],
        resolvers: [
            { kind: 'UNIT', typeName: 'Query', fieldName: 'getDestination', dataSourceName: 'none',
              requestMappingTemplate:
                  '{"version":"2018-05-29","payload":{"name":$util.toJson($ctx.arguments.name),' +
                  '"weather":"sunny","activities":["hiking","kayaking"]}}',
              responseMappingTemplate: passResult },
            { kind: 'UNIT', typeName: 'Query', fieldName: 'failing', dataSourceName: 'none',
              requestMappingTemplate: echoArguments,
              responseMappingTemplate: '$util.error("the failing field always fails", "TestError")' },
            { kind: 'UNIT', typeName: 'Mutation', fieldName: 'addActivity', dataSourceName: 'none',
              requestMappingTemplate:
                  '{"version":"2018-05-29","payload":{"id":"$util.autoId()",' +
                  '"destination":$util.toJson($ctx.arguments.destination),' +
                  '"name":$util.toJson($ctx.arguments.name)}}',
              responseMappingTemplate: passResult },
        ],
    });
    await simulator.start();
    const address = simulator._server._httpServer.address();
    process.stdout.write(`PORT ${address.port}\n`);
    process.stdin.resume();
    process.stdin.on('end', () => process.exit(0));
    process.stdin.on('close', () => process.exit(0));
}

main().catch(error => {
    process.stderr.write(`appsync simulator did not start: ${error.stack || error}\n`);
    process.exit(1);
});
