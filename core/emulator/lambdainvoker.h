#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace Gatehouse::Emulator {

struct InvokeRequest
{
    QString functionName;
    // The ARN as the caller named it, qualifier included ("...:function:f:live"), which the
    // worker gets as Lambda-Runtime-Invoked-Function-Arn; empty: the ARN of functionName.
    QString invokedArn;
    QByteArray payload;          // the event JSON
    QByteArray clientContext;    // Lambda-Runtime-Client-Context, raw JSON, optional
    QByteArray cognitoIdentity;  // Lambda-Runtime-Cognito-Identity, raw JSON, optional
    QString source;              // who invoked, for the log: e.g. "GET /snack (bakery HTTP API)"
    QString requestId;           // empty: a new one (an event's retries keep the first's id)
    bool asynchronous = false;   // InvocationType Event: waits for concurrency, never throttled
};

struct InvokeResult
{
    Core::Error error;           // a service error: function unknown, payload too large...
                                 // (then nothing ran; awsCode/httpStatus as Lambda's Invoke)
    QByteArray payload;          // the function's response, or its error document
    QString functionError;       // "" on success, else "Unhandled" (as X-Amz-Function-Error)
    QString errorType;           // e.g. "Runtime.ExitError", "Sandbox.Timedout", "ValueError"
    QString requestId;
    QString throttleReason;      // with TooManyRequestsException: Lambda's "Reason" member
    QString executedVersion = QStringLiteral("$LATEST");
    QByteArray log;              // this invocation's log, START ... REPORT lines included
    double durationMs = 0;
};

// Runs one invocation of a function and reports exactly once, on `context`'s thread, unless
// `context` was destroyed first.
class LambdaInvoker
{
public:
    virtual ~LambdaInvoker() = default;
    virtual void invoke(const InvokeRequest &request, QObject *context,
                        std::function<void(const InvokeResult &)> done) = 0;
};

} // namespace Gatehouse::Emulator
