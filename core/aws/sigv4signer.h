#pragma once

#include "core/aws/credentials.h"
#include "core/aws/sigv4.h"
#include "core/result.h"

#include <QHash>

namespace Gatehouse::Core::Aws {

// Signs requests with one set of credentials (Authorization header or presigned URL query),
// keeping derived signing keys per day, region and service as AWS SDKs do. Not thread-safe:
// use one signer per thread.
class SigV4Signer
{
public:
    explicit SigV4Signer(Credentials credentials);

    const Credentials &credentials() const { return m_credentials; }
    void setSigningKeyCacheEnabled(bool enabled);
    bool isSigningKeyCacheEnabled() const { return m_cacheEnabled; }

    // Header signing: SigV4Signature::headers holds the fields to set on the request
    // (applySigV4Headers), ending with Authorization.
    Result<SigV4Signature> signHeaders(const SigV4Request &request);
    // Query signing: SigV4Signature::query is the query of the presigned URL, valid for
    // expiresSeconds (1 to SigV4MaxExpiresSeconds) from the request time. S3 presigned URLs
    // sign SigV4Payload::Unsigned; other services sign the payload like header signing.
    Result<SigV4Signature> presign(const SigV4Request &request, int expiresSeconds);

private:
    Result<void> validate(const SigV4Request &request) const;
    QByteArray signingKey(const QByteArray &date, const QString &region, const QString &service);
    void finish(SigV4Signature &out, const SigV4Request &request, const QByteArray &canonicalQuery,
                const HttpHeaders &headers, const QByteArray &timestamp);

    Credentials m_credentials;
    bool m_cacheEnabled = true;
    QHash<QByteArray, QByteArray> m_signingKeys; // "date/region/service" -> kSigning
};

} // namespace Gatehouse::Core::Aws
