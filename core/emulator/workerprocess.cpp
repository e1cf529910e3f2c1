#include "workerprocess.h"

#include <QList>
#include <QSocketNotifier>
#include <QTimer>
#include <cerrno>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace Gatehouse::Emulator {

namespace {

constexpr qsizetype MaxBufferedOutput = 16 * 1024 * 1024;

// Children killed while their WorkerProcess was destroyed; reaped later without blocking.
QList<pid_t> &orphans()
{
    static QList<pid_t> list;
    return list;
}

void reapOrphans()
{
    orphans().removeIf([](pid_t pid) {
        int status = 0;
        const pid_t r = ::waitpid(pid, &status, WNOHANG);
        return r == pid || (r < 0 && errno == ECHILD);
    });
}

QString describeStatus(int status)
{
    if (WIFEXITED(status))
        return QStringLiteral("exit status %1").arg(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) {
        QString name = QString::fromLocal8Bit(::strsignal(WTERMSIG(status)));
        if (!name.isEmpty())
            name[0] = name.at(0).toLower();
        return QStringLiteral("signal: ") + name;
    }
    return QStringLiteral("exit status unknown");
}

class CStrings
{
public:
    explicit CStrings(const QStringList &list)
    {
        for (const QString &s : list)
            m_storage.push_back(s.toLocal8Bit());
        for (QByteArray &b : m_storage)
            m_pointers.push_back(b.data());
        m_pointers.push_back(nullptr);
    }
    char *const *data() { return m_pointers.data(); }

private:
    std::vector<QByteArray> m_storage;
    std::vector<char *> m_pointers;
};

Core::Error spawnError(const QString &what, int err)
{
    return Core::makeError(Core::ErrorCode::Internal,
                           what + QStringLiteral(": ") + QString::fromLocal8Bit(::strerror(err)));
}

// posix_spawn (vfork-fast, no code of ours runs in the child): a new session, stdin from
// /dev/null, stdout and stderr into the pipe, default signal dispositions, the given folder.
int spawnChild(const WorkerProcess::Spec &spec, int outputFd, pid_t *pid)
{
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, outputFd, 1);
    posix_spawn_file_actions_adddup2(&actions, outputFd, 2);
    const QByteArray workDir = spec.workingDirectory.toLocal8Bit();
    if (!workDir.isEmpty())
        posix_spawn_file_actions_addchdir_np(&actions, workDir.constData());

    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none;
    sigemptyset(&none);
    sigset_t defaults;
    sigemptyset(&defaults);
    for (int sig : {SIGPIPE, SIGCHLD, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2})
        sigaddset(&defaults, sig);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr,
                             POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    CStrings argv(QStringList{spec.program} + spec.arguments);
    CStrings envp(spec.environment);
    const QByteArray program = spec.program.toLocal8Bit();
    const int rc =
        ::posix_spawn(pid, program.constData(), &actions, &attr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    return rc;
}

} // namespace

WorkerProcess::WorkerProcess(QObject *parent)
    : QObject(parent)
{}

WorkerProcess::~WorkerProcess()
{
    if (m_running) {
        ::kill(-static_cast<pid_t>(m_pid), SIGKILL);
        ::kill(static_cast<pid_t>(m_pid), SIGKILL);
        orphans().append(static_cast<pid_t>(m_pid));
    }
    closeOutput();
    if (m_pidNotifier)
        m_pidNotifier->setEnabled(false);
    if (m_pidFd >= 0)
        ::close(m_pidFd);
    reapOrphans();
}

Core::Result<void> WorkerProcess::start(const Spec &spec)
{
    reapOrphans();
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return spawnError(QStringLiteral("Cannot create the worker's output pipe"), errno);
    ::fcntl(fds[0], F_SETFL, ::fcntl(fds[0], F_GETFL) | O_NONBLOCK);
    pid_t pid = -1;
    const int rc = spawnChild(spec, fds[1], &pid);
    ::close(fds[1]);
    if (rc != 0) {
        ::close(fds[0]);
        return spawnError(QStringLiteral("Cannot start %1").arg(spec.program), rc);
    }

    m_pid = pid;
    m_running = true;
    m_outputFd = fds[0];
    m_outputNotifier = new QSocketNotifier(m_outputFd, QSocketNotifier::Read, this);
    connect(m_outputNotifier, &QSocketNotifier::activated, this, &WorkerProcess::readAvailable);

    m_pidFd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
    if (m_pidFd >= 0) {
        m_pidNotifier = new QSocketNotifier(m_pidFd, QSocketNotifier::Read, this);
        connect(m_pidNotifier, &QSocketNotifier::activated, this, &WorkerProcess::reap);
    } else {
        auto *poll = new QTimer(this);
        connect(poll, &QTimer::timeout, this, &WorkerProcess::reap);
        poll->start(50);
    }
    return {};
}

QByteArray WorkerProcess::takeOutput()
{
    readAvailable();
    return std::exchange(m_output, QByteArray());
}

void WorkerProcess::kill()
{
    if (!m_running)
        return;
    ::kill(-static_cast<pid_t>(m_pid), SIGKILL);
    ::kill(static_cast<pid_t>(m_pid), SIGKILL);
}

int WorkerProcess::peakMemoryMb() const
{
    if (m_pid <= 0)
        return 0;
    const QByteArray path = "/proc/" + QByteArray::number(m_pid) + "/status";
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    char buffer[4096];
    const ssize_t n = ::read(fd, buffer, sizeof(buffer) - 1);
    ::close(fd);
    if (n <= 0)
        return 0;
    const QByteArray status(buffer, n);
    const qsizetype at = status.indexOf("VmHWM:");
    if (at < 0)
        return 0;
    const qsizetype end = status.indexOf('\n', at);
    const QByteArray field = status.mid(at + 6, end - at - 6).trimmed();
    const qint64 kb = field.left(field.indexOf(' ')).toLongLong();
    return static_cast<int>((kb + 1023) / 1024);
}

void WorkerProcess::readAvailable()
{
    if (m_outputFd < 0)
        return;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(m_outputFd, buffer, sizeof(buffer));
        if (n > 0) {
            m_output.append(buffer, n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
            closeOutput();
        break;
    }
    if (m_output.size() > MaxBufferedOutput)
        m_output.remove(0, m_output.size() - MaxBufferedOutput);
}

void WorkerProcess::reap()
{
    if (!m_running)
        return;
    int status = 0;
    const pid_t r = ::waitpid(static_cast<pid_t>(m_pid), &status, WNOHANG);
    if (r == 0 || (r < 0 && errno == EINTR))
        return;
    m_running = false;
    m_exitDescription = r < 0 ? QStringLiteral("exit status unknown") : describeStatus(status);
    if (m_pidNotifier)
        m_pidNotifier->setEnabled(false);
    if (m_pidFd >= 0) {
        ::close(m_pidFd);
        m_pidFd = -1;
    }
    readAvailable();
    emit finished(m_exitDescription);
}

void WorkerProcess::closeOutput()
{
    if (m_outputNotifier) {
        m_outputNotifier->setEnabled(false);
        m_outputNotifier->deleteLater();
        m_outputNotifier = nullptr;
    }
    if (m_outputFd >= 0) {
        ::close(m_outputFd);
        m_outputFd = -1;
    }
}

} // namespace Gatehouse::Emulator
