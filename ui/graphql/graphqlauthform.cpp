#include "graphqlauthform.h"

#include "ui/widgets/awskeysform.h"
#include "core/aws/requestauthorizer.h"
#include "core/aws/credentialsprovider.h"
#include "core/aws/stsclient.h"
#include "core/httpclient.h"
#include "core/requestspec.h"
#include "core/tokenstore.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QVBoxLayout>

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
    , m_signIn(new QPushButton(tr("Sign in…"), this))
    , m_signInRow(new QWidget(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_signInGo(new QPushButton(tr("Sign in"), this))
    , m_note(new QLabel(this))
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

    m_signIn->setToolTip(tr("Sign a user of the lab's user pool in and use their ID token"));
    m_signIn->setCheckable(true);
    m_user->setPlaceholderText(tr("User name or e-mail"));
    m_password->setPlaceholderText(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password); // kept in this field only, emptied once signed in
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *row = new QHBoxLayout;
    row->addWidget(m_mode);
    row->addWidget(m_tokenSource);
    row->addWidget(m_secret, 1);
    row->addWidget(m_signIn);
    row->addWidget(m_keys, 3);
    row->addWidget(m_region);
    auto *signInLayout = new QHBoxLayout(m_signInRow);
    signInLayout->setContentsMargins(0, 0, 0, 0);
    signInLayout->addWidget(m_user, 1);
    signInLayout->addWidget(m_password, 1);
    signInLayout->addWidget(m_signInGo);
    m_signInRow->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(m_signInRow);
    layout->addWidget(m_note);

    reloadTokens();
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        // A profile added to the AWS files since the tab opened shows up when IAM is chosen.
        if (mode() == AuthMode::AwsIam)
            m_keys->reloadProfiles();
        // The field holds an API key in one mode and a token in the others: each mode keeps what
        // was typed for it (in memory), so a key is never sent as a token and comes back with its mode.
        m_typedSecrets.insert(int(m_shownMode), m_secret->text());
        m_shownMode = mode();
        m_secret->setText(m_typedSecrets.value(int(m_shownMode)));
        m_noteIsResult = false;
        updateRows();
        emit modeChanged();
    });
    connect(m_tokenSource, &QComboBox::currentIndexChanged, this, [this] {
        m_noteIsResult = false;
        updateRows();
    });
    connect(m_signIn, &QPushButton::toggled, this, [this](bool on) {
        m_signInRow->setVisible(on);
        if (on)
            (m_user->text().isEmpty() ? m_user : m_password)->setFocus();
    });
    connect(m_signInGo, &QPushButton::clicked, this, &GraphQLAuthForm::signIn);
    connect(m_password, &QLineEdit::returnPressed, this, &GraphQLAuthForm::signIn);
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
    const bool offered = signInOffered();
    m_signIn->setVisible(offered);
    if (!offered)
        m_signIn->setChecked(false);
    updateNote();
}

bool GraphQLAuthForm::signInOffered() const
{
    if (m_labClient.clientId.isEmpty())
        return false;
    switch (mode()) {
    case AuthMode::CognitoUserPools:
        return true;
    case AuthMode::OpenIdConnect:
        return !m_labIssuer.isEmpty() && m_oidcIssuers.contains(m_labIssuer);
    case AuthMode::None:
    case AuthMode::ApiKey:
    case AuthMode::AwsIam:
    case AuthMode::AwsLambda:
        return false;
    }
    return false;
}

void GraphQLAuthForm::showNote(const QString &text, bool error)
{
    m_note->setText(text);
    m_note->setStyleSheet(error ? QStringLiteral("color: #b91c1c") : QString());
    m_note->setVisible(!text.isEmpty());
}

// Where the chosen mode's token comes from, unless the note tells how a sign-in just went.
void GraphQLAuthForm::updateNote()
{
    if (m_noteIsResult)
        return;
    const bool stored = m_tokenSource->currentData().toInt() != 0;
    QString hint;
    switch (mode()) {
    case AuthMode::CognitoUserPools:
        if (stored)
            hint = tr("Sends the ID token of the chosen sign-in in Authorization.");
        else if (!m_labClient.clientId.isEmpty())
            hint = tr("Needs a token of the lab's user pool %1: press Sign in…, pick a sign-in from the Auth tab, or paste "
                      "an ID token.")
                       .arg(m_labPoolName);
        else
            hint = tr("Needs an ID (or access) token of the API's user pool: sign in on the Auth tab and pick it here, or "
                      "paste one.");
        break;
    case AuthMode::OpenIdConnect:
        if (stored)
            hint = tr("Sends the ID token of the chosen sign-in in Authorization; the API takes it only if it trusts its "
                      "issuer.");
        else if (!m_oidcIssuers.isEmpty())
            hint = tr("Needs an ID token issued by %1 (your OpenID provider signs it; the API checks issuer, signature "
                      "and expiry): get one from that provider, e.g. the Auth tab's OAuth2 sign-in, and pick or paste it.")
                       .arg(m_oidcIssuers.join(QStringLiteral(", ")));
        else
            hint = tr("Needs an ID token from the OpenID provider the API trusts (its issuer URL is in the API's "
                      "OPENID_CONNECT settings): get one there, e.g. with the Auth tab's OAuth2 sign-in, and pick or "
                      "paste it.");
        break;
    case AuthMode::None:
    case AuthMode::ApiKey:
    case AuthMode::AwsIam:
    case AuthMode::AwsLambda:
        break;
    }
    showNote(hint, false);
}

void GraphQLAuthForm::setLabSignIn(const Core::Cognito::AppClient &client, const QUrl &endpoint, const QString &poolName,
                                   const QString &issuer)
{
    m_labClient = client;
    m_labEndpoint = endpoint;
    m_labPoolName = poolName;
    m_labIssuer = issuer;
    m_signIn->setToolTip(client.clientId.isEmpty() ? QString()
                                                   : tr("Sign a user of the lab's user pool %1 in and use their ID token")
                                                         .arg(poolName));
    updateRows();
}

void GraphQLAuthForm::setOidcIssuers(const QStringList &issuers)
{
    m_oidcIssuers = issuers;
    updateRows();
}

void GraphQLAuthForm::signIn()
{
    const QString user = m_user->text().trimmed();
    if (m_labClient.clientId.isEmpty()) {
        m_noteIsResult = true;
        showNote(tr("No lab user pool to sign in to: pick the emulator's API beside the endpoint."), true);
        emit signInFinished(false);
        return;
    }
    if (user.isEmpty() || m_password->text().isEmpty()) {
        m_noteIsResult = true;
        showNote(tr("Type the user name (or e-mail) and the password to sign in to %1.").arg(m_labPoolName), true);
        (user.isEmpty() ? m_user : m_password)->setFocus();
        emit signInFinished(false);
        return;
    }
    if (!m_http)
        m_http = new Core::HttpClient(this);
    if (!m_pools)
        m_pools = new Core::Cognito::UserPoolClient(m_http, m_labEndpoint, this);
    m_pools->setEndpoint(m_labEndpoint);
    m_noteIsResult = true;
    showNote(tr("Signing %1 in to %2…").arg(user, m_labPoolName), false);
    m_signInGo->setEnabled(false);
    const Core::Cognito::AppClient client = m_labClient;
    // SRP, as Amplify signs in: the password itself never goes on the wire. An app client that
    // allows only USER_PASSWORD_AUTH (as the AWS CLI's initiate-auth uses) gets that instead.
    m_pools->signInWithSrp(client, user, m_password->text(), this,
                           [this, user, client](const Core::Result<Core::Cognito::SignInOutcome> &outcome) {
        if (!outcome && outcome.error().awsCode == QLatin1String("InvalidParameterException") &&
            outcome.error().message.contains(QLatin1String("USER_SRP_AUTH flow not enabled"))) {
            m_pools->signInWithPassword(client, user, m_password->text(), this,
                                        [this, user, client](const Core::Result<Core::Cognito::SignInOutcome> &again) {
                                            signInFinishedWith(again, user, client);
                                        });
            return;
        }
        signInFinishedWith(outcome, user, client);
    });
}

void GraphQLAuthForm::signInFinishedWith(const Core::Result<Core::Cognito::SignInOutcome> &outcome, const QString &user,
                                         const Core::Cognito::AppClient &client)
{
    m_signInGo->setEnabled(true);
    if (!outcome) {
        const QString hint = outcome.error().awsCode == QLatin1String("NotAuthorizedException")
                                 ? tr(" Check the user name and password and press Sign in again.")
                                 : QString();
        showNote(tr("Sign-in refused: %1").arg(outcome.error().message) + hint, true);
        emit signInFinished(false);
        return;
    }
    if (!outcome->signedIn()) {
        showNote(tr("Cognito asks for %1 before it gives tokens; answer it on the Auth tab's user pool sign-in.")
                     .arg(outcome->challengeName),
                 true);
        emit signInFinished(false);
        return;
    }
    if (!m_store) {
        m_ownStore = new Core::TokenStore(this);
        setTokenStore(m_ownStore);
    }
    Core::TokenSet set = outcome->tokens;
    set.label = tr("%1 @ %2 (%3)").arg(user, client.userPoolId, set.source);
    const int id = m_store->add(set);
    reloadTokens();
    m_tokenSource->setCurrentIndex(qMax(0, m_tokenSource->findData(id)));
    m_password->clear();
    m_signIn->setChecked(false);
    m_noteIsResult = true;
    showNote(tr("Signed in as %1: the ID token is sent in Authorization until %2 (also on the Auth tab).")
                 .arg(user, set.expiresAt.toLocalTime().toString(QStringLiteral("HH:mm"))),
             false);
    emit signInFinished(true);
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
