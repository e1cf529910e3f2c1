// Lambda through its control plane, as SDKs reach it: warm synchronous Invoke with N keep-alive
// clients (lambda), and ListFunctions paging over 1,000 functions made with CreateFunction
// (lambda-list). Both sign with SigV4 for test/test.
#include "benches.h"
#include "loadgenerator.h"

#include "core/aws/credentials.h"
#include "core/aws/sigv4signer.h"
#include "core/emulator/emulatorhost.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpSocket>
#include <QTextStream>

using namespace Gatehouse;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

// One complete HTTP/1.1 request signed for lambda in us-east-1 with test/test.
QByteArray signedRequest(const QByteArray &method, const QByteArray &path, const QByteArray &query,
                         const QByteArray &body, quint16 port)
{
    Core::Aws::SigV4Request request;
    request.method = method;
    request.path = path;
    request.query = query;
    request.payload = body;
    request.headers.add("Host", "127.0.0.1:" + QByteArray::number(port));
    request.headers.add("Content-Type", "application/json");
    request.service = QStringLiteral("lambda");
    request.region = QStringLiteral("us-east-1");
    request.time = QDateTime::currentDateTimeUtc();
    Core::Aws::Credentials credentials;
    credentials.accessKeyId = QStringLiteral("test");
    credentials.secretAccessKey = QStringLiteral("test");
    Core::Aws::SigV4Signer signer(credentials);
    const Core::Result<Core::Aws::SigV4Signature> signature = signer.signHeaders(request);
    if (!signature)
        return {};
    QByteArray wire = method + ' ' + path + (query.isEmpty() ? QByteArray() : '?' + query) +
                      " HTTP/1.1\r\n";
    for (const auto &[name, value] : request.headers.fields())
        wire += name + ": " + value + "\r\n";
    for (const auto &[name, value] : signature->headers)
        wire += name + ": " + value + "\r\n";
    return wire + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

struct Answer
{
    int status = 0;
    QByteArray body;
};

// A blocking exchange on a keep-alive socket; the emulator runs on its own thread.
Answer exchange(QTcpSocket &socket, const QByteArray &request)
{
    socket.write(request);
    QByteArray buffer;
    for (;;) {
        if (!socket.waitForReadyRead(30000))
            return {};
        buffer += socket.readAll();
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            continue;
        const qsizetype cl = buffer.indexOf("Content-Length:");
        qsizetype length = 0;
        if (cl >= 0 && cl < headEnd)
            length = buffer.mid(cl + 15, buffer.indexOf("\r\n", cl) - cl - 15).trimmed().toLongLong();
        if (buffer.size() < headEnd + 4 + length)
            continue;
        return {buffer.mid(9, 3).toInt(), buffer.mid(headEnd + 4, length)};
    }
}

// A deployment package with one Python handler, zipped by the interpreter the workers use.
QByteArray handlerZip()
{
    QProcess python;
    python.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import base64, io, sys, zipfile\n"
                                 "b = io.BytesIO()\n"
                                 "with zipfile.ZipFile(b, 'w') as z:\n"
                                 "    z.writestr('app.py', 'def handler(event, context):\\n"
                                 "    return {\"ok\": True}\\n')\n"
                                 "sys.stdout.write(base64.b64encode(b.getvalue()).decode())\n")});
    python.waitForFinished(30000);
    return python.readAllStandardOutput();
}

int createOn(QTcpSocket &socket, quint16 port, const QByteArray &zip, int count)
{
    int created = 0;
    for (int i = 0; i < count; ++i) {
        const QByteArray body = R"({"FunctionName":"fn-)" + QByteArray::number(i).rightJustified(4, '0') +
                                R"(","Runtime":"python3.12","Handler":"app.handler",)"
                                R"("Role":"arn:aws:iam::123456789012:role/bench","Code":{"ZipFile":")" +
                                zip + R"("}})";
        if (exchange(socket, signedRequest("POST", "/2015-03-31/functions", {}, body, port)).status == 201)
            ++created;
    }
    return created;
}

void listFunctions(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000)) {
        out() << "lambda-list: cannot connect to the emulator" << Qt::endl;
        return;
    }
    const QByteArray zip = handlerZip();
    constexpr int Count = 1000;
    QElapsedTimer clock;
    clock.start();
    const int created = createOn(socket, port, zip, Count);
    const double createMs = clock.nsecsElapsed() / 1e6;
    clock.restart();
    int listed = 0;
    int pages = 0;
    QByteArray marker;
    do {
        QByteArray query = "MaxItems=50";
        if (!marker.isEmpty())
            query += "&Marker=" + marker;
        const Answer page = exchange(socket, signedRequest("GET", "/2015-03-31/functions", query, {}, port));
        if (page.status != 200)
            break;
        const QJsonObject doc = QJsonDocument::fromJson(page.body).object();
        listed += int(doc.value(QStringLiteral("Functions")).toArray().size());
        marker = doc.value(QStringLiteral("NextMarker")).toString().toUtf8();
        ++pages;
    } while (!marker.isEmpty());
    const double listMs = clock.nsecsElapsed() / 1e6;
    out() << "ListFunctions over " << created << " functions made with CreateFunction (zip "
          << QByteArray::fromBase64(zip).size() << " bytes), one signed keep-alive client; "
          << listed << " listed in " << pages << " pages of MaxItems 50" << Qt::endl;
    figure(QStringLiteral("lambda_list.create_1000_total"), createMs, QStringLiteral("ms"),
           QStringLiteral("1000 created"), created == Count);
    figure(QStringLiteral("lambda_list.create_per_function"), createMs / Count, QStringLiteral("ms"),
           QStringLiteral("-"), true);
    figure(QStringLiteral("lambda_list.list_all_pages"), listMs, QStringLiteral("ms"),
           QStringLiteral("all 1000 listed"), listed == Count);
}

} // namespace

int createBenchFunctions(quint16 port, int count)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return 0;
    return createOn(socket, port, handlerZip(), count);
}

void benchLambdaInvoke(int seconds, int connections, std::function<void()> done)
{
    auto *host = new Emulator::EmulatorHost(qApp);
    Emulator::EmulatorOptions options;
    options.port = 0;
    options.labDirectory = QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/bench/labs/hello");
    QObject::connect(host, &Emulator::EmulatorHost::failed, qApp, [](const Core::Error &e) {
        out() << "lambda: the emulator did not start: " << e.message << Qt::endl;
        QCoreApplication::exit(1);
    });
    QObject::connect(host, &Emulator::EmulatorHost::started, qApp,
                     [=](const Core::EmulatorInfo &info) {
        // SigV4 has no nonce: one signed request stays valid for the 5 minutes of allowed clock
        // skew, so each client replays the same bytes.
        const QByteArray request = signedRequest(
            "POST", "/2015-03-31/functions/helloFunction/invocations", {}, "{}", info.port);
        auto *load = new LoadGenerator(QHostAddress::LocalHost, info.port, request, connections);
        QObject::connect(load, &LoadGenerator::finished, qApp, [=](const LoadGenerator::Report &r) {
            out() << "Invoke (RequestResponse) -> warm Python Lambda through the control plane, "
                  << connections << " keep-alive clients, " << r.seconds << " s, " << r.requests
                  << " invocations, " << r.errors
                  << " errors; each client replays one SigV4-signed request (SigV4 carries no "
                     "nonce, so the emulator verifies every replay in full)"
                  << Qt::endl;
            figure(QStringLiteral("lambda.invocations_per_second"), r.perSecond(),
                   QStringLiteral("inv/s"), QStringLiteral(">= 2000"),
                   r.perSecond() >= 2000 && r.errors == 0);
            figure(QStringLiteral("lambda.latency_p50"), r.p50Ms, QStringLiteral("ms"),
                   QStringLiteral("-"), true);
            figure(QStringLiteral("lambda.latency_p99"), r.p99Ms, QStringLiteral("ms"),
                   QStringLiteral("-"), true);
            load->deleteLater();
            delete host;
            done();
        });
        load->run(3000, seconds * 1000);
    });
    host->start(options);
}

void benchLambdaList(std::function<void()> done)
{
    auto *host = new Emulator::EmulatorHost(qApp);
    Emulator::EmulatorOptions options;
    options.port = 0;
    QObject::connect(host, &Emulator::EmulatorHost::failed, qApp, [](const Core::Error &e) {
        out() << "lambda-list: the emulator did not start: " << e.message << Qt::endl;
        QCoreApplication::exit(1);
    });
    QObject::connect(host, &Emulator::EmulatorHost::started, qApp,
                     [=](const Core::EmulatorInfo &info) {
        listFunctions(info.port);
        delete host;
        done();
    });
    host->start(options);
}
