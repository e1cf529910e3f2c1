#pragma once

#include "importresult.h"

#include <QByteArray>

namespace Gatehouse::Core::Import {

enum class ImportFormat
{
    Unknown,
    Curl,
    Postman,
    OpenApi,
    EmulatorIndex
};

// What a dropped or pasted document is, from its first bytes and top-level keys: curl command
// lines, a Postman collection ("info" + "item"), an OpenAPI or Swagger document ("openapi" /
// "swagger", JSON or YAML), or the emulator's index ("service": "gatehouse-emulator").
ImportFormat detectImportFormat(const QByteArray &data);

// The importer for the detected format; Unknown is one error saying which formats are read.
ImportResult importDocument(const QByteArray &data, const QString &source = QStringLiteral("-"));

} // namespace Gatehouse::Core::Import
