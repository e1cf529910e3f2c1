#pragma once

#include <QUndoCommand>

#include <functional>

namespace Gatehouse::Ui {

// One undoable change of a text field (method, URL); consecutive typing merges into one step.
class SetTextCommand : public QUndoCommand
{
public:
    using Apply = std::function<void(const QString &)>;

    // With alreadyApplied the widget shows the new text already, so the first redo does nothing.
    SetTextCommand(const QString &title, int mergeId, QString before, QString after, Apply apply,
                   bool alreadyApplied);

    void undo() override;
    void redo() override;
    int id() const override { return m_mergeId; }
    bool mergeWith(const QUndoCommand *other) override;
    // Stops later typing from merging into this step (after focus leaves or a send).
    void seal() { m_sealed = true; }

private:
    int m_mergeId;
    QString m_before;
    QString m_after;
    Apply m_apply;
    bool m_skipRedo;
    bool m_sealed = false;
};

} // namespace Gatehouse::Ui
