// The stage of AWS::Serverless::HttpApi and Globals.HttpApi: StageVariables and throttling
// (DefaultRouteSettings, RouteSettings).
#include "templatereader.h"

#include "templatenodes.h"

#include <QRegularExpression>

#include <limits>

namespace Gatehouse::Emulator {

using namespace TemplateNodes;

namespace {

// apigatewayv2 CreateStage: "Variable names can have alphanumeric and underscore characters,
// and the values must match [A-Za-z0-9-._~:/?#&=,]+"; values are at most 2048 characters.
const QRegularExpression &variableName()
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_]+$"));
    return re;
}

const QRegularExpression &variableValue()
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9\\-._~:/?#&=,]+$"));
    return re;
}

constexpr qsizetype kMaxVariableValue = 2048;

} // namespace

void TemplateReader::readStageSettings(HttpApiConfig *api, const YAML::Node &props, const QString &field,
                                       const QString &apiId)
{
    if (const YAML::Node variables = child(props, "StageVariables"); variables.IsDefined())
        readStageVariables(api, variables, field + QStringLiteral(".StageVariables"));
    if (const YAML::Node defaults = child(props, "DefaultRouteSettings"); defaults.IsDefined())
        readThrottle(&api->defaultThrottle, defaults, field + QStringLiteral(".DefaultRouteSettings"));
    const YAML::Node routes = child(props, "RouteSettings");
    if (!routes.IsDefined() || !expectMap(routes, field + QStringLiteral(".RouteSettings")))
        return;
    for (const auto &entry : routes) {
        const QString routeKey = qstr(entry.first.Scalar());
        const QString routeField = field + QStringLiteral(".RouteSettings.") + routeKey;
        HttpRouteThrottle &throttle = api->routeThrottles[routeKey];
        readThrottle(&throttle, entry.second, routeField);
        throttle.templateLine = entry.first.Mark().line + 1;
        m_routeSettingSites.append({apiId, routeKey, entry.first, routeField});
    }
}

void TemplateReader::readStageVariables(HttpApiConfig *api, const YAML::Node &node, const QString &field)
{
    if (!expectMap(node, field))
        return;
    for (const auto &entry : node) {
        const QString name = qstr(entry.first.Scalar());
        const QString at = field + QLatin1Char('.') + name;
        if (!variableName().match(name).hasMatch()) {
            m_eval.error(entry.first, at,
                         QStringLiteral("invalid stage variable name %1: API Gateway accepts letters, digits and _ only")
                             .arg(name));
            continue;
        }
        const std::optional<QString> value = m_eval.evaluate(entry.second, at);
        if (!value)
            continue;
        if (value->size() > kMaxVariableValue || !variableValue().match(*value).hasMatch()) {
            m_eval.error(entry.second, at,
                         QStringLiteral("invalid value \"%1\": API Gateway accepts 1 to %2 letters, digits and "
                                        "- . _ ~ : / ? # & = , in a stage variable (no spaces; write my-value, not my value)")
                             .arg(value->left(80))
                             .arg(kMaxVariableValue));
            continue;
        }
        // A resource's variable replaces Globals' of the same name, as SAM merges maps.
        const auto same = std::find_if(api->stageVariables.begin(), api->stageVariables.end(),
                                       [&](const QPair<QString, QString> &v) { return v.first == name; });
        if (same != api->stageVariables.end())
            same->second = *value;
        else
            api->stageVariables.append({name, *value});
    }
}

void TemplateReader::readThrottle(HttpRouteThrottle *throttle, const YAML::Node &node, const QString &field)
{
    if (!expectMap(node, field))
        return;
    checkKeys(node, field,
              {{QStringLiteral("ThrottlingBurstLimit"), QStringLiteral("ThrottlingRateLimit")},
               {QStringLiteral("DetailedMetricsEnabled"), QStringLiteral("DataTraceEnabled"), QStringLiteral("LoggingLevel")},
               {},
               QStringLiteral("RouteSettings")});
    if (const YAML::Node burst = child(node, "ThrottlingBurstLimit"); burst.IsDefined()) {
        const QString f = field + QStringLiteral(".ThrottlingBurstLimit");
        if (const std::optional<QString> text = m_eval.evaluate(burst, f)) {
            bool ok = false;
            const int value = text->toInt(&ok);
            if (ok && value >= 0)
                throttle->burstLimit = value;
            else
                m_eval.error(burst, f, QStringLiteral("%1 is not a burst limit: a whole number of requests, 0 or more "
                                                      "(e.g. 10)").arg(*text));
        }
    }
    if (const YAML::Node rate = child(node, "ThrottlingRateLimit"); rate.IsDefined()) {
        const QString f = field + QStringLiteral(".ThrottlingRateLimit");
        if (const std::optional<QString> text = m_eval.evaluate(rate, f)) {
            bool ok = false;
            const double value = text->toDouble(&ok);
            if (ok && value >= 0 && value <= std::numeric_limits<double>::max())
                throttle->rateLimit = value;
            else
                m_eval.error(rate, f, QStringLiteral("%1 is not a rate limit: requests a second, a number 0 or more "
                                                     "(e.g. 5 or 0.5)").arg(*text));
        }
    }
}

void TemplateReader::resolveRouteSettings()
{
    for (const RouteAuthSite &site : std::as_const(m_routeSettingSites)) {
        for (const HttpApiConfig &api : std::as_const(m_lab->httpApis)) {
            if (!site.apiId.isEmpty() && site.apiId != api.apiId)
                continue;
            QStringList routeKeys;
            for (const HttpRouteConfig &route : api.routes)
                routeKeys.append(route.routeKey);
            if (routeKeys.contains(site.routeKey))
                continue;
            m_eval.error(site.at, site.field,
                         QStringLiteral("%1 has no route %2, and API Gateway refuses settings for a route it cannot "
                                        "find (its routes: %3)")
                                 .arg(api.logicalId, site.routeKey,
                                      routeKeys.isEmpty() ? QStringLiteral("none") : routeKeys.join(QStringLiteral(", ")))
                             + suggestion(site.routeKey, routeKeys));
        }
    }
}

} // namespace Gatehouse::Emulator
