#pragma once

#include "core/aws/lambdaclient.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace Gatehouse::Ui {

// Creates or edits an alias: name, version, description and an optional share of traffic
// for one additional version. It does not call Lambda itself: it emits submitted() and stays
// open until the caller reports success, or shows the caller's error in words and keeps
// everything typed.
class AliasDialog : public QDialog
{
    Q_OBJECT

public:
    // existing null: a new alias.
    AliasDialog(const QStringList &versions, const Core::Aws::LambdaAliasConfiguration *existing,
                QWidget *parent = nullptr);

    bool isNew() const { return m_isNew; }
    QString aliasName() const;
    Core::Aws::LambdaAliasSpec spec() const;

    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *versionBox() const { return m_version; }
    QLineEdit *descriptionEdit() const { return m_description; }
    QCheckBox *routingBox() const { return m_routing; }
    QComboBox *additionalVersionBox() const { return m_additional; }
    QDoubleSpinBox *weightBox() const { return m_weight; }
    QLabel *errorLabel() const { return m_error; }

    void showError(const QString &message);
    void setBusy(bool busy);

signals:
    void submitted();

private:
    void updateState();

    bool m_isNew;
    QLineEdit *m_name = nullptr;
    QComboBox *m_version = nullptr;
    QLineEdit *m_description = nullptr;
    QCheckBox *m_routing = nullptr;
    QComboBox *m_additional = nullptr;
    QDoubleSpinBox *m_weight = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace Gatehouse::Ui
