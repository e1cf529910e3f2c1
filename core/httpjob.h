#pragma once

#include "httpmessage.h"
#include "result.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QUrl>

class QNetworkReply;
class QSslError;

namespace Gatehouse::Core {

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
    QByteArray body;
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
    HttpJob(QNetworkReply *reply, int timeoutMs, QObject *parent = nullptr);
    ~HttpJob() override;

    void cancel();
    bool isFinished() const { return m_done; }

Q_SIGNALS:
    void finished(const Gatehouse::Core::Result<Gatehouse::Core::HttpClientResponse> &result);

private:
    void onReplyFinished();
    void onTimeout();
    void onSslErrors(const QList<QSslError> &errors);
    void finish(const Result<HttpClientResponse> &result);
    HttpClientResponse response() const;
    Error transportError() const;

    QPointer<QNetworkReply> m_reply;
    QTimer m_timer;
    QElapsedTimer m_clock;
    HttpTiming m_timing;
    QStringList m_tlsReasons;
    int m_timeoutMs;
    bool m_done = false;
};

} // namespace Gatehouse::Core
