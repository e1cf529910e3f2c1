#include "graphqlworkbench.h"

#include "graphqleditor.h"
#include "graphqleditorpanel.h"
#include "graphqlschemaexplorer.h"

#include "core/graphql/httpquery.h"
#include "core/httpclient.h"
#include "core/jsonpretty.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Gatehouse::Ui {

using namespace Core::GraphQL;

GraphQLWorkbench::GraphQLWorkbench(QWidget *parent)
    : QWidget(parent)
    , m_http(new Core::HttpClient(this))
    , m_url(new QLineEdit(this))
    , m_authMode(new QComboBox(this))
    , m_secret(new QLineEdit(this))
    , m_loadSchema(new QPushButton(tr("Load schema"), this))
    , m_run(new QPushButton(tr("Run"), this))
    , m_editor(new GraphQLEditorPanel(this))
    , m_variables(new QPlainTextEdit(this))
    , m_side(new QTabWidget(this))
    , m_status(new QLabel(this))
    , m_result(new QPlainTextEdit(this))
    , m_explorer(new GraphQLSchemaExplorer(this))
{
    m_url->setPlaceholderText(tr("GraphQL endpoint, e.g. https://xxxx.appsync-api.eu-west-1.amazonaws.com/graphql"));
    m_authMode->addItem(tr("No auth"), int(AuthMode::None));
    m_authMode->addItem(tr("API key"), int(AuthMode::ApiKey));
    m_authMode->addItem(tr("Cognito user pools"), int(AuthMode::CognitoUserPools));
    m_authMode->addItem(tr("OpenID Connect"), int(AuthMode::OpenIdConnect));
    m_authMode->addItem(tr("Lambda authorizer"), int(AuthMode::AwsLambda));
    m_secret->setEchoMode(QLineEdit::Password);
    m_run->setToolTip(tr("Send the operation under the cursor (Ctrl+Return)"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_url, 1);
    top->addWidget(m_authMode);
    top->addWidget(m_secret);
    top->addWidget(m_loadSchema);
    top->addWidget(m_run);

    auto *variablesBox = new QWidget(this);
    auto *variablesLayout = new QVBoxLayout(variablesBox);
    variablesLayout->setContentsMargins(0, 0, 0, 0);
    auto *variablesLabel = new QLabel(tr("&Variables (JSON object)"), variablesBox);
    variablesLabel->setBuddy(m_variables);
    variablesLayout->addWidget(variablesLabel);
    variablesLayout->addWidget(m_variables);
    m_variables->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_variables->setPlaceholderText(QStringLiteral("{ \"name\": \"Paris\" }"));

    auto *left = new QSplitter(Qt::Vertical, this);
    left->addWidget(m_editor);
    left->addWidget(variablesBox);
    left->setStretchFactor(0, 4);
    left->setStretchFactor(1, 1);

    auto *resultBox = new QWidget(this);
    auto *resultLayout = new QVBoxLayout(resultBox);
    resultLayout->setContentsMargins(0, 0, 0, 0);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    resultLayout->addWidget(m_status);
    resultLayout->addWidget(m_result, 1);
    m_result->setReadOnly(true);
    m_result->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_side->addTab(resultBox, tr("Result"));
    m_side->addTab(m_explorer, tr("Schema"));

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_side);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    updateSecretField();
    connect(m_authMode, &QComboBox::currentIndexChanged, this, &GraphQLWorkbench::updateSecretField);
    connect(m_run, &QPushButton::clicked, this, &GraphQLWorkbench::run);
    connect(m_loadSchema, &QPushButton::clicked, this, &GraphQLWorkbench::loadSchema);
    auto *runAction = new QAction(tr("Run"), this);
    runAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    runAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(runAction, &QAction::triggered, this, &GraphQLWorkbench::run);
    addAction(runAction);
}

GraphQLWorkbench::~GraphQLWorkbench()
{
    if (m_query)
        m_query->cancel();
}

void GraphQLWorkbench::updateSecretField()
{
    const auto mode = AuthMode(m_authMode->currentData().toInt());
    m_secret->setEnabled(mode != AuthMode::None);
    m_secret->setPlaceholderText(mode == AuthMode::ApiKey ? tr("API key") : mode == AuthMode::None ? QString() : tr("Token"));
}

Auth GraphQLWorkbench::auth() const
{
    Auth auth;
    auth.mode = AuthMode(m_authMode->currentData().toInt());
    if (auth.mode == AuthMode::ApiKey)
        auth.apiKey = m_secret->text().trimmed();
    else
        auth.token = m_secret->text().trimmed();
    return auth;
}

void GraphQLWorkbench::showStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b91c1c") : QString());
}

bool GraphQLWorkbench::start(const QString &query, const QString &operationName, const QByteArray &variables,
                             bool forSchema)
{
    const QUrl url = QUrl::fromUserInput(m_url->text().trimmed());
    if (m_url->text().trimmed().isEmpty() || !url.isValid() || url.host().isEmpty()) {
        showStatus(tr("Enter the GraphQL endpoint's URL first, e.g. https://<id>.appsync-api.<region>.amazonaws.com/graphql."), true);
        m_side->setCurrentIndex(0);
        emit finished();
        return false;
    }
    if (m_query)
        m_query->cancel();
    HttpQueryRequest request;
    request.url = url;
    request.query = query;
    request.operationName = operationName;
    request.variablesJson = variables;
    showStatus(forSchema ? tr("Loading the schema…") : tr("Running…"), false);
    m_query = HttpQuery::start(*m_http, request, auth(), this);
    connect(m_query, &HttpQuery::finished, this, [this, forSchema](const Core::Result<HttpQueryResult> &result) {
        if (!result.ok()) {
            showStatus(result.error().message, true);
            m_side->setCurrentIndex(0);
            emit finished();
            return;
        }
        if (forSchema) {
            auto schema = Schema::fromIntrospection(result->rawBody);
            if (!schema.ok()) {
                QString why = result->response.errors.isEmpty() ? schema.error().message
                                                                 : result->response.errors.front().message;
                showStatus(tr("The endpoint did not give its schema: %1").arg(why), true);
                m_side->setCurrentIndex(0);
            } else {
                auto shared = std::make_shared<const Schema>(std::move(*schema));
                m_editor->editor()->setSchema(shared);
                m_explorer->setSchema(shared);
                showStatus(tr("Schema loaded: %n type(s).", nullptr, int(shared->types().size())), false);
                m_side->setCurrentWidget(m_explorer);
            }
            emit finished();
            return;
        }
        const auto pretty = Core::JsonPretty::format(result->rawBody);
        m_result->setPlainText(pretty.ok() ? QString::fromUtf8(*pretty) : QString::fromUtf8(result->rawBody));
        QString status = tr("HTTP %1 · %2 ms").arg(result->httpStatus).arg(result->elapsedMs);
        const auto &errors = result->response.errors;
        if (!errors.isEmpty()) {
            QStringList lines;
            for (const ResponseError &error : errors)
                lines << (error.path.isEmpty() ? error.message : error.path + QStringLiteral(": ") + error.message);
            status += QLatin1Char('\n') + tr("%n error(s):", nullptr, int(errors.size())) + QLatin1Char('\n')
                      + lines.join(QLatin1Char('\n'));
        }
        showStatus(status, !errors.isEmpty());
        m_side->setCurrentIndex(0);
        emit finished();
    });
    return true;
}

void GraphQLWorkbench::run()
{
    GraphQLEditor *editor = m_editor->editor();
    editor->checkNow();
    start(editor->toPlainText(), m_editor->selectedOperationName(), m_variables->toPlainText().trimmed().toUtf8(), false);
}

void GraphQLWorkbench::loadSchema()
{
    start(Schema::introspectionQuery(), QString(), QByteArray(), true);
}

} // namespace Gatehouse::Ui
