#pragma once

#include "core/httpmessage.h"

#include <QHash>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

class QTcpSocket;

// A stand-in AWS endpoint on 127.0.0.1:<free port>: records each request as the emulator's
// front would see it and answers with canned HTTP responses, in order.
class FakeAws : public QObject
{
public:
    enum class Mode { Answer, Silent };

    explicit FakeAws(QObject *parent = nullptr);

    QUrl url() const;
    static QByteArray response(int status, const QByteArray &headerLines, const QByteArray &body);

    Mode mode = Mode::Answer;
    QList<QByteArray> answers; // for the first requests, in order; then answer
    QByteArray answer = response(200, "Content-Type: application/json", "{}");
    QList<Gatehouse::Core::HttpRequest> requests;

private:
    void onData(QTcpSocket *socket);

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};
