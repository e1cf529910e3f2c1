#include "httpresponder.h"

#include "httpconnection.h"

namespace Gatehouse::Emulator {

HttpResponder::HttpResponder(HttpConnection *connection, quint64 serial)
    : m_connection(connection)
    , m_serial(serial)
{}

bool HttpResponder::isOpen() const
{
    return m_connection && m_connection->isAwaiting(m_serial);
}

void HttpResponder::send(const Core::HttpResponse &response) const
{
    if (m_connection)
        m_connection->respond(m_serial, response);
}

QTcpSocket *HttpResponder::takeUpgradeSocket() const
{
    return m_connection ? m_connection->takeUpgradeSocket(m_serial) : nullptr;
}

HttpConnection *HttpResponder::connection() const
{
    return m_connection.data();
}

} // namespace Gatehouse::Emulator
