#pragma once

#include "core/result.h"

#include <QByteArrayView>
#include <QJsonObject>

namespace Gatehouse::Core::Jwt {

// Parses a JOSE header, claims set or JWK strictly: the text must be one JSON object (RFC 8259,
// UTF-8), and a member name may appear only once in any object (RFC 7515 §5.2 lets us refuse
// duplicates, and last-one-wins parsers disagree about which value counts).
// `what` names the thing in the error ("The header segment").
Result<QJsonObject> parseJsonObject(QByteArrayView text, const QString &what);

} // namespace Gatehouse::Core::Jwt
