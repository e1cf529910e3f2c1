#include "invokepanel.h"

#include "aliasmapwidget.h"
#include "sampleevents.h"

#include "core/jsonpretty.h"
#include "ui/requestbuilder/jsonhighlighter.h"
#include "ui/widgets/statusstyle.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace Gatehouse::Ui {

namespace {

constexpr int KindRole = Qt::UserRole;
constexpr int ValueRole = Qt::UserRole + 1;
const QLatin1String SavedKind("saved");
const QLatin1String SampleKind("sample");

// Lambda's request payload limits (bytes): 6 MB synchronous, 256 KB asynchronous.
constexpr qsizetype SyncPayloadLimit = 6 * 1024 * 1024;
constexpr qsizetype EventPayloadLimit = 256 * 1024;
constexpr int RunConcurrency = 4;

QString sizeText(qsizetype bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QFont monospace()
{
    QFont font(QStringLiteral("monospace"));
    font.setStyleHint(QFont::Monospace);
    return font;
}

} // namespace

InvokePanel::InvokePanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("invokePanel"));

    m_qualifier = new QComboBox(this);
    m_qualifier->setObjectName(QStringLiteral("qualifier"));
    m_qualifier->setToolTip(tr("What to invoke: $LATEST, a published version, or an alias (which may "
                               "split traffic between two versions)."));
    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("invocationType"));
    m_type->addItem(tr("Synchronous (RequestResponse)"), QStringLiteral("RequestResponse"));
    m_type->addItem(tr("Asynchronous (Event)"), QStringLiteral("Event"));
    m_type->addItem(tr("Dry run (check only)"), QStringLiteral("DryRun"));
    m_tail = new QCheckBox(tr("Include the log tail"), this);
    m_tail->setObjectName(QStringLiteral("tailLog"));
    m_tail->setChecked(true);
    m_tail->setToolTip(tr("LogType: Tail — Lambda returns the last 4 KB of the invocation's log."));

    m_events = new QComboBox(this);
    m_events->setObjectName(QStringLiteral("events"));
    m_events->setMinimumContentsLength(28);
    m_eventName = new QLineEdit(this);
    m_eventName->setObjectName(QStringLiteral("eventName"));
    m_eventName->setPlaceholderText(tr("Event name"));
    m_eventName->setMaxLength(Core::TestEventStore::MaximumNameLength);
    m_saveEvent = new QPushButton(tr("Save event"), this);
    m_saveEvent->setObjectName(QStringLiteral("saveEvent"));
    m_deleteEvent = new QPushButton(tr("Delete"), this);
    m_deleteEvent->setObjectName(QStringLiteral("deleteEvent"));

    m_payload = new QPlainTextEdit(this);
    m_payload->setObjectName(QStringLiteral("payload"));
    m_payload->setFont(monospace());
    m_payload->setPlaceholderText(tr("The event as JSON, e.g. {\"key\": \"value\"}. Empty sends {}."));
    m_payload->setTabChangesFocus(true);
    new JsonHighlighter(m_payload->document());
    m_loadFile = new QPushButton(tr("Load file…"), this);
    m_loadFile->setObjectName(QStringLiteral("loadPayloadFile"));
    m_loadFile->setToolTip(tr("Reads the payload from a JSON file. Files over 1 MB are sent as they are "
                              "without being shown."));
    m_discardLarge = new QPushButton(tr("Discard file"), this);
    m_discardLarge->setObjectName(QStringLiteral("discardPayloadFile"));
    m_discardLarge->hide();
    m_payloadStatus = new QLabel(this);
    m_payloadStatus->setObjectName(QStringLiteral("payloadStatus"));
    m_payloadStatus->setWordWrap(true);

    m_invoke = new QPushButton(QIcon(QStringLiteral(":/icons/send.svg")), tr("Invoke"), this);
    m_invoke->setObjectName(QStringLiteral("invoke"));
    m_invoke->setDefault(true);
    m_invoke->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_runCount = new QSpinBox(this);
    m_runCount->setObjectName(QStringLiteral("runCount"));
    m_runCount->setRange(1, 10000);
    m_runCount->setValue(100);
    m_runCount->setPrefix(QStringLiteral("× "));
    m_runCount->setAccessibleName(tr("Number of invocations"));
    m_run = new QPushButton(tr("Run"), this);
    m_run->setObjectName(QStringLiteral("runTimes"));
    m_run->setToolTip(tr("Invokes the qualifier this many times and counts which version answered, "
                         "to check an alias's weights."));
    m_runProgress = new QLabel(this);
    m_runProgress->setObjectName(QStringLiteral("runProgress"));

    m_summary = new QLabel(tr("Choose a qualifier and an event, then click Invoke."), this);
    m_summary->setObjectName(QStringLiteral("invokeSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_response = new QPlainTextEdit(this);
    m_response->setObjectName(QStringLiteral("invokeResponse"));
    m_response->setReadOnly(true);
    m_response->setFont(monospace());
    new JsonHighlighter(m_response->document());
    m_log = new QPlainTextEdit(this);
    m_log->setObjectName(QStringLiteral("invokeLog"));
    m_log->setReadOnly(true);
    m_log->setFont(monospace());
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_split = new QTableWidget(0, 4, this);
    m_split->setObjectName(QStringLiteral("splitTable"));
    m_split->setHorizontalHeaderLabels({tr("Version"), tr("Configured"), tr("Observed"), tr("Invocations")});
    m_split->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_split->verticalHeader()->hide();
    m_split->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_resultTabs = new QTabWidget(this);
    m_resultTabs->addTab(m_response, tr("Response"));
    m_resultTabs->addTab(m_log, tr("Log tail"));
    m_resultTabs->addTab(m_split, tr("Observed split"));

    // Layout: the request on the left, the answer on the right.
    auto *request = new QWidget(this);
    auto *form = new QFormLayout;
    form->addRow(tr("&Qualifier:"), m_qualifier);
    auto *typeRow = new QHBoxLayout;
    typeRow->addWidget(m_type, 1);
    typeRow->addWidget(m_tail);
    auto *typeLabel = new QLabel(tr("&Type:"), this);
    typeLabel->setBuddy(m_type);
    form->addRow(typeLabel, typeRow);
    form->addRow(tr("&Event:"), m_events);
    auto *saveRow = new QHBoxLayout;
    saveRow->addWidget(m_eventName, 1);
    saveRow->addWidget(m_saveEvent);
    saveRow->addWidget(m_deleteEvent);
    auto *saveLabel = new QLabel(tr("Sa&ve as:"), this);
    saveLabel->setBuddy(m_eventName);
    form->addRow(saveLabel, saveRow);
    auto *requestLayout = new QVBoxLayout(request);
    requestLayout->setContentsMargins(0, 0, 0, 0);
    requestLayout->addLayout(form);
    requestLayout->addWidget(m_payload, 1);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_payloadStatus, 1);
    statusRow->addWidget(m_discardLarge);
    statusRow->addWidget(m_loadFile);
    requestLayout->addLayout(statusRow);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_invoke);
    buttons->addStretch(1);
    buttons->addWidget(m_runCount);
    buttons->addWidget(m_run);
    requestLayout->addLayout(buttons);
    requestLayout->addWidget(m_runProgress);

    auto *answer = new QWidget(this);
    auto *answerLayout = new QVBoxLayout(answer);
    answerLayout->setContentsMargins(0, 0, 0, 0);
    answerLayout->addWidget(m_summary);
    answerLayout->addWidget(m_resultTabs, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(request);
    splitter->addWidget(answer);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_events, &QComboBox::activated, this, &InvokePanel::onEventChosen);
    connect(m_payload, &QPlainTextEdit::textChanged, this, &InvokePanel::validatePayload);
    connect(m_type, &QComboBox::currentIndexChanged, this, [this] {
        m_tail->setEnabled(m_type->currentData().toString() == QLatin1String("RequestResponse"));
        validatePayload();
    });
    connect(m_invoke, &QPushButton::clicked, this, &InvokePanel::invoke);
    connect(m_run, &QPushButton::clicked, this, &InvokePanel::runTimes);
    connect(m_saveEvent, &QPushButton::clicked, this, &InvokePanel::saveEvent);
    connect(m_deleteEvent, &QPushButton::clicked, this, &InvokePanel::deleteEvent);
    connect(m_eventName, &QLineEdit::returnPressed, this, &InvokePanel::saveEvent);
    connect(m_loadFile, &QPushButton::clicked, this, &InvokePanel::chooseFile);
    connect(m_discardLarge, &QPushButton::clicked, this, [this] { setPayload(QByteArray("{}")); });
    reloadSavedEvents();
    validatePayload();
}

void InvokePanel::setClient(Core::Aws::LambdaClient *client, QObject *context)
{
    m_client = client;
    m_context = context;
    m_runRemaining = 0;
    m_runInFlight = 0;
    ++m_runGeneration;
    m_invoking = false;
    updateButtons();
}

void InvokePanel::setFunction(const QString &function)
{
    if (function == m_function)
        return;
    m_function = function;
    m_runRemaining = 0;
    m_runInFlight = 0;
    ++m_runGeneration;
    m_observed.clear();
    m_split->setRowCount(0);
    m_summary->setText(function.isEmpty() ? tr("Choose a function on the left.")
                                          : tr("Choose a qualifier and an event, then click Invoke."));
    m_response->clear();
    m_log->clear();
    m_runProgress->clear();
    reloadSavedEvents();
    updateButtons();
}

void InvokePanel::setQualifiers(const QStringList &versions, const QList<Core::Aws::LambdaAliasConfiguration> &aliases)
{
    const QString current = m_qualifier->currentData().toString();
    m_aliases = aliases;
    m_qualifier->clear();
    for (const auto &alias : aliases)
        m_qualifier->addItem(tr("Alias %1 → %2").arg(alias.name, AliasMapWidget::splitText(alias)), alias.name);
    for (const QString &version : versions)
        m_qualifier->addItem(version == QLatin1String("$LATEST") ? version : tr("Version %1").arg(version), version);
    const int again = m_qualifier->findData(current);
    m_qualifier->setCurrentIndex(again >= 0 ? again : 0);
    updateButtons();
}

void InvokePanel::setEventStore(const Core::TestEventStore &store)
{
    m_store = store;
    reloadSavedEvents();
}

void InvokePanel::reloadSavedEvents(const QString &select)
{
    m_events->clear();
    m_events->addItem(tr("New event"), QString());
    const QStringList saved = m_function.isEmpty() ? QStringList() : m_store.names(m_function);
    if (!saved.isEmpty()) {
        m_events->insertSeparator(m_events->count());
        for (const QString &name : saved) {
            m_events->addItem(tr("Saved: %1").arg(name));
            m_events->setItemData(m_events->count() - 1, QString(SavedKind), KindRole);
            m_events->setItemData(m_events->count() - 1, name, ValueRole);
        }
    }
    m_events->insertSeparator(m_events->count());
    for (const SampleEvent &sample : sampleEvents()) {
        m_events->addItem(tr("Sample: %1").arg(sample.title));
        m_events->setItemData(m_events->count() - 1, QString(SampleKind), KindRole);
        m_events->setItemData(m_events->count() - 1, sample.resourcePath, ValueRole);
    }
    if (!select.isEmpty()) {
        for (int i = 0; i < m_events->count(); ++i)
            if (m_events->itemData(i, KindRole).toString() == SavedKind && m_events->itemData(i, ValueRole) == select)
                m_events->setCurrentIndex(i);
    }
    m_deleteEvent->setEnabled(m_events->currentData(KindRole).toString() == SavedKind);
    m_saveEvent->setEnabled(!m_function.isEmpty());
}

void InvokePanel::onEventChosen(int index)
{
    const QString kind = m_events->itemData(index, KindRole).toString();
    const QString value = m_events->itemData(index, ValueRole).toString();
    m_deleteEvent->setEnabled(kind == SavedKind);
    if (kind == SavedKind) {
        const Core::Result<QByteArray> payload = m_store.load(m_function, value);
        if (!payload) {
            m_payloadStatus->setText(payload.error().message);
            m_payloadStatus->setStyleSheet(QLatin1String(StatusStyle::Problem));
            return;
        }
        m_eventName->setText(value);
        setPayload(*payload, value);
    } else if (kind == SampleKind) {
        QFile file(value);
        if (!file.open(QIODevice::ReadOnly))
            return;
        m_eventName->clear();
        setPayload(file.readAll());
    } else {
        m_eventName->clear();
    }
}

QByteArray InvokePanel::payload() const
{
    return m_largePayload.isNull() ? m_payload->toPlainText().toUtf8() : m_largePayload;
}

void InvokePanel::setPayload(const QByteArray &payload, const QString &source)
{
    if (payload.size() > EditorLimit) {
        m_largePayload = payload;
        m_largeSource = source;
        m_payload->clear();
        m_payload->setPlaceholderText(
            source.isEmpty()
                ? tr("This payload (%1) will be sent as it is; it is too large to show here. Discard it to type a "
                     "payload.")
                      .arg(sizeText(payload.size()))
                : tr("The payload from %2 (%1) will be sent as it is; it is too large to show here. Discard it to "
                     "type a payload.")
                      .arg(sizeText(payload.size()), source));
        m_payload->setEnabled(false);
        m_discardLarge->show();
        validatePayload();
        return;
    }
    m_largePayload = QByteArray();
    m_largeSource.clear();
    m_payload->setEnabled(true);
    m_payload->setPlaceholderText(tr("The event as JSON, e.g. {\"key\": \"value\"}. Empty sends {}."));
    m_discardLarge->hide();
    m_payload->setPlainText(QString::fromUtf8(payload));
}

Core::Result<void> InvokePanel::loadPayloadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        const Core::Error error = Core::makeError(Core::ErrorCode::Io, tr("Could not read %1: %2").arg(path, file.errorString()));
        m_payloadStatus->setText(error.message);
        m_payloadStatus->setStyleSheet(QLatin1String(StatusStyle::Problem));
        return error;
    }
    m_eventName->clear();
    setPayload(file.readAll(), QFileInfo(path).fileName());
    return {};
}

void InvokePanel::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load a payload"), QString(),
                                                      tr("JSON files (*.json);;All files (*)"));
    if (!path.isEmpty())
        (void)loadPayloadFile(path); // the status line says what went wrong
}

void InvokePanel::saveEvent()
{
    const QString name = m_eventName->text().trimmed();
    const Core::Result<void> saved = m_store.save(m_function, name, payload());
    if (!saved) {
        m_payloadStatus->setText(saved.error().message);
        m_payloadStatus->setStyleSheet(QLatin1String(StatusStyle::Problem));
        return;
    }
    reloadSavedEvents(name);
    m_payloadStatus->setText(tr("Saved the event \"%1\" for %2.").arg(name, m_function));
    m_payloadStatus->setStyleSheet(QLatin1String(StatusStyle::Fine));
}

void InvokePanel::deleteEvent()
{
    if (m_events->currentData(KindRole).toString() != SavedKind)
        return;
    const QString name = m_events->currentData(ValueRole).toString();
    const Core::Result<void> removed = m_store.remove(m_function, name);
    if (!removed) {
        m_payloadStatus->setText(removed.error().message);
        m_payloadStatus->setStyleSheet(QLatin1String(StatusStyle::Problem));
        return;
    }
    // The payload stays in the editor, so deleting an event never loses what was typed.
    reloadSavedEvents();
    m_payloadStatus->setText(tr("Deleted the saved event \"%1\"; its payload is still in the editor.").arg(name));
    m_payloadStatus->setStyleSheet(QLatin1String(StatusStyle::Fine));
}

void InvokePanel::validatePayload()
{
    const QByteArray payload = this->payload();
    const bool event = m_type->currentData().toString() == QLatin1String("Event");
    const qsizetype limit = event ? EventPayloadLimit : SyncPayloadLimit;
    if (payload.trimmed().isEmpty()) {
        m_payloadValid = true;
        m_payloadStatus->setText(tr("An empty payload is sent as {}."));
        m_payloadStatus->setStyleSheet(QString());
    } else if (const Core::Result<void> valid = Core::validateJson(payload); !valid) {
        m_payloadValid = false;
        m_payloadStatus->setText(tr("The payload is not JSON, and Lambda only takes JSON: %1 Fix it to invoke.")
                                     .arg(valid.error().message));
        m_payloadStatus->setStyleSheet(QLatin1String(StatusStyle::Problem));
    } else if (payload.size() > limit) {
        // Sent anyway: Lambda's own answer says what the limit is; this is the warning first.
        m_payloadValid = true;
        m_payloadStatus->setText(tr("Valid JSON, but %1 is over Lambda's %2 limit for this invocation type; "
                                    "Lambda will refuse it.")
                                     .arg(sizeText(payload.size()), sizeText(limit)));
        m_payloadStatus->setStyleSheet(QLatin1String(StatusStyle::Problem));
    } else {
        m_payloadValid = true;
        m_payloadStatus->setText(tr("Valid JSON · %1").arg(sizeText(payload.size())));
        m_payloadStatus->setStyleSheet(QLatin1String(StatusStyle::Fine));
    }
    updateButtons();
}

void InvokePanel::updateButtons()
{
    const bool ready = m_client && !m_function.isEmpty() && m_payloadValid && m_qualifier->count() > 0;
    m_invoke->setEnabled(ready && !m_invoking && !isRunning());
    m_run->setEnabled(isRunning() || (ready && !m_invoking));
    m_run->setText(isRunning() ? tr("Stop") : tr("Run"));
    m_runCount->setEnabled(!isRunning());
}

Core::Aws::LambdaInvokeRequest InvokePanel::request() const
{
    Core::Aws::LambdaInvokeRequest request;
    request.functionName = m_function;
    request.qualifier = m_qualifier->currentData().toString();
    const QByteArray payload = this->payload();
    request.payload = payload.trimmed().isEmpty() ? QByteArray("{}") : payload;
    request.invocationType = m_type->currentData().toString();
    request.tailLog = m_tail->isChecked() && request.invocationType == QLatin1String("RequestResponse");
    return request;
}

void InvokePanel::invoke()
{
    if (!m_invoke->isEnabled() || !m_client)
        return;
    m_invoking = true;
    updateButtons();
    const Core::Aws::LambdaInvokeRequest call = request();
    m_summary->setText(tr("Invoking %1:%2…").arg(m_function, call.qualifier));
    m_summary->setStyleSheet(QString());
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    const int generation = m_runGeneration;
    m_client->invoke(call, m_context ? m_context.data() : this,
                     [this, clock, generation](const Core::Result<Core::Aws::LambdaInvokeResult> &result) {
                         if (generation != m_runGeneration)
                             return;
                         m_invoking = false;
                         showResult(result, clock->elapsed());
                         updateButtons();
                     });
}

void InvokePanel::showResult(const Core::Result<Core::Aws::LambdaInvokeResult> &result, qint64 elapsedMs)
{
    if (!result) {
        m_summary->setText(tr("Lambda refused the invocation: %1").arg(result.error().message));
        m_summary->setStyleSheet(QLatin1String(StatusStyle::Problem));
        m_response->clear();
        m_log->clear();
        return;
    }
    const Core::Aws::LambdaInvokeResult &answer = *result;
    QStringList parts;
    parts.append(tr("Status %1").arg(answer.statusCode));
    if (!answer.executedVersion.isEmpty())
        parts.append(tr("executed version %1").arg(answer.executedVersion));
    // REPORT's Duration is the function's own time; the round trip includes the network.
    static const QRegularExpression duration(QStringLiteral("REPORT RequestId: \\S+\\s+Duration: ([0-9.]+) ms"));
    const QRegularExpressionMatch reported = duration.match(QString::fromUtf8(answer.logResult));
    if (reported.hasMatch())
        parts.append(tr("duration %1 ms").arg(reported.captured(1)));
    parts.append(tr("round trip %1 ms").arg(elapsedMs));
    if (!answer.functionError.isEmpty())
        parts.append(tr("function error: %1").arg(answer.functionError));
    if (answer.statusCode == 202)
        parts.append(tr("queued (Event): Lambda runs it in the background, so its answer and log are not shown here"));
    if (answer.statusCode == 204)
        parts.append(tr("dry run: the call would be allowed"));
    m_summary->setText(parts.join(QStringLiteral(" · ")));
    m_summary->setStyleSheet(QLatin1String(answer.functionError.isEmpty() ? StatusStyle::Fine : StatusStyle::Problem));
    const Core::Result<QByteArray> pretty = Core::JsonPretty::format(answer.payload);
    m_response->setPlainText(QString::fromUtf8(pretty ? *pretty : answer.payload));
    m_log->setPlainText(QString::fromUtf8(answer.logResult));
    m_resultTabs->setCurrentWidget(answer.functionError.isEmpty() ? static_cast<QWidget *>(m_response) : m_log);
    emit invoked(answer.executedVersion);
}

QMap<QString, double> InvokePanel::configuredSplit() const
{
    QMap<QString, double> split;
    for (const auto &alias : m_aliases) {
        if (alias.name != m_runQualifier)
            continue;
        double additional = 0;
        for (auto it = alias.additionalVersionWeights.cbegin(); it != alias.additionalVersionWeights.cend(); ++it) {
            split.insert(it.key(), it.value());
            additional += it.value();
        }
        split.insert(alias.functionVersion, 1.0 - additional);
        return split;
    }
    split.insert(m_runQualifier.isEmpty() ? QStringLiteral("$LATEST") : m_runQualifier, 1.0);
    return split;
}

void InvokePanel::runTimes()
{
    if (isRunning()) {
        m_runRemaining = 0; // the calls in flight finish; no new ones start
        m_runProgress->setText(tr("Stopping after the invocations in flight…"));
        updateButtons();
        return;
    }
    if (!m_client || !m_payloadValid || m_function.isEmpty())
        return;
    ++m_runGeneration;
    m_runQualifier = m_qualifier->currentData().toString();
    m_observed.clear();
    m_runDone = 0;
    m_runErrors = 0;
    m_lastRunError.clear();
    m_runRemaining = m_runCount->value();
    m_runClock.start();
    m_resultTabs->setCurrentWidget(m_split);
    m_summary->setText(tr("Invoking %1:%2 repeatedly (%L3 calls); the Observed split tab counts which version answered.")
                           .arg(m_function, m_runQualifier)
                           .arg(m_runRemaining));
    m_summary->setStyleSheet(QString());
    updateSplitTable();
    for (int i = 0; i < RunConcurrency && m_runRemaining > 0; ++i)
        startNextRun();
    updateButtons();
}

void InvokePanel::startNextRun()
{
    if (!m_client || m_runRemaining <= 0)
        return;
    --m_runRemaining;
    ++m_runInFlight;
    Core::Aws::LambdaInvokeRequest call = request();
    call.qualifier = m_runQualifier;
    call.invocationType = QStringLiteral("RequestResponse");
    call.tailLog = false;
    const int generation = m_runGeneration;
    m_client->invoke(call, m_context ? m_context.data() : this,
                     [this, generation](const Core::Result<Core::Aws::LambdaInvokeResult> &result) {
                         if (generation != m_runGeneration)
                             return;
                         --m_runInFlight;
                         ++m_runDone;
                         if (result && result->functionError.isEmpty())
                             m_observed[result->executedVersion] += 1;
                         else {
                             ++m_runErrors;
                             m_lastRunError = result ? tr("function error %1").arg(result->functionError)
                                                     : result.error().message;
                         }
                         updateSplitTable();
                         if (m_runRemaining > 0)
                             startNextRun();
                         else if (m_runInFlight == 0)
                             finishRun();
                     });
}

void InvokePanel::finishRun()
{
    QString text = tr("Invocations: %L1 in %L2 ms").arg(m_runDone).arg(m_runClock.elapsed());
    if (m_runErrors > 0)
        text += tr(" · %1 failed (last: %2)").arg(m_runErrors).arg(m_lastRunError);
    m_runProgress->setText(text);
    m_runProgress->setStyleSheet(QLatin1String(m_runErrors > 0 ? StatusStyle::Problem : StatusStyle::Fine));
    updateButtons();
}

void InvokePanel::updateSplitTable()
{
    const QMap<QString, double> configured = configuredSplit();
    QStringList versions = configured.keys();
    for (auto it = m_observed.cbegin(); it != m_observed.cend(); ++it)
        if (!versions.contains(it.key()))
            versions.append(it.key());
    int succeeded = 0;
    for (int count : m_observed)
        succeeded += count;
    m_split->setRowCount(int(versions.size()));
    const auto percentText = [](double share) { return QStringLiteral("%1 %").arg(QLocale().toString(share * 100, 'f', 1)); };
    for (int row = 0; row < versions.size(); ++row) {
        const QString &version = versions.at(row);
        const int count = m_observed.value(version);
        const QStringList cells = {version, configured.contains(version) ? percentText(configured.value(version)) : tr("—"),
                                   succeeded > 0 ? percentText(double(count) / succeeded) : tr("—"),
                                   QLocale().toString(count)};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (column > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_split->setItem(row, column, item);
        }
    }
    if (isRunning())
        m_runProgress->setText(tr("Invocations: %L1 of %L2…").arg(m_runDone).arg(m_runDone + m_runInFlight + m_runRemaining));
}

} // namespace Gatehouse::Ui
