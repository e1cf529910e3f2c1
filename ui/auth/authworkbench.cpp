#include "authworkbench.h"

#include "tokeninspector.h"

#include "core/aws/cognitoidentityclient.h"
#include "core/httpclient.h"
#include "core/tokenstore.h"

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
      m_credentialsLabel(new QLabel(this))
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

    auto *signIn = new QGroupBox(tr("Sign in (hosted UI / OAuth2)"), this);
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
    tokensLayout->addLayout(tokenButtons);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(signIn);
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
    leftScroll->setMinimumWidth(360);
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
        const bool selected = m_store->find(selectedId()) != nullptr;
        for (QPushButton *button : {m_inspect, m_useAccess, m_useId, m_refresh, m_remove})
            button->setEnabled(selected);
    };
    connect(m_tokens->selectionModel(), &QItemSelectionModel::currentChanged, this, updateButtons);
    connect(m_store, &QAbstractItemModel::rowsRemoved, this, updateButtons);
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

} // namespace Gatehouse::Ui
