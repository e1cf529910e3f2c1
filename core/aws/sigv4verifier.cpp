#include "sigv4verifier.h"

#include "sha256.h"

#include <QTimeZone>
#include <algorithm>
#include <openssl/crypto.h>
#include <utility>

namespace Gatehouse::Core::Aws {

namespace {

const QByteArray AlgorithmPrefix = QByteArray(SigV4Algorithm) + ' ';

Error authError(const char *awsCode, int httpStatus, const char *message)
{
    Error e = makeError(ErrorCode::InvalidArgument, QString::fromUtf8(message));
    e.awsCode = QString::fromLatin1(awsCode);
    e.httpStatus = httpStatus;
    return e;
}

Error incomplete(const char *message)
{
    return authError("IncompleteSignature", 400, message);
}

bool allDigits(const QByteArray &bytes)
{
    return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "20150830T123600Z" -> UTC date-time; invalid for anything else.
QDateTime parseTimestamp(const QByteArray &ts)
{
    if (ts.size() != 16 || ts.at(8) != 'T' || ts.at(15) != 'Z' || !allDigits(ts.left(8)) ||
        !allDigits(ts.mid(9, 6)))
        return {};
    const QDate date(ts.left(4).toInt(), ts.mid(4, 2).toInt(), ts.mid(6, 2).toInt());
    const QTime time(ts.mid(9, 2).toInt(), ts.mid(11, 2).toInt(), ts.mid(13, 2).toInt());
    return QDateTime(date, time, QTimeZone::utc());
}

// "AKID/20150830/us-east-1/service/aws4_request"
Result<void> parseCredential(const QByteArray &credential, SigV4Authorization &out)
{
    const QList<QByteArray> parts = credential.split('/');
    if (parts.size() != 5 || parts.at(0).isEmpty() || parts.at(4) != "aws4_request" ||
        parts.at(1).size() != 8 || !allDigits(parts.at(1)) || parts.at(2).isEmpty() ||
        parts.at(3).isEmpty())
        return incomplete(
            "The credential must be <access key id>/<yyyymmdd>/<region>/<service>/aws4_request.");
    out.accessKeyId = parts.at(0);
    out.date = parts.at(1);
    out.region = QString::fromUtf8(parts.at(2));
    out.service = QString::fromUtf8(parts.at(3));
    out.credentialScope = credential.mid(parts.at(0).size() + 1);
    return {};
}

QList<QByteArray> parseSignedHeaders(const QByteArray &list)
{
    QList<QByteArray> names;
    for (const QByteArray &name : list.split(';')) {
        if (!name.isEmpty())
            names.append(name.toLower());
    }
    return names;
}

Result<SigV4Authorization> parseHeader(const HttpRequest &request, const QByteArray &value)
{
    if (!value.startsWith(AlgorithmPrefix))
        return incomplete("The Authorization header does not use AWS4-HMAC-SHA256.");
    QByteArray credential, signedHeaders, signature;
    for (const QByteArray &part : value.mid(AlgorithmPrefix.size()).split(',')) {
        const QByteArray item = part.trimmed();
        const qsizetype eq = item.indexOf('=');
        const QByteArray name = item.left(eq), field = eq < 0 ? QByteArray() : item.mid(eq + 1);
        if (name == "Credential")
            credential = field;
        else if (name == "SignedHeaders")
            signedHeaders = field;
        else if (name == "Signature")
            signature = field;
    }
    if (credential.isEmpty() || signedHeaders.isEmpty() || signature.isEmpty())
        return incomplete(
            "The Authorization header needs Credential, SignedHeaders and Signature.");
    SigV4Authorization out;
    if (const Result<void> parsed = parseCredential(credential, out); !parsed)
        return parsed.error();
    out.signedHeaders = parseSignedHeaders(signedHeaders);
    out.signature = signature;
    out.sessionToken = request.headers.value("x-amz-security-token");
    out.timestamp = request.headers.value("x-amz-date").trimmed();
    out.time = parseTimestamp(out.timestamp);
    if (!out.time.isValid())
        return incomplete("A signed request needs an X-Amz-Date header (yyyymmddThhmmssZ).");
    return out;
}

Result<SigV4Authorization> parseQuery(const HttpRequest &request)
{
    QHash<QByteArray, QByteArray> params;
    for (const QByteArray &piece : request.query.split('&')) {
        const qsizetype eq = piece.indexOf('=');
        if (eq > 0)
            params.insert(QByteArray::fromPercentEncoding(piece.left(eq)),
                          QByteArray::fromPercentEncoding(piece.mid(eq + 1)));
    }
    if (params.value("X-Amz-Algorithm") != SigV4Algorithm)
        return incomplete("X-Amz-Algorithm of a presigned URL must be AWS4-HMAC-SHA256.");
    for (const char *name : {"X-Amz-Credential", "X-Amz-Date", "X-Amz-SignedHeaders",
                             "X-Amz-Signature", "X-Amz-Expires"}) {
        if (params.value(name).isEmpty())
            return incomplete("A presigned URL needs X-Amz-Credential, X-Amz-Date, "
                              "X-Amz-SignedHeaders, X-Amz-Signature and X-Amz-Expires.");
    }
    SigV4Authorization out;
    out.presigned = true;
    if (const Result<void> parsed = parseCredential(params.value("X-Amz-Credential"), out); !parsed)
        return parsed.error();
    out.signedHeaders = parseSignedHeaders(params.value("X-Amz-SignedHeaders"));
    out.signature = params.value("X-Amz-Signature");
    out.sessionToken = params.value("X-Amz-Security-Token");
    out.timestamp = params.value("X-Amz-Date");
    out.time = parseTimestamp(out.timestamp);
    if (!out.time.isValid())
        return incomplete("X-Amz-Date of a presigned URL must be yyyymmddThhmmssZ.");
    bool ok = false;
    out.expiresSeconds = params.value("X-Amz-Expires").toInt(&ok);
    if (!ok || out.expiresSeconds < 1 || out.expiresSeconds > SigV4MaxExpiresSeconds)
        return incomplete("X-Amz-Expires must be between 1 and 604800 seconds.");
    return out;
}

Error checkTimeAndScope(const HttpRequest &request, const SigV4Authorization &auth,
                        const QDateTime &now, int skewSeconds)
{
    const qint64 age = auth.time.secsTo(now);
    if (age < -skewSeconds || (!auth.presigned && age > skewSeconds))
        return authError("RequestExpired", 400,
                         "The signing time is more than the allowed clock skew (15 minutes) away "
                         "from the server's clock.");
    if (auth.presigned && age > auth.expiresSeconds)
        return authError("RequestExpired", 400, "The presigned URL has expired.");
    if (auth.date != auth.timestamp.left(8))
        return authError("SignatureDoesNotMatch", 403,
                         "The date of the credential scope is not the date of X-Amz-Date.");
    if (!auth.signedHeaders.contains("host"))
        return authError("SignatureDoesNotMatch", 403,
                         "SigV4 requires the Host header to be signed.");
    for (const QByteArray &name : auth.signedHeaders) {
        if (!request.headers.contains(name))
            return authError("SignatureDoesNotMatch", 403,
                             "A header listed in SignedHeaders is not in the request.");
    }
    return {};
}

// The payload hash line the client must have signed: x-amz-content-sha256 when sent (checked
// against the body when it is a hash), UNSIGNED-PAYLOAD for presigned S3 URLs, else the
// body's hash.
Result<QByteArray> verifiedPayloadHash(const HttpRequest &request, const SigV4Authorization &auth)
{
    const QByteArray declared = request.headers.value("x-amz-content-sha256").trimmed();
    const bool declaredIsHash = declared.size() == 64 && !declared.contains('-');
    if (declaredIsHash && declared != sha256Hex(request.body))
        return authError("XAmzContentSHA256Mismatch", 400,
                         "x-amz-content-sha256 is not the SHA-256 of the body that arrived.");
    if (!declared.isEmpty())
        return declared;
    if (auth.presigned && auth.service == QLatin1String("s3"))
        return QByteArray(SigV4UnsignedPayload);
    return sha256Hex(request.body);
}

} // namespace

Result<SigV4Authorization> SigV4Verifier::parse(const HttpRequest &request)
{
    if (request.headers.contains("authorization"))
        return parseHeader(request, request.headers.value("authorization").trimmed());
    if (request.query.contains("X-Amz-Signature=") || request.query.contains("X-Amz-Algorithm="))
        return parseQuery(request);
    return authError("MissingAuthenticationToken", 403,
                     "The request is not signed: it has neither an Authorization header nor "
                     "an X-Amz-Signature query parameter.");
}

SigV4Verification SigV4Verifier::verify(const HttpRequest &request,
                                        const SigV4Authorization &authorization,
                                        const QString &secretAccessKey, const SigV4Flags &flags,
                                        const QDateTime &now) const
{
    const SigV4SigningKey key = sigV4DeriveSigningKey(secretAccessKey.toUtf8(), authorization.date,
                                                      authorization.region, authorization.service);
    return verifyWithSigningKey(request, authorization, key.kSigning, flags, now);
}

SigV4Verification SigV4Verifier::verifyWithSigningKey(const HttpRequest &request,
                                                      const SigV4Authorization &authorization,
                                                      const QByteArray &signingKey,
                                                      const SigV4Flags &flags,
                                                      const QDateTime &now) const
{
    SigV4Verification out;
    const SigV4Authorization &auth = authorization;
    out.error = checkTimeAndScope(request, auth, now, m_clockSkewSeconds);
    if (out.error.isError())
        return out;
    Result<QByteArray> payloadHash = verifiedPayloadHash(request, auth);
    if (!payloadHash) {
        out.error = payloadHash.error();
        return out;
    }
    SigV4Signature &expected = out.expected;
    expected.payloadHash = std::move(payloadHash).value();
    QList<QByteArray> leaveOut;
    if (auth.presigned)
        leaveOut.append(QByteArrayLiteral("X-Amz-Signature"));
    if (auth.presigned && flags.omitSessionToken)
        leaveOut.append(QByteArrayLiteral("X-Amz-Security-Token"));
    const SigV4CanonicalHeaders headers =
        sigV4CanonicalHeaders(request.headers, auth.signedHeaders);
    expected.credentialScope = auth.credentialScope;
    expected.signedHeaders = headers.signedHeaders;
    expected.canonicalRequest = sigV4CanonicalRequest(
        request.method, sigV4CanonicalPath(request.path, flags),
        sigV4CanonicalQuery(request.query, leaveOut), headers, expected.payloadHash);
    expected.stringToSign =
        sigV4StringToSign(auth.timestamp, auth.credentialScope, expected.canonicalRequest);
    expected.signature = sigV4SignatureHex(signingKey, expected.stringToSign);
    const bool same = !expected.signature.isEmpty() &&
                      expected.signature.size() == auth.signature.size() &&
                      CRYPTO_memcmp(expected.signature.constData(), auth.signature.constData(),
                                    size_t(auth.signature.size())) == 0;
    if (!same)
        out.error = authError("SignatureDoesNotMatch", 403,
                              "The request signature we calculated does not match the signature "
                              "you provided. Check your AWS secret access key and signing method.");
    return out;
}

} // namespace Gatehouse::Core::Aws
