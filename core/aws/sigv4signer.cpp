#include "sigv4signer.h"

#include <algorithm>
#include <utility>

namespace Gatehouse::Core::Aws {

namespace {

constexpr qsizetype MaxCachedKeys = 32;
const QByteArray SecurityTokenHeader = QByteArrayLiteral("X-Amz-Security-Token");

Error invalid(const char *message)
{
    return makeError(ErrorCode::InvalidArgument, QString::fromUtf8(message));
}

bool isSha256Hex(const QByteArray &hash)
{
    if (hash.size() != 64)
        return false;
    return std::all_of(hash.begin(), hash.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// The raw query without the SigV4 parameters of an earlier presigning, so that presigning a
// presigned URL again replaces them instead of doubling them.
QByteArray withoutAuthParameters(const QByteArray &rawQuery)
{
    static const QList<QByteArray> names = {
        "X-Amz-Algorithm", "X-Amz-Credential",     "X-Amz-Date",     "X-Amz-SignedHeaders",
        "X-Amz-Expires",   "X-Amz-Security-Token", "X-Amz-Signature"};
    if (!rawQuery.contains("X-Amz-"))
        return rawQuery;
    QList<QByteArray> kept;
    for (const QByteArray &piece : rawQuery.split('&')) {
        const qsizetype eq = piece.indexOf('=');
        if (!names.contains(QByteArray::fromPercentEncoding(eq < 0 ? piece : piece.left(eq))))
            kept.append(piece);
    }
    return kept.join('&');
}

QByteArray withParameters(QByteArray query, const QList<HttpHeaders::Field> &parameters)
{
    for (const HttpHeaders::Field &p : parameters) {
        if (!query.isEmpty())
            query.append('&');
        query.append(p.first).append('=').append(p.second);
    }
    return query;
}

QList<QByteArray> namesToSign(const HttpHeaders &headers, const SigV4Flags &flags)
{
    QList<QByteArray> names = sigV4SignableHeaderNames(headers);
    if (flags.omitSessionToken)
        names.removeAll(QByteArrayLiteral("x-amz-security-token"));
    return names;
}

} // namespace

SigV4Signer::SigV4Signer(Credentials credentials)
    : m_credentials(std::move(credentials))
{}

void SigV4Signer::setSigningKeyCacheEnabled(bool enabled)
{
    m_cacheEnabled = enabled;
    if (!enabled)
        m_signingKeys.clear();
}

Result<void> SigV4Signer::validate(const SigV4Request &request) const
{
    if (!m_credentials.isComplete())
        return invalid("No AWS credentials to sign with: set an access key id and a secret key.");
    if (request.method.isEmpty())
        return invalid("The request to sign has no HTTP method.");
    if (!request.time.isValid())
        return invalid("The signing time is not a valid date and time.");
    if (request.region.isEmpty() || request.service.isEmpty())
        return invalid("SigV4 needs a region and a service name to sign for.");
    if (!request.headers.contains("host"))
        return invalid("The request to sign has no Host header; SigV4 always signs it.");
    if (request.payloadKind == SigV4Payload::PrecomputedHash && !isSha256Hex(request.payloadHash))
        return invalid("The precomputed payload hash is not 64 lower-case hex digits.");
    return {};
}

QByteArray SigV4Signer::signingKey(const QByteArray &date, const QString &region,
                                   const QString &service)
{
    if (!m_cacheEnabled)
        return sigV4DeriveSigningKey(m_credentials.secretAccessKey.toUtf8(), date, region, service)
            .kSigning;
    const QByteArray cacheKey = date + '/' + region.toUtf8() + '/' + service.toUtf8();
    const auto it = m_signingKeys.constFind(cacheKey);
    if (it != m_signingKeys.constEnd())
        return it.value();
    if (m_signingKeys.size() >= MaxCachedKeys)
        m_signingKeys.clear();
    const QByteArray key =
        sigV4DeriveSigningKey(m_credentials.secretAccessKey.toUtf8(), date, region, service)
            .kSigning;
    m_signingKeys.insert(cacheKey, key);
    return key;
}

void SigV4Signer::finish(SigV4Signature &out, const SigV4Request &request,
                         const QByteArray &canonicalQuery, const HttpHeaders &headers,
                         const QByteArray &timestamp)
{
    const SigV4CanonicalHeaders canonicalHeaders =
        sigV4CanonicalHeaders(headers, namesToSign(headers, request.flags));
    out.signedHeaders = canonicalHeaders.signedHeaders;
    out.canonicalRequest =
        sigV4CanonicalRequest(request.method, sigV4CanonicalPath(request.path, request.flags),
                              canonicalQuery, canonicalHeaders, out.payloadHash);
    out.stringToSign = sigV4StringToSign(timestamp, out.credentialScope, out.canonicalRequest);
    const QByteArray key = signingKey(timestamp.left(8), request.region, request.service);
    out.signature = sigV4SignatureHex(key, out.stringToSign);
}

Result<SigV4Signature> SigV4Signer::signHeaders(const SigV4Request &request)
{
    if (const Result<void> valid = validate(request); !valid)
        return valid.error();
    const QByteArray timestamp = sigV4Timestamp(request.time);
    SigV4Signature out;
    out.credentialScope = sigV4CredentialScope(timestamp.left(8), request.region, request.service);
    out.payloadHash = sigV4PayloadHash(request);
    if (m_credentials.hasSessionToken())
        out.headers.append({SecurityTokenHeader, m_credentials.sessionToken.toUtf8()});
    out.headers.append({QByteArrayLiteral("X-Amz-Date"), timestamp});
    if (request.flags.signedBodyHeader)
        out.headers.append({QByteArrayLiteral("x-amz-content-sha256"), out.payloadHash});
    HttpHeaders headers = request.headers;
    applySigV4Headers(headers, out);
    finish(out, request, sigV4CanonicalQuery(request.query), headers, timestamp);
    if (out.signature.isEmpty())
        return makeError(ErrorCode::Internal,
                         QStringLiteral("OpenSSL could not compute HMAC-SHA256."));
    out.authorization = QByteArray(SigV4Algorithm) +
                        " Credential=" + m_credentials.accessKeyId.toUtf8() + '/' +
                        out.credentialScope + ", SignedHeaders=" + out.signedHeaders +
                        ", Signature=" + out.signature;
    out.headers.append({QByteArrayLiteral("Authorization"), out.authorization});
    return out;
}

Result<SigV4Signature> SigV4Signer::presign(const SigV4Request &request, int expiresSeconds)
{
    if (const Result<void> valid = validate(request); !valid)
        return valid.error();
    if (expiresSeconds < 1 || expiresSeconds > SigV4MaxExpiresSeconds)
        return invalid("A presigned URL expires after 1 second to 7 days (604800 seconds).");
    const QByteArray timestamp = sigV4Timestamp(request.time);
    SigV4Signature out;
    out.credentialScope = sigV4CredentialScope(timestamp.left(8), request.region, request.service);
    out.payloadHash = sigV4PayloadHash(request);
    const QByteArray signedHeaders =
        sigV4CanonicalHeaders(request.headers, namesToSign(request.headers, request.flags))
            .signedHeaders;
    const auto param = [](const char *name, const QByteArray &value) {
        return HttpHeaders::Field(QByteArray(name), sigV4UriEncode(value, false));
    };
    out.queryParameters = {
        param("X-Amz-Algorithm", SigV4Algorithm),
        param("X-Amz-Credential", m_credentials.accessKeyId.toUtf8() + '/' + out.credentialScope),
        param("X-Amz-Date", timestamp),
        param("X-Amz-SignedHeaders", signedHeaders),
        param("X-Amz-Expires", QByteArray::number(expiresSeconds)),
    };
    const bool hasToken = m_credentials.hasSessionToken();
    const HttpHeaders::Field token =
        param("X-Amz-Security-Token", m_credentials.sessionToken.toUtf8());
    if (hasToken && !request.flags.omitSessionToken)
        out.queryParameters.append(token);
    const QByteArray query = withoutAuthParameters(request.query);
    finish(out, request, sigV4CanonicalQuery(withParameters(query, out.queryParameters)),
           request.headers, timestamp);
    if (out.signature.isEmpty())
        return makeError(ErrorCode::Internal,
                         QStringLiteral("OpenSSL could not compute HMAC-SHA256."));
    if (hasToken && request.flags.omitSessionToken)
        out.queryParameters.append(token);
    out.queryParameters.append({QByteArrayLiteral("X-Amz-Signature"), out.signature});
    out.query = withParameters(query, out.queryParameters);
    return out;
}

} // namespace Gatehouse::Core::Aws
