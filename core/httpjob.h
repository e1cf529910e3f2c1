#pragma once

#include "httpmessage.h"
#include "result.h"

#include <QElapsedTimer>
#include <memory>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QUrl>

class QNetworkReply;
class QSslError;

namespace Gatehouse::Core {

class BodySpool;

// Milestones of one exchange in ms since the request was handed to Qt, as far as
// QNetworkReply reports them; -1 when it did not happen (a reused connection has no connect,
// plain HTTP no TLS handshake).
struct HttpTiming
{
    qint64 connectStartMs = -1; // name resolved, socket connecting (socketStartedConnecting)
    qint64 tlsDoneMs = -1;      // handshake finished (encrypted)
    qint64 requestSentMs = -1;  // request written (requestSent)
    qint64 headersMs = -1;      // status line and headers read (metaDataChanged)
    qint64 totalMs = 0;         // body complete
};

struct HttpClientResponse
{
    int status = 0;
    QByteArray reason;
    HttpHeaders headers;       // in the order received
    QByteArray body;           // over spool's mapping when spooled: keep spool alongside copies
    std::shared_ptr<const BodySpool> spool; // set when the body went to disk (HttpJob's threshold)
    qint64 elapsedMs = 0;
    qint64 bytes = 0;          // body bytes received
    QByteArray httpVersion;    // "HTTP/1.1" or "HTTP/2"
    QUrl finalUrl;
    HttpTiming timing;
};

// The handle of one HTTP exchange: cancel it, or wait for its single finished() result.
class HttpJob : public QObject
{
    Q_OBJECT

public:
    // spoolThreshold > 0: a body growing past it goes to a temporary file instead of memory.
    HttpJob(QNetworkReply *reply, int timeoutMs, QObject *parent = nullptr, qint64 spoolThreshold = 0);
    ~HttpJob() override;

    void cancel();
    bool isFinished() const { return m_done; }
    // The first bytes of the body received so far (up to HeadBytes), for a view that shows an
    // answer while it arrives.
    static constexpr qsizetype HeadBytes = 256 * 1024;
    static constexpr qint64 ReadBufferBytes = 2 * 1024 * 1024;
    static constexpr qsizetype SpoolSliceBytes = 8 * 1024 * 1024;
    QByteArray head() const { return m_head; }
    qint64 bytesReceived() const { return m_received; }

Q_SIGNALS:
    void finished(const Gatehouse::Core::Result<Gatehouse::Core::HttpClientResponse> &result);
    // While the body arrives, at most every 100 ms; total is -1 when the server did not say.
    void progress(qint64 received, qint64 total);

private:
    void onReplyFinished();
    void onReadyRead();
    Result<void> takeAvailable(bool all); // all: also whatever still waits to be written
    void onTimeout();
    void onSslErrors(const QList<QSslError> &errors);
    void finish(const Result<HttpClientResponse> &result);
    Result<HttpClientResponse> response();
    Error transportError() const;

    QPointer<QNetworkReply> m_reply;
    QTimer m_timer;
    QElapsedTimer m_clock;
    HttpTiming m_timing;
    QStringList m_tlsReasons;
    int m_timeoutMs;
    qint64 m_spoolThreshold;
    QByteArray m_body;                 // while in memory; after the switch, what is not on disk yet
    qsizetype m_written = 0;           // of m_body, already on disk
    std::shared_ptr<BodySpool> m_spool; // once past the threshold
    QByteArray m_head;
    qint64 m_received = 0;
    QElapsedTimer m_progressClock;
    bool m_done = false;
};

} // namespace Gatehouse::Core
