#include "commands.h"

#include "awstargetoptions.h"

#include "core/aws/lambdaclient.h"
#include "core/aws/stsclient.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QTextStream>

#include <algorithm>
#include <functional>

namespace Gatehouse::App {

namespace {

using namespace Core::Aws;

struct LambdaOptions
{
    AwsTargetOptions target;
    QString action;      // list, versions, aliases, publish, alias, invoke
    QStringList operands; // FN, NAME, VERSION...
    QString description;
    bool hasDescription = false;
    QMap<QString, double> weights;
    QString payload;
    bool hasPayload = false;
    bool log = false;
    bool allVersions = false; // list --all: every version (FunctionVersion=ALL)
};

const QStringList Actions = {QStringLiteral("list"),  QStringLiteral("versions"), QStringLiteral("aliases"),
                             QStringLiteral("publish"), QStringLiteral("alias"),  QStringLiteral("invoke")};

int operandCount(const QString &action)
{
    if (action == QLatin1String("list"))
        return 0;
    return action == QLatin1String("alias") ? 3 : 1;
}

Core::Result<void> addWeight(LambdaOptions &options, const QString &text)
{
    const qsizetype equals = text.indexOf(QLatin1Char('='));
    bool ok = false;
    const double weight = equals > 0 ? text.mid(equals + 1).toDouble(&ok) : 0.0;
    if (!ok)
        return usageError(QStringLiteral("--weight takes VERSION=WEIGHT, e.g. 2=0.1, not '%1'.").arg(text));
    options.weights.insert(text.left(equals), weight);
    return {};
}

// Options that belong to the lambda actions: true when `arg` was one (i moved past its value).
Core::Result<bool> takeLambdaOption(LambdaOptions &options, const QStringList &arguments, qsizetype &i)
{
    const QString &arg = arguments.at(i);
    if (arg == QLatin1String("--log") || arg == QLatin1String("--all")) {
        (arg == QLatin1String("--log") ? options.log : options.allVersions) = true;
        return true;
    }
    const bool known = arg == QLatin1String("-m") || arg == QLatin1String("--description")
                       || arg == QLatin1String("--weight") || arg == QLatin1String("--payload");
    if (!known)
        return false;
    if (i + 1 >= arguments.size())
        return usageError(QStringLiteral("%1 needs a value.").arg(arg));
    const QString value = arguments.at(++i);
    if (arg == QLatin1String("--weight")) {
        const Core::Result<void> added = addWeight(options, value);
        if (!added)
            return added.error();
    } else if (arg == QLatin1String("--payload")) {
        options.payload = value;
        options.hasPayload = true;
    } else {
        options.description = value;
        options.hasDescription = true;
    }
    return true;
}

Core::Result<LambdaOptions> parseLambdaArguments(const QStringList &arguments)
{
    LambdaOptions options;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const Core::Result<bool> target = takeAwsTargetOption(options.target, arguments, i);
        if (!target)
            return usageError(target.error().message);
        if (*target)
            continue;
        const Core::Result<bool> own = takeLambdaOption(options, arguments, i);
        if (!own)
            return own.error();
        if (*own)
            continue;
        if (arguments.at(i).startsWith(QLatin1Char('-')))
            return usageError(QStringLiteral("unknown option '%1'.").arg(arguments.at(i)));
        if (options.action.isEmpty())
            options.action = arguments.at(i);
        else
            options.operands.append(arguments.at(i));
    }
    if (!Actions.contains(options.action))
        return usageError(QStringLiteral("lambda needs one of %1.").arg(Actions.join(QStringLiteral(", "))));
    if (options.operands.size() != operandCount(options.action))
        return usageError(QStringLiteral("lambda %1 takes %2 argument(s); see gatehouse --help.")
                              .arg(options.action)
                              .arg(operandCount(options.action)));
    const Core::Result<void> checked = checkAwsTargetOptions(options.target);
    if (!checked)
        return usageError(checked.error().message);
    return options;
}

// The payload bytes: the text itself or @FILE's content, which must be JSON.
Core::Result<QByteArray> payloadBytes(const LambdaOptions &options)
{
    if (!options.hasPayload)
        return QByteArray("{}");
    QByteArray bytes = options.payload.toUtf8();
    if (options.payload.startsWith(QLatin1Char('@'))) {
        QFile file(options.payload.mid(1));
        if (!file.open(QIODevice::ReadOnly))
            return usageError(QStringLiteral("cannot read the payload file %1: %2").arg(file.fileName(), file.errorString()));
        bytes = file.readAll();
    }
    QJsonParseError parseError;
    QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error == QJsonParseError::NoError)
        return bytes;
    const QByteArray before = bytes.left(parseError.offset);
    const qsizetype line = before.count('\n') + 1;
    const qsizetype column = parseError.offset - (before.lastIndexOf('\n') + 1) + 1;
    return usageError(QStringLiteral("the payload is not JSON: %1 at line %2, column %3.")
                          .arg(parseError.errorString())
                          .arg(line)
                          .arg(column));
}

QString percent(double weight)
{
    return QString::number(weight * 100.0, 'g', 6) + QStringLiteral(" %");
}

// "live -> 1 (90 %), 2 (10 %)"
QString describeAlias(const LambdaAliasConfiguration &alias)
{
    if (alias.additionalVersionWeights.isEmpty())
        return alias.name + QStringLiteral(" -> ") + alias.functionVersion;
    double rest = 1.0;
    QStringList parts;
    for (auto it = alias.additionalVersionWeights.constBegin(); it != alias.additionalVersionWeights.constEnd(); ++it) {
        rest -= it.value();
        parts.append(QStringLiteral("%1 (%2)").arg(it.key(), percent(it.value())));
    }
    parts.prepend(QStringLiteral("%1 (%2)").arg(alias.functionVersion, percent(rest)));
    return alias.name + QStringLiteral(" -> ") + parts.join(QStringLiteral(", "));
}

void printTable(const QStringList &headers, const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QString &header : headers)
        widths.append(header.size());
    for (const QStringList &row : rows)
        for (qsizetype c = 0; c < row.size() && c < widths.size(); ++c)
            widths[c] = std::max(widths[c], row.at(c).size());
    QTextStream out(stdout);
    const auto printRow = [&](const QStringList &cells) {
        QStringList padded;
        for (qsizetype c = 0; c < cells.size(); ++c)
            padded.append(c + 1 == cells.size() ? cells.at(c) : cells.at(c).leftJustified(widths.at(c)));
        out << padded.join(QStringLiteral("  ")) << "\n";
    };
    printRow(headers);
    for (const QStringList &row : rows)
        printRow(row);
}

void printFunctions(const QList<LambdaFunctionConfiguration> &functions, bool withVersion)
{
    QList<QStringList> rows;
    for (const auto &f : functions) {
        QStringList row = {f.functionName, f.runtime, QString::number(f.memorySize), QString::number(f.timeout),
                           f.lastModified};
        if (withVersion)
            row.insert(1, f.version);
        rows.append(row);
    }
    QStringList headers = {QStringLiteral("NAME"), QStringLiteral("RUNTIME"), QStringLiteral("MEMORY"),
                           QStringLiteral("TIMEOUT"), QStringLiteral("LAST MODIFIED")};
    if (withVersion)
        headers.insert(1, QStringLiteral("VERSION"));
    printTable(headers, rows);
}

void printVersions(const QList<LambdaFunctionConfiguration> &versions)
{
    QList<QStringList> rows;
    for (const auto &v : versions)
        rows.append({v.version, v.codeSha256, v.lastModified, v.description});
    printTable({QStringLiteral("VERSION"), QStringLiteral("CODE SHA256"), QStringLiteral("LAST MODIFIED"),
                QStringLiteral("DESCRIPTION")},
               rows);
}

void printAliases(const QList<LambdaAliasConfiguration> &aliases)
{
    QTextStream out(stdout);
    for (const auto &alias : aliases)
        out << describeAlias(alias)
            << (alias.description.isEmpty() ? QString() : QStringLiteral("  # ") + alias.description) << "\n";
}

// Runs one action; finish() is called exactly once with the exit code.
class LambdaRun
{
public:
    using Finish = std::function<void(int)>;

    LambdaRun(LambdaClient *client, const LambdaOptions &options, Finish finish)
        : m_client(client), m_options(options), m_finish(std::move(finish))
    {
    }

    void start();

private:
    void fail(const Core::Error &error)
    {
        const bool named = error.awsCode.isEmpty() || error.message.contains(error.awsCode);
        QTextStream(stderr) << "gatehouse lambda " << m_options.action << ": "
                            << (named ? QString() : error.awsCode + QStringLiteral(": ")) << error.message << "\n";
        m_finish(exitCodeForAwsError(error));
    }
    void alias();
    void putAlias(bool exists);
    void invoke();

    LambdaClient *m_client;
    LambdaOptions m_options;
    Finish m_finish;
};

void LambdaRun::start()
{
    const QString &action = m_options.action;
    const QString fn = m_options.operands.value(0);
    if (action == QLatin1String("list")) {
        LambdaPageRequest page;
        page.allVersions = m_options.allVersions;
        m_client->listAllFunctions(page, m_client, {}, [this](const Core::Result<QList<LambdaFunctionConfiguration>> &r) {
            if (!r)
                return fail(r.error());
            printFunctions(*r, m_options.allVersions);
            m_finish(ExitOk);
        });
    } else if (action == QLatin1String("versions")) {
        m_client->listAllVersionsByFunction(fn, {}, m_client, {},
                                            [this](const Core::Result<QList<LambdaFunctionConfiguration>> &r) {
            if (!r)
                return fail(r.error());
            printVersions(*r);
            m_finish(ExitOk);
        });
    } else if (action == QLatin1String("aliases")) {
        m_client->listAliases(fn, m_client, [this](const Core::Result<QList<LambdaAliasConfiguration>> &r) {
            if (!r)
                return fail(r.error());
            printAliases(*r);
            m_finish(ExitOk);
        });
    } else if (action == QLatin1String("publish")) {
        m_client->publishVersion(fn, m_options.description, m_client,
                                 [this](const Core::Result<LambdaFunctionConfiguration> &r) {
            if (!r)
                return fail(r.error());
            QTextStream(stdout) << "Published version " << r->version << " of " << r->functionName << " ("
                                << r->codeSha256 << ")\n";
            m_finish(ExitOk);
        });
    } else if (action == QLatin1String("alias")) {
        alias();
    } else {
        invoke();
    }
}

void LambdaRun::alias()
{
    const QString fn = m_options.operands.at(0);
    const QString name = m_options.operands.at(1);
    m_client->getAlias(fn, name, m_client, [this](const Core::Result<LambdaAliasConfiguration> &r) {
        if (!r && r.error().awsCode != QLatin1String("ResourceNotFoundException"))
            return fail(r.error());
        putAlias(r.ok());
    });
}

void LambdaRun::putAlias(bool exists)
{
    LambdaAliasSpec spec;
    spec.functionVersion = m_options.operands.at(2);
    spec.additionalVersionWeights = m_options.weights;
    spec.description = m_options.description;
    spec.sendDescription = m_options.hasDescription || !exists;
    const auto done = [this, exists](const Core::Result<LambdaAliasConfiguration> &r) {
        if (!r)
            return fail(r.error());
        QTextStream(stdout) << (exists ? "Updated " : "Created ") << describeAlias(*r) << "\n";
        m_finish(ExitOk);
    };
    const QString fn = m_options.operands.at(0);
    const QString name = m_options.operands.at(1);
    if (exists)
        m_client->updateAlias(fn, name, spec, m_client, done);
    else
        m_client->createAlias(fn, name, spec, m_client, done);
}

void LambdaRun::invoke()
{
    const QString target = m_options.operands.at(0);
    const qsizetype colon = target.lastIndexOf(QLatin1Char(':'));
    const bool qualified = colon > 0 && !target.startsWith(QLatin1String("arn:"));
    LambdaInvokeRequest request;
    request.functionName = qualified ? target.left(colon) : target;
    request.qualifier = qualified ? target.mid(colon + 1) : QString();
    request.tailLog = m_options.log;
    const Core::Result<QByteArray> payload = payloadBytes(m_options);
    if (!payload) {
        QTextStream(stderr) << "gatehouse lambda invoke: " << payload.error().message << "\n";
        return m_finish(ExitUsage);
    }
    request.payload = *payload;
    m_client->invoke(request, m_client, [this](const Core::Result<LambdaInvokeResult> &r) {
        if (!r)
            return fail(r.error());
        QTextStream out(stdout);
        out << QString::fromUtf8(r->payload) << (r->payload.endsWith('\n') ? "" : "\n");
        out.flush();
        QTextStream err(stderr);
        if (m_options.log)
            err << QString::fromUtf8(r->logResult) << "Executed version: " << r->executedVersion << "\n";
        if (!r->functionError.isEmpty()) {
            err << "Function error: " << r->functionError << "\n";
            return m_finish(ExitFailure);
        }
        m_finish(ExitOk);
    });
}

} // namespace

int runLambdaCommand(const QStringList &arguments)
{
    QTextStream err(stderr);
    const Core::Result<LambdaOptions> options = parseLambdaArguments(arguments);
    if (!options) {
        err << "gatehouse lambda: " << options.error().message << "\n";
        return ExitUsage;
    }
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    Core::Aws::StsClient sts; // assumes the role of role_arn profiles
    const Core::Result<AwsTargetPlan> plan =
        planAwsTarget(QStringLiteral("lambda"), options->target, env, &sts, QString());
    if (!plan) {
        err << "gatehouse lambda: " << plan.error().message << "\n";
        return ExitUsage;
    }
    LambdaClient client(plan->credentials.get(), plan->region, plan->endpoint);
    int exitCode = ExitFailure;
    LambdaRun run(&client, *options, [&exitCode](int code) {
        exitCode = code;
        QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
    });
    run.start();
    QCoreApplication::exec();
    return exitCode;
}

} // namespace Gatehouse::App
