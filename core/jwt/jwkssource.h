#pragma once

#include "jwkset.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <functional>

namespace Gatehouse::Core {
class HttpClient;
}

namespace Gatehouse::Core::Jwt {

// The handle of one key lookup: cancel it, or wait for its single finished() result.
class KeyLookup : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    void cancel();
    bool isFinished() const { return m_done; }

Q_SIGNALS:
    void finished(const Gatehouse::Core::Result<Gatehouse::Core::Jwt::Jwk> &key);

private:
    friend class JwksSource;
    void finish(const Result<Jwk> &key);
    bool m_done = false;
};

// Where a verifier's keys come from when they are published: a JWKS URL, given directly or
// found by OpenID Connect discovery (<issuer>/.well-known/openid-configuration → jwks_uri).
// The set is fetched with HttpClient and cached for Cache-Control max-age (10 minutes when the
// server says nothing). A token whose kid is not in the cached set triggers one refetch (key
// rotation), at most once per minRefetchInterval, so unknown kids cannot make us hammer the
// issuer. Lookups that arrive during a fetch wait for it. A URL that cannot be fetched (no
// scheme, no host, not http or https) fails the lookup at once, and every request is bounded
// by timeout().
class JwksSource : public QObject
{
    Q_OBJECT

public:
    explicit JwksSource(HttpClient *client, QObject *parent = nullptr);

    // A JWKS file on disk, read at once (for tests and offline use).
    static Result<JwkSet> readFile(const QString &path);

    void setJwksUrl(const QUrl &url);
    void setIssuer(const QUrl &issuer); // discovery: jwks_uri from the issuer's configuration
    QUrl jwksUrl() const { return m_jwksUrl; }

    void setMinRefetchInterval(std::chrono::seconds interval) { m_minRefetch = interval; }
    // For each request (the discovery document and the key set): no answer in time fails it.
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    std::chrono::milliseconds timeout() const { return m_timeout; }
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    // The key for a token with this header; finished() comes later, never during this call.
    KeyLookup *lookup(const JoseHeader &header);

    int fetchCount() const { return m_fetches; }
    QDateTime cacheExpiry() const { return m_expiry; }

private:
    struct Pending
    {
        QPointer<KeyLookup> job;
        JoseHeader header;
    };

    QDateTime now() const;
    void fetch();
    void fetchJwks();
    void onJwks(const Result<QByteArray> &body, const QByteArray &cacheControl);
    void failAll(const Error &error);
    void failSoon(const Error &error);
    void answer(KeyLookup *job, const JoseHeader &header);
    void get(const QUrl &url, std::function<void(Result<QByteArray>, QByteArray)> done);

    HttpClient *m_client;
    QUrl m_issuer;
    QUrl m_jwksUrl;
    JwkSet m_keys;
    bool m_haveKeys = false;
    bool m_fetching = false;
    QDateTime m_expiry;
    QDateTime m_lastFetch;
    std::chrono::seconds m_minRefetch{60};
    std::chrono::milliseconds m_timeout{10000};
    std::function<QDateTime()> m_clock;
    QList<Pending> m_pending;
    int m_fetches = 0;
};

} // namespace Gatehouse::Core::Jwt
