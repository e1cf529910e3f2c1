// Rendering: directives, references, operators and $context. Velocity 1.7's rules as AppSync
// runs them (https://velocity.apache.org/engine/1.7/user-guide.html and the AppSync resolver
// mapping template programming guide), not velocityjs's where the two differ.
#include "vtl.h"
#include "vtlrenderer.h"

#include <QCoreApplication>

#include <cmath>
#include <optional>
#include <type_traits>

namespace Gatehouse::Emulator::Vtl {

namespace {

// A runaway [1..n], #foreach or string doubling would otherwise hold the emulator's thread or
// its memory; a mapping template that AppSync accepts stays far below these.
constexpr qint64 maxRange = 1000000;
constexpr qint64 maxIterations = 1000000;
constexpr qsizetype maxText = 16 * 1024 * 1024;

QString opText(Expr::Op op)
{
    switch (op) {
    case Expr::Op::Or: return QStringLiteral("||");
    case Expr::Op::And: return QStringLiteral("&&");
    case Expr::Op::Eq: return QStringLiteral("==");
    case Expr::Op::Ne: return QStringLiteral("!=");
    case Expr::Op::Lt: return QStringLiteral("<");
    case Expr::Op::Le: return QStringLiteral("<=");
    case Expr::Op::Gt: return QStringLiteral(">");
    case Expr::Op::Ge: return QStringLiteral(">=");
    case Expr::Op::Add: return QStringLiteral("+");
    case Expr::Op::Sub: return QStringLiteral("-");
    case Expr::Op::Mul: return QStringLiteral("*");
    case Expr::Op::Div: return QStringLiteral("/");
    case Expr::Op::Mod: return QStringLiteral("%");
    }
    return {};
}

template<typename T>
int threeWay(T a, T b)
{
    return a < b ? -1 : a > b ? 1 : 0;
}

// Velocity's arithmetic is the same for whole and real numbers but for the remainder (fmod) and
// the result's type; division by zero yields null (nullopt), as in Velocity.
template<typename T>
std::optional<T> arithmetic(Expr::Op op, T a, T b)
{
    switch (op) {
    case Expr::Op::Add: return a + b;
    case Expr::Op::Sub: return a - b;
    case Expr::Op::Mul: return a * b;
    case Expr::Op::Div:
    case Expr::Op::Mod:
        if (b == 0)
            return std::nullopt;
        if constexpr (std::is_integral_v<T>)
            return op == Expr::Op::Div ? a / b : a % b;
        else
            return op == Expr::Op::Div ? a / b : std::fmod(a, b);
    case Expr::Op::Or: case Expr::Op::And: case Expr::Op::Eq: case Expr::Op::Ne:
    case Expr::Op::Lt: case Expr::Op::Le: case Expr::Op::Gt: case Expr::Op::Ge:
        break;
    }
    return T{};
}

} // namespace

bool Renderer::truthy(const Value &value)
{
    if (value.isNull())
        return false;
    if (value.kind() == Value::Kind::Bool)
        return value.asBool();
    return true;
}

bool Renderer::fail(Position at, const QString &message)
{
    if (m_error.isEmpty())
        m_error = QStringLiteral("%1:%2: ").arg(at.line).arg(at.column) + message;
    m_flow = Flow::Stop;
    return false;
}

bool Renderer::run(const Template &tmpl, const Context &context)
{
    struct Part { const char *name; const QByteArray *json; };
    const Part parts[] = {{"arguments", &context.arguments}, {"source", &context.source},
                          {"result", &context.result}, {"identity", &context.identity},
                          {"request", &context.request}, {"info", &context.info},
                          {"error", &context.error}, {"stash", &context.stash}};
    m_context = Value::map();
    ValueMap &ctx = m_context.entries();
    for (const Part &part : parts) {
        Value value;
        QString problem;
        if (!valueFromJson(*part.json, &value, &problem)) {
            m_error = VtlText::tr("$context.%1 could not be read: %2").arg(QLatin1String(part.name), problem);
            return false;
        }
        ctx.put(QLatin1String(part.name), value);
        if (qstrcmp(part.name, "arguments") == 0)
            ctx.put(QStringLiteral("args"), value);
    }
    if (!ctx.get(QStringLiteral("stash")).isMap())
        ctx.put(QStringLiteral("stash"), Value::map());
    Value prevResult;
    QString problem;
    if (!valueFromJson(context.prevResult, &prevResult, &problem)) {
        m_error = VtlText::tr("$context.prev.result could not be read: %1").arg(problem);
        return false;
    }
    Value prev = Value::map();
    prev.entries().put(QStringLiteral("result"), prevResult);
    ctx.put(QStringLiteral("prev"), prev);

    m_variables.insert(QStringLiteral("context"), m_context);
    m_variables.insert(QStringLiteral("ctx"), m_context);
    m_variables.insert(QStringLiteral("util"), Value::object(QStringLiteral("util")));
    m_variables.insert(QStringLiteral("utils"), Value::object(QStringLiteral("util")));

    m_text = &m_output->text;
    const bool ok = tmpl.m_root ? execute(tmpl.m_root->body) : true;
    m_output->stash = m_context.entries().get(QStringLiteral("stash")).toJson();
    return ok;
}

bool Renderer::execute(const Block &block)
{
    for (const Node &node : block) {
        switch (node.kind) {
        case Node::Kind::Text:
            if (!append(node.text, node.position))
                return false;
            break;
        case Node::Kind::Reference: {
            Value value;
            if (!evaluateReference(*node.reference, &value, node.reference->segments.size()))
                return false;
            if (m_flow != Flow::Normal)
                return true;
            if (!value.isNull() || !node.reference->quiet) {
                if (!append(value.isNull() ? node.reference->source : value.toText(), node.position))
                    return false;
            }
            break;
        }
        case Node::Kind::Set:
            if (!executeSet(node))
                return false;
            break;
        case Node::Kind::If:
            for (const auto &[condition, body] : node.branches) {
                bool take = true;
                if (condition) {
                    Value value;
                    if (!evaluate(*condition, &value))
                        return false;
                    if (m_flow != Flow::Normal)
                        return true;
                    take = truthy(value);
                }
                if (take) {
                    if (!execute(body))
                        return false;
                    break;
                }
            }
            break;
        case Node::Kind::Foreach:
            if (!executeForeach(node))
                return false;
            break;
        case Node::Kind::Break:
            // Outside a loop Velocity's #break ends the template, like #stop.
            m_flow = m_loopDepth > 0 ? Flow::Break : Flow::Stop;
            return true;
        case Node::Kind::Stop:
            m_flow = Flow::Stop;
            return true;
        case Node::Kind::Return: {
            Value value;
            if (node.expr && !evaluate(*node.expr, &value))
                return false;
            if (m_flow != Flow::Normal)
                return true;
            m_output->returned = true;
            m_output->returnValue = value.toJson();
            m_flow = Flow::Stop;
            return true;
        }
        }
        if (m_flow != Flow::Normal)
            return true;
    }
    return true;
}

bool Renderer::append(const QString &text, Position at)
{
    if (m_text->size() + text.size() > maxText)
        return fail(at, VtlText::tr("the template's output grew past %1 MB; a mapping template renders a request or a result, far less than that").arg(maxText / (1024 * 1024)));
    *m_text += text;
    return true;
}

bool Renderer::executeSet(const Node &node)
{
    Value value;
    if (!evaluate(*node.expr, &value))
        return false;
    if (m_flow != Flow::Normal)
        return true;
    // Velocity 1.7: "If the RHS is a property or method reference that evaluates to null, it
    // will not be assigned to the LHS."
    if (value.isNull())
        return true;
    const Reference &target = *node.reference;
    if (target.segments.empty()) {
        m_variables.insert(target.name, value);
        return true;
    }
    Value container;
    if (!evaluateReference(target, &container, target.segments.size() - 1))
        return false;
    const Segment &last = target.segments.back();
    if (container.isNull())
        return fail(target.position, VtlText::tr("#set cannot assign to %1: the part before .%2 is null")
                                         .arg(target.source, last.name));
    switch (last.kind) {
    case Segment::Kind::Property:
        if (!container.isMap())
            return fail(last.position, VtlText::tr("#set cannot assign to %1: a %2 has no property %3")
                                           .arg(target.source, container.typeName(), last.name));
        container.entries().put(last.name, value);
        return true;
    case Segment::Kind::Index: {
        Value index;
        if (!evaluate(*last.arguments.front(), &index))
            return false;
        if (container.isMap()) {
            container.entries().put(index.toText(), value);
            return true;
        }
        if (container.isList() && index.kind() == Value::Kind::Int) {
            const qint64 i = index.asInt();
            if (i < 0 || i >= qint64(container.items().size()))
                return fail(last.position, VtlText::tr("#set %1: index %2 is outside the list of %3 items")
                                               .arg(target.source).arg(i).arg(container.items().size()));
            container.items()[size_t(i)] = value;
            return true;
        }
        return fail(last.position, VtlText::tr("#set %1: a %2 cannot be indexed with %3")
                                       .arg(target.source, container.typeName(), index.toText()));
    }
    case Segment::Kind::Method:
        break;
    }
    return fail(last.position, VtlText::tr("#set cannot assign to the result of a method call (%1)").arg(target.source));
}

bool Renderer::executeForeach(const Node &node)
{
    Value collection;
    if (!evaluate(*node.expr, &collection))
        return false;
    if (m_flow != Flow::Normal)
        return true;
    ValueList items;
    switch (collection.kind()) {
    case Value::Kind::Null:
        return true; // Velocity skips a null collection
    case Value::Kind::List:
        items = collection.items(); // a copy: the body may change the list it walks
        break;
    case Value::Kind::Map:
        for (const auto &entry : collection.entries().entries)
            items.push_back(entry.second);
        break;
    case Value::Kind::Bool:
    case Value::Kind::Int:
    case Value::Kind::Double:
    case Value::Kind::String:
    case Value::Kind::Object:
        return fail(node.expr->position, VtlText::tr("#foreach needs a list or a map, but this is a %1 (%2)")
                                             .arg(collection.typeName(), collection.toText().left(40)));
    }
    const QString countName = QStringLiteral("velocityCount");
    const QString foreachName = QStringLiteral("foreach");
    const auto saved = [this](const QString &name) {
        auto it = m_variables.constFind(name);
        return it == m_variables.constEnd() ? std::optional<Value>() : std::optional<Value>(*it);
    };
    const std::optional<Value> savedVariable = saved(node.text);
    const std::optional<Value> savedCount = saved(countName);
    const std::optional<Value> savedForeach = saved(foreachName);
    ++m_loopDepth;
    bool ok = true;
    const qint64 size = qint64(items.size());
    for (qint64 i = 0; i < size; ++i) {
        if (++m_iterations > maxIterations) {
            ok = fail(node.position, VtlText::tr("#foreach ran more than %1 times in one render; a loop this long holds the emulator").arg(maxIterations));
            break;
        }
        Value loop = Value::map();
        ValueMap &state = loop.entries();
        state.entries.reserve(5);
        state.entries.emplace_back(QStringLiteral("index"), Value::integer(i));
        state.entries.emplace_back(QStringLiteral("count"), Value::integer(i + 1));
        state.entries.emplace_back(QStringLiteral("hasNext"), Value::boolean(i + 1 < size));
        state.entries.emplace_back(QStringLiteral("first"), Value::boolean(i == 0));
        state.entries.emplace_back(QStringLiteral("last"), Value::boolean(i + 1 == size));
        m_variables.insert(foreachName, loop);
        m_variables.insert(countName, Value::integer(i + 1));
        m_variables.insert(node.text, items[size_t(i)]);
        if (!execute(node.body)) {
            ok = false;
            break;
        }
        if (m_flow == Flow::Break) {
            m_flow = Flow::Normal;
            break;
        }
        if (m_flow == Flow::Stop)
            break;
    }
    --m_loopDepth;
    const auto restore = [this](const QString &name, const std::optional<Value> &value) {
        if (value)
            m_variables.insert(name, *value);
        else
            m_variables.remove(name);
    };
    restore(node.text, savedVariable);
    restore(countName, savedCount);
    restore(foreachName, savedForeach);
    return ok;
}

bool Renderer::renderInterpolated(const Block &block, Value *out)
{
    QString text;
    QString *outer = m_text;
    m_text = &text;
    const bool ok = execute(block);
    m_text = outer;
    *out = Value::string(text);
    return ok;
}

bool Renderer::evaluate(const Expr &expr, Value *out)
{
    switch (expr.kind) {
    case Expr::Kind::Literal:
        // Each evaluation of [..] or {..} makes a new object in Java; a literal string is
        // immutable so it can be shared.
        *out = expr.literal;
        return true;
    case Expr::Kind::Interpolated:
        return renderInterpolated(*expr.interpolated, out);
    case Expr::Kind::Reference:
        return evaluateReference(*expr.reference, out, expr.reference->segments.size());
    case Expr::Kind::List: {
        ValueList items;
        items.reserve(expr.items.size());
        for (const ExprPtr &item : expr.items) {
            Value value;
            if (!evaluate(*item, &value))
                return false;
            items.push_back(std::move(value));
        }
        *out = Value::list(std::move(items));
        return true;
    }
    case Expr::Kind::Map: {
        *out = Value::map();
        for (size_t i = 0; i + 1 < expr.items.size(); i += 2) {
            Value key;
            Value value;
            if (!evaluate(*expr.items[i], &key) || !evaluate(*expr.items[i + 1], &value))
                return false;
            out->entries().put(key.toText(), value);
        }
        return true;
    }
    case Expr::Kind::Range: {
        Value first;
        Value last;
        if (!evaluate(*expr.items[0], &first) || !evaluate(*expr.items[1], &last))
            return false;
        if (!first.isNumber() || !last.isNumber())
            return fail(expr.position, VtlText::tr("a range [a..b] needs two integers, not %1 and %2")
                                           .arg(first.toText(), last.toText()));
        const qint64 a = first.asInt();
        const qint64 b = last.asInt();
        if (std::llabs(b - a) >= maxRange)
            return fail(expr.position, VtlText::tr("the range [%1..%2] has more than %3 items").arg(a).arg(b).arg(maxRange));
        ValueList items;
        items.reserve(size_t(std::llabs(b - a) + 1));
        for (qint64 i = a;; i += (a <= b ? 1 : -1)) {
            items.push_back(Value::integer(i));
            if (i == b)
                break;
        }
        *out = Value::list(std::move(items));
        return true;
    }
    case Expr::Kind::Not: {
        Value value;
        if (!evaluate(*expr.items[0], &value))
            return false;
        *out = Value::boolean(!truthy(value));
        return true;
    }
    case Expr::Kind::Negate: {
        Value value;
        if (!evaluate(*expr.items[0], &value))
            return false;
        if (value.kind() == Value::Kind::Int)
            *out = Value::integer(-value.asInt());
        else if (value.kind() == Value::Kind::Double)
            *out = Value::real(-value.asDouble());
        else
            return fail(expr.position, VtlText::tr("'-' needs a number, not %1").arg(value.isNull() ? QStringLiteral("null") : value.typeName()));
        return true;
    }
    case Expr::Kind::Binary:
        return evaluateBinary(expr, out);
    }
    return true;
}

bool Renderer::evaluateBinary(const Expr &expr, Value *out)
{
    Value left;
    if (!evaluate(*expr.items[0], &left))
        return false;
    if (expr.op == Expr::Op::Or || expr.op == Expr::Op::And) {
        const bool l = truthy(left);
        if (expr.op == Expr::Op::Or ? l : !l) {
            *out = Value::boolean(l);
            return true;
        }
        Value right;
        if (!evaluate(*expr.items[1], &right))
            return false;
        *out = Value::boolean(truthy(right));
        return true;
    }
    Value right;
    if (!evaluate(*expr.items[1], &right))
        return false;
    switch (expr.op) {
    case Expr::Op::Eq:
        *out = Value::boolean(left.equals(right));
        return true;
    case Expr::Op::Ne:
        *out = Value::boolean(!left.equals(right));
        return true;
    case Expr::Op::Lt:
    case Expr::Op::Le:
    case Expr::Op::Gt:
    case Expr::Op::Ge: {
        // Velocity logs a comparison with null and yields false; an optional argument that was
        // not given is the usual case ($ctx.args.limit > 100), so this does the same.
        if (left.isNull() || right.isNull()) {
            *out = Value::boolean(false);
            return true;
        }
        int order = 0;
        if (left.isNumber() && right.isNumber()) {
            if (left.kind() == Value::Kind::Int && right.kind() == Value::Kind::Int)
                order = threeWay(left.asInt(), right.asInt());
            else
                order = threeWay(left.asDouble(), right.asDouble());
        } else if (left.isString() && right.isString()) {
            order = left.asString().compare(right.asString());
        } else {
            return fail(expr.position, VtlText::tr("'%1' compares numbers or strings, not %2 with %3")
                                           .arg(opText(expr.op), left.typeName(), right.typeName()));
        }
        const bool result = expr.op == Expr::Op::Lt ? order < 0
            : expr.op == Expr::Op::Le               ? order <= 0
            : expr.op == Expr::Op::Gt               ? order > 0
                                                    : order >= 0;
        *out = Value::boolean(result);
        return true;
    }
    case Expr::Op::Add:
        if ((left.isString() || right.isString()) && !left.isNull() && !right.isNull()) {
            QString joined = left.toText() + right.toText();
            if (joined.size() > maxText)
                return fail(expr.position, VtlText::tr("a string grew past %1 MB").arg(maxText / (1024 * 1024)));
            *out = Value::string(std::move(joined));
            return true;
        }
        [[fallthrough]];
    case Expr::Op::Sub:
    case Expr::Op::Mul:
    case Expr::Op::Div:
    case Expr::Op::Mod: {
        // Velocity logs an arithmetic on null and yields null; so does this.
        if (left.isNull() || right.isNull()) {
            *out = Value();
            return true;
        }
        if (!left.isNumber() || !right.isNumber())
            return fail(expr.position, VtlText::tr("'%1' needs numbers, not %2 and %3")
                                           .arg(opText(expr.op), left.typeName(), right.typeName()));
        if (left.kind() == Value::Kind::Int && right.kind() == Value::Kind::Int) {
            const std::optional<qint64> r = arithmetic(expr.op, left.asInt(), right.asInt());
            *out = r ? Value::integer(*r) : Value();
            return true;
        }
        const std::optional<double> r = arithmetic(expr.op, left.asDouble(), right.asDouble());
        *out = r ? Value::real(*r) : Value();
        return true;
    }
    case Expr::Op::Or:
    case Expr::Op::And:
        break;
    }
    return true;
}

bool Renderer::evaluateReference(const Reference &ref, Value *out, size_t segments)
{
    auto it = m_variables.constFind(ref.name);
    Value value = it == m_variables.constEnd() ? Value() : *it;
    for (size_t i = 0; i < segments; ++i) {
        if (value.isNull()) // $a.b.c with $a.b null: the whole reference is null
            break;
        Value next;
        if (!step(ref, ref.segments[i], value, &next))
            return false;
        if (m_flow != Flow::Normal)
            return true;
        value = std::move(next);
    }
    *out = std::move(value);
    return true;
}

bool Renderer::isUtilNamespace(const QString &name)
{
    static const QStringList names = {QStringLiteral("time"), QStringLiteral("dynamodb"),
                                      QStringLiteral("list"), QStringLiteral("map"),
                                      QStringLiteral("str"), QStringLiteral("math")};
    return names.contains(name);
}

bool Renderer::step(const Reference &ref, const Segment &segment, const Value &target, Value *out)
{
    switch (segment.kind) {
    case Segment::Kind::Property:
        if (target.isMap()) {
            *out = target.entries().get(segment.name);
            return true;
        }
        if (target.kind() == Value::Kind::Object) {
            if (target.asString() == QLatin1String("util") && isUtilNamespace(segment.name)) {
                *out = Value::object(QStringLiteral("util.") + segment.name);
                return true;
            }
            return fail(segment.position, VtlText::tr("$%1.%2 is not part of $util as Gatehouse emulates it "
                                             "(supported: time, dynamodb, list, map, str, math); a helper "
                                             "is called with parentheses, like $%1.%2(...)")
                                              .arg(target.asString(), segment.name));
        }
        {
            // Velocity reads $x.empty as $x.isEmpty() and $x.class-like names as getters.
            const QString cap = segment.name.left(1).toUpper() + segment.name.mid(1);
            ValueList none;
            QString problem;
            for (const QString &getter : {QString(QStringLiteral("get") + cap), QString(QStringLiteral("is") + cap)}) {
                if (callValueMethod(target, getter, none, out, &problem))
                    return true;
            }
            *out = Value();
            return true;
        }
    case Segment::Kind::Index: {
        Value index;
        if (!evaluate(*segment.arguments.front(), &index))
            return false;
        if (target.isMap()) {
            *out = target.entries().get(index.toText());
            return true;
        }
        if (target.isList() && index.kind() == Value::Kind::Int) {
            const qint64 i = index.asInt();
            *out = i >= 0 && i < qint64(target.items().size()) ? target.items()[size_t(i)] : Value();
            return true;
        }
        return fail(segment.position, VtlText::tr("%1: a %2 cannot be indexed with %3")
                                          .arg(ref.source, target.typeName(), index.isNull() ? QStringLiteral("null") : index.toText()));
    }
    case Segment::Kind::Method: {
        ValueList args;
        args.reserve(segment.arguments.size());
        for (const ExprPtr &argument : segment.arguments) {
            Value value;
            if (!evaluate(*argument, &value))
                return false;
            if (m_flow != Flow::Normal)
                return true;
            args.push_back(std::move(value));
        }
        QString problem;
        const bool ok = target.kind() == Value::Kind::Object
            ? callUtil(target.asString(), segment.name, args, out, &problem)
            : callValueMethod(target, segment.name, args, out, &problem);
        if (!ok)
            return fail(segment.position, VtlText::tr("%1: %2").arg(ref.source, problem));
        return true;
    }
    }
    return true;
}

Core::Result<Output> render(const Template &tmpl, const Context &context)
{
    Output output;
    Renderer renderer(&output);
    if (!renderer.run(tmpl, context))
        return Core::makeError(Core::ErrorCode::Template, renderer.error());
    return output;
}

} // namespace Gatehouse::Emulator::Vtl
