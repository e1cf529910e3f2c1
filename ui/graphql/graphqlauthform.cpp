#include "graphqlauthform.h"

#include "core/awsprofiles.h"
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
    , m_credentialSource(new QComboBox(this))
    , m_profile(new QComboBox(this))
    , m_region(new QLineEdit(this))
    , m_accessKey(new QLineEdit(this))
    , m_secretKey(new QLineEdit(this))
    , m_sessionToken(new QLineEdit(this))
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
    m_credentialSource->addItem(tr("AWS profile"), int(Core::AwsCredentialSource::Profile));
    m_credentialSource->addItem(tr("Temporary credentials"), int(Core::AwsCredentialSource::TemporaryCredentials));
    m_profile->setEditable(true);
    m_profile->setInsertPolicy(QComboBox::NoInsert);
    m_profile->lineEdit()->setPlaceholderText(tr("default chain"));
    m_profile->setMinimumContentsLength(10);
    m_region->setPlaceholderText(tr("Region (default: from the host)"));
    m_accessKey->setPlaceholderText(tr("Access key ID"));
    m_secretKey->setPlaceholderText(tr("Secret access key"));
    m_sessionToken->setPlaceholderText(tr("Session token"));
    for (QLineEdit *secret : {m_secretKey, m_sessionToken})
        secret->setEchoMode(QLineEdit::Password);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_mode);
    layout->addWidget(m_tokenSource);
    layout->addWidget(m_secret, 1);
    layout->addWidget(m_credentialSource);
    layout->addWidget(m_profile, 1);
    layout->addWidget(m_accessKey, 1);
    layout->addWidget(m_secretKey, 1);
    layout->addWidget(m_sessionToken, 1);
    layout->addWidget(m_region);

    reloadTokens();
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        // A profile added to the AWS files since the tab opened shows up when IAM is chosen.
        if (mode() == AuthMode::AwsIam)
            reloadProfiles();
        updateRows();
        emit modeChanged();
    });
    connect(m_credentialSource, &QComboBox::currentIndexChanged, this, &GraphQLAuthForm::updateRows);
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
    const bool typedKeys = m_credentialSource->currentData().toInt() == int(Core::AwsCredentialSource::TemporaryCredentials);
    m_tokenSource->setVisible(token && m_tokenSource->count() > 1);
    const bool stored = token && m_tokenSource->currentData().toInt() != 0;
    m_secret->setVisible(current == AuthMode::ApiKey || (token && !stored));
    m_secret->setPlaceholderText(current == AuthMode::ApiKey ? tr("API key")
                                 : current == AuthMode::AwsLambda ? tr("Authorization token")
                                                                   : tr("JWT (ID or access token)"));
    m_credentialSource->setVisible(iam);
    m_profile->setVisible(iam && !typedKeys);
    for (QLineEdit *edit : {m_accessKey, m_secretKey, m_sessionToken})
        edit->setVisible(iam && typedKeys);
    m_region->setVisible(iam);
}

void GraphQLAuthForm::reloadProfiles()
{
    const QString current = m_profile->currentText();
    m_profile->clear();
    QList<Core::Error> problems;
    for (const Core::AwsProfileInfo &profile : Core::listAwsProfiles(&problems))
        m_profile->addItem(profile.name);
    m_profile->setCurrentText(current);
    QStringList words;
    for (const Core::Error &problem : std::as_const(problems))
        words.append(problem.message);
    m_profile->setToolTip(words.join(QLatin1Char('\n')));
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
    Core::RequestAuth request;
    request.kind = Core::AuthKind::AwsSigV4;
    request.service = QStringLiteral("appsync");
    request.region = m_region->text().trimmed();
    request.source = Core::AwsCredentialSource(m_credentialSource->currentData().toInt());
    if (request.source == Core::AwsCredentialSource::Profile) {
        request.profile = m_profile->currentText().trimmed();
    } else {
        request.accessKeyId = m_accessKey->text().trimmed();
        request.secretAccessKey = m_secretKey->text().trimmed();
        request.sessionToken = m_sessionToken->text().trimmed();
        if (request.accessKeyId.isEmpty() || request.secretAccessKey.isEmpty()) {
            done(inputError(tr("Type the access key ID and the secret access key, or sign with a profile.")));
            return;
        }
        // Keys without a session token are long-term keys; the signer treats both alike.
        if (request.sessionToken.isEmpty())
            request.source = Core::AwsCredentialSource::AccessKeys;
    }
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
