#include "error.h"

namespace Gatehouse::Core {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::None: return QStringLiteral("None");
    case ErrorCode::InvalidArgument: return QStringLiteral("InvalidArgument");
    case ErrorCode::NotFound: return QStringLiteral("NotFound");
    case ErrorCode::Io: return QStringLiteral("Io");
    case ErrorCode::HostNotFound: return QStringLiteral("HostNotFound");
    case ErrorCode::ConnectionRefused: return QStringLiteral("ConnectionRefused");
    case ErrorCode::ConnectionClosed: return QStringLiteral("ConnectionClosed");
    case ErrorCode::Tls: return QStringLiteral("Tls");
    case ErrorCode::Timeout: return QStringLiteral("Timeout");
    case ErrorCode::Cancelled: return QStringLiteral("Cancelled");
    case ErrorCode::Protocol: return QStringLiteral("Protocol");
    case ErrorCode::Service: return QStringLiteral("Service");
    case ErrorCode::Template: return QStringLiteral("Template");
    case ErrorCode::Internal: return QStringLiteral("Internal");
    }
    return QStringLiteral("Unknown");
}

} // namespace Gatehouse::Core
