#include "secretstore.h"

#include <QTimer>
#include <QUrl>

#include <qt6keychain/keychain.h>

#include <memory>

namespace Gatehouse::Core {

namespace {

const QLatin1String ServiceName("Gatehouse");
const QLatin1String ProbeEntry("gatehouse-probe");

QString encodedPart(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

Error keychainError(const QKeychain::Job &job, const QString &what)
{
    const ErrorCode code = job.error() == QKeychain::EntryNotFound ? ErrorCode::NotFound : ErrorCode::Io;
    return makeError(code, QStringLiteral("The system secret store could not %1: %2").arg(what, job.errorString()));
}

} // namespace

SecretStore::SecretStore(Mode mode, QObject *parent)
    : QObject(parent)
{
    switch (mode) {
    case Mode::PreferSystem:
        probe();
        return;
    case Mode::MemoryOnly:
        m_backend = Backend::Memory;
        m_fallbackReason = QStringLiteral("the system secret store is not used in this run.");
        return;
    }
}

SecretStore::~SecretStore() = default;

QString SecretStore::entryName(const QString &environment, const QString &key)
{
    return QStringLiteral("environment/%1/%2").arg(encodedPart(environment), encodedPart(key));
}

// One read of an entry that does not exist tells whether a store answers at all: a D-Bus
// session without a Secret Service (or no session) fails at once, a locked keyring may take a
// while (its unlock prompt), and a store that never answers must not hold every call forever.
void SecretStore::probe()
{
    const quint64 id = ++m_probeId;
    // Jobs have no parent: qtkeychain's libsecret callbacks still reach a job deleted early.
    auto *job = new QKeychain::ReadPasswordJob(ServiceName);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(ProbeEntry);
    connect(job, &QKeychain::Job::finished, this, [this, id](QKeychain::Job *done) {
        if (m_backend != Backend::Probing || id != m_probeId)
            return;
        if (done->error() == QKeychain::NoError || done->error() == QKeychain::EntryNotFound)
            settle(Backend::System, QString());
        else
            settle(Backend::Memory, QStringLiteral("no system secret store is running (%1).").arg(done->errorString()));
    });
    QTimer::singleShot(ProbeTimeoutMs, this, [this, id] {
        if (m_backend == Backend::Probing && id == m_probeId)
            settle(Backend::Memory, QStringLiteral("the system secret store did not answer within %1 seconds.")
                                        .arg(ProbeTimeoutMs / 1000));
    });
    job->start();
}

void SecretStore::settle(Backend backend, const QString &reason)
{
    m_backend = backend;
    m_fallbackReason = reason;
    Q_EMIT backendChanged(backend);
    const QList<Pending> waiting = std::exchange(m_waiting, {});
    for (const Pending &pending : waiting)
        run(pending);
}

void SecretStore::read(const QString &environment, const QString &key, QObject *context, ReadDone done)
{
    run({Operation::Read, entryName(environment, key), QString(), context, std::move(done), {}});
}

void SecretStore::write(const QString &environment, const QString &key, const QString &value, QObject *context,
                        WriteDone done)
{
    run({Operation::Write, entryName(environment, key), value, context, {}, std::move(done)});
}

void SecretStore::remove(const QString &environment, const QString &key, QObject *context, WriteDone done)
{
    run({Operation::Remove, entryName(environment, key), QString(), context, {}, std::move(done)});
}

void SecretStore::run(Pending pending)
{
    switch (m_backend) {
    case Backend::Probing:
        m_waiting.append(std::move(pending));
        return;
    case Backend::Memory:
        runInMemory(pending);
        return;
    case Backend::System:
        runInSystem(pending);
        return;
    }
}

// Answers on the next turn of the event loop, as the system store does, so callers have one
// code path.
void SecretStore::runInMemory(const Pending &pending)
{
    switch (pending.operation) {
    case Operation::Read:
        break;
    case Operation::Write:
        m_memory.insert(pending.entry, pending.value);
        break;
    case Operation::Remove:
        m_memory.remove(pending.entry);
        break;
    }
    Result<QString> value = makeError(ErrorCode::NotFound, QStringLiteral("No secret value is kept."));
    if (const auto it = m_memory.constFind(pending.entry); it != m_memory.constEnd())
        value = *it;
    QMetaObject::invokeMethod(this, [pending, value] {
        if (!pending.context)
            return;
        if (pending.readDone)
            pending.readDone(value);
        if (pending.writeDone)
            pending.writeDone(Result<void>());
    }, Qt::QueuedConnection);
}

void SecretStore::runInSystem(const Pending &pending)
{
    QKeychain::Job *job = nullptr;
    switch (pending.operation) {
    case Operation::Read:
        job = new QKeychain::ReadPasswordJob(ServiceName);
        break;
    case Operation::Write: {
        auto *writeJob = new QKeychain::WritePasswordJob(ServiceName);
        writeJob->setTextData(pending.value);
        job = writeJob;
        break;
    }
    case Operation::Remove:
        job = new QKeychain::DeletePasswordJob(ServiceName);
        break;
    }
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // qtkeychain's fallback is a plain-text QSettings file
    job->setKey(pending.entry);
    connect(job, &QKeychain::Job::finished, this, [pending](QKeychain::Job *done) {
        if (!pending.context)
            return;
        switch (pending.operation) {
        case Operation::Read:
            if (done->error() == QKeychain::NoError)
                pending.readDone(static_cast<QKeychain::ReadPasswordJob *>(done)->textData());
            else
                pending.readDone(keychainError(*done, QStringLiteral("read a secret")));
            return;
        case Operation::Write:
            pending.writeDone(done->error() == QKeychain::NoError ? Result<void>()
                                                                   : keychainError(*done, QStringLiteral("keep a secret")));
            return;
        case Operation::Remove:
            pending.writeDone(done->error() == QKeychain::NoError || done->error() == QKeychain::EntryNotFound
                                  ? Result<void>()
                                  : keychainError(*done, QStringLiteral("forget a secret")));
            return;
        }
    });
    job->start();
}

QString secretOverrideName(const QString &key)
{
    QString name = QStringLiteral("GATEHOUSE_SECRET_");
    for (const QChar c : key.toUpper()) {
        const bool plain = (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
        name += plain ? c : QLatin1Char('_');
    }
    return name;
}

void fillSecrets(const Environment &environment, const QString &storeName, SecretStore *store,
                 const QProcessEnvironment &processEnvironment, QObject *context,
                 std::function<void(const FilledEnvironment &)> done)
{
    struct State
    {
        Environment environment;
        int waiting = 0;
    };
    auto state = std::make_shared<State>();
    state->environment = environment;
    QList<int> toRead;
    for (int i = 0; i < environment.variables.size(); ++i) {
        const EnvironmentVariable &var = environment.variables.at(i);
        if (var.enabled && var.secret && var.value.isEmpty())
            toRead.append(i);
    }
    // What the store did not have comes from the process environment; what is still empty is
    // left out, so that {{key}} is reported as undefined instead of sent as an empty string.
    const auto finish = [state, processEnvironment, done] {
        FilledEnvironment filled;
        for (EnvironmentVariable var : std::as_const(state->environment.variables)) {
            if (var.enabled && var.secret && var.value.isEmpty())
                var.value = processEnvironment.value(secretOverrideName(var.key));
            if (var.enabled && var.secret && var.value.isEmpty()) {
                if (!filled.missingSecrets.contains(var.key))
                    filled.missingSecrets.append(var.key);
                continue;
            }
            filled.environment.variables.append(var);
        }
        filled.environment.name = state->environment.name;
        done(filled);
    };
    if (!store || storeName.isEmpty() || toRead.isEmpty()) {
        QMetaObject::invokeMethod(context, finish, Qt::QueuedConnection);
        return;
    }
    state->waiting = int(toRead.size());
    for (const int index : std::as_const(toRead)) {
        store->read(storeName, environment.variables.at(index).key, context,
                    [state, index, finish](const Result<QString> &value) {
                        if (value)
                            state->environment.variables[index].value = *value;
                        if (--state->waiting == 0)
                            finish();
                    });
    }
}

} // namespace Gatehouse::Core
