#pragma once

#include "core/websocket/messagesnippets.h"

#include <QWidget>

class QLineEdit;
class QListView;
class QPushButton;

namespace Gatehouse::Ui {

// The composer's saved messages: a list of the shared MessageSnippets (rename in place by
// double-click or F2), a name field with Save, and Insert and Delete for the selected one.
// It only asks: the connection view says what the current message is and puts an inserted
// one into its composer.
class WebSocketSnippetsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit WebSocketSnippetsPanel(QWidget *parent = nullptr);

    // Not owned; shared by every connection of the console.
    void setSnippets(Core::MessageSnippets *snippets);
    Core::MessageSnippets *snippets() const { return m_snippets; }
    QListView *list() const { return m_list; }
    QLineEdit *nameEdit() const { return m_name; }

    // Saves current under the typed name (or current.name when none is typed).
    bool save(Core::MessageSnippet current);
    void insertSelected();
    bool deleteSelected();
    // The row selected in the list, -1 for none.
    int selectedRow() const;

signals:
    void saveRequested();
    void insertRequested(const Gatehouse::Core::MessageSnippet &snippet);
    // A problem in words (a name refused, the file broken or not writable), or an empty
    // string once the last action worked.
    void problemOccurred(const QString &message);

private:
    Core::MessageSnippets *m_snippets = nullptr;
    QListView *m_list = nullptr;
    QLineEdit *m_name = nullptr;
    QPushButton *m_insert = nullptr;
    QPushButton *m_delete = nullptr;
};

} // namespace Gatehouse::Ui
