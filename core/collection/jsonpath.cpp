#include "jsonpath.h"

namespace Gatehouse::Core::Collection {

namespace {

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$') ||
           c == QLatin1Char('-');
}

Error pathError(const QString &text, qsizetype at, const QString &reason)
{
    return makeError(
        ErrorCode::InvalidArgument,
        QStringLiteral("JSONPath '%1', character %2: %3").arg(text).arg(at + 1).arg(reason));
}

QString stepText(const JsonPath::Step &step)
{
    if (step.index >= 0)
        return QStringLiteral("[%1]").arg(step.index);
    bool plain = !step.name.isEmpty();
    for (const QChar c : step.name)
        plain = plain && isNameChar(c);
    return plain ? QLatin1Char('.') + step.name : QStringLiteral("['%1']").arg(step.name);
}

// A quoted name inside brackets, from the quote at `at`; moves at past the closing quote.
Result<QString> quotedName(const QString &text, qsizetype &at)
{
    const QChar quote = text.at(at);
    QString name;
    for (++at; at < text.size(); ++at) {
        const QChar c = text.at(at);
        if (c == QLatin1Char('\\') && at + 1 < text.size()) {
            name += text.at(++at);
        } else if (c == quote) {
            ++at;
            return name;
        } else {
            name += c;
        }
    }
    return pathError(text, at, QStringLiteral("the quoted name is not closed with %1").arg(quote));
}

// "[0]" or "['name']" from the '[' at `at`.
Result<JsonPath::Step> bracketStep(const QString &text, qsizetype &at)
{
    ++at;
    JsonPath::Step step;
    if (at < text.size() && (text.at(at) == QLatin1Char('\'') || text.at(at) == QLatin1Char('"'))) {
        const Result<QString> name = quotedName(text, at);
        if (!name)
            return name.error();
        step.name = *name;
    } else {
        const qsizetype start = at;
        while (at < text.size() && text.at(at).isDigit())
            ++at;
        if (at == start) {
            if (at < text.size() && text.at(at) == QLatin1Char('*'))
                return pathError(text, at,
                                 QStringLiteral("wildcards are not supported; name one element"));
            if (at < text.size() && text.at(at) == QLatin1Char('-'))
                return pathError(
                    text, at, QStringLiteral("negative indexes are not supported; count from 0"));
            return pathError(
                text, at,
                QStringLiteral("expected an index (0, 1, ...) or a quoted name after '['"));
        }
        bool ok = false;
        step.index = text.mid(start, at - start).toLongLong(&ok);
        if (!ok)
            return pathError(text, start, QStringLiteral("the index is too large"));
    }
    if (at >= text.size() || text.at(at) != QLatin1Char(']'))
        return pathError(text, at, QStringLiteral("expected ']'"));
    ++at;
    return step;
}

} // namespace

Result<JsonPath> JsonPath::parse(const QString &text)
{
    JsonPath path;
    path.m_text = text;
    if (!text.startsWith(QLatin1Char('$')))
        return pathError(text, 0, QStringLiteral("a path starts with '$', the whole document"));
    qsizetype at = 1;
    while (at < text.size()) {
        const QChar c = text.at(at);
        if (c == QLatin1Char('.')) {
            if (at + 1 < text.size() && text.at(at + 1) == QLatin1Char('.'))
                return pathError(text, at,
                                 QStringLiteral("'..' (recursive descent) is not supported"));
            const qsizetype start = ++at;
            while (at < text.size() && isNameChar(text.at(at)))
                ++at;
            if (at == start)
                return pathError(
                    text, at,
                    at < text.size() && text.at(at) == QLatin1Char('*')
                        ? QStringLiteral("wildcards are not supported; name one member")
                        : QStringLiteral("expected a member name after '.'"));
            path.m_steps.append({text.mid(start, at - start), -1});
        } else if (c == QLatin1Char('[')) {
            const Result<Step> step = bracketStep(text, at);
            if (!step)
                return step.error();
            path.m_steps.append(*step);
        } else {
            return pathError(text, at, QStringLiteral("expected '.' or '[' but found '%1'").arg(c));
        }
    }
    return path;
}

Result<const JsonValue *> JsonPath::find(const JsonValue &document) const
{
    const JsonValue *value = &document;
    QString where = QStringLiteral("$");
    for (const Step &step : m_steps) {
        if (step.index >= 0) {
            if (!value->isArray())
                return makeError(ErrorCode::NotFound,
                                 QStringLiteral("%1 is %2, not an array")
                                     .arg(where, JsonValue::typeName(value->type)));
            if (step.index >= qsizetype(value->items.size()))
                return makeError(ErrorCode::NotFound,
                                 QStringLiteral("%1 has %2 elements; [%3] is past the end")
                                     .arg(where)
                                     .arg(value->items.size())
                                     .arg(step.index));
            value = &value->items[std::size_t(step.index)];
        } else {
            if (!value->isObject())
                return makeError(ErrorCode::NotFound,
                                 QStringLiteral("%1 is %2, not an object")
                                     .arg(where, JsonValue::typeName(value->type)));
            const JsonValue *member = value->member(step.name);
            if (!member)
                return makeError(ErrorCode::NotFound,
                                 QStringLiteral("%1 has no member \"%2\"").arg(where, step.name));
            value = member;
        }
        where += stepText(step);
    }
    return value;
}

} // namespace Gatehouse::Core::Collection
