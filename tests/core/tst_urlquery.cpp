#include "core/urlquery.h"

#include <QTest>
#include <QUrlQuery>

using namespace Gatehouse::Core;

using Params = QList<QueryParam>;
Q_DECLARE_METATYPE(QueryParam)

class TestUrlQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromUrl_data();
    void fromUrl();
    void replace_data();
    void replace();
    void agreesWithQUrlQuery_data();
    void agreesWithQUrlQuery();
};

namespace {

QueryParam p(const QString &key, const QString &value, bool hasValue = true)
{
    return QueryParam{key, value, hasValue};
}

} // namespace

void TestUrlQuery::fromUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<Params>("params");

    const auto s = [](const char *text = "") { return QString::fromUtf8(text); };
    QTest::newRow("none") << s("http://h/p") << Params{};
    QTest::newRow("empty query") << s("http://h/p?") << Params{};
    QTest::newRow("simple") << s("http://h/p?a=1&b=2") << Params{p(s("a"), s("1")), p(s("b"), s("2"))};
    QTest::newRow("duplicates in order") << s("http://h/?tag=b&x=1&tag=a")
                                         << Params{p(s("tag"), s("b")), p(s("x"), s("1")), p(s("tag"), s("a"))};
    QTest::newRow("raw encoding kept") << s("http://h/?q=a%20b+c&path=%2Fx%2f")
                                       << Params{p(s("q"), s("a%20b+c")), p(s("path"), s("%2Fx%2f"))};
    QTest::newRow("vars survive") << s("{{base}}/items?limit={{limit}}&{{k}}=v")
                                  << Params{p(s("limit"), s("{{limit}}")), p(s("{{k}}"), s("v"))};
    QTest::newRow("empty value vs flag") << s("http://h/?a=&flag&b=")
                                         << Params{p(s("a"), s()), p(s("flag"), s(), false), p(s("b"), s())};
    QTest::newRow("fragment excluded") << s("http://h/?a=1#sec?x=2") << Params{p(s("a"), s("1"))};
    QTest::newRow("question in fragment only") << s("http://h/#a?b=1") << Params{};
    QTest::newRow("equals in value") << s("http://h/?sig=abc==&x") << Params{p(s("sig"), s("abc==")), p(s("x"), s(), false)};
    QTest::newRow("empty segments skipped") << s("http://h/?a=1&&b=2&") << Params{p(s("a"), s("1")), p(s("b"), s("2"))};
}

void TestUrlQuery::fromUrl()
{
    QFETCH(QString, url);
    QFETCH(Params, params);
    QCOMPARE(UrlQuery::paramsFromUrl(url), params);
}

void TestUrlQuery::replace_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<Params>("params");
    QTest::addColumn<QString>("expected");

    const auto s = [](const char *text = "") { return QString::fromUtf8(text); };
    QTest::newRow("add query") << s("http://h/p") << Params{p(s("a"), s("1"))} << s("http://h/p?a=1");
    QTest::newRow("replace query") << s("http://h/p?old=1") << Params{p(s("a"), s("1")), p(s("a"), s("2"))}
                                   << s("http://h/p?a=1&a=2");
    QTest::newRow("remove query") << s("http://h/p?old=1#frag") << Params{} << s("http://h/p#frag");
    QTest::newRow("fragment kept") << s("http://h/p#top") << Params{p(s("x"), s("y"))} << s("http://h/p?x=y#top");
    QTest::newRow("raw encoding kept") << s("http://h/") << Params{p(s("q"), s("a%20b"))} << s("http://h/?q=a%20b");
    QTest::newRow("vars kept") << s("{{base}}/x?a=1") << Params{p(s("id"), s("{{id}}"))} << s("{{base}}/x?id={{id}}");
    QTest::newRow("flag and empty") << s("http://h/") << Params{p(s("f"), s(), false), p(s("e"), s())}
                                    << s("http://h/?f&e=");
}

void TestUrlQuery::replace()
{
    QFETCH(QString, url);
    QFETCH(Params, params);
    QFETCH(QString, expected);
    const QString result = UrlQuery::replaceQuery(url, params);
    QCOMPARE(result, expected);
    QCOMPARE(UrlQuery::paramsFromUrl(result), params);
}

// QUrlQuery (Qt's own parser) is the peer: the same pairs, in the same order, once decoded.
void TestUrlQuery::agreesWithQUrlQuery_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("plain") << QStringLiteral("a=1&b=2");
    QTest::newRow("duplicates") << QStringLiteral("a=1&a=2&b=&a=3");
    QTest::newRow("encoded") << QStringLiteral("name=J%C3%BCrgen&x=%26%3D");
    QTest::newRow("flags") << QStringLiteral("debug&v=1");
}

void TestUrlQuery::agreesWithQUrlQuery()
{
    QFETCH(QString, query);
    const QList<QPair<QString, QString>> peer = QUrlQuery(query).queryItems(QUrl::FullyDecoded);
    const Params ours = UrlQuery::parse(query);
    QCOMPARE(ours.size(), peer.size());
    for (int i = 0; i < ours.size(); ++i) {
        QCOMPARE(QUrl::fromPercentEncoding(ours.at(i).key.toUtf8()), peer.at(i).first);
        QCOMPARE(QUrl::fromPercentEncoding(ours.at(i).value.toUtf8()), peer.at(i).second);
    }
    QCOMPARE(UrlQuery::build(ours), query);
}

QTEST_GUILESS_MAIN(TestUrlQuery)
#include "tst_urlquery.moc"
