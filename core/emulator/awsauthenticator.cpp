#include "awsauthenticator.h"

#include "core/aws/sha256.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QUuid>

namespace Gatehouse::Emulator {

namespace Aws = Core::Aws;

namespace {

const QString StsNamespace = QStringLiteral("https://sts.amazonaws.com/doc/2011-06-15/");
const QString InvalidToken = QStringLiteral("The security token included in the request is invalid.");
const QString ExpiredTokenText =
    QStringLiteral("The security token included in the request is expired");

Core::Error refused(AwsProtocol protocol, const char *queryCode, const char *restJsonCode,
                    int status, const QString &message)
{
    Core::Error e = Core::makeError(Core::ErrorCode::InvalidArgument, message);
    e.awsCode = QLatin1String(protocol == AwsProtocol::Query ? queryCode : restJsonCode);
    e.httpStatus = status;
    return e;
}

Core::Error badSignature(AwsProtocol protocol, const QString &message)
{
    return refused(protocol, "SignatureDoesNotMatch", "InvalidSignatureException", 403, message);
}

QString stamp(const QDateTime &time)
{
    return QString::fromLatin1(Aws::sigV4Timestamp(time));
}

// The wording AWS uses when X-Amz-Date is outside the accepted window.
Core::Error checkTime(const Aws::SigV4Authorization &auth, AwsProtocol protocol, int skew,
                      const QDateTime &now)
{
    const qint64 age = auth.time.secsTo(now);
    const int window = auth.presigned ? auth.expiresSeconds : skew;
    if (age > window) {
        const QString span = window % 60 == 0 ? QStringLiteral("%1 min.").arg(window / 60)
                                              : QStringLiteral("%1 sec.").arg(window);
        return badSignature(protocol, QStringLiteral("Signature expired: %1 is now earlier than "
                                                     "%2 (%3 - %4)")
                                          .arg(QString::fromLatin1(auth.timestamp),
                                               stamp(now.addSecs(-window)), stamp(now), span));
    }
    if (age < -skew)
        return badSignature(protocol, QStringLiteral("Signature not yet current: %1 is still "
                                                     "later than %2 (%3 + %4 min.)")
                                          .arg(QString::fromLatin1(auth.timestamp),
                                               stamp(now.addSecs(skew)), stamp(now))
                                          .arg(skew / 60));
    return {};
}

// The verifier's codes, worded for the protocol.
Core::Error reword(const Aws::SigV4Verification &result, AwsProtocol protocol)
{
    const Core::Error &e = result.error;
    if (e.awsCode == QLatin1String("MissingAuthenticationToken"))
        return protocol == AwsProtocol::Query
                   ? refused(protocol, "MissingAuthenticationToken", "", 403,
                             QStringLiteral("Request is missing Authentication Token"))
                   : refused(protocol, "", "MissingAuthenticationTokenException", 403,
                             QStringLiteral("Missing Authentication Token"));
    if (e.awsCode == QLatin1String("IncompleteSignature"))
        return refused(protocol, "IncompleteSignature", "IncompleteSignatureException", 400,
                       e.message);
    if (e.awsCode == QLatin1String("SignatureDoesNotMatch") &&
        !result.expected.canonicalRequest.isEmpty())
        return badSignature(
            protocol,
            QStringLiteral("The request signature we calculated does not match the signature "
                           "you provided. Check your AWS Secret Access Key and signing method. "
                           "Consult the service documentation for details.\n\nThe Canonical "
                           "String for this request should have been\n'%1'\n\nThe "
                           "String-to-Sign should have been\n'%2'\n")
                .arg(QString::fromUtf8(result.expected.canonicalRequest),
                     QString::fromUtf8(result.expected.stringToSign)));
    if (e.awsCode == QLatin1String("SignatureDoesNotMatch") ||
        e.awsCode == QLatin1String("RequestExpired"))
        return badSignature(protocol, e.message);
    return e;
}

} // namespace

AwsAuthenticator::AwsAuthenticator(QString accountId)
    : m_accountId(std::move(accountId))
{
    addLongTermKey(QLatin1String(DefaultAccessKeyId), QLatin1String(DefaultSecretAccessKey),
                   QLatin1String(DefaultUserName));
}

void AwsAuthenticator::addLongTermKey(const QString &accessKeyId, const QString &secretAccessKey,
                                      const QString &userName)
{
    AwsPrincipal p;
    p.accessKeyId = accessKeyId;
    p.secretAccessKey = secretAccessKey;
    p.accountId = m_accountId;
    p.arn = QStringLiteral("arn:aws:iam::%1:user/%2").arg(m_accountId, userName);
    p.userId = uniqueId("AIDA", p.arn);
    m_principals.insert(accessKeyId, p);
    forgetSigningKeys();
}

void AwsAuthenticator::addSession(const AwsPrincipal &principal)
{
    m_principals.insert(principal.accessKeyId, principal);
    forgetSigningKeys();
}

void AwsAuthenticator::forgetSigningKeys()
{
    QMutexLocker locker(&m_signingKeysMutex);
    m_signingKeys.clear();
}

const AwsPrincipal *AwsAuthenticator::principal(const QString &accessKeyId) const
{
    const auto it = m_principals.constFind(accessKeyId);
    return it == m_principals.constEnd() ? nullptr : &it.value();
}

int AwsAuthenticator::allowedSkewSeconds(const QString &service)
{
    // Lambda answers "Signature expired: ... (... - 5 min.)"; STS and most services 15 min.
    return service == QLatin1String("lambda") ? 300 : Aws::SigV4Verifier::DefaultClockSkewSeconds;
}

Core::Error AwsAuthenticator::checkPrincipal(const AwsPrincipal *p,
                                             const Aws::SigV4Authorization &auth,
                                             AwsProtocol protocol, const QDateTime &now) const
{
    if (!p || p->sessionToken != QString::fromUtf8(auth.sessionToken))
        return refused(protocol, "InvalidClientTokenId", "UnrecognizedClientException", 403,
                       InvalidToken);
    if (p->expiration.isValid() && p->expiration <= now)
        return refused(protocol, "ExpiredToken", "ExpiredTokenException", 403, ExpiredTokenText);
    return {};
}

AwsAuthentication AwsAuthenticator::authenticate(const Core::HttpRequest &request,
                                                 const QString &service, AwsProtocol protocol,
                                                 const QDateTime &now) const
{
    AwsAuthentication out;
    Core::Result<Aws::SigV4Authorization> parsed = Aws::SigV4Verifier::parse(request);
    if (!parsed) {
        out.error = reword(Aws::SigV4Verification{parsed.error(), {}}, protocol);
        return out;
    }
    out.authorization = std::move(parsed).value();
    const Aws::SigV4Authorization &auth = out.authorization;
    if (auth.service != service) {
        out.error = badSignature(
            protocol, QStringLiteral("Credential should be scoped to correct service: '%1'. ")
                          .arg(service));
        return out;
    }
    if (auth.region != m_region) {
        // AWS's words, then which region this endpoint is, since the emulator is one region.
        out.error = badSignature(protocol,
                                 QStringLiteral("Credential should be scoped to a valid region. "
                                                "(This emulator serves %1; sign for it, or start "
                                                "the emulator with --region %2.)")
                                     .arg(m_region, auth.region));
        return out;
    }
    const AwsPrincipal *p = principal(QString::fromUtf8(auth.accessKeyId));
    out.error = checkPrincipal(p, auth, protocol, now);
    if (out.error.isError())
        return out;
    const int skew = allowedSkewSeconds(service);
    out.error = checkTime(auth, protocol, skew, now);
    if (out.error.isError())
        return out;
    Aws::SigV4Verifier verifier;
    verifier.setClockSkewSeconds(skew);
    const Aws::SigV4Verification result = verifier.verifyWithSigningKey(
        request, auth, signingKey(*p, auth), Aws::SigV4Flags::forService(service), now);
    if (!result.ok()) {
        out.error = reword(result, protocol);
        return out;
    }
    out.principal = *p;
    return out;
}

// Every @connections POST of a broadcast is signed with the same key: four HMACs per request
// were a tenth of the front's crypto work.
QByteArray AwsAuthenticator::signingKey(const AwsPrincipal &principal,
                                        const Aws::SigV4Authorization &auth) const
{
    constexpr qsizetype MaxSigningKeys = 64;
    const QByteArray cacheKey = auth.accessKeyId + '/' + auth.credentialScope;
    QMutexLocker locker(&m_signingKeysMutex);
    if (const auto it = m_signingKeys.constFind(cacheKey); it != m_signingKeys.constEnd())
        return it.value();
    const QByteArray key = Aws::sigV4DeriveSigningKey(principal.secretAccessKey.toUtf8(), auth.date,
                                                      auth.region, auth.service)
                               .kSigning;
    if (m_signingKeys.size() >= MaxSigningKeys)
        m_signingKeys.clear();
    m_signingKeys.insert(cacheKey, key);
    return key;
}

QString AwsAuthenticator::uniqueId(const char *prefix, const QString &seed)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    const QByteArray digest = Aws::sha256(seed.toUtf8());
    QString out = QLatin1String(prefix);
    for (int i = 0; i < 17; ++i)
        out.append(QLatin1Char(alphabet[uchar(digest.at(i)) % 32]));
    return out;
}

// A version-4 UUID from Qt's seeded generator. QUuid::createUuid() draws on the system generator,
// which on this CPU is the RDSEED instruction, slow enough to show in the profile of a broadcast
// (every @connections answer carries an id). A request id needs to be unique, not unguessable.
QByteArray AwsAuthenticator::newRequestId()
{
    quint32 words[4];
    QRandomGenerator::global()->fillRange(words);
    QByteArray bytes(reinterpret_cast<const char *>(words), sizeof words);
    bytes[6] = char((bytes.at(6) & 0x0f) | 0x40); // version 4
    bytes[8] = char((bytes.at(8) & 0x3f) | 0x80); // RFC 4122 variant
    return QUuid::fromRfc4122(bytes).toByteArray(QUuid::WithoutBraces);
}

Core::HttpResponse AwsAuthenticator::refusal(const Core::Error &error, AwsProtocol protocol)
{
    Core::HttpResponse response;
    response.status = error.httpStatus > 0 ? error.httpStatus : 403;
    const QByteArray requestId =
        error.requestId.isEmpty() ? newRequestId() : error.requestId.toLatin1();
    response.headers.add("x-amzn-RequestId", requestId);
    if (protocol == AwsProtocol::Query) {
        response.headers.add("Content-Type", "text/xml");
        response.body = QStringLiteral("<ErrorResponse xmlns=\"%1\">\n  <Error>\n    "
                                       "<Type>Sender</Type>\n    <Code>%2</Code>\n    "
                                       "<Message>%3</Message>\n  </Error>\n  "
                                       "<RequestId>%4</RequestId>\n</ErrorResponse>\n")
                            .arg(StsNamespace, error.awsCode.toHtmlEscaped(),
                                 error.message.toHtmlEscaped(), QString::fromLatin1(requestId))
                            .toUtf8();
        return response;
    }
    response.headers.add("Content-Type", "application/json");
    response.headers.add("x-amzn-ErrorType", error.awsCode.toUtf8());
    response.body = QJsonDocument(QJsonObject{{QStringLiteral("message"), error.message}})
                        .toJson(QJsonDocument::Compact);
    return response;
}

} // namespace Gatehouse::Emulator
