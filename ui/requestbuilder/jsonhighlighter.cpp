#include "jsonhighlighter.h"

namespace Gatehouse::Ui {

namespace {

QTextCharFormat colour(const char *hex, bool bold = false)
{
    QTextCharFormat format;
    format.setForeground(QColor(QLatin1String(hex)));
    if (bold)
        format.setFontWeight(QFont::DemiBold);
    return format;
}

bool isNumberChar(QChar c)
{
    return c.isDigit() || c == QLatin1Char('-') || c == QLatin1Char('+') || c == QLatin1Char('.')
           || c == QLatin1Char('e') || c == QLatin1Char('E');
}

} // namespace

JsonHighlighter::JsonHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document),
      m_key(colour("#1f5fa8", true)),
      m_string(colour("#2e7d32")),
      m_number(colour("#b25000")),
      m_literal(colour("#8e3ab5")),
      m_punctuation(colour("#6b7280"))
{
}

qsizetype JsonHighlighter::stringEnd(const QString &text, qsizetype start) const
{
    for (qsizetype i = start + 1; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('\\'))
            ++i;
        else if (text.at(i) == QLatin1Char('"'))
            return i + 1;
    }
    return text.size();
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    qsizetype i = 0;
    while (i < text.size()) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('"')) {
            const qsizetype end = stringEnd(text, i);
            qsizetype next = end;
            while (next < text.size() && text.at(next).isSpace())
                ++next;
            const bool isKey = next < text.size() && text.at(next) == QLatin1Char(':');
            setFormat(int(i), int(end - i), isKey ? m_key : m_string);
            i = end;
        } else if (c.isDigit() || c == QLatin1Char('-')) {
            qsizetype end = i + 1;
            while (end < text.size() && isNumberChar(text.at(end)))
                ++end;
            setFormat(int(i), int(end - i), m_number);
            i = end;
        } else if (c.isLetter()) {
            qsizetype end = i + 1;
            while (end < text.size() && text.at(end).isLetter())
                ++end;
            const QStringView word = QStringView(text).mid(i, end - i);
            if (word == QLatin1String("true") || word == QLatin1String("false") || word == QLatin1String("null"))
                setFormat(int(i), int(end - i), m_literal);
            i = end;
        } else {
            if (QStringView(u"{}[]:,").contains(c))
                setFormat(int(i), 1, m_punctuation);
            ++i;
        }
    }
}

} // namespace Gatehouse::Ui
