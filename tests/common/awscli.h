#pragma once

// The AWS CLI v2 as a test peer against an in-process emulator. Debian's CLI is called by path:
// an older `aws` (v1) may come first on PATH. Each AwsCli keeps its own temporary config and
// credentials files (region us-east-1, JSON output, one attempt, no pager, no instance
// metadata), so nothing from the person's ~/.aws reaches a test. While the CLI runs, the
// caller's event loop keeps turning, so an emulator on the same thread can answer it.
#include <QByteArray>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QTimer>

#include <memory>

namespace GatehouseTest {

struct AwsCliCredentials
{
    QString accessKeyId = QStringLiteral("test");
    QString secretAccessKey = QStringLiteral("test");
    QString sessionToken; // empty: none
};

class AwsCli
{
public:
    using Credentials = AwsCliCredentials;

    struct Run
    {
        int exitCode = -1; // -1: did not finish in time (it was killed)
        QByteArray out;
        QByteArray err;
        QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
    };

    static QString path() { return QStringLiteral("/usr/bin/aws"); }
    static bool available() { return QFileInfo(path()).isExecutable(); }
    static const char *missing()
    {
        return "Debian's awscli (v2) is not installed at /usr/bin/aws (packaging/dev installs it)";
    }

    // endpoint: the emulator's base URL, passed as --endpoint-url to every command.
    explicit AwsCli(QString endpoint, Credentials credentials = {})
        : m_endpoint(std::move(endpoint))
        , m_credentials(std::move(credentials))
    {
        QFile config(m_dir.filePath(QStringLiteral("config")));
        if (config.open(QIODevice::WriteOnly))
            config.write("[default]\nregion = us-east-1\noutput = json\n");
        QFile credentialsFile(m_dir.filePath(QStringLiteral("credentials")));
        if (credentialsFile.open(QIODevice::WriteOnly))
            credentialsFile.write("");
    }

    void setCredentials(Credentials credentials) { m_credentials = std::move(credentials); }

    // Where the CLI runs, for relative paths in its arguments (an outfile); empty: inherited.
    void setWorkingDirectory(QString directory) { m_workingDirectory = std::move(directory); }

    // Starts `aws <arguments> --endpoint-url <endpoint>`; the caller collects it with finish().
    std::unique_ptr<QProcess> start(const QStringList &arguments) const
    {
        auto process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &name : env.keys()) {
            if (name.startsWith(QLatin1String("AWS_")))
                env.remove(name);
        }
        env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), m_credentials.accessKeyId);
        env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), m_credentials.secretAccessKey);
        if (!m_credentials.sessionToken.isEmpty())
            env.insert(QStringLiteral("AWS_SESSION_TOKEN"), m_credentials.sessionToken);
        env.insert(QStringLiteral("AWS_CONFIG_FILE"), m_dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"),
                   m_dir.filePath(QStringLiteral("credentials")));
        env.insert(QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true"));
        env.insert(QStringLiteral("AWS_MAX_ATTEMPTS"), QStringLiteral("1"));
        env.insert(QStringLiteral("AWS_RETRY_MODE"), QStringLiteral("standard"));
        env.insert(QStringLiteral("AWS_PAGER"), QString());
        process->setProcessEnvironment(env);
        if (!m_workingDirectory.isEmpty())
            process->setWorkingDirectory(m_workingDirectory);
        process->start(path(), arguments + QStringList{QStringLiteral("--endpoint-url"), m_endpoint});
        return process;
    }

    // Waits for a started CLI with the event loop turning; kills it after timeoutMs.
    static Run finish(QProcess &process, int timeoutMs = 60000)
    {
        Run result;
        if (process.state() != QProcess::NotRunning) {
            QEventLoop loop;
            QTimer timer;
            timer.setSingleShot(true);
            QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
            QObject::connect(&process, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
            QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
            timer.start(timeoutMs);
            loop.exec();
        }
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
            result.err = process.readAllStandardError();
            return result;
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }

    Run run(const QStringList &arguments, int timeoutMs = 60000) const
    {
        const std::unique_ptr<QProcess> process = start(arguments);
        return finish(*process, timeoutMs);
    }

    // `aws configure export-credentials --profile PROFILE --format process` with `config` as the
    // whole ~/.aws/config: what the CLI makes of a profile (e.g. its credential_process). The
    // event loop turns meanwhile, so a stand-in server on this thread can answer.
    static Run exportCredentials(const QByteArray &config, const QString &profile, int timeoutMs = 60000)
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("config")));
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(config);
        file.close();
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &name : env.keys()) {
            if (name.startsWith(QLatin1String("AWS_")))
                env.remove(name);
        }
        env.insert(QStringLiteral("AWS_CONFIG_FILE"), file.fileName());
        env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), dir.filePath(QStringLiteral("none")));
        process.setProcessEnvironment(env);
        process.start(path(), {QStringLiteral("configure"), QStringLiteral("export-credentials"), QStringLiteral("--profile"),
                               profile, QStringLiteral("--format"), QStringLiteral("process")});
        return finish(process, timeoutMs);
    }

    // A file in this CLI's temporary folder (payloads, outfiles).
    QString filePath(const QString &name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
    QString m_endpoint;
    Credentials m_credentials;
    QString m_workingDirectory;
};

} // namespace GatehouseTest
