#include "connectionlistmodel.h"

#include <QLocale>

namespace Gatehouse::Core {

namespace {

QString timeText(const QDateTime &time)
{
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("HH:mm:ss")) : QString();
}

} // namespace

ConnectionListModel::ConnectionListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ConnectionListModel::setConnections(const QList<WebSocketConnectionInfo> &connections)
{
    QSet<QString> incoming;
    for (const WebSocketConnectionInfo &c : connections)
        incoming.insert(c.connectionId);
    // Closed connections leave first (from the bottom, so rows above keep their numbers) ...
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (incoming.contains(m_rows.at(row).connectionId))
            continue;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    }
    // ... then known ones are updated in place and new ones appended, in the server's order.
    for (const WebSocketConnectionInfo &c : connections) {
        const int row = rowOf(c.connectionId);
        if (row >= 0) {
            m_rows[row] = c;
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            continue;
        }
        const int at = int(m_rows.size());
        beginInsertRows({}, at, at);
        m_rows.append(c);
        endInsertRows();
    }
}

void ConnectionListModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int ConnectionListModel::rowOf(const QString &connectionId) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).connectionId == connectionId)
            return row;
    }
    return -1;
}

int ConnectionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConnectionListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConnectionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const WebSocketConnectionInfo &c = m_rows.at(index.row());
    if (role == ConnectionIdRole)
        return c.connectionId;
    if (role == Qt::ToolTipRole) {
        return tr("%1\nconnected %2\nlast active %3\n%4 %5")
            .arg(c.connectionId, QLocale().toString(c.connectedAt.toLocalTime(), QLocale::LongFormat),
                 QLocale().toString(c.lastActiveAt.toLocalTime(), QLocale::LongFormat), c.sourceIp, c.userAgent);
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case IdColumn:
        return c.connectionId;
    case ConnectedAtColumn:
        return timeText(c.connectedAt);
    case LastActiveColumn:
        return timeText(c.lastActiveAt);
    case SourceColumn:
        return c.userAgent.isEmpty() ? c.sourceIp : c.sourceIp + QStringLiteral(" · ") + c.userAgent;
    case PrincipalColumn:
        return c.principal;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ConnectionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case IdColumn:
        return tr("Connection id");
    case ConnectedAtColumn:
        return tr("Connected");
    case LastActiveColumn:
        return tr("Last active");
    case SourceColumn:
        return tr("Source");
    case PrincipalColumn:
        return tr("Principal");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Gatehouse::Core
