#include "functionlistmodel.h"

namespace Gatehouse::Ui {

int FunctionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_functions.size());
}

QVariant FunctionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Core::Aws::LambdaFunctionConfiguration &function = m_functions.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return function.functionName;
    case Qt::ToolTipRole:
        return function.description.isEmpty()
                   ? tr("%1 · %2").arg(function.functionName, function.runtime)
                   : tr("%1 · %2\n%3").arg(function.functionName, function.runtime, function.description);
    case RuntimeRole:
        return function.runtime;
    case DescriptionRole:
        return function.description;
    default:
        return {};
    }
}

void FunctionListModel::clear()
{
    beginResetModel();
    m_functions.clear();
    endResetModel();
}

void FunctionListModel::append(const QList<Core::Aws::LambdaFunctionConfiguration> &functions)
{
    if (functions.isEmpty())
        return;
    const int first = int(m_functions.size());
    beginInsertRows({}, first, first + int(functions.size()) - 1);
    m_functions.append(functions);
    endInsertRows();
}

int FunctionListModel::rowOf(const QString &name) const
{
    for (int row = 0; row < m_functions.size(); ++row)
        if (m_functions.at(row).functionName == name)
            return row;
    return -1;
}

} // namespace Gatehouse::Ui
