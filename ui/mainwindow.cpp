#include "mainwindow.h"

#include "widgets/networksettingsdialog.h"

#include "core/settings.h"
#include "collections/collectionspanel.h"
#include "emulator/emulatorpanel.h"
#include "import/importdialog.h"
#include "history/historypanel.h"
#include "auth/authworkbench.h"
#include "auth/tokeninspector.h"
#include "requestbuilder/authpanel.h"
#include "lambda/lambdaviewer.h"
#include "requestbuilder/requestbuilderwidget.h"
#include "widgets/targetselector.h"
#include "websocket/websocketconsole.h"
#include "graphql/graphqlworkbench.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QMimeData>
#include <QComboBox>
#include <QDockWidget>
#include <QIcon>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QMessageBox>
#include <QTabWidget>
#include <QToolBar>
#include <QUndoGroup>
#include <QUndoStack>

namespace Gatehouse::Ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_tools(new QTabWidget(this))
    , m_requestBuilder(new RequestBuilderWidget(m_tools))
    , m_lambdaViewer(new LambdaViewer(m_tools))
    , m_authWorkbench(new AuthWorkbench(m_tools))
    , m_undoGroup(new QUndoGroup(this))
{
    setWindowTitle(tr("Gatehouse"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/gatehouse.svg")));
    m_tools->setObjectName(QStringLiteral("tools"));
    m_tools->setDocumentMode(true);
    m_tools->addTab(m_requestBuilder, QIcon(QStringLiteral(":/icons/send.svg")), tr("HTTP"));
    m_tools->addTab(m_lambdaViewer, tr("Lambda"));
    m_tools->addTab(m_authWorkbench, tr("Auth"));
    auto *webSocket = m_webSocketConsole = new WebSocketConsole(m_tools);
    m_tools->addTab(webSocket, tr("WebSocket"));
    auto *graphQL = new GraphQLWorkbench(m_tools);
    // Cognito/OIDC tokens signed in on the Auth tab are offered to AppSync's token modes.
    graphQL->setTokenStore(m_authWorkbench->tokenStore());
    m_tools->addTab(graphQL, tr("GraphQL"));
    setCentralWidget(m_tools);
    // Edit > Undo follows the tool in front: request edits or the staged traffic shift.
    m_undoGroup->addStack(m_requestBuilder->undoStack());
    m_undoGroup->addStack(m_lambdaViewer->undoStack());
    m_undoGroup->setActiveStack(m_requestBuilder->undoStack());
    connect(m_tools, &QTabWidget::currentChanged, this, [this](int index) {
        m_undoGroup->setActiveStack(m_tools->widget(index) == m_lambdaViewer ? m_lambdaViewer->undoStack()
                                                                               : m_requestBuilder->undoStack());
    });
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
    createToolBar();
    createEmulatorDock();
    createHistoryDock();
    createCollectionsDock();
    createMenus();
    setAcceptDrops(true); // a dropped collection or API document is imported

    connect(m_emulatorPanel, &EmulatorPanel::routeActivated, m_requestBuilder,
            &RequestBuilderWidget::openRequest);
    connect(m_emulatorPanel, &EmulatorPanel::baseUrlChanged, m_targetSelector,
            &TargetSelector::setEmulatorBaseUrl);
    connect(m_emulatorPanel, &EmulatorPanel::infoChanged, m_authWorkbench, &AuthWorkbench::setEmulatorInfo);
    connect(m_emulatorPanel, &EmulatorPanel::infoChanged, m_requestBuilder->authPanel(), &AuthPanel::setEmulatorInfo);
    connect(m_emulatorPanel, &EmulatorPanel::infoChanged, webSocket, &WebSocketConsole::setEmulatorInfo);
    connect(m_emulatorPanel, &EmulatorPanel::infoChanged, graphQL, &GraphQLWorkbench::setEmulatorInfo);
    // A GraphQL API's route opens the GraphQL tab on that API, not a bare POST in the request builder.
    connect(m_emulatorPanel, &EmulatorPanel::graphQlApiActivated, graphQL,
            [this, graphQL](const QString &apiId, const QString &field) {
                graphQL->selectEmulatorApi(apiId, field);
                m_tools->setCurrentWidget(graphQL);
            });
    connect(m_requestBuilder->authPanel(), &AuthPanel::inspectTokenRequested, this, [this](const QString &token) {
        m_authWorkbench->inspector()->setToken(token);
        m_tools->setCurrentWidget(m_authWorkbench);
    });
    connect(m_targetSelector, &TargetSelector::targetChanged, m_requestBuilder,
            &RequestBuilderWidget::setTarget);
    connect(m_targetSelector, &TargetSelector::targetChanged, m_lambdaViewer, &LambdaViewer::setTarget);
    connect(m_authWorkbench, &AuthWorkbench::useAwsCredentials, this,
            [this](const Core::Aws::Credentials &credentials, const QString &) {
                Core::RequestAuth auth = m_requestBuilder->requestSpec().auth;
                auth.kind = Core::AuthKind::AwsSigV4;
                auth.source = Core::AwsCredentialSource::TemporaryCredentials;
                auth.accessKeyId = credentials.accessKeyId;
                auth.secretAccessKey = credentials.secretAccessKey;
                auth.sessionToken = credentials.sessionToken;
                m_requestBuilder->authPanel()->setAuth(auth);
                m_tools->setCurrentWidget(m_requestBuilder);
            });
    connect(m_authWorkbench, &AuthWorkbench::useAsBearer, this, [this](const QString &token) {
        m_requestBuilder->authPanel()->useBearerToken(token);
        m_tools->setCurrentWidget(m_requestBuilder);
    });
    applyNetworkOptions(NetworkSettingsDialog::load());
    m_requestBuilder->setTarget(m_targetSelector->currentTarget());
    m_lambdaViewer->setTarget(m_targetSelector->currentTarget());
    restoreLayout();
}

void MainWindow::createToolBar()
{
    auto *toolBar = addToolBar(tr("Target"));
    toolBar->setObjectName(QStringLiteral("targetToolBar"));
    toolBar->setMovable(false);
    toolBar->setFloatable(false);
    auto *label = new QLabel(tr("Target:"), toolBar);
    label->setContentsMargins(6, 0, 6, 0);
    m_targetSelector = new TargetSelector(toolBar);
    label->setBuddy(m_targetSelector->comboBox());
    toolBar->addWidget(label);
    toolBar->addWidget(m_targetSelector);
}

void MainWindow::createEmulatorDock()
{
    m_emulatorDock = new QDockWidget(tr("Emulator"), this);
    m_emulatorDock->setObjectName(QStringLiteral("emulatorDock"));
    m_emulatorDock->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea |
                                    Qt::BottomDockWidgetArea);
    m_emulatorPanel = new EmulatorPanel(m_emulatorDock);
    m_emulatorDock->setWidget(m_emulatorPanel);
    addDockWidget(Qt::RightDockWidgetArea, m_emulatorDock);
    resizeDocks({m_emulatorDock}, {540}, Qt::Horizontal);
}

void MainWindow::createHistoryDock()
{
    m_historyDock = new QDockWidget(tr("History"), this);
    m_historyDock->setObjectName(QStringLiteral("historyDock"));
    m_historyDock->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea |
                                   Qt::BottomDockWidgetArea);
    // Read on a worker: a full history (up to 50 MB) would otherwise hold up the first paint.
    auto *history = new Core::History::RequestHistory(Core::History::RequestHistory::defaultPath(), {},
                                                      Core::History::RequestHistory::Loading::InBackground, this);
    m_historyPanel = new HistoryPanel(history, m_historyDock);
    m_historyDock->setWidget(m_historyPanel);
    addDockWidget(Qt::RightDockWidgetArea, m_historyDock);
    tabifyDockWidget(m_emulatorDock, m_historyDock);
    m_emulatorDock->raise();
    connect(m_requestBuilder, &RequestBuilderWidget::exchangeFinished, m_historyPanel,
            &HistoryPanel::record);
    connect(m_historyPanel, &HistoryPanel::openRequested, this,
            [this](const Core::History::HistoryEntry &entry) {
                m_requestBuilder->newRequestTab(entry.request, {}, entry.answer());
                m_tools->setCurrentWidget(m_requestBuilder);
            });
}

void MainWindow::createCollectionsDock()
{
    m_collectionsDock = new QDockWidget(tr("Collections"), this);
    m_collectionsDock->setObjectName(QStringLiteral("collectionsDock"));
    m_collectionsDock->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    m_collectionsPanel = new CollectionsPanel(m_collectionsDock);
    m_collectionsDock->setWidget(m_collectionsPanel);
    addDockWidget(Qt::LeftDockWidgetArea, m_collectionsDock);
    resizeDocks({m_collectionsDock}, {280}, Qt::Horizontal);
    // Hidden until a collection is opened (or View › Collections), so the window keeps the size
    // a person gave it; the saved layout then remembers the choice.
    m_collectionsDock->hide();
    connect(m_collectionsPanel->model(), &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent) {
        if (!parent.isValid())
            m_collectionsDock->show();
    });
    m_requestBuilder->setCollectionLink(m_collectionsPanel);
    connect(m_collectionsPanel, &CollectionsPanel::requestActivated, this,
            [this](const Core::Collection::RequestLocation &location, const Core::Collection::CollectionRequest &request) {
                m_requestBuilder->openCollectionRequest(location, request);
                m_tools->setCurrentWidget(m_requestBuilder);
            });
    connect(m_collectionsPanel, &CollectionsPanel::itemMoved, m_requestBuilder,
            &RequestBuilderWidget::collectionItemMoved);
    connect(m_collectionsPanel, &CollectionsPanel::collectionChanged, m_requestBuilder,
            &RequestBuilderWidget::collectionChanged);
}

ImportDialog *MainWindow::showImportDialog(const QString &path)
{
    auto *dialog = new ImportDialog(m_requestBuilder->httpClient(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportDialog::openInTabsRequested, this, [this, dialog](const Core::Import::ImportResult &result) {
        m_requestBuilder->openImported(result, false);
        m_tools->setCurrentWidget(m_requestBuilder);
        dialog->finish({});
    });
    connect(dialog, &ImportDialog::createCollectionRequested, this,
            [this, dialog](const QString &directory, const Core::Import::ImportResult &result) {
                dialog->finish(
                    m_collectionsPanel->createCollection(directory, Core::Collection::collectionFromImport(result)));
            });
    if (!path.isEmpty())
        dialog->readFile(path);
    dialog->open();
    return dialog;
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls() && event->mimeData()->urls().constFirst().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QString path = event->mimeData()->urls().constFirst().toLocalFile();
    // A dropped collection folder opens; a dropped file is imported.
    if (QFileInfo(path).isDir())
        m_collectionsPanel->openCollection(path);
    else
        showImportDialog(path);
    event->acceptProposedAction();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open Collection\u2026"), m_collectionsPanel, &CollectionsPanel::chooseCollectionToOpen);
    QMenu *recent = file->addMenu(tr("Open &Recent"));
    connect(recent, &QMenu::aboutToShow, this, [this, recent] {
        recent->clear();
        for (const QString &directory : CollectionsPanel::recentCollections())
            recent->addAction(QDir::toNativeSeparators(directory), this,
                              [this, directory] { m_collectionsPanel->openCollection(directory); });
        if (recent->isEmpty())
            recent->addAction(tr("No recent collections"))->setEnabled(false);
    });
    file->addAction(tr("&New Collection\u2026"), m_collectionsPanel, &CollectionsPanel::chooseNewCollection);
    file->addAction(m_requestBuilder->saveAction());
    file->addAction(tr("&Import\u2026"), this, [this] { showImportDialog(); });
    // The emulator panel owns the lab chooser; the menu reaches the same folder dialog.
    file->addAction(tr("Open &Lab\u2026"), m_emulatorPanel, &EmulatorPanel::chooseLabFolder);
    file->addSeparator();
    QAction *network = file->addAction(tr("&Network Settings\u2026"), this, &MainWindow::showNetworkSettings);
    network->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undoGroup->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_undoGroup->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *toggleDock = m_emulatorDock->toggleViewAction();
    toggleDock->setText(tr("&Emulator Panel"));
    toggleDock->setIcon(QIcon(QStringLiteral(":/icons/emulator.svg")));
    view->addAction(toggleDock);
    QAction *toggleHistory = m_historyDock->toggleViewAction();
    toggleHistory->setText(tr("&History"));
    view->addAction(toggleHistory);
    QAction *toggleCollections = m_collectionsDock->toggleViewAction();
    toggleCollections->setText(tr("&Collections"));
    view->addAction(toggleCollections);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Gatehouse"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::applyNetworkOptions(const Core::HttpOptions &options)
{
    // The request builder shows the banner and any problem; the Auth tab follows the same options.
    if (const Core::Result<void> applied = m_requestBuilder->setHttpOptions(options); !applied)
        statusBar()->showMessage(tr("Network settings not applied: %1").arg(applied.error().message));
    m_authWorkbench->httpClient()->setOptions(m_requestBuilder->httpClient()->options());
}

void MainWindow::showNetworkSettings()
{
    NetworkSettingsDialog dialog(m_requestBuilder->httpClient()->options(), this);
    connect(&dialog, &NetworkSettingsDialog::clearCookiesRequested, this, [this] {
        m_requestBuilder->httpClient()->clearCookies();
        m_authWorkbench->httpClient()->clearCookies();
    });
    if (dialog.exec() != QDialog::Accepted)
        return;
    NetworkSettingsDialog::save(dialog.options());
    applyNetworkOptions(dialog.options());
}

TokenInspector *MainWindow::tokenInspector() const
{
    return m_authWorkbench->inspector();
}

void MainWindow::showAbout()
{
    auto *box = new QMessageBox(this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("aboutBox"));
    box->setWindowTitle(tr("About Gatehouse"));
    box->setIconPixmap(QIcon(QStringLiteral(":/icons/gatehouse.svg")).pixmap(64, 64));
    box->setText(tr("<b>Gatehouse %1</b>").arg(QStringLiteral(GATEHOUSE_VERSION)));
    box->setInformativeText(tr("A native workbench for serverless APIs, with an embedded emulator "
                               "that speaks the AWS wire protocols on one loopback port."));
    box->setStandardButtons(QMessageBox::Close);
    box->open();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Nothing typed is lost: unsaved request tabs ask first.
    if (!m_requestBuilder->confirmCloseAll()) {
        event->ignore();
        return;
    }
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::restoreLayout()
{
    const Core::Settings settings;
    const QByteArray geometry = settings.value(Core::SettingsKeys::MainWindowGeometry);
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1280, 800);
    const QByteArray state = settings.value(Core::SettingsKeys::MainWindowState);
    if (!state.isEmpty())
        restoreState(state);
}

void MainWindow::saveLayout()
{
    Core::Settings settings;
    settings.setValue(Core::SettingsKeys::MainWindowGeometry, saveGeometry());
    settings.setValue(Core::SettingsKeys::MainWindowState, saveState());
}

} // namespace Gatehouse::Ui
