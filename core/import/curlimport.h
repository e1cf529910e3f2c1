#pragma once

#include "importresult.h"

namespace Gatehouse::Core::Import {

// Requests from cURL command lines as people paste them from a browser's "Copy as cURL"
// (bash or cmd.exe quoting), one request per `curl` command in the text. Options curl has but
// a request cannot carry are reported, never fatal; a command that cannot be read is dropped
// with its line and column, and the others still import.
ImportResult importCurl(const QString &text, const QString &source = QStringLiteral("-"));

} // namespace Gatehouse::Core::Import
