#pragma once

#include "appsyncconfig.h"
#include "core/graphql/executor.h"

#include <QPointer>

#include <functional>

namespace Gatehouse::Emulator {

class DynamoStore;
class LambdaInvoker;

// What a data source answered one field: its result as JSON, or an error as AppSync types it
// ("Lambda:Unhandled", "DynamoDB:ConditionalCheckFailedException", ...).
struct AppSyncSourceAnswer
{
    bool ok = false;
    QByteArray result = "null";
    QString errorMessage;
    QString errorType;
    QByteArray errorData; // raw JSON or empty: the error's "data" (DynamoDB: the stored item)
    // $ctx.result beside $ctx.error when the call failed: AppSync's {"keys": null,
    // "cancellationReasons": [...]} for a cancelled TransactWriteItems, else null.
    QByteArray failedResult = "null";
};

// Runs the fields whose resolvers have VTL mapping templates, and pipeline resolvers, the way
// AppSync does: the request template rendered with $ctx, #return and $util.error short-circuit,
// the rendered text parsed as the data source's request, the data source called, the response
// template rendered with $ctx.result / $ctx.error, $util.appendError collected beside the value.
// A resolver of its own so the GraphQL endpoint (appsyncservice.cpp) keeps auth and dispatch.
class AppSyncTemplates
{
public:
    struct Services
    {
        LambdaInvoker *lambda = nullptr;
        QPointer<DynamoStore> dynamo;
        QPointer<QObject> context; // answers arrive on its thread; gone: the emulator is stopping
        QString apiName;
    };

    // Whether a resolver runs here (it has templates, or is a pipeline) rather than as a direct
    // Lambda resolver or a NONE pass-through of the arguments.
    static bool handles(const AppSyncResolver &resolver);

    // `base` carries arguments, source, identity, request and info; `directEvent` is the direct
    // Lambda resolver event, sent when an AWS_LAMBDA step has no request template.
    static void run(const AppSyncApiConfig &api, const AppSyncResolver &resolver,
                    const Vtl::Context &base, const QByteArray &directEvent,
                    const Services &services,
                    std::function<void(Core::GraphQL::FieldResult)> done);

    // One invocation for a resolver: the function's result, or its error typed as AppSync does
    // (a function error is Lambda:Unhandled with its errorMessage).
    static void invokeLambda(const Services &services, const QString &functionName,
                             const QByteArray &payload, const QString &fieldName,
                             std::function<void(AppSyncSourceAnswer)> done);
};

} // namespace Gatehouse::Emulator
