// The WebSocket composer's saved messages: the JSON file round trip (read back by Python's
// json module, not only by our own reader), rename and delete, and a broken file that is
// reported in words and never overwritten.
#include "core/websocket/messagesnippets.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse::Core;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class tst_MessageSnippets : public QObject
{
    Q_OBJECT

private slots:
    void saveRenameDeleteAndReadBack()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/websocket-snippets.json"));
        MessageSnippets snippets;
        QAbstractItemModelTester tester(&snippets,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(snippets.load(path).ok()); // a missing file is an empty list
        QCOMPARE(snippets.rowCount(), 0);
        QVERIFY(!QFile::exists(path));

        const QString json = QStringLiteral("{\"action\":\"sendmessage\",\"data\":\"h\u00e9llo\"}");
        QCOMPARE(*snippets.save({QStringLiteral(" chat "), SnippetKind::Json, json}), 0);
        QCOMPARE(*snippets.save(
                     {QStringLiteral("ping bytes"), SnippetKind::Hex, QStringLiteral("00 ff")}),
                 1);
        QCOMPARE(*snippets.save({QStringLiteral("plain"), SnippetKind::Text,
                                 QStringLiteral("line 1\nline 2")}),
                 2);
        QCOMPARE(snippets.snippet(0).name, QStringLiteral("chat")); // trimmed
        // The same name again replaces the body: one entry per name.
        QCOMPARE(*snippets.save({QStringLiteral("plain"), SnippetKind::Text, QStringLiteral("v2")}),
                 2);
        QCOMPARE(snippets.rowCount(), 3);

        const auto empty =
            snippets.save({QStringLiteral("  "), SnippetKind::Text, QStringLiteral("x")});
        QVERIFY(!empty.ok());
        QVERIFY2(empty.error().message.contains(QStringLiteral("name")),
                 qPrintable(empty.error().message));
        const auto clash = snippets.rename(1, QStringLiteral("chat"));
        QVERIFY(!clash.ok());
        QVERIFY2(clash.error().message.contains(QStringLiteral("already called \"chat\"")),
                 qPrintable(clash.error().message));
        QVERIFY(snippets.rename(1, QStringLiteral("bytes")).ok());
        // Renaming in place through the model, as a list view does.
        QVERIFY(snippets.setData(snippets.index(2), QStringLiteral("plain text")));
        QSignalSpy problems(&snippets, &MessageSnippets::problemOccurred);
        QVERIFY(!snippets.setData(snippets.index(2), QStringLiteral("bytes")));
        QCOMPARE(problems.size(), 1);
        QVERIFY(snippets.remove(1).ok());
        QVERIFY(!snippets.remove(5).ok());

        // Python's json module reads what was written.
        QProcess python;
        python.start(
            QStringLiteral("/usr/bin/python3"),
            {QStringLiteral("-c"),
             QStringLiteral("import json,sys; d=json.load(open(sys.argv[1],encoding='utf-8')); "
                            "print(d['version'], *[s['kind']+':'+s['name']+':'+s['body'] for s in "
                            "d['snippets']], sep='|')"),
             path});
        QVERIFY(python.waitForFinished(10000));
        QCOMPARE(python.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(python.readAllStandardOutput()).trimmed(),
                 QStringLiteral("1|json:chat:") + json + QStringLiteral("|text:plain text:v2"));

        MessageSnippets again;
        QVERIFY(again.load(path).ok());
        QCOMPARE(again.rowCount(), 2);
        QCOMPARE(again.snippet(0),
                 (MessageSnippet{QStringLiteral("chat"), SnippetKind::Json, json}));
        QCOMPARE(again.index(1).data(MessageSnippets::BodyRole).toString(), QStringLiteral("v2"));
        QCOMPARE(again.index(1).data(MessageSnippets::KindRole).toInt(), int(SnippetKind::Text));
    }

    void brokenFileIsReportedAndKept_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("words");
        QTest::newRow("not json") << QByteArray("{\"snippets\": [ {\"name\": \"a\",")
                                  << QStringLiteral("not JSON at offset");
        QTest::newRow("no list") << QByteArray("{\"version\":1}")
                                 << QStringLiteral("no \"snippets\" list");
        QTest::newRow("bad kind")
            << QByteArray("{\"snippets\":[{\"name\":\"a\",\"kind\":\"text\",\"body\":\"x\"},"
                          "{\"name\":\"b\",\"kind\":\"xml\",\"body\":\"y\"}]}")
            << QStringLiteral("snippet 2 needs");
        QTest::newRow("no name") << QByteArray(
                                        "{\"snippets\":[{\"kind\":\"text\",\"body\":\"x\"}]}")
                                 << QStringLiteral("snippet 1 needs");
    }
    void brokenFileIsReportedAndKept()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, words);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("websocket-snippets.json"));
        QVERIFY(writeFile(path, content));
        MessageSnippets snippets;
        const auto loaded = snippets.load(path);
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().message.contains(words), qPrintable(loaded.error().message));
        QVERIFY2(loaded.error().message.contains(QStringLiteral("kept as it is")),
                 qPrintable(loaded.error().message));
        QCOMPARE(snippets.loadError().message, loaded.error().message);

        // A message saved now stays in the list for this session but never replaces the file.
        const auto saved =
            snippets.save({QStringLiteral("new"), SnippetKind::Text, QStringLiteral("hi")});
        QVERIFY(!saved.ok());
        QCOMPARE(saved.error().message, loaded.error().message);
        QCOMPARE(snippets.rowCount(), 1);
        QCOMPARE(readAll(path), content);
        QVERIFY(!snippets.remove(0).ok());
        QCOMPARE(readAll(path), content);
    }

    void unwritableFolderIsReported()
    {
        QTemporaryDir dir;
        // A file where the folder should be: the save cannot happen and says where.
        QVERIFY(writeFile(dir.filePath(QStringLiteral("blocker")), "x"));
        MessageSnippets snippets;
        QVERIFY(
            snippets.load(dir.filePath(QStringLiteral("blocker/websocket-snippets.json"))).ok());
        const auto saved =
            snippets.save({QStringLiteral("a"), SnippetKind::Text, QStringLiteral("b")});
        QVERIFY(!saved.ok());
        QCOMPARE(saved.error().code, ErrorCode::Io);
        QVERIFY2(saved.error().message.contains(QStringLiteral("blocker")),
                 qPrintable(saved.error().message));
        QCOMPARE(snippets.rowCount(), 1); // kept in memory
    }
};

QTEST_GUILESS_MAIN(tst_MessageSnippets)
#include "tst_messagesnippets.moc"
