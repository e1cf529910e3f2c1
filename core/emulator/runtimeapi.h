#pragma once

#include "core/httpmessage.h"

#include <QByteArray>
#include <QString>

namespace Gatehouse::Emulator {

// The wire side of the Lambda Runtime API (2018-06-01) as workers reach it through the one
// emulator port: /_runtime/<workerId>/2018-06-01/runtime/...; parsing and answers, no state.
class RuntimeApi
{
public:
    enum class Endpoint
    {
        Invalid,
        Next,
        Response,
        Error,
        InitError
    };

    struct Route
    {
        Endpoint endpoint = Endpoint::Invalid;
        QByteArray workerId;
        QByteArray requestId; // for Response and Error
        QByteArray method;    // the method the endpoint takes: "GET" or "POST"
    };

    // What a runtime reported through /error or /init/error.
    struct ReportedError
    {
        QString errorType;
        QString errorMessage;
        QByteArray document; // the error document to hand to the invoker
    };

    // One invocation as /invocation/next hands it to a runtime.
    struct NextEvent
    {
        QByteArray requestId;
        qint64 deadlineMs = 0;
        QByteArray invokedFunctionArn;
        QByteArray traceId;
        QByteArray clientContext;
        QByteArray cognitoIdentity;
        QByteArray payload;
    };

    static constexpr const char *Prefix = "/_runtime/";
    static constexpr const char *ApiVersion = "2018-06-01";
    static constexpr const char *ErrorContentType = "application/vnd.aws.lambda.error+json";

    static bool isRuntimePath(const QByteArray &path);
    static Route parse(const QByteArray &path);

    // 202 {"status":"OK"}, as /response, /error and /init/error acknowledge.
    static Core::HttpResponse accepted();
    // {"errorMessage": ..., "errorType": ...} with the given status.
    static Core::HttpResponse errorResponse(int status, const QString &errorType,
                                            const QString &message);
    static Core::HttpResponse nextResponse(const NextEvent &event);

    static QByteArray errorDocument(const QString &errorType, const QString &message);
    // The document Lambda itself returns for platform errors (Sandbox.Timedout,
    // Runtime.ExitError...): {"errorType": ..., "errorMessage": ...}.
    static QByteArray platformErrorDocument(const QString &errorType, const QString &message);
    // Reads an error a runtime posted; falls back to the Lambda-Runtime-Function-Error-Type
    // header (and "Unhandled") when the body is missing or not an error document, as Lambda does.
    static ReportedError parseReportedError(const Core::HttpRequest &request);

    // X-Ray style: Root=1-<8 hex epoch seconds>-<24 hex>;Parent=<16 hex>;Sampled=0
    static QByteArray newTraceId(qint64 nowMs);
};

} // namespace Gatehouse::Emulator
