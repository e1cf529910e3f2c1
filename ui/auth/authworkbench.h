#pragma once

#include "core/aws/credentials.h"
#include "core/cognito/userpoolclient.h"
#include "core/emulatorinfo.h"
#include "core/oauth2/oauthflow.h"

#include <QHash>

#include <optional>

#include <QWidget>

class QCheckBox;
class QComboBox;
class QTabWidget;
class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace Gatehouse::Core {
class HttpClient;
class TokenStore;
} // namespace Gatehouse::Core

namespace Gatehouse::Ui {

class TokenInspector;

// The Auth tab: sign in (to a Cognito user pool with SRP or a password, with sign-up,
// confirmation and NEW_PASSWORD_REQUIRED; a hosted UI with PKCE through the browser; or
// client_credentials), a trace of every step, the tokens obtained in this run (kept in memory,
// refreshed before they expire, shown masked) and the token inspector. Any token goes to the
// request builder as Bearer with one click.
class AuthWorkbench : public QWidget
{
    Q_OBJECT

public:
    explicit AuthWorkbench(QWidget *parent = nullptr);
    ~AuthWorkbench() override;

    TokenInspector *inspector() const { return m_inspector; }
    Core::HttpClient *httpClient() const { return m_http; }
    // The lab's user pools of a running emulator, offered in the sign-in form; empty info: none.
    void setEmulatorInfo(const Core::EmulatorInfo &info);
    QComboBox *labPoolBox() const { return m_labPool; }
    QLineEdit *poolEndpointEdit() const { return m_poolEndpoint; }
    QLineEdit *userPoolIdEdit() const { return m_poolId; }
    QLineEdit *poolClientIdEdit() const { return m_poolClientId; }
    QLineEdit *poolClientSecretEdit() const { return m_poolClientSecret; }
    QLineEdit *usernameEdit() const { return m_username; }
    QLineEdit *passwordEdit() const { return m_password; }
    QComboBox *methodBox() const { return m_method; }
    QPushButton *signInButton() const { return m_signIn; }
    QPushButton *signUpButton() const { return m_signUp; }
    QLineEdit *codeEdit() const { return m_code; }
    QPushButton *confirmButton() const { return m_confirm; }
    QLineEdit *newPasswordEdit() const { return m_newPassword; }
    QPushButton *setNewPasswordButton() const { return m_setNewPassword; }
    QPushButton *signOutButton() const { return m_signOut; }
    QTabWidget *signInTabs() const { return m_signInTabs; }
    Core::TokenStore *tokenStore() const { return m_store; }
    QLineEdit *domainEdit() const { return m_domain; }
    QLineEdit *clientIdEdit() const { return m_clientId; }
    QLineEdit *clientSecretEdit() const { return m_clientSecret; }
    QLineEdit *scopesEdit() const { return m_scopes; }
    QSpinBox *redirectPortBox() const { return m_port; }
    QPushButton *browserSignInButton() const { return m_browserSignIn; }
    QPushButton *clientCredentialsButton() const { return m_clientCredentials; }
    QListWidget *trace() const { return m_trace; }
    QListView *tokenList() const { return m_tokens; }
    QPushButton *useAccessButton() const { return m_useAccess; }
    QPushButton *useIdButton() const { return m_useId; }
    QLineEdit *identityPoolEdit() const { return m_identityPool; }
    QLineEdit *userPoolEdit() const { return m_userPool; }
    QLineEdit *identityEndpointEdit() const { return m_identityEndpoint; }
    QPushButton *getCredentialsButton() const { return m_getCredentials; }
    QPushButton *useCredentialsButton() const { return m_useCredentials; }
    QLabel *credentialsLabel() const { return m_credentialsLabel; }
    Core::OAuth2::AuthorizationCodeFlow *codeFlow() const { return m_codeFlow; }
    // Where the browser would be sent; tests follow it instead of a browser.
    QUrl lastAuthorizeUrl() const { return m_lastAuthorizeUrl; }
    // When set, called instead of opening the system browser (tests).
    void setBrowserOpener(std::function<void(const QUrl &)> opener) { m_openBrowser = std::move(opener); }

signals:
    void useAsBearer(const QString &token);
    // "Sign requests with them": the identity pool's temporary credentials for SigV4.
    void useAwsCredentials(const Gatehouse::Core::Aws::Credentials &credentials, const QString &region);

private:
    // A user-pool sign-in in the token store: what refreshing and signing out need.
    struct PoolSignIn
    {
        Core::Cognito::AppClient app;
        QUrl endpoint;
        QString username; // as Cognito knows the user (USER_ID_FOR_SRP): SECRET_HASH needs it
    };

    QWidget *createUserPoolPage();
    Core::Result<Core::Cognito::AppClient> poolForm(bool needPassword);
    void signInToPool();
    void signUpToPool();
    void confirmSignUp();
    void setNewPassword();
    void poolSignInFinished(const Core::Result<Core::Cognito::SignInOutcome> &outcome, const Core::Cognito::AppClient &app);
    void signOutEverywhere();
    void setPoolBusy(bool busy);
    Core::Result<Core::OAuth2::ClientSettings> settings() const;
    void signInWithBrowser();
    void signInWithClientCredentials();
    void addTokens(const Core::Result<Core::OAuth2::Tokens> &tokens, const QString &source);
    void step(const QString &text, bool problem = false);
    void selectedTokens(bool access);
    void getIdentityCredentials();
    int selectedId() const;

    Core::HttpClient *m_http;
    Core::TokenStore *m_store;
    Core::OAuth2::AuthorizationCodeFlow *m_codeFlow;
    Core::OAuth2::ClientCredentialsFlow *m_credentialsFlow;
    TokenInspector *m_inspector;
    QLineEdit *m_domain;
    QLineEdit *m_clientId;
    QLineEdit *m_clientSecret;
    QLineEdit *m_scopes;
    QSpinBox *m_port;
    QPushButton *m_browserSignIn;
    QPushButton *m_clientCredentials;
    QListWidget *m_trace;
    QListView *m_tokens;
    QPushButton *m_inspect;
    QPushButton *m_useAccess;
    QPushButton *m_useId;
    QPushButton *m_refresh;
    QPushButton *m_remove;
    QLineEdit *m_identityPool;
    QLineEdit *m_userPool;
    QLineEdit *m_identityEndpoint;
    QPushButton *m_getCredentials;
    QPushButton *m_useCredentials;
    QLabel *m_credentialsLabel;
    std::optional<Core::Aws::Credentials> m_credentials;
    Core::Cognito::UserPoolClient *m_poolClient;
    QTabWidget *m_signInTabs;
    QComboBox *m_labPool;
    QLineEdit *m_poolEndpoint;
    QLineEdit *m_poolId;
    QLineEdit *m_poolClientId;
    QLineEdit *m_poolClientSecret;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QComboBox *m_method;
    QPushButton *m_signIn;
    QPushButton *m_signUp;
    QLineEdit *m_code;
    QPushButton *m_confirm;
    QLineEdit *m_newPassword;
    QPushButton *m_setNewPassword;
    QWidget *m_newPasswordRow;
    QPushButton *m_signOut;
    Core::EmulatorInfo m_emulator;
    std::optional<Core::Cognito::SignInOutcome> m_challenge; // NEW_PASSWORD_REQUIRED waiting for an answer
    Core::Cognito::AppClient m_challengeApp;
    QHash<QString, PoolSignIn> m_poolSignIns; // by token-set label
    QUrl m_lastAuthorizeUrl;
    std::function<void(const QUrl &)> m_openBrowser;
};

} // namespace Gatehouse::Ui
