#include "websocketconnectionview.h"

#include "websocketsnippetspanel.h"

#include "core/aws/requestauthorizer.h"
#include "core/settings.h"
#include "core/aws/stsclient.h"
#include "core/jsonpretty.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QTextCursor>
#include <QVBoxLayout>

namespace Gatehouse::Ui {

using Core::WebSocketSession;

namespace {

enum ComposerMode
{
    TextMode,
    JsonMode,
    HexMode,
};

} // namespace

WebSocketConnectionView::WebSocketConnectionView(QWidget *parent)
    : QWidget(parent)
    , m_session(new Core::WebSocketSession(this))
    , m_log(new Core::MessageLog(this))
    , m_filterModel(new Core::MessageLogFilter(this))
{
    m_filterModel->setSourceModel(m_log);
    auto *layout = new QVBoxLayout(this);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    auto *top = new QWidget(splitter);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(buildForm());
    topLayout->addWidget(buildComposer());
    splitter->addWidget(top);
    splitter->addWidget(buildLog());
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter);

    connect(m_session, &WebSocketSession::frame, m_log, &Core::MessageLog::append);
    connect(m_session, &WebSocketSession::stateChanged, this,
            &WebSocketConnectionView::updateState);
    connect(m_session, &WebSocketSession::disconnected, this,
            &WebSocketConnectionView::updateState);
    connect(m_session, &WebSocketSession::pongReceived, this,
            [this](qint64 ms) { m_latency->setText(tr("Pong after %1 ms").arg(ms)); });
    connect(m_log, &Core::MessageLog::rowsFlushed, this, [this] {
        if (m_autoscroll->isChecked())
            m_view->scrollToBottom();
    });
    connect(m_log, &Core::MessageLog::droppedCountChanged, this,
            &WebSocketConnectionView::updateDropped);
    const Core::Settings settings;
    m_log->setCapacity(settings.value(Core::SettingsKeys::WebSocketLogMaxMessages),
                       settings.value(Core::SettingsKeys::WebSocketLogMaxPayloadBytes));
    updateState();
}

WebSocketConnectionView::~WebSocketConnectionView() = default;

QWidget *WebSocketConnectionView::buildForm()
{
    auto *form = new QWidget(this);
    auto *grid = new QFormLayout(form);
    auto *urlRow = new QHBoxLayout;
    m_url = new QLineEdit(form);
    m_url->setPlaceholderText(
        tr("ws://127.0.0.1:4577/… or wss://abc123.execute-api.eu-west-1.amazonaws.com/prod"));
    m_connect = new QPushButton(tr("Connect"), form);
    m_connect->setDefault(true);
    urlRow->addWidget(m_url, 1);
    urlRow->addWidget(m_connect);
    grid->addRow(tr("URL"), urlRow);

    auto *authRow = new QHBoxLayout;
    m_auth = new QComboBox(form);
    m_auth->addItem(tr("No authentication"), int(Core::WebSocketAuth::None));
    m_auth->addItem(tr("Token in query (?token=)"), int(Core::WebSocketAuth::QueryToken));
    m_auth->addItem(tr("Bearer token header"), int(Core::WebSocketAuth::BearerToken));
    m_auth->addItem(tr("AWS SigV4 presigned URL"), int(Core::WebSocketAuth::SigV4));
    m_token = new QLineEdit(form);
    m_token->setEchoMode(QLineEdit::Password); // a token is a secret: not shown, not saved
    m_token->setPlaceholderText(tr("Token"));
    m_region = new QLineEdit(form);
    m_region->setObjectName(QStringLiteral("sigV4Region"));
    m_region->setPlaceholderText(tr("Region (default: from the host or the profile)"));
    authRow->addWidget(m_auth);
    authRow->addWidget(m_token, 1);
    authRow->addWidget(m_region);
    grid->addRow(tr("Auth"), authRow);

    // SigV4 keys: a profile of the shared AWS files or typed temporary credentials, the same
    // form as the GraphQL tab's AWS_IAM mode. The secrets stay in its fields.
    m_awsRow = new AwsKeysForm(form);
    grid->addRow(tr("AWS keys"), m_awsRow);
    reloadProfiles();
    connect(m_auth, &QComboBox::currentIndexChanged, this, [this] {
        // A profile added to the AWS files since the tab opened shows up when SigV4 is chosen.
        if (m_auth->currentData().toInt() == int(Core::WebSocketAuth::SigV4))
            reloadProfiles();
        updateAuthRows();
    });
    m_authForm = grid;
    updateAuthRows();

    m_subprotocols = new QLineEdit(form);
    m_subprotocols->setPlaceholderText(tr("Comma-separated, e.g. graphql-transport-ws"));
    grid->addRow(tr("Subprotocols"), m_subprotocols);

    m_headers = new QTableWidget(3, 2, form);
    m_headers->setHorizontalHeaderLabels({tr("Header"), tr("Value")});
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->verticalHeader()->hide();
    m_headers->setMaximumHeight(m_headers->verticalHeader()->defaultSectionSize() * 4);
    connect(m_headers, &QTableWidget::cellChanged, this, [this](int row) {
        if (row == m_headers->rowCount() - 1)
            m_headers->insertRow(m_headers->rowCount()); // always one empty row to type into
    });
    grid->addRow(tr("Headers"), m_headers);

    auto *optionsRow = new QHBoxLayout;
    m_reconnect = new QCheckBox(tr("Reconnect automatically"), form);
    m_pingSeconds = new QSpinBox(form);
    m_pingSeconds->setRange(0, 3600);
    m_pingSeconds->setSpecialValueText(tr("no pings"));
    m_pingSeconds->setSuffix(tr(" s"));
    m_pingSeconds->setPrefix(tr("Ping every "));
    m_latency = new QLabel(form);
    optionsRow->addWidget(m_reconnect);
    optionsRow->addWidget(m_pingSeconds);
    optionsRow->addWidget(m_latency);
    optionsRow->addStretch();
    grid->addRow(QString(), optionsRow);
    connect(m_pingSeconds, &QSpinBox::valueChanged, this,
            [this](int seconds) { m_session->setPingInterval(seconds * 1000); });

    m_state = new QLabel(form);
    m_state->setObjectName(QStringLiteral("webSocketState"));
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    grid->addRow(tr("State"), m_state);

    connect(m_connect, &QPushButton::clicked, this, &WebSocketConnectionView::connectOrDisconnect);
    connect(m_url, &QLineEdit::returnPressed, this, &WebSocketConnectionView::connectOrDisconnect);
    return form;
}

QWidget *WebSocketConnectionView::buildComposer()
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    m_mode = new QComboBox(box);
    m_mode->addItem(tr("Text"), TextMode);
    m_mode->addItem(tr("JSON"), JsonMode);
    m_mode->addItem(tr("Binary (hex)"), HexMode);
    auto *fromFile = new QPushButton(tr("Binary from file…"), box);
    m_send = new QPushButton(tr("Send"), box);
    m_send->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_send->setToolTip(tr("Send (Ctrl+Enter)"));
    m_routes = new QComboBox(box);
    m_routes->setObjectName(QStringLiteral("routeHelper"));
    m_routes->setVisible(false);
    m_composerError = new QLabel(box);
    m_composerError->setStyleSheet(QStringLiteral("color: #b00020"));
    row->addWidget(m_mode);
    row->addWidget(fromFile);
    row->addWidget(m_routes);
    row->addWidget(m_composerError, 1);
    row->addWidget(m_send);
    m_composer = new QPlainTextEdit(box);
    m_composer->setPlaceholderText(
        tr("Message to send, e.g. {\"action\":\"sendmessage\",\"data\":\"hi\"}"));
    m_composer->setMaximumHeight(110);
    m_snippetsPanel = new WebSocketSnippetsPanel(box);
    m_snippetsPanel->setMaximumHeight(110);
    layout->addLayout(row);
    auto *editRow = new QHBoxLayout;
    editRow->addWidget(m_composer, 3);
    editRow->addWidget(m_snippetsPanel, 1);
    layout->addLayout(editRow);
    connect(m_snippetsPanel, &WebSocketSnippetsPanel::saveRequested, this,
            [this] { m_snippetsPanel->save(currentMessage()); });
    connect(m_snippetsPanel, &WebSocketSnippetsPanel::insertRequested, this,
            &WebSocketConnectionView::insertSnippet);
    connect(m_snippetsPanel, &WebSocketSnippetsPanel::problemOccurred, m_composerError,
            &QLabel::setText);
    connect(m_send, &QPushButton::clicked, this, &WebSocketConnectionView::send);
    connect(fromFile, &QPushButton::clicked, this, &WebSocketConnectionView::loadFile);
    connect(m_composer, &QPlainTextEdit::textChanged, m_composerError, &QLabel::clear);
    connect(m_routes, &QComboBox::activated, this, [this](int index) {
        if (index <= 0)
            return;
        insertAction(m_routes->itemData(index).toString());
        m_routes->setCurrentIndex(0); // a prompt again, so the same route can be picked twice
    });
    connect(m_url, &QLineEdit::textChanged, this, &WebSocketConnectionView::updateRouteHelper);
    return box;
}

void WebSocketConnectionView::setEmulatorInfo(const Core::EmulatorInfo &info)
{
    m_emulator = info;
    updateRouteHelper();
}

// The emulator's WebSocket API the URL points at, path style (/_aws/execute-api/<id>/<stage>)
// or host style (<id>.execute-api.localhost), on the emulator's port; else nullptr.
static const Core::EmulatorApiInfo *emulatorApiFor(const Core::EmulatorInfo &info, const QUrl &url)
{
    if (!url.isValid() || url.port() != int(info.port) || info.port == 0)
        return nullptr;
    const QStringList segments = url.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const QString hostPrefix = url.host().section(QLatin1Char('.'), 0, 0);
    const bool hostStyle = url.host().endsWith(QLatin1String(".execute-api.localhost"));
    for (const Core::EmulatorApiInfo &api : info.apis) {
        if (api.kind != QLatin1String("WebSocket API"))
            continue;
        const bool pathStyle = segments.size() >= 3 && segments.at(0) == QLatin1String("_aws")
                               && segments.at(1) == QLatin1String("execute-api") && segments.at(2) == api.apiId;
        if (pathStyle || (hostStyle && hostPrefix == api.apiId))
            return &api;
    }
    return nullptr;
}

void WebSocketConnectionView::updateRouteHelper()
{
    const Core::EmulatorApiInfo *api = emulatorApiFor(m_emulator, QUrl(m_url->text().trimmed()));
    m_routes->clear();
    QStringList keys;
    if (api) {
        for (const Core::EmulatorRouteInfo &route : api->routes) {
            // $connect, $disconnect and $default are not chosen by a message's action.
            if (!route.routeKey.startsWith(QLatin1Char('$')))
                keys.append(route.routeKey);
        }
    }
    m_routes->setVisible(!keys.isEmpty());
    if (keys.isEmpty())
        return;
    m_routes->addItem(tr("Route…"));
    for (const QString &key : std::as_const(keys))
        m_routes->addItem(key, key);
    m_routes->setToolTip(tr("Route keys of the emulator's API %1: inserts {\"action\":\"<route>\"}, for a route "
                            "selection expression of $request.body.action. Only the emulator lists routes.")
                             .arg(api->name));
}

void WebSocketConnectionView::insertAction(const QString &routeKey)
{
    const QString text = m_composer->toPlainText();
    QJsonObject object;
    if (!text.trimmed().isEmpty()) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !document.isObject()) {
            // Never overwrite what was typed: say how to get the action in instead.
            m_composerError->setText(tr("The message is not a JSON object, so no \"action\" was added; fix or "
                                        "clear it first."));
            return;
        }
        object = document.object();
    }
    object.insert(QStringLiteral("action"), routeKey);
    m_composer->setPlainText(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
    if (m_mode->findData(JsonMode) >= 0)
        m_mode->setCurrentIndex(m_mode->findData(JsonMode));
}

QWidget *WebSocketConnectionView::buildLog()
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    m_filter = new QLineEdit(box);
    m_filter->setPlaceholderText(tr("Filter messages"));
    m_filter->setClearButtonEnabled(true);
    // Beside the emulator dock the bar is narrow; the filter field must still show a word.
    m_filter->setMinimumWidth(90);
    m_regex = new QCheckBox(tr("Regex"), box);
    m_direction = new QComboBox(box);
    m_direction->addItem(tr("Both directions"), int(Core::MessageLogFilter::Directions::Both));
    m_direction->addItem(tr("Sent"), int(Core::MessageLogFilter::Directions::SentOnly));
    m_direction->addItem(tr("Received"), int(Core::MessageLogFilter::Directions::ReceivedOnly));
    // Short labels with tooltips: the bar shares the tab with the server panel and the docks.
    m_autoscroll = new QCheckBox(tr("Follow"), box);
    m_autoscroll->setToolTip(tr("Scroll to each new message as it arrives"));
    m_autoscroll->setChecked(true);
    auto *clear = new QPushButton(tr("Clear"), box);
    auto *exportButton = new QPushButton(tr("Export…"), box);
    exportButton->setToolTip(tr("Save the log as JSON Lines, one message per line"));
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_regex);
    bar->addWidget(m_direction);
    bar->addWidget(m_autoscroll);
    m_dropped = new QLabel(box);
    m_dropped->setObjectName(QStringLiteral("droppedMessages"));
    m_dropped->setVisible(false);
    bar->addWidget(m_dropped);
    bar->addWidget(clear);
    bar->addWidget(exportButton);
    layout->addLayout(bar);

    auto *split = new QSplitter(Qt::Horizontal, box);
    m_view = new QTableView(split);
    m_view->setModel(m_filterModel);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->verticalHeader()->hide();
    // Fixed row heights: the view never measures 100,000 rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(Core::MessageLog::DirectionColumn, 28);
    m_view->setColumnWidth(Core::MessageLog::TimeColumn, 100);
    m_view->setColumnWidth(Core::MessageLog::OpcodeColumn, 60);
    m_view->setColumnWidth(Core::MessageLog::SizeColumn, 70);
    m_detail = new QPlainTextEdit(split);
    m_detail->setReadOnly(true);
    m_detail->setPlaceholderText(tr("Select a message to see it whole"));
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(m_filter, &QLineEdit::textChanged, this, &WebSocketConnectionView::applyFilter);
    connect(m_regex, &QCheckBox::toggled, this, &WebSocketConnectionView::applyFilter);
    connect(m_direction, &QComboBox::currentIndexChanged, this, [this] {
        m_filterModel->setDirections(
            Core::MessageLogFilter::Directions(m_direction->currentData().toInt()));
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &WebSocketConnectionView::showDetail);
    connect(clear, &QPushButton::clicked, this, [this] {
        m_log->clear();
        m_detail->clear();
    });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(this, tr("Export messages"), QString(),
                                                          tr("JSON Lines (*.jsonl)"));
        if (!file.isEmpty())
            exportTo(file);
    });
    return box;
}

void WebSocketConnectionView::updateAuthRows()
{
    const auto kind = Core::WebSocketAuth(m_auth->currentData().toInt());
    const bool sigV4 = kind == Core::WebSocketAuth::SigV4;
    m_token->setVisible(kind == Core::WebSocketAuth::QueryToken ||
                        kind == Core::WebSocketAuth::BearerToken);
    m_region->setVisible(sigV4);
    m_authForm->setRowVisible(m_awsRow, sigV4);
}

void WebSocketConnectionView::reloadProfiles()
{
    m_awsRow->reloadProfiles();
}

Core::RequestAuth WebSocketConnectionView::sigV4Auth() const
{
    return m_awsRow->requestAuth(QStringLiteral("execute-api"), m_region->text().trimmed());
}

void WebSocketConnectionView::setSnippets(Core::MessageSnippets *snippets)
{
    m_snippetsPanel->setSnippets(snippets);
}

Core::MessageSnippet WebSocketConnectionView::currentMessage(const QString &name) const
{
    Core::MessageSnippet snippet;
    snippet.name = name;
    snippet.body = m_composer->toPlainText();
    switch (ComposerMode(m_mode->currentData().toInt())) {
    case TextMode:
        snippet.kind = Core::SnippetKind::Text;
        break;
    case JsonMode:
        snippet.kind = Core::SnippetKind::Json;
        break;
    case HexMode:
        snippet.kind = Core::SnippetKind::Hex;
        break;
    }
    return snippet;
}

void WebSocketConnectionView::insertSnippet(const Core::MessageSnippet &snippet)
{
    ComposerMode mode = TextMode;
    switch (snippet.kind) {
    case Core::SnippetKind::Text:
        mode = TextMode;
        break;
    case Core::SnippetKind::Json:
        mode = JsonMode;
        break;
    case Core::SnippetKind::Hex:
        mode = HexMode;
        break;
    }
    m_mode->setCurrentIndex(m_mode->findData(mode));
    // Through a cursor, not setPlainText: the replaced text stays on the undo stack.
    QTextCursor cursor(m_composer->document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(snippet.body);
    m_composer->setFocus();
}

void WebSocketConnectionView::updateDropped(qint64 dropped)
{
    m_dropped->setVisible(dropped > 0);
    m_dropped->setText(dropped == 1 ? tr("1 older message dropped")
                                    : tr("%1 older messages dropped").arg(dropped));
    m_dropped->setToolTip(tr("The log keeps the newest %1 messages or %2 MB of payload; older ones "
                             "are dropped in blocks and exports start with a note saying how many.")
                              .arg(m_log->maxMessages())
                              .arg(m_log->maxPayloadBytes() / (1024 * 1024)));
}

Core::Result<Core::WebSocketConnectOptions> WebSocketConnectionView::options() const
{
    Core::WebSocketConnectOptions options;
    options.url = QUrl(m_url->text().trimmed(), QUrl::StrictMode);
    options.auth = Core::WebSocketAuth(m_auth->currentData().toInt());
    options.token = m_token->text();
    options.region = m_region->text().trimmed();
    for (const QString &protocol :
         m_subprotocols->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        options.subprotocols.append(protocol.trimmed());
    for (int row = 0; row < m_headers->rowCount(); ++row) {
        const QTableWidgetItem *name = m_headers->item(row, 0);
        const QTableWidgetItem *value = m_headers->item(row, 1);
        if (name && !name->text().trimmed().isEmpty())
            options.headers.add(name->text().trimmed().toUtf8(),
                                value ? value->text().toUtf8() : QByteArray());
    }
    options.autoReconnect = m_reconnect->isChecked();
    if (options.auth != Core::WebSocketAuth::SigV4) {
        if (auto valid = Core::validateWebSocketOptions(options); !valid)
            return valid.error();
    }
    return options;
}

void WebSocketConnectionView::connectOrDisconnect()
{
    switch (m_session->state()) {
    case WebSocketSession::State::Connecting:
    case WebSocketSession::State::Open:
    case WebSocketSession::State::WaitingToReconnect:
        m_session->close();
        return;
    case WebSocketSession::State::Closing:
        m_session->abort();
        return;
    case WebSocketSession::State::Idle:
    case WebSocketSession::State::Closed:
        break;
    }
    auto options = this->options();
    if (!options) {
        m_state->setText(options.error().message);
        return;
    }
    if (options->auth != Core::WebSocketAuth::SigV4) {
        openWith(*options);
        return;
    }
    // SigV4: credentials from the chosen profile's SDK chain or the typed keys; region from
    // the field, the host or the profile.
    const Core::RequestAuth auth = sigV4Auth();
    if (auth.source != Core::AwsCredentialSource::Profile &&
        (auth.accessKeyId.isEmpty() || auth.secretAccessKey.isEmpty())) {
        m_state->setText(tr("Type the access key ID and the secret access key, or sign with a "
                            "profile."));
        return;
    }
    QUrl httpsUrl = options->url;
    httpsUrl.setScheme(QStringLiteral("https"));
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const auto scope = Core::Aws::signingScopeFor(httpsUrl, auth, &environment);
    if (!scope) {
        m_state->setText(scope.error().message + QLatin1Char(' ') + tr("Type the region."));
        return;
    }
    if (!m_sts)
        m_sts = std::make_unique<Core::Aws::StsClient>();
    std::shared_ptr<Core::Aws::CredentialsProvider> provider =
        Core::Aws::makeCredentialsProvider(auth, environment, m_sts.get());
    m_state->setText(tr("Looking up AWS credentials…"));
    Core::WebSocketConnectOptions opts = *options;
    opts.region = scope->region;
    provider->resolve(this, [this, provider, opts](
                                const Core::Result<Core::Aws::Credentials> &credentials) mutable {
        if (!credentials) {
            m_state->setText(
                tr("No AWS credentials to sign with: %1").arg(credentials.error().message));
            return;
        }
        opts.credentials = *credentials;
        openWith(opts);
    });
}

void WebSocketConnectionView::openWith(Core::WebSocketConnectOptions options)
{
    if (auto opened = m_session->open(options); !opened)
        m_state->setText(opened.error().message);
    m_session->setPingInterval(m_pingSeconds->value() * 1000);
    emit titleChanged(options.url.host() + options.url.path());
}

void WebSocketConnectionView::updateState()
{
    QString text = m_session->stateText();
    if (m_session->state() == WebSocketSession::State::Open &&
        !m_session->negotiatedSubprotocol().isEmpty())
        text += tr(" (subprotocol %1)").arg(m_session->negotiatedSubprotocol());
    m_state->setText(text);
    const bool live = m_session->state() == WebSocketSession::State::Open ||
                      m_session->state() == WebSocketSession::State::Connecting ||
                      m_session->state() == WebSocketSession::State::WaitingToReconnect ||
                      m_session->state() == WebSocketSession::State::Closing;
    m_connect->setText(live ? tr("Disconnect") : tr("Connect"));
    m_send->setEnabled(m_session->state() == WebSocketSession::State::Open);
}

void WebSocketConnectionView::send()
{
    const QString text = m_composer->toPlainText();
    switch (ComposerMode(m_mode->currentData().toInt())) {
    case TextMode:
        m_session->sendText(text);
        return;
    case JsonMode:
        if (auto valid = Core::JsonPretty::validate(text.toUtf8()); !valid) {
            m_composerError->setText(tr("Not valid JSON: %1").arg(valid.error().message));
            return; // the text stays in the composer to be fixed
        }
        m_session->sendText(text);
        return;
    case HexMode: {
        QString hex = text;
        hex.remove(QRegularExpression(QStringLiteral("\\s")));
        static const QRegularExpression hexOnly(QStringLiteral("^([0-9a-fA-F]{2})*$"));
        if (!hexOnly.match(hex).hasMatch()) {
            m_composerError->setText(tr("Type bytes as hex pairs, e.g. 00 ff 10."));
            return;
        }
        m_session->sendBinary(QByteArray::fromHex(hex.toLatin1()));
        return;
    }
    }
}

void WebSocketConnectionView::loadFile()
{
    const QString fileName =
        QFileDialog::getOpenFileName(this, tr("Send a file as one binary message"));
    if (fileName.isEmpty())
        return;
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        m_composerError->setText(tr("Could not read %1: %2").arg(fileName, file.errorString()));
        return;
    }
    if (!m_session->sendBinary(file.readAll()))
        m_composerError->setText(tr("Connect first, then send the file."));
}

bool WebSocketConnectionView::exportTo(const QString &fileName)
{
    m_log->flush();
    QList<int> rows;
    rows.reserve(m_filterModel->rowCount());
    for (int row = 0; row < m_filterModel->rowCount(); ++row)
        rows.append(m_filterModel->mapToSource(m_filterModel->index(row, 0)).row());
    QFile file(fileName);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        m_state->setText(tr("Could not write %1: %2").arg(fileName, file.errorString()));
        return false;
    }
    if (rows.isEmpty())
        return true;
    auto written = m_log->exportJsonLines(&file, rows);
    if (!written)
        m_state->setText(written.error().message);
    return written.ok();
}

void WebSocketConnectionView::applyFilter()
{
    auto applied = m_filterModel->setText(m_filter->text(), m_regex->isChecked());
    m_filter->setToolTip(applied ? QString() : applied.error().message);
    m_filter->setStyleSheet(applied ? QString() : QStringLiteral("color: #b00020"));
}

void WebSocketConnectionView::showDetail()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_detail->clear();
        return;
    }
    const int row = m_filterModel->mapToSource(current).row();
    const QByteArray payload = m_log->payload(row);
    switch (m_log->opcode(row)) {
    case Core::WebSocketOpcode::Binary:
        m_detail->setPlainText(QString::fromLatin1(payload.toHex(' ')));
        return;
    case Core::WebSocketOpcode::Text:
    case Core::WebSocketOpcode::Close:
    case Core::WebSocketOpcode::Ping:
    case Core::WebSocketOpcode::Pong:
        break;
    }
    const auto pretty = Core::JsonPretty::format(payload);
    m_detail->setPlainText(QString::fromUtf8(pretty ? *pretty : payload));
}

} // namespace Gatehouse::Ui
