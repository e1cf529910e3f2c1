#pragma once

#include "core/aws/lambdaclient.h"

#include <QAbstractListModel>

namespace Gatehouse::Ui {

// The functions of one target, appended page by page as ListFunctions answers, so a long
// list shows (and can be searched) while the rest is still arriving.
class FunctionListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        NameRole = Qt::UserRole + 1,
        RuntimeRole,
        DescriptionRole,
    };

    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

    void clear();
    void append(const QList<Core::Aws::LambdaFunctionConfiguration> &functions);
    const Core::Aws::LambdaFunctionConfiguration &functionAt(int row) const { return m_functions.at(row); }
    int rowOf(const QString &name) const;

private:
    QList<Core::Aws::LambdaFunctionConfiguration> m_functions;
};

} // namespace Gatehouse::Ui
