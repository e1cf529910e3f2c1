#pragma once

#include "intrinsicevaluator.h"
#include "labdefinition.h"

#include <QStringList>
#include <yaml-cpp/yaml.h>

namespace Gatehouse::Emulator {

// Reads a template's AppSync APIs: AWS::AppSync::GraphQLApi (default and additional auth
// providers), GraphQLSchema (Definition, or DefinitionS3Location as a path beside the
// template), ApiKey, DataSource (AWS_LAMBDA, NONE) and UNIT Resolver resources that name the API
// by ApiId. Whatever the emulator cannot run (mapping templates on Lambda resolvers, APPSYNC_JS,
// pipeline resolvers, other data source types) is an error naming the resource, so a lab never
// half-works.
class AppSyncReader
{
public:
    static QStringList resourceTypes();

    AppSyncReader(LabDefinition *lab, IntrinsicEvaluator *eval);

    void declare(const YAML::Node &resources);
    void read(const YAML::Node &resources);

    // 26 lower-case alphanumerics like AppSync's, the same for a lab and logical id on every run.
    static QString apiIdFor(const QString &labName, const QString &logicalId);

private:
    void readApi(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &props);
    void readSchema(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &props);
    void readApiKey(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &props);
    void readDataSource(const QString &logicalId, const YAML::Node &keyNode,
                        const YAML::Node &props);
    void readResolver(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &props);
    void checkSchema(const AppSyncApiConfig &api, const YAML::Node &resource);
    bool readProvider(AppSyncAuthProvider *provider, const YAML::Node &node, const QString &field);
    AppSyncApiConfig *apiFor(const YAML::Node &props, const YAML::Node &keyNode,
                             const QString &field);
    std::optional<QString> string(const YAML::Node &props, const char *key, const QString &field,
                                  bool required);

    LabDefinition *m_lab;
    IntrinsicEvaluator *m_eval;
};

} // namespace Gatehouse::Emulator
