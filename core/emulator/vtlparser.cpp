// The parser of the VTL subset (see vtl.h): one pass over the text with positions kept for
// messages; the tree it builds is vtlnode.h's.
#include "vtl.h"
#include "vtlnode.h"

#include <QCoreApplication>

#include <algorithm>

namespace Gatehouse::Emulator::Vtl {

namespace {

bool isIdentStart(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
        || (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || c == QLatin1Char('_');
}

bool isIdentPart(QChar c)
{
    return isIdentStart(c) || (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
}

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

// Directives that Velocity has and AppSync's templates do not get here: refused with a reason
// instead of being printed as text.
const char *const unsupportedDirectives[] = {"macro", "include", "parse", "evaluate", "define"};

class Parser
{
public:
    explicit Parser(const QString &source) : m_s(source)
    {
        m_lineStarts.push_back(0);
        for (int i = 0; i < m_s.size(); ++i) {
            if (m_s.at(i) == QLatin1Char('\n'))
                m_lineStarts.push_back(i + 1);
        }
    }

    bool parseTemplate(Block &out)
    {
        Terminator end;
        if (!parseBlock(out, int(m_s.size()), &end))
            return false;
        if (end.kind != Terminator::EndOfInput)
            return fail(end.start, VtlText::tr("#%1 without an #if or #foreach it belongs to").arg(end.name));
        return true;
    }

    QString error() const { return m_error; }

private:
    struct Terminator
    {
        enum Kind { EndOfInput, End, Else, ElseIf } kind = EndOfInput;
        int start = 0;
        QString name;
        ExprPtr condition; // ElseIf
    };

    Position at(int offset) const
    {
        const auto it = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), offset);
        const int line = int(it - m_lineStarts.begin());
        return {line, offset - m_lineStarts[line - 1] + 1};
    }

    QString where(int offset) const
    {
        const Position p = at(offset);
        return QStringLiteral("%1:%2").arg(p.line).arg(p.column);
    }

    bool fail(int offset, const QString &message)
    {
        if (m_error.isEmpty())
            m_error = where(offset) + QStringLiteral(": ") + message;
        return false;
    }

    QChar peek(int offset = 0) const
    {
        const int i = m_pos + offset;
        return i < m_limit ? m_s.at(i) : QChar();
    }

    bool lookingAt(const char *text) const
    {
        const QLatin1String t(text);
        return m_pos + t.size() <= m_limit && QStringView(m_s).mid(m_pos, t.size()) == t;
    }

    QString found() const
    {
        if (m_pos >= m_limit)
            return VtlText::tr("the end of the template");
        return QStringLiteral("'") + QStringView(m_s).mid(m_pos, 12).toString() + QStringLiteral("'");
    }

    void skipSpace()
    {
        while (m_pos < m_limit && peek().isSpace())
            ++m_pos;
    }

    bool expect(QChar c, const QString &what)
    {
        skipSpace();
        if (peek() != c)
            return fail(m_pos, VtlText::tr("expected '%1' %2 but found %3").arg(c).arg(what, found()));
        ++m_pos;
        return true;
    }

    QString identifier()
    {
        const int start = m_pos;
        while (m_pos < m_limit && isIdentPart(peek()))
            ++m_pos;
        return m_s.mid(start, m_pos - start);
    }

    static void flush(Block &out, QString &text, int start, const Parser &p)
    {
        if (text.isEmpty())
            return;
        Node node;
        node.kind = Node::Kind::Text;
        node.position = p.at(start);
        node.text = std::move(text);
        text.clear();
        out.push_back(std::move(node));
    }

    // A directive alone on its line takes its line with it (indentation and line break), so
    // a template laid out for reading does not render blank lines; text elsewhere stays
    // byte-exact.
    void gobbleLine(Block &out, int directiveStart)
    {
        int back = directiveStart;
        while (back > 0 && (m_s.at(back - 1) == QLatin1Char(' ') || m_s.at(back - 1) == QLatin1Char('\t')))
            --back;
        if (back > 0 && m_s.at(back - 1) != QLatin1Char('\n'))
            return;
        int forward = m_pos;
        while (forward < m_limit && (m_s.at(forward) == QLatin1Char(' ') || m_s.at(forward) == QLatin1Char('\t')))
            ++forward;
        if (forward < m_limit && m_s.at(forward) == QLatin1Char('\r'))
            ++forward;
        if (forward < m_limit && m_s.at(forward) != QLatin1Char('\n'))
            return;
        if (forward < m_limit)
            ++forward;
        m_pos = forward;
        const int indentation = directiveStart - back;
        if (indentation > 0 && !out.empty() && out.back().kind == Node::Kind::Text) {
            QString &text = out.back().text;
            text.chop(std::min<qsizetype>(indentation, text.size()));
            if (text.isEmpty())
                out.pop_back();
        }
    }

    // Text and directives up to `limit` or a #end/#else/#elseif, which is reported in `end`.
    bool parseBlock(Block &out, int limit, Terminator *end)
    {
        const DepthGuard guard(this);
        if (m_depth > maxDepth)
            return fail(m_pos, VtlText::tr("expressions and directives are nested more than %1 deep").arg(maxDepth));
        const int savedLimit = m_limit;
        m_limit = limit;
        QString text;
        int textStart = m_pos;
        auto addText = [&](const QString &piece) {
            if (text.isEmpty())
                textStart = m_pos;
            text += piece;
        };
        while (m_pos < m_limit) {
            const QChar c = peek();
            if (c == QLatin1Char('\\') && (peek(1) == QLatin1Char('$') || peek(1) == QLatin1Char('#'))) {
                addText(QString(peek(1)));
                m_pos += 2;
                continue;
            }
            if (c == QLatin1Char('$')) {
                const int start = m_pos;
                std::unique_ptr<Reference> ref;
                if (!parseReference(&ref, /*inText*/ true))
                    return false;
                if (!ref) {
                    addText(QStringLiteral("$"));
                    m_pos = start + 1;
                    continue;
                }
                flush(out, text, textStart, *this);
                Node node;
                node.kind = Node::Kind::Reference;
                node.position = at(start);
                node.reference = std::move(ref);
                out.push_back(std::move(node));
                continue;
            }
            if (c != QLatin1Char('#')) {
                const int start = m_pos;
                while (m_pos < m_limit && peek() != QLatin1Char('$') && peek() != QLatin1Char('#')
                       && peek() != QLatin1Char('\\'))
                    ++m_pos;
                if (m_pos == start)
                    ++m_pos; // a lone backslash
                if (text.isEmpty())
                    textStart = start;
                text += QStringView(m_s).mid(start, m_pos - start);
                continue;
            }
            bool terminated = false;
            if (!parseHash(out, text, textStart, end, &terminated))
                return false;
            if (terminated) {
                m_limit = savedLimit;
                return true;
            }
        }
        flush(out, text, textStart, *this);
        end->kind = Terminator::EndOfInput;
        end->start = m_pos;
        m_limit = savedLimit;
        return true;
    }

    // At a '#': a comment, unparsed text, a directive, a block's #end/#else/#elseif (reported
    // in `end`, *terminated set) or a '#' that is plain text.
    bool parseHash(Block &out, QString &text, int &textStart, Terminator *end, bool *terminated)
    {
        const int start = m_pos;
        if (peek(1) == QLatin1Char('#')) {
            while (m_pos < m_limit && peek() != QLatin1Char('\n'))
                ++m_pos;
            if (m_pos < m_limit)
                ++m_pos;
            return true;
        }
        if (peek(1) == QLatin1Char('*')) {
            const int close = m_s.indexOf(QStringLiteral("*#"), m_pos + 2);
            if (close < 0 || close + 2 > m_limit)
                return fail(start, VtlText::tr("#* comment without its closing *#"));
            m_pos = close + 2;
            return true;
        }
        if (peek(1) == QLatin1Char('[') && peek(2) == QLatin1Char('[')) {
            const int close = m_s.indexOf(QStringLiteral("]]#"), m_pos + 3);
            if (close < 0 || close + 3 > m_limit)
                return fail(start, VtlText::tr("#[[ without its closing ]]#"));
            if (text.isEmpty())
                textStart = start;
            text += QStringView(m_s).mid(m_pos + 3, close - m_pos - 3);
            m_pos = close + 3;
            return true;
        }
        const bool brace = peek(1) == QLatin1Char('{');
        m_pos += brace ? 2 : 1;
        const QString name = isIdentStart(peek()) ? identifier() : QString();
        if (brace && !name.isEmpty() && peek() != QLatin1Char('}'))
            return fail(start, VtlText::tr("#{%1 without its closing }").arg(name));
        for (const char *unsupported : unsupportedDirectives) {
            if (name == QLatin1String(unsupported))
                return fail(start, VtlText::tr("#%1 is not supported in AppSync mapping templates; "
                                      "write its content inline").arg(name));
        }
        static const QStringList known = {QStringLiteral("set"), QStringLiteral("if"), QStringLiteral("elseif"),
                                          QStringLiteral("else"), QStringLiteral("end"), QStringLiteral("foreach"),
                                          QStringLiteral("break"), QStringLiteral("stop"), QStringLiteral("return")};
        if (!known.contains(name)) { // Velocity prints an unknown #word as it stands
            if (text.isEmpty())
                textStart = start;
            text += QLatin1Char('#');
            m_pos = start + 1;
            return true;
        }
        if (brace)
            ++m_pos;
        flush(out, text, textStart, *this);
        if (name == QLatin1String("end") || name == QLatin1String("else") || name == QLatin1String("elseif")) {
            end->start = start;
            end->name = name;
            end->kind = name == QLatin1String("end") ? Terminator::End
                : name == QLatin1String("else")      ? Terminator::Else
                                                     : Terminator::ElseIf;
            if (end->kind == Terminator::ElseIf && !parseCondition(&end->condition, name))
                return false;
            gobbleLine(out, start);
            *terminated = true;
            return true;
        }
        return parseDirective(out, name, start);
    }

    bool parseCondition(ExprPtr *out, const QString &directive)
    {
        if (!expect(QLatin1Char('('), VtlText::tr("after #%1").arg(directive)))
            return false;
        if (!parseExpression(out))
            return false;
        return expect(QLatin1Char(')'), VtlText::tr("to close the condition of #%1").arg(directive));
    }

    bool parseDirective(Block &out, const QString &name, int start)
    {
        Node node;
        node.position = at(start);
        bool ok = false;
        if (name == QLatin1String("set"))
            ok = parseSet(node);
        else if (name == QLatin1String("if"))
            return parseIf(out, node, start);
        else if (name == QLatin1String("foreach"))
            return parseForeach(out, node, start);
        else if (name == QLatin1String("break") || name == QLatin1String("stop"))
            ok = parseBreakOrStop(node, name);
        else
            ok = parseReturn(node);
        if (!ok)
            return false;
        gobbleLine(out, start);
        out.push_back(std::move(node));
        return true;
    }

    // #set($name = value), #set($a.b = value), #set($a[i] = value)
    bool parseSet(Node &node)
    {
        node.kind = Node::Kind::Set;
        if (!expect(QLatin1Char('('), VtlText::tr("after #set")))
            return false;
        skipSpace();
        if (peek() != QLatin1Char('$'))
            return fail(m_pos, VtlText::tr("#set needs a reference to assign to, like #set($name = ...), but found %1").arg(found()));
        if (!parseReference(&node.reference, false))
            return false;
        if (!expect(QLatin1Char('='), VtlText::tr("in #set after the name")))
            return false;
        if (!parseExpression(&node.expr))
            return false;
        return expect(QLatin1Char(')'), VtlText::tr("to close #set"));
    }

    // #if(...) ... [#elseif(...) ...]* [#else ...] #end
    bool parseIf(Block &out, Node &node, int start)
    {
        node.kind = Node::Kind::If;
        ExprPtr condition;
        if (!parseCondition(&condition, QStringLiteral("if")))
            return false;
        gobbleLine(out, start);
        bool sawElse = false;
        for (;;) {
            Block block;
            Terminator end;
            if (!parseBlock(block, m_limit, &end))
                return false;
            node.branches.emplace_back(std::move(condition), std::move(block));
            switch (end.kind) {
            case Terminator::EndOfInput:
                return fail(m_pos, VtlText::tr("#if without #end (opened at %1)").arg(where(start)));
            case Terminator::End:
                out.push_back(std::move(node));
                return true;
            case Terminator::Else:
                if (sawElse)
                    return fail(end.start, VtlText::tr("a second #else in the #if opened at %1").arg(where(start)));
                sawElse = true;
                condition.reset();
                break;
            case Terminator::ElseIf:
                if (sawElse)
                    return fail(end.start, VtlText::tr("#elseif after #else in the #if opened at %1").arg(where(start)));
                condition = std::move(end.condition);
                break;
            }
        }
    }

    // #foreach($item in collection) ... #end
    bool parseForeach(Block &out, Node &node, int start)
    {
        node.kind = Node::Kind::Foreach;
        if (!expect(QLatin1Char('('), VtlText::tr("after #foreach")))
            return false;
        skipSpace();
        if (peek() != QLatin1Char('$') || !isIdentStart(peek(1)))
            return fail(m_pos, VtlText::tr("#foreach needs a loop variable, like #foreach($item in $list), but found %1").arg(found()));
        ++m_pos;
        node.text = identifier();
        skipSpace();
        if (!lookingAt("in") || isIdentPart(peek(2)))
            return fail(m_pos, VtlText::tr("expected 'in' after #foreach($%1 but found %2").arg(node.text, found()));
        m_pos += 2;
        if (!parseExpression(&node.expr))
            return false;
        if (!expect(QLatin1Char(')'), VtlText::tr("to close #foreach")))
            return false;
        gobbleLine(out, start);
        Terminator end;
        if (!parseBlock(node.body, m_limit, &end))
            return false;
        switch (end.kind) {
        case Terminator::EndOfInput:
            return fail(m_pos, VtlText::tr("#foreach without #end (opened at %1)").arg(where(start)));
        case Terminator::Else:
        case Terminator::ElseIf:
            return fail(end.start, VtlText::tr("#%1 without #if inside the #foreach opened at %2").arg(end.name, where(start)));
        case Terminator::End:
            break;
        }
        out.push_back(std::move(node));
        return true;
    }

    // #break, #break($foreach) (the innermost loop either way), #stop
    bool parseBreakOrStop(Node &node, const QString &name)
    {
        node.kind = name == QLatin1String("break") ? Node::Kind::Break : Node::Kind::Stop;
        if (peek() != QLatin1Char('('))
            return true;
        const int close = m_s.indexOf(QLatin1Char(')'), m_pos);
        if (close < 0 || close >= m_limit)
            return fail(m_pos, VtlText::tr("#%1( without its closing )").arg(name));
        m_pos = close + 1;
        return true;
    }

    // #return and #return(value): spaces may stand before the parenthesis.
    bool parseReturn(Node &node)
    {
        node.kind = Node::Kind::Return;
        int probe = m_pos;
        while (probe < m_limit && (m_s.at(probe) == QLatin1Char(' ') || m_s.at(probe) == QLatin1Char('\t')))
            ++probe;
        if (probe >= m_limit || m_s.at(probe) != QLatin1Char('('))
            return true;
        m_pos = probe + 1;
        skipSpace();
        if (peek() != QLatin1Char(')') && !parseExpression(&node.expr))
            return false;
        return expect(QLatin1Char(')'), VtlText::tr("to close #return"));
    }

    // $name, $!name, ${name}, then .property, .method(args) and [index] steps. In text a '$'
    // that starts no reference is text (prices, regular expressions), and so is a '[' that
    // does not hold an index; *out stays empty then.
    bool parseReference(std::unique_ptr<Reference> *out, bool inText)
    {
        const int start = m_pos;
        int p = m_pos + 1;
        const auto charAt = [&](int i) { return i < m_limit ? m_s.at(i) : QChar(); };
        bool quiet = false;
        if (charAt(p) == QLatin1Char('!')) {
            quiet = true;
            ++p;
        }
        const bool brace = charAt(p) == QLatin1Char('{');
        if (brace)
            ++p;
        if (!isIdentStart(charAt(p))) {
            if (inText)
                return true;
            return fail(start, VtlText::tr("expected a name after '$' but found %1").arg(found()));
        }
        auto ref = std::make_unique<Reference>();
        ref->quiet = quiet;
        ref->position = at(start);
        m_pos = p;
        ref->name = identifier();
        for (;;) {
            if (peek() == QLatin1Char('.') && isIdentStart(peek(1))) {
                Segment segment;
                segment.position = at(m_pos + 1);
                ++m_pos;
                segment.name = identifier();
                if (peek() == QLatin1Char('(')) {
                    segment.kind = Segment::Kind::Method;
                    ++m_pos;
                    if (!parseArguments(&segment.arguments, ref->name + QLatin1Char('.') + segment.name))
                        return false;
                }
                ref->segments.push_back(std::move(segment));
                continue;
            }
            if (peek() == QLatin1Char('[')) {
                const int open = m_pos;
                Segment segment;
                segment.kind = Segment::Kind::Index;
                segment.position = at(open);
                ++m_pos;
                ExprPtr index;
                const QString savedError = m_error;
                if (parseExpression(&index) && (skipSpace(), peek() == QLatin1Char(']'))) {
                    ++m_pos;
                    segment.arguments.push_back(std::move(index));
                    ref->segments.push_back(std::move(segment));
                    continue;
                }
                if (!inText)
                    return fail(open, m_error.isEmpty() ? VtlText::tr("'[' without its closing ']'") : m_error.mid(m_error.indexOf(QLatin1String(": ")) + 2));
                m_error = savedError;
                m_pos = open;
            }
            break;
        }
        if (brace) {
            if (peek() != QLatin1Char('}'))
                return fail(start, VtlText::tr("${ without its closing } (found %1)").arg(found()));
            ++m_pos;
        }
        ref->source = m_s.mid(start, m_pos - start);
        *out = std::move(ref);
        return true;
    }

    bool parseArguments(std::vector<ExprPtr> *out, const QString &method)
    {
        skipSpace();
        if (peek() == QLatin1Char(')')) {
            ++m_pos;
            return true;
        }
        for (;;) {
            ExprPtr argument;
            if (!parseExpression(&argument))
                return false;
            out->push_back(std::move(argument));
            skipSpace();
            if (peek() == QLatin1Char(',')) {
                ++m_pos;
                continue;
            }
            if (peek() == QLatin1Char(')')) {
                ++m_pos;
                return true;
            }
            return fail(m_pos, VtlText::tr("expected ',' or ')' in the arguments of %1() but found %2").arg(method, found()));
        }
    }

    // Operators from loosest to tightest: || && == != < <= > >= + - * / % and unary ! -.
    bool parseExpression(ExprPtr *out)
    {
        const DepthGuard guard(this);
        if (m_depth > maxDepth)
            return fail(m_pos, VtlText::tr("expressions and directives are nested more than %1 deep").arg(maxDepth));
        return parseBinary(out, 0);
    }

    bool matchOperator(int level, Expr::Op *op)
    {
        skipSpace();
        struct Candidate { const char *text; Expr::Op op; bool word; };
        static const std::vector<std::vector<Candidate>> levels = {
            {{"||", Expr::Op::Or, false}, {"or", Expr::Op::Or, true}},
            {{"&&", Expr::Op::And, false}, {"and", Expr::Op::And, true}},
            {{"==", Expr::Op::Eq, false}, {"!=", Expr::Op::Ne, false}, {"eq", Expr::Op::Eq, true}, {"ne", Expr::Op::Ne, true}},
            {{"<=", Expr::Op::Le, false}, {">=", Expr::Op::Ge, false}, {"<", Expr::Op::Lt, false}, {">", Expr::Op::Gt, false},
             {"le", Expr::Op::Le, true}, {"ge", Expr::Op::Ge, true}, {"lt", Expr::Op::Lt, true}, {"gt", Expr::Op::Gt, true}},
            {{"+", Expr::Op::Add, false}, {"-", Expr::Op::Sub, false}},
            {{"*", Expr::Op::Mul, false}, {"/", Expr::Op::Div, false}, {"%", Expr::Op::Mod, false}},
        };
        for (const Candidate &candidate : levels[size_t(level)]) {
            const int length = int(qstrlen(candidate.text));
            if (!lookingAt(candidate.text))
                continue;
            if (candidate.word && isIdentPart(peek(length)))
                continue;
            m_pos += length;
            *op = candidate.op;
            return true;
        }
        return false;
    }

    bool parseBinary(ExprPtr *out, int level)
    {
        if (level == 6)
            return parseUnary(out);
        ExprPtr left;
        if (!parseBinary(&left, level + 1))
            return false;
        for (;;) {
            skipSpace();
            const int opStart = m_pos; // errors point at the operator
            Expr::Op op;
            if (!matchOperator(level, &op))
                break;
            ExprPtr right;
            if (!parseBinary(&right, level + 1))
                return false;
            auto node = std::make_unique<Expr>();
            node->kind = Expr::Kind::Binary;
            node->op = op;
            node->position = at(opStart);
            node->items.push_back(std::move(left));
            node->items.push_back(std::move(right));
            left = std::move(node);
        }
        *out = std::move(left);
        return true;
    }

    bool parseUnary(ExprPtr *out)
    {
        skipSpace();
        const int start = m_pos;
        Expr::Kind kind;
        if (peek() == QLatin1Char('!') && peek(1) != QLatin1Char('=')) {
            kind = Expr::Kind::Not;
            ++m_pos;
        } else if (lookingAt("not") && !isIdentPart(peek(3))) {
            kind = Expr::Kind::Not;
            m_pos += 3;
        } else if (peek() == QLatin1Char('-')) {
            kind = Expr::Kind::Negate;
            ++m_pos;
        } else {
            return parsePrimary(out);
        }
        auto node = std::make_unique<Expr>();
        node->kind = kind;
        node->position = at(start);
        ExprPtr operand;
        if (!parseUnary(&operand))
            return false;
        node->items.push_back(std::move(operand));
        *out = std::move(node);
        return true;
    }

    bool parsePrimary(ExprPtr *out)
    {
        skipSpace();
        const int start = m_pos;
        auto node = std::make_unique<Expr>();
        node->position = at(start);
        const QChar c = peek();
        if (c == QLatin1Char('$')) {
            node->kind = Expr::Kind::Reference;
            if (!parseReference(&node->reference, false))
                return false;
        } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            if (!parseString(node.get()))
                return false;
        } else if (isDigit(c)) {
            while (isDigit(peek()))
                ++m_pos;
            if (peek() == QLatin1Char('.') && isDigit(peek(1))) {
                ++m_pos;
                while (isDigit(peek()))
                    ++m_pos;
                node->literal = Value::real(QStringView(m_s).mid(start, m_pos - start).toDouble());
            } else {
                bool ok = false;
                const qint64 n = QStringView(m_s).mid(start, m_pos - start).toLongLong(&ok);
                node->literal = ok ? Value::integer(n) : Value::real(QStringView(m_s).mid(start, m_pos - start).toDouble());
            }
        } else if (c == QLatin1Char('(')) {
            ++m_pos;
            if (!parseExpression(out))
                return false;
            return expect(QLatin1Char(')'), VtlText::tr("to close the '(' at %1").arg(where(start)));
        } else if (c == QLatin1Char('[')) {
            return parseList(out, start);
        } else if (c == QLatin1Char('{')) {
            return parseMap(out, start);
        } else if (isIdentStart(c)) {
            const QString word = identifier();
            if (word == QLatin1String("true") || word == QLatin1String("false"))
                node->literal = Value::boolean(word == QLatin1String("true"));
            else if (word != QLatin1String("null"))
                return fail(start, VtlText::tr("'%1' is not a value here; a variable is written $%1 and text is quoted").arg(word));
        } else {
            return fail(start, VtlText::tr("expected a value but found %1").arg(found()));
        }
        *out = std::move(node);
        return true;
    }

    bool parseList(ExprPtr *out, int start)
    {
        ++m_pos;
        auto node = std::make_unique<Expr>();
        node->kind = Expr::Kind::List;
        node->position = at(start);
        skipSpace();
        if (peek() == QLatin1Char(']')) {
            ++m_pos;
            *out = std::move(node);
            return true;
        }
        for (;;) {
            ExprPtr item;
            if (!parseExpression(&item))
                return false;
            node->items.push_back(std::move(item));
            skipSpace();
            if (lookingAt("..") && node->items.size() == 1) {
                m_pos += 2;
                node->kind = Expr::Kind::Range;
                ExprPtr last;
                if (!parseExpression(&last))
                    return false;
                node->items.push_back(std::move(last));
                if (!expect(QLatin1Char(']'), VtlText::tr("to close the range opened at %1").arg(where(start))))
                    return false;
                break;
            }
            if (peek() == QLatin1Char(',')) {
                ++m_pos;
                continue;
            }
            if (peek() == QLatin1Char(']')) {
                ++m_pos;
                break;
            }
            return fail(m_pos, VtlText::tr("expected ',' or ']' in the list opened at %1 but found %2").arg(where(start), found()));
        }
        *out = std::move(node);
        return true;
    }

    bool parseMap(ExprPtr *out, int start)
    {
        ++m_pos;
        auto node = std::make_unique<Expr>();
        node->kind = Expr::Kind::Map;
        node->position = at(start);
        skipSpace();
        if (peek() == QLatin1Char('}')) {
            ++m_pos;
            *out = std::move(node);
            return true;
        }
        for (;;) {
            ExprPtr key;
            ExprPtr value;
            if (!parseExpression(&key))
                return false;
            if (!expect(QLatin1Char(':'), VtlText::tr("after a key of the map opened at %1").arg(where(start))))
                return false;
            if (!parseExpression(&value))
                return false;
            node->items.push_back(std::move(key));
            node->items.push_back(std::move(value));
            skipSpace();
            if (peek() == QLatin1Char(',')) {
                ++m_pos;
                continue;
            }
            if (peek() == QLatin1Char('}')) {
                ++m_pos;
                break;
            }
            return fail(m_pos, VtlText::tr("expected ',' or '}' in the map opened at %1 but found %2").arg(where(start), found()));
        }
        *out = std::move(node);
        return true;
    }

    // '...' is literal; "..." interpolates references and directives. A backslash keeps the
    // next character (so \" does not end the string) and a doubled quote stands for one.
    bool parseString(Expr *node)
    {
        const QChar quote = peek();
        const int start = m_pos;
        ++m_pos;
        QString plain;
        bool interpolate = false;
        int contentStart = m_pos;
        for (;;) {
            if (m_pos >= m_limit)
                return fail(start, VtlText::tr("string without its closing %1").arg(quote));
            const QChar c = peek();
            if (c == QLatin1Char('\\') && m_pos + 1 < m_limit) {
                plain += c;
                plain += peek(1);
                m_pos += 2;
                continue;
            }
            if (c == quote) {
                if (peek(1) == quote) {
                    plain += quote;
                    interpolate = interpolate || quote == QLatin1Char('"');
                    m_pos += 2;
                    continue;
                }
                break;
            }
            if (quote == QLatin1Char('"') && (c == QLatin1Char('$') || c == QLatin1Char('#')))
                interpolate = true;
            plain += c;
            ++m_pos;
        }
        const int contentEnd = m_pos;
        ++m_pos;
        if (!interpolate) {
            node->kind = Expr::Kind::Literal;
            node->literal = Value::string(plain);
            return true;
        }
        // Parse the content in place so positions inside the string stay true.
        const int after = m_pos;
        m_pos = contentStart;
        auto block = std::make_shared<Block>();
        Terminator end;
        if (!parseBlock(*block, contentEnd, &end))
            return false;
        if (end.kind != Terminator::EndOfInput)
            return fail(end.start, VtlText::tr("#%1 without an #if or #foreach it belongs to").arg(end.name));
        // Doubled quotes inside the content stand for one quote.
        const QString doubled = QString(quote) + quote;
        for (Node &n : *block) {
            if (n.kind == Node::Kind::Text)
                n.text.replace(doubled, QString(quote));
        }
        m_pos = after;
        node->kind = Expr::Kind::Interpolated;
        node->interpolated = std::move(block);
        return true;
    }

    // The parser and the renderer recurse along the nesting, so a bound keeps a hostile or
    // broken template from exhausting the stack.
    static constexpr int maxDepth = 200;
    struct DepthGuard
    {
        explicit DepthGuard(Parser *p) : parser(p) { ++parser->m_depth; }
        ~DepthGuard() { --parser->m_depth; }
        Parser *parser;
    };

    const QString &m_s;
    int m_depth = 0;
    std::vector<int> m_lineStarts;
    int m_pos = 0;
    int m_limit = 0;
    QString m_error;
};

} // namespace

Template::Template() = default;

Core::Result<Template> Template::parse(const QString &source)
{
    Parser parser(source);
    auto root = std::make_shared<Node>();
    if (!parser.parseTemplate(root->body))
        return Core::makeError(Core::ErrorCode::Template, parser.error());
    Template result;
    result.m_root = std::move(root);
    return result;
}

bool Template::isEmpty() const
{
    return !m_root || m_root->body.empty();
}

} // namespace Gatehouse::Emulator::Vtl
