#include "target.h"

#include "core/aws/awsconfig.h"
#include "core/aws/credentialchain.h"
#include "core/aws/endpointresolver.h"
#include "core/aws/staticcredentialsprovider.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace Gatehouse::Core {

namespace {

struct TargetText
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::Target)
};

QString hostAndPort(const QUrl &url)
{
    if (url.port() < 0)
        return url.host();
    return url.host() + QLatin1Char(':') + QString::number(url.port());
}

const QString EmulatorRegion = QStringLiteral("us-east-1");
const QString EmulatorKey = QStringLiteral("test");

bool regionConfigured(const QProcessEnvironment &env)
{
    for (const QString &variable : {QStringLiteral("AWS_REGION"), QStringLiteral("AWS_DEFAULT_REGION")}) {
        if (!env.value(variable).trimmed().isEmpty())
            return true;
    }
    const Aws::AwsConfig config = Aws::AwsConfig::load(env);
    return !config.profile(Aws::effectiveProfileName(QString(), env)).value(QStringLiteral("region")).trimmed().isEmpty();
}

} // namespace

Target Target::emulator(const QUrl &baseUrl)
{
    Target target;
    target.m_kind = Kind::Emulator;
    target.m_endpoint = baseUrl;
    return target;
}

Target Target::awsProfile(const QString &profile, const QString &region)
{
    Target target;
    target.m_kind = Kind::AwsProfile;
    target.m_profile = profile;
    target.m_region = region;
    return target;
}

Target Target::custom(const QUrl &endpoint)
{
    Target target;
    target.m_kind = Kind::Custom;
    target.m_endpoint = endpoint;
    return target;
}

QString Target::describe() const
{
    switch (m_kind) {
    case Kind::Emulator:
        if (m_endpoint.isEmpty())
            return TargetText::tr("Emulator (not running)");
        return TargetText::tr("Emulator (%1)").arg(hostAndPort(m_endpoint));
    case Kind::AwsProfile:
        if (m_region.isEmpty())
            return TargetText::tr("AWS profile: %1 (no region)").arg(m_profile);
        return TargetText::tr("AWS profile: %1 (%2)").arg(m_profile, m_region);
    case Kind::Custom:
        return TargetText::tr("Custom: %1").arg(m_endpoint.toString());
    }
    return {};
}

Result<QString> Target::regionFor(const QProcessEnvironment &env) const
{
    switch (m_kind) {
    case Kind::Emulator:
        return EmulatorRegion;
    case Kind::AwsProfile:
        return Aws::resolveRegion(m_profile, env);
    case Kind::Custom:
        if (!regionConfigured(env))
            return EmulatorRegion; // what LocalStack and the SDKs' STS default to
        return Aws::resolveRegion(QString(), env);
    }
    return EmulatorRegion;
}

Result<QUrl> Target::endpointFor(const QString &service, const QString &region,
                                 const QProcessEnvironment &env) const
{
    switch (m_kind) {
    case Kind::Emulator:
        if (m_endpoint.isEmpty())
            return makeError(ErrorCode::InvalidArgument,
                             TargetText::tr("The emulator is not running: start it, or choose another target."));
        return m_endpoint;
    case Kind::Custom:
        if (m_endpoint.isEmpty())
            return makeError(ErrorCode::InvalidArgument, TargetText::tr("The custom target has no endpoint URL."));
        return m_endpoint;
    case Kind::AwsProfile:
        return Aws::resolveEndpoint(service, region, m_profile, env);
    }
    return m_endpoint;
}

std::unique_ptr<Aws::CredentialsProvider>
Target::makeCredentialsProvider(const QProcessEnvironment &env, Aws::RoleAssumer *assumer) const
{
    if (m_kind == Kind::Emulator) {
        Aws::Credentials keys;
        keys.accessKeyId = EmulatorKey;
        keys.secretAccessKey = EmulatorKey;
        keys.source = TargetText::tr("the emulator's default keys");
        return std::make_unique<Aws::StaticCredentialsProvider>(keys);
    }
    Aws::CredentialChainOptions options;
    options.profile = m_kind == Kind::AwsProfile ? m_profile : QString();
    options.environment = env;
    options.roleAssumer = assumer;
    return Aws::makeDefaultCredentialsChain(options);
}

QString Target::describeSigning(const QProcessEnvironment &env) const
{
    const Result<QString> region = regionFor(env);
    const QString where = region ? *region : TargetText::tr("no region");
    switch (m_kind) {
    case Kind::Emulator:
        return TargetText::tr("Emulator keys (%1) \u00b7 %2").arg(EmulatorKey, where);
    case Kind::AwsProfile:
        return TargetText::tr("Profile %1 \u00b7 %2").arg(m_profile, where);
    case Kind::Custom:
        return TargetText::tr("Default credentials chain \u00b7 %1 \u00b7 %2").arg(m_endpoint.toString(), where);
    }
    return {};
}

Result<QUrl> validateEndpoint(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return makeError(
            ErrorCode::InvalidArgument,
            TargetText::tr("Enter an endpoint URL, for example http://localhost:4566."));
    static const QRegularExpression schemePrefix(QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]*)://"));
    const QRegularExpressionMatch match = schemePrefix.match(trimmed);
    if (!match.hasMatch())
        return makeError(
            ErrorCode::InvalidArgument,
            TargetText::tr("Endpoint '%1' has no scheme: start it with http:// or https://")
                .arg(trimmed));
    const QString scheme = match.captured(1).toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return makeError(
            ErrorCode::InvalidArgument,
            TargetText::tr("Endpoint '%1' uses the scheme '%2': use http:// or https://")
                .arg(trimmed, scheme));
    static const QRegularExpression portSuffix(
        QStringLiteral("^[^/?#]*://[^/?#]*:(\\d*)(?:[/?#]|$)"));
    const QRegularExpressionMatch port = portSuffix.match(trimmed);
    if (port.hasMatch() && !port.captured(1).isEmpty() &&
        (port.captured(1).size() > 5 || port.captured(1).toInt() < 1 ||
         port.captured(1).toInt() > 65535))
        return makeError(
            ErrorCode::InvalidArgument,
            TargetText::tr("Endpoint '%1' has the port %2: use a number from 1 to 65535.")
                .arg(trimmed, port.captured(1)));
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid())
        return makeError(
            ErrorCode::InvalidArgument,
            TargetText::tr(
                "Endpoint '%1' is not a valid URL: check for spaces or stray characters.")
                .arg(trimmed));
    if (url.host().isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         TargetText::tr("Endpoint '%1' has no host name.").arg(trimmed));
    if (url.hasQuery() || url.hasFragment())
        return makeError(
            ErrorCode::InvalidArgument,
            TargetText::tr("Endpoint '%1' must not have a query (?…) or fragment (#…).")
                .arg(trimmed));
    // Endpoints are saved in the settings; a password in one would land on disk.
    if (!url.userInfo().isEmpty())
        return makeError(
            ErrorCode::InvalidArgument,
            TargetText::tr("Endpoint '%1' carries a user name or password: remove it; endpoints "
                           "are saved in the settings, and credentials belong in a profile.")
                .arg(url.toString(QUrl::RemoveUserInfo)));
    return url;
}

} // namespace Gatehouse::Core
