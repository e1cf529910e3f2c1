#include "environmenttable.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QStyledItemDelegate>

#include <algorithm>

namespace Gatehouse::Ui {

namespace {

// Paints and edits the value column: masked rows show dots and edit in a password field.
class ValueDelegate : public QStyledItemDelegate
{
public:
    explicit ValueDelegate(EnvironmentTable *table)
        : QStyledItemDelegate(table)
        , m_table(table)
    {}

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
        if (auto *line = qobject_cast<QLineEdit *>(editor); line && m_table->isMasked(index.row()))
            line->setEchoMode(QLineEdit::Password);
        return editor;
    }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (m_table->isMasked(index.row()) && !option->text.isEmpty())
            option->text = QString(8, QChar(0x2022));
    }

private:
    EnvironmentTable *m_table;
};

QTableWidgetItem *checkItem(bool checked)
{
    auto *item = new QTableWidgetItem;
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    return item;
}

} // namespace

EnvironmentTable::EnvironmentTable(QWidget *parent)
    : QTableWidget(0, 4, parent)
{
    setHorizontalHeaderLabels({tr("On"), tr("Variable"), tr("Value"), tr("Secret")});
    setItemDelegateForColumn(ValueColumn, new ValueDelegate(this));
    horizontalHeader()->setSectionResizeMode(EnabledColumn, QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(KeyColumn, QHeaderView::Interactive);
    horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    horizontalHeader()->setSectionResizeMode(SecretColumn, QHeaderView::ResizeToContents);
    setColumnWidth(KeyColumn, 180);
    verticalHeader()->hide();
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    connect(this, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (item->column() == SecretColumn)
            viewport()->update(); // the value's mask follows the checkbox
        if (!m_filling)
            Q_EMIT edited();
    });
}

void EnvironmentTable::appendRow(const Core::EnvironmentVariable &variable)
{
    const int row = rowCount();
    insertRow(row);
    setItem(row, EnabledColumn, checkItem(variable.enabled));
    setItem(row, KeyColumn, new QTableWidgetItem(variable.key));
    setItem(row, ValueColumn, new QTableWidgetItem(variable.value));
    setItem(row, SecretColumn, checkItem(variable.secret));
}

void EnvironmentTable::setVariables(const QList<Core::EnvironmentVariable> &variables)
{
    m_filling = true;
    setRowCount(0);
    for (const Core::EnvironmentVariable &variable : variables)
        appendRow(variable);
    m_filling = false;
}

QList<Core::EnvironmentVariable> EnvironmentTable::variables() const
{
    QList<Core::EnvironmentVariable> variables;
    for (int row = 0; row < rowCount(); ++row) {
        const QString key = item(row, KeyColumn)->text().trimmed();
        if (key.isEmpty() && item(row, ValueColumn)->text().isEmpty())
            continue; // a value without a key is kept, so that saving can say so instead of losing it
        variables.append({key, item(row, ValueColumn)->text(), item(row, EnabledColumn)->checkState() == Qt::Checked,
                          item(row, SecretColumn)->checkState() == Qt::Checked});
    }
    return variables;
}

void EnvironmentTable::fillSecret(const QString &key, const QString &value)
{
    for (int row = 0; row < rowCount(); ++row) {
        QTableWidgetItem *valueItem = item(row, ValueColumn);
        if (item(row, KeyColumn)->text().trimmed() == key && item(row, SecretColumn)->checkState() == Qt::Checked
            && valueItem->text().isEmpty()) {
            m_filling = true;
            valueItem->setText(value);
            m_filling = false;
        }
    }
}

bool EnvironmentTable::isMasked(int row) const
{
    const QTableWidgetItem *secret = item(row, SecretColumn);
    return !m_secretsShown && secret && secret->checkState() == Qt::Checked;
}

void EnvironmentTable::setSecretsShown(bool shown)
{
    m_secretsShown = shown;
    viewport()->update();
}

void EnvironmentTable::addVariable()
{
    appendRow({QString(), QString(), true, false});
    setCurrentCell(rowCount() - 1, KeyColumn);
    editItem(item(rowCount() - 1, KeyColumn));
    Q_EMIT edited();
}

void EnvironmentTable::removeSelectedVariables()
{
    QList<int> rows;
    for (const QModelIndex &index : selectionModel()->selectedRows())
        rows.append(index.row());
    if (rows.isEmpty() && currentRow() >= 0)
        rows.append(currentRow());
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    for (const int row : std::as_const(rows))
        removeRow(row);
    Q_EMIT edited();
}

} // namespace Gatehouse::Ui
