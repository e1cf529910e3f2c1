#pragma once

#include <QMainWindow>

class QDockWidget;

namespace Gatehouse::Ui {

class EmulatorPanel;
class RequestBuilderWidget;
class TargetSelector;

// Assembles the tools into one window — request builder in the centre, target selector in
// the toolbar, emulator panel in a dock — and keeps the window's layout across runs.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);

    EmulatorPanel *emulatorPanel() const { return m_emulatorPanel; }
    RequestBuilderWidget *requestBuilder() const { return m_requestBuilder; }
    TargetSelector *targetSelector() const { return m_targetSelector; }
    QDockWidget *emulatorDock() const { return m_emulatorDock; }

public slots:
    void showAbout();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createToolBar();
    void createEmulatorDock();
    void createMenus();
    void restoreLayout();
    void saveLayout();

    RequestBuilderWidget *m_requestBuilder = nullptr;
    TargetSelector *m_targetSelector = nullptr;
    EmulatorPanel *m_emulatorPanel = nullptr;
    QDockWidget *m_emulatorDock = nullptr;
};

} // namespace Gatehouse::Ui
