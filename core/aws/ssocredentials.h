#pragma once

#include "core/aws/credentialsprovider.h"

#include <QProcessEnvironment>

namespace Gatehouse::Core {
class HttpClient;
}

namespace Gatehouse::Core::Aws {

class AwsConfig;

// What an IAM Identity Center profile names: an sso_session (with its [sso-session] section's
// sso_start_url and sso_region) or the legacy sso_start_url/sso_region in the profile itself.
struct SsoProfileSettings
{
    QString profile;
    QString startUrl;
    QString region;
    QString accountId;
    QString roleName;
    QString cacheKey; // the session name, or the start URL for legacy profiles
};

bool isSsoProfile(const AwsConfig &config, const QString &profile);
Result<SsoProfileSettings> ssoProfileSettings(const AwsConfig &config, const QString &profile);

// ~/.aws/sso/cache/<sha1 hex of cacheKey>.json, as `aws sso login` writes it.
QString ssoTokenCachePath(const SsoProfileSettings &settings, const QProcessEnvironment &environment);

// The cached access token, or an error saying to run 'aws sso login --profile X' when it is
// missing, unreadable or expired.
Result<QString> readSsoAccessToken(const SsoProfileSettings &settings,
                                   const QProcessEnvironment &environment);

// The portal's GetRoleCredentials: GET <portal>/federation/credentials?account_id=&role_name=
// with the x-amz-sso_bearer_token header. Reports once through `done` unless `context` died.
void fetchSsoRoleCredentials(const SsoProfileSettings &settings, const QString &accessToken,
                             const QUrl &portal, HttpClient *client, QObject *context,
                             CredentialsCallback done);

} // namespace Gatehouse::Core::Aws
