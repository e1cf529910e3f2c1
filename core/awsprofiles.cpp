#include "awsprofiles.h"

#include "aws/awsconfig.h"

#include <QProcessEnvironment>

namespace Gatehouse::Core {

QString awsConfigFilePath()
{
    return Aws::AwsConfig::configFilePath(QProcessEnvironment::systemEnvironment());
}

QString awsCredentialsFilePath()
{
    return Aws::AwsConfig::credentialsFilePath(QProcessEnvironment::systemEnvironment());
}

QList<AwsProfileInfo> listAwsProfiles(QList<Error> *problems)
{
    return listAwsProfiles(awsConfigFilePath(), awsCredentialsFilePath(), problems);
}

QList<AwsProfileInfo> listAwsProfiles(const QString &configPath, const QString &credentialsPath,
                                      QList<Error> *problems)
{
    const Aws::AwsConfig config = Aws::AwsConfig::loadFiles(configPath, credentialsPath);
    if (problems)
        problems->append(config.problems());
    QList<AwsProfileInfo> list;
    for (const QString &name : config.profileNames()) {
        AwsProfileInfo info;
        info.name = name;
        info.region = config.profile(name).value(QStringLiteral("region")).trimmed();
        info.inConfigFile = config.profileInConfigFile(name);
        info.inCredentialsFile = config.profileInCredentialsFile(name);
        list.append(info);
    }
    return list;
}

} // namespace Gatehouse::Core
