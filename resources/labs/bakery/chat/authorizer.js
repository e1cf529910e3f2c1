// bakeryWebSocketChatAuthorizer: the chat's Lambda REQUEST authorizer.
//
// API Gateway calls it before $connect with the handshake's query string (the identity source
// route.request.querystring.token). It answers an IAM policy for the connection's methodArn,
// arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/$connect: Allow lets the customer in,
// Deny makes API Gateway refuse the handshake with 403. principalId and context then travel with
// every event of the connection as requestContext.authorizer.
'use strict';

exports.handler = async (event) => {
  const token = (event.queryStringParameters || {}).token;
  const allowed = token !== undefined && token === process.env.CHAT_TOKEN;
  return {
    principalId: 'customer',
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{
        Action: 'execute-api:Invoke',
        Effect: allowed ? 'Allow' : 'Deny',
        Resource: event.methodArn,
      }],
    },
    context: { role: 'customer' },
  };
};
