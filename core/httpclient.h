#pragma once

#include "httpjob.h"
#include "httpmessage.h"
#include "httpoptions.h"

#include <QByteArray>
#include <QObject>
#include <QUrl>

class QNetworkAccessManager;

namespace Gatehouse::Core {

struct HttpClientRequest
{
    QByteArray method = "GET";  // any token; sent as typed
    QUrl url;
    HttpHeaders headers;
    QByteArray body;
    int timeoutMs = 30000;      // for the whole exchange
    bool followRedirects = false;
    qint64 spoolThreshold = 0;  // > 0: a longer body goes to a temporary file (BodySpool)
};

// Sends requests the user built, adding only what HTTP needs; one per thread.
class HttpClient : public QObject
{
    Q_OBJECT

public:
    explicit HttpClient(QObject *parent = nullptr);
    ~HttpClient() override;

    // The job reports exactly one result through HttpJob::finished and then deletes itself.
    HttpJob *send(const HttpClientRequest &request);

    static QByteArray defaultUserAgent();

    // Proxy, TLS trust and client certificate, cookies for every later request. Fails (and
    // keeps the options it had) when a file cannot be used.
    Result<void> setOptions(const HttpOptions &options);
    const HttpOptions &options() const { return m_options; }
    void clearCookies();

private:
    QNetworkAccessManager *m_network;
    HttpOptions m_options;
    TlsMaterial m_tls;
};

} // namespace Gatehouse::Core
