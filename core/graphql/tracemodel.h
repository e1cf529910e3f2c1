#pragma once

#include "core/graphql/subscriptionclient.h"

#include <QAbstractTableModel>
#include <QList>

namespace Gatehouse::Core::GraphQL {

// The subscription trace as a bounded table for the GraphQL tool's trace panel: one row per
// frame in or out (already masked by SubscriptionClient) or client note, with the message type
// and subscription id picked out so a view can sort and filter without parsing JSON.
class TraceModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TimeColumn,
        DirectionColumn,
        TypeColumn,
        IdColumn,
        TextColumn,
        ColumnCount
    };
    enum Role
    {
        DirectionRole = Qt::UserRole + 1, // "sent", "received" or "note"
        TimeRole,                         // qint64 ms since the epoch
    };
    Q_ENUM(Role)
    static constexpr int DefaultMaximumRows = 10000;

    explicit TraceModel(QObject *parent = nullptr);

    void append(const TraceEntry &entry);
    void clear();
    void setMaximumRows(int rows);
    int maximumRows() const { return m_maximumRows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        TraceEntry entry;
        QString type; // "start_ack"; empty for notes and frames that are not JSON messages
        QString id;
    };
    void dropOldest(int count);

    QList<Row> m_rows;
    int m_maximumRows = DefaultMaximumRows;
};

} // namespace Gatehouse::Core::GraphQL
