#pragma once

#include <QMetaType>
#include <QString>

namespace Gatehouse::Core {

// One finished invocation, for the live invocation log.
struct InvocationRecord
{
    qint64 finishedAtMs = 0;     // ms since the epoch
    QString functionName;
    QString requestId;
    QString source;              // the invoker, e.g. "GET /snack (HttpApi bakery)"
    double durationMs = 0;
    QString status;              // "Success", "Unhandled", "Timeout", "Crashed", "InitError", "Rejected"
    QString errorType;           // when not Success
    QString errorMessage;
};

} // namespace Gatehouse::Core

Q_DECLARE_METATYPE(Gatehouse::Core::InvocationRecord)
