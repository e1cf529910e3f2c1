#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace Gatehouse::Ui {

class GraphQLEditor;

// The GraphQL editor with what belongs around it: an operation picker (the document's
// operations, following the cursor; picking one moves there), Prettify, and the problems list
// under the editor (click one to go to it). The GraphQL tab puts variables, headers, auth and the
// result beside it.
class GraphQLEditorPanel : public QWidget
{
    Q_OBJECT

public:
    explicit GraphQLEditorPanel(QWidget *parent = nullptr);

    GraphQLEditor *editor() const { return m_editor; }
    QComboBox *operationPicker() const { return m_operations; }
    QListWidget *problemList() const { return m_problems; }
    // The operation to send: the picked one's name (empty for an anonymous one).
    QString selectedOperationName() const;

private:
    void refreshProblems();
    void refreshOperations();
    void followCursor();

    GraphQLEditor *m_editor;
    QComboBox *m_operations;
    QPushButton *m_prettify;
    QLabel *m_message;
    QListWidget *m_problems;
};

} // namespace Gatehouse::Ui
