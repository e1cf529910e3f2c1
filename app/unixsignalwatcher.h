#pragma once

#include <QObject>

class QSocketNotifier;

namespace Gatehouse::App {

// Turns SIGINT and SIGTERM into a Qt signal (self-pipe), so commands stop cleanly from the
// event loop instead of dying inside a handler.
class UnixSignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

signals:
    void terminationRequested(int signalNumber);

private:
    void readSignal();
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Gatehouse::App
