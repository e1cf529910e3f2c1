#include "emulatorimport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace Gatehouse::Core::Import {

namespace {

// "/items/{id}" → "/items/{{id}}", "/{proxy+}" → "/{{proxy}}".
QString templatedPath(const QString &path)
{
    static const QRegularExpression parameter(QStringLiteral("\\{([^{}/+]+)\\+?\\}"));
    QString out = path;
    return out.replace(parameter, QStringLiteral("{{\\1}}"));
}

// One route ("GET /snack", "ANY /{proxy+}", "$default") as a request under {{variable}}; a
// REST API method that wants an API key sends x-api-key: {{keyVariable}}.
void addRoute(const QJsonObject &route, const QString &folder, const QString &variable,
              const QString &keyVariable, const QString &source, ImportResult &result)
{
    const QString routeKey = route.value(QLatin1String("routeKey")).toString();
    ImportedRequest request;
    request.name = routeKey;
    request.folder = {folder};
    request.description =
        QStringLiteral("Function: ") + route.value(QLatin1String("function")).toString();
    QString method = routeKey.section(QLatin1Char(' '), 0, 0);
    QString path = routeKey.section(QLatin1Char(' '), 1);
    if (routeKey == QLatin1String("$default") || method == QLatin1String("ANY")) {
        method = QStringLiteral("GET");
        if (path.isEmpty())
            path = QStringLiteral("/");
        result.problems.append(
            {source, 0, 0,
             QStringLiteral("route '%1' takes any method; imported as GET").arg(routeKey),
             ImportProblem::Severity::Warning});
    }
    request.spec.method = method;
    request.spec.url = QStringLiteral("{{") + variable + QStringLiteral("}}") + templatedPath(path);
    if (route.value(QLatin1String("apiKeyRequired")).toBool())
        request.spec.headers.append({true, QStringLiteral("x-api-key"),
                                     QStringLiteral("{{") + keyVariable + QStringLiteral("}}")});
    static const QRegularExpression names(QStringLiteral("\\{\\{([^{}]+)\\}\\}"));
    for (auto it = names.globalMatch(templatedPath(path)); it.hasNext();) {
        const QString name = it.next().captured(1);
        result.variables.insert(name, QString());
        result.toFill.insert(name);
    }
    result.requests.append(request);
}

} // namespace

ImportResult importEmulatorIndex(const QByteArray &json, const QString &source)
{
    ImportResult result;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    const QJsonObject root = doc.object();
    if (error.error != QJsonParseError::NoError ||
        root.value(QLatin1String("service")).toString() != QLatin1String("gatehouse-emulator")) {
        result.problems.append(
            {source, 0, 0,
             QStringLiteral("this is not the index of a Gatehouse emulator (GET / of "
                            "its port, e.g. http://127.0.0.1:4577/)"),
             ImportProblem::Severity::Error});
        return result;
    }
    result.name = root.value(QLatin1String("lab")).toString();
    if (result.name.isEmpty())
        result.name = QStringLiteral("Emulator");
    const QJsonArray apis = root.value(QLatin1String("apis")).toArray();
    for (const QJsonValue &value : apis) {
        const QJsonObject api = value.toObject();
        const QString apiId = api.value(QLatin1String("apiId")).toString();
        const QString variable =
            apis.size() == 1 ? QStringLiteral("baseUrl") : QStringLiteral("baseUrl_") + apiId;
        result.variables.insert(variable, api.value(QLatin1String("url")).toString());
        const QString folder = api.value(QLatin1String("name")).toString(apiId);
        // A REST API's usage plan key is lab data (the index shows it), so a plain variable.
        const QString keyVariable =
            apis.size() == 1 ? QStringLiteral("apiKey") : QStringLiteral("apiKey_") + apiId;
        const QJsonArray keys = api.value(QLatin1String("apiKeys")).toArray();
        bool needsKey = false;
        for (const QJsonValue &route : api.value(QLatin1String("routes")).toArray()) {
            needsKey = needsKey || route.toObject().value(QLatin1String("apiKeyRequired")).toBool();
            addRoute(route.toObject(), folder, variable, keyVariable, source, result);
        }
        if (needsKey && !keys.isEmpty())
            result.variables.insert(keyVariable, keys.first().toObject().value(QLatin1String("value")).toString());
        else if (needsKey)
            result.problems.append(
                {source, 0, 0,
                 QStringLiteral("API %1 has methods that need an API key but no key in a usage plan of its "
                                "stage; set {{%2}} to a key before sending")
                     .arg(folder, keyVariable),
                 ImportProblem::Severity::Warning});
    }
    if (result.requests.isEmpty())
        result.problems.append(
            {source, 0, 0,
             QStringLiteral("the emulator serves no HTTP or REST API routes (is a lab loaded?)"),
             ImportProblem::Severity::Error});
    return result;
}

} // namespace Gatehouse::Core::Import
