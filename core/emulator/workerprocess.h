#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>

class QSocketNotifier;

namespace Gatehouse::Emulator {

// One function worker as an OS process in its own session: spawned without blocking, its
// merged stdout/stderr drained on demand so output lands in the right invocation, its exit
// noticed through a pidfd, and a kill that takes the whole process group.
class WorkerProcess : public QObject
{
    Q_OBJECT

public:
    struct Spec
    {
        QString program;
        QStringList arguments;
        QStringList environment; // "NAME=value"; the only variables the child sees
        QString workingDirectory;
    };

    explicit WorkerProcess(QObject *parent = nullptr);
    ~WorkerProcess() override;

    Core::Result<void> start(const Spec &spec);
    qint64 pid() const { return m_pid; }
    bool isRunning() const { return m_running; }

    // Reads whatever the pipe holds now, without blocking, and returns all output gathered
    // since the previous call.
    QByteArray takeOutput();
    // SIGKILL to the process group; finished() follows once the kernel reports the exit.
    void kill();
    // Peak resident memory (VmHWM) in MB, or 0 when unknown.
    int peakMemoryMb() const;
    // How the process ended, worded as Lambda does: "exit status 3", "signal: killed".
    QString exitDescription() const { return m_exitDescription; }

signals:
    void finished(const QString &exitDescription);

private:
    void readAvailable();
    void reap();
    void closeOutput();

    qint64 m_pid = -1;
    int m_outputFd = -1;
    int m_pidFd = -1;
    bool m_running = false;
    QSocketNotifier *m_outputNotifier = nullptr;
    QSocketNotifier *m_pidNotifier = nullptr;
    QByteArray m_output;
    QString m_exitDescription;
};

} // namespace Gatehouse::Emulator
