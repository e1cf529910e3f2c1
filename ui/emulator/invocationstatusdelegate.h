#pragma once

#include <QStyledItemDelegate>

namespace Gatehouse::Ui {

// Paints the invocation log's status column green for success and red otherwise, so
// failures stand out while the log scrolls.
class InvocationStatusDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    static QColor successColor();
    static QColor failureColor();

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace Gatehouse::Ui
