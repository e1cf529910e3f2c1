// The GraphQL tab's side of the embedded emulator: its GraphQL APIs in a picker beside the
// endpoint, so a lab's API is one choice away instead of three URLs and a key copied by hand.

#include "graphqlauthform.h"
#include "graphqleditor.h"
#include "graphqleditorpanel.h"
#include "graphqlworkbench.h"

#include "core/graphql/schema.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>

#include <algorithm>

namespace Gatehouse::Ui {

using namespace Core::GraphQL;

namespace {

const Core::EmulatorApiInfo *findApi(const Core::EmulatorInfo &info, const QString &apiId)
{
    for (const Core::EmulatorApiInfo &api : info.apis) {
        if (api.kind == QLatin1String("GraphQL API") && api.apiId == apiId)
            return &api;
    }
    return nullptr;
}

// A selection for a value of `type`: its scalar and enum fields, or __typename when it has none,
// so that the starter runs as it stands.
QString leafSelection(const Schema &schema, const TypeExpr &type)
{
    TypeExpr named = type;
    while (!named.isNamed())
        named = named.inner();
    const NamedType *target = schema.type(named.name);
    if (!target || target->isLeaf())
        return {};
    QStringList fields;
    for (const FieldDef &field : target->fields) {
        TypeExpr fieldType = field.type;
        while (!fieldType.isNamed())
            fieldType = fieldType.inner();
        const NamedType *resolved = schema.type(fieldType.name);
        const bool requiredArgument = std::any_of(field.arguments.begin(), field.arguments.end(),
                                                  [](const InputValue &arg) { return arg.type.isNonNull() && !arg.defaultValue; });
        if (resolved && resolved->isLeaf() && !requiredArgument)
            fields.append(field.name);
    }
    if (fields.isEmpty())
        fields.append(QStringLiteral("__typename"));
    return QStringLiteral(" {\n    ") + fields.join(QStringLiteral("\n    ")) + QStringLiteral("\n  }");
}

} // namespace

void GraphQLWorkbench::setEmulatorInfo(const Core::EmulatorInfo &info)
{
    // Kept across an empty info: a lab switch stops the emulator before the new lab answers.
    const QString chosen = m_chosenApiId;
    m_emulator = info;
    const QSignalBlocker blocker(m_emulatorApis);
    m_emulatorApis->clear();
    m_emulatorApis->addItem(tr("Emulator API…"), QString());
    for (const Core::EmulatorApiInfo &api : info.apis) {
        if (api.kind == QLatin1String("GraphQL API"))
            m_emulatorApis->addItem(QStringLiteral("%1 · %2").arg(info.labName, api.apiId), api.apiId);
    }
    m_emulatorApis->setVisible(m_emulatorApis->count() > 1);
    updateLabSignIn();
    if (chosen.isEmpty())
        return;
    const int again = m_emulatorApis->findData(chosen);
    if (again > 0) {
        // Same API after a restart: the port may have moved, so its URLs are filled in anew.
        m_emulatorApis->setCurrentIndex(again);
        const Core::EmulatorApiInfo *api = findApi(info, chosen);
        m_url->setText(api->pathStyleUrl);
        for (const Core::EmulatorRouteInfo &route : api->routes) {
            if (route.url.startsWith(QLatin1String("ws")))
                m_realtimeUrl->setText(route.url);
        }
        return;
    }
    // The endpoint, key and document stay as they are: the person may want to point them elsewhere.
    showStatus(info.apis.isEmpty() && info.labName.isEmpty()
                   ? tr("The emulator stopped; the GraphQL API %1 is not served now. The endpoint is left as it was.").arg(chosen)
                   : tr("The lab %1 has no GraphQL API %2 any more; the endpoint is left as it was. Pick another API or "
                        "type an endpoint.")
                         .arg(info.labName, chosen),
               true);
}

bool GraphQLWorkbench::selectEmulatorApi(const QString &apiId, const QString &field)
{
    const int index = m_emulatorApis->findData(apiId);
    if (apiId.isEmpty() || index <= 0) {
        showStatus(tr("The emulator serves no GraphQL API %1. Start its lab, or type the endpoint.").arg(apiId), true);
        return false;
    }
    m_pendingField = field;
    if (m_emulatorApis->currentIndex() == index)
        onEmulatorApiChosen(index); // chosen again: fill in anew and reload the schema
    else
        m_emulatorApis->setCurrentIndex(index);
    return true;
}

void GraphQLWorkbench::onEmulatorApiChosen(int index)
{
    m_chosenApiId = m_emulatorApis->itemData(index).toString();
    const Core::EmulatorApiInfo *api = findApi(m_emulator, m_chosenApiId);
    if (!api)
        return;
    m_url->setText(api->pathStyleUrl);
    for (const Core::EmulatorRouteInfo &route : api->routes) {
        if (route.url.startsWith(QLatin1String("ws")))
            m_realtimeUrl->setText(route.url);
    }
    // The stage lists the API's auth modes, its default first.
    const QString defaultMode = api->stage.section(QStringLiteral(", "), 0, 0);
    if (const auto mode = parseAuthMode(defaultMode); mode.ok()) {
        m_auth->setMode(*mode);
        // The lab's key is lab data, but it goes where a typed key goes: the field, never the settings.
        if (*mode == AuthMode::ApiKey && !api->apiKeys.isEmpty())
            m_auth->secretField()->setText(api->apiKeys.constFirst().value);
    }
    updateLabSignIn();
    loadSchema();
}

void GraphQLWorkbench::updateLabSignIn()
{
    const Core::EmulatorApiInfo *api = findApi(m_emulator, m_chosenApiId);
    const QString typed = m_url->text().trimmed();
    Core::Cognito::AppClient client;
    QString poolName;
    QString issuer;
    // Only while the endpoint is the API's: a lab token means nothing to an endpoint typed elsewhere.
    const bool targeted = api && (typed == api->pathStyleUrl || typed == api->hostStyleUrl);
    if (targeted) {
        for (const Core::EmulatorUserPoolInfo &pool : std::as_const(m_emulator.userPools)) {
            // OIDC trusts a lab pool by the emulator's issuer URL or by AWS's (…amazonaws.com/<poolId>).
            const bool used = api->userPoolIds.contains(pool.poolId) ||
                              std::any_of(api->oidcIssuers.cbegin(), api->oidcIssuers.cend(), [&pool](const QString &issuer) {
                                  return issuer == pool.issuer || issuer.endsWith(QLatin1Char('/') + pool.poolId);
                              });
            if (!used || pool.clients.isEmpty() || !client.clientId.isEmpty())
                continue;
            const Core::EmulatorAppClientInfo &app = pool.clients.constFirst();
            client = {pool.poolId, app.clientId, app.clientSecret};
            poolName = pool.name;
            for (const QString &trusted : api->oidcIssuers) {
                if (trusted == pool.issuer || trusted.endsWith(QLatin1Char('/') + pool.poolId))
                    issuer = trusted;
            }
        }
    }
    m_auth->setOidcIssuers(targeted ? api->oidcIssuers : QStringList());
    m_auth->setLabSignIn(client, QUrl(m_emulator.baseUrl), poolName, issuer);
}

void GraphQLWorkbench::insertStarterOperation(const QString &field)
{
    GraphQLEditor *editor = m_editor->editor();
    const auto schema = editor->schema();
    if (!schema || !editor->toPlainText().trimmed().isEmpty())
        return;
    const QString typeName = field.section(QLatin1Char('.'), 0, 0);
    const QString fieldName = field.section(QLatin1Char('.'), 1);
    const NamedType *type = schema->type(typeName);
    const FieldDef *def = type ? schema->fieldFor(*type, fieldName) : nullptr;
    if (!def)
        return;
    QString keyword;
    for (OperationType operation : {OperationType::Query, OperationType::Mutation, OperationType::Subscription}) {
        if (schema->rootTypeName(operation) == typeName) {
            switch (operation) {
            case OperationType::Query:
                keyword = QStringLiteral("query");
                break;
            case OperationType::Mutation:
                keyword = QStringLiteral("mutation");
                break;
            case OperationType::Subscription:
                keyword = QStringLiteral("subscription");
                break;
            }
        }
    }
    if (keyword.isEmpty())
        return; // a nested type's resolver: no operation starts there
    QStringList declarations;
    QStringList arguments;
    for (const InputValue &argument : def->arguments) {
        declarations.append(QStringLiteral("$%1: %2").arg(argument.name, argument.type.toString()));
        arguments.append(QStringLiteral("%1: $%1").arg(argument.name));
    }
    QString text = keyword + QLatin1Char(' ') + fieldName.left(1).toUpper() + fieldName.mid(1);
    if (!declarations.isEmpty())
        text += QLatin1Char('(') + declarations.join(QStringLiteral(", ")) + QLatin1Char(')');
    text += QStringLiteral(" {\n  ") + fieldName;
    if (!arguments.isEmpty())
        text += QLatin1Char('(') + arguments.join(QStringLiteral(", ")) + QLatin1Char(')');
    text += leafSelection(*schema, def->type) + QStringLiteral("\n}\n");
    editor->setPlainText(text);
    editor->checkNow();
}

} // namespace Gatehouse::Ui
