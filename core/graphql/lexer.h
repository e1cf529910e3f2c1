#pragma once

#include "ast.h"

#include <QByteArrayView>
#include <QString>
#include <vector>

namespace Gatehouse::Core::GraphQL {

enum class TokenKind
{
    EndOfFile,
    Bang,
    Dollar,
    Amp,
    ParenL,
    ParenR,
    Spread,
    Colon,
    Equals,
    At,
    BracketL,
    BracketR,
    BraceL,
    Pipe,
    BraceR,
    Name,
    Int,
    Float,
    String,
    BlockString,
    Comment,
    Invalid, // a lexical error: Lexer::errorMessage() says what, errorOffset where
};

struct Token
{
    TokenKind kind = TokenKind::EndOfFile;
    Span span;
};

// How a token kind is named in messages ("Name", "\"{\"", "<EOF>").
QString tokenKindDescription(TokenKind kind);

// Splits GraphQL source (UTF-8) into the lexical tokens of the October 2021 spec. Ignored
// tokens (BOM, white space, line terminators, commas) are skipped; comments are returned only
// when asked for, since the parser does not want them but a highlighter does. A lexical error
// comes back as an Invalid token so that a highlighter can go on after it; the parser stops.
class Lexer
{
public:
    explicit Lexer(QByteArrayView source, bool keepComments = false);

    Token next();
    // Goes on lexing from a byte offset (the parser's recovery restarts at a definition).
    void seek(int offset) { m_pos = offset; }

    // The decoded value of the last String / BlockString token (escapes resolved, block string
    // indentation removed).
    const QString &stringValue() const { return m_stringValue; }
    // For the last Invalid token: what was wrong, and the byte offset where.
    const QString &errorMessage() const { return m_errorMessage; }
    int errorOffset() const { return m_errorOffset; }

    // Every token up to EndOfFile, comments included; for highlighting. Lexing resumes after
    // each Invalid token, at the next byte.
    static std::vector<Token> tokenize(QByteArrayView source);

    // The spec's BlockStringValue(): common indentation and leading/trailing blank lines
    // removed from a block string's raw text (with \""" already unescaped).
    static QString blockStringValue(const QString &raw);

private:
    Token make(TokenKind kind, int start, int end);
    Token invalid(int start, int end, int errorOffset, QString message);
    Token readComment(int start);
    Token readNumber(int start);
    Token readName(int start);
    Token readString(int start);
    Token readBlockString(int start);
    bool readUnicodeEscape(int pos, char32_t *code, int *escapeEnd) const;
    int endOfBrokenString(int pos) const;
    // Decodes one UTF-8 sequence at `pos`; returns the code point (or -1 when the bytes are
    // not UTF-8) and its length in `length`.
    char32_t decodeUtf8(int pos, int *length) const;
    QString describeCharacter(int pos) const;

    const char *m_data;
    int m_size;
    int m_pos = 0;
    bool m_keepComments;
    QString m_stringValue;
    QString m_errorMessage;
    int m_errorOffset = 0;
};

} // namespace Gatehouse::Core::GraphQL
