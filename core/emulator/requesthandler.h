#pragma once

#include "httpresponder.h"

namespace Gatehouse::Emulator {

// What the HTTP front hands every complete request to. The handler answers through the
// responder, at once or later; it must never block.
class RequestHandler
{
public:
    virtual ~RequestHandler() = default;
    virtual void handleRequest(const Core::HttpRequest &request, HttpResponder responder) = 0;
};

} // namespace Gatehouse::Emulator
