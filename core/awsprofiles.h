#pragma once

#include "error.h"

#include <QList>
#include <QString>

namespace Gatehouse::Core {

// A named profile from the shared AWS config/credentials files: only its name and region,
// never its keys, so the target selector can list profiles without holding secrets.
struct AwsProfileInfo
{
    QString name;
    QString region; // empty when neither file sets one
    bool inConfigFile = false;
    bool inCredentialsFile = false;

    friend bool operator==(const AwsProfileInfo &, const AwsProfileInfo &) = default;
};

// AWS_CONFIG_FILE, else ~/.aws/config.
QString awsConfigFilePath();
// AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials.
QString awsCredentialsFilePath();

// Profiles of both files, "default" first, then by name. A missing file adds nothing;
// each malformed line adds one Error naming the file and line to *problems, and the
// remaining profiles still load. As in botocore, a region in the credentials file wins.
QList<AwsProfileInfo> listAwsProfiles(QList<Error> *problems = nullptr);
QList<AwsProfileInfo> listAwsProfiles(const QString &configPath, const QString &credentialsPath,
                                      QList<Error> *problems = nullptr);

} // namespace Gatehouse::Core
