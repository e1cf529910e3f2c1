#include "tracemodel.h"

#include <QDateTime>

namespace Gatehouse::Core::GraphQL {

TraceModel::TraceModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void TraceModel::append(const TraceEntry &entry)
{
    Row row{entry, {}, {}};
    if (!entry.note) {
        if (const Result<WireMessage> message = parseWireMessage(entry.text); message) {
            row.type = message->type;
            row.id = message->id;
        }
    }
    if (m_rows.size() >= m_maximumRows)
        dropOldest(int(m_rows.size()) - m_maximumRows + 1);
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
    m_rows.append(std::move(row));
    endInsertRows();
}

void TraceModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void TraceModel::setMaximumRows(int rows)
{
    m_maximumRows = qMax(1, rows);
    if (m_rows.size() > m_maximumRows)
        dropOldest(int(m_rows.size()) - m_maximumRows);
}

void TraceModel::dropOldest(int count)
{
    if (count <= 0)
        return;
    beginRemoveRows({}, 0, count - 1);
    m_rows.remove(0, count);
    endRemoveRows();
}

int TraceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TraceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TraceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const QString direction = row.entry.note ? QStringLiteral("note")
                              : row.entry.direction == WebSocketDirection::Sent ? QStringLiteral("sent")
                                                                                 : QStringLiteral("received");
    switch (role) {
    case DirectionRole:
        return direction;
    case TimeRole:
        return row.entry.msecsSinceEpoch;
    case Qt::ToolTipRole:
        return QString::fromUtf8(row.entry.text);
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (Column(index.column())) {
    case TimeColumn:
        return QDateTime::fromMSecsSinceEpoch(row.entry.msecsSinceEpoch)
            .toLocalTime()
            .toString(QStringLiteral("HH:mm:ss.zzz"));
    case DirectionColumn:
        return row.entry.note ? QStringLiteral("·")
               : row.entry.direction == WebSocketDirection::Sent ? QStringLiteral("→")
                                                                  : QStringLiteral("←");
    case TypeColumn:
        return row.type;
    case IdColumn:
        return row.id;
    case TextColumn:
        return QString::fromUtf8(row.entry.text);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant TraceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case TimeColumn:
        return tr("Time");
    case DirectionColumn:
        return tr("Dir.");
    case TypeColumn:
        return tr("Type");
    case IdColumn:
        return tr("Subscription");
    case TextColumn:
        return tr("Message");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Gatehouse::Core::GraphQL
