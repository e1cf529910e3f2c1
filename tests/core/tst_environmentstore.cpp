#include "core/environmentstore.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse::Core;

class TestEnvironmentStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripByteForByte();
    void pythonReadsTheFile();
    void namesAreSafeFileNames_data();
    void namesAreSafeFileNames();
    void badNames_data();
    void badNames();
    void removeAndMissing();
    void handTypedSecretIsKeptUntilSaved();
    void defaultDirectory();
};

namespace {

const QString Secret = QStringLiteral("s3cr3t-\u00e9t\u00e9-9f8e7d");

Environment staging()
{
    Environment env;
    env.name = QStringLiteral("Staging \u00e9t\u00e9");
    env.variables = {
        {QStringLiteral("base"), QStringLiteral("https://api.example.com/v1"), true, false},
        {QStringLiteral("apiKey"), Secret, true, true},
        {QStringLiteral("quote\"and\\slash"), QStringLiteral("line\nbreak"), false, false},
        {QStringLiteral("empty"), QString(), true, false},
    };
    return env;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

// Saved, loaded and saved again somewhere else: the same bytes, and no secret value in them.
void TestEnvironmentStore::roundTripByteForByte()
{
    QTemporaryDir first;
    QTemporaryDir second;
    EnvironmentStore store(first.path());
    QVERIFY(store.save(staging()).ok());
    const QByteArray bytes = readAll(store.fileFor(staging().name));
    QVERIFY(!bytes.isEmpty());
    QVERIFY2(!bytes.contains(Secret.toUtf8()), bytes.constData());
    QVERIFY(!bytes.contains("s3cr3t"));
    QVERIFY(bytes.endsWith("}\n"));
    // grep is the witness that no file of the folder holds the secret.
    QCOMPARE(QProcess::execute(QStringLiteral("grep"), {QStringLiteral("-rq"), QStringLiteral("s3cr3t"), first.path()}), 1);

    QCOMPARE(store.names(), QStringList{staging().name});
    const Result<Environment> loaded = store.load(staging().name);
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
    Environment expected = staging();
    expected.variables[1].value.clear();
    QCOMPARE(loaded->name, expected.name);
    QCOMPARE(loaded->variables, expected.variables);

    EnvironmentStore other(second.path());
    QVERIFY(other.save(*loaded).ok());
    QCOMPARE(readAll(other.fileFor(staging().name)), bytes);
    // Saving again in place changes nothing either (stable key order).
    QVERIFY(store.save(*loaded).ok());
    QCOMPARE(readAll(store.fileFor(staging().name)), bytes);
}

// Python's json module (not ours) reads the file as a Postman environment export.
void TestEnvironmentStore::pythonReadsTheFile()
{
    QTemporaryDir dir;
    EnvironmentStore store(dir.path());
    QVERIFY(store.save(staging()).ok());
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import json,sys\n"
                                 "d=json.load(open(sys.argv[1],encoding='utf-8'))\n"
                                 "print(list(d.keys()))\n"
                                 "print(d['name'])\n"
                                 "for v in d['values']: print(repr((v['key'],v['value'],v['type'],v['enabled'])))\n"),
                  store.fileFor(staging().name)});
    QVERIFY(python.waitForFinished(30000));
    QCOMPARE(python.exitCode(), 0);
    const QStringList lines = QString::fromUtf8(python.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QStringList expected = {
        QStringLiteral("['name', 'values', '_postman_variable_scope']"),
        QStringLiteral("Staging \u00e9t\u00e9"),
        QStringLiteral("('base', 'https://api.example.com/v1', 'default', True)"),
        QStringLiteral("('apiKey', '', 'secret', True)"),
        QStringLiteral("('quote\"and\\\\slash', 'line\\nbreak', 'default', False)"),
        QStringLiteral("('empty', '', 'default', True)"),
    };
    QCOMPARE(lines, expected);
}

void TestEnvironmentStore::namesAreSafeFileNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("dot dot") << QStringLiteral("..");
    QTest::newRow("slashes") << QStringLiteral("../../etc/passwd");
    QTest::newRow("spaces and accents") << QStringLiteral("Prod EU \u00e9");
    QTest::newRow("percent") << QStringLiteral("100%");
}

void TestEnvironmentStore::namesAreSafeFileNames()
{
    QFETCH(QString, name);
    QTemporaryDir dir;
    EnvironmentStore store(dir.path());
    Environment env;
    env.name = name;
    env.variables = {{QStringLiteral("a"), QStringLiteral("1"), true, false}};
    QVERIFY(store.save(env).ok());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
    QVERIFY(store.fileFor(name).startsWith(dir.path() + QLatin1Char('/')));
    QVERIFY(!store.fileFor(name).mid(dir.path().size() + 1).contains(QLatin1Char('/')));
    QCOMPARE(store.names(), QStringList{name});
    QCOMPARE(store.load(name)->name, name);
}

void TestEnvironmentStore::badNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QString() << QStringLiteral("Give the environment a name.");
    QTest::newRow("blank") << QStringLiteral("   ") << QStringLiteral("Give the environment a name.");
    QTest::newRow("too long") << QString(101, QLatin1Char('x'))
                              << QStringLiteral("An environment name has at most 100 characters; this one has 101.");
}

void TestEnvironmentStore::badNames()
{
    QFETCH(QString, name);
    QFETCH(QString, message);
    QTemporaryDir dir;
    EnvironmentStore store(dir.path());
    Environment env;
    env.name = name;
    const Result<void> saved = store.save(env);
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().message, message);
    QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());
}

void TestEnvironmentStore::removeAndMissing()
{
    QTemporaryDir dir;
    EnvironmentStore store(dir.path());
    QVERIFY(store.save(staging()).ok());
    QVERIFY(store.contains(staging().name));
    QVERIFY(store.remove(staging().name).ok());
    QVERIFY(!store.contains(staging().name));
    QVERIFY(store.names().isEmpty());
    const Result<Environment> missing = store.load(QStringLiteral("nope"));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
    QVERIFY(missing.error().message.startsWith(QStringLiteral("There is no saved environment 'nope' (looked in ")));
    QCOMPARE(store.remove(QStringLiteral("nope")).error().code, ErrorCode::NotFound);
}

// A value someone typed into the file by hand is not lost on load; the next save drops it
// from the file (it goes to the secret store instead).
void TestEnvironmentStore::handTypedSecretIsKeptUntilSaved()
{
    QTemporaryDir dir;
    EnvironmentStore store(dir.path());
    QFile file(store.fileFor(QStringLiteral("hand")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"name\": \"other\", \"values\": [{\"key\": \"token\", \"value\": \"typed\", \"type\": \"secret\"}]}");
    file.close();
    const Result<Environment> loaded = store.load(QStringLiteral("hand"));
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->name, QStringLiteral("hand")); // the file name, not the "name" inside
    QCOMPARE(loaded->variables.value(0).value, QStringLiteral("typed"));
    QVERIFY(loaded->variables.value(0).secret);
    QVERIFY(store.save(*loaded).ok());
    QVERIFY(!readAll(store.fileFor(QStringLiteral("hand"))).contains("typed"));
}

void TestEnvironmentStore::defaultDirectory()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(EnvironmentStore().directory().endsWith(QStringLiteral("/environments")));
    QCOMPARE(EnvironmentStore().directory(), EnvironmentStore::defaultDirectory());
}

QTEST_GUILESS_MAIN(TestEnvironmentStore)
#include "tst_environmentstore.moc"
