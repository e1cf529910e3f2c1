// XML request bodies (BodyKind::Xml): the check as typed, what is sent, the collection file,
// cURL, Postman and OpenAPI. Python's xml.etree judges well-formedness independently of Qt.

#include "core/collection/collectionformat.h"
#include "core/import/curlexport.h"
#include "core/import/curlimport.h"
#include "core/import/openapiimport.h"
#include "core/import/postmanimport.h"
#include "core/requestspec.h"
#include "core/xmlbody.h"

#include <QFile>
#include <QProcess>
#include <QTest>

using namespace Gatehouse::Core;
using namespace Gatehouse::Core::Import;

namespace {

QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(GATEHOUSE_TEST_DATA "/import/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return file.readAll();
}

// 0: Python's xml.etree parsed the bytes; 1: it refused them; -1: python3 did not run.
int pythonParses(const QByteArray &xml)
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import sys, xml.etree.ElementTree as E\n"
                                 "try:\n    E.fromstring(sys.stdin.buffer.read())\n"
                                 "except E.ParseError:\n    sys.exit(1)\n")});
    if (!python.waitForStarted())
        return -1;
    python.write(xml);
    python.closeWriteChannel();
    if (!python.waitForFinished(30000) || python.exitStatus() != QProcess::NormalExit)
        return -1;
    return python.exitCode() <= 1 ? python.exitCode() : -1;
}

QString header(const RequestSpec &spec, const QString &name)
{
    for (const HeaderEntry &h : spec.headers) {
        if (h.name.compare(name, Qt::CaseInsensitive) == 0)
            return h.value;
    }
    return QStringLiteral("<none>");
}

const ImportedRequest *withUrl(const ImportResult &result, const QString &urlEnd)
{
    for (const ImportedRequest &r : result.requests) {
        if (r.spec.url.endsWith(urlEnd))
            return &r;
    }
    return nullptr;
}

RequestSpec xmlSpec()
{
    RequestSpec spec;
    spec.method = QStringLiteral("POST");
    spec.url = QStringLiteral("https://bakery.example.com/orders");
    spec.bodyKind = BodyKind::Xml;
    spec.body = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<order id=\"{{id}}\">\n"
                               "  <snack>\u00e9clair &amp; rye</snack>\n</order>\n");
    return spec;
}

} // namespace

class tst_XmlBody : public QObject
{
    Q_OBJECT

private slots:
    void validate_data();
    void validate();
    void contentTypes_data();
    void contentTypes();
    void sentWithApplicationXml();
    void collectionFileRoundTrip();
    void curlRoundTrip();
    void curlImportByContentType_data();
    void curlImportByContentType();
    void postmanRawXml();
    void openApiXmlBody();
};

void tst_XmlBody::validate_data()
{
    QTest::addColumn<QByteArray>("xml");
    QTest::addColumn<QString>("error"); // empty: well-formed
    QTest::newRow("declaration, namespaces, CDATA")
        << QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<s:a xmlns:s=\"urn:x\"><s:b c='1'/>"
                      "<![CDATA[<not a tag>]]>\xc3\xa9</s:a>\n")
        << QString();
    QTest::newRow("mismatched tag") << QByteArray("<order>\n  <snack>rye</snak>\n</order>")
                                    << QStringLiteral("Line 2, column 19: Opening and ending tag mismatch.");
    QTest::newRow("two roots") << QByteArray("<a/>\n<b/>")
                               << QStringLiteral("Line 2, column 4: Extra content at end of document.");
    QTest::newRow("unclosed root") << QByteArray("<a>\n<b></b>")
                                   << QStringLiteral("Line 2, column 7: Premature end of document.");
    QTest::newRow("undeclared entity") << QByteArray("<a>&nbsp;</a>")
                                       << QStringLiteral("Line 1, column 9: Entity 'nbsp' not declared.");
}

void tst_XmlBody::validate()
{
    QFETCH(QByteArray, xml);
    QFETCH(QString, error);
    const Result<void> valid = XmlBody::validate(xml);
    QCOMPARE(valid ? QString() : valid.error().message, error);
    QCOMPARE(pythonParses(xml), error.isEmpty() ? 0 : 1);
}

void tst_XmlBody::contentTypes_data()
{
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<bool>("xml");
    QTest::newRow("application/xml") << QByteArray("application/xml") << true;
    QTest::newRow("text/xml with charset") << QByteArray("Text/XML; charset=utf-8") << true;
    QTest::newRow("soap+xml") << QByteArray("application/soap+xml") << true;
    QTest::newRow("json") << QByteArray("application/json") << false;
    QTest::newRow("xml-ish name") << QByteArray("application/xmlish") << false;
}

void tst_XmlBody::contentTypes()
{
    QFETCH(QByteArray, type);
    QFETCH(bool, xml);
    QCOMPARE(XmlBody::isXmlContentType(type), xml);
}

void tst_XmlBody::sentWithApplicationXml()
{
    Environment env;
    env.variables = {{QStringLiteral("id"), QStringLiteral("42"), true, false}};
    RequestSpec spec = xmlSpec();
    const Result<HttpClientRequest> request = spec.toClientRequest(env);
    QVERIFY(request);
    QCOMPARE(request->headers.values("Content-Type"), QList<QByteArray>{"application/xml"});
    QCOMPARE(request->body, QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<order id=\"42\">\n"
                                       "  <snack>\xc3\xa9" "clair &amp; rye</snack>\n</order>\n"));
    QCOMPARE(pythonParses(request->body), 0);

    // The user's own header wins, in whatever case it is spelt; a disabled one does not count.
    spec.headers = {{false, QStringLiteral("Content-Type"), QStringLiteral("text/plain")},
                    {true, QStringLiteral("content-type"), QStringLiteral("application/soap+xml; charset=utf-8")}};
    const Result<HttpClientRequest> own = spec.toClientRequest(env);
    QVERIFY(own);
    QCOMPARE(own->headers.values("Content-Type"), QList<QByteArray>{"application/soap+xml; charset=utf-8"});
    QCOMPARE(own->body, request->body);

    // Not well-formed is still sent as typed, as a JSON body is: the builder explains, the
    // server decides.
    spec.headers.clear();
    spec.body = QStringLiteral("<order>");
    const Result<HttpClientRequest> broken = spec.toClientRequest(env);
    QVERIFY(broken);
    QCOMPARE(broken->body, QByteArray("<order>"));
    QCOMPARE(broken->headers.value("Content-Type"), QByteArray("application/xml"));
}

void tst_XmlBody::collectionFileRoundTrip()
{
    Collection::CollectionRequest request;
    request.name = QStringLiteral("Create order");
    request.spec = xmlSpec();
    const Result<QByteArray> text = Collection::requestFileText(request);
    QVERIFY(text);
    QVERIFY2(text->contains("\"kind\": \"xml\",\n    \"text\": \"<?xml version=\\\"1.0\\\""), text->constData());
    QList<Collection::LoadProblem> problems;
    const std::optional<Collection::CollectionRequest> back = Collection::parseRequestFile(*text, problems);
    QVERIFY(problems.isEmpty());
    QVERIFY(back);
    QCOMPARE(back->spec.bodyKind, BodyKind::Xml);
    QCOMPARE(back->spec.body, request.spec.body);
    const Result<QByteArray> again = Collection::requestFileText(*back);
    QVERIFY(again);
    QCOMPARE(*again, *text);

    // A misspelt kind names the ones there are, xml among them.
    QByteArray wrong = *text;
    wrong.replace("\"kind\": \"xml\"", "\"kind\": \"XML\"");
    problems.clear();
    QVERIFY(!Collection::parseRequestFile(wrong, problems));
    QCOMPARE(problems.size(), 1);
    QVERIFY(problems.first().reason.contains(QStringLiteral("none, json, xml, text, form, multipart or binary, not \"XML\"")));
}

void tst_XmlBody::curlRoundTrip()
{
    RequestSpec spec = xmlSpec();
    spec.body.replace(QStringLiteral("{{id}}"), QStringLiteral("7"));
    const CurlExport out = exportCurl(spec);
    QVERIFY2(out.command.contains(QStringLiteral("-H 'Content-Type: application/xml'")), qPrintable(out.command));
    QVERIFY2(out.command.contains(QStringLiteral("--data-raw '<?xml version=\"1.0\"")), qPrintable(out.command));
    const ImportResult back = importCurl(out.command);
    QVERIFY(back.problems.isEmpty());
    QCOMPARE(back.requests.size(), 1);
    const RequestSpec &again = back.requests.first().spec;
    QCOMPARE(again.bodyKind, BodyKind::Xml);
    QCOMPARE(again.body, spec.body);
    QCOMPARE(again.method, spec.method);
    QCOMPARE(header(again, QStringLiteral("Content-Type")), QStringLiteral("application/xml"));
    // Exported once more, the command is the same.
    QCOMPARE(exportCurl(again).command, out.command);
}

void tst_XmlBody::curlImportByContentType_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<BodyKind>("kind");
    QTest::newRow("text/xml") << QStringLiteral("curl -H 'Content-Type: text/xml; charset=utf-8' -d '<a>1</a>' http://x.test/")
                              << BodyKind::Xml;
    QTest::newRow("header after the data") << QStringLiteral("curl --data-raw '<a/>' -H 'content-type: application/xml' http://x.test/")
                                           << BodyKind::Xml;
    QTest::newRow("broken xml still xml") << QStringLiteral("curl -H 'Content-Type: application/xml' -d '<a>' http://x.test/")
                                          << BodyKind::Xml;
    QTest::newRow("no content type is a form, so text") << QStringLiteral("curl -d '<a/>' http://x.test/") << BodyKind::Text;
    QTest::newRow("json stays json") << QStringLiteral("curl -H 'Content-Type: application/json' -d '{\"a\":1}' http://x.test/")
                                     << BodyKind::Json;
}

void tst_XmlBody::curlImportByContentType()
{
    QFETCH(QString, command);
    QFETCH(BodyKind, kind);
    const ImportResult result = importCurl(command);
    QCOMPARE(result.requests.size(), 1);
    QCOMPARE(result.requests.first().spec.bodyKind, kind);
}

void tst_XmlBody::postmanRawXml()
{
    const ImportResult result = importPostman(fixture(QStringLiteral("postman-xml-v2.1.json")));
    QCOMPARE(result.requests.size(), 3);
    const ImportedRequest *order = withUrl(result, QStringLiteral("/orders"));
    QVERIFY(order);
    QCOMPARE(order->spec.bodyKind, BodyKind::Xml);
    QCOMPARE(order->spec.body, QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<order>\n\t<snack>rye</snack>\n"
                                              "\t<count>2</count>\n</order>"));
    QCOMPARE(header(order->spec, QStringLiteral("Content-Type")), QStringLiteral("<none>"));
    const ImportedRequest *soap = withUrl(result, QStringLiteral("/soap"));
    QVERIFY(soap);
    QCOMPARE(soap->spec.bodyKind, BodyKind::Xml);
    QCOMPARE(header(soap->spec, QStringLiteral("Content-Type")), QStringLiteral("text/xml; charset=utf-8"));
    const ImportedRequest *note = withUrl(result, QStringLiteral("/notes"));
    QVERIFY(note);
    QCOMPARE(note->spec.bodyKind, BodyKind::Text);
}

void tst_XmlBody::openApiXmlBody()
{
    const ImportResult result = importOpenApi(fixture(QStringLiteral("xml-bodies-v3.0.yaml")));
    QCOMPARE(result.requests.size(), 3);
    const ImportedRequest *orders = withUrl(result, QStringLiteral("/orders"));
    QVERIFY(orders);
    QCOMPARE(orders->spec.bodyKind, BodyKind::Xml);
    QCOMPARE(orders->spec.body, QStringLiteral("<order><snack>rye</snack><count>2</count></order>"));
    // application/xml is what the kind sends by itself, so no header is added for it.
    QCOMPARE(header(orders->spec, QStringLiteral("Content-Type")), QStringLiteral("<none>"));

    const ImportedRequest *legacy = withUrl(result, QStringLiteral("/legacy"));
    QVERIFY(legacy);
    QCOMPARE(legacy->spec.bodyKind, BodyKind::Xml);
    QCOMPARE(legacy->spec.body, QString()); // no XML example; a JSON skeleton would mislead
    QCOMPARE(header(legacy->spec, QStringLiteral("Content-Type")), QStringLiteral("text/xml"));
    bool explained = false;
    for (const ImportProblem &p : result.problems)
        explained = explained || p.message.contains(QStringLiteral("no example text/xml body"));
    QVERIFY(explained);

    const ImportedRequest *both = withUrl(result, QStringLiteral("/both"));
    QVERIFY(both);
    QCOMPARE(both->spec.bodyKind, BodyKind::Json);
}

QTEST_GUILESS_MAIN(tst_XmlBody)
#include "tst_xmlbody.moc"
