#include "core/emulator/emulator.h"
#include "core/emulator/lambdaservice.h"
#include "core/emulator/zipextractor.h"
#include "../common/awscli.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace Gatehouse;
using namespace Gatehouse::Emulator;
using GatehouseTest::AwsCli;
using Run = AwsCli::Run;

namespace {

const QString Role = QStringLiteral("arn:aws:iam::123456789012:role/lambda-role");

QByteArray handlerSource(const QByteArray &marker)
{
    return "import os\n\n\ndef handler(event, context):\n    return {\"marker\": \"" + marker +
           "\", \"colour\": os.environ.get(\"COLOUR\"), \"memory\": context.memory_limit_in_mb}\n";
}

} // namespace

// Functions created and changed through the API, as `aws lambda create-function --zip-file`,
// `update-function-code` and `update-function-configuration` do it, against an emulator
// started without a lab. The slots build on each other.
class TestLambdaFunctions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void createFromZip();
    void createConflict();
    void createPublished();
    void createRefused_data();
    void createRefused();
    void unzipLimits_data();
    void unzipLimits();
    void updateCode();
    void updateConfiguration();

private:
    // A zip from entries {"name": ..., "text"|"link": ...} (tests/data/zips/makezip.py).
    QString makeZip(const QString &name, const QJsonArray &entries);
    QString handlerZip(const QString &name, const QByteArray &marker);
    QJsonObject invoke(const QStringList &target);

    QTemporaryDir m_dir;
    std::unique_ptr<Emulator::Emulator> m_emulator;
    std::unique_ptr<AwsCli> m_cli;
};

void TestLambdaFunctions::initTestCase()
{
    if (!AwsCli::available())
        QSKIP(AwsCli::missing());
    QVERIFY(m_dir.isValid());
    EmulatorOptions options;
    options.port = 0;
    m_emulator = std::make_unique<Emulator::Emulator>(options);
    const auto started = m_emulator->start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
    m_cli = std::make_unique<AwsCli>(m_emulator->info().baseUrl);
}

void TestLambdaFunctions::cleanupTestCase()
{
    m_cli.reset();
    m_emulator.reset();
}

QString TestLambdaFunctions::makeZip(const QString &name, const QJsonArray &entries)
{
    const QString spec = m_dir.filePath(name + QStringLiteral(".json"));
    QFile file(spec);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(QJsonDocument(entries).toJson());
    file.close();
    const QString zip = m_dir.filePath(name + QStringLiteral(".zip"));
    QProcess python;
    python.start(QStringLiteral("python3"),
                 {QStringLiteral(GATEHOUSE_TEST_DATA "/zips/makezip.py"), zip, spec});
    // A short local process; the emulator has nothing to serve meanwhile.
    if (!python.waitForFinished(30000) || python.exitCode() != 0)
        return {};
    return zip;
}

QString TestLambdaFunctions::handlerZip(const QString &name, const QByteArray &marker)
{
    return makeZip(name, QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("app.py")},
                                                {QStringLiteral("text"),
                                                 QString::fromUtf8(handlerSource(marker))}}});
}

QJsonObject TestLambdaFunctions::invoke(const QStringList &target)
{
    const QString out = m_dir.filePath(QStringLiteral("out.json"));
    QFile::remove(out);
    const Run r = m_cli->run(QStringList{QStringLiteral("lambda"), QStringLiteral("invoke"),
                                         QStringLiteral("--function-name")} +
                             target + QStringList{out});
    if (r.exitCode != 0) {
        qWarning("%s", r.err.constData());
        return {};
    }
    QFile file(out);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

void TestLambdaFunctions::createFromZip()
{
    const QString zip = handlerZip(QStringLiteral("one"), "one");
    QVERIFY(!zip.isEmpty());
    QFile zipFile(zip);
    QVERIFY(zipFile.open(QIODevice::ReadOnly));
    const QByteArray bytes = zipFile.readAll();
    const Run r = m_cli->run(
        {QStringLiteral("lambda"), QStringLiteral("create-function"),
         QStringLiteral("--function-name"), QStringLiteral("made"), QStringLiteral("--runtime"),
         QStringLiteral("python3.12"), QStringLiteral("--handler"), QStringLiteral("app.handler"),
         QStringLiteral("--role"), Role, QStringLiteral("--zip-file"),
         QStringLiteral("fileb://") + zip, QStringLiteral("--description"),
         QStringLiteral("made by the CLI"), QStringLiteral("--timeout"), QStringLiteral("5"),
         QStringLiteral("--memory-size"), QStringLiteral("256"), QStringLiteral("--environment"),
         QStringLiteral("Variables={COLOUR=blue}")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject f = r.json();
    QCOMPARE(f.value(QStringLiteral("FunctionName")).toString(), QStringLiteral("made"));
    QCOMPARE(f.value(QStringLiteral("FunctionArn")).toString(),
             QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:made"));
    QCOMPARE(f.value(QStringLiteral("Version")).toString(), QStringLiteral("$LATEST"));
    QCOMPARE(f.value(QStringLiteral("Role")).toString(), Role);
    QCOMPARE(f.value(QStringLiteral("Runtime")).toString(), QStringLiteral("python3.12"));
    QCOMPARE(f.value(QStringLiteral("Handler")).toString(), QStringLiteral("app.handler"));
    QCOMPARE(f.value(QStringLiteral("Description")).toString(), QStringLiteral("made by the CLI"));
    QCOMPARE(f.value(QStringLiteral("Timeout")).toInt(), 5);
    QCOMPARE(f.value(QStringLiteral("MemorySize")).toInt(), 256);
    QCOMPARE(f.value(QStringLiteral("State")).toString(), QStringLiteral("Active"));
    QCOMPARE(f.value(QStringLiteral("LastUpdateStatus")).toString(), QStringLiteral("Successful"));
    QCOMPARE(f.value(QStringLiteral("PackageType")).toString(), QStringLiteral("Zip"));
    QCOMPARE(f.value(QStringLiteral("Architectures")).toArray(),
             QJsonArray{QStringLiteral("x86_64")});
    QCOMPARE(f.value(QStringLiteral("CodeSha256")).toString(),
             QString::fromLatin1(
                 QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toBase64()));
    QCOMPARE(f.value(QStringLiteral("CodeSize")).toInteger(), bytes.size());

    const QJsonObject answer = invoke({QStringLiteral("made")});
    QCOMPARE(answer.value(QStringLiteral("marker")).toString(), QStringLiteral("one"));
    QCOMPARE(answer.value(QStringLiteral("colour")).toString(), QStringLiteral("blue"));
    QCOMPARE(answer.value(QStringLiteral("memory")).toString(), QStringLiteral("256"));
}

void TestLambdaFunctions::createConflict()
{
    const Run r = m_cli->run(
        {QStringLiteral("lambda"), QStringLiteral("create-function"),
         QStringLiteral("--function-name"), QStringLiteral("made"), QStringLiteral("--runtime"),
         QStringLiteral("python3.12"), QStringLiteral("--handler"), QStringLiteral("app.handler"),
         QStringLiteral("--role"), Role, QStringLiteral("--zip-file"),
         QStringLiteral("fileb://") + m_dir.filePath(QStringLiteral("one.zip"))});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains("(ResourceConflictException) when calling the CreateFunction "
                            "operation (reached max retries: 0): Function already exist: made"),
             r.err.constData());
}

void TestLambdaFunctions::createPublished()
{
    const Run r = m_cli->run(
        {QStringLiteral("lambda"), QStringLiteral("create-function"),
         QStringLiteral("--function-name"), QStringLiteral("published"),
         QStringLiteral("--runtime"), QStringLiteral("python3.12"), QStringLiteral("--handler"),
         QStringLiteral("app.handler"), QStringLiteral("--role"), Role,
         QStringLiteral("--zip-file"),
         QStringLiteral("fileb://") + m_dir.filePath(QStringLiteral("one.zip")),
         QStringLiteral("--publish")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.json().value(QStringLiteral("Version")).toString(), QStringLiteral("1"));
    QCOMPARE(r.json().value(QStringLiteral("FunctionArn")).toString(),
             QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:published:1"));
    const QJsonObject answer =
        invoke({QStringLiteral("published"), QStringLiteral("--qualifier"), QStringLiteral("1")});
    QCOMPARE(answer.value(QStringLiteral("marker")).toString(), QStringLiteral("one"));
}

void TestLambdaFunctions::createRefused_data()
{
    QTest::addColumn<QStringList>("arguments"); // replacing the defaults of the same option
    QTest::addColumn<QJsonArray>("zip");         // empty: the handler zip
    QTest::addColumn<QByteArray>("error");

    const auto entry = [](const char *name, const char *key, const char *value) {
        return QJsonObject{{QStringLiteral("name"), QLatin1String(name)},
                           {QLatin1String(key), QLatin1String(value)}};
    };
    QTest::newRow("role not an ARN")
        << QStringList{QStringLiteral("--role"), QStringLiteral("lambda-role")} << QJsonArray()
        << QByteArray("(ValidationException) when calling the CreateFunction operation (reached "
                      "max retries: 0): 1 validation error detected: Value 'lambda-role' at "
                      "'role' failed to satisfy constraint");
    QTest::newRow("unsupported runtime")
        << QStringList{QStringLiteral("--runtime"), QStringLiteral("python2.7")} << QJsonArray()
        << QByteArray("(InvalidParameterValueException) when calling the CreateFunction operation "
                      "(reached max retries: 0): The runtime parameter of python2.7 is not "
                      "supported by the emulator.");
    QTest::newRow("timeout 901")
        << QStringList{QStringLiteral("--timeout"), QStringLiteral("901")} << QJsonArray()
        << QByteArray("Value '901' at 'timeout' failed to satisfy constraint: Member must have "
                      "value less than or equal to 900");
    QTest::newRow("code in S3")
        << QStringList{QStringLiteral("--code"), QStringLiteral("S3Bucket=bucket,S3Key=code.zip")}
        << QJsonArray()
        << QByteArray("(InvalidParameterValueException) when calling the CreateFunction operation "
                      "(reached max retries: 0): The emulator takes the code as ZipFile only");
    QTest::newRow("not a zip") << QStringList() << QJsonArray{QJsonObject{{QStringLiteral("raw"), true}}}
                               << QByteArray("Could not unzip uploaded file. Please check your "
                                             "file, then try to upload again.");
    QTest::newRow("parent folder") << QStringList() << QJsonArray{entry("../evil.py", "text", "x")}
                                   << QByteArray("has an entry named '../evil.py', which would "
                                                 "land outside the function's folder");
    QTest::newRow("absolute path") << QStringList() << QJsonArray{entry("/tmp/evil.py", "text", "x")}
                                   << QByteArray("has an entry named '/tmp/evil.py'");
    QTest::newRow("symbolic link") << QStringList()
                                   << QJsonArray{entry("app.py", "text", "x"),
                                                 entry("passwd", "link", "/etc/passwd")}
                                   << QByteArray("has a symbolic link, 'passwd'");
}

void TestLambdaFunctions::createRefused()
{
    QFETCH(QStringList, arguments);
    QFETCH(QJsonArray, zip);
    QFETCH(QByteArray, error);
    QString zipPath = m_dir.filePath(QStringLiteral("one.zip"));
    if (!zip.isEmpty() && zip.at(0).toObject().contains(QStringLiteral("raw"))) {
        // The CLI sends only what ends like a zip: an end-of-central-directory record that
        // announces one entry its directory does not have.
        zipPath = m_dir.filePath(QStringLiteral("not-a-zip.zip"));
        QFile file(zipPath);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QByteArray("this is not a zip archive") +
                   QByteArray::fromHex("504b0506000000000100010000000000000000000000"));
    } else if (!zip.isEmpty()) {
        zipPath = makeZip(QStringLiteral("refused"), zip);
        QVERIFY(!zipPath.isEmpty());
    }
    QStringList defaults = {QStringLiteral("--runtime"), QStringLiteral("python3.12"),
                            QStringLiteral("--handler"), QStringLiteral("app.handler"),
                            QStringLiteral("--role"), Role};
    for (qsizetype i = 0; i + 1 < arguments.size(); i += 2) {
        const qsizetype at = defaults.indexOf(arguments.at(i));
        if (at >= 0)
            defaults[at + 1] = arguments.at(i + 1);
        else
            defaults << arguments.at(i) << arguments.at(i + 1);
    }
    if (!defaults.contains(QStringLiteral("--code")))
        defaults << QStringLiteral("--zip-file") << QStringLiteral("fileb://") + zipPath;
    const Run r = m_cli->run(QStringList{QStringLiteral("lambda"), QStringLiteral("create-function"),
                                         QStringLiteral("--function-name"),
                                         QStringLiteral("refused")} +
                             defaults);
    QVERIFY2(r.exitCode != 0, r.out.constData());
    QVERIFY2(r.err.contains(error), r.err.constData());
    const Run missing = m_cli->run({QStringLiteral("lambda"), QStringLiteral("get-function"),
                                    QStringLiteral("--function-name"), QStringLiteral("refused")});
    QVERIFY2(missing.err.contains("(ResourceNotFoundException)"), missing.err.constData());
}

// The unzipped-size limit counts bytes as they come out, not what the archive declares.
void TestLambdaFunctions::unzipLimits_data()
{
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("exactly the limit") << qint64(4096) << true;
    QTest::newRow("one byte over") << qint64(4095) << false;
}

void TestLambdaFunctions::unzipLimits()
{
    QFETCH(qint64, limit);
    QFETCH(bool, accepted);
    const QString zip = makeZip(QStringLiteral("sized"),
                                QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("a/b.txt")},
                                                       {QStringLiteral("text"),
                                                        QString(4096, QLatin1Char('z'))}}});
    QFile file(zip);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString target = m_dir.filePath(QStringLiteral("unzipped-%1").arg(limit));
    const Core::Result<qint64> unpacked = ZipExtractor::extract(file.readAll(), target, limit);
    QCOMPARE(unpacked.ok(), accepted);
    if (accepted) {
        QCOMPARE(*unpacked, qint64(4096));
        QCOMPARE(QFileInfo(target + QStringLiteral("/a/b.txt")).size(), qint64(4096));
    } else {
        QCOMPARE(unpacked.error().awsCode, QStringLiteral("InvalidParameterValueException"));
        QCOMPARE(unpacked.error().message,
                 QStringLiteral("Unzipped size must be smaller than 4095 bytes"));
    }
}

// New code reaches the next invocation ($LATEST's warm workers stop); version 1 keeps its own.
void TestLambdaFunctions::updateCode()
{
    const Run published = m_cli->run({QStringLiteral("lambda"), QStringLiteral("publish-version"),
                                      QStringLiteral("--function-name"), QStringLiteral("made")});
    QVERIFY2(published.exitCode == 0, published.err.constData());
    QCOMPARE(published.json().value(QStringLiteral("Version")).toString(), QStringLiteral("1"));
    QVERIFY(m_emulator->lambda()->workerCount(QStringLiteral("made")) > 0); // warm from before

    const QString two = handlerZip(QStringLiteral("two"), "two");
    const QStringList update = {QStringLiteral("lambda"), QStringLiteral("update-function-code"),
                                QStringLiteral("--function-name"), QStringLiteral("made"),
                                QStringLiteral("--zip-file"), QStringLiteral("fileb://") + two};
    const Run stale = m_cli->run(update + QStringList{QStringLiteral("--revision-id"),
                                                      QStringLiteral("not-the-revision")});
    QVERIFY(stale.exitCode != 0);
    QVERIFY2(stale.err.contains("(PreconditionFailedException) when calling the "
                                "UpdateFunctionCode operation"),
             stale.err.constData());
    QCOMPARE(invoke({QStringLiteral("made")}).value(QStringLiteral("marker")).toString(),
             QStringLiteral("one"));

    const Run current = m_cli->run({QStringLiteral("lambda"), QStringLiteral("get-function"),
                                    QStringLiteral("--function-name"), QStringLiteral("made")});
    const QString revision = current.json()
                                 .value(QStringLiteral("Configuration"))
                                 .toObject()
                                 .value(QStringLiteral("RevisionId"))
                                 .toString();
    const Run updated = m_cli->run(update + QStringList{QStringLiteral("--revision-id"), revision});
    QVERIFY2(updated.exitCode == 0, updated.err.constData());
    QCOMPARE(updated.json().value(QStringLiteral("Version")).toString(), QStringLiteral("$LATEST"));
    QFile zipFile(two);
    QVERIFY(zipFile.open(QIODevice::ReadOnly));
    QCOMPARE(updated.json().value(QStringLiteral("CodeSha256")).toString(),
             QString::fromLatin1(
                 QCryptographicHash::hash(zipFile.readAll(), QCryptographicHash::Sha256).toBase64()));

    QElapsedTimer clock;
    clock.start();
    const Run waited = m_cli->run({QStringLiteral("lambda"), QStringLiteral("wait"),
                                   QStringLiteral("function-updated"),
                                   QStringLiteral("--function-name"), QStringLiteral("made")});
    QVERIFY2(waited.exitCode == 0, waited.err.constData());
    QVERIFY2(clock.elapsed() < 4000, "the waiter polled: LastUpdateStatus was not Successful");

    QCOMPARE(invoke({QStringLiteral("made")}).value(QStringLiteral("marker")).toString(),
             QStringLiteral("two"));
    QCOMPARE(invoke({QStringLiteral("made"), QStringLiteral("--qualifier"), QStringLiteral("1")})
                 .value(QStringLiteral("marker"))
                 .toString(),
             QStringLiteral("one"));
}

void TestLambdaFunctions::updateConfiguration()
{
    const Run updated = m_cli->run(
        {QStringLiteral("lambda"), QStringLiteral("update-function-configuration"),
         QStringLiteral("--function-name"), QStringLiteral("made"),
         QStringLiteral("--environment"), QStringLiteral("Variables={COLOUR=green}"),
         QStringLiteral("--memory-size"), QStringLiteral("512"), QStringLiteral("--description"),
         QStringLiteral("greener")});
    QVERIFY2(updated.exitCode == 0, updated.err.constData());
    QCOMPARE(updated.json().value(QStringLiteral("MemorySize")).toInt(), 512);
    QCOMPARE(updated.json().value(QStringLiteral("Description")).toString(), QStringLiteral("greener"));
    QCOMPARE(updated.json().value(QStringLiteral("LastUpdateStatus")).toString(),
             QStringLiteral("Successful"));

    const QJsonObject latest = invoke({QStringLiteral("made")});
    QCOMPARE(latest.value(QStringLiteral("colour")).toString(), QStringLiteral("green"));
    QCOMPARE(latest.value(QStringLiteral("memory")).toString(), QStringLiteral("512"));
    QCOMPARE(latest.value(QStringLiteral("marker")).toString(), QStringLiteral("two"));
    const QJsonObject one =
        invoke({QStringLiteral("made"), QStringLiteral("--qualifier"), QStringLiteral("1")});
    QCOMPARE(one.value(QStringLiteral("colour")).toString(), QStringLiteral("blue"));
    QCOMPARE(one.value(QStringLiteral("memory")).toString(), QStringLiteral("256"));

    const Run stale = m_cli->run(
        {QStringLiteral("lambda"), QStringLiteral("update-function-configuration"),
         QStringLiteral("--function-name"), QStringLiteral("made"), QStringLiteral("--timeout"),
         QStringLiteral("10"), QStringLiteral("--revision-id"), QStringLiteral("stale")});
    QVERIFY2(stale.err.contains("(PreconditionFailedException)"), stale.err.constData());
}

QTEST_GUILESS_MAIN(TestLambdaFunctions)
#include "tst_lambdafunctions.moc"
