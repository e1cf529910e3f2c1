#include "documenteditcommand.h"

namespace Gatehouse::Ui {

DocumentEditCommand::DocumentEditCommand(const QString &title, QTextDocument *document)
    : QUndoCommand(title), m_document(document)
{
}

void DocumentEditCommand::undo()
{
    if (m_document)
        m_document->undo();
}

void DocumentEditCommand::redo()
{
    if (m_skipRedo) {
        m_skipRedo = false;
        return;
    }
    if (m_document)
        m_document->redo();
}

} // namespace Gatehouse::Ui
