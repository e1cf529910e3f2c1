#pragma once

// Starts one of the GraphQL servers of tests/peers/appsync-simulator (AWS Amplify's AppSync
// simulator, the graphql-ws reference server) with the node_modules that `./packaging/dev
// deps` installed under build/<preset>/peers, on 127.0.0.1 port 0. The server exits when this
// object goes away (its stdin closes).

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QTest>

class GraphQLPeer
{
public:
    explicit GraphQLPeer(const QString &script, const QProcessEnvironment &extra = {})
    {
        const QString modules = QStringLiteral(GATEHOUSE_PEERS_DIR "/appsync-simulator/node_modules");
        if (!QFile::exists(modules + QStringLiteral("/amplify-appsync-simulator/package.json"))) {
            m_problem = QStringLiteral("the test peer is not installed in %1; run "
                                       "'./packaging/dev deps' (it runs npm ci from "
                                       "tests/peers/appsync-simulator/package-lock.json)")
                            .arg(modules);
            return;
        }
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("NODE_PATH"), modules);
        for (const QString &name : extra.keys())
            environment.insert(name, extra.value(name));
        m_process.setProcessEnvironment(environment);
        m_process.setProgram(QStringLiteral("node"));
        m_process.setArguments(
            {QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/peers/appsync-simulator/") + script});
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start();
        if (!m_process.waitForStarted(5000)) {
            m_problem = QStringLiteral("node did not start: %1").arg(m_process.errorString());
            return;
        }
        QByteArray line;
        QDeadlineTimer deadline(30000);
        while (!line.endsWith('\n') && !deadline.hasExpired()) {
            if (m_process.waitForReadyRead(200))
                line += m_process.readLine();
            if (m_process.state() != QProcess::Running)
                break;
        }
        if (line.startsWith("PORT "))
            m_port = line.mid(5).trimmed().toInt();
        else
            m_problem = QStringLiteral("%1 printed no port: %2 %3")
                            .arg(script, QString::fromUtf8(line),
                                 QString::fromUtf8(m_process.readAllStandardError().right(2000)));
    }
    ~GraphQLPeer()
    {
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(2000);
    }
    int port() const { return m_port; }
    QString problem() const { return m_problem; }

private:
    QProcess m_process;
    int m_port = 0;
    QString m_problem;
};
