#pragma once

#include "connectionsapi.h"

#include <QAbstractTableModel>

namespace Gatehouse::Core {

// The live connections of one emulated WebSocket API, for the console's server panel. Refreshes
// arrive every two seconds, so setConnections() updates rows in place (by connection id) instead
// of resetting: the selection and scroll position survive a refresh.
class ConnectionListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        IdColumn,
        ConnectedAtColumn,
        LastActiveColumn,
        SourceColumn,
        PrincipalColumn,
        ColumnCount
    };
    // Qt::UserRole on any column: the connection id.
    static constexpr int ConnectionIdRole = Qt::UserRole;

    explicit ConnectionListModel(QObject *parent = nullptr);

    void setConnections(const QList<WebSocketConnectionInfo> &connections);
    void clear();
    const QList<WebSocketConnectionInfo> &connections() const { return m_rows; }
    int rowOf(const QString &connectionId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<WebSocketConnectionInfo> m_rows;
};

} // namespace Gatehouse::Core
