#pragma once

#include <QtGlobal>

namespace Gatehouse::Emulator {

// The bounds the HTTP front holds every client to, so one bad client cannot exhaust the emulator.
struct HttpServerLimits
{
    // Request line + header block; over it: 431. libhttp-parser itself stops at 80 KiB.
    qsizetype maxHeaderBytes = 64 * 1024;
    qsizetype maxUriBytes = 16 * 1024;      // request-target; over it: 414
    qint64 maxBodyBytes = 16 * 1024 * 1024; // decoded body; over it: 413
    int headerTimeoutMs = 30 * 1000;        // first byte to end of headers; over it: 408
    // Waiting for the next request: closed quietly; a body that stalls this long: 408.
    int idleTimeoutMs = 60 * 1000;
};

} // namespace Gatehouse::Emulator
