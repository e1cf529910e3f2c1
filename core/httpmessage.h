#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>

namespace Gatehouse::Core {

// Header fields in arrival order with their original case; look-ups ignore case, as HTTP does.
class HttpHeaders
{
public:
    using Field = QPair<QByteArray, QByteArray>;

    void add(const QByteArray &name, const QByteArray &value) { m_fields.append({name, value}); }
    void set(const QByteArray &name, const QByteArray &value); // replaces every field of that name
    void remove(const QByteArray &name);
    bool contains(const QByteArray &name) const;
    QByteArray value(const QByteArray &name) const;      // first value, or empty
    QList<QByteArray> values(const QByteArray &name) const;
    const QList<Field> &fields() const { return m_fields; }
    bool isEmpty() const { return m_fields.isEmpty(); }
    qsizetype size() const { return m_fields.size(); }

private:
    QList<Field> m_fields;
};

// One HTTP/1.x request as the emulator's front received it; path and query stay raw
// (percent-encoding untouched) because API Gateway hands them on raw.
struct HttpRequest
{
    QByteArray method;       // upper case, e.g. "GET"
    QByteArray target;       // the request-target as sent: "/path?query"
    QByteArray path;         // target up to '?'
    QByteArray query;        // after '?', without it; empty when absent
    int httpMajor = 1;
    int httpMinor = 1;
    HttpHeaders headers;
    QByteArray body;
    QHostAddress peerAddress;
    quint16 peerPort = 0;
    quint16 localPort = 0;
    qint64 receivedAtMs = 0; // ms since the epoch, when the header block was complete
};

struct HttpResponse
{
    int status = 200;
    QByteArray reason;       // empty: the standard phrase for status
    HttpHeaders headers;
    QByteArray body;
};

QByteArray httpReasonPhrase(int status);

} // namespace Gatehouse::Core
