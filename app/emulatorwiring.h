#pragma once

#include "core/emulator/emulatorhost.h"

#include <QObject>
#include <QStringList>

namespace Gatehouse::Ui {
class MainWindow;
}

namespace Gatehouse::App {

// Joins the GUI to the emulator that runs in-process: the host's signals to the panel and the
// WebSocket console, and a lab chosen in the GUI to a restart of the emulator on that lab. The
// UI library cannot hold it (it does not depend on the emulator), so it lives in the app and is
// compiled into its test.
class EmulatorWiring : public QObject
{
    Q_OBJECT
public:
    // labsFolder: where the bundled labs are (see bundledLabs); empty when there are none.
    EmulatorWiring(Ui::MainWindow *window, Emulator::EmulatorHost *host, const Emulator::EmulatorOptions &options,
                   const QString &labsFolder, QObject *parent = nullptr);

    // Starts the emulator on the options' lab, as at program start.
    void start();
    // Stops the emulator and starts it on another lab folder, on the port the first start
    // chose; on success the lab is remembered for the next start.
    void switchLab(const QString &directory);

    // The lab to start with: the --lab folder when given, else the lab last chosen in the GUI
    // while its template.yaml is still there, else the default (bundled) lab.
    static QString startupLab(const QString &commandLineLab, const QString &defaultLab);
    // Labs shipped with Gatehouse: the folders with a template.yaml in labsFolder
    // (share/gatehouse/labs, or resources/labs in the tree).
    static QStringList bundledLabs(const QString &labsFolder);

private:
    void onStarted(const Core::EmulatorInfo &info);
    void offerLabs();

    Ui::MainWindow *m_window;
    Emulator::EmulatorHost *m_host;
    Emulator::EmulatorOptions m_options;
    QStringList m_bundled;
    bool m_switching = false; // a lab chosen in the GUI is starting: remember it once it runs
};

} // namespace Gatehouse::App
