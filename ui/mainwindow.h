#pragma once

#include "core/httpoptions.h"

#include <QMainWindow>

class QDockWidget;
class QTabWidget;
class QUndoGroup;

namespace Gatehouse::Ui {

class CollectionsPanel;
class EmulatorPanel;
class ImportDialog;
class HistoryPanel;
class LambdaViewer;
class AuthWorkbench;
class TokenInspector;
class RequestBuilderWidget;
class TargetSelector;
class WebSocketConsole;

// Assembles the tools into one window — request builder and Lambda viewer as tabs in the centre, target selector in
// the toolbar, emulator panel in a dock — and keeps the window's layout across runs.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);

    EmulatorPanel *emulatorPanel() const { return m_emulatorPanel; }
    RequestBuilderWidget *requestBuilder() const { return m_requestBuilder; }
    LambdaViewer *lambdaViewer() const { return m_lambdaViewer; }
    AuthWorkbench *authWorkbench() const { return m_authWorkbench; }
    WebSocketConsole *webSocketConsole() const { return m_webSocketConsole; }
    TokenInspector *tokenInspector() const;
    // The tools in the centre, one tab each: HTTP requests, Lambda, Auth (tokens).
    QTabWidget *tools() const { return m_tools; }
    TargetSelector *targetSelector() const { return m_targetSelector; }
    QDockWidget *emulatorDock() const { return m_emulatorDock; }
    // Every request the request builder sent (Core::History::RequestHistory), tabbed with the
    // emulator dock.
    HistoryPanel *historyPanel() const { return m_historyPanel; }
    QDockWidget *historyDock() const { return m_historyDock; }
    // Open collection folders as a tree; its requests open in request tabs.
    CollectionsPanel *collectionsPanel() const { return m_collectionsPanel; }
    QDockWidget *collectionsDock() const { return m_collectionsDock; }
    // File › Import (and a file dropped on the window): opened without blocking; path preloads
    // a file to read.
    ImportDialog *showImportDialog(const QString &path = {});

public slots:
    void showAbout();
    void showNetworkSettings();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createToolBar();
    void createEmulatorDock();
    void createHistoryDock();
    void createCollectionsDock();
    void createMenus();
    void applyNetworkOptions(const Core::HttpOptions &options);
    void restoreLayout();
    void saveLayout();

    QTabWidget *m_tools = nullptr;
    RequestBuilderWidget *m_requestBuilder = nullptr;
    LambdaViewer *m_lambdaViewer = nullptr;
    AuthWorkbench *m_authWorkbench = nullptr;
    WebSocketConsole *m_webSocketConsole = nullptr;
    QUndoGroup *m_undoGroup = nullptr;
    TargetSelector *m_targetSelector = nullptr;
    EmulatorPanel *m_emulatorPanel = nullptr;
    QDockWidget *m_emulatorDock = nullptr;
    HistoryPanel *m_historyPanel = nullptr;
    QDockWidget *m_historyDock = nullptr;
    CollectionsPanel *m_collectionsPanel = nullptr;
    QDockWidget *m_collectionsDock = nullptr;
};

} // namespace Gatehouse::Ui
