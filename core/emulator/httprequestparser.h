#pragma once

#include "core/httpmessage.h"
#include "httpserverlimits.h"

#include <QByteArray>
#include <deque>
#include <memory>

struct http_parser;

namespace Gatehouse::Emulator {

// Turns the bytes of one connection into complete requests; it owns no socket, so tests and
// the fuzzer drive it directly.
class HttpRequestParser
{
public:
    struct ParsedRequest
    {
        Core::HttpRequest request;
        bool keepAlive = true; // HTTP/1.1 unless "Connection: close"; HTTP/1.0 only with keep-alive
        bool upgrade = false;  // Upgrade or CONNECT: the bytes after it are not HTTP/1.x
    };

    struct ParseError
    {
        int status = 0;     // the HTTP status to answer with: 400, 413, 414, 431 or 505
        QByteArray message; // e.g. "Bad Request: invalid HTTP method"
    };

    explicit HttpRequestParser(const HttpServerLimits &limits = {});
    ~HttpRequestParser();
    HttpRequestParser(const HttpRequestParser &) = delete;
    HttpRequestParser &operator=(const HttpRequestParser &) = delete;

    // Parses the bytes and queues every request they complete. Returns false once the stream
    // is broken (see error()); requests completed before the fault stay queued. Bytes after a
    // request that ends the connection (close or upgrade) are ignored.
    bool feed(const char *data, qsizetype size);

    bool hasRequest() const { return !m_ready.empty(); }
    qsizetype queuedRequests() const { return qsizetype(m_ready.size()); }
    ParsedRequest takeRequest();

    bool hasError() const { return m_error.status != 0; }
    const ParseError &error() const { return m_error; }
    // True after a request that ends the connection; nothing more will be parsed.
    bool isFinished() const { return m_finished; }

    // No part of a further request has arrived yet.
    bool isIdle() const { return m_stage == Stage::Idle; }
    // The header block of the request being read is complete, its body is not (Expect).
    bool isReadingBody() const { return m_stage == Stage::Body; }
    // The request being read; its headers are final once isReadingBody().
    const Core::HttpRequest &currentRequest() const { return m_current; }
    // How many requests have begun, counting the one being read; tells them apart.
    quint64 requestsBegun() const { return m_begun; }

private:
    enum class Stage
    {
        Idle,
        Headers,
        Body
    };
    enum class HeaderPart
    {
        None,
        Field,
        Value
    };

    static int onMessageBegin(http_parser *p);
    static int onUrl(http_parser *p, const char *at, size_t length);
    static int onHeaderField(http_parser *p, const char *at, size_t length);
    static int onHeaderValue(http_parser *p, const char *at, size_t length);
    static int onHeadersComplete(http_parser *p);
    static int onBody(http_parser *p, const char *at, size_t length);
    static int onMessageComplete(http_parser *p);
    static int onChunkHeader(http_parser *p);

    bool captureRequestLine(const char *at, const char *end);
    bool countHeaderBytes(size_t length);
    bool commitHeader();
    int fail(int status, QByteArray message);
    void failFromParser();

    HttpServerLimits m_limits;
    std::unique_ptr<http_parser> m_parser;
    Stage m_stage = Stage::Idle;
    HeaderPart m_headerPart = HeaderPart::None;
    Core::HttpRequest m_current;
    QByteArray m_field;
    QByteArray m_value;
    QByteArray m_requestLine;
    bool m_requestLineDone = false;
    qsizetype m_headerBytes = 0;
    qsizetype m_uriBytes = 0;
    qint64 m_chunkedTotal = 0;
    quint64 m_begun = 0;
    bool m_finished = false;
    ParseError m_error;
    std::deque<ParsedRequest> m_ready;
};

} // namespace Gatehouse::Emulator
