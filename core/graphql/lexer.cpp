#include "lexer.h"

#include <QCoreApplication>

namespace Gatehouse::Core::GraphQL {

namespace {

struct LexerText
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::GraphQL::Lexer)
};

bool isNameStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isNameContinue(char c)
{
    return isNameStart(c) || isDigit(c);
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool isSurrogate(char32_t c)
{
    return c >= 0xD800 && c <= 0xDFFF;
}

void appendCodePoint(QString &out, char32_t c)
{
    if (c > 0xFFFF) {
        out.append(QChar(QChar::highSurrogate(c)));
        out.append(QChar(QChar::lowSurrogate(c)));
    } else {
        out.append(QChar(char16_t(c)));
    }
}

} // namespace

QString tokenKindDescription(TokenKind kind)
{
    switch (kind) {
    case TokenKind::EndOfFile:
        return QStringLiteral("<EOF>");
    case TokenKind::Bang:
        return QStringLiteral("\"!\"");
    case TokenKind::Dollar:
        return QStringLiteral("\"$\"");
    case TokenKind::Amp:
        return QStringLiteral("\"&\"");
    case TokenKind::ParenL:
        return QStringLiteral("\"(\"");
    case TokenKind::ParenR:
        return QStringLiteral("\")\"");
    case TokenKind::Spread:
        return QStringLiteral("\"...\"");
    case TokenKind::Colon:
        return QStringLiteral("\":\"");
    case TokenKind::Equals:
        return QStringLiteral("\"=\"");
    case TokenKind::At:
        return QStringLiteral("\"@\"");
    case TokenKind::BracketL:
        return QStringLiteral("\"[\"");
    case TokenKind::BracketR:
        return QStringLiteral("\"]\"");
    case TokenKind::BraceL:
        return QStringLiteral("\"{\"");
    case TokenKind::Pipe:
        return QStringLiteral("\"|\"");
    case TokenKind::BraceR:
        return QStringLiteral("\"}\"");
    case TokenKind::Name:
        return QStringLiteral("Name");
    case TokenKind::Int:
        return QStringLiteral("Int");
    case TokenKind::Float:
        return QStringLiteral("Float");
    case TokenKind::String:
        return QStringLiteral("String");
    case TokenKind::BlockString:
        return QStringLiteral("BlockString");
    case TokenKind::Comment:
        return QStringLiteral("Comment");
    case TokenKind::Invalid:
        return QStringLiteral("<invalid>");
    }
    return {};
}

Lexer::Lexer(QByteArrayView source, bool keepComments)
    : m_data(source.data())
    , m_size(int(source.size()))
    , m_keepComments(keepComments)
{}

Token Lexer::make(TokenKind kind, int start, int end)
{
    m_pos = end;
    return Token{kind, Span{start, end}};
}

Token Lexer::invalid(int start, int end, int errorOffset, QString message)
{
    m_errorMessage = std::move(message);
    m_errorOffset = errorOffset;
    m_pos = end;
    return Token{TokenKind::Invalid, Span{start, end}};
}

char32_t Lexer::decodeUtf8(int pos, int *length) const
{
    const auto b0 = uchar(m_data[pos]);
    *length = 1;
    if (b0 < 0x80)
        return b0;
    int need = 0;
    char32_t c = 0;
    char32_t min = 0;
    if ((b0 & 0xE0) == 0xC0) {
        need = 1, c = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        need = 2, c = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        need = 3, c = b0 & 0x07, min = 0x10000;
    } else {
        return char32_t(-1);
    }
    if (pos + need >= m_size)
        return char32_t(-1);
    for (int i = 1; i <= need; ++i) {
        const auto b = uchar(m_data[pos + i]);
        if ((b & 0xC0) != 0x80)
            return char32_t(-1);
        c = (c << 6) | (b & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not Unicode scalar values.
    if (c < min || isSurrogate(c) || c > 0x10FFFF)
        return char32_t(-1);
    *length = need + 1;
    return c;
}

QString Lexer::describeCharacter(int pos) const
{
    if (pos >= m_size)
        return QStringLiteral("<EOF>");
    const char c = m_data[pos];
    if (c >= 0x20 && c < 0x7F)
        return c == '"' ? QStringLiteral("'\"'") : QStringLiteral("\"%1\"").arg(QLatin1Char(c));
    int length = 1;
    const char32_t code = decodeUtf8(pos, &length);
    if (code == char32_t(-1))
        return LexerText::tr("byte 0x%1 (the source is not UTF-8)")
            .arg(uint(uchar(c)), 2, 16, QLatin1Char('0'));
    return QStringLiteral("U+%1").arg(uint(code), 4, 16, QLatin1Char('0')).toUpper();
}

Token Lexer::next()
{
    while (m_pos < m_size) {
        const int start = m_pos;
        const char c = m_data[m_pos];
        switch (c) {
        case ' ':
        case '\t':
        case ',':
        case '\n':
        case '\r':
            ++m_pos;
            continue;
        case '#': {
            Token comment = readComment(start);
            if (m_keepComments)
                return comment;
            continue;
        }
        case '!':
            return make(TokenKind::Bang, start, start + 1);
        case '$':
            return make(TokenKind::Dollar, start, start + 1);
        case '&':
            return make(TokenKind::Amp, start, start + 1);
        case '(':
            return make(TokenKind::ParenL, start, start + 1);
        case ')':
            return make(TokenKind::ParenR, start, start + 1);
        case '.':
            if (m_pos + 2 < m_size && m_data[m_pos + 1] == '.' && m_data[m_pos + 2] == '.')
                return make(TokenKind::Spread, start, start + 3);
            return invalid(
                start, start + 1, start,
                LexerText::tr("Unexpected character: \".\"; a spread is written \"...\""));
        case ':':
            return make(TokenKind::Colon, start, start + 1);
        case '=':
            return make(TokenKind::Equals, start, start + 1);
        case '@':
            return make(TokenKind::At, start, start + 1);
        case '[':
            return make(TokenKind::BracketL, start, start + 1);
        case ']':
            return make(TokenKind::BracketR, start, start + 1);
        case '{':
            return make(TokenKind::BraceL, start, start + 1);
        case '|':
            return make(TokenKind::Pipe, start, start + 1);
        case '}':
            return make(TokenKind::BraceR, start, start + 1);
        case '"':
            if (m_pos + 2 < m_size && m_data[m_pos + 1] == '"' && m_data[m_pos + 2] == '"')
                return readBlockString(start);
            return readString(start);
        default:
            break;
        }
        if (isDigit(c) || c == '-')
            return readNumber(start);
        if (isNameStart(c))
            return readName(start);
        // U+FEFF, the byte order mark, is an ignored token anywhere.
        if (uchar(c) == 0xEF && m_pos + 2 < m_size && uchar(m_data[m_pos + 1]) == 0xBB &&
            uchar(m_data[m_pos + 2]) == 0xBF) {
            m_pos += 3;
            continue;
        }
        int length = 1;
        decodeUtf8(start, &length);
        if (c == '\'')
            return invalid(start, start + 1, start,
                           LexerText::tr("Unexpected single quote character ('); strings are "
                                         "written in double quotes (\")"));
        return invalid(start, start + length, start,
                       LexerText::tr("Unexpected character: %1").arg(describeCharacter(start)));
    }
    return make(TokenKind::EndOfFile, m_size, m_size);
}

Token Lexer::readComment(int start)
{
    int pos = start + 1;
    while (pos < m_size && m_data[pos] != '\n' && m_data[pos] != '\r')
        ++pos;
    return make(TokenKind::Comment, start, pos);
}

Token Lexer::readName(int start)
{
    int pos = start + 1;
    while (pos < m_size && isNameContinue(m_data[pos]))
        ++pos;
    return make(TokenKind::Name, start, pos);
}

Token Lexer::readNumber(int start)
{
    int pos = start;
    bool isFloat = false;
    auto at = [&](int p) {
        return p < m_size ? m_data[p] : '\0';
    };
    auto expectDigits = [&]() -> bool {
        if (!isDigit(at(pos)))
            return false;
        while (isDigit(at(pos)))
            ++pos;
        return true;
    };
    auto badDigit = [&]() {
        const int end = pos < m_size ? pos + 1 : pos;
        return invalid(start, end, pos,
                       LexerText::tr("Invalid number, expected digit but got: %1")
                           .arg(describeCharacter(pos)));
    };

    if (at(pos) == '-')
        ++pos;
    if (at(pos) == '0') {
        ++pos;
        if (isDigit(at(pos)))
            return invalid(start, pos + 1, pos,
                           LexerText::tr("Invalid number, unexpected digit after 0: %1")
                               .arg(describeCharacter(pos)));
    } else if (!expectDigits()) {
        return badDigit();
    }
    if (at(pos) == '.') {
        isFloat = true;
        ++pos;
        if (!expectDigits())
            return badDigit();
    }
    if (at(pos) == 'e' || at(pos) == 'E') {
        isFloat = true;
        ++pos;
        if (at(pos) == '+' || at(pos) == '-')
            ++pos;
        if (!expectDigits())
            return badDigit();
    }
    // The spec's lookahead: a number is not directly followed by "." or a name start.
    if (at(pos) == '.' || isNameStart(at(pos)))
        return badDigit();
    return make(isFloat ? TokenKind::Float : TokenKind::Int, start, pos);
}

Token Lexer::readString(int start)
{
    m_stringValue.clear();
    int pos = start + 1;
    int chunkStart = pos;
    auto flush = [&](int end) {
        if (end > chunkStart)
            m_stringValue.append(QString::fromUtf8(m_data + chunkStart, end - chunkStart));
    };
    while (pos < m_size) {
        const char c = m_data[pos];
        if (c == '"') {
            flush(pos);
            return make(TokenKind::String, start, pos + 1);
        }
        if (c == '\n' || c == '\r')
            break;
        if (c == '\\') {
            flush(pos);
            const char e = pos + 1 < m_size ? m_data[pos + 1] : '\0';
            int escapeEnd = pos + 2;
            switch (e) {
            case '"':
                m_stringValue.append(QLatin1Char('"'));
                break;
            case '\\':
                m_stringValue.append(QLatin1Char('\\'));
                break;
            case '/':
                m_stringValue.append(QLatin1Char('/'));
                break;
            case 'b':
                m_stringValue.append(QLatin1Char('\b'));
                break;
            case 'f':
                m_stringValue.append(QLatin1Char('\f'));
                break;
            case 'n':
                m_stringValue.append(QLatin1Char('\n'));
                break;
            case 'r':
                m_stringValue.append(QLatin1Char('\r'));
                break;
            case 't':
                m_stringValue.append(QLatin1Char('\t'));
                break;
            case 'u': {
                char32_t code = 0;
                if (!readUnicodeEscape(pos, &code, &escapeEnd)) {
                    const QString written = QString::fromUtf8(m_data + pos, escapeEnd - pos);
                    return invalid(start, endOfBrokenString(escapeEnd), pos,
                                   LexerText::tr("Invalid Unicode escape sequence: \"%1\"; write "
                                                 "\\uXXXX, a surrogate pair \\uD83D\\uDE00 or "
                                                 "\\u{1F600}")
                                       .arg(written));
                }
                appendCodePoint(m_stringValue, code);
                break;
            }
            default:
                return invalid(start, endOfBrokenString(std::min(pos + 2, m_size)), pos,
                               LexerText::tr("Invalid character escape sequence: \"\\%1\"")
                                   .arg(pos + 1 < m_size ? QString::fromUtf8(m_data + pos + 1, 1)
                                                         : QString()));
            }
            pos = escapeEnd;
            chunkStart = pos;
            continue;
        }
        if (uchar(c) < 0x80) {
            ++pos;
            continue;
        }
        int length = 1;
        if (decodeUtf8(pos, &length) == char32_t(-1))
            return invalid(
                start, endOfBrokenString(pos + 1), pos,
                LexerText::tr("Invalid character within String: %1").arg(describeCharacter(pos)));
        pos += length;
    }
    return invalid(start, pos, pos,
                   LexerText::tr("Unterminated string: a \"...\" string ends on the same line; "
                                 "use a \"\"\"block string\"\"\" for several lines"));
}

bool Lexer::readUnicodeEscape(int pos, char32_t *code, int *escapeEnd) const
{
    // pos is at the backslash of a \u escape.
    auto hexRun = [this](int p, int maxDigits, char32_t *value) {
        int digits = 0;
        bool overflow = false;
        *value = 0;
        while (p + digits < m_size && digits < maxDigits && hexValue(m_data[p + digits]) >= 0) {
            overflow = overflow || *value > 0x10FFFF;
            if (!overflow)
                *value = *value * 16 + char32_t(hexValue(m_data[p + digits]));
            ++digits;
        }
        if (overflow)
            *value = 0x110000;
        return digits;
    };
    if (pos + 2 < m_size && m_data[pos + 2] == '{') {
        // \u{X...}: any Unicode scalar value, leading zeros allowed.
        const int digits = hexRun(pos + 3, 16, code);
        const int close = pos + 3 + digits;
        const bool closed = close < m_size && m_data[close] == '}';
        *escapeEnd = closed ? close + 1 : close;
        return digits > 0 && closed && *code <= 0x10FFFF && !isSurrogate(*code);
    }
    // \uXXXX: a scalar value, or a surrogate pair written as two escapes.
    const int digits = hexRun(pos + 2, 4, code);
    *escapeEnd = pos + 2 + digits;
    if (digits < 4)
        return false;
    if (*code >= 0xD800 && *code <= 0xDBFF) {
        char32_t low = 0;
        if (pos + 7 < m_size && m_data[pos + 6] == '\\' && m_data[pos + 7] == 'u' &&
            hexRun(pos + 8, 4, &low) == 4 && low >= 0xDC00 && low <= 0xDFFF) {
            *code = 0x10000 + ((*code - 0xD800) << 10) + (low - 0xDC00);
            *escapeEnd = pos + 12;
            return true;
        }
        return false;
    }
    return !isSurrogate(*code);
}

int Lexer::endOfBrokenString(int pos) const
{
    // A string with a bad escape or byte still ends at its closing quote (or the line end), so
    // that a highlighter goes on after it rather than in the middle of it.
    while (pos < m_size && m_data[pos] != '"' && m_data[pos] != '\n' && m_data[pos] != '\r')
        pos += m_data[pos] == '\\' && pos + 1 < m_size && m_data[pos + 1] != '\n' ? 2 : 1;
    return pos < m_size && m_data[pos] == '"' ? pos + 1 : std::min(pos, m_size);
}

Token Lexer::readBlockString(int start)
{
    QByteArray raw;
    int pos = start + 3;
    int chunkStart = pos;
    while (pos < m_size) {
        const char c = m_data[pos];
        if (c == '"' && pos + 2 < m_size && m_data[pos + 1] == '"' && m_data[pos + 2] == '"') {
            raw.append(m_data + chunkStart, pos - chunkStart);
            m_stringValue = blockStringValue(QString::fromUtf8(raw));
            return make(TokenKind::BlockString, start, pos + 3);
        }
        if (c == '\\' && pos + 3 < m_size && m_data[pos + 1] == '"' && m_data[pos + 2] == '"' &&
            m_data[pos + 3] == '"') {
            raw.append(m_data + chunkStart, pos - chunkStart);
            chunkStart = pos + 1; // keep the """, drop the backslash
            pos += 4;
            continue;
        }
        if (uchar(c) < 0x80) {
            ++pos;
            continue;
        }
        int length = 1;
        if (decodeUtf8(pos, &length) == char32_t(-1))
            return invalid(
                start, pos + 1, pos,
                LexerText::tr("Invalid character within String: %1").arg(describeCharacter(pos)));
        pos += length;
    }
    return invalid(start, pos, pos,
                   LexerText::tr("Unterminated string: the block string has no closing \"\"\""));
}

QString Lexer::blockStringValue(const QString &raw)
{
    // Split at \r\n, \n and \r.
    std::vector<QStringView> lines;
    const QStringView view(raw);
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < view.size(); ++i) {
        const QChar ch = view[i];
        if (ch == QLatin1Char('\n') || ch == QLatin1Char('\r')) {
            lines.push_back(view.mid(lineStart, i - lineStart));
            if (ch == QLatin1Char('\r') && i + 1 < view.size() && view[i + 1] == QLatin1Char('\n'))
                ++i;
            lineStart = i + 1;
        }
    }
    lines.push_back(view.mid(lineStart));

    auto indentOf = [](QStringView line) {
        qsizetype n = 0;
        while (n < line.size() && (line[n] == QLatin1Char(' ') || line[n] == QLatin1Char('\t')))
            ++n;
        return n;
    };
    qsizetype commonIndent = -1;
    qsizetype firstNonBlank = -1;
    qsizetype lastNonBlank = -1;
    for (size_t i = 0; i < lines.size(); ++i) {
        const qsizetype indent = indentOf(lines[i]);
        if (indent == lines[i].size())
            continue;
        if (firstNonBlank < 0)
            firstNonBlank = qsizetype(i);
        lastNonBlank = qsizetype(i);
        if (i != 0 && (commonIndent < 0 || indent < commonIndent))
            commonIndent = indent;
    }
    if (firstNonBlank < 0)
        return {};
    QString out;
    out.reserve(raw.size());
    for (qsizetype i = firstNonBlank; i <= lastNonBlank; ++i) {
        QStringView line = lines[size_t(i)];
        if (i != 0 && commonIndent > 0)
            line = line.mid(std::min(commonIndent, line.size()));
        if (i != firstNonBlank)
            out.append(QLatin1Char('\n'));
        out.append(line);
    }
    return out;
}

std::vector<Token> Lexer::tokenize(QByteArrayView source)
{
    std::vector<Token> tokens;
    Lexer lexer(source, true);
    for (;;) {
        Token token = lexer.next();
        tokens.push_back(token);
        if (token.kind == TokenKind::EndOfFile)
            break;
        if (token.kind == TokenKind::Invalid && token.span.end <= token.span.start)
            lexer.m_pos = token.span.start + 1;
    }
    return tokens;
}

} // namespace Gatehouse::Core::GraphQL
