#include "credentialchain.h"

#include "awsconfig.h"
#include "credentialprocess.h"
#include "endpointresolver.h"
#include "ssocredentials.h"
#include "core/httpclient.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QPointer>
#include <QProcess>
#include <QTimer>

#include <optional>

namespace Gatehouse::Core::Aws {

namespace {

struct ChainText
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::Aws::CredentialChain)
};

constexpr qint64 refreshMarginSeconds = 5 * 60;

Error chainError(const QString &message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

bool expiresSoon(const Credentials &credentials)
{
    return credentials.expiration.isValid()
           && QDateTime::currentDateTimeUtc().secsTo(credentials.expiration) <= refreshMarginSeconds;
}

bool hasStaticKeys(const AwsConfigSection &profile)
{
    return profile.has(QStringLiteral("aws_access_key_id"))
           || profile.has(QStringLiteral("aws_secret_access_key"));
}

Result<Credentials> environmentCredentials(const QProcessEnvironment &env)
{
    Credentials credentials;
    credentials.accessKeyId = env.value(QStringLiteral("AWS_ACCESS_KEY_ID"));
    credentials.secretAccessKey = env.value(QStringLiteral("AWS_SECRET_ACCESS_KEY"));
    credentials.sessionToken = env.value(QStringLiteral("AWS_SESSION_TOKEN"),
                                         env.value(QStringLiteral("AWS_SECURITY_TOKEN")));
    credentials.source = ChainText::tr("environment variables");
    if (credentials.accessKeyId.isEmpty() != credentials.secretAccessKey.isEmpty())
        return chainError(credentials.accessKeyId.isEmpty()
                              ? ChainText::tr("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not.")
                              : ChainText::tr("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not."));
    return credentials;
}

// One resolution of a profile, possibly through several profiles; kept alive by the
// callbacks that still need it.
class ProfileResolution : public std::enable_shared_from_this<ProfileResolution>
{
public:
    ProfileResolution(const CredentialChainOptions &options, AwsConfig config, QObject *owner,
                      std::function<HttpClient *()> http)
        : m_options(options)
        , m_config(std::move(config))
        , m_owner(owner)
        , m_http(std::move(http))
    {}

    const AwsConfig &config() const { return m_config; }
    bool dynamic() const { return m_dynamic; }

    // botocore's order: assume role (not for a source profile that has keys), IAM Identity
    // Center, keys in the credentials file, credential_process, keys in the config file.
    void resolveProfile(const QString &name, const QStringList &visited, CredentialsCallback done,
                        bool allowRole = true)
    {
        const AwsConfigSection profile = m_config.profile(name);
        if (allowRole && profile.has(QStringLiteral("role_arn")))
            return resolveRole(name, profile, visited, std::move(done));
        if (isSsoProfile(m_config, name))
            return resolveSso(name, std::move(done));
        if (hasStaticKeys(m_config.credentialsFileProfile(name)))
            return done(staticCredentials(name, m_config.credentialsFileProfile(name)));
        if (profile.has(QStringLiteral("credential_process"))) {
            m_dynamic = true;
            return runCredentialProcess(name, profile.value(QStringLiteral("credential_process")),
                                        m_options.environment, m_options.processTimeoutMs, m_owner,
                                        std::move(done));
        }
        if (hasStaticKeys(m_config.configFileProfile(name)))
            return done(staticCredentials(name, m_config.configFileProfile(name)));
        done(chainError(ChainText::tr("Profile '%1' has no credentials: add aws_access_key_id and "
                                      "aws_secret_access_key to [%1] in %2, or credential_process, "
                                      "role_arn with source_profile, or sso_session to it in %3.")
                            .arg(name, m_config.credentialsPath(), m_config.configPath())));
    }

private:
    Result<Credentials> staticCredentials(const QString &name, const AwsConfigSection &profile) const
    {
        Credentials credentials;
        credentials.accessKeyId = profile.value(QStringLiteral("aws_access_key_id")).trimmed();
        credentials.secretAccessKey = profile.value(QStringLiteral("aws_secret_access_key")).trimmed();
        credentials.sessionToken = profile.value(QStringLiteral("aws_session_token")).trimmed();
        credentials.source = ChainText::tr("profile '%1'").arg(name);
        if (!credentials.isComplete())
            return chainError(ChainText::tr("Profile '%1' has only one of aws_access_key_id and "
                                            "aws_secret_access_key; both are needed.").arg(name));
        return credentials;
    }

    void resolveSso(const QString &name, CredentialsCallback done)
    {
        m_dynamic = true;
        const Result<SsoProfileSettings> settings = ssoProfileSettings(m_config, name);
        if (!settings)
            return done(settings.error());
        const Result<QString> token = readSsoAccessToken(*settings, m_options.environment);
        if (!token)
            return done(token.error());
        const Result<QUrl> portal = resolveEndpoint(QStringLiteral("sso"), settings->region, name,
                                                    m_options.environment, m_config);
        if (!portal)
            return done(portal.error());
        fetchSsoRoleCredentials(*settings, *token, *portal, m_http(), m_owner, std::move(done));
    }

    void resolveRole(const QString &name, const AwsConfigSection &profile, QStringList visited,
                     CredentialsCallback done)
    {
        m_dynamic = true;
        if (!m_options.roleAssumer)
            return done(chainError(ChainText::tr("Profile '%1' assumes a role, but no STS client "
                                                 "was given to assume it.").arg(name)));
        if (profile.has(QStringLiteral("mfa_serial")))
            return done(chainError(ChainText::tr("Profile '%1' needs an MFA code (mfa_serial), "
                                                 "which Gatehouse cannot ask for yet.").arg(name)));
        const Result<AssumeRoleParams> params = roleParams(name, profile);
        if (!params)
            return done(params.error());
        auto self = shared_from_this();
        auto assume = [self, name, params = *params, done](const Result<Credentials> &source) {
            if (!source)
                return done(source.error());
            self->m_options.roleAssumer->assumeRole(
                *source, params, self->m_owner, [name, arn = params.roleArn, done](const Result<Credentials> &role) {
                    if (!role)
                        return done(role.error());
                    Credentials credentials = *role;
                    credentials.source = ChainText::tr("profile '%1' (assumed role %2)").arg(name, arn);
                    done(credentials);
                });
        };
        resolveSource(name, profile, std::move(visited), std::move(assume));
    }

    void resolveSource(const QString &name, const AwsConfigSection &profile, QStringList visited,
                       CredentialsCallback done)
    {
        const QString source = profile.value(QStringLiteral("source_profile")).trimmed();
        const QString credentialSource = profile.value(QStringLiteral("credential_source")).trimmed();
        if (!source.isEmpty() && !credentialSource.isEmpty())
            return done(chainError(ChainText::tr("Profile '%1' sets both source_profile and "
                                                 "credential_source; keep one.").arg(name)));
        if (!credentialSource.isEmpty())
            return done(credentialSourceCredentials(name, credentialSource));
        if (source.isEmpty())
            return done(chainError(ChainText::tr("Profile '%1' has role_arn but neither source_profile "
                                                 "nor credential_source.").arg(name)));
        if (!m_config.hasProfile(source))
            return done(chainError(ChainText::tr("Profile '%1' names source_profile '%2', which is "
                                                 "not in %3 or %4.")
                                       .arg(name, source, m_config.configPath(), m_config.credentialsPath())));
        const AwsConfigSection sourceProfile = m_config.profile(source);
        if (visited.contains(source) && (source != name || !hasStaticKeys(sourceProfile)))
            return done(chainError(ChainText::tr("The source_profile chain of profile '%1' loops: %2.")
                                       .arg(visited.first(), (visited + QStringList{source}).join(QLatin1String(" -> ")))));
        visited.append(source);
        resolveProfile(source, visited, std::move(done), !hasStaticKeys(sourceProfile));
    }

    Result<Credentials> credentialSourceCredentials(const QString &name, const QString &credentialSource) const
    {
        if (credentialSource != QLatin1String("Environment"))
            return chainError(ChainText::tr("Profile '%1' has credential_source = %2; Gatehouse "
                                            "supports only Environment (Ec2InstanceMetadata and "
                                            "EcsContainer need an AWS host).").arg(name, credentialSource));
        Result<Credentials> credentials = environmentCredentials(m_options.environment);
        if (credentials && !credentials->isComplete())
            return chainError(ChainText::tr("Profile '%1' has credential_source = Environment, but "
                                            "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set.").arg(name));
        return credentials;
    }

    Result<AssumeRoleParams> roleParams(const QString &name, const AwsConfigSection &profile) const
    {
        AssumeRoleParams params;
        params.roleArn = profile.value(QStringLiteral("role_arn")).trimmed();
        params.roleSessionName = profile.value(QStringLiteral("role_session_name")).trimmed();
        if (params.roleSessionName.isEmpty())
            params.roleSessionName = QStringLiteral("gatehouse-session-%1")
                                         .arg(QDateTime::currentSecsSinceEpoch());
        params.externalId = profile.value(QStringLiteral("external_id")).trimmed();
        const QString duration = profile.value(QStringLiteral("duration_seconds")).trimmed();
        if (!duration.isEmpty()) {
            bool ok = false;
            params.durationSeconds = duration.toInt(&ok);
            if (!ok || params.durationSeconds < 900 || params.durationSeconds > 43200)
                return chainError(ChainText::tr("Profile '%1' has duration_seconds = %2; STS accepts "
                                                "900 to 43200 seconds.").arg(name, duration));
        }
        const Result<QString> region = resolveRegion(name, m_options.environment, m_config);
        params.region = region ? *region : QStringLiteral("us-east-1"); // botocore's STS fallback
        const Result<QUrl> endpoint = resolveEndpoint(QStringLiteral("sts"), params.region, name,
                                                      m_options.environment, m_config);
        if (!endpoint)
            return endpoint.error();
        params.endpoint = *endpoint;
        return params;
    }

    CredentialChainOptions m_options;
    AwsConfig m_config;
    QObject *m_owner;
    std::function<HttpClient *()> m_http; // made on first use: only SSO profiles need it
    bool m_dynamic = false;
};

class DefaultCredentialsChain final : public CredentialsProvider
{
public:
    explicit DefaultCredentialsChain(const CredentialChainOptions &options)
        : m_options(options)
        , m_owner(std::make_unique<QObject>())
    {}

    // A credential_process still running is stopped and left to finish on its own, so that
    // neither a report nor QProcess's blocking destructor reaches a chain that is gone.
    ~DefaultCredentialsChain() override
    {
        for (QProcess *process : m_owner->findChildren<QProcess *>(Qt::FindDirectChildrenOnly)) {
            if (process->state() == QProcess::NotRunning)
                continue;
            qDeleteAll(process->findChildren<QTimer *>());
            process->disconnect();
            process->setParent(nullptr);
            QObject::connect(process, &QProcess::finished, process, &QObject::deleteLater);
            process->kill();
        }
    }

    void resolve(QObject *context, CredentialsCallback done) override
    {
        if (m_cached && !expiresSoon(*m_cached)) {
            deliver(context, done, *m_cached);
            return;
        }
        m_waiting.append({QPointer<QObject>(context), std::move(done)});
        if (m_resolving)
            return;
        m_resolving = true;
        resolveFresh();
    }

    QString describe() const override
    {
        if (!m_options.profile.isEmpty())
            return ChainText::tr("profile '%1'").arg(m_options.profile);
        return ChainText::tr("default credentials chain (environment, then profile '%1')")
            .arg(effectiveProfileName(QString(), m_options.environment));
    }

private:
    static void deliver(QObject *context, const CredentialsCallback &done, const Result<Credentials> &result)
    {
        if (!context)
            return;
        QMetaObject::invokeMethod(context, [done, result] { done(result); }, Qt::QueuedConnection);
    }

    void resolveFresh()
    {
        if (m_options.profile.isEmpty()) {
            const Result<Credentials> fromEnvironment = environmentCredentials(m_options.environment);
            if (!fromEnvironment || fromEnvironment->isComplete())
                return finish(fromEnvironment, false);
        }
        const QString name = effectiveProfileName(m_options.profile, m_options.environment);
        auto http = [this] {
            if (!m_http)
                m_http = new HttpClient(m_owner.get());
            return m_http;
        };
        auto resolution = std::make_shared<ProfileResolution>(
            m_options, AwsConfig::load(m_options.environment), m_owner.get(), http);
        if (!resolution->config().hasProfile(name))
            return finish(missingProfile(name, resolution->config()), false);
        resolution->resolveProfile(name, {name}, [this, resolution](const Result<Credentials> &result) {
            finish(result, resolution->dynamic());
        });
    }

    Error missingProfile(const QString &name, const AwsConfig &config) const
    {
        const bool named = !m_options.profile.isEmpty()
                           || !m_options.environment.value(QStringLiteral("AWS_PROFILE")).isEmpty();
        QString message = named
            ? ChainText::tr("The profile '%1' is not in %2 or %3.")
                  .arg(name, config.configPath(), config.credentialsPath())
            : ChainText::tr("No AWS credentials found: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, "
                            "or add keys to profile '%1' in %2, or credential_process, role_arn or "
                            "sso_session to it in %3.")
                  .arg(name, config.credentialsPath(), config.configPath());
        if (!config.problems().isEmpty())
            message += QLatin1Char(' ') + config.problems().first().message;
        return chainError(message);
    }

    void finish(const Result<Credentials> &result, bool cacheable)
    {
        m_resolving = false;
        if (result && cacheable && !expiresSoon(*result))
            m_cached = *result;
        else
            m_cached.reset();
        const auto waiting = std::exchange(m_waiting, {});
        for (const auto &[context, done] : waiting)
            deliver(context.data(), done, result);
    }

    CredentialChainOptions m_options;
    std::unique_ptr<QObject> m_owner; // parent of processes and the HTTP client
    HttpClient *m_http = nullptr;
    std::optional<Credentials> m_cached;
    QList<std::pair<QPointer<QObject>, CredentialsCallback>> m_waiting;
    bool m_resolving = false;
};

} // namespace

std::unique_ptr<CredentialsProvider> makeDefaultCredentialsChain(const CredentialChainOptions &options)
{
    return std::make_unique<DefaultCredentialsChain>(options);
}

} // namespace Gatehouse::Core::Aws
