#include "requestauthorizer.h"

#include "core/aws/credentialchain.h"
#include "core/aws/endpointresolver.h"
#include "core/aws/serviceguess.h"
#include "core/aws/sigv4signer.h"
#include "core/aws/staticcredentialsprovider.h"

#include <QPointer>

namespace Gatehouse::Core::Aws {

namespace {

SigV4Request sigV4RequestFor(const HttpClientRequest &request, const SigningScope &scope, const QDateTime &time)
{
    SigV4Request out;
    out.method = request.method;
    out.path = request.url.path(QUrl::FullyEncoded).toUtf8();
    if (out.path.isEmpty())
        out.path = "/";
    out.query = request.url.query(QUrl::FullyEncoded).toUtf8();
    out.headers = request.headers;
    if (!out.headers.contains("host"))
        out.headers.add("Host", hostHeaderFor(request.url));
    out.payload = request.body;
    out.service = scope.service;
    out.region = scope.region;
    out.time = time.isValid() ? time : QDateTime::currentDateTimeUtc();
    out.flags = SigV4Flags::forService(scope.service);
    if (scope.unsignedPayload) {
        out.payloadKind = SigV4Payload::Unsigned;
        out.flags.signedBodyHeader = true; // tells the server what was signed
    }
    return out;
}

Credentials typedCredentials(const RequestAuth &auth)
{
    Credentials credentials;
    credentials.accessKeyId = auth.accessKeyId.trimmed();
    credentials.secretAccessKey = auth.secretAccessKey.trimmed();
    if (auth.source == AwsCredentialSource::TemporaryCredentials)
        credentials.sessionToken = auth.sessionToken.trimmed();
    return credentials;
}

} // namespace

QByteArray hostHeaderFor(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toUtf8();
    if (host.contains(':'))
        host = '[' + host + ']';
    const int defaultPort = url.scheme() == QLatin1String("https") ? 443 : 80;
    if (url.port() != -1 && url.port() != defaultPort)
        host += ':' + QByteArray::number(url.port());
    return host;
}

Result<SigningScope> signingScopeFor(const QUrl &url, const RequestAuth &auth, const QProcessEnvironment *environment)
{
    const ServiceGuess guess = guessService(url);
    SigningScope scope;
    scope.service = auth.service.trimmed().isEmpty() ? guess.service : auth.service.trimmed();
    scope.region = auth.region.trimmed().isEmpty() ? guess.region : auth.region.trimmed();
    scope.unsignedPayload = auth.unsignedPayload;
    if (scope.region.isEmpty() && environment) {
        const QString profile = auth.source == AwsCredentialSource::Profile ? auth.profile : QString();
        if (const Result<QString> configured = resolveRegion(profile, *environment))
            scope.region = *configured;
    }
    if (scope.service.isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Cannot tell which AWS service '%1' belongs to: set the signing service "
                                        "(e.g. execute-api, lambda, appsync).").arg(url.host()));
    if (scope.region.isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Cannot tell the AWS region of '%1': set the signing region (e.g. us-east-1).")
                             .arg(url.host()));
    return scope;
}

Result<SigV4Signature> signClientRequest(HttpClientRequest &request, const Credentials &credentials,
                                         const SigningScope &scope, const QDateTime &time)
{
    SigV4Signer signer(credentials);
    Result<SigV4Signature> signature = signer.signHeaders(sigV4RequestFor(request, scope, time));
    if (signature)
        applySigV4Headers(request.headers, *signature);
    return signature;
}

Result<SigV4Signature> presignClientRequest(HttpClientRequest &request, const Credentials &credentials,
                                            const SigningScope &scope, const QDateTime &time,
                                            int expiresSeconds)
{
    SigV4Signer signer(credentials);
    Result<SigV4Signature> signature = signer.presign(sigV4RequestFor(request, scope, time), expiresSeconds);
    if (signature)
        request.url.setQuery(QString::fromUtf8(signature->query), QUrl::StrictMode);
    return signature;
}

std::unique_ptr<CredentialsProvider> makeCredentialsProvider(const RequestAuth &auth,
                                                             const QProcessEnvironment &environment,
                                                             RoleAssumer *roleAssumer,
                                                             const Target *target)
{
    if (auth.source == AwsCredentialSource::Target)
        return (target ? *target : Target()).makeCredentialsProvider(environment, roleAssumer);
    if (auth.source != AwsCredentialSource::Profile)
        return std::make_unique<StaticCredentialsProvider>(typedCredentials(auth));
    CredentialChainOptions options;
    options.profile = auth.profile.trimmed();
    options.environment = environment;
    options.roleAssumer = roleAssumer;
    return makeDefaultCredentialsChain(options);
}

RequestAuthorizer::RequestAuthorizer(QObject *parent)
    : QObject(parent)
{}

RequestAuthorizer::~RequestAuthorizer() = default;

void RequestAuthorizer::setEnvironment(const QProcessEnvironment &environment)
{
    m_environment = environment;
    retireProviders();
}

void RequestAuthorizer::setTarget(const Target &target)
{
    if (target == m_target)
        return;
    m_target = target;
    if (m_targetProvider)
        m_retired.emplace_back(QString(), std::move(m_targetProvider));
}

void RequestAuthorizer::retireProviders()
{
    m_retired.insert(m_retired.end(), std::make_move_iterator(m_profiles.begin()),
                     std::make_move_iterator(m_profiles.end()));
    m_profiles.clear();
    if (m_targetProvider)
        m_retired.emplace_back(QString(), std::move(m_targetProvider));
}

CredentialsProvider *RequestAuthorizer::targetProvider()
{
    if (!m_targetProvider)
        m_targetProvider = m_target.makeCredentialsProvider(m_environment, m_roleAssumer);
    return m_targetProvider.get();
}

CredentialsProvider *RequestAuthorizer::profileProvider(const QString &profile)
{
    for (const auto &[name, provider] : m_profiles) {
        if (name == profile)
            return provider.get();
    }
    RequestAuth auth;
    auth.profile = profile;
    m_profiles.emplace_back(profile, makeCredentialsProvider(auth, m_environment, m_roleAssumer));
    return m_profiles.back().second.get();
}

Result<SigningScope> RequestAuthorizer::scopeFor(const QUrl &url, const RequestAuth &auth) const
{
    // A loopback host's us-east-1 is only the emulator's assumption: the target knows better.
    const ServiceGuess guess = guessService(url);
    if (auth.source != AwsCredentialSource::Target || !auth.region.trimmed().isEmpty() ||
        (!guess.region.isEmpty() && !guess.emulator))
        return signingScopeFor(url, auth, &m_environment);
    const Result<QString> region = m_target.regionFor(m_environment);
    if (!region)
        return region.error();
    RequestAuth withRegion = auth;
    withRegion.region = *region;
    return signingScopeFor(url, withRegion, &m_environment);
}

void RequestAuthorizer::authorize(const HttpClientRequest &request, const RequestAuth &auth, Done done)
{
    const Result<SigningScope> scope = scopeFor(request.url, auth);
    if (!scope) {
        QMetaObject::invokeMethod(
            this, [done, error = scope.error()] { done(error); }, Qt::QueuedConnection);
        return;
    }
    // Typed keys report from a copy, so their provider (and the secret) goes right away.
    const bool typedKeys = auth.source == AwsCredentialSource::AccessKeys ||
                           auth.source == AwsCredentialSource::TemporaryCredentials;
    const std::unique_ptr<CredentialsProvider> typed =
        typedKeys ? makeCredentialsProvider(auth, m_environment, nullptr) : nullptr;
    CredentialsProvider *provider = typed                                       ? typed.get()
                                    : auth.source == AwsCredentialSource::Target ? targetProvider()
                                                                                 : profileProvider(auth.profile.trimmed());
    const QString source = provider->describe();
    provider->resolve(this, [this, request, scope = *scope, source, done](const Result<Credentials> &credentials) {
        if (!credentials) {
            done(credentials.error());
            return;
        }
        SignedRequest out;
        out.request = request;
        out.scope = scope;
        out.credentialsSource = credentials->source.isEmpty() ? source : credentials->source;
        out.accessKeyId = credentials->accessKeyId.toUtf8();
        const Result<SigV4Signature> signature = signClientRequest(out.request, *credentials, scope, m_fixedTime);
        if (!signature) {
            done(signature.error());
            return;
        }
        out.signature = *signature;
        done(out);
    });
}

} // namespace Gatehouse::Core::Aws
