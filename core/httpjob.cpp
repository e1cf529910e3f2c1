#include "httpjob.h"

#include "bodyspool.h"

#include <QNetworkReply>
#include <QSslError>

namespace Gatehouse::Core {

namespace {

QString hostAndPort(const QUrl &url)
{
    const int defaultPort = url.scheme() == QLatin1String("https") ? 443 : 80;
    return QStringLiteral("%1:%2").arg(url.host()).arg(url.port(defaultPort));
}

QString secondsText(int ms)
{
    if (ms % 1000 == 0)
        return QString::number(ms / 1000);
    return QString::number(ms / 1000.0, 'f', 1);
}

} // namespace

HttpJob::HttpJob(QNetworkReply *reply, int timeoutMs, QObject *parent, qint64 spoolThreshold)
    : QObject(parent), m_reply(reply), m_timeoutMs(timeoutMs), m_spoolThreshold(spoolThreshold)
{
    m_clock.start();
    m_progressClock.start();
    // Flow control: without a limit Qt's network thread reads as fast as the socket gives and
    // queues it all for this thread, so a fast 500 MB download piled up in memory and its
    // hand-overs starved the event loop for a second. With it the network thread waits until
    // onReadyRead() has drained the buffer.
    reply->setReadBufferSize(ReadBufferBytes);
    connect(reply, &QNetworkReply::finished, this, &HttpJob::onReplyFinished);
    connect(reply, &QNetworkReply::readyRead, this, &HttpJob::onReadyRead);
    connect(reply, &QNetworkReply::sslErrors, this, &HttpJob::onSslErrors);
    connect(reply, &QNetworkReply::socketStartedConnecting, this, [this] {
        if (m_timing.connectStartMs < 0)
            m_timing.connectStartMs = m_clock.elapsed();
    });
    connect(reply, &QNetworkReply::encrypted, this, [this] { m_timing.tlsDoneMs = m_clock.elapsed(); });
    connect(reply, &QNetworkReply::requestSent, this, [this] { m_timing.requestSentMs = m_clock.elapsed(); });
    connect(reply, &QNetworkReply::metaDataChanged, this, [this] {
        if (m_timing.headersMs < 0)
            m_timing.headersMs = m_clock.elapsed();
    });
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpJob::onTimeout);
    if (timeoutMs > 0)
        m_timer.start(timeoutMs);
}

HttpJob::~HttpJob()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void HttpJob::cancel()
{
    if (m_done)
        return;
    finish(makeError(ErrorCode::Cancelled, QStringLiteral("The request was cancelled.")));
}

void HttpJob::onTimeout()
{
    if (m_done)
        return;
    finish(makeError(ErrorCode::Timeout,
                     QStringLiteral("No answer within %1 s.").arg(secondsText(m_timeoutMs))));
}

void HttpJob::onSslErrors(const QList<QSslError> &errors)
{
    for (const QSslError &error : errors)
        m_tlsReasons.append(error.errorString());
}

// The body is taken as it arrives rather than with one readAll() at the end: the view can show
// its start at once, and a body past the spool threshold moves to disk instead of doubling in
// QNetworkReply's buffer and ours. A body whose Content-Length is past the threshold goes to
// disk from its first byte; one of unknown length moves there when it crosses the threshold,
// its first part written a slice per read so the event loop never waits for all of it at once.
Result<void> HttpJob::takeAvailable(bool all)
{
    const qint64 available = m_reply->bytesAvailable();
    const QByteArray chunk = available > 0 ? m_reply->read(available) : QByteArray();
    if (m_head.size() < HeadBytes)
        m_head += QByteArrayView(chunk).first(std::min<qsizetype>(chunk.size(), HeadBytes - m_head.size()));
    m_received += chunk.size();
    if (!m_spool && m_spoolThreshold > 0) {
        const qint64 length = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        if (length > m_spoolThreshold || m_body.size() + chunk.size() > m_spoolThreshold) {
            m_spool = std::make_shared<BodySpool>();
            if (Result<void> opened = m_spool->open(); !opened)
                return opened;
        } else if (m_body.isEmpty() && length > 0) {
            m_body.reserve(length); // no reallocation (a 32 MB copy at 32 MB) on the way
        }
    }
    if (!m_spool) {
        m_body += chunk;
        return {};
    }
    if (m_body.isEmpty())
        return m_spool->append(chunk);
    // Still writing out what came before the switch: the new bytes queue behind it.
    m_body += chunk;
    const qsizetype slice = all ? m_body.size() - m_written : std::min<qsizetype>(SpoolSliceBytes, m_body.size() - m_written);
    if (Result<void> written = m_spool->append(QByteArrayView(m_body).sliced(m_written, slice)); !written)
        return written;
    m_written += slice;
    if (m_written == m_body.size()) {
        m_body = QByteArray();
        m_written = 0;
    }
    return {};
}

void HttpJob::onReadyRead()
{
    if (m_done || !m_reply)
        return;
    if (const Result<void> taken = takeAvailable(false); !taken) {
        finish(taken.error());
        return;
    }
    if (m_progressClock.elapsed() >= 100) {
        m_progressClock.restart();
        const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
        Q_EMIT progress(m_received, length.isValid() ? length.toLongLong() : -1);
    }
}

void HttpJob::onReplyFinished()
{
    if (m_done || !m_reply)
        return;
    const int code = m_reply->error();
    const bool transportFailed = code > 0 && code < 100; // 1-99 are connection-level errors
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!transportFailed && status.isValid() && status.toInt() > 0) {
        finish(response());
        return;
    }
    finish(transportError());
}

void HttpJob::finish(const Result<HttpClientResponse> &result)
{
    m_done = true;
    m_timer.stop();
    if (m_reply) {
        m_reply->disconnect(this);
        if (m_reply->isRunning())
            m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    Q_EMIT finished(result);
    deleteLater();
}

Result<HttpClientResponse> HttpJob::response()
{
    if (Result<void> taken = takeAvailable(true); !taken)
        return taken.error();
    HttpClientResponse r;
    r.status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.reason = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    for (const QNetworkReply::RawHeaderPair &pair : m_reply->rawHeaderPairs()) {
        // QNetworkReply joins repeated Set-Cookie fields with '\n'; give them back one by one.
        if (pair.first.compare("set-cookie", Qt::CaseInsensitive) == 0) {
            for (const QByteArray &cookie : pair.second.split('\n'))
                r.headers.add(pair.first, cookie);
        } else {
            r.headers.add(pair.first, pair.second);
        }
    }
    if (m_spool) {
        if (Result<void> finished = m_spool->finish(); !finished)
            return finished.error();
        r.body = m_spool->body();
        r.spool = std::move(m_spool);
    } else {
        r.body = std::exchange(m_body, QByteArray());
    }
    r.bytes = r.body.size();
    r.elapsedMs = m_clock.elapsed();
    r.timing = m_timing;
    r.timing.totalMs = r.elapsedMs;
    r.httpVersion = m_reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool()
                        ? QByteArrayLiteral("HTTP/2")
                        : QByteArrayLiteral("HTTP/1.1");
    r.finalUrl = m_reply->url();
    return r;
}

Error HttpJob::transportError() const
{
    const QUrl url = m_reply->url();
    switch (m_reply->error()) {
    case QNetworkReply::HostNotFoundError:
        return makeError(ErrorCode::HostNotFound,
                         QStringLiteral("Could not resolve host '%1'. Check the URL or your network.").arg(url.host()));
    case QNetworkReply::ConnectionRefusedError:
        return makeError(ErrorCode::ConnectionRefused,
                         QStringLiteral("Connection refused by %1: nothing is listening there. Is the emulator running?")
                             .arg(hostAndPort(url)));
    case QNetworkReply::RemoteHostClosedError:
        return makeError(ErrorCode::ConnectionClosed,
                         QStringLiteral("%1 closed the connection before sending a complete answer.").arg(hostAndPort(url)));
    case QNetworkReply::TimeoutError:
        return makeError(ErrorCode::Timeout,
                         QStringLiteral("No answer within %1 s.").arg(secondsText(m_timeoutMs)));
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::TooManyRedirectsError:
    case QNetworkReply::InsecureRedirectError:
        break;
    case QNetworkReply::OperationCanceledError:
        return makeError(ErrorCode::Cancelled, QStringLiteral("The request was cancelled."));
    default:
        break;
    }
    if (m_reply->error() == QNetworkReply::SslHandshakeFailedError || !m_tlsReasons.isEmpty()) {
        const QString reason = m_tlsReasons.isEmpty() ? m_reply->errorString() : m_tlsReasons.join(QStringLiteral("; "));
        return makeError(ErrorCode::Tls,
                         QStringLiteral("The secure connection to %1 failed: %2").arg(hostAndPort(url), reason));
    }
    if (m_reply->error() == QNetworkReply::ProtocolFailure || m_reply->error() == QNetworkReply::UnknownNetworkError)
        return makeError(ErrorCode::Protocol,
                         QStringLiteral("%1 did not answer with valid HTTP: %2").arg(hostAndPort(url), m_reply->errorString()));
    return makeError(ErrorCode::Protocol,
                     QStringLiteral("The request to %1 failed: %2").arg(hostAndPort(url), m_reply->errorString()));
}

} // namespace Gatehouse::Core
