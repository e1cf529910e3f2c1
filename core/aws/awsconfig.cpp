#include "awsconfig.h"

#include "core/result.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <algorithm>

namespace Gatehouse::Core::Aws {

namespace {

struct ConfigText
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::Aws::AwsConfig)
};

enum class SectionKind
{
    Profile,
    SsoSession,
    Services,
    Ignored
};

struct ParsedSection
{
    SectionKind kind = SectionKind::Ignored;
    AwsConfigSection section;
};

// Reads one file line by line as configparser does (delimiters '=' and ':', '#'/';' comment
// lines, indented continuation lines, lower-case keys) but keeps going past malformed lines.
class SharedFileReader
{
public:
    SharedFileReader(QString path, bool credentialsFile, QList<Error> &problems)
        : m_path(std::move(path))
        , m_credentialsFile(credentialsFile)
        , m_problems(problems)
    {}

    QList<ParsedSection> read(const QByteArray &content)
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
            readLine(line, ++lineNumber);
            start = end + 1;
        }
        finishOption();
        return m_sections;
    }

private:
    void readLine(QByteArrayView line, int lineNumber)
    {
        const QByteArrayView trimmed = line.trimmed();
        if (trimmed.startsWith('#') || trimmed.startsWith(';'))
            return;
        const bool indented = !line.isEmpty() && (line.front() == ' ' || line.front() == '\t');
        if (trimmed.isEmpty()) {
            if (!m_option.isEmpty())
                m_optionLines.append(QString());
            return;
        }
        if (indented && !m_option.isEmpty()) {
            m_optionLines.append(QString::fromUtf8(trimmed));
            return;
        }
        finishOption();
        if (trimmed.startsWith('['))
            return readHeader(trimmed, lineNumber);
        readSetting(trimmed, lineNumber);
    }

    void readHeader(QByteArrayView header, int lineNumber)
    {
        const qsizetype close = header.lastIndexOf(']');
        if (close < 2) {
            report(lineNumber, ConfigText::tr("a section header must look like [name]"));
            m_current = -1;
            m_skipUntilSection = true;
            return;
        }
        m_skipUntilSection = false;
        ParsedSection parsed;
        parsed.section.file = m_path;
        parsed.section.line = lineNumber;
        classify(QString::fromUtf8(header.sliced(1, close - 1)), parsed);
        m_sections.append(parsed);
        m_current = m_sections.size() - 1;
    }

    void classify(const QString &header, ParsedSection &parsed) const
    {
        if (m_credentialsFile) {
            parsed.kind = SectionKind::Profile;
            parsed.section.name = header;
            return;
        }
        if (header == QLatin1String("default")) {
            parsed.kind = SectionKind::Profile;
            parsed.section.name = header;
            return;
        }
        static const QList<std::pair<QLatin1String, SectionKind>> prefixes = {
            {QLatin1String("profile"), SectionKind::Profile},
            {QLatin1String("sso-session"), SectionKind::SsoSession},
            {QLatin1String("services"), SectionKind::Services}};
        for (const auto &[prefix, kind] : prefixes) {
            if (!header.startsWith(prefix))
                continue;
            QString error;
            const QStringList parts = splitCommandLine(header, &error);
            if (error.isEmpty() && parts.size() == 2 && parts.first() == prefix) {
                parsed.kind = kind;
                parsed.section.name = parts.at(1);
            }
            return;
        }
    }

    void readSetting(QByteArrayView line, int lineNumber)
    {
        if (m_skipUntilSection)
            return;
        const qsizetype equals = line.indexOf('=');
        const qsizetype colon = line.indexOf(':');
        const qsizetype split = equals < 0 ? colon : (colon < 0 ? equals : std::min(equals, colon));
        if (split <= 0 || line.first(split).trimmed().isEmpty()) {
            report(lineNumber, ConfigText::tr("expected 'name = value' or a [section] header"));
            return;
        }
        if (m_current < 0) {
            report(lineNumber, ConfigText::tr("a setting comes before any [section] header"));
            return;
        }
        m_option = QString::fromUtf8(line.first(split).trimmed()).toLower();
        m_optionLine = lineNumber;
        m_optionLines = {QString::fromUtf8(line.sliced(split + 1).trimmed())};
    }

    void finishOption()
    {
        if (m_option.isEmpty() || m_current < 0) {
            m_option.clear();
            return;
        }
        while (m_optionLines.size() > 1 && m_optionLines.last().isEmpty())
            m_optionLines.removeLast();
        AwsConfigSection &section = m_sections[m_current].section;
        if (m_optionLines.size() > 1 && m_optionLines.first().isEmpty())
            section.subsections.insert(m_option, nested());
        else
            section.values.insert(m_option, m_optionLines.join(QLatin1Char('\n')));
        m_option.clear();
        m_optionLines.clear();
    }

    // botocore's _parse_nested: one "key = value" per indented line.
    QHash<QString, QString> nested()
    {
        QHash<QString, QString> values;
        for (qsizetype i = 1; i < m_optionLines.size(); ++i) {
            const QString &line = m_optionLines.at(i);
            if (line.isEmpty())
                continue;
            const qsizetype equals = line.indexOf(QLatin1Char('='));
            if (equals <= 0) {
                report(m_optionLine + int(i),
                       ConfigText::tr("expected 'name = value' inside '%1'").arg(m_option));
                continue;
            }
            values.insert(line.first(equals).trimmed(), line.sliced(equals + 1).trimmed());
        }
        return values;
    }

    void report(int lineNumber, const QString &what)
    {
        m_problems.append(makeError(ErrorCode::InvalidArgument,
                                    ConfigText::tr("%1 line %2: %3; the line was skipped.")
                                        .arg(m_path)
                                        .arg(lineNumber)
                                        .arg(what)));
    }

    QString m_path;
    bool m_credentialsFile;
    QList<Error> &m_problems;
    QList<ParsedSection> m_sections;
    qsizetype m_current = -1;
    bool m_skipUntilSection = false;
    QString m_option;
    int m_optionLine = 0;
    QStringList m_optionLines;
};

void mergeInto(QHash<QString, AwsConfigSection> &target, const AwsConfigSection &section)
{
    auto existing = target.find(section.name);
    if (existing == target.end()) {
        target.insert(section.name, section);
        return;
    }
    existing->values.insert(section.values);
    existing->subsections.insert(section.subsections);
}

QString homeOf(const QProcessEnvironment &environment)
{
    const QString home = environment.value(QStringLiteral("HOME"));
    return home.isEmpty() ? QDir::homePath() : home;
}

// $NAME and ${NAME} as Python's os.path.expandvars: unknown names stay as written.
QString expandVariables(const QString &path, const QProcessEnvironment &environment)
{
    static const QRegularExpression variable(QStringLiteral("\\$(\\w+|\\{[^}]*\\})"));
    QString expanded;
    qsizetype last = 0;
    for (const QRegularExpressionMatch &match : variable.globalMatch(path)) {
        QString name = match.captured(1);
        if (name.startsWith(QLatin1Char('{')))
            name = name.mid(1, name.size() - 2);
        expanded += path.mid(last, match.capturedStart() - last);
        expanded += environment.contains(name) ? environment.value(name) : match.captured();
        last = match.capturedEnd();
    }
    return expanded + path.mid(last);
}

QString pathFrom(const QProcessEnvironment &environment, const QString &variable,
                 const QString &fallbackName)
{
    const QString fromEnvironment = environment.value(variable);
    if (!fromEnvironment.isEmpty())
        return expandHomePath(expandVariables(fromEnvironment, environment), environment);
    return homeOf(environment) + QStringLiteral("/.aws/") + fallbackName;
}

QByteArray readFile(const QString &path, QList<Error> &problems)
{
    QFile file(path);
    if (path.isEmpty() || !file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly)) {
        problems.append(makeError(
            ErrorCode::Io, ConfigText::tr("Could not read %1: %2").arg(path, file.errorString())));
        return {};
    }
    return file.readAll();
}

} // namespace

QString expandHomePath(const QString &path, const QProcessEnvironment &environment)
{
    if (path == QLatin1String("~"))
        return homeOf(environment);
    if (path.startsWith(QLatin1String("~/")))
        return homeOf(environment) + path.mid(1);
    return path;
}

QString AwsConfig::configFilePath(const QProcessEnvironment &environment)
{
    return pathFrom(environment, QStringLiteral("AWS_CONFIG_FILE"), QStringLiteral("config"));
}

QString AwsConfig::credentialsFilePath(const QProcessEnvironment &environment)
{
    return pathFrom(environment, QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"),
                    QStringLiteral("credentials"));
}

AwsConfig AwsConfig::load(const QProcessEnvironment &environment)
{
    return loadFiles(configFilePath(environment), credentialsFilePath(environment));
}

AwsConfig AwsConfig::loadFiles(const QString &configPath, const QString &credentialsPath)
{
    AwsConfig config;
    config.m_configPath = configPath;
    config.m_credentialsPath = credentialsPath;
    QByteArray configText = readFile(configPath, config.m_problems);
    config.parse(configText, configPath, false);
    QByteArray credentialsText = readFile(credentialsPath, config.m_problems);
    config.parse(credentialsText, credentialsPath, true);
    credentialsText.fill('\0'); // secret keys: do not leave them in freed memory
    return config;
}

AwsConfig AwsConfig::fromText(const QByteArray &configText, const QByteArray &credentialsText,
                              const QString &configPath, const QString &credentialsPath)
{
    AwsConfig config;
    config.m_configPath = configPath;
    config.m_credentialsPath = credentialsPath;
    config.parse(configText, configPath, false);
    config.parse(credentialsText, credentialsPath, true);
    return config;
}

void AwsConfig::parse(const QByteArray &text, const QString &path, bool credentialsFile)
{
    const QList<ParsedSection> sections = SharedFileReader(path, credentialsFile, m_problems).read(text);
    for (const ParsedSection &parsed : sections) {
        switch (parsed.kind) {
        case SectionKind::Profile:
            mergeInto(credentialsFile ? m_credentialsProfiles : m_configProfiles, parsed.section);
            break;
        case SectionKind::SsoSession:
            mergeInto(m_ssoSessions, parsed.section);
            break;
        case SectionKind::Services:
            mergeInto(m_services, parsed.section);
            break;
        case SectionKind::Ignored:
            break;
        }
    }
}

QStringList AwsConfig::profileNames() const
{
    QStringList names = m_configProfiles.keys() + m_credentialsProfiles.keys();
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    std::stable_partition(names.begin(), names.end(),
                          [](const QString &name) { return name == QLatin1String("default"); });
    return names;
}

bool AwsConfig::hasProfile(const QString &name) const
{
    return profileInConfigFile(name) || profileInCredentialsFile(name);
}

bool AwsConfig::profileInConfigFile(const QString &name) const
{
    return m_configProfiles.contains(name);
}

bool AwsConfig::profileInCredentialsFile(const QString &name) const
{
    return m_credentialsProfiles.contains(name);
}

AwsConfigSection AwsConfig::profile(const QString &name) const
{
    AwsConfigSection merged = m_configProfiles.value(name);
    const auto fromCredentials = m_credentialsProfiles.constFind(name);
    if (fromCredentials == m_credentialsProfiles.cend())
        return merged;
    if (merged.isEmpty())
        return *fromCredentials;
    merged.values.insert(fromCredentials->values);
    merged.subsections.insert(fromCredentials->subsections);
    return merged;
}

AwsConfigSection AwsConfig::ssoSession(const QString &name) const
{
    return m_ssoSessions.value(name);
}

AwsConfigSection AwsConfig::services(const QString &name) const
{
    return m_services.value(name);
}

QStringList splitCommandLine(const QString &command, QString *error)
{
    QStringList words;
    QString word;
    bool inWord = false;
    QChar quote;
    for (qsizetype i = 0; i < command.size(); ++i) {
        const QChar c = command.at(i);
        if (!quote.isNull()) {
            if (c == quote) {
                quote = QChar();
            } else if (quote == QLatin1Char('"') && c == QLatin1Char('\\') && i + 1 < command.size()
                       && (command.at(i + 1) == QLatin1Char('"')
                           || command.at(i + 1) == QLatin1Char('\\'))) {
                word += command.at(++i);
            } else {
                word += c;
            }
        } else if (c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n')
                   || c == QLatin1Char('\r')) {
            if (inWord)
                words.append(word);
            word.clear();
            inWord = false;
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
            inWord = true;
        } else if (c == QLatin1Char('\\')) {
            if (i + 1 >= command.size()) {
                if (error)
                    *error = ConfigText::tr("the command ends with a lone backslash");
                return {};
            }
            word += command.at(++i);
            inWord = true;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (!quote.isNull()) {
        if (error)
            *error = ConfigText::tr("a %1 quote is not closed").arg(quote);
        return {};
    }
    if (inWord)
        words.append(word);
    return words;
}

} // namespace Gatehouse::Core::Aws
