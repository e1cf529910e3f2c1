#include "executor.h"

#include "executorinput.h"
#include "parser.h"
#include "printer.h"
#include "validation.h"

#include <QHash>
#include <QSet>
#include <cmath>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

namespace Gatehouse::Core::GraphQL {

namespace {

using ExecutorInput::coerceVariables;
using ExecutorInput::InputCoercion;
using ExecutorInput::Json;
using ExecutorInput::qstr;
using ExecutorInput::str;

Json parseJson(const QByteArray &bytes)
{
    Json value = Json::parse(bytes.constData(), bytes.constData() + bytes.size(), nullptr, false);
    return value.is_discarded() ? Json() : value;
}

QByteArray dump(const Json &value)
{
    return QByteArray::fromStdString(value.dump(-1, ' ', false, Json::error_handler_t::replace));
}

// A field error's location as AppSync writes it, with "sourceName": null (an AppSync answer
// quoted in aws/aws-appsync-community#209).
Json locationJson(const Document &doc, Span span)
{
    const SourcePosition p = doc.position(span.start);
    return Json::array({Json{{"line", p.line}, {"column", p.column}, {"sourceName", nullptr}}});
}

// A path position and whether a null there is allowed; the chain from the root decides how far
// a null in a non-null position travels.
struct Step
{
    Json key;
    bool nonNull = false;
};
using Path = std::vector<Step>;

Json pathJson(const Path &path)
{
    Json out = Json::array();
    for (const Step &s : path)
        out.push_back(s.key);
    return out;
}

QString pathText(const Path &path)
{
    QString out;
    for (const Step &s : path)
        out += QLatin1Char('/') + (s.key.is_string() ? qstr(s.key.get<std::string>())
                                                     : QString::number(s.key.get<int>()));
    return out;
}

// Which fields of a selection set answer under which response key, in order (CollectFields).
using FieldGroup = std::vector<const Selection *>;
using Collected = std::vector<std::pair<QString, FieldGroup>>;

struct Counter
{
    int pending = 0;
    std::function<void()> then;
    void hold() { ++pending; }
    void release()
    {
        if (--pending == 0 && then) {
            auto next = std::move(then);
            then = nullptr;
            next();
        }
    }
};

} // namespace

struct Executor::Shared
{
    std::shared_ptr<const Schema> schema;
    mutable std::optional<Json> introspection; // {"__schema": ...}
    mutable QHash<QString, int> introspectionTypes;

    const Json &introspectionJson() const
    {
        if (!introspection) {
            introspection = parseJson(schema->toIntrospectionJson());
            const Json &types = (*introspection)["__schema"]["types"];
            for (size_t i = 0; types.is_array() && i < types.size(); ++i)
                introspectionTypes.insert(qstr(types[i].value("name", std::string())), int(i));
        }
        return *introspection;
    }
    Json introspectionType(const QString &name) const
    {
        const Json &all = introspectionJson();
        const auto it = introspectionTypes.constFind(name);
        return it == introspectionTypes.constEnd() ? Json() : all["__schema"]["types"][size_t(*it)];
    }
};

namespace {

class Run : public std::enable_shared_from_this<Run>
{
public:
    std::shared_ptr<const Executor::Shared> shared;
    const Schema *schema = nullptr;
    Document doc;
    const OperationDefinition *op = nullptr;
    QHash<QString, const FragmentDefinition *> fragments;
    Json variables = Json::object();
    Json data = Json::object();
    Json errors = Json::array();
    std::shared_ptr<FieldResolver> resolver;
    std::function<void(QByteArray)> done;

    InputCoercion input() const { return InputCoercion(schema, variables); }

    // ---- field collection ---------------------------------------------------------------

    bool included(const std::vector<Directive> &directives) const
    {
        for (const Directive &d : directives) {
            const bool skip = d.name.value == QLatin1String("skip");
            if (!skip && d.name.value != QLatin1String("include"))
                continue;
            for (const Argument &a : d.arguments) {
                if (a.name.value != QLatin1String("if"))
                    continue;
                const Json v = input().literalJson(a.value);
                const bool condition = v.is_boolean() && v.get<bool>();
                if (skip == condition)
                    return false;
            }
        }
        return true;
    }

    bool fragmentApplies(const NamedType &object, const QString &condition) const
    {
        if (condition.isEmpty() || condition == object.name)
            return true;
        const NamedType *t = schema->type(condition);
        return t && t->isAbstract() && schema->isPossibleType(*t, object.name);
    }

    void collect(const NamedType &object, const SelectionSet &set, Collected *out,
                 QSet<QString> *visited) const
    {
        for (const Selection &s : set.selections) {
            if (!included(s.directives))
                continue;
            switch (s.kind) {
            case Selection::Kind::Field: {
                const QString key = s.responseName().value;
                auto it = std::find_if(out->begin(), out->end(),
                                       [&](const auto &e) { return e.first == key; });
                if (it == out->end())
                    out->push_back({key, {&s}});
                else
                    it->second.push_back(&s);
                break;
            }
            case Selection::Kind::FragmentSpread: {
                if (visited->contains(s.name.value))
                    break;
                visited->insert(s.name.value);
                const FragmentDefinition *f = fragments.value(s.name.value);
                if (f && fragmentApplies(object, f->typeCondition.value))
                    collect(object, f->selectionSet, out, visited);
                break;
            }
            case Selection::Kind::InlineFragment:
                if (fragmentApplies(object, s.typeCondition ? s.typeCondition->value : QString()))
                    collect(object, s.selectionSet, out, visited);
                break;
            }
        }
    }

    Collected collectGroup(const NamedType &object, const FieldGroup &group) const
    {
        Collected out;
        QSet<QString> visited;
        for (const Selection *s : group)
            collect(object, s->selectionSet, &out, &visited);
        return out;
    }

    // AppSync's info.selectionSetList: field names (not aliases), nested as "a/b", fragments
    // expanded for every type the field may return.
    void selectionList(const NamedType &type, const FieldGroup &group, const QString &prefix,
                       QStringList *out) const
    {
        for (const NamedType *object : schema->possibleTypes(type)) {
            for (const auto &[key, fields] : collectGroup(*object, group)) {
                const QString name = fields.front()->name.value;
                if (name == QLatin1String("__typename"))
                    continue;
                const QString entry = prefix + name;
                if (!out->contains(entry))
                    out->append(entry);
                const FieldDef *def = schema->fieldFor(*object, name);
                if (const NamedType *inner = def ? schema->type(def->type.name) : nullptr;
                    inner && inner->isComposite())
                    selectionList(*inner, fields, entry + QLatin1Char('/'), out);
            }
        }
    }

    QString selectionGraphQL(const Selection &field) const
    {
        if (field.selectionSet.selections.empty())
            return {};
        OperationDefinition shorthand;
        shorthand.shorthand = true;
        shorthand.selectionSet = field.selectionSet;
        return Printer::print(Definition(shorthand)).trimmed();
    }

    // ---- result tree ---------------------------------------------------------------------

    Json *at(const Path &path)
    {
        Json *node = &data;
        for (const Step &s : path) {
            if (node->is_null())
                return nullptr;
            if (s.key.is_string()) {
                if (!node->is_object())
                    return nullptr;
                auto it = node->find(s.key.get<std::string>());
                if (it == node->end())
                    return nullptr;
                node = &*it;
            } else {
                const size_t i = s.key.get<size_t>();
                if (!node->is_array() || i >= node->size())
                    return nullptr;
                node = &(*node)[i];
            }
        }
        return node;
    }

    void set(const Path &path, Json value)
    {
        if (Json *slot = at(path))
            *slot = std::move(value);
    }

    void addError(const QString &message, const Path &path, const FieldGroup &group,
                  const QString &errorType = {}, const QByteArray &errorInfo = {},
                  const QByteArray &errorData = {})
    {
        Json e = Json::object();
        e["path"] = pathJson(path);
        e["data"] = errorData.isEmpty() ? Json() : parseJson(errorData);
        e["errorType"] = errorType.isEmpty() ? Json() : Json(str(errorType));
        e["errorInfo"] = errorInfo.isEmpty() ? Json() : parseJson(errorInfo);
        e["locations"] = group.empty() ? Json::array() : locationJson(doc, group.front()->span);
        e["message"] = str(message);
        errors.push_back(std::move(e));
    }

    // A null where none may be: the nearest nullable position above becomes null.
    void nullUp(Path path)
    {
        while (!path.empty() && path.back().nonNull)
            path.pop_back();
        if (path.empty())
            data = nullptr;
        else
            set(path, nullptr);
    }

    // ---- execution -----------------------------------------------------------------------

    void executeFields(const NamedType &object, const Collected &fields, const Json &source,
                       const Path &path, const std::shared_ptr<Counter> &counter)
    {
        Json shape = Json::object();
        for (const auto &[key, group] : fields)
            shape[str(key)] = nullptr;
        set(path, std::move(shape));
        for (const auto &[key, group] : fields)
            executeField(object, group, source, path, key, counter);
    }

    void executeField(const NamedType &object, const FieldGroup &group, const Json &source,
                      const Path &parentPath, const QString &key,
                      const std::shared_ptr<Counter> &counter)
    {
        const Selection &node = *group.front();
        const QString name = node.name.value;
        const FieldDef *def = schema->fieldFor(object, name);
        Path path = parentPath;
        path.push_back({str(key), def && def->type.isNonNull()});
        if (!def) {
            addError(QStringLiteral("Field '%1' in type '%2' is undefined").arg(name, object.name),
                     path, group);
            nullUp(path);
            return;
        }
        if (name == QLatin1String("__typename")) {
            set(path, str(object.name));
            return;
        }
        if (!object.name.startsWith(QLatin1String("__")) && !name.startsWith(QLatin1String("__")) &&
            !resolver->allows(object, *def)) {
            addError(
                QStringLiteral("Not Authorized to access %1 on type %2").arg(name, object.name),
                path, group, QStringLiteral("Unauthorized"));
            nullUp(path);
            return;
        }
        Json args;
        if (auto e = input().coerceArguments(def->arguments, node.arguments, &args)) {
            addError(*e, path, group, QStringLiteral("ValidationError"));
            nullUp(path);
            return;
        }
        if (std::optional<Json> value = introspect(object, name, args, source)) {
            complete(def->type, group, *value, path, object.name, counter);
            return;
        }
        if (!resolver->resolves(object.name, name)) {
            const Json value = source.is_object() ? source.value(str(name), Json()) : Json();
            complete(def->type, group, value, path, object.name, counter);
            return;
        }
        FieldRequest request;
        request.operation = op->operation;
        request.parentTypeName = object.name;
        request.fieldName = name;
        request.arguments = dump(args);
        request.source = dump(source);
        request.variables = dump(variables);
        request.path = dump(pathJson(path));
        if (const NamedType *inner = schema->type(def->type.name); inner && inner->isComposite())
            selectionList(*inner, group, QString(), &request.selectionSetList);
        request.selectionSetGraphQL = selectionGraphQL(node);
        counter->hold();
        const TypeExpr type = def->type;
        resolver->resolve(request, [self = shared_from_this(), type, group, path,
                                    parent = object.name, counter](FieldResult result) {
            for (const FieldResult::Error &e : std::as_const(result.appendedErrors))
                self->addError(e.message, path, group, e.type, e.info, e.data);
            if (result.failed) {
                self->addError(result.errorMessage, path, group, result.errorType, result.errorInfo,
                               result.errorData);
                if (type.isNonNull())
                    self->nullUp(path);
                else
                    self->set(path, nullptr);
            } else {
                self->complete(type, group, parseJson(result.value), path, parent, counter);
            }
            counter->release();
        });
    }

    // Introspection's own fields; nullopt for every other field.
    std::optional<Json> introspect(const NamedType &object, const QString &name, const Json &args,
                                   const Json &source) const
    {
        if (object.name == schema->rootTypeName(OperationType::Query)) {
            if (name == QLatin1String("__schema"))
                return shared->introspectionJson()["__schema"];
            if (name == QLatin1String("__type"))
                return shared->introspectionType(qstr(args.value("name", std::string())));
        }
        if (!object.name.startsWith(QLatin1String("__")) || !source.is_object())
            return std::nullopt;
        const bool listsDeprecated =
            name == QLatin1String("fields") || name == QLatin1String("enumValues") ||
            name == QLatin1String("args") || name == QLatin1String("inputFields");
        if (!listsDeprecated)
            return std::nullopt;
        const Json all = source.value(str(name), Json());
        if (!all.is_array() || args.value("includeDeprecated", false))
            return all;
        Json kept = Json::array();
        for (const Json &item : all) {
            if (!item.value("isDeprecated", false))
                kept.push_back(item);
        }
        return kept;
    }

    // `parent` is the object type whose field this is, for the message about a null.
    void complete(const TypeExpr &type, const FieldGroup &group, const Json &value,
                  const Path &path, const QString &parent, const std::shared_ptr<Counter> &counter)
    {
        if (type.isNonNull()) {
            if (value.is_null()) {
                addError(
                    QStringLiteral(
                        "Cannot return null for non-nullable type: '%1' within parent '%2' (%3)")
                        .arg(type.inner().toString(), parent, pathText(path)),
                    path, group);
                nullUp(path);
                return;
            }
            complete(type.inner(), group, value, path, parent, counter);
            return;
        }
        if (value.is_null()) {
            set(path, nullptr);
            return;
        }
        if (type.isList()) {
            if (!value.is_array()) {
                fieldError(QStringLiteral(
                               "Can't resolve value (%1) : type mismatch error, expected type LIST")
                               .arg(pathText(path)),
                           type, group, path);
                return;
            }
            set(path, Json::array());
            if (Json *slot = at(path))
                *slot = Json(value.size(), nullptr);
            const TypeExpr inner = type.inner();
            for (size_t i = 0; i < value.size(); ++i) {
                Path itemPath = path;
                itemPath.push_back({Json(i), inner.isNonNull()});
                complete(inner, group, value[i], itemPath, parent, counter);
            }
            return;
        }
        const NamedType *named = schema->type(type.name);
        if (!named) {
            fieldError(QStringLiteral("Unknown type %1").arg(type.name), type, group, path);
            return;
        }
        if (named->isLeaf()) {
            Json out;
            if (std::optional<QString> e = serialize(*named, value, &out)) {
                fieldError(*e, type, group, path);
                return;
            }
            set(path, std::move(out));
            return;
        }
        const NamedType *object = runtimeType(*named, value);
        if (!object) {
            fieldError(QStringLiteral("Could not resolve the type of %1: the value has no "
                                      "__typename naming one of its "
                                      "possible types")
                           .arg(pathText(path)),
                       type, group, path);
            return;
        }
        Json source = value;
        if (object->name == QLatin1String("__Type") && value.is_object() &&
            value.value("name", Json()).is_string()) {
            const Json full = shared->introspectionType(qstr(value["name"].get<std::string>()));
            if (!full.is_null())
                source = full;
        }
        executeFields(*object, collectGroup(*object, group), source, path, counter);
    }

    void fieldError(const QString &message, const TypeExpr &type, const FieldGroup &group,
                    const Path &path)
    {
        Q_UNUSED(type);
        addError(message, path, group);
        nullUp(path);
    }

    const NamedType *runtimeType(const NamedType &declared, const Json &value) const
    {
        if (declared.kind == TypeKind::Object)
            return &declared;
        const std::vector<const NamedType *> possible = schema->possibleTypes(declared);
        if (value.is_object() && value.contains("__typename") && value["__typename"].is_string()) {
            const QString name = qstr(value["__typename"].get<std::string>());
            for (const NamedType *t : possible) {
                if (t->name == name)
                    return t;
            }
            return nullptr;
        }
        return possible.size() == 1 ? possible.front() : nullptr;
    }

    std::optional<QString> serialize(const NamedType &type, const Json &value, Json *out) const
    {
        const QString bad = QStringLiteral("Can't serialize value: %1 cannot represent %2")
                                .arg(type.name, qstr(value.dump()));
        if (type.kind == TypeKind::Enum) {
            if (!value.is_string() || !type.enumValue(qstr(value.get<std::string>())))
                return bad;
            *out = value;
            return std::nullopt;
        }
        if (type.name == QLatin1String("Int")) {
            if (value.is_number_integer() ||
                (value.is_number_float() &&
                 std::floor(value.get<double>()) == value.get<double>())) {
                const double d = value.get<double>();
                if (d > std::numeric_limits<qint32>::max() ||
                    d < std::numeric_limits<qint32>::min())
                    return bad;
                *out = qint64(d);
                return std::nullopt;
            }
            return bad;
        }
        if (type.name == QLatin1String("Float")) {
            if (!value.is_number())
                return bad;
            *out = value;
            return std::nullopt;
        }
        if (type.name == QLatin1String("String") || type.name == QLatin1String("ID")) {
            if (value.is_string())
                *out = value;
            else if (value.is_number() || value.is_boolean())
                *out = value.dump();
            else
                return bad;
            return std::nullopt;
        }
        if (type.name == QLatin1String("Boolean")) {
            if (!value.is_boolean())
                return bad;
            *out = value;
            return std::nullopt;
        }
        *out = value; // AWS scalars and other custom scalars: as the resolver gave them
        return std::nullopt;
    }

    void finish()
    {
        if (!done)
            return;
        Json response = Json::object();
        response["data"] = data;
        if (!errors.empty())
            response["errors"] = errors;
        auto callback = std::move(done);
        done = nullptr;
        callback(dump(response));
    }
};

} // namespace

Executor::Executor(std::shared_ptr<const Schema> schema)
    : m_shared(std::make_shared<Shared>())
{
    m_shared->schema = std::move(schema);
}

Executor::~Executor() = default;

const Schema &Executor::schema() const
{
    return *m_shared->schema;
}

namespace {

Json errorEntry(const QString &message, const std::vector<SourcePosition> &locations,
                const QString &errorType)
{
    Json e = Json::object();
    e["errorType"] = str(errorType);
    Json locs = Json::array();
    for (const SourcePosition &p : locations)
        locs.push_back(Json{{"line", p.line}, {"column", p.column}});
    e["locations"] = locs;
    e["message"] = str(message);
    return e;
}

QByteArray errorResponse(const Json &errors)
{
    Json response = Json::object();
    response["data"] = nullptr;
    response["errors"] = errors;
    return dump(response);
}

// Parse, pick the operation, validate and coerce variables: a Run ready to execute, or the
// response that says why not.
std::shared_ptr<Run> prepareRun(const std::shared_ptr<const Executor::Shared> &shared,
                                const ExecutionRequest &request, QByteArray *failure)
{
    auto run = std::make_shared<Run>();
    run->shared = shared;
    run->schema = shared->schema.get();
    if (request.query.trimmed().isEmpty()) {
        *failure = errorResponse(
            Json::array({errorEntry(QStringLiteral("The request has no query: send "
                                                   "{\"query\": \"...\"} as JSON."),
                                    {}, QStringLiteral("MalformedHttpRequestException"))}));
        return nullptr;
    }
    ParseResult parsed = Parser::parseWithRecovery(request.query);
    if (!parsed.ok()) {
        const SyntaxError &e = parsed.errors.front();
        *failure = errorResponse(
            Json::array({errorEntry(QStringLiteral("Syntax Error: ") + e.message, {e.position},
                                    QStringLiteral("MalformedHttpRequestException"))}));
        return nullptr;
    }
    run->doc = std::move(parsed.document);
    std::vector<const OperationDefinition *> operations;
    for (const Definition &d : run->doc.definitions) {
        if (const auto *o = std::get_if<OperationDefinition>(&d))
            operations.push_back(o);
        else if (const auto *f = std::get_if<FragmentDefinition>(&d))
            run->fragments.insert(f->name.value, f);
    }
    const std::vector<Diagnostic> invalid = Validator::validate(*run->schema, run->doc);
    if (!invalid.empty()) {
        Json errors = Json::array();
        for (const Diagnostic &d : invalid)
            errors.push_back(errorEntry(QStringLiteral("Validation error: ") + d.message,
                                        d.locations, QStringLiteral("ValidationError")));
        *failure = errorResponse(errors);
        return nullptr;
    }
    for (const OperationDefinition *o : operations) {
        if (request.operationName.isEmpty() ? operations.size() == 1
                                            : (o->name && o->name->value == request.operationName))
            run->op = o;
    }
    if (!run->op) {
        const QString message =
            operations.empty() ? QStringLiteral("The document has no operation to run.")
            : request.operationName.isEmpty()
                ? QStringLiteral(
                      "The document has several operations: name one with \"operationName\".")
                : QStringLiteral("Unknown operation named \"%1\".").arg(request.operationName);
        *failure = errorResponse(
            Json::array({errorEntry(message, {}, QStringLiteral("BadRequestException"))}));
        return nullptr;
    }
    const QByteArray variablesText = request.variables.trimmed();
    Json given = Json::object();
    if (!variablesText.isEmpty() && variablesText != "null") {
        given = Json::parse(variablesText.constData(),
                            variablesText.constData() + variablesText.size(), nullptr, false);
        if (given.is_discarded() || !given.is_object()) {
            *failure = errorResponse(
                Json::array({errorEntry(QStringLiteral("\"variables\" must be a JSON object."), {},
                                        QStringLiteral("BadRequestException"))}));
            return nullptr;
        }
    }
    if (std::optional<QString> e = coerceVariables(run->schema, *run->op, given, &run->variables)) {
        *failure =
            errorResponse(Json::array({errorEntry(*e, {}, QStringLiteral("ValidationError"))}));
        return nullptr;
    }
    return run;
}

} // namespace

Executor::Prepared Executor::prepare(const ExecutionRequest &request) const
{
    Prepared prepared;
    std::shared_ptr<Run> run = prepareRun(m_shared, request, &prepared.errorResponse);
    if (!run)
        return prepared;
    prepared.operation = run->op->operation;
    const NamedType *root = run->schema->rootType(run->op->operation);
    if (!root) {
        prepared.errorResponse = errorResponse(Json::array({errorEntry(
            QStringLiteral("The schema has no %1 type.").arg(operationTypeName(run->op->operation)),
            {}, QStringLiteral("ValidationError"))}));
        return prepared;
    }
    QSet<QString> visited;
    Collected fields;
    run->collect(*root, run->op->selectionSet, &fields, &visited);
    if (fields.empty()) {
        prepared.errorResponse =
            errorResponse(Json::array({errorEntry(QStringLiteral("The operation selects no field."),
                                                  {}, QStringLiteral("ValidationError"))}));
        return prepared;
    }
    const Selection &first = *fields.front().second.front();
    prepared.rootFieldName = first.name.value;
    Json args;
    if (const FieldDef *def = run->schema->fieldFor(*root, first.name.value)) {
        if (auto e = run->input().coerceArguments(def->arguments, first.arguments, &args)) {
            prepared.errorResponse =
                errorResponse(Json::array({errorEntry(*e, {}, QStringLiteral("ValidationError"))}));
            return prepared;
        }
    }
    prepared.rootArguments = dump(args);
    prepared.ok = true;
    return prepared;
}

void Executor::execute(const ExecutionRequest &request, std::shared_ptr<FieldResolver> resolver,
                       std::function<void(QByteArray)> done) const
{
    QByteArray failure;
    std::shared_ptr<Run> run = prepareRun(m_shared, request, &failure);
    if (!run) {
        done(failure);
        return;
    }
    run->resolver = std::move(resolver);
    run->done = std::move(done);
    const NamedType *root = run->schema->rootType(run->op->operation);
    if (!root) {
        run->done(errorResponse(Json::array({errorEntry(
            QStringLiteral("The schema has no %1 type.").arg(operationTypeName(run->op->operation)),
            {}, QStringLiteral("ValidationError"))})));
        return;
    }
    QSet<QString> visited;
    auto fields = std::make_shared<Collected>();
    run->collect(*root, run->op->selectionSet, fields.get(), &visited);
    for (const auto &[key, group] : *fields)
        run->data[str(key)] = nullptr; // keys in the order asked, whenever their values arrive
    if (run->op->operation != OperationType::Mutation) {
        auto counter = std::make_shared<Counter>();
        counter->then = [run] {
            run->finish();
        };
        counter->hold();
        for (const auto &[key, group] : *fields) {
            run->executeField(*root, group, Json(), {}, key, counter);
        }
        counter->release();
        return;
    }
    // Mutations: each root field with everything below it before the next one starts.
    auto next = std::make_shared<std::function<void(size_t)>>();
    *next = [run, root, fields, next](size_t index) {
        if (index >= fields->size()) {
            run->finish();
            *next = nullptr; // breaks the cycle through the captured pointer
            return;
        }
        auto counter = std::make_shared<Counter>();
        counter->then = [next, index] {
            if (*next)
                (*next)(index + 1);
        };
        counter->hold();
        run->executeField(*root, fields->at(index).second, Json(), {}, fields->at(index).first,
                          counter);
        counter->release();
    };
    (*next)(0);
}

} // namespace Gatehouse::Core::GraphQL
