#pragma once

#include "core/variables.h"

#include <QTableWidget>

namespace Gatehouse::Ui {

// The variables of one environment as a person edits them: enabled, key, value, secret. Secret
// values are drawn as dots and typed into a password field until "show" is switched on, so a
// screen share or a shoulder does not see them.
class EnvironmentTable : public QTableWidget
{
    Q_OBJECT

public:
    enum Column { EnabledColumn, KeyColumn, ValueColumn, SecretColumn };

    explicit EnvironmentTable(QWidget *parent = nullptr);

    void setVariables(const QList<Core::EnvironmentVariable> &variables);
    // Rows with neither key nor value are left out.
    QList<Core::EnvironmentVariable> variables() const;
    // Fills a secret value that arrived from the secret store, unless the row was typed over.
    void fillSecret(const QString &key, const QString &value);

    bool secretsShown() const { return m_secretsShown; }
    void setSecretsShown(bool shown);
    bool isMasked(int row) const;

    void addVariable();
    void removeSelectedVariables();

Q_SIGNALS:
    void edited();

private:
    void appendRow(const Core::EnvironmentVariable &variable);

    bool m_secretsShown = false;
    bool m_filling = false;
};

} // namespace Gatehouse::Ui
