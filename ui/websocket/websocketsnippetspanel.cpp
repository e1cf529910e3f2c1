#include "websocketsnippetspanel.h"

#include <QGridLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>

namespace Gatehouse::Ui {

WebSocketSnippetsPanel::WebSocketSnippetsPanel(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListView(this))
    , m_name(new QLineEdit(this))
    , m_insert(new QPushButton(tr("Insert"), this))
    , m_delete(new QPushButton(tr("Delete"), this))
{
    setObjectName(QStringLiteral("webSocketSnippets"));
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *save = new QPushButton(tr("Save"), this);
    save->setToolTip(tr("Save the composer's message under this name (the same name replaces it)"));
    m_name->setPlaceholderText(tr("Name to save the message as"));
    m_list->setToolTip(tr("Saved messages: double-click to insert, F2 to rename"));
    m_list->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    // Without a heading the empty list beside the composer reads as a second message box.
    layout->addWidget(new QLabel(tr("Saved messages"), this), 0, 0, 1, 3);
    layout->addWidget(m_list, 1, 0, 1, 3);
    layout->addWidget(m_name, 2, 0, 1, 2);
    layout->addWidget(save, 2, 2);
    layout->addWidget(m_insert, 3, 0);
    layout->addWidget(m_delete, 3, 1);
    connect(save, &QPushButton::clicked, this, &WebSocketSnippetsPanel::saveRequested);
    connect(m_name, &QLineEdit::returnPressed, this, &WebSocketSnippetsPanel::saveRequested);
    connect(m_insert, &QPushButton::clicked, this, &WebSocketSnippetsPanel::insertSelected);
    connect(m_delete, &QPushButton::clicked, this, &WebSocketSnippetsPanel::deleteSelected);
    connect(m_list, &QListView::doubleClicked, this, &WebSocketSnippetsPanel::insertSelected);
}

void WebSocketSnippetsPanel::setSnippets(Core::MessageSnippets *snippets)
{
    if (m_snippets)
        m_snippets->disconnect(this);
    m_snippets = snippets;
    m_list->setModel(snippets);
    if (!snippets)
        return;
    connect(snippets, &Core::MessageSnippets::problemOccurred, this,
            &WebSocketSnippetsPanel::problemOccurred);
    if (snippets->loadError().isError())
        emit problemOccurred(snippets->loadError().message);
}

int WebSocketSnippetsPanel::selectedRow() const
{
    const QModelIndex current = m_list->selectionModel() ? m_list->currentIndex() : QModelIndex();
    return current.isValid() ? current.row() : -1;
}

bool WebSocketSnippetsPanel::save(Core::MessageSnippet current)
{
    if (!m_snippets)
        return false;
    if (!m_name->text().trimmed().isEmpty())
        current.name = m_name->text();
    const auto saved = m_snippets->save(current);
    if (!saved) {
        emit problemOccurred(saved.error().message);
        return false;
    }
    m_name->clear();
    m_list->setCurrentIndex(m_snippets->index(*saved));
    emit problemOccurred(QString());
    return true;
}

void WebSocketSnippetsPanel::insertSelected()
{
    const int row = selectedRow();
    if (!m_snippets || row < 0) {
        emit problemOccurred(tr("Choose a saved message first."));
        return;
    }
    emit insertRequested(m_snippets->snippet(row));
}

bool WebSocketSnippetsPanel::deleteSelected()
{
    if (!m_snippets)
        return false;
    const auto removed = m_snippets->remove(selectedRow());
    emit problemOccurred(removed ? QString() : removed.error().message);
    return removed.ok();
}

} // namespace Gatehouse::Ui
