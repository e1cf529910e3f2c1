// The GraphQL schema model: schema-level errors compared with graphql-core 3.2.8's for the same
// SDL (validation-cases/sdl-cases.graphql), AppSync's sample schemas with and without the AppSync
// predefinitions, the AppSync Android SDK's introspection results (one with a UTF-8 BOM),
// graphql-core's own introspection answer, and the round trips SDL -> schema -> SDL -> schema
// and schema -> introspection JSON -> schema on graphql-js's 368 KB GitHub schema and the rest.

#include "core/graphql/parser.h"
#include "core/graphql/schema.h"

#include <QFile>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace Gatehouse::Core::GraphQL;
using Json = nlohmann::json;

namespace {

QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(GATEHOUSE_TEST_DATA "/graphql/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return file.readAll();
}

QString message(const Gatehouse::Core::Error &error)
{
    return error.message;
}

Schema::Options appSync()
{
    Schema::Options options;
    options.appSync = true;
    return options;
}

} // namespace

class TstGraphQLSchema : public QObject
{
    Q_OBJECT

private slots:
    void sdlErrors_data();
    void sdlErrors();
    void buildsTheModel();
    void appSyncSamples_data();
    void appSyncSamples();
    void androidIntrospection_data();
    void androidIntrospection();
    void graphqlCoreIntrospection();
    void sdlRoundTrip_data();
    void sdlRoundTrip();
    void introspectionRoundTrip_data();
    void introspectionRoundTrip();
    void badIntrospection_data();
    void badIntrospection();
};

void TstGraphQLSchema::sdlErrors_data()
{
    QTest::addColumn<QString>("sdl");
    QTest::addColumn<QStringList>("expected");
    const Json cases =
        Json::parse(fixture(QStringLiteral("validation-cases/expected.json")).toStdString());
    for (const Json &c : cases["sdl"]) {
        QStringList expected;
        for (const Json &e : c["errors"]) {
            QStringList at;
            for (const Json &l : e["locations"])
                at << QStringLiteral("%1:%2").arg(l[0].get<int>()).arg(l[1].get<int>());
            expected << at.join(QLatin1Char(',')) + QLatin1Char(' ') +
                            QString::fromStdString(e["message"].get<std::string>());
        }
        expected.sort();
        QTest::newRow(c["name"].get<std::string>().c_str())
            << QString::fromStdString(c["sdl"].get<std::string>()) << expected;
    }
}

void TstGraphQLSchema::sdlErrors()
{
    QFETCH(QString, sdl);
    QFETCH(QStringList, expected);
    const auto doc = Parser::parse(sdl.toUtf8());
    QVERIFY(doc.ok());
    const Schema::Build build = Schema::fromDocument(*doc);
    QStringList actual;
    for (const Diagnostic &d : build.errors) {
        QStringList at;
        for (const SourcePosition &p : d.locations)
            at << QStringLiteral("%1:%2").arg(p.line).arg(p.column);
        actual << at.join(QLatin1Char(',')) + QLatin1Char(' ') + d.message;
    }
    actual.sort();
    QCOMPARE(actual, expected);
    // fromSdl() refuses such a schema with its first error in "line:column: message" form.
    const auto strict = Schema::fromSdl(sdl.toUtf8());
    QVERIFY(!strict.ok());
    QCOMPARE(message(strict.error()), build.errors.front().toString());
}

// What the builder keeps: extensions merged, descriptions, defaults as GraphQL literals,
// deprecation, repeatable directives and their locations, interfaces of interfaces.
void TstGraphQLSchema::buildsTheModel()
{
    const QByteArray sdl =
        "\"\"\"The root\"\"\"\n"
        "type Query implements Named & Node { id: ID! name(upper: Boolean = false): String old: "
        "Int @deprecated(reason: \"use id\") }\n"
        "interface Node { id: ID! }\n"
        "interface Named implements Node { id: ID! name(upper: Boolean = false): String }\n"
        "\"A colour\" enum Color { RED @deprecated GREEN }\n"
        "input In { color: Color = RED list: [Int!] = [1, 2] }\n"
        "directive @tag(name: String!) repeatable on OBJECT | FIELD_DEFINITION\n"
        "scalar Url @specifiedBy(url: \"https://url.spec.whatwg.org/\")\n"
        "extend type Query @tag(name: \"a\") @tag(name: \"b\") { added(in: In): Url }\n"
        "extend enum Color { BLUE }\n";
    const auto schema = Schema::fromSdl(sdl);
    QVERIFY2(schema.ok(), qPrintable(schema.ok() ? QString() : schema.error().message));
    const NamedType *query = schema->type(QStringLiteral("Query"));
    QVERIFY(query);
    QCOMPARE(query->description, QStringLiteral("The root"));
    QCOMPARE(int(query->fields.size()), 4);
    QCOMPARE(query->fields.back().name, QStringLiteral("added"));
    QCOMPARE(query->field(QStringLiteral("name"))->arguments.front().defaultValue.value(),
             QStringLiteral("false"));
    QVERIFY(query->field(QStringLiteral("old"))->deprecated);
    QCOMPARE(query->field(QStringLiteral("old"))->deprecationReason, QStringLiteral("use id"));
    QCOMPARE(int(query->directives.size()), 2);
    QCOMPARE(query->directives[1].arguments.front().second, QStringLiteral("\"b\""));
    const NamedType *color = schema->type(QStringLiteral("Color"));
    QCOMPARE(int(color->enumValues.size()), 3);
    QVERIFY(color->enumValue(QStringLiteral("RED"))->deprecated);
    QCOMPARE(color->enumValue(QStringLiteral("RED"))->deprecationReason,
             QStringLiteral("No longer supported"));
    QCOMPARE(schema->type(QStringLiteral("In"))
                 ->inputField(QStringLiteral("list"))
                 ->defaultValue.value(),
             QStringLiteral("[1, 2]"));
    QCOMPARE(
        schema->type(QStringLiteral("In"))->inputField(QStringLiteral("list"))->type.toString(),
        QStringLiteral("[Int!]"));
    QVERIFY(schema->directive(QStringLiteral("tag"))->repeatable);
    QCOMPARE(schema->directive(QStringLiteral("tag"))->locations,
             (std::vector<QString>{QStringLiteral("OBJECT"), QStringLiteral("FIELD_DEFINITION")}));
    QCOMPARE(schema->type(QStringLiteral("Url"))->specifiedByUrl,
             QStringLiteral("https://url.spec.whatwg.org/"));
    QCOMPARE(schema->type(QStringLiteral("Named"))->interfaces,
             std::vector<QString>{QStringLiteral("Node")});
    const NamedType *node = schema->type(QStringLiteral("Node"));
    QCOMPARE(int(schema->possibleTypes(*node).size()), 1);
    QVERIFY(schema->isPossibleType(*node, QStringLiteral("Named")));
    QVERIFY(schema->isSubTypeOf(TypeExpr{QStringLiteral("Query"), {TypeExpr::Wrapper::NonNull}},
                                TypeExpr{QStringLiteral("Node"), {}}));
    QVERIFY(!schema->isSubTypeOf(TypeExpr{QStringLiteral("Query"), {}},
                                 TypeExpr{QStringLiteral("Node"), {TypeExpr::Wrapper::NonNull}}));
    QCOMPARE(schema->rootTypeName(OperationType::Query), QStringLiteral("Query"));
    QVERIFY(!schema->rootType(OperationType::Mutation));
    QVERIFY(schema->fieldFor(*query, QStringLiteral("__schema")));
    QVERIFY(!schema->fieldFor(*node, QStringLiteral("__schema")));
    QVERIFY(schema->fieldFor(*node, QStringLiteral("__typename")));
}

void TstGraphQLSchema::appSyncSamples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("firstErrorWithout");
    QTest::newRow("aoss-search-app") << QStringLiteral("aoss-search-app.schema.graphql")
                                     << QStringLiteral("Unknown type \"AWSJSON\".");
    QTest::newRow("dynamodb-todo-app") << QStringLiteral("dynamodb-todo-app.schema.graphql")
                                       << QStringLiteral("Unknown directive \"@aws_subscribe\".");
    QTest::newRow("pub-sub-app") << QStringLiteral("pub-sub-app.schema.graphql")
                                 << QStringLiteral("Unknown directive \"@aws_api_key\".");
}

void TstGraphQLSchema::appSyncSamples()
{
    QFETCH(QString, file);
    QFETCH(QString, firstErrorWithout);
    const QByteArray sdl = fixture(QStringLiteral("appsync-samples/") + file);
    const auto withAppSync = Schema::fromSdl(sdl, appSync());
    QVERIFY2(withAppSync.ok(),
             qPrintable(withAppSync.ok() ? QString() : withAppSync.error().message));
    QVERIFY(withAppSync->type(QStringLiteral("AWSIPAddress")));
    const DirectiveDef *subscribe = withAppSync->directive(QStringLiteral("aws_subscribe"));
    QVERIFY(subscribe);
    QCOMPARE(subscribe->argument(QStringLiteral("mutations"))->type.toString(),
             QStringLiteral("[String]"));
    QVERIFY(withAppSync->directive(QStringLiteral("aws_cognito_user_pools"))
                ->allowsLocation(QLatin1String("OBJECT")));

    const auto without = Schema::fromSdl(sdl);
    QVERIFY(!without.ok());
    const QString words = without.error().message;
    QVERIFY2(words.endsWith(firstErrorWithout) && words.contains(QLatin1Char(':')),
             qPrintable(words));

    // Printed SDL carries the AWS scalars and directives it uses, so it also loads without the
    // option (in any GraphQL tool), and means the same schema.
    const QString printed = withAppSync->toSdl();
    const auto reloaded = Schema::fromSdl(printed.toUtf8());
    QVERIFY2(reloaded.ok(),
             qPrintable(reloaded.ok() ? QString()
                                      : reloaded.error().message + QLatin1Char('\n') + printed));
    QVERIFY(*reloaded == *withAppSync);
    const auto reloadedWithAppSync = Schema::fromSdl(printed.toUtf8(), appSync());
    QVERIFY(reloadedWithAppSync.ok());
    QVERIFY(*reloadedWithAppSync == *withAppSync);
}

void TstGraphQLSchema::androidIntrospection_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("userTypes");
    QTest::addColumn<QString>("subscriptionRoot");
    QTest::newRow("app (BOM)") << QStringLiteral("app/schema.json") << 0
                               << QStringLiteral("Subscription");
    QTest::newRow("tests-demo") << QStringLiteral("tests-demo/schema.json") << 0
                                << QStringLiteral("Subscription");
}

void TstGraphQLSchema::androidIntrospection()
{
    QFETCH(QString, file);
    QFETCH(QString, subscriptionRoot);
    const QByteArray bytes = fixture(QStringLiteral("appsync-sdk-android/") + file);
    const auto schema = Schema::fromIntrospection(bytes);
    QVERIFY2(schema.ok(), qPrintable(schema.ok() ? QString() : schema.error().message));
    QCOMPARE(schema->rootTypeName(OperationType::Subscription), subscriptionRoot);
    QVERIFY(schema->directive(QStringLiteral("aws_subscribe")));
    // Every type the JSON lists is in the model, under the same kind.
    const Json json = Json::parse(bytes.startsWith("\xEF\xBB\xBF") ? bytes.mid(3).toStdString()
                                                                   : bytes.toStdString());
    const Json &types = json["data"]["__schema"]["types"];
    for (const Json &t : types) {
        const NamedType *ours = schema->type(QString::fromStdString(t["name"].get<std::string>()));
        QVERIFY(ours);
        // Introspection types are the spec's own (AppSync's __Schema predates its description).
        if (t["kind"] == "OBJECT" && !ours->name.startsWith(QLatin1String("__")))
            QCOMPARE(int(ours->fields.size()), int(t["fields"].size()));
    }
    // AppSync's own directives, as this AppSync endpoint reported them, are the ones the
    // AppSync option predefines: same description, arguments and locations.
    const auto predefined = Schema::fromSdl("type Query { a: Int }", appSync());
    QVERIFY(predefined.ok());
    int compared = 0;
    for (const DirectiveDef &d : schema->directives()) {
        if (!d.name.startsWith(QLatin1String("aws_")) && d.name != QLatin1String("defer"))
            continue;
        const DirectiveDef *ours = predefined->directive(d.name);
        QVERIFY2(ours, qPrintable(d.name));
        QVERIFY2(*ours == d, qPrintable(d.name));
        ++compared;
    }
    QCOMPARE(compared, 4);
    // The same answer without the outer {"data": ...} is read alike.
    const auto bare = Schema::fromIntrospection(QByteArray::fromStdString(json["data"].dump()));
    QVERIFY(bare.ok());
    QVERIFY(*bare == *schema);
}

// graphql-core's answer to its own introspection query for schema.graphql is the schema our SDL
// builder makes of the same file.
void TstGraphQLSchema::graphqlCoreIntrospection()
{
    const auto fromJson =
        Schema::fromIntrospection(fixture(QStringLiteral("validation-cases/introspection.json")));
    QVERIFY2(fromJson.ok(), qPrintable(fromJson.ok() ? QString() : fromJson.error().message));
    const auto fromSdl =
        Schema::fromSdl(fixture(QStringLiteral("validation-cases/schema.graphql")));
    QVERIFY(fromSdl.ok());
    QVERIFY2(*fromJson == *fromSdl,
             qPrintable(fromJson->toSdl() + QStringLiteral("\n----\n") + fromSdl->toSdl()));
    QCOMPARE(fromJson->toSdl(), fromSdl->toSdl());
    // And ours answers alike: each user type's introspection equals graphql-core's.
    const Json theirs = Json::parse(fixture(QStringLiteral("validation-cases/introspection.json"))
                                        .toStdString())["data"]["__schema"];
    const Json ours = Json::parse(fromSdl->toIntrospectionJson().toStdString())["__schema"];
    int compared = 0;
    for (const Json &t : theirs["types"]) {
        const std::string name = t["name"].get<std::string>();
        if (name.rfind("__", 0) == 0 || t["description"].is_string())
            continue; // built-ins: graphql-core's descriptions are its own
        for (const Json &o : ours["types"]) {
            if (o["name"] == name) {
                const Json &mine = o;
                QVERIFY2(mine == t, (mine.dump() + "\n" + t.dump()).c_str());
                ++compared;
            }
        }
    }
    QCOMPARE(compared, 13);
}

void TstGraphQLSchema::sdlRoundTrip_data()
{
    QTest::addColumn<QString>("file");
    for (const char *file :
         {"graphql-js/github-schema.graphql", "graphql-js/schema-kitchen-sink.graphql",
          "validation-cases/schema.graphql", "appsync-samples/dynamodb-todo-app.schema.graphql"})
        QTest::newRow(file) << QString::fromLatin1(file);
}

void TstGraphQLSchema::sdlRoundTrip()
{
    QFETCH(QString, file);
    const auto doc = Parser::parse(fixture(file));
    QVERIFY(doc.ok());
    const Schema::Build first = Schema::fromDocument(*doc, appSync());
    // graphql-js's schema kitchen sink is a parser test: it uses directives and types it never
    // defines. What it does define must survive the trip all the same.
    if (!file.contains(QLatin1String("kitchen-sink")))
        QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.errors.front().toString()));
    const QString printed = first.schema.toSdl();
    const auto reparsed = Parser::parse(printed.toUtf8());
    QVERIFY2(reparsed.ok(), qPrintable(reparsed.ok() ? QString() : reparsed.error().message));
    const Schema::Build second = Schema::fromDocument(*reparsed, appSync());
    QVERIFY(second.schema == first.schema);
    QCOMPARE(second.schema.toSdl(), printed);
}

void TstGraphQLSchema::introspectionRoundTrip_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("github") << QStringLiteral("graphql-js/github-schema.graphql");
    QTest::newRow("validation-cases") << QStringLiteral("validation-cases/schema.graphql");
    QTest::newRow("android app") << QStringLiteral("appsync-sdk-android/app/schema.json");
    QTest::newRow("android tests-demo")
        << QStringLiteral("appsync-sdk-android/tests-demo/schema.json");
}

void TstGraphQLSchema::introspectionRoundTrip()
{
    QFETCH(QString, file);
    const auto schema = file.endsWith(QLatin1String(".json"))
                            ? Schema::fromIntrospection(fixture(file))
                            : Schema::fromSdl(fixture(file));
    QVERIFY2(schema.ok(), qPrintable(schema.ok() ? QString() : schema.error().message));
    const QByteArray json = schema->toIntrospectionJson();
    const auto back = Schema::fromIntrospection(json);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QVERIFY(*back == *schema);
    QCOMPARE(back->toSdl(), schema->toSdl());
    // Built-ins are in the answer, as a server's are: clients look up String and __Schema.
    const Json parsed = Json::parse(json.toStdString());
    bool string = false, schemaType = false;
    for (const Json &t : parsed["__schema"]["types"]) {
        string = string || t["name"] == "String";
        schemaType = schemaType || t["name"] == "__Schema";
    }
    QVERIFY(string && schemaType);
}

void TstGraphQLSchema::badIntrospection_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("not JSON") << QByteArray("<html>502</html>")
                              << QStringLiteral("The introspection result is not JSON");
    QTest::newRow("no __schema") << QByteArray("{\"data\": {\"hello\": 1}}")
                                 << QStringLiteral("The JSON holds no \"__schema\"");
    QTest::newRow("errors") << QByteArray(
                                   "{\"errors\": [{\"message\": \"Introspection is disabled\"}]}")
                            << QStringLiteral("The server answered the introspection query with "
                                              "errors: Introspection is disabled");
    QTest::newRow("type without name")
        << QByteArray("{\"__schema\": {\"queryType\": {\"name\": \"Q\"}, \"types\": [{\"kind\": "
                      "\"OBJECT\", \"fields\": []}]}}")
        << QStringLiteral(
               "Not a valid introspection result: __schema.types[0]: \"name\" is missing.");
    QTest::newRow("unknown field type")
        << QByteArray("{\"__schema\": {\"queryType\": {\"name\": \"Q\"}, \"types\": [{\"kind\": "
                      "\"OBJECT\", \"name\": \"Q\", \"fields\": [{\"name\": \"a\", \"args\": [], "
                      "\"type\": {\"kind\": \"OBJECT\", \"name\": \"Gone\"}}]}]}}")
        << QStringLiteral("Not a valid introspection result: Q.a has type Gone, which is not among "
                          "__schema.types.");
    QTest::newRow("no query type")
        << QByteArray("{\"__schema\": {\"queryType\": null, \"types\": []}}")
        << QStringLiteral("Not a valid introspection result: __schema.queryType: missing; every "
                          "schema has a query type.");
}

void TstGraphQLSchema::badIntrospection()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    const auto schema = Schema::fromIntrospection(json);
    QVERIFY(!schema.ok());
    QVERIFY2(schema.error().message.startsWith(error), qPrintable(schema.error().message));
}

QTEST_GUILESS_MAIN(TstGraphQLSchema)
#include "tst_graphqlschema.moc"
