#pragma once

// The gatehouse executable as a test runs it: arguments, optional standard input and
// environment; waits with the event loop turning (so servers in the test process answer) and
// kills it after 30 s. Header-only, like awscli.h.
#include <QByteArray>
#include <QProcess>
#include <QSignalSpy>
#include <QStringList>

namespace GatehouseTest {

struct GatehouseRun
{
    int exitCode = -1; // -1: did not finish in time; -2: crashed
    QByteArray out;
    QByteArray err;
};

inline GatehouseRun runGatehouse(const QStringList &arguments, const QByteArray &input = {},
                                 const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(GATEHOUSE_EXECUTABLE), arguments);
    process.write(input);
    process.closeWriteChannel();
    QSignalSpy finished(&process, &QProcess::finished);
    GatehouseRun run;
    if (!finished.wait(30000)) {
        process.kill();
        process.waitForFinished(5000);
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace GatehouseTest
