#include "keyvaluetable.h"

#include <algorithm>

#include <QHeaderView>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace Gatehouse::Ui {

namespace {

// Paints a grey hint in the empty key cell of the last row, where new rows are typed.
class HintDelegate : public QStyledItemDelegate
{
public:
    HintDelegate(const QString *hint, QObject *parent) : QStyledItemDelegate(parent), m_hint(hint) {}

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::paint(painter, option, index);
        if (index.column() != 1 || index.row() != index.model()->rowCount() - 1
            || !index.data().toString().isEmpty() || !index.siblingAtColumn(2).data().toString().isEmpty())
            return;
        painter->save();
        painter->setPen(option.palette.color(QPalette::PlaceholderText));
        QFont font = option.font;
        font.setItalic(true);
        painter->setFont(font);
        painter->drawText(option.rect.adjusted(4, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, *m_hint);
        painter->restore();
    }

private:
    const QString *m_hint;
};

} // namespace

KeyValueTable::KeyValueTable(const QString &keyTitle, const QString &valueTitle, QWidget *parent)
    : QWidget(parent), m_table(new QTableWidget(0, 4, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);

    m_table->setHorizontalHeaderLabels({QString(), keyTitle, valueTitle, QString()});
    m_table->verticalHeader()->hide();
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed | QAbstractItemView::SelectedClicked);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 12);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSectionResizeMode(EnabledColumn, QHeaderView::Fixed);
    header->setSectionResizeMode(KeyColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(RemoveColumn, QHeaderView::Fixed);
    header->resizeSection(EnabledColumn, 32);
    header->resizeSection(KeyColumn, 220);
    header->resizeSection(RemoveColumn, 32);

    m_table->setItemDelegateForColumn(KeyColumn, new HintDelegate(&m_keyPlaceholder, this));
    connect(m_table, &QTableWidget::itemChanged, this, &KeyValueTable::onItemChanged);
    ensureTrailingEmptyRow();
}

QString KeyValueTable::text(int row, int column) const
{
    const QTableWidgetItem *item = m_table->item(row, column);
    return item ? item->text() : QString();
}

bool KeyValueTable::isRowEmpty(int row) const
{
    return text(row, KeyColumn).isEmpty() && text(row, ValueColumn).isEmpty();
}

QList<Core::HeaderEntry> KeyValueTable::rows() const
{
    QList<Core::HeaderEntry> result;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (isRowEmpty(row))
            continue;
        const QTableWidgetItem *check = m_table->item(row, EnabledColumn);
        result.append({check && check->checkState() == Qt::Checked, text(row, KeyColumn), text(row, ValueColumn)});
    }
    return result;
}

qsizetype KeyValueTable::enabledCount() const
{
    const QList<Core::HeaderEntry> all = rows();
    return std::count_if(all.cbegin(), all.cend(), [](const Core::HeaderEntry &e) { return e.enabled; });
}

void KeyValueTable::setRows(const QList<Core::HeaderEntry> &rows)
{
    m_updating = true;
    m_table->setRowCount(0);
    for (const Core::HeaderEntry &entry : rows)
        appendRow(entry);
    m_updating = false;
    ensureTrailingEmptyRow();
}

void KeyValueTable::setKeyPlaceholder(const QString &text)
{
    m_keyPlaceholder = text;
    const int last = m_table->rowCount() - 1;
    if (last >= 0 && isRowEmpty(last)) {
        m_updating = true;
        m_table->item(last, KeyColumn)->setToolTip(text);
        m_updating = false;
    }
}

void KeyValueTable::appendRow(const Core::HeaderEntry &entry)
{
    const bool wasUpdating = m_updating;
    m_updating = true;
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto *check = new QTableWidgetItem;
    check->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    m_table->setItem(row, EnabledColumn, check);
    m_table->setItem(row, KeyColumn, new QTableWidgetItem(entry.name));
    m_table->setItem(row, ValueColumn, new QTableWidgetItem(entry.value));
    if (!isRowEmpty(row))
        makeRowRemovable(row, entry.enabled);
    m_updating = wasUpdating;
}

// A filled row gets its enabled box and its remove button; the empty row for adding has neither.
void KeyValueTable::makeRowRemovable(int row, bool enabled)
{
    const bool wasUpdating = m_updating;
    m_updating = true;
    QTableWidgetItem *check = m_table->item(row, EnabledColumn);
    check->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
    check->setCheckState(enabled ? Qt::Checked : Qt::Unchecked);
    check->setToolTip(tr("Send this row"));
    auto *remove = new QToolButton;
    remove->setText(QStringLiteral("\u00d7"));
    remove->setAutoRaise(true);
    remove->setToolTip(tr("Remove this row"));
    connect(remove, &QToolButton::clicked, this, [this, remove] { removeRowOf(remove); });
    m_table->setCellWidget(row, RemoveColumn, remove);
    m_updating = wasUpdating;
}

void KeyValueTable::ensureTrailingEmptyRow()
{
    const int last = m_table->rowCount() - 1;
    if (last >= 0 && isRowEmpty(last))
        return;
    const bool wasUpdating = m_updating;
    m_updating = true;
    appendRow({true, QString(), QString()});
    m_table->item(m_table->rowCount() - 1, KeyColumn)->setToolTip(m_keyPlaceholder);
    m_updating = wasUpdating;
}

void KeyValueTable::removeRowOf(QWidget *button)
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->cellWidget(row, RemoveColumn) == button) {
            m_table->removeRow(row);
            ensureTrailingEmptyRow();
            Q_EMIT rowsEdited();
            return;
        }
    }
}

void KeyValueTable::onItemChanged(QTableWidgetItem *item)
{
    if (m_updating)
        return;
    if (!m_table->cellWidget(item->row(), RemoveColumn) && !isRowEmpty(item->row()))
        makeRowRemovable(item->row(), true);
    ensureTrailingEmptyRow();
    Q_EMIT rowsEdited();
}

} // namespace Gatehouse::Ui
