#include "jsonvalue.h"

#include <QSet>
#include <cstddef>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

namespace Gatehouse::Core::Collection {

namespace {

using Json = nlohmann::json;
constexpr std::size_t MaximumDepth = 256;

// A char iterator that tells where nlohmann's lexer is: the last character it read.
class TrackingIterator
{
public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char *;
    using reference = const char &;

    TrackingIterator() = default;
    TrackingIterator(const char *at, const char **lastRead)
        : m_at(at)
        , m_lastRead(lastRead)
    {}
    reference operator*() const
    {
        *m_lastRead = m_at;
        return *m_at;
    }
    TrackingIterator &operator++()
    {
        ++m_at;
        return *this;
    }
    TrackingIterator operator++(int)
    {
        TrackingIterator before = *this;
        ++m_at;
        return before;
    }
    bool operator==(const TrackingIterator &other) const { return m_at == other.m_at; }

private:
    const char *m_at = nullptr;
    const char **m_lastRead = nullptr;
};

bool isNumberChar(char c)
{
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// Builds JsonValues from nlohmann's SAX events and gives each the line and column it starts at.
class Builder
{
public:
    Builder(const char *begin, const char *end)
        : m_begin(begin)
        , m_end(end)
    {}

    const char *lastRead = nullptr;
    JsonValue root;
    JsonSyntaxError error;
    bool failed = false;

    bool null() { return add(JsonValue::Type::Null, QStringLiteral("null"), lastRead - 3); }
    bool boolean(bool value)
    {
        return add(JsonValue::Type::Boolean,
                   value ? QStringLiteral("true") : QStringLiteral("false"),
                   lastRead - (value ? 3 : 4));
    }
    bool number_integer(Json::number_integer_t value) { return addNumber(QString::number(value)); }
    bool number_unsigned(Json::number_unsigned_t value)
    {
        return addNumber(QString::number(value));
    }
    bool number_float(Json::number_float_t, const std::string &text)
    {
        return addNumber(QString::fromStdString(text));
    }
    bool string(std::string &value)
    {
        return add(JsonValue::Type::String, QString::fromStdString(value), openingQuote());
    }
    bool binary(Json::binary_t &)
    {
        return fail(lastRead, QStringLiteral("binary values are not JSON"));
    }
    bool start_object(std::size_t) { return open(JsonValue::Type::Object); }
    bool start_array(std::size_t) { return open(JsonValue::Type::Array); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool key(std::string &name)
    {
        const QString text = QString::fromStdString(name);
        m_keyAt = openingQuote();
        if (m_names.back().contains(text))
            return fail(m_keyAt, QStringLiteral("\"%1\" appears twice in this object").arg(text));
        m_names.back().insert(text);
        m_stack.back()->names.push_back(text);
        return true;
    }
    bool parse_error(std::size_t position, const std::string &,
                     const nlohmann::detail::exception &e)
    {
        QString reason = QString::fromUtf8(e.what());
        const qsizetype syntax = reason.indexOf(QLatin1String("syntax error"));
        if (syntax >= 0)
            reason = reason.mid(syntax);
        const char *at = m_begin + (position > 0 ? position - 1 : 0);
        return fail(at > m_end ? m_end : at, reason);
    }

private:
    // The opening quote of the string whose closing quote was just read.
    const char *openingQuote() const
    {
        for (const char *p = lastRead - 1; p >= m_begin; --p) {
            if (*p != '"')
                continue;
            const char *q = p;
            while (q > m_begin && q[-1] == '\\')
                --q;
            if ((p - q) % 2 == 0)
                return p;
        }
        return m_begin;
    }

    bool addNumber(QString text)
    {
        // The lexer has read one character past a number unless the input ended there.
        const char *p = lastRead;
        if (!(isNumberChar(*p) && p + 1 == m_end))
            --p;
        while (p > m_begin && isNumberChar(p[-1]))
            --p;
        return add(JsonValue::Type::Number, std::move(text), p);
    }

    JsonValue *place(JsonValue::Type type, QString text, const char *at)
    {
        JsonValue value;
        value.type = type;
        value.text = std::move(text);
        const bool member = !m_stack.empty() && m_stack.back()->isObject();
        locate(member ? m_keyAt : at, value);
        if (m_stack.empty()) {
            root = std::move(value);
            return &root;
        }
        m_stack.back()->items.push_back(std::move(value));
        return &m_stack.back()->items.back();
    }

    bool add(JsonValue::Type type, QString text, const char *at)
    {
        place(type, std::move(text), at);
        return true;
    }

    bool open(JsonValue::Type type)
    {
        if (m_stack.size() >= MaximumDepth)
            return fail(lastRead, QStringLiteral("nested deeper than %1 levels").arg(MaximumDepth));
        m_stack.push_back(place(type, {}, lastRead));
        if (type == JsonValue::Type::Object)
            m_names.emplace_back();
        return true;
    }

    bool close()
    {
        if (m_stack.back()->isObject())
            m_names.pop_back();
        m_stack.pop_back();
        return true;
    }

    bool fail(const char *at, const QString &reason)
    {
        JsonValue where;
        locate(at, where);
        error = {where.line, where.column, reason};
        failed = true;
        return false;
    }

    // Line and column (in characters) of at; positions mostly grow, so counting continues.
    void locate(const char *at, JsonValue &value)
    {
        if (at < m_counted) {
            m_counted = m_begin;
            m_line = 1;
            m_column = 1;
        }
        for (; m_counted < at; ++m_counted) {
            if (*m_counted == '\n') {
                ++m_line;
                m_column = 1;
            } else if ((static_cast<unsigned char>(*m_counted) & 0xC0) != 0x80) {
                ++m_column;
            }
        }
        value.line = m_line;
        value.column = m_column;
    }

    const char *m_begin;
    const char *m_end;
    const char *m_counted = m_begin;
    int m_line = 1;
    int m_column = 1;
    const char *m_keyAt = nullptr;
    std::vector<JsonValue *> m_stack;
    std::vector<QSet<QString>> m_names;
};

bool numberIsIntegral(const QString &text)
{
    return !text.contains(QLatin1Char('.')) && !text.contains(QLatin1Char('e')) &&
           !text.contains(QLatin1Char('E'));
}

} // namespace

const JsonValue *JsonValue::member(QStringView name) const
{
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name)
            return &items[i];
    }
    return nullptr;
}

QString JsonValue::toCompactText() const
{
    switch (type) {
    case Type::Null:
        return QStringLiteral("null");
    case Type::Boolean:
    case Type::Number:
        return text;
    case Type::String:
        return quoteJson(text);
    case Type::Array: {
        QStringList parts;
        for (const JsonValue &item : items)
            parts.append(item.toCompactText());
        return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    case Type::Object: {
        QStringList parts;
        for (std::size_t i = 0; i < items.size(); ++i)
            parts.append(quoteJson(names[i]) + QStringLiteral(": ") + items[i].toCompactText());
        return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
    }
    }
    return {};
}

bool JsonValue::equals(const JsonValue &other) const
{
    if (type != other.type)
        return false;
    switch (type) {
    case Type::Null:
        return true;
    case Type::Boolean:
    case Type::String:
        return text == other.text;
    case Type::Number:
        if (numberIsIntegral(text) && numberIsIntegral(other.text))
            return text == other.text;
        return text.toDouble() == other.text.toDouble();
    case Type::Array:
        if (items.size() != other.items.size())
            return false;
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (!items[i].equals(other.items[i]))
                return false;
        }
        return true;
    case Type::Object:
        if (items.size() != other.items.size())
            return false;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const JsonValue *theirs = other.member(names[i]);
            if (!theirs || !items[i].equals(*theirs))
                return false;
        }
        return true;
    }
    return false;
}

QString JsonValue::typeName(Type type)
{
    switch (type) {
    case Type::Null:
        return QStringLiteral("null");
    case Type::Boolean:
        return QStringLiteral("true or false");
    case Type::Number:
        return QStringLiteral("a number");
    case Type::String:
        return QStringLiteral("a string");
    case Type::Array:
        return QStringLiteral("an array");
    case Type::Object:
        return QStringLiteral("an object");
    }
    return {};
}

Result<JsonValue> parseJson(QByteArrayView text, JsonSyntaxError *syntaxError)
{
    const char *begin = text.data() ? text.data() : "";
    const char *end = begin + text.size();
    Builder builder(begin, end);
    builder.lastRead = begin;
    bool ok = false;
    try {
        ok = Json::sax_parse(TrackingIterator(begin, &builder.lastRead),
                             TrackingIterator(end, &builder.lastRead), &builder);
    } catch (const Json::exception &e) {
        builder.failed = true;
        builder.error = {1, 1, QString::fromUtf8(e.what())};
    }
    if (ok && !builder.failed)
        return std::move(builder.root);
    if (syntaxError)
        *syntaxError = builder.error;
    return makeError(ErrorCode::InvalidArgument, QStringLiteral("line %1, column %2: %3")
                                                     .arg(builder.error.line)
                                                     .arg(builder.error.column)
                                                     .arg(builder.error.reason));
}

QString quoteJson(const QString &text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += QLatin1Char('"');
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '"':
            out += QLatin1String("\\\"");
            break;
        case '\\':
            out += QLatin1String("\\\\");
            break;
        case '\n':
            out += QLatin1String("\\n");
            break;
        case '\r':
            out += QLatin1String("\\r");
            break;
        case '\t':
            out += QLatin1String("\\t");
            break;
        case '\b':
            out += QLatin1String("\\b");
            break;
        case '\f':
            out += QLatin1String("\\f");
            break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += QLatin1Char('"');
    return out;
}

} // namespace Gatehouse::Core::Collection
