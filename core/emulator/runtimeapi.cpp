#include "runtimeapi.h"

#include <QRandomGenerator>
#include <nlohmann/json.hpp>

namespace Gatehouse::Emulator {

namespace {

QByteArray randomHex(int digits)
{
    QByteArray out;
    out.reserve(digits);
    static const char hex[] = "0123456789abcdef";
    QRandomGenerator *rng = QRandomGenerator::global();
    for (int i = 0; i < digits; ++i)
        out.append(hex[rng->bounded(16)]);
    return out;
}

Core::HttpResponse jsonResponse(int status, QByteArray body)
{
    Core::HttpResponse response;
    response.status = status;
    response.headers.add("Content-Type", "application/json");
    response.body = std::move(body);
    return response;
}

QString stringMember(const nlohmann::json &doc, const char *key)
{
    const auto it = doc.find(key);
    if (it == doc.end() || !it->is_string())
        return {};
    return QString::fromStdString(it->get<std::string>());
}

} // namespace

bool RuntimeApi::isRuntimePath(const QByteArray &path)
{
    return path.startsWith(Prefix);
}

RuntimeApi::Route RuntimeApi::parse(const QByteArray &path)
{
    Route route;
    if (!isRuntimePath(path))
        return route;
    const QList<QByteArray> parts = path.mid(qstrlen(Prefix)).split('/');
    if (parts.size() < 5 || parts.at(0).isEmpty() || parts.at(1) != ApiVersion ||
        parts.at(2) != "runtime")
        return route;
    route.workerId = parts.at(0);
    const QByteArray &group = parts.at(3);
    if (parts.size() == 5 && group == "invocation" && parts.at(4) == "next") {
        route.endpoint = Endpoint::Next;
        route.method = "GET";
    } else if (parts.size() == 5 && group == "init" && parts.at(4) == "error") {
        route.endpoint = Endpoint::InitError;
        route.method = "POST";
    } else if (parts.size() == 6 && group == "invocation" && !parts.at(4).isEmpty() &&
               (parts.at(5) == "response" || parts.at(5) == "error")) {
        route.endpoint = parts.at(5) == "response" ? Endpoint::Response : Endpoint::Error;
        route.requestId = parts.at(4);
        route.method = "POST";
    }
    if (route.endpoint == Endpoint::Invalid)
        route.workerId.clear();
    return route;
}

Core::HttpResponse RuntimeApi::accepted()
{
    return jsonResponse(202, QByteArrayLiteral("{\"status\":\"OK\"}"));
}

Core::HttpResponse RuntimeApi::errorResponse(int status, const QString &errorType,
                                             const QString &message)
{
    return jsonResponse(status, errorDocument(errorType, message));
}

Core::HttpResponse RuntimeApi::nextResponse(const NextEvent &event)
{
    Core::HttpResponse response = jsonResponse(200, event.payload);
    Core::HttpHeaders &h = response.headers;
    h.add("Lambda-Runtime-Aws-Request-Id", event.requestId);
    h.add("Lambda-Runtime-Deadline-Ms", QByteArray::number(event.deadlineMs));
    h.add("Lambda-Runtime-Invoked-Function-Arn", event.invokedFunctionArn);
    h.add("Lambda-Runtime-Trace-Id", event.traceId);
    if (!event.clientContext.isEmpty())
        h.add("Lambda-Runtime-Client-Context", event.clientContext);
    if (!event.cognitoIdentity.isEmpty())
        h.add("Lambda-Runtime-Cognito-Identity", event.cognitoIdentity);
    return response;
}

QByteArray RuntimeApi::errorDocument(const QString &errorType, const QString &message)
{
    nlohmann::ordered_json doc;
    doc["errorMessage"] = message.toStdString();
    doc["errorType"] = errorType.toStdString();
    return QByteArray::fromStdString(doc.dump());
}

QByteArray RuntimeApi::platformErrorDocument(const QString &errorType, const QString &message)
{
    nlohmann::ordered_json doc;
    doc["errorType"] = errorType.toStdString();
    doc["errorMessage"] = message.toStdString();
    return QByteArray::fromStdString(doc.dump());
}

RuntimeApi::ReportedError RuntimeApi::parseReportedError(const Core::HttpRequest &request)
{
    ReportedError reported;
    reported.errorType =
        QString::fromUtf8(request.headers.value("Lambda-Runtime-Function-Error-Type"));
    try {
        const nlohmann::json doc =
            nlohmann::json::parse(request.body.constBegin(), request.body.constEnd());
        if (doc.is_object()) {
            const QString bodyType = stringMember(doc, "errorType");
            if (!bodyType.isEmpty())
                reported.errorType = bodyType;
            reported.errorMessage = stringMember(doc, "errorMessage");
            reported.document = request.body;
        }
    } catch (const nlohmann::json::exception &) {
        reported.document.clear();
    }
    if (reported.errorType.isEmpty())
        reported.errorType = QStringLiteral("Unhandled");
    if (reported.document.isEmpty())
        reported.document = errorDocument(reported.errorType, reported.errorMessage);
    return reported;
}

QByteArray RuntimeApi::newTraceId(qint64 nowMs)
{
    const QByteArray seconds = QByteArray::number(nowMs / 1000, 16).rightJustified(8, '0');
    return "Root=1-" + seconds + '-' + randomHex(24) + ";Parent=" + randomHex(16) + ";Sampled=0";
}

} // namespace Gatehouse::Emulator
