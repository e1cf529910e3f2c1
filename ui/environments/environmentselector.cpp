#include "environmentselector.h"

#include "environmentsdialog.h"

#include "core/secretstore.h"
#include "core/settings.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QProcessEnvironment>

namespace Gatehouse::Ui {

namespace {

enum Kind { NoEnvironment, Saved, FromFile, Manage };
constexpr int KindRole = Qt::UserRole;
constexpr int NameRole = Qt::UserRole + 1;

// Written only when it changes, so that merely showing a builder leaves the settings file alone.
void remember(const QString &name)
{
    Core::Settings settings;
    if (settings.value(Core::SettingsKeys::ActiveEnvironment) != name)
        settings.setValue(Core::SettingsKeys::ActiveEnvironment, name);
}

} // namespace

EnvironmentSelector::EnvironmentSelector(const QString &directory, Core::SecretStore *secrets, QWidget *parent)
    : QWidget(parent)
    , m_store(directory)
    , m_secrets(secrets ? secrets : new Core::SecretStore(Core::SecretStore::Mode::PreferSystem, this))
    , m_combo(new QComboBox(this))
{
    m_combo->setObjectName(QStringLiteral("environmentCombo"));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    updateToolTip();
    connect(m_secrets, &Core::SecretStore::backendChanged, this, &EnvironmentSelector::updateToolTip);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_combo);
    connect(m_combo, &QComboBox::activated, this, &EnvironmentSelector::onActivated);
    reload();
    const QString remembered = Core::Settings().value(Core::SettingsKeys::ActiveEnvironment);
    if (m_store.contains(remembered))
        setActiveName(remembered);
}

void EnvironmentSelector::updateToolTip()
{
    QString tip = tr("The environment whose {{variables}} requests use");
    if (m_secrets->backend() == Core::SecretStore::Backend::Memory)
        tip += QLatin1Char('\n') + tr("Secret values are kept until Gatehouse quits: no system secret store is running.");
    m_combo->setToolTip(tip);
}

void EnvironmentSelector::reload()
{
    const QSignalBlocker blocker(m_combo);
    m_combo->clear();
    m_combo->addItem(tr("No environment"));
    m_combo->setItemData(0, NoEnvironment, KindRole);
    for (const QString &name : m_store.names()) {
        m_combo->addItem(name);
        m_combo->setItemData(m_combo->count() - 1, Saved, KindRole);
        m_combo->setItemData(m_combo->count() - 1, name, NameRole);
    }
    m_combo->insertSeparator(m_combo->count());
    m_combo->addItem(tr("Manage Environments\u2026"));
    m_combo->setItemData(m_combo->count() - 1, Manage, KindRole);
    selectInCombo(m_active);
}

void EnvironmentSelector::selectInCombo(const QString &name)
{
    const QSignalBlocker blocker(m_combo);
    for (int i = 0; i < m_combo->count(); ++i) {
        if (m_combo->itemData(i, KindRole).toInt() == Saved && m_combo->itemData(i, NameRole).toString() == name) {
            m_combo->setCurrentIndex(i);
            return;
        }
    }
    m_combo->setCurrentIndex(0);
}

void EnvironmentSelector::onActivated(int index)
{
    switch (static_cast<Kind>(m_combo->itemData(index, KindRole).toInt())) {
    case NoEnvironment:
        setActiveName(QString());
        return;
    case Saved:
        setActiveName(m_combo->itemData(index, NameRole).toString());
        return;
    case FromFile:
        return;
    case Manage:
        // The list keeps showing what is in effect; the dialog is where choices are made.
        reload();
        manageEnvironments();
        return;
    }
}

void EnvironmentSelector::setActiveName(const QString &name)
{
    m_active = m_store.contains(name) ? name.trimmed() : QString();
    remember(m_active);
    reload(); // drops a file environment's entry
    apply(m_active);
}

void EnvironmentSelector::apply(const QString &name)
{
    const quint64 id = ++m_applyId;
    if (name.isEmpty()) {
        Q_EMIT environmentChanged(Core::Environment());
        return;
    }
    const Core::Result<Core::Environment> loaded = m_store.load(name);
    if (!loaded) {
        Core::Environment none;
        Q_EMIT environmentChanged(none);
        return;
    }
    // The GUI takes secrets from the secret store only, never from GATEHOUSE_SECRET_ (CI's way).
    Core::fillSecrets(*loaded, name, m_secrets, QProcessEnvironment(), this,
                      [this, id](const Core::FilledEnvironment &filled) {
                          if (id == m_applyId)
                              Q_EMIT environmentChanged(filled.environment);
                      });
}

void EnvironmentSelector::showFileEnvironment(const QString &name)
{
    ++m_applyId; // a saved environment still being read must not replace the file's
    m_active.clear();
    remember(QString());
    reload();
    const QSignalBlocker blocker(m_combo);
    m_combo->insertItem(1, tr("%1 (file)").arg(name));
    m_combo->setItemData(1, FromFile, KindRole);
    m_combo->setCurrentIndex(1);
}

EnvironmentsDialog *EnvironmentSelector::manageEnvironments()
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return m_dialog;
    }
    m_dialog = new EnvironmentsDialog(&m_store, m_secrets, m_active, window());
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    // After a save the list, and the active environment's variables, follow what was saved.
    connect(m_dialog, &EnvironmentsDialog::saved, this, [this] {
        const QString current = m_dialog ? m_dialog->currentName() : QString();
        setActiveName(m_store.contains(m_active) ? m_active : current);
    });
    connect(m_dialog, &EnvironmentsDialog::secretsSaved, this, [this] { apply(m_active); });
    m_dialog->open();
    return m_dialog;
}

} // namespace Gatehouse::Ui
