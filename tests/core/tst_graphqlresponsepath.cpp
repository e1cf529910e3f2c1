// core/graphql/responsepath: error paths split into segments, and the value a path leads to
// located in JSON text. Qt's own JSON parser is the judge: for every value of event documents
// AWS and its SDK authors wrote (tests/data/lambda-events), the located text parses to the value
// QJsonDocument finds at that path, in the file as written and compact.

#include "core/graphql/responsepath.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Gatehouse::Core::GraphQL;

class tst_GraphQLResponsePath : public QObject
{
    Q_OBJECT

private slots:
    void parsePath_data();
    void parsePath();
    void notFound_data();
    void notFound();
    void everyValueOfRealDocuments();
};

void tst_GraphQLResponsePath::parsePath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QVariantList>("segments");
    QTest::newRow("one field") << QStringLiteral("failing") << QVariantList{QStringLiteral("failing")};
    QTest::newRow("nested with index") << QStringLiteral("getDestination.activities[2].name")
                                       << QVariantList{QStringLiteral("getDestination"), QStringLiteral("activities"), 2, QStringLiteral("name")};
    QTest::newRow("indexes in a row") << QStringLiteral("m[0][1]") << QVariantList{QStringLiteral("m"), 0, 1};
    QTest::newRow("empty") << QString() << QVariantList{};
    QTest::newRow("bad index") << QStringLiteral("a[x]") << QVariantList{};
    QTest::newRow("unclosed index") << QStringLiteral("a[1") << QVariantList{};
}

void tst_GraphQLResponsePath::parsePath()
{
    QFETCH(QString, path);
    QFETCH(QVariantList, segments);
    QCOMPARE(parseResponsePath(path), segments);
}

void tst_GraphQLResponsePath::notFound_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QVariantList>("segments");
    QTest::newRow("through null") << QByteArray("{\"data\": null}") << QVariantList{QStringLiteral("data"), QStringLiteral("a")};
    QTest::newRow("missing key") << QByteArray("{\"data\": {\"b\": 1}}") << QVariantList{QStringLiteral("data"), QStringLiteral("a")};
    QTest::newRow("index past the end") << QByteArray("{\"a\": [1, 2]}") << QVariantList{QStringLiteral("a"), 2};
    QTest::newRow("index into an object") << QByteArray("{\"a\": {\"0\": 1}}") << QVariantList{QStringLiteral("a"), 0};
    QTest::newRow("not JSON") << QByteArray("<html>") << QVariantList{QStringLiteral("a")};
    QTest::newRow("cut short") << QByteArray("{\"a\": {\"b\": ") << QVariantList{QStringLiteral("a"), QStringLiteral("b")};
}

void tst_GraphQLResponsePath::notFound()
{
    QFETCH(QByteArray, json);
    QFETCH(QVariantList, segments);
    QVERIFY(!locateJsonValue(json, segments));
}

namespace {

// Every path in value, with the value there.
void collect(const QJsonValue &value, QVariantList path, QList<QPair<QVariantList, QJsonValue>> *out)
{
    out->append({path, value});
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            QVariantList next = path;
            next.append(it.key());
            collect(it.value(), next, out);
        }
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (int i = 0; i < array.size(); ++i) {
            QVariantList next = path;
            next.append(i);
            collect(array.at(i), next, out);
        }
    }
}

} // namespace

void tst_GraphQLResponsePath::everyValueOfRealDocuments()
{
    int files = 0;
    int located = 0;
    QDirIterator it(QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/data/lambda-events"), {QStringLiteral("*.json")},
                    QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray written = file.readAll();
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(written, &error);
        if (error.error != QJsonParseError::NoError || document.isEmpty())
            continue; // not every sample is a JSON document
        // Documents with a key twice are read differently by Qt (last wins) and by a scan (first).
        const QJsonValue root = document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
        QList<QPair<QVariantList, QJsonValue>> paths;
        collect(root, {}, &paths);
        ++files;
        for (const QByteArray &text : {written, document.toJson(QJsonDocument::Compact)}) {
            for (const auto &[path, expected] : std::as_const(paths)) {
                const auto range = locateJsonValue(text, path);
                QVERIFY2(range, qPrintable(file.fileName() + QStringLiteral(": nothing at ") + QVariant(path).toStringList().join(QLatin1Char('/'))));
                const QByteArray slice = text.mid(range->first, range->second - range->first);
                const QJsonValue found = QJsonDocument::fromJson("[" + slice + "]").array().at(0);
                if (found != expected)
                    QFAIL(qPrintable(file.fileName() + QStringLiteral(": ") + QVariant(path).toStringList().join(QLatin1Char('/'))
                                     + QStringLiteral(" located ") + QString::fromUtf8(slice.left(200))));
                ++located;
            }
        }
    }
    QVERIFY2(files >= 25, qPrintable(QString::number(files)));
    qInfo("%d values located in %d documents, as written and compact", located, files);
}

QTEST_MAIN(tst_GraphQLResponsePath)
#include "tst_graphqlresponsepath.moc"
