#include "restapievent.h"

#include "eventjson.h"

#include "httpapievent.h"

#include <QRandomGenerator>
#include <QUrl>
#include <QUuid>

#include <nlohmann/json.hpp>

namespace Gatehouse::Emulator {

namespace {

using Json = EventJson::Json;
using EventJson::headerValue;
using EventJson::newTraceId;
using EventJson::sourceIp;
using EventJson::str;

Json stringOrNull(const QString &s)
{
    return s.isEmpty() ? Json(nullptr) : Json(str(s));
}

// A name -> values map that keeps the first spelling of a name and first-appearance order,
// with look-ups that ignore case (headers) or not (query parameters).
struct MultiMap
{
    QList<QPair<QByteArray, QList<QByteArray>>> entries;
    Qt::CaseSensitivity sensitivity = Qt::CaseInsensitive;

    QList<QByteArray> *find(const QByteArray &name)
    {
        for (auto &entry : entries) {
            if (sensitivity == Qt::CaseInsensitive ? entry.first.compare(name, Qt::CaseInsensitive) == 0
                                                   : entry.first == name)
                return &entry.second;
        }
        return nullptr;
    }
    void add(const QByteArray &name, const QByteArray &value)
    {
        if (QList<QByteArray> *values = find(name))
            values->append(value);
        else
            entries.append({name, {value}});
    }

    // `headers` takes each name's last value, `multiValueHeaders` all of them, as API Gateway.
    std::pair<Json, Json> toJson() const
    {
        if (entries.isEmpty())
            return {nullptr, nullptr};
        Json single = Json::object();
        Json multi = Json::object();
        for (const auto &[name, values] : entries) {
            single[str(name)] = str(values.last());
            Json list = Json::array();
            for (const QByteArray &v : values)
                list.push_back(str(v));
            multi[str(name)] = std::move(list);
        }
        return {std::move(single), std::move(multi)};
    }
};

// The request's headers as sent (case kept), plus the forwarding headers API Gateway adds.
MultiMap eventHeaders(const Core::HttpRequest &request, const ProxyEventContext &context)
{
    MultiMap headers;
    for (const Core::HttpHeaders::Field &field : request.headers.fields())
        headers.add(context.httpApi ? field.first.toLower() : field.first, field.second);
    const QByteArray ip = sourceIp(request).toUtf8();
    const auto name = [&](const char *canonical) {
        return context.httpApi ? QByteArray(canonical).toLower() : QByteArray(canonical);
    };
    if (QList<QByteArray> *forwarded = headers.find("X-Forwarded-For"))
        forwarded->last() += ", " + ip;
    else
        headers.add(name("X-Forwarded-For"), ip);
    if (QList<QByteArray> *port = headers.find("X-Forwarded-Port"))
        *port = {QByteArray::number(request.localPort)};
    else
        headers.add(name("X-Forwarded-Port"), QByteArray::number(request.localPort));
    if (QList<QByteArray> *proto = headers.find("X-Forwarded-Proto"))
        *proto = {"http"};
    else
        headers.add(name("X-Forwarded-Proto"), "http");
    if (!headers.find("X-Amzn-Trace-Id"))
        headers.add(name("X-Amzn-Trace-Id"), newTraceId(context.timeEpochMs));
    return headers;
}

MultiMap queryParameters(const QByteArray &rawQuery)
{
    MultiMap out;
    out.sensitivity = Qt::CaseSensitive;
    for (const QByteArray &pair : rawQuery.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        QByteArray key = eq < 0 ? pair : pair.left(eq);
        QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        key.replace('+', ' ');
        value.replace('+', ' ');
        out.add(QUrl::fromPercentEncoding(key).toUtf8(), QUrl::fromPercentEncoding(value).toUtf8());
    }
    return out;
}

Json pairsOrNull(const QList<QPair<QString, QString>> &pairs)
{
    if (pairs.isEmpty())
        return nullptr;
    Json out = Json::object();
    for (const auto &[key, value] : pairs)
        out[str(key)] = str(value);
    return out;
}

Json identity(const Core::HttpRequest &request, const ProxyEventContext &context)
{
    const std::optional<HttpApiIamCaller> &iam = context.iamCaller;
    Json id = Json::object();
    id["cognitoIdentityPoolId"] = iam ? stringOrNull(iam->cognitoIdentityPoolId) : Json(nullptr);
    id["accountId"] = iam ? stringOrNull(iam->accountId) : Json(nullptr);
    id["cognitoIdentityId"] = iam ? stringOrNull(iam->cognitoIdentityId) : Json(nullptr);
    id["caller"] = iam ? stringOrNull(iam->callerId) : Json(nullptr);
    if (!context.apiKey.isEmpty()) {
        id["apiKey"] = str(context.apiKey);
        id["apiKeyId"] = str(context.apiKeyId);
    }
    id["sourceIp"] = str(sourceIp(request));
    id["principalOrgId"] = nullptr;
    id["accessKey"] = iam ? stringOrNull(iam->accessKey) : Json(nullptr);
    id["cognitoAuthenticationType"] = nullptr;
    id["cognitoAuthenticationProvider"] = nullptr;
    id["userArn"] = iam ? stringOrNull(iam->userArn) : Json(nullptr);
    id["userAgent"] = stringOrNull(QString::fromUtf8(request.headers.value("User-Agent")));
    id["user"] = iam ? stringOrNull(iam->callerId) : Json(nullptr);
    id["clientCert"] = nullptr; // mutual TLS only
    return id;
}

Json requestContext(const Core::HttpRequest &request, const QByteArray &pathInStage,
                    const ProxyEventContext &context)
{
    Json rc = Json::object();
    rc["accountId"] = str(context.accountId);
    rc["apiId"] = str(context.apiId);
    if (!context.authorizer.isEmpty())
        rc["authorizer"] = Json::parse(context.authorizer.constBegin(), context.authorizer.constEnd());
    rc["domainName"] = str(context.domainName);
    rc["domainPrefix"] = str(context.domainPrefix);
    rc["extendedRequestId"] = str(context.extendedRequestId);
    rc["httpMethod"] = str(request.method);
    rc["identity"] = identity(request, context);
    // On the execute-api host the stage is part of the path the client sent; an HTTP API's
    // path holds it already (and has none for $default).
    if (context.httpApi)
        rc["path"] = str(QUrl::fromPercentEncoding(pathInStage));
    else
        rc["path"] = str(QLatin1Char('/') + context.stage + QString::fromUtf8(pathInStage));
    rc["protocol"] = "HTTP/" + std::to_string(request.httpMajor) + '.' + std::to_string(request.httpMinor);
    rc["requestId"] = str(context.requestId);
    rc["requestTime"] = str(HttpApiEvent::formatRequestTime(context.timeEpochMs));
    rc["requestTimeEpoch"] = context.timeEpochMs;
    rc["resourceId"] = stringOrNull(context.resourceId);
    rc["resourcePath"] = str(context.resourcePath);
    rc["stage"] = str(context.stage);
    return rc;
}

// multiValueHeaders and headers merged as API Gateway documents it: a name in both keeps only
// the multiValueHeaders values.
bool addHeaders(const Json &response, Core::HttpResponse *out)
{
    QList<QByteArray> multiNames;
    if (response.contains("multiValueHeaders") && !response["multiValueHeaders"].is_null()) {
        if (!response["multiValueHeaders"].is_object())
            return false;
        for (const auto &[name, values] : response["multiValueHeaders"].items()) {
            if (!values.is_array() || name.empty())
                return false;
            for (const Json &value : values) {
                const std::optional<QByteArray> v = headerValue(value);
                if (!v)
                    return false;
                out->headers.add(QByteArray::fromStdString(name), *v);
            }
            multiNames.append(QByteArray::fromStdString(name).toLower());
        }
    }
    if (response.contains("headers") && !response["headers"].is_null()) {
        if (!response["headers"].is_object())
            return false;
        for (const auto &[name, value] : response["headers"].items()) {
            const std::optional<QByteArray> v = headerValue(value);
            if (!v || name.empty())
                return false;
            if (!multiNames.contains(QByteArray::fromStdString(name).toLower()))
                out->headers.add(QByteArray::fromStdString(name), *v);
        }
    }
    return true;
}

std::optional<int> statusOf(const Json &status)
{
    int value = 0;
    if (status.is_number_integer()) {
        value = status.get<int>();
    } else if (status.is_string()) {
        bool ok = false;
        value = QString::fromStdString(status.get<std::string>()).toInt(&ok);
        if (!ok)
            return std::nullopt;
    } else {
        return std::nullopt;
    }
    if (value < 100 || value > 599)
        return std::nullopt;
    return value;
}

} // namespace

QByteArray RestApiEvent::build(const Core::HttpRequest &request, const QByteArray &pathInStage,
                               const ProxyEventContext &context)
{
    Json event = Json::object();
    if (context.httpApi)
        event["version"] = "1.0";
    event["resource"] = str(context.resourcePath);
    // REST APIs pass the path on percent-encoded, as the client sent it (live captures show
    // HTTP APIs decode it, REST APIs do not).
    if (context.httpApi)
        event["path"] = str(QUrl::fromPercentEncoding(pathInStage));
    else
        event["path"] = str(pathInStage);
    event["httpMethod"] = str(request.method);
    auto [headers, multiHeaders] = eventHeaders(request, context).toJson();
    event["headers"] = std::move(headers);
    event["multiValueHeaders"] = std::move(multiHeaders);
    auto [query, multiQuery] = queryParameters(request.query).toJson();
    event["queryStringParameters"] = std::move(query);
    event["multiValueQueryStringParameters"] = std::move(multiQuery);
    // AWS's HTTP API 1.0 example puts requestContext before the parameters, REST's samples after.
    if (context.httpApi)
        event["requestContext"] = requestContext(request, pathInStage, context);
    event["pathParameters"] = pairsOrNull(context.pathParameters);
    event["stageVariables"] = pairsOrNull(context.stageVariables);
    if (!context.httpApi)
        event["requestContext"] = requestContext(request, pathInStage, context);
    if (request.body.isEmpty())
        event["body"] = nullptr;
    else
        event["body"] = context.base64Body ? str(request.body.toBase64()) : str(request.body);
    event["isBase64Encoded"] = context.base64Body && !request.body.isEmpty();
    // Bytes that are not UTF-8 (outside the binary media types) become U+FFFD, as text.
    return QByteArray::fromStdString(event.dump(-1, ' ', false, Json::error_handler_t::replace));
}

QByteArray RestApiEvent::buildForHttpApi(const Core::HttpRequest &request, const QByteArray &rawPath,
                                         const HttpApiEventContext &context)
{
    ProxyEventContext proxy;
    proxy.httpApi = true;
    proxy.apiId = context.apiId;
    proxy.stage = context.stage;
    proxy.domainName = context.domainName;
    proxy.domainPrefix = context.domainPrefix;
    // "GET /orders/{id}" -> "/orders/{id}"; the $default route has no path of its own.
    proxy.resourcePath = context.routeKey.contains(QLatin1Char(' ')) ? context.routeKey.section(QLatin1Char(' '), 1)
                                                                     : context.routeKey;
    proxy.requestId = context.requestId;
    proxy.extendedRequestId = context.requestId; // HTTP APIs have one id; both fields carry it
    proxy.accountId = context.accountId;
    proxy.timeEpochMs = context.timeEpochMs;
    proxy.pathParameters = context.pathParameters;
    proxy.stageVariables = context.stageVariables;
    // HTTP APIs have no binary media types: what 2.0 would encode, 1.0 encodes too.
    proxy.base64Body = HttpApiEvent::needsBase64(request.headers.value("Content-Type"), request.body);
    proxy.iamCaller = context.iamCaller;
    Json authorizer = context.jwtAuthorized ? EventJson::jwtAuthorizer(context.jwtClaims, context.jwtScopes)
                                            : Json::object();
    if (!context.lambdaAuthorizerContext.isEmpty()) {
        // 1.0 spreads the authorizer's context over requestContext.authorizer, as REST APIs do.
        const Json lambda = Json::parse(context.lambdaAuthorizerContext.constBegin(),
                                        context.lambdaAuthorizerContext.constEnd(), nullptr, false);
        if (lambda.is_object())
            authorizer.update(lambda);
    }
    if (context.jwtAuthorized || !context.lambdaAuthorizerContext.isEmpty())
        proxy.authorizer = QByteArray::fromStdString(authorizer.dump());
    return build(request, rawPath, proxy);
}

std::optional<Core::HttpResponse> RestApiEvent::interpretResponse(const QByteArray &payload, bool decodeBase64)
{
    Json response;
    try {
        response = Json::parse(payload.constBegin(), payload.constEnd());
    } catch (const Json::exception &) {
        return std::nullopt;
    }
    if (!response.is_object() || !response.contains("statusCode"))
        return std::nullopt;
    const std::optional<int> status = statusOf(response["statusCode"]);
    if (!status)
        return std::nullopt;
    Core::HttpResponse out;
    out.status = *status;
    if (!addHeaders(response, &out))
        return std::nullopt;
    bool base64 = false;
    if (response.contains("isBase64Encoded") && !response["isBase64Encoded"].is_null()) {
        if (!response["isBase64Encoded"].is_boolean())
            return std::nullopt;
        base64 = response["isBase64Encoded"].get<bool>();
    }
    if (response.contains("body") && !response["body"].is_null()) {
        if (!response["body"].is_string())
            return std::nullopt;
        const QByteArray body = QByteArray::fromStdString(response["body"].get<std::string>());
        if (base64 && decodeBase64) {
            auto decoded = QByteArray::fromBase64Encoding(body, QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded)
                return std::nullopt;
            out.body = *decoded;
        } else {
            out.body = body;
        }
    }
    if (!out.headers.contains("Content-Type"))
        out.headers.add("Content-Type", "application/json");
    return out;
}

Core::HttpResponse RestApiEvent::errorResponse(int status, const QByteArray &message, const QByteArray &errorType)
{
    Core::HttpResponse response;
    response.status = status;
    response.headers.add("Content-Type", "application/json");
    response.headers.add("x-amzn-ErrorType", errorType);
    response.body = "{\"message\":\"" + message + "\"}";
    return response;
}

Core::HttpResponse RestApiEvent::integrationError(int status, const QByteArray &message)
{
    Core::HttpResponse response = errorResponse(status, message, "InternalServerErrorException");
    response.body = "{\"message\": \"" + message + "\"}";
    return response;
}

QString RestApiEvent::newRequestId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool RestApiEvent::isBinary(const QByteArray &mediaType, const QStringList &binaryTypes)
{
    const QString type = QString::fromLatin1(mediaType.split(';').first().trimmed().toLower());
    if (type.isEmpty())
        return false;
    for (const QString &binary : binaryTypes) {
        const QString b = binary.toLower();
        if (b == QLatin1String("*/*") || b == type)
            return true;
        if (b.endsWith(QLatin1String("/*")) && type.startsWith(b.chopped(1)))
            return true;
    }
    return false;
}

} // namespace Gatehouse::Emulator
