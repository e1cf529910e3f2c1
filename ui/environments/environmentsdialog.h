#pragma once

#include "core/environmentstore.h"
#include "core/result.h"
#include "core/variables.h"

#include <QDialog>
#include <QSet>

class QCheckBox;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace Gatehouse::Core {
class SecretStore;
}

namespace Gatehouse::Ui {

class EnvironmentTable;

// Environments › Manage: add, duplicate, rename, delete (after asking), import a Postman
// environment, export one without its secret values, and edit the variables. Edits stay in
// the dialog until Save; closing with unsaved edits asks first, so nothing typed is lost.
class EnvironmentsDialog : public QDialog
{
    Q_OBJECT

public:
    EnvironmentsDialog(Core::EnvironmentStore *store, Core::SecretStore *secrets, const QString &current,
                       QWidget *parent = nullptr);

    bool isDirty() const { return m_dirty; }
    QString currentName() const;
    // Selects by name; false when there is none.
    bool selectEnvironment(const QString &name);

    void addEnvironment();
    void duplicateEnvironment();
    // Renames the selected environment; a name in use or an empty one is refused, said why.
    Core::Result<void> renameEnvironment(const QString &name);
    // Asks first (deleteEnvironmentBox); deleted on Save.
    void deleteEnvironment();
    Core::Result<void> importFile(const QString &path);
    // The selected environment as a Postman environment file, secret values left empty.
    Core::Result<void> exportFile(const QString &path);
    // Files first, then the secret store; secretsSaved reports when the store has answered.
    Core::Result<void> save();

    void reject() override;

Q_SIGNALS:
    void saved();
    void secretsSaved(const QString &problem); // empty: every secret is kept

private:
    struct Entry
    {
        int id = 0;           // stable while entries come and go, for answers of the secret store
        QString originalName; // empty: not saved yet
        Core::Environment environment;
        QSet<QString> originalSecrets; // the secret keys kept in the store under originalName
    };

    QWidget *buildList();
    QWidget *buildEditor();
    void loadAll();
    void readSecrets(const Entry &entry);
    int indexOfId(int id) const;
    void showEntry(int index);
    void storeShownEntry();
    void appendEntry(const Entry &entry, bool select);
    QString uniqueName(const QString &wanted) const;
    bool nameTaken(const QString &name, int except) const;
    void markDirty();
    void showProblem(const QString &text);
    void updateBanner();
    void updateButtons();
    void chooseImportFile();
    void chooseExportFile();
    void saveSecrets();

    Core::EnvironmentStore *m_store;
    Core::SecretStore *m_secrets;
    QList<Entry> m_entries;
    QList<Entry> m_deleted;
    int m_shown = -1;
    int m_nextId = 1;
    int m_pendingReads = 0;
    bool m_dirty = false;
    bool m_showing = false;
    QListWidget *m_list;
    EnvironmentTable *m_table;
    QCheckBox *m_showSecrets;
    QLabel *m_banner;
    QLabel *m_problem;
    QPushButton *m_duplicate;
    QPushButton *m_rename;
    QPushButton *m_delete;
    QPushButton *m_export;
    QPushButton *m_addVariable;
    QPushButton *m_removeVariable;
};

} // namespace Gatehouse::Ui
