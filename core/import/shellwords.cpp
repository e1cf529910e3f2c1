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
        } else if (c == QLatin1Char('\'')) {
            sink.startEmptyWord(pos);
            qsizetype j = i + 1;
            while (j < in.size() && in.at(j).c != QLatin1Char('\''))
                sink.append(in.at(j++).c, pos);
            if (j >= in.size()) {
                sink.fail(pos, QStringLiteral("a single quote opened here is never closed"),
                          source);
                return sink.take();
            }
            i = j + 1;
        } else if (c == QLatin1Char('$') && at(i + 1) == QLatin1Char('\'')) {
            sink.startEmptyWord(pos);
            qsizetype j = i + 2;
            while (j < in.size() && in.at(j).c != QLatin1Char('\'')) {
                if (in.at(j).c == QLatin1Char('\\') && j + 1 < in.size()) {
                    ++j;
                    const QChar decoded = ansiEscape(in, j);
                    if (!decoded.isNull())
                        sink.append(decoded, pos);
                } else {
                    sink.append(in.at(j).c, pos);
                }
                ++j;
            }
            if (j >= in.size()) {
                sink.fail(pos, QStringLiteral("a $'…' string opened here is never closed"), source);
                return sink.take();
            }
            i = j + 1;
        } else if (c == QLatin1Char('"')) {
            sink.startEmptyWord(pos);
            qsizetype j = i + 1;
            static const QString escapable = QStringLiteral("$`\"\\\n");
            while (j < in.size() && in.at(j).c != QLatin1Char('"')) {
                if (in.at(j).c == QLatin1Char('\\') && escapable.contains(at(j + 1))) {
                    if (in.at(j + 1).c != QLatin1Char('\n'))
                        sink.append(in.at(j + 1).c, pos);
                    j += 2;
                } else {
                    sink.append(in.at(j++).c, pos);
                }
            }
            if (j >= in.size()) {
                sink.fail(pos, QStringLiteral("a double quote opened here is never closed"),
                          source);
                return sink.take();
            }
            i = j + 1;
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
    static const QRegularExpression cmdMarks(QStringLiteral("\\^\\r?\\n|\\^\""));
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
