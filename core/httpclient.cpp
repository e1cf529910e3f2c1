#include "httpclient.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace Gatehouse::Core {

HttpClient::HttpClient(QObject *parent)
    : QObject(parent), m_network(new QNetworkAccessManager(this))
{
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

HttpClient::~HttpClient() = default;

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
    req.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    req.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
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
    return new HttpJob(reply, request.timeoutMs, this);
}

} // namespace Gatehouse::Core
