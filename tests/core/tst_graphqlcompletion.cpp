// GraphQL completion and hover against schemas we did not write: graphql-cats' validation
// schema (every completion context, broken documents) and graphql-js's 368 KB GitHub schema
// (arguments, enum lists, input objects, descriptions and deprecations as that file states them).
// The cursor is marked with "|" in each document (GraphQL's "|" only appears in union
// definitions, never in an executable document).

#include "core/graphql/completion.h"
#include "core/graphql/lexer.h"
#include "core/graphql/parser.h"
#include "core/graphql/schema.h"

#include <QFile>
#include <QTest>
#include <algorithm>

using namespace Gatehouse::Core::GraphQL;

namespace {

QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(GATEHOUSE_TEST_DATA "/graphql/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return file.readAll();
}

// graphql-cats' schema uses @enumInt without declaring it; the builder reports that and builds
// the rest, which is all completion needs.
Schema load(const QString &name)
{
    auto document = Parser::parse(fixture(name));
    if (!document.ok())
        qFatal("schema %s: %s", qPrintable(name), qPrintable(document.error().message));
    Schema::Build build = Schema::fromDocument(*document);
    for (const Diagnostic &error : build.errors) {
        if (!error.message.contains(QLatin1String("@enumInt")))
            qFatal("schema %s: %s", qPrintable(name), qPrintable(error.toString()));
    }
    return build.schema;
}

// The document without its "|" and the cursor's byte offset.
std::pair<QByteArray, int> withCursor(const QString &marked)
{
    QByteArray text = marked.toUtf8();
    const int at = int(text.indexOf('|'));
    if (at < 0)
        qFatal("no cursor in %s", qPrintable(marked));
    text.remove(at, 1);
    return {text, at};
}

QStringList labels(const CompletionResult &result)
{
    QStringList out;
    for (const CompletionItem &item : result.items)
        out << item.label;
    return out;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

const CompletionItem *findItem(const CompletionResult &result, const QString &label)
{
    for (const CompletionItem &item : result.items) {
        if (item.label == label)
            return &item;
    }
    return nullptr;
}

const QString dogFields = QStringLiteral(
    "name nickname barks barkVolume doesKnowCommand isHousetrained isAtLocation __typename");
const QString catFields = QStringLiteral("name nickname meows meowVolume furColor __typename");

} // namespace

class tst_GraphQLCompletion : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void contexts_data();
    void contexts();
    void replaceRange();
    void itemDetails();
    void variableTypes();
    void github_data();
    void github();
    void githubDocumentation();
    void hover_data();
    void hover();
    void nothingToOffer_data();
    void nothingToOffer();
    void realDocuments_data();
    void realDocuments();
    void everyOffset_data();
    void everyOffset();

private:
    Schema m_cats;
    Schema m_github;
};

void tst_GraphQLCompletion::initTestCase()
{
    m_cats = load(QStringLiteral("graphql-cats/scenarios/validation/validation.schema.graphql"));
    m_github = load(QStringLiteral("graphql-js/github-schema.graphql"));
}

// Each row: a document with its cursor, and exactly the labels expected, in order ("sorted:"
// in front when the schema's order is not what the row is about).
void tst_GraphQLCompletion::contexts_data()
{
    QTest::addColumn<QString>("document");
    QTest::addColumn<QString>("expected");

    QTest::newRow("empty document: definition keywords") << QStringLiteral("|")
                                                         << QStringLiteral("query mutation subscription fragment");
    QTest::newRow("keyword prefix") << QStringLiteral("que|") << QStringLiteral("query");
    QTest::newRow("after a definition") << QStringLiteral("{ dog { name } }\nfr|")
                                        << QStringLiteral("fragment");
    QTest::newRow("shorthand query: root fields")
        << QStringLiteral("{ | }")
        << QStringLiteral("human alien dog cat pet catOrDog dogOrHuman humanOrAlien complicatedArgs "
                          "__typename __schema __type");
    QTest::newRow("named query with variables") << QStringLiteral("query Q($id: ID) { hu| }")
                                                << QStringLiteral("human humanOrAlien dogOrHuman");
    QTest::newRow("nested selection") << QStringLiteral("{ dog { | } }") << dogFields;
    QTest::newRow("nested, after a field") << QStringLiteral("{ dog { name | } }") << dogFields;
    QTest::newRow("prefix narrows, starts before contains")
        << QStringLiteral("{ dog { na| } }") << QStringLiteral("name nickname __typename");
    QTest::newRow("case-insensitive prefix") << QStringLiteral("{ dog { BARK| } }")
                                             << QStringLiteral("barks barkVolume");
    QTest::newRow("after an alias") << QStringLiteral("{ d: dog { n: | } }") << dogFields;
    QTest::newRow("after arguments") << QStringLiteral("{ dog { isAtLocation(x: 1, y: 2) | } }")
                                     << dogFields;
    QTest::newRow("after a directive") << QStringLiteral("{ dog { name @include(if: true) | } }")
                                       << dogFields;
    QTest::newRow("list field's item type") << QStringLiteral("{ human { pets { | } } }")
                                            << QStringLiteral("name __typename");
    QTest::newRow("fragment type condition") << QStringLiteral("fragment F on Cat { | }") << catFields;
    QTest::newRow("inline fragment") << QStringLiteral("{ catOrDog { ... on Dog { bark| } } }")
                                     << QStringLiteral("barks barkVolume");
    QTest::newRow("inline fragment without a type") << QStringLiteral("{ dog { ... { | } } }")
                                                    << dogFields;
    QTest::newRow("union: only __typename") << QStringLiteral("{ catOrDog { | } }")
                                            << QStringLiteral("__typename");
    QTest::newRow("interface fields") << QStringLiteral("{ pet { | } }") << QStringLiteral("name __typename");
    QTest::newRow("spread: on and applicable fragments")
        << QStringLiteral("{ dog { ...| } }\nfragment DogFields on Dog { name }\n"
                          "fragment CatFields on Cat { name }\nfragment PetFields on Pet { name }\n"
                          "fragment BeingFields on HumanOrAlien { __typename }")
        << QStringLiteral("on DogFields PetFields");
    QTest::newRow("spread: not the fragment itself")
        << QStringLiteral("fragment A on Dog { ...| }\nfragment B on Dog { name }")
        << QStringLiteral("on B");
    QTest::newRow("on: composite types that overlap the parent")
        << QStringLiteral("{ pet { ... on | } }")
        << QStringLiteral("sorted:Being Canine Cat CatOrDog Dog DogOrHuman Pet");
    QTest::newRow("fragment definition: on") << QStringLiteral("fragment F |") << QStringLiteral("on");
    QTest::newRow("fragment definition: every composite type")
        << QStringLiteral("fragment F on |")
        << QStringLiteral("sorted:Alien Being Canine Cat CatOrDog ComplicatedArgs Dog DogOrHuman Human "
                          "HumanOrAlien Intelligent Pet QueryRoot");
    QTest::newRow("field arguments") << QStringLiteral("{ dog { isAtLocation(|) } }") << QStringLiteral("x y");
    QTest::newRow("arguments not yet given") << QStringLiteral("{ dog { isAtLocation(x: 1, |) } }")
                                             << QStringLiteral("y");
    QTest::newRow("argument prefix") << QStringLiteral("{ complicatedArgs { multipleOptAndReq(re|) } }")
                                     << QStringLiteral("req1 req2");
    QTest::newRow("enum argument value") << QStringLiteral("{ dog { doesKnowCommand(dogCommand: |) } }")
                                         << QStringLiteral("SIT HEEL DOWN null");
    QTest::newRow("enum value prefix") << QStringLiteral("{ dog { doesKnowCommand(dogCommand: H|) } }")
                                       << QStringLiteral("HEEL");
    QTest::newRow("boolean argument value") << QStringLiteral("{ dog { isHousetrained(atOtherHomes: |) } }")
                                            << QStringLiteral("true false null");
    QTest::newRow("non-null: no null") << QStringLiteral("{ complicatedArgs { multipleReqs(req1: |) } }")
                                       << QStringLiteral("");
    QTest::newRow("variables of the matching type")
        << QStringLiteral("query Q($cmd: DogCommand, $b: Boolean!, $i: Int) {\n"
                          "  dog { doesKnowCommand(dogCommand: |) }\n}")
        << QStringLiteral("SIT HEEL DOWN null $cmd");
    QTest::newRow("after $") << QStringLiteral("query Q($cmd: DogCommand, $b: Boolean!) { dog { isHousetrained(atOtherHomes: $|) } }")
                             << QStringLiteral("$b");
    QTest::newRow("after $, typed") << QStringLiteral("query ($a: Int, $abc: Int, $b: Int) { dog { isAtLocation(x: $a|) } }")
                                    << QStringLiteral("$a $abc");
    QTest::newRow("variable in a directive") << QStringLiteral("query ($b: Boolean!) { dog @include(if: $|) }")
                                             << QStringLiteral("$b");
    QTest::newRow("input object fields") << QStringLiteral("{ complicatedArgs { complexArgField(complexArg: { | }) } }")
                                         << QStringLiteral("requiredField intField stringField booleanField stringListField");
    QTest::newRow("input object fields not yet given")
        << QStringLiteral("{ complicatedArgs { complexArgField(complexArg: { requiredField: true, intField: 3 | }) } }")
        << QStringLiteral("stringField booleanField stringListField");
    QTest::newRow("input field value") << QStringLiteral("{ complicatedArgs { complexArgField(complexArg: { booleanField: | }) } }")
                                       << QStringLiteral("true false null");
    QTest::newRow("list of enums") << QStringLiteral("{ complicatedArgs { enumArgField(enumArg: [BROWN, |]) } }")
                                   << QStringLiteral("BROWN BLACK TAN SPOTTED null");
    QTest::newRow("directives on a field") << QStringLiteral("{ dog @| }")
                                           << QStringLiteral("sorted:include onField skip");
    QTest::newRow("directive prefix") << QStringLiteral("{ dog @in| }") << QStringLiteral("include");
    QTest::newRow("directives on a query") << QStringLiteral("query Q @| { dog { name } }")
                                           << QStringLiteral("onQuery");
    QTest::newRow("directives on a fragment spread") << QStringLiteral("{ dog { ...F @| } }")
                                                     << QStringLiteral("sorted:include onFragmentSpread skip");
    QTest::newRow("directives on an inline fragment") << QStringLiteral("{ dog { ... @| { name } } }")
                                                      << QStringLiteral("sorted:include onInlineFragment skip");
    QTest::newRow("directives on a fragment definition") << QStringLiteral("fragment F on Dog @| { name }")
                                                         << QStringLiteral("onFragmentDefinition");
    QTest::newRow("directive arguments") << QStringLiteral("{ dog @skip(|) }") << QStringLiteral("if");
    QTest::newRow("variable definition: input types")
        << QStringLiteral("query Q($x: |) { dog { name } }")
        << QStringLiteral("sorted:Boolean ComplexInput DogCommand Float FurColor ID Int String");
    QTest::newRow("variable definition: inside a list type") << QStringLiteral("query Q($x: [Fur|]) { dog { name } }")
                                                             << QStringLiteral("FurColor");
    QTest::newRow("second variable definition") << QStringLiteral("query Q($x: Int, $y: Dog|) { dog { name } }")
                                                << QStringLiteral("DogCommand");
    // Broken documents: completion goes on around syntax errors.
    QTest::newRow("broken: unclosed definition above")
        << QStringLiteral("query A { dog { name \n\nquery B { cat { meo| } }") << QStringLiteral("meows meowVolume");
    QTest::newRow("broken: syntax error in an argument")
        << QStringLiteral("{ dog { isAtLocation(x: ) barks } cat { | } }") << catFields;
    QTest::newRow("broken: bad characters") << QStringLiteral("{ dog { ? name ; | } }") << dogFields;
    QTest::newRow("broken: unterminated string above")
        << QStringLiteral("{ human(id: \"abc) { name }\n}\nquery Q { dog { barkV| } }") << QStringLiteral("barkVolume");
    QTest::newRow("broken: unclosed arguments") << QStringLiteral("{ dog { isAtLocation(x: 1 } cat { | } }") << catFields;
    QTest::newRow("broken: unclosed selection at the end") << QStringLiteral("{ dog { name\n  | ") << dogFields;
    QTest::newRow("broken: type-system definition above")
        << QStringLiteral("type Extra { a: Int }\n{ cat { fur| } }") << QStringLiteral("furColor");
}

void tst_GraphQLCompletion::contexts()
{
    QFETCH(QString, document);
    QFETCH(QString, expected);
    const auto [text, cursor] = withCursor(document);
    const CompletionResult result = CompletionEngine::complete(m_cats, text, cursor);
    QStringList got = labels(result);
    if (expected.startsWith(QLatin1String("sorted:"))) {
        expected = expected.mid(7);
        got = sorted(got);
    }
    const QStringList want = expected.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QCOMPARE(got, want);
}

void tst_GraphQLCompletion::replaceRange()
{
    // A word is replaced whole, wherever the cursor is in it.
    {
        const auto [text, cursor] = withCursor(QStringLiteral("{ dog { bar|kVol } }"));
        const CompletionResult result = CompletionEngine::complete(m_cats, text, cursor);
        QCOMPARE(result.prefix, QStringLiteral("bar"));
        QCOMPARE(result.replace.start, int(text.indexOf("barkVol")));
        QCOMPARE(result.replace.end, int(text.indexOf("barkVol")) + 7);
    }
    // Nothing typed yet: an empty range at the cursor.
    {
        const auto [text, cursor] = withCursor(QStringLiteral("{ dog { | } }"));
        const CompletionResult result = CompletionEngine::complete(m_cats, text, cursor);
        QCOMPARE(result.replace.start, cursor);
        QCOMPARE(result.replace.end, cursor);
        QVERIFY(result.prefix.isEmpty());
    }
    // A variable replaces its "$" too, since its label and insert text carry one.
    {
        const auto [text, cursor] = withCursor(QStringLiteral("query ($abc: Int) { dog { isAtLocation(x: $ab|) } }"));
        const CompletionResult result = CompletionEngine::complete(m_cats, text, cursor);
        QCOMPARE(labels(result), QStringList{QStringLiteral("$abc")});
        QCOMPARE(result.items.front().insertText, QStringLiteral("$abc"));
        QCOMPARE(result.replace.start, int(text.indexOf("$ab)")));
        QCOMPARE(result.replace.end, cursor);
    }
    // Non-ASCII text before the cursor: offsets are bytes.
    {
        const auto [text, cursor] = withCursor(QStringLiteral("# caf\u00e9 \u2713\n{ dog { nick| } }"));
        const CompletionResult result = CompletionEngine::complete(m_cats, text, cursor);
        QCOMPARE(labels(result), QStringList{QStringLiteral("nickname")});
        QCOMPARE(result.replace.start, int(text.indexOf("nick")));
    }
}

void tst_GraphQLCompletion::itemDetails()
{
    const auto [text, cursor] = withCursor(QStringLiteral("{ dog { isHousetrained(|) doesKnowCommand } }"));
    const CompletionResult args = CompletionEngine::complete(m_cats, text, cursor);
    QCOMPARE(args.items.size(), size_t(1));
    QCOMPARE(args.items.front().kind, CompletionItem::Kind::Argument);
    QCOMPARE(args.items.front().detail, QStringLiteral("Boolean = true"));
    QCOMPARE(args.items.front().insertText, QStringLiteral("atOtherHomes: "));

    const auto [text2, cursor2] = withCursor(QStringLiteral("{ human { | } }"));
    const CompletionResult fields = CompletionEngine::complete(m_cats, text2, cursor2);
    const CompletionItem *pets = findItem(fields, QStringLiteral("pets"));
    QVERIFY(pets);
    QCOMPARE(pets->kind, CompletionItem::Kind::Field);
    QCOMPARE(pets->detail, QStringLiteral("[Pet]"));
    QCOMPARE(pets->insertText, QStringLiteral("pets"));
    const CompletionItem *typeName = findItem(fields, QStringLiteral("__typename"));
    QVERIFY(typeName);
    QCOMPARE(typeName->detail, QStringLiteral("String!"));

    const auto [text3, cursor3] = withCursor(QStringLiteral("{ dog { doesKnowCommand(dogCommand: S|) } }"));
    const CompletionResult values = CompletionEngine::complete(m_cats, text3, cursor3);
    QCOMPARE(values.items.front().kind, CompletionItem::Kind::EnumValue);
    QCOMPARE(values.items.front().detail, QStringLiteral("DogCommand"));
}

void tst_GraphQLCompletion::variableTypes()
{
    // Variables compatible with the place: Boolean! and Boolean fill Boolean; Int does not;
    // a list variable fills a list argument.
    const auto [text, cursor] = withCursor(QStringLiteral(
        "query Q($a: Boolean!, $b: Boolean, $c: Int, $d: [String!]!, $e: String) {\n"
        "  dog { isHousetrained(atOtherHomes: |) }\n"
        "  complicatedArgs { stringListArgField(stringListArg: $) }\n}"));
    const CompletionResult booleans = CompletionEngine::complete(m_cats, text, cursor);
    QCOMPARE(labels(booleans), (QStringList{QStringLiteral("true"), QStringLiteral("false"),
                                            QStringLiteral("null"), QStringLiteral("$a"), QStringLiteral("$b")}));
    QCOMPARE(findItem(booleans, QStringLiteral("$a"))->detail, QStringLiteral("Boolean!"));
    const int listCursor = int(text.indexOf("$)")) + 1;
    const CompletionResult lists = CompletionEngine::complete(m_cats, text, listCursor);
    QCOMPARE(labels(lists), QStringList{QStringLiteral("$d")});
}

void tst_GraphQLCompletion::github_data()
{
    QTest::addColumn<QString>("document");
    QTest::addColumn<QStringList>("mustHave");
    QTest::addColumn<QStringList>("mustNotHave");

    const QString repo = QStringLiteral("query Issues($owner: String!, $states: [IssueState!]) {\n"
                                        "  repository(owner: $owner, name: \"graphql-js\") {\n%1\n  }\n}");
    QTest::newRow("repository fields") << repo.arg(QStringLiteral("    | "))
                                       << QStringList{QStringLiteral("issues"), QStringLiteral("pullRequests"),
                                                      QStringLiteral("stargazers"), QStringLiteral("__typename")}
                                       << QStringList{QStringLiteral("login"), QStringLiteral("__schema")};
    QTest::newRow("issues arguments not yet given")
        << repo.arg(QStringLiteral("    issues(first: 10, |) { totalCount }"))
        << QStringList{QStringLiteral("orderBy"), QStringLiteral("labels"), QStringLiteral("states"),
                       QStringLiteral("filterBy"), QStringLiteral("after"), QStringLiteral("before"),
                       QStringLiteral("last")}
        << QStringList{QStringLiteral("first")};
    QTest::newRow("enum list") << repo.arg(QStringLiteral("    issues(states: [OPEN, |]) { totalCount }"))
                               << QStringList{QStringLiteral("OPEN"), QStringLiteral("CLOSED")}
                               << QStringList{QStringLiteral("null"), QStringLiteral("$states")};
    QTest::newRow("list variable") << repo.arg(QStringLiteral("    issues(states: |) { totalCount }"))
                                   << QStringList{QStringLiteral("OPEN"), QStringLiteral("CLOSED"),
                                                  QStringLiteral("null"), QStringLiteral("$states")}
                                   << QStringList{QStringLiteral("$owner")};
    QTest::newRow("input object") << repo.arg(QStringLiteral("    issues(orderBy: { | }) { totalCount }"))
                                  << QStringList{QStringLiteral("field"), QStringLiteral("direction")}
                                  << QStringList{QStringLiteral("first")};
    QTest::newRow("input object field enum")
        << repo.arg(QStringLiteral("    issues(orderBy: { field: CREATED_AT, direction: | }) { totalCount }"))
        << QStringList{QStringLiteral("ASC"), QStringLiteral("DESC")} << QStringList{QStringLiteral("null")};
    QTest::newRow("connection nodes") << repo.arg(QStringLiteral("    issues(last: 5) { nodes { tit| } }"))
                                      << QStringList{QStringLiteral("title")}
                                      << QStringList{QStringLiteral("totalCount")};
    QTest::newRow("node: inline fragment types")
        << QStringLiteral("{ node(id: \"MDEwOlJlcG9zaXRvcnkx\") { ... on Repos| } }")
        << QStringList{QStringLiteral("Repository"), QStringLiteral("RepositoryOwner")}
        << QStringList{QStringLiteral("RepositoryConnection")};
    QTest::newRow("node: inline fragment fields")
        << QStringLiteral("{ node(id: \"x\") { id ... on Repository { nameWith| } } }")
        << QStringList{QStringLiteral("nameWithOwner")} << QStringList{};
    QTest::newRow("mutation root") << QStringLiteral("mutation { addComm| }")
                                   << QStringList{QStringLiteral("addComment")} << QStringList{QStringLiteral("repository")};
    QTest::newRow("mutation input variable type") << QStringLiteral("mutation ($input: AddCommentIn|) { addComment(input: $input) { clientMutationId } }")
                                                  << QStringList{QStringLiteral("AddCommentInput")}
                                                  << QStringList{QStringLiteral("AddCommentPayload")};
}

void tst_GraphQLCompletion::github()
{
    QFETCH(QString, document);
    QFETCH(QStringList, mustHave);
    QFETCH(QStringList, mustNotHave);
    const auto [text, cursor] = withCursor(document);
    const QStringList got = labels(CompletionEngine::complete(m_github, text, cursor));
    for (const QString &label : mustHave)
        QVERIFY2(got.contains(label), qPrintable(label + QStringLiteral(" missing from ") + got.join(QLatin1Char(' '))));
    for (const QString &label : mustNotHave)
        QVERIFY2(!got.contains(label), qPrintable(label + QStringLiteral(" offered in ") + got.join(QLatin1Char(' '))));
}

void tst_GraphQLCompletion::githubDocumentation()
{
    const auto [text, cursor] = withCursor(QStringLiteral("{ repository(owner: \"a\", name: \"b\") { issu| } }"));
    const CompletionResult result = CompletionEngine::complete(m_github, text, cursor);
    QVERIFY(!result.items.empty());
    QCOMPARE(result.items.front().label, QStringLiteral("issue")); // prefix matches come first
    const CompletionItem &issues = *findItem(result, QStringLiteral("issues"));
    QCOMPARE(issues.label, QStringLiteral("issues"));
    QCOMPARE(issues.detail, QStringLiteral("IssueConnection!"));
    QCOMPARE(issues.documentation, QStringLiteral("A list of issues that have been opened in the repository."));
    QVERIFY(!issues.deprecated);

    const auto [text2, cursor2] = withCursor(QStringLiteral("{ marketplaceListing(slug: \"x\") { hasApproval| } }"));
    const CompletionResult deprecated = CompletionEngine::complete(m_github, text2, cursor2);
    QVERIFY(!deprecated.items.empty());
    QCOMPARE(deprecated.items.front().label, QStringLiteral("hasApprovalBeenRequested"));
    QVERIFY(deprecated.items.front().deprecated);
    QVERIFY(deprecated.items.front().deprecationReason.startsWith(
        QLatin1String("`hasApprovalBeenRequested` will be removed.")));

    const auto [text3, cursor3] = withCursor(QStringLiteral("{ repository(owner: \"a\", name: \"b\") { issues(states: O|) { totalCount } } }"));
    const CompletionResult states = CompletionEngine::complete(m_github, text3, cursor3);
    QCOMPARE(labels(states), (QStringList{QStringLiteral("OPEN"), QStringLiteral("CLOSED")}));
    QCOMPARE(states.items.front().documentation, QStringLiteral("An issue that is still open"));
}

void tst_GraphQLCompletion::hover_data()
{
    QTest::addColumn<QString>("document");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("documentation");
    QTest::addColumn<bool>("deprecated");

    const QString query = QStringLiteral("query Q($s: [IssueState!]) {\n"
                                         "  repository(owner: \"a\", name: \"b\") {\n"
                                         "    open: %1\n  }\n}");
    QTest::newRow("field") << query.arg(QStringLiteral("iss|ues(states: OPEN) { totalCount }"))
                           << QStringLiteral("Repository.issues: IssueConnection!")
                           << QStringLiteral("A list of issues that have been opened in the repository.") << false;
    QTest::newRow("field, cursor at its end") << query.arg(QStringLiteral("issues| { totalCount }"))
                                              << QStringLiteral("Repository.issues: IssueConnection!")
                                              << QStringLiteral("A list of issues that have been opened in the repository.")
                                              << false;
    QTest::newRow("argument") << query.arg(QStringLiteral("issues(sta|tes: OPEN) { totalCount }"))
                              << QStringLiteral("issues(states: [IssueState!])")
                              << QStringLiteral("A list of states to filter the issues by.") << false;
    QTest::newRow("enum value") << query.arg(QStringLiteral("issues(states: [CLO|SED]) { totalCount }"))
                                << QStringLiteral("IssueState.CLOSED") << QStringLiteral("An issue that has been closed")
                                << false;
    QTest::newRow("input field") << query.arg(QStringLiteral("issues(orderBy: {dir|ection: ASC}) { totalCount }"))
                                 << QStringLiteral("IssueOrder.direction: OrderDirection!")
                                 << QStringLiteral("The direction in which to order issues by the specified field.") << false;
    QTest::newRow("variable type") << query.arg(QStringLiteral("issues { totalCount }")).replace(QStringLiteral("[IssueState!]"), QStringLiteral("[Issue|State!]"))
                                   << QStringLiteral("enum IssueState") << QStringLiteral("The possible states of an issue.") << false;
    QTest::newRow("deprecated field") << QStringLiteral("{ marketplaceListing(slug: \"x\") { hasApproval|BeenRequested } }")
                                      << QStringLiteral("MarketplaceListing.hasApprovalBeenRequested: Boolean!")
                                      << QStringLiteral("Whether this listing has been submitted for review from GitHub for approval to be displayed in the Marketplace.")
                                      << true;
    QTest::newRow("inline fragment type") << QStringLiteral("{ node(id: \"x\") { ... on Repo|sitory { id } } }")
                                          << QStringLiteral("type Repository")
                                          << QStringLiteral("A repository contains the content for a project.") << false;
    QTest::newRow("directive") << QStringLiteral("{ viewer @inc|lude(if: true) { login } }")
                               << QStringLiteral("@include")
                               << QStringLiteral("Directs the executor to include this field or fragment only when the `if` argument is true.")
                               << false;
}

void tst_GraphQLCompletion::hover()
{
    QFETCH(QString, document);
    QFETCH(QString, title);
    QFETCH(QString, documentation);
    QFETCH(bool, deprecated);
    const auto [text, cursor] = withCursor(document);
    const auto info = CompletionEngine::hover(m_github, text, cursor);
    QVERIFY(info.has_value());
    QCOMPARE(info->title, title);
    QCOMPARE(info->documentation, documentation);
    QCOMPARE(info->deprecated, deprecated);
    QVERIFY(info->span.start <= cursor && cursor <= info->span.end);
}

void tst_GraphQLCompletion::nothingToOffer_data()
{
    QTest::addColumn<QString>("document");
    QTest::newRow("in a comment") << QStringLiteral("{ dog { # na|me\n } }");
    QTest::newRow("in a string") << QStringLiteral("{ dog { name(surname: \"ab|c\") } }");
    QTest::newRow("unknown parent field") << QStringLiteral("{ nope { | } }");
    QTest::newRow("no mutation root") << QStringLiteral("mutation { | }");
    QTest::newRow("operation name") << QStringLiteral("query Fo| { dog { name } }");
    QTest::newRow("after an argument name") << QStringLiteral("{ dog { isAtLocation(x | ) } }");
    QTest::newRow("hover: alias") << QStringLiteral("{ d|d: dog { name } }");
    QTest::newRow("hover: unknown field") << QStringLiteral("{ dog { wo|of } }");
}

void tst_GraphQLCompletion::nothingToOffer()
{
    QFETCH(QString, document);
    const auto [text, cursor] = withCursor(document);
    if (QByteArray(QTest::currentDataTag()).startsWith("hover:")) {
        QVERIFY(!CompletionEngine::hover(m_cats, text, cursor).has_value());
        return;
    }
    const QStringList got = labels(CompletionEngine::complete(m_cats, text, cursor));
    QVERIFY2(got.isEmpty(), qPrintable(got.join(QLatin1Char(' '))));
}

// Operation documents written by others against an AppSync schema (the AppSync Android SDK's,
// valid against the introspection results they came with): at the end of every name a person
// would have completed there (fields, arguments, enum values, variables used, keywords, "on",
// types), completion with the document typed only up to that name offers exactly that name.
// Operation and fragment names, aliases and declared variable names are the writer's own.
void tst_GraphQLCompletion::realDocuments_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("document");
    for (const char *doc : {"app/queries.graphql", "app/mutations.graphql", "app/subscriptions.graphql"})
        QTest::newRow(doc) << QStringLiteral("app/schema.json") << QString::fromLatin1(doc);
    QTest::newRow("tests-demo/posts.graphql") << QStringLiteral("tests-demo/schema.json")
                                              << QStringLiteral("tests-demo/posts.graphql");
}

void tst_GraphQLCompletion::realDocuments()
{
    QFETCH(QString, schema);
    QFETCH(QString, document);
    const auto loaded = Schema::fromIntrospection(fixture(QStringLiteral("appsync-sdk-android/") + schema));
    QVERIFY(loaded.ok());
    const QByteArray source = fixture(QStringLiteral("appsync-sdk-android/") + document);
    std::vector<Token> tokens;
    for (const Token &token : Lexer::tokenize(source)) {
        if (token.kind != TokenKind::Comment)
            tokens.push_back(token);
    }
    auto text = [&](const Token &token) {
        return QString::fromUtf8(source.mid(token.span.start, token.span.end - token.span.start));
    };
    int parens = 0, braces = 0, checked = 0;
    for (size_t i = 0; i < tokens.size(); ++i) {
        const Token &token = tokens[i];
        parens += token.kind == TokenKind::ParenL ? 1 : token.kind == TokenKind::ParenR ? -1 : 0;
        braces += token.kind == TokenKind::BraceL ? 1 : token.kind == TokenKind::BraceR ? -1 : 0;
        if (token.kind != TokenKind::Name)
            continue;
        const QString previous = i > 0 ? text(tokens[i - 1]) : QString();
        const bool afterDollar = i > 0 && tokens[i - 1].kind == TokenKind::Dollar;
        const bool nextIsColon = i + 1 < tokens.size() && tokens[i + 1].kind == TokenKind::Colon;
        if (previous == QLatin1String("query") || previous == QLatin1String("mutation")
            || previous == QLatin1String("subscription") || previous == QLatin1String("fragment"))
            continue; // an operation's or fragment's own name
        if (nextIsColon && parens == 0)
            continue; // an alias
        if (afterDollar && braces == 0)
            continue; // a variable being declared
        const QString wanted = afterDollar ? QLatin1Char('$') + text(token) : text(token);
        const CompletionResult result = CompletionEngine::complete(*loaded, source.left(token.span.end), token.span.end);
        const QStringList got = labels(result);
        const SourcePosition at = [&] {
            Document doc;
            doc.source = source;
            doc.indexLines();
            return doc.position(token.span.start);
        }();
        QVERIFY2(got.contains(wanted), qPrintable(QStringLiteral("%1:%2 %3 not in [%4]")
                                                       .arg(at.line).arg(at.column).arg(wanted, got.join(QLatin1Char(' ')))));
        ++checked;
    }
    QVERIFY2(checked > 5, qPrintable(QString::number(checked)));
    qInfo("%d names offered where they were written", checked);
}

// Every offset of documents others wrote (executable and type-system kitchen sinks, the AppSync
// samples), with the whole text and with the text cut at the cursor as while typing: no crash,
// and a replace range around the cursor.
void tst_GraphQLCompletion::everyOffset_data()
{
    QTest::addColumn<QString>("document");
    for (const char *doc : {"graphql-js/kitchen-sink.graphql", "graphql-js/schema-kitchen-sink.graphql",
                            "libgraphqlparser/kitchen-sink.graphql", "appsync-samples/pub-sub-app.schema.graphql",
                            "graphql-cats/scenarios/validation/validation.schema.graphql"})
        QTest::newRow(doc) << QString::fromLatin1(doc);
}

void tst_GraphQLCompletion::everyOffset()
{
    QFETCH(QString, document);
    const QByteArray source = fixture(document);
    for (int offset = 0; offset <= source.size(); ++offset) {
        for (const QByteArray &text : {source, source.left(offset)}) {
            const CompletionResult result = CompletionEngine::complete(m_github, text, offset);
            QVERIFY(result.replace.start <= offset && offset <= result.replace.end);
            QVERIFY(result.replace.end <= text.size());
            if (const auto info = CompletionEngine::hover(m_github, text, offset))
                QVERIFY(info->span.start <= offset && offset <= info->span.end);
        }
    }
}

QTEST_GUILESS_MAIN(tst_GraphQLCompletion)
#include "tst_graphqlcompletion.moc"
