#include "httpapievent.h"

#include "eventjson.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QStringDecoder>
#include <QUrl>

#include <nlohmann/json.hpp>

#include <map>
#include <optional>

namespace Gatehouse::Emulator {

namespace {

using Json = EventJson::Json;
using EventJson::headerValue;
using EventJson::newTraceId;
using EventJson::sourceIp;
using EventJson::str;

bool isValidUtf8(const QByteArray &data)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder(data);
    return !decoder.hasError();
}

// Header names lower-cased and sorted, repeats comma-joined; cookies split out; the
// forwarding headers API Gateway adds.
std::map<QByteArray, QByteArray> eventHeaders(const Core::HttpRequest &request,
                                              const HttpApiEventContext &context,
                                              QStringList *cookies)
{
    std::map<QByteArray, QByteArray> headers;
    for (const Core::HttpHeaders::Field &field : request.headers.fields()) {
        const QByteArray name = field.first.toLower();
        if (name == "cookie") {
            for (const QByteArray &cookie : field.second.split(';')) {
                const QByteArray trimmed = cookie.trimmed();
                if (!trimmed.isEmpty())
                    cookies->append(QString::fromUtf8(trimmed));
            }
            continue;
        }
        auto it = headers.find(name);
        if (it == headers.end())
            headers.emplace(name, field.second);
        else
            it->second += ',' + field.second;
    }
    const QByteArray ip = sourceIp(request).toUtf8();
    auto forwarded = headers.find("x-forwarded-for");
    if (forwarded == headers.end())
        headers.emplace("x-forwarded-for", ip);
    else
        forwarded->second += ", " + ip;
    headers["x-forwarded-port"] = QByteArray::number(request.localPort);
    headers["x-forwarded-proto"] = "http";
    if (!headers.count("x-amzn-trace-id"))
        headers.emplace("x-amzn-trace-id", newTraceId(context.timeEpochMs));
    if (!headers.count("content-length"))
        headers.emplace("content-length", QByteArray::number(request.body.size()));
    return headers;
}

// Query parameters decoded, in first-appearance order, repeated keys comma-joined.
Json queryParameters(const QByteArray &rawQuery)
{
    Json out = Json::object();
    for (const QByteArray &pair : rawQuery.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        QByteArray key = eq < 0 ? pair : pair.left(eq);
        QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        key.replace('+', ' ');
        value.replace('+', ' ');
        const std::string k = str(QUrl::fromPercentEncoding(key));
        const std::string v = str(QUrl::fromPercentEncoding(value));
        if (out.contains(k))
            out[k] = out[k].get<std::string>() + ',' + v;
        else
            out[k] = v;
    }
    return out;
}

Json pairsToJson(const QList<QPair<QString, QString>> &pairs)
{
    Json out = Json::object();
    for (const auto &[key, value] : pairs)
        out[str(key)] = str(value);
    return out;
}

// requestContext.authorizer.iam, key for key as in AWS's samples; API Gateway sends null
// for what it does not know (no AWS Organizations here, no identity pool behind plain keys).
Json iamAuthorizer(const HttpApiIamCaller &caller)
{
    Json iam = Json::object();
    iam["accessKey"] = str(caller.accessKey);
    iam["accountId"] = str(caller.accountId);
    iam["callerId"] = str(caller.callerId);
    if (caller.cognitoIdentityId.isEmpty()) {
        iam["cognitoIdentity"] = nullptr;
    } else {
        Json amr = Json::array();
        for (const QString &a : caller.cognitoAmr)
            amr.push_back(str(a));
        iam["cognitoIdentity"] = {{"amr", std::move(amr)},
                                  {"identityId", str(caller.cognitoIdentityId)},
                                  {"identityPoolId", str(caller.cognitoIdentityPoolId)}};
    }
    iam["principalOrgId"] = nullptr;
    iam["userArn"] = str(caller.userArn);
    iam["userId"] = str(caller.userId);
    return iam;
}

Json requestContext(const Core::HttpRequest &request, const QByteArray &rawPath,
                    const HttpApiEventContext &context, const QByteArray &userAgent)
{
    Json http = Json::object();
    http["method"] = str(request.method);
    http["path"] = str(QUrl::fromPercentEncoding(rawPath));
    http["protocol"] = "HTTP/" + std::to_string(request.httpMajor) + '.' + std::to_string(request.httpMinor);
    http["sourceIp"] = str(sourceIp(request));
    http["userAgent"] = str(userAgent);

    Json rc = Json::object();
    rc["accountId"] = str(context.accountId);
    rc["apiId"] = str(context.apiId);
    Json authorizer = Json::object();
    if (context.jwtAuthorized)
        authorizer["jwt"] = EventJson::jwtAuthorizer(context.jwtClaims, context.jwtScopes);
    if (!context.lambdaAuthorizerContext.isEmpty())
        authorizer["lambda"] = Json::parse(context.lambdaAuthorizerContext.constBegin(),
                                           context.lambdaAuthorizerContext.constEnd(), nullptr, false);
    if (context.iamCaller)
        authorizer["iam"] = iamAuthorizer(*context.iamCaller);
    if (!authorizer.empty())
        rc["authorizer"] = std::move(authorizer);
    rc["domainName"] = str(context.domainName);
    rc["domainPrefix"] = str(context.domainPrefix);
    rc["http"] = std::move(http);
    rc["requestId"] = str(context.requestId);
    rc["routeKey"] = str(context.routeKey);
    rc["stage"] = str(context.stage);
    rc["time"] = str(HttpApiEvent::formatRequestTime(context.timeEpochMs));
    rc["timeEpoch"] = context.timeEpochMs;
    return rc;
}

bool addHeaders(const Json &response, Core::HttpResponse *out)
{
    if (response.contains("headers") && !response["headers"].is_null()) {
        if (!response["headers"].is_object())
            return false;
        for (const auto &[name, value] : response["headers"].items()) {
            const std::optional<QByteArray> v = headerValue(value);
            if (!v || name.empty())
                return false;
            out->headers.add(QByteArray::fromStdString(name), *v);
        }
    }
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
        }
    }
    return true;
}

bool addCookies(const Json &response, Core::HttpResponse *out)
{
    if (!response.contains("cookies") || response["cookies"].is_null())
        return true;
    if (!response["cookies"].is_array())
        return false;
    for (const Json &cookie : response["cookies"]) {
        const std::optional<QByteArray> v = headerValue(cookie);
        if (!v || !cookie.is_string())
            return false;
        out->headers.add("Set-Cookie", *v);
    }
    return true;
}

std::optional<Core::HttpResponse> structuredResponse(const Json &response)
{
    const Json &status = response["statusCode"];
    if (!status.is_number_integer() || status.get<int>() < 100 || status.get<int>() > 599)
        return std::nullopt;
    Core::HttpResponse out;
    out.status = status.get<int>();
    if (!addHeaders(response, &out) || !addCookies(response, &out))
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
        if (base64) {
            auto decoded = QByteArray::fromBase64Encoding(body, QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded)
                return std::nullopt;
            out.body = *decoded;
        } else {
            out.body = body;
        }
    }
    return out;
}

} // namespace

QByteArray HttpApiEvent::build(const Core::HttpRequest &request, const QByteArray &rawPath,
                               const HttpApiEventContext &context)
{
    QStringList cookies;
    const std::map<QByteArray, QByteArray> headers = eventHeaders(request, context, &cookies);

    Json event = Json::object();
    event["version"] = "2.0";
    event["routeKey"] = str(context.routeKey);
    event["rawPath"] = str(QUrl::fromPercentEncoding(rawPath)); // HTTP APIs decode it, despite the name
    event["rawQueryString"] = str(request.query);
    if (!cookies.isEmpty()) {
        Json list = Json::array();
        for (const QString &cookie : std::as_const(cookies))
            list.push_back(str(cookie));
        event["cookies"] = std::move(list);
    }
    Json headerObject = Json::object();
    for (const auto &[name, value] : headers)
        headerObject[str(name)] = str(value);
    event["headers"] = std::move(headerObject);
    if (!request.query.isEmpty())
        event["queryStringParameters"] = queryParameters(request.query);
    event["requestContext"] = requestContext(request, rawPath, context, request.headers.value("user-agent"));
    const bool base64 = needsBase64(request.headers.value("content-type"), request.body);
    if (!request.body.isEmpty())
        event["body"] = base64 ? str(request.body.toBase64()) : str(request.body);
    if (!context.pathParameters.isEmpty())
        event["pathParameters"] = pairsToJson(context.pathParameters);
    event["isBase64Encoded"] = base64 && !request.body.isEmpty();
    if (!context.stageVariables.isEmpty())
        event["stageVariables"] = pairsToJson(context.stageVariables);
    // Header bytes that are not UTF-8 become U+FFFD rather than failing the request.
    return QByteArray::fromStdString(event.dump(-1, ' ', false, Json::error_handler_t::replace));
}

bool HttpApiEvent::needsBase64(const QByteArray &contentType, const QByteArray &body)
{
    if (!isValidUtf8(body))
        return true;
    const QByteArray type = contentType.split(';').first().trimmed().toLower();
    static const QList<QByteArray> textTypes = {"application/json", "application/xml", "application/javascript"};
    return !(type.startsWith("text/") || textTypes.contains(type));
}

QString HttpApiEvent::newRequestId()
{
    QByteArray random(11, Qt::Uninitialized);
    for (char &c : random)
        c = char(QRandomGenerator::global()->bounded(256));
    return QString::fromLatin1(random.toBase64(QByteArray::Base64UrlEncoding));
}

QString HttpApiEvent::formatRequestTime(qint64 epochMs)
{
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC);
    const QDate d = t.date();
    return QStringLiteral("%1/%2/%3:%4 +0000")
        .arg(d.day(), 2, 10, QLatin1Char('0'))
        .arg(QLatin1String(months[d.month() - 1]))
        .arg(d.year())
        .arg(t.time().toString(QStringLiteral("HH:mm:ss")));
}

Core::HttpResponse HttpApiEvent::interpretResponse(const QByteArray &payload)
{
    Json response;
    try {
        response = Json::parse(payload.constBegin(), payload.constEnd());
    } catch (const Json::exception &) {
        return errorResponse(500, "Internal Server Error");
    }
    if (response.is_object() && response.contains("statusCode")) {
        std::optional<Core::HttpResponse> structured = structuredResponse(response);
        return structured ? *structured : errorResponse(500, "Internal Server Error");
    }
    Core::HttpResponse inferred;
    inferred.status = 200;
    inferred.headers.add("Content-Type", "application/json");
    inferred.body = payload;
    return inferred;
}

Core::HttpResponse HttpApiEvent::errorResponse(int status, const QByteArray &message)
{
    Core::HttpResponse response;
    response.status = status;
    response.headers.add("Content-Type", "application/json");
    response.body = "{\"message\":\"" + message + "\"}";
    return response;
}

} // namespace Gatehouse::Emulator
