// The GraphQL tab's subscriptions, history and saved state; the assembly and HTTP runs are in
// graphqlworkbench.cpp.

#include "graphqlworkbench.h"

#include "graphqlauthform.h"
#include "graphqleditor.h"
#include "graphqleditorpanel.h"
#include "ui/requestbuilder/keyvaluetable.h"

#include "core/graphql/parser.h"
#include "core/graphql/subscriptionclient.h"
#include "core/graphql/tracemodel.h"
#include "core/jsonpretty.h"
#include "core/settings.h"

#include <QComboBox>
#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTextCursor>

namespace Gatehouse::Ui {

using namespace Core::GraphQL;

namespace {

constexpr int kMaximumHistory = 50;
constexpr int kHistoryRole = Qt::UserRole + 1;

// Headers whose values are credentials: kept by name only in saved state and history.
bool isSecretHeader(const QString &name)
{
    static const QStringList secret = {QStringLiteral("authorization"), QStringLiteral("x-api-key"),
                                       QStringLiteral("x-amz-security-token"), QStringLiteral("cookie"),
                                       QStringLiteral("proxy-authorization")};
    return secret.contains(name.trimmed().toLower());
}

// AppSync and the emulator's AppSync endpoint speak AppSync's real-time protocol; anything else
// most likely the graphql-ws library's.
bool looksLikeAppSync(const QUrl &url)
{
    return url.host().contains(QLatin1String("appsync")) || url.path().startsWith(QLatin1String("/_aws/appsync"));
}

void collectSpreads(const SelectionSet &set, QSet<QString> *names)
{
    for (const Selection &selection : set.selections) {
        if (selection.kind == Selection::Kind::FragmentSpread)
            names->insert(selection.name.value);
        collectSpreads(selection.selectionSet, names);
    }
}

// The operation `name` with the fragments it uses, alone: a subscription is started with one
// operation, and servers differ in how they take a document of several (Amplify's simulator
// drops the connection). Empty when the document has no such operation.
QString operationAlone(const QString &text, const QString &name)
{
    const ParseResult parsed = Parser::parseWithRecovery(text.toUtf8());
    const Document &document = parsed.document;
    QStringList parts;
    QSet<QString> wanted;
    QHash<QString, const FragmentDefinition *> fragments;
    for (const Definition &definition : document.definitions) {
        if (const auto *fragment = std::get_if<FragmentDefinition>(&definition))
            fragments.insert(fragment->name.value, fragment);
        const auto *operation = std::get_if<OperationDefinition>(&definition);
        if (operation && parts.isEmpty() && (operation->name ? operation->name->value : QString()) == name) {
            parts << document.text(operation->span);
            collectSpreads(operation->selectionSet, &wanted);
        }
    }
    if (parts.isEmpty())
        return {};
    QSet<QString> added;
    while (true) {
        const QSet<QString> missing = wanted - added;
        if (missing.isEmpty())
            break;
        for (const QString &fragmentName : missing) {
            added.insert(fragmentName);
            if (const FragmentDefinition *fragment = fragments.value(fragmentName)) {
                parts << document.text(fragment->span);
                collectSpreads(fragment->selectionSet, &wanted);
            }
        }
    }
    return parts.join(QStringLiteral("\n\n"));
}

} // namespace

void GraphQLWorkbench::subscribe()
{
    GraphQLEditor *editor = m_editor->editor();
    editor->checkNow();
    if (const QString problem = checkVariables(); !problem.isEmpty()) {
        showStatus(problem, true);
        m_side->setCurrentIndex(0);
        return;
    }
    const auto url = endpoint();
    if (!url)
        return;
    SubscriptionOptions options;
    options.url = *url;
    const int choice = m_protocol->currentIndex();
    options.protocol = choice == 2 || (choice == 0 && !looksLikeAppSync(*url)) ? SubscriptionProtocol::GraphQLTransportWs
                                                                                : SubscriptionProtocol::AppSync;
    const QString realtime = m_realtimeUrl->text().trimmed();
    if (!realtime.isEmpty()) {
        options.realtimeUrl = QUrl::fromUserInput(realtime);
        if (!options.realtimeUrl.isValid() || options.realtimeUrl.host().isEmpty()) {
            showStatus(tr("The real-time URL is not a URL; clear it to derive one from the endpoint."), true);
            return;
        }
    }
    options.headers = extraHeaders();
    options.resubscribe = true;
    const QString operationName = m_editor->selectedOperationName();
    QString query = operationAlone(editor->toPlainText(), operationName);
    if (query.isEmpty())
        query = editor->toPlainText();
    const QByteArray variables = m_variables->toPlainText().trimmed().toUtf8();
    showStatus(tr("Connecting…"), false);
    m_send->setText(tr("Stop"));
    m_auth->resolve(*url, this, [this, options, query, operationName, variables](const Core::Result<Auth> &auth) mutable {
        if (!auth) {
            showStatus(auth.error().message, true);
            updateSendButton();
            return;
        }
        options.auth = *auth;
        if (m_subscription)
            m_subscription->deleteLater();
        auto *client = new SubscriptionClient(this);
        m_subscription = client;
        m_trace->clear();
        m_result->clear();
        m_resultJson.clear();
        showInTree({}, {});
        m_shownErrors.clear();
        m_errors->clear();
        m_errors->hide();
        connect(client, &SubscriptionClient::traced, m_trace, &TraceModel::append);
        connect(client, &SubscriptionClient::acknowledged, this, [this] { showStatus(tr("Connected; starting the subscription…"), false); });
        connect(client, &SubscriptionClient::started, this, [this] { showStatus(tr("Subscribed; events appear below as they come."), false); });
        connect(client, &SubscriptionClient::dataReceived, this, &GraphQLWorkbench::showEvent);
        connect(client, &SubscriptionClient::subscriptionFailed, this, &GraphQLWorkbench::showEventFailure);
        // The server ended it (a finite stream, or an error): nothing is left to listen to.
        connect(client, &SubscriptionClient::completed, this, [this, client] {
            if (client->activeSubscriptions().isEmpty() && client->state() != SubscriptionClient::State::Closed)
                client->close();
        });
        connect(client, &SubscriptionClient::reconnecting, this, [this](const Core::Error &error, int delayMs) {
            showStatus(tr("The connection dropped (%1); reconnecting in %2 s.").arg(error.message).arg(delayMs / 1000.0, 0, 'f', 1), true);
        });
        connect(client, &SubscriptionClient::disconnected, this, [this](const Core::Error &error) {
            if (error.isError())
                showStatus(tr("Subscription ended: %1").arg(error.message), true);
            else if (m_status->styleSheet().isEmpty()) // a refusal said before stays on screen
                showStatus(tr("Subscription stopped."), false);
            updateSendButton();
        });
        connect(client, &SubscriptionClient::stateChanged, this, &GraphQLWorkbench::updateSendButton);
        if (auto opened = client->open(options); !opened) {
            showStatus(opened.error().message, true);
            updateSendButton();
            return;
        }
        if (auto id = client->subscribe(query, variables, operationName); !id) {
            showStatus(id.error().message, true);
            client->close();
            return;
        }
        remember(operationName);
        m_side->setCurrentIndex(0);
    });
}

void GraphQLWorkbench::showEvent(const QString &id, const QByteArray &payload)
{
    const QString time = QTime::currentTime().toString(QStringLiteral("HH:mm:ss.zzz"));
    m_result->appendPlainText(tr("── %1 · subscription %2").arg(time, id));
    const auto pretty = Core::JsonPretty::format(payload);
    const QByteArray shown = pretty ? *pretty : payload;
    // The appended block starts right after the last one's end (characterCount counts its
    // separator); a cursor there stays on this event while later ones are appended after it.
    const int start = m_result->document()->characterCount();
    m_result->appendPlainText(QString::fromUtf8(shown));
    QTextCursor origin(m_result->document());
    origin.setPosition(start);
    // AppSync sends an event whose selection failed (a non-null field the mutation did not
    // select, a field the subscriber may not read) as data with errors, and graphql-transport-ws
    // servers a subscription that fails at once: listed like a query's errors, clickable to
    // their path in this event.
    if (const QList<ResponseError> errors = parseErrors(payload); !errors.isEmpty()) {
        addErrors(errors, shown, origin, tr("%1 · subscription %2 · ").arg(time.left(8), id.left(8)));
        QStringList lines;
        for (const ResponseError &error : errors)
            lines << (error.path.isEmpty() ? error.message : error.path + QStringLiteral(": ") + error.message);
        showStatus(tr("An event came with %n error(s): %1", nullptr, int(errors.size())).arg(lines.join(QStringLiteral("; "))), true);
    }
    showInTree(shown, parseErrors(payload));
    emit eventShown();
}

void GraphQLWorkbench::showEventFailure(const QString &id, const QList<ResponseError> &errors)
{
    const QString time = QTime::currentTime().toString(QStringLiteral("HH:mm:ss.zzz"));
    QStringList lines;
    for (const ResponseError &error : errors)
        lines << (error.errorType.isEmpty() ? error.message : error.errorType + QStringLiteral(": ") + error.message);
    // In the event list too, so a subscription that stopped with an error is not only a status
    // line that the next message overwrites.
    m_result->appendPlainText(tr("── %1 · subscription %2 · error: %3").arg(time, id, lines.join(QStringLiteral("; "))));
    QList<ResponseError> listed = errors;
    for (ResponseError &error : listed) {
        if (!error.errorType.isEmpty())
            error.message = error.errorType + QStringLiteral(": ") + error.message;
    }
    addErrors(listed, QByteArray(), QTextCursor(m_result->document()), tr("%1 · subscription %2 · ").arg(time.left(8), id.left(8)));
    showStatus(tr("The server refused the subscription: %1").arg(lines.join(QStringLiteral("; "))), true);
    emit eventShown();
}

void GraphQLWorkbench::stopSubscription()
{
    if (m_subscription)
        m_subscription->close();
}

void GraphQLWorkbench::remember(const QString &operationName)
{
    QVariantMap entry;
    entry.insert(QStringLiteral("time"), QDateTime::currentDateTimeUtc());
    entry.insert(QStringLiteral("url"), m_url->text().trimmed());
    entry.insert(QStringLiteral("operation"), operationName);
    entry.insert(QStringLiteral("document"), m_editor->editor()->toPlainText());
    entry.insert(QStringLiteral("variables"), m_variables->toPlainText());
    entry.insert(QStringLiteral("authMode"), authModeName(m_auth->mode()));
    const QString title = QStringLiteral("%1  %2  %3").arg(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss")),
                                                           operationName.isEmpty() ? tr("(anonymous)") : operationName,
                                                           m_url->text().trimmed());
    auto *item = new QListWidgetItem(title);
    item->setData(kHistoryRole, entry);
    item->setToolTip(m_editor->editor()->toPlainText().left(2000));
    m_history->insertItem(0, item);
    while (m_history->count() > kMaximumHistory)
        delete m_history->takeItem(m_history->count() - 1);
    saveState();
}

void GraphQLWorkbench::restoreHistory(QListWidgetItem *item)
{
    if (!item)
        return;
    const QVariantMap entry = item->data(kHistoryRole).toMap();
    m_url->setText(entry.value(QStringLiteral("url")).toString());
    // One undoable edit in each, so Ctrl+Z brings back what the editor and variables held.
    QTextCursor cursor(m_editor->editor()->document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(entry.value(QStringLiteral("document")).toString());
    QTextCursor variables(m_variables->document());
    variables.select(QTextCursor::Document);
    variables.insertText(entry.value(QStringLiteral("variables")).toString());
    if (auto mode = parseAuthMode(entry.value(QStringLiteral("authMode")).toString()))
        m_auth->setMode(*mode);
    const int index = m_editor->operationPicker()->findText(entry.value(QStringLiteral("operation")).toString());
    m_editor->editor()->checkNow();
    if (index >= 0)
        m_editor->operationPicker()->setCurrentIndex(index);
}

void GraphQLWorkbench::saveState() const
{
    namespace Keys = Core::SettingsKeys;
    Core::Settings settings;
    settings.setValue(Keys::GraphQLUrl, m_url->text());
    settings.setValue(Keys::GraphQLRealtimeUrl, m_realtimeUrl->text());
    settings.setValue(Keys::GraphQLDocument, m_editor->editor()->toPlainText());
    settings.setValue(Keys::GraphQLVariables, m_variables->toPlainText());
    QStringList headers;
    for (const Core::HeaderEntry &row : m_headers->rows())
        headers << QStringLiteral("%1%2: %3").arg(row.enabled ? QString() : QStringLiteral("#"), row.name,
                                                  isSecretHeader(row.name) ? QString() : row.value);
    settings.setValue(Keys::GraphQLHeaders, headers);
    settings.setValue(Keys::GraphQLAuthMode, authModeName(m_auth->mode()));
    settings.setValue(Keys::GraphQLAwsProfile, m_auth->profileCombo()->currentText());
    settings.setValue(Keys::GraphQLAwsRegion, m_auth->regionEdit()->text());
    settings.setValue(Keys::GraphQLProtocol, m_protocol->currentIndex());
    QVariantList history;
    for (int i = 0; i < m_history->count(); ++i)
        history.append(m_history->item(i)->data(kHistoryRole));
    settings.setValue(Keys::GraphQLHistory, history);
}

void GraphQLWorkbench::restoreState()
{
    namespace Keys = Core::SettingsKeys;
    const Core::Settings settings;
    m_url->setText(settings.value(Keys::GraphQLUrl));
    m_realtimeUrl->setText(settings.value(Keys::GraphQLRealtimeUrl));
    m_editor->editor()->setPlainText(settings.value(Keys::GraphQLDocument));
    m_variables->setPlainText(settings.value(Keys::GraphQLVariables));
    QList<Core::HeaderEntry> headers;
    for (const QString &line : settings.value(Keys::GraphQLHeaders)) {
        Core::HeaderEntry entry;
        entry.enabled = !line.startsWith(QLatin1Char('#'));
        const QString row = entry.enabled ? line : line.mid(1);
        entry.name = row.section(QStringLiteral(": "), 0, 0);
        entry.value = row.section(QStringLiteral(": "), 1);
        headers.append(entry);
    }
    m_headers->setRows(headers);
    if (auto mode = parseAuthMode(settings.value(Keys::GraphQLAuthMode)); mode && !settings.value(Keys::GraphQLAuthMode).isEmpty())
        m_auth->setMode(*mode);
    m_auth->profileCombo()->setCurrentText(settings.value(Keys::GraphQLAwsProfile));
    m_auth->regionEdit()->setText(settings.value(Keys::GraphQLAwsRegion));
    m_protocol->setCurrentIndex(qBound(0, settings.value(Keys::GraphQLProtocol), m_protocol->count() - 1));
    m_history->clear();
    for (const QVariant &value : settings.value(Keys::GraphQLHistory)) {
        const QVariantMap entry = value.toMap();
        const QString operation = entry.value(QStringLiteral("operation")).toString();
        auto *item = new QListWidgetItem(QStringLiteral("%1  %2  %3").arg(
                                             entry.value(QStringLiteral("time")).toDateTime().toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                                             operation.isEmpty() ? tr("(anonymous)") : operation,
                                             entry.value(QStringLiteral("url")).toString()),
                                         m_history);
        item->setData(kHistoryRole, entry);
        item->setToolTip(entry.value(QStringLiteral("document")).toString().left(2000));
    }
}

} // namespace Gatehouse::Ui
