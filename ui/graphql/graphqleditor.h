#pragma once

#include "core/graphql/ast.h"
#include "core/graphql/completion.h"
#include "core/graphql/schema.h"

#include <QPlainTextEdit>
#include <memory>
#include <optional>
#include <vector>

class QCompleter;
class QStandardItemModel;
class QTimer;

namespace Gatehouse::Ui {

class GraphQLHighlighter;

// A GraphQL document editor: highlighting from the core lexer, line numbers, bracket matching,
// auto-indent, problems (syntax errors, and validation errors once a schema is set) underlined
// with a tooltip, completion (Ctrl+Space, and by itself after "{", "(", "@", "$", "..." or a
// letter), hover documentation and prettify (Ctrl+Shift+F) as one undo step. Parsing and
// validation run once typing pauses (kCheckDelayMs), so a long document never stalls a
// keystroke; completion asks the core engine, which reads only tokens.
class GraphQLEditor : public QPlainTextEdit
{
    Q_OBJECT

public:
    static constexpr int kCheckDelayMs = 120;

    // One problem in the document, placed in the editor's own (UTF-16) positions.
    struct Problem
    {
        QString message;
        QString rule; // "Syntax" or the validation rule's name
        int line = 1;
        int column = 1;
        int position = 0; // in the QTextDocument
        int length = 1;
    };

    struct Operation
    {
        QString name; // empty for an anonymous operation
        Core::GraphQL::OperationType type = Core::GraphQL::OperationType::Query;
        int position = 0; // where its definition starts
        int end = 0;
    };

    explicit GraphQLEditor(QWidget *parent = nullptr);
    ~GraphQLEditor() override;

    // The schema to validate and complete against; none (the default) means syntax only.
    void setSchema(std::shared_ptr<const Core::GraphQL::Schema> schema);
    std::shared_ptr<const Core::GraphQL::Schema> schema() const { return m_schema; }

    const std::vector<Problem> &problems() const { return m_problems; }
    // The operations of the last check, in document order; the one holding the cursor.
    const std::vector<Operation> &operations() const { return m_operations; }
    int currentOperationIndex() const;
    // Parses and validates now instead of after the pause (tests, before sending).
    void checkNow();

    // Rewrites the document in canonical form as one undoable edit. A document with a syntax
    // error is left alone: the message says which error to fix first (and returns false).
    bool prettify(QString *message = nullptr);

    // Opens the completion list at the cursor (Ctrl+Space does this).
    void showCompletions();
    QCompleter *completer() const { return m_completer; }
    GraphQLHighlighter *highlighter() const { return m_highlighter; }
    // Moves the cursor to a problem or an operation and shows it.
    void goTo(int position);

    int lineNumberAreaWidth() const;

signals:
    // After each check: problems or operations may have changed.
    void checked();
    void prettifyRefused(const QString &message);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    friend class LineNumberArea;
    void paintLineNumbers(QPaintEvent *event);
    void updateLineNumberArea(const QRect &rect, int dy);
    void updateExtraSelections();
    void matchBrackets();
    void scheduleCheck();
    void check();
    void insertCompletion(const QModelIndex &index);
    void maybeAutoComplete(const QString &typed);
    bool handleIndent(QKeyEvent *event);
    int byteOffset(int position) const;
    int positionOf(const Core::GraphQL::Document &document, int offset) const;
    QString toolTipAt(const QPoint &pos) const;

    GraphQLHighlighter *m_highlighter;
    QWidget *m_lineNumbers;
    QTimer *m_checkTimer;
    QCompleter *m_completer;
    QStandardItemModel *m_completionModel;
    std::shared_ptr<const Core::GraphQL::Schema> m_schema;
    Core::GraphQL::CompletionResult m_completion;
    std::vector<Problem> m_problems;
    std::vector<Operation> m_operations;
    QByteArray m_completionSource; // the text m_completion's byte offsets refer to
    QList<QTextEdit::ExtraSelection> m_bracketSelections;
};

} // namespace Gatehouse::Ui
