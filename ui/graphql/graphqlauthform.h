#pragma once

#include "core/cognito/userpoolclient.h"
#include "core/graphql/graphqlauth.h"
#include "core/result.h"

#include <QHash>
#include <QPointer>
#include <QWidget>
#include <functional>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Gatehouse::Core {
class HttpClient;
class TokenStore;
namespace Aws {
class StsClient;
}
} // namespace Gatehouse::Core

namespace Gatehouse::Ui {

class AwsKeysForm;

// The GraphQL tab's authorization: AppSync's five modes (and none). API key and tokens are typed
// into masked fields; Cognito/OIDC can instead take a token from the auth debugger's token
// store (where Cognito sign-in and OAuth2 flows put them); AWS_IAM signs with a profile of the
// shared AWS files through the SDK chain or with typed temporary credentials, as the WebSocket
// console's SigV4 form does (the same AwsKeysForm). On an emulator API whose Cognito (or OIDC)
// tokens come from a lab user pool, "Sign in…" signs a user in right here (SRP, the Auth tab's
// Core::Cognito::UserPoolClient) and puts the tokens in the shared store. A line under the row
// says where the chosen mode's token comes from. Secrets live in these fields and in memory
// only: nothing here is saved (mode, profile and region are, by the tab), the password field
// is emptied once signed in.
class GraphQLAuthForm : public QWidget
{
    Q_OBJECT

public:
    explicit GraphQLAuthForm(QWidget *parent = nullptr);
    ~GraphQLAuthForm() override;

    // Tokens signed in elsewhere in the app (not owned); their labels are offered for
    // Cognito/OIDC/Lambda beside pasting one.
    void setTokenStore(Core::TokenStore *store);

    Core::GraphQL::AuthMode mode() const;
    void setMode(Core::GraphQL::AuthMode mode);
    QComboBox *modeBox() const { return m_mode; }
    QLineEdit *secretField() const { return m_secret; }
    QComboBox *tokenSource() const { return m_tokenSource; }
    AwsKeysForm *awsKeys() const { return m_keys; }
    QComboBox *credentialSource() const;
    QComboBox *profileCombo() const;
    QLineEdit *regionEdit() const { return m_region; }
    QLineEdit *accessKeyEdit() const;
    QLineEdit *secretKeyEdit() const;
    QLineEdit *sessionTokenEdit() const;
    QPushButton *signInButton() const { return m_signIn; }
    QLineEdit *userEdit() const { return m_user; }
    QLineEdit *passwordEdit() const { return m_password; }
    QPushButton *signInGoButton() const { return m_signInGo; }
    QLabel *noteLabel() const { return m_note; }

    // The lab user pool app client a sign-in uses (the emulator's API takes its tokens), on the
    // emulator at endpoint; issuer is the pool's, so OPENID_CONNECT can offer it too when it
    // trusts that issuer. An empty client offers no sign-in.
    void setLabSignIn(const Core::Cognito::AppClient &client, const QUrl &endpoint, const QString &poolName,
                      const QString &issuer);
    // The issuers the API's OPENID_CONNECT trusts, named under the row; empty: unknown.
    void setOidcIssuers(const QStringList &issuers);
    // Signs in with the typed user name and password (what "Sign in" in the form does).
    void signIn();

    // The Auth for a request to url: at once for keys and tokens, after looking up credentials
    // for IAM. An error says which field to fill in.
    void resolve(const QUrl &url, QObject *context, std::function<void(const Core::Result<Core::GraphQL::Auth> &)> done);

signals:
    void modeChanged();
    // A sign-in from the form ended: its tokens are chosen, or the note says why not.
    void signInFinished(bool ok);

private:
    void updateRows();
    void reloadTokens();
    void signInFinishedWith(const Core::Result<Core::Cognito::SignInOutcome> &outcome, const QString &user,
                            const Core::Cognito::AppClient &client);
    void showNote(const QString &text, bool error);
    void updateNote();
    bool signInOffered() const;

    QComboBox *m_mode;
    QComboBox *m_tokenSource;
    QLineEdit *m_secret;
    AwsKeysForm *m_keys;
    QLineEdit *m_region;
    QPushButton *m_signIn;
    QWidget *m_signInRow;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QPushButton *m_signInGo;
    QLabel *m_note;
    bool m_noteIsResult = false; // the note says how a sign-in went, not the mode's hint
    Core::GraphQL::AuthMode m_shownMode = Core::GraphQL::AuthMode::None;
    QHash<int, QString> m_typedSecrets; // the secret field's text per mode, never saved
    Core::Cognito::AppClient m_labClient;
    QUrl m_labEndpoint;
    QString m_labPoolName;
    QString m_labIssuer;
    QStringList m_oidcIssuers;
    Core::HttpClient *m_http = nullptr;
    Core::Cognito::UserPoolClient *m_pools = nullptr;
    Core::TokenStore *m_ownStore = nullptr; // when the tab was given none (tests, a bare tab)
    QPointer<Core::TokenStore> m_store;
    std::unique_ptr<Core::Aws::StsClient> m_sts;
};

} // namespace Gatehouse::Ui
