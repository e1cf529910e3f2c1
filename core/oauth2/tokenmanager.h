#pragma once

#include "core/httpclient.h"
#include "core/requestspec.h"
#include "core/result.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <optional>

namespace Gatehouse::Core::OAuth2 {

// The tokens the manager holds for one auth configuration. Never written anywhere: they live in
// this process's memory only (collections, history and settings keep at most {{variables}}).
struct CachedToken
{
    QString accessToken;
    QString idToken;
    QString refreshToken;
    QDateTime obtainedAt; // UTC
    QDateTime expiresAt;  // UTC; invalid when neither the server nor the token said
    QString source;       // "client credentials", "Cognito SRP", "refresh", …
    QString username;     // Cognito: cognito:username, which SECRET_HASH needs on refresh

    // The token OAuth2Settings::tokenUse asks for.
    QString tokenFor(OAuth2TokenUse use) const { return use == OAuth2TokenUse::Id ? idToken : accessToken; }
};

// Who a token is for: a hash of the settings that decide it (grant, endpoints, client, scopes,
// user and the secrets), so an edit that changes any of them gets a new token.
QString tokenKey(const OAuth2Settings &resolved);

// Adds the token to request as the settings say: "<prefix> <token>" in Authorization, or a query
// parameter. An error when the request already carries an Authorization header of its own.
Result<void> applyToken(HttpClientRequest &request, const OAuth2Settings &resolved, const CachedToken &token);

// Obtains, caches and renews the tokens of the request builder's OAuth 2.0 auth, so a request
// goes out with a valid token without anyone clicking "Get new token": a cached token is used
// while it has more than RefreshLeadSeconds left; then it is renewed with its refresh token, and
// when there is none or the refresh is refused, obtained again the way it was first (client
// credentials and Cognito sign-in run again; the authorization-code grant opens the browser
// again). Concurrent requests for the same configuration share one fetch. Settings come in with
// {{variables}} substituted (resolveOAuth2Settings).
class TokenManager : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(const Result<CachedToken> &)>;
    static constexpr int RefreshLeadSeconds = 30;

    explicit TokenManager(HttpClient *http, QObject *parent = nullptr);
    ~TokenManager() override;

    // A token valid for more than RefreshLeadSeconds; reports exactly once, later, on context.
    void token(const OAuth2Settings &resolved, QObject *context, Done done);
    // "Get new token": the cached one is dropped and a new one obtained.
    void fetchNew(const OAuth2Settings &resolved, QObject *context, Done done);
    // After the API answered 401: the access token is no longer trusted (its refresh token is).
    void expire(const OAuth2Settings &resolved);
    void clear(const OAuth2Settings &resolved);
    std::optional<CachedToken> cached(const OAuth2Settings &resolved) const;

    // Tests move time forward; the default is the system clock.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    // What the authorization-code grant does with the sign-in URL: the GUI opens the browser,
    // the CLI prints it. Without an opener that grant reports an error.
    void setBrowserOpener(std::function<void(const QUrl &)> opener) { m_opener = std::move(opener); }
    // How long the authorization-code grant waits for the browser to come back.
    void setAuthorizationTimeoutMs(int ms) { m_authorizationTimeoutMs = ms; }

Q_SIGNALS:
    // A token was obtained, renewed or dropped for the configuration with this key.
    void tokenChanged(const QString &key);
    // A step for a status line: "Requesting a token from …", "Refreshing …".
    void progress(const QString &step);

private:
    struct Waiter
    {
        QPointer<QObject> context;
        Done done;
    };
    struct Entry
    {
        std::optional<CachedToken> token;
        QList<Waiter> waiting;
        bool busy = false;
        quint64 generation = 0; // answers of a fetch that clear() abandoned are ignored
    };

    QDateTime now() const;
    bool isFresh(const CachedToken &token) const;
    void start(const QString &key, const OAuth2Settings &settings);
    void obtain(const QString &key, const OAuth2Settings &settings);
    void refresh(const QString &key, const OAuth2Settings &settings, const CachedToken &old);
    void obtainWithCognito(const QString &key, const OAuth2Settings &settings);
    void obtainWithBrowser(const QString &key, const OAuth2Settings &settings);
    void finish(const QString &key, quint64 generation, const Result<CachedToken> &result);
    std::function<void(const Result<CachedToken> &)> finisher(const QString &key);

    HttpClient *m_http;
    QHash<QString, Entry> m_entries;
    std::function<QDateTime()> m_clock;
    std::function<void(const QUrl &)> m_opener;
    int m_authorizationTimeoutMs = 5 * 60 * 1000;
    quint64 m_lastGeneration = 0; // across entries, so a cleared and re-made entry never matches an old fetch
};

// One request sent with an OAuth2 token: the token from the manager, the request, and on a 401
// the token expired, renewed and the request sent once more — once, never in a loop. Reports
// finished() exactly once; cancel() reports a Cancelled error.
class AuthorizedSend : public QObject
{
    Q_OBJECT

public:
    AuthorizedSend(HttpClient *http, TokenManager *tokens, QObject *parent = nullptr);

    void start(const HttpClientRequest &request, const OAuth2Settings &resolved);
    void cancel();
    // The request as it went out last (with the token), for history and the raw view.
    HttpClientRequest sentRequest() const { return m_sent; }
    bool retried() const { return m_retried; }

Q_SIGNALS:
    void tokenReady(const Gatehouse::Core::OAuth2::CachedToken &token);
    void finished(const Gatehouse::Core::Result<Gatehouse::Core::HttpClientResponse> &result);

private:
    void authorizeAndSend();
    void done(const Result<HttpClientResponse> &result);

    HttpClient *m_http;
    QPointer<TokenManager> m_tokens;
    HttpClientRequest m_request;
    HttpClientRequest m_sent;
    OAuth2Settings m_settings;
    QPointer<HttpJob> m_job;
    bool m_retried = false;
    bool m_finished = false;
};

} // namespace Gatehouse::Core::OAuth2
