#include "emulatorwiring.h"

#include "core/settings.h"
#include "ui/emulator/emulatorpanel.h"
#include "ui/mainwindow.h"
#include "ui/websocket/websocketconsole.h"

#include <QDir>
#include <QFileInfo>

namespace Gatehouse::App {

EmulatorWiring::EmulatorWiring(Ui::MainWindow *window, Emulator::EmulatorHost *host,
                               const Emulator::EmulatorOptions &options, const QString &labsFolder,
                               QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_host(host)
    , m_options(options)
    , m_bundled(bundledLabs(labsFolder))
{
    Ui::EmulatorPanel *panel = window->emulatorPanel();
    connect(host, &Emulator::EmulatorHost::started, this, &EmulatorWiring::onStarted);
    connect(host, &Emulator::EmulatorHost::started, panel, &Ui::EmulatorPanel::setInfo);
    // The emulator's keys go straight to the one consumer that signs calls to it in-process;
    // they never travel inside EmulatorInfo (ARCHITECTURE.md, WebSocket server panel).
    connect(host, &Emulator::EmulatorHost::signingCredentialsChanged, window->webSocketConsole(),
            &Ui::WebSocketConsole::setEmulatorCredentials);
    connect(host, &Emulator::EmulatorHost::failed, this, [this] { m_switching = false; });
    connect(host, &Emulator::EmulatorHost::failed, panel, &Ui::EmulatorPanel::setFailed);
    connect(host, &Emulator::EmulatorHost::stopped, panel, &Ui::EmulatorPanel::setStopped);
    connect(host, &Emulator::EmulatorHost::invocationFinished, panel, &Ui::EmulatorPanel::appendInvocation);
    connect(host, &Emulator::EmulatorHost::tableItemCountChanged, panel, &Ui::EmulatorPanel::setTableItemCount);
    connect(panel, &Ui::EmulatorPanel::labRequested, this, &EmulatorWiring::switchLab);
    offerLabs();
}

void EmulatorWiring::start()
{
    m_window->emulatorPanel()->setStarting();
    m_host->start(m_options);
}

void EmulatorWiring::switchLab(const QString &directory)
{
    m_options.labDirectory = QDir::cleanPath(QFileInfo(directory).absoluteFilePath());
    m_switching = true;
    m_window->emulatorPanel()->setSwitching(m_options.labDirectory);
    // The host deletes the running emulator (workers, connections, the listening socket) before
    // it builds the next one, on its own thread: the port is free again when the new one listens.
    m_host->start(m_options);
}

void EmulatorWiring::onStarted(const Core::EmulatorInfo &info)
{
    // Port 0 at the first start means "any": later labs keep the one it got, so the request
    // builder's and the consoles' URLs stay valid.
    if (m_options.port == 0)
        m_options.port = info.port;
    if (!m_switching || info.labDirectory.isEmpty())
        return;
    m_switching = false;
    Core::Settings settings;
    settings.setValue(Core::SettingsKeys::EmulatorLab, info.labDirectory);
    if (!m_bundled.contains(info.labDirectory)) {
        QStringList recent = settings.value(Core::SettingsKeys::RecentLabs);
        recent.removeAll(info.labDirectory);
        recent.prepend(info.labDirectory);
        while (recent.size() > Core::SettingsKeys::MaximumRecentLabs)
            recent.removeLast();
        settings.setValue(Core::SettingsKeys::RecentLabs, recent);
    }
    offerLabs();
}

void EmulatorWiring::offerLabs()
{
    m_window->emulatorPanel()->setLabChoices(m_bundled, Core::Settings().value(Core::SettingsKeys::RecentLabs));
}

QString EmulatorWiring::startupLab(const QString &commandLineLab, const QString &defaultLab)
{
    if (!commandLineLab.isEmpty())
        return QFileInfo(commandLineLab).absoluteFilePath();
    const QString remembered = Core::Settings().value(Core::SettingsKeys::EmulatorLab);
    if (Ui::EmulatorPanel::isLabFolder(remembered))
        return remembered;
    return defaultLab;
}

QStringList EmulatorWiring::bundledLabs(const QString &labsFolder)
{
    if (labsFolder.isEmpty())
        return {};
    const QDir labs(QDir::cleanPath(QFileInfo(labsFolder).absoluteFilePath()));
    QStringList found;
    for (const QString &name : labs.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString directory = QDir::cleanPath(labs.filePath(name));
        if (Ui::EmulatorPanel::isLabFolder(directory))
            found.append(directory);
    }
    return found;
}

} // namespace Gatehouse::App
