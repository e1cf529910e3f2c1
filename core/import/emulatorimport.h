#pragma once

#include "importresult.h"

#include <QByteArray>

namespace Gatehouse::Core::Import {

// Requests for every route of the HTTP APIs a running emulator serves, from its index
// (GET http://127.0.0.1:<port>/): one folder per API, URLs under {{baseUrl}} (one API) or
// {{baseUrl_<apiId>}}, path parameters as {{name}}.
ImportResult importEmulatorIndex(const QByteArray &json,
                                 const QString &source = QStringLiteral("-"));

} // namespace Gatehouse::Core::Import
