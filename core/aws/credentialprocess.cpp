#include "credentialprocess.h"

#include "awsconfig.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <memory>

namespace Gatehouse::Core::Aws {

namespace {

struct ProcessText
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::Aws::CredentialProcess)
};

Error processError(const QString &profile, const QString &what)
{
    return makeError(ErrorCode::InvalidArgument,
                     ProcessText::tr("credential_process of profile '%1' %2").arg(profile, what));
}

QString stderrSummary(QProcess *process)
{
    QString text = QString::fromUtf8(process->readAllStandardError()).trimmed();
    if (text.size() > 500)
        text = text.left(500) + QStringLiteral("…");
    return text;
}

Result<QString> stringField(const nlohmann::json &document, const char *name, bool required,
                            const QString &profile)
{
    const auto it = document.find(name);
    if (it == document.end() || it->is_null()) {
        if (required)
            return processError(profile, ProcessText::tr("printed JSON without %1.")
                                             .arg(QString::fromLatin1(name)));
        return QString();
    }
    if (!it->is_string())
        return processError(profile, ProcessText::tr("printed a %1 that is not a string.")
                                         .arg(QString::fromLatin1(name)));
    return QString::fromStdString(it->get<std::string>());
}

Result<Credentials> finishedResult(QProcess *process, const QString &profile, int exitCode,
                                   QProcess::ExitStatus status)
{
    if (status != QProcess::NormalExit || exitCode != 0) {
        const QString errors = stderrSummary(process);
        return processError(profile, status != QProcess::NormalExit
                                         ? ProcessText::tr("crashed. %1").arg(errors)
                                         : ProcessText::tr("failed with exit code %1: %2")
                                               .arg(exitCode)
                                               .arg(errors.isEmpty() ? ProcessText::tr("(no output on stderr)") : errors));
    }
    QByteArray output = process->readAllStandardOutput();
    const Result<Credentials> credentials = parseCredentialProcessOutput(output, profile);
    output.fill('\0');
    return credentials;
}

} // namespace

Result<Credentials> parseCredentialProcessOutput(const QByteArray &output, const QString &profile)
{
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(output.constData(), output.constData() + output.size());
    } catch (const nlohmann::json::exception &) {
        return processError(profile, ProcessText::tr("did not print JSON (expected {\"Version\": 1, "
                                                     "\"AccessKeyId\": ..., \"SecretAccessKey\": ...})."));
    }
    if (!document.is_object())
        return processError(profile, ProcessText::tr("printed JSON that is not an object."));
    const auto version = document.find("Version");
    if (version == document.end() || !version->is_number_integer() || version->get<int>() != 1)
        return processError(profile, ProcessText::tr("printed JSON without \"Version\": 1 (the only "
                                                     "version the AWS CLI supports)."));
    Credentials credentials;
    for (const auto &[field, target, required] :
         {std::tuple{"AccessKeyId", &credentials.accessKeyId, true},
          std::tuple{"SecretAccessKey", &credentials.secretAccessKey, true},
          std::tuple{"SessionToken", &credentials.sessionToken, false}}) {
        Result<QString> value = stringField(document, field, required, profile);
        if (!value)
            return value.error();
        *target = value.value();
    }
    const Result<QString> expiration = stringField(document, "Expiration", false, profile);
    if (!expiration)
        return expiration.error();
    if (!expiration->isEmpty()) {
        credentials.expiration = QDateTime::fromString(*expiration, Qt::ISODateWithMs);
        if (!credentials.expiration.isValid())
            return processError(profile, ProcessText::tr("printed an Expiration that is not an ISO "
                                                         "8601 time: '%1'.").arg(*expiration));
        credentials.expiration = credentials.expiration.toUTC();
    }
    if (!credentials.isComplete())
        return processError(profile, ProcessText::tr("printed an empty AccessKeyId or SecretAccessKey."));
    credentials.source = ProcessText::tr("profile '%1' (credential_process)").arg(profile);
    return credentials;
}

void runCredentialProcess(const QString &profile, const QString &commandLine,
                          const QProcessEnvironment &environment, int timeoutMs, QObject *owner,
                          CredentialsCallback done)
{
    QString splitError;
    const QStringList words = splitCommandLine(commandLine, &splitError);
    if (words.isEmpty()) {
        done(processError(profile, splitError.isEmpty()
                                       ? ProcessText::tr("is empty.")
                                       : ProcessText::tr("cannot be split into words: %1.").arg(splitError)));
        return;
    }
    auto *process = new QProcess(owner);
    auto *timer = new QTimer(process);
    auto reported = std::make_shared<bool>(false);
    // The process is deleted once it has finished (a killed one too), never while it runs.
    auto report = [reported, done](const Result<Credentials> &result) {
        if (*reported)
            return;
        *reported = true;
        done(result);
    };
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, process, [process, report, profile, timeoutMs] {
        process->kill();
        report(processError(profile, ProcessText::tr("did not finish within %1 s; it was stopped.")
                                         .arg(timeoutMs / 1000.0)));
    });
    QObject::connect(process, &QProcess::errorOccurred, process,
                     [process, report, profile, program = words.first()](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        report(processError(profile, ProcessText::tr("could not start '%1': %2.")
                                         .arg(program, process->errorString())));
        process->deleteLater();
    });
    QObject::connect(process, &QProcess::finished, process,
                     [process, report, profile](int exitCode, QProcess::ExitStatus status) {
        process->deleteLater();
        report(finishedResult(process, profile, exitCode, status));
    });
    process->setProcessEnvironment(environment);
    process->setProgram(words.first());
    process->setArguments(words.mid(1));
    timer->start(timeoutMs);
    process->start(QIODevice::ReadOnly);
}

} // namespace Gatehouse::Core::Aws
