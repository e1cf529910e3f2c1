#include "authpanel.h"

#include "core/aws/serviceguess.h"
#include "core/awsprofiles.h"
#include "core/requestspec.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Gatehouse::Ui {

namespace {

const char *const HintStyle = "color: palette(mid);";

QLineEdit *makeField(QWidget *parent, const QString &name, const QString &placeholder, bool secret)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    if (secret)
        edit->setEchoMode(QLineEdit::Password);
    return edit;
}

} // namespace

AuthPanel::AuthPanel(QWidget *parent)
    : QWidget(parent),
      m_kind(new QComboBox(this)),
      m_pages(new QStackedWidget(this)),
      m_source(new QComboBox(this)),
      m_profile(new QComboBox(this)),
      m_targetSummary(new QLabel(this)),
      m_accessKey(makeField(this, QStringLiteral("accessKeyEdit"), tr("AKIA\u2026 or ASIA\u2026"), false)),
      m_secretKey(makeField(this, QStringLiteral("secretKeyEdit"), tr("kept in memory only, never saved"), true)),
      m_sessionToken(makeField(this, QStringLiteral("sessionTokenEdit"), tr("kept in memory only, never saved"), true)),
      m_showSecrets(new QCheckBox(tr("Show"), this)),
      m_service(makeField(this, QStringLiteral("serviceEdit"), tr("e.g. execute-api, lambda, appsync"), false)),
      m_region(makeField(this, QStringLiteral("regionEdit"), tr("e.g. us-east-1"), false)),
      m_serviceHint(new QLabel(this)),
      m_regionHint(new QLabel(this)),
      m_unsignedPayload(new QCheckBox(tr("Unsigned payload (sign UNSIGNED-PAYLOAD instead of the body's hash)"), this))
{
    m_kind->setObjectName(QStringLiteral("authKindCombo"));
    // In Core::AuthKind order: the index is the kind.
    m_kind->addItems({tr("No auth"), tr("AWS Signature V4"), tr("Bearer token"), tr("Basic auth"), tr("API key"),
                      tr("OAuth 2.0")});
    auto *none = new QLabel(tr("The request is sent without authentication. Choose AWS Signature V4 to sign it "
                               "with AWS credentials, for IAM-protected APIs, Lambda, AppSync or the emulator."),
                            this);
    none->setWordWrap(true);
    none->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    none->setStyleSheet(QLatin1String(HintStyle));
    m_pages->addWidget(none);
    // Each page scrolls rather than setting the request builder's minimum height: the OAuth 2.0
    // and SigV4 pages have many rows, and the window must still fit a small screen.
    const auto scrolled = [this](QWidget *page) {
        auto *area = new QScrollArea(this);
        area->setWidget(page);
        area->setWidgetResizable(true);
        area->setFrameShape(QFrame::NoFrame);
        return area;
    };
    m_pages->addWidget(scrolled(buildSigV4Page()));
    m_pages->addWidget(scrolled(buildBearerPage()));
    m_pages->addWidget(scrolled(buildBasicPage()));
    m_pages->addWidget(scrolled(buildApiKeyPage()));
    m_pages->addWidget(scrolled(buildOAuth2Page()));

    auto *kindRow = new QHBoxLayout;
    kindRow->addWidget(new QLabel(tr("Auth:"), this));
    kindRow->addWidget(m_kind);
    kindRow->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(8);
    layout->addLayout(kindRow);
    layout->addWidget(m_pages, 1);

    connect(m_kind, &QComboBox::currentIndexChanged, m_pages, &QStackedWidget::setCurrentIndex);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &AuthPanel::edited);
    updateCredentialRows();
    updateGuessLabels();
}

QWidget *AuthPanel::buildSigV4Page()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_form = form;
    form->setContentsMargins(0, 0, 0, 0);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_source->setObjectName(QStringLiteral("credentialSourceCombo"));
    // Items in the order of Core::AwsCredentialSource; the target is the default.
    m_source->addItems({tr("AWS profile"), tr("Access keys"), tr("Temporary credentials"),
                        tr("From the toolbar target")});
    m_source->setCurrentIndex(int(Core::AwsCredentialSource::Target));
    form->addRow(tr("Credentials:"), m_source);
    addCredentialsRows(page);

    m_serviceHint->setObjectName(QStringLiteral("serviceHint"));
    m_regionHint->setObjectName(QStringLiteral("regionHint"));
    for (QLabel *hint : {m_serviceHint, m_regionHint})
        hint->setStyleSheet(QLatin1String(HintStyle));
    auto *scope = new QHBoxLayout;
    scope->addWidget(m_service, 2);
    scope->addWidget(m_serviceHint);
    scope->addSpacing(12);
    scope->addWidget(new QLabel(tr("Region:"), page));
    scope->addWidget(m_region, 2);
    scope->addWidget(m_regionHint);
    form->addRow(tr("Service:"), scope);
    m_unsignedPayload->setObjectName(QStringLiteral("unsignedPayloadCheck"));
    form->addRow(QString(), m_unsignedPayload);

    connect(m_source, &QComboBox::currentIndexChanged, this, &AuthPanel::updateCredentialRows);
    connect(m_source, &QComboBox::currentIndexChanged, this, [this] { setUrl(m_url); });
    connect(m_source, &QComboBox::currentIndexChanged, this, &AuthPanel::edited);
    connect(m_service, &QLineEdit::textEdited, this, &AuthPanel::onServiceEdited);
    connect(m_region, &QLineEdit::textEdited, this, &AuthPanel::onRegionEdited);
    connect(m_unsignedPayload, &QCheckBox::toggled, this, &AuthPanel::edited);
    for (QLineEdit *edit : {m_accessKey, m_secretKey, m_sessionToken})
        connect(edit, &QLineEdit::textEdited, this, &AuthPanel::edited);
    return page;
}

void AuthPanel::addCredentialsRows(QWidget *page)
{
    m_profile->setObjectName(QStringLiteral("profileCombo"));
    m_profile->setEditable(true);
    m_profile->setInsertPolicy(QComboBox::NoInsert);
    m_profile->lineEdit()->setPlaceholderText(tr("default chain: AWS_* variables, AWS_PROFILE or default"));
    reloadProfiles();
    m_targetSummary->setObjectName(QStringLiteral("targetSummaryLabel"));
    m_targetSummary->setWordWrap(true);
    m_targetSummary->setToolTip(tr("Choose the target in the toolbar; the host's region wins when it names one"));
    m_form->addRow(tr("Signs with:"), m_targetSummary);
    setTarget(m_target, m_targetEnvironment);
    m_form->addRow(tr("Profile:"), m_profile);
    m_form->addRow(tr("Access key ID:"), m_accessKey);
    m_secretRow = new QWidget(page);
    auto *secretRow = new QHBoxLayout(m_secretRow);
    secretRow->setContentsMargins(0, 0, 0, 0);
    secretRow->addWidget(m_secretKey, 1);
    m_showSecrets->setObjectName(QStringLiteral("showSecretsCheck"));
    m_showSecrets->setToolTip(tr("Show the secret key and session token"));
    secretRow->addWidget(m_showSecrets);
    m_form->addRow(tr("Secret access key:"), m_secretRow);
    m_form->addRow(tr("Session token:"), m_sessionToken);
    connect(m_showSecrets, &QCheckBox::toggled, this, &AuthPanel::setSecretsVisible);
    connect(m_profile, &QComboBox::currentTextChanged, this, &AuthPanel::edited);
}

void AuthPanel::reloadProfiles()
{
    const QString current = m_profile->currentText();
    m_profile->clear();
    for (const Core::AwsProfileInfo &profile : Core::listAwsProfiles())
        m_profile->addItem(profile.name);
    m_profile->setCurrentText(current);
}

void AuthPanel::updateCredentialRows()
{
    const int source = m_source->currentIndex();
    const bool profile = source == int(Core::AwsCredentialSource::Profile);
    const bool target = source == int(Core::AwsCredentialSource::Target);
    m_form->setRowVisible(m_targetSummary, target);
    m_form->setRowVisible(m_profile, profile);
    m_form->setRowVisible(m_accessKey, !profile && !target);
    m_form->setRowVisible(m_secretRow, !profile && !target);
    m_form->setRowVisible(m_sessionToken, source == int(Core::AwsCredentialSource::TemporaryCredentials));
}

void AuthPanel::setTarget(const Core::Target &target, const QProcessEnvironment &env)
{
    m_target = target;
    m_targetEnvironment = env;
    // Resolving a profile's region reads the AWS files: once per target, not per keystroke.
    const Core::Result<QString> region = m_target.regionFor(m_targetEnvironment);
    m_targetRegion = region ? *region : QString();
    m_targetSummary->setText(targetSummary());
    setUrl(m_url);
}

QString AuthPanel::targetSummary() const
{
    return m_target.describeSigning(m_targetEnvironment);
}

void AuthPanel::setSecretsVisible(bool visible)
{
    for (QLineEdit *edit : {m_secretKey, m_sessionToken})
        edit->setEchoMode(visible ? QLineEdit::Normal : QLineEdit::Password);
}

void AuthPanel::setUrl(const QString &url)
{
    m_url = url;
    const Core::Aws::ServiceGuess guess = Core::Aws::guessService(QUrl(url.trimmed()));
    if (!m_serviceEdited)
        m_service->setText(guess.service);
    // The signer does the same: for the target source a loopback host names no region.
    const bool fromTarget = m_source->currentIndex() == int(Core::AwsCredentialSource::Target);
    m_regionFromTarget = fromTarget && (guess.region.isEmpty() || guess.emulator) && !m_targetRegion.isEmpty();
    if (!m_regionEdited)
        m_region->setText(m_regionFromTarget ? m_targetRegion : guess.region);
    updateGuessLabels();
}

void AuthPanel::onServiceEdited(const QString &text)
{
    m_serviceEdited = !text.trimmed().isEmpty(); // clearing the field returns to guessing
    if (!m_serviceEdited)
        setUrl(m_url);
    updateGuessLabels();
    Q_EMIT edited();
}

void AuthPanel::onRegionEdited(const QString &text)
{
    m_regionEdited = !text.trimmed().isEmpty();
    if (!m_regionEdited)
        setUrl(m_url);
    updateGuessLabels();
    Q_EMIT edited();
}

void AuthPanel::updateGuessLabels()
{
    const auto hint = [](bool edited, const QString &value) {
        if (edited)
            return QString();
        return value.isEmpty() ? tr("not guessed: type it") : tr("guessed");
    };
    m_serviceHint->setText(hint(m_serviceEdited, m_service->text()));
    m_regionHint->setText(m_regionFromTarget && !m_regionEdited ? tr("from the target")
                                                                 : hint(m_regionEdited, m_region->text()));
    m_serviceHint->setToolTip(tr("Guessed from the URL's host; type to override"));
    m_regionHint->setToolTip(m_serviceHint->toolTip());
}

Core::RequestAuth AuthPanel::auth() const
{
    Core::RequestAuth auth;
    auth.kind = static_cast<Core::AuthKind>(m_kind->currentIndex());
    auth.bearerToken = m_bearer->text().trimmed();
    auth.basicUsername = m_basicUser->text();
    auth.basicPassword = m_basicPassword->text();
    auth.apiKeyName = m_apiKeyName->text().trimmed();
    auth.apiKeyValue = m_apiKeyValue->text();
    auth.apiKeyLocation = static_cast<Core::ApiKeyLocation>(m_apiKeyLocation->currentIndex());
    auth.source = static_cast<Core::AwsCredentialSource>(m_source->currentIndex());
    auth.profile = m_profile->currentText().trimmed();
    auth.accessKeyId = m_accessKey->text().trimmed();
    auth.secretAccessKey = m_secretKey->text().trimmed();
    if (auth.source == Core::AwsCredentialSource::TemporaryCredentials)
        auth.sessionToken = m_sessionToken->text().trimmed();
    // Empty: guessed from the URL at send time, so the document follows URL edits.
    auth.service = m_serviceEdited ? m_service->text().trimmed() : QString();
    auth.region = m_regionEdited ? m_region->text().trimmed() : QString();
    auth.unsignedPayload = m_unsignedPayload->isChecked();
    auth.oauth2 = oauth2Settings();
    return auth;
}

void AuthPanel::setAuth(const Core::RequestAuth &auth)
{
    const QSignalBlocker blocker(this);
    m_kind->setCurrentIndex(int(auth.kind));
    m_bearer->setText(auth.bearerToken);
    m_basicUser->setText(auth.basicUsername);
    m_basicPassword->setText(auth.basicPassword);
    m_apiKeyName->setText(auth.apiKeyName);
    m_apiKeyValue->setText(auth.apiKeyValue);
    m_apiKeyLocation->setCurrentIndex(int(auth.apiKeyLocation));
    m_source->setCurrentIndex(int(auth.source));
    m_profile->setCurrentText(auth.profile);
    m_accessKey->setText(auth.accessKeyId);
    m_secretKey->setText(auth.secretAccessKey);
    m_sessionToken->setText(auth.sessionToken);
    m_unsignedPayload->setChecked(auth.unsignedPayload);
    m_serviceEdited = !auth.service.isEmpty();
    m_regionEdited = !auth.region.isEmpty();
    m_service->setText(auth.service);
    m_region->setText(auth.region);
    setOAuth2Settings(auth.oauth2);
    setUrl(m_url);
}

QString AuthPanel::summary() const
{
    switch (static_cast<Core::AuthKind>(m_kind->currentIndex())) {
    case Core::AuthKind::AwsSigV4: return tr("SigV4");
    case Core::AuthKind::Bearer: return tr("Bearer");
    case Core::AuthKind::Basic: return tr("Basic");
    case Core::AuthKind::ApiKey: return tr("API key");
    case Core::AuthKind::OAuth2: return tr("OAuth 2.0");
    case Core::AuthKind::None: break;
    }
    return {};
}

QWidget *AuthPanel::buildBearerPage()
{
    auto *page = new QWidget(this);
    m_bearer = makeField(page, QStringLiteral("bearerTokenEdit"), tr("kept in memory only, never saved"), true);
    m_bearer->setMaxLength(128 * 1024);
    m_showBearer = new QCheckBox(tr("Show"), page);
    m_showBearer->setObjectName(QStringLiteral("showBearerToken"));
    auto *hint = new QLabel(tr("Sent as \"Authorization: Bearer <token>\". {{variables}} work here. Tokens come from "
                               "anywhere: pasted, or \"Use as Bearer token\" in the Auth tool."),
                            page);
    hint->setWordWrap(true);
    hint->setStyleSheet(QLatin1String(HintStyle));
    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Token:"), page));
    row->addWidget(m_bearer, 1);
    row->addWidget(m_showBearer);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(hint);
    layout->addStretch(1);
    connect(m_bearer, &QLineEdit::textEdited, this, &AuthPanel::edited);
    connect(m_showBearer, &QCheckBox::toggled, this,
            [this](bool show) { m_bearer->setEchoMode(show ? QLineEdit::Normal : QLineEdit::Password); });
    return page;
}

QWidget *AuthPanel::buildBasicPage()
{
    auto *page = new QWidget(this);
    m_basicUser = makeField(page, QStringLiteral("basicUserEdit"), tr("user name"), false);
    m_basicPassword = makeField(page, QStringLiteral("basicPasswordEdit"),
                                tr("kept in memory only; a {{variable}} is saved as the reference"), true);
    auto *hint = new QLabel(tr("Sent as \"Authorization: Basic base64(user:password)\" (UTF-8). {{variables}} work "
                               "here; put the password in a secret variable to keep it out of saved requests."),
                            page);
    hint->setWordWrap(true);
    hint->setStyleSheet(QLatin1String(HintStyle));
    auto *form = new QFormLayout;
    form->addRow(tr("User:"), m_basicUser);
    form->addRow(tr("Password:"), m_basicPassword);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addStretch(1);
    for (QLineEdit *edit : {m_basicUser, m_basicPassword})
        connect(edit, &QLineEdit::textEdited, this, &AuthPanel::edited);
    return page;
}

QWidget *AuthPanel::buildApiKeyPage()
{
    auto *page = new QWidget(this);
    m_apiKeyName = makeField(page, QStringLiteral("apiKeyNameEdit"), tr("x-api-key"), false);
    m_apiKeyName->setText(QStringLiteral("x-api-key"));
    m_apiKeyValue = makeField(page, QStringLiteral("apiKeyValueEdit"),
                              tr("kept in memory only; a {{variable}} is saved as the reference"), true);
    m_apiKeyLocation = new QComboBox(page);
    m_apiKeyLocation->setObjectName(QStringLiteral("apiKeyLocationCombo"));
    m_apiKeyLocation->addItems({tr("Header"), tr("Query parameter")}); // Core::ApiKeyLocation order
    auto *hint = new QLabel(tr("API Gateway REST APIs read the key from the x-api-key header when a method requires "
                               "one (usage plans)."),
                            page);
    hint->setWordWrap(true);
    hint->setStyleSheet(QLatin1String(HintStyle));
    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_apiKeyName);
    form->addRow(tr("Value:"), m_apiKeyValue);
    form->addRow(tr("Add to:"), m_apiKeyLocation);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addStretch(1);
    for (QLineEdit *edit : {m_apiKeyName, m_apiKeyValue})
        connect(edit, &QLineEdit::textEdited, this, &AuthPanel::edited);
    connect(m_apiKeyLocation, &QComboBox::currentIndexChanged, this, &AuthPanel::edited);
    return page;
}

void AuthPanel::useBearerToken(const QString &token)
{
    m_bearer->setText(token.trimmed());
    m_kind->setCurrentIndex(2);
    emit edited();
}

} // namespace Gatehouse::Ui
