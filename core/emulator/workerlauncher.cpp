#include "workerlauncher.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace Gatehouse::Emulator {

namespace {

const QStringList &reservedVariables()
{
    static const QStringList names = {QStringLiteral("_HANDLER"),
                                      QStringLiteral("AWS_LAMBDA_RUNTIME_API"),
                                      QStringLiteral("LAMBDA_TASK_ROOT"),
                                      QStringLiteral("LAMBDA_RUNTIME_DIR"),
                                      QStringLiteral("AWS_LAMBDA_FUNCTION_NAME"),
                                      QStringLiteral("AWS_LAMBDA_FUNCTION_VERSION"),
                                      QStringLiteral("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"),
                                      QStringLiteral("AWS_LAMBDA_LOG_GROUP_NAME"),
                                      QStringLiteral("AWS_LAMBDA_LOG_STREAM_NAME"),
                                      QStringLiteral("AWS_REGION"),
                                      QStringLiteral("AWS_DEFAULT_REGION"),
                                      QStringLiteral("AWS_EXECUTION_ENV"),
                                      QStringLiteral("AWS_LAMBDA_INITIALIZATION_TYPE")};
    return names;
}

QString interpreter(const QString &preferred, const QString &name)
{
    if (QFileInfo(preferred).isExecutable())
        return preferred;
    return QStandardPaths::findExecutable(name);
}

QString logStreamName(const QString &version)
{
    QString suffix;
    for (int i = 0; i < 32; ++i)
        suffix += QChar::fromLatin1("0123456789abcdef"[QRandomGenerator::global()->bounded(16)]);
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy/MM/dd")) +
           QStringLiteral("/[") + version + QLatin1Char(']') + suffix;
}

} // namespace

WorkerLauncher::WorkerLauncher() = default;
WorkerLauncher::~WorkerLauncher() = default;

Core::Result<WorkerProcess::Spec> WorkerLauncher::spec(const FunctionConfig &function,
                                                       const Settings &settings)
{
    if (!extractBootstraps())
        return Core::makeError(Core::ErrorCode::Io,
                               QStringLiteral("Cannot extract the runtime bootstraps"));
    WorkerProcess::Spec spec;
    spec.workingDirectory = function.codeDir;
    QString runtimeDir;
    if (function.runtime.startsWith(QLatin1String("python3"))) {
        runtimeDir = m_dir->filePath(QStringLiteral("python"));
        spec.program = interpreter(QStringLiteral("/usr/bin/python3"), QStringLiteral("python3"));
        spec.arguments = {QStringLiteral("-u"), runtimeDir + QStringLiteral("/bootstrap.py")};
    } else if (function.runtime.startsWith(QLatin1String("nodejs"))) {
        runtimeDir = m_dir->filePath(QStringLiteral("nodejs"));
        spec.program = interpreter(QStringLiteral("/usr/bin/node"), QStringLiteral("node"));
        spec.arguments = {runtimeDir + QStringLiteral("/bootstrap.js")};
    } else if (function.runtime.startsWith(QLatin1String("provided"))) {
        runtimeDir = function.codeDir;
        spec.program = QDir(function.codeDir).filePath(QStringLiteral("bootstrap"));
        if (!QFileInfo(spec.program).isExecutable())
            return Core::makeError(
                Core::ErrorCode::NotFound,
                QStringLiteral("Couldn't find valid bootstrap(s): [%1]").arg(spec.program));
    } else {
        return Core::makeError(
            Core::ErrorCode::InvalidArgument,
            QStringLiteral("Runtime %1 is not supported by the emulator").arg(function.runtime));
    }
    if (spec.program.isEmpty())
        return Core::makeError(
            Core::ErrorCode::NotFound,
            QStringLiteral("No interpreter found for runtime %1").arg(function.runtime));
    spec.environment = environment(function, settings, runtimeDir);
    return spec;
}

QStringList WorkerLauncher::environment(const FunctionConfig &function, const Settings &settings,
                                        const QString &runtimeDir) const
{
    QString path = qEnvironmentVariable("PATH");
    if (path.isEmpty())
        path = QStringLiteral("/usr/local/bin:/usr/bin:/bin");
    QStringList env = {
        QStringLiteral("AWS_LAMBDA_RUNTIME_API=") + settings.runtimeApi,
        QStringLiteral("_HANDLER=") + function.handler,
        QStringLiteral("LAMBDA_TASK_ROOT=") + function.codeDir,
        QStringLiteral("LAMBDA_RUNTIME_DIR=") + runtimeDir,
        QStringLiteral("AWS_LAMBDA_FUNCTION_NAME=") + function.name,
        QStringLiteral("AWS_LAMBDA_FUNCTION_VERSION=") + settings.version,
        QStringLiteral("AWS_LAMBDA_FUNCTION_MEMORY_SIZE=%1").arg(function.memoryMb),
        QStringLiteral("AWS_LAMBDA_LOG_GROUP_NAME=/aws/lambda/") + function.name,
        QStringLiteral("AWS_LAMBDA_LOG_STREAM_NAME=") + logStreamName(settings.version),
        QStringLiteral("AWS_LAMBDA_INITIALIZATION_TYPE=on-demand"),
        QStringLiteral("AWS_REGION=") + settings.region,
        QStringLiteral("AWS_DEFAULT_REGION=") + settings.region,
        QStringLiteral("AWS_EXECUTION_ENV=AWS_Lambda_") + function.runtime,
        // SDKs and the lab handlers reach the emulator's APIs (e.g. @connections) through it.
        QStringLiteral("AWS_ENDPOINT_URL=http://") + settings.runtimeApi.section(QLatin1Char('/'), 0, 0),
        QStringLiteral("TZ=:UTC"),
        QStringLiteral("LANG=en_US.UTF-8"),
        QStringLiteral("PATH=") + path,
        QStringLiteral("HOME=") + m_dir->filePath(QStringLiteral("home")),
        // The code folder stays untouched, as /var/task is read-only on Lambda.
        QStringLiteral("PYTHONPYCACHEPREFIX=") + m_dir->filePath(QStringLiteral("pycache")),
    };
    for (const auto &[name, value] : function.environment) {
        if (!reservedVariables().contains(name))
            env.append(name + QLatin1Char('=') + value);
    }
    return env;
}

bool WorkerLauncher::extractBootstraps()
{
    if (m_dir)
        return true;
    auto dir = std::make_unique<QTemporaryDir>(QDir::tempPath() +
                                               QStringLiteral("/gatehouse-runtimes-XXXXXX"));
    if (!dir->isValid())
        return false;
    for (const QString &name :
         {QStringLiteral("python/bootstrap.py"), QStringLiteral("nodejs/bootstrap.js")}) {
        const QString target = dir->filePath(name);
        if (!QDir().mkpath(QFileInfo(target).path()) ||
            !QFile::copy(QStringLiteral(":/gatehouse/runtimes/") + name, target))
            return false;
    }
    if (!QDir().mkpath(dir->filePath(QStringLiteral("home"))))
        return false;
    m_dir = std::move(dir);
    return true;
}

} // namespace Gatehouse::Emulator
