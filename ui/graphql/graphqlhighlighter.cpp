#include "graphqlhighlighter.h"

#include "core/graphql/lexer.h"

#include <vector>

namespace Gatehouse::Ui {

using namespace Core::GraphQL;

namespace {

constexpr int kInsideBlockString = 1;

QTextCharFormat colour(const char *hex, bool bold = false, bool italic = false)
{
    QTextCharFormat format;
    format.setForeground(QColor(QLatin1String(hex)));
    if (bold)
        format.setFontWeight(QFont::DemiBold);
    format.setFontItalic(italic);
    return format;
}

bool isKeyword(QByteArrayView word)
{
    static const char *const keywords[] = {"query", "mutation", "subscription", "fragment", "on",
                                           "true", "false", "null", "type", "interface", "union",
                                           "enum", "input", "scalar", "schema", "extend",
                                           "directive", "implements", "repeatable"};
    for (const char *keyword : keywords) {
        if (word == QByteArrayView(keyword))
            return true;
    }
    return false;
}

// Where the block string that started on an earlier line ends on this one (after its """), or -1.
qsizetype blockStringEnd(const QString &text)
{
    for (qsizetype i = 0; i + 2 < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('\\') && QStringView(text).mid(i + 1, 3) == QLatin1String("\"\"\"")) {
            i += 3; // \""" is an escaped delimiter
            continue;
        }
        if (QStringView(text).mid(i, 3) == QLatin1String("\"\"\""))
            return i + 3;
    }
    return -1;
}

} // namespace

GraphQLHighlighter::GraphQLHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    m_formats[int(Role::Keyword)] = colour("#8e3ab5", true);
    m_formats[int(Role::Name)] = colour("#1f5fa8");
    m_formats[int(Role::Variable)] = colour("#b25000");
    m_formats[int(Role::Directive)] = colour("#0f766e", true);
    m_formats[int(Role::String)] = colour("#2e7d32");
    m_formats[int(Role::Number)] = colour("#c2410c");
    m_formats[int(Role::Comment)] = colour("#6b7280", false, true);
    m_formats[int(Role::Punctuation)] = colour("#4b5563");
    QTextCharFormat invalid = colour("#b91c1c");
    invalid.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    invalid.setUnderlineColor(QColor(QLatin1String("#dc2626")));
    m_formats[int(Role::Invalid)] = invalid;
}

QTextCharFormat GraphQLHighlighter::format(Role role) const
{
    return m_formats[int(role)];
}

void GraphQLHighlighter::highlightBlock(const QString &text)
{
    setCurrentBlockState(0);
    int from = 0;
    if (previousBlockState() == kInsideBlockString) {
        const qsizetype end = blockStringEnd(text);
        if (end < 0) {
            setFormat(0, int(text.size()), format(Role::String));
            setCurrentBlockState(kInsideBlockString);
            return;
        }
        setFormat(0, int(end), format(Role::String));
        from = int(end);
    }
    highlightTokens(text, from);
}

void GraphQLHighlighter::highlightTokens(const QString &text, int from)
{
    const QString part = text.mid(from);
    const QByteArray utf8 = part.toUtf8();
    // Token spans are UTF-8 byte offsets; the block wants UTF-16 positions.
    std::vector<int> toChar;
    if (utf8.size() != part.size()) {
        toChar.resize(size_t(utf8.size()) + 1);
        int byte = 0;
        for (qsizetype i = 0; i < part.size(); ++i) {
            const char16_t c = part.at(i).unicode();
            const bool pair = QChar::isHighSurrogate(c) && i + 1 < part.size() && part.at(i + 1).isLowSurrogate();
            const int length = pair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            for (int k = 0; k < length && byte < utf8.size(); ++k)
                toChar[size_t(byte++)] = int(i);
            if (pair)
                ++i;
        }
        toChar[size_t(utf8.size())] = int(part.size());
    }
    auto pos = [&](int byte) { return from + (toChar.empty() ? byte : toChar[size_t(byte)]); };
    auto paint = [&](Span span, Role role) { setFormat(pos(span.start), pos(span.end) - pos(span.start), format(role)); };

    TokenKind previous = TokenKind::EndOfFile;
    int previousEnd = -1;
    for (const Token &token : Lexer::tokenize(utf8)) {
        switch (token.kind) {
        case TokenKind::EndOfFile:
            break;
        case TokenKind::Comment:
            paint(token.span, Role::Comment);
            break;
        case TokenKind::String:
        case TokenKind::BlockString:
            paint(token.span, Role::String);
            break;
        case TokenKind::Int:
        case TokenKind::Float:
            paint(token.span, Role::Number);
            break;
        case TokenKind::Name: {
            const bool joined = previousEnd == token.span.start;
            const QByteArrayView word(utf8.constData() + token.span.start, token.span.end - token.span.start);
            if (joined && previous == TokenKind::Dollar)
                paint(token.span, Role::Variable);
            else if (joined && previous == TokenKind::At)
                paint(token.span, Role::Directive);
            else
                paint(token.span, isKeyword(word) ? Role::Keyword : Role::Name);
            break;
        }
        case TokenKind::Dollar:
            paint(token.span, Role::Variable);
            break;
        case TokenKind::At:
            paint(token.span, Role::Directive);
            break;
        case TokenKind::Invalid:
            // A block string left open runs on to the next lines, as the lexer will read it.
            if (utf8.mid(token.span.start, 3) == "\"\"\"" && token.span.end >= utf8.size()) {
                paint(token.span, Role::String);
                setCurrentBlockState(kInsideBlockString);
            } else {
                paint(token.span, Role::Invalid);
            }
            break;
        case TokenKind::Bang:
        case TokenKind::Amp:
        case TokenKind::ParenL:
        case TokenKind::ParenR:
        case TokenKind::Spread:
        case TokenKind::Colon:
        case TokenKind::Equals:
        case TokenKind::BracketL:
        case TokenKind::BracketR:
        case TokenKind::BraceL:
        case TokenKind::Pipe:
        case TokenKind::BraceR:
            paint(token.span, Role::Punctuation);
            break;
        }
        previous = token.kind;
        previousEnd = token.span.end;
    }
}

} // namespace Gatehouse::Ui
