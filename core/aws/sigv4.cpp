#include "sigv4.h"

#include "sha256.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace Gatehouse::Core::Aws {

namespace {

constexpr std::array<bool, 256> unreservedTable()
{
    std::array<bool, 256> table{};
    for (int c = 'A'; c <= 'Z'; ++c)
        table[size_t(c)] = true;
    for (int c = 'a'; c <= 'z'; ++c)
        table[size_t(c)] = true;
    for (int c = '0'; c <= '9'; ++c)
        table[size_t(c)] = true;
    for (char c : {'-', '.', '_', '~'})
        table[size_t(c)] = true;
    return table;
}

constexpr std::array<bool, 256> Unreserved = unreservedTable();
constexpr char UpperHex[] = "0123456789ABCDEF";

bool isUnreserved(char c)
{
    return Unreserved[size_t(uchar(c))];
}

void appendEscaped(QByteArray &out, char c)
{
    out.append('%');
    out.append(UpperHex[uchar(c) >> 4]);
    out.append(UpperHex[uchar(c) & 0xF]);
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// The byte an escape at bytes[i] ('%' + two hex digits) stands for, or -1.
int escapedByteAt(const QByteArray &bytes, qsizetype i)
{
    if (bytes.at(i) != '%' || i + 2 >= bytes.size())
        return -1;
    const int high = hexValue(bytes.at(i + 1));
    const int low = hexValue(bytes.at(i + 2));
    return high < 0 || low < 0 ? -1 : high * 16 + low;
}

QByteArray percentDecode(const QByteArray &bytes)
{
    if (!bytes.contains('%'))
        return bytes;
    QByteArray out;
    out.reserve(bytes.size());
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const int decoded = escapedByteAt(bytes, i);
        if (decoded < 0) {
            out.append(bytes.at(i));
        } else {
            out.append(char(decoded));
            i += 2;
        }
    }
    return out;
}

// RFC 3986 dot-segment removal plus collapsing of empty segments, as botocore and the CRT do;
// a trailing slash survives.
QByteArray normalizedPath(const QByteArray &path)
{
    QList<QByteArray> kept;
    for (const QByteArray &segment : path.split('/')) {
        if (segment.isEmpty() || segment == ".")
            continue;
        if (segment == "..") {
            if (!kept.isEmpty())
                kept.removeLast();
            continue;
        }
        kept.append(segment);
    }
    QByteArray out = '/' + kept.join('/');
    if (path.endsWith('/') && out.size() > 1)
        out.append('/');
    return out;
}

bool isFoldableSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

} // namespace

SigV4Flags SigV4Flags::forService(const QString &service)
{
    SigV4Flags flags;
    if (service == QLatin1String("s3")) {
        flags.normalizePath = false;
        flags.doubleEncodePath = false;
        flags.signedBodyHeader = true;
    }
    return flags;
}

QByteArray sigV4Timestamp(const QDateTime &time)
{
    const QDateTime utc = time.toUTC();
    const QDate d = utc.date();
    const QTime t = utc.time();
    char buffer[32];
    const int n = std::snprintf(buffer, sizeof buffer, "%04d%02d%02dT%02d%02d%02dZ", d.year(),
                                d.month(), d.day(), t.hour(), t.minute(), t.second());
    return QByteArray(buffer, n);
}

QByteArray sigV4Date(const QDateTime &time)
{
    return sigV4Timestamp(time).left(8);
}

QByteArray sigV4CredentialScope(const QByteArray &date, const QString &region,
                                const QString &service)
{
    return date + '/' + region.toUtf8() + '/' + service.toUtf8() + "/aws4_request";
}

QByteArray sigV4UriEncode(const QByteArray &bytes, bool keepSlash)
{
    const bool unchanged = std::all_of(bytes.begin(), bytes.end(), [keepSlash](char c) {
        return isUnreserved(c) || (keepSlash && c == '/');
    });
    if (unchanged)
        return bytes; // shared, no copy: the common case for paths and keys
    QByteArray out;
    out.reserve(bytes.size() + bytes.size() / 2);
    for (char c : bytes) {
        if (isUnreserved(c) || (keepSlash && c == '/'))
            out.append(c);
        else
            appendEscaped(out, c);
    }
    return out;
}

QByteArray sigV4CanonicalPath(const QByteArray &rawPath, const SigV4Flags &flags)
{
    QByteArray path = rawPath.isEmpty() ? QByteArray("/") : rawPath;
    if (flags.normalizePath)
        path = normalizedPath(path);
    if (flags.doubleEncodePath)
        return sigV4UriEncode(path, true);
    QByteArray out;
    out.reserve(path.size() + path.size() / 2);
    for (qsizetype i = 0; i < path.size(); ++i) {
        const char c = path.at(i);
        const int decoded = escapedByteAt(path, i);
        if (decoded >= 0) {
            i += 2;
            if (isUnreserved(char(decoded)))
                out.append(char(decoded));
            else
                appendEscaped(out, char(decoded));
        } else if (isUnreserved(c) || c == '/') {
            out.append(c);
        } else {
            appendEscaped(out, c);
        }
    }
    return out;
}

QByteArray sigV4CanonicalQuery(const QByteArray &rawQuery, const QList<QByteArray> &leaveOut)
{
    if (rawQuery.isEmpty())
        return {};
    QList<QPair<QByteArray, QByteArray>> params;
    for (const QByteArray &piece : rawQuery.split('&')) {
        if (piece.isEmpty())
            continue;
        const qsizetype eq = piece.indexOf('=');
        const QByteArray key = percentDecode(eq < 0 ? piece : piece.left(eq));
        if (leaveOut.contains(key))
            continue;
        const QByteArray value = eq < 0 ? QByteArray() : percentDecode(piece.mid(eq + 1));
        params.append({sigV4UriEncode(key, false), sigV4UriEncode(value, false)});
    }
    std::sort(params.begin(), params.end());
    QByteArray out;
    out.reserve(rawQuery.size() * 2);
    for (const auto &[key, value] : std::as_const(params)) {
        if (!out.isEmpty())
            out.append('&');
        out.append(key).append('=').append(value);
    }
    return out;
}

QByteArray sigV4CanonicalHeaderValue(const QByteArray &value)
{
    bool canonical =
        value.isEmpty() || (!isFoldableSpace(value.front()) && !isFoldableSpace(value.back()));
    for (qsizetype i = 0; canonical && i < value.size(); ++i) {
        const char c = value.at(i);
        // A single inner ' ' may stay; the last byte is not white space, so i + 1 is in range.
        canonical = !isFoldableSpace(c) || (c == ' ' && !isFoldableSpace(value.at(i + 1)));
    }
    if (canonical)
        return value; // shared, no copy: most values need no folding
    QByteArray out;
    out.reserve(value.size());
    bool pendingSpace = false;
    for (char c : value) {
        if (isFoldableSpace(c)) {
            pendingSpace = !out.isEmpty();
            continue;
        }
        if (pendingSpace)
            out.append(' ');
        pendingSpace = false;
        out.append(c);
    }
    return out;
}

bool sigV4IsUnsignedHeader(const QByteArray &lowerCaseName)
{
    static const QByteArray names[] = {"authorization", "user-agent", "x-amzn-trace-id",
                                       "expect",        "connection", "transfer-encoding",
                                       "upgrade"};
    return std::find(std::begin(names), std::end(names), lowerCaseName) != std::end(names);
}

SigV4CanonicalHeaders sigV4CanonicalHeaders(const HttpHeaders &headers,
                                            const QList<QByteArray> &lowerCaseNames)
{
    QList<QPair<QByteArray, QByteArray>> fields; // (lower-case name, canonical value)
    fields.reserve(headers.size());
    for (const HttpHeaders::Field &field : headers.fields()) {
        QByteArray name = field.first.isLower() ? field.first : field.first.toLower();
        if (lowerCaseNames.contains(name))
            fields.append({std::move(name), sigV4CanonicalHeaderValue(field.second)});
    }
    std::stable_sort(fields.begin(), fields.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    SigV4CanonicalHeaders out;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        const bool repeated = i > 0 && fields.at(i - 1).first == fields.at(i).first;
        if (repeated) {
            out.lines.chop(1); // the '\n' of the previous field of that name
            out.lines.append(',');
        } else {
            if (!out.signedHeaders.isEmpty())
                out.signedHeaders.append(';');
            out.signedHeaders.append(fields.at(i).first);
            out.lines.append(fields.at(i).first).append(':');
        }
        out.lines.append(fields.at(i).second).append('\n');
    }
    return out;
}

QList<QByteArray> sigV4SignableHeaderNames(const HttpHeaders &headers)
{
    QList<QByteArray> names;
    for (const HttpHeaders::Field &field : headers.fields()) {
        QByteArray name = field.first.toLower();
        if (!sigV4IsUnsignedHeader(name) && !names.contains(name))
            names.append(std::move(name));
    }
    return names;
}

QByteArray sigV4PayloadHash(const SigV4Request &request)
{
    switch (request.payloadKind) {
    case SigV4Payload::Bytes:
        return sha256Hex(request.payload);
    case SigV4Payload::PrecomputedHash:
        return request.payloadHash;
    case SigV4Payload::Unsigned:
        break;
    }
    return SigV4UnsignedPayload;
}

QByteArray sigV4CanonicalRequest(const QByteArray &method, const QByteArray &canonicalPath,
                                 const QByteArray &canonicalQuery,
                                 const SigV4CanonicalHeaders &headers,
                                 const QByteArray &payloadHash)
{
    QByteArray out;
    out.reserve(method.size() + canonicalPath.size() + canonicalQuery.size() +
                headers.lines.size() + headers.signedHeaders.size() + payloadHash.size() + 8);
    out.append(method).append('\n');
    out.append(canonicalPath).append('\n');
    out.append(canonicalQuery).append('\n');
    out.append(headers.lines).append('\n');
    out.append(headers.signedHeaders).append('\n');
    out.append(payloadHash);
    return out;
}

QByteArray sigV4StringToSign(const QByteArray &timestamp, const QByteArray &credentialScope,
                             const QByteArray &canonicalRequest)
{
    return QByteArray(SigV4Algorithm) + '\n' + timestamp + '\n' + credentialScope + '\n' +
           sha256Hex(canonicalRequest);
}

SigV4SigningKey sigV4DeriveSigningKey(const QByteArray &secretAccessKey, const QByteArray &date,
                                      const QString &region, const QString &service)
{
    SigV4SigningKey key;
    key.kDate = hmacSha256("AWS4" + secretAccessKey, date);
    key.kRegion = hmacSha256(key.kDate, region.toUtf8());
    key.kService = hmacSha256(key.kRegion, service.toUtf8());
    key.kSigning = hmacSha256(key.kService, "aws4_request");
    return key;
}

QByteArray sigV4SignatureHex(const QByteArray &kSigning, const QByteArray &stringToSign)
{
    return hmacSha256(kSigning, stringToSign).toHex();
}

void applySigV4Headers(HttpHeaders &headers, const SigV4Signature &signature)
{
    QList<HttpHeaders::Field> fields = headers.fields();
    for (const HttpHeaders::Field &added : signature.headers) {
        bool placed = false;
        for (qsizetype i = 0; i < fields.size();) {
            if (fields.at(i).first.compare(added.first, Qt::CaseInsensitive) != 0) {
                ++i;
            } else if (placed) {
                fields.removeAt(i);
            } else {
                fields[i].second = added.second;
                placed = true;
                ++i;
            }
        }
        if (!placed)
            fields.append(added);
    }
    HttpHeaders out;
    for (const HttpHeaders::Field &field : std::as_const(fields))
        out.add(field.first, field.second);
    headers = out;
}

} // namespace Gatehouse::Core::Aws
