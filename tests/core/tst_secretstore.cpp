#include "core/secretstore.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse::Core;

// The secret store without a system secret store: memory for this run, never a file.
class TestSecretStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void memoryOnly();
    void fallsBackWhenNoSecretServiceAnswers();
    void overrideName_data();
    void overrideName();
    void fillSecrets();
    void noFileHoldsASecret();

private:
    QTemporaryDir m_home;
};

namespace {

const QString Secret = QStringLiteral("hunter2-\u00fc-7c1d");

Result<QString> readNow(SecretStore &store, const QString &environment, const QString &key)
{
    std::optional<Result<QString>> answer;
    QObject context;
    store.read(environment, key, &context, [&answer](const Result<QString> &value) { answer = value; });
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 15000))
        return makeError(ErrorCode::Timeout, QStringLiteral("no answer"));
    return *answer;
}

Result<void> writeNow(SecretStore &store, const QString &environment, const QString &key, const QString &value)
{
    std::optional<Result<void>> answer;
    QObject context;
    store.write(environment, key, value, &context, [&answer](const Result<void> &done) { answer = done; });
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 15000))
        return makeError(ErrorCode::Timeout, QStringLiteral("no answer"));
    return *answer;
}

} // namespace

void TestSecretStore::initTestCase()
{
    // Everything this process could write (qtkeychain's plain-text fallback included) lands here.
    qputenv("HOME", m_home.path().toUtf8());
    qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
    // A session bus nobody listens on: what CI and bare X sessions look like to libsecret.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + m_home.filePath(QStringLiteral("no-bus")).toUtf8());
}

void TestSecretStore::memoryOnly()
{
    SecretStore store(SecretStore::Mode::MemoryOnly);
    QCOMPARE(store.backend(), SecretStore::Backend::Memory);
    const Result<QString> none = readNow(store, QStringLiteral("dev"), QStringLiteral("token"));
    QVERIFY(!none.ok());
    QCOMPARE(none.error().code, ErrorCode::NotFound);
    QVERIFY(writeNow(store, QStringLiteral("dev"), QStringLiteral("token"), Secret).ok());
    QCOMPARE(readNow(store, QStringLiteral("dev"), QStringLiteral("token")).value(), Secret);
    // Keyed by environment and variable: the same key elsewhere is another secret.
    QCOMPARE(readNow(store, QStringLiteral("prod"), QStringLiteral("token")).error().code, ErrorCode::NotFound);
    QVERIFY(writeNow(store, QStringLiteral("a/b"), QStringLiteral("c"), QStringLiteral("1")).ok());
    QCOMPARE(readNow(store, QStringLiteral("a"), QStringLiteral("b/c")).error().code, ErrorCode::NotFound);

    std::optional<Result<void>> removed;
    QObject context;
    store.remove(QStringLiteral("dev"), QStringLiteral("token"), &context, [&](const Result<void> &r) { removed = r; });
    QTRY_VERIFY(removed.has_value());
    QVERIFY(removed->ok());
    QCOMPARE(readNow(store, QStringLiteral("dev"), QStringLiteral("token")).error().code, ErrorCode::NotFound);

    // A context that is gone gets no call.
    bool called = false;
    auto *gone = new QObject;
    store.read(QStringLiteral("a/b"), QStringLiteral("c"), gone, [&called](const Result<QString> &) { called = true; });
    delete gone;
    QTest::qWait(50);
    QVERIFY(!called);
}

// With a session bus address that nobody answers, the probe fails at once and the store keeps
// secrets in memory, saying why; calls made while probing wait instead of failing.
void TestSecretStore::fallsBackWhenNoSecretServiceAnswers()
{
    SecretStore store(SecretStore::Mode::PreferSystem);
    QSignalSpy changed(&store, &SecretStore::backendChanged);
    QCOMPARE(store.backend(), SecretStore::Backend::Probing);
    std::optional<Result<void>> written;
    QObject context;
    store.write(QStringLiteral("ci"), QStringLiteral("apiKey"), Secret, &context,
                [&written](const Result<void> &done) { written = done; });
    QVERIFY(changed.wait(SecretStore::ProbeTimeoutMs + 5000));
    QCOMPARE(store.backend(), SecretStore::Backend::Memory);
    QVERIFY2(store.fallbackReason().startsWith(QStringLiteral("no system secret store is running")),
             qPrintable(store.fallbackReason()));
    QTRY_VERIFY(written.has_value());
    QVERIFY(written->ok());
    QCOMPARE(readNow(store, QStringLiteral("ci"), QStringLiteral("apiKey")).value(), Secret);
}

void TestSecretStore::overrideName_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("name");
    QTest::newRow("camel case") << QStringLiteral("apiKey") << QStringLiteral("GATEHOUSE_SECRET_APIKEY");
    QTest::newRow("dash and dot") << QStringLiteral("api-key.v2") << QStringLiteral("GATEHOUSE_SECRET_API_KEY_V2");
    QTest::newRow("non-ASCII") << QStringLiteral("cl\u00e9") << QStringLiteral("GATEHOUSE_SECRET_CL_");
    QTest::newRow("already upper") << QStringLiteral("TOKEN_1") << QStringLiteral("GATEHOUSE_SECRET_TOKEN_1");
}

void TestSecretStore::overrideName()
{
    QFETCH(QString, key);
    QFETCH(QString, name);
    QCOMPARE(secretOverrideName(key), name);
}

// The store's value first, then GATEHOUSE_SECRET_<KEY>; a secret with neither is left out and
// named, so {{key}} is reported undefined rather than sent empty.
void TestSecretStore::fillSecrets()
{
    SecretStore store(SecretStore::Mode::MemoryOnly);
    QVERIFY(writeNow(store, QStringLiteral("dev"), QStringLiteral("stored"), QStringLiteral("from-store")).ok());
    Environment env;
    env.name = QStringLiteral("dev");
    env.variables = {
        {QStringLiteral("base"), QStringLiteral("http://127.0.0.1"), true, false},
        {QStringLiteral("stored"), QString(), true, true},
        {QStringLiteral("ci-key"), QString(), true, true},
        {QStringLiteral("missing"), QString(), true, true},
        {QStringLiteral("typed"), QStringLiteral("in-file"), true, true},
        {QStringLiteral("off"), QString(), false, true},
    };
    QProcessEnvironment process;
    process.insert(QStringLiteral("GATEHOUSE_SECRET_CI_KEY"), QStringLiteral("from-ci"));
    process.insert(QStringLiteral("GATEHOUSE_SECRET_STORED"), QStringLiteral("not-used"));
    std::optional<FilledEnvironment> filled;
    QObject context;
    Gatehouse::Core::fillSecrets(env, QStringLiteral("dev"), &store, process, &context,
                                 [&filled](const FilledEnvironment &result) { filled = result; });
    QVERIFY(!filled.has_value()); // asynchronous, always
    QTRY_VERIFY(filled.has_value());
    QCOMPARE(filled->missingSecrets, QStringList{QStringLiteral("missing")});
    QCOMPARE(filled->environment.name, QStringLiteral("dev"));
    QCOMPARE(filled->environment.value(QStringLiteral("stored")), QStringLiteral("from-store"));
    QCOMPARE(filled->environment.value(QStringLiteral("ci-key")), QStringLiteral("from-ci"));
    QCOMPARE(filled->environment.value(QStringLiteral("typed")), QStringLiteral("in-file"));
    QVERIFY(!filled->environment.contains(QStringLiteral("missing")));
    QCOMPARE(filled->environment.value(QStringLiteral("base")), QStringLiteral("http://127.0.0.1"));

    // No store (a file given to the CLI): only the process environment.
    filled.reset();
    Gatehouse::Core::fillSecrets(env, QString(), nullptr, process, &context,
                                 [&filled](const FilledEnvironment &result) { filled = result; });
    QTRY_VERIFY(filled.has_value());
    QCOMPARE(filled->environment.value(QStringLiteral("stored")), QStringLiteral("not-used"));
    QCOMPARE(filled->missingSecrets, QStringList{QStringLiteral("missing")});
}

// Whatever ran above, the secret is in no file under HOME, XDG_CONFIG_HOME or XDG_DATA_HOME.
void TestSecretStore::noFileHoldsASecret()
{
    QCOMPARE(QProcess::execute(QStringLiteral("grep"), {QStringLiteral("-rq"), QStringLiteral("hunter2"), m_home.path()}), 1);
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
