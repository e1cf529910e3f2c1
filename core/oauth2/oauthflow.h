#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <functional>

class QTcpServer;
class QTcpSocket;

namespace Gatehouse::Core {
class HttpClient;
}

namespace Gatehouse::Core::OAuth2 {

// What a token endpoint answered (RFC 6749 §5.1); Cognito adds id_token for openid scopes.
struct Tokens
{
    QString accessToken;
    QString idToken;
    QString refreshToken;
    QString tokenType;
    qint64 expiresIn = 0; // seconds
    QString scope;
};

// A Cognito hosted UI (or any OAuth2 server): its authorize and token endpoints, the app client
// and what to ask for. For Cognito: https://<domain>/oauth2/authorize and /oauth2/token.
struct ClientSettings
{
    QUrl authorizeEndpoint;
    QUrl tokenEndpoint;
    QString clientId;
    QString clientSecret; // empty: a public client (PKCE only)
    bool secretInBody = false; // client_secret_post instead of client_secret_basic (RFC 6749 §2.3.1)
    QString audience;          // sent as "audience" when set (Auth0 and others ask for it)
    QStringList scopes;
    quint16 redirectPort = 0;                             // 0: any free port (the app client must allow it)
    QString redirectPath = QStringLiteral("/callback");   // http://127.0.0.1:<port><path>
};

// RFC 7636 PKCE: a verifier of 43-128 unreserved characters and its S256 challenge.
QByteArray makeCodeVerifier();
QByteArray codeChallengeS256(const QByteArray &verifier);

// Parses a token endpoint's answer: tokens, or the server's "error"/"error_description" in words.
Result<Tokens> parseTokenResponse(int status, const QByteArray &body);

// The authorization-code flow with PKCE through a redirect to loopback (RFC 8252 §7.3): start()
// listens on 127.0.0.1 only, hands out the URL to open in the browser, receives the redirect,
// checks `state`, answers the browser with a short page and exchanges the code for tokens.
// Qt 6.4's QtNetworkAuth has no PKCE (it came in 6.8), so this is done here in a few lines.
// Reports finished() exactly once; a new start() abandons the previous attempt.
class AuthorizationCodeFlow : public QObject
{
    Q_OBJECT

public:
    explicit AuthorizationCodeFlow(HttpClient *http, QObject *parent = nullptr);
    ~AuthorizationCodeFlow() override;

    // The URL to open in a browser; an error when the settings are unusable or the port is taken.
    Result<QUrl> start(const ClientSettings &settings);
    void cancel();
    QUrl redirectUri() const { return m_redirectUri; }
    bool isWaiting() const;

Q_SIGNALS:
    // A step for a trace: "Waiting for the browser…", "Exchanging the code…".
    void progress(const QString &step);
    void finished(const Gatehouse::Core::Result<Gatehouse::Core::OAuth2::Tokens> &tokens);

private:
    void onConnection();
    void onRedirect(QTcpSocket *socket, const QByteArray &target);
    void exchange(const QByteArray &code);
    void finish(const Result<Tokens> &result);
    void stopListening();

    HttpClient *m_http;
    QTcpServer *m_server = nullptr;
    ClientSettings m_settings;
    QUrl m_redirectUri;
    QByteArray m_state;
    QByteArray m_verifier;
    bool m_waiting = false;
};

// grant_type=refresh_token at the token endpoint; reports exactly once, on context.
void refreshTokens(HttpClient *http, const ClientSettings &settings, const QString &refreshToken, QObject *context,
                   std::function<void(const Result<Tokens> &)> done);

// client_credentials (machine to machine, RFC 6749 §4.4) with the client's secret as HTTP Basic
// or, with secretInBody, as form fields.
class ClientCredentialsFlow : public QObject
{
    Q_OBJECT

public:
    explicit ClientCredentialsFlow(HttpClient *http, QObject *parent = nullptr);
    void request(const ClientSettings &settings);

Q_SIGNALS:
    void finished(const Gatehouse::Core::Result<Gatehouse::Core::OAuth2::Tokens> &tokens);

private:
    HttpClient *m_http;
};

} // namespace Gatehouse::Core::OAuth2
