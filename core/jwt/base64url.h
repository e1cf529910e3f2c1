#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace Gatehouse::Core::Jwt {

// Strict base64url (RFC 7515 §2 / RFC 4648 §5) as JOSE requires it: the 64-letter URL alphabet
// only, no '=' padding, no whitespace, and the unused low bits of the last character zero, so
// that every byte string has exactly one encoding (otherwise signatures become malleable).
// On failure the message names `what` ("The payload segment") and the first bad character.
Result<QByteArray> base64UrlDecode(QByteArrayView text, const QString &what);
QByteArray base64UrlEncode(QByteArrayView bytes);

} // namespace Gatehouse::Core::Jwt
