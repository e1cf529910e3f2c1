#pragma once

#include <QWidget>

class QTabWidget;

namespace Gatehouse::Ui {

class WebSocketConnectionView;

// The WebSocket tab: several connections side by side as tabs.
class WebSocketConsole : public QWidget
{
    Q_OBJECT

public:
    explicit WebSocketConsole(QWidget *parent = nullptr);

    WebSocketConnectionView *addConnection();
    int connectionCount() const;
    WebSocketConnectionView *connection(int index) const;

private:
    QTabWidget *m_tabs;
};

} // namespace Gatehouse::Ui
