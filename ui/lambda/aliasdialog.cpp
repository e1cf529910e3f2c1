#include "aliasdialog.h"

#include "ui/widgets/statusstyle.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace Gatehouse::Ui {

AliasDialog::AliasDialog(const QStringList &versions, const Core::Aws::LambdaAliasConfiguration *existing,
                         QWidget *parent)
    : QDialog(parent),
      m_isNew(existing == nullptr)
{
    setObjectName(QStringLiteral("aliasDialog"));
    setWindowTitle(m_isNew ? tr("New alias") : tr("Edit alias %1").arg(existing->name));

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("aliasName"));
    // Lambda's alias names: letters, digits, - and _, not only digits, at most 128.
    m_name->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z0-9_-]{0,128}")), m_name));
    m_name->setPlaceholderText(tr("e.g. live"));
    // Editable, so a version not listed (yet) can be typed; Lambda answers if it does not exist.
    m_version = new QComboBox(this);
    m_version->setObjectName(QStringLiteral("aliasVersion"));
    m_version->setEditable(true);
    m_version->addItems(versions);
    m_description = new QLineEdit(this);
    m_description->setObjectName(QStringLiteral("aliasDescription"));
    m_routing = new QCheckBox(tr("Send a share of the traffic to another version"), this);
    m_routing->setObjectName(QStringLiteral("aliasRouting"));
    m_additional = new QComboBox(this);
    m_additional->setObjectName(QStringLiteral("aliasAdditionalVersion"));
    m_additional->setEditable(true);
    m_additional->addItems(versions);
    m_weight = new QDoubleSpinBox(this);
    m_weight->setObjectName(QStringLiteral("aliasWeight"));
    m_weight->setRange(0.0, 99.9);
    m_weight->setDecimals(1);
    m_weight->setSingleStep(5);
    m_weight->setSuffix(tr(" %"));
    m_weight->setValue(10);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("aliasError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QLatin1String(StatusStyle::Problem));
    m_error->hide();

    if (existing) {
        m_name->setText(existing->name);
        m_name->setReadOnly(true);
        m_version->setCurrentText(existing->functionVersion);
        m_description->setText(existing->description);
        if (!existing->additionalVersionWeights.isEmpty()) {
            m_routing->setChecked(true);
            m_additional->setCurrentText(existing->additionalVersionWeights.firstKey());
            m_weight->setValue(existing->additionalVersionWeights.first() * 100.0);
        }
    } else if (!versions.isEmpty()) {
        m_version->setCurrentIndex(int(versions.size()) - 1); // the newest version
    }

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Version:"), m_version);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(m_routing);
    form->addRow(tr("A&dditional version:"), m_additional);
    form->addRow(tr("&Weight:"), m_weight);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(m_isNew ? tr("Create") : tr("Save"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        m_error->hide();
        emit submitted();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_routing, &QCheckBox::toggled, this, &AliasDialog::updateState);
    connect(m_name, &QLineEdit::textChanged, this, &AliasDialog::updateState);
    updateState();
}

QString AliasDialog::aliasName() const
{
    return m_name->text().trimmed();
}

Core::Aws::LambdaAliasSpec AliasDialog::spec() const
{
    Core::Aws::LambdaAliasSpec spec;
    spec.functionVersion = m_version->currentText().trimmed();
    spec.description = m_description->text();
    if (m_routing->isChecked())
        spec.additionalVersionWeights.insert(m_additional->currentText().trimmed(), m_weight->value() / 100.0);
    return spec;
}

void AliasDialog::showError(const QString &message)
{
    setBusy(false);
    m_error->setText(message);
    m_error->show();
}

void AliasDialog::setBusy(bool busy)
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy && !aliasName().isEmpty());
    setCursor(busy ? Qt::BusyCursor : Qt::ArrowCursor);
}

void AliasDialog::updateState()
{
    m_additional->setEnabled(m_routing->isChecked());
    m_weight->setEnabled(m_routing->isChecked());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!aliasName().isEmpty());
}

} // namespace Gatehouse::Ui
