#include "historypanel.h"

#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace Gatehouse::Ui {

HistoryPanel::HistoryPanel(Core::History::RequestHistory *history, QWidget *parent)
    : QWidget(parent)
    , m_history(history)
    , m_search(new QLineEdit(this))
    , m_list(new QListView(this))
    , m_open(new QPushButton(tr("Open"), this))
    , m_clear(new QPushButton(tr("Clear history\u2026"), this))
    , m_problem(new QLabel(this))
{
    m_search->setPlaceholderText(tr("Search method, URL, status or response body"));
    m_search->setClearButtonEnabled(true);
    m_list->setModel(m_history);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setUniformItemSizes(true);
    m_list->setTextElideMode(Qt::ElideMiddle); // keeps status, time and ms in view
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_open->setToolTip(tr("Open the request and its answer in a new request tab"));
    m_clear->setToolTip(tr("Forget every recorded request and answer"));
    m_problem->setWordWrap(true);
    m_problem->setVisible(false);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_open);
    buttons->addStretch();
    buttons->addWidget(m_clear);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_problem);
    layout->addLayout(buttons);

    connect(m_search, &QLineEdit::textChanged, m_history,
            &Core::History::RequestHistory::setFilter);
    // Double-click or Enter (activated also fires on double-click: one connection, one tab).
    connect(m_list, &QListView::activated, this, &HistoryPanel::openSelected);
    connect(m_open, &QPushButton::clicked, this, &HistoryPanel::openSelected);
    connect(m_clear, &QPushButton::clicked, this, &HistoryPanel::clearHistory);
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HistoryPanel::updateButtons);
    connect(m_history, &QAbstractItemModel::modelReset, this, &HistoryPanel::updateButtons);
    connect(m_history, &QAbstractItemModel::rowsInserted, this, &HistoryPanel::updateButtons);
    const auto reportSkipped = [this] {
        if (m_history->skippedLines() > 0)
            showProblem(tr("%n broken line(s) of %1 were skipped.", nullptr, m_history->skippedLines())
                            .arg(m_history->path()));
    };
    connect(m_history, &Core::History::RequestHistory::loaded, this, reportSkipped);
    reportSkipped();
    updateButtons();
}

void HistoryPanel::record(const Core::RequestSpec &sent, const Core::Environment &environment,
                          const Core::Result<Core::HttpClientResponse> &result)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime sentAt = result ? now.addMSecs(-result->elapsedMs) : now;
    const Core::Result<void> added =
        m_history->add(Core::History::makeEntry(sent, environment, result, sentAt));
    showProblem(added ? QString() : added.error().message);
}

void HistoryPanel::openSelected()
{
    QModelIndex index = m_list->currentIndex();
    if (!index.isValid() && m_history->rowCount() > 0)
        index = m_history->index(0);
    if (const std::optional<Core::History::HistoryEntry> entry = m_history->entryAt(index.row()))
        Q_EMIT openRequested(*entry);
}

void HistoryPanel::clearHistory()
{
    if (m_history->entries().isEmpty())
        return;
    const auto answer = QMessageBox::question(
        this, tr("Clear history"),
        tr("Forget all %n recorded request(s) and their answers? This cannot be undone.", nullptr,
           int(m_history->entries().size())),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    const Core::Result<void> cleared = m_history->clear();
    showProblem(cleared ? QString() : cleared.error().message);
}

void HistoryPanel::showProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

void HistoryPanel::updateButtons()
{
    m_open->setEnabled(m_history->rowCount() > 0);
    m_clear->setEnabled(!m_history->entries().isEmpty());
}

} // namespace Gatehouse::Ui
