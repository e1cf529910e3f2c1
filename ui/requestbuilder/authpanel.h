#pragma once

#include "core/requestspec.h"
#include "core/target.h"

#include <QProcessEnvironment>

#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QStackedWidget;

namespace Gatehouse::Ui {

// The request builder's Auth tab: no auth, or AWS Signature V4 with the toolbar target's
// credentials, a profile, typed keys or temporary credentials, and a service and region guessed from the URL until the person
// edits them. Secrets stay in these fields and in the RequestAuth handed out, nowhere else.
class AuthPanel : public QWidget
{
    Q_OBJECT

public:
    explicit AuthPanel(QWidget *parent = nullptr);

    Core::RequestAuth auth() const;
    void setAuth(const Core::RequestAuth &auth);
    // Re-guesses service and region from url unless the person set them.
    void setUrl(const QString &url);
    // Reloads the profiles of the shared AWS files.
    void reloadProfiles();
    // The toolbar target that source "From the toolbar target" signs with; env is what its
    // region and credentials are resolved in.
    void setTarget(const Core::Target &target, const QProcessEnvironment &env);
    Core::Target target() const { return m_target; }
    // In words what the target source means now, e.g. "Profile dev · eu-west-1".
    QString targetSummary() const;

    bool isServiceGuessed() const { return !m_serviceEdited; }
    bool isRegionGuessed() const { return !m_regionEdited; }
    QString summary() const; // for the tab title: "SigV4", "Bearer" or empty
    // Switches to Bearer auth with this token (e.g. from the token inspector).
    void useBearerToken(const QString &token);

Q_SIGNALS:
    void edited();

private:
    QWidget *buildSigV4Page();
    QWidget *buildBearerPage();
    QWidget *buildBasicPage();
    QWidget *buildApiKeyPage();
    void addCredentialsRows(QWidget *page);
    void updateCredentialRows();
    void updateGuessLabels();
    void onServiceEdited(const QString &text);
    void onRegionEdited(const QString &text);
    void setSecretsVisible(bool visible);

    QComboBox *m_kind;
    QStackedWidget *m_pages;
    QComboBox *m_source;
    QComboBox *m_profile;
    QLabel *m_targetSummary;
    QFormLayout *m_form = nullptr;
    QWidget *m_secretRow = nullptr;
    QLineEdit *m_accessKey;
    QLineEdit *m_secretKey;
    QLineEdit *m_sessionToken;
    QCheckBox *m_showSecrets;
    QLineEdit *m_service;
    QLineEdit *m_region;
    QLabel *m_serviceHint;
    QLabel *m_regionHint;
    QCheckBox *m_unsignedPayload;
    QLineEdit *m_bearer = nullptr;
    QCheckBox *m_showBearer = nullptr;
    QLineEdit *m_basicUser = nullptr;
    QLineEdit *m_basicPassword = nullptr;
    QLineEdit *m_apiKeyName = nullptr;
    QLineEdit *m_apiKeyValue = nullptr;
    QComboBox *m_apiKeyLocation = nullptr;
    QString m_url;
    Core::Target m_target;
    QProcessEnvironment m_targetEnvironment = QProcessEnvironment::systemEnvironment();
    QString m_targetRegion; // the target's region, resolved when the target was set
    bool m_serviceEdited = false;
    bool m_regionEdited = false;
    bool m_regionFromTarget = false; // the region shown is the target's, not the URL's
};

} // namespace Gatehouse::Ui
