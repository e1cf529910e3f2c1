#pragma once

#include "importresult.h"

#include <QByteArray>

namespace Gatehouse::Core::Import {

// Requests from a Postman collection (format v2.1, and v2.0, which differs only in auth):
// folders, URLs as text or objects, headers, raw / urlencoded / GraphQL bodies, auth inherited
// down the tree, collection variables. Secret auth values become secret variables; form-data
// and file bodies, scripts and unsupported auth are reported with the request's path.
ImportResult importPostman(const QByteArray &json, const QString &source = QStringLiteral("-"));

} // namespace Gatehouse::Core::Import
