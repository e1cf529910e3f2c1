#pragma once

#include "importresult.h"

#include <QSet>
#include <QString>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

namespace Gatehouse::Core::Import {

// A parsed OpenAPI or Swagger document: local $ref resolution, values as JSON, and example
// bodies from schemas. Only openapiimport.cpp and openapidocument.cpp see yaml-cpp.
class OpenApiDocument
{
public:
    using Json = nlohmann::ordered_json;

    OpenApiDocument(YAML::Node root, QString source, ImportResult *result);

    const YAML::Node &root() const { return m_root; }
    // The node itself, or what its local "$ref" chain points at; undefined (and reported)
    // for external or broken references and loops of references.
    YAML::Node resolve(const YAML::Node &node) const;
    // The value of a node as JSON: plain scalars become numbers, booleans and null as YAML's
    // core schema reads them; quoted scalars stay strings.
    static Json toJson(const YAML::Node &node, int depth = 0);
    // An example value for a schema: its example, default or first enum value, else a
    // skeleton built from type, properties, items, allOf and the first of oneOf/anyOf.
    Json exampleFor(const YAML::Node &schema) const;

    void report(const YAML::Node &at, const QString &message,
                ImportProblem::Severity severity = ImportProblem::Severity::Warning) const;

private:
    YAML::Node pointer(const QString &ref) const;
    Json example(const YAML::Node &schema, QStringList &refs, int depth) const;

    YAML::Node m_root;
    QString m_source;
    ImportResult *m_result;
    mutable QSet<QString> m_reportedRefs;
};

// Safe look-ups: an undefined node when `map` is no map or lacks the key.
YAML::Node yamlChild(const YAML::Node &map, const char *key);
QString yamlText(const YAML::Node &node);

} // namespace Gatehouse::Core::Import
