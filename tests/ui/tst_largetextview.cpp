// The response body view: the sparse line index agrees with a plain split for every line and
// offset, a partial index shows the first screen, find wraps and ignores ASCII case, selection
// copies exactly the bytes chosen, and a single 20 MB line or a million lines paint without
// reading the whole text.
#include "ui/widgets/largetextview.h"

#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QTest>

using namespace Gatehouse::Ui;

class TestLargeTextView : public QObject
{
    Q_OBJECT

private slots:
    void indexMatchesSplit_data();
    void indexMatchesSplit();
    void partialIndexShowsTheStart();
    void findWrapsAndIgnoresCase();
    void selectionCopiesTheBytes();
    void hugeLineAndManyLinesPaintFast();
    void placeholderWhenEmpty();
    void foldsJson();
};

void TestLargeTextView::indexMatchesSplit_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("one line") << QByteArray("abc");
    QTest::newRow("final newline") << QByteArray("a\nb\n");
    QTest::newRow("crlf") << QByteArray("a\r\nbb\r\n\r\nccc");
    QTest::newRow("only newlines") << QByteArray("\n\n\n");
    QByteArray many;
    for (int i = 0; i < 1000; ++i)
        many += QByteArray::number(i) + QByteArray(i % 7, 'x') + '\n';
    QTest::newRow("1000 lines across checkpoints") << many;
    QTest::newRow("utf-8") << QByteArray("Br\xc3\xb6tchen\n\xe2\x82\xac 3\n");
}

void TestLargeTextView::indexMatchesSplit()
{
    QFETCH(QByteArray, text);
    const IndexedText indexed = IndexedText::indexLines(text);
    QList<QByteArray> expected = text.split('\n');
    if (text.endsWith('\n'))
        expected.removeLast();
    if (text.isEmpty())
        expected.clear();
    QCOMPARE(indexed.lines, expected.size());
    qint64 offset = 0;
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QByteArray line = expected.at(i);
        QCOMPARE(indexed.lineStart(i), offset);
        const qint64 start = indexed.lineStart(i);
        if (line.endsWith('\r'))
            line.chop(1);
        QCOMPARE(text.mid(start, indexed.lineEnd(i) - start), line);
        // Every offset of the line maps back to it.
        for (qint64 at = offset; at <= offset + expected.at(i).size(); ++at)
            QCOMPARE(indexed.lineOf(at), i); // the newline belongs to its line
        offset += expected.at(i).size() + 1;
    }
    LargeTextView view;
    view.setText(text);
    QCOMPARE(view.lineCount(), expected.size());
    QCOMPARE(view.utf8(), text);
    if (!expected.isEmpty())
        QCOMPARE(view.lineText(expected.size() - 1).toUtf8(), QByteArray(expected.last()).replace("\r", ""));
}

void TestLargeTextView::partialIndexShowsTheStart()
{
    QByteArray text;
    for (int i = 0; i < 100000; ++i)
        text += "line " + QByteArray::number(i) + '\n';
    const IndexedText partial = IndexedText::indexLines(text, 1000);
    QVERIFY(partial.lines > 50);
    QVERIFY(partial.lines < 200);
    QCOMPARE(partial.utf8.size(), text.size()); // the bytes are shared, not cut
    LargeTextView view;
    view.setIndexedText(std::make_shared<const IndexedText>(partial));
    QCOMPARE(view.lineText(0), QStringLiteral("line 0"));
    QCOMPARE(view.lineText(10), QStringLiteral("line 10"));
}

void TestLargeTextView::findWrapsAndIgnoresCase()
{
    LargeTextView view;
    view.resize(400, 200);
    QByteArray text;
    for (int i = 0; i < 5000; ++i)
        text += (i == 4000 ? QByteArray("{\"Needle\": 1}") : QByteArray("{\"hay\": ") + QByteArray::number(i) + '}') + '\n';
    view.setText(text);
    QVERIFY(view.find(QStringLiteral("needle")));
    QCOMPARE(view.selectedText(), QStringLiteral("Needle"));
    QVERIFY(view.firstVisibleLine() <= 4000);
    QVERIFY2(view.firstVisibleLine() + view.verticalScrollBar()->pageStep() > 4000, qPrintable(QString::number(view.firstVisibleLine())));
    // Next wraps round to the same, the only one.
    QVERIFY(view.find(QStringLiteral("NEEDLE")));
    QCOMPARE(view.selectedText(), QStringLiteral("Needle"));
    QVERIFY(view.find(QStringLiteral("\"hay\": 4001")));
    QVERIFY(view.find(QStringLiteral("\"hay\": 3999"), true));
    QCOMPARE(view.selectedText(), QStringLiteral("\"hay\": 3999"));
    QVERIFY(!view.find(QStringLiteral("absent")));
    QVERIFY(!view.find(QString()));
}

void TestLargeTextView::selectionCopiesTheBytes()
{
    LargeTextView view;
    view.resize(400, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setText("first line\nsecond \xc3\xbc line\nthird");
    view.selectAll();
    QCOMPARE(view.selectedText(), QString::fromUtf8("first line\nsecond \xc3\xbc line\nthird"));
    view.copy();
    QCOMPARE(QApplication::clipboard()->text(), QString::fromUtf8("first line\nsecond \xc3\xbc line\nthird"));
    // Ctrl+C from the keyboard does the same for a found range.
    QVERIFY(view.find(QStringLiteral("second")));
    QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("second"));
}

void TestLargeTextView::hugeLineAndManyLinesPaintFast()
{
    LargeTextView view;
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QByteArray oneLine(20 * 1024 * 1024, 'a');
    oneLine.prepend("{\"k\":\"");
    oneLine.append("\"}");
    view.setText(oneLine);
    view.setJsonHighlighting(true);
    QElapsedTimer clock;
    clock.start();
    view.horizontalScrollBar()->setValue(view.horizontalScrollBar()->maximum() / 2);
    view.viewport()->repaint();
    QVERIFY2(clock.elapsed() < 200, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(view.lineCount(), 1);

    QByteArray lines;
    lines.reserve(12 * 1000 * 1000);
    for (int i = 0; i < 1000000; ++i)
        lines += "row " + QByteArray::number(i) + '\n';
    view.setText(lines);
    QCOMPARE(view.lineCount(), 1000000);
    clock.restart();
    view.verticalScrollBar()->setValue(777777);
    view.viewport()->repaint();
    QVERIFY2(clock.elapsed() < 200, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(view.firstVisibleLine(), 777777);
    QCOMPARE(view.lineText(777777), QStringLiteral("row 777777"));
    // Find over a million candidates (every line starts with the first letter) stays linear.
    clock.restart();
    QVERIFY(view.find(QStringLiteral("ROW 999998")));
    QVERIFY2(clock.elapsed() < 500, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(view.selectedText(), QStringLiteral("row 999998"));
}

void TestLargeTextView::placeholderWhenEmpty()
{
    LargeTextView view;
    view.setPlaceholderText(QStringLiteral("The response has no body."));
    QCOMPARE(view.lineCount(), 0);
    QCOMPARE(view.toPlainText(), QString());
    QVERIFY(view.selectedText().isEmpty());
    QVERIFY(!view.find(QStringLiteral("x")));
}

void TestLargeTextView::foldsJson()
{
    LargeTextView view;
    view.resize(600, 400);
    view.setJsonHighlighting(true);
    // 0 [          1 {        2 "a": "}{]",   3 "b": [   4 1,   5 2   6 ]   7 },   8 {   9 "c": 3   10 }   11 ]
    view.setText("[\n  {\n    \"a\": \"}{]\",\n    \"b\": [\n      1,\n      2\n    ]\n  },\n  {\n"
                 "    \"c\": 3\n  }\n]");
    QCOMPARE(view.lineCount(), 12);
    QVERIFY(!view.toggleFold(2)); // opens nothing
    QVERIFY(view.toggleFold(3));  // "b": [ ... ]
    QVERIFY(view.isFolded(3));
    QCOMPARE(view.visibleLineCount(), 9);
    QVERIFY(view.toggleFold(1)); // the enclosing object swallows the inner fold; a bracket in a string is no bracket
    QVERIFY(!view.isFolded(3));
    QCOMPARE(view.visibleLineCount(), 6); // lines 2..7 hidden
    QVERIFY(view.toggleFold(8));
    QCOMPARE(view.visibleLineCount(), 4);
    QCOMPARE(view.firstVisibleLine(), 0);
    // Find opens the fold that hides the match.
    QVERIFY(view.find(QStringLiteral("\"c\"")));
    QVERIFY(!view.isFolded(8));
    QCOMPARE(view.visibleLineCount(), 6);
    QCOMPARE(view.selectedText(), QStringLiteral("\"c\""));
    view.unfoldAll();
    QCOMPARE(view.visibleLineCount(), 12);
    // Folding the root of a big document is one scan, and scrolling then covers one line.
    QByteArray big("[\n");
    for (int i = 0; i < 200000; ++i)
        big += "  {\"id\": " + QByteArray::number(i) + "},\n";
    big += "  {}\n]";
    view.setText(big);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(view.toggleFold(0));
    QVERIFY2(clock.elapsed() < 500, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(view.visibleLineCount(), 1);
}

QTEST_MAIN(TestLargeTextView)
#include "tst_largetextview.moc"
