#pragma once

#include "core/aws/lambdaclient.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QTableWidget;

namespace Gatehouse::Ui {

// Two versions' configuration side by side, rows that differ marked, environment values
// hidden until asked.
class VersionCompareDialog : public QDialog
{
    Q_OBJECT

public:
    VersionCompareDialog(const QList<Core::Aws::LambdaFunctionConfiguration> &versions, QWidget *parent = nullptr);

    void setPair(const QString &left, const QString &right);
    QTableWidget *table() const { return m_table; }
    QCheckBox *showValuesBox() const { return m_showValues; }
    // Names of the rows that differ, e.g. {"Description", "Code SHA-256"}.
    QStringList differences() const { return m_differences; }

private:
    void refresh();

    QList<Core::Aws::LambdaFunctionConfiguration> m_versions;
    QComboBox *m_left = nullptr;
    QComboBox *m_right = nullptr;
    QCheckBox *m_showValues = nullptr;
    QTableWidget *m_table = nullptr;
    QLabel *m_summary = nullptr;
    QStringList m_differences;
};

} // namespace Gatehouse::Ui
