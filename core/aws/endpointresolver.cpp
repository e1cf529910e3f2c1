#include "endpointresolver.h"

#include "awsconfig.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace Gatehouse::Core::Aws {

namespace {

struct EndpointText
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::Aws::EndpointResolver)
};

// Partitions and region patterns as in botocore's data/endpoints.json.
struct PartitionData
{
    const char *name;
    const char *dnsSuffix;
    const char *regionRegex;
    const char *examples;
};

constexpr PartitionData partitions[] = {
    {"aws", "amazonaws.com", "^(us|eu|ap|sa|ca|me|af|il|mx)\\-\\w+\\-\\d+$", "us-east-1, eu-west-1, ap-southeast-2"},
    {"aws-cn", "amazonaws.com.cn", "^cn\\-\\w+\\-\\d+$", "cn-north-1, cn-northwest-1"},
    {"aws-us-gov", "amazonaws.com", "^us\\-gov\\-\\w+\\-\\d+$", "us-gov-west-1, us-gov-east-1"},
};

// serviceId is the SDKs' service id (AWS_ENDPOINT_URL_<ID upper-cased, spaces as '_'>, and the
// key in a [services] section lower-cased); hostPrefix the endpoint prefix before the region.
struct ServiceData
{
    const char *name;
    const char *serviceId;
    const char *hostPrefix;
    const char *scheme;
};

constexpr ServiceData services[] = {
    {"lambda", "Lambda", "lambda", "https"},
    {"execute-api", "ApiGatewayManagementApi", "execute-api", "https"},
    {"appsync-api", "AppSync", "appsync-api", "https"},
    {"appsync-realtime-api", "AppSync", "appsync-realtime-api", "wss"},
    {"cognito-idp", "Cognito Identity Provider", "cognito-idp", "https"},
    {"cognito-identity", "Cognito Identity", "cognito-identity", "https"},
    {"sts", "STS", "sts", "https"},
    {"sso", "SSO", "portal.sso", "https"},
};

const ServiceData *findService(const QString &name)
{
    for (const ServiceData &service : services) {
        if (name == QLatin1String(service.name))
            return &service;
    }
    return nullptr;
}

QString serviceIdKey(const ServiceData &service)
{
    return QString::fromLatin1(service.serviceId).replace(QLatin1Char(' '), QLatin1Char('_'));
}

bool isTrue(const QString &value)
{
    return value.trimmed().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

bool ignoreConfiguredEndpoints(const AwsConfigSection &profile, const QProcessEnvironment &env)
{
    const QString fromEnvironment = env.value(QStringLiteral("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"));
    if (!fromEnvironment.isEmpty())
        return isTrue(fromEnvironment);
    return isTrue(profile.value(QStringLiteral("ignore_configured_endpoint_urls")));
}

Result<QUrl> parseEndpointUrl(const QString &text, const QString &origin)
{
    static const QRegularExpression withScheme(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*://"));
    const QString trimmed = text.trimmed();
    if (!withScheme.match(trimmed).hasMatch())
        return makeError(ErrorCode::InvalidArgument,
                         EndpointText::tr("The endpoint URL '%1' from %2 has no scheme: write it "
                                          "as https://%1 or http://%1.")
                             .arg(trimmed, origin));
    const QUrl url(trimmed, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty()
        || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return makeError(ErrorCode::InvalidArgument,
                         EndpointText::tr("The endpoint URL '%1' from %2 is not a valid http:// "
                                          "or https:// URL with a host.")
                             .arg(trimmed, origin));
    return url;
}

// The configured override for `service`, or an empty QString when there is none.
std::pair<QString, QString> configuredEndpoint(const ServiceData &service, const QString &profileName,
                                               const QProcessEnvironment &env, const AwsConfig &config)
{
    const AwsConfigSection profile = config.profile(profileName);
    if (ignoreConfiguredEndpoints(profile, env))
        return {};
    const QString specific = QStringLiteral("AWS_ENDPOINT_URL_") + serviceIdKey(service).toUpper();
    if (!env.value(specific).isEmpty())
        return {env.value(specific), specific};
    if (!env.value(QStringLiteral("AWS_ENDPOINT_URL")).isEmpty())
        return {env.value(QStringLiteral("AWS_ENDPOINT_URL")), QStringLiteral("AWS_ENDPOINT_URL")};
    const QString servicesName = profile.value(QStringLiteral("services"));
    if (!servicesName.isEmpty()) {
        const QString key = serviceIdKey(service).toLower();
        const QString url = config.services(servicesName).subsections.value(key).value(
            QStringLiteral("endpoint_url"));
        if (!url.isEmpty())
            return {url, EndpointText::tr("[services %1] %2 in %3")
                             .arg(servicesName, key, config.configPath())};
    }
    const QString global = profile.value(QStringLiteral("endpoint_url"));
    if (!global.isEmpty())
        return {global, EndpointText::tr("endpoint_url of profile '%1'").arg(profileName)};
    return {};
}

QString supportedServices()
{
    QStringList names;
    for (const ServiceData &service : services)
        names << QString::fromLatin1(service.name);
    return names.join(QLatin1String(", "));
}

} // namespace

QString effectiveProfileName(const QString &profile, const QProcessEnvironment &env)
{
    if (!profile.isEmpty())
        return profile;
    const QString fromEnvironment = env.value(QStringLiteral("AWS_PROFILE"));
    return fromEnvironment.isEmpty() ? QStringLiteral("default") : fromEnvironment;
}

Result<AwsPartition> partitionOfRegion(const QString &region)
{
    for (const PartitionData &partition : partitions) {
        const QRegularExpression pattern(QString::fromLatin1(partition.regionRegex));
        if (pattern.match(region).hasMatch())
            return AwsPartition{QString::fromLatin1(partition.name),
                                QString::fromLatin1(partition.dnsSuffix)};
    }
    QStringList known;
    for (const PartitionData &partition : partitions)
        known << EndpointText::tr("%1 (%2)").arg(QString::fromLatin1(partition.name),
                                                 QString::fromLatin1(partition.examples));
    return makeError(ErrorCode::InvalidArgument,
                     EndpointText::tr("'%1' is not an AWS region of a known partition: %2.")
                         .arg(region, known.join(QLatin1String("; "))));
}

Result<QString> resolveRegion(const QString &profile, const QProcessEnvironment &env)
{
    return resolveRegion(profile, env, AwsConfig::load(env));
}

Result<QString> resolveRegion(const QString &profile, const QProcessEnvironment &env,
                              const AwsConfig &config)
{
    const QString profileName = effectiveProfileName(profile, env);
    QString region;
    for (const QString &variable : {QStringLiteral("AWS_REGION"), QStringLiteral("AWS_DEFAULT_REGION")}) {
        region = env.value(variable).trimmed();
        if (!region.isEmpty())
            break;
    }
    if (region.isEmpty())
        region = config.profile(profileName).value(QStringLiteral("region")).trimmed();
    if (region.isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         EndpointText::tr("No AWS region is set: set AWS_REGION, or add "
                                          "'region = ...' to profile '%1' in %2.")
                             .arg(profileName, config.configPath()));
    const Result<AwsPartition> partition = partitionOfRegion(region);
    if (!partition)
        return partition.error();
    return region;
}

Result<QUrl> resolveEndpoint(const QString &service, const QString &region,
                             const QString &profile, const QProcessEnvironment &env)
{
    return resolveEndpoint(service, region, profile, env, AwsConfig::load(env));
}

Result<QUrl> resolveEndpoint(const QString &service, const QString &region,
                             const QString &profile, const QProcessEnvironment &env,
                             const AwsConfig &config)
{
    const ServiceData *data = findService(service);
    if (!data)
        return makeError(ErrorCode::InvalidArgument,
                         EndpointText::tr("Gatehouse has no endpoint data for the service '%1'; "
                                          "known services: %2.")
                             .arg(service, supportedServices()));
    const auto [configured, origin] =
        configuredEndpoint(*data, effectiveProfileName(profile, env), env, config);
    if (!configured.isEmpty())
        return parseEndpointUrl(configured, origin);
    const Result<AwsPartition> partition = partitionOfRegion(region);
    if (!partition)
        return partition.error();
    QUrl url;
    url.setScheme(QString::fromLatin1(data->scheme));
    url.setHost(QString::fromLatin1(data->hostPrefix) + QLatin1Char('.') + region + QLatin1Char('.')
                + partition->dnsSuffix);
    return url;
}

} // namespace Gatehouse::Core::Aws
