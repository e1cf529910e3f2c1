#include "requestbuilderwidget.h"

#include "authpanel.h"
#include "core/oauth2/tokenmanager.h"
#include "ui/widgets/statusstyle.h"
#include "ui/environments/environmentselector.h"
#include "documenteditcommand.h"
#include "jsonhighlighter.h"
#include "keyvaluetable.h"
#include "responseview.h"
#include "settextcommand.h"
#include "signingview.h"

#include "core/aws/stsclient.h"

#include "core/jsonpretty.h"
#include "core/xmlbody.h"

#include <QAction>
#include <QComboBox>
#include <QFormLayout>
#include <QCheckBox>
#include <QSpinBox>
#include <QClipboard>
#include <QFileDialog>
#include <QGuiApplication>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QInputDialog>
#include <QMenu>
#include <QPlainTextEdit>
#include <QShortcut>
#include <QStackedWidget>
#include <QTabBar>
#include <QToolButton>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace Gatehouse::Ui {

namespace {

// The body kind combo lists Core::BodyKind in order (None, JSON, XML, Text, ...).
Core::BodyKind kindAt(int index)
{
    return index >= 0 && index <= int(Core::BodyKind::Binary) ? static_cast<Core::BodyKind>(index) : Core::BodyKind::None;
}

int indexOfKind(Core::BodyKind kind)
{
    return int(kind);
}

bool isFormKind(Core::BodyKind kind)
{
    return kind == Core::BodyKind::Form || kind == Core::BodyKind::Multipart;
}

} // namespace

RequestBuilderWidget::RequestBuilderWidget(QWidget *parent)
    : QWidget(parent),
      m_client(new Core::HttpClient(this)),
      m_undoStack(new QUndoStack(this)),
      m_method(new QComboBox(this)),
      m_url(new QLineEdit(this)),
      m_send(new QPushButton(tr("Send"), this)),
      m_problem(new QLabel(this)),
      m_tabs(new QTabWidget(this)),
      m_params(new KeyValueTable(tr("Parameter"), tr("Value"), this)),
      m_headers(new KeyValueTable(tr("Header"), tr("Value"), this)),
      m_variables(new KeyValueTable(tr("Variable"), tr("Value"), this)),
      m_bodyKind(new QComboBox(this)),
      m_body(new QPlainTextEdit(this)),
      m_bodyStatus(new QLabel(this)),
      m_environmentLabel(new QLabel(this)),
      m_environmentSelector(new EnvironmentSelector(QString(), nullptr, this)),
      m_response(new ResponseView(this)),
      m_auth(new AuthPanel(this)),
      m_sts(new Core::Aws::StsClient(this)),
      m_authorizer(new Core::Aws::RequestAuthorizer(this))
{
    m_params->setObjectName(QStringLiteral("paramsTable"));
    m_headers->setObjectName(QStringLiteral("headersTable"));
    m_variables->setObjectName(QStringLiteral("variablesTable"));
    m_response->setObjectName(QStringLiteral("responseView"));
    m_problem->setObjectName(QStringLiteral("problemLabel"));
    m_problem->setStyleSheet(QLatin1String(StatusStyle::Problem));
    m_problem->setWordWrap(true);
    m_problem->hide();

    buildTabs();
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_tabs);
    splitter->addWidget(m_response);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({240, 460}); // the table's size hint would otherwise squeeze the response

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(8);
    // The environment applies to every tab, so it sits beside them rather than in one.
    auto *top = new QHBoxLayout;
    top->addWidget(buildRequestTabs(), 1);
    top->addWidget(m_environmentSelector);
    layout->addLayout(top);
    connect(m_environmentSelector, &EnvironmentSelector::environmentChanged, this,
            &RequestBuilderWidget::setBaseEnvironment);
    layout->addWidget(buildRequestLine());
    m_tlsWarning = new QLabel(tr("TLS certificates are not checked (File \u203a Network Settings): anyone on the path "
                                 "can read and change these requests."),
                              this);
    m_tlsWarning->setObjectName(QStringLiteral("tlsWarning"));
    m_tlsWarning->setWordWrap(true);
    m_tlsWarning->setStyleSheet(QStringLiteral("QLabel { color: white; background: #c5221f; padding: 4px 8px; "
                                               "border-radius: 4px; }"));
    m_tlsWarning->hide();
    layout->addWidget(m_tlsWarning);
    layout->addWidget(m_problem);
    layout->addWidget(splitter, 1);

    setupUndo();
    setupCollections();
    setFocusProxy(m_url);
    m_url->setFocus();
}

void RequestBuilderWidget::buildTabs()
{
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_params, QString());
    m_tabs->addTab(m_headers, QString());
    m_tabs->addTab(buildBodyTab(), QString());
    m_tabs->addTab(buildVariablesTab(), QString());
    m_tabs->addTab(m_auth, QString());
    setupInheritAuth();
    m_tabs->addTab(buildSettingsTab(), QString());
    m_auth->setObjectName(QStringLiteral("authPanel"));
    m_authorizer->setRoleAssumer(m_sts); // role_arn profiles assume their role through STS
    m_auth->setHttpClient(m_client); // OAuth 2.0 tokens go through the same network settings
    m_auth->setEnvironmentProvider([this] { return environment(); });
    m_params->setKeyPlaceholder(tr("Add a query parameter"));
    m_headers->setKeyPlaceholder(tr("Add a header"));
    m_variables->setKeyPlaceholder(tr("Add a variable, use it as {{name}}"));
    updateTabTitles();
    connect(m_params, &KeyValueTable::rowsEdited, this, &RequestBuilderWidget::onParamsEdited);
    connect(m_headers, &KeyValueTable::rowsEdited, this, &RequestBuilderWidget::updateTabTitles);
    connect(m_variables, &KeyValueTable::rowsEdited, this, &RequestBuilderWidget::updateTabTitles);
    connect(m_variables, &KeyValueTable::rowsEdited, this, &RequestBuilderWidget::onBodyChanged);
    connect(m_auth, &AuthPanel::edited, this, &RequestBuilderWidget::updateTabTitles);
}

RequestBuilderWidget::~RequestBuilderWidget()
{
    for (const Exchange &exchange : std::as_const(m_exchanges)) {
        if (exchange.job)
            exchange.job->disconnect(this);
    }
    // ~QWidget clears focus after this destructor has run; the URL edit's editingFinished
    // must not reach sealTyping() on a half-destroyed builder (UBSan saw it).
    m_url->disconnect(this);
    // Likewise the undo stack (a child, destroyed after the tab states) and the tab bar.
    m_undoStack->disconnect(this);
    m_requestTabs->disconnect(this);
}

QWidget *RequestBuilderWidget::buildRequestLine()
{
    auto *line = new QWidget(this);
    auto *row = new QHBoxLayout(line);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(6);

    m_method->setObjectName(QStringLiteral("methodCombo"));
    m_method->setEditable(true);
    m_method->setInsertPolicy(QComboBox::NoInsert);
    m_method->addItems({QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"), QStringLiteral("PATCH"),
                        QStringLiteral("DELETE"), QStringLiteral("HEAD"), QStringLiteral("OPTIONS")});
    m_method->setMinimumWidth(110);
    m_method->setToolTip(tr("HTTP method; type any other verb"));
    m_lastMethod = m_method->currentText();

    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(tr("https://api.example.com/items?limit=10   \u2014 use {{name}} for variables"));
    m_url->setClearButtonEnabled(true);
    m_url->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    setupSendButton();

    const int height = qMax(m_url->sizeHint().height(), 32);
    for (QWidget *w : {static_cast<QWidget *>(m_method), static_cast<QWidget *>(m_url), static_cast<QWidget *>(m_send)})
        w->setMinimumHeight(height);

    row->addWidget(m_method);
    row->addWidget(m_url, 1);
    row->addWidget(m_send);

    connect(m_url, &QLineEdit::textEdited, this, &RequestBuilderWidget::onUrlEdited);
    connect(m_url, &QLineEdit::returnPressed, this, &RequestBuilderWidget::send);
    connect(m_url, &QLineEdit::editingFinished, this, &RequestBuilderWidget::sealTyping);
    connect(m_method, &QComboBox::currentTextChanged, this, &RequestBuilderWidget::onMethodEdited);
    return line;
}

void RequestBuilderWidget::setupSendButton()
{
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setDefault(true);
    m_send->setMinimumWidth(96);
    m_send->setToolTip(tr("Send the request (Ctrl+Return)"));
    m_send->setStyleSheet(QStringLiteral(
        "QPushButton { background: #2563eb; color: white; border: none; border-radius: 4px;"
        " padding: 6px 16px; font-weight: 600; }"
        "QPushButton:hover { background: #1d4ed8; }"
        "QPushButton[sending=\"true\"] { background: #6b7280; }"));
    connect(m_send, &QPushButton::clicked, this, [this] { isSending() ? cancel() : send(); });
    auto *sendAction = new QAction(tr("Send Request"), this);
    sendAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    sendAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(sendAction, &QAction::triggered, this, &RequestBuilderWidget::send);
    addAction(sendAction);
}

QWidget *RequestBuilderWidget::buildBodyTab()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(6);

    auto *kindRow = new QHBoxLayout;
    kindRow->addWidget(new QLabel(tr("Body:"), page));
    m_bodyKind->setObjectName(QStringLiteral("bodyKindCombo"));
    m_bodyKind->addItems({tr("None"), tr("JSON"), tr("XML"), tr("Text"), tr("Form (urlencoded)"), tr("Multipart form"),
                          tr("Binary file")});
    kindRow->addWidget(m_bodyKind);
    kindRow->addStretch(1);
    layout->addLayout(kindRow);

    // Form fields: "@path" as a value sends that file (multipart only), as curl -F does.
    m_formFields = new KeyValueTable(tr("Field"), tr("Value (@path for a file)"), page);
    m_formFields->setObjectName(QStringLiteral("formFieldsTable"));
    m_formFields->setKeyPlaceholder(tr("Add a form field"));
    m_bodyFileRow = new QWidget(page);
    auto *fileLayout = new QHBoxLayout(m_bodyFileRow);
    fileLayout->setContentsMargins(0, 0, 0, 0);
    m_bodyFile = new QLineEdit(m_bodyFileRow);
    m_bodyFile->setObjectName(QStringLiteral("bodyFileEdit"));
    m_bodyFile->setPlaceholderText(tr("the file whose bytes are the body; {{variables}} work here"));
    auto *browse = new QPushButton(tr("Choose\u2026"), m_bodyFileRow);
    fileLayout->addWidget(m_bodyFile, 1);
    fileLayout->addWidget(browse);
    fileLayout->setAlignment(Qt::AlignTop);
    m_bodyPages = new QStackedWidget(page);
    m_bodyPages->addWidget(m_body);
    m_bodyPages->addWidget(m_formFields);
    m_bodyPages->addWidget(m_bodyFileRow);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Choose the body file"), m_bodyFile->text());
        if (!path.isEmpty()) {
            m_bodyFile->setText(path);
            onBodyChanged();
        }
    });
    connect(m_formFields, &KeyValueTable::rowsEdited, this, &RequestBuilderWidget::onBodyChanged);
    connect(m_bodyFile, &QLineEdit::textEdited, this, &RequestBuilderWidget::onBodyChanged);

    m_body->setObjectName(QStringLiteral("bodyEdit"));
    m_body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_body->setTabStopDistance(m_body->fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 2);
    m_body->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_body->document()->setDocumentMargin(6);
    new JsonHighlighter(m_body->document());
    layout->addWidget(m_bodyPages, 1);

    m_bodyStatus->setObjectName(QStringLiteral("bodyStatusLabel"));
    m_bodyStatus->setWordWrap(true);
    layout->addWidget(m_bodyStatus);

    connect(m_bodyKind, &QComboBox::currentIndexChanged, this, &RequestBuilderWidget::onBodyChanged);
    connect(m_body, &QPlainTextEdit::textChanged, this, &RequestBuilderWidget::onBodyChanged);
    onBodyChanged();
    return page;
}

QWidget *RequestBuilderWidget::buildVariablesTab()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(6);
    auto *top = new QHBoxLayout;
    m_environmentLabel->setObjectName(QStringLiteral("environmentLabel"));
    m_environmentLabel->setWordWrap(true);
    top->addWidget(m_environmentLabel, 1);
    auto *load = new QPushButton(tr("Load Environment\u2026"), page);
    load->setToolTip(tr("Read a Postman environment export or a flat {\"key\": \"value\"} JSON file"));
    connect(load, &QPushButton::clicked, this, &RequestBuilderWidget::chooseEnvironmentFile);
    top->addWidget(load);
    layout->addLayout(top);
    layout->addWidget(m_variables, 1);
    updateEnvironmentLabel();
    return page;
}

void RequestBuilderWidget::chooseEnvironmentFile()
{
    auto *dialog = new QFileDialog(this, tr("Load Environment"), QString(), tr("JSON files (*.json);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        if (const Core::Result<void> loaded = loadEnvironment(path); !loaded)
            showProblem(loaded.error().message);
    });
    dialog->open();
}

Core::Result<void> RequestBuilderWidget::loadEnvironment(const QString &path)
{
    Core::Result<Core::Environment> loaded = Core::loadEnvironmentFile(path);
    if (!loaded)
        return loaded.error();
    setBaseEnvironment(*loaded);
    m_environmentSelector->showFileEnvironment(loaded->name);
    showProblem(QString());
    return {};
}

void RequestBuilderWidget::updateEnvironmentLabel()
{
    if (m_baseEnvironment.variables.isEmpty()) {
        m_environmentLabel->setText(tr("Variables defined here are used as {{name}} in the URL, headers and body."));
        return;
    }
    QStringList keys;
    for (const Core::EnvironmentVariable &var : std::as_const(m_baseEnvironment.variables)) {
        if (var.enabled && !keys.contains(var.key))
            keys.append(var.key);
    }
    m_environmentLabel->setText(tr("Environment '%1' defines %2. Rows here override it.")
                                    .arg(m_baseEnvironment.name, keys.join(QStringLiteral(", "))));
}

void RequestBuilderWidget::setupUndo()
{
    connect(m_body->document(), &QTextDocument::undoCommandAdded, this, [this] {
        if (!m_applying)
            m_undoStack->push(new DocumentEditCommand(tr("Edit body"), m_body->document()));
    });
    // The window's Edit menu holds the undo actions (undoStack()). The editors would keep
    // their own undo history for Ctrl+Z; route it to the request's stack instead.
    m_url->installEventFilter(this);
    m_body->installEventFilter(this);
    if (m_method->lineEdit())
        m_method->lineEdit()->installEventFilter(this);
}

bool RequestBuilderWidget::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        // Pasting a cURL command into an empty URL field imports it, as Postman does.
        if (watched == m_url && event->type() == QEvent::KeyPress && key->matches(QKeySequence::Paste) &&
            (m_url->text().isEmpty() || m_url->selectedText() == m_url->text()) &&
            importCurlText(QGuiApplication::clipboard()->text())) {
            event->accept();
            return true;
        }
        const bool isUndo = key->matches(QKeySequence::Undo);
        const bool isRedo = key->matches(QKeySequence::Redo);
        if (isUndo || isRedo) {
            event->accept();
            if (event->type() == QEvent::KeyPress) {
                sealTyping();
                isUndo ? m_undoStack->undo() : m_undoStack->redo();
            }
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void RequestBuilderWidget::sealTyping()
{
    if (m_undoStack->index() == 0)
        return;
    auto *top = const_cast<QUndoCommand *>(m_undoStack->command(m_undoStack->index() - 1));
    if (top && (top->id() == UrlTypingId || top->id() == MethodTypingId))
        static_cast<SetTextCommand *>(top)->seal();
}

void RequestBuilderWidget::applyUrl(const QString &text)
{
    m_applying = true;
    m_url->setText(text);
    m_lastUrl = text;
    syncParamsFromUrl();
    m_applying = false;
}

QWidget *RequestBuilderWidget::buildSettingsTab()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("settingsPage"));
    auto *form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    m_timeout = new QSpinBox(page);
    m_timeout->setObjectName(QStringLiteral("timeout"));
    m_timeout->setRange(1, 3600);
    m_timeout->setValue(30);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setToolTip(tr("Give up when the whole exchange, body included, takes longer than this."));
    form->addRow(tr("Timeout:"), m_timeout);
    m_followRedirects = new QCheckBox(tr("Follow redirects"), page);
    m_followRedirects->setObjectName(QStringLiteral("followRedirects"));
    m_followRedirects->setToolTip(tr("Off: a 3xx answer is shown as it came, with its Location header (as curl "
                                     "does without -L). On: Gatehouse follows it and shows the final answer."));
    form->addRow(QString(), m_followRedirects);
    connect(m_timeout, &QSpinBox::valueChanged, this, [this](int seconds) {
        const QString text = QString::number(seconds);
        if (!m_applying && text != m_lastTimeout)
            m_undoStack->push(new SetTextCommand(tr("Change timeout"), TimeoutId, m_lastTimeout, text,
                                                 [this](const QString &t) { applyTimeout(t); }, true));
        m_lastTimeout = text;
        updateTabTitles();
    });
    connect(m_followRedirects, &QCheckBox::toggled, this, [this](bool on) {
        if (!m_applying)
            m_undoStack->push(new SetTextCommand(tr("Follow redirects"), -1,
                                                 on ? QStringLiteral("false") : QStringLiteral("true"),
                                                 on ? QStringLiteral("true") : QStringLiteral("false"),
                                                 [this](const QString &t) { applyFollowRedirects(t); }, true));
        updateTabTitles();
    });
    return page;
}

void RequestBuilderWidget::applyTimeout(const QString &seconds)
{
    m_applying = true;
    m_timeout->setValue(seconds.toInt());
    m_lastTimeout = QString::number(m_timeout->value());
    m_applying = false;
}

void RequestBuilderWidget::applyFollowRedirects(const QString &on)
{
    m_applying = true;
    m_followRedirects->setChecked(on == QLatin1String("true"));
    m_applying = false;
}

void RequestBuilderWidget::applyMethod(const QString &text)
{
    m_applying = true;
    m_method->setCurrentText(text);
    m_lastMethod = text;
    m_applying = false;
}

void RequestBuilderWidget::onUrlEdited(const QString &text)
{
    if (m_applying || text == m_lastUrl)
        return;
    m_undoStack->push(new SetTextCommand(tr("Edit URL"), UrlTypingId, m_lastUrl, text,
                                         [this](const QString &t) { applyUrl(t); }, true));
    m_lastUrl = text;
    syncParamsFromUrl();
    showProblem(QString());
}

void RequestBuilderWidget::onMethodEdited(const QString &text)
{
    if (m_applying || text == m_lastMethod)
        return;
    m_undoStack->push(new SetTextCommand(tr("Change method"), MethodTypingId, m_lastMethod, text,
                                         [this](const QString &t) { applyMethod(t); }, true));
    m_lastMethod = text;
}

// The URL is the truth for enabled params; disabled rows live only in the table.
void RequestBuilderWidget::syncParamsFromUrl()
{
    m_urlParams = Core::UrlQuery::paramsFromUrl(m_url->text());
    m_auth->setUrl(m_url->text());
    QList<Core::HeaderEntry> rows;
    for (const Core::QueryParam &param : std::as_const(m_urlParams))
        rows.append({true, param.key, param.value});
    for (const Core::HeaderEntry &row : m_params->rows()) {
        if (!row.enabled)
            rows.append(row);
    }
    m_params->setRows(rows);
    updateTabTitles();
}

void RequestBuilderWidget::onParamsEdited()
{
    if (m_applying)
        return;
    QList<Core::QueryParam> params;
    for (const Core::HeaderEntry &row : m_params->rows()) {
        if (!row.enabled)
            continue;
        // Keep "flag" (no '=') as it was unless the person gave it a value.
        const bool wasFlag = std::any_of(m_urlParams.cbegin(), m_urlParams.cend(), [&row](const Core::QueryParam &p) {
            return p.key == row.name && !p.hasValue;
        });
        params.append({row.name, row.value, !row.value.isEmpty() || !wasFlag});
    }
    const QString url = Core::UrlQuery::replaceQuery(m_url->text(), params);
    updateTabTitles();
    if (url == m_lastUrl)
        return;
    m_applying = true;
    m_url->setText(url);
    m_applying = false;
    m_undoStack->push(new SetTextCommand(tr("Edit query parameters"), -1, m_lastUrl, url,
                                         [this](const QString &t) { applyUrl(t); }, true));
    m_lastUrl = url;
    m_urlParams = params;
}

void RequestBuilderWidget::onBodyChanged()
{
    const Core::BodyKind kind = kindAt(m_bodyKind->currentIndex());
    m_bodyPages->setCurrentIndex(isFormKind(kind) ? 1 : kind == Core::BodyKind::Binary ? 2 : 0);
    if (kind == Core::BodyKind::Form && std::any_of(m_formFields->rows().cbegin(), m_formFields->rows().cend(),
                                                    [](const Core::HeaderEntry &row) {
                                                        return row.enabled && row.value.startsWith(QLatin1Char('@'));
                                                    })) {
        m_bodyStatus->setText(tr("A urlencoded form sends @path values as text; choose Multipart form to upload files."));
        m_bodyStatus->setStyleSheet(QLatin1String(StatusStyle::Problem));
        updateTabTitles();
        return;
    }
    m_body->setEnabled(kind != Core::BodyKind::None);
    m_body->setPlaceholderText(kind == Core::BodyKind::None ? tr("This request has no body. Choose a kind above (JSON, XML, text, a form or a file) to send one.")
                                                            : tr("Type the request body here."));
    const QString text = m_body->toPlainText();
    const bool xml = kind == Core::BodyKind::Xml;
    if ((kind != Core::BodyKind::Json && !xml) || text.trimmed().isEmpty()) {
        m_bodyStatus->clear();
        updateTabTitles();
        return;
    }
    // Checked as it will be sent, variables filled in; an invalid body is explained, not refused.
    const Core::Result<QString> substituted = Core::substitute(text, environment());
    const QByteArray bytes = (substituted ? *substituted : text).toUtf8();
    const Core::Result<void> valid = xml ? Core::XmlBody::validate(bytes) : Core::validateJson(bytes);
    if (xml)
        m_bodyStatus->setText(valid ? tr("Well-formed XML") : tr("Invalid XML: %1").arg(valid.error().message));
    else
        m_bodyStatus->setText(valid ? tr("Valid JSON") : tr("Invalid JSON: %1").arg(valid.error().message));
    m_bodyStatus->setStyleSheet(QLatin1String(valid ? StatusStyle::Fine : StatusStyle::Problem));
    updateTabTitles();
}

void RequestBuilderWidget::updateTabTitles()
{
    const auto titled = [](const QString &name, qsizetype count) {
        return count > 0 ? QStringLiteral("%1 (%2)").arg(name).arg(count) : name;
    };
    m_tabs->setTabText(0, titled(tr("Params"), m_params->enabledCount()));
    m_tabs->setTabText(1, titled(tr("Headers"), m_headers->enabledCount()));
    const bool hasBody = kindAt(m_bodyKind->currentIndex()) != Core::BodyKind::None;
    m_tabs->setTabText(2, hasBody ? tr("Body \u2022") : tr("Body"));
    m_tabs->setTabText(3, titled(tr("Variables"), m_variables->enabledCount()));
    const QString auth = m_auth->summary();
    m_tabs->setTabText(4, auth.isEmpty() ? tr("Auth") : tr("Auth (%1)").arg(auth));
    const bool defaults = !m_timeout || (m_timeout->value() == 30 && !m_followRedirects->isChecked());
    m_tabs->setTabText(5, defaults ? tr("Settings") : tr("Settings \u2022"));
}

void RequestBuilderWidget::showProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

Core::RequestSpec RequestBuilderWidget::requestSpec() const
{
    Core::RequestSpec spec;
    spec.method = m_method->currentText().trimmed();
    spec.url = m_url->text();
    spec.headers = m_headers->rows();
    spec.body = m_body->toPlainText();
    spec.bodyKind = kindAt(m_bodyKind->currentIndex());
    for (const Core::HeaderEntry &row : m_formFields->rows()) {
        const bool file = spec.bodyKind == Core::BodyKind::Multipart && row.value.startsWith(QLatin1Char('@'));
        spec.formFields.append({row.enabled, row.name, file ? row.value.mid(1) : row.value, file});
    }
    spec.bodyFile = m_bodyFile->text().trimmed();
    spec.auth = m_auth->auth();
    spec.timeoutMs = m_timeout->value() * 1000;
    spec.followRedirects = m_followRedirects->isChecked();
    return spec;
}

void RequestBuilderWidget::setRequestSpec(const Core::RequestSpec &spec)
{
    m_applying = true;
    m_method->setCurrentText(spec.method);
    m_lastMethod = spec.method;
    m_headers->setRows(spec.headers);
    m_bodyKind->setCurrentIndex(indexOfKind(spec.bodyKind));
    m_body->setPlainText(spec.body);
    QList<Core::HeaderEntry> fields;
    for (const Core::FormField &field : spec.formFields)
        fields.append({field.enabled, field.name, field.file ? QLatin1Char('@') + field.value : field.value});
    m_formFields->setRows(fields);
    m_bodyFile->setText(spec.bodyFile);
    m_auth->setAuth(spec.auth);
    m_applying = false;
    applyTimeout(QString::number(std::max(1, (spec.timeoutMs + 999) / 1000)));
    applyFollowRedirects(spec.followRedirects ? QStringLiteral("true") : QStringLiteral("false"));
    m_params->setRows({});
    applyUrl(spec.url);
    m_undoStack->clear();
    onBodyChanged();
}

void RequestBuilderWidget::openRequest(const QString &method, const QString &url)
{
    sealTyping();
    m_undoStack->beginMacro(tr("Open %1 %2").arg(method, url));
    m_undoStack->push(new SetTextCommand(tr("Change method"), -1, m_lastMethod, method,
                                         [this](const QString &t) { applyMethod(t); }, false));
    m_undoStack->push(new SetTextCommand(tr("Edit URL"), -1, m_lastUrl, url,
                                         [this](const QString &t) { applyUrl(t); }, false));
    m_undoStack->endMacro();
    showProblem(QString());
    m_url->setFocus();
}

void RequestBuilderWidget::setBaseEnvironment(const Core::Environment &environment)
{
    m_baseEnvironment = environment;
    updateEnvironmentLabel();
    onBodyChanged();
}

Core::Environment RequestBuilderWidget::environment() const
{
    Core::Environment env = m_baseEnvironment;
    for (const Core::HeaderEntry &row : m_variables->rows())
        env.variables.append({row.name.trimmed(), row.value, row.enabled, false});
    return env;
}

void RequestBuilderWidget::setTarget(const Core::Target &target)
{
    m_authorizer->setTarget(target);
    m_auth->setTarget(target, m_authorizer->environment());
}

void RequestBuilderWidget::send()
{
    if (isSending())
        return;
    sealTyping();
    Core::RequestSpec spec = requestSpec();
    Core::Environment environment = this->environment();
    if (!applyCollection(spec, environment))
        return;
    const Core::Result<Core::HttpClientRequest> request = spec.toClientRequest(environment);
    if (!request) {
        const bool missingVariables = !spec.unresolvedVariables(environment).isEmpty();
        showProblem(missingVariables ? tr("%1 Define them in the Variables tab.").arg(request.error().message)
                                     : request.error().message);
        return;
    }
    const Core::RequestAuth auth = spec.auth;
    std::optional<OAuthSend> oauth;
    if (auth.kind == Core::AuthKind::OAuth2) {
        const Core::Result<Core::OAuth2Settings> settings = Core::resolveOAuth2Settings(auth.oauth2, environment);
        if (!settings) {
            showProblem(settings.error().message);
            return;
        }
        oauth = OAuthSend{*request, *settings, false};
    }
    showProblem(QString());
    m_response->signingView()->clear();
    const int tabId = m_shownTabId;
    m_exchanges.insert(tabId, Exchange{++m_sendId, nullptr, QString(), oauth, spec, environment});
    setSending(true);
    if (oauth)
        tokenAndSend(tabId);
    else if (auth.kind == Core::AuthKind::AwsSigV4)
        signAndSend(tabId, *request, auth);
    else
        startJob(tabId, *request);
}

RequestBuilderWidget::Exchange *RequestBuilderWidget::exchange(int tabId, quint64 id)
{
    const auto it = m_exchanges.find(tabId);
    return it != m_exchanges.end() && it->id == id ? &*it : nullptr;
}

void RequestBuilderWidget::showPendingFor(int tabId, const QString &message)
{
    if (auto it = m_exchanges.find(tabId); it != m_exchanges.end())
        it->pending = message;
    if (tabId == m_shownTabId)
        m_response->showPending(message);
}

void RequestBuilderWidget::failExchange(int tabId, const Core::Error &error)
{
    m_exchanges.remove(tabId);
    if (auto it = m_tabStates.find(tabId); it != m_tabStates.end())
        it->answer = Core::Result<Core::HttpClientResponse>(error);
    if (tabId != m_shownTabId)
        return;
    setSending(false);
    if (error.code == Core::ErrorCode::Cancelled) {
        m_response->showError(error);
    } else {
        m_response->clear();
        showProblem(error.message);
    }
}

// The token the panel's TokenManager holds (fetched or renewed first when needed), then the request.
void RequestBuilderWidget::tokenAndSend(int tabId)
{
    showPendingFor(tabId, tr("Getting the OAuth 2.0 token\u2026"));
    const quint64 id = m_exchanges.value(tabId).id;
    m_auth->tokenManager()->token(m_exchanges.value(tabId).oauth->settings, this,
                                  [this, tabId, id](const Core::Result<Core::OAuth2::CachedToken> &token) {
        Exchange *ex = exchange(tabId, id);
        if (!ex || !ex->oauth)
            return;
        Core::HttpClientRequest request = ex->oauth->request;
        const Core::Result<void> applied =
            token ? Core::OAuth2::applyToken(request, ex->oauth->settings, *token) : Core::Result<void>(token.error());
        if (!applied) {
            failExchange(tabId, Core::makeError(applied.error().code,
                                                tr("Cannot get the OAuth 2.0 token: %1").arg(applied.error().message)));
            return;
        }
        startJob(tabId, request);
    });
}

// Credentials are resolved (maybe by a process or STS) and the request signed in core.
void RequestBuilderWidget::signAndSend(int tabId, const Core::HttpClientRequest &request, const Core::RequestAuth &auth)
{
    showPendingFor(tabId, tr("Resolving AWS credentials and signing\u2026"));
    const quint64 id = m_exchanges.value(tabId).id;
    m_authorizer->authorize(request, auth, [this, tabId, id](const Core::Result<Core::Aws::SignedRequest> &signedRequest) {
        if (!exchange(tabId, id))
            return;
        if (!signedRequest) {
            failExchange(tabId, Core::makeError(signedRequest.error().code,
                                                tr("Cannot sign the request: %1").arg(signedRequest.error().message)));
            return;
        }
        if (tabId == m_shownTabId)
            m_response->signingView()->showSigned(*signedRequest);
        startJob(tabId, signedRequest->request);
    });
}

void RequestBuilderWidget::startJob(int tabId, const Core::HttpClientRequest &request)
{
    Core::HttpClientRequest spooled = request;
    spooled.spoolThreshold = m_spoolThreshold;
    Core::HttpJob *job = m_client->send(spooled);
    m_exchanges[tabId].job = job;
    connect(job, &Core::HttpJob::finished, this,
            [this, tabId](const Core::Result<Core::HttpClientResponse> &result) { onFinished(tabId, result); });
    connect(job, &Core::HttpJob::progress, this, [this, tabId, job](qint64 received, qint64 total) {
        if (tabId == m_shownTabId)
            m_response->showProgress(received, total, job->head());
    });
    showPendingFor(tabId);
}

void RequestBuilderWidget::cancel()
{
    const auto it = m_exchanges.find(m_shownTabId);
    if (it == m_exchanges.end())
        return;
    if (it->job) {
        it->job->cancel(); // reports Cancelled through finished()
        return;
    }
    const bool oauth = it->oauth.has_value();
    failExchange(m_shownTabId, Core::makeError(Core::ErrorCode::Cancelled,
                                               oauth ? tr("Cancelled while getting the OAuth 2.0 token.")
                                                     : tr("Cancelled while resolving credentials.")));
}

void RequestBuilderWidget::onFinished(int tabId, const Core::Result<Core::HttpClientResponse> &result)
{
    const auto it = m_exchanges.find(tabId);
    if (it == m_exchanges.end())
        return;
    it->job = nullptr;
    if (it->oauth && !it->oauth->retried && result && result->status == 401) {
        // The API no longer takes the token (revoked, a restarted issuer): renew it, send once more.
        it->oauth->retried = true;
        m_auth->tokenManager()->expire(it->oauth->settings);
        tokenAndSend(tabId);
        return;
    }
    const Exchange done = m_exchanges.take(tabId);
    if (auto state = m_tabStates.find(tabId); state != m_tabStates.end())
        state->answer = result;
    if (tabId == m_shownTabId) {
        setSending(false);
        if (result) {
            m_response->showResponse(*result);
            if (m_response->signingView()->showAnswer(*result))
                m_response->showSigningTab();
        } else {
            m_response->showError(result.error());
        }
    } // else its tab is in the background: the answer waits there
    Q_EMIT requestFinished(result);
    Q_EMIT exchangeFinished(done.sentSpec, done.sentEnvironment, result);
}

void RequestBuilderWidget::setSending(bool sending)
{
    m_send->setText(sending ? tr("Cancel") : tr("Send"));
    m_send->setToolTip(sending ? tr("Stop waiting for this request") : tr("Send the request (Ctrl+Return)"));
    m_send->setProperty("sending", sending);
    m_send->style()->unpolish(m_send);
    m_send->style()->polish(m_send);
}

QWidget *RequestBuilderWidget::buildRequestTabs()
{
    m_requestTabs = new QTabBar(this);
    m_requestTabs->setObjectName(QStringLiteral("requestTabs"));
    m_requestTabs->setMovable(true);
    m_requestTabs->setTabsClosable(true);
    m_requestTabs->setDocumentMode(true);
    m_requestTabs->setExpanding(false);
    m_requestTabs->setElideMode(Qt::ElideMiddle);
    m_requestTabs->setContextMenuPolicy(Qt::CustomContextMenu);
    auto *add = new QToolButton(this);
    add->setObjectName(QStringLiteral("newRequestTab"));
    add->setText(QStringLiteral("+"));
    add->setToolTip(tr("New request (Ctrl+T)"));
    add->setAutoRaise(true);
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_requestTabs, 1);
    layout->addWidget(add);

    // The first tab holds whatever the editors hold now.
    const int id = m_nextTabId++;
    m_tabStates.insert(id, {});
    m_requestTabs->addTab(tr("New request"));
    m_requestTabs->setTabData(0, id);
    m_shownTabId = id;

    connect(add, &QToolButton::clicked, this, [this] { newRequestTab(); });
    connect(m_requestTabs, &QTabBar::currentChanged, this, &RequestBuilderWidget::switchToTab);
    connect(m_requestTabs, &QTabBar::tabCloseRequested, this, &RequestBuilderWidget::requestCloseTab);
    connect(m_requestTabs, &QTabBar::tabBarDoubleClicked, this, [this](int index) {
        if (index < 0) {
            newRequestTab();
            return;
        }
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Rename request"), tr("Name:"), QLineEdit::Normal,
                                                   m_requestTabs->tabText(index), &ok);
        if (ok)
            renameRequestTab(index, name);
    });
    connect(m_requestTabs, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        const int index = m_requestTabs->tabAt(at);
        QMenu menu(this);
        menu.addAction(tr("New request"), this, [this] { newRequestTab(); });
        if (index >= 0) {
            menu.addAction(tr("Duplicate"), this, [this, index] { duplicateRequestTab(index); });
            menu.addAction(tr("Rename\u2026"), this, [this, index] { emit m_requestTabs->tabBarDoubleClicked(index); });
            menu.addAction(tr("Close"), this, [this, index] { requestCloseTab(index); });
        }
        menu.exec(m_requestTabs->mapToGlobal(at));
    });
    auto *newShortcut = new QShortcut(QKeySequence::AddTab, this);
    newShortcut->setContext(Qt::WindowShortcut); // while the request builder is on screen
    connect(newShortcut, &QShortcut::activated, this, [this] { newRequestTab(); });
    auto *closeShortcut = new QShortcut(QKeySequence::Close, this);
    closeShortcut->setContext(Qt::WindowShortcut);
    connect(closeShortcut, &QShortcut::activated, this, [this] { requestCloseTab(m_requestTabs->currentIndex()); });
    // The title follows method and URL edits of unnamed tabs.
    connect(m_undoStack, &QUndoStack::indexChanged, this, [this] { updateRequestTabTitle(m_requestTabs->currentIndex()); });
    return row;
}

int RequestBuilderWidget::currentTabId() const
{
    return m_requestTabs->tabData(m_requestTabs->currentIndex()).toInt();
}

void RequestBuilderWidget::storeCurrentTab()
{
    if (auto it = m_tabStates.find(m_shownTabId); it != m_tabStates.end()) {
        it->spec = requestSpec();
        it->inheritAuth = m_inheritAuth->isChecked();
    }
}

int RequestBuilderWidget::newRequestTab(const Core::RequestSpec &spec, const QString &name,
                                        const std::optional<Core::Result<Core::HttpClientResponse>> &answer)
{
    const int id = m_nextTabId++;
    m_tabStates.insert(id, {spec, name, answer});
    const int index = m_requestTabs->addTab(QString());
    m_requestTabs->setTabData(index, id);
    updateRequestTabTitle(index);
    m_requestTabs->setCurrentIndex(index);
    resetBaseline(id);
    m_url->setFocus();
    return index;
}

void RequestBuilderWidget::duplicateRequestTab(int index)
{
    if (index == m_requestTabs->currentIndex())
        storeCurrentTab();
    const TabState state = m_tabStates.value(m_requestTabs->tabData(index).toInt());
    newRequestTab(state.spec, state.name.isEmpty() ? QString() : tr("%1 (copy)").arg(state.name));
}

void RequestBuilderWidget::renameRequestTab(int index, const QString &name)
{
    if (auto it = m_tabStates.find(m_requestTabs->tabData(index).toInt()); it != m_tabStates.end())
        it->name = name.trimmed();
    updateRequestTabTitle(index);
}

void RequestBuilderWidget::closeRequestTab(int index)
{
    if (index < 0 || index >= m_requestTabs->count())
        return;
    const int id = m_requestTabs->tabData(index).toInt();
    if (const Exchange exchange = m_exchanges.take(id); exchange.job) {
        exchange.job->disconnect(this);
        exchange.job->cancel(); // its answer has no tab to go to
    }
    if (m_requestTabs->count() == 1)
        newRequestTab(); // never without a request to edit; it is added after this one
    m_requestTabs->removeTab(index);
    m_tabStates.remove(id);
}

void RequestBuilderWidget::switchToTab(int index)
{
    if (index < 0)
        return;
    const int id = m_requestTabs->tabData(index).toInt();
    if (id == m_shownTabId || !m_tabStates.contains(id))
        return;
    storeCurrentTab();
    m_shownTabId = id;
    const TabState state = m_tabStates.value(id);
    setRequestSpec(state.spec);
    m_inheritAuth->setVisible(state.origin.has_value());
    m_inheritAuth->setChecked(state.inheritAuth);
    showProblem(QString());
    if (!state.answer)
        m_response->clear();
    else if (*state.answer)
        m_response->showResponse(**state.answer);
    else
        m_response->showError(state.answer->error());
    setSending(isSending());
    if (const auto it = m_exchanges.constFind(id); it != m_exchanges.constEnd())
        m_response->showPending(it->pending);
}

void RequestBuilderWidget::updateRequestTabTitle(int index)
{
    if (index < 0 || index >= m_requestTabs->count())
        return;
    const int id = m_requestTabs->tabData(index).toInt();
    const TabState state = m_tabStates.value(id);
    QString title = state.name;
    if (title.isEmpty()) {
        const Core::RequestSpec spec = id == m_shownTabId ? requestSpec() : state.spec;
        const QUrl url(spec.url.trimmed());
        const QString path = url.isValid() && !url.host().isEmpty() ? url.path() : spec.url.trimmed();
        title = path.isEmpty() ? tr("New request") : QStringLiteral("%1 %2").arg(spec.method, path);
    }
    // The dot marks unsaved edits of a collection's request, as Postman's tabs do.
    m_requestTabs->setTabText(index, state.origin && isTabModified(id) ? title + QStringLiteral(" \u25CF") : title);
    m_requestTabs->setTabToolTip(index, id == m_shownTabId ? requestSpec().url : state.spec.url);
}

Core::Result<void> RequestBuilderWidget::setHttpOptions(const Core::HttpOptions &options)
{
    const Core::Result<void> applied = m_client->setOptions(options);
    m_tlsWarning->setVisible(!m_client->options().verifyTls);
    return applied;
}

} // namespace Gatehouse::Ui
