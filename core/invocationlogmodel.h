#pragma once

#include "invocationrecord.h"

#include <QAbstractTableModel>
#include <QList>

namespace Gatehouse::Core {

// The live invocation log as a bounded table, so views show the newest invocations without
// the memory growing for as long as the emulator runs.
class InvocationLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TimeColumn,
        FunctionColumn,
        SourceColumn,
        DurationColumn,
        StatusColumn,
        ErrorColumn,
        ColumnCount
    };
    enum Role
    {
        StatusRole = Qt::UserRole + 1, // the record's status string, e.g. "Success"
        SucceededRole,                 // bool: status is "Success"
        RequestIdRole,
    };
    Q_ENUM(Role)

    static constexpr int DefaultMaximumRows = 10000;

    explicit InvocationLogModel(QObject *parent = nullptr);

    void append(const InvocationRecord &record);
    void clear();

    int maximumRows() const { return m_maximumRows; }
    void setMaximumRows(int rows);

    const InvocationRecord &record(int row) const { return m_records.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant displayText(const InvocationRecord &record, int column) const;
    QString toolTip(const InvocationRecord &record) const;
    void dropOldest(int count);

    QList<InvocationRecord> m_records;
    int m_maximumRows = DefaultMaximumRows;
};

} // namespace Gatehouse::Core
