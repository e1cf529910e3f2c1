#include "authworkbench.h"

#include "tokeninspector.h"

#include "core/aws/cognitoidentityclient.h"
#include "core/cognito/userpoolclient.h"
#include "core/httpclient.h"
#include "core/tokenstore.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTime>
#include <QVBoxLayout>

namespace Gatehouse::Ui {

using namespace Core::OAuth2;

AuthWorkbench::AuthWorkbench(QWidget *parent)
    : QWidget(parent),
      m_http(new Core::HttpClient(this)),
      m_store(new Core::TokenStore(this)),
      m_codeFlow(new AuthorizationCodeFlow(m_http, this)),
      m_credentialsFlow(new ClientCredentialsFlow(m_http, this)),
      m_inspector(new TokenInspector(this)),
      m_domain(new QLineEdit(this)),
      m_clientId(new QLineEdit(this)),
      m_clientSecret(new QLineEdit(this)),
      m_scopes(new QLineEdit(this)),
      m_port(new QSpinBox(this)),
      m_browserSignIn(new QPushButton(tr("Sign in with the browser"), this)),
      m_clientCredentials(new QPushButton(tr("Client credentials"), this)),
      m_trace(new QListWidget(this)),
      m_tokens(new QListView(this)),
      m_inspect(new QPushButton(tr("Inspect"), this)),
      m_useAccess(new QPushButton(tr("Access token as Bearer"), this)),
      m_useId(new QPushButton(tr("ID token as Bearer"), this)),
      m_refresh(new QPushButton(tr("Refresh now"), this)),
      m_remove(new QPushButton(tr("Forget"), this)),
      m_identityPool(new QLineEdit(this)),
      m_userPool(new QLineEdit(this)),
      m_identityEndpoint(new QLineEdit(this)),
      m_getCredentials(new QPushButton(tr("Get AWS credentials"), this)),
      m_useCredentials(new QPushButton(tr("Sign requests with them"), this)),
      m_credentialsLabel(new QLabel(this)),
      m_poolClient(new Core::Cognito::UserPoolClient(m_http, {}, this)),
      m_signInTabs(new QTabWidget(this)),
      m_labPool(new QComboBox(this)),
      m_poolEndpoint(new QLineEdit(this)),
      m_poolId(new QLineEdit(this)),
      m_poolClientId(new QLineEdit(this)),
      m_poolClientSecret(new QLineEdit(this)),
      m_username(new QLineEdit(this)),
      m_password(new QLineEdit(this)),
      m_method(new QComboBox(this)),
      m_signIn(new QPushButton(tr("Sign in"), this)),
      m_signUp(new QPushButton(tr("Sign up"), this)),
      m_code(new QLineEdit(this)),
      m_confirm(new QPushButton(tr("Confirm"), this)),
      m_newPassword(new QLineEdit(this)),
      m_setNewPassword(new QPushButton(tr("Set new password"), this)),
      m_newPasswordRow(nullptr),
      m_signOut(new QPushButton(tr("Sign out everywhere"), this))
{
    m_identityPool->setObjectName(QStringLiteral("identityPoolId"));
    m_identityPool->setPlaceholderText(tr("us-east-1:1a2b3c4d-…"));
    m_userPool->setObjectName(QStringLiteral("identityUserPool"));
    m_userPool->setPlaceholderText(tr("user pool id of the selected ID token, e.g. us-east-1_AbCdEf"));
    m_identityEndpoint->setObjectName(QStringLiteral("identityEndpoint"));
    m_identityEndpoint->setPlaceholderText(tr("empty: AWS; or the emulator's / LocalStack's URL"));
    m_getCredentials->setObjectName(QStringLiteral("getIdentityCredentials"));
    m_useCredentials->setObjectName(QStringLiteral("useIdentityCredentials"));
    m_useCredentials->setEnabled(false);
    m_credentialsLabel->setObjectName(QStringLiteral("identityCredentials"));
    m_credentialsLabel->setWordWrap(true);
    setObjectName(QStringLiteral("authWorkbench"));
    m_domain->setObjectName(QStringLiteral("hostedUiDomain"));
    m_domain->setPlaceholderText(tr("https://<prefix>.auth.<region>.amazoncognito.com"));
    m_clientId->setObjectName(QStringLiteral("oauthClientId"));
    m_clientSecret->setObjectName(QStringLiteral("oauthClientSecret"));
    m_clientSecret->setEchoMode(QLineEdit::Password);
    m_clientSecret->setPlaceholderText(tr("only for clients with a secret; kept in memory only"));
    m_scopes->setObjectName(QStringLiteral("oauthScopes"));
    m_scopes->setText(QStringLiteral("openid email"));
    m_port->setObjectName(QStringLiteral("redirectPort"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any free port"));
    m_port->setToolTip(tr("The app client must list http://127.0.0.1:<port>/callback as a callback URL; Cognito "
                          "compares it exactly, so pick the port it lists."));
    m_browserSignIn->setObjectName(QStringLiteral("browserSignIn"));
    m_clientCredentials->setObjectName(QStringLiteral("clientCredentials"));
    m_trace->setObjectName(QStringLiteral("signInTrace"));
    m_trace->setWordWrap(true);
    m_tokens->setObjectName(QStringLiteral("tokenList"));
    m_tokens->setModel(m_store);
    m_tokens->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_useAccess->setObjectName(QStringLiteral("useAccessAsBearer"));
    m_useId->setObjectName(QStringLiteral("useIdAsBearer"));

    auto *signIn = new QWidget(this);
    auto *form = new QFormLayout(signIn);
    form->addRow(tr("Domain:"), m_domain);
    form->addRow(tr("App client id:"), m_clientId);
    form->addRow(tr("Client secret:"), m_clientSecret);
    form->addRow(tr("Scopes:"), m_scopes);
    form->addRow(tr("Redirect port:"), m_port);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_browserSignIn);
    buttons->addWidget(m_clientCredentials);
    buttons->addStretch(1);
    form->addRow(buttons);

    auto *traceBox = new QGroupBox(tr("Trace"), this);
    (new QVBoxLayout(traceBox))->addWidget(m_trace);
    auto *tokensBox = new QGroupBox(tr("Tokens of this session (memory only)"), this);
    auto *tokensLayout = new QVBoxLayout(tokensBox);
    tokensLayout->addWidget(m_tokens);
    auto *tokenButtons = new QGridLayout;
    tokenButtons->addWidget(m_inspect, 0, 0);
    tokenButtons->addWidget(m_refresh, 0, 1);
    tokenButtons->addWidget(m_remove, 0, 2);
    tokenButtons->addWidget(m_useAccess, 1, 0, 1, 2);
    tokenButtons->addWidget(m_useId, 1, 2);
    tokenButtons->addWidget(m_signOut, 2, 0, 1, 3);
    tokensLayout->addLayout(tokenButtons);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_signInTabs->setObjectName(QStringLiteral("signInTabs"));
    m_signInTabs->addTab(createUserPoolPage(), tr("User pool"));
    m_signInTabs->addTab(signIn, tr("Hosted UI / OAuth2"));
    leftLayout->addWidget(m_signInTabs);
    leftLayout->addWidget(traceBox, 1);
    leftLayout->addWidget(tokensBox, 1);
    auto *identity = new QGroupBox(tr("Identity pool (federated identities)"), this);
    auto *identityForm = new QFormLayout(identity);
    identityForm->addRow(tr("Identity pool:"), m_identityPool);
    identityForm->addRow(tr("User pool:"), m_userPool);
    identityForm->addRow(tr("Endpoint:"), m_identityEndpoint);
    auto *identityButtons = new QHBoxLayout;
    identityButtons->addWidget(m_getCredentials);
    identityButtons->addWidget(m_useCredentials);
    identityButtons->addStretch(1);
    identityForm->addRow(identityButtons);
    identityForm->addRow(m_credentialsLabel);
    leftLayout->addWidget(identity);
    // The sign-in column scrolls, so the window keeps a small minimum height.
    auto *leftScroll = new QScrollArea(this);
    leftScroll->setWidget(left);
    leftScroll->setWidgetResizable(true);
    leftScroll->setFrameShape(QFrame::NoFrame);
    leftScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    leftScroll->setMinimumWidth(400);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(leftScroll);
    splitter->addWidget(m_inspector);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(splitter);

    connect(m_browserSignIn, &QPushButton::clicked, this, &AuthWorkbench::signInWithBrowser);
    connect(m_clientCredentials, &QPushButton::clicked, this, &AuthWorkbench::signInWithClientCredentials);
    connect(m_codeFlow, &AuthorizationCodeFlow::progress, this, [this](const QString &text) { step(text); });
    connect(m_codeFlow, &AuthorizationCodeFlow::finished, this,
            [this](const Core::Result<Tokens> &tokens) { addTokens(tokens, tr("hosted UI")); });
    connect(m_credentialsFlow, &ClientCredentialsFlow::finished, this,
            [this](const Core::Result<Tokens> &tokens) { addTokens(tokens, tr("client credentials")); });
    connect(m_inspect, &QPushButton::clicked, this, [this] { selectedTokens(true); });
    connect(m_getCredentials, &QPushButton::clicked, this, &AuthWorkbench::getIdentityCredentials);
    connect(m_useCredentials, &QPushButton::clicked, this, [this] {
        if (m_credentials)
            emit useAwsCredentials(*m_credentials, m_identityPool->text().section(QLatin1Char(':'), 0, 0).trimmed());
    });
    connect(m_useAccess, &QPushButton::clicked, this, [this] {
        if (const Core::TokenSet *set = m_store->find(selectedId()))
            emit useAsBearer(set->accessToken);
    });
    connect(m_useId, &QPushButton::clicked, this, [this] {
        if (const Core::TokenSet *set = m_store->find(selectedId()))
            emit useAsBearer(set->idToken);
    });
    connect(m_refresh, &QPushButton::clicked, this, [this] { m_store->refresh(selectedId()); });
    connect(m_remove, &QPushButton::clicked, this, [this] { m_store->remove(selectedId()); });
    connect(m_inspector, &TokenInspector::useAsBearer, this, &AuthWorkbench::useAsBearer);
    connect(m_store, &Core::TokenStore::refreshed, this, [this](int id) {
        if (const Core::TokenSet *set = m_store->find(id))
            step(tr("Refreshed the tokens of %1.").arg(set->label));
    });
    connect(m_store, &Core::TokenStore::refreshFailed, this,
            [this](int, const QString &reason) { step(tr("Refresh failed: %1").arg(reason), true); });
    // Hosted-UI sets renew at the token endpoint they came from.
    m_store->setRefresher([this](const Core::TokenSet &set, std::function<void(const Core::Result<Core::TokenSet> &)> done) {
        // User-pool sign-ins renew with REFRESH_TOKEN_AUTH at the pool they came from.
        if (const auto pool = m_poolSignIns.constFind(set.label); pool != m_poolSignIns.cend()) {
            m_poolClient->setEndpoint(pool->endpoint);
            m_poolClient->refresh(pool->app, set.refreshToken, pool->username, this, done);
            return;
        }
        const Core::Result<ClientSettings> s = settings();
        if (!s)
            return done(s.error());
        refreshTokens(m_http, *s, set.refreshToken, this, [done](const Core::Result<Tokens> &tokens) {
            if (!tokens)
                return done(tokens.error());
            Core::TokenSet next;
            next.idToken = tokens->idToken;
            next.accessToken = tokens->accessToken;
            next.refreshToken = tokens->refreshToken;
            next.obtainedAt = QDateTime::currentDateTimeUtc();
            next.expiresAt = next.obtainedAt.addSecs(tokens->expiresIn);
            next.source = QStringLiteral("refresh");
            done(next);
        });
    });
    const auto updateButtons = [this] {
        const Core::TokenSet *set = m_store->find(selectedId());
        for (QPushButton *button : {m_inspect, m_useAccess, m_useId, m_refresh, m_remove})
            button->setEnabled(set != nullptr);
        m_signOut->setEnabled(set && m_poolSignIns.contains(set->label));
    };
    connect(m_tokens->selectionModel(), &QItemSelectionModel::currentChanged, this, updateButtons);
    connect(m_store, &QAbstractItemModel::rowsRemoved, this, updateButtons);
    connect(m_store, &QAbstractItemModel::rowsInserted, this, updateButtons);
    updateButtons();
}

AuthWorkbench::~AuthWorkbench() = default;

Core::Result<ClientSettings> AuthWorkbench::settings() const
{
    QString domain = m_domain->text().trimmed();
    while (domain.endsWith(QLatin1Char('/')))
        domain.chop(1);
    if (domain.isEmpty())
        return Core::makeError(Core::ErrorCode::InvalidArgument,
                               tr("Give the hosted UI's domain, e.g. https://bakery.auth.us-east-1.amazoncognito.com."));
    if (!domain.contains(QLatin1String("://")))
        domain.prepend(QStringLiteral("https://"));
    ClientSettings s;
    s.authorizeEndpoint = QUrl(domain + QStringLiteral("/oauth2/authorize"));
    s.tokenEndpoint = QUrl(domain + QStringLiteral("/oauth2/token"));
    s.clientId = m_clientId->text().trimmed();
    s.clientSecret = m_clientSecret->text();
    s.scopes = m_scopes->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    s.redirectPort = quint16(m_port->value());
    return s;
}

void AuthWorkbench::step(const QString &text, bool problem)
{
    auto *item = new QListWidgetItem(QTime::currentTime().toString(QStringLiteral("HH:mm:ss  ")) + text, m_trace);
    if (problem)
        item->setForeground(QColor(0xc5, 0x22, 0x1f));
    m_trace->scrollToItem(item);
}

void AuthWorkbench::signInWithBrowser()
{
    const Core::Result<ClientSettings> s = settings();
    if (!s)
        return step(s.error().message, true);
    const Core::Result<QUrl> url = m_codeFlow->start(*s);
    if (!url)
        return step(url.error().message, true);
    m_lastAuthorizeUrl = *url;
    step(tr("Opening the sign-in page in the browser (PKCE S256, redirect to %1).").arg(m_codeFlow->redirectUri().toString()));
    if (m_openBrowser)
        m_openBrowser(*url);
    else if (!QDesktopServices::openUrl(*url))
        step(tr("Could not open a browser. Open this address yourself: %1").arg(url->toString()), true);
}

void AuthWorkbench::signInWithClientCredentials()
{
    const Core::Result<ClientSettings> s = settings();
    if (!s)
        return step(s.error().message, true);
    step(tr("Asking %1 for a token with client_credentials…").arg(s->tokenEndpoint.toString()));
    m_credentialsFlow->request(*s);
}

void AuthWorkbench::addTokens(const Core::Result<Tokens> &tokens, const QString &source)
{
    if (!tokens)
        return step(tokens.error().message, true);
    Core::TokenSet set;
    set.label = tr("%1 via %2").arg(m_clientId->text().trimmed(), source);
    set.idToken = tokens->idToken;
    set.accessToken = tokens->accessToken;
    set.refreshToken = tokens->refreshToken;
    set.obtainedAt = QDateTime::currentDateTimeUtc();
    set.expiresAt = set.obtainedAt.addSecs(tokens->expiresIn);
    set.source = source;
    const int id = m_store->add(set);
    step(tr("Tokens received (%1): %2%3%4; they expire in %5 min.")
             .arg(source, tokens->idToken.isEmpty() ? QString() : tr("ID, "), tr("access"),
                  tokens->refreshToken.isEmpty() ? QString() : tr(", refresh"))
             .arg((tokens->expiresIn + 59) / 60));
    const int row = int(m_store->ids().indexOf(id));
    m_tokens->setCurrentIndex(m_store->index(row));
    m_inspector->setToken(set.idToken.isEmpty() ? set.accessToken : set.idToken);
}

void AuthWorkbench::getIdentityCredentials()
{
    const QString pool = m_identityPool->text().trimmed();
    const QString region = pool.section(QLatin1Char(':'), 0, 0);
    Core::Aws::CognitoIdentityClient::Logins logins;
    // With a user pool, the selected sign-in's ID token is the login; without, the identity is
    // unauthenticated (the pool must allow guests).
    if (!m_userPool->text().trimmed().isEmpty()) {
        const Core::TokenSet *set = m_store->find(selectedId());
        if (!set || set->idToken.isEmpty())
            return step(tr("Select a sign-in with an ID token first: the identity pool takes the user pool's ID token as its login."), true);
        logins.insert(Core::Aws::CognitoIdentityClient::userPoolProvider(region, m_userPool->text().trimmed()), set->idToken);
    }
    auto *client = new Core::Aws::CognitoIdentityClient(m_http, region, QUrl(m_identityEndpoint->text().trimmed()), this);
    step(tr("GetId and GetCredentialsForIdentity at %1…").arg(client->endpoint().toString()));
    m_getCredentials->setEnabled(false);
    client->credentials(pool, logins, this, [this, client](const Core::Result<Core::Aws::Credentials> &credentials) {
        client->deleteLater();
        m_getCredentials->setEnabled(true);
        if (!credentials) {
            m_credentials.reset();
            m_useCredentials->setEnabled(false);
            m_credentialsLabel->clear();
            return step(credentials.error().message, true);
        }
        m_credentials = *credentials;
        m_useCredentials->setEnabled(true);
        // The key id identifies; the secret and session token stay out of sight.
        m_credentialsLabel->setText(tr("Temporary credentials %1 (secret hidden), valid until %2 UTC.")
                                        .arg(credentials->accessKeyId,
                                             credentials->expiration.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
        step(tr("The identity pool issued temporary credentials %1.").arg(credentials->accessKeyId));
    });
}

int AuthWorkbench::selectedId() const
{
    return m_store->idAt(m_tokens->currentIndex().row());
}

void AuthWorkbench::selectedTokens(bool access)
{
    if (const Core::TokenSet *set = m_store->find(selectedId()))
        m_inspector->setToken(access && !set->accessToken.isEmpty() ? set->accessToken : set->idToken);
}


QWidget *AuthWorkbench::createUserPoolPage()
{
    m_labPool->setObjectName(QStringLiteral("labUserPool"));
    m_labPool->setToolTip(tr("The user pools of the lab the emulator runs; choosing one fills in the form."));
    m_poolEndpoint->setObjectName(QStringLiteral("userPoolEndpoint"));
    m_poolEndpoint->setPlaceholderText(tr("empty: AWS; or the emulator's URL"));
    m_poolId->setObjectName(QStringLiteral("userPoolId"));
    m_poolId->setPlaceholderText(tr("us-east-1_AbCdEf123"));
    m_poolClientId->setObjectName(QStringLiteral("userPoolClientId"));
    m_poolClientSecret->setObjectName(QStringLiteral("userPoolClientSecret"));
    m_poolClientSecret->setEchoMode(QLineEdit::Password);
    m_poolClientSecret->setPlaceholderText(tr("only if the client has one"));
    m_username->setObjectName(QStringLiteral("poolUsername"));
    m_username->setPlaceholderText(tr("name or e-mail"));
    m_password->setObjectName(QStringLiteral("poolPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("memory only, never traced"));
    m_method->setObjectName(QStringLiteral("signInMethod"));
    m_method->addItem(tr("SRP (USER_SRP_AUTH)"), QStringLiteral("srp"));
    m_method->addItem(tr("Password (USER_PASSWORD_AUTH)"), QStringLiteral("password"));
    m_method->setItemData(0, tr("Secure Remote Password: the password itself never leaves this computer."),
                          Qt::ToolTipRole);
    m_method->setItemData(1, tr("The password goes to Cognito (over TLS on AWS); the app client must allow "
                                "ALLOW_USER_PASSWORD_AUTH."),
                          Qt::ToolTipRole);
    m_signIn->setObjectName(QStringLiteral("poolSignIn"));
    m_signIn->setDefault(true);
    m_signUp->setObjectName(QStringLiteral("poolSignUp"));
    m_signUp->setToolTip(tr("Create the user with this name and password (and the e-mail attribute when the name is "
                            "an e-mail address); Cognito sends a confirmation code."));
    m_code->setObjectName(QStringLiteral("confirmationCode"));
    m_code->setPlaceholderText(tr("6 digits, from the e-mail"));
    m_confirm->setObjectName(QStringLiteral("confirmSignUp"));
    m_newPassword->setObjectName(QStringLiteral("newPassword"));
    m_newPassword->setEchoMode(QLineEdit::Password);
    m_setNewPassword->setObjectName(QStringLiteral("setNewPassword"));
    m_signOut->setObjectName(QStringLiteral("globalSignOut"));
    m_signOut->setToolTip(tr("GlobalSignOut: Cognito revokes every refresh token of this user; access tokens "
                             "already issued stay valid until they expire, except at Cognito itself."));

    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    form->addRow(tr("Lab pool:"), m_labPool);
    form->addRow(tr("Endpoint:"), m_poolEndpoint);
    form->addRow(tr("User pool id:"), m_poolId);
    form->addRow(tr("App client id:"), m_poolClientId);
    form->addRow(tr("Client secret:"), m_poolClientSecret);
    form->addRow(tr("User:"), m_username);
    form->addRow(tr("Password:"), m_password);
    form->addRow(tr("Method:"), m_method);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_signIn);
    buttons->addWidget(m_signUp);
    buttons->addStretch(1);
    form->addRow(buttons);
    auto *confirmRow = new QHBoxLayout;
    confirmRow->addWidget(m_code, 1);
    confirmRow->addWidget(m_confirm);
    form->addRow(tr("Code:"), confirmRow);
    m_newPasswordRow = new QWidget(page);
    auto *newPasswordLayout = new QHBoxLayout(m_newPasswordRow);
    newPasswordLayout->setContentsMargins(0, 0, 0, 0);
    newPasswordLayout->addWidget(m_newPassword, 1);
    newPasswordLayout->addWidget(m_setNewPassword);
    form->addRow(tr("New password:"), m_newPasswordRow);
    form->setRowVisible(m_newPasswordRow, false);

    m_labPool->addItem(tr("(emulator not running)"));
    m_labPool->setEnabled(false);
    connect(m_labPool, &QComboBox::activated, this, [this](int index) {
        const QVariantList ids = m_labPool->itemData(index).toList();
        if (ids.size() != 2)
            return;
        for (const Core::EmulatorUserPoolInfo &pool : std::as_const(m_emulator.userPools)) {
            if (pool.poolId != ids.at(0).toString())
                continue;
            for (const Core::EmulatorAppClientInfo &client : pool.clients) {
                if (client.clientId != ids.at(1).toString())
                    continue;
                m_poolEndpoint->setText(m_emulator.baseUrl);
                m_poolId->setText(pool.poolId);
                m_poolClientId->setText(client.clientId);
                m_poolClientSecret->setText(client.clientSecret);
                // The emulator also serves the hosted UI's /oauth2 endpoints.
                m_domain->setText(m_emulator.baseUrl);
                m_clientId->setText(client.clientId);
                m_clientSecret->setText(client.clientSecret);
            }
        }
    });
    connect(m_signIn, &QPushButton::clicked, this, &AuthWorkbench::signInToPool);
    connect(m_password, &QLineEdit::returnPressed, this, &AuthWorkbench::signInToPool);
    connect(m_signUp, &QPushButton::clicked, this, &AuthWorkbench::signUpToPool);
    connect(m_confirm, &QPushButton::clicked, this, &AuthWorkbench::confirmSignUp);
    connect(m_setNewPassword, &QPushButton::clicked, this, &AuthWorkbench::setNewPassword);
    connect(m_signOut, &QPushButton::clicked, this, &AuthWorkbench::signOutEverywhere);
    connect(m_poolClient, &Core::Cognito::UserPoolClient::traced, this, [this](const Core::Cognito::TraceStep &s) {
        step(tr("%1 (%2 ms)\n    sent: %3\n    got: %4").arg(s.operation).arg(s.elapsedMs).arg(s.sent, s.received), !s.ok);
    });
    return page;
}

void AuthWorkbench::setEmulatorInfo(const Core::EmulatorInfo &info)
{
    m_emulator = info;
    m_labPool->clear();
    for (const Core::EmulatorUserPoolInfo &pool : info.userPools) {
        for (const Core::EmulatorAppClientInfo &client : pool.clients)
            m_labPool->addItem(tr("%1 / %2").arg(pool.name, client.name),
                               QVariantList{pool.poolId, client.clientId});
    }
    m_labPool->setEnabled(m_labPool->count() > 0);
    if (m_labPool->count() == 0) {
        m_labPool->addItem(info.baseUrl.isEmpty() ? tr("(emulator not running)") : tr("(no user pool in the lab)"));
        return;
    }
    // An empty form takes the first lab pool; typed ids are left alone.
    if (m_poolId->text().trimmed().isEmpty()) {
        m_labPool->setCurrentIndex(0);
        emit m_labPool->activated(0);
    }
}

Core::Result<Core::Cognito::AppClient> AuthWorkbench::poolForm(bool needPassword)
{
    const Core::Cognito::AppClient app{m_poolId->text().trimmed(), m_poolClientId->text().trimmed(),
                                       m_poolClientSecret->text()};
    if (const QString problem = Core::Cognito::UserPoolClient::checkAppClient(app); !problem.isEmpty())
        return Core::makeError(Core::ErrorCode::InvalidArgument, problem);
    if (m_username->text().trimmed().isEmpty())
        return Core::makeError(Core::ErrorCode::InvalidArgument, tr("Give the user's name (or e-mail, if the pool signs in by e-mail)."));
    if (needPassword && m_password->text().isEmpty())
        return Core::makeError(Core::ErrorCode::InvalidArgument, tr("Give the user's password."));
    const QString endpoint = m_poolEndpoint->text().trimmed();
    const QUrl url(endpoint);
    if (!endpoint.isEmpty()
        && (!url.isValid() || url.host().isEmpty()
            || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))))
        return Core::makeError(Core::ErrorCode::InvalidArgument,
                               tr("The endpoint '%1' is not an http(s) URL; leave it empty for AWS or give the "
                                  "emulator's, e.g. http://127.0.0.1:4577.")
                                   .arg(endpoint));
    m_poolClient->setEndpoint(url);
    return app;
}

void AuthWorkbench::setPoolBusy(bool busy)
{
    for (QPushButton *button : {m_signIn, m_signUp, m_confirm, m_setNewPassword})
        button->setEnabled(!busy);
}

void AuthWorkbench::signInToPool()
{
    const Core::Result<Core::Cognito::AppClient> app = poolForm(true);
    if (!app)
        return step(app.error().message, true);
    const bool srp = m_method->currentData().toString() == QLatin1String("srp");
    step(tr("Signing in %1 to %2 with %3…")
             .arg(m_username->text().trimmed(), app->userPoolId, srp ? tr("SRP") : tr("the password")));
    setPoolBusy(true);
    const Core::Cognito::AppClient chosen = *app;
    const auto finished = [this, chosen](const Core::Result<Core::Cognito::SignInOutcome> &outcome) {
        poolSignInFinished(outcome, chosen);
    };
    if (srp)
        m_poolClient->signInWithSrp(*app, m_username->text().trimmed(), m_password->text(), this, finished);
    else
        m_poolClient->signInWithPassword(*app, m_username->text().trimmed(), m_password->text(), this, finished);
}

void AuthWorkbench::poolSignInFinished(const Core::Result<Core::Cognito::SignInOutcome> &outcome,
                                       const Core::Cognito::AppClient &app)
{
    setPoolBusy(false);
    auto *form = qobject_cast<QFormLayout *>(m_newPasswordRow->parentWidget()->layout());
    if (!outcome) {
        QString hint;
        if (outcome.error().awsCode == QLatin1String("UserNotConfirmedException"))
            hint = tr(" Enter the code Cognito sent and press Confirm.");
        else if (outcome.error().awsCode == QLatin1String("NotAuthorizedException"))
            hint = tr(" Check the user name and password; for SRP also the pool id, which is part of the hash.");
        return step(outcome.error().message + hint, true);
    }
    if (!outcome->signedIn()) {
        if (outcome->challengeName == QLatin1String("NEW_PASSWORD_REQUIRED")) {
            m_challenge = *outcome;
            m_challengeApp = app;
            form->setRowVisible(m_newPasswordRow, true);
            m_newPassword->setFocus();
            return step(tr("Cognito asks for a new password (NEW_PASSWORD_REQUIRED): the user was created with a "
                           "temporary one. Choose a new password and press Set new password."));
        }
        return step(tr("Cognito asks for the challenge %1, which Gatehouse does not answer yet.").arg(outcome->challengeName),
                    true);
    }
    m_challenge.reset();
    form->setRowVisible(m_newPasswordRow, false);
    m_newPassword->clear();
    Core::TokenSet set = outcome->tokens;
    set.label = tr("%1 @ %2 (%3)").arg(m_username->text().trimmed(), app.userPoolId, set.source);
    m_poolSignIns.insert(set.label, {app, m_poolClient->endpoint(), outcome->username});
    const int id = m_store->add(set);
    step(tr("Signed in: ID, access and refresh tokens; they expire in %1 min and renew a minute before.")
             .arg((set.obtainedAt.secsTo(set.expiresAt) + 59) / 60));
    m_tokens->setCurrentIndex(m_store->index(int(m_store->ids().indexOf(id))));
    // The pool's own keys and rules, so the verdict shows at once: the emulator's issuer is its
    // URL, AWS's is cognito-idp.<region>.amazonaws.com.
    QString issuer = QStringLiteral("https://cognito-idp.%1.amazonaws.com/%2")
                         .arg(Core::Cognito::UserPoolClient::regionOfPool(app.userPoolId), app.userPoolId);
    for (const Core::EmulatorUserPoolInfo &pool : std::as_const(m_emulator.userPools)) {
        if (pool.poolId == app.userPoolId && m_poolClient->endpoint() == QUrl(m_emulator.baseUrl))
            issuer = pool.issuer;
    }
    m_inspector->setVerificationKeys(issuer + QStringLiteral("/.well-known/jwks.json"), issuer, app.clientId);
    m_inspector->setToken(set.idToken.isEmpty() ? set.accessToken : set.idToken);
    m_inspector->verify();
}

void AuthWorkbench::signUpToPool()
{
    const Core::Result<Core::Cognito::AppClient> app = poolForm(true);
    if (!app)
        return step(app.error().message, true);
    const QString user = m_username->text().trimmed();
    Core::Cognito::UserPoolClient::Attributes attributes;
    if (user.contains(QLatin1Char('@')))
        attributes.insert(QStringLiteral("email"), user);
    setPoolBusy(true);
    m_poolClient->signUp(*app, user, m_password->text(), attributes, this,
                         [this, user, app = *app](const Core::Result<Core::Cognito::SignUpOutcome> &outcome) {
                             setPoolBusy(false);
                             if (!outcome)
                                 return step(outcome.error().message, true);
                             if (outcome->confirmed)
                                 return step(tr("%1 is signed up and confirmed; sign in now.").arg(user));
                             QString sent = tr("Cognito sent a confirmation code by %1 to %2.")
                                                .arg(outcome->deliveryMedium.toLower(), outcome->deliveryDestination);
                             // The emulator sends no mail; its log has the code, and so does this trace.
                             if (!m_emulator.baseUrl.isEmpty() && m_poolClient->endpoint() == QUrl(m_emulator.baseUrl))
                                 sent = tr("The emulator sends no mail: the confirmation code is in the emulator's log "
                                           "(the line 'confirmation code for user …').");
                             step(tr("%1 is signed up (sub %2). %3 Enter it under Code and press Confirm.")
                                      .arg(user, outcome->userSub, sent));
                             m_code->setFocus();
                         });
}

void AuthWorkbench::confirmSignUp()
{
    const Core::Result<Core::Cognito::AppClient> app = poolForm(false);
    if (!app)
        return step(app.error().message, true);
    if (m_code->text().trimmed().isEmpty())
        return step(tr("Enter the confirmation code first."), true);
    const QString user = m_username->text().trimmed();
    setPoolBusy(true);
    m_poolClient->confirmSignUp(*app, user, m_code->text(), this, [this, user](const Core::Result<void> &result) {
        setPoolBusy(false);
        if (!result)
            return step(result.error().message, true);
        m_code->clear();
        step(tr("%1 is confirmed; sign in now.").arg(user));
    });
}

void AuthWorkbench::setNewPassword()
{
    if (!m_challenge)
        return step(tr("No sign-in is waiting for a new password; sign in first."), true);
    if (m_newPassword->text().isEmpty())
        return step(tr("Type the new password first."), true);
    setPoolBusy(true);
    const Core::Cognito::AppClient app = m_challengeApp;
    m_poolClient->setNewPassword(app, *m_challenge, m_newPassword->text(), this,
                                 [this, app](const Core::Result<Core::Cognito::SignInOutcome> &outcome) {
                                     if (outcome && outcome->signedIn())
                                         m_password->setText(m_newPassword->text());
                                     poolSignInFinished(outcome, app);
                                 });
}

void AuthWorkbench::signOutEverywhere()
{
    const Core::TokenSet *set = m_store->find(selectedId());
    if (!set || !m_poolSignIns.contains(set->label))
        return;
    const PoolSignIn pool = m_poolSignIns.value(set->label);
    const QString label = set->label;
    m_poolClient->setEndpoint(pool.endpoint);
    m_poolClient->globalSignOut(pool.app.userPoolId, set->accessToken, this, [this, label](const Core::Result<void> &result) {
        if (!result)
            return step(result.error().message, true);
        step(tr("Signed %1 out everywhere: Cognito revoked the refresh tokens. The tokens stay in the list for "
                "inspection; refreshing them now fails.")
                 .arg(label));
    });
}

} // namespace Gatehouse::Ui
