#pragma once

#include <QByteArray>

namespace Gatehouse::Core::Aws {

// SHA-256 and HMAC-SHA256 through OpenSSL 3's EVP interfaces, the two primitives SigV4 needs.
// Both return an empty array only if OpenSSL itself fails.
QByteArray sha256(const QByteArray &data);
QByteArray sha256Hex(const QByteArray &data); // lower-case hex, as SigV4 writes hashes
QByteArray hmacSha256(const QByteArray &key, const QByteArray &data);
// Equal bytes, compared in time that depends on the length only (for MACs, signatures, verifiers).
bool equalInConstantTime(const QByteArray &a, const QByteArray &b);

} // namespace Gatehouse::Core::Aws
