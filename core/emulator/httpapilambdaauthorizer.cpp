#include "httpapilambdaauthorizer.h"

#include "eventjson.h"

#include "core/aws/sha256.h"

#include <QUrl>
#include <QUrlQuery>

#include <nlohmann/json.hpp>

namespace Gatehouse::Emulator {

namespace {

using Json = EventJson::Json;
using EventJson::headerValue;
using EventJson::newTraceId;
using EventJson::sourceIp;
using EventJson::str;

QString contextValue(const QString &name, const Core::HttpRequest &request, const HttpApiEventContext &context)
{
    if (name == QLatin1String("requestId"))
        return context.requestId;
    if (name == QLatin1String("apiId"))
        return context.apiId;
    if (name == QLatin1String("stage"))
        return context.stage;
    if (name == QLatin1String("routeKey"))
        return context.routeKey;
    if (name == QLatin1String("domainName"))
        return context.domainName;
    if (name == QLatin1String("domainPrefix"))
        return context.domainPrefix;
    if (name == QLatin1String("accountId"))
        return context.accountId;
    if (name == QLatin1String("httpMethod"))
        return QString::fromLatin1(request.method);
    if (name == QLatin1String("path"))
        return QUrl::fromPercentEncoding(request.path);
    if (name == QLatin1String("protocol"))
        return QStringLiteral("HTTP/%1.%2").arg(request.httpMajor).arg(request.httpMinor);
    if (name == QLatin1String("requestTime"))
        return HttpApiEvent::formatRequestTime(context.timeEpochMs);
    if (name == QLatin1String("requestTimeEpoch"))
        return QString::number(context.timeEpochMs);
    if (name == QLatin1String("identity.sourceIp"))
        return sourceIp(request);
    if (name == QLatin1String("identity.userAgent"))
        return QString::fromUtf8(request.headers.value("user-agent"));
    return QString();
}

QString identityValue(const QString &source, const Core::HttpRequest &request, const HttpApiEventContext &context)
{
    if (source.startsWith(QLatin1String("$request.header."))) {
        const QList<QByteArray> values = request.headers.values(source.mid(16).toLatin1());
        QStringList out;
        for (const QByteArray &v : values)
            out.append(QString::fromUtf8(v.trimmed()));
        return out.join(QLatin1Char(','));
    }
    if (source.startsWith(QLatin1String("$request.querystring."))) {
        QByteArray query = request.query;
        query.replace('+', ' ');
        const QUrlQuery parsed(QString::fromUtf8(query));
        return parsed.allQueryItemValues(source.mid(21), QUrl::FullyDecoded).join(QLatin1Char(','));
    }
    if (source.startsWith(QLatin1String("$stageVariables."))) {
        const QString name = source.mid(16);
        for (const auto &[key, value] : context.stageVariables) {
            if (key == name)
                return value;
        }
        return QString();
    }
    if (source.startsWith(QLatin1String("$context.")))
        return contextValue(source.mid(9), request, context);
    return QString();
}

Json stringMap(const QList<QPair<QString, QString>> &pairs)
{
    Json out = Json::object();
    for (const auto &[key, value] : pairs)
        out[str(key)] = str(value);
    return out;
}

// The route's path as REST-style events name a resource: "/items/{id}", or "$default".
QString routePath(const QString &routeKey)
{
    const qsizetype space = routeKey.indexOf(QLatin1Char(' '));
    return space < 0 ? routeKey : routeKey.mid(space + 1);
}

// HTTP APIs have no REST resources; a stable id per route stands in for resourceId.
QString resourceId(const QString &apiId, const QString &routeKey)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    const QByteArray digest = Core::Aws::sha256((apiId + QLatin1Char(' ') + routeKey).toUtf8());
    QString out;
    for (int i = 0; i < 7; ++i)
        out.append(QLatin1Char(alphabet[uchar(digest.at(i)) % 36]));
    return out;
}

// Payload format 2.0: the integration's event without the body, plus type, routeArn and
// identitySource, in the order of AWS's sample.
Json eventV2(const Core::HttpRequest &request, const QByteArray &rawPath, const HttpApiEventContext &context,
             const QString &routeArn, const QStringList &identityValues)
{
    const QByteArray built = HttpApiEvent::build(request, rawPath, context);
    const Json integration = Json::parse(built.constBegin(), built.constEnd());
    Json event = Json::object();
    event["version"] = "2.0";
    event["type"] = "REQUEST";
    event["routeArn"] = str(routeArn);
    Json sources = Json::array();
    for (const QString &v : identityValues)
        sources.push_back(str(v));
    event["identitySource"] = std::move(sources);
    for (const char *key : {"routeKey", "rawPath", "rawQueryString", "cookies", "headers", "queryStringParameters",
                            "requestContext", "pathParameters", "stageVariables"}) {
        if (integration.contains(key))
            event[key] = integration[key];
    }
    return event;
}

// Payload format 1.0: the REST API REQUEST authorizer's event with version and identitySource,
// as AWS's HTTP API sample (apigw-v2-custom-authorizer-v1-request.json) has it.
Json eventV1(const Core::HttpRequest &request, const QByteArray &rawPath, const HttpApiEventContext &context,
             const QString &methodArn, const QStringList &identityValues)
{
    const QString joined = identityValues.join(QLatin1Char(','));
    const std::string path = str(QUrl::fromPercentEncoding(rawPath));
    const std::string resource = str(routePath(context.routeKey));
    Json headers = Json::object();
    for (const Core::HttpHeaders::Field &field : request.headers.fields()) {
        const std::string name = str(field.first);
        if (headers.contains(name))
            headers[name] = headers[name].get<std::string>() + ',' + str(field.second);
        else
            headers[name] = str(field.second);
    }
    Json query = Json::object();
    for (const QByteArray &pair : request.query.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        QByteArray key = eq < 0 ? pair : pair.left(eq);
        QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        key.replace('+', ' ');
        value.replace('+', ' ');
        // REST-style single-value parameters keep the last value.
        query[str(QUrl::fromPercentEncoding(key))] = str(QUrl::fromPercentEncoding(value));
    }

    Json event = Json::object();
    event["version"] = "1.0";
    event["type"] = "REQUEST";
    event["methodArn"] = str(methodArn);
    event["identitySource"] = str(joined);
    event["authorizationToken"] = str(joined);
    event["resource"] = resource;
    event["path"] = path;
    event["httpMethod"] = str(request.method);
    event["headers"] = std::move(headers);
    event["queryStringParameters"] = std::move(query);
    event["pathParameters"] = stringMap(context.pathParameters);
    event["stageVariables"] = stringMap(context.stageVariables);
    Json identity = Json::object();
    identity["apiKey"] = nullptr; // HTTP APIs have no API keys
    identity["sourceIp"] = str(sourceIp(request));
    Json rc = Json::object();
    rc["path"] = path;
    rc["accountId"] = str(context.accountId);
    rc["resourceId"] = str(resourceId(context.apiId, context.routeKey));
    rc["stage"] = str(context.stage);
    rc["requestId"] = str(context.requestId);
    rc["identity"] = std::move(identity);
    rc["resourcePath"] = resource;
    rc["httpMethod"] = str(request.method);
    rc["apiId"] = str(context.apiId);
    event["requestContext"] = std::move(rc);
    return event;
}

// A string or a list of strings (IAM accepts both for Action and Resource).
std::optional<QStringList> stringOrList(const Json &value)
{
    QStringList out;
    if (value.is_string()) {
        out.append(QString::fromStdString(value.get<std::string>()));
        return out;
    }
    if (!value.is_array())
        return std::nullopt;
    for (const Json &item : value) {
        if (!item.is_string())
            return std::nullopt;
        out.append(QString::fromStdString(item.get<std::string>()));
    }
    return out;
}

LambdaAuthorization error(const QString &reason)
{
    LambdaAuthorization out;
    out.verdict = LambdaAuthorization::Verdict::Error;
    out.reason = reason;
    return out;
}

// Deny wins over Allow; no matching Allow is a refusal too (IAM's implicit deny).
LambdaAuthorization evaluatePolicy(const Json &answer, const QString &routeArn)
{
    if (!answer.contains("policyDocument") || !answer["policyDocument"].is_object())
        return error(QStringLiteral("the answer has no policyDocument object (the authorizer does not use simple "
                                    "responses, so it must return an IAM policy)"));
    const Json &document = answer["policyDocument"];
    if (!document.contains("Statement"))
        return error(QStringLiteral("policyDocument has no Statement"));
    Json statements = document["Statement"];
    if (statements.is_object())
        statements = Json::array({statements});
    if (!statements.is_array())
        return error(QStringLiteral("policyDocument.Statement is neither a statement nor a list of them"));
    bool allowed = false;
    for (const Json &statement : statements) {
        if (!statement.is_object() || !statement.contains("Effect") || !statement["Effect"].is_string())
            return error(QStringLiteral("a statement has no Effect"));
        const std::string effect = statement["Effect"].get<std::string>();
        if (effect != "Allow" && effect != "Deny")
            return error(QStringLiteral("Effect %1 is neither Allow nor Deny").arg(QString::fromStdString(effect)));
        const std::optional<QStringList> actions = statement.contains("Action") ? stringOrList(statement["Action"])
                                                                                : std::nullopt;
        const std::optional<QStringList> resources = statement.contains("Resource") ? stringOrList(statement["Resource"])
                                                                                    : std::nullopt;
        if (!actions || !resources)
            return error(QStringLiteral("a statement needs Action and Resource, each a string or a list of strings"));
        const bool actionMatches = std::any_of(actions->cbegin(), actions->cend(), [](const QString &a) {
            return HttpApiLambdaAuthorizer::wildcardMatch(a, u"execute-api:Invoke", Qt::CaseInsensitive);
        });
        const bool resourceMatches = std::any_of(resources->cbegin(), resources->cend(), [&](const QString &r) {
            return HttpApiLambdaAuthorizer::wildcardMatch(r, routeArn);
        });
        if (!actionMatches || !resourceMatches)
            continue;
        if (effect == "Deny") {
            LambdaAuthorization out;
            out.verdict = LambdaAuthorization::Verdict::Forbidden;
            out.reason = QStringLiteral("the policy denies %1").arg(routeArn);
            return out;
        }
        allowed = true;
    }
    LambdaAuthorization out;
    out.verdict = allowed ? LambdaAuthorization::Verdict::Allow : LambdaAuthorization::Verdict::Forbidden;
    if (!allowed)
        out.reason = QStringLiteral("no statement of the policy allows %1").arg(routeArn);
    return out;
}

} // namespace

const QStringList &HttpApiLambdaAuthorizer::contextVariables()
{
    static const QStringList names = {
        QStringLiteral("accountId"),     QStringLiteral("apiId"),         QStringLiteral("domainName"),
        QStringLiteral("domainPrefix"),  QStringLiteral("httpMethod"),    QStringLiteral("identity.sourceIp"),
        QStringLiteral("identity.userAgent"), QStringLiteral("path"),     QStringLiteral("protocol"),
        QStringLiteral("requestId"),     QStringLiteral("requestTime"),   QStringLiteral("requestTimeEpoch"),
        QStringLiteral("routeKey"),      QStringLiteral("stage")};
    return names;
}

std::optional<QStringList> HttpApiLambdaAuthorizer::identityValues(const Core::HttpRequest &request,
                                                                   const HttpApiAuthorizerConfig &authorizer,
                                                                   const HttpApiEventContext &context)
{
    QStringList values;
    for (const QString &source : authorizer.identitySources) {
        const QString value = identityValue(source, request, context);
        if (value.isEmpty())
            return std::nullopt;
        values.append(value);
    }
    return values;
}

QString HttpApiLambdaAuthorizer::routeArn(const QString &region, const HttpApiEventContext &context,
                                          const QByteArray &method, const QByteArray &pathInStage)
{
    QByteArray path = pathInStage;
    if (path.startsWith('/'))
        path.remove(0, 1);
    return QStringLiteral("arn:aws:execute-api:%1:%2:%3/%4/%5/%6")
        .arg(region, context.accountId, context.apiId, context.stage, QString::fromLatin1(method),
             QUrl::fromPercentEncoding(path));
}

QByteArray HttpApiLambdaAuthorizer::event(const Core::HttpRequest &request, const QByteArray &rawPath,
                                          const HttpApiEventContext &context,
                                          const HttpApiAuthorizerConfig &authorizer, const QString &routeArn,
                                          const QStringList &identityValues)
{
    const Json event = authorizer.payloadFormatVersion == QLatin1String("1.0")
                           ? eventV1(request, rawPath, context, routeArn, identityValues)
                           : eventV2(request, rawPath, context, routeArn, identityValues);
    return QByteArray::fromStdString(event.dump(-1, ' ', false, Json::error_handler_t::replace));
}

LambdaAuthorization HttpApiLambdaAuthorizer::interpret(const QByteArray &payload,
                                                       const HttpApiAuthorizerConfig &authorizer,
                                                       const QString &routeArn)
{
    const Json answer = Json::parse(payload.constBegin(), payload.constEnd(), nullptr, false);
    if (answer.is_discarded() || !answer.is_object())
        return error(QStringLiteral("the answer is not a JSON object"));
    QByteArray context = "null";
    if (answer.contains("context") && !answer["context"].is_null()) {
        if (!answer["context"].is_object())
            return error(QStringLiteral("context is not a JSON object"));
        context = QByteArray::fromStdString(answer["context"].dump());
    }
    LambdaAuthorization out;
    if (authorizer.simpleResponses) {
        if (!answer.contains("isAuthorized") || !answer["isAuthorized"].is_boolean())
            return error(QStringLiteral("a simple response needs isAuthorized, true or false"));
        out.verdict = answer["isAuthorized"].get<bool>() ? LambdaAuthorization::Verdict::Allow
                                                         : LambdaAuthorization::Verdict::Forbidden;
        if (out.verdict == LambdaAuthorization::Verdict::Forbidden)
            out.reason = QStringLiteral("isAuthorized is false");
    } else {
        out = evaluatePolicy(answer, routeArn);
        if (answer.contains("principalId") && answer["principalId"].is_string())
            out.principalId = QString::fromStdString(answer["principalId"].get<std::string>());
    }
    out.context = context;
    return out;
}

bool HttpApiLambdaAuthorizer::wildcardMatch(QStringView pattern, QStringView text, Qt::CaseSensitivity cs)
{
    // Greedy matching with one backtrack point per '*', linear in practice.
    qsizetype p = 0, t = 0, star = -1, resume = 0;
    const auto same = [cs](QChar a, QChar b) {
        return cs == Qt::CaseSensitive ? a == b : a.toCaseFolded() == b.toCaseFolded();
    };
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == QLatin1Char('?') || (pattern[p] != QLatin1Char('*') && same(pattern[p], text[t])))) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == QLatin1Char('*')) {
            star = p++;
            resume = t;
        } else if (star >= 0) {
            p = star + 1;
            t = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == QLatin1Char('*'))
        ++p;
    return p == pattern.size();
}

} // namespace Gatehouse::Emulator
