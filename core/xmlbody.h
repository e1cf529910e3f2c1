#pragma once

#include "result.h"

#include <QByteArray>

namespace Gatehouse::Core {

// An XML request body is checked as it is typed, as a JSON one is, so a mismatched tag shows
// in the builder instead of as a server's terse 400.
class XmlBody
{
public:
    // Well-formedness only (no schema, no DTD validation); the first error comes back as
    // "Line L, column C: <QXmlStreamReader's words>", as JSON errors do; C is the last
    // character of the refused token, counted from 1.
    static Result<void> validate(const QByteArray &xml);
    // True for application/xml, text/xml and the +xml types (application/soap+xml, ...).
    static bool isXmlContentType(const QByteArray &contentType);
};

} // namespace Gatehouse::Core
