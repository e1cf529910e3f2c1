#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace Gatehouse::Ui {

// Colours JSON tokens (keys, strings, numbers, literals) line by line; it never parses documents.
class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit JsonHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;

private:
    qsizetype stringEnd(const QString &text, qsizetype start) const;

    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
    QTextCharFormat m_punctuation;
};

} // namespace Gatehouse::Ui
