#pragma once

#include "core/httpclient.h"
#include "core/httpjob.h"

#include <QByteArray>
#include <QDateTime>
#include <QStringList>

namespace Gatehouse::Core::Import {

// A HAR 1.2 log (the format browsers' developer tools save) of one exchange: the request as
// sent and the response as received, for tools that read HAR. Credentials are redacted:
// Authorization, Cookie, Set-Cookie, X-Amz-Security-Token and API-key header values, and the
// signature, credential and token of presigned URLs, become "[redacted]", and so do headers
// and query parameters named in `alsoRedact` (e.g. the request's own API key name).
QByteArray exportHar(const HttpClientRequest &request, const HttpClientResponse &response,
                     const QDateTime &startedAt, const QStringList &alsoRedact = {});

inline constexpr char HarRedacted[] = "[redacted]";

} // namespace Gatehouse::Core::Import
