#pragma once

// Lambda's REST-JSON on the wire, shared by LambdaControlPlane's translation units: answers and
// errors as Lambda words them, request bodies, and a version's FunctionConfiguration.
#include "core/httpmessage.h"
#include "lambdaregistry.h"

#include <QByteArray>
#include <QString>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace Gatehouse::Emulator::LambdaWire {

using Json = nlohmann::ordered_json;

Core::HttpResponse jsonAnswer(int status, const Json &doc);
Core::HttpResponse errorAnswer(const Core::Error &error);
// 400 InvalidParameterValueException with this message.
Core::HttpResponse invalid(const QString &message);
// 400 ValidationException: "1 validation error detected: " and the message.
Core::HttpResponse validation(const QString &message);

inline std::string str(const QString &text)
{
    return text.toStdString();
}

// An empty body is {}; nullopt for anything but a JSON object.
std::optional<Json> parseBody(const QByteArray &body);
// The member's text; empty when it is missing or not text.
QString textMember(const Json &doc, const char *key);
Json configurationJson(const LambdaRegistry &registry, const LambdaVersion &v, bool qualifiedArn);

} // namespace Gatehouse::Emulator::LambdaWire
