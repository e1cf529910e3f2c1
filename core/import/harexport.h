#pragma once

#include "core/httpclient.h"
#include "core/httpjob.h"

#include <QByteArray>
#include <QDateTime>

namespace Gatehouse::Core::Import {

// A HAR 1.2 log (the format browsers' developer tools save) of one exchange: the request as
// sent and the response as received, for tools that read HAR. Credentials are redacted:
// Authorization, Cookie, Set-Cookie, X-Amz-Security-Token and API-key header values, and the
// signature, credential and token of presigned URLs, become "[redacted]".
QByteArray exportHar(const HttpClientRequest &request, const HttpClientResponse &response,
                     const QDateTime &startedAt);

inline constexpr char HarRedacted[] = "[redacted]";

} // namespace Gatehouse::Core::Import
