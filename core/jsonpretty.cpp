#include "jsonpretty.h"

#include <QList>

#include <string>
#include <string_view>
#include <vector>

namespace Gatehouse::Core {

namespace {

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Bytes that end the fast scan inside a string: '"', '\\' and control characters.
struct StringStops
{
    bool stop[256] = {};
    constexpr StringStops()
    {
        for (int c = 0; c < 0x20; ++c)
            stop[c] = true;
        stop[int('"')] = true;
        stop[int('\\')] = true;
    }
};
constexpr StringStops stringStops;

bool isHexDigit(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// A single-pass JSON scanner that copies tokens verbatim and writes indentation between them.
// With m_write false it only validates.
class Formatter
{
public:
    Formatter(const QByteArray &input, int indent, bool write, const JsonPretty::Sink *sink = nullptr)
        : m_begin(input.constData()), m_p(m_begin), m_end(m_begin + input.size()),
          m_indent(indent), m_write(write), m_sink(sink)
    {
        if (m_write)
            m_out.reserve(m_sink ? SpillBytes + 4096 : size_t(input.size()) + size_t(input.size()) / 2 + 64);
    }

    // With a sink: hands over what is buffered; false when the sink refused it.
    bool spill()
    {
        if (m_sink && !m_out.empty()) {
            if (!m_sinkFailed && !(*m_sink)(QByteArrayView(m_out.data(), qsizetype(m_out.size()))))
                m_sinkFailed = true;
            m_out.clear();
        }
        return !m_sinkFailed;
    }
    bool sinkFailed() const { return m_sinkFailed; }

    bool run();
    std::string &output() { return m_out; }
    Error error() const;

private:
    bool value();
    bool openContainer(char open);
    bool afterValue(bool &done);
    bool key();
    bool string();
    bool number();
    bool literal(const char *word, size_t length);
    bool fail(const char *at, QString words);
    QString found() const;
    void skipSpace()
    {
        while (m_p < m_end && isJsonSpace(*m_p))
            ++m_p;
    }
    void put(char c)
    {
        if (m_write)
            m_out.push_back(c);
    }
    void put(const char *from, const char *to)
    {
        if (m_write)
            m_out.append(from, size_t(to - from));
    }
    void newline()
    {
        if (!m_write)
            return;
        m_out.push_back('\n');
        m_out.append(m_stack.size() * size_t(m_indent), ' ');
        if (m_sink && m_out.size() >= SpillBytes)
            spill();
    }

    static constexpr size_t SpillBytes = 1024 * 1024;

    const char *m_begin;
    const char *m_p;
    const char *m_end;
    int m_indent;
    bool m_write;
    const JsonPretty::Sink *m_sink;
    bool m_sinkFailed = false;
    std::string m_out;
    std::vector<char> m_stack; // '}' or ']' for each open container
    bool m_opened = false; // the last value() opened a non-empty container
    const char *m_errorAt = nullptr;
    QString m_errorWords;
};

bool Formatter::fail(const char *at, QString words)
{
    m_errorAt = at;
    m_errorWords = std::move(words);
    return false;
}

QString Formatter::found() const
{
    if (m_p >= m_end)
        return QStringLiteral("the end of the document");
    const unsigned char c = static_cast<unsigned char>(*m_p);
    if (c >= 0x21 && c < 0x7f)
        return QStringLiteral("'%1'").arg(QLatin1Char(char(c)));
    return QStringLiteral("byte 0x%1").arg(c, 2, 16, QLatin1Char('0'));
}

Error Formatter::error() const
{
    int line = 1;
    const char *lineStart = m_begin;
    for (const char *q = m_begin; q < m_errorAt; ++q) {
        if (*q == '\n') {
            ++line;
            lineStart = q + 1;
        }
    }
    int column = 1;
    for (const char *q = lineStart; q < m_errorAt; ++q) {
        if ((static_cast<unsigned char>(*q) & 0xc0) != 0x80)
            ++column;
    }
    Error e = makeError(ErrorCode::InvalidArgument,
                        QStringLiteral("Line %1, column %2: %3").arg(line).arg(column).arg(m_errorWords));
    return e;
}

bool Formatter::run()
{
    if (m_end - m_p >= 3 && m_p[0] == '\xef' && m_p[1] == '\xbb' && m_p[2] == '\xbf')
        m_p += 3;
    skipSpace();
    if (m_p == m_end)
        return fail(m_p, QStringLiteral("the document is empty."));
    bool done = false;
    while (!done) {
        if (!value())
            return false;
        if (m_opened) {
            m_opened = false;
            continue;
        }
        if (!afterValue(done))
            return false;
    }
    skipSpace();
    if (m_p != m_end)
        return fail(m_p, QStringLiteral("unexpected %1 after the end of the JSON document.").arg(found()));
    return true;
}

// Reads one value. An opened container leaves its first value (or key and value) to the next turn.
bool Formatter::value()
{
    skipSpace();
    if (m_p == m_end)
        return fail(m_p, QStringLiteral("the document ends where a value should be."));
    switch (*m_p) {
    case '{':
    case '[':
        return openContainer(*m_p);
    case '"':
        return string();
    case 't':
        return literal("true", 4);
    case 'f':
        return literal("false", 5);
    case 'n':
        return literal("null", 4);
    case ']':
    case '}':
        return fail(m_p, QStringLiteral("expected a value but found %1 (a trailing comma?).").arg(found()));
    default:
        if (*m_p == '-' || isDigit(*m_p))
            return number();
        return fail(m_p, QStringLiteral("expected a value but found %1.").arg(found()));
    }
}

bool Formatter::openContainer(char open)
{
    const char close = open == '{' ? '}' : ']';
    put(open);
    ++m_p;
    skipSpace();
    if (m_p < m_end && *m_p == close) {
        put(close);
        ++m_p;
        return true;
    }
    m_stack.push_back(close);
    m_opened = true;
    newline();
    if (open == '{')
        return key();
    return true;
}

bool Formatter::key()
{
    skipSpace();
    if (m_p == m_end || *m_p != '"')
        return fail(m_p, QStringLiteral("expected a key in double quotes but found %1.").arg(found()));
    if (!string())
        return false;
    skipSpace();
    if (m_p == m_end || *m_p != ':')
        return fail(m_p, QStringLiteral("expected ':' after the key but found %1.").arg(found()));
    ++m_p;
    put(':');
    put(' ');
    return true;
}

// After a complete value: commas and closing brackets until the next value is due.
bool Formatter::afterValue(bool &done)
{
    for (;;) {
        if (m_stack.empty()) {
            done = true;
            return true;
        }
        skipSpace();
        const char close = m_stack.back();
        if (m_p < m_end && *m_p == ',') {
            ++m_p;
            put(',');
            newline();
            return close == '}' ? key() : true;
        }
        if (m_p < m_end && *m_p == close) {
            ++m_p;
            m_stack.pop_back();
            newline();
            put(close);
            continue;
        }
        const QString where = close == '}' ? QStringLiteral("an object member") : QStringLiteral("an array element");
        return fail(m_p, QStringLiteral("expected ',' or '%1' after %2 but found %3.")
                             .arg(QString(QLatin1Char(close)), where, found()));
    }
}

bool Formatter::string()
{
    const char *start = m_p;
    ++m_p;
    for (;;) {
        while (m_p < m_end && !stringStops.stop[static_cast<unsigned char>(*m_p)])
            ++m_p;
        if (m_p >= m_end)
            return fail(start, QStringLiteral("this string is never closed with '\"'."));
        const char c = *m_p;
        if (c == '"')
            break;
        if (static_cast<unsigned char>(c) < 0x20)
            return fail(m_p, QStringLiteral("a control character inside a string must be escaped (found %1).").arg(found()));
        if (c == '\\') {
            const char *escape = m_p;
            ++m_p;
            if (m_p >= m_end)
                return fail(start, QStringLiteral("this string is never closed with '\"'."));
            switch (*m_p) {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
                break;
            case 'u':
                for (int i = 1; i <= 4; ++i) {
                    if (m_p + i >= m_end || !isHexDigit(m_p[i]))
                        return fail(escape, QStringLiteral("'\\u' must be followed by four hex digits."));
                }
                m_p += 4;
                break;
            default:
                return fail(escape, QStringLiteral("'\\%1' is not a JSON escape.").arg(found()));
            }
        }
        ++m_p;
    }
    ++m_p;
    put(start, m_p);
    return true;
}

bool Formatter::number()
{
    const char *start = m_p;
    if (*m_p == '-')
        ++m_p;
    if (m_p >= m_end || !isDigit(*m_p))
        return fail(m_p, QStringLiteral("expected a digit after '-' but found %1.").arg(found()));
    if (*m_p == '0' && m_p + 1 < m_end && isDigit(m_p[1]))
        return fail(m_p, QStringLiteral("numbers must not start with a leading zero."));
    while (m_p < m_end && isDigit(*m_p))
        ++m_p;
    if (m_p < m_end && *m_p == '.') {
        ++m_p;
        if (m_p >= m_end || !isDigit(*m_p))
            return fail(m_p, QStringLiteral("expected a digit after the decimal point but found %1.").arg(found()));
        while (m_p < m_end && isDigit(*m_p))
            ++m_p;
    }
    if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
        ++m_p;
        if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
            ++m_p;
        if (m_p >= m_end || !isDigit(*m_p))
            return fail(m_p, QStringLiteral("expected a digit in the exponent but found %1.").arg(found()));
        while (m_p < m_end && isDigit(*m_p))
            ++m_p;
    }
    put(start, m_p);
    return true;
}

bool Formatter::literal(const char *word, size_t length)
{
    if (size_t(m_end - m_p) < length || std::string_view(m_p, length) != std::string_view(word, length))
        return fail(m_p, QStringLiteral("expected a value but found %1 (did you mean '%2'?).")
                             .arg(found(), QLatin1String(word)));
    put(m_p, m_p + length);
    m_p += qsizetype(length);
    return true;
}

} // namespace

Result<QByteArray> JsonPretty::format(const QByteArray &json, int indent)
{
    Formatter formatter(json, qMax(0, indent), true);
    if (!formatter.run())
        return formatter.error();
    const std::string &out = formatter.output();
    return QByteArray(out.data(), qsizetype(out.size()));
}

Result<void> JsonPretty::formatTo(const QByteArray &json, const Sink &sink, int indent)
{
    Formatter formatter(json, qMax(0, indent), true, &sink);
    if (!formatter.run())
        return formatter.error();
    if (!formatter.spill())
        return makeError(ErrorCode::Io, QStringLiteral("The formatted text could not be written."));
    return {};
}

Result<void> JsonPretty::validate(const QByteArray &json)
{
    Formatter formatter(json, 0, false);
    if (!formatter.run())
        return formatter.error();
    return {};
}

bool JsonPretty::isJsonContentType(const QByteArray &contentType)
{
    const QByteArray type = contentType.split(';').constFirst().trimmed().toLower();
    return type == "application/json" || type.endsWith("+json") || type == "text/json";
}

Result<void> validateJson(const QByteArray &json)
{
    return JsonPretty::validate(json);
}

} // namespace Gatehouse::Core
