#include "emulatorpanel.h"

#include "core/invocationlogmodel.h"
#include "invocationstatusdelegate.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Gatehouse::Ui {

namespace {

constexpr int MethodRole = Qt::UserRole;
constexpr int UrlRole = Qt::UserRole + 1;
constexpr int ApiKeyRole = Qt::UserRole + 2;
// A GraphQL API's node and routes: they open in the GraphQL tab, not the request builder.
constexpr int GraphQlApiRole = Qt::UserRole + 3;
constexpr int GraphQlFieldRole = Qt::UserRole + 4;
constexpr int LabDirectoryRole = Qt::UserRole;
constexpr int OpenFolderRole = Qt::UserRole + 1;

QLabel *selectableLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

QLabel *sectionTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

// ANY and $default routes answer every method; GET is the one a person tries first.
QString requestMethod(const Core::EmulatorRouteInfo &route)
{
    const QString method = route.method.toUpper();
    return (method.isEmpty() || method == QLatin1String("ANY")) ? QStringLiteral("GET") : method;
}

QString requestUrl(const Core::EmulatorApiInfo &api, const Core::EmulatorRouteInfo &route)
{
    if (!route.url.isEmpty())
        return route.url;
    return api.pathStyleUrl + (route.path.isEmpty() ? QStringLiteral("/") : route.path);
}

// What answers a route: its function, or for a GraphQL resolver its table, the local resolver
// or the pipeline's functions, in the GUI's language.
QString routeTarget(const Core::EmulatorRouteInfo &route)
{
    using Kind = Core::EmulatorRouteInfo::TargetKind;
    switch (route.targetKind) {
    case Kind::Function:
        return route.functionName;
    case Kind::Table:
        return EmulatorPanel::tr("DynamoDB table %1").arg(route.targetNames.value(0));
    case Kind::Local:
        return EmulatorPanel::tr("NONE (local resolver)");
    case Kind::Pipeline:
        return EmulatorPanel::tr("pipeline: %1").arg(route.targetNames.join(QStringLiteral(" \u2192 ")));
    }
    return route.functionName;
}

} // namespace

EmulatorPanel::EmulatorPanel(QWidget *parent)
    : QWidget(parent)
    , m_log(new Core::InvocationLogModel(this))
{
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(createRouteTree());
    splitter->addWidget(createInvocationLog());
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(8);
    layout->addWidget(createDetails());
    layout->addWidget(splitter, 1);
    setStopped();
}

QLayout *EmulatorPanel::createStateRow(QWidget *details)
{
    m_stateDot = new QLabel(details);
    m_stateDot->setFixedSize(10, 10);
    m_state = selectableLabel(details);
    QFont stateFont = m_state->font();
    stateFont.setBold(true);
    m_state->setFont(stateFont);
    auto *dotColumn = new QVBoxLayout;
    dotColumn->addSpacing(qMax(0, (m_state->fontMetrics().height() - m_stateDot->height()) / 2));
    dotColumn->addWidget(m_stateDot);
    dotColumn->addStretch(1);
    auto *stateRow = new QHBoxLayout;
    stateRow->addLayout(dotColumn);
    stateRow->addWidget(m_state, 1);
    return stateRow;
}

QLayout *EmulatorPanel::createBaseUrlRow(QWidget *details)
{
    m_baseUrlEdit = new QLineEdit(details);
    m_baseUrlEdit->setReadOnly(true);
    m_baseUrlEdit->setAccessibleName(tr("Base URL"));
    m_copyButton = new QToolButton(details);
    m_copyButton->setIcon(QIcon(QStringLiteral(":/icons/copy.svg")));
    m_copyButton->setToolTip(tr("Copy the base URL"));
    m_copyButton->setAutoRaise(true);
    connect(m_copyButton, &QToolButton::clicked, this, &EmulatorPanel::copyBaseUrl);
    auto *urlRow = new QHBoxLayout;
    urlRow->setSpacing(2);
    urlRow->addWidget(m_baseUrlEdit, 1);
    urlRow->addWidget(m_copyButton);
    return urlRow;
}

QWidget *EmulatorPanel::createDetails()
{
    auto *details = new QWidget(this);
    createLabChooser(details);
    m_labFolder = selectableLabel(details);
    m_region = selectableLabel(details);
    m_pathStyle = selectableLabel(details);
    m_pathStyle->setWordWrap(false);
    m_hostStyle = selectableLabel(details);
    m_hostStyle->setWordWrap(false);
    m_warnings = selectableLabel(details);
    m_warnings->setStyleSheet(
        QStringLiteral("QLabel { background: #fff4e0; color: #7a4b00; border: 1px solid #f0c36d;"
                       " border-radius: 4px; padding: 4px; }"));

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->addRow(tr("Base URL:"), createBaseUrlRow(details));
    form->addRow(tr("Lab:"), m_labChooser);
    form->addRow(tr("Folder:"), m_labFolder);
    form->addRow(tr("Region:"), m_region);
    form->addRow(tr("Path style:"), m_pathStyle);
    form->addRow(tr("Host style:"), m_hostStyle);

    auto *layout = new QVBoxLayout(details);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(createStateRow(details));
    layout->addLayout(form);
    layout->addWidget(m_warnings);
    return details;
}

QWidget *EmulatorPanel::createRouteTree()
{
    auto *box = new QWidget(this);
    m_routes = new QTreeWidget(box);
    m_routes->setColumnCount(2);
    m_routes->setHeaderLabels({tr("API, route, user pool or table"), tr("Function or kind")});
    m_routes->setRootIsDecorated(true);
    m_routes->setUniformRowHeights(true);
    m_routes->setAlternatingRowColors(true);
    m_routes->header()->setStretchLastSection(true);
    m_routes->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_routes->setColumnWidth(0, 230);
    m_routes->setToolTip(tr("Click a route to open it in the request builder."));
    connect(m_routes, &QTreeWidget::itemClicked, this, &EmulatorPanel::onRouteClicked);
    m_routes->installEventFilter(this);

    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(sectionTitle(tr("APIs and routes"), box));
    layout->addWidget(m_routes);
    return box;
}

QWidget *EmulatorPanel::createInvocationLog()
{
    auto *box = new QWidget(this);
    auto *clear = new QPushButton(tr("Clear"), box);
    clear->setToolTip(tr("Clear the invocation log"));
    connect(clear, &QPushButton::clicked, this, [this] {
        m_log->clear();
        m_followLog = true;
    });
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(sectionTitle(tr("Invocations"), box));
    titleRow->addStretch(1);
    titleRow->addWidget(clear);

    m_logView = new QTableView(box);
    m_logView->setModel(m_log);
    m_logView->setItemDelegateForColumn(Core::InvocationLogModel::StatusColumn,
                                        new InvocationStatusDelegate(m_logView));
    m_logView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_logView->setAlternatingRowColors(true);
    m_logView->setWordWrap(false);
    m_logView->setShowGrid(false);
    m_logView->setTextElideMode(Qt::ElideRight);
    m_logView->verticalHeader()->hide();
    const QFontMetrics metrics = m_logView->fontMetrics();
    m_logView->verticalHeader()->setDefaultSectionSize(metrics.height() + 6);
    QHeaderView *header = m_logView->horizontalHeader();
    header->setStretchLastSection(true);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const int padding = 18;
    header->resizeSection(Core::InvocationLogModel::TimeColumn,
                          metrics.horizontalAdvance(QStringLiteral("00:00:00.000")) + padding);
    header->resizeSection(Core::InvocationLogModel::FunctionColumn,
                          metrics.horizontalAdvance(QLatin1Char('x')) * 14);
    header->resizeSection(Core::InvocationLogModel::SourceColumn,
                          metrics.horizontalAdvance(QLatin1Char('x')) * 24);
    header->resizeSection(
        Core::InvocationLogModel::DurationColumn,
        metrics.horizontalAdvance(
            m_log->headerData(Core::InvocationLogModel::DurationColumn, Qt::Horizontal)
                .toString()) +
            padding);
    header->resizeSection(Core::InvocationLogModel::StatusColumn,
                          metrics.horizontalAdvance(QStringLiteral("✘ Unhandled")) + padding + 8);
    header->moveSection(header->visualIndex(Core::InvocationLogModel::StatusColumn), 2);
    header->moveSection(header->visualIndex(Core::InvocationLogModel::DurationColumn), 3);

    connect(m_logView->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        m_followLog = value >= m_logView->verticalScrollBar()->maximum();
    });
    connect(m_log, &QAbstractItemModel::rowsInserted, this, &EmulatorPanel::followLogIfAtBottom);

    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(titleRow);
    layout->addWidget(m_logView);
    return box;
}

QString EmulatorPanel::stateText() const
{
    return m_state->text();
}

void EmulatorPanel::setStarting()
{
    setState(State::Starting, tr("Starting…"));
}

void EmulatorPanel::setInfo(const Core::EmulatorInfo &info)
{
    setState(State::Running, tr("Running at %1").arg(info.baseUrl));
    setBaseUrl(QUrl(info.baseUrl));
    m_pendingLab.clear();
    m_runningLab = info.labDirectory;
    selectRunningLab(info.labDirectory, info.labName);
    m_labFolder->setText(info.labDirectory.isEmpty() ? tr("—") : info.labDirectory);
    m_region->setText(tr("%1, account %2").arg(info.region, info.accountId));
    showAddressing(info);
    showWarnings(info.warnings);
    fillRoutes(info);
    emit infoChanged(info);
}

void EmulatorPanel::setFailed(const Core::Error &error)
{
    const QString reason =
        error.message.isEmpty() ? Core::errorCodeName(error.code) : error.message;
    // After a switch the old lab is gone too: say that nothing runs rather than leave a name up.
    if (!m_pendingLab.isEmpty())
        setState(State::Failed, tr("Failed: %1\nNo lab is running. Choose another lab, or fix the folder and choose "
                                   "it again.")
                                    .arg(reason));
    else
        setState(State::Failed, tr("Failed: %1").arg(reason));
    m_runningLab.clear();
    clearServed();
}

void EmulatorPanel::setSwitching(const QString &directory)
{
    m_pendingLab = directory;
    m_runningLab.clear();
    selectRunningLab(directory, QFileInfo(directory).fileName());
    setState(State::Starting, tr("Switching to lab %1…").arg(QDir::toNativeSeparators(directory)));
    clearServed();
}

void EmulatorPanel::setStopped()
{
    setState(State::Stopped, tr("Stopped"));
    clearServed();
}

void EmulatorPanel::appendInvocation(const Core::InvocationRecord &record)
{
    m_log->append(record);
}

void EmulatorPanel::setState(State state, const QString &text)
{
    QString color;
    switch (state) {
    case State::Starting:
        color = QStringLiteral("#e0a000");
        break;
    case State::Running:
        color = InvocationStatusDelegate::successColor().name();
        break;
    case State::Failed:
        color = InvocationStatusDelegate::failureColor().name();
        break;
    case State::Stopped:
        color = QStringLiteral("#9aa0a6");
        break;
    }
    m_stateDot->setStyleSheet(QStringLiteral("background: %1; border-radius: 5px;").arg(color));
    m_state->setText(text);
    m_state->setStyleSheet(state == State::Failed ? QStringLiteral("color: %1;").arg(color)
                                                  : QString());
}

void EmulatorPanel::setBaseUrl(const QUrl &url)
{
    m_baseUrlEdit->setText(url.toString());
    m_copyButton->setEnabled(!url.isEmpty());
    if (url == m_baseUrl)
        return;
    m_baseUrl = url;
    emit baseUrlChanged(m_baseUrl);
}

void EmulatorPanel::showAddressing(const Core::EmulatorInfo &info)
{
    const QUrl base(info.baseUrl);
    const QString port =
        base.port() < 0 ? QString() : QLatin1Char(':') + QString::number(base.port());
    m_pathStyle->setText(tr("%1/_aws/execute-api/<apiId>/<path>").arg(info.baseUrl));
    m_hostStyle->setText(tr("http://<apiId>.execute-api.localhost%1/<path>").arg(port));
    const QString help =
        tr("Emulated APIs answer at either address; <apiId> is the id shown in the tree.");
    m_pathStyle->setToolTip(help);
    m_hostStyle->setToolTip(help);
}

void EmulatorPanel::showWarnings(const QStringList &warnings)
{
    m_warnings->setVisible(!warnings.isEmpty());
    QString text = tr("Warnings from the lab template:");
    for (const QString &warning : warnings)
        text += QStringLiteral("\n• ") + warning;
    m_warnings->setText(text);
}

void EmulatorPanel::fillRoutes(const Core::EmulatorInfo &info)
{
    m_routes->clear();
    for (const Core::EmulatorApiInfo &api : info.apis) {
        auto *apiItem =
            new QTreeWidgetItem(m_routes, {tr("%1  (%2)").arg(api.name, api.apiId), api.kind});
        QFont bold = apiItem->font(0);
        bold.setBold(true);
        apiItem->setFont(0, bold);
        QString apiTip = tr("Stage %1\n%2\n%3").arg(api.stage, api.pathStyleUrl, api.hostStyleUrl);
        if (!api.stageVariables.isEmpty())
            apiTip += QLatin1Char('\n') + tr("Stage variables: %1").arg(api.stageVariables.join(QStringLiteral(", ")));
        apiItem->setToolTip(0, apiTip);
        const bool graphQl = api.kind == QLatin1String("GraphQL API");
        if (graphQl) {
            apiItem->setData(0, GraphQlApiRole, api.apiId);
            apiItem->setToolTip(0, apiTip + QLatin1Char('\n') + tr("Click to open the API in the GraphQL tab"));
        }
        for (const Core::EmulatorRouteInfo &route : api.routes) {
            auto *routeItem = new QTreeWidgetItem(apiItem, {route.routeKey, routeTarget(route)});
            if (graphQl) {
                // Resolvers are "Type.field"; the real-time route has no field to start from.
                routeItem->setData(0, GraphQlApiRole, api.apiId);
                routeItem->setData(0, GraphQlFieldRole, route.routeKey.contains(QLatin1Char('.')) ? route.routeKey : QString());
                QString tip = tr("Open the API in the GraphQL tab");
                if (!route.authorization.isEmpty())
                    tip += QLatin1Char('\n') + tr("Needs: %1").arg(route.authorization);
                routeItem->setToolTip(0, tip);
                routeItem->setToolTip(1, tip);
                continue;
            }
            const QString url = requestUrl(api, route);
            routeItem->setData(0, MethodRole, requestMethod(route));
            routeItem->setData(0, UrlRole, url);
            QString tip = route.apiKeyRequired
                              ? tr("Open %1 %2 in the request builder; it needs an x-api-key header with one of the "
                                   "API's keys")
                                    .arg(requestMethod(route), url)
                              : tr("Open %1 %2 in the request builder").arg(requestMethod(route), url);
            // What a caller must bring and how often it may call, so a 401/403/429 is no surprise.
            if (!route.authorization.isEmpty())
                tip += QLatin1Char('\n') + tr("Needs: %1").arg(route.authorization);
            if (!route.throttle.isEmpty())
                tip += QLatin1Char('\n') + tr("Throttled: %1 (more answers 429)").arg(route.throttle);
            routeItem->setToolTip(0, tip);
            routeItem->setToolTip(1, tip);
        }
        // A REST API's usage plan keys are lab data: shown in full, a click copies one.
        for (const Core::EmulatorApiKeyInfo &key : api.apiKeys) {
            auto *keyItem = new QTreeWidgetItem(apiItem, {tr("API key %1").arg(key.name), key.value});
            keyItem->setData(0, ApiKeyRole, key.value);
            keyItem->setToolTip(0, key.limits.isEmpty()
                                       ? tr("Usage plan %1. Click to copy the key; send it as the x-api-key header.")
                                             .arg(key.usagePlan)
                                       : tr("Usage plan %1 (%2). Click to copy the key; send it as the x-api-key "
                                            "header.")
                                             .arg(key.usagePlan, key.limits));
        }
    }
    if (info.apis.isEmpty()) {
        auto *empty = new QTreeWidgetItem(m_routes, {tr("The lab defines no APIs.")});
        empty->setFlags(Qt::NoItemFlags);
    }
    // User pools: the ids to sign in with (the Auth tab offers them too).
    for (const Core::EmulatorUserPoolInfo &pool : info.userPools) {
        auto *poolItem = new QTreeWidgetItem(m_routes, {tr("%1  (%2)").arg(pool.name, pool.poolId), tr("Cognito user pool")});
        QFont bold = poolItem->font(0);
        bold.setBold(true);
        poolItem->setFont(0, bold);
        poolItem->setToolTip(0, tr("Issuer %1\nKeys %1/.well-known/jwks.json").arg(pool.issuer));
        for (const Core::EmulatorAppClientInfo &client : pool.clients) {
            auto *clientItem = new QTreeWidgetItem(poolItem, {client.clientId, tr("app client %1").arg(client.name)});
            clientItem->setToolTip(0, tr("Sign in on the Auth tab, or: gatehouse cognito login --pool %1 --client %2 "
                                         "--user NAME --srp --endpoint-url %3")
                                          .arg(pool.poolId, client.clientId, info.baseUrl));
        }
    }
    // DynamoDB tables: keys and indexes, and the item count as writes change it.
    m_tableItems.clear();
    for (const Core::EmulatorTableInfo &table : info.tables) {
        auto *tableItem = new QTreeWidgetItem(m_routes, {table.name, tr("DynamoDB table")});
        QFont bold = tableItem->font(0);
        bold.setBold(true);
        tableItem->setFont(0, bold);
        tableItem->setToolTip(0, tr("%1\nList it: aws dynamodb scan --table-name %2 --endpoint-url %3")
                                     .arg(table.arn, table.name, info.baseUrl));
        auto *keyItem = new QTreeWidgetItem(tableItem, {tr("key"), table.keySchema});
        keyItem->setToolTip(1, table.keySchema);
        for (const QString &index : table.indexes) {
            auto *indexItem = new QTreeWidgetItem(tableItem, {tr("index"), index});
            indexItem->setToolTip(1, index); // the column is narrow; the whole line on hover
        }
        m_tableItems.insert(table.name, tableItem);
        setTableItemCount(table.name, table.itemCount);
    }
    m_routes->expandAll();
}

void EmulatorPanel::setTableItemCount(const QString &tableName, qsizetype itemCount)
{
    if (QTreeWidgetItem *item = m_tableItems.value(tableName))
        item->setText(1, tr("DynamoDB table, %n item(s)", nullptr, int(itemCount)));
}

void EmulatorPanel::clearServed()
{
    setBaseUrl(QUrl());
    emit infoChanged({});
    m_labFolder->setText(tr("—"));
    m_region->setText(tr("—"));
    m_pathStyle->setText(tr("—"));
    m_hostStyle->setText(tr("—"));
    m_warnings->hide();
    m_tableItems.clear();
    m_routes->clear();
}

void EmulatorPanel::onRouteClicked(QTreeWidgetItem *item)
{
    if (const QString key = item->data(0, ApiKeyRole).toString(); !key.isEmpty()) {
        QApplication::clipboard()->setText(key);
        return;
    }
    if (const QString apiId = item->data(0, GraphQlApiRole).toString(); !apiId.isEmpty()) {
        emit graphQlApiActivated(apiId, item->data(0, GraphQlFieldRole).toString());
        return;
    }
    const QString method = item->data(0, MethodRole).toString();
    if (method.isEmpty())
        return;
    emit routeActivated(method, item->data(0, UrlRole).toString());
}

bool EmulatorPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_routes && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if ((key == Qt::Key_Return || key == Qt::Key_Enter) && m_routes->currentItem()) {
            onRouteClicked(m_routes->currentItem());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void EmulatorPanel::copyBaseUrl()
{
    QApplication::clipboard()->setText(m_baseUrl.toString());
}

void EmulatorPanel::followLogIfAtBottom()
{
    if (m_followLog)
        m_logView->scrollToBottom();
}

QComboBox *EmulatorPanel::createLabChooser(QWidget *details)
{
    auto *chooser = m_labChooser = new QComboBox(details);
    chooser->setAccessibleName(tr("Lab"));
    chooser->setToolTip(tr("The lab folder the emulator runs. Choosing another stops the emulator and starts it on "
                           "that lab, on the same port; open request tabs stay as they are."));
    chooser->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    chooser->setMinimumContentsLength(6);
    connect(chooser, &QComboBox::activated, this, &EmulatorPanel::onLabChosen);
    setLabChoices({}, {});
    return chooser;
}

bool EmulatorPanel::isLabFolder(const QString &directory)
{
    return !directory.isEmpty() && QFileInfo(QDir(directory).filePath(QStringLiteral("template.yaml"))).isFile();
}

void EmulatorPanel::setLabChoices(const QStringList &bundled, const QStringList &recent)
{
    const QString shown = m_labChooser->currentData(LabDirectoryRole).toString();
    m_labChooser->clear();
    QStringList listed;
    const auto add = [this, &listed](const QString &directory, bool showFolder) {
        const QString clean = QDir::cleanPath(directory);
        if (listed.contains(clean) || !isLabFolder(clean))
            return;
        listed.append(clean);
        const QString name = QFileInfo(clean).fileName();
        m_labChooser->addItem(showFolder ? tr("%1 — %2").arg(name, QDir::toNativeSeparators(clean)) : name, clean);
        m_labChooser->setItemData(m_labChooser->count() - 1, QDir::toNativeSeparators(clean), Qt::ToolTipRole);
    };
    for (const QString &directory : bundled)
        add(directory, false);
    const int bundledCount = m_labChooser->count();
    for (const QString &directory : recent)
        add(directory, true);
    if (bundledCount > 0 && m_labChooser->count() > bundledCount)
        m_labChooser->insertSeparator(bundledCount);
    if (m_labChooser->count() > 0)
        m_labChooser->insertSeparator(m_labChooser->count());
    m_labChooser->addItem(tr("Open folder…"));
    m_labChooser->setItemData(m_labChooser->count() - 1, true, OpenFolderRole);
    const QString current = !m_runningLab.isEmpty() ? m_runningLab : !m_pendingLab.isEmpty() ? m_pendingLab : shown;
    if (!current.isEmpty())
        selectRunningLab(current, QFileInfo(current).fileName());
    else
        m_labChooser->setCurrentIndex(-1);
}

// Shows the lab that runs (or was asked for) in the chooser, adding it when it is not listed,
// e.g. a --lab folder elsewhere.
void EmulatorPanel::selectRunningLab(const QString &directory, const QString &name)
{
    if (directory.isEmpty()) {
        m_labChooser->setCurrentIndex(-1);
        m_labChooser->setPlaceholderText(tr("(no lab loaded)"));
        return;
    }
    const QString clean = QDir::cleanPath(directory);
    int index = m_labChooser->findData(clean, LabDirectoryRole);
    if (index < 0) {
        const QString shownName = name.isEmpty() ? QFileInfo(clean).fileName() : name;
        m_labChooser->insertItem(0, tr("%1 — %2").arg(shownName, QDir::toNativeSeparators(clean)), clean);
        m_labChooser->setItemData(0, QDir::toNativeSeparators(clean), Qt::ToolTipRole);
        index = 0;
    }
    m_labChooser->setCurrentIndex(index);
}

void EmulatorPanel::onLabChosen(int index)
{
    const QString current = !m_pendingLab.isEmpty() ? m_pendingLab : m_runningLab;
    if (m_labChooser->itemData(index, OpenFolderRole).toBool()) {
        selectRunningLab(current, QFileInfo(current).fileName());
        chooseLabFolder();
        return;
    }
    const QString directory = m_labChooser->itemData(index, LabDirectoryRole).toString();
    if (directory.isEmpty() || directory == current)
        return;
    emit labRequested(directory);
}

void EmulatorPanel::chooseLabFolder()
{
    auto *dialog = new QFileDialog(this, tr("Open Lab"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("openLabDialog"));
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    const QString current = !m_pendingLab.isEmpty() ? m_pendingLab : m_runningLab;
    if (!current.isEmpty())
        dialog->setDirectory(QFileInfo(current).absolutePath());
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &directory) {
        if (!isLabFolder(directory)) {
            // Refused before anything stops: the lab that runs keeps running.
            auto *box = new QMessageBox(QMessageBox::Warning, tr("Open Lab"),
                                        tr("%1 holds no template.yaml, so it is not a lab folder. Choose the "
                                           "folder that holds the lab's SAM template.yaml.")
                                            .arg(QDir::toNativeSeparators(directory)),
                                        QMessageBox::Ok, this);
            box->setObjectName(QStringLiteral("notALabBox"));
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
            return;
        }
        emit labRequested(QDir::cleanPath(QFileInfo(directory).absoluteFilePath()));
    });
    dialog->open();
}

} // namespace Gatehouse::Ui
