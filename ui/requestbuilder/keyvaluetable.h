#pragma once

#include "core/requestspec.h"

#include <QWidget>

class QTableWidget;
class QTableWidgetItem;

namespace Gatehouse::Ui {

// An editable list of enabled/key/value rows (params, headers, variables) that always
// offers one empty row at the bottom for adding.
class KeyValueTable : public QWidget
{
    Q_OBJECT

public:
    explicit KeyValueTable(const QString &keyTitle, const QString &valueTitle, QWidget *parent = nullptr);

    // Rows the user filled in; the trailing empty row is left out.
    QList<Core::HeaderEntry> rows() const;
    // Replaces the contents without emitting rowsEdited.
    void setRows(const QList<Core::HeaderEntry> &rows);
    qsizetype enabledCount() const;
    void setKeyPlaceholder(const QString &text);
    QTableWidget *table() const { return m_table; }

Q_SIGNALS:
    void rowsEdited();

private:
    enum Column { EnabledColumn, KeyColumn, ValueColumn, RemoveColumn };

    void onItemChanged(QTableWidgetItem *item);
    void appendRow(const Core::HeaderEntry &entry);
    void makeRowRemovable(int row, bool enabled);
    void ensureTrailingEmptyRow();
    void removeRowOf(QWidget *button);
    bool isRowEmpty(int row) const;
    QString text(int row, int column) const;

    QTableWidget *m_table;
    QString m_keyPlaceholder;
    bool m_updating = false;
};

} // namespace Gatehouse::Ui
