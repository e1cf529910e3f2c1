// libFuzzer target for HttpRequestParser. The first input byte picks where the rest is split
// into two feeds; the result must not depend on the split, and must respect the limits.
#include "core/emulator/httprequestparser.h"

#include <cstdint>
#include <cstdlib>

using Gatehouse::Emulator::HttpRequestParser;
using Gatehouse::Emulator::HttpServerLimits;

namespace {

struct Run
{
    QList<HttpRequestParser::ParsedRequest> requests;
    bool failed = false;
    int status = 0;
};

HttpServerLimits fuzzLimits()
{
    HttpServerLimits limits;
    limits.maxHeaderBytes = 4096;
    limits.maxUriBytes = 1024;
    limits.maxBodyBytes = 65536;
    return limits;
}

Run parse(const char *data, size_t size, size_t split)
{
    HttpRequestParser parser(fuzzLimits());
    const bool firstOk = parser.feed(data, qsizetype(split));
    const bool secondOk = parser.feed(data + split, qsizetype(size - split));
    if (secondOk == parser.hasError() || (!firstOk && secondOk))
        std::abort();
    if (parser.isReadingBody() && parser.currentRequest().method.isEmpty())
        std::abort();
    Run run;
    while (parser.hasRequest())
        run.requests.append(parser.takeRequest());
    run.failed = parser.hasError();
    run.status = parser.error().status;
    return run;
}

void checkLimits(const Run &run)
{
    const HttpServerLimits limits = fuzzLimits();
    for (const HttpRequestParser::ParsedRequest &parsed : run.requests) {
        const Gatehouse::Core::HttpRequest &r = parsed.request;
        if (r.method.isEmpty() || r.path.isEmpty() || r.body.size() > limits.maxBodyBytes ||
            r.target.size() > limits.maxUriBytes || r.httpMajor != 1 || r.httpMinor > 1)
            std::abort();
        if (!r.query.isEmpty() && !r.target.endsWith(QByteArray(1, '?').append(r.query)))
            std::abort();
    }
    switch (run.status) {
    case 0:
    case 400:
    case 413:
    case 414:
    case 431:
    case 505:
        break;
    default:
        std::abort();
    }
}

bool sameRequests(const Run &a, const Run &b)
{
    if (a.requests.size() != b.requests.size() || a.failed != b.failed)
        return false;
    for (qsizetype i = 0; i < a.requests.size(); ++i) {
        const auto &x = a.requests.at(i);
        const auto &y = b.requests.at(i);
        if (x.request.method != y.request.method || x.request.target != y.request.target ||
            x.request.headers.fields() != y.request.headers.fields() ||
            x.request.body != y.request.body || x.keepAlive != y.keepAlive ||
            x.upgrade != y.upgrade)
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *rest = reinterpret_cast<const char *>(data + 1);
    const size_t restSize = size - 1;
    const size_t split = restSize * data[0] / 255;
    const Run whole = parse(rest, restSize, restSize);
    const Run halves = parse(rest, restSize, split);
    checkLimits(whole);
    checkLimits(halves);
    if (!sameRequests(whole, halves))
        std::abort();
    return 0;
}
