#pragma once

#include <QByteArray>
#include <QString>
#include <QVariantList>

#include <optional>
#include <utility>

namespace Gatehouse::Core::GraphQL {

// Where an error's path points in a response as the result view shows it, so clicking an error
// can select the value it is about. Works on the text (any indentation), not on a parsed tree,
// because the view shows the server's bytes with their key order and number text.

// "getDestination.activities[2].name" (ResponseError::path) as segments: QString keys and
// int indexes. Empty for an empty or malformed path.
QVariantList parseResponsePath(const QString &path);

// The byte range [first, second) of the value that `segments` leads to from the top of `json`
// (for an error's path, start the segments with "data"); nullopt when the text has no such
// value (the path goes through a null, a missing key or an index past the end) or is not JSON.
std::optional<std::pair<qsizetype, qsizetype>> locateJsonValue(const QByteArray &json,
                                                              const QVariantList &segments);

} // namespace Gatehouse::Core::GraphQL
