#pragma once

#include "core/aws/lambdaclient.h"

#include <QAbstractTableModel>

namespace Gatehouse::Ui {

// A function's versions ($LATEST first, then the published ones) as the viewer's table shows
// them. Environment variables show by name; their values only after showValues(true), so a
// glance over someone's shoulder or a screenshot does not leak them.
class VersionTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        VersionColumn,
        DescriptionColumn,
        CodeSha256Column,
        LastModifiedColumn,
        RuntimeColumn,
        MemoryColumn,
        TimeoutColumn,
        EnvironmentColumn,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void setVersions(const QList<Core::Aws::LambdaFunctionConfiguration> &versions);
    const QList<Core::Aws::LambdaFunctionConfiguration> &versions() const { return m_versions; }
    QStringList versionNames() const;
    void setShowValues(bool show);
    bool showsValues() const { return m_showValues; }

    // "NAME=value, OTHER=value" or "NAME, OTHER" depending on showValues.
    static QString environmentText(const Core::Aws::LambdaFunctionConfiguration &version, bool values);
    // "2024-05-01 12:00:00 UTC" from Lambda's LastModified; the text as sent when unreadable.
    static QString readableTime(const QString &lastModified);

private:
    QList<Core::Aws::LambdaFunctionConfiguration> m_versions;
    bool m_showValues = false;
};

} // namespace Gatehouse::Ui
