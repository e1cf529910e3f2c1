#pragma once

#include <QString>
#include <QStringList>

#include <yaml-cpp/yaml.h>

#include <functional>
#include <string>

// Small helpers for walking SAM templates with yaml-cpp, shared by the template reader.
namespace Gatehouse::Emulator {
class IntrinsicEvaluator;
}

namespace Gatehouse::Emulator::TemplateNodes {

QString qstr(const std::string &s);
// The value of `key` in `map` without inserting it; undefined when absent or not a map.
YAML::Node child(const YAML::Node &map, const char *key);
// The key node of `key` in `map`, for its position; the map itself when absent.
YAML::Node keyNode(const YAML::Node &map, const char *key);
// Case-insensitive Levenshtein distance.
int editDistance(const QString &a, const QString &b);
// The candidate a misspelt word most likely meant, or an empty string.
QString closestName(const QString &word, const QStringList &candidates);
// "; did you mean X?" for the closest candidate, or an empty string.
QString suggestion(const QString &word, const QStringList &candidates);
// A resource's Type, or an empty string when it has none.
QString resourceType(const YAML::Node &resource);
// Each resource of `types`, all of the first type before the second and so on (readers whose
// resources name one another by id), handed to `read` with its Properties; one without a
// Properties map is reported through `eval` and skipped.
void forEachResource(const YAML::Node &resources, const QStringList &types, IntrinsicEvaluator *eval,
                     const std::function<void(const QString &type, const QString &id, const YAML::Node &key,
                                              const YAML::Node &props)> &read);
// `length` characters of [a-z0-9] derived from `seed`: ids that stay the same across runs of a lab.
QString stableId(const QString &seed, int length);
// The logical id named by a Ref (tag or map form), or an empty string.
QString refTarget(const YAML::Node &node);
// Whether a function resource has an HttpApi event without ApiId (SAM's implicit API).
bool hasImplicitApiEvent(const YAML::Node &resource);

QStringList functionProperties();                   // what the emulator uses
QStringList functionPropertiesWithoutLocalEffect(); // accepted with a warning
QStringList functionPropertiesNotEmulated();        // valid SAM, reported as errors
QStringList resourceTypesWithoutLocalEffect();      // accepted with a warning
QStringList samResourceTypes();                     // every AWS::Serverless type, for suggestions
QStringList eventTypesNotEmulated();                // SAM event types other than HttpApi and Api

} // namespace Gatehouse::Emulator::TemplateNodes
