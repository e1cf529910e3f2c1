#include "collectionsettingsdialog.h"

#include "ui/requestbuilder/authpanel.h"
#include "ui/requestbuilder/keyvaluetable.h"
#include "ui/widgets/statusstyle.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Gatehouse::Ui {

CollectionSettingsDialog::CollectionSettingsDialog(const Core::Collection::Collection &collection, QWidget *parent)
    : QDialog(parent)
    , m_collection(collection)
    , m_name(new QLineEdit(collection.name, this))
    , m_description(new QPlainTextEdit(collection.description, this))
    , m_variables(new KeyValueTable(tr("Variable"), tr("Value"), this))
    , m_auth(new AuthPanel(this))
    , m_problem(new QLabel(this))
{
    setObjectName(QStringLiteral("collectionSettingsDialog"));
    setWindowTitle(tr("Collection Settings"));
    resize(640, 520);
    m_name->setObjectName(QStringLiteral("collectionName"));
    m_variables->setKeyPlaceholder(tr("Add a variable, use it as {{name}}"));
    QList<Core::HeaderEntry> rows;
    QStringList secrets;
    for (const Core::EnvironmentVariable &variable : collection.variables) {
        if (variable.secret)
            secrets.append(variable.key);
        else
            rows.append({variable.enabled, variable.key, variable.value});
    }
    m_variables->setRows(rows);
    m_auth->setAuth(collection.auth);
    m_problem->setObjectName(QStringLiteral("collectionSettingsProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QLatin1String(StatusStyle::Problem));
    m_problem->hide();

    auto *general = new QWidget(this);
    auto *form = new QFormLayout(general);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Description:"), m_description);
    auto *variablesPage = new QWidget(this);
    auto *variablesLayout = new QVBoxLayout(variablesPage);
    auto *note = new QLabel(tr("Used as {{name}} by every request of the collection; an environment's variables "
                               "override them, the Variables tab overrides both."),
                            variablesPage);
    note->setWordWrap(true);
    variablesLayout->addWidget(note);
    variablesLayout->addWidget(m_variables, 1);
    if (!secrets.isEmpty()) {
        auto *secretNote = new QLabel(tr("Secret variables (kept by name; values come from an environment): %1")
                                          .arg(secrets.join(QStringLiteral(", "))),
                                      variablesPage);
        secretNote->setWordWrap(true);
        variablesLayout->addWidget(secretNote);
    }
    auto *authPage = new QWidget(this);
    auto *authLayout = new QVBoxLayout(authPage);
    auto *authNote = new QLabel(tr("Requests that inherit auth are sent with this. Secrets must be {{variables}}: "
                                   "collection files never hold them in clear."),
                                authPage);
    authNote->setWordWrap(true);
    authLayout->addWidget(authNote);
    authLayout->addWidget(m_auth, 1);
    auto *tabs = new QTabWidget(this);
    tabs->addTab(general, tr("General"));
    tabs->addTab(variablesPage, tr("Variables"));
    tabs->addTab(authPage, tr("Auth"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &CollectionSettingsDialog::saveRequested);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs, 1);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
}

Core::Collection::Collection CollectionSettingsDialog::edited() const
{
    Core::Collection::Collection collection = m_collection;
    collection.name = m_name->text().trimmed().isEmpty() ? m_collection.name : m_name->text().trimmed();
    collection.description = m_description->toPlainText();
    QList<Core::EnvironmentVariable> variables;
    for (const Core::HeaderEntry &row : m_variables->rows()) {
        if (!row.name.trimmed().isEmpty())
            variables.append({row.name.trimmed(), row.value, row.enabled, false});
    }
    for (const Core::EnvironmentVariable &variable : m_collection.variables) {
        if (variable.secret)
            variables.append(variable);
    }
    collection.variables = variables;
    collection.auth = m_auth->auth();
    return collection;
}

void CollectionSettingsDialog::showProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

} // namespace Gatehouse::Ui
