#include "ssocredentials.h"

#include "awsconfig.h"
#include "core/httpclient.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QUrlQuery>

#include <nlohmann/json.hpp>

namespace Gatehouse::Core::Aws {

namespace {

struct SsoText
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::Aws::SsoCredentials)
};

QString loginHint(const QString &profile)
{
    return SsoText::tr("run 'aws sso login --profile %1'").arg(profile);
}

Error ssoError(ErrorCode code, const QString &profile, const QString &what)
{
    return makeError(code, SsoText::tr("IAM Identity Center profile '%1': %2").arg(profile, what));
}

Result<QString> requiredSetting(const AwsConfigSection &section, const QString &key,
                                const QString &profile, const QString &where)
{
    const QString value = section.value(key).trimmed();
    if (value.isEmpty())
        return ssoError(ErrorCode::InvalidArgument, profile,
                        SsoText::tr("%1 is missing in %2.").arg(key, where));
    return value;
}

// `aws sso login` writes "2024-05-01T12:00:00Z"; older versions "2024-05-01T12:00:00UTC".
QDateTime parseExpiresAt(QString text)
{
    if (text.endsWith(QLatin1String("UTC")))
        text = text.chopped(3) + QLatin1Char('Z');
    return QDateTime::fromString(text, Qt::ISODateWithMs);
}

Result<Credentials> parseRoleCredentials(const HttpClientResponse &response, const QString &profile)
{
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(response.body.constData(),
                                         response.body.constData() + response.body.size());
    } catch (const nlohmann::json::exception &) {
        return ssoError(ErrorCode::Protocol, profile,
                        SsoText::tr("the portal answered HTTP %1 with something that is not JSON.")
                            .arg(response.status));
    }
    if (response.status != 200) {
        const std::string message = document.is_object() ? document.value("message", std::string()) : std::string();
        Error error = ssoError(ErrorCode::Service, profile,
                               SsoText::tr("the portal refused GetRoleCredentials (HTTP %1: %2); %3.")
                                   .arg(response.status)
                                   .arg(QString::fromStdString(message), loginHint(profile)));
        error.httpStatus = response.status;
        return error;
    }
    const auto role = document.is_object() ? document.find("roleCredentials") : document.end();
    if (role == document.end() || !role->is_object() || !(*role)["accessKeyId"].is_string()
        || !(*role)["secretAccessKey"].is_string() || !(*role)["expiration"].is_number())
        return ssoError(ErrorCode::Protocol, profile,
                        SsoText::tr("the portal's answer has no complete roleCredentials."));
    Credentials credentials;
    credentials.accessKeyId = QString::fromStdString((*role)["accessKeyId"].get<std::string>());
    credentials.secretAccessKey = QString::fromStdString((*role)["secretAccessKey"].get<std::string>());
    if ((*role)["sessionToken"].is_string())
        credentials.sessionToken = QString::fromStdString((*role)["sessionToken"].get<std::string>());
    credentials.expiration = QDateTime::fromMSecsSinceEpoch((*role)["expiration"].get<qint64>(), Qt::UTC);
    credentials.source = SsoText::tr("profile '%1' (IAM Identity Center)").arg(profile);
    return credentials;
}

} // namespace

bool isSsoProfile(const AwsConfig &config, const QString &profile)
{
    const AwsConfigSection section = config.profile(profile);
    return section.has(QStringLiteral("sso_session")) || section.has(QStringLiteral("sso_start_url"));
}

Result<SsoProfileSettings> ssoProfileSettings(const AwsConfig &config, const QString &profile)
{
    const AwsConfigSection section = config.profile(profile);
    const QString where = SsoText::tr("profile '%1' of %2").arg(profile, config.configPath());
    SsoProfileSettings settings;
    settings.profile = profile;
    const QString sessionName = section.value(QStringLiteral("sso_session")).trimmed();
    const AwsConfigSection session = config.ssoSession(sessionName);
    if (!sessionName.isEmpty() && session.isEmpty())
        return ssoError(ErrorCode::InvalidArgument, profile,
                        SsoText::tr("it names sso_session '%1' but %2 has no [sso-session %1] section.")
                            .arg(sessionName, config.configPath()));
    const AwsConfigSection &origin = sessionName.isEmpty() ? section : session;
    const QString originName = sessionName.isEmpty()
                                   ? where
                                   : SsoText::tr("[sso-session %1] of %2").arg(sessionName, config.configPath());
    const std::pair<QString, QString *> fields[] = {
        {QStringLiteral("sso_start_url"), &settings.startUrl},
        {QStringLiteral("sso_region"), &settings.region}};
    for (const auto &[key, target] : fields) {
        const Result<QString> value = requiredSetting(origin, key, profile, originName);
        if (!value)
            return value.error();
        *target = *value;
    }
    const std::pair<QString, QString *> roleFields[] = {
        {QStringLiteral("sso_account_id"), &settings.accountId},
        {QStringLiteral("sso_role_name"), &settings.roleName}};
    for (const auto &[key, target] : roleFields) {
        const Result<QString> value = requiredSetting(section, key, profile, where);
        if (!value)
            return value.error();
        *target = *value;
    }
    settings.cacheKey = sessionName.isEmpty() ? settings.startUrl : sessionName;
    return settings;
}

QString ssoTokenCachePath(const SsoProfileSettings &settings, const QProcessEnvironment &environment)
{
    const QByteArray hash = QCryptographicHash::hash(settings.cacheKey.toUtf8(), QCryptographicHash::Sha1).toHex();
    return expandHomePath(QStringLiteral("~/.aws/sso/cache/"), environment) + QString::fromLatin1(hash)
           + QStringLiteral(".json");
}

Result<QString> readSsoAccessToken(const SsoProfileSettings &settings,
                                   const QProcessEnvironment &environment)
{
    const QString path = ssoTokenCachePath(settings, environment);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ssoError(ErrorCode::NotFound, settings.profile,
                        SsoText::tr("no cached sign-in token (%1); %2.").arg(path, loginHint(settings.profile)));
    QByteArray text = file.readAll();
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(text.constData(), text.constData() + text.size());
    } catch (const nlohmann::json::exception &) {
    }
    text.fill('\0');
    if (!document.is_object() || !document["accessToken"].is_string() || !document["expiresAt"].is_string())
        return ssoError(ErrorCode::InvalidArgument, settings.profile,
                        SsoText::tr("the cached token %1 has no accessToken and expiresAt; %2.")
                            .arg(path, loginHint(settings.profile)));
    const QDateTime expiresAt = parseExpiresAt(QString::fromStdString(document["expiresAt"].get<std::string>()));
    if (!expiresAt.isValid() || expiresAt <= QDateTime::currentDateTimeUtc())
        return ssoError(ErrorCode::InvalidArgument, settings.profile,
                        SsoText::tr("the sign-in token expired at %1; %2.")
                            .arg(expiresAt.toUTC().toString(Qt::ISODate), loginHint(settings.profile)));
    return QString::fromStdString(document["accessToken"].get<std::string>());
}

void fetchSsoRoleCredentials(const SsoProfileSettings &settings, const QString &accessToken,
                             const QUrl &portal, HttpClient *client, QObject *context,
                             CredentialsCallback done)
{
    HttpClientRequest request;
    request.url = portal;
    QString path = request.url.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    request.url.setPath(path + QStringLiteral("/federation/credentials"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("account_id"), settings.accountId);
    query.addQueryItem(QStringLiteral("role_name"), settings.roleName);
    request.url.setQuery(query);
    request.headers.add("x-amz-sso_bearer_token", accessToken.toUtf8());
    request.timeoutMs = 30000;
    HttpJob *job = client->send(request);
    QObject::connect(job, &HttpJob::finished, context,
                     [done, profile = settings.profile](const Result<HttpClientResponse> &result) {
        if (!result) {
            Error error = result.error();
            error.message = SsoText::tr("IAM Identity Center profile '%1': the portal could not be "
                                        "reached: %2").arg(profile, error.message);
            done(error);
            return;
        }
        done(parseRoleCredentials(*result, profile));
    });
}

} // namespace Gatehouse::Core::Aws
