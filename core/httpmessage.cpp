#include "httpmessage.h"

namespace Gatehouse::Core {

namespace {
bool sameName(const QByteArray &a, const QByteArray &b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}
} // namespace

void HttpHeaders::set(const QByteArray &name, const QByteArray &value)
{
    remove(name);
    add(name, value);
}

void HttpHeaders::remove(const QByteArray &name)
{
    m_fields.removeIf([&](const Field &f) { return sameName(f.first, name); });
}

bool HttpHeaders::contains(const QByteArray &name) const
{
    for (const Field &f : m_fields) {
        if (sameName(f.first, name))
            return true;
    }
    return false;
}

QByteArray HttpHeaders::value(const QByteArray &name) const
{
    for (const Field &f : m_fields) {
        if (sameName(f.first, name))
            return f.second;
    }
    return {};
}

QList<QByteArray> HttpHeaders::values(const QByteArray &name) const
{
    QList<QByteArray> out;
    for (const Field &f : m_fields) {
        if (sameName(f.first, name))
            out.append(f.second);
    }
    return out;
}

QByteArray httpReasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 101: return "Switching Protocols";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Request Entity Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 417: return "Expectation Failed";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
    }
}

} // namespace Gatehouse::Core
