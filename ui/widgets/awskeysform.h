#pragma once

#include "core/requestspec.h"

#include <QWidget>

class QComboBox;
class QLineEdit;

namespace Gatehouse::Ui {

// Where SigV4 keys come from, as one row: a profile of the shared AWS files (the SDK chain, as
// the request builder's "AWS profile") or temporary credentials typed here. Shared by the
// WebSocket console's presigned URLs and the GraphQL tab's AWS_IAM mode. The secrets stay in
// these fields: requestAuth() hands them to the caller, nothing saves them.
class AwsKeysForm : public QWidget
{
    Q_OBJECT

public:
    explicit AwsKeysForm(QWidget *parent = nullptr);

    QComboBox *credentialSource() const { return m_credentialSource; }
    QComboBox *profileCombo() const { return m_profile; }
    QLineEdit *accessKeyEdit() const { return m_accessKey; }
    QLineEdit *secretKeyEdit() const { return m_secretKey; }
    QLineEdit *sessionTokenEdit() const { return m_sessionToken; }

    // Re-reads the profiles of ~/.aws/config and credentials (AWS_CONFIG_FILE and
    // AWS_SHARED_CREDENTIALS_FILE when set); problems reading them become the tooltip.
    void reloadProfiles();
    // Typed keys chosen but the access key ID or secret access key is empty.
    bool typedKeysMissing() const;
    // A SigV4 RequestAuth for service and region (empty: from the host or the profile).
    Core::RequestAuth requestAuth(const QString &service, const QString &region) const;

private:
    void updateFields();

    QComboBox *m_credentialSource;
    QComboBox *m_profile;
    QLineEdit *m_accessKey;
    QLineEdit *m_secretKey;
    QLineEdit *m_sessionToken;
};

} // namespace Gatehouse::Ui
