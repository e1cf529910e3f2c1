#include "appsynctemplates.h"

#include "dynamodbstore.h"
#include "eventjson.h"
#include "lambdainvoker.h"

#include <memory>

namespace Gatehouse::Emulator {

using EventJson::Json;
using EventJson::str;
namespace GraphQL = Core::GraphQL;

namespace {

const QString kMappingTemplate = QStringLiteral("MappingTemplate");

Json parse(const QByteArray &bytes)
{
    Json value = Json::parse(bytes.constData(), bytes.constData() + bytes.size(), nullptr, false);
    return value.is_discarded() ? Json() : value;
}

QByteArray dump(const Json &value)
{
    return QByteArray::fromStdString(value.dump(-1, ' ', false, Json::error_handler_t::replace));
}

// The rendered text as JSON, or why it is not (nlohmann's words after its "[json.exception...]").
std::optional<Json> parseRendered(const QString &text, QString *why)
{
    const std::string bytes = text.toStdString();
    try {
        return Json::parse(bytes);
    } catch (const Json::parse_error &e) {
        QString detail = QString::fromUtf8(e.what());
        if (const qsizetype at = detail.indexOf(QLatin1String("] ")); at >= 0)
            detail = detail.mid(at + 2);
        *why = detail;
        return std::nullopt;
    }
}

// One step of a field: a unit resolver's data source and templates, or a pipeline function's.
struct Step
{
    AppSyncMappingTemplates templates;
    AppSyncDataSource source;
};

// One field's run through its templates; keeps itself alive across data source calls.
class Run : public std::enable_shared_from_this<Run>
{
public:
    AppSyncTemplates::Services services;
    QString fieldName;
    Vtl::Context ctx;
    QByteArray directEvent;
    bool pipeline = false;
    std::optional<Vtl::Template> before; // a pipeline's request template
    std::optional<Vtl::Template> after;  // and its response template
    QList<Step> steps;
    qsizetype current = 0;
    QList<Vtl::FieldError> appended;
    std::function<void(GraphQL::FieldResult)> done;

    void start()
    {
        if (!pipeline) {
            runStep();
            return;
        }
        std::optional<Vtl::Output> out = render(*before);
        if (!out)
            return;
        if (out->returned) {
            finish(out->returnValue);
            return;
        }
        // The before template's result is the first function's $ctx.prev.result.
        std::optional<Json> value = asRequest(out->text);
        if (!value)
            return;
        ctx.prevResult = dump(*value);
        runStep();
    }

private:
    // Renders with the current $ctx; the stash and appended errors carry on. nullopt when the
    // field already failed ($util.error, or the template could not run).
    std::optional<Vtl::Output> render(const Vtl::Template &tmpl)
    {
        Core::Result<Vtl::Output> out = Vtl::render(tmpl, ctx);
        if (!out) {
            fail(out.error().message, kMappingTemplate);
            return std::nullopt;
        }
        ctx.stash = out->stash;
        appended.append(out->appended);
        if (out->failed) {
            const Vtl::FieldError &e = out->error;
            fail(e.message, e.type, e.data, e.info);
            return std::nullopt;
        }
        return std::move(out.value());
    }

    // A request template's text is the data source's request: AppSync refuses what is not JSON.
    std::optional<Json> asRequest(const QString &text)
    {
        QString why;
        std::optional<Json> value = parseRendered(text, &why);
        if (!value)
            fail(QStringLiteral("Unable to parse the JSON document: '%1'").arg(why),
                 kMappingTemplate);
        return value;
    }

    void runStep()
    {
        const Step &step = steps.at(current);
        ctx.result = "null";
        ctx.error = "null";
        Json request;
        if (step.templates.request) {
            std::optional<Vtl::Output> out = render(*step.templates.request);
            if (!out)
                return;
            if (out->returned) {
                // #return in a request template skips the data source and the response template.
                stepDone(out->returnValue);
                return;
            }
            std::optional<Json> value = asRequest(out->text);
            if (!value)
                return;
            request = std::move(*value);
        } else if (step.source.type == AppSyncDataSource::Type::None) {
            request = Json{{"payload", parse(ctx.arguments)}}; // the pass-through NONE resolver
        } else {
            request = Json{{"operation", "Invoke"}, {"payload", liveEvent()}};
        }
        dispatch(step.source, request);
    }

    // The direct Lambda event with the stash as it is now, and in a pipeline the previous step's
    // result as prev.result, as a pipeline function without a request template receives them.
    Json liveEvent() const
    {
        Json event = parse(directEvent);
        if (event.is_object()) {
            event["stash"] = parse(ctx.stash);
            if (pipeline)
                event["prev"] = Json{{"result", parse(ctx.prevResult)}};
        }
        return event;
    }

    void dispatch(const AppSyncDataSource &source, const Json &request)
    {
        if (!request.is_object()) {
            fail(QStringLiteral("The request mapping template must render a JSON object, not %1.")
                     .arg(QString::fromStdString(request.dump())),
                 kMappingTemplate);
            return;
        }
        switch (source.type) {
        case AppSyncDataSource::Type::None: {
            AppSyncSourceAnswer answer;
            answer.ok = true;
            answer.result = dump(request.value("payload", Json()));
            respond(answer);
            return;
        }
        case AppSyncDataSource::Type::Lambda:
            invoke(source, request);
            return;
        case AppSyncDataSource::Type::DynamoDb: {
            AppSyncSourceAnswer answer;
            if (!services.dynamo) {
                fail(QStringLiteral("The emulator is stopping."), QStringLiteral("InternalFailure"));
                return;
            }
            const DynamoStore::CallResult result =
                services.dynamo->appSync(source.tableName, dump(request));
            answer.ok = result.ok;
            answer.result = result.ok ? result.body : QByteArray("null");
            if (!result.ok && !result.body.isEmpty())
                answer.failedResult = result.body;
            answer.errorMessage = result.error.message;
            // AppSync's own refusal of the document is "MappingTemplate"; only what DynamoDB
            // said carries the data source's prefix.
            answer.errorType = result.error.type == kMappingTemplate
                                   ? result.error.type
                                   : QStringLiteral("DynamoDB:") + result.error.type;
            if (!result.ok && result.error.item != "null")
                answer.errorData = result.error.item;
            respond(answer);
            return;
        }
        }
    }

    void invoke(const AppSyncDataSource &source, const Json &request)
    {
        const std::string operation = request.value("operation", Json()).is_string()
                                          ? request["operation"].get<std::string>()
                                          : std::string();
        const bool batch = operation == "BatchInvoke";
        if (operation.empty()) {
            // AppSync's troubleshooting guide quotes this for a document without "operation".
            fail(QStringLiteral("Value for field '$[operation]' not found."), kMappingTemplate);
            return;
        }
        if (!batch && operation != "Invoke") {
            fail(QStringLiteral("Unsupported operation '%1'. Lambda Resolver only supports "
                                "'Invoke' and 'BatchInvoke' operations.")
                     .arg(QString::fromStdString(operation)),
                 kMappingTemplate);
            return;
        }
        // Without "payload" AppSync sends the whole context, which is the direct event's content.
        Json payload = request.contains("payload") ? request["payload"] : liveEvent();
        // The emulator resolves list items one by one, so a batch holds this field's payload only.
        if (batch)
            payload = Json::array({std::move(payload)});
        AppSyncTemplates::invokeLambda(
            services, source.functionName, dump(payload), fieldName,
            [self = shared_from_this(), batch](AppSyncSourceAnswer answer) {
                if (answer.ok && batch) {
                    const Json list = parse(answer.result);
                    if (!list.is_array() || list.size() != 1) {
                        answer.ok = false;
                        answer.errorType = QStringLiteral("Lambda:Unhandled");
                        answer.errorMessage = QStringLiteral(
                            "A BatchInvoke function must return a list with one result per "
                            "payload; this one answered %1.")
                                                  .arg(QString::fromUtf8(answer.result.left(200)));
                    } else {
                        answer.result = dump(list.front());
                    }
                }
                self->respond(answer);
            });
    }

    void respond(const AppSyncSourceAnswer &answer)
    {
        const Step &step = steps.at(current);
        ctx.result = answer.ok ? answer.result : answer.failedResult;
        ctx.error = answer.ok ? QByteArray("null")
                              : dump(Json{{"message", str(answer.errorMessage)},
                                          {"type", str(answer.errorType)}});
        if (!step.templates.response) {
            if (!answer.ok)
                fail(answer.errorMessage, answer.errorType, answer.errorData);
            else
                stepDone(answer.result);
            return;
        }
        std::optional<Vtl::Output> out = render(*step.templates.response);
        if (!out)
            return;
        // A data source error the template did not raise still fails the field.
        if (!answer.ok) {
            fail(answer.errorMessage, answer.errorType, answer.errorData);
            return;
        }
        if (out->returned) {
            stepDone(out->returnValue);
            return;
        }
        std::optional<QByteArray> value = asResult(out->text);
        if (value)
            stepDone(*value);
    }

    // A response template's text is the field's value; AppSync's words when it is not JSON.
    std::optional<QByteArray> asResult(const QString &text)
    {
        if (text.trimmed().isEmpty())
            return QByteArray("null");
        QString why;
        if (std::optional<Json> value = parseRendered(text, &why))
            return dump(*value);
        fail(QStringLiteral("Unable to convert %1 to class java.lang.Object.").arg(text),
             kMappingTemplate);
        return std::nullopt;
    }

    void stepDone(const QByteArray &value)
    {
        if (!pipeline) {
            finish(value);
            return;
        }
        ctx.prevResult = value;
        if (++current < steps.size()) {
            runStep();
            return;
        }
        ctx.result = value; // the after template reads $ctx.prev.result (and $ctx.result)
        ctx.error = "null";
        std::optional<Vtl::Output> out = render(*after);
        if (!out)
            return;
        if (out->returned) {
            finish(out->returnValue);
            return;
        }
        if (std::optional<QByteArray> result = asResult(out->text))
            finish(*result);
    }

    void withAppended(GraphQL::FieldResult *result) const
    {
        for (const Vtl::FieldError &e : appended)
            result->appendedErrors.append({e.message, e.type, e.info, e.data});
    }

    void finish(const QByteArray &value)
    {
        GraphQL::FieldResult result;
        result.value = value;
        withAppended(&result);
        done(std::move(result));
    }

    void fail(const QString &message, const QString &type, const QByteArray &data = {},
              const QByteArray &info = {})
    {
        GraphQL::FieldResult result = GraphQL::FieldResult::error(message, type);
        result.errorData = data == "null" ? QByteArray() : data;
        result.errorInfo = info == "null" ? QByteArray() : info;
        withAppended(&result);
        done(std::move(result));
    }
};

} // namespace

bool AppSyncTemplates::handles(const AppSyncResolver &resolver)
{
    return resolver.kind == AppSyncResolver::Kind::Pipeline || resolver.templates.any();
}

void AppSyncTemplates::run(const AppSyncApiConfig &api, const AppSyncResolver &resolver,
                           const Vtl::Context &base, const QByteArray &directEvent,
                           const Services &services,
                           std::function<void(GraphQL::FieldResult)> done)
{
    auto run = std::make_shared<Run>();
    run->services = services;
    run->fieldName = resolver.typeName + QLatin1Char('.') + resolver.fieldName;
    run->ctx = base;
    run->directEvent = directEvent;
    run->done = std::move(done);
    switch (resolver.kind) {
    case AppSyncResolver::Kind::Unit:
        run->steps.append({resolver.templates, *api.dataSource(resolver.dataSource)});
        break;
    case AppSyncResolver::Kind::Pipeline:
        run->pipeline = true;
        run->before = resolver.templates.request;
        run->after = resolver.templates.response;
        for (const QString &id : resolver.functions) {
            const AppSyncFunction *function = api.function(id);
            run->steps.append({function->templates, *api.dataSource(function->dataSource)});
        }
        break;
    }
    run->start();
}

void AppSyncTemplates::invokeLambda(const Services &services, const QString &functionName,
                                    const QByteArray &payload, const QString &fieldName,
                                    std::function<void(AppSyncSourceAnswer)> done)
{
    InvokeRequest invoke;
    const qsizetype colon = functionName.indexOf(QLatin1Char(':'));
    invoke.functionName = colon < 0 ? functionName : functionName.left(colon);
    invoke.payload = payload;
    invoke.source = QStringLiteral("%1 (AppSync API %2)").arg(fieldName, services.apiName);
    if (!services.context) {
        AppSyncSourceAnswer stopping;
        stopping.errorMessage = QStringLiteral("The emulator is stopping.");
        stopping.errorType = QStringLiteral("InternalFailure");
        done(stopping);
        return;
    }
    services.lambda->invoke(
        invoke, services.context, [done = std::move(done)](const InvokeResult &result) {
            AppSyncSourceAnswer answer;
            if (result.error.isError()) {
                answer.errorMessage = result.error.message;
                answer.errorType = QStringLiteral("Lambda:") +
                                   (result.error.awsCode.isEmpty()
                                        ? QStringLiteral("ServiceException")
                                        : result.error.awsCode);
                done(answer);
                return;
            }
            if (!result.functionError.isEmpty()) {
                // The function's error document {"errorMessage", "errorType", ...}: AppSync
                // reports an unhandled error as Lambda:Unhandled with its message.
                const Json error = parse(result.payload);
                answer.errorMessage =
                    error.is_object() && error.value("errorMessage", Json()).is_string()
                        ? QString::fromStdString(error["errorMessage"].get<std::string>())
                        : QString::fromUtf8(result.payload);
                answer.errorType = QStringLiteral("Lambda:Unhandled");
                done(answer);
                return;
            }
            answer.result =
                result.payload.trimmed().isEmpty() ? QByteArray("null") : result.payload;
            if (parse(answer.result).is_null() && answer.result.trimmed() != "null") {
                answer.errorMessage = QStringLiteral("The function's response is not JSON.");
                answer.errorType = QStringLiteral("Lambda:Unhandled");
                done(answer);
                return;
            }
            answer.ok = true;
            done(answer);
        });
}

} // namespace Gatehouse::Emulator
