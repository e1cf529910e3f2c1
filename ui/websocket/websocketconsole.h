#pragma once

#include "core/aws/credentials.h"
#include "core/emulatorinfo.h"

#include <QWidget>

class QTabWidget;

namespace Gatehouse::Core {
class MessageSnippets;
}

namespace Gatehouse::Ui {

class WebSocketConnectionView;
class WebSocketServerPanel;

// The WebSocket tab: several connections side by side as tabs.
class WebSocketConsole : public QWidget
{
    Q_OBJECT

public:
    explicit WebSocketConsole(QWidget *parent = nullptr);

    // The server side beside the connections: live connections and @connections calls.
    WebSocketServerPanel *serverPanel() const { return m_server; }
    // The keys the in-process emulator accepts, for the server panel's signed calls to it.
    void setEmulatorCredentials(const Core::Aws::Credentials &credentials);

    WebSocketConnectionView *addConnection();
    int connectionCount() const;
    WebSocketConnectionView *connection(int index) const;
    // Passed to every connection, present and future (their route helper).
    void setEmulatorInfo(const Core::EmulatorInfo &info);
    // The composer's saved messages, one list for every connection, loaded from
    // MessageSnippets::defaultPath().
    Core::MessageSnippets *snippets() const { return m_snippets; }

private:
    Core::MessageSnippets *m_snippets;
    QTabWidget *m_tabs;
    Core::EmulatorInfo m_emulator;
    WebSocketServerPanel *m_server = nullptr;
};

} // namespace Gatehouse::Ui
