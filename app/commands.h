#pragma once

#include "core/result.h"

#include <QStringList>

namespace Gatehouse::App {

// Exit codes shared by every CLI command (README documents them).
enum ExitCode {
    ExitOk = 0,
    ExitFailure = 1,        // the command ran and failed (e.g. the emulator could not start)
    ExitUsage = 2,          // wrong arguments or unusable input (bad file, unresolved variable)
    ExitTransport = 3,      // no HTTP answer: DNS, refused, TLS, timeout, dropped connection
    ExitHttpError = 4,      // the server answered with a status of 400 or more
};

// Each takes the arguments after the command name; the QCoreApplication exists already.
int runEmulatorCommand(const QStringList &arguments);
int runRequestCommand(const QStringList &arguments);
int runSignCommand(const QStringList &arguments);
int runWhoamiCommand(const QStringList &arguments);

// A -d argument: the text itself, or the contents of FILE for "@FILE".
Core::Result<QString> readBodyArgument(const QString &value);

// The GUI; argc/argv go to QApplication.
int runGui(int &argc, char **argv);

QString usageText();

} // namespace Gatehouse::App
