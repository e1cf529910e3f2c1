#include "commands.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

using namespace Gatehouse::App;

namespace {

bool hasDisplay()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY")
           || qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
}

void print(FILE *stream, const QString &text)
{
    QTextStream(stream) << text;
}

using Command = int (*)(const QStringList &);

// The CLI command named `name`, or nullptr.
Command commandNamed(const QString &name)
{
    static const QList<QPair<QLatin1String, Command>> commands = {
        {QLatin1String("emulator"), &runEmulatorCommand},
        {QLatin1String("request"), &runRequestCommand},
        {QLatin1String("sign"), &runSignCommand},
        {QLatin1String("whoami"), &runWhoamiCommand},
        {QLatin1String("lambda"), &runLambdaCommand},
        {QLatin1String("connections"), &runConnectionsCommand},
        {QLatin1String("jwt"), &runJwtCommand},
        {QLatin1String("cognito"), &runCognitoCommand},
        {QLatin1String("import"), &runImportCommand},
        {QLatin1String("run"), &runRunCommand},
        {QLatin1String("history"), &runHistoryCommand},
        {QLatin1String("ws"), &runWsCommand},
        {QLatin1String("graphql"), &runGraphQLCommand},
    };
    for (const auto &[commandName, run] : commands) {
        if (name == commandName)
            return run;
    }
    return nullptr;
}

int runCommand(int &argc, char **argv, const QString &name, const QStringList &rest)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("gatehouse"));
    QCoreApplication::setApplicationVersion(QStringLiteral(GATEHOUSE_VERSION));
    // emulator and request print their own help; the others share the usage text.
    const bool ownHelp = name == QLatin1String("emulator") || name == QLatin1String("request");
    if (!ownHelp && (rest.contains(QLatin1String("--help")) || rest.contains(QLatin1String("-h")))) {
        print(stdout, usageText());
        return ExitOk;
    }
    return commandNamed(name)(rest);
}

} // namespace

int main(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    const QString command = arguments.value(0);

    if (command == QLatin1String("--help") || command == QLatin1String("-h")
        || command == QLatin1String("help")) {
        print(stdout, usageText());
        return ExitOk;
    }
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        print(stdout, QStringLiteral("gatehouse %1\n").arg(QStringLiteral(GATEHOUSE_VERSION)));
        return ExitOk;
    }
    if (commandNamed(command))
        return runCommand(argc, argv, command, arguments.mid(1));
    if (!command.isEmpty() && !command.startsWith(QLatin1Char('-'))) {
        print(stderr, QStringLiteral("gatehouse: unknown command '%1'. Run 'gatehouse --help' "
                                     "to see the commands.\n")
                          .arg(command));
        return ExitUsage;
    }
    if (!hasDisplay()) {
        print(stderr,
              QStringLiteral(
                  "gatehouse: no display to show the window on (DISPLAY and WAYLAND_DISPLAY "
                  "are not set).\nStart it inside a desktop session, or use a command, e.g. "
                  "'gatehouse emulator' or 'gatehouse request GET URL'. 'gatehouse --help' "
                  "lists them.\n"));
        return ExitFailure;
    }
    return runGui(argc, argv);
}
