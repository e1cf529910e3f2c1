#include "environmentsdialog.h"

#include "environmenttable.h"
#include "ui/widgets/statusstyle.h"

#include "core/secretstore.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QVBoxLayout>

#include <memory>

namespace Gatehouse::Ui {

namespace {

QSet<QString> secretKeys(const Core::Environment &environment)
{
    QSet<QString> keys;
    for (const Core::EnvironmentVariable &var : environment.variables) {
        if (var.secret)
            keys.insert(var.key);
    }
    return keys;
}

} // namespace

EnvironmentsDialog::EnvironmentsDialog(Core::EnvironmentStore *store, Core::SecretStore *secrets,
                                       const QString &current, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_secrets(secrets)
    , m_list(new QListWidget(this))
    , m_table(new EnvironmentTable(this))
    , m_showSecrets(new QCheckBox(tr("Show secret values"), this))
    , m_banner(new QLabel(this))
    , m_problem(new QLabel(this))
{
    setWindowTitle(tr("Environments"));
    setObjectName(QStringLiteral("environmentsDialog"));
    resize(820, 480);
    m_banner->setObjectName(QStringLiteral("secretStoreBanner"));
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(QStringLiteral("QLabel { background: #fef3c7; color: #78350f; padding: 4px 8px; "
                                           "border-radius: 4px; }"));
    m_problem->setObjectName(QStringLiteral("environmentProblem"));
    m_problem->setStyleSheet(QLatin1String(StatusStyle::Problem));
    m_problem->setWordWrap(true);
    m_problem->hide();

    auto *splitter = new QSplitter(this);
    splitter->addWidget(buildList());
    splitter->addWidget(buildEditor());
    splitter->setStretchFactor(1, 3);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveEnvironments"));
    connect(buttons->button(QDialogButtonBox::Save), &QPushButton::clicked, this, [this] { save(); });
    connect(buttons, &QDialogButtonBox::rejected, this, &EnvironmentsDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);

    connect(m_secrets, &Core::SecretStore::backendChanged, this, &EnvironmentsDialog::updateBanner);
    updateBanner();
    loadAll();
    if (!selectEnvironment(current) && m_list->count() > 0)
        m_list->setCurrentRow(0);
    updateButtons();
}

QWidget *EnvironmentsDialog::buildList()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    m_list->setObjectName(QStringLiteral("environmentList"));
    m_list->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::DoubleClicked);
    layout->addWidget(m_list, 1);
    auto *grid = new QGridLayout;
    auto *add = new QPushButton(tr("Add"), page);
    m_duplicate = new QPushButton(tr("Duplicate"), page);
    m_rename = new QPushButton(tr("Rename"), page);
    m_delete = new QPushButton(tr("Delete\u2026"), page);
    auto *import = new QPushButton(tr("Import\u2026"), page);
    m_export = new QPushButton(tr("Export\u2026"), page);
    add->setObjectName(QStringLiteral("addEnvironment"));
    m_delete->setObjectName(QStringLiteral("deleteEnvironment"));
    import->setToolTip(tr("Read a Postman environment export or a flat {\"key\": \"value\"} JSON file"));
    m_export->setToolTip(tr("Write this environment as a Postman environment file, without secret values"));
    grid->addWidget(add, 0, 0);
    grid->addWidget(m_duplicate, 0, 1);
    grid->addWidget(m_rename, 1, 0);
    grid->addWidget(m_delete, 1, 1);
    grid->addWidget(import, 2, 0);
    grid->addWidget(m_export, 2, 1);
    layout->addLayout(grid);

    connect(add, &QPushButton::clicked, this, &EnvironmentsDialog::addEnvironment);
    connect(m_duplicate, &QPushButton::clicked, this, &EnvironmentsDialog::duplicateEnvironment);
    connect(m_rename, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem *item = m_list->currentItem())
            m_list->editItem(item);
    });
    connect(m_delete, &QPushButton::clicked, this, &EnvironmentsDialog::deleteEnvironment);
    connect(import, &QPushButton::clicked, this, &EnvironmentsDialog::chooseImportFile);
    connect(m_export, &QPushButton::clicked, this, &EnvironmentsDialog::chooseExportFile);
    connect(m_list, &QListWidget::currentRowChanged, this, &EnvironmentsDialog::showEntry);
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        if (m_showing || m_list->row(item) != m_shown)
            return;
        const QString wanted = item->text();
        if (const Core::Result<void> renamed = renameEnvironment(wanted); !renamed) {
            m_showing = true;
            item->setText(m_entries.at(m_shown).environment.name); // back to the name it has
            m_showing = false;
            showProblem(renamed.error().message);
        }
    });
    return page;
}

QWidget *EnvironmentsDialog::buildEditor()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    m_table->setObjectName(QStringLiteral("environmentTable"));
    m_showSecrets->setObjectName(QStringLiteral("showSecrets"));
    layout->addWidget(m_table, 1);
    auto *row = new QHBoxLayout;
    m_addVariable = new QPushButton(tr("Add Variable"), page);
    m_removeVariable = new QPushButton(tr("Remove Variable"), page);
    m_addVariable->setObjectName(QStringLiteral("addVariable"));
    m_removeVariable->setObjectName(QStringLiteral("removeVariable"));
    row->addWidget(m_addVariable);
    row->addWidget(m_removeVariable);
    row->addStretch(1);
    row->addWidget(m_showSecrets);
    layout->addLayout(row);
    connect(m_addVariable, &QPushButton::clicked, m_table, &EnvironmentTable::addVariable);
    connect(m_removeVariable, &QPushButton::clicked, m_table, &EnvironmentTable::removeSelectedVariables);
    connect(m_showSecrets, &QCheckBox::toggled, m_table, &EnvironmentTable::setSecretsShown);
    connect(m_table, &EnvironmentTable::edited, this, &EnvironmentsDialog::markDirty);
    return page;
}

void EnvironmentsDialog::loadAll()
{
    QStringList problems;
    for (const QString &name : m_store->names()) {
        const Core::Result<Core::Environment> loaded = m_store->load(name);
        if (!loaded) {
            problems.append(loaded.error().message);
            continue;
        }
        Entry entry;
        entry.originalName = name;
        entry.environment = *loaded;
        entry.originalSecrets = secretKeys(*loaded);
        appendEntry(entry, false);
        readSecrets(m_entries.constLast());
    }
    showProblem(problems.join(QLatin1Char('\n')));
}

// Values arrive later; a value the person typed meanwhile is kept.
void EnvironmentsDialog::readSecrets(const Entry &entry)
{
    for (const Core::EnvironmentVariable &var : entry.environment.variables) {
        if (!var.secret || !var.value.isEmpty())
            continue;
        ++m_pendingReads;
        const int id = entry.id;
        const QString key = var.key;
        m_secrets->read(entry.originalName, key, this, [this, id, key](const Core::Result<QString> &value) {
            --m_pendingReads;
            const int index = indexOfId(id);
            if (!value || index < 0)
                return;
            for (Core::EnvironmentVariable &held : m_entries[index].environment.variables) {
                if (held.secret && held.key == key && held.value.isEmpty())
                    held.value = *value;
            }
            if (index == m_shown)
                m_table->fillSecret(key, *value);
        });
    }
}

int EnvironmentsDialog::indexOfId(int id) const
{
    for (int i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).id == id)
            return i;
    }
    return -1;
}

void EnvironmentsDialog::appendEntry(const Entry &entry, bool select)
{
    Entry added = entry;
    added.id = m_nextId++;
    m_entries.append(added);
    m_showing = true;
    auto *item = new QListWidgetItem(added.environment.name, m_list);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    m_showing = false;
    if (select)
        m_list->setCurrentRow(int(m_entries.size()) - 1);
}

QString EnvironmentsDialog::currentName() const
{
    return m_shown >= 0 ? m_entries.at(m_shown).environment.name : QString();
}

bool EnvironmentsDialog::selectEnvironment(const QString &name)
{
    for (int i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).environment.name == name) {
            m_list->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

void EnvironmentsDialog::storeShownEntry()
{
    if (m_shown >= 0 && m_shown < m_entries.size())
        m_entries[m_shown].environment.variables = m_table->variables();
}

void EnvironmentsDialog::showEntry(int index)
{
    storeShownEntry();
    m_shown = index;
    m_table->setVariables(index >= 0 ? m_entries.at(index).environment.variables : QList<Core::EnvironmentVariable>());
    updateButtons();
}

bool EnvironmentsDialog::nameTaken(const QString &name, int except) const
{
    for (int i = 0; i < m_entries.size(); ++i) {
        if (i != except && m_entries.at(i).environment.name == name)
            return true;
    }
    return false;
}

QString EnvironmentsDialog::uniqueName(const QString &wanted) const
{
    QString name = wanted;
    for (int n = 2; nameTaken(name, -1); ++n)
        name = QStringLiteral("%1 %2").arg(wanted).arg(n);
    return name;
}

void EnvironmentsDialog::addEnvironment()
{
    Entry entry;
    entry.environment.name = uniqueName(tr("New environment"));
    appendEntry(entry, true);
    markDirty();
}

void EnvironmentsDialog::duplicateEnvironment()
{
    if (m_shown < 0)
        return;
    storeShownEntry();
    Entry copy;
    copy.environment = m_entries.at(m_shown).environment; // secret values too: they are in memory
    copy.environment.name = uniqueName(tr("%1 copy").arg(copy.environment.name));
    appendEntry(copy, true);
    markDirty();
}

Core::Result<void> EnvironmentsDialog::renameEnvironment(const QString &name)
{
    if (m_shown < 0)
        return Core::makeError(Core::ErrorCode::InvalidArgument, tr("Choose an environment to rename."));
    const Core::Result<QString> checked = Core::EnvironmentStore::checkName(name);
    if (!checked)
        return checked.error();
    if (nameTaken(*checked, m_shown))
        return Core::makeError(Core::ErrorCode::InvalidArgument,
                               tr("There is an environment named '%1' already; choose another name.").arg(*checked));
    m_entries[m_shown].environment.name = *checked;
    m_showing = true;
    m_list->item(m_shown)->setText(*checked);
    m_showing = false;
    showProblem(QString());
    markDirty();
    return {};
}

void EnvironmentsDialog::deleteEnvironment()
{
    if (m_shown < 0)
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete environment"),
                                tr("Delete the environment '%1' and its secret values when you save?")
                                    .arg(currentName()),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("deleteEnvironmentBox"));
    box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const int id = m_entries.at(m_shown).id;
    connect(box, &QMessageBox::buttonClicked, this, [this, box, id](QAbstractButton *button) {
        const int index = indexOfId(id);
        if (box->buttonRole(button) != QMessageBox::DestructiveRole || index < 0)
            return;
        storeShownEntry();
        if (!m_entries.at(index).originalName.isEmpty())
            m_deleted.append(m_entries.at(index));
        m_shown = -1; // the row goes away; its table must not be stored into another entry
        m_entries.removeAt(index);
        delete m_list->takeItem(index);
        showEntry(m_list->currentRow());
        markDirty();
    });
    box->open();
}

Core::Result<void> EnvironmentsDialog::importFile(const QString &path)
{
    const Core::Result<Core::Environment> loaded = Core::loadEnvironmentFile(path);
    if (!loaded) {
        showProblem(loaded.error().message);
        return loaded.error();
    }
    Entry entry;
    entry.environment = *loaded;
    entry.environment.name = uniqueName(Core::EnvironmentStore::checkName(loaded->name).ok() ? loaded->name.trimmed()
                                                                                              : tr("Imported"));
    appendEntry(entry, true);
    showProblem(QString());
    markDirty();
    return {};
}

Core::Result<void> EnvironmentsDialog::exportFile(const QString &path)
{
    if (m_shown < 0)
        return Core::makeError(Core::ErrorCode::InvalidArgument, tr("Choose an environment to export."));
    storeShownEntry();
    const QByteArray bytes = Core::EnvironmentStore::toJson(m_entries.at(m_shown).environment);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        const Core::Error error = Core::makeError(Core::ErrorCode::Io, tr("Could not write %1: %2")
                                                                           .arg(QDir::toNativeSeparators(path),
                                                                                file.errorString()));
        showProblem(error.message);
        return error;
    }
    showProblem(QString());
    return {};
}

void EnvironmentsDialog::chooseImportFile()
{
    auto *dialog = new QFileDialog(this, tr("Import Environment"), QString(), tr("JSON files (*.json);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) { importFile(path); });
    dialog->open();
}

void EnvironmentsDialog::chooseExportFile()
{
    auto *dialog = new QFileDialog(this, tr("Export Environment"), currentName() + QStringLiteral(".postman_environment.json"),
                                   tr("JSON files (*.json)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) { exportFile(path); });
    dialog->open();
}

Core::Result<void> EnvironmentsDialog::save()
{
    storeShownEntry();
    const auto fail = [this](const Core::Error &error) {
        showProblem(error.message);
        return error;
    };
    // An empty secret would otherwise be taken as "forget it" before the store has answered.
    if (m_pendingReads > 0)
        return fail(Core::makeError(Core::ErrorCode::InvalidArgument,
                                    tr("Secret values are still being read from the secret store; save again in a moment.")));
    for (const Entry &entry : std::as_const(m_entries)) {
        if (const Core::Result<QString> name = Core::EnvironmentStore::checkName(entry.environment.name); !name)
            return fail(name.error());
        for (qsizetype row = 0; row < entry.environment.variables.size(); ++row) {
            if (entry.environment.variables.at(row).key.isEmpty())
                return fail(Core::makeError(Core::ErrorCode::InvalidArgument,
                                            tr("Environment '%1' has a value without a variable name (row %2); name "
                                               "the variable or remove the row.")
                                                .arg(entry.environment.name)
                                                .arg(row + 1)));
        }
    }
    for (const Entry &entry : std::as_const(m_deleted))
        m_store->remove(entry.originalName); // a file already gone is what was wanted
    for (const Entry &entry : std::as_const(m_entries)) {
        if (!entry.originalName.isEmpty() && entry.originalName != entry.environment.name && !nameTaken(entry.originalName, -1))
            m_store->remove(entry.originalName);
    }
    for (const Entry &entry : std::as_const(m_entries)) {
        if (const Core::Result<void> saved = m_store->save(entry.environment); !saved)
            return fail(saved.error());
    }
    saveSecrets();
    m_deleted.clear();
    for (Entry &entry : m_entries) {
        entry.originalName = entry.environment.name;
        entry.originalSecrets = secretKeys(entry.environment);
    }
    m_dirty = false;
    showProblem(QString());
    setWindowModified(false);
    Q_EMIT saved();
    return {};
}

// Written values for every secret variable, and forgotten ones for secrets that went away
// (deleted, renamed, no longer secret). Runs before the entries take their new names.
void EnvironmentsDialog::saveSecrets()
{
    struct Op
    {
        QString environment;
        QString key;
        QString value;
        bool write = false;
    };
    QList<Op> ops;
    QSet<QString> written;
    for (const Entry &entry : std::as_const(m_entries)) {
        for (const Core::EnvironmentVariable &var : entry.environment.variables) {
            if (!var.secret)
                continue;
            ops.append({entry.environment.name, var.key, var.value, !var.value.isEmpty()});
            written.insert(Core::SecretStore::entryName(entry.environment.name, var.key));
        }
    }
    const auto forget = [&](const Entry &entry, const QSet<QString> &keep) {
        for (const QString &key : entry.originalSecrets) {
            if (!keep.contains(key) && !written.contains(Core::SecretStore::entryName(entry.originalName, key)))
                ops.append({entry.originalName, key, QString(), false});
        }
    };
    for (const Entry &entry : std::as_const(m_deleted))
        forget(entry, {});
    for (const Entry &entry : std::as_const(m_entries)) {
        if (!entry.originalName.isEmpty())
            forget(entry, entry.originalName == entry.environment.name ? secretKeys(entry.environment) : QSet<QString>());
    }
    if (ops.isEmpty()) {
        QMetaObject::invokeMethod(this, [this] { Q_EMIT secretsSaved(QString()); }, Qt::QueuedConnection);
        return;
    }
    auto waiting = std::make_shared<int>(int(ops.size()));
    auto problems = std::make_shared<QStringList>();
    const auto done = [this, waiting, problems](const Core::Result<void> &result) {
        if (!result && !problems->contains(result.error().message))
            problems->append(result.error().message);
        if (--*waiting > 0)
            return;
        showProblem(problems->join(QLatin1Char('\n')));
        Q_EMIT secretsSaved(problems->join(QLatin1Char('\n')));
    };
    for (const Op &op : std::as_const(ops)) {
        if (op.write)
            m_secrets->write(op.environment, op.key, op.value, this, done);
        else
            m_secrets->remove(op.environment, op.key, this, done);
    }
}

void EnvironmentsDialog::markDirty()
{
    if (m_showing)
        return;
    m_dirty = true;
    setWindowModified(true);
    updateButtons();
}

void EnvironmentsDialog::reject()
{
    if (!m_dirty) {
        QDialog::reject();
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Question, tr("Unsaved changes"),
                                tr("The environments have changes that are not saved."),
                                QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("unsavedChangesBox"));
    box->setDefaultButton(QMessageBox::Save);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this](int answer) {
        if (answer == QMessageBox::Discard || (answer == QMessageBox::Save && save().ok()))
            QDialog::reject();
    });
    box->open();
}

void EnvironmentsDialog::showProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

void EnvironmentsDialog::updateBanner()
{
    const bool memory = m_secrets->backend() == Core::SecretStore::Backend::Memory;
    m_banner->setText(tr("Secret values are kept until Gatehouse quits: no system secret store is running."));
    m_banner->setToolTip(m_secrets->fallbackReason());
    m_banner->setVisible(memory);
}

void EnvironmentsDialog::updateButtons()
{
    const bool any = m_shown >= 0;
    for (QWidget *w : {static_cast<QWidget *>(m_duplicate), static_cast<QWidget *>(m_rename),
                       static_cast<QWidget *>(m_delete), static_cast<QWidget *>(m_export),
                       static_cast<QWidget *>(m_addVariable), static_cast<QWidget *>(m_removeVariable),
                       static_cast<QWidget *>(m_table)})
        w->setEnabled(any);
}

} // namespace Gatehouse::Ui
