#pragma once

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QTcpSocket>

#include <memory>
#include <vector>

// Closed-loop HTTP/1.1 load: N keep-alive connections, each sends the next request as soon as
// the previous answer is complete. Latencies are kept for percentiles.
class LoadGenerator : public QObject
{
    Q_OBJECT
public:
    struct Report
    {
        qint64 requests = 0;
        qint64 errors = 0;
        double seconds = 0;
        double p50Ms = 0, p90Ms = 0, p99Ms = 0, maxMs = 0;
        double perSecond() const { return seconds > 0 ? requests / seconds : 0; }
    };

    LoadGenerator(QHostAddress address, quint16 port, QByteArray request, int connections);
    void run(int warmupMs, int measureMs);

signals:
    void finished(const LoadGenerator::Report &report);

private:
    struct Client
    {
        std::unique_ptr<QTcpSocket> socket;
        QByteArray buffer;
        QElapsedTimer sent;
    };
    void send(Client &client);
    void readFrom(Client &client);
    void startMeasuring();
    void finish();

    QHostAddress m_address;
    quint16 m_port;
    QByteArray m_request;
    std::vector<std::unique_ptr<Client>> m_clients;
    std::vector<qint64> m_latenciesNs;
    QElapsedTimer m_clock;
    bool m_measuring = false;
    bool m_done = false;
    qint64 m_errors = 0;
    int m_measureMs = 0;
};
