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

QString Value::toText() const
{
    switch (m_kind) {
    case Kind::Null:
        return QStringLiteral("null");
    case Kind::Bool:
        return m_int ? QStringLiteral("true") : QStringLiteral("false");
    case Kind::Int:
        return QString::number(m_int);
    case Kind::Double:
        return javaDouble(m_double);
    case Kind::String:
        return m_string;
    case Kind::List: {
        QString text = QStringLiteral("[");
        bool first = true;
        for (const Value &item : *m_list) {
            if (!first)
                text += QStringLiteral(", ");
            first = false;
            text += item.toText();
        }
        return text + QLatin1Char(']');
    }
    case Kind::Map: {
        QString text = QStringLiteral("{");
        bool first = true;
        for (const auto &[key, value] : m_map->entries) {
            if (!first)
                text += QStringLiteral(", ");
            first = false;
            text += key + QLatin1Char('=') + value.toText();
        }
        return text + QLatin1Char('}');
    }
    case Kind::Object:
        return QStringLiteral("$") + m_string;
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

static void appendJson(QByteArray &out, const Value &value)
{
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
            appendJson(out, item);
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
            appendJson(out, item);
        }
        out += '}';
        return;
    }
    }
}

QByteArray Value::toJson() const
{
    QByteArray out;
    appendJson(out, *this);
    return out;
}

Value Value::clone() const
{
    switch (m_kind) {
    case Kind::List: {
        ValueList copy;
        copy.reserve(m_list->size());
        for (const Value &item : *m_list)
            copy.push_back(item.clone());
        return list(std::move(copy));
    }
    case Kind::Map: {
        Value copy = map();
        copy.m_map->entries.reserve(m_map->entries.size());
        for (const auto &[key, item] : m_map->entries)
            copy.m_map->entries.emplace_back(key, item.clone());
        return copy;
    }
    case Kind::Null:
    case Kind::Bool:
    case Kind::Int:
    case Kind::Double:
    case Kind::String:
    case Kind::Object:
        return *this;
    }
    return *this;
}

bool Value::equals(const Value &other) const
{
    if (isNull() || other.isNull())
        return isNull() && other.isNull();
    if (isNumber() && other.isNumber()) {
        if (m_kind == Kind::Int && other.m_kind == Kind::Int)
            return m_int == other.m_int;
        return asDouble() == other.asDouble();
    }
    if (m_kind != other.m_kind)
        return toText() == other.toText();
    switch (m_kind) {
    case Kind::List: {
        if (m_list->size() != other.m_list->size())
            return false;
        for (size_t i = 0; i < m_list->size(); ++i) {
            if (!(*m_list)[i].equals((*other.m_list)[i]))
                return false;
        }
        return true;
    }
    case Kind::Map: {
        if (m_map->entries.size() != other.m_map->entries.size())
            return false;
        for (const auto &[key, item] : m_map->entries) {
            const Value *theirs = other.m_map->find(key);
            if (!theirs || !item.equals(*theirs))
                return false;
        }
        return true;
    }
    case Kind::Bool:
        return m_int == other.m_int;
    case Kind::String:
    case Kind::Object:
        return m_string == other.m_string;
    case Kind::Null:
    case Kind::Int:
    case Kind::Double:
        break;
    }
    return false;
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
