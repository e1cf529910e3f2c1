#include "httprequestparser.h"

#include <QDateTime>
#include <algorithm>
#include <cstring>
#include <http_parser.h>

namespace Gatehouse::Emulator {

namespace {

HttpRequestParser *self(http_parser *p)
{
    return static_cast<HttpRequestParser *>(p->data);
}

// Bytes a header line costs beyond its name and value: ": " and CRLF.
constexpr qsizetype HeaderLineOverhead = 4;
constexpr qint64 MaxBodyReserve = 4 * 1024 * 1024;

bool isAsciiDigit(char c)
{
    return c >= '0' && c <= '9';
}

// RFC 9110 5.6.2 tchar.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isAsciiDigit(c))
        return true;
    return c != 0 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

void splitTarget(Core::HttpRequest &request)
{
    const QByteArray &target = request.target;
    qsizetype pathStart = 0;
    if (!target.startsWith('/') && !target.startsWith('*')) {
        const qsizetype scheme = target.indexOf("://");
        if (scheme >= 0) {
            const qsizetype slash = target.indexOf('/', scheme + 3);
            pathStart = slash < 0 ? target.size() : slash;
        }
    }
    const qsizetype question = target.indexOf('?', pathStart);
    if (question < 0) {
        request.path = pathStart == 0 ? target : target.mid(pathStart);
        if (request.path.isEmpty())
            request.path = QByteArrayLiteral("/");
        return;
    }
    request.path = target.mid(pathStart, question - pathStart);
    request.query = target.mid(question + 1);
}

} // namespace

HttpRequestParser::HttpRequestParser(const HttpServerLimits &limits)
    : m_limits(limits)
    , m_parser(std::make_unique<http_parser>())
{
    http_parser_init(m_parser.get(), HTTP_REQUEST);
    m_parser->data = this;
}

HttpRequestParser::~HttpRequestParser() = default;

bool HttpRequestParser::feed(const char *data, qsizetype size)
{
    static const http_parser_settings settings = [] {
        http_parser_settings s;
        http_parser_settings_init(&s);
        s.on_message_begin = &HttpRequestParser::onMessageBegin;
        s.on_url = &HttpRequestParser::onUrl;
        s.on_header_field = &HttpRequestParser::onHeaderField;
        s.on_header_value = &HttpRequestParser::onHeaderValue;
        s.on_headers_complete = &HttpRequestParser::onHeadersComplete;
        s.on_body = &HttpRequestParser::onBody;
        s.on_message_complete = &HttpRequestParser::onMessageComplete;
        s.on_chunk_header = &HttpRequestParser::onChunkHeader;
        return s;
    }();

    if (hasError())
        return false;
    const char *at = data;
    const char *const end = data + qMax<qsizetype>(size, 0);
    while (at < end && !m_finished) {
        if (!m_requestLineDone && !captureRequestLine(at, end))
            return false;
        // on_message_complete pauses, so each call ends at most one request
        const size_t parsed = http_parser_execute(m_parser.get(), &settings, at, size_t(end - at));
        if (hasError())
            return false;
        const http_errno code = HTTP_PARSER_ERRNO(m_parser.get());
        if (code == HPE_PAUSED && !m_finished) {
            http_parser_pause(m_parser.get(), 0);
        } else if ((code != HPE_OK || parsed == 0) && !m_finished) {
            failFromParser();
            return false;
        }
        at += parsed;
    }
    return true;
}

// The shared http_parser build is lenient about the request line ("HTTX/1.1" passes), so
// the line is checked here: METHOD SP request-target SP HTTP/digit.digit CRLF.
bool HttpRequestParser::captureRequestLine(const char *at, const char *end)
{
    if (m_requestLine.isEmpty()) {
        while (at < end && (*at == '\r' || *at == '\n'))
            ++at;
    }
    const char *newline = static_cast<const char *>(std::memchr(at, '\n', size_t(end - at)));
    const qsizetype room = m_limits.maxUriBytes + 64 - m_requestLine.size();
    const qsizetype take = newline ? qsizetype(newline - at) : qsizetype(end - at);
    if (take > room) {
        m_requestLineDone = true; // too long: on_url reports 414
        return true;
    }
    m_requestLine.append(at, take);
    if (!newline)
        return true;
    m_requestLineDone = true;
    if (m_requestLine.endsWith('\r'))
        m_requestLine.chop(1);
    const QByteArrayList parts = m_requestLine.split(' ');
    const QByteArray version = parts.size() == 3 ? parts.at(2) : QByteArray();
    const bool wellFormed = version.size() == 8 && version.startsWith("HTTP/") &&
                            isAsciiDigit(version.at(5)) && version.at(6) == '.' &&
                            isAsciiDigit(version.at(7)) && !parts.at(0).isEmpty() &&
                            !parts.at(1).isEmpty();
    if (!wellFormed) {
        fail(400, QByteArrayLiteral("Bad Request: invalid request line"));
        return false;
    }
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        fail(505, QByteArrayLiteral("HTTP Version Not Supported"));
        return false;
    }
    return true;
}

HttpRequestParser::ParsedRequest HttpRequestParser::takeRequest()
{
    ParsedRequest next = std::move(m_ready.front());
    m_ready.pop_front();
    return next;
}

int HttpRequestParser::onMessageBegin(http_parser *p)
{
    HttpRequestParser *d = self(p);
    d->m_stage = Stage::Headers;
    d->m_headerPart = HeaderPart::None;
    d->m_current = Core::HttpRequest();
    d->m_field.clear();
    d->m_value.clear();
    d->m_headerBytes = 0;
    d->m_uriBytes = 0;
    d->m_chunkedTotal = 0;
    ++d->m_begun;
    return 0;
}

int HttpRequestParser::onUrl(http_parser *p, const char *at, size_t length)
{
    HttpRequestParser *d = self(p);
    d->m_uriBytes += qsizetype(length);
    if (d->m_uriBytes > d->m_limits.maxUriBytes)
        return d->fail(414, QByteArrayLiteral("Request-URI Too Long"));
    if (!d->countHeaderBytes(length))
        return -1;
    d->m_current.target.append(at, qsizetype(length));
    return 0;
}

int HttpRequestParser::onHeaderField(http_parser *p, const char *at, size_t length)
{
    HttpRequestParser *d = self(p);
    const bool newLine = d->m_headerPart != HeaderPart::Field;
    if (!d->countHeaderBytes(length + (newLine ? HeaderLineOverhead : 0)))
        return -1;
    if (d->m_stage == Stage::Body) {
        // A chunked trailer: counted, not kept. Its part is tracked all the same, so a name
        // split across two reads pays the line overhead once (the fuzzer found this).
        d->m_headerPart = HeaderPart::Field;
        return 0;
    }
    if (d->m_headerPart == HeaderPart::Value && !d->commitHeader())
        return -1;
    d->m_field.append(at, qsizetype(length));
    d->m_headerPart = HeaderPart::Field;
    return 0;
}

int HttpRequestParser::onHeaderValue(http_parser *p, const char *at, size_t length)
{
    HttpRequestParser *d = self(p);
    if (!d->countHeaderBytes(length))
        return -1;
    if (d->m_stage == Stage::Body) {
        d->m_headerPart = HeaderPart::Value;
        return 0;
    }
    d->m_value.append(at, qsizetype(length));
    d->m_headerPart = HeaderPart::Value;
    return 0;
}

int HttpRequestParser::onHeadersComplete(http_parser *p)
{
    HttpRequestParser *d = self(p);
    if (d->m_headerPart != HeaderPart::None && !d->commitHeader())
        return -1;
    d->m_headerPart = HeaderPart::None;
    Core::HttpRequest &r = d->m_current;
    const char *method = http_method_str(http_method(p->method));
    r.method = QByteArray::fromRawData(method, qsizetype(qstrlen(method)));
    r.httpMajor = p->http_major;
    r.httpMinor = p->http_minor;
    splitTarget(r);
    if (r.httpMajor != 1 || r.httpMinor > 1)
        return d->fail(505, QByteArrayLiteral("HTTP Version Not Supported"));
    if ((p->flags & F_CONTENTLENGTH) != 0) {
        if (p->content_length > quint64(d->m_limits.maxBodyBytes))
            return d->fail(413, QByteArrayLiteral("Request Entity Too Large"));
        r.body.reserve(qsizetype(std::min<qint64>(qint64(p->content_length), MaxBodyReserve)));
    }
    r.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
    d->m_stage = Stage::Body;
    return 0;
}

int HttpRequestParser::onChunkHeader(http_parser *p)
{
    HttpRequestParser *d = self(p);
    const quint64 room = quint64(d->m_limits.maxBodyBytes - d->m_chunkedTotal);
    if (p->content_length > room)
        return d->fail(413, QByteArrayLiteral("Request Entity Too Large"));
    d->m_chunkedTotal += qint64(p->content_length);
    return 0;
}

int HttpRequestParser::onBody(http_parser *p, const char *at, size_t length)
{
    HttpRequestParser *d = self(p);
    QByteArray &body = d->m_current.body;
    if (qint64(length) > d->m_limits.maxBodyBytes - body.size())
        return d->fail(413, QByteArrayLiteral("Request Entity Too Large"));
    body.append(at, qsizetype(length));
    return 0;
}

int HttpRequestParser::onMessageComplete(http_parser *p)
{
    HttpRequestParser *d = self(p);
    ParsedRequest done;
    done.request = std::move(d->m_current);
    done.keepAlive = http_should_keep_alive(p) != 0;
    done.upgrade = p->upgrade != 0;
    d->m_current = Core::HttpRequest();
    d->m_stage = Stage::Idle;
    d->m_headerPart = HeaderPart::None;
    d->m_requestLine.clear();
    d->m_requestLineDone = false;
    d->m_finished = !done.keepAlive || done.upgrade;
    http_parser_pause(p, 1);
    d->m_ready.push_back(std::move(done));
    return 0;
}

bool HttpRequestParser::countHeaderBytes(size_t length)
{
    m_headerBytes += qsizetype(length);
    if (m_headerBytes <= m_limits.maxHeaderBytes)
        return true;
    fail(431, QByteArrayLiteral("Request Header Fields Too Large"));
    return false;
}

bool HttpRequestParser::commitHeader()
{
    if (!std::all_of(m_field.cbegin(), m_field.cend(), isTokenChar)) {
        fail(400, QByteArrayLiteral("Bad Request: invalid character in header name"));
        return false;
    }
    m_current.headers.add(m_field, m_value);
    m_field.clear();
    m_value.clear();
    return true;
}

int HttpRequestParser::fail(int status, QByteArray message)
{
    if (m_error.status == 0) {
        m_error.status = status;
        m_error.message = std::move(message);
    }
    return -1; // on_headers_complete reads 1 and 2 as "no body", not as failure
}

void HttpRequestParser::failFromParser()
{
    const http_errno code = HTTP_PARSER_ERRNO(m_parser.get());
    if (code == HPE_HEADER_OVERFLOW) {
        fail(431, QByteArrayLiteral("Request Header Fields Too Large"));
        return;
    }
    const char *what = code == HPE_OK ? "unexpected data" : http_errno_description(code);
    fail(400, QByteArrayLiteral("Bad Request: ") + QByteArray(what));
}

} // namespace Gatehouse::Emulator
