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
    if (command == QLatin1String("emulator") || command == QLatin1String("request")) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("gatehouse"));
        QCoreApplication::setApplicationVersion(QStringLiteral(GATEHOUSE_VERSION));
        const QStringList rest = arguments.mid(1);
        return command == QLatin1String("emulator") ? runEmulatorCommand(rest)
                                                    : runRequestCommand(rest);
    }
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
