#include "dynamodbapi.h"

#include "dynamodbstore.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Gatehouse::Emulator {

namespace {

const QString kErrorNamespace = QStringLiteral("com.amazonaws.dynamodb.v20120810#");

Core::HttpResponse reply(int status, const QByteArray &requestId, const QByteArray &body)
{
    Core::HttpResponse response;
    response.status = status;
    response.headers.add("Content-Type", "application/x-amz-json-1.0");
    response.headers.add("x-amzn-RequestId", requestId);
    response.body = body;
    return response;
}

Core::HttpResponse errorReply(const QString &type, const QString &message, const QByteArray &requestId,
                              const QByteArray &item = "null", const QByteArray &details = "{}")
{
    QJsonObject body = QJsonDocument::fromJson(details).object();
    body.insert(QStringLiteral("__type"), type);
    body.insert(QStringLiteral("message"), message);
    if (item != "null")
        body.insert(QStringLiteral("Item"), QJsonDocument::fromJson(item).object());
    return reply(400, requestId, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

} // namespace

DynamoDbApi::DynamoDbApi(DynamoStore *store, AwsAuthenticator *authenticator)
    : m_store(store)
    , m_authenticator(authenticator)
{}

bool DynamoDbApi::isDynamoRequest(const Core::HttpRequest &request)
{
    return request.method == "POST" && (request.path == "/" || request.path.isEmpty())
           && request.headers.value("X-Amz-Target").startsWith(TargetPrefix)
           && !request.headers.value("Host").contains(".execute-api.");
}

Core::HttpResponse DynamoDbApi::answer(const Core::HttpRequest &request)
{
    const QByteArray requestId = AwsAuthenticator::newRequestId();
    if (request.body.size() > MaxRequestBytes) {
        Core::HttpResponse response = errorReply(kErrorNamespace + QStringLiteral("RequestEntityTooLargeException"),
                                                 QStringLiteral("Request entity too large"), requestId);
        response.status = 413;
        return response;
    }
    // Refusals of the signature come from DynamoDB's front door, in coral's namespace.
    const AwsAuthentication auth = m_authenticator->authenticate(request, QStringLiteral("dynamodb"), AwsProtocol::RestJson);
    if (!auth.ok()) {
        Core::HttpResponse response = errorReply(QStringLiteral("com.amazon.coral.service#") + auth.error.awsCode,
                                                 auth.error.message, requestId);
        response.status = auth.error.httpStatus > 0 ? auth.error.httpStatus : 400;
        return response;
    }
    const QByteArray contentType = request.headers.value("Content-Type");
    if (!contentType.startsWith("application/x-amz-json-1.0") && !contentType.startsWith("application/json"))
        return errorReply(QStringLiteral("com.amazon.coral.service#SerializationException"),
                          QStringLiteral("Content-Type must be application/x-amz-json-1.0"), requestId);
    const QString operation = QString::fromLatin1(request.headers.value("X-Amz-Target").mid(qsizetype(sizeof(TargetPrefix)) - 1));
    const DynamoStore::CallResult result = m_store->call(operation, request.body);
    if (result.ok)
        return reply(200, requestId, result.body);
    const bool coral = result.error.type == QLatin1String("SerializationException")
                       || result.error.type == QLatin1String("UnknownOperationException");
    return errorReply((coral ? QStringLiteral("com.amazon.coral.service#") : kErrorNamespace) + result.error.type,
                      result.error.message, requestId, result.error.item, result.error.details);
}

} // namespace Gatehouse::Emulator
