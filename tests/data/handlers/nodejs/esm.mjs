export const handler = async (event, context) => ({ esm: true, name: event.name, requestId: context.awsRequestId });
