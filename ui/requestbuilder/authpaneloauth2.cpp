// The Auth tab's OAuth 2.0 page (declared in authpanel.h): Postman's grant types plus Cognito
// sign-in, and the token the panel's TokenManager holds for them. Tokens are never shown here,
// only where they came from and when they expire; "View in Auth tab" hands one to the inspector.
#include "authpanel.h"

#include "core/oauth2/tokenmanager.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace Gatehouse::Ui {

namespace {

QLineEdit *oauthField(QWidget *parent, const QString &name, const QString &placeholder, bool secret = false)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    if (secret) {
        edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        edit->setEchoMode(QLineEdit::Password);
    }
    return edit;
}

} // namespace

QWidget *AuthPanel::buildOAuth2Page()
{
    auto *page = new QWidget(this);
    m_oauthForm = new QFormLayout;
    m_oauthForm->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_oauthForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_grant = new QComboBox(page);
    m_grant->setObjectName(QStringLiteral("oauthGrantCombo"));
    // Core::OAuth2Grant order: the index is the grant.
    m_grant->addItems({tr("Authorization code (with PKCE)"), tr("Client credentials"), tr("Refresh token"),
                       tr("Cognito user pool sign-in")});
    m_grant->setCurrentIndex(int(Core::OAuth2Grant::ClientCredentials));
    m_labPool = new QComboBox(page);
    m_labPool->setObjectName(QStringLiteral("oauthLabPoolCombo"));
    m_labPool->addItem(tr("(emulator not running)"));
    m_labPool->setEnabled(false);
    m_userPoolId = oauthField(page, QStringLiteral("oauthUserPoolEdit"), tr("us-east-1_AbCdEf123"));
    m_cognitoEndpoint = oauthField(page, QStringLiteral("oauthCognitoEndpointEdit"),
                                   tr("empty: AWS in the pool's region; else e.g. the emulator's URL"));
    m_tokenUrl = oauthField(page, QStringLiteral("oauthTokenUrlEdit"), tr("https://<domain>/oauth2/token"));
    m_authorizeUrl = oauthField(page, QStringLiteral("oauthAuthorizeUrlEdit"), tr("https://<domain>/oauth2/authorize"));
    m_redirectPort = new QSpinBox(page);
    m_redirectPort->setObjectName(QStringLiteral("oauthRedirectPortSpin"));
    m_redirectPort->setRange(0, 65535);
    m_redirectPort->setSpecialValueText(tr("any free port"));
    m_redirectPort->setToolTip(tr("The browser returns to http://127.0.0.1:<port>/callback; the app client must "
                                  "allow that callback URL"));
    m_clientId = oauthField(page, QStringLiteral("oauthClientIdEdit"), tr("app client id"));
    m_clientSecret = oauthField(page, QStringLiteral("oauthClientSecretEdit"),
                                tr("kept in memory only; a {{variable}} is saved as the reference"), true);
    m_clientAuth = new QComboBox(page);
    m_clientAuth->setObjectName(QStringLiteral("oauthClientAuthCombo"));
    m_clientAuth->addItems({tr("As Basic auth header"), tr("In the request body")}); // Core::OAuth2ClientAuth order
    m_scopes = oauthField(page, QStringLiteral("oauthScopesEdit"), tr("space-separated, e.g. openid bakery/orders.read"));
    m_audience = oauthField(page, QStringLiteral("oauthAudienceEdit"), tr("optional; some servers want one"));
    m_refreshToken = oauthField(page, QStringLiteral("oauthRefreshTokenEdit"),
                                tr("kept in memory only; a {{variable}} is saved as the reference"), true);
    m_username = oauthField(page, QStringLiteral("oauthUsernameEdit"), tr("user name or e-mail"));
    m_password = oauthField(page, QStringLiteral("oauthPasswordEdit"),
                            tr("kept in memory only; a {{variable}} is saved as the reference"), true);
    m_srp = new QCheckBox(tr("Sign in with SRP (the password never leaves this machine)"), page);
    m_srp->setObjectName(QStringLiteral("oauthSrpCheck"));
    m_srp->setChecked(true);
    m_tokenUse = new QComboBox(page);
    m_tokenUse->setObjectName(QStringLiteral("oauthTokenUseCombo"));
    m_tokenUse->addItems({tr("Access token"), tr("ID token")}); // Core::OAuth2TokenUse order
    m_placement = new QComboBox(page);
    m_placement->setObjectName(QStringLiteral("oauthPlacementCombo"));
    m_placement->addItems({tr("Authorization header"), tr("Query parameter")}); // Core::OAuth2Placement order
    m_headerPrefix = oauthField(page, QStringLiteral("oauthHeaderPrefixEdit"), tr("empty: the token alone"));
    m_headerPrefix->setText(QStringLiteral("Bearer"));
    m_queryParameter = oauthField(page, QStringLiteral("oauthQueryParameterEdit"), tr("access_token"));
    m_queryParameter->setText(QStringLiteral("access_token"));

    m_oauthForm->addRow(tr("Grant type:"), m_grant);
    m_oauthForm->addRow(tr("Lab pool:"), m_labPool);
    m_oauthForm->addRow(tr("User pool ID:"), m_userPoolId);
    m_oauthForm->addRow(tr("Cognito endpoint:"), m_cognitoEndpoint);
    m_oauthForm->addRow(tr("Token URL:"), m_tokenUrl);
    m_oauthForm->addRow(tr("Authorize URL:"), m_authorizeUrl);
    m_oauthForm->addRow(tr("Redirect port:"), m_redirectPort);
    m_oauthForm->addRow(tr("Client ID:"), m_clientId);
    m_oauthForm->addRow(tr("Client secret:"), m_clientSecret);
    m_oauthForm->addRow(tr("Client authentication:"), m_clientAuth);
    m_oauthForm->addRow(tr("Refresh token:"), m_refreshToken);
    m_oauthForm->addRow(tr("User:"), m_username);
    m_oauthForm->addRow(tr("Password:"), m_password);
    m_oauthForm->addRow(QString(), m_srp);
    m_oauthForm->addRow(tr("Scopes:"), m_scopes);
    m_oauthForm->addRow(tr("Audience:"), m_audience);
    m_oauthForm->addRow(tr("Send:"), m_tokenUse);
    m_oauthForm->addRow(tr("Add to:"), m_placement);
    m_oauthForm->addRow(tr("Header prefix:"), m_headerPrefix);
    m_oauthForm->addRow(tr("Parameter name:"), m_queryParameter);

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_oauthForm);
    layout->addWidget(buildOAuth2TokenRow(page));
    layout->addStretch(1);

    for (QLineEdit *edit : {m_userPoolId, m_cognitoEndpoint, m_tokenUrl, m_authorizeUrl, m_clientId, m_clientSecret,
                            m_scopes, m_audience, m_refreshToken, m_username, m_password, m_headerPrefix,
                            m_queryParameter}) {
        connect(edit, &QLineEdit::textEdited, this, &AuthPanel::edited);
        connect(edit, &QLineEdit::textChanged, this, &AuthPanel::updateTokenStatus);
    }
    for (QComboBox *combo : {m_grant, m_clientAuth, m_tokenUse, m_placement}) {
        connect(combo, &QComboBox::currentIndexChanged, this, &AuthPanel::edited);
        connect(combo, &QComboBox::currentIndexChanged, this, &AuthPanel::updateOAuth2Rows);
    }
    connect(m_redirectPort, &QSpinBox::valueChanged, this, &AuthPanel::edited);
    connect(m_srp, &QCheckBox::toggled, this, &AuthPanel::edited);
    connect(m_labPool, &QComboBox::activated, this, &AuthPanel::applyLabPool);
    updateOAuth2Rows();
    return page;
}

QWidget *AuthPanel::buildOAuth2TokenRow(QWidget *page)
{
    auto *row = new QWidget(page);
    m_getToken = new QPushButton(tr("Get new token"), row);
    m_getToken->setObjectName(QStringLiteral("oauthGetTokenButton"));
    m_clearToken = new QPushButton(tr("Clear token"), row);
    m_clearToken->setObjectName(QStringLiteral("oauthClearTokenButton"));
    m_inspectToken = new QPushButton(tr("View in Auth tab"), row);
    m_inspectToken->setObjectName(QStringLiteral("oauthInspectTokenButton"));
    m_tokenStatus = new QLabel(row);
    m_tokenStatus->setObjectName(QStringLiteral("oauthTokenStatus"));
    m_tokenStatus->setWordWrap(true);
    m_tokenStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_getToken);
    buttons->addWidget(m_clearToken);
    buttons->addWidget(m_inspectToken);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(row);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_tokenStatus);
    connect(m_getToken, &QPushButton::clicked, this, &AuthPanel::getNewToken);
    // "in N min" counts down while the page is shown; an error stays until the next attempt.
    auto *tick = new QTimer(row);
    tick->setInterval(30 * 1000);
    connect(tick, &QTimer::timeout, this, [this] {
        if (m_tokenStatus->isVisible() && m_inspectToken->isEnabled())
            updateTokenStatus();
    });
    tick->start();
    connect(m_clearToken, &QPushButton::clicked, this, [this] {
        if (const Core::Result<Core::OAuth2Settings> settings = resolvedOAuth2(); settings && m_tokens)
            m_tokens->clear(*settings);
        updateTokenStatus();
    });
    connect(m_inspectToken, &QPushButton::clicked, this, [this] {
        const Core::Result<Core::OAuth2Settings> settings = resolvedOAuth2();
        if (!settings || !m_tokens)
            return;
        if (const std::optional<Core::OAuth2::CachedToken> token = m_tokens->cached(*settings))
            emit inspectTokenRequested(token->tokenFor(settings->tokenUse));
    });
    return row;
}

void AuthPanel::setHttpClient(Core::HttpClient *client)
{
    delete m_tokens;
    m_tokens = new Core::OAuth2::TokenManager(client, this);
    // The authorization-code grant signs in in the person's own browser.
    m_tokens->setBrowserOpener([](const QUrl &url) { QDesktopServices::openUrl(url); });
    connect(m_tokens, &Core::OAuth2::TokenManager::tokenChanged, this, &AuthPanel::updateTokenStatus);
    connect(m_tokens, &Core::OAuth2::TokenManager::progress, m_tokenStatus, &QLabel::setText);
    updateTokenStatus();
}

void AuthPanel::setEnvironmentProvider(std::function<Core::Environment()> environment)
{
    m_environment = std::move(environment);
}

Core::Result<Core::OAuth2Settings> AuthPanel::resolvedOAuth2() const
{
    return Core::resolveOAuth2Settings(oauth2Settings(), m_environment ? m_environment() : Core::Environment());
}

Core::OAuth2Settings AuthPanel::oauth2Settings() const
{
    Core::OAuth2Settings o;
    o.grant = static_cast<Core::OAuth2Grant>(m_grant->currentIndex());
    o.tokenUrl = m_tokenUrl->text().trimmed();
    o.authorizeUrl = m_authorizeUrl->text().trimmed();
    o.redirectPort = m_redirectPort->value();
    o.clientId = m_clientId->text().trimmed();
    o.clientSecret = m_clientSecret->text();
    o.clientAuth = static_cast<Core::OAuth2ClientAuth>(m_clientAuth->currentIndex());
    o.scopes = m_scopes->text().simplified();
    o.audience = m_audience->text().trimmed();
    o.refreshToken = m_refreshToken->text().trimmed();
    o.userPoolId = m_userPoolId->text().trimmed();
    o.cognitoEndpoint = m_cognitoEndpoint->text().trimmed();
    o.username = m_username->text().trimmed();
    o.password = m_password->text();
    o.srp = m_srp->isChecked();
    o.tokenUse = static_cast<Core::OAuth2TokenUse>(m_tokenUse->currentIndex());
    o.placement = static_cast<Core::OAuth2Placement>(m_placement->currentIndex());
    o.headerPrefix = m_headerPrefix->text().trimmed();
    o.queryParameter = m_queryParameter->text().trimmed();
    return o;
}

void AuthPanel::setOAuth2Settings(const Core::OAuth2Settings &o)
{
    m_grant->setCurrentIndex(int(o.grant));
    m_tokenUrl->setText(o.tokenUrl);
    m_authorizeUrl->setText(o.authorizeUrl);
    m_redirectPort->setValue(o.redirectPort);
    m_clientId->setText(o.clientId);
    m_clientSecret->setText(o.clientSecret);
    m_clientAuth->setCurrentIndex(int(o.clientAuth));
    m_scopes->setText(o.scopes);
    m_audience->setText(o.audience);
    m_refreshToken->setText(o.refreshToken);
    m_userPoolId->setText(o.userPoolId);
    m_cognitoEndpoint->setText(o.cognitoEndpoint);
    m_username->setText(o.username);
    m_password->setText(o.password);
    m_srp->setChecked(o.srp);
    m_tokenUse->setCurrentIndex(int(o.tokenUse));
    m_placement->setCurrentIndex(int(o.placement));
    m_headerPrefix->setText(o.headerPrefix);
    m_queryParameter->setText(o.queryParameter);
    updateOAuth2Rows();
}

void AuthPanel::updateOAuth2Rows()
{
    const auto grant = static_cast<Core::OAuth2Grant>(m_grant->currentIndex());
    const bool code = grant == Core::OAuth2Grant::AuthorizationCode;
    const bool refresh = grant == Core::OAuth2Grant::RefreshToken;
    const bool cognito = grant == Core::OAuth2Grant::CognitoSignIn;
    const bool header = m_placement->currentIndex() == int(Core::OAuth2Placement::Header);
    m_oauthForm->setRowVisible(m_labPool, cognito);
    m_oauthForm->setRowVisible(m_userPoolId, cognito);
    m_oauthForm->setRowVisible(m_cognitoEndpoint, cognito);
    m_oauthForm->setRowVisible(m_username, cognito);
    m_oauthForm->setRowVisible(m_password, cognito);
    m_oauthForm->setRowVisible(m_srp, cognito);
    m_oauthForm->setRowVisible(m_tokenUrl, !cognito);
    m_oauthForm->setRowVisible(m_clientAuth, !cognito);
    m_oauthForm->setRowVisible(m_scopes, !cognito);
    m_oauthForm->setRowVisible(m_audience, !cognito && !refresh);
    m_oauthForm->setRowVisible(m_authorizeUrl, code);
    m_oauthForm->setRowVisible(m_redirectPort, code);
    m_oauthForm->setRowVisible(m_refreshToken, refresh);
    m_oauthForm->setRowVisible(m_headerPrefix, header);
    m_oauthForm->setRowVisible(m_queryParameter, !header);
    m_clientSecret->setPlaceholderText(grant == Core::OAuth2Grant::ClientCredentials
                                           ? tr("required; a {{secret variable}} keeps it out of saved requests")
                                           : tr("only if the app client has one; kept in memory only"));
    updateTokenStatus();
}

void AuthPanel::setEmulatorInfo(const Core::EmulatorInfo &info)
{
    m_labPools = info.userPools;
    m_emulatorBaseUrl = info.baseUrl;
    m_labPool->clear();
    for (const Core::EmulatorUserPoolInfo &pool : info.userPools) {
        for (const Core::EmulatorAppClientInfo &client : pool.clients)
            m_labPool->addItem(tr("%1 / %2").arg(pool.name, client.name), QVariantList{pool.poolId, client.clientId});
    }
    m_labPool->setEnabled(m_labPool->count() > 0);
    if (m_labPool->count() == 0)
        m_labPool->addItem(info.baseUrl.isEmpty() ? tr("(emulator not running)") : tr("(no user pool in the lab)"));
}

// Like the Auth tab's User pool page: pool, client (and the lab client's secret, which is no
// one's secret) and the emulator's endpoint; the user and password stay the person's.
void AuthPanel::applyLabPool(int index)
{
    const QVariantList ids = m_labPool->itemData(index).toList();
    if (ids.size() != 2)
        return;
    for (const Core::EmulatorUserPoolInfo &pool : std::as_const(m_labPools)) {
        for (const Core::EmulatorAppClientInfo &client : pool.clients) {
            if (pool.poolId != ids.at(0).toString() || client.clientId != ids.at(1).toString())
                continue;
            m_userPoolId->setText(pool.poolId);
            m_clientId->setText(client.clientId);
            m_clientSecret->setText(client.clientSecret);
            m_cognitoEndpoint->setText(m_emulatorBaseUrl);
            emit edited();
            return;
        }
    }
}

void AuthPanel::getNewToken()
{
    const Core::Result<Core::OAuth2Settings> settings = resolvedOAuth2();
    if (!settings) {
        m_tokenStatus->setText(tr("Cannot get a token: %1 Define them in the Variables tab.").arg(settings.error().message));
        return;
    }
    if (!m_tokens)
        return;
    m_getToken->setEnabled(false);
    m_tokens->fetchNew(*settings, this, [this](const Core::Result<Core::OAuth2::CachedToken> &token) {
        m_getToken->setEnabled(true);
        if (!token) {
            m_tokenStatus->setText(tr("No token: %1").arg(token.error().message));
            return;
        }
        updateTokenStatus();
    });
}

void AuthPanel::updateTokenStatus()
{
    if (!m_tokenStatus)
        return;
    const Core::Result<Core::OAuth2Settings> settings = resolvedOAuth2();
    const std::optional<Core::OAuth2::CachedToken> token =
        settings && m_tokens ? m_tokens->cached(*settings) : std::nullopt;
    m_clearToken->setEnabled(token.has_value());
    m_inspectToken->setEnabled(token.has_value());
    if (!token) {
        m_tokenStatus->setText(tr("No token yet: one is fetched when the request is sent, or now with "
                                  "\"Get new token\"."));
        return;
    }
    const QString expiry =
        token->expiresAt.isValid()
            ? tr("expires %1 (in %2 min)")
                  .arg(QLocale().toString(token->expiresAt.toLocalTime().time(), QLocale::ShortFormat))
                  .arg(qMax<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(token->expiresAt) / 60))
            : tr("no expiry given");
    m_tokenStatus->setText(tr("Token from %1, %2%3. Renewed by itself before it expires.")
                               .arg(token->source, expiry,
                                    token->refreshToken.isEmpty() ? QString() : tr(", with a refresh token")));
}

} // namespace Gatehouse::Ui
