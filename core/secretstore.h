#pragma once

#include "result.h"
#include "variables.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <functional>

namespace Gatehouse::Core {

// Where the values of secret environment variables live, so that no file ever holds them: the
// system secret store (Secret Service or KWallet, through qtkeychain) when one answers, otherwise
// memory for this run only. Nothing is ever written to disk in clear, not even as a fallback.
// Every call is asynchronous and reports exactly once, unless its context object is gone.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    enum class Mode {
        PreferSystem, // probe the system store first; fall back to memory when it does not answer
        MemoryOnly,   // never talk to the system store
    };
    enum class Backend {
        Probing, // the system store was asked and has not answered yet; calls wait
        System,
        Memory,
    };
    using ReadDone = std::function<void(const Result<QString> &)>; // NotFound when none is kept
    using WriteDone = std::function<void(const Result<void> &)>;

    static constexpr int ProbeTimeoutMs = 10000;

    explicit SecretStore(Mode mode = Mode::PreferSystem, QObject *parent = nullptr);
    ~SecretStore() override;

    Backend backend() const { return m_backend; }
    // Why secrets are kept in memory (empty with the system store or while probing).
    QString fallbackReason() const { return m_fallbackReason; }

    void read(const QString &environment, const QString &key, QObject *context, ReadDone done);
    void write(const QString &environment, const QString &key, const QString &value, QObject *context,
               WriteDone done);
    // Forgetting a secret that is not kept is not an error.
    void remove(const QString &environment, const QString &key, QObject *context, WriteDone done);

    // The name of one entry in the system store: "environment/<env>/<key>", both percent-encoded
    // so that a '/' in a name cannot make two entries collide.
    static QString entryName(const QString &environment, const QString &key);

Q_SIGNALS:
    void backendChanged(Gatehouse::Core::SecretStore::Backend backend);

private:
    enum class Operation { Read, Write, Remove };
    struct Pending
    {
        Operation operation;
        QString entry;
        QString value;
        QPointer<QObject> context;
        ReadDone readDone;
        WriteDone writeDone;
    };
    void probe();
    void settle(Backend backend, const QString &reason);
    void run(Pending pending);
    void runInMemory(const Pending &pending);
    void runInSystem(const Pending &pending);

    Backend m_backend = Backend::Probing;
    QString m_fallbackReason;
    QHash<QString, QString> m_memory;
    QList<Pending> m_waiting;
    quint64 m_probeId = 0;
};

// The CI way to hand a secret to the CLI: GATEHOUSE_SECRET_ followed by the variable's key in
// upper case with every character other than A-Z and 0-9 replaced by '_' ("api-key" →
// GATEHOUSE_SECRET_API_KEY).
QString secretOverrideName(const QString &key);

// Fills the empty values of the enabled secret variables of environment: from store (kept under
// storeName; skipped when storeName is empty or store is null), else from the GATEHOUSE_SECRET_
// variable of processEnvironment. Reports the environment and the keys still without a value,
// exactly once, after every read answered.
struct FilledEnvironment
{
    Environment environment;
    QStringList missingSecrets;
};
void fillSecrets(const Environment &environment, const QString &storeName, SecretStore *store,
                 const QProcessEnvironment &processEnvironment, QObject *context,
                 std::function<void(const FilledEnvironment &)> done);

} // namespace Gatehouse::Core
