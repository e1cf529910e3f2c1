#include "awscall.h"

#include "sigv4signer.h"

#include "core/httpclient.h"

namespace Gatehouse::Core::Aws {

namespace {

QByteArray hostHeader(const QUrl &url)
{
    const int defaultPort = url.scheme() == QLatin1String("https") ? 443 : 80;
    QByteArray host = url.host(QUrl::FullyEncoded).toUtf8();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (url.port(defaultPort) != defaultPort)
        host += ':' + QByteArray::number(url.port());
    return host;
}

// The endpoint with the request's path appended and its query, exactly as it goes out.
QUrl requestUrl(const AwsRequest &request)
{
    QByteArray base = request.endpoint.path(QUrl::FullyEncoded).toUtf8();
    while (base.endsWith('/'))
        base.chop(1);
    QByteArray path = request.path.isEmpty() ? QByteArrayLiteral("/") : request.path;
    if (!path.startsWith('/'))
        path.prepend('/');
    QUrl url = request.endpoint;
    url.setPath(QString::fromUtf8(base + path), QUrl::TolerantMode);
    url.setQuery(request.query.isEmpty() ? QString() : QString::fromUtf8(request.query), QUrl::TolerantMode);
    url.setFragment(QString());
    return url;
}

// Error codes services answer when the request time is too far from theirs (the list of the
// AWS SDK for JavaScript v3).
bool isClockSkewCode(const QString &code)
{
    static const QStringList codes = {
        QStringLiteral("AuthFailure"),          QStringLiteral("InvalidSignatureException"),
        QStringLiteral("RequestExpired"),       QStringLiteral("RequestInTheFuture"),
        QStringLiteral("RequestTimeTooSkewed"), QStringLiteral("SignatureDoesNotMatch"),
    };
    return codes.contains(code);
}

// An HTTP Date ("Sat, 21 Nov 2026 14:54:47 GMT"); invalid when absent or malformed.
QDateTime httpDate(const QByteArray &value)
{
    QByteArray text = value.trimmed();
    if (text.endsWith(" GMT"))
        text = text.chopped(4) + " +0000";
    return QDateTime::fromString(QString::fromLatin1(text), Qt::RFC2822Date).toUTC();
}

} // namespace

AwsCall::AwsCall(HttpClient *http, AwsRequest request, CredentialsProvider *credentials,
                 RetryStrategy strategy, Clock clock, ClockOffset clockOffset, QObject *parent)
    : QObject(parent), m_http(http), m_request(std::move(request)), m_credentials(credentials),
      m_strategy(std::move(strategy)), m_clock(std::move(clock)), m_clockOffset(std::move(clockOffset))
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &AwsCall::startAttempt);
    // Start from the event loop, so callers can connect to finished() first.
    QTimer::singleShot(0, this, &AwsCall::startAttempt);
}

AwsCall::~AwsCall()
{
    if (m_job) {
        m_job->disconnect(this);
        m_job->cancel();
    }
}

void AwsCall::cancel()
{
    if (m_done)
        return;
    finish(makeError(ErrorCode::Cancelled, QStringLiteral("The AWS call was cancelled.")));
}

void AwsCall::startAttempt()
{
    if (m_done)
        return;
    ++m_attempt;
    if (!m_credentials) {
        finish(makeError(ErrorCode::InvalidArgument, QStringLiteral("No AWS credentials were given to sign the call with.")));
        return;
    }
    m_credentials->resolve(this, [this](const Result<Credentials> &credentials) { onCredentials(credentials); });
}

void AwsCall::onCredentials(const Result<Credentials> &credentials)
{
    if (m_done)
        return;
    if (!credentials) {
        Error error = credentials.error();
        error.message = QStringLiteral("Could not get AWS credentials (%1): %2")
                            .arg(m_credentials->describe(), error.message);
        finish(error);
        return;
    }
    const Result<HttpClientRequest> request = signedRequest(credentials.value());
    if (!request) {
        finish(request.error());
        return;
    }
    if (!m_http) {
        finish(makeError(ErrorCode::Internal, QStringLiteral("The AWS client was closed before the call was sent.")));
        return;
    }
    m_job = m_http->send(request.value());
    connect(m_job, &HttpJob::finished, this, &AwsCall::onAttemptFinished);
}

Result<HttpClientRequest> AwsCall::signedRequest(const Credentials &credentials)
{
    if (!m_request.endpoint.isValid() || m_request.endpoint.host().isEmpty()
        || (m_request.endpoint.scheme() != QLatin1String("https") && m_request.endpoint.scheme() != QLatin1String("http")))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("The endpoint \"%1\" is not an http:// or https:// URL with a host.")
                             .arg(m_request.endpoint.toString()));
    HttpClientRequest out;
    out.method = m_request.method;
    out.url = requestUrl(m_request);
    out.body = m_request.body;
    out.timeoutMs = m_request.timeoutMs;
    out.headers = m_request.headers;
    out.headers.set("Host", hostHeader(out.url));

    SigV4Request toSign;
    toSign.method = m_request.method;
    toSign.path = out.url.path(QUrl::FullyEncoded).toUtf8();
    toSign.query = out.url.query(QUrl::FullyEncoded).toUtf8();
    toSign.headers = out.headers;
    toSign.payload = m_request.body;
    toSign.service = m_request.service;
    toSign.region = m_request.region;
    toSign.time = localNow().addMSecs(m_clockOffset ? m_clockOffset->load() : 0);
    toSign.flags = SigV4Flags::forService(m_request.service);

    SigV4Signer signer(credentials);
    Result<SigV4Signature> signature = signer.signHeaders(toSign);
    if (!signature)
        return signature.error();
    m_signature = signature.value();
    applySigV4Headers(out.headers, m_signature);
    return out;
}

void AwsCall::onAttemptFinished(const Result<HttpClientResponse> &result)
{
    m_job = nullptr;
    if (m_done)
        return;
    if (!result) {
        onAttemptFailed(result.error());
        return;
    }
    m_response = result.value();
    const bool skewCorrected = learnClockSkew(m_response);
    if (m_response.status >= 200 && m_response.status < 300) {
        m_strategy.onSucceeded();
        finish(m_response);
        return;
    }
    Error error = parseAwsError(m_response, m_request.protocol);
    if (skewCorrected && isClockSkewCode(error.awsCode)) {
        error.retryable = true; // signing again with the corrected clock may succeed
        const qint64 minutes = qAbs(m_clockOffset->load()) / 60000;
        error.message += QStringLiteral(" (This computer's clock is about %1 min off the server's; later "
                                        "signatures use the server's time.)").arg(minutes);
    }
    onAttemptFailed(error);
}

QDateTime AwsCall::localNow() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

// Like the SDKs' clock-skew correction: when the server's Date is 5 minutes or more away
// from the signing clock, remember the difference for later signatures.
bool AwsCall::learnClockSkew(const HttpClientResponse &response)
{
    const QDateTime serverTime = httpDate(response.headers.value("Date"));
    if (!serverTime.isValid() || !m_clockOffset)
        return false;
    const QDateTime local = localNow();
    const qint64 offset = m_clockOffset->load();
    if (qAbs(local.addMSecs(offset).msecsTo(serverTime)) < ClockSkewThresholdMs)
        return false;
    m_clockOffset->store(local.msecsTo(serverTime));
    return true;
}

void AwsCall::onAttemptFailed(Error error)
{
    error.retryable = RetryStrategy::isRetryable(error);
    const RetryDecision decision = m_strategy.onAttemptFailed(error, m_attempt);
    if (decision.retry) {
        Q_EMIT retrying(error, m_attempt, decision.delayMs);
        m_retryTimer.start(decision.delayMs);
        return;
    }
    if (m_attempt > 1 || (error.retryable && m_strategy.maxAttempts() > 1))
        error.message += QStringLiteral(" (Not retried further: %1.)").arg(decision.reason);
    finish(error);
}

void AwsCall::finish(const Result<HttpClientResponse> &result)
{
    m_done = true;
    m_retryTimer.stop();
    if (m_job) {
        m_job->disconnect(this);
        m_job->cancel();
        m_job = nullptr;
    }
    Q_EMIT finished(result);
    deleteLater();
}

} // namespace Gatehouse::Core::Aws
