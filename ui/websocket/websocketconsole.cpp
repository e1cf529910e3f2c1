#include "websocketconsole.h"

#include "websocketconnectionview.h"

#include "core/websocket/messagesnippets.h"

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
    auto *add = new QToolButton(m_tabs);
    add->setText(QStringLiteral("+"));
    add->setToolTip(tr("New connection"));
    m_tabs->setCornerWidget(add, Qt::TopRightCorner);
    connect(add, &QToolButton::clicked, this,
            [this] { m_tabs->setCurrentWidget(addConnection()); });
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        QWidget *view = m_tabs->widget(index);
        m_tabs->removeTab(index);
        view->deleteLater();
        if (m_tabs->count() == 0)
            addConnection();
    });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
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

void WebSocketConsole::setEmulatorInfo(const Core::EmulatorInfo &info)
{
    m_emulator = info;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (WebSocketConnectionView *view = connection(i))
            view->setEmulatorInfo(info);
    }
}

} // namespace Gatehouse::Ui
