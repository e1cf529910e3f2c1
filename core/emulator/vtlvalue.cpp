#include "vtlvalue.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>

namespace Gatehouse::Emulator::Vtl {

Value Value::list(ValueList items)
{
    Value v;
    v.m_kind = Kind::List;
    v.m_list = std::make_shared<ValueList>(std::move(items));
    return v;
}

Value Value::map()
{
    return map(std::make_shared<ValueMap>());
}

Value Value::map(std::shared_ptr<ValueMap> m)
{
    Value v;
    v.m_kind = Kind::Map;
    v.m_map = std::move(m);
    return v;
}

Value *ValueMap::find(const QString &key)
{
    for (auto &entry : entries) {
        if (entry.first == key)
            return &entry.second;
    }
    return nullptr;
}

Value ValueMap::get(const QString &key) const
{
    for (const auto &entry : entries) {
        if (entry.first == key)
            return entry.second;
    }
    return {};
}

bool ValueMap::contains(const QString &key) const
{
    for (const auto &entry : entries) {
        if (entry.first == key)
            return true;
    }
    return false;
}

Value ValueMap::put(const QString &key, Value value)
{
    if (Value *existing = find(key)) {
        Value previous = std::move(*existing);
        *existing = std::move(value);
        return previous;
    }
    entries.emplace_back(key, std::move(value));
    return {};
}

Value ValueMap::remove(const QString &key)
{
    for (auto it = entries.begin(); it != entries.end(); ++it) {
        if (it->first == key) {
            Value previous = std::move(it->second);
            entries.erase(it);
            return previous;
        }
    }
    return {};
}

QString javaDouble(double d)
{
    if (std::isnan(d))
        return QStringLiteral("NaN");
    if (std::isinf(d))
        return d > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
    if (d == 0)
        return std::signbit(d) ? QStringLiteral("-0.0") : QStringLiteral("0.0");
    char buffer[64];
    const double magnitude = std::fabs(d);
    // Java switches to computerized scientific notation outside [10^-3, 10^7).
    if (magnitude >= 1e-3 && magnitude < 1e7) {
        auto result = std::to_chars(buffer, buffer + sizeof buffer, d, std::chars_format::fixed);
        QString text = QString::fromLatin1(buffer, result.ptr - buffer);
        if (!text.contains(QLatin1Char('.')))
            text += QStringLiteral(".0");
        return text;
    }
    auto result = std::to_chars(buffer, buffer + sizeof buffer, d, std::chars_format::scientific);
    QString text = QString::fromLatin1(buffer, result.ptr - buffer); // 1.5e+21, 1e-04
    const qsizetype e = text.indexOf(QLatin1Char('e'));
    QString mantissa = text.left(e);
    int exponent = text.mid(e + 1).toInt();
    if (!mantissa.contains(QLatin1Char('.')))
        mantissa += QStringLiteral(".0");
    return mantissa + QStringLiteral("E") + QString::number(exponent);
}

// Lists and maps are shared, so a template can put a list into itself; past this depth the
// text says so instead of recursing until the stack runs out.
constexpr int maxNesting = 100;

static QString toTextAt(const Value &value, int depth);

QString Value::toText() const
{
    return toTextAt(*this, 0);
}

static QString toTextAt(const Value &value, int depth)
{
    if (depth > maxNesting)
        return QStringLiteral("(nested too deep)");
    switch (value.kind()) {
    case Value::Kind::Null:
        return QStringLiteral("null");
    case Value::Kind::Bool:
        return value.asBool() ? QStringLiteral("true") : QStringLiteral("false");
    case Value::Kind::Int:
        return QString::number(value.asInt());
    case Value::Kind::Double:
        return javaDouble(value.asDouble());
    case Value::Kind::String:
        return value.asString();
    case Value::Kind::List: {
        QString text = QStringLiteral("[");
        bool first = true;
        for (const Value &item : value.items()) {
            if (!first)
                text += QStringLiteral(", ");
            first = false;
            text += toTextAt(item, depth + 1);
        }
        return text + QLatin1Char(']');
    }
    case Value::Kind::Map: {
        QString text = QStringLiteral("{");
        bool first = true;
        for (const auto &[key, item] : value.entries().entries) {
            if (!first)
                text += QStringLiteral(", ");
            first = false;
            text += key + QLatin1Char('=') + toTextAt(item, depth + 1);
        }
        return text + QLatin1Char('}');
    }
    case Value::Kind::Object:
        return QStringLiteral("$") + value.asString();
    }
    return {};
}

static void appendJsonString(QByteArray &out, const QString &text)
{
    out += '"';
    const QByteArray utf8 = text.toUtf8();
    for (char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (u < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04X", u);
                out += escaped;
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

static void appendJson(QByteArray &out, const Value &value, int depth)
{
    if (depth > maxNesting) {
        out += "\"(nested too deep)\"";
        return;
    }
    switch (value.kind()) {
    case Value::Kind::Null:
        out += "null";
        return;
    case Value::Kind::Bool:
    case Value::Kind::Int:
        out += value.toText().toLatin1();
        return;
    case Value::Kind::Double:
        if (std::isfinite(value.asDouble()))
            out += value.toText().toLatin1();
        else // Jackson writes these as strings unless told otherwise
            appendJsonString(out, value.toText());
        return;
    case Value::Kind::String:
    case Value::Kind::Object:
        appendJsonString(out, value.asString());
        return;
    case Value::Kind::List: {
        out += '[';
        bool first = true;
        for (const Value &item : value.items()) {
            if (!first)
                out += ',';
            first = false;
            appendJson(out, item, depth + 1);
        }
        out += ']';
        return;
    }
    case Value::Kind::Map: {
        out += '{';
        bool first = true;
        for (const auto &[key, item] : value.entries().entries) {
            if (!first)
                out += ',';
            first = false;
            appendJsonString(out, key);
            out += ':';
            appendJson(out, item, depth + 1);
        }
        out += '}';
        return;
    }
    }
}

QByteArray Value::toJson() const
{
    QByteArray out;
    appendJson(out, *this, 0);
    return out;
}

static bool equalsAt(const Value &a, const Value &b, int depth)
{
    if (a.isNull() || b.isNull())
        return a.isNull() && b.isNull();
    if (a.isNumber() && b.isNumber()) {
        if (a.kind() == Value::Kind::Int && b.kind() == Value::Kind::Int)
            return a.asInt() == b.asInt();
        return a.asDouble() == b.asDouble();
    }
    if (a.kind() != b.kind())
        return a.toText() == b.toText();
    if (depth > maxNesting)
        return false;
    switch (a.kind()) {
    case Value::Kind::List: {
        if (a.items().size() != b.items().size())
            return false;
        for (size_t i = 0; i < a.items().size(); ++i) {
            if (!equalsAt(a.items()[i], b.items()[i], depth + 1))
                return false;
        }
        return true;
    }
    case Value::Kind::Map: {
        if (a.entries().entries.size() != b.entries().entries.size())
            return false;
        for (const auto &[key, item] : a.entries().entries) {
            const Value *theirs = b.entries().find(key);
            if (!theirs || !equalsAt(item, *theirs, depth + 1))
                return false;
        }
        return true;
    }
    case Value::Kind::Bool:
        return a.asBool() == b.asBool();
    case Value::Kind::String:
    case Value::Kind::Object:
        return a.asString() == b.asString();
    case Value::Kind::Null:
    case Value::Kind::Int:
    case Value::Kind::Double:
        break;
    }
    return false;
}

bool Value::equals(const Value &other) const
{
    return equalsAt(*this, other, 0);
}

QString Value::typeName() const
{
    switch (m_kind) {
    case Kind::Null: return QStringLiteral("null");
    case Kind::Bool: return QStringLiteral("Boolean");
    case Kind::Int: return QStringLiteral("Integer");
    case Kind::Double: return QStringLiteral("Double");
    case Kind::String: return QStringLiteral("String");
    case Kind::List: return QStringLiteral("List");
    case Kind::Map: return QStringLiteral("Map");
    case Kind::Object: return QStringLiteral("$") + m_string;
    }
    return {};
}

static Value fromNlohmann(const nlohmann::ordered_json &json)
{
    using T = nlohmann::ordered_json::value_t;
    switch (json.type()) {
    case T::null:
    case T::discarded:
    case T::binary:
        return {};
    case T::boolean:
        return Value::boolean(json.get<bool>());
    case T::number_integer:
        return Value::integer(json.get<qint64>());
    case T::number_unsigned: {
        const auto u = json.get<quint64>();
        return u > quint64(std::numeric_limits<qint64>::max()) ? Value::real(double(u))
                                                                : Value::integer(qint64(u));
    }
    case T::number_float:
        return Value::real(json.get<double>());
    case T::string:
        return Value::string(QString::fromStdString(json.get_ref<const std::string &>()));
    case T::array: {
        ValueList items;
        items.reserve(json.size());
        for (const auto &item : json)
            items.push_back(fromNlohmann(item));
        return Value::list(std::move(items));
    }
    case T::object: {
        Value map = Value::map();
        map.entries().entries.reserve(json.size());
        for (auto it = json.begin(); it != json.end(); ++it)
            map.entries().entries.emplace_back(QString::fromStdString(it.key()), fromNlohmann(it.value()));
        return map;
    }
    }
    return {};
}

bool valueFromJson(const QByteArray &json, Value *out, QString *error)
{
    auto parsed = nlohmann::ordered_json::parse(json.begin(), json.end(), nullptr, false);
    if (parsed.is_discarded()) {
        if (error)
            *error = QStringLiteral("it is not valid JSON");
        return false;
    }
    *out = fromNlohmann(parsed);
    return true;
}

} // namespace Gatehouse::Emulator::Vtl
