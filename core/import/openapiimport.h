#pragma once

#include "importresult.h"

#include <QByteArray>

namespace Gatehouse::Core::Import {

// Requests from an OpenAPI 3.0.x (3.1 read alike) or Swagger 2.0 document, JSON or YAML: one
// per operation, named by operationId (else "METHOD /path"), filed in folders by first tag,
// with URLs under {{baseUrl}} (from servers, or host + basePath + schemes), path parameters
// as {{name}}, query and header parameters with their examples or defaults, and a body from
// the examples or a skeleton built from the schema ($ref cycles stop at the second visit);
// urlencoded and multipart bodies (Swagger's formData) become form fields, format: binary
// (Swagger's type: file) a file field. A malformed document is one error with line and column;
// unsupported parts (external $refs, cookie parameters, callbacks) are reported with theirs
// and skipped.
// `source` is shown in problems; when it is an http(s) URL, relative server URLs resolve
// against it.
ImportResult importOpenApi(const QByteArray &document, const QString &source = QStringLiteral("-"));

} // namespace Gatehouse::Core::Import
