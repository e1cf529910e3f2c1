#include "versioncomparedialog.h"

#include "versiontablemodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Gatehouse::Ui {

VersionCompareDialog::VersionCompareDialog(const QList<Core::Aws::LambdaFunctionConfiguration> &versions,
                                           QWidget *parent)
    : QDialog(parent),
      m_versions(versions)
{
    setObjectName(QStringLiteral("compareDialog"));
    setWindowTitle(versions.isEmpty() ? tr("Compare versions")
                                      : tr("Compare versions of %1").arg(versions.first().functionName));
    m_left = new QComboBox(this);
    m_left->setObjectName(QStringLiteral("compareLeft"));
    m_right = new QComboBox(this);
    m_right->setObjectName(QStringLiteral("compareRight"));
    for (const auto &version : versions) {
        m_left->addItem(version.version);
        m_right->addItem(version.version);
    }
    // Default: the two newest versions, the most common question.
    if (versions.size() >= 2) {
        m_left->setCurrentIndex(int(versions.size()) - 2);
        m_right->setCurrentIndex(int(versions.size()) - 1);
    }
    m_showValues = new QCheckBox(tr("Show environment values"), this);
    m_showValues->setObjectName(QStringLiteral("compareShowValues"));
    m_table = new QTableWidget(0, 3, this);
    m_table->setObjectName(QStringLiteral("compareTable"));
    m_table->setHorizontalHeaderLabels({tr("Setting"), QString(), QString()});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(true);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("compareSummary"));

    auto *pick = new QHBoxLayout;
    pick->addWidget(new QLabel(tr("Compare"), this));
    pick->addWidget(m_left);
    pick->addWidget(new QLabel(tr("with"), this));
    pick->addWidget(m_right);
    pick->addStretch(1);
    pick->addWidget(m_showValues);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(pick);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);
    resize(760, 420);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_left, &QComboBox::currentIndexChanged, this, &VersionCompareDialog::refresh);
    connect(m_right, &QComboBox::currentIndexChanged, this, &VersionCompareDialog::refresh);
    connect(m_showValues, &QCheckBox::toggled, this, &VersionCompareDialog::refresh);
    refresh();
}

void VersionCompareDialog::setPair(const QString &left, const QString &right)
{
    m_left->setCurrentText(left);
    m_right->setCurrentText(right);
    refresh();
}

void VersionCompareDialog::refresh()
{
    m_differences.clear();
    const int l = m_left->currentIndex();
    const int r = m_right->currentIndex();
    if (l < 0 || r < 0) {
        m_table->setRowCount(0);
        return;
    }
    const auto &a = m_versions.at(l);
    const auto &b = m_versions.at(r);
    m_table->setHorizontalHeaderLabels({tr("Setting"), a.version, b.version});
    const bool values = m_showValues->isChecked();
    const QList<std::tuple<QString, QString, QString>> rows = {
        {tr("Description"), a.description, b.description},
        {tr("Code SHA-256"), a.codeSha256, b.codeSha256},
        {tr("Code size"), QLocale().toString(a.codeSize), QLocale().toString(b.codeSize)},
        {tr("Last modified"), VersionTableModel::readableTime(a.lastModified), VersionTableModel::readableTime(b.lastModified)},
        {tr("Runtime"), a.runtime, b.runtime},
        {tr("Handler"), a.handler, b.handler},
        {tr("Memory"), tr("%1 MB").arg(a.memorySize), tr("%1 MB").arg(b.memorySize)},
        {tr("Timeout"), tr("%1 s").arg(a.timeout), tr("%1 s").arg(b.timeout)},
        {tr("Environment"), VersionTableModel::environmentText(a, values), VersionTableModel::environmentText(b, values)},
        {tr("Revision"), a.revisionId, b.revisionId},
    };
    m_table->setRowCount(int(rows.size()));
    // Environment values are compared even while hidden, so a changed value still shows as a difference.
    const bool environmentDiffers = a.environment != b.environment;
    for (int row = 0; row < rows.size(); ++row) {
        const auto &[name, left, right] = rows.at(row);
        const bool differs = row == 8 ? environmentDiffers : left != right;
        const bool informational = row == 3 || row == 9; // always differ between versions
        if (differs && !informational)
            m_differences.append(name);
        const QStringList cells = {name, left, right};
        for (int column = 0; column < 3; ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            item->setToolTip(cells.at(column));
            if (differs && !informational) {
                item->setBackground(QColor(0xfe, 0xf7, 0xe0));
                item->setForeground(QColor(0x20, 0x21, 0x24));
                QFont font = item->font();
                font.setBold(column == 0);
                item->setFont(font);
            }
            m_table->setItem(row, column, item);
        }
    }
    m_table->resizeRowsToContents();
    m_summary->setText(m_differences.isEmpty() ? tr("Same code and configuration.")
                                               : tr("Differs in: %1").arg(m_differences.join(QStringLiteral(", "))));
}

} // namespace Gatehouse::Ui
