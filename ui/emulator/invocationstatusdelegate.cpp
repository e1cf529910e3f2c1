#include "invocationstatusdelegate.h"

#include "core/invocationlogmodel.h"

namespace Gatehouse::Ui {

QColor InvocationStatusDelegate::successColor()
{
    return QColor(0x2e, 0x8b, 0x57);
}

QColor InvocationStatusDelegate::failureColor()
{
    return QColor(0xc6, 0x28, 0x28);
}

void InvocationStatusDelegate::initStyleOption(QStyleOptionViewItem *option,
                                               const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const bool succeeded = index.data(Core::InvocationLogModel::SucceededRole).toBool();
    const QColor color = succeeded ? successColor() : failureColor();
    option->palette.setColor(QPalette::Text, color);
    option->font.setBold(true);
    option->text = (succeeded ? QStringLiteral("✔ ") : QStringLiteral("✘ ")) + option->text;
}

} // namespace Gatehouse::Ui
