#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace Gatehouse::Ui {

// Colours GraphQL line by line with the core lexer's tokens, so highlighting agrees with what
// the parser reads: keywords, field and type names, $variables, @directives, strings (block
// strings across lines), numbers, comments and punctuation; what does not lex gets a red wavy
// underline and highlighting goes on after it. The block state carries "inside a block string".
class GraphQLHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    enum class Role
    {
        Keyword,
        Name,
        Variable,
        Directive,
        String,
        Number,
        Comment,
        Punctuation,
        Invalid
    };

    explicit GraphQLHighlighter(QTextDocument *document);

    QTextCharFormat format(Role role) const;

protected:
    void highlightBlock(const QString &text) override;

private:
    void highlightTokens(const QString &text, int from);

    QTextCharFormat m_formats[int(Role::Invalid) + 1];
};

} // namespace Gatehouse::Ui
