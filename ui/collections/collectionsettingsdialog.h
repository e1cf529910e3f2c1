#pragma once

#include "core/collection/collection.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace Gatehouse::Ui {

class AuthPanel;
class KeyValueTable;

// A collection's own settings as collection.json holds them: name, description, variables and
// the auth its inheriting requests are sent with (the request builder's AuthPanel). Secret
// variables keep their names only; their values come from an environment. What is typed stays
// in the dialog when saving is refused (a secret in clear, a broken collection.json).
class CollectionSettingsDialog : public QDialog
{
    Q_OBJECT

public:
    CollectionSettingsDialog(const Core::Collection::Collection &collection, QWidget *parent = nullptr);

    // The collection with the dialog's values (items untouched).
    Core::Collection::Collection edited() const;
    QLineEdit *nameField() const { return m_name; }
    KeyValueTable *variablesTable() const { return m_variables; }
    AuthPanel *authPanel() const { return m_auth; }
    QLabel *problemLabel() const { return m_problem; }
    void showProblem(const QString &text);

Q_SIGNALS:
    // OK was pressed; the panel saves and closes the dialog, or says why not.
    void saveRequested();

private:
    Core::Collection::Collection m_collection;
    QLineEdit *m_name;
    QPlainTextEdit *m_description;
    KeyValueTable *m_variables;
    AuthPanel *m_auth;
    QLabel *m_problem;
};

} // namespace Gatehouse::Ui
