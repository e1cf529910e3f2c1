// Issue 6's proof: the OpenAPI Initiative's public Petstore documents (OpenAPI 3.0 YAML and
// Swagger 2.0 JSON, unchanged) import with the real CLI into a collection that `gatehouse run`
// sends to an emulated Petstore (tests/data/labs/petstore). Each operation's status must be one
// the document declares, and each body must match the document's response schema as read by
// tests/app/check_openapi.py (Python's json, Perl's YAML reader: not our importer).
#include "../common/gatehouseprocess.h"
#include "core/collection/collectionstore.h"
#include "core/emulator/emulator.h"

#include <QDir>
#include <QHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace Gatehouse;
using GatehouseTest::runGatehouse;

namespace {

const QString kChecker = QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/app/check_openapi.py");

struct Answer
{
    int status = 0;
    QByteArray headers; // as gatehouse request prints them, one "Name: value" per line
    QByteArray body;
};

// Splits what `gatehouse request` prints: status line, headers, blank line, body.
Answer parseAnswer(const QByteArray &printed)
{
    Answer answer;
    const qsizetype headerEnd = printed.indexOf("\n\n");
    const QByteArray head = printed.left(headerEnd);
    answer.status = head.split(' ').value(1).toInt();
    answer.headers = head.mid(head.indexOf('\n') + 1);
    answer.body = headerEnd < 0 ? QByteArray() : printed.mid(headerEnd + 2);
    return answer;
}

struct Checked
{
    int exitCode = -1;
    QByteArray verdict;
};

Checked runChecker(const QStringList &arguments)
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"), QStringList{kChecker} + arguments);
    if (!python.waitForFinished(20000))
        return {};
    return {python.exitCode(), QByteArray(python.readAllStandardOutput() + python.readAllStandardError()).trimmed()};
}

} // namespace

class TestPetstore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void importedDocumentRuns_data();
    void importedDocumentRuns();
    void limitAndErrors();

private:
    QString writeEnvironment(const QString &name, const QString &petId);
    Answer send(const QString &method, const QString &url, const QString &env);

    std::unique_ptr<Emulator::Emulator> m_emulator;
    QString m_apiUrl; // the v1 stage's path-style URL: what the documents' server URL stands for
    QTemporaryDir m_dir;
};

void TestPetstore::initTestCase()
{
    QVERIFY(m_dir.isValid());
    Emulator::EmulatorOptions options;
    options.port = 0;
    options.labDirectory = QStringLiteral(GATEHOUSE_TEST_DATA "/labs/petstore");
    m_emulator = std::make_unique<Emulator::Emulator>(options);
    const auto started = m_emulator->start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
    const QList<Core::EmulatorApiInfo> apis = m_emulator->info().apis;
    QCOMPARE(apis.size(), 1);
    QCOMPARE(apis.first().stage, QStringLiteral("v1"));
    m_apiUrl = apis.first().pathStyleUrl;
    QVERIFY2(m_apiUrl.endsWith(QLatin1String("/v1")), qPrintable(m_apiUrl));
}

void TestPetstore::cleanupTestCase()
{
    m_emulator.reset();
}

QString TestPetstore::writeEnvironment(const QString &name, const QString &petId)
{
    const QString path = m_dir.filePath(name + QStringLiteral(".json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("baseUrl"), m_apiUrl},
                                         {QStringLiteral("petId"), petId}})
                   .toJson());
    return path;
}

Answer TestPetstore::send(const QString &method, const QString &url, const QString &env)
{
    const auto sent = runGatehouse({QStringLiteral("request"), method, url, QStringLiteral("--env"), env});
    Answer answer = parseAnswer(sent.out);
    // gatehouse request exits 0 for an answer below 400 and 4 for one of 400 or more.
    if (sent.exitCode != (answer.status >= 400 ? 4 : 0)) {
        qWarning("gatehouse request %s %s: exit %d: %s", qPrintable(method), qPrintable(url),
                 sent.exitCode, sent.err.constData());
        answer.status = -1;
    }
    return answer;
}

void TestPetstore::importedDocumentRuns_data()
{
    QTest::addColumn<QString>("document");
    QTest::newRow("openapi-3.0-yaml") << QStringLiteral(GATEHOUSE_TEST_DATA "/import/petstore-v3.0.yaml");
    QTest::newRow("swagger-2.0-json") << QStringLiteral(GATEHOUSE_TEST_DATA "/import/petstore-swagger-v2.0.json");
}

void TestPetstore::importedDocumentRuns()
{
    QFETCH(QString, document);
    const QString collectionDir = m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()));

    // The operations and statuses the document declares, read by the checker.
    const Checked declared = runChecker({QStringLiteral("declared"), document});
    QVERIFY2(declared.exitCode == 0, declared.verdict.constData());
    const QJsonObject operations = QJsonDocument::fromJson(declared.verdict).object();
    QCOMPARE(operations.size(), 3);

    const auto imported = runGatehouse({QStringLiteral("import"), QStringLiteral("openapi"), document,
                                        QStringLiteral("--collection"), collectionDir});
    QVERIFY2(imported.exitCode == 0, imported.err.constData());
    QVERIFY2(imported.err.contains("wrote 3 requests"), imported.err.constData());
    // A second import never mixes into (or overwrites) the collection just written.
    const auto again = runGatehouse({QStringLiteral("import"), document, QStringLiteral("--collection"), collectionDir});
    QCOMPARE(again.exitCode, 2);
    QVERIFY2(again.err.contains("already holds a collection; open it instead"), again.err.constData());

    // What the importer made of the server URL and the path parameter.
    const auto loaded = Core::Collection::loadCollection(collectionDir);
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
    QVERIFY(loaded->problems.isEmpty());
    const auto variables = loaded->collection.variables;
    const auto baseUrl = std::find_if(variables.cbegin(), variables.cend(),
                                      [](const auto &v) { return v.key == QLatin1String("baseUrl"); });
    QVERIFY(baseUrl != variables.cend());
    QCOMPARE(baseUrl->value, QStringLiteral("http://petstore.swagger.io/v1"));
    // Every operation is one request: named by operationId, filed by its tag, under {{baseUrl}},
    // the path parameter as {{petId}}.
    const QList<Core::Collection::RequestRef> requests = Core::Collection::requestsInOrder(loaded->collection.root);
    QCOMPARE(requests.size(), 3);
    QHash<QString, QString> urlTemplates; // operationId → the request's URL as imported
    for (const Core::Collection::RequestRef &ref : requests) {
        const QString name = ref.request->name;
        const QJsonObject operation = operations.value(name).toObject();
        QVERIFY2(!operation.isEmpty(), qPrintable(name));
        QCOMPARE(ref.path, QString(QStringLiteral("pets / ") + name));
        QCOMPARE(ref.request->spec.method, operation.value(QLatin1String("method")).toString());
        QString path = operation.value(QLatin1String("path")).toString();
        path.replace(QLatin1String("{petId}"), QLatin1String("{{petId}}"));
        QCOMPARE(ref.request->spec.url, QString(QStringLiteral("{{baseUrl}}") + path));
        urlTemplates.insert(name, ref.request->spec.url);
    }

    // Without petId in the environment, showPetById is not sent to /v1/pets/ (API Gateway's own
    // 404, which a run without tests would count as passed): the run names the variable.
    {
        const QString env = m_dir.filePath(QStringLiteral("env-base-only.json"));
        QFile file(env);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(QJsonObject{{QStringLiteral("baseUrl"), m_apiUrl}}).toJson());
        file.close();
        const auto run = runGatehouse({QStringLiteral("run"), collectionDir, QStringLiteral("--env"), env,
                                       QStringLiteral("--reporter"), QStringLiteral("json")});
        QVERIFY2(run.exitCode == 2, QByteArray(run.out + run.err).constData());
        const QJsonArray ran =
            QJsonDocument::fromJson(run.out).object().value(QLatin1String("requests")).toArray();
        QCOMPARE(ran.size(), 3);
        const QJsonObject show = ran.at(2).toObject();
        QCOMPARE(show.value(QLatin1String("name")).toString(), QStringLiteral("pets / showPetById"));
        QCOMPARE(show.value(QLatin1String("outcome")).toString(), QStringLiteral("notSent"));
        QVERIFY2(show.value(QLatin1String("error")).toString().contains(QLatin1String("{{petId}} is not defined")),
                 qPrintable(show.value(QLatin1String("error")).toString()));
        QCOMPARE(ran.at(0).toObject().value(QLatin1String("outcome")).toString(), QStringLiteral("passed"));
    }

    // gatehouse run with baseUrl pointing at the emulated Petstore, once with a pet that exists
    // and once with an unknown id (the document's `default` response).
    for (const QString &petId : {QStringLiteral("2"), QStringLiteral("424242")}) {
        const QString env = writeEnvironment(QStringLiteral("env-") + petId, petId);
        QVERIFY(!env.isEmpty());
        const auto run = runGatehouse({QStringLiteral("run"), collectionDir, QStringLiteral("--env"), env,
                                       QStringLiteral("--reporter"), QStringLiteral("json")});
        QVERIFY2(run.exitCode == 0, QByteArray(run.out + run.err).constData());
        const QJsonArray ran =
            QJsonDocument::fromJson(run.out).object().value(QLatin1String("requests")).toArray();
        QCOMPARE(ran.size(), 3);
        for (const QJsonValue &value : ran) {
            const QJsonObject entry = value.toObject();
            const QString name = entry.value(QLatin1String("name")).toString().section(QLatin1String(" / "), -1);
            const QJsonObject operation = operations.value(name).toObject();
            QVERIFY2(!operation.isEmpty(), qPrintable(name));
            QCOMPARE(entry.value(QLatin1String("outcome")).toString(), QStringLiteral("passed"));
            QString path = operation.value(QLatin1String("path")).toString();
            path.replace(QLatin1String("{petId}"), petId);
            QCOMPARE(entry.value(QLatin1String("url")).toString(), QString(m_apiUrl + path));
            const bool unknownPet = name == QLatin1String("showPetById") && petId != QLatin1String("2");
            const int expected = name == QLatin1String("createPets") ? 201 : unknownPet ? 404 : 200;
            QCOMPARE(entry.value(QLatin1String("status")).toInt(), expected);

            // The run's report has no bodies: the same imported request, sent again with the
            // same environment, shows it to the checker.
            const Answer answer = send(entry.value(QLatin1String("method")).toString(),
                                       urlTemplates.value(name), env);
            QCOMPARE(answer.status, expected);
            const QString bodyFile = m_dir.filePath(QStringLiteral("%1-%2.body").arg(name, petId));
            QFile file(bodyFile);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(answer.body);
            file.close();
            const Checked checked = runChecker({QStringLiteral("check"), document, name,
                                                QString::number(answer.status), bodyFile});
            QVERIFY2(checked.exitCode == 0 && checked.verdict == "ok",
                     QByteArray(name.toUtf8() + ": " + checked.verdict + "\n" + answer.body).constData());
        }
    }
}

// The lab itself, through the same CLI: limit pages with x-next, a bad limit is the document's
// Error, and a 64-bit id beyond 2^53 comes back exactly.
void TestPetstore::limitAndErrors()
{
    const QString document = QStringLiteral(GATEHOUSE_TEST_DATA "/import/petstore-v3.0.yaml");
    const QString env = writeEnvironment(QStringLiteral("env-limit"), QStringLiteral("1"));
    QVERIFY(!env.isEmpty());
    const auto checkBody = [&](const QString &operationId, const Answer &answer) -> QByteArray {
        const QString bodyFile = m_dir.filePath(QStringLiteral("limit.body"));
        QFile file(bodyFile);
        if (!file.open(QIODevice::WriteOnly))
            return QByteArray("cannot write ") + bodyFile.toUtf8();
        file.write(answer.body);
        file.close();
        return runChecker({QStringLiteral("check"), document, operationId,
                           QString::number(answer.status), bodyFile})
            .verdict;
    };

    const Answer two = send(QStringLiteral("GET"), QStringLiteral("{{baseUrl}}/pets?limit=2"), env);
    QCOMPARE(two.status, 200);
    QCOMPARE(QJsonDocument::fromJson(two.body).array().size(), 2);
    QVERIFY2(two.headers.toLower().contains("x-next: /v1/pets?limit=2&after=2"), two.headers.constData());
    QCOMPARE(checkBody(QStringLiteral("listPets"), two), QByteArray("ok"));

    const Answer all = send(QStringLiteral("GET"), QStringLiteral("{{baseUrl}}/pets"), env);
    QCOMPARE(all.status, 200);
    QVERIFY2(all.body.contains("\"id\": 9007199254740993"), all.body.constData());
    QVERIFY(!all.headers.toLower().contains("x-next"));

    for (const QString &limit : {QStringLiteral("abc"), QStringLiteral("0"), QStringLiteral("101")}) {
        const Answer bad = send(QStringLiteral("GET"), QStringLiteral("{{baseUrl}}/pets?limit=") + limit, env);
        QCOMPARE(bad.status, 400);
        QCOMPARE(checkBody(QStringLiteral("listPets"), bad), QByteArray("ok"));
        QVERIFY2(bad.body.contains("from 1 to 100"), bad.body.constData());
    }

    // The checker is no rubber stamp: a list of pets is not showPetById's Error, and the
    // document declares no body for createPets' 201.
    Answer wrong = two;
    wrong.status = 404;
    QVERIFY(checkBody(QStringLiteral("showPetById"), wrong).contains("expected an object"));
    wrong.status = 201;
    QVERIFY(checkBody(QStringLiteral("createPets"), wrong).contains("declares no body"));
}

QTEST_GUILESS_MAIN(TestPetstore)
#include "tst_petstore.moc"
