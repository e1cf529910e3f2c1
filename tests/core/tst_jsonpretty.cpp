#include "core/jsonpretty.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace Gatehouse::Core;

class TestJsonPretty : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void format_data();
    void format();
    void invalid_data();
    void invalid();
    void matchesPython();
    void streamsInPieces();
    void contentType_data();
    void contentType();
};

void TestJsonPretty::format_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("scalar number") << QByteArray(" 42 ") << QByteArray("42");
    QTest::newRow("scalar string") << QByteArray("\"a\\\"b\"") << QByteArray("\"a\\\"b\"");
    QTest::newRow("empty object") << QByteArray("{ }") << QByteArray("{}");
    QTest::newRow("empty array") << QByteArray("[\n]") << QByteArray("[]");
    QTest::newRow("nested")
        << QByteArray(R"({"a":{"b":[1,2,{"c":null}]},"d":true})")
        << QByteArray("{\n  \"a\": {\n    \"b\": [\n      1,\n      2,\n      {\n        \"c\": null\n      }\n"
                      "    ]\n  },\n  \"d\": true\n}");
    QTest::newRow("empty containers inside")
        << QByteArray(R"({"o":{},"a":[],"x":[{}]})")
        << QByteArray("{\n  \"o\": {},\n  \"a\": [],\n  \"x\": [\n    {}\n  ]\n}");
    QTest::newRow("key order kept")
        << QByteArray(R"({"zeta":1,"alpha":2,"mid":3})")
        << QByteArray("{\n  \"zeta\": 1,\n  \"alpha\": 2,\n  \"mid\": 3\n}");
    QTest::newRow("numbers kept as text")
        << QByteArray(R"([9223372036854775807,18446744073709551615,1.10,-0.0,1E+2,12345678901234567890123])")
        << QByteArray("[\n  9223372036854775807,\n  18446744073709551615,\n  1.10,\n  -0.0,\n  1E+2,\n"
                      "  12345678901234567890123\n]");
    QTest::newRow("escapes untouched")
        << QByteArray(R"(["\u00e9\ud83d\ude00","\/\b\f\n\r\t","caf)" "\xc3\xa9" R"("])")
        << QByteArray("[\n  \"\\u00e9\\ud83d\\ude00\",\n  \"\\/\\b\\f\\n\\r\\t\",\n  \"caf\xc3\xa9\"\n]");
    QTest::newRow("whitespace everywhere")
        << QByteArray("\r\n\t{ \"a\" :\n[ 1 ,\t2 ] }\n")
        << QByteArray("{\n  \"a\": [\n    1,\n    2\n  ]\n}");
    QTest::newRow("utf-8 bom skipped") << QByteArray("\xef\xbb\xbf[1]") << QByteArray("[\n  1\n]");
}

void TestJsonPretty::format()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    const Result<QByteArray> out = JsonPretty::format(input);
    QVERIFY2(out.ok(), qPrintable(out.ok() ? QString() : out.error().message));
    QCOMPARE(*out, expected);
    QVERIFY(validateJson(input).ok());
    // Formatting is idempotent.
    QCOMPARE(*JsonPretty::format(*out), expected);
}

void TestJsonPretty::invalid_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("words");

    QTest::newRow("empty") << QByteArray("  ") << 1 << 3 << QStringLiteral("empty");
    QTest::newRow("missing comma") << QByteArray("{\n  \"a\": 1\n  \"b\": 2\n}") << 3 << 3
                                   << QStringLiteral("expected ',' or '}' after an object member but found '\"'");
    QTest::newRow("trailing comma") << QByteArray("[1,]") << 1 << 4 << QStringLiteral("trailing comma");
    QTest::newRow("missing colon") << QByteArray("{\"a\" 1}") << 1 << 6 << QStringLiteral("expected ':'");
    QTest::newRow("unquoted key") << QByteArray("{a:1}") << 1 << 2 << QStringLiteral("key in double quotes");
    QTest::newRow("unterminated string") << QByteArray("[\"abc") << 1 << 2 << QStringLiteral("never closed");
    QTest::newRow("bad escape") << QByteArray("[\"a\\xb\"]") << 1 << 4 << QStringLiteral("not a JSON escape");
    QTest::newRow("short unicode escape") << QByteArray("\"\\u12g4\"") << 1 << 2 << QStringLiteral("four hex digits");
    QTest::newRow("raw newline in string") << QByteArray("[\"a\nb\"]") << 1 << 4 << QStringLiteral("control character");
    QTest::newRow("extra data") << QByteArray("{} x") << 1 << 4 << QStringLiteral("after the end");
    QTest::newRow("leading zero") << QByteArray("[01]") << 1 << 2 << QStringLiteral("leading zero");
    QTest::newRow("bare minus") << QByteArray("-") << 1 << 2 << QStringLiteral("digit after '-'");
    QTest::newRow("misspelt literal") << QByteArray("[tru]") << 1 << 2 << QStringLiteral("did you mean 'true'");
    QTest::newRow("single quotes") << QByteArray("{'a':1}") << 1 << 2 << QStringLiteral("key in double quotes");
    QTest::newRow("unclosed array") << QByteArray("[1,\n2") << 2 << 2 << QStringLiteral("the end of the document");
    QTest::newRow("column counts characters") << QByteArray("[\"\xc3\xa9\xc3\xa9\", x]") << 1 << 8
                                              << QStringLiteral("expected a value");
}

void TestJsonPretty::invalid()
{
    QFETCH(QByteArray, input);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, words);
    const Result<QByteArray> out = JsonPretty::format(input);
    QVERIFY(!out.ok());
    QCOMPARE(out.error().code, ErrorCode::InvalidArgument);
    const QString prefix = QStringLiteral("Line %1, column %2: ").arg(line).arg(column);
    QVERIFY2(out.error().message.startsWith(prefix), qPrintable(out.error().message));
    QVERIFY2(out.error().message.contains(words), qPrintable(out.error().message));
    const Result<void> valid = validateJson(input);
    QVERIFY(!valid.ok());
    QCOMPARE(valid.error().message, out.error().message);
}

// Python's json module is an independent peer: its indent=2 output must equal ours for
// documents it wrote compactly, and it must put syntax errors where we do.
void TestJsonPretty::matchesPython()
{
    const QString script = QStringLiteral(R"PY(
import json, random, sys
random.seed(7)
def value(depth):
    kind = random.randrange(7 if depth < 5 else 4)
    if kind == 0: return random.randrange(-2**63, 2**64)
    if kind == 1: return ''.join(random.choice('ab\"\\/\u00e9\u4e2d\n\t ') for _ in range(random.randrange(6)))
    if kind == 2: return random.choice([True, False, None])
    if kind == 3: return random.random() * 1e6
    if kind == 4: return [value(depth + 1) for _ in range(random.randrange(4))]
    return {('k%d' % random.randrange(100)): value(depth + 1) for _ in range(random.randrange(4))}
doc = {'items': [value(0) for _ in range(60)]}
sys.stdout.write(json.dumps(doc, separators=(',', ':')) + '\0' + json.dumps(doc, indent=2) + '\0')
for bad in ['{"a" 1}', '[1,]', '{} x', '["a\\xb"]', '{\n  "a": 1\n  "b": 2\n}', '{a:1}', '["a\nb"]', '[tru]']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        sys.stdout.write('%d:%d\0' % (e.lineno, e.colno))
)PY");
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), script});
    QVERIFY(python.waitForFinished(30000));
    QCOMPARE(python.exitCode(), 0);
    const QList<QByteArray> parts = python.readAllStandardOutput().split('\0');
    QVERIFY(parts.size() >= 10);
    QCOMPARE(*JsonPretty::format(parts.at(0)), parts.at(1));
    QByteArray streamed;
    QVERIFY(JsonPretty::formatTo(parts.at(0), [&streamed](QByteArrayView piece) {
        streamed += piece;
        return true;
    }));
    QCOMPARE(streamed, parts.at(1));

    const QList<QByteArray> bad = {"{\"a\" 1}", "[1,]", "{} x", "[\"a\\xb\"]", "{\n  \"a\": 1\n  \"b\": 2\n}",
                                   "{a:1}", "[\"a\nb\"]", "[tru]"};
    static const QRegularExpression position(QStringLiteral("^Line (\\d+), column (\\d+):"));
    for (int i = 0; i < bad.size(); ++i) {
        const QString ours = JsonPretty::format(bad.at(i)).error().message;
        const QRegularExpressionMatch m = position.match(ours);
        QVERIFY(m.hasMatch());
        QCOMPARE(m.captured(1) + QLatin1Char(':') + m.captured(2), QString::fromUtf8(parts.at(2 + i)));
    }
}

// A document too big to format in memory goes to the sink a megabyte at a time; the pieces
// add up to what format() gives, and a sink that fails stops it with an Io error.
void TestJsonPretty::streamsInPieces()
{
    QByteArray json("[");
    for (int i = 0; json.size() < 5 * 1024 * 1024; ++i)
        json += "{\"orderId\":\"o-" + QByteArray::number(i) + "\",\"items\":[{\"sku\":\"rye\",\"qty\":2}]},";
    json.back() = ']';
    QByteArray streamed;
    int pieces = 0;
    qsizetype largest = 0;
    QVERIFY(JsonPretty::formatTo(json, [&](QByteArrayView piece) {
        streamed += piece;
        ++pieces;
        largest = std::max(largest, piece.size());
        return true;
    }));
    QCOMPARE(streamed, *JsonPretty::format(json));
    QVERIFY(pieces > 5);
    QVERIFY(largest < 2 * 1024 * 1024);
    const Result<void> refused = JsonPretty::formatTo(json, [](QByteArrayView) { return false; });
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Io);
    // A syntax error is reported as by format(), whatever was written before it.
    const Result<void> broken = JsonPretty::formatTo("[1, 2,, 3]", [](QByteArrayView) { return true; });
    QVERIFY(!broken);
    QVERIFY(broken.error().message.startsWith(QStringLiteral("Line 1, column 7:")));
}

void TestJsonPretty::contentType_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<bool>("json");
    QTest::newRow("plain") << QByteArray("application/json") << true;
    QTest::newRow("charset") << QByteArray("application/json; charset=utf-8") << true;
    QTest::newRow("problem") << QByteArray("application/problem+json") << true;
    QTest::newRow("upper case") << QByteArray("Application/JSON") << true;
    QTest::newRow("html") << QByteArray("text/html") << false;
    QTest::newRow("empty") << QByteArray() << false;
}

void TestJsonPretty::contentType()
{
    QFETCH(QByteArray, contentType);
    QFETCH(bool, json);
    QCOMPARE(JsonPretty::isJsonContentType(contentType), json);
}

QTEST_GUILESS_MAIN(TestJsonPretty)
#include "tst_jsonpretty.moc"
