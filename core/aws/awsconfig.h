#pragma once

#include "core/error.h"

#include <QHash>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace Gatehouse::Core::Aws {

// One [section] of a shared file. Keys are lower-case, as botocore's configparser stores them.
struct AwsConfigSection
{
    QString name;
    QString file; // where the section (or, for merged profiles, its first part) was read
    int line = 0;
    QHash<QString, QString> values;
    // "lambda =\n  endpoint_url = ..." becomes subsections["lambda"]["endpoint_url"].
    QHash<QString, QHash<QString, QString>> subsections;

    bool isEmpty() const { return name.isEmpty(); }
    bool has(const QString &key) const { return !values.value(key.toLower()).isEmpty(); }
    QString value(const QString &key) const { return values.value(key.toLower()); }
};

// The shared config and credentials files read once, the way the AWS CLI (botocore) reads
// them, so the credentials chain, the region and the endpoint resolvers agree on one reading.
class AwsConfig
{
public:
    // AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE (with ~ expanded), else ~/.aws/config and
    // ~/.aws/credentials; HOME comes from `environment` when it sets one.
    static QString configFilePath(const QProcessEnvironment &environment);
    static QString credentialsFilePath(const QProcessEnvironment &environment);

    static AwsConfig load(const QProcessEnvironment &environment);
    static AwsConfig loadFiles(const QString &configPath, const QString &credentialsPath);
    static AwsConfig fromText(const QByteArray &configText, const QByteArray &credentialsText,
                              const QString &configPath = QStringLiteral("config"),
                              const QString &credentialsPath = QStringLiteral("credentials"));

    QString configPath() const { return m_configPath; }
    QString credentialsPath() const { return m_credentialsPath; }

    // "default" first, then by name; profiles of both files.
    QStringList profileNames() const;
    bool hasProfile(const QString &name) const;
    bool profileInConfigFile(const QString &name) const;
    bool profileInCredentialsFile(const QString &name) const;
    // The config file's [profile name] updated by the credentials file's [name], as botocore
    // merges them: a setting in the credentials file wins. Empty when neither has it.
    AwsConfigSection profile(const QString &name) const;
    // One file's part of a profile only (botocore reads keys from each file at its own step).
    AwsConfigSection configFileProfile(const QString &name) const { return m_configProfiles.value(name); }
    AwsConfigSection credentialsFileProfile(const QString &name) const { return m_credentialsProfiles.value(name); }
    AwsConfigSection ssoSession(const QString &name) const;
    QStringList ssoSessionNames() const { return m_ssoSessions.keys(); }
    QStringList servicesNames() const { return m_services.keys(); }
    AwsConfigSection services(const QString &name) const;

    // One Error per malformed line (file and line named) or unreadable file.
    const QList<Error> &problems() const { return m_problems; }

private:
    void parse(const QByteArray &text, const QString &path, bool credentialsFile);

    QString m_configPath;
    QString m_credentialsPath;
    QHash<QString, AwsConfigSection> m_configProfiles;
    QHash<QString, AwsConfigSection> m_credentialsProfiles;
    QHash<QString, AwsConfigSection> m_ssoSessions;
    QHash<QString, AwsConfigSection> m_services;
    QList<Error> m_problems;
};

// "~" and "~/..." against HOME of `environment` (else the user's home).
QString expandHomePath(const QString &path, const QProcessEnvironment &environment);

// Splits a command line as Python's shlex.split (POSIX mode) does, which is how the AWS CLI
// splits credential_process. Unbalanced quotes or a trailing backslash give *error.
QStringList splitCommandLine(const QString &command, QString *error = nullptr);

} // namespace Gatehouse::Core::Aws
