#include "jwkssource.h"

#include "jwterror.h"
#include "strictjson.h"

#include "core/httpclient.h"

#include <QFile>
#include <QRegularExpression>
#include <QTimer>

namespace Gatehouse::Core::Jwt {

namespace {

constexpr qint64 DefaultMaxAgeSeconds = 600;
constexpr qsizetype MaxDocumentBytes = 1024 * 1024;

Error unavailable(const QString &message, ErrorCode code = ErrorCode::InvalidArgument)
{
    Error e = jwtError(Reason::JwksUnavailable, message);
    e.code = code;
    return e;
}

qint64 maxAge(const QByteArray &cacheControl)
{
    const QString value = QString::fromLatin1(cacheControl).toLower();
    if (value.contains(QLatin1String("no-store")) || value.contains(QLatin1String("no-cache")))
        return 0;
    static const QRegularExpression re(QStringLiteral("max-age\\s*=\\s*\"?(\\d+)"));
    const QRegularExpressionMatch m = re.match(value);
    return m.hasMatch() ? m.captured(1).toLongLong() : DefaultMaxAgeSeconds;
}

// Empty when the URL can be fetched; otherwise what is wrong with it, to follow "The JWKS URL".
QString urlProblem(const QUrl &url)
{
    if (!url.isValid())
        return QStringLiteral("is not a valid URL (%1)").arg(url.errorString());
    const QString quoted = QLatin1Char('"') + url.toString() + QLatin1Char('"');
    if (url.scheme().isEmpty())
        return QStringLiteral("%1 is relative: it has no scheme such as https://").arg(quoted);
    if (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))
        return QStringLiteral("%1 uses the scheme \"%2\"; keys are fetched over https or http only")
            .arg(quoted, url.scheme());
    if (url.host().isEmpty())
        return QStringLiteral("%1 has no host").arg(quoted);
    return {};
}

Error badUrl(const QString &what, const QString &problem, const QString &advice)
{
    return unavailable(QStringLiteral("The %1 %2. %3").arg(what, problem, advice));
}

} // namespace

void KeyLookup::cancel()
{
    if (!m_done)
        finish(makeError(ErrorCode::Cancelled, QStringLiteral("The key lookup was cancelled.")));
}

void KeyLookup::finish(const Result<Jwk> &key)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(key);
    deleteLater();
}

JwksSource::JwksSource(HttpClient *client, QObject *parent) : QObject(parent), m_client(client) {}

Result<JwkSet> JwksSource::readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Error e = unavailable(QStringLiteral("Could not read the key set %1: %2.")
                                  .arg(path, file.errorString()),
                              ErrorCode::Io);
        return e;
    }
    return JwkSet::fromJson(file.read(MaxDocumentBytes));
}

void JwksSource::setJwksUrl(const QUrl &url)
{
    m_jwksUrl = url;
    m_haveKeys = false;
}

void JwksSource::setIssuer(const QUrl &issuer)
{
    m_issuer = issuer;
    m_jwksUrl.clear();
    m_haveKeys = false;
}

QDateTime JwksSource::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

KeyLookup *JwksSource::lookup(const JoseHeader &header)
{
    auto *job = new KeyLookup(this);
    const bool fresh = m_haveKeys && now() < m_expiry;
    const bool unknownKid = !header.kid.isEmpty() && !m_keys.hasKid(header.kid);
    const bool mayRefetch = !m_lastFetch.isValid() ||
                            m_lastFetch.secsTo(now()) >= qint64(m_minRefetch.count());
    if (m_fetching || !fresh || (unknownKid && mayRefetch)) {
        m_pending.append({job, header});
        if (!m_fetching)
            fetch();
        return job;
    }
    QTimer::singleShot(0, job, [this, job, header] { answer(job, header); });
    return job;
}

void JwksSource::answer(KeyLookup *job, const JoseHeader &header)
{
    Result<Jwk> key = m_keys.select(header);
    if (!key && reasonOf(key.error()) == Reason::KeyNotFound) {
        Error e = key.error();
        e.message += QStringLiteral(" The set was fetched from %1 %2 s ago; Gatehouse refetches "
                                    "it for an unknown kid at most every %3 s.")
                         .arg(m_jwksUrl.toDisplayString())
                         .arg(m_lastFetch.secsTo(now()))
                         .arg(m_minRefetch.count());
        key = e;
    }
    job->finish(key);
}

void JwksSource::get(const QUrl &url, std::function<void(Result<QByteArray>, QByteArray)> done)
{
    HttpClientRequest request;
    request.url = url;
    request.headers.add("Accept", "application/json");
    request.timeoutMs = int(m_timeout.count());
    HttpJob *job = m_client->send(request);
    connect(job, &HttpJob::finished, this, [url, done](const Result<HttpClientResponse> &r) {
        const QString where = url.toDisplayString();
        if (!r) {
            done(unavailable(QStringLiteral("Could not fetch %1: %2").arg(where, r.error().message),
                             r.error().code),
                 {});
            return;
        }
        if (r->status != 200) {
            done(unavailable(QStringLiteral("%1 answered HTTP %2 %3 instead of the key set.")
                                 .arg(where)
                                 .arg(r->status)
                                 .arg(QString::fromLatin1(r->reason))),
                 {});
            return;
        }
        if (r->body.size() > MaxDocumentBytes) {
            done(unavailable(QStringLiteral("%1 sent %2 bytes; a key set over 1 MB is refused.")
                                 .arg(where)
                                 .arg(r->body.size())),
                 {});
            return;
        }
        done(r->body, r->headers.value("Cache-Control"));
    });
}

void JwksSource::fetch()
{
    m_fetching = true;
    ++m_fetches;
    m_lastFetch = now();
    if (!m_jwksUrl.isEmpty() || m_issuer.isEmpty()) {
        fetchJwks();
        return;
    }
    if (const QString problem = urlProblem(m_issuer); !problem.isEmpty()) {
        failSoon(
            badUrl(QStringLiteral("issuer URL"), problem,
                   QStringLiteral("Give the issuer as the token's iss claim names it, such as "
                                  "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example; "
                                  "its keys are found through "
                                  "<issuer>/.well-known/openid-configuration.")));
        return;
    }
    QUrl configuration = m_issuer;
    QString path = configuration.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    configuration.setPath(path + QStringLiteral("/.well-known/openid-configuration"));
    get(configuration, [this, configuration](const Result<QByteArray> &body, const QByteArray &) {
        if (!body) {
            failAll(body.error());
            return;
        }
        const QString where = configuration.toDisplayString();
        Result<QJsonObject> document =
            parseJsonObject(*body, QStringLiteral("The OpenID configuration at %1").arg(where));
        if (!document) {
            failAll(unavailable(document.error().message));
            return;
        }
        const QString issuer = document->value(QLatin1String("issuer")).toString();
        const QUrl jwks(document->value(QLatin1String("jwks_uri")).toString());
        if (issuer != m_issuer.toString()) {
            failAll(unavailable(QStringLiteral("The OpenID configuration at %1 names the issuer "
                                               "\"%2\", not \"%3\" (OpenID Discovery §4.3).")
                                    .arg(where, issuer, m_issuer.toString())));
            return;
        }
        if (const QString problem = urlProblem(jwks); !problem.isEmpty()) {
            failAll(unavailable(QStringLiteral("The OpenID configuration at %1 has no usable "
                                               "\"jwks_uri\": the JWKS URL %2.")
                                    .arg(where, problem)));
            return;
        }
        m_jwksUrl = jwks;
        fetchJwks();
    });
}

void JwksSource::fetchJwks()
{
    if (m_jwksUrl.isEmpty()) {
        failSoon(unavailable(
            QStringLiteral("No JWKS URL or issuer is set, so there are no keys. "
                           "Set the JWKS URL, such as https://host/.well-known/jwks.json, "
                           "or the issuer.")));
        return;
    }
    if (const QString problem = urlProblem(m_jwksUrl); !problem.isEmpty()) {
        failSoon(badUrl(QStringLiteral("JWKS URL"), problem,
                        QStringLiteral("Give the full address of the key set, such as "
                                       "https://host/.well-known/jwks.json.")));
        return;
    }
    get(m_jwksUrl, [this](const Result<QByteArray> &body, const QByteArray &cacheControl) {
        onJwks(body, cacheControl);
    });
}

void JwksSource::onJwks(const Result<QByteArray> &body, const QByteArray &cacheControl)
{
    if (!body) {
        failAll(body.error());
        return;
    }
    Result<JwkSet> keys = JwkSet::fromJson(*body);
    if (!keys) {
        failAll(unavailable(QStringLiteral("%1 (from %2)")
                                .arg(keys.error().message, m_jwksUrl.toDisplayString())));
        return;
    }
    m_keys = std::move(keys).value();
    m_haveKeys = true;
    m_expiry = now().addSecs(maxAge(cacheControl));
    m_fetching = false;
    const QList<Pending> pending = std::exchange(m_pending, {});
    for (const Pending &p : pending) {
        if (p.job)
            answer(p.job, p.header);
    }
}

// For failures found before any request: lookup() never reports during the call.
void JwksSource::failSoon(const Error &error)
{
    QTimer::singleShot(0, this, [this, error] { failAll(error); });
}

void JwksSource::failAll(const Error &error)
{
    m_fetching = false;
    const QList<Pending> pending = std::exchange(m_pending, {});
    for (const Pending &p : pending) {
        if (p.job)
            p.job->finish(error);
    }
}

} // namespace Gatehouse::Core::Jwt
