#pragma once

#include "result.h"

#include <QByteArray>
#include <QByteArrayView>

#include <functional>

namespace Gatehouse::Core {

// Formats JSON as the bytes arrived, so key order, number text and escapes survive untouched.
class JsonPretty
{
public:
    // One pass over the input; the first syntax error comes back as "Line L, column C: ...".
    static Result<QByteArray> format(const QByteArray &json, int indent = 2);
    // The same text handed to sink a megabyte at a time, for documents too big to format in
    // memory (a spooled answer goes to a second temporary file). A sink returning false stops
    // the writing; the result is then an Io error.
    using Sink = std::function<bool(QByteArrayView)>;
    static Result<void> formatTo(const QByteArray &json, const Sink &sink, int indent = 2);
    static Result<void> validate(const QByteArray &json);
    // True when a Content-Type names JSON (application/json, application/problem+json, ...).
    static bool isJsonContentType(const QByteArray &contentType);
};

Result<void> validateJson(const QByteArray &json);

} // namespace Gatehouse::Core
