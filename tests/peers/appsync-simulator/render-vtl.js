// Renders AppSync mapping templates with the VTL renderer of AWS Amplify's AppSync simulator
// (amplify-appsync-simulator's lib/velocity, built on velocityjs), as an oracle for Gatehouse's
// own engine (tst_vtl). One JSON request per stdin line:
//   {"template": "...", "context": {"arguments": {}, "source": null, "identity": null,
//    "stash": {}, "result": null, "prevResult": null, "error": null}, "fieldName": "f",
//    "selection": ["id", "title"]}
// (the selection is the field's selection set; $util.error filters its data by it, as AppSync does)
// and one JSON answer per stdout line:
//   {"text": "...", "isReturn": false, "errors": [{message,type,data,info}], "stash": {},
//    "exception": null | "what was thrown"}
// It works on stdin/stdout only (no network) and exits when stdin closes.
'use strict';
const readline = require('readline');
const { VelocityTemplate } = require('amplify-appsync-simulator/lib/velocity');
const { map: toJava } = require('amplify-appsync-simulator/lib/velocity/value-mapper/mapper');

// The simulator's render() parses the text as JSON itself; the raw text is what Gatehouse's
// engine produces, so the compiler is driven the same way render() drives it.
function renderOne(request) {
    const fieldName = request.fieldName || 'field';
    const selections = (request.selection || []).map(name => ({ kind: 'Field', name: { kind: 'Name', value: name } }));
    const fieldNode = {
        kind: 'Field',
        name: { kind: 'Name', value: fieldName },
        loc: { startToken: { line: 1, column: 1 }, source: { name: 'GraphQL request' } },
    };
    if (selections.length)
        fieldNode.selectionSet = { kind: 'SelectionSet', selections };
    const info = {
        fieldName,
        fieldNodes: [fieldNode],
        parentType: request.parentTypeName || 'Query',
        variableValues: {},
        fragments: {},
        path: { key: fieldName },
        operation: { selectionSet: { selections: [fieldNode] } },
    };
    const requestContext = { headers: request.headers || {}, requestAuthorizationMode: 'API_KEY' };
    const c = request.context || {};
    const ctxValues = {
        arguments: c.arguments || {},
        source: c.source === undefined ? null : c.source,
        result: c.result === undefined ? null : c.result,
        stash: c.stash || {},
        prevResult: c.prevResult,
        error: c.error || null,
    };
    let template;
    try {
        template = new VelocityTemplate({ content: request.template }, {});
    } catch (e) {
        return { parseError: String(e.message) };
    }
    const context = template.buildRenderContext(ctxValues, requestContext, info);
    // The simulator derives $ctx.identity from a real request's token; the test hands it over.
    if (c.identity !== undefined)
        context.ctx.identity = toJava(c.identity);
    let text = null;
    let exception = null;
    try {
        text = template.compiler.render(context);
    } catch (e) {
        exception = String(e && e.message);
    }
    return {
        text,
        isReturn: !!template.compiler._state.return,
        errors: context.util.errors.map(e => ({
            message: e.message, type: e.errorType === undefined ? null : e.errorType,
            data: e.data === undefined ? null : e.data,
            info: e.errorInfo === undefined ? null : e.errorInfo })),
        stash: context.ctx.stash.toJSON(),
        exception,
    };
}

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', line => {
    if (!line.trim())
        return;
    let answer;
    try {
        answer = renderOne(JSON.parse(line));
    } catch (e) {
        answer = { exception: 'render-vtl.js: ' + String(e && e.message) };
    }
    process.stdout.write(JSON.stringify(answer) + '\n');
});
lines.on('close', () => process.exit(0));
