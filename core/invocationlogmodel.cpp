#include "invocationlogmodel.h"

#include <QDateTime>

namespace Gatehouse::Core {

namespace {

const QString successStatus = QStringLiteral("Success");

QString firstLine(const QString &text)
{
    const qsizetype end = text.indexOf(QLatin1Char('\n'));
    return (end < 0 ? text : text.left(end)).trimmed();
}

} // namespace

InvocationLogModel::InvocationLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void InvocationLogModel::append(const InvocationRecord &record)
{
    if (m_records.size() >= m_maximumRows)
        dropOldest(int(m_records.size()) - m_maximumRows + 1);
    const int row = int(m_records.size());
    beginInsertRows({}, row, row);
    m_records.append(record);
    endInsertRows();
}

void InvocationLogModel::clear()
{
    if (m_records.isEmpty())
        return;
    beginResetModel();
    m_records.clear();
    endResetModel();
}

void InvocationLogModel::setMaximumRows(int rows)
{
    m_maximumRows = qMax(1, rows);
    if (m_records.size() > m_maximumRows)
        dropOldest(int(m_records.size()) - m_maximumRows);
}

void InvocationLogModel::dropOldest(int count)
{
    if (count <= 0)
        return;
    beginRemoveRows({}, 0, count - 1);
    m_records.remove(0, count);
    endRemoveRows();
}

int InvocationLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int InvocationLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant InvocationLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const InvocationRecord &record = m_records.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(record, index.column());
    case Qt::ToolTipRole:
        return toolTip(record);
    case Qt::TextAlignmentRole:
        if (index.column() == DurationColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case StatusRole:
        return record.status;
    case SucceededRole:
        return record.status == successStatus;
    case RequestIdRole:
        return record.requestId;
    default:
        return {};
    }
}

QVariant InvocationLogModel::displayText(const InvocationRecord &record, int column) const
{
    switch (column) {
    case TimeColumn:
        return QDateTime::fromMSecsSinceEpoch(record.finishedAtMs)
            .toLocalTime()
            .toString(QStringLiteral("hh:mm:ss.zzz"));
    case FunctionColumn:
        return record.functionName;
    case SourceColumn:
        return record.source;
    case DurationColumn:
        return QString::number(record.durationMs, 'f', 1);
    case StatusColumn:
        return record.status;
    case ErrorColumn:
        if (record.errorMessage.isEmpty())
            return record.errorType;
        if (record.errorType.isEmpty())
            return firstLine(record.errorMessage);
        return QString(record.errorType + QStringLiteral(": ") + firstLine(record.errorMessage));
    default:
        return {};
    }
}

QString InvocationLogModel::toolTip(const InvocationRecord &record) const
{
    QString text =
        tr("%1 — %2 (request %3)").arg(record.functionName, record.status, record.requestId);
    if (!record.errorType.isEmpty() || !record.errorMessage.isEmpty()) {
        text += QLatin1Char('\n');
        if (!record.errorType.isEmpty())
            text += record.errorType + QStringLiteral(": ");
        text += record.errorMessage;
    }
    return text;
}

QVariant InvocationLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case FunctionColumn:
        return tr("Function");
    case SourceColumn:
        return tr("Source");
    case DurationColumn:
        return tr("Duration (ms)");
    case StatusColumn:
        return tr("Status");
    case ErrorColumn:
        return tr("Error");
    default:
        return {};
    }
}

} // namespace Gatehouse::Core
