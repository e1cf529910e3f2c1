#pragma once

#include "core/graphql/graphqlauth.h"
#include "core/result.h"

#include <QPointer>
#include <QWidget>
#include <functional>
#include <memory>

class QComboBox;
class QLineEdit;

namespace Gatehouse::Core {
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
// console's SigV4 form does (the same AwsKeysForm). Secrets live in these fields and in memory only: nothing here is
// saved (mode, profile and region are, by the tab).
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

    // The Auth for a request to url: at once for keys and tokens, after looking up credentials
    // for IAM. An error says which field to fill in.
    void resolve(const QUrl &url, QObject *context, std::function<void(const Core::Result<Core::GraphQL::Auth> &)> done);

signals:
    void modeChanged();

private:
    void updateRows();
    void reloadTokens();

    QComboBox *m_mode;
    QComboBox *m_tokenSource;
    QLineEdit *m_secret;
    AwsKeysForm *m_keys;
    QLineEdit *m_region;
    QPointer<Core::TokenStore> m_store;
    std::unique_ptr<Core::Aws::StsClient> m_sts;
};

} // namespace Gatehouse::Ui
