#include "awsprofiles.h"

#include "result.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QMap>
#include <algorithm>

namespace Gatehouse::Core {

namespace {

struct ProfilesText
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::AwsProfiles)
};

enum class FileKind
{
    Config,
    Credentials
};

QString expandHome(const QString &path)
{
    if (path == QLatin1String("~"))
        return QDir::homePath();
    if (path.startsWith(QLatin1String("~/")))
        return QDir::homePath() + path.mid(1);
    return path;
}

QString pathFromEnvironment(const char *variable, const QString &fallbackName)
{
    const QString fromEnvironment = qEnvironmentVariable(variable);
    if (!fromEnvironment.isEmpty())
        return expandHome(fromEnvironment);
    return QDir::homePath() + QStringLiteral("/.aws/") + fallbackName;
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

// Reads one shared file line by line the way botocore's configparser does, but keeps
// going past malformed lines and records only profile names and regions.
class SharedFileParser
{
public:
    SharedFileParser(QString path, FileKind kind, QMap<QString, AwsProfileInfo> &profiles,
                     QList<Error> *problems)
        : m_path(std::move(path))
        , m_kind(kind)
        , m_profiles(profiles)
        , m_problems(problems)
    {}

    void parse(const QByteArray &content)
    {
        int lineNumber = 0;
        qsizetype start = 0;
        while (start < content.size()) {
            qsizetype end = content.indexOf('\n', start);
            if (end < 0)
                end = content.size();
            QByteArrayView line(content.constData() + start, end - start);
            if (line.endsWith('\r'))
                line.chop(1);
            parseLine(line, ++lineNumber);
            start = end + 1;
        }
    }

private:
    void parseLine(QByteArrayView line, int lineNumber)
    {
        const QByteArrayView trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith('#') || trimmed.startsWith(';'))
            return;
        if (isBlank(line.front()) && m_inValue)
            return; // continuation or nested setting ("s3 =\n  addressing_style = path")
        if (trimmed.startsWith('['))
            return parseSection(trimmed, lineNumber);
        parseSetting(trimmed, lineNumber);
    }

    void parseSection(QByteArrayView header, int lineNumber)
    {
        m_inValue = false;
        m_current.clear();
        m_inSection = false;
        if (!header.endsWith(']') || header.size() < 3) {
            report(lineNumber, ProfilesText::tr("a section header must look like [name]"));
            m_skipUntilSection = true;
            return;
        }
        m_skipUntilSection = false;
        m_inSection = true;
        const QString name = QString::fromUtf8(header.sliced(1, header.size() - 2)).trimmed();
        m_current = profileName(name);
        if (m_current.isEmpty())
            return;
        AwsProfileInfo &info = m_profiles[m_current];
        info.name = m_current;
        (m_kind == FileKind::Config ? info.inConfigFile : info.inCredentialsFile) = true;
    }

    QString profileName(const QString &section) const
    {
        if (m_kind == FileKind::Credentials || section == QLatin1String("default"))
            return section;
        if (section.startsWith(QLatin1String("profile")) && section.size() > 7 &&
            section.at(7).isSpace())
            return section.mid(8).trimmed();
        return {}; // [sso-session x], [services x]: not profiles
    }

    void parseSetting(QByteArrayView line, int lineNumber)
    {
        m_inValue = false;
        if (m_skipUntilSection)
            return;
        const qsizetype equals = line.indexOf('=');
        const qsizetype colon = line.indexOf(':');
        qsizetype split = equals < 0 ? colon : (colon < 0 ? equals : std::min(equals, colon));
        if (split <= 0) {
            report(lineNumber, ProfilesText::tr("expected 'name = value' or a [section] header"));
            return;
        }
        if (!m_inSection) {
            report(lineNumber, ProfilesText::tr("a setting comes before any [section] header"));
            return;
        }
        m_inValue = true;
        const QByteArrayView key = line.first(split).trimmed();
        if (m_current.isEmpty() || key.compare("region", Qt::CaseInsensitive) != 0)
            return;
        m_profiles[m_current].region = QString::fromUtf8(line.sliced(split + 1).trimmed());
    }

    void report(int lineNumber, const QString &what)
    {
        if (!m_problems)
            return;
        m_problems->append(makeError(ErrorCode::InvalidArgument,
                                     ProfilesText::tr("%1 line %2: %3; the line was skipped.")
                                         .arg(m_path)
                                         .arg(lineNumber)
                                         .arg(what)));
    }

    QString m_path;
    FileKind m_kind;
    QMap<QString, AwsProfileInfo> &m_profiles;
    QList<Error> *m_problems;
    QString m_current;
    bool m_inSection = false;
    bool m_inValue = false;
    bool m_skipUntilSection = false;
};

void parseFile(const QString &path, FileKind kind, QMap<QString, AwsProfileInfo> &profiles,
               QList<Error> *problems)
{
    QFile file(path);
    if (!file.exists())
        return;
    if (!file.open(QIODevice::ReadOnly)) {
        if (problems)
            problems->append(
                makeError(ErrorCode::Io,
                          ProfilesText::tr("Could not read %1: %2").arg(path, file.errorString())));
        return;
    }
    QByteArray content = file.readAll();
    SharedFileParser(path, kind, profiles, problems).parse(content);
    content.fill('\0'); // the credentials file holds secret keys: do not leave them in freed memory
}

} // namespace

QString awsConfigFilePath()
{
    return pathFromEnvironment("AWS_CONFIG_FILE", QStringLiteral("config"));
}

QString awsCredentialsFilePath()
{
    return pathFromEnvironment("AWS_SHARED_CREDENTIALS_FILE", QStringLiteral("credentials"));
}

QList<AwsProfileInfo> listAwsProfiles(QList<Error> *problems)
{
    return listAwsProfiles(awsConfigFilePath(), awsCredentialsFilePath(), problems);
}

QList<AwsProfileInfo> listAwsProfiles(const QString &configPath, const QString &credentialsPath,
                                      QList<Error> *problems)
{
    QMap<QString, AwsProfileInfo> profiles;
    parseFile(configPath, FileKind::Config, profiles, problems);
    parseFile(credentialsPath, FileKind::Credentials, profiles, problems);
    QList<AwsProfileInfo> list = profiles.values();
    std::stable_partition(list.begin(), list.end(), [](const AwsProfileInfo &p) {
        return p.name == QLatin1String("default");
    });
    return list;
}

} // namespace Gatehouse::Core
