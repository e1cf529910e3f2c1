#include "httpconnection.h"

#include "httpresponder.h"
#include "requesthandler.h"

#include <QTcpSocket>
#include <QTimerEvent>
#include <chrono>
#include <cstdio>
#include <utility>
#include <ctime>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace Gatehouse::Emulator {

namespace {

constexpr qint64 ReadChunkBytes = 64 * 1024;
constexpr qsizetype InlineBodyBytes = 4096;
constexpr int LingerMs = 2000;
constexpr qint64 LingerDiscardBytes = 64 * 1024 * 1024;
// A client that pipelines requests but does not read the answers stops being read from here.
constexpr qint64 WriteBacklogBytes = 4 * 1024 * 1024;
// Answers to pipelined requests are gathered up to this size before one send() (see writeNow).
constexpr qsizetype AnswerBatchBytes = 64 * 1024;

qint64 monotonicMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

// RFC 9110 IMF-fixdate, formatted once per second.
const QByteArray &imfFixdate()
{
    static constexpr const char *days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char *months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    thread_local std::time_t cachedSecond = -1;
    thread_local QByteArray cached;
    const std::time_t now = std::time(nullptr);
    if (now != cachedSecond) {
        std::tm tm{};
        gmtime_r(&now, &tm);
        char text[40];
        std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday],
                      tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                      tm.tm_sec);
        cached = QByteArray(text);
        cachedSecond = now;
    }
    return cached;
}

bool sameName(const QByteArray &a, const char *b)
{
    return qstricmp(a.constData(), b) == 0;
}

// Fields the front writes itself, or that would break the framing.
bool isFrontField(const QByteArray &name)
{
    return sameName(name, "content-length") || sameName(name, "transfer-encoding") ||
           sameName(name, "connection") || sameName(name, "date");
}

bool isSafeFieldPart(const QByteArray &text)
{
    for (char c : text) {
        if (c == '\r' || c == '\n' || c == '\0')
            return false;
    }
    return true;
}

QByteArray jsonMessage(const QByteArray &message)
{
    QByteArray out = QByteArrayLiteral("{\"message\":\"");
    for (char c : message) {
        if (c == '"' || c == '\\') {
            out.append('\\').append(c);
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", unsigned(c));
            out.append(escaped);
        } else {
            out.append(c);
        }
    }
    return out.append("\"}");
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, RequestHandler *handler,
                               const HttpServerLimits &limits, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_handler(handler)
    , m_limits(limits)
    , m_parser(limits)
    , m_peerAddress(socket->peerAddress())
    , m_peerPort(socket->peerPort())
    , m_localPort(socket->localPort())
{
    m_socket->setParent(this);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &HttpConnection::onDisconnected);
    armDeadline(Deadline::Idle, m_limits.idleTimeoutMs);
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        QMetaObject::invokeMethod(this, &HttpConnection::markClosed, Qt::QueuedConnection);
    else if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::processInput, Qt::QueuedConnection);
}

HttpConnection::~HttpConnection()
{
    if (!m_socket)
        return; // handed over to the WebSocket server
    m_socket->disconnect(this);
    m_socket->abort();
}

bool HttpConnection::isAwaiting(quint64 serial) const
{
    return m_state == State::Open && m_inFlight && serial == m_serial;
}

void HttpConnection::respond(quint64 serial, const Core::HttpResponse &response)
{
    if (!isAwaiting(serial))
        return;
    if (m_upgradeBytes > 0) {
        // A refused handshake: the peeked request is consumed only now, then answered.
        m_socket->skip(m_upgradeBytes);
        m_upgradeBytes = 0;
    }
    m_inFlight = false;
    const bool keepAlive =
        m_inFlightKeepAlive &&
        !sameName(response.headers.value(QByteArrayLiteral("Connection")), "close");
    writeResponse(response, m_inFlightHead, keepAlive);
    if (!keepAlive) {
        closeAfterWrite();
        return;
    }
    if (m_processing)
        return;
    const bool moreWork = m_parser.hasRequest() || m_parser.hasError() || !m_parser.isIdle() ||
                          m_socket->bytesAvailable() > 0;
    if (moreWork)
        QMetaObject::invokeMethod(this, &HttpConnection::processInput, Qt::QueuedConnection);
    else
        armDeadline(Deadline::Idle, m_limits.idleTimeoutMs);
}

QTcpSocket *HttpConnection::takeUpgradeSocket(quint64 serial)
{
    if (!isAwaiting(serial) || m_upgradeBytes == 0)
        return nullptr;
    QTcpSocket *socket = m_socket;
    socket->disconnect(this);
    socket->setParent(nullptr);
    m_socket = nullptr;
    m_upgradeBytes = 0;
    m_state = State::Closed;
    m_inFlight = false;
    m_deadlineKind = Deadline::None;
    m_timer.stop();
    emit closed();
    deleteLater();
    return socket;
}

void HttpConnection::abort()
{
    markClosed();
}

void HttpConnection::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_timer.timerId())
        onDeadline();
    else
        QObject::timerEvent(event);
}

void HttpConnection::onReadyRead()
{
    if (m_state == State::Open) {
        processInput();
        return;
    }
    if (m_state == State::Closed)
        return;
    m_discarded += m_socket->skip(m_socket->bytesAvailable());
    if (m_discarded > LingerDiscardBytes)
        markClosed();
}

void HttpConnection::onBytesWritten()
{
    const qint64 backlog = m_socket->bytesToWrite();
    if (m_state == State::Closing && backlog == 0)
        startLinger();
    else if (m_state == State::Open && m_writeBlocked && backlog < WriteBacklogBytes)
        processInput();
}

void HttpConnection::onDisconnected()
{
    markClosed();
}

void HttpConnection::processInput()
{
    if (m_processing || m_state != State::Open)
        return;
    m_processing = true;
    while (m_state == State::Open && !m_inFlight) {
        m_writeBlocked = m_socket->bytesToWrite() >= WriteBacklogBytes;
        if (m_writeBlocked)
            break;
        if (m_parser.hasRequest()) {
            dispatch(m_parser.takeRequest());
            continue;
        }
        if (m_parser.hasError()) {
            const HttpRequestParser::ParseError &error = m_parser.error();
            const QByteArray reason = error.status == 505 ? error.message : QByteArray();
            sendError(error.status, error.message, reason);
            break;
        }
        if (m_parser.isFinished() || !checkExpectation() || !readIntoParser())
            break;
    }
    m_processing = false;
    flushAnswers();
    refreshDeadline();
}

bool HttpConnection::readIntoParser()
{
    if (!m_upgradeChecked) {
        switch (peekUpgrade()) {
        case Peek::Wait:
            return false;
        case Peek::Dispatched:
            return true;
        case Peek::NotUpgrade:
            break;
        }
    }
    thread_local char buffer[ReadChunkBytes];
    if (m_socket->bytesAvailable() <= 0)
        return false;
    const qint64 n = m_socket->read(buffer, ReadChunkBytes);
    if (n <= 0)
        return false;
    m_parser.feed(buffer, n);
    return true;
}

// Only a fresh connection's first request can be a handshake; everything else is read as usual.
HttpConnection::Peek HttpConnection::peekUpgrade()
{
    m_peekWaiting = false;
    if (m_serial != 0 || !m_parser.isIdle()) {
        m_upgradeChecked = true;
        return Peek::NotUpgrade;
    }
    const QByteArray head = m_socket->peek(m_limits.maxHeaderBytes);
    if (head.isEmpty())
        return Peek::Wait; // nothing sent yet: still the idle deadline
    static const QByteArray get = QByteArrayLiteral("GET ");
    if (!head.startsWith(get.left(qMin(head.size(), get.size())))) {
        m_upgradeChecked = true;
        return Peek::NotUpgrade;
    }
    const qsizetype end = head.indexOf("\r\n\r\n");
    if (end < 0) {
        if (head.size() >= m_limits.maxHeaderBytes) {
            m_upgradeChecked = true; // the parser answers 431
            return Peek::NotUpgrade;
        }
        m_peekWaiting = true;
        return Peek::Wait;
    }
    m_upgradeChecked = true;
    const QByteArray block = head.left(end + 4);
    if (!block.toLower().contains("websocket"))
        return Peek::NotUpgrade;
    HttpRequestParser scratch(m_limits);
    scratch.feed(block.constData(), block.size());
    if (!scratch.hasRequest())
        return Peek::NotUpgrade;
    HttpRequestParser::ParsedRequest parsed = scratch.takeRequest();
    if (!parsed.upgrade ||
        !sameName(parsed.request.headers.value(QByteArrayLiteral("Upgrade")), "websocket"))
        return Peek::NotUpgrade;
    m_upgradeBytes = block.size();
    dispatch(std::move(parsed));
    return Peek::Dispatched;
}

void HttpConnection::dispatch(HttpRequestParser::ParsedRequest parsed)
{
    Core::HttpRequest &request = parsed.request;
    m_inFlight = true;
    ++m_serial;
    m_inFlightHead = request.method == "HEAD";
    m_inFlightKeepAlive = parsed.keepAlive && !parsed.upgrade;
    m_inFlightHttp10 = request.httpMinor == 0;
    m_deadlineKind = Deadline::None;
    if (!m_inFlightHttp10) {
        const QByteArray expect = request.headers.value(QByteArrayLiteral("Expect"));
        if (!expect.isEmpty() && !sameName(expect, "100-continue")) {
            m_inFlight = false;
            sendError(417, QByteArrayLiteral("Expectation Failed"));
            return;
        }
    }
    request.peerAddress = m_peerAddress;
    request.peerPort = m_peerPort;
    request.localPort = m_localPort;
    m_handler->handleRequest(request, HttpResponder(this, m_serial));
}

bool HttpConnection::checkExpectation()
{
    if (!m_parser.isReadingBody() || m_expectChecked == m_parser.requestsBegun())
        return true;
    m_expectChecked = m_parser.requestsBegun();
    const Core::HttpRequest &request = m_parser.currentRequest();
    if (request.httpMinor == 0)
        return true; // RFC 9110 10.1.1: a server ignores 100-continue from HTTP/1.0 clients
    const QByteArray expect = request.headers.value(QByteArrayLiteral("Expect"));
    if (expect.isEmpty())
        return true;
    if (sameName(expect, "100-continue")) {
        flushAnswers(); // the answers to earlier requests go first
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        return true;
    }
    sendError(417, QByteArrayLiteral("Expectation Failed"));
    return false;
}

void HttpConnection::writeResponse(const Core::HttpResponse &response, bool head, bool keepAlive)
{
    const int status = response.status;
    const bool bodyless = status < 200 || status == 204 || status == 304;
    const QByteArray &body = response.body;
    QByteArray out;
    out.reserve(160 + response.headers.size() * 48 +
                (body.size() < InlineBodyBytes ? body.size() : 0));
    out.append("HTTP/1.1 ").append(QByteArray::number(status)).append(' ');
    out.append(response.reason.isEmpty() || !isSafeFieldPart(response.reason)
                   ? Core::httpReasonPhrase(status)
                   : response.reason);
    out.append("\r\n");
    for (const Core::HttpHeaders::Field &field : response.headers.fields()) {
        if (field.first.isEmpty() || isFrontField(field.first) || !isSafeFieldPart(field.first) ||
            !isSafeFieldPart(field.second))
            continue;
        out.append(field.first).append(": ").append(field.second).append("\r\n");
    }
    out.append("Date: ").append(imfFixdate()).append("\r\n");
    if (!bodyless)
        out.append("Content-Length: ").append(QByteArray::number(body.size())).append("\r\n");
    if (!keepAlive)
        out.append("Connection: close\r\n");
    else if (m_inFlightHttp10)
        out.append("Connection: keep-alive\r\n");
    out.append("\r\n");
    const bool withBody = !head && !bodyless && !body.isEmpty();
    if (withBody && body.size() < InlineBodyBytes) {
        out.append(body);
        writeNow(out);
        return;
    }
    writeNow(out);
    if (withBody)
        writeNow(body); // a large QByteArray is shared into the socket buffer, not copied
}

// Straight to the kernel when nothing is queued before it. Through QTcpSocket's buffer a response
// waits for the next turn of the loop, and switching the write notifier on and off for it wakes
// glib's loop twice (eventfd writes in strace): about a tenth of the front's CPU for the many
// small answers of a WebSocket broadcast's @connections POSTs. What the kernel does not take
// goes on through the buffer, which then keeps the order.
//
// Answers given while processInput() works through pipelined requests wait in m_answers and go
// out in one send() when it ends: a WebSocket broadcast's 125 POSTs on one connection otherwise
// cost 125 send()s, each running the loopback's TCP path and waking the client to read a few
// hundred bytes (most of the front's kernel time in perf).
void HttpConnection::writeNow(const QByteArray &bytes)
{
    if (m_processing && m_state == State::Open && bytes.size() < AnswerBatchBytes) {
        m_answers.append(bytes);
        if (m_answers.size() >= AnswerBatchBytes)
            flushAnswers();
        return;
    }
    flushAnswers();
    writeToSocket(bytes);
}

void HttpConnection::flushAnswers()
{
    if (m_answers.isEmpty())
        return;
    const QByteArray answers = std::exchange(m_answers, {});
    if (m_state != State::Closed)
        writeToSocket(answers);
}

void HttpConnection::writeToSocket(const QByteArray &bytes)
{
#ifdef Q_OS_UNIX
    if (m_socket->bytesToWrite() == 0 && m_socket->state() == QAbstractSocket::ConnectedState
        && m_socket->socketDescriptor() >= 0) {
        const ssize_t sent = ::send(int(m_socket->socketDescriptor()), bytes.constData(), size_t(bytes.size()),
                                    MSG_DONTWAIT | MSG_NOSIGNAL);
        if (sent == bytes.size())
            return;
        if (sent > 0) {
            m_socket->write(bytes.constData() + sent, bytes.size() - sent);
            return;
        }
        // EAGAIN: the kernel's buffer is full; any other error QTcpSocket reports on its own.
    }
#endif
    m_socket->write(bytes);
}

void HttpConnection::sendError(int status, const QByteArray &message, const QByteArray &reason)
{
    Core::HttpResponse response;
    response.status = status;
    response.reason = reason;
    response.headers.add(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    response.body = jsonMessage(message);
    m_inFlightHttp10 = false;
    writeResponse(response, false, false);
    closeAfterWrite();
}

void HttpConnection::closeAfterWrite()
{
    flushAnswers();
    m_state = State::Closing;
    armDeadline(Deadline::Linger, m_limits.idleTimeoutMs);
    if (m_socket->bytesToWrite() == 0)
        startLinger();
}

// Half-closes and reads what the client still sends for a moment, so the kernel does not
// answer unread bytes with a reset that would destroy the response in flight.
void HttpConnection::startLinger()
{
    m_state = State::Lingering;
    m_socket->flush();
#ifdef Q_OS_UNIX
    if (m_socket->bytesToWrite() == 0 && m_socket->socketDescriptor() >= 0)
        ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
#endif
    armDeadline(Deadline::Linger, LingerMs);
    m_discarded += m_socket->skip(m_socket->bytesAvailable());
}

void HttpConnection::markClosed()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_inFlight = false;
    m_deadlineKind = Deadline::None;
    m_timer.stop();
    if (m_socket && m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->abort();
    emit closed();
    deleteLater();
}

void HttpConnection::armDeadline(Deadline kind, int ms)
{
    const qint64 now = monotonicMs();
    m_deadlineKind = kind;
    m_deadlineMs = now + ms;
    if (!m_timer.isActive() || m_timerDueMs > m_deadlineMs) {
        m_timer.start(ms, Qt::CoarseTimer, this);
        m_timerDueMs = m_deadlineMs;
    }
}

void HttpConnection::refreshDeadline()
{
    if (m_state != State::Open || m_inFlight)
        return;
    if (m_writeBlocked)
        armDeadline(Deadline::Idle, m_limits.idleTimeoutMs); // the client is not reading
    else if (m_peekWaiting) {
        if (m_deadlineKind != Deadline::Header)
            armDeadline(Deadline::Header, m_limits.headerTimeoutMs);
    } else if (m_parser.isIdle())
        armDeadline(Deadline::Idle, m_limits.idleTimeoutMs);
    else if (m_parser.isReadingBody())
        armDeadline(Deadline::Body, m_limits.idleTimeoutMs);
    else if (m_deadlineKind != Deadline::Header)
        armDeadline(Deadline::Header, m_limits.headerTimeoutMs);
}

void HttpConnection::onDeadline()
{
    m_timer.stop();
    if (m_deadlineKind == Deadline::None || m_state == State::Closed)
        return;
    const qint64 now = monotonicMs();
    if (now < m_deadlineMs) {
        m_timer.start(int(m_deadlineMs - now), Qt::CoarseTimer, this);
        m_timerDueMs = m_deadlineMs;
        return;
    }
    switch (m_deadlineKind) {
    case Deadline::Header:
    case Deadline::Body:
        sendError(408, QByteArrayLiteral("Request Timeout"));
        break;
    case Deadline::Idle:
    case Deadline::Linger:
    case Deadline::None:
        markClosed();
        break;
    }
}

} // namespace Gatehouse::Emulator
