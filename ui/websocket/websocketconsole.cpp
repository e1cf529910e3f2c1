#include "websocketconsole.h"

#include "websocketconnectionview.h"
#include "websocketserverpanel.h"

#include "core/websocket/messagesnippets.h"

#include <QHBoxLayout>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace Gatehouse::Ui {

WebSocketConsole::WebSocketConsole(QWidget *parent)
    : QWidget(parent)
    , m_snippets(new Core::MessageSnippets(this))
    , m_tabs(new QTabWidget(this))
{
    setObjectName(QStringLiteral("webSocketConsole"));
    // A broken file is reported by each connection's composer (WebSocketSnippetsPanel).
    (void)m_snippets->load(Core::MessageSnippets::defaultPath());
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    // The server panel sits beside the connections, so a client opened on the left shows up in
    // its list on the right; the corner button hides it, which also stops its refreshing.
    m_server = new WebSocketServerPanel(this);
    // In a scroll area: the main window must still fit a 1000 px screen with its docks, so a
    // panel squeezed below its ~150 px scrolls instead of widening the window.
    auto *serverScroll = new QScrollArea(this);
    serverScroll->setWidget(m_server);
    serverScroll->setWidgetResizable(true);
    serverScroll->setFrameShape(QFrame::NoFrame);
    auto *corner = new QWidget(m_tabs);
    auto *cornerLayout = new QHBoxLayout(corner);
    cornerLayout->setContentsMargins(0, 0, 0, 0);
    cornerLayout->setSpacing(2);
    auto *add = new QToolButton(corner);
    add->setText(QStringLiteral("+"));
    add->setToolTip(tr("New connection"));
    auto *server = new QToolButton(corner);
    server->setObjectName(QStringLiteral("serverPanelToggle"));
    server->setText(tr("Server"));
    server->setToolTip(tr("Show the server panel: live connections, post, inspect and drop"));
    server->setCheckable(true);
    server->setChecked(true);
    connect(server, &QToolButton::toggled, serverScroll, &QWidget::setVisible);
    cornerLayout->addWidget(server);
    cornerLayout->addWidget(add);
    m_tabs->setCornerWidget(corner, Qt::TopRightCorner);
    connect(add, &QToolButton::clicked, this,
            [this] { m_tabs->setCurrentWidget(addConnection()); });
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        QWidget *view = m_tabs->widget(index);
        m_tabs->removeTab(index);
        view->deleteLater();
        if (m_tabs->count() == 0)
            addConnection();
    });
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_tabs);
    splitter->addWidget(serverScroll);
    splitter->setCollapsible(0, false);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({600, 400}); // the list needs room for id, times and source
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    addConnection();
}

WebSocketConnectionView *WebSocketConsole::addConnection()
{
    auto *view = new WebSocketConnectionView(m_tabs);
    view->setEmulatorInfo(m_emulator);
    view->setSnippets(m_snippets);
    const int index = m_tabs->addTab(view, tr("New connection"));
    Q_UNUSED(index)
    connect(view, &WebSocketConnectionView::titleChanged, this, [this, view](const QString &title) {
        const int at = m_tabs->indexOf(view);
        if (at >= 0)
            m_tabs->setTabText(at, title);
    });
    return view;
}

int WebSocketConsole::connectionCount() const
{
    return m_tabs->count();
}

WebSocketConnectionView *WebSocketConsole::connection(int index) const
{
    return qobject_cast<WebSocketConnectionView *>(m_tabs->widget(index));
}

void WebSocketConsole::setEmulatorCredentials(const Core::Aws::Credentials &credentials)
{
    m_server->setEmulatorCredentials(credentials);
}

void WebSocketConsole::setEmulatorInfo(const Core::EmulatorInfo &info)
{
    m_emulator = info;
    m_server->setEmulatorInfo(info);
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (WebSocketConnectionView *view = connection(i))
            view->setEmulatorInfo(info);
    }
}

} // namespace Gatehouse::Ui
