#pragma once

#include "core/result.h"
#include "functionconfig.h"
#include "workerprocess.h"

#include <QString>
#include <memory>

class QTemporaryDir;

namespace Gatehouse::Emulator {

// Turns a function's runtime into the command line and the AWS-shaped environment of one
// worker; the shipped bootstraps are extracted once into a private temporary folder.
class WorkerLauncher
{
public:
    struct Settings
    {
        QString runtimeApi; // "127.0.0.1:4577/_runtime/<workerId>"
        QString region;
        QString version = QStringLiteral("$LATEST"); // the version the worker runs
    };

    WorkerLauncher();
    ~WorkerLauncher();

    Core::Result<WorkerProcess::Spec> spec(const FunctionConfig &function,
                                           const Settings &settings);

private:
    bool extractBootstraps();
    QStringList environment(const FunctionConfig &function, const Settings &settings,
                            const QString &runtimeDir) const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

} // namespace Gatehouse::Emulator
