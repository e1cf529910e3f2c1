#pragma once

// The GUI with its embedded emulator wired as `gatehouse` wires them (app/emulatorwiring.cpp,
// compiled into the test), on a port the system picks. Not started on construction, so that a
// test can connect its spies first; startAndWait() then waits as a person would, for the
// panel to say the emulator runs.
#include "app/emulatorwiring.h"
#include "core/emulator/emulatorhost.h"
#include "ui/emulator/emulatorpanel.h"
#include "ui/mainwindow.h"

#include <QString>
#include <QTest>

namespace GatehouseTest {

class GuiEmulator
{
public:
    // labsFolder: the folder of labs the panel's chooser offers (empty: none).
    explicit GuiEmulator(const QString &lab, const QString &labsFolder = QString())
        : m_wiring(&window, &host, options(lab), labsFolder)
    {
    }

    Gatehouse::Ui::EmulatorPanel *panel() const { return window.emulatorPanel(); }

    // True once the panel says Running; false when 30 s pass first (a lab that fails to load
    // says so in panel()->stateText(), which a caller shows in its failure message).
    [[nodiscard]] bool startAndWait()
    {
        m_wiring.start();
        return QTest::qWaitFor([this] { return panel()->stateText().startsWith(QStringLiteral("Running")); }, 30000);
    }

    Gatehouse::Ui::MainWindow window;
    Gatehouse::Emulator::EmulatorHost host;

private:
    static Gatehouse::Emulator::EmulatorOptions options(const QString &lab)
    {
        Gatehouse::Emulator::EmulatorOptions o;
        o.port = 0;
        o.labDirectory = lab;
        return o;
    }

    Gatehouse::App::EmulatorWiring m_wiring; // after window and host, which it refers to
};

} // namespace GatehouseTest
