#include "graphqlworkbench.h"

#include "graphqlauthform.h"
#include "graphqleditor.h"
#include "graphqleditorpanel.h"
#include "graphqlschemaexplorer.h"
#include "ui/requestbuilder/keyvaluetable.h"

#include "core/graphql/executor.h"
#include "core/graphql/httpquery.h"
#include "core/graphql/parser.h"
#include "core/graphql/responsepath.h"
#include "core/graphql/subscriptionclient.h"
#include "core/graphql/tracemodel.h"
#include "core/httpclient.h"
#include "core/jsonpretty.h"
#include "core/jsontreemodel.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTableView>
#include <QTextBlock>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <utility>

namespace Gatehouse::Ui {

using namespace Core::GraphQL;

namespace {

enum ProtocolChoice
{
    AutoProtocol,
    AppSyncProtocol,
    TransportWsProtocol
};

constexpr int kErrorRowRole = Qt::UserRole + 1;

QString errorLine(const ResponseError &error)
{
    QString line = error.message;
    if (!error.path.isEmpty())
        line = error.path + QStringLiteral(": ") + line;
    if (!error.locations.isEmpty())
        line += QStringLiteral("  (") + error.locations + QLatin1Char(')');
    return line;
}

// The tree's marked values (errors' paths) on the same red the text view marks them with.
class MarkedDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.data(Core::JsonTreeModel::MarkedRole).toBool())
            option->backgroundBrush = QColor(0xfe, 0xca, 0xca);
    }
};

QList<QVariantList> errorPaths(const QList<ResponseError> &errors)
{
    QList<QVariantList> paths;
    for (const ResponseError &error : errors) {
        QVariantList segments = parseResponsePath(error.path);
        if (segments.isEmpty())
            continue;
        segments.prepend(QStringLiteral("data"));
        paths.append(segments);
    }
    return paths;
}

QString sizeText(qsizetype bytes)
{
    return bytes < 10240 ? GraphQLWorkbench::tr("%n byte(s)", nullptr, int(bytes))
                         : GraphQLWorkbench::tr("%1 KB").arg(double(bytes) / 1024.0, 0, 'f', 1);
}

} // namespace

GraphQLWorkbench::GraphQLWorkbench(QWidget *parent)
    : QWidget(parent)
    , m_http(new Core::HttpClient(this))
    , m_url(new QLineEdit(this))
    , m_emulatorApis(new QComboBox(this))
    , m_auth(new GraphQLAuthForm(this))
    , m_protocol(new QComboBox(this))
    , m_realtimeUrl(new QLineEdit(this))
    , m_loadSchema(new QPushButton(tr("Load schema"), this))
    , m_send(new QPushButton(tr("Run"), this))
    , m_editor(new GraphQLEditorPanel(this))
    , m_variables(new QPlainTextEdit(this))
    , m_variablesProblem(new QLabel(this))
    , m_variablesTimer(new QTimer(this))
    , m_headers(new KeyValueTable(tr("Header"), tr("Value"), this))
    , m_side(new QTabWidget(this))
    , m_status(new QLabel(this))
    , m_errors(new QListWidget(this))
    , m_result(new QPlainTextEdit(this))
    , m_resultTree(new QTreeView(this))
    , m_treeToggle(new QToolButton(this))
    , m_resultStack(new QStackedWidget(this))
    , m_treeModel(new Core::JsonTreeModel(this))
    , m_traceView(new QTableView(this))
    , m_traceDetail(new QPlainTextEdit(this))
    , m_trace(new TraceModel(this))
    , m_history(new QListWidget(this))
    , m_explorer(new GraphQLSchemaExplorer(this))
{
    m_url->setPlaceholderText(tr("GraphQL endpoint, e.g. https://xxxx.appsync-api.eu-west-1.amazonaws.com/graphql"));
    m_send->setDefault(true);
    m_send->setToolTip(tr("Send the operation under the cursor (Ctrl+Return); a subscription starts and stops here"));
    m_protocol->addItem(tr("Auto"), AutoProtocol);
    m_protocol->addItem(tr("AppSync real-time"), AppSyncProtocol);
    m_protocol->addItem(tr("graphql-transport-ws"), TransportWsProtocol);
    m_protocol->setToolTip(tr("How subscriptions connect. Auto speaks AppSync's real-time protocol to AppSync and emulator URLs and "
                              "graphql-transport-ws to any other server"));
    m_emulatorApis->setToolTip(tr("The embedded emulator's GraphQL APIs: fills in endpoint, real-time URL and auth, "
                                  "and loads the schema"));
    // An AppSync API id is 26 characters: at full width the picker squeezed the endpoint to a
    // few letters beside the emulator dock (Xvfb, 1280x800), so it shows the start and elides.
    m_emulatorApis->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_emulatorApis->setMinimumContentsLength(16);
    m_emulatorApis->hide(); // until an emulator serves a GraphQL API
    m_realtimeUrl->setPlaceholderText(tr("Real-time URL (derived)"));
    m_realtimeUrl->setToolTip(tr("The subscriptions' WebSocket URL; empty: derived from the endpoint as AppSync does"));

    // The endpoint and how subscriptions reach it on one row, the auth mode's fields on their own
    // (IAM's are many, and beside the emulator dock the window is ~780 px wide).
    auto *top = new QHBoxLayout;
    top->addWidget(m_emulatorApis);
    top->addWidget(m_url, 3);
    top->addWidget(m_protocol);
    top->addWidget(m_realtimeUrl, 1);
    top->addWidget(m_loadSchema);
    top->addWidget(m_send);
    auto *second = new QHBoxLayout;
    second->addWidget(m_auth, 1);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(buildRequestSide());
    split->addWidget(buildResultSide());
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(second);
    layout->addWidget(split, 1);

    m_variablesTimer->setSingleShot(true);
    m_variablesTimer->setInterval(250);
    // The picked operation follows the cursor without a signal of its own: a pause after typing
    // or moving checks the variables against it and names the Send button after its kind.
    connect(m_variablesTimer, &QTimer::timeout, this, [this] {
        checkVariables();
        updateSendButton();
    });
    connect(m_variables, &QPlainTextEdit::textChanged, m_variablesTimer, qOverload<>(&QTimer::start));
    connect(m_editor->editor(), &GraphQLEditor::checked, m_variablesTimer, qOverload<>(&QTimer::start));
    connect(m_editor->editor(), &QPlainTextEdit::cursorPositionChanged, m_variablesTimer, qOverload<>(&QTimer::start));
    connect(m_editor->operationPicker(), &QComboBox::currentIndexChanged, m_variablesTimer, qOverload<>(&QTimer::start));
    connect(m_send, &QPushButton::clicked, this, &GraphQLWorkbench::send);
    connect(m_loadSchema, &QPushButton::clicked, this, &GraphQLWorkbench::loadSchema);
    connect(m_emulatorApis, &QComboBox::currentIndexChanged, this, &GraphQLWorkbench::onEmulatorApiChosen);
    connect(m_url, &QLineEdit::textChanged, this, &GraphQLWorkbench::updateLabSignIn);
    connect(m_errors, &QListWidget::currentRowChanged, this, &GraphQLWorkbench::showError);
    connect(m_history, &QListWidget::itemActivated, this, &GraphQLWorkbench::restoreHistory);
    connect(m_history, &QListWidget::itemClicked, this, &GraphQLWorkbench::restoreHistory);
    auto *sendAction = new QAction(tr("Send"), this);
    sendAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    sendAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(sendAction, &QAction::triggered, this, &GraphQLWorkbench::send);
    addAction(sendAction);
    restoreState();
}

GraphQLWorkbench::~GraphQLWorkbench()
{
    saveState();
    if (m_query)
        m_query->cancel();
}

QWidget *GraphQLWorkbench::buildRequestSide()
{
    auto *variablesBox = new QWidget(this);
    auto *variablesLayout = new QVBoxLayout(variablesBox);
    variablesLayout->setContentsMargins(0, 0, 0, 0);
    variablesLayout->addWidget(m_variables, 1);
    variablesLayout->addWidget(m_variablesProblem);
    m_variables->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_variables->setPlaceholderText(QStringLiteral("{ \"name\": \"Paris\" }"));
    m_variablesProblem->setWordWrap(true);
    m_variablesProblem->setStyleSheet(QStringLiteral("color: #b91c1c"));
    m_variablesProblem->hide();

    auto *below = new QTabWidget(this);
    below->addTab(variablesBox, tr("&Variables"));
    below->addTab(m_headers, tr("&Headers"));
    m_headers->setKeyPlaceholder(tr("Header name"));

    auto *left = new QSplitter(Qt::Vertical, this);
    left->addWidget(m_editor);
    left->addWidget(below);
    left->setStretchFactor(0, 4);
    left->setStretchFactor(1, 1);
    left->setChildrenCollapsible(false);
    return left;
}

QWidget *GraphQLWorkbench::buildResultSide()
{
    auto *resultBox = new QWidget(this);
    auto *resultLayout = new QVBoxLayout(resultBox);
    resultLayout->setContentsMargins(0, 0, 0, 0);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errors->setToolTip(tr("Click an error to mark its path in the data and its place in the editor"));
    // One line per error, elided (each item's tooltip has it whole): a horizontal scroll bar
    // took the only row's height beside the emulator dock.
    m_errors->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_errors->setTextElideMode(Qt::ElideRight);
    m_errors->hide();
    m_treeToggle->setText(tr("Tree"));
    m_treeToggle->setCheckable(true);
    m_treeToggle->setToolTip(tr("Show the answer (or the latest event) as a collapsible tree, errors' paths marked"));
    m_resultTree->setModel(m_treeModel);
    m_resultTree->setItemDelegate(new MarkedDelegate(m_resultTree));
    m_resultTree->setUniformRowHeights(true);
    m_resultTree->header()->setStretchLastSection(true);
    m_resultStack->addWidget(m_result);
    m_resultStack->addWidget(m_resultTree);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_treeToggle, 0, Qt::AlignTop);
    resultLayout->addLayout(statusRow);
    resultLayout->addWidget(m_errors);
    resultLayout->addWidget(m_resultStack, 1);
    connect(m_treeToggle, &QToolButton::toggled, this, [this](bool tree) {
        m_resultStack->setCurrentIndex(tree ? 1 : 0);
        if (tree && m_treeStale)
            rebuildTree();
    });
    m_result->setReadOnly(true);
    m_result->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_result->setMaximumBlockCount(200000);

    auto *traceSplit = new QSplitter(Qt::Vertical, this);
    m_traceView->setModel(m_trace);
    m_traceView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_traceView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_traceView->verticalHeader()->hide();
    // Compact rows and columns sized for what they hold, so the masked text is in view beside
    // the emulator dock (Xvfb at 1280x800 showed only time, direction and type).
    const QFontMetrics metrics = m_traceView->fontMetrics();
    m_traceView->verticalHeader()->setDefaultSectionSize(metrics.height() + 4);
    m_traceView->horizontalHeader()->setStretchLastSection(true);
    m_traceView->setColumnWidth(TraceModel::TimeColumn, metrics.horizontalAdvance(QStringLiteral("00:00:00.000")) + 12);
    m_traceView->setColumnWidth(TraceModel::DirectionColumn, metrics.horizontalAdvance(QStringLiteral("←←")) + 12);
    m_traceView->setColumnWidth(TraceModel::TypeColumn, metrics.horizontalAdvance(QStringLiteral("connection_ack")) + 12);
    m_traceView->setColumnWidth(TraceModel::IdColumn, metrics.horizontalAdvance(QStringLiteral("0000-0000")) + 12);
    m_traceView->setWordWrap(false);
    m_traceDetail->setReadOnly(true);
    m_traceDetail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    traceSplit->addWidget(m_traceView);
    traceSplit->addWidget(m_traceDetail);
    connect(m_traceView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const QString text = m_trace->data(m_trace->index(current.row(), TraceModel::TextColumn)).toString();
                const auto pretty = Core::JsonPretty::format(text.toUtf8());
                m_traceDetail->setPlainText(pretty ? QString::fromUtf8(*pretty) : text);
            });
    connect(m_trace, &QAbstractItemModel::rowsInserted, m_traceView, [this] {
        if (m_traceView->isVisible())
            m_traceView->scrollToBottom();
    });

    m_side->addTab(resultBox, tr("Result"));
    m_side->addTab(traceSplit, tr("Trace"));
    m_side->addTab(m_explorer, tr("Schema"));
    m_side->addTab(m_history, tr("History"));
    return m_side;
}

QComboBox *GraphQLWorkbench::authModeBox() const
{
    return m_auth->modeBox();
}

QLineEdit *GraphQLWorkbench::secretField() const
{
    return m_auth->secretField();
}

void GraphQLWorkbench::setTokenStore(Core::TokenStore *store)
{
    m_auth->setTokenStore(store);
}

void GraphQLWorkbench::showStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b91c1c") : QString());
}

std::optional<GraphQLWorkbench::Operation> GraphQLWorkbench::pickedOperation() const
{
    const QString name = m_editor->selectedOperationName();
    const ParseResult parsed = Parser::parseWithRecovery(m_editor->editor()->toPlainText().toUtf8());
    for (const Definition &definition : parsed.document.definitions) {
        const auto *operation = std::get_if<OperationDefinition>(&definition);
        if (!operation)
            continue;
        const QString operationName = operation->name ? operation->name->value : QString();
        if (operationName == name)
            return Operation{operation->operation, operationName};
    }
    return std::nullopt;
}

bool GraphQLWorkbench::subscribed() const
{
    return m_subscription && m_subscription->state() != SubscriptionClient::State::Closed;
}

void GraphQLWorkbench::updateSendButton()
{
    if (subscribed()) {
        m_send->setText(tr("Stop"));
        return;
    }
    const auto operation = pickedOperation();
    m_send->setText(operation && operation->type == OperationType::Subscription ? tr("Subscribe") : tr("Run"));
}

std::optional<QUrl> GraphQLWorkbench::endpoint()
{
    const QString typed = m_url->text().trimmed();
    const QUrl url = QUrl::fromUserInput(typed);
    if (typed.isEmpty() || !url.isValid() || url.host().isEmpty()) {
        showStatus(tr("Enter the GraphQL endpoint's URL first, e.g. https://<id>.appsync-api.<region>.amazonaws.com/graphql."), true);
        m_side->setCurrentIndex(0);
        return std::nullopt;
    }
    return url;
}

Core::HttpHeaders GraphQLWorkbench::extraHeaders() const
{
    Core::HttpHeaders headers;
    for (const Core::HeaderEntry &row : m_headers->rows()) {
        if (row.enabled && !row.name.trimmed().isEmpty())
            headers.add(row.name.trimmed().toUtf8(), row.value.toUtf8());
    }
    return headers;
}

void GraphQLWorkbench::send()
{
    if (subscribed()) {
        stopSubscription();
        return;
    }
    // The picker follows the document after a pause; text set or typed just now counts too.
    m_editor->editor()->checkNow();
    const auto operation = pickedOperation();
    if (operation && operation->type == OperationType::Subscription)
        subscribe();
    else
        run();
}

void GraphQLWorkbench::run()
{
    GraphQLEditor *editor = m_editor->editor();
    editor->checkNow();
    if (const QString problem = checkVariables(); !problem.isEmpty()) {
        showStatus(problem, true);
        m_side->setCurrentIndex(0);
        emit finished();
        return;
    }
    if (start(editor->toPlainText(), m_editor->selectedOperationName(), m_variables->toPlainText().trimmed().toUtf8(), false))
        remember(m_editor->selectedOperationName());
}

void GraphQLWorkbench::loadSchema()
{
    start(Schema::introspectionQuery(), QString(), QByteArray(), true);
}

bool GraphQLWorkbench::start(const QString &query, const QString &operationName, const QByteArray &variables,
                             bool forSchema)
{
    const auto url = endpoint();
    if (!url) {
        emit finished();
        return false;
    }
    if (m_query)
        m_query->cancel();
    showStatus(forSchema ? tr("Loading the schema…") : tr("Running…"), false);
    HttpQueryRequest request;
    request.url = *url;
    request.query = query;
    request.operationName = operationName;
    request.variablesJson = variables;
    request.headers = extraHeaders();
    m_auth->resolve(*url, this, [this, request, forSchema](const Core::Result<Auth> &auth) {
        if (!auth) {
            showStatus(auth.error().message, true);
            m_side->setCurrentIndex(0);
            emit finished();
            return;
        }
        m_query = HttpQuery::start(*m_http, request, *auth, this);
        connect(m_query, &HttpQuery::finished, this, [this, forSchema](const Core::Result<HttpQueryResult> &result) {
            if (!result.ok()) {
                showStatus(result.error().message, true);
            } else if (forSchema) {
                auto schema = Schema::fromIntrospection(result->rawBody);
                if (!schema.ok()) {
                    const QString why = result->response.errors.isEmpty() ? schema.error().message
                                                                           : result->response.errors.front().message;
                    showStatus(tr("The endpoint did not give its schema: %1").arg(why), true);
                } else {
                    auto shared = std::make_shared<const Schema>(std::move(*schema));
                    setSchema(shared);
                    showStatus(tr("Schema loaded: %n type(s).", nullptr, int(shared->types().size())), false);
                    m_side->setCurrentWidget(m_explorer);
                    insertStarterOperation(std::exchange(m_pendingField, QString()));
                    emit finished();
                    return;
                }
            } else {
                showAnswer(result->rawBody, result->response.errors);
                QString status = tr("HTTP %1 · %2 ms · %3").arg(result->httpStatus).arg(result->elapsedMs).arg(sizeText(result->rawBody.size()));
                // The errors themselves are in the list under the status, one per line.
                const auto &errors = result->response.errors;
                if (!errors.isEmpty())
                    status += QStringLiteral(" · ") + tr("%n error(s); click one to mark its path", nullptr, int(errors.size()));
                showStatus(status, !errors.isEmpty());
            }
            m_side->setCurrentIndex(0);
            emit finished();
        });
    });
    return true;
}

void GraphQLWorkbench::setSchema(std::shared_ptr<const Schema> schema)
{
    m_editor->editor()->setSchema(schema);
    m_explorer->setSchema(schema);
    m_executor = std::make_unique<Executor>(schema);
    m_variablesTimer->start();
}

void GraphQLWorkbench::showAnswer(const QByteArray &body, const QList<ResponseError> &errors)
{
    const auto pretty = Core::JsonPretty::format(body);
    m_resultJson = pretty.ok() ? *pretty : body;
    m_result->setPlainText(QString::fromUtf8(m_resultJson));
    m_shownErrors.clear();
    m_errors->clear();
    addErrors(errors, m_resultJson, QTextCursor(m_result->document()), QString());
    showInTree(m_resultJson, errors);
}

void GraphQLWorkbench::showInTree(const QByteArray &json, const QList<ResponseError> &errors)
{
    m_treeJson = json;
    m_treeMarks = errorPaths(errors);
    // Built only while it is on screen: a subscription may bring many events.
    m_treeStale = true;
    if (m_treeToggle->isChecked())
        rebuildTree();
}

void GraphQLWorkbench::rebuildTree()
{
    m_treeStale = false;
    if (m_treeJson.isEmpty() || !m_treeModel->setJson(m_treeJson).ok()) {
        m_treeModel->clear();
        return;
    }
    m_treeModel->setMarkedPaths(m_treeMarks);
    m_resultTree->expandToDepth(1);
    // Whatever an error marks is in view without unfolding by hand.
    for (const QVariantList &path : std::as_const(m_treeMarks)) {
        for (QModelIndex at = m_treeModel->indexForPath(path).parent(); at.isValid(); at = at.parent())
            m_resultTree->expand(at);
    }
    m_resultTree->resizeColumnToContents(Core::JsonTreeModel::KeyColumn);
}

void GraphQLWorkbench::addErrors(const QList<ResponseError> &errors, const QByteArray &json, const QTextCursor &origin,
                                 const QString &prefix)
{
    const QSignalBlocker blocker(m_errors);
    for (const ResponseError &error : errors) {
        auto *item = new QListWidgetItem(prefix + errorLine(error), m_errors);
        item->setToolTip(item->text());
        item->setData(kErrorRowRole, int(m_shownErrors.size()));
        item->setForeground(QColor(0xb9, 0x1c, 0x1c));
        m_shownErrors.append({error, json, origin});
    }
    // As tall as its rows (up to five), so the data keeps the room.
    const int rows = qMin(m_errors->count(), 5);
    const int rowHeight = qMax(m_errors->sizeHintForRow(0), m_errors->fontMetrics().height() + 4);
    m_errors->setFixedHeight(rows * rowHeight + 2 * m_errors->frameWidth() + 2);
    m_errors->setVisible(m_errors->count() > 0);
    if (!errors.isEmpty() && !prefix.isEmpty())
        m_errors->scrollToBottom();
}

void GraphQLWorkbench::showError(int row)
{
    if (row < 0 || row >= m_shownErrors.size())
        return;
    const ShownError &shown = m_shownErrors.at(row);
    const ResponseError &error = shown.error;
    // The deepest part of the path the data has: an error's field is often null, or its
    // parent is when the null went up to a nullable one.
    QVariantList segments = parseResponsePath(error.path);
    if (!segments.isEmpty() && !shown.json.isEmpty()) {
        segments.prepend(QStringLiteral("data"));
        std::optional<std::pair<qsizetype, qsizetype>> range;
        while (!segments.isEmpty() && !(range = locateJsonValue(shown.json, segments)))
            segments.removeLast();
        const int origin = shown.origin.position();
        if (range) {
            const int from = origin + int(QString::fromUtf8(shown.json.left(range->first)).size());
            const int to = from + int(QString::fromUtf8(shown.json.mid(range->first, range->second - range->first)).size());
            // An event dropped from the top of the view (its block limit) has nothing left to mark.
            if (to < m_result->document()->characterCount()) {
                QTextCursor cursor(m_result->document());
                cursor.setPosition(from);
                cursor.setPosition(to, QTextCursor::KeepAnchor);
                m_result->setTextCursor(cursor);
                m_result->centerCursor();
                QTextEdit::ExtraSelection mark;
                mark.cursor = cursor;
                mark.format.setBackground(QColor(0xfe, 0xca, 0xca));
                m_result->setExtraSelections({mark});
            }
        }
    }
    if (m_treeToggle->isChecked() && !segments.isEmpty() && shown.json == m_treeJson) {
        const QModelIndex at = m_treeModel->indexForPath(segments);
        m_resultTree->setCurrentIndex(at);
        m_resultTree->scrollTo(at);
    }
    // "3:5, 7:1": the first location, in the document as it is now.
    const QStringList first = error.locations.section(QLatin1Char(','), 0, 0).trimmed().split(QLatin1Char(':'));
    if (first.size() == 2) {
        const QTextBlock block = m_editor->editor()->document()->findBlockByNumber(first.at(0).toInt() - 1);
        if (block.isValid())
            m_editor->editor()->goTo(block.position() + qBound(0, first.at(1).toInt() - 1, block.length() - 1));
    }
}

QString GraphQLWorkbench::checkVariables()
{
    m_variablesTimer->stop();
    const QByteArray text = m_variables->toPlainText().trimmed().toUtf8();
    QString problem;
    if (!text.isEmpty()) {
        if (auto valid = Core::JsonPretty::validate(text); !valid)
        {
            QString why = valid.error().message;
            if (why.endsWith(QLatin1Char('.')))
                why.chop(1);
            problem = tr("Variables are not JSON: %1. Fix the text; it is sent only when it is a JSON object.").arg(why);
        }
        else if (!text.startsWith('{'))
            problem = tr("Variables must be a JSON object, e.g. { \"name\": \"Paris\" }.");
    }
    // Against the schema: required variables given, values of the declared types. The executor
    // coerces them as a server would, without running anything.
    if (problem.isEmpty() && m_executor) {
        ExecutionRequest request;
        request.query = m_editor->editor()->toPlainText().toUtf8();
        request.operationName = m_editor->selectedOperationName();
        request.variables = text;
        const Executor::Prepared prepared = m_executor->prepare(request);
        if (!prepared.ok) {
            for (const ResponseError &error : parseErrors(prepared.errorResponse)) {
                if (error.message.startsWith(QLatin1String("Variable \"$"))) {
                    problem = error.message;
                    break;
                }
            }
        }
    }
    m_variablesProblem->setText(problem);
    m_variablesProblem->setVisible(!problem.isEmpty());
    return problem;
}

} // namespace Gatehouse::Ui
