#pragma once

#include "core/aws/credentialsprovider.h"
#include "core/aws/sigv4.h"
#include "core/httpclient.h"
#include "core/requestspec.h"
#include "core/result.h"
#include "core/target.h"

#include <QDateTime>
#include <QObject>
#include <QProcessEnvironment>

#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace Gatehouse::Core::Aws {

// Where and how to sign, once service and region are settled.
struct SigningScope
{
    QString service;
    QString region;
    bool unsignedPayload = false;
};

// A request ready to send, with every SigV4 stage that produced it.
struct SignedRequest
{
    HttpClientRequest request;
    SigV4Signature signature;
    SigningScope scope;
    QString credentialsSource; // for people: where the keys came from (never the keys)
    QByteArray accessKeyId;
};

// The Host value an HTTP client sends for url: host, plus ":port" unless it is the scheme's default.
QByteArray hostHeaderFor(const QUrl &url);

// Service and region from auth, else guessed from the URL's host, else (region only) the SDK's
// region resolution for auth.profile in environment when one is given; an error in words
// when nothing says.
Result<SigningScope> signingScopeFor(const QUrl &url, const RequestAuth &auth,
                                     const QProcessEnvironment *environment = nullptr);

// Signs request in place with SigV4 headers (Authorization, X-Amz-Date, X-Amz-Security-Token,
// x-amz-content-sha256 for an unsigned payload) at time.
Result<SigV4Signature> signClientRequest(HttpClientRequest &request, const Credentials &credentials,
                                         const SigningScope &scope, const QDateTime &time);
// Presigns request in place: its URL gets the X-Amz-* query, valid for expiresSeconds.
Result<SigV4Signature> presignClientRequest(HttpClientRequest &request, const Credentials &credentials,
                                            const SigningScope &scope, const QDateTime &time,
                                            int expiresSeconds);

// The credentials provider auth asks for: typed keys, the SDK default chain for a profile, or
// (source Target) target's provider — the emulator's keys when target is null.
std::unique_ptr<CredentialsProvider> makeCredentialsProvider(const RequestAuth &auth,
                                                             const QProcessEnvironment &environment,
                                                             RoleAssumer *roleAssumer,
                                                             const Target *target = nullptr);

// Applies a RequestSpec's auth at send time: resolves credentials without blocking (keeping
// the provider, so profile credentials are cached and refreshed), then signs with SigV4.
class RequestAuthorizer : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(const Result<SignedRequest> &)>;

    explicit RequestAuthorizer(QObject *parent = nullptr);
    ~RequestAuthorizer() override;

    void setEnvironment(const QProcessEnvironment &environment);
    QProcessEnvironment environment() const { return m_environment; }
    void setRoleAssumer(RoleAssumer *assumer) { m_roleAssumer = assumer; }
    // Signing time; invalid (the default) means the clock at signing.
    void setFixedTime(const QDateTime &time) { m_fixedTime = time; }
    // Where source Target takes its credentials, and its region when the host names none (a
    // loopback host names none).
    void setTarget(const Target &target);
    Target target() const { return m_target; }

    // Reports exactly once, later, on this object's thread. auth.kind must be AwsSigV4.
    void authorize(const HttpClientRequest &request, const RequestAuth &auth, Done done);

private:
    CredentialsProvider *profileProvider(const QString &profile);
    CredentialsProvider *targetProvider();
    Result<SigningScope> scopeFor(const QUrl &url, const RequestAuth &auth) const;
    void retireProviders();

    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
    RoleAssumer *m_roleAssumer = nullptr;
    QDateTime m_fixedTime;
    Target m_target;
    std::unique_ptr<CredentialsProvider> m_targetProvider;
    // One chain per profile, kept so its credentials stay cached and refresh themselves; chains
    // made for an earlier environment are retired, not deleted, as a resolve may be pending.
    std::vector<std::pair<QString, std::unique_ptr<CredentialsProvider>>> m_profiles;
    std::vector<std::pair<QString, std::unique_ptr<CredentialsProvider>>> m_retired;
};

} // namespace Gatehouse::Core::Aws
