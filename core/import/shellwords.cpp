#include "shellwords.h"

#include <QRegularExpression>

namespace Gatehouse::Core::Import {

namespace {

struct Position
{
    int line = 1;
    int column = 1;
};

// A character of the input with where it was.
struct Located
{
    QChar c;
    Position at;
};

QList<Located> locate(const QString &text)
{
    QList<Located> out;
    out.reserve(text.size());
    Position at;
    for (const QChar c : text) {
        if (c == QLatin1Char('\r'))
            continue;
        out.append({c, at});
        if (c == QLatin1Char('\n')) {
            ++at.line;
            at.column = 1;
        } else {
            ++at.column;
        }
    }
    return out;
}

// Collects words and commands; shared by both dialects.
class WordSink
{
public:
    void append(QChar c, Position at)
    {
        if (!m_inWord) {
            m_inWord = true;
            m_word = {QString(), at.line, at.column};
        }
        m_word.text.append(c);
    }
    void startEmptyWord(Position at)
    {
        if (!m_inWord) {
            m_inWord = true;
            m_word = {QString(), at.line, at.column};
        }
    }
    bool inWord() const { return m_inWord; }
    void endWord()
    {
        if (m_inWord)
            m_command.append(m_word);
        m_inWord = false;
    }
    void endCommand()
    {
        endWord();
        if (!m_command.isEmpty())
            m_result.commands.append(m_command);
        m_command.clear();
    }
    // The command being read cannot be used: drop it and say why.
    void fail(Position at, const QString &message, const QString &source)
    {
        m_result.problems.append(
            {source, at.line, at.column, message, ImportProblem::Severity::Error});
        m_inWord = false;
        m_command.clear();
    }
    ShellWords take()
    {
        endCommand();
        return std::move(m_result);
    }

private:
    ShellWords m_result;
    QList<ShellWord> m_command;
    ShellWord m_word;
    bool m_inWord = false;
};

QChar ansiEscape(const QList<Located> &in, qsizetype &i)
{
    const QChar e = in.at(i).c;
    switch (e.unicode()) {
    case 'n':
        return QLatin1Char('\n');
    case 't':
        return QLatin1Char('\t');
    case 'r':
        return QLatin1Char('\r');
    case 'a':
        return QChar(7);
    case 'b':
        return QChar(8);
    case 'e':
    case 'E':
        return QChar(27);
    case 'f':
        return QChar(12);
    case 'v':
        return QChar(11);
    default:
        break;
    }
    const auto digits = [&](int max, int base) {
        QString text;
        while (text.size() < max && i + 1 < in.size()) {
            bool ok = false;
            QString(in.at(i + 1).c).toUInt(&ok, base);
            if (!ok)
                break;
            text.append(in.at(++i).c);
        }
        return text.isEmpty() ? QChar() : QChar(char16_t(text.toUInt(nullptr, base)));
    };
    if (e == QLatin1Char('x'))
        return digits(2, 16);
    if (e == QLatin1Char('u'))
        return digits(4, 16);
    if (e >= QLatin1Char('0') && e <= QLatin1Char('7')) {
        --i;
        return digits(3, 8);
    }
    return e; // \\ \' \" \? and anything else: the character itself
}

// The quoted text that starts at `open` (the opening quote) goes into the sink; each answers
// the index after the closing quote, or -1 when there is none.
qsizetype readSingleQuoted(const QList<Located> &in, qsizetype open, WordSink &sink)
{
    qsizetype j = open + 1;
    while (j < in.size() && in.at(j).c != QLatin1Char('\''))
        sink.append(in.at(j++).c, in.at(open).at);
    return j < in.size() ? j + 1 : -1;
}

qsizetype readAnsiQuoted(const QList<Located> &in, qsizetype open, WordSink &sink)
{
    qsizetype j = open + 2; // after $'
    for (; j < in.size() && in.at(j).c != QLatin1Char('\''); ++j) {
        if (in.at(j).c == QLatin1Char('\\') && j + 1 < in.size()) {
            ++j;
            const QChar decoded = ansiEscape(in, j);
            if (!decoded.isNull())
                sink.append(decoded, in.at(open).at);
        } else {
            sink.append(in.at(j).c, in.at(open).at);
        }
    }
    return j < in.size() ? j + 1 : -1;
}

qsizetype readDoubleQuoted(const QList<Located> &in, qsizetype open, WordSink &sink)
{
    static const QString escapable = QStringLiteral("$`\"\\\n");
    qsizetype j = open + 1;
    while (j < in.size() && in.at(j).c != QLatin1Char('"')) {
        const bool escape = in.at(j).c == QLatin1Char('\\') && j + 1 < in.size() &&
                            escapable.contains(in.at(j + 1).c);
        if (escape && in.at(j + 1).c != QLatin1Char('\n')) // backslash-newline vanishes
            sink.append(in.at(j + 1).c, in.at(open).at);
        else if (!escape)
            sink.append(in.at(j).c, in.at(open).at);
        j += escape ? 2 : 1;
    }
    return j < in.size() ? j + 1 : -1;
}

// bash: quotes, $'…', backslashes, continuations, comments, command separators.
ShellWords splitPosix(const QList<Located> &in, const QString &source)
{
    WordSink sink;
    const auto at = [&](qsizetype i) {
        return i < in.size() ? in.at(i).c : QChar();
    };
    qsizetype i = 0;
    while (i < in.size()) {
        const QChar c = in.at(i).c;
        const Position pos = in.at(i).at;
        const bool ansi = c == QLatin1Char('$') && at(i + 1) == QLatin1Char('\'');
        if (c == QLatin1Char('\\') && at(i + 1) == QLatin1Char('\n')) {
            i += 2;
        } else if (c == QLatin1Char(' ') || c == QLatin1Char('\t')) {
            sink.endWord();
            ++i;
        } else if (c == QLatin1Char('\n') || c == QLatin1Char(';') || c == QLatin1Char('|') ||
                   (c == QLatin1Char('&') && at(i + 1) == QLatin1Char('&'))) {
            sink.endCommand();
            i += (c == QLatin1Char('&') || (c == QLatin1Char('|') && at(i + 1) == c)) ? 2 : 1;
        } else if (c == QLatin1Char('#') && !sink.inWord()) {
            while (i < in.size() && in.at(i).c != QLatin1Char('\n'))
                ++i;
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"') || ansi) {
            sink.startEmptyWord(pos);
            i = ansi                    ? readAnsiQuoted(in, i, sink)
                : c == QLatin1Char('"') ? readDoubleQuoted(in, i, sink)
                                        : readSingleQuoted(in, i, sink);
            if (i < 0) {
                const QString kind = ansi                    ? QStringLiteral("$'…' string")
                                     : c == QLatin1Char('"') ? QStringLiteral("double quote")
                                                             : QStringLiteral("single quote");
                sink.fail(pos, QStringLiteral("a %1 opened here is never closed").arg(kind),
                          source);
                return sink.take();
            }
        } else if (c == QLatin1Char('\\')) {
            if (i + 1 >= in.size()) {
                sink.fail(pos, QStringLiteral("the text ends with a lone backslash"), source);
                return sink.take();
            }
            sink.append(in.at(i + 1).c, pos);
            i += 2;
        } else {
            sink.append(c, pos);
            ++i;
        }
    }
    return sink.take();
}

// cmd.exe's pass: ^ takes the next character literally (outside "…"), ^ before a line break
// continues the line and takes the character after the break literally; an unescaped line
// break ends a command. Answers one character list per command.
QList<QList<Located>> cmdPass(const QList<Located> &in)
{
    QList<QList<Located>> commands(1);
    bool quoted = false;
    for (qsizetype i = 0; i < in.size(); ++i) {
        const QChar c = in.at(i).c;
        if (c == QLatin1Char('^') && !quoted && i + 1 < in.size()) {
            ++i;
            if (in.at(i).c == QLatin1Char('\n')) {
                if (i + 1 >= in.size())
                    break;
                ++i;
            }
            commands.last().append(in.at(i));
            continue;
        }
        if (c == QLatin1Char('"'))
            quoted = !quoted;
        if (c == QLatin1Char('\n') && !quoted) {
            commands.emplaceBack();
            continue;
        }
        commands.last().append(in.at(i));
    }
    return commands;
}

// The Windows C runtime's argument rules: "…" groups, \" is a quote, backslashes count only
// before a quote, "" inside quotes is a quote.
void crtWords(const QList<Located> &in, WordSink &sink, const QString &source)
{
    bool quoted = false;
    Position openedAt;
    qsizetype i = 0;
    while (i < in.size()) {
        const QChar c = in.at(i).c;
        const Position pos = in.at(i).at;
        if (!quoted &&
            (c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n'))) {
            sink.endWord();
            ++i;
        } else if (c == QLatin1Char('\\')) {
            qsizetype j = i;
            while (j < in.size() && in.at(j).c == QLatin1Char('\\'))
                ++j;
            const qsizetype count = j - i;
            const bool beforeQuote = j < in.size() && in.at(j).c == QLatin1Char('"');
            for (qsizetype k = 0; k < (beforeQuote ? count / 2 : count); ++k)
                sink.append(QLatin1Char('\\'), pos);
            if (beforeQuote && count % 2 == 1) {
                sink.append(QLatin1Char('"'), pos);
                ++j;
            }
            i = j;
        } else if (c == QLatin1Char('"')) {
            sink.startEmptyWord(pos);
            if (quoted && i + 1 < in.size() && in.at(i + 1).c == QLatin1Char('"')) {
                sink.append(c, pos);
                i += 2;
                continue;
            }
            quoted = !quoted;
            openedAt = pos;
            ++i;
        } else {
            sink.append(c, pos);
            ++i;
        }
    }
    if (quoted)
        sink.fail(openedAt, QStringLiteral("a double quote opened here is never closed"), source);
    sink.endCommand();
}

bool looksLikeCmd(const QString &text)
{
    // A caret before a line break (cmd's continuation) or curl's first argument in ^"…^": a
    // caret-quote inside a bash string ('{"re":"^"}') must not switch the dialect.
    static const QRegularExpression cmdMarks(
        QStringLiteral("\\^\\r?\\n|^\\s*curl(\\.exe)?\\s+\\^\""));
    return cmdMarks.match(text).hasMatch();
}

} // namespace

ShellWords splitShellWords(const QString &text, const QString &source)
{
    const QList<Located> in = locate(text);
    if (!looksLikeCmd(text))
        return splitPosix(in, source);
    WordSink sink;
    for (const QList<Located> &command : cmdPass(in))
        crtWords(command, sink, source);
    return sink.take();
}

} // namespace Gatehouse::Core::Import
