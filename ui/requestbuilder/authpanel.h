#pragma once

#include "core/emulatorinfo.h"
#include "core/requestspec.h"
#include "core/target.h"

#include <QProcessEnvironment>

#include <functional>

#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace Gatehouse::Core {
class HttpClient;
}
namespace Gatehouse::Core::OAuth2 {
class TokenManager;
}

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

    // OAuth 2.0: tokens are fetched with client (the builder's, with its network settings) and
    // kept by the panel's TokenManager; environment gives the {{variables}} to resolve with.
    void setHttpClient(Core::HttpClient *client);
    void setEnvironmentProvider(std::function<Core::Environment()> environment);
    Core::OAuth2::TokenManager *tokenManager() const { return m_tokens; }
    // The emulator's lab pools, for the Cognito sign-in grant's "Lab pool" choice.
    void setEmulatorInfo(const Core::EmulatorInfo &info);
    // The OAuth 2.0 settings with {{variables}} substituted (an error names undefined ones).
    Core::Result<Core::OAuth2Settings> resolvedOAuth2() const;

Q_SIGNALS:
    void edited();
    // "View in Auth tab": the OAuth 2.0 token to open in the token inspector.
    void inspectTokenRequested(const QString &token);

private:
    QWidget *buildSigV4Page();
    QWidget *buildBearerPage();
    QWidget *buildBasicPage();
    QWidget *buildApiKeyPage();
    QWidget *buildOAuth2Page();
    QWidget *buildOAuth2TokenRow(QWidget *page);
    Core::OAuth2Settings oauth2Settings() const;
    void setOAuth2Settings(const Core::OAuth2Settings &settings);
    void updateOAuth2Rows();
    void updateTokenStatus();
    void getNewToken();
    void applyLabPool(int index);
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
    // OAuth 2.0 page, in the order of its rows
    QFormLayout *m_oauthForm = nullptr;
    QComboBox *m_grant = nullptr;
    QComboBox *m_labPool = nullptr;
    QLineEdit *m_userPoolId = nullptr;
    QLineEdit *m_cognitoEndpoint = nullptr;
    QLineEdit *m_tokenUrl = nullptr;
    QLineEdit *m_authorizeUrl = nullptr;
    QSpinBox *m_redirectPort = nullptr;
    QLineEdit *m_clientId = nullptr;
    QLineEdit *m_clientSecret = nullptr;
    QComboBox *m_clientAuth = nullptr;
    QLineEdit *m_scopes = nullptr;
    QLineEdit *m_audience = nullptr;
    QLineEdit *m_refreshToken = nullptr;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_password = nullptr;
    QCheckBox *m_srp = nullptr;
    QComboBox *m_tokenUse = nullptr;
    QComboBox *m_placement = nullptr;
    QLineEdit *m_headerPrefix = nullptr;
    QLineEdit *m_queryParameter = nullptr;
    QPushButton *m_getToken = nullptr;
    QPushButton *m_clearToken = nullptr;
    QPushButton *m_inspectToken = nullptr;
    QLabel *m_tokenStatus = nullptr;
    Core::OAuth2::TokenManager *m_tokens = nullptr;
    std::function<Core::Environment()> m_environment;
    QList<Core::EmulatorUserPoolInfo> m_labPools;
    QString m_emulatorBaseUrl;
    QString m_url;
    Core::Target m_target;
    QProcessEnvironment m_targetEnvironment = QProcessEnvironment::systemEnvironment();
    QString m_targetRegion; // the target's region, resolved when the target was set
    bool m_serviceEdited = false;
    bool m_regionEdited = false;
    bool m_regionFromTarget = false; // the region shown is the target's, not the URL's
};

} // namespace Gatehouse::Ui
