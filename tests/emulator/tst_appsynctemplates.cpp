// AppSync VTL mapping templates in the emulator, end to end over HTTP against the appsync-vtl
// test lab (tests/data/labs/appsync-vtl): a PutItem with a condition and a GetItem on a DynamoDB
// table (the templates of AppSync's DynamoDB resolver tutorial), the conditional put failing
// with AppSync's error shape, $util.error and $util.appendError, a NONE resolver with templates,
// Invoke and BatchInvoke templates on a Lambda function, AppSync's words for a request template
// that renders no JSON, #return; DynamoDB documents AppSync refuses as MappingTemplate; a
// cancelled TransactWriteItems whose reasons reach the client through $ctx.result;
// template errors at lab load naming the resource and the
// line:column in the template; a subscription fired by a VTL mutation (Debian's
// python3-websockets as the client); and what GraphQL wrote, read back by Debian's AWS CLI.
#include "../common/appsyncclient.h"
#include "../common/awscli.h"
#include "../common/emulatorlab.h"
#include "../common/websocketapitest.h"
#include "core/emulator/emulator.h"
#include "core/emulator/labloader.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace Gatehouse;
using namespace Gatehouse::Emulator;

namespace {

using Reply = Gatehouse::Test::GraphQlReply;

QString uniqueId(const char *prefix)
{
    return QLatin1String(prefix) + QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
}

} // namespace

class TestAppSyncTemplates : public QObject
{
    Q_OBJECT

    std::unique_ptr<Emulator::Emulator> m_lab;
    QNetworkAccessManager m_network;

    QString url() const
    {
        const std::optional<Core::EmulatorApiInfo> api = Gatehouse::Test::graphQlApi(*m_lab);
        return api ? api->pathStyleUrl : QString();
    }
    QByteArray apiKey() const { return Gatehouse::Test::graphQlApiKey(*m_lab); }

    // With the lab's API key; `headers` come after it and may replace it.
    Reply query(const QString &text, const QJsonObject &variables = {},
                const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        QList<QPair<QByteArray, QByteArray>> all{{QByteArray("x-api-key"), apiKey()}};
        all += headers;
        return Gatehouse::Test::postGraphQl(m_network, url(), Gatehouse::Test::graphQlBody(text, variables), all);
    }

    Reply putNote(const QString &id, const QString &text, const QByteArray &author = QByteArray("ada"))
    {
        return query(QStringLiteral("mutation ($id: ID!, $t: String!) { putNote(id: $id, text: $t) { id text author } }"),
                     QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("t"), text}}, {{"x-author", author}});
    }

    // The diagnostics of a lab made of the appsync-vtl schema and the given resources.
    static QString loadErrors(const QString &resources, const QByteArray &templateFile = {})
    {
        QTemporaryDir dir;
        if (!dir.isValid())
            return QStringLiteral("no temporary folder");
        QFile::copy(QStringLiteral(GATEHOUSE_TEST_DATA "/labs/appsync-vtl/schema.graphql"), dir.filePath(QStringLiteral("schema.graphql")));
        if (!templateFile.isEmpty()) {
            QFile vtl(dir.filePath(QStringLiteral("broken.vtl")));
            if (!vtl.open(QIODevice::WriteOnly))
                return QStringLiteral("cannot write broken.vtl");
            vtl.write(templateFile);
        }
        const QString text = QStringLiteral("AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n"
                                            "  Notes:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      TableName: the-notes\n"
                                            "      AttributeDefinitions:\n        - AttributeName: id\n          AttributeType: S\n"
                                            "      KeySchema:\n        - AttributeName: id\n          KeyType: HASH\n"
                                            "  Api:\n    Type: AWS::AppSync::GraphQLApi\n    Properties:\n      Name: t\n"
                                            "      AuthenticationType: API_KEY\n"
                                            "  S:\n    Type: AWS::AppSync::GraphQLSchema\n    Properties:\n"
                                            "      ApiId: !GetAtt Api.ApiId\n      DefinitionS3Location: schema.graphql\n"
                                            "  None:\n    Type: AWS::AppSync::DataSource\n    Properties:\n"
                                            "      ApiId: !GetAtt Api.ApiId\n      Name: none\n      Type: NONE\n")
                             + resources;
        QFile file(dir.filePath(QStringLiteral("template.yaml")));
        if (!file.open(QIODevice::WriteOnly))
            return QStringLiteral("cannot write template.yaml");
        file.write(text.toUtf8());
        file.close();
        const LabDefinition lab = LabLoader::load(dir.path());
        QStringList all;
        for (const LabDiagnostic &d : lab.diagnostics)
            all.append(d.toString());
        return all.join(QLatin1Char('\n'));
    }

private slots:
    void initTestCase()
    {
        m_lab = Gatehouse::Test::startLab(QStringLiteral(GATEHOUSE_TEST_DATA "/labs/appsync-vtl"));
        QVERIFY(m_lab);
    }

    void cleanupTestCase() { m_lab.reset(); }

    // The lab loads without a warning; the file template (RequestMappingTemplateS3Location) and
    // the inline ones are parsed, and the table data source names the lab's table.
    void labLoadsClean()
    {
        const LabDefinition &lab = m_lab->lab();
        QStringList diagnostics;
        for (const LabDiagnostic &d : lab.diagnostics)
            diagnostics.append(d.toString());
        QVERIFY2(diagnostics.isEmpty(), qPrintable(diagnostics.join(QLatin1Char('\n'))));
        const AppSyncApiConfig &api = lab.graphQlApis.first();
        QCOMPARE(api.dataSource(QStringLiteral("notes"))->type, AppSyncDataSource::Type::DynamoDb);
        QCOMPARE(api.dataSource(QStringLiteral("notes"))->tableName, QStringLiteral("vtl-notes"));
        const AppSyncResolver *put = api.resolver(QStringLiteral("Mutation"), QStringLiteral("putNote"));
        QVERIFY(put && put->templates.request && put->templates.response);
    }

    // PutItem then GetItem through the templates: the item written is the one read back, with the
    // header the request template took the author from.
    void putThenGet()
    {
        const QString id = uniqueId("note-");
        const Reply put = putNote(id, QStringLiteral("first words"));
        QCOMPARE(put.status, 200);
        QCOMPARE(put.data().value(QStringLiteral("putNote")).toObject(),
                 (QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("text"), QStringLiteral("first words")},
                              {QStringLiteral("author"), QStringLiteral("ada")}}));
        QVERIFY2(put.errors().isEmpty(), put.body.constData());
        const Reply got = query(QStringLiteral("query ($id: ID!) { getNote(id: $id) { id text author } missing: getNote(id: \"nope\") { id } }"),
                                QJsonObject{{QStringLiteral("id"), id}});
        QCOMPARE(got.data().value(QStringLiteral("getNote")).toObject().value(QStringLiteral("text")).toString(),
                 QStringLiteral("first words"));
        QVERIFY2(got.data().value(QStringLiteral("missing")).isNull() && got.errors().isEmpty(), got.body.constData());
    }

    // A second put of the same id fails its condition; the response template does not handle
    // the error, so the field is null with AppSync's DynamoDB error type, and the stored item
    // (not overwritten) is the error's data.
    void conditionalPutFails()
    {
        const QString id = uniqueId("twice-");
        QVERIFY(putNote(id, QStringLiteral("kept")).errors().isEmpty());
        const Reply again = putNote(id, QStringLiteral("overwritten?"), "bob");
        QCOMPARE(again.status, 200);
        QVERIFY2(again.data().contains(QStringLiteral("putNote")) && again.data().value(QStringLiteral("putNote")).isNull(),
                 again.body.constData());
        const QJsonObject error = again.firstError();
        QCOMPARE(error.value(QStringLiteral("errorType")).toString(), QStringLiteral("DynamoDB:ConditionalCheckFailedException"));
        QCOMPARE(error.value(QStringLiteral("path")).toArray(), QJsonArray{QStringLiteral("putNote")});
        QVERIFY2(!error.value(QStringLiteral("message")).toString().isEmpty(), again.body.constData());
        QVERIFY2(error.value(QStringLiteral("data")).toObject().value(QStringLiteral("text")).toString() == QLatin1String("kept"),
                 again.body.constData());
        const Reply got = query(QStringLiteral("query ($id: ID!) { getNote(id: $id) { text author } }"), QJsonObject{{QStringLiteral("id"), id}});
        QCOMPARE(got.data().value(QStringLiteral("getNote")).toObject(),
                 (QJsonObject{{QStringLiteral("text"), QStringLiteral("kept")}, {QStringLiteral("author"), QStringLiteral("ada")}}));
    }

    // $util.error in a request template: the data source never runs; message, type, data and
    // errorInfo are the template's arguments.
    void utilError()
    {
        const Reply reply = query(QStringLiteral("{ fail(reason: \"too early\") }"));
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.data().value(QStringLiteral("fail")).isNull());
        QCOMPARE(reply.errors().size(), 1);
        const QJsonObject error = reply.firstError();
        QCOMPARE(error.value(QStringLiteral("message")).toString(), QStringLiteral("Refused: too early"));
        QCOMPARE(error.value(QStringLiteral("errorType")).toString(), QStringLiteral("Custom:Refused"));
        QCOMPARE(error.value(QStringLiteral("data")).toObject(), (QJsonObject{{QStringLiteral("reason"), QStringLiteral("too early")}}));
        QCOMPARE(error.value(QStringLiteral("errorInfo")).toObject(), (QJsonObject{{QStringLiteral("hint"), QStringLiteral("ask again")}}));
        QCOMPARE(error.value(QStringLiteral("path")).toArray(), QJsonArray{QStringLiteral("fail")});
    }

    // NONE with templates: the request's payload is $ctx.result, the stash carries from the
    // request to the response template, and $util.appendError is an error beside the value.
    void localResolverWithTemplates()
    {
        const Reply reply = query(QStringLiteral("{ local(text: \"hello\") { text via } }"));
        QCOMPARE(reply.data().value(QStringLiteral("local")).toObject(),
                 (QJsonObject{{QStringLiteral("text"), QStringLiteral("hello")}, {QStringLiteral("via"), QStringLiteral("the local resolver")}}));
        QCOMPARE(reply.errors().size(), 1);
        QCOMPARE(reply.firstError().value(QStringLiteral("message")).toString(), QStringLiteral("noted: hello"));
        QCOMPARE(reply.firstError().value(QStringLiteral("errorType")).toString(), QStringLiteral("Local:Note"));
        QCOMPARE(reply.firstError().value(QStringLiteral("path")).toArray(), QJsonArray{QStringLiteral("local")});
    }

    // Invoke: the function gets the template's payload (not the direct event); BatchInvoke: a
    // list of payloads, whose answer list gives the field its item.
    void lambdaInvokeTemplates()
    {
        const Reply reply = query(QStringLiteral("{ echo(word: \"hi\") { word field selection } batchEcho(word: \"ho\") { word field } }"));
        QVERIFY2(reply.errors().isEmpty(), reply.body.constData());
        QCOMPARE(reply.data().value(QStringLiteral("echo")).toObject(),
                 (QJsonObject{{QStringLiteral("word"), QStringLiteral("hi")}, {QStringLiteral("field"), QStringLiteral("echo")},
                              {QStringLiteral("selection"), QJsonArray{QStringLiteral("word"), QStringLiteral("field"), QStringLiteral("selection")}}}));
        QCOMPARE(reply.data().value(QStringLiteral("batchEcho")).toObject(),
                 (QJsonObject{{QStringLiteral("word"), QStringLiteral("batched ho")}, {QStringLiteral("field"), QStringLiteral("batchEcho")}}));
    }

    // A request template that renders no JSON, or a Lambda document without an operation:
    // AppSync's MappingTemplate errors; #return skips the data source and the response template.
    void notJsonAndReturn()
    {
        const Reply bad = query(QStringLiteral("{ notJson }"));
        QCOMPARE(bad.firstError().value(QStringLiteral("errorType")).toString(), QStringLiteral("MappingTemplate"));
        QVERIFY2(bad.firstError().value(QStringLiteral("message")).toString().startsWith(QStringLiteral("Unable to parse the JSON document")),
                 bad.body.constData());
        // A Lambda document without "operation": the words of AppSync's troubleshooting guide.
        const Reply noOperation = query(QStringLiteral("{ noOperation }"));
        QCOMPARE(noOperation.firstError().value(QStringLiteral("errorType")).toString(), QStringLiteral("MappingTemplate"));
        QCOMPARE(noOperation.firstError().value(QStringLiteral("message")).toString(),
                 QStringLiteral("Value for field '$[operation]' not found."));
        const Reply early = query(QStringLiteral("{ shortCut { text via } }"));
        QCOMPARE(early.body, QByteArray("{\"data\":{\"shortCut\":{\"text\":\"returned early\",\"via\":\"return\"}}}"));
    }

    // A DynamoDB document AppSync itself refuses (no key, an operation it does not know) fails
    // the field as MappingTemplate, as AppSync reports it, not as a DynamoDB error.
    void dynamoDocumentRefused_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        QTest::newRow("GetItem without key") << QStringLiteral("noteWithoutKey")
                                              << QStringLiteral("The key field is required for this operation");
        QTest::newRow("unknown operation") << QStringLiteral("noteUnknownOperation")
                                           << QStringLiteral("Unsupported operation 'FetchItem' for a DynamoDB data source");
        // The words AppSync users quote for a DynamoDB resolver's document without one.
        QTest::newRow("no operation") << QStringLiteral("noteNoOperation") << QStringLiteral("Value for field '$[operation]' not found.");
    }

    void dynamoDocumentRefused()
    {
        QFETCH(QString, field);
        QFETCH(QString, message);
        const Reply reply = query(QStringLiteral("{ %1 { id } }").arg(field));
        QCOMPARE(reply.status, 200);
        QVERIFY2(reply.data().value(field).isNull(), reply.body.constData());
        QCOMPARE(reply.errors().size(), 1);
        QCOMPARE(reply.firstError().value(QStringLiteral("errorType")).toString(), QStringLiteral("MappingTemplate"));
        QVERIFY2(reply.firstError().value(QStringLiteral("message")).toString().startsWith(message), reply.body.constData());
    }

    // TransactWriteItems through GraphQL: a committed copy answers its keys; a cancelled one gives
    // the response template $ctx.error and $ctx.result.cancellationReasons (one per item, in the
    // request's order), which the template raises as the error's data; nothing is written.
    void cancelledTransactionReasons()
    {
        const QString from = uniqueId("from-");
        const QString to = uniqueId("to-");
        QVERIFY(putNote(from, QStringLiteral("original")).errors().isEmpty());
        const QString copy = QStringLiteral("mutation ($f: ID!, $t: ID!) { copyNote(from: $f, to: $t) { id } }");
        const Reply done = query(copy, QJsonObject{{QStringLiteral("f"), from}, {QStringLiteral("t"), to}});
        QVERIFY2(done.errors().isEmpty(), done.body.constData());
        QVERIFY2(done.data().value(QStringLiteral("copyNote")).toArray().contains(QJsonObject{{QStringLiteral("id"), to}}),
                 done.body.constData());

        const auto reasonTypes = [](const Reply &r) {
            QStringList types;
            for (const QJsonValue &reason : r.firstError().value(QStringLiteral("data")).toArray())
                types.append(reason.toObject().value(QStringLiteral("type")).toString());
            return types;
        };
        // Copying onto the copy: the PutItem's condition cancels the transaction.
        const Reply again = query(copy, QJsonObject{{QStringLiteral("f"), from}, {QStringLiteral("t"), to}});
        QVERIFY2(again.data().value(QStringLiteral("copyNote")).isNull(), again.body.constData());
        QCOMPARE(again.errors().size(), 1);
        QCOMPARE(again.firstError().value(QStringLiteral("errorType")).toString(),
                 QStringLiteral("DynamoDB:TransactionCanceledException"));
        QCOMPARE(reasonTypes(again), (QStringList{QStringLiteral("None"), QStringLiteral("ConditionalCheckFailed")}));
        const QJsonObject failed = again.firstError().value(QStringLiteral("data")).toArray().at(1).toObject();
        QCOMPARE(failed.value(QStringLiteral("message")).toString(), QStringLiteral("The conditional request failed"));

        // A missing source: the ConditionCheck fails and the PutItem is not applied.
        const QString other = uniqueId("to-");
        const Reply missing = query(copy, QJsonObject{{QStringLiteral("f"), QStringLiteral("no-such-note")}, {QStringLiteral("t"), other}});
        QCOMPARE(reasonTypes(missing), (QStringList{QStringLiteral("ConditionalCheckFailed"), QStringLiteral("None")}));
        const Reply got = query(QStringLiteral("query ($id: ID!) { getNote(id: $id) { id } }"), QJsonObject{{QStringLiteral("id"), other}});
        QVERIFY2(got.errors().isEmpty() && got.data().value(QStringLiteral("getNote")).isNull(), got.body.constData());
    }

    void loadErrors_data()
    {
        QTest::addColumn<QString>("resources");
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("words");
        const QString resolver = QStringLiteral("  R:\n    Type: AWS::AppSync::Resolver\n    Properties:\n      ApiId: !GetAtt Api.ApiId\n"
                                                "      TypeName: Query\n      FieldName: local\n      DataSourceName: %1\n%2");
        const QString table = QStringLiteral("  D:\n    Type: AWS::AppSync::DataSource\n    Properties:\n      ApiId: !GetAtt Api.ApiId\n"
                                             "      Name: t\n      Type: AMAZON_DYNAMODB\n      DynamoDBConfig:\n        TableName: %1\n%2");
        // Line 4 of the template text, column 1: where the parser found "}" instead of the ")"
        // closing #if's condition.
        QTest::newRow("inline syntax error")
            << resolver.arg(QStringLiteral("none"),
                            QStringLiteral("      RequestMappingTemplate: |\n        {\n          \"payload\": {}\n        #if($ctx.args.text\n        }\n"))
            << QByteArray() << QStringLiteral("Resources.R.Properties.RequestMappingTemplate")
            << QStringLiteral("the mapping template is not valid VTL at 4:1:");
        QTest::newRow("file syntax error")
            << resolver.arg(QStringLiteral("none"), QStringLiteral("      RequestMappingTemplateS3Location: broken.vtl\n"))
            << QByteArray("{\n  \"payload\": $util.toJson(\n}\n") << QStringLiteral("Resources.R.Properties.RequestMappingTemplateS3Location")
            << QStringLiteral("broken.vtl is not valid VTL at 3:1:");
        QTest::newRow("missing file")
            << resolver.arg(QStringLiteral("none"), QStringLiteral("      ResponseMappingTemplateS3Location: nowhere.vtl\n"))
            << QByteArray() << QStringLiteral("Resources.R.Properties.ResponseMappingTemplateS3Location")
            << QStringLiteral("cannot read the mapping template");
        QTest::newRow("table not in the lab")
            << table.arg(QStringLiteral("other-notes"), QString()) << QByteArray()
            << QStringLiteral("Resources.D.Properties.DynamoDBConfig.TableName")
            << QStringLiteral("other-notes is not a table of this lab (it has the-notes)");
        QTest::newRow("caller credentials")
            << table.arg(QStringLiteral("!Ref Notes"), QStringLiteral("        UseCallerCredentials: true\n")) << QByteArray()
            << QStringLiteral("Resources.D.Properties.DynamoDBConfig.UseCallerCredentials")
            << QStringLiteral("UseCallerCredentials is not emulated");
        QTest::newRow("versioned")
            << table.arg(QStringLiteral("!Ref Notes"), QStringLiteral("        Versioned: true\n")) << QByteArray()
            << QStringLiteral("Resources.D.Properties.DynamoDBConfig.Versioned") << QStringLiteral("versioned data sources");
        QTest::newRow("DynamoDB resolver without request template")
            << table.arg(QStringLiteral("!Ref Notes"), QString()) + resolver.arg(QStringLiteral("t"), QString()) << QByteArray()
            << QStringLiteral("Resources.R.Properties.RequestMappingTemplate") << QStringLiteral("needs a request mapping template");
        QTest::newRow("pipeline of an unknown function")
            << QStringLiteral("  R:\n    Type: AWS::AppSync::Resolver\n    Properties:\n      ApiId: !GetAtt Api.ApiId\n"
                              "      TypeName: Query\n      FieldName: local\n      Kind: PIPELINE\n"
                              "      PipelineConfig:\n        Functions: [nothing]\n"
                              "      RequestMappingTemplate: '{}'\n      ResponseMappingTemplate: '{}'\n")
            << QByteArray() << QStringLiteral("Resources.R.Properties.PipelineConfig.Functions[0]")
            << QStringLiteral("nothing is not an AWS::AppSync::FunctionConfiguration");
    }

    // Broken templates and table data sources are template errors at load, naming the property
    // and, for VTL, the line:column within the template.
    void loadErrors()
    {
        QFETCH(QString, resources);
        QFETCH(QByteArray, file);
        QFETCH(QString, field);
        QFETCH(QString, words);
        const QString all = loadErrors(resources, file);
        bool found = false;
        for (const QString &line : all.split(QLatin1Char('\n')))
            found = found || (line.contains(field) && line.contains(words));
        QVERIFY2(found, qPrintable(all));
    }

    // A mutation resolved by VTL fires its @aws_subscribe subscription, as a direct Lambda one
    // does: Debian's python3-websockets subscribes with the API key and gets the note.
    void subscriptionFromVtlMutation()
    {
        if (!Gatehouse::Test::debianPythonHas(QStringLiteral("websockets")))
            QSKIP("Debian's python3-websockets is needed as the real-time client");
        QString realtime;
        for (const Core::EmulatorApiInfo &api : m_lab->info().apis) {
            if (api.kind == QLatin1String("GraphQL API"))
                realtime = api.routes.last().url;
        }
        QVERIFY(realtime.endsWith(QLatin1String("/realtime")));
        const QString subscription = QString::fromUtf8(QJsonDocument(QJsonObject{
            {QStringLiteral("query"), QStringLiteral("subscription { onNote { id text } }")}}).toJson(QJsonDocument::Compact));
        QProcess peer;
        Gatehouse::Test::startRealtimePeer(&peer, {QStringLiteral("apikey"), realtime, subscription},
                                           {{QStringLiteral("GATEHOUSE_API_KEY"), QString::fromUtf8(apiKey())}});
        QList<QJsonObject> frames;
        const auto waitFor = [&](const QString &type, int timeoutMs) {
            return Gatehouse::Test::waitForFrame(peer, &frames, Gatehouse::Test::isFrame(type, QStringLiteral("sub-1")), timeoutMs)
                .value_or(QJsonObject());
        };
        QVERIFY2(!waitFor(QStringLiteral("start_ack"), 30000).isEmpty(), peer.readAllStandardError().constData());
        const QString id = uniqueId("pushed-");
        QVERIFY(putNote(id, QStringLiteral("for the subscriber")).errors().isEmpty());
        const QJsonObject data = waitFor(QStringLiteral("data"), 20000);
        QCOMPARE(data.value(QStringLiteral("payload")).toObject().value(QStringLiteral("data")).toObject()
                     .value(QStringLiteral("onNote")).toObject(),
                 (QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("text"), QStringLiteral("for the subscriber")}}));
        QVERIFY(!waitFor(QStringLiteral("complete"), 10000).isEmpty());
        QVERIFY(peer.waitForFinished(10000));
        QCOMPARE(peer.exitCode(), 0);
    }

    // What GraphQL wrote is in the table as DynamoDB holds it: Debian's AWS CLI scans it
    // through the emulator's DynamoDB API.
    void awsCliSeesTheItems()
    {
        if (!GatehouseTest::AwsCli::available())
            QSKIP(GatehouseTest::AwsCli::missing());
        const QString id = uniqueId("cli-");
        QVERIFY(putNote(id, QStringLiteral("seen by the CLI"), "grace").errors().isEmpty());
        const GatehouseTest::AwsCli cli(m_lab->info().baseUrl);
        const GatehouseTest::AwsCli::Run scan = cli.run({QStringLiteral("dynamodb"), QStringLiteral("scan"), QStringLiteral("--table-name"),
                                                         QStringLiteral("vtl-notes")});
        QVERIFY2(scan.exitCode == 0, scan.err.constData());
        QJsonObject found;
        for (const QJsonValue &item : scan.json().value(QStringLiteral("Items")).toArray()) {
            if (item.toObject().value(QStringLiteral("id")).toObject().value(QStringLiteral("S")).toString() == id)
                found = item.toObject();
        }
        QCOMPARE(found, (QJsonObject{{QStringLiteral("id"), QJsonObject{{QStringLiteral("S"), id}}},
                                     {QStringLiteral("text"), QJsonObject{{QStringLiteral("S"), QStringLiteral("seen by the CLI")}}},
                                     {QStringLiteral("author"), QJsonObject{{QStringLiteral("S"), QStringLiteral("grace")}}}}));
    }
};

QTEST_MAIN(TestAppSyncTemplates)
#include "tst_appsynctemplates.moc"
