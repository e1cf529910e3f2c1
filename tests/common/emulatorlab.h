#pragma once

// Starting the embedded emulator with a lab, as most emulator tests do: a free loopback port,
// and on failure nullptr with the reason in the test log (the caller QVERIFYs the pointer).

#include "core/emulator/emulator.h"

#include <QtGlobal>

#include <memory>

namespace Gatehouse::Test {

inline std::unique_ptr<Emulator::Emulator> startLab(const QString &labDirectory,
                                                    Emulator::EmulatorOptions options = {})
{
    options.port = 0;
    options.labDirectory = labDirectory;
    auto emulator = std::make_unique<Emulator::Emulator>(options);
    const auto started = emulator->start();
    if (!started.ok()) {
        qWarning("%s", qPrintable(started.error().message));
        return nullptr;
    }
    return emulator;
}

} // namespace Gatehouse::Test
