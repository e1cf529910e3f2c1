#pragma once

#include "core/history/requesthistory.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;

namespace Gatehouse::Ui {

// The request builder's past exchanges, newest first: search them, open one again in a new
// request tab with its answer, or forget them all.
class HistoryPanel : public QWidget
{
    Q_OBJECT

public:
    // history: not owned; it outlives the panel (the main window's child).
    explicit HistoryPanel(Core::History::RequestHistory *history, QWidget *parent = nullptr);

    Core::History::RequestHistory *history() const { return m_history; }
    QLineEdit *searchField() const { return m_search; }
    QListView *listView() const { return m_list; }
    QPushButton *openButton() const { return m_open; }
    QPushButton *clearButton() const { return m_clear; }
    QLabel *problemLabel() const { return m_problem; }

public Q_SLOTS:
    void record(const Gatehouse::Core::RequestSpec &sent,
                const Gatehouse::Core::Environment &environment,
                const Gatehouse::Core::Result<Gatehouse::Core::HttpClientResponse> &result);
    void openSelected();
    // Asks first.
    void clearHistory();

Q_SIGNALS:
    void openRequested(const Gatehouse::Core::History::HistoryEntry &entry);

private:
    void showProblem(const QString &text);
    void updateButtons();

    Core::History::RequestHistory *m_history;
    QLineEdit *m_search;
    QListView *m_list;
    QPushButton *m_open;
    QPushButton *m_clear;
    QLabel *m_problem;
};

} // namespace Gatehouse::Ui
