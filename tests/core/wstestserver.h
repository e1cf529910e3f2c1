#pragma once

// Starts tests/core/wstestserver.py (Debian's python3-websockets) on 127.0.0.1, port 0, for the
// WebSocket console tests in every layer. The server stops by itself when this object goes
// away (its stdin closes) or after 120 s.

#include <QProcess>
#include <QString>
#include <QTest>

class WsTestServer
{
public:
    WsTestServer()
    {
        m_process.setProgram(QStringLiteral("/usr/bin/python3"));
        m_process.setArguments(
            {QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/core/wstestserver.py")});
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start();
        if (!m_process.waitForStarted(5000))
            return;
        QByteArray line;
        QDeadlineTimer deadline(10000);
        while (!line.endsWith('\n') && !deadline.hasExpired()) {
            if (m_process.waitForReadyRead(200))
                line += m_process.readLine();
            if (m_process.state() != QProcess::Running)
                break;
        }
        if (line.startsWith("PORT "))
            m_port = line.mid(5).trimmed().toInt();
    }
    ~WsTestServer()
    {
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(2000);
    }
    bool isRunning() const { return m_port > 0; }
    int port() const { return m_port; }
    QString url(const QString &path) const
    {
        return QStringLiteral("ws://127.0.0.1:%1%2").arg(m_port).arg(path);
    }

private:
    QProcess m_process;
    int m_port = 0;
};
