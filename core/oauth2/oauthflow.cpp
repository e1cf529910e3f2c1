#include "oauthflow.h"

#include "core/aws/sha256.h"
#include "core/httpclient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrlQuery>

namespace Gatehouse::Core::OAuth2 {

namespace {

constexpr int MaxRedirectBytes = 16 * 1024;

QByteArray randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    // QRandomGenerator::system() draws from the operating system's CSPRNG.
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), bytes / 4);
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray formEncode(const QList<QPair<QString, QString>> &fields)
{
    QByteArray body;
    for (const auto &[name, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}

HttpClientRequest tokenRequest(const ClientSettings &settings, QList<QPair<QString, QString>> fields)
{
    HttpClientRequest request;
    request.method = "POST";
    request.url = settings.tokenEndpoint;
    request.headers.add("Content-Type", "application/x-www-form-urlencoded");
    request.headers.add("Accept", "application/json");
    if (!settings.clientSecret.isEmpty() && settings.secretInBody)
        fields << qMakePair(QStringLiteral("client_id"), settings.clientId)
               << qMakePair(QStringLiteral("client_secret"), settings.clientSecret);
    else if (!settings.clientSecret.isEmpty())
        request.headers.add("Authorization",
                            "Basic " + QByteArray(QUrl::toPercentEncoding(settings.clientId) + ':'
                                                  + QUrl::toPercentEncoding(settings.clientSecret))
                                           .toBase64());
    else
        fields.append({QStringLiteral("client_id"), settings.clientId});
    request.body = formEncode(fields);
    return request;
}

void page(QTcpSocket *socket, int status, const QByteArray &title, const QByteArray &text)
{
    const QByteArray html = "<!doctype html><meta charset=utf-8><title>" + title + "</title><h1>" + title + "</h1><p>"
                            + text + "</p>";
    socket->write("HTTP/1.1 " + QByteArray::number(status) + (status == 200 ? " OK" : " Bad Request")
                  + "\r\nContent-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\n"
                    "Content-Length: "
                  + QByteArray::number(html.size()) + "\r\n\r\n" + html);
    socket->disconnectFromHost();
}

Result<void> checkEndpoint(const QUrl &url, const char *what)
{
    if (!url.isValid() || url.host().isEmpty() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("The %1 '%2' is not an http(s) URL.").arg(QLatin1String(what), url.toString()));
    return {};
}

} // namespace

QByteArray makeCodeVerifier()
{
    return randomToken(48); // 64 characters of base64url
}

QByteArray codeChallengeS256(const QByteArray &verifier)
{
    return Aws::sha256(verifier).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

Result<Tokens> parseTokenResponse(int status, const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonObject json = QJsonDocument::fromJson(body, &parseError).object();
    if (status != 200) {
        const QString error = json.value(QStringLiteral("error")).toString();
        const QString description = json.value(QStringLiteral("error_description")).toString();
        Error e = makeError(ErrorCode::Service,
                            error.isEmpty()
                                ? QStringLiteral("The token endpoint answered HTTP %1 without an OAuth2 error.").arg(status)
                                : QStringLiteral("The token endpoint refused: %1%2").arg(error, description.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(description)));
        e.httpStatus = status;
        e.awsCode = error;
        return e;
    }
    Tokens tokens;
    tokens.accessToken = json.value(QStringLiteral("access_token")).toString();
    tokens.idToken = json.value(QStringLiteral("id_token")).toString();
    tokens.refreshToken = json.value(QStringLiteral("refresh_token")).toString();
    tokens.tokenType = json.value(QStringLiteral("token_type")).toString();
    tokens.expiresIn = json.value(QStringLiteral("expires_in")).toInteger();
    tokens.scope = json.value(QStringLiteral("scope")).toString();
    if (parseError.error != QJsonParseError::NoError || tokens.accessToken.isEmpty())
        return makeError(ErrorCode::Protocol,
                         QStringLiteral("The token endpoint answered 200 but without an access_token; is the URL the "
                                        "server's token endpoint (for Cognito: https://<domain>/oauth2/token)?"));
    return tokens;
}

AuthorizationCodeFlow::AuthorizationCodeFlow(HttpClient *http, QObject *parent)
    : QObject(parent),
      m_http(http)
{
}

AuthorizationCodeFlow::~AuthorizationCodeFlow() = default;

bool AuthorizationCodeFlow::isWaiting() const
{
    return m_waiting;
}

Result<QUrl> AuthorizationCodeFlow::start(const ClientSettings &settings)
{
    cancel();
    for (const auto &[url, what] : {std::pair{settings.authorizeEndpoint, "authorize endpoint"},
                                    std::pair{settings.tokenEndpoint, "token endpoint"}}) {
        if (const Result<void> ok = checkEndpoint(url, what); !ok)
            return ok.error();
    }
    if (settings.clientId.isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("Give the app client id."));
    m_settings = settings;
    m_server = new QTcpServer(this);
    // Loopback only (RFC 8252 §8.3): nothing else on the network can deliver a code here.
    if (!m_server->listen(QHostAddress::LocalHost, settings.redirectPort)) {
        const QString reason = m_server->errorString();
        stopListening();
        return makeError(ErrorCode::Io, QStringLiteral("Could not listen on 127.0.0.1:%1 for the redirect: %2. "
                                                       "Choose another port (and allow it in the app client).")
                                            .arg(settings.redirectPort)
                                            .arg(reason));
    }
    connect(m_server, &QTcpServer::newConnection, this, &AuthorizationCodeFlow::onConnection);
    m_redirectUri = QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server->serverPort()).arg(settings.redirectPath));
    m_state = randomToken(24);
    m_verifier = makeCodeVerifier();
    QUrl url = settings.authorizeEndpoint;
    QUrlQuery query(url);
    query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    query.addQueryItem(QStringLiteral("client_id"), settings.clientId);
    query.addQueryItem(QStringLiteral("redirect_uri"), m_redirectUri.toString());
    if (!settings.scopes.isEmpty())
        query.addQueryItem(QStringLiteral("scope"), settings.scopes.join(QLatin1Char(' ')));
    if (!settings.audience.isEmpty())
        query.addQueryItem(QStringLiteral("audience"), settings.audience);
    query.addQueryItem(QStringLiteral("state"), QString::fromLatin1(m_state));
    query.addQueryItem(QStringLiteral("code_challenge"), QString::fromLatin1(codeChallengeS256(m_verifier)));
    query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    // Spaces and '+' must arrive as such: encode them fully.
    url.setQuery(query.query(QUrl::FullyEncoded).replace(QLatin1Char('+'), QLatin1String("%2B")), QUrl::StrictMode);
    m_waiting = true;
    emit progress(tr("Waiting for the browser to come back to %1…").arg(m_redirectUri.toString()));
    return url;
}

void AuthorizationCodeFlow::cancel()
{
    m_waiting = false;
    stopListening();
}

void AuthorizationCodeFlow::stopListening()
{
    if (m_server) {
        m_server->close();
        m_server->deleteLater();
        m_server = nullptr;
    }
}

void AuthorizationCodeFlow::onConnection()
{
    while (m_server && m_server->hasPendingConnections()) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        socket->setParent(this); // the server goes once the code arrives; the answer must still reach the browser
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            if (socket->property("answered").toBool())
                return;
            QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
            if (buffer.size() > MaxRedirectBytes) {
                socket->setProperty("answered", true);
                return page(socket, 400, "Request too large", "This is Gatehouse's sign-in redirect listener.");
            }
            socket->setProperty("buffer", buffer);
            if (!buffer.contains("\r\n\r\n"))
                return;
            socket->setProperty("answered", true);
            const QList<QByteArray> requestLine = buffer.left(buffer.indexOf("\r\n")).split(' ');
            if (requestLine.size() != 3 || requestLine.at(0) != "GET")
                return page(socket, 400, "Not a redirect", "This is Gatehouse's sign-in redirect listener.");
            onRedirect(socket, requestLine.at(1));
        });
    }
}

void AuthorizationCodeFlow::onRedirect(QTcpSocket *socket, const QByteArray &target)
{
    const QUrl url(QString::fromLatin1(target));
    if (url.path() != m_settings.redirectPath || !m_waiting)
        return page(socket, 400, "Not the sign-in redirect", "Gatehouse is not waiting for this request.");
    const QUrlQuery query(url);
    // The state proves the redirect answers our own request (no login CSRF).
    if (query.queryItemValue(QStringLiteral("state")).toLatin1() != m_state) {
        page(socket, 400, "Sign-in refused", "The state does not match the sign-in Gatehouse started. Start again.");
        return finish(makeError(ErrorCode::Protocol, tr("The redirect's state does not match the sign-in Gatehouse "
                                                        "started, so it was ignored (another sign-in, or a forged "
                                                        "redirect). Start again.")));
    }
    if (query.hasQueryItem(QStringLiteral("error"))) {
        page(socket, 400, "Sign-in refused", "Return to Gatehouse to see why.");
        const QString error = query.queryItemValue(QStringLiteral("error"));
        const QString description = query.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded);
        Error e = makeError(ErrorCode::Service, tr("The sign-in page refused: %1%2")
                                                    .arg(error, description.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(description)));
        e.awsCode = error;
        return finish(e);
    }
    const QByteArray code = query.queryItemValue(QStringLiteral("code")).toUtf8();
    if (code.isEmpty()) {
        page(socket, 400, "Sign-in incomplete", "The redirect carried no code. Return to Gatehouse.");
        return finish(makeError(ErrorCode::Protocol, tr("The redirect carried no authorization code.")));
    }
    page(socket, 200, "Signed in", "You can close this tab and return to Gatehouse.");
    m_waiting = false;
    stopListening();
    exchange(code);
}

void AuthorizationCodeFlow::exchange(const QByteArray &code)
{
    emit progress(tr("Exchanging the authorization code at %1…").arg(m_settings.tokenEndpoint.toString()));
    const HttpClientRequest request = tokenRequest(m_settings, {{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                                                                {QStringLiteral("code"), QString::fromUtf8(code)},
                                                                {QStringLiteral("redirect_uri"), m_redirectUri.toString()},
                                                                {QStringLiteral("code_verifier"), QString::fromLatin1(m_verifier)}});
    HttpJob *job = m_http->send(request);
    connect(job, &HttpJob::finished, this, [this](const Result<HttpClientResponse> &response) {
        if (!response)
            return finish(response.error());
        finish(parseTokenResponse(response->status, response->body));
    });
}

void AuthorizationCodeFlow::finish(const Result<Tokens> &result)
{
    m_waiting = false;
    stopListening();
    m_verifier.clear();
    emit finished(result);
}

void refreshTokens(HttpClient *http, const ClientSettings &settings, const QString &refreshToken, QObject *context,
                   std::function<void(const Result<Tokens> &)> done)
{
    if (const Result<void> ok = checkEndpoint(settings.tokenEndpoint, "token endpoint"); !ok) {
        QMetaObject::invokeMethod(context, [done, error = ok.error()] { done(error); }, Qt::QueuedConnection);
        return;
    }
    HttpJob *job = http->send(tokenRequest(settings, {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                                                      {QStringLiteral("refresh_token"), refreshToken}}));
    QObject::connect(job, &HttpJob::finished, context, [done](const Result<HttpClientResponse> &response) {
        if (!response)
            return done(response.error());
        done(parseTokenResponse(response->status, response->body));
    });
}

ClientCredentialsFlow::ClientCredentialsFlow(HttpClient *http, QObject *parent)
    : QObject(parent),
      m_http(http)
{
}

void ClientCredentialsFlow::request(const ClientSettings &settings)
{
    const auto fail = [this](const Error &error) {
        QMetaObject::invokeMethod(this, [this, error] { emit finished(error); }, Qt::QueuedConnection);
    };
    if (const Result<void> ok = checkEndpoint(settings.tokenEndpoint, "token endpoint"); !ok)
        return fail(ok.error());
    if (settings.clientId.isEmpty() || settings.clientSecret.isEmpty())
        return fail(makeError(ErrorCode::InvalidArgument,
                              tr("client_credentials needs the app client's id and secret (a client with a secret).")));
    QList<QPair<QString, QString>> fields{{QStringLiteral("grant_type"), QStringLiteral("client_credentials")}};
    if (!settings.scopes.isEmpty())
        fields.append({QStringLiteral("scope"), settings.scopes.join(QLatin1Char(' '))});
    if (!settings.audience.isEmpty())
        fields.append({QStringLiteral("audience"), settings.audience});
    HttpJob *job = m_http->send(tokenRequest(settings, fields));
    connect(job, &HttpJob::finished, this, [this](const Result<HttpClientResponse> &response) {
        if (!response)
            return emit finished(response.error());
        emit finished(parseTokenResponse(response->status, response->body));
    });
}

} // namespace Gatehouse::Core::OAuth2
