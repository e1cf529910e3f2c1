#include "../common/gatehouseprocess.h"
#include "fakeaws.h"
#include "core/environmentstore.h"
#include "core/secretstore.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse::Core;

// The secret store against a real Secret Service: Debian's gnome-keyring on a private D-Bus
// session bus, with a fresh keyring unlocked by a password. Python's dbus module, talking the
// Secret Service protocol itself, is the witness of what qtkeychain stored.
class TestKeychainSecretStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void usesTheSystemStore();
    void writeReadRemove();
    void cliTakesTheSecretFromTheStore();

private:
    QStringList witness(const QString &entry);

    QTemporaryDir m_home;
    QProcess m_bus;
    QProcess m_keyring;
};

namespace {

const QString Secret = QStringLiteral("k3yring-s3cret-\u00e4-41");

const char WitnessScript[] =
    "import dbus, sys\n"
    "bus = dbus.SessionBus()\n"
    "svc = dbus.Interface(bus.get_object('org.freedesktop.secrets', '/org/freedesktop/secrets'),\n"
    "                     'org.freedesktop.Secret.Service')\n"
    "_, session = svc.OpenSession('plain', dbus.String('', variant_level=1))\n"
    "unlocked, locked = svc.SearchItems({'user': sys.argv[1], 'server': 'Gatehouse'})\n"
    "print('items', len(unlocked), len(locked))\n"
    "for path in unlocked:\n"
    "    print('secret', bytes(svc.GetSecrets([path], session)[path][2]).decode('utf-8'))\n";

bool nameOnBus(const QString &name)
{
    QProcess send;
    send.start(QStringLiteral("dbus-send"),
               {QStringLiteral("--session"), QStringLiteral("--print-reply"), QStringLiteral("--dest=org.freedesktop.DBus"),
                QStringLiteral("/org/freedesktop/DBus"), QStringLiteral("org.freedesktop.DBus.NameHasOwner"),
                QStringLiteral("string:") + name});
    return send.waitForFinished(5000) && send.readAllStandardOutput().contains("boolean true");
}

template<typename T> std::optional<T> await(std::optional<T> &answer)
{
    (void)QTest::qWaitFor([&answer] { return answer.has_value(); }, 20000);
    return answer;
}

} // namespace

void TestKeychainSecretStore::initTestCase()
{
    for (const QString &program : {QStringLiteral("dbus-daemon"), QStringLiteral("gnome-keyring-daemon"),
                                   QStringLiteral("dbus-send")}) {
        if (QStandardPaths::findExecutable(program).isEmpty())
            QSKIP(qPrintable(QStringLiteral("%1 is not installed: this test needs a private D-Bus session with "
                                            "gnome-keyring (Debian packages dbus-daemon, dbus-bin, gnome-keyring).")
                                 .arg(program)));
    }
    if (!QFile::exists(QStringLiteral("/usr/lib/python3/dist-packages/dbus/__init__.py")))
        QSKIP("python3-dbus is not installed: it is this test's witness of what reached the Secret Service.");

    // The keyring file, the control socket and anything else lands in a folder of our own.
    const QString runtime = m_home.filePath(QStringLiteral("run"));
    QVERIFY(QDir().mkpath(runtime));
    QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    qputenv("HOME", m_home.path().toUtf8());
    qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
    qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_RUNTIME_DIR", runtime.toUtf8());

    m_bus.start(QStringLiteral("dbus-daemon"), {QStringLiteral("--session"), QStringLiteral("--nofork"),
                                                QStringLiteral("--print-address=1")});
    QVERIFY(m_bus.waitForStarted());
    QVERIFY(QTest::qWaitFor([this] { return m_bus.canReadLine(); }, 10000));
    const QByteArray address = m_bus.readLine().trimmed();
    QVERIFY(address.startsWith("unix:"));
    qputenv("DBUS_SESSION_BUS_ADDRESS", address);

    m_keyring.setProcessChannelMode(QProcess::MergedChannels);
    m_keyring.start(QStringLiteral("gnome-keyring-daemon"),
                    {QStringLiteral("--foreground"), QStringLiteral("--unlock"), QStringLiteral("--components=secrets")});
    QVERIFY(m_keyring.waitForStarted());
    m_keyring.write("keyring-password");
    m_keyring.closeWriteChannel();
    QVERIFY2(QTest::qWaitFor([] { return nameOnBus(QStringLiteral("org.freedesktop.secrets")); }, 15000),
             "gnome-keyring-daemon did not take org.freedesktop.secrets on the private bus");
}

void TestKeychainSecretStore::cleanupTestCase()
{
    for (QProcess *process : {&m_keyring, &m_bus}) {
        if (process->state() != QProcess::NotRunning) {
            process->kill();
            process->waitForFinished(5000);
        }
    }
}

QStringList TestKeychainSecretStore::witness(const QString &entry)
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QString::fromLatin1(WitnessScript), entry});
    if (!python.waitForFinished(20000) || python.exitCode() != 0)
        return {QStringLiteral("python failed: ") + QString::fromUtf8(python.readAllStandardError())};
    return QString::fromUtf8(python.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

void TestKeychainSecretStore::usesTheSystemStore()
{
    SecretStore store(SecretStore::Mode::PreferSystem);
    QSignalSpy changed(&store, &SecretStore::backendChanged);
    QVERIFY(changed.wait(SecretStore::ProbeTimeoutMs + 5000));
    QVERIFY2(store.backend() == SecretStore::Backend::System, qPrintable(store.fallbackReason()));
    QVERIFY(store.fallbackReason().isEmpty());
}

void TestKeychainSecretStore::writeReadRemove()
{
    SecretStore store(SecretStore::Mode::PreferSystem);
    QObject context;
    const QString entry = SecretStore::entryName(QStringLiteral("Staging EU"), QStringLiteral("apiKey"));
    QCOMPARE(entry, QStringLiteral("environment/Staging%20EU/apiKey"));

    std::optional<Result<void>> written;
    store.write(QStringLiteral("Staging EU"), QStringLiteral("apiKey"), Secret, &context,
                [&written](const Result<void> &done) { written = done; });
    QVERIFY(await(written).has_value());
    QVERIFY2(written->ok(), qPrintable(written->ok() ? QString() : written->error().message));
    QCOMPARE(store.backend(), SecretStore::Backend::System);
    QCOMPARE(witness(entry), (QStringList{QStringLiteral("items 1 0"), QStringLiteral("secret ") + Secret}));

    std::optional<Result<QString>> read;
    SecretStore another(SecretStore::Mode::PreferSystem); // a second run reads what the first kept
    another.read(QStringLiteral("Staging EU"), QStringLiteral("apiKey"), &context,
                 [&read](const Result<QString> &value) { read = value; });
    QVERIFY(await(read).has_value());
    QVERIFY(read->ok());
    QCOMPARE(read->value(), Secret);

    // On disk the keyring is encrypted: the secret is in no file in clear.
    QCOMPARE(QProcess::execute(QStringLiteral("grep"), {QStringLiteral("-rq"), QStringLiteral("k3yring-s3cret"), m_home.path()}), 1);
    QVERIFY(!QDir(m_home.filePath(QStringLiteral("data/keyrings"))).entryList(QDir::Files).isEmpty());

    std::optional<Result<void>> removed;
    store.remove(QStringLiteral("Staging EU"), QStringLiteral("apiKey"), &context,
                 [&removed](const Result<void> &done) { removed = done; });
    QVERIFY(await(removed).has_value());
    QVERIFY(removed->ok());
    QCOMPARE(witness(entry), QStringList{QStringLiteral("items 0 0")});

    read.reset();
    store.read(QStringLiteral("Staging EU"), QStringLiteral("apiKey"), &context,
               [&read](const Result<QString> &value) { read = value; });
    QVERIFY(await(read).has_value());
    QCOMPARE(read->error().code, ErrorCode::NotFound);
    // Removing what is not there is fine.
    removed.reset();
    store.remove(QStringLiteral("Staging EU"), QStringLiteral("apiKey"), &context,
                 [&removed](const Result<void> &done) { removed = done; });
    QVERIFY(await(removed).has_value());
    QVERIFY(removed->ok());
}

// gatehouse request --env NAME in another process finds the value the store keeps (and ignores
// GATEHOUSE_SECRET_ when the store has one); the environment file holds no value.
void TestKeychainSecretStore::cliTakesTheSecretFromTheStore()
{
    FakeAws server;
    EnvironmentStore environments(m_home.filePath(QStringLiteral("data/Gatehouse/Gatehouse/environments")));
    Environment env;
    env.name = QStringLiteral("CI");
    env.variables = {{QStringLiteral("base"), server.url().toString(QUrl::StripTrailingSlash), true, false},
                     {QStringLiteral("apiKey"), Secret, true, true}};
    QVERIFY(environments.save(env).ok());
    QFile file(environments.fileFor(QStringLiteral("CI")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains(Secret.toUtf8()));

    SecretStore store(SecretStore::Mode::PreferSystem);
    QObject context;
    std::optional<Result<void>> written;
    store.write(QStringLiteral("CI"), QStringLiteral("apiKey"), Secret, &context,
                [&written](const Result<void> &done) { written = done; });
    QVERIFY(await(written).has_value());
    QVERIFY(written->ok());

    QProcessEnvironment processEnvironment = QProcessEnvironment::systemEnvironment(); // our bus and folders
    processEnvironment.insert(QStringLiteral("GATEHOUSE_SECRET_APIKEY"), QStringLiteral("not-this-one"));
    const GatehouseTest::GatehouseRun run = GatehouseTest::runGatehouse(
        {QStringLiteral("request"), QStringLiteral("GET"), QStringLiteral("{{base}}/check"), QStringLiteral("-H"),
         QStringLiteral("X-Api-Key: {{apiKey}}"), QStringLiteral("--env"), QStringLiteral("CI")},
        {}, processEnvironment);
    QVERIFY2(run.exitCode == 0, QByteArray(run.out + run.err).constData());
    QCOMPARE(server.requests.size(), 1);
    QCOMPARE(server.requests.at(0).headers.value("X-Api-Key"), Secret.toUtf8());
    QVERIFY(!run.out.contains(Secret.toUtf8()));
    QVERIFY(!run.err.contains(Secret.toUtf8()));
}

QTEST_GUILESS_MAIN(TestKeychainSecretStore)
#include "tst_keychainsecretstore.moc"
