// gatehouse run DIR: a collection's requests in order, each answer checked against the
// assertions saved with it; for CI jobs and lab checkers.
#include "commands.h"
#include "oauth2cli.h"
#include "core/aws/stsclient.h"
#include "core/collection/collectionrunner.h"
#include "core/collection/collectionstore.h"
#include "core/variables.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <memory>

namespace Gatehouse::App {

namespace {

namespace C = Core::Collection;
using Outcome = C::RequestRun::Outcome;

struct RunOptions
{
    QString directory;
    QString environmentFile;
    QString folder;
    bool bail = false;
    bool json = false;
    bool passwordStdin = false; // --cognito-password-stdin: for an OAuth 2.0 auth's Cognito sign-in
};

Core::Result<RunOptions> parseRunArguments(const QStringList &arguments)
{
    RunOptions options;
    QStringList positional;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        const bool takesValue = arg == QLatin1String("--env") || arg == QLatin1String("--folder") ||
                                arg == QLatin1String("--reporter");
        if (takesValue && i + 1 >= arguments.size())
            return usageError(QStringLiteral("%1 needs a value.").arg(arg));
        if (arg == QLatin1String("--env")) {
            options.environmentFile = arguments.at(++i);
        } else if (arg == QLatin1String("--folder")) {
            options.folder = arguments.at(++i);
        } else if (arg == QLatin1String("--reporter")) {
            const QString reporter = arguments.at(++i);
            if (reporter != QLatin1String("text") && reporter != QLatin1String("json"))
                return usageError(
                    QStringLiteral("--reporter is text or json, not '%1'.").arg(reporter));
            options.json = reporter == QLatin1String("json");
        } else if (arg == QLatin1String("--bail")) {
            options.bail = true;
        } else if (arg == QLatin1String("--cognito-password-stdin")) {
            options.passwordStdin = true;
        } else if (arg.startsWith(QLatin1Char('-')) && arg.size() > 1) {
            return usageError(QStringLiteral("unknown option '%1'.").arg(arg));
        } else {
            positional.append(arg);
        }
    }
    if (positional.size() != 1)
        return usageError(
            QStringLiteral("give one collection folder, e.g. 'gatehouse run labs/bakery-checks'."));
    options.directory = positional.first();
    return options;
}

QString outcomeWord(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Passed:
        return QStringLiteral("PASS");
    case Outcome::Failed:
        return QStringLiteral("FAIL");
    case Outcome::NotSent:
        return QStringLiteral("NOT SENT");
    case Outcome::NoAnswer:
        return QStringLiteral("NO ANSWER");
    }
    return {};
}

QString outcomeKey(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Passed:
        return QStringLiteral("passed");
    case Outcome::Failed:
        return QStringLiteral("failed");
    case Outcome::NotSent:
        return QStringLiteral("notSent");
    case Outcome::NoAnswer:
        return QStringLiteral("noAnswer");
    }
    return {};
}

// One line per request, then its failed assertions (or why it was not answered) indented.
// Secret values of the environment never reach the output, even inside an error (a URL).
void printRequest(QTextStream &out, const C::RequestRun &run, const Core::Environment &environment)
{
    out << QStringLiteral("%1 %2").arg(outcomeWord(run.outcome), -9).arg(run.path);
    if (run.outcome == Outcome::Passed || run.outcome == Outcome::Failed)
        out << QStringLiteral("  %1  %2 ms").arg(run.status).arg(run.elapsedMs);
    out << "\n";
    if (!run.error.isEmpty())
        out << "          " << Core::maskSecretValues(run.error, environment) << "\n";
    for (const C::AssertionResult &result : run.assertions) {
        if (!result.passed)
            out << "          " << result.description << ": expected "
                << Core::maskSecretValues(result.expected, environment) << ", actual "
                << Core::maskSecretValues(result.actual, environment) << "\n";
    }
    out.flush();
}

int exitCodeFor(const C::RunReport &report)
{
    if (report.count(Outcome::NotSent) > 0)
        return ExitUsage;
    if (report.count(Outcome::NoAnswer) > 0)
        return ExitTransport;
    if (report.count(Outcome::Failed) > 0)
        return ExitFailure;
    return ExitOk;
}

QString summary(const C::RunReport &report)
{
    QString text =
        QStringLiteral("%1 requests: %2 passed, %3 failed, %4 not sent, %5 without an answer")
            .arg(report.requests.size())
            .arg(report.count(Outcome::Passed))
            .arg(report.count(Outcome::Failed))
            .arg(report.count(Outcome::NotSent))
            .arg(report.count(Outcome::NoAnswer));
    if (report.skipped > 0)
        text += QStringLiteral(", %1 skipped after --bail").arg(report.skipped);
    return text + QStringLiteral("; %1 of %2 assertions held; %3 ms")
                      .arg(report.assertionsPassed())
                      .arg(report.assertionsTotal())
                      .arg(report.elapsedMs);
}

QByteArray jsonReport(const QString &collection, const C::RunReport &report, int exitCode,
                      const Core::Environment &environment)
{
    QJsonArray requests;
    for (const C::RequestRun &run : report.requests) {
        QJsonArray assertions;
        for (const C::AssertionResult &result : run.assertions)
            assertions.append(QJsonObject{{QStringLiteral("check"), result.description},
                                          {QStringLiteral("passed"), result.passed},
                                          {QStringLiteral("expected"), Core::maskSecretValues(result.expected, environment)},
                                          {QStringLiteral("actual"), Core::maskSecretValues(result.actual, environment)}});
        QJsonObject entry{{QStringLiteral("name"), run.path},
                          {QStringLiteral("method"), run.method},
                          {QStringLiteral("url"), Core::maskSecretValues(run.url, environment)},
                          {QStringLiteral("outcome"), outcomeKey(run.outcome)},
                          {QStringLiteral("status"), run.status},
                          {QStringLiteral("timeMs"), run.elapsedMs},
                          {QStringLiteral("assertions"), assertions}};
        if (!run.error.isEmpty())
            entry.insert(QStringLiteral("error"), Core::maskSecretValues(run.error, environment));
        requests.append(entry);
    }
    const QJsonObject root{{QStringLiteral("collection"), collection},
                           {QStringLiteral("exitCode"), exitCode},
                           {QStringLiteral("elapsedMs"), report.elapsedMs},
                           {QStringLiteral("skipped"), report.skipped},
                           {QStringLiteral("summary"), summary(report)},
                           {QStringLiteral("requests"), requests}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

// What a run needs, checked before anything is sent.
struct RunInput
{
    C::LoadedCollection loaded;
    const C::CollectionFolder *folder = nullptr; // inside loaded
    Core::Environment environment;
};

// Loads the collection (listing every mistake on err), the folder and the environment; an
// error with an empty message when the mistakes were listed already.
Core::Result<std::unique_ptr<RunInput>> prepareRunInput(const RunOptions &options, QTextStream &err)
{
    auto input = std::make_unique<RunInput>();
    Core::Result<C::LoadedCollection> loaded = C::loadCollection(options.directory);
    if (!loaded)
        return loaded.error();
    input->loaded = std::move(loaded).value();
    if (!input->loaded.problems.isEmpty()) {
        for (const C::LoadProblem &problem : input->loaded.problems)
            err << problem.toString() << "\n";
        err << "gatehouse run: " << input->loaded.problems.size()
            << " mistake(s) in the collection; fix them first, nothing was sent.\n";
        return usageError(QString());
    }
    const C::CollectionFolder &root = input->loaded.collection.root;
    input->folder = options.folder.isEmpty() ? &root : C::findFolder(root, options.folder);
    if (!input->folder)
        return usageError(QStringLiteral("the collection has no folder '%1'.").arg(options.folder));
    if (C::requestsInOrder(*input->folder).isEmpty())
        return usageError(
            QStringLiteral("there are no requests to run in %1.").arg(options.directory));
    if (!options.environmentFile.isEmpty()) {
        const Core::Result<Core::Environment> env =
            resolveEnvironmentArgument(options.environmentFile, QStringLiteral("gatehouse run"));
        if (!env)
            return env.error();
        input->environment = *env;
    }
    return input;
}

} // namespace

int runRunCommand(const QStringList &arguments)
{
    QTextStream err(stderr);
    QTextStream out(stdout);
    const Core::Result<RunOptions> options = parseRunArguments(arguments);
    Core::Result<std::unique_ptr<RunInput>> prepared =
        options ? prepareRunInput(*options, err) : options.error();
    if (!prepared) {
        if (!prepared.error().message.isEmpty())
            err << "gatehouse run: " << prepared.error().message << "\n";
        return ExitUsage;
    }
    const std::unique_ptr<RunInput> input = std::move(prepared).value();
    const C::Collection &collection = input->loaded.collection;

    Core::Aws::StsClient sts; // profiles with role_arn assume their role through it
    C::CollectionRunner runner;
    runner.authorizer().setRoleAssumer(&sts);
    runner.setEnvironment(input->environment);
    runner.setBail(options->bail);
    prepareTokenManager(runner.tokens(), QStringLiteral("gatehouse run"));
    runner.setCognitoPassword(cognitoPasswordFromEnvironment(options->passwordStdin));
    int exitCode = ExitFailure;
    if (!options->json) {
        QObject::connect(&runner, &C::CollectionRunner::requestFinished, &runner,
                         [&out, &input](const C::RequestRun &run) { printRequest(out, run, input->environment); });
    }
    QObject::connect(
        &runner, &C::CollectionRunner::finished, &runner, [&](const C::RunReport &report) {
            exitCode = exitCodeFor(report);
            if (options->json)
                out << QString::fromUtf8(jsonReport(collection.name, report, exitCode, input->environment));
            else
                out << summary(report) << "\n";
            out.flush();
            QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
        });
    runner.run(collection, input->folder);
    QCoreApplication::exec();
    return exitCode;
}

} // namespace Gatehouse::App
