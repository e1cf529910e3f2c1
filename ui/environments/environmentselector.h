#pragma once

#include "environmentsdialog.h"

#include "core/environmentstore.h"
#include "core/variables.h"

#include <QPointer>
#include <QWidget>

class QComboBox;

namespace Gatehouse::Core {
class SecretStore;
}

namespace Gatehouse::Ui {

// The request builder's environment switch: No environment, each saved environment, Manage
// Environments…. The choice is remembered across restarts; choosing one reads its secret values
// from the secret store (asynchronously) and reports the environment with them filled in.
class EnvironmentSelector : public QWidget
{
    Q_OBJECT

public:
    // secrets null: a store of its own that prefers the system secret store.
    explicit EnvironmentSelector(const QString &directory = {}, Core::SecretStore *secrets = nullptr,
                                 QWidget *parent = nullptr);

    QComboBox *combo() const { return m_combo; }
    Core::EnvironmentStore *store() { return &m_store; }
    Core::SecretStore *secretStore() const { return m_secrets; }
    // Empty: no environment, or one that came from a file.
    QString activeName() const { return m_active; }

    // Chooses a saved environment ("" for none) as if picked from the list.
    void setActiveName(const QString &name);
    // A file loaded on the Variables page: shown as the choice without becoming a saved one.
    void showFileEnvironment(const QString &name);
    // Opens the Environments dialog (non-modal) on the active environment.
    EnvironmentsDialog *manageEnvironments();
    EnvironmentsDialog *dialog() const { return m_dialog; }
    void reload();

Q_SIGNALS:
    void environmentChanged(const Gatehouse::Core::Environment &environment);

private:
    void onActivated(int index);
    void apply(const QString &name);
    void selectInCombo(const QString &name);
    void updateToolTip();

    Core::EnvironmentStore m_store;
    Core::SecretStore *m_secrets;
    QComboBox *m_combo;
    QPointer<EnvironmentsDialog> m_dialog;
    QString m_active;
    quint64 m_applyId = 0; // only the latest choice reports
};

} // namespace Gatehouse::Ui
