#pragma once

#include "core/httpmessage.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

// AWS Signature Version 4, stage by stage, as the AWS test suites (aws-c-auth v4, botocore
// aws4_testsuite) define it. SigV4Signer (sigv4signer.h) strings the stages together; the
// stage functions are public so tools can show each step and the emulator can verify with
// the very same code.
namespace Gatehouse::Core::Aws {

inline constexpr char SigV4Algorithm[] = "AWS4-HMAC-SHA256";
inline constexpr char SigV4UnsignedPayload[] = "UNSIGNED-PAYLOAD";
inline constexpr int SigV4MaxExpiresSeconds = 604800; // 7 days, the AWS limit for presigned URLs

enum class SigV4Payload
{
    Bytes,           // hash SigV4Request::payload
    PrecomputedHash, // use SigV4Request::payloadHash (lower-case hex SHA-256) as given
    Unsigned,        // "UNSIGNED-PAYLOAD"
};

struct SigV4Flags
{
    bool normalizePath = true;     // remove dot segments and duplicate slashes (not for S3)
    bool doubleEncodePath = true;  // encode the wire path once more, '%' -> "%25" (not for S3)
    bool omitSessionToken = false; // X-Amz-Security-Token is added after signing, unsigned
    bool signedBodyHeader = false; // add and sign x-amz-content-sha256 (header signing only)

    // The defaults AWS SDKs use for a service: S3 neither normalizes nor double-encodes and
    // sends x-amz-content-sha256; every other service uses the defaults above.
    static SigV4Flags forService(const QString &service);
};

// Everything SigV4 reads from a request. Path and query are raw, exactly as on the wire.
struct SigV4Request
{
    QByteArray method;
    QByteArray path;     // e.g. "/2015-03-31/functions"; empty means "/"
    QByteArray query;    // without '?'; empty when the URL has none
    HttpHeaders headers; // must hold Host
    SigV4Payload payloadKind = SigV4Payload::Bytes;
    QByteArray payload;
    QByteArray payloadHash;
    QString service;
    QString region;
    QDateTime time; // the signing time; converted to UTC
    SigV4Flags flags;
};

// kDate = HMAC("AWS4" + secret, yyyymmdd), kRegion, kService, kSigning = HMAC(kService,
// "aws4_request"); raw bytes.
struct SigV4SigningKey
{
    QByteArray kDate;
    QByteArray kRegion;
    QByteArray kService;
    QByteArray kSigning;
};

// The outcome of signing, with every intermediate stage.
struct SigV4Signature
{
    QByteArray canonicalRequest;
    QByteArray stringToSign;
    QByteArray credentialScope; // 20150830/us-east-1/service/aws4_request
    QByteArray signedHeaders;   // host;x-amz-date
    QByteArray payloadHash;
    QByteArray signature;     // lower-case hex
    QByteArray authorization; // header signing: the Authorization value; empty for presigning
    // Header signing: the fields to set on the request, in order (X-Amz-Security-Token,
    // X-Amz-Date, x-amz-content-sha256, Authorization); see applySigV4Headers().
    QList<HttpHeaders::Field> headers;
    // Presigning: the X-Amz-* query parameters (values already encoded) in the order SDKs
    // append them, and the complete query to send: the original query, '&', these.
    QList<HttpHeaders::Field> queryParameters;
    QByteArray query;
};

// "20150830T123600Z" and "20150830" for a time (converted to UTC).
QByteArray sigV4Timestamp(const QDateTime &time);
QByteArray sigV4Date(const QDateTime &time);
QByteArray sigV4CredentialScope(const QByteArray &date, const QString &region,
                                const QString &service);

// AWS UriEncode(): every byte except A-Z a-z 0-9 - . _ ~ (and '/' when keepSlash) becomes
// %XX with upper-case hex.
QByteArray sigV4UriEncode(const QByteArray &bytes, bool keepSlash);

// The canonical URI: optional dot-segment / duplicate-slash normalization, then each
// segment encoded. With doubleEncodePath the wire path is encoded again ("%20" -> "%2520");
// without it (S3) existing escapes are decoded and re-encoded once.
QByteArray sigV4CanonicalPath(const QByteArray &rawPath, const SigV4Flags &flags);

// The canonical query: parameters decoded, re-encoded with sigV4UriEncode, sorted by key
// then value, "key=value" joined by '&' (a missing value becomes "key="). Parameters whose
// decoded key is in leaveOut are skipped (a verifier of presigned URLs leaves out
// X-Amz-Signature).
QByteArray sigV4CanonicalQuery(const QByteArray &rawQuery, const QList<QByteArray> &leaveOut = {});

// A header value as canonical headers hold it: trimmed, whitespace runs folded to one space.
QByteArray sigV4CanonicalHeaderValue(const QByteArray &value);

// Headers SigV4 clients never sign (hop-by-hop or rewritten on the way: user-agent,
// x-amzn-trace-id, expect, connection, transfer-encoding, upgrade, authorization).
bool sigV4IsUnsignedHeader(const QByteArray &lowerCaseName);

// "name:value\n" lines for the named headers (lower-case, sorted; repeated fields joined by
// ',') and the matching "a;b;c" list. Names not present in headers are left out.
struct SigV4CanonicalHeaders
{
    QByteArray lines;
    QByteArray signedHeaders;
};
SigV4CanonicalHeaders sigV4CanonicalHeaders(const HttpHeaders &headers,
                                            const QList<QByteArray> &lowerCaseNames);

// The names SigV4 signs in headers: all present, lower-cased, minus sigV4IsUnsignedHeader().
QList<QByteArray> sigV4SignableHeaderNames(const HttpHeaders &headers);

// The payload hash line: SHA-256 hex of the bytes, the given hash, or UNSIGNED-PAYLOAD.
QByteArray sigV4PayloadHash(const SigV4Request &request);

QByteArray sigV4CanonicalRequest(const QByteArray &method, const QByteArray &canonicalPath,
                                 const QByteArray &canonicalQuery,
                                 const SigV4CanonicalHeaders &headers,
                                 const QByteArray &payloadHash);
QByteArray sigV4StringToSign(const QByteArray &timestamp, const QByteArray &credentialScope,
                             const QByteArray &canonicalRequest);
SigV4SigningKey sigV4DeriveSigningKey(const QByteArray &secretAccessKey, const QByteArray &date,
                                      const QString &region, const QString &service);
// Lower-case hex HMAC-SHA256(kSigning, stringToSign).
QByteArray sigV4SignatureHex(const QByteArray &kSigning, const QByteArray &stringToSign);

// Sets each field of a header signature on headers: replaces the first field of that name in
// place (dropping later duplicates), or appends it.
void applySigV4Headers(HttpHeaders &headers, const SigV4Signature &signature);

} // namespace Gatehouse::Core::Aws
