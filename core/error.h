#pragma once

#include <QMetaType>
#include <QString>

namespace Gatehouse::Core {

// Why an operation failed, as a value: core fills in the code and facts, the UI words it.
enum class ErrorCode {
    None,
    InvalidArgument,  // the caller's input was wrong (bad URL, bad JSON, bad option)
    NotFound,         // a file, function, route or resource does not exist
    Io,               // reading or writing a local file failed
    HostNotFound,     // DNS lookup failed
    ConnectionRefused,
    ConnectionClosed, // the peer closed the connection before answering in full
    Tls,
    Timeout,
    Cancelled,
    Protocol,         // the peer spoke something that is not the expected protocol
    Service,          // the service answered with an error document (see awsCode)
    Template,         // a lab template is invalid
    Internal,
};

struct Error
{
    ErrorCode code = ErrorCode::None;
    QString message;        // one sentence for a person: what was wrong and what to do
    int httpStatus = 0;     // when the error came with an HTTP answer
    QString awsCode;        // e.g. "ResourceNotFoundException" for service errors
    QString requestId;
    bool retryable = false;

    bool isError() const { return code != ErrorCode::None; }
};

QString errorCodeName(ErrorCode code);

} // namespace Gatehouse::Core

Q_DECLARE_METATYPE(Gatehouse::Core::Error)
