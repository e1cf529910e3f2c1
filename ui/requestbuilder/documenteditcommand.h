#pragma once

#include <QPointer>
#include <QTextDocument>
#include <QUndoCommand>

namespace Gatehouse::Ui {

// Puts one undo step of a text document (the body editor) on the request's QUndoStack.
class DocumentEditCommand : public QUndoCommand
{
public:
    DocumentEditCommand(const QString &title, QTextDocument *document);

    void undo() override;
    void redo() override;

private:
    QPointer<QTextDocument> m_document;
    bool m_skipRedo = true;
};

} // namespace Gatehouse::Ui
