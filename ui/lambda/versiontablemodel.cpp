#include "versiontablemodel.h"

#include <QDateTime>
#include <QFont>

namespace Gatehouse::Ui {

int VersionTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_versions.size());
}

int VersionTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString VersionTableModel::environmentText(const Core::Aws::LambdaFunctionConfiguration &version, bool values)
{
    QStringList parts;
    for (const auto &[name, value] : version.environment)
        parts.append(values ? name + QLatin1Char('=') + value : name);
    return parts.join(QStringLiteral(", "));
}

QString VersionTableModel::readableTime(const QString &lastModified)
{
    // Lambda sends 2024-05-01T12:00:00.000+0000; Qt wants the offset with a colon.
    QString iso = lastModified;
    if (iso.size() > 5 && (iso.at(iso.size() - 5) == QLatin1Char('+') || iso.at(iso.size() - 5) == QLatin1Char('-')))
        iso.insert(iso.size() - 2, QLatin1Char(':'));
    const QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!time.isValid())
        return lastModified;
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

QVariant VersionTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Core::Aws::LambdaFunctionConfiguration &version = m_versions.at(index.row());
    if (role == Qt::FontRole && index.column() == CodeSha256Column) {
        QFont mono(QStringLiteral("monospace"));
        mono.setStyleHint(QFont::Monospace);
        return mono;
    }
    if (role == Qt::TextAlignmentRole && (index.column() == MemoryColumn || index.column() == TimeoutColumn))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case CodeSha256Column:
            return tr("SHA-256 of the code (base64): %1\nSize in bytes: %L2").arg(version.codeSha256).arg(version.codeSize);
        case LastModifiedColumn:
            return version.lastModified;
        case EnvironmentColumn:
            return m_showValues ? environmentText(version, true)
                                : tr("Values are hidden. Tick \"Show values\" to see them.");
        case VersionColumn:
            return version.functionArn;
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case VersionColumn:
        return version.version;
    case DescriptionColumn:
        return version.description;
    case CodeSha256Column:
        // The first 12 characters tell versions apart; the tooltip has all of it.
        return QString(version.codeSha256.left(12) + QStringLiteral("…"));
    case LastModifiedColumn:
        return readableTime(version.lastModified);
    case RuntimeColumn:
        return version.runtime;
    case MemoryColumn:
        return tr("%1 MB").arg(version.memorySize);
    case TimeoutColumn:
        return tr("%1 s").arg(version.timeout);
    case EnvironmentColumn:
        return environmentText(version, m_showValues);
    default:
        return {};
    }
}

QVariant VersionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case VersionColumn:
        return tr("Version");
    case DescriptionColumn:
        return tr("Description");
    case CodeSha256Column:
        return tr("Code SHA-256");
    case LastModifiedColumn:
        return tr("Last modified");
    case RuntimeColumn:
        return tr("Runtime");
    case MemoryColumn:
        return tr("Memory");
    case TimeoutColumn:
        return tr("Timeout");
    case EnvironmentColumn:
        return tr("Environment");
    default:
        return {};
    }
}

void VersionTableModel::setVersions(const QList<Core::Aws::LambdaFunctionConfiguration> &versions)
{
    beginResetModel();
    m_versions = versions;
    endResetModel();
}

QStringList VersionTableModel::versionNames() const
{
    QStringList names;
    for (const auto &version : m_versions)
        names.append(version.version);
    return names;
}

void VersionTableModel::setShowValues(bool show)
{
    if (show == m_showValues)
        return;
    m_showValues = show;
    if (!m_versions.isEmpty())
        emit dataChanged(index(0, EnvironmentColumn), index(rowCount() - 1, EnvironmentColumn));
}

} // namespace Gatehouse::Ui
