#pragma once

#include "core/requestspec.h"
#include "core/result.h"
#include "core/variables.h"

#include <QStringList>

namespace Gatehouse::App {

// Exit codes shared by every CLI command (README documents them).
enum ExitCode {
    ExitOk = 0,
    ExitFailure = 1,        // the command ran and failed (e.g. the emulator could not start)
    ExitUsage = 2,          // wrong arguments or unusable input (bad file, unresolved variable)
    ExitTransport = 3,      // no HTTP answer: DNS, refused, TLS, timeout, dropped connection
    ExitHttpError = 4,      // the server answered with a status of 400 or more
    ExitTokenRefused = 5,   // jwt verify: the signature or key does not hold
    ExitClaimsRefused = 6,  // jwt verify: signed correctly, but a claim check failed
};

// Each takes the arguments after the command name; the QCoreApplication exists already.
int runEmulatorCommand(const QStringList &arguments);
int runRequestCommand(const QStringList &arguments);
int runSignCommand(const QStringList &arguments);
int runWhoamiCommand(const QStringList &arguments);
int runLambdaCommand(const QStringList &arguments);
int runConnectionsCommand(const QStringList &arguments);
int runJwtCommand(const QStringList &arguments);
int runCognitoCommand(const QStringList &arguments);
int runImportCommand(const QStringList &arguments);
int runRunCommand(const QStringList &arguments);
int runHistoryCommand(const QStringList &arguments);
int runWsCommand(const QStringList &arguments);
int runGraphQLCommand(const QStringList &arguments);

// The error of a command line a person got wrong; the message says what and how to fix it.
Core::Error usageError(const QString &message);
// -H 'Name: value' and -d BODY|@FILE, shared by request and sign: true when `option` was one
// of them and went into `spec`, false when it is another option.
Core::Result<bool> applyContentOption(Core::RequestSpec &spec, const QString &option,
                                      const QString &value);

// --env NAME|FILE of request and run: an environment file (Postman export or flat JSON), else a
// saved environment of the GUI by name. Empty secret values come from the secret store, else from
// GATEHOUSE_SECRET_<KEY>; a secret with neither is left out and named in a note on stderr (never
// its value). Waits for the secret store: the CLI may block.
Core::Result<Core::Environment> resolveEnvironmentArgument(const QString &nameOrFile, const QString &command);

// The GUI; argc/argv go to QApplication.
int runGui(int &argc, char **argv);

QString usageText();

} // namespace Gatehouse::App
