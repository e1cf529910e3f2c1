#include "httpclient.h"

#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>

namespace Gatehouse::Core {

HttpClient::HttpClient(QObject *parent)
    : QObject(parent), m_network(new QNetworkAccessManager(this))
{
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    // Direct unless the user chooses a proxy: tests and the emulator stay on loopback.
    m_network->setProxy(QNetworkProxy::NoProxy);
}

HttpClient::~HttpClient() = default;

namespace {

// The system's proxy settings (http_proxy / https_proxy / no_proxy on Linux) for this client
// only, not for the whole application.
class SystemProxyFactory : public QNetworkProxyFactory
{
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        return systemProxyForQuery(query);
    }
};

} // namespace

Result<void> HttpClient::setOptions(const HttpOptions &options)
{
    Result<TlsMaterial> tls = TlsMaterial::load(options);
    if (!tls)
        return tls.error();
    if (options.proxyMode == HttpOptions::ProxyMode::Manual && (options.proxyHost.isEmpty() || options.proxyPort == 0))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("A manual proxy needs a host and a port."));
    m_tls = std::move(tls).value();
    m_options = options;
    // QNetworkAccessManager keeps connections per host and port with the TLS settings they
    // were opened with; new settings must not meet an old connection.
    m_network->clearConnectionCache();
    switch (options.proxyMode) {
    case HttpOptions::ProxyMode::None:
        m_network->setProxyFactory(nullptr);
        m_network->setProxy(QNetworkProxy::NoProxy);
        break;
    case HttpOptions::ProxyMode::System:
        m_network->setProxyFactory(new SystemProxyFactory);
        break;
    case HttpOptions::ProxyMode::Manual:
        m_network->setProxyFactory(nullptr);
        m_network->setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, options.proxyHost, options.proxyPort,
                                          options.proxyUser, options.proxyPassword));
        break;
    }
    if (!options.cookies)
        clearCookies();
    return {};
}

void HttpClient::clearCookies()
{
    m_network->setCookieJar(new QNetworkCookieJar);
}

QByteArray HttpClient::defaultUserAgent()
{
    return QByteArrayLiteral("Gatehouse/" GATEHOUSE_VERSION);
}

HttpJob *HttpClient::send(const HttpClientRequest &request)
{
    QNetworkRequest req(request.url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     request.followRedirects ? QNetworkRequest::NoLessSafeRedirectPolicy
                                             : QNetworkRequest::ManualRedirectPolicy);
    const QNetworkRequest::LoadControl cookies = m_options.cookies ? QNetworkRequest::Automatic : QNetworkRequest::Manual;
    req.setAttribute(QNetworkRequest::CookieLoadControlAttribute, cookies);
    req.setAttribute(QNetworkRequest::CookieSaveControlAttribute, cookies);
    if (request.url.scheme() == QLatin1String("https")) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        if (!m_tls.extraCas.isEmpty())
            tls.addCaCertificates(m_tls.extraCas);
        if (!m_tls.clientCertificate.isNull()) {
            tls.setLocalCertificate(m_tls.clientCertificate);
            tls.setPrivateKey(m_tls.clientKey);
        }
        if (!m_options.verifyTls)
            tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        req.setSslConfiguration(tls);
    }
    req.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    req.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    if (request.url.scheme() == QLatin1String("http"))
        req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (!request.headers.contains("User-Agent"))
        req.setRawHeader("User-Agent", defaultUserAgent());
    for (const HttpHeaders::Field &field : request.headers.fields()) {
        const QByteArray existing = req.rawHeader(field.first);
        req.setRawHeader(field.first, existing.isEmpty() ? field.second : existing + ", " + field.second);
    }

    QNetworkReply *reply = nullptr;
    if (request.method == "HEAD")
        reply = m_network->head(req);
    else if (request.method == "GET" && request.body.isEmpty())
        reply = m_network->get(req);
    else
        reply = m_network->sendCustomRequest(req, request.method, request.body);
    return new HttpJob(reply, request.timeoutMs, this, request.spoolThreshold);
}

} // namespace Gatehouse::Core
