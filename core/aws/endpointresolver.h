#pragma once

#include "core/result.h"

#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

namespace Gatehouse::Core::Aws {

class AwsConfig;

// The partition a region belongs to, as botocore's endpoints data names them.
struct AwsPartition
{
    QString name;      // "aws", "aws-cn", "aws-us-gov"
    QString dnsSuffix; // "amazonaws.com", "amazonaws.com.cn"
};

// "aws" for eu-west-1...; an error in words listing the partitions for anything else.
Result<AwsPartition> partitionOfRegion(const QString &region);

// AWS_REGION, else AWS_DEFAULT_REGION, else the profile's region (profile empty: AWS_PROFILE,
// else "default"); checked against the partitions.
Result<QString> resolveRegion(const QString &profile, const QProcessEnvironment &env);
Result<QString> resolveRegion(const QString &profile, const QProcessEnvironment &env,
                              const AwsConfig &config);

// Where a client of `service` sends requests: the first of AWS_ENDPOINT_URL_<SERVICE_ID>,
// AWS_ENDPOINT_URL, the profile's `services` section, the profile's endpoint_url (none of them
// when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS or the profile's ignore_configured_endpoint_urls is
// true), else the partition's hostname for the region. Services: lambda, execute-api,
// appsync-api, appsync-realtime-api, cognito-idp, cognito-identity, sts, sso (the IAM Identity
// Center portal). For execute-api and appsync the caller puts "<apiId>." before the host.
Result<QUrl> resolveEndpoint(const QString &service, const QString &region,
                             const QString &profile, const QProcessEnvironment &env);
Result<QUrl> resolveEndpoint(const QString &service, const QString &region,
                             const QString &profile, const QProcessEnvironment &env,
                             const AwsConfig &config);

// The profile a resolver uses: `profile`, else AWS_PROFILE, else "default".
QString effectiveProfileName(const QString &profile, const QProcessEnvironment &env);

} // namespace Gatehouse::Core::Aws
