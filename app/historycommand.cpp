#include "commands.h"

#include "core/history/requesthistory.h"

#include <QCoreApplication>
#include <QTextStream>

namespace Gatehouse::App {

namespace {

struct HistoryOptions
{
    QString search;
    int limit = -1; // every entry
    bool json = false;
};

Core::Result<HistoryOptions> parseHistoryArguments(const QStringList &arguments)
{
    HistoryOptions options;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == QLatin1String("--json")) {
            options.json = true;
        } else if (argument == QLatin1String("--search") || argument == QLatin1String("--limit")) {
            if (i + 1 >= arguments.size())
                return usageError(QStringLiteral("%1 needs a value.").arg(argument));
            const QString value = arguments.at(++i);
            if (argument == QLatin1String("--search")) {
                options.search = value;
                continue;
            }
            bool ok = false;
            options.limit = value.toInt(&ok);
            if (!ok || options.limit < 0)
                return usageError(
                    QStringLiteral("--limit takes a number of entries, not '%1'.").arg(value));
        } else {
            return usageError(QStringLiteral("unknown argument '%1'. Use --search TEXT, --limit N, "
                                             "--json.")
                                  .arg(argument));
        }
    }
    return options;
}

} // namespace

int runHistoryCommand(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const Core::Result<HistoryOptions> options = parseHistoryArguments(arguments);
    if (!options) {
        err << "gatehouse history: " << options.error().message << "\n";
        return ExitUsage;
    }
    // The GUI's names (app/gui.cpp), so AppDataLocation is the folder it writes history to.
    QCoreApplication::setOrganizationName(QStringLiteral("Gatehouse"));
    QCoreApplication::setApplicationName(QStringLiteral("Gatehouse"));
    const Core::History::RequestHistory history(Core::History::RequestHistory::defaultPath());
    if (history.skippedLines() > 0)
        err << "gatehouse history: " << history.skippedLines() << " broken line(s) of "
            << history.path() << " skipped\n";
    QList<Core::History::HistoryEntry> entries = history.search(options->search);
    if (options->limit >= 0)
        entries = entries.mid(0, options->limit);
    for (const Core::History::HistoryEntry &entry : std::as_const(entries)) {
        if (options->json)
            out << QString::fromUtf8(Core::History::summaryLine(entry)) << "\n";
        else
            out << entry.summary() << "\n";
    }
    return ExitOk;
}

} // namespace Gatehouse::App
