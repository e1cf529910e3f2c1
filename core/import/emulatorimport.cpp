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

// One route ("GET /snack", "ANY /{proxy+}", "$default") as a request under {{variable}}.
void addRoute(const QJsonObject &route, const QString &folder, const QString &variable,
              const QString &source, ImportResult &result)
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
    static const QRegularExpression names(QStringLiteral("\\{\\{([^{}]+)\\}\\}"));
    for (auto it = names.globalMatch(templatedPath(path)); it.hasNext();)
        result.variables.insert(it.next().captured(1), QString());
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
        for (const QJsonValue &route : api.value(QLatin1String("routes")).toArray())
            addRoute(route.toObject(), folder, variable, source, result);
    }
    if (result.requests.isEmpty())
        result.problems.append(
            {source, 0, 0,
             QStringLiteral("the emulator serves no HTTP API routes (is a lab loaded?)"),
             ImportProblem::Severity::Error});
    return result;
}

} // namespace Gatehouse::Core::Import
