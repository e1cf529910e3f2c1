#pragma once

#include "core/aws/sigv4.h"
#include "core/error.h"
#include "core/httpmessage.h"
#include "core/result.h"

#include <QDateTime>

namespace Gatehouse::Core::Aws {

// The SigV4 fields a request carries, from its Authorization header or, for a presigned URL,
// its X-Amz-* query parameters.
struct SigV4Authorization
{
    bool presigned = false;
    QByteArray accessKeyId;
    QByteArray credentialScope; // as sent: date/region/service/aws4_request
    QByteArray date;            // yyyymmdd of the scope
    QString region;
    QString service;
    QList<QByteArray> signedHeaders; // lower-case
    QByteArray signature;
    QByteArray timestamp;    // X-Amz-Date as sent
    QDateTime time;          // timestamp, parsed (UTC)
    int expiresSeconds = 0;  // presigned only
    QByteArray sessionToken; // X-Amz-Security-Token, when sent
};

// A verification outcome: error.code is None when the signature is valid. expected holds the
// stages the verifier computed, so a SignatureDoesNotMatch answer can show the canonical
// request and string to sign, as AWS does.
struct SigV4Verification
{
    Error error;
    SigV4Signature expected;

    bool ok() const { return !error.isError(); }
};

// Checks SigV4-signed requests the emulator receives, recomputing each signature with the same
// stage functions the client signs with. Errors carry the AWS common error codes
// (MissingAuthenticationToken, IncompleteSignature, SignatureDoesNotMatch, RequestExpired,
// XAmzContentSHA256Mismatch) and HTTP status in Error::awsCode / Error::httpStatus.
class SigV4Verifier
{
public:
    static constexpr int DefaultClockSkewSeconds = 900; // AWS accepts 15 minutes either way

    // Reads the Authorization header or the presigned query of request.
    static Result<SigV4Authorization> parse(const HttpRequest &request);

    void setClockSkewSeconds(int seconds) { m_clockSkewSeconds = seconds; }
    int clockSkewSeconds() const { return m_clockSkewSeconds; }

    // Verifies request against authorization with the secret of authorization.accessKeyId;
    // flags as the service signs (SigV4Flags::forService), now the server's clock.
    SigV4Verification verify(const HttpRequest &request, const SigV4Authorization &authorization,
                             const QString &secretAccessKey, const SigV4Flags &flags,
                             const QDateTime &now) const;
    // The same with the signing key already derived (sigV4DeriveSigningKey(...).kSigning for the
    // secret and authorization's date, region and service): a server that sees many requests
    // from one key keeps it, as SDKs keep theirs, instead of four HMACs per request.
    SigV4Verification verifyWithSigningKey(const HttpRequest &request,
                                           const SigV4Authorization &authorization,
                                           const QByteArray &signingKey, const SigV4Flags &flags,
                                           const QDateTime &now) const;

private:
    int m_clockSkewSeconds = DefaultClockSkewSeconds;
};

} // namespace Gatehouse::Core::Aws
