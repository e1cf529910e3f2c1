// Core::GraphQL::Executor against a small schema with interfaces, a union, an enum, an input
// object with defaults, non-null fields and a mutation: variables and defaults, aliases,
// fragments and inline fragments on abstract types, @skip/@include, __typename, errors with
// path and line:column, a null in a non-null field going up to the nearest nullable parent,
// resolvers that answer later, mutations one after another, AppSync's selectionSetList, and
// introspection whose result loads back (Schema::fromIntrospection) into the same schema.
#include "core/graphql/executor.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimer>

#include <functional>
#include <map>

using namespace Gatehouse::Core::GraphQL;
using Gatehouse::Core::Result;

namespace {

QByteArray sdl()
{
    return QByteArrayLiteral("interface Named { name: String! }\n"
                             "type Dog implements Named { name: String! barks: Boolean }\n"
                             "type Cat implements Named { name: String! lives: Int }\n"
                             "union Pet = Dog | Cat\n"
                             "enum Size { SMALL LARGE }\n"
                             "input Filter { size: Size = SMALL, limit: Int = 2 }\n"
                             "type Holder { strict: String! loose: String }\n"
                             "type Query {\n"
                             "  hello(name: String = \"world\"): String\n"
                             "  pets(filter: Filter): [Pet!]!\n"
                             "  named: [Named]\n"
                             "  strict: String!\n"
                             "  nested: Holder\n"
                             "  failing: String\n"
                             "  later: String\n"
                             "  old: String @deprecated(reason: \"use hello\")\n"
                             "}\n"
                             "type Mutation { first: Int second: Int }\n");
}

// Resolvers by "Type.field"; each may answer at once or after a delay.
class TestResolver : public FieldResolver
{
public:
    struct Entry
    {
        std::function<FieldResult(const FieldRequest &)> answer;
        int delayMs = -1; // < 0: at once
    };
    std::map<QString, Entry> entries;
    QList<FieldRequest> requests;
    QStringList log;
    QObject context;

    bool resolves(const QString &type, const QString &field) const override
    {
        return entries.count(type + QLatin1Char('.') + field) > 0;
    }
    void resolve(const FieldRequest &request, std::function<void(FieldResult)> done) override
    {
        requests.append(request);
        const QString key = request.parentTypeName + QLatin1Char('.') + request.fieldName;
        log.append(key + QStringLiteral(" start"));
        const Entry &entry = entries.at(key);
        auto finish = [this, key, answer = entry.answer, request, done] {
            log.append(key + QStringLiteral(" done"));
            done(answer(request));
        };
        if (entry.delayMs < 0)
            finish();
        else
            QTimer::singleShot(entry.delayMs, &context, finish);
    }
};

FieldResult value(const QByteArray &json)
{
    FieldResult r;
    r.value = json;
    return r;
}

// The last response as sent: QJsonObject sorts keys, and the order of fields is part of what is checked.
QByteArray lastRaw;

QJsonObject run(const Executor &executor, const std::shared_ptr<TestResolver> &resolver, const QByteArray &query,
                const QByteArray &variables = {}, const QString &operationName = {})
{
    QByteArray response;
    executor.execute({query, operationName, variables}, resolver, [&](QByteArray r) { response = r; });
    QElapsedTimer timer;
    timer.start();
    while (response.isEmpty() && timer.elapsed() < 5000)
        QTest::qWait(5);
    lastRaw = response;
    return QJsonDocument::fromJson(response).object();
}

QByteArray compact(const QJsonValue &v)
{
    if (v.isObject())
        return QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
    if (v.isArray())
        return QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact);
    return QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
}

} // namespace

class TestGraphQlExecutor : public QObject
{
    Q_OBJECT

    std::shared_ptr<const Schema> m_schema;
    std::unique_ptr<Executor> m_executor;

    std::shared_ptr<TestResolver> resolver()
    {
        auto r = std::make_shared<TestResolver>();
        r->entries[QStringLiteral("Query.hello")] = {[](const FieldRequest &req) {
            const QJsonObject args = QJsonDocument::fromJson(req.arguments).object();
            const QJsonArray wrapped{QJsonValue(QStringLiteral("hello ") + args.value(QStringLiteral("name")).toString())};
            return value(QJsonDocument(wrapped).toJson(QJsonDocument::Compact).mid(1).chopped(1));
        }, -1};
        r->entries[QStringLiteral("Query.pets")] = {[](const FieldRequest &) {
            return value("[{\"__typename\":\"Dog\",\"name\":\"Rex\",\"barks\":true},"
                         "{\"__typename\":\"Cat\",\"name\":\"Tom\",\"lives\":9}]");
        }, 10};
        r->entries[QStringLiteral("Query.named")] = {[](const FieldRequest &) {
            return value("[{\"__typename\":\"Cat\",\"name\":\"Kit\",\"lives\":3},{\"name\":\"nobody\"}]");
        }, -1};
        r->entries[QStringLiteral("Query.strict")] = {[](const FieldRequest &) { return value("null"); }, -1};
        r->entries[QStringLiteral("Query.nested")] = {[](const FieldRequest &) {
            return value("{\"strict\":null,\"loose\":\"kept?\"}");
        }, 5};
        r->entries[QStringLiteral("Query.failing")] = {[](const FieldRequest &) {
            return FieldResult::error(QStringLiteral("the oven broke"), QStringLiteral("Lambda:Unhandled"));
        }, 5};
        r->entries[QStringLiteral("Query.later")] = {[](const FieldRequest &) { return value("\"later\""); }, 30};
        r->entries[QStringLiteral("Mutation.first")] = {[](const FieldRequest &) { return value("1"); }, 60};
        r->entries[QStringLiteral("Mutation.second")] = {[](const FieldRequest &) { return value("2"); }, -1};
        return r;
    }

private slots:
    void initTestCase()
    {
        const Result<Schema> schema = Schema::fromSdl(sdl());
        QVERIFY2(schema.ok(), qPrintable(schema.ok() ? QString() : schema.error().message));
        m_schema = std::make_shared<const Schema>(schema.value());
        m_executor = std::make_unique<Executor>(m_schema);
    }

    void variablesDefaultsAndAliases()
    {
        auto r = resolver();
        const QJsonObject response = run(*m_executor, r,
                                         "query Q($n: String = \"x\", $m: String) { a: hello(name: $n) b: hello "
                                         "c: hello(name: \"lit\") d: hello(name: $m) }",
                                         "{\"m\": \"var\"}");
        QCOMPARE(compact(response), QByteArray("{\"data\":{\"a\":\"hello x\",\"b\":\"hello world\",\"c\":\"hello lit\","
                                               "\"d\":\"hello var\"}}"));
        // A variable left out without a default leaves the argument out, so the field's default applies.
        const QJsonObject unset = run(*m_executor, r, "query Q($m: String) { hello(name: $m) }");
        QCOMPARE(unset.value(QStringLiteral("data")).toObject().value(QStringLiteral("hello")).toString(),
                 QStringLiteral("hello world"));
    }

    void fragmentsOnAbstractTypes()
    {
        auto r = resolver();
        const QJsonObject response = run(*m_executor, r,
                                         "{ pets(filter: {size: LARGE}) { __typename ...PetName ... on Dog { barks } "
                                         "... on Cat { lives } } }\n"
                                         "fragment PetName on Named { name }");
        Q_UNUSED(response);
        QCOMPARE(lastRaw, QByteArray("{\"data\":{\"pets\":[{\"__typename\":\"Dog\",\"name\":\"Rex\",\"barks\":true},"
                                     "{\"__typename\":\"Cat\",\"name\":\"Tom\",\"lives\":9}]}}"));
        QCOMPARE(r->requests.size(), 1);
        // The input object's missing field took its default; AppSync's info lists the fields of
        // every possible type, fragments expanded, without __typename.
        QCOMPARE(r->requests.first().arguments, QByteArray("{\"filter\":{\"size\":\"LARGE\",\"limit\":2}}"));
        QCOMPARE(r->requests.first().selectionSetList, (QStringList{QStringLiteral("name"), QStringLiteral("barks"),
                                                                    QStringLiteral("lives")}));
        QVERIFY(r->requests.first().selectionSetGraphQL.startsWith(QLatin1Char('{')));
        QVERIFY(r->requests.first().selectionSetGraphQL.contains(QStringLiteral("...PetName")));
    }

    void abstractTypeWithoutTypename()
    {
        auto r = resolver();
        const QJsonObject response = run(*m_executor, r, "{ named { name } }");
        const QJsonArray named = response.value(QStringLiteral("data")).toObject().value(QStringLiteral("named")).toArray();
        QCOMPARE(named.size(), 2);
        QCOMPARE(named.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Kit"));
        QVERIFY(named.at(1).isNull()); // nullable item: only it is null
        const QJsonObject error = response.value(QStringLiteral("errors")).toArray().at(0).toObject();
        QCOMPARE(compact(error.value(QStringLiteral("path"))), QByteArray("[\"named\",1]"));
        QVERIFY(error.value(QStringLiteral("message")).toString().contains(QStringLiteral("__typename")));
    }

    void skipAndInclude()
    {
        auto r = resolver();
        const QJsonObject response = run(*m_executor, r,
                                         "query ($yes: Boolean!) { a: hello @skip(if: true) b: hello @include(if: $yes) "
                                         "c: hello @include(if: false) d: hello @skip(if: $yes) }",
                                         "{\"yes\": true}");
        QCOMPARE(compact(response), QByteArray("{\"data\":{\"b\":\"hello world\"}}"));
    }

    void nullPropagation()
    {
        auto r = resolver();
        QJsonObject response = run(*m_executor, r, "{ nested { loose strict } hello }");
        QVERIFY2(lastRaw.startsWith("{\"data\":{\"nested\":null,\"hello\":\"hello world\"},\"errors\":"), lastRaw.constData());
        QJsonObject error = response.value(QStringLiteral("errors")).toArray().at(0).toObject();
        QCOMPARE(compact(error.value(QStringLiteral("path"))), QByteArray("[\"nested\",\"strict\"]"));
        QCOMPARE(error.value(QStringLiteral("message")).toString(),
                 QStringLiteral("Cannot return null for non-nullable type: 'String' within parent 'Holder' (/nested/strict)"));
        QCOMPARE(compact(error.value(QStringLiteral("locations"))), QByteArray("[{\"column\":18,\"line\":1,\"sourceName\":null}]"));

        // A non-null root field: the whole data is null.
        response = run(*m_executor, r, "{ hello strict }");
        QVERIFY(response.contains(QStringLiteral("data")));
        QVERIFY(response.value(QStringLiteral("data")).isNull());
        QCOMPARE(response.value(QStringLiteral("errors")).toArray().size(), 1);
    }

    void resolverErrorKeepsPartialData()
    {
        auto r = resolver();
        const QJsonObject response = run(*m_executor, r, "query {\n  later\n  failing\n}");
        QVERIFY2(lastRaw.startsWith("{\"data\":{\"later\":\"later\",\"failing\":null},\"errors\":"), lastRaw.constData());
        const QJsonObject error = response.value(QStringLiteral("errors")).toArray().at(0).toObject();
        QCOMPARE(error.value(QStringLiteral("message")).toString(), QStringLiteral("the oven broke"));
        QCOMPARE(error.value(QStringLiteral("errorType")).toString(), QStringLiteral("Lambda:Unhandled"));
        QCOMPARE(compact(error.value(QStringLiteral("path"))), QByteArray("[\"failing\"]"));
        QCOMPARE(compact(error.value(QStringLiteral("locations"))), QByteArray("[{\"column\":3,\"line\":3,\"sourceName\":null}]"));
    }

    void invalidDocumentsAreNotRun_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QByteArray>("variables");
        QTest::addColumn<QString>("errorType");
        QTest::addColumn<QString>("words");
        QTest::newRow("unknown field") << QByteArray("{ nope }") << QByteArray() << QStringLiteral("ValidationError")
                                       << QStringLiteral("nope");
        QTest::newRow("syntax") << QByteArray("{ hello ") << QByteArray() << QStringLiteral("MalformedHttpRequestException")
                                << QStringLiteral("Syntax Error");
        QTest::newRow("bad enum variable") << QByteArray("query ($f: Filter) { pets(filter: $f) { __typename } }")
                                           << QByteArray("{\"f\": {\"size\": \"HUGE\"}}") << QStringLiteral("ValidationError")
                                           << QStringLiteral("HUGE");
        QTest::newRow("missing non-null variable") << QByteArray("query ($b: Boolean!) { hello @skip(if: $b) }")
                                                   << QByteArray("{}") << QStringLiteral("ValidationError")
                                                   << QStringLiteral("$b");
        QTest::newRow("variables not an object") << QByteArray("{ hello }") << QByteArray("[1]")
                                                 << QStringLiteral("BadRequestException") << QStringLiteral("variables");
        QTest::newRow("two operations unnamed") << QByteArray("query A { hello } query B { hello }") << QByteArray()
                                                << QStringLiteral("BadRequestException") << QStringLiteral("operationName");
    }

    void invalidDocumentsAreNotRun()
    {
        QFETCH(QByteArray, query);
        QFETCH(QByteArray, variables);
        QFETCH(QString, errorType);
        QFETCH(QString, words);
        auto r = resolver();
        const QJsonObject response = run(*m_executor, r, query, variables);
        QVERIFY(response.value(QStringLiteral("data")).isNull());
        const QJsonObject error = response.value(QStringLiteral("errors")).toArray().at(0).toObject();
        QCOMPARE(error.value(QStringLiteral("errorType")).toString(), errorType);
        QVERIFY2(error.value(QStringLiteral("message")).toString().contains(words),
                 qPrintable(error.value(QStringLiteral("message")).toString()));
        QVERIFY(r->requests.isEmpty());
    }

    void operationByName()
    {
        auto r = resolver();
        const QJsonObject response = run(*m_executor, r, "query A { a: hello } query B { b: hello }", {}, QStringLiteral("B"));
        QCOMPARE(compact(response), QByteArray("{\"data\":{\"b\":\"hello world\"}}"));
    }

    void mutationsRunOneAfterAnother()
    {
        auto r = resolver();
        const QJsonObject response = run(*m_executor, r, "mutation { first second again: first }");
        Q_UNUSED(response);
        QCOMPARE(lastRaw, QByteArray("{\"data\":{\"first\":1,\"second\":2,\"again\":1}}"));
        QCOMPARE(r->log, (QStringList{QStringLiteral("Mutation.first start"), QStringLiteral("Mutation.first done"),
                                      QStringLiteral("Mutation.second start"), QStringLiteral("Mutation.second done"),
                                      QStringLiteral("Mutation.first start"), QStringLiteral("Mutation.first done")}));
        // Queries do not wait: both start before either is done.
        auto q = resolver();
        run(*m_executor, q, "{ later failing }");
        QCOMPARE(q->log.mid(0, 2), (QStringList{QStringLiteral("Query.later start"), QStringLiteral("Query.failing start")}));
    }

    void introspectionLoadsBack()
    {
        auto r = resolver();
        const QJsonObject response = run(*m_executor, r, Schema::introspectionQuery().toUtf8());
        QVERIFY2(!response.contains(QStringLiteral("errors")), compact(response.value(QStringLiteral("errors"))).constData());
        const QByteArray bytes = QJsonDocument(response).toJson(QJsonDocument::Compact);
        const Result<Schema> loaded = Schema::fromIntrospection(bytes);
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
        QVERIFY(loaded.value() == *m_schema);
        QCOMPARE(loaded->toSdl(), m_schema->toSdl());
    }

    void typeIntrospection()
    {
        auto r = resolver();
        const QJsonObject response =
            run(*m_executor, r,
                "{ __type(name: \"Query\") { name kind fields { name } all: fields(includeDeprecated: true) { name isDeprecated } } "
                "pet: __type(name: \"Pet\") { possibleTypes { name fields { name } } } none: __type(name: \"Nope\") { name } }");
        const QJsonObject data = response.value(QStringLiteral("data")).toObject();
        const QJsonObject query = data.value(QStringLiteral("__type")).toObject();
        QCOMPARE(query.value(QStringLiteral("kind")).toString(), QStringLiteral("OBJECT"));
        QStringList names;
        for (const QJsonValue &f : query.value(QStringLiteral("fields")).toArray())
            names.append(f.toObject().value(QStringLiteral("name")).toString());
        QVERIFY(!names.contains(QStringLiteral("old")));
        QCOMPARE(query.value(QStringLiteral("all")).toArray().size(), names.size() + 1);
        // Types named inside other types are complete (possibleTypes' fields).
        const QJsonArray possible = data.value(QStringLiteral("pet")).toObject().value(QStringLiteral("possibleTypes")).toArray();
        QCOMPARE(possible.size(), 2);
        QVERIFY(!possible.at(0).toObject().value(QStringLiteral("fields")).toArray().isEmpty());
        QVERIFY(data.value(QStringLiteral("none")).isNull());
    }
};

QTEST_GUILESS_MAIN(TestGraphQlExecutor)
#include "tst_graphqlexecutor.moc"
