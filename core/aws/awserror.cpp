#include "awserror.h"

#include "retrystrategy.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QXmlStreamReader>

namespace Gatehouse::Core::Aws {

namespace {

struct ParsedError
{
    bool recognised = false; // the body or headers were an AWS error document
    QString code;
    QString message;
    QString requestId;
};

// "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException" and
// "ResourceNotFoundException:http://internal.amazon.com/coral/..." both give the bare code.
QString bareCode(const QString &raw)
{
    QString code = raw.section(QLatin1Char(':'), 0, 0);
    const qsizetype hash = code.lastIndexOf(QLatin1Char('#'));
    if (hash >= 0)
        code = code.mid(hash + 1);
    return code.trimmed();
}

bool jsonObject(const QByteArray &body, QJsonObject &out)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return false;
    out = document.object();
    return true;
}

QString firstString(const QJsonObject &object, std::initializer_list<QLatin1String> keys)
{
    for (const QLatin1String &key : keys) {
        const QJsonValue value = object.value(key);
        if (value.isString())
            return value.toString();
    }
    return {};
}

// JSON 1.0/1.1 and REST-JSON bodies; headerCode is x-amzn-ErrorType for REST-JSON.
ParsedError parseJson(const HttpHeaders &headers, const QByteArray &body, const QString &headerCode)
{
    ParsedError parsed;
    QJsonObject object;
    const bool isJson = jsonObject(body, object);
    QString code = headerCode;
    if (code.isEmpty() && isJson)
        code = firstString(object, {QLatin1String("__type"), QLatin1String("code"), QLatin1String("Code")});
    // awsQueryCompatible services name the query-protocol code in x-amzn-query-error.
    const QByteArray queryError = headers.value("x-amzn-query-error");
    if (!queryError.isEmpty())
        code = QString::fromUtf8(queryError.split(';').first());
    parsed.code = bareCode(code);
    if (isJson)
        parsed.message = firstString(object, {QLatin1String("message"), QLatin1String("Message"),
                                              QLatin1String("errorMessage")});
    parsed.recognised = !parsed.code.isEmpty() || (isJson && !parsed.message.isEmpty());
    return parsed;
}

// Query (<ErrorResponse><Error>...</Error><RequestId/></ErrorResponse>) and REST-XML
// (<Error><Code/><Message/><RequestId/></Error>) bodies.
ParsedError parseXml(const QByteArray &body)
{
    ParsedError parsed;
    QXmlStreamReader xml(body);
    QStringList path;
    bool sawError = false;
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
            path.append(xml.name().toString());
            if (path.last() == QLatin1String("Error"))
                sawError = true;
            const QString parent = path.size() >= 2 ? path.at(path.size() - 2) : QString();
            const QString name = path.last();
            if (parent == QLatin1String("Error") && name == QLatin1String("Code"))
                parsed.code = xml.readElementText().trimmed();
            else if (parent == QLatin1String("Error") && name == QLatin1String("Message"))
                parsed.message = xml.readElementText().trimmed();
            else if (name == QLatin1String("RequestId") || name == QLatin1String("RequestID"))
                parsed.requestId = xml.readElementText().trimmed();
            else
                continue;
            path.removeLast(); // readElementText() consumed the end element
        } else if (token == QXmlStreamReader::EndElement && !path.isEmpty()) {
            path.removeLast();
        }
    }
    parsed.recognised = sawError && !parsed.code.isEmpty();
    return parsed;
}

AwsProtocol guessProtocol(const HttpHeaders &headers, const QByteArray &body)
{
    if (headers.contains("x-amzn-ErrorType"))
        return AwsProtocol::RestJson;
    const QByteArray trimmed = body.trimmed();
    if (trimmed.startsWith('<'))
        return AwsProtocol::Query;
    return AwsProtocol::Json;
}

QString statusText(int status)
{
    const QByteArray reason = httpReasonPhrase(status);
    return reason.isEmpty() ? QStringLiteral("HTTP %1").arg(status)
                            : QStringLiteral("HTTP %1 %2").arg(status).arg(QString::fromLatin1(reason));
}

// A short, readable hint of what a non-AWS body says: an HTML title or its first words.
QString bodyHint(const QByteArray &body)
{
    const QString text = QString::fromUtf8(body.left(4096));
    static const QRegularExpression title(QStringLiteral("(?is)<title[^>]*>(.*?)</title>"));
    const QRegularExpressionMatch match = title.match(text);
    QString hint = match.hasMatch() ? match.captured(1) : text;
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    hint = hint.remove(tags).simplified();
    if (hint.size() > 120)
        hint = hint.left(117) + QStringLiteral("...");
    return hint;
}

QString nonAwsMessage(int status, const HttpHeaders &headers, const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return QStringLiteral("The server answered %1 with an empty body, not an AWS error document.")
            .arg(statusText(status));
    const QString contentType = QString::fromLatin1(headers.value("Content-Type")).section(QLatin1Char(';'), 0, 0);
    const QString kind = contentType.isEmpty() ? QStringLiteral("a body") : QStringLiteral("a %1 body").arg(contentType);
    QString message = QStringLiteral("The server answered %1 with %2, not an AWS error document").arg(statusText(status), kind);
    const QString hint = bodyHint(body);
    if (!hint.isEmpty())
        message += QStringLiteral(" (\"%1\")").arg(hint);
    return message + QStringLiteral(". A proxy or load balancer may be in the way, or the endpoint is not an AWS API.");
}

} // namespace

QString awsRequestId(const HttpHeaders &headers)
{
    for (const char *name : {"x-amzn-RequestId", "x-amz-request-id", "x-amzn-request-id"}) {
        const QByteArray value = headers.value(name);
        if (!value.isEmpty())
            return QString::fromLatin1(value);
    }
    return {};
}

Error parseAwsError(int status, const HttpHeaders &headers, const QByteArray &body, AwsProtocol protocol)
{
    if (protocol == AwsProtocol::Auto)
        protocol = guessProtocol(headers, body);
    ParsedError parsed;
    if (protocol == AwsProtocol::Query)
        parsed = parseXml(body);
    else
        parsed = parseJson(headers, body,
                           protocol == AwsProtocol::RestJson ? QString::fromUtf8(headers.value("x-amzn-ErrorType")) : QString());

    Error error;
    error.code = ErrorCode::Service;
    error.httpStatus = status;
    error.awsCode = parsed.code;
    error.requestId = parsed.requestId.isEmpty() ? awsRequestId(headers) : parsed.requestId;
    if (!parsed.recognised)
        error.message = nonAwsMessage(status, headers, body);
    else if (parsed.code.isEmpty())
        error.message = QStringLiteral("%1: %2").arg(statusText(status), parsed.message);
    else if (parsed.message.isEmpty())
        error.message = QStringLiteral("%1 (%2).").arg(parsed.code, statusText(status));
    else
        error.message = QStringLiteral("%1: %2").arg(parsed.code, parsed.message);
    error.retryable = RetryStrategy::isRetryable(error);
    return error;
}

Error parseAwsError(const HttpClientResponse &response, AwsProtocol protocol)
{
    return parseAwsError(response.status, response.headers, response.body, protocol);
}

} // namespace Gatehouse::Core::Aws
