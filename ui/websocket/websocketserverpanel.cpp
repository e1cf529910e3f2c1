#include "websocketserverpanel.h"

#include "core/aws/awsclient.h"
#include "core/aws/staticcredentialsprovider.h"
#include "core/aws/stsclient.h"
#include "core/awsprofiles.h"
#include "core/jsonpretty.h"
#include "core/target.h"
#include "core/websocket/connectionlistmodel.h"

#include <algorithm>
#include <utility>

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QTableView>
#include <QTime>
#include <QTimer>
#include <QVBoxLayout>

namespace Gatehouse::Ui {

namespace {

constexpr int AwsItem = -1; // the target combo's data for "AWS endpoint"

} // namespace

struct WebSocketServerPanel::Call
{
    bool emulator = false;
    QString apiId;
    QString region;
    QUrl managementBase; // .../<stage>, where @connections lives
    QUrl emulatorBase;   // http://host:port, for the listing
    std::shared_ptr<Core::Aws::CredentialsProvider> credentials;
};

WebSocketServerPanel::WebSocketServerPanel(QWidget *parent)
    : QWidget(parent)
    , m_target(new QComboBox(this))
    , m_awsRow(new QWidget(this))
    , m_awsUrl(new QLineEdit(m_awsRow))
    , m_profile(new QComboBox(m_awsRow))
    , m_autoRefresh(new QCheckBox(tr("Auto"), this))
    , m_refreshButton(new QPushButton(tr("Refresh"), this))
    , m_table(new QTableView(this))
    , m_listState(new QLabel(this))
    , m_model(new Core::ConnectionListModel(this))
    , m_connectionId(new QLineEdit(this))
    , m_inspectButton(new QPushButton(tr("Inspect"), this))
    , m_dropButton(new QPushButton(tr("Drop…"), this))
    , m_message(new QPlainTextEdit(this))
    , m_postButton(new QPushButton(tr("Post"), this))
    , m_detail(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_timer(new QTimer(this))
    , m_client(new Core::Aws::AwsClient(this))
    , m_sts(std::make_unique<Core::Aws::StsClient>())
{
    setObjectName(QStringLiteral("webSocketServerPanel"));
    m_target->setObjectName(QStringLiteral("serverTarget"));
    m_target->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_target->setMinimumContentsLength(10);
    m_target->setToolTip(tr("Whose connections: one of the emulator's WebSocket APIs, or an API on AWS"));
    m_awsUrl->setPlaceholderText(QStringLiteral("wss://ID.execute-api.REGION.amazonaws.com/STAGE"));
    m_awsUrl->setToolTip(tr("The URL clients connect to; @connections lives under the same stage"));
    m_profile->setEditable(true);
    m_profile->setToolTip(tr("The AWS profile whose credential chain signs the calls (empty: the default chain)"));
    QList<Core::Error> problems;
    for (const Core::AwsProfileInfo &profile : Core::listAwsProfiles(&problems))
        m_profile->addItem(profile.name);
    auto *awsLayout = new QFormLayout(m_awsRow);
    awsLayout->setContentsMargins(0, 0, 0, 0);
    awsLayout->addRow(tr("URL"), m_awsUrl);
    awsLayout->addRow(tr("Profile"), m_profile);

    m_autoRefresh->setChecked(true);
    m_autoRefresh->setToolTip(tr("Refresh the list every two seconds while this panel is shown"));
    m_table->setObjectName(QStringLiteral("serverConnections"));
    // A row that leaves (its client closed) must not hand its selection, and with it the id
    // field, to a neighbour: Drop would then aim at another client. Connected before setModel()
    // so this runs before the selection model moves the current row.
    connect(m_model, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this](const QModelIndex &, int first, int last) {
        const int current = m_table->currentIndex().row();
        m_currentLeaving = current >= first && current <= last;
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, [this] {
        if (std::exchange(m_currentLeaving, false))
            m_table->selectionModel()->clear();
    });
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(Core::ConnectionListModel::SourceColumn, QHeaderView::Stretch);
    m_table->setWordWrap(false);
    m_table->setColumnHidden(Core::ConnectionListModel::PrincipalColumn, true);
    m_connectionId->setObjectName(QStringLiteral("serverConnectionId"));
    m_connectionId->setPlaceholderText(tr("Connection id"));
    m_connectionId->setToolTip(tr("Pick a row, or type an id $connect received (requestContext.connectionId)"));
    m_message->setObjectName(QStringLiteral("serverMessage"));
    m_message->setPlaceholderText(tr("Text or JSON to post to the connection"));
    m_message->setMaximumHeight(m_message->fontMetrics().lineSpacing() * 4 + 12);
    m_detail->setObjectName(QStringLiteral("serverDetail"));
    m_detail->setReadOnly(true);
    m_detail->setPlaceholderText(tr("Inspect shows the connection as @connections describes it"));
    m_listState->setObjectName(QStringLiteral("serverListState"));
    m_listState->setWordWrap(true);
    m_status->setObjectName(QStringLiteral("serverStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *title = new QLabel(tr("<b>Server</b> — live connections through @connections"), this);
    // Labels and the target box wrap or elide: this panel must not widen the main window.
    title->setWordWrap(true);
    layout->addWidget(title);
    layout->addWidget(m_target);
    layout->addWidget(m_awsRow);
    layout->addWidget(m_table, 2);
    // Rows stay short (the panel often gets only ~200 px beside a connection and the emulator
    // dock): text fields take a line of their own, buttons are as wide as their words.
    for (QPushButton *button : {m_refreshButton, m_inspectButton, m_dropButton, m_postButton})
        button->setMinimumWidth(button->fontMetrics().horizontalAdvance(button->text()) + 24);
    layout->addWidget(m_listState);
    auto *listRow = new QHBoxLayout;
    listRow->addWidget(m_autoRefresh);
    listRow->addStretch(1);
    listRow->addWidget(m_refreshButton);
    layout->addLayout(listRow);
    layout->addWidget(m_connectionId);
    auto *idRow = new QHBoxLayout;
    idRow->addWidget(m_inspectButton);
    idRow->addWidget(m_dropButton);
    idRow->addStretch(1);
    layout->addLayout(idRow);
    layout->addWidget(m_message);
    auto *postRow = new QHBoxLayout;
    postRow->addStretch(1);
    postRow->addWidget(m_postButton);
    layout->addLayout(postRow);
    layout->addWidget(m_detail, 1);
    layout->addWidget(m_status);

    m_timer->setInterval(RefreshIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &WebSocketServerPanel::refresh);
    connect(m_autoRefresh, &QCheckBox::toggled, this, &WebSocketServerPanel::updateTimer);
    connect(m_refreshButton, &QPushButton::clicked, this, &WebSocketServerPanel::refresh);
    connect(m_inspectButton, &QPushButton::clicked, this, &WebSocketServerPanel::inspect);
    connect(m_postButton, &QPushButton::clicked, this, &WebSocketServerPanel::post);
    connect(m_dropButton, &QPushButton::clicked, this, &WebSocketServerPanel::drop);
    connect(m_connectionId, &QLineEdit::textChanged, this, &WebSocketServerPanel::updateButtons);
    connect(m_target, &QComboBox::currentIndexChanged, this, &WebSocketServerPanel::onTargetChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid() && !m_currentLeaving)
                    m_connectionId->setText(current.data(Core::ConnectionListModel::ConnectionIdRole).toString());
            });
    setEmulatorInfo({});
}

WebSocketServerPanel::~WebSocketServerPanel() = default;

void WebSocketServerPanel::setEmulatorInfo(const Core::EmulatorInfo &info)
{
    const QVariant selected = m_target->currentData();
    // AWS stays chosen only if the person picked it while emulator APIs were on offer too.
    const bool wasEmulator = emulatorSelected();
    const bool keepAws = !wasEmulator && m_target->count() > 1;
    m_info = info;
    const QSignalBlocker blocker(m_target);
    m_target->clear();
    for (const Core::EmulatorApiInfo &api : info.apis) {
        if (api.kind == QLatin1String("WebSocket API"))
            m_target->addItem(tr("%1 · %2 · %3 (emulator)").arg(api.name, api.apiId, api.stage), api.apiId);
    }
    m_target->addItem(tr("AWS endpoint (no listing)"), AwsItem);
    const int again = keepAws || wasEmulator ? m_target->findData(selected) : -1;
    m_target->setCurrentIndex(again >= 0 ? again : 0);
    onTargetChanged();
}

void WebSocketServerPanel::setEmulatorCredentials(const Core::Aws::Credentials &credentials)
{
    m_emulatorCredentials = credentials;
}

bool WebSocketServerPanel::emulatorSelected() const
{
    return m_target->currentData().typeId() == QMetaType::QString;
}

void WebSocketServerPanel::onTargetChanged()
{
    ++m_generation;
    if (m_listing)
        m_listing->cancel();
    m_model->clear();
    const bool emulator = emulatorSelected();
    m_awsRow->setVisible(!emulator);
    m_table->setEnabled(emulator);
    m_refreshButton->setEnabled(emulator);
    m_autoRefresh->setEnabled(emulator);
    m_connectionId->clear();
    m_detail->clear();
    showStatus({}, false);
    if (!emulator)
        showListState(tr("AWS cannot list a WebSocket API's connections: type an id your $connect handler "
                         "received (event.requestContext.connectionId)."),
                      false);
    else
        showListState({}, false);
    updateButtons();
    updateTimer();
    if (emulator && isVisible())
        refresh();
}

void WebSocketServerPanel::updateTimer()
{
    const bool run = isVisible() && emulatorSelected() && m_autoRefresh->isChecked();
    if (run && !m_timer->isActive())
        m_timer->start();
    else if (!run)
        m_timer->stop();
}

void WebSocketServerPanel::updateButtons()
{
    const bool hasId = !m_connectionId->text().trimmed().isEmpty();
    m_inspectButton->setEnabled(hasId);
    m_dropButton->setEnabled(hasId);
    m_postButton->setEnabled(hasId);
}

void WebSocketServerPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    updateTimer();
    if (emulatorSelected())
        refresh();
}

void WebSocketServerPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    updateTimer();
}

void WebSocketServerPanel::showStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

void WebSocketServerPanel::showListState(const QString &text, bool error)
{
    m_listState->setText(text);
    m_listState->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

Core::Result<WebSocketServerPanel::Call> WebSocketServerPanel::resolveCall()
{
    Call call;
    if (emulatorSelected()) {
        const QString apiId = m_target->currentData().toString();
        const auto api = std::find_if(m_info.apis.cbegin(), m_info.apis.cend(),
                                      [&](const Core::EmulatorApiInfo &a) { return a.apiId == apiId; });
        if (api == m_info.apis.cend() || m_info.baseUrl.isEmpty())
            return Core::makeError(Core::ErrorCode::NotFound, tr("The emulator is not running."));
        if (!m_emulatorCredentials.isComplete())
            return Core::makeError(Core::ErrorCode::InvalidArgument,
                                   tr("The emulator has not handed this window its keys yet; wait until it has started."));
        call.emulator = true;
        call.apiId = apiId;
        call.region = m_info.region;
        call.emulatorBase = QUrl(m_info.baseUrl);
        call.managementBase = call.emulatorBase;
        call.managementBase.setPath(QStringLiteral("/_aws/execute-api/%1/%2").arg(apiId, api->stage));
        call.credentials = std::make_shared<Core::Aws::StaticCredentialsProvider>(m_emulatorCredentials);
        return call;
    }
    if (m_awsUrl->text().trimmed().isEmpty())
        return Core::makeError(Core::ErrorCode::InvalidArgument,
                               tr("Type the API's URL, e.g. wss://abc123.execute-api.eu-west-1.amazonaws.com/production."));
    const Core::Result<Core::ConnectionsEndpoint> endpoint = Core::ConnectionsApi::parseEndpoint(m_awsUrl->text());
    if (!endpoint)
        return endpoint.error();
    if (endpoint->base.isEmpty())
        return Core::makeError(Core::ErrorCode::InvalidArgument,
                               tr("Give the whole URL (wss://ID.execute-api.REGION.amazonaws.com/STAGE), not only the id."));
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const Core::Target target = Core::Target::awsProfile(m_profile->currentText().trimmed(), endpoint->region);
    QString region = endpoint->region;
    if (region.isEmpty()) {
        const Core::Result<QString> fromProfile = target.regionFor(env);
        if (!fromProfile)
            return fromProfile.error();
        region = *fromProfile;
    }
    call.apiId = endpoint->apiId;
    call.region = region;
    call.managementBase = endpoint->base;
    call.credentials = target.makeCredentialsProvider(env, m_sts.get());
    return call;
}

QString WebSocketServerPanel::words(const Core::Error &error, const QString &connectionId) const
{
    if (error.httpStatus == 410)
        return tr("Connection %1 is gone: it has closed, or the id is not one of this API's (410 GoneException).")
            .arg(connectionId);
    if (error.httpStatus == 403)
        return tr("Refused (403 %1): the signature or keys were not accepted. On AWS the profile must allow "
                  "execute-api:ManageConnections on this API, in the API's region. %2")
            .arg(error.awsCode, error.message.section(QLatin1Char('\n'), 0, 0));
    switch (error.code) {
    case Core::ErrorCode::HostNotFound:
    case Core::ErrorCode::ConnectionRefused:
    case Core::ErrorCode::ConnectionClosed:
    case Core::ErrorCode::Tls:
    case Core::ErrorCode::Timeout:
        return tr("No answer from the server: %1").arg(error.message);
    case Core::ErrorCode::None:
    case Core::ErrorCode::InvalidArgument:
    case Core::ErrorCode::NotFound:
    case Core::ErrorCode::Io:
    case Core::ErrorCode::Cancelled:
    case Core::ErrorCode::Protocol:
    case Core::ErrorCode::Service:
    case Core::ErrorCode::Template:
    case Core::ErrorCode::Internal:
        break;
    }
    return error.httpStatus ? tr("HTTP %1: %2").arg(error.httpStatus).arg(error.message) : error.message;
}

void WebSocketServerPanel::send(const Call &call, const Core::Aws::AwsRequest &request,
                                std::function<void(const Core::HttpClientResponse &)> done, const QString &what)
{
    Core::Aws::AwsCall *job = m_client->call(request, call.credentials.get());
    const quint64 generation = m_generation;
    const QString id = m_connectionId->text().trimmed();
    // The provider travels with the call: it must outlive it.
    connect(job, &Core::Aws::AwsCall::finished, this,
            [this, generation, id, what, done = std::move(done), keep = call.credentials](
                const Core::Result<Core::HttpClientResponse> &result) {
                Q_UNUSED(keep)
                if (generation != m_generation)
                    return;
                if (!result) {
                    if (result.error().code == Core::ErrorCode::Cancelled)
                        return;
                    const bool listing = what == tr("Listing");
                    const QString text = tr("%1 failed. %2").arg(what, words(result.error(), id));
                    if (listing)
                        showListState(text, true);
                    else
                        showStatus(text, true);
                    emit callFinished(false, text);
                    return;
                }
                done(*result);
            });
    if (request.method == "GET" && request.path.endsWith("/connections"))
        m_listing = job;
}

void WebSocketServerPanel::refresh()
{
    if (!emulatorSelected() || m_listing)
        return;
    const Core::Result<Call> call = resolveCall();
    if (!call) {
        showListState(call.error().message, true);
        return;
    }
    send(*call, Core::ConnectionsApi::listingRequest(call->emulatorBase, call->region, call->apiId),
         [this](const Core::HttpClientResponse &response) {
             const auto list = Core::ConnectionsApi::parseListing(response.body);
             if (!list) {
                 showListState(list.error().message, true);
                 emit callFinished(false, list.error().message);
                 return;
             }
             m_model->setConnections(*list);
             // Ids are read and compared by eye: never elided. Source takes what is left.
             for (int column : {Core::ConnectionListModel::IdColumn, Core::ConnectionListModel::ConnectedAtColumn,
                                Core::ConnectionListModel::LastActiveColumn})
                 m_table->resizeColumnToContents(column);
             // Only APIs whose $connect has an authorizer know a principal: no empty column otherwise.
             m_table->setColumnHidden(Core::ConnectionListModel::PrincipalColumn,
                                      std::none_of(list->cbegin(), list->cend(), [](const auto &c) {
                                          return !c.principal.isEmpty();
                                      }));
             const QString text = tr("%n open connection(s), as of %1", nullptr, int(list->size()))
                                      .arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")));
             showListState(text, false);
             emit callFinished(true, text);
         },
         tr("Listing"));
}

void WebSocketServerPanel::inspect()
{
    const QString id = m_connectionId->text().trimmed();
    const Core::Result<Call> call = resolveCall();
    if (!call) {
        showStatus(call.error().message, true);
        return;
    }
    send(*call,
         Core::ConnectionsApi::managementRequest(call->managementBase, call->region, Core::ConnectionsApi::Action::Get,
                                                 id),
         [this, id](const Core::HttpClientResponse &response) {
             const Core::Result<QByteArray> pretty = Core::JsonPretty::format(response.body);
             m_detail->setPlainText(QString::fromUtf8(pretty ? *pretty : response.body));
             const QString text = tr("Connection %1 described.").arg(id);
             showStatus(text, false);
             emit callFinished(true, text);
         },
         tr("Inspect"));
}

void WebSocketServerPanel::post()
{
    const QString id = m_connectionId->text().trimmed();
    const Core::Result<Call> call = resolveCall();
    if (!call) {
        showStatus(call.error().message, true);
        return;
    }
    // The text stays in the box after sending, so the same message can go to another client.
    const QByteArray body = m_message->toPlainText().toUtf8();
    send(*call,
         Core::ConnectionsApi::managementRequest(call->managementBase, call->region, Core::ConnectionsApi::Action::Post,
                                                 id, body),
         [this, id, size = body.size()](const Core::HttpClientResponse &) {
             const QString text = tr("Posted %n byte(s) to %1.", nullptr, int(size)).arg(id);
             showStatus(text, false);
             emit callFinished(true, text);
         },
         tr("Post"));
}

void WebSocketServerPanel::drop()
{
    const QString id = m_connectionId->text().trimmed();
    if (id.isEmpty())
        return;
    auto *ask = new QMessageBox(QMessageBox::Question, tr("Drop connection"),
                                tr("Close connection %1? The client sees the server close it, and $disconnect runs.")
                                    .arg(id),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    ask->setObjectName(QStringLiteral("dropConfirmation"));
    ask->setAttribute(Qt::WA_DeleteOnClose);
    ask->setDefaultButton(QMessageBox::Cancel);
    connect(ask, &QMessageBox::finished, this, [this, id](int result) {
        if (result == QMessageBox::Yes && m_connectionId->text().trimmed() == id)
            sendDelete();
    });
    ask->open();
}

void WebSocketServerPanel::sendDelete()
{
    const QString id = m_connectionId->text().trimmed();
    const Core::Result<Call> call = resolveCall();
    if (!call) {
        showStatus(call.error().message, true);
        return;
    }
    send(*call,
         Core::ConnectionsApi::managementRequest(call->managementBase, call->region,
                                                 Core::ConnectionsApi::Action::Delete, id),
         [this, id](const Core::HttpClientResponse &) {
             const QString text = tr("Dropped %1.").arg(id);
             m_detail->clear();
             showStatus(text, false);
             emit callFinished(true, text);
             if (emulatorSelected())
                 refresh();
         },
         tr("Drop"));
}

} // namespace Gatehouse::Ui
