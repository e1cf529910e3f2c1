#include "graphqlauthform.h"

#include "ui/widgets/awskeysform.h"
#include "core/aws/requestauthorizer.h"
#include "core/aws/credentialsprovider.h"
#include "core/aws/stsclient.h"
#include "core/requestspec.h"
#include "core/tokenstore.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QProcessEnvironment>

namespace Gatehouse::Ui {

using namespace Core::GraphQL;

namespace {

Core::Error inputError(const QString &message)
{
    Core::Error error;
    error.code = Core::ErrorCode::InvalidArgument;
    error.message = message;
    return error;
}

} // namespace

GraphQLAuthForm::GraphQLAuthForm(QWidget *parent)
    : QWidget(parent)
    , m_mode(new QComboBox(this))
    , m_tokenSource(new QComboBox(this))
    , m_secret(new QLineEdit(this))
    , m_keys(new AwsKeysForm(this))
    , m_region(new QLineEdit(this))
{
    m_mode->addItem(tr("No auth"), int(AuthMode::None));
    m_mode->addItem(tr("API key"), int(AuthMode::ApiKey));
    m_mode->addItem(tr("Cognito user pools"), int(AuthMode::CognitoUserPools));
    m_mode->addItem(tr("OpenID Connect"), int(AuthMode::OpenIdConnect));
    m_mode->addItem(tr("AWS IAM"), int(AuthMode::AwsIam));
    m_mode->addItem(tr("Lambda authorizer"), int(AuthMode::AwsLambda));
    m_mode->setToolTip(tr("AppSync's authorization mode"));
    m_secret->setEchoMode(QLineEdit::Password); // a secret: not shown, never saved
    m_tokenSource->setToolTip(tr("Paste a token, or use one signed in on the Auth tab"));
    m_region->setPlaceholderText(tr("Region"));
    m_region->setToolTip(tr("The region to sign for; empty: from the AppSync host name or the profile"));
    m_region->setMinimumWidth(m_region->fontMetrics().horizontalAdvance(QStringLiteral("ap-southeast-2")) + 16);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_mode);
    layout->addWidget(m_tokenSource);
    layout->addWidget(m_secret, 1);
    layout->addWidget(m_keys, 3);
    layout->addWidget(m_region);

    reloadTokens();
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        // A profile added to the AWS files since the tab opened shows up when IAM is chosen.
        if (mode() == AuthMode::AwsIam)
            m_keys->reloadProfiles();
        updateRows();
        emit modeChanged();
    });
    connect(m_tokenSource, &QComboBox::currentIndexChanged, this, &GraphQLAuthForm::updateRows);
    updateRows();
}

GraphQLAuthForm::~GraphQLAuthForm() = default;

void GraphQLAuthForm::setTokenStore(Core::TokenStore *store)
{
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    if (store) {
        connect(store, &QAbstractItemModel::rowsInserted, this, &GraphQLAuthForm::reloadTokens);
        connect(store, &QAbstractItemModel::rowsRemoved, this, &GraphQLAuthForm::reloadTokens);
        connect(store, &QAbstractItemModel::modelReset, this, &GraphQLAuthForm::reloadTokens);
    }
    reloadTokens();
}

void GraphQLAuthForm::reloadTokens()
{
    const int current = m_tokenSource->currentData().toInt();
    const QSignalBlocker blocker(m_tokenSource);
    m_tokenSource->clear();
    m_tokenSource->addItem(tr("Pasted token"), 0);
    if (m_store) {
        for (int id : m_store->ids()) {
            if (const Core::TokenSet *set = m_store->find(id))
                m_tokenSource->addItem(set->label, id);
        }
    }
    m_tokenSource->setCurrentIndex(qMax(0, m_tokenSource->findData(current)));
    updateRows();
}

AuthMode GraphQLAuthForm::mode() const
{
    return AuthMode(m_mode->currentData().toInt());
}

void GraphQLAuthForm::setMode(AuthMode mode)
{
    m_mode->setCurrentIndex(qMax(0, m_mode->findData(int(mode))));
}

void GraphQLAuthForm::updateRows()
{
    const AuthMode current = mode();
    const bool iam = current == AuthMode::AwsIam;
    const bool token = current == AuthMode::CognitoUserPools || current == AuthMode::OpenIdConnect ||
                       current == AuthMode::AwsLambda;
    m_tokenSource->setVisible(token && m_tokenSource->count() > 1);
    const bool stored = token && m_tokenSource->currentData().toInt() != 0;
    m_secret->setVisible(current == AuthMode::ApiKey || (token && !stored));
    m_secret->setPlaceholderText(current == AuthMode::ApiKey ? tr("API key")
                                 : current == AuthMode::AwsLambda ? tr("Authorization token")
                                                                   : tr("JWT (ID or access token)"));
    m_keys->setVisible(iam);
    m_region->setVisible(iam);
}

QComboBox *GraphQLAuthForm::credentialSource() const
{
    return m_keys->credentialSource();
}

QComboBox *GraphQLAuthForm::profileCombo() const
{
    return m_keys->profileCombo();
}

QLineEdit *GraphQLAuthForm::accessKeyEdit() const
{
    return m_keys->accessKeyEdit();
}

QLineEdit *GraphQLAuthForm::secretKeyEdit() const
{
    return m_keys->secretKeyEdit();
}

QLineEdit *GraphQLAuthForm::sessionTokenEdit() const
{
    return m_keys->sessionTokenEdit();
}

void GraphQLAuthForm::resolve(const QUrl &url, QObject *context,
                              std::function<void(const Core::Result<Auth> &)> done)
{
    Auth auth;
    auth.mode = mode();
    switch (auth.mode) {
    case AuthMode::None:
        done(auth);
        return;
    case AuthMode::ApiKey:
        auth.apiKey = m_secret->text().trimmed();
        if (auth.apiKey.isEmpty())
            done(inputError(tr("Type the API key (AppSync: da2-…), or pick another auth mode.")));
        else
            done(auth);
        return;
    case AuthMode::CognitoUserPools:
    case AuthMode::OpenIdConnect:
    case AuthMode::AwsLambda: {
        const int id = m_tokenSource->currentData().toInt();
        const Core::TokenSet *set = id != 0 && m_store ? m_store->find(id) : nullptr;
        if (id != 0 && !set) {
            done(inputError(tr("The chosen token is gone; sign in again on the Auth tab or paste one.")));
            return;
        }
        // AppSync's Cognito mode reads the ID token's claims; an access token also passes.
        auth.token = set ? (set->idToken.isEmpty() ? set->accessToken : set->idToken) : m_secret->text().trimmed();
        if (auth.token.isEmpty())
            done(inputError(tr("Paste the token to send in Authorization, or sign in on the Auth tab.")));
        else
            done(auth);
        return;
    }
    case AuthMode::AwsIam:
        break;
    }
    if (m_keys->typedKeysMissing()) {
        done(inputError(tr("Type the access key ID and the secret access key, or sign with a profile.")));
        return;
    }
    const Core::RequestAuth request = m_keys->requestAuth(QStringLiteral("appsync"), m_region->text().trimmed());
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QUrl httpsUrl = url;
    httpsUrl.setScheme(QStringLiteral("https"));
    const auto scope = Core::Aws::signingScopeFor(httpsUrl, request, &environment);
    if (!scope) {
        done(inputError(scope.error().message + QLatin1Char(' ') + tr("Type the region.")));
        return;
    }
    auth.region = scope->region;
    if (!m_sts)
        m_sts = std::make_unique<Core::Aws::StsClient>();
    std::shared_ptr<Core::Aws::CredentialsProvider> provider =
        Core::Aws::makeCredentialsProvider(request, environment, m_sts.get());
    provider->resolve(context, [provider, auth, done](const Core::Result<Core::Aws::Credentials> &credentials) mutable {
        if (!credentials) {
            done(inputError(tr("No AWS credentials to sign with: %1").arg(credentials.error().message)));
            return;
        }
        auth.credentials = *credentials;
        done(auth);
    });
}

} // namespace Gatehouse::Ui
