#include "core/emulator/routematcher.h"

#include <QTest>

using namespace Gatehouse::Emulator;

// Rows follow "Routing API requests" in the API Gateway developer guide
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html).
class tst_RouteMatcher : public QObject
{
    Q_OBJECT

private:
    static QList<HttpRouteConfig> routes(const QStringList &keys)
    {
        QList<HttpRouteConfig> out;
        for (const QString &key : keys) {
            HttpRouteConfig r;
            r.routeKey = key;
            r.functionName = QStringLiteral("fn-") + key;
            out.append(r);
        }
        return out;
    }

private Q_SLOTS:
    void match_data();
    void match();
    void routeKeyProblem_data();
    void routeKeyProblem();
};

void tst_RouteMatcher::match_data()
{
    QTest::addColumn<QStringList>("routeKeys");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QString>("expected"); // empty: no match
    QTest::addColumn<QString>("parameters"); // "name=value;..."

    const QStringList docRoutes = {QStringLiteral("GET /pets/dog/1"), QStringLiteral("GET /pets/dog/{id}"),
                                   QStringLiteral("GET /pets/{proxy+}"), QStringLiteral("ANY /{proxy+}"),
                                   QStringLiteral("$default")};
    QTest::newRow("doc: exact route and method") << docRoutes << QByteArray("GET") << QByteArray("/pets/dog/1")
                                                 << "GET /pets/dog/1" << "";
    QTest::newRow("doc: path variable") << docRoutes << QByteArray("GET") << QByteArray("/pets/dog/2")
                                        << "GET /pets/dog/{id}" << "id=2";
    QTest::newRow("doc: greedy under /pets") << docRoutes << QByteArray("GET") << QByteArray("/pets/cat/1")
                                             << "GET /pets/{proxy+}" << "proxy=cat/1";
    QTest::newRow("doc: other method falls to ANY") << docRoutes << QByteArray("POST") << QByteArray("/pets/dog/1")
                                                    << "ANY /{proxy+}" << "proxy=pets/dog/1";
    QTest::newRow("doc: root goes to $default") << docRoutes << QByteArray("GET") << QByteArray("/")
                                                << "$default" << "";
    QTest::newRow("method beats ANY on the same path")
        << QStringList{QStringLiteral("ANY /snack"), QStringLiteral("GET /snack")} << QByteArray("GET")
        << QByteArray("/snack") << "GET /snack" << "";
    QTest::newRow("ANY catches undefined methods")
        << QStringList{QStringLiteral("ANY /snack"), QStringLiteral("GET /snack")} << QByteArray("DELETE")
        << QByteArray("/snack") << "ANY /snack" << "";
    QTest::newRow("literal beats variable")
        << QStringList{QStringLiteral("GET /items/{id}"), QStringLiteral("GET /items/new")} << QByteArray("GET")
        << QByteArray("/items/new") << "GET /items/new" << "";
    QTest::newRow("variable is one segment")
        << QStringList{QStringLiteral("GET /items/{id}")} << QByteArray("GET") << QByteArray("/items/1/2") << "" << "";
    QTest::newRow("greedy needs a segment")
        << QStringList{QStringLiteral("ANY /items/{proxy+}")} << QByteArray("GET") << QByteArray("/items") << "" << "";
    QTest::newRow("wrong method, no ANY, no $default")
        << QStringList{QStringLiteral("GET /snack")} << QByteArray("POST") << QByteArray("/snack") << "" << "";
    QTest::newRow("unknown path")
        << QStringList{QStringLiteral("GET /snack")} << QByteArray("GET") << QByteArray("/cake") << "" << "";
    QTest::newRow("path parameters are decoded")
        << QStringList{QStringLiteral("GET /ok/{name}")} << QByteArray("GET") << QByteArray("/ok/hello%20world")
        << "GET /ok/{name}" << "name=hello world";
    QTest::newRow("two variables")
        << QStringList{QStringLiteral("GET /a/{x}/b/{y}")} << QByteArray("GET") << QByteArray("/a/1/b/2")
        << "GET /a/{x}/b/{y}" << "x=1;y=2";
    QTest::newRow("matching is case-sensitive")
        << QStringList{QStringLiteral("GET /snack")} << QByteArray("GET") << QByteArray("/Snack") << "" << "";
}

void tst_RouteMatcher::match()
{
    QFETCH(QStringList, routeKeys);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QString, expected);
    QFETCH(QString, parameters);

    const std::optional<RouteMatch> m = RouteMatcher(routes(routeKeys)).match(method, path);
    if (expected.isEmpty()) {
        QVERIFY2(!m, qPrintable(m ? m->route.routeKey : QString()));
        return;
    }
    QVERIFY(m);
    QCOMPARE(m->route.routeKey, expected);
    QCOMPARE(m->route.functionName, QStringLiteral("fn-") + expected);
    QStringList got;
    for (const auto &[name, value] : m->pathParameters)
        got.append(name + QLatin1Char('=') + value);
    QCOMPARE(got.join(QLatin1Char(';')), parameters);
}

void tst_RouteMatcher::routeKeyProblem_data()
{
    QTest::addColumn<QString>("routeKey");
    QTest::addColumn<bool>("valid");
    QTest::newRow("simple") << "GET /snack" << true;
    QTest::newRow("default") << "$default" << true;
    QTest::newRow("greedy last") << "ANY /{proxy+}" << true;
    QTest::newRow("greedy not last") << "ANY /{proxy+}/x" << false;
    QTest::newRow("bad method") << "FETCH /snack" << false;
    QTest::newRow("no slash") << "GET snack" << false;
    QTest::newRow("partial variable") << "GET /a{b}" << false;
}

void tst_RouteMatcher::routeKeyProblem()
{
    QFETCH(QString, routeKey);
    QFETCH(bool, valid);
    QCOMPARE(RouteMatcher::routeKeyProblem(routeKey).isEmpty(), valid);
}

QTEST_GUILESS_MAIN(tst_RouteMatcher)
#include "tst_routematcher.moc"
