#include "lambdainvokeapi.h"

#include "awsauthenticator.h"
#include "lambdaregistry.h"
#include "lambdaservice.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>
#include <nlohmann/json.hpp>

namespace Gatehouse::Emulator {

namespace {

constexpr QByteArrayView InvokePrefix = "/2015-03-31/functions/";
constexpr QByteArrayView InvokeSuffix = "/invocations";

Core::Error userError(int status, const char *code, const QString &message)
{
    Core::Error error = Core::makeError(Core::ErrorCode::InvalidArgument, message);
    error.httpStatus = status;
    error.awsCode = QLatin1String(code);
    return error;
}

QByteArray errorBody(const Core::Error &error, const QString &throttleReason)
{
    nlohmann::ordered_json doc;
    if (!throttleReason.isEmpty())
        doc["Reason"] = throttleReason.toStdString();
    doc["Type"] = error.httpStatus >= 500 ? "Service" : "User";
    // The Lambda model spells the member "Message" for ResourceNotFoundException only.
    const bool capital = error.awsCode == QLatin1String("ResourceNotFoundException");
    doc[capital ? "Message" : "message"] = error.message.toStdString();
    return QByteArray::fromStdString(doc.dump());
}

// nlohmann's words for why text is not JSON, with line and column, without its error id.
QString jsonSyntaxError(const QByteArray &text)
{
    try {
        const nlohmann::json parsed = nlohmann::json::parse(text.constBegin(), text.constEnd());
        Q_UNUSED(parsed);
    } catch (const nlohmann::json::parse_error &e) {
        QString what = QString::fromUtf8(e.what());
        if (what.startsWith(QLatin1Char('[')))
            what = what.mid(what.indexOf(QLatin1Char(']')) + 1).trimmed();
        constexpr qsizetype Longest = 300; // "last read: ..." may quote a long token
        return what.size() > Longest ? what.left(Longest) + QStringLiteral("...") : what;
    }
    return QStringLiteral("not a JSON value");
}

} // namespace

LambdaInvokeApi::LambdaInvokeApi(LambdaService *service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{}

bool LambdaInvokeApi::isInvokePath(const QByteArray &path)
{
    return path.startsWith(InvokePrefix) && path.endsWith(InvokeSuffix) &&
           path.size() > InvokePrefix.size() + InvokeSuffix.size();
}

LambdaInvokeApi::FunctionReference LambdaInvokeApi::parseFunctionName(const QString &text)
{
    static const QRegularExpression validName(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    const QStringList parts = text.split(QLatin1Char(':'));
    FunctionReference ref;
    qsizetype at = -1;
    if (text.startsWith(QLatin1String("arn:")) && (parts.size() == 7 || parts.size() == 8) &&
        parts.at(2) == QLatin1String("lambda") && parts.at(5) == QLatin1String("function"))
        at = 6;
    else if ((parts.size() == 3 || parts.size() == 4) && parts.at(1) == QLatin1String("function"))
        at = 2;
    else if (parts.size() == 1 || parts.size() == 2)
        at = 0;
    if (at < 0 || !validName.match(parts.at(at)).hasMatch())
        return ref;
    ref.name = parts.at(at);
    ref.qualifier = parts.value(at + 1);
    return ref;
}

bool LambdaInvokeApi::handleRequest(const Core::HttpRequest &request, HttpResponder responder)
{
    if (!isInvokePath(request.path))
        return false;
    if (m_authenticator) {
        const AwsAuthentication auth = m_authenticator->authenticate(
            request, QStringLiteral("lambda"), AwsProtocol::RestJson);
        if (!auth.ok()) {
            responder.send(AwsAuthenticator::refusal(auth.error, AwsProtocol::RestJson));
            return true;
        }
    }
    Core::Result<InvokeRequest> invoke = parseRequest(request);
    if (!invoke) {
        answerService(invoke.error(), responder);
        return true;
    }
    invoke->invokedArn = m_service->functionArn(invoke->functionName);
    if (const Core::Result<QString> target = resolveQualifier(invoke->functionName); !target) {
        answerService(target.error(), responder);
        return true;
    } else {
        invoke->functionName = *target;
    }
    const QByteArray type = request.headers.value("X-Amz-Invocation-Type");
    if (type == "Event" || type == "DryRun")
        answerWithoutWaiting(*invoke, type == "Event", responder);
    else
        invokeAndAnswer(*invoke, request.headers.value("X-Amz-Log-Type") == "Tail", responder);
    return true;
}

Core::Result<InvokeRequest> LambdaInvokeApi::parseRequest(const Core::HttpRequest &request)
{
    const QString rawName = QUrl::fromPercentEncoding(request.path.mid(
        InvokePrefix.size(), request.path.size() - InvokePrefix.size() - InvokeSuffix.size()));
    const FunctionReference ref = parseFunctionName(rawName);
    const QString qualifier = QUrlQuery(QString::fromUtf8(request.query))
                                  .queryItemValue(QStringLiteral("Qualifier"), QUrl::FullyDecoded);
    const QByteArray type = request.headers.value("X-Amz-Invocation-Type");
    if (request.method != "POST")
        return userError(405, "MethodNotAllowedException", QStringLiteral("Invoke takes POST"));
    if (ref.name.isEmpty())
        return userError(400, "ValidationException",
                         QStringLiteral("1 validation error detected: Value '%1' at 'functionName' "
                                        "failed to satisfy constraint: Member must be a function "
                                        "name or ARN")
                             .arg(rawName));
    if (!type.isEmpty() && type != "RequestResponse" && type != "Event" && type != "DryRun")
        return userError(
            400, "InvalidParameterValueException",
            QStringLiteral("Unsupported invocation type: %1").arg(QString::fromUtf8(type)));
    InvokeRequest invoke;
    const QString version = !qualifier.isEmpty() ? qualifier : ref.qualifier;
    // Kept as named ($LATEST too): the worker sees the ARN the caller invoked.
    invoke.functionName = version.isEmpty() ? ref.name : ref.name + QLatin1Char(':') + version;
    invoke.payload = request.body.isEmpty() ? QByteArrayLiteral("{}") : request.body;
    invoke.clientContext = QByteArray::fromBase64(request.headers.value("X-Amz-Client-Context"));
    invoke.source =
        QStringLiteral("Invoke (%1)")
            .arg(type.isEmpty() ? QStringLiteral("RequestResponse") : QString::fromLatin1(type));
    // Size first, as Lambda's front door does, so a huge body is never parsed.
    if (invoke.payload.size() > LambdaService::MaxRequestPayload)
        return userError(413, "RequestEntityTooLargeException",
                         QStringLiteral("Request must be smaller than %1 bytes for the "
                                        "InvokeFunction operation")
                             .arg(LambdaService::MaxRequestPayload));
    if (!nlohmann::json::accept(invoke.payload.constBegin(), invoke.payload.constEnd()))
        return userError(400, "InvalidRequestContentException",
                         QStringLiteral("Could not parse request body into json: Could not parse "
                                        "payload into json: %1. The payload must be one JSON "
                                        "value, such as an object.")
                             .arg(jsonSyntaxError(invoke.payload)));
    return invoke;
}

void LambdaInvokeApi::answerWithoutWaiting(const InvokeRequest &invoke, bool event,
                                           const HttpResponder &responder)
{
    if (!m_service->hasFunction(invoke.functionName)) {
        answerService(notFound(invoke.functionName), responder);
        return;
    }
    if (event && invoke.payload.size() > MaxEventPayload) {
        answerService(userError(413, "RequestEntityTooLargeException",
                                QStringLiteral("%1 byte payload is too large for the Event "
                                               "invocation type (limit %2 bytes)")
                                    .arg(invoke.payload.size())
                                    .arg(MaxEventPayload)),
                      responder);
        return;
    }
    // The event is queued before the 202 goes out, and the answer carries its request id.
    const QString requestId = event ? m_service->invokeEvent(invoke)
                                    : QUuid::createUuid().toString(QUuid::WithoutBraces);
    Core::HttpResponse response;
    response.status = event ? 202 : 204;
    response.headers.add("x-amzn-RequestId", requestId.toLatin1());
    responder.send(response);
}

void LambdaInvokeApi::invokeAndAnswer(const InvokeRequest &invoke, bool tail,
                                      const HttpResponder &responder)
{
    m_service->invoke(invoke, this, [this, responder, tail](const InvokeResult &result) {
        if (result.error.isError()) {
            answerService(result.error, responder, result.throttleReason);
            return;
        }
        Core::HttpResponse response;
        response.headers.add("Content-Type", "application/json");
        response.headers.add("x-amzn-RequestId", result.requestId.toLatin1());
        response.headers.add("X-Amz-Executed-Version", result.executedVersion.toUtf8());
        if (!result.functionError.isEmpty())
            response.headers.add("X-Amz-Function-Error", result.functionError.toUtf8());
        if (tail)
            response.headers.add("X-Amz-Log-Result", result.log.right(LogTailBytes).toBase64());
        response.body = result.payload;
        responder.send(response);
    });
}

// "name" or "name:qualifier" -> the LambdaService entry to run: "name" or "name:<version>".
Core::Result<QString> LambdaInvokeApi::resolveQualifier(const QString &functionName) const
{
    const qsizetype colon = functionName.indexOf(QLatin1Char(':'));
    const QString name = colon < 0 ? functionName : functionName.left(colon);
    const QString qualifier = colon < 0 ? QString() : functionName.mid(colon + 1);
    if (!m_registry)
        return qualifier == QLatin1String("$LATEST") ? name : functionName;
    if (!m_registry->hasFunction(name))
        return notFound(functionName);
    const Core::Result<QString> version =
        m_registry->resolve(name, qualifier, m_random());
    if (!version)
        return version.error();
    return *version == QLatin1String("$LATEST") ? name : name + QLatin1Char(':') + *version;
}

Core::Error LambdaInvokeApi::notFound(const QString &functionName) const
{
    Core::Error error =
        Core::makeError(Core::ErrorCode::NotFound, QStringLiteral("Function not found: ") +
                                                       m_service->functionArn(functionName));
    error.httpStatus = 404;
    error.awsCode = QStringLiteral("ResourceNotFoundException");
    return error;
}

void LambdaInvokeApi::answerService(const Core::Error &error, const HttpResponder &responder,
                                    const QString &throttleReason) const
{
    Core::HttpResponse response;
    response.status = error.httpStatus > 0 ? error.httpStatus : 500;
    response.headers.add("Content-Type", "application/json");
    response.headers.add("x-amzn-ErrorType", error.awsCode.toUtf8());
    response.headers.add("x-amzn-RequestId",
                         error.requestId.isEmpty()
                             ? QUuid::createUuid().toByteArray(QUuid::WithoutBraces)
                             : error.requestId.toLatin1());
    response.body = errorBody(error, throttleReason);
    responder.send(response);
}

} // namespace Gatehouse::Emulator
