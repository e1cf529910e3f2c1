#pragma once

#include "httpclient.h"
#include "result.h"
#include "variables.h"

#include <QList>
#include <QString>

namespace Gatehouse::Core {

struct HeaderEntry
{
    bool enabled = true;
    QString name;
    QString value;

    bool operator==(const HeaderEntry &other) const = default;
};

enum class BodyKind { None, Json, Text };

// The request document a person edits: text with {{variables}}, turned into bytes only to send.
struct RequestSpec
{
    QString method = QStringLiteral("GET");
    QString url;
    QList<HeaderEntry> headers;
    QString body;
    BodyKind bodyKind = BodyKind::None;
    int timeoutMs = 30000;
    bool followRedirects = false;

    // Substitutes variables everywhere, checks method and URL, and adds Content-Type for a
    // JSON or text body when no enabled header sets one.
    Result<HttpClientRequest> toClientRequest(const Environment &environment) const;
    // Every {{name}} that the environment lacks, across method, URL, headers and body.
    QStringList unresolvedVariables(const Environment &environment) const;
};

// Checks URL text that has no {{variables}} left.
Result<QUrl> parseRequestUrl(const QString &text);

} // namespace Gatehouse::Core
