// SigV4 header signing throughput on one core, for a typical API request: six headers and a
// 1 KB body, as the HTTP client signs it (signing key cached per day/region/service) and with
// the key derived afresh for every request.
#include "benches.h"
#include "core/aws/sigv4signer.h"

#include <QElapsedTimer>
#include <QTextStream>

using namespace Gatehouse::Core;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

Aws::SigV4Request typicalRequest()
{
    Aws::SigV4Request request;
    request.method = "POST";
    request.path = "/2015-03-31/functions/orders-api/invocations";
    request.query = "Qualifier=live";
    request.payload = QByteArray(1024, 'x');
    request.headers.add("Host", "lambda.eu-west-1.amazonaws.com");
    request.headers.add("Content-Type", "application/json");
    request.headers.add("Content-Length", QByteArray::number(request.payload.size()));
    request.headers.add("Accept", "application/json");
    request.headers.add("X-Amz-Invocation-Type", "RequestResponse");
    request.headers.add("X-Amz-Log-Type", "Tail");
    request.service = QStringLiteral("lambda");
    request.region = QStringLiteral("eu-west-1");
    request.time = QDateTime::currentDateTimeUtc();
    return request;
}

// Signatures per second over about a second of signing; -1 if signing failed.
double signaturesPerSecond(bool cacheKeys)
{
    Aws::SigV4Signer signer({QStringLiteral("AKIDEXAMPLE"),
                             QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                             {}});
    signer.setSigningKeyCacheEnabled(cacheKeys);
    const Aws::SigV4Request request = typicalRequest();
    qint64 count = 0;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 1000) {
        for (int i = 0; i < 256; ++i) {
            const Result<Aws::SigV4Signature> signature = signer.signHeaders(request);
            if (!signature.ok() || signature->signature.size() != 64)
                return -1;
        }
        count += 256;
    }
    return double(count) * 1e9 / double(timer.nsecsElapsed());
}

} // namespace

void benchSigV4()
{
    out() << "SigV4 header signing, POST with 6 headers + 1 KB body, one thread" << Qt::endl;
    const double cached = signaturesPerSecond(true);
    figure(QStringLiteral("sigv4.signs_per_second"), cached, QStringLiteral("sig/s"),
           QStringLiteral(">= 100000"), cached >= 100000);
    const double uncached = signaturesPerSecond(false);
    figure(QStringLiteral("sigv4.signs_per_second_uncached"), uncached, QStringLiteral("sig/s"),
           QStringLiteral("-"), uncached > 0);
}
