#include "loadgenerator.h"

#include <QTimer>

#include <algorithm>

LoadGenerator::LoadGenerator(QHostAddress address, quint16 port, QByteArray request,
                             int connections)
    : m_address(std::move(address))
    , m_port(port)
    , m_request(std::move(request))
{
    for (int i = 0; i < connections; ++i)
        m_clients.push_back(std::make_unique<Client>());
    m_latenciesNs.reserve(1 << 20);
}

void LoadGenerator::run(int warmupMs, int measureMs)
{
    m_measureMs = measureMs;
    for (auto &client : m_clients) {
        Client *c = client.get();
        c->socket = std::make_unique<QTcpSocket>();
        c->socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(c->socket.get(), &QTcpSocket::connected, this, [this, c] { send(*c); });
        connect(c->socket.get(), &QTcpSocket::readyRead, this, [this, c] { readFrom(*c); });
        connect(c->socket.get(), &QTcpSocket::errorOccurred, this, [this] { ++m_errors; });
        c->socket->connectToHost(m_address, m_port);
    }
    QTimer::singleShot(warmupMs, this, &LoadGenerator::startMeasuring);
}

void LoadGenerator::startMeasuring()
{
    m_latenciesNs.clear();
    m_errors = 0;
    m_measuring = true;
    m_clock.start();
    QTimer::singleShot(m_measureMs, Qt::PreciseTimer, this, &LoadGenerator::finish);
}

void LoadGenerator::send(Client &client)
{
    if (m_done)
        return;
    client.sent.start();
    client.socket->write(m_request);
}

// Complete answers are counted by Content-Length; the emulator always sends one.
void LoadGenerator::readFrom(Client &client)
{
    client.buffer += client.socket->readAll();
    for (;;) {
        const qsizetype headEnd = client.buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        qsizetype length = 0;
        const qsizetype cl = client.buffer.indexOf("Content-Length:");
        if (cl >= 0 && cl < headEnd) {
            const qsizetype eol = client.buffer.indexOf("\r\n", cl);
            length = client.buffer.mid(cl + 15, eol - cl - 15).trimmed().toLongLong();
        }
        const qsizetype total = headEnd + 4 + length;
        if (client.buffer.size() < total)
            return;
        const bool ok = client.buffer.startsWith("HTTP/1.1 200");
        client.buffer.remove(0, total);
        if (m_measuring) {
            m_latenciesNs.push_back(client.sent.nsecsElapsed());
            if (!ok)
                ++m_errors;
        }
        send(client);
    }
}

void LoadGenerator::finish()
{
    m_done = true;
    Report report;
    report.seconds = m_clock.nsecsElapsed() / 1e9;
    report.requests = static_cast<qint64>(m_latenciesNs.size());
    report.errors = m_errors;
    std::sort(m_latenciesNs.begin(), m_latenciesNs.end());
    auto pct = [this](double p) {
        if (m_latenciesNs.empty())
            return 0.0;
        const size_t i = std::min(m_latenciesNs.size() - 1,
                                  static_cast<size_t>(p * static_cast<double>(m_latenciesNs.size())));
        return m_latenciesNs[i] / 1e6;
    };
    report.p50Ms = pct(0.50);
    report.p90Ms = pct(0.90);
    report.p99Ms = pct(0.99);
    report.maxMs = m_latenciesNs.empty() ? 0 : m_latenciesNs.back() / 1e6;
    for (auto &client : m_clients)
        client->socket->abort();
    emit finished(report);
}
