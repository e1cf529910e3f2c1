#include "settextcommand.h"

namespace Gatehouse::Ui {

SetTextCommand::SetTextCommand(const QString &title, int mergeId, QString before, QString after, Apply apply,
                               bool alreadyApplied)
    : QUndoCommand(title),
      m_mergeId(mergeId),
      m_before(std::move(before)),
      m_after(std::move(after)),
      m_apply(std::move(apply)),
      m_skipRedo(alreadyApplied)
{
}

void SetTextCommand::undo()
{
    m_apply(m_before);
}

void SetTextCommand::redo()
{
    if (m_skipRedo) {
        m_skipRedo = false;
        return;
    }
    m_apply(m_after);
}

bool SetTextCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const SetTextCommand *>(other);
    if (m_sealed || next->m_before != m_after)
        return false;
    m_after = next->m_after;
    return true;
}

} // namespace Gatehouse::Ui
