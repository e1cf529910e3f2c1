#include "responsepath.h"

namespace Gatehouse::Core::GraphQL {

QVariantList parseResponsePath(const QString &path)
{
    QVariantList segments;
    qsizetype i = 0;
    const qsizetype n = path.size();
    while (i < n) {
        if (path.at(i) == QLatin1Char('[')) {
            const qsizetype close = path.indexOf(QLatin1Char(']'), i);
            bool ok = false;
            const int index = close < 0 ? -1 : path.mid(i + 1, close - i - 1).toInt(&ok);
            if (!ok || index < 0)
                return {};
            segments.append(index);
            i = close + 1;
            continue;
        }
        if (path.at(i) == QLatin1Char('.')) {
            ++i;
            continue;
        }
        qsizetype end = i;
        while (end < n && path.at(end) != QLatin1Char('.') && path.at(end) != QLatin1Char('['))
            ++end;
        segments.append(path.mid(i, end - i));
        i = end;
    }
    return segments;
}

namespace {

// A forward-only reader over JSON text that can step over a value without building it.
class Scanner
{
public:
    explicit Scanner(const QByteArray &text)
        : m_s(text)
    {}

    qsizetype pos() const { return m_i; }
    // Some servers and files start UTF-8 with EF BB BF; JSON parsers skip it.
    void skipByteOrderMark()
    {
        if (m_s.startsWith("\xEF\xBB\xBF"))
            m_i = 3;
    }
    char peek() const { return m_i < m_s.size() ? m_s.at(m_i) : '\0'; }
    bool take(char c)
    {
        skipSpace();
        if (peek() != c)
            return false;
        ++m_i;
        return true;
    }
    void skipSpace()
    {
        while (m_i < m_s.size() && (m_s.at(m_i) == ' ' || m_s.at(m_i) == '\n' || m_s.at(m_i) == '\r' || m_s.at(m_i) == '\t'))
            ++m_i;
    }

    // A string at the cursor, decoded enough to compare keys (\uXXXX included).
    bool readString(QString *out)
    {
        skipSpace();
        if (peek() != '"')
            return false;
        ++m_i;
        QByteArray raw;
        while (m_i < m_s.size()) {
            const char c = m_s.at(m_i++);
            if (c == '"') {
                if (out)
                    *out = unescape(raw);
                return true;
            }
            raw.append(c);
            if (c == '\\' && m_i < m_s.size())
                raw.append(m_s.at(m_i++));
        }
        return false;
    }

    bool skipValue()
    {
        skipSpace();
        const char c = peek();
        if (c == '"')
            return readString(nullptr);
        if (c == '{' || c == '[') {
            int depth = 0;
            while (m_i < m_s.size()) {
                const char d = m_s.at(m_i);
                if (d == '"') {
                    if (!readString(nullptr))
                        return false;
                    continue;
                }
                ++m_i;
                if (d == '{' || d == '[')
                    ++depth;
                else if ((d == '}' || d == ']') && --depth == 0)
                    return true;
            }
            return false;
        }
        const qsizetype start = m_i;
        while (m_i < m_s.size() && !QByteArrayView(",}] \n\r\t").contains(m_s.at(m_i)))
            ++m_i;
        return m_i > start;
    }

private:
    static QString unescape(const QByteArray &raw)
    {
        if (!raw.contains('\\'))
            return QString::fromUtf8(raw);
        QString out;
        const QString text = QString::fromUtf8(raw);
        for (qsizetype i = 0; i < text.size(); ++i) {
            if (text.at(i) != QLatin1Char('\\') || i + 1 >= text.size()) {
                out.append(text.at(i));
                continue;
            }
            const QChar e = text.at(++i);
            switch (e.unicode()) {
            case 'n': out.append(QLatin1Char('\n')); break;
            case 't': out.append(QLatin1Char('\t')); break;
            case 'r': out.append(QLatin1Char('\r')); break;
            case 'b': out.append(QLatin1Char('\b')); break;
            case 'f': out.append(QLatin1Char('\f')); break;
            case 'u':
                out.append(QChar(char16_t(text.mid(i + 1, 4).toUShort(nullptr, 16))));
                i += 4;
                break;
            default: out.append(e); break;
            }
        }
        return out;
    }

    const QByteArray &m_s;
    qsizetype m_i = 0;
};

// Moves the scanner onto the member `key` of the object at the cursor.
bool enterMember(Scanner &scan, const QString &key)
{
    if (!scan.take('{'))
        return false;
    if (scan.take('}'))
        return false;
    for (;;) {
        QString name;
        if (!scan.readString(&name) || !scan.take(':'))
            return false;
        if (name == key) {
            scan.skipSpace();
            return true;
        }
        if (!scan.skipValue())
            return false;
        if (!scan.take(','))
            return false; // '}' (not found) or broken text
    }
}

bool enterElement(Scanner &scan, int index)
{
    if (!scan.take('['))
        return false;
    if (scan.take(']'))
        return false;
    for (int i = 0;; ++i) {
        scan.skipSpace();
        if (i == index)
            return true;
        if (!scan.skipValue() || !scan.take(','))
            return false;
    }
}

} // namespace

std::optional<std::pair<qsizetype, qsizetype>> locateJsonValue(const QByteArray &json, const QVariantList &segments)
{
    Scanner scan(json);
    scan.skipByteOrderMark();
    for (const QVariant &segment : segments) {
        const bool entered = segment.typeId() == QMetaType::Int ? enterElement(scan, segment.toInt())
                                                                : enterMember(scan, segment.toString());
        if (!entered)
            return std::nullopt;
    }
    scan.skipSpace();
    const qsizetype start = scan.pos();
    if (!scan.skipValue())
        return std::nullopt;
    return std::make_pair(start, scan.pos());
}

} // namespace Gatehouse::Core::GraphQL
