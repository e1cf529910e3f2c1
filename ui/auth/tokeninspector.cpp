#include "tokeninspector.h"

#include "core/httpclient.h"
#include "core/jsonpretty.h"
#include "core/jwt/claimexplainer.h"
#include "core/jwt/jwkssource.h"
#include "core/jwt/jwterror.h"
#include "core/jwt/jwtverifier.h"
#include "ui/widgets/statusstyle.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace Gatehouse::Ui {

using namespace Core::Jwt;

namespace {

QTableWidget *memberTable(const QString &objectName, QWidget *parent)
{
    auto *table = new QTableWidget(0, 3, parent);
    table->setObjectName(objectName);
    table->setHorizontalHeaderLabels({TokenInspector::tr("Name"), TokenInspector::tr("Value"), TokenInspector::tr("Meaning")});
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Interactive);
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setWordWrap(true);
    return table;
}

void fill(QTableWidget *table, const QList<ClaimLine> &lines)
{
    table->setRowCount(int(lines.size()));
    for (int row = 0; row < lines.size(); ++row) {
        const ClaimLine &line = lines.at(row);
        const QStringList cells{line.name, line.value, line.meaning};
        for (int column = 0; column < 3; ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            item->setToolTip(cells.at(column));
            table->setItem(row, column, item);
        }
    }
    table->resizeColumnToContents(1);
    if (table->columnWidth(1) > 360)
        table->setColumnWidth(1, 360);
}

// Tokens as people paste them: whitespace and a "Bearer " prefix are dropped.
QByteArray cleaned(const QString &text)
{
    QByteArray token = text.trimmed().toUtf8();
    if (token.startsWith("Bearer ") || token.startsWith("bearer "))
        token = token.mid(7).trimmed();
    return token;
}

QString duration(qint64 seconds)
{
    if (seconds >= 2 * 86400)
        return TokenInspector::tr("%1 days %2 h").arg(seconds / 86400).arg((seconds % 86400) / 3600);
    if (seconds >= 3600)
        return TokenInspector::tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
    if (seconds >= 60)
        return TokenInspector::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return TokenInspector::tr("%1 s").arg(seconds);
}

} // namespace

TokenInspector::TokenInspector(QWidget *parent)
    : QWidget(parent),
      m_http(new Core::HttpClient(this)),
      m_tick(new QTimer(this))
{
    setObjectName(QStringLiteral("tokenInspector"));
    m_token = new QLineEdit(this);
    m_token->setObjectName(QStringLiteral("token"));
    m_token->setEchoMode(QLineEdit::Password); // a token is a credential: masked until asked
    m_token->setMaxLength(int(MaxTokenBytes) * 2);
    m_token->setPlaceholderText(tr("Paste a JWT (header.payload.signature); a \"Bearer \" prefix is fine"));
    m_showToken = new QCheckBox(tr("Show"), this);
    m_showToken->setObjectName(QStringLiteral("showToken"));
    m_useBearer = new QPushButton(tr("Use as Bearer token"), this);
    m_useBearer->setObjectName(QStringLiteral("useAsBearer"));
    m_useBearer->setToolTip(tr("Puts this token into the HTTP request builder's Auth tab and switches there."));
    m_useBearer->setEnabled(false);
    m_decodeStatus = new QLabel(this);
    m_decodeStatus->setObjectName(QStringLiteral("decodeStatus"));
    m_decodeStatus->setWordWrap(true);
    m_expiry = new QLabel(this);
    m_expiry->setObjectName(QStringLiteral("expiry"));
    m_header = memberTable(QStringLiteral("headerTable"), this);
    m_claims = memberTable(QStringLiteral("claimsTable"), this);

    m_source = new QComboBox(this);
    m_source->setObjectName(QStringLiteral("keySource"));
    m_source->addItem(tr("JWKS URL"), int(KeySource::JwksUrl));
    m_source->addItem(tr("Issuer's OIDC discovery"), int(KeySource::Discovery));
    m_source->addItem(tr("JWK, JWKS or PEM file"), int(KeySource::KeyFile));
    m_source->addItem(tr("Shared secret (HS256/384/512)"), int(KeySource::Secret));
    // Sized by a few words, not its longest entry: in German that entry alone pushed the window
    // past a 1280-pixel screen (the popup still shows every entry in full).
    m_source->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_source->setMinimumContentsLength(18);
    m_key = new QLineEdit(this);
    m_key->setObjectName(QStringLiteral("keyValue"));
    m_browse = new QPushButton(tr("Browse…"), this);
    m_issuer = new QLineEdit(this);
    m_issuer->setObjectName(QStringLiteral("expectedIssuer"));
    m_issuer->setPlaceholderText(tr("optional: iss must equal this"));
    m_audience = new QLineEdit(this);
    m_audience->setObjectName(QStringLiteral("expectedAudience"));
    m_audience->setPlaceholderText(tr("optional: aud (ID token) or client_id (access token)"));
    m_verify = new QPushButton(tr("Verify"), this);
    m_verify->setObjectName(QStringLiteral("verify"));
    m_verdict = new QLabel(this);
    m_verdict->setObjectName(QStringLiteral("verdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *tokenRow = new QHBoxLayout;
    tokenRow->addWidget(new QLabel(tr("Token:"), this));
    tokenRow->addWidget(m_token, 1);
    tokenRow->addWidget(m_showToken);
    tokenRow->addWidget(m_useBearer);

    auto *tables = new QSplitter(Qt::Vertical, this);
    auto *headerBox = new QGroupBox(tr("Header"), this);
    (new QVBoxLayout(headerBox))->addWidget(m_header);
    auto *claimsBox = new QGroupBox(tr("Payload (claims)"), this);
    (new QVBoxLayout(claimsBox))->addWidget(m_claims);
    tables->addWidget(headerBox);
    tables->addWidget(claimsBox);
    tables->setStretchFactor(0, 1);
    tables->setStretchFactor(1, 3);
    tables->setSizes({120, 360});

    auto *verifyBox = new QGroupBox(tr("Signature and claims"), this);
    auto *form = new QFormLayout(verifyBox);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(m_browse);
    form->addRow(tr("Keys from:"), m_source);
    form->addRow(tr("Key:"), keyRow);
    form->addRow(tr("Issuer:"), m_issuer);
    form->addRow(tr("Audience / client:"), m_audience);
    auto *verifyRow = new QHBoxLayout;
    verifyRow->addWidget(m_verify);
    verifyRow->addWidget(m_verdict, 1);
    form->addRow(verifyRow);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(tokenRow);
    layout->addWidget(m_decodeStatus);
    layout->addWidget(m_expiry);
    layout->addWidget(tables, 1);
    layout->addWidget(verifyBox);

    connect(m_token, &QLineEdit::textChanged, this, &TokenInspector::decode);
    connect(m_showToken, &QCheckBox::toggled, this,
            [this](bool show) { m_token->setEchoMode(show ? QLineEdit::Normal : QLineEdit::Password); });
    connect(m_source, &QComboBox::currentIndexChanged, this, &TokenInspector::updateKeyField);
    connect(m_verify, &QPushButton::clicked, this, &TokenInspector::verify);
    connect(m_useBearer, &QPushButton::clicked, this,
            [this] { emit useAsBearer(QString::fromUtf8(cleaned(m_token->text()))); });
    connect(m_key, &QLineEdit::returnPressed, this, &TokenInspector::verify);
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Key file"), QString(),
                                                          tr("Keys (*.json *.pem *.crt *.key);;All files (*)"));
        if (!path.isEmpty())
            m_key->setText(path);
    });
    connect(m_tick, &QTimer::timeout, this, &TokenInspector::updateExpiry);
    m_tick->start(1000);
    updateKeyField();
    decode();
}

TokenInspector::~TokenInspector() = default;

void TokenInspector::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
    decode();
}

QDateTime TokenInspector::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

void TokenInspector::setToken(const QString &token)
{
    m_token->setText(token);
}

QString TokenInspector::token() const
{
    return m_token->text();
}

void TokenInspector::updateKeyField()
{
    const auto source = KeySource(m_source->currentData().toInt());
    m_key->setEchoMode(source == KeySource::Secret ? QLineEdit::Password : QLineEdit::Normal);
    m_browse->setVisible(source == KeySource::KeyFile);
    switch (source) {
    case KeySource::JwksUrl:
        m_key->setPlaceholderText(tr("https://cognito-idp.<region>.amazonaws.com/<pool id>/.well-known/jwks.json"));
        break;
    case KeySource::Discovery:
        m_key->setPlaceholderText(tr("the issuer URL; empty: the token's iss"));
        break;
    case KeySource::KeyFile:
        m_key->setPlaceholderText(tr("path of a JWK, JWKS or PEM file"));
        break;
    case KeySource::Secret:
        m_key->setPlaceholderText(tr("the shared secret (kept in memory only)"));
        break;
    }
}

void TokenInspector::decode()
{
    m_jws.reset();
    m_exp.reset();
    m_verdict->clear();
    const QByteArray token = cleaned(m_token->text());
    m_useBearer->setEnabled(!token.isEmpty());
    if (token.isEmpty()) {
        m_decodeStatus->setText(tr("Paste a token to decode it. Nothing is sent anywhere until you click Verify."));
        m_decodeStatus->setStyleSheet(QString());
        m_header->setRowCount(0);
        m_claims->setRowCount(0);
        updateExpiry();
        return;
    }
    const Core::Result<Jws> jws = decodeCompact(token);
    if (!jws) {
        m_decodeStatus->setText(jws.error().message);
        m_decodeStatus->setStyleSheet(QLatin1String(StatusStyle::Problem));
        m_header->setRowCount(0);
        m_claims->setRowCount(0);
        updateExpiry();
        return;
    }
    m_jws = *jws;
    fill(m_header, explainHeader(jws->header.all));
    const Core::Result<Claims> claims = Claims::parse(jws->payload);
    if (claims) {
        fill(m_claims, explainClaims(claims->all, now()));
        m_exp = claims->exp;
        m_decodeStatus->setText(tr("%1 token, %2 bytes; the signature is not checked until you click Verify.")
                                    .arg(jws->header.alg)
                                    .arg(token.size()));
        m_decodeStatus->setStyleSheet(QString());
    } else {
        m_claims->setRowCount(0);
        m_decodeStatus->setText(tr("The header decodes, but the payload is not a JWT claims set: %1")
                                    .arg(claims.error().message));
        m_decodeStatus->setStyleSheet(QLatin1String(StatusStyle::Problem));
    }
    updateExpiry();
}

void TokenInspector::updateExpiry()
{
    if (!m_jws) {
        m_expiry->clear();
        return;
    }
    if (!m_exp) {
        m_expiry->setText(tr("No exp claim: this token never expires by itself."));
        m_expiry->setStyleSheet(QString());
        return;
    }
    const qint64 left = now().secsTo(QDateTime::fromSecsSinceEpoch(*m_exp, Qt::UTC));
    m_expiry->setText(left > 0 ? tr("Expires in %1").arg(duration(left)) : tr("Expired %1 ago").arg(duration(-left)));
    m_expiry->setStyleSheet(QLatin1String(left > 60 ? StatusStyle::Fine : StatusStyle::Problem));
}

void TokenInspector::showVerdict(const Core::Result<void> &outcome, const QString &detail)
{
    if (!outcome) {
        m_verdict->setText(tr("Invalid (%1): %2").arg(reasonName(reasonOf(outcome.error())), outcome.error().message));
        m_verdict->setStyleSheet(QLatin1String(StatusStyle::Problem));
        emit verified(false);
        return;
    }
    m_verdict->setText(detail);
    m_verdict->setStyleSheet(QLatin1String(StatusStyle::Fine));
    emit verified(true);
}

void TokenInspector::finishWithKey(const QByteArray &token, const Core::Result<Jwk> &key)
{
    m_verify->setEnabled(true);
    if (!key)
        return showVerdict(key.error(), {});
    ClaimRules rules;
    rules.requireExpiry = false;
    rules.issuer = m_issuer->text().trimmed();
    rules.clock = [this] { return now(); };
    const QString audience = m_audience->text().trimmed();
    const Core::Result<Claims> claims = m_jws ? Claims::parse(m_jws->payload) : Core::Result<Claims>(Claims{});
    if (!audience.isEmpty()) {
        if (claims && !claims->clientId.isEmpty())
            rules.clientIds.append(audience);
        else
            rules.audiences.append(audience);
    }
    const Core::Result<VerifiedToken> verified = verifyJwt(token, *key, rules);
    if (!verified)
        return showVerdict(verified.error(), {});
    const QString which = verified->key.kid().isEmpty()
                              ? tr("the %1 key").arg(verified->key.typeName())
                              : tr("the %1 key with kid \"%2\"").arg(verified->key.typeName(), verified->key.kid());
    showVerdict({}, tr("Valid: the %1 signature verifies with %2, and the claims hold.").arg(verified->jws.header.alg, which));
}

void TokenInspector::verify()
{
    const QByteArray token = cleaned(m_token->text());
    if (!m_jws) {
        showVerdict(jwtError(Reason::Malformed, tr("Paste a token that decodes first.")), {});
        return;
    }
    const auto source = KeySource(m_source->currentData().toInt());
    const QString keyText = m_key->text().trimmed();
    if (source == KeySource::Secret) {
        if (keyText.isEmpty())
            return showVerdict(jwtError(Reason::KeyInvalid, tr("Type the shared secret the token was signed with.")), {});
        return finishWithKey(token, Jwk::fromSecret(m_key->text().toUtf8()));
    }
    if (source == KeySource::KeyFile) {
        QFile file(keyText);
        if (keyText.isEmpty() || !file.open(QIODevice::ReadOnly))
            return showVerdict(jwtError(Reason::JwksUnavailable,
                                        tr("Could not read the key file '%1'%2. Choose a JWK, JWKS or PEM file.")
                                            .arg(keyText, keyText.isEmpty() ? QString() : QStringLiteral(": ") + file.errorString())),
                               {});
        const QByteArray bytes = file.readAll();
        if (bytes.contains("-----BEGIN"))
            return finishWithKey(token, Jwk::fromPem(bytes));
        if (bytes.contains("\"keys\"")) {
            const Core::Result<JwkSet> set = JwkSet::fromJson(bytes);
            if (!set)
                return showVerdict(set.error(), {});
            return finishWithKey(token, set->select(m_jws->header));
        }
        return finishWithKey(token, Jwk::fromJson(bytes));
    }
    // Keys published on the web: fetched (and cached) by JwksSource.
    QString where = keyText;
    if (source == KeySource::Discovery && where.isEmpty()) {
        const Core::Result<Claims> claims = Claims::parse(m_jws->payload);
        where = claims ? claims->iss : QString();
    }
    const QUrl url(where, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return showVerdict(jwtError(Reason::JwksUnavailable,
                                    tr("'%1' is not an http(s) URL. Give the %2.")
                                        .arg(where, source == KeySource::JwksUrl ? tr("JWKS URL") : tr("issuer URL"))),
                           {});
    if (!m_jwks || (source == KeySource::JwksUrl ? m_jwks->jwksUrl() != url : true)) {
        delete m_jwks;
        m_jwks = new JwksSource(m_http, this);
        if (source == KeySource::JwksUrl)
            m_jwks->setJwksUrl(url);
        else
            m_jwks->setIssuer(url);
    }
    m_verify->setEnabled(false);
    m_verdict->setText(tr("Fetching the keys from %1…").arg(url.toDisplayString()));
    m_verdict->setStyleSheet(QString());
    m_lookup = m_jwks->lookup(m_jws->header);
    connect(m_lookup, &KeyLookup::finished, this,
            [this, token](const Core::Result<Jwk> &key) { finishWithKey(token, key); });
}

void TokenInspector::setVerificationKeys(const QString &jwksUrl, const QString &issuer, const QString &audience)
{
    m_source->setCurrentIndex(m_source->findData(int(KeySource::JwksUrl)));
    m_key->setText(jwksUrl);
    m_issuer->setText(issuer);
    m_audience->setText(audience);
}

} // namespace Gatehouse::Ui
