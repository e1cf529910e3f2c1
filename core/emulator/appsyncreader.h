#pragma once

#include "intrinsicevaluator.h"
#include "labdefinition.h"

#include <QStringList>
#include <yaml-cpp/yaml.h>

namespace Gatehouse::Emulator {

// Reads a template's AppSync APIs: AWS::AppSync::GraphQLApi (default and additional auth
// providers), GraphQLSchema (Definition, or DefinitionS3Location as a path beside the
// template), ApiKey, DataSource (AWS_LAMBDA, AMAZON_DYNAMODB on a lab table, NONE),
// FunctionConfiguration, and UNIT or PIPELINE Resolver resources that name the API by ApiId, with
// their VTL mapping templates (inline or a file beside the template) parsed here, so a broken
// template is a template error at load with its line:column. Whatever the emulator cannot run
// (APPSYNC_JS, other data source types, caller credentials, versioned tables) is an error naming
// the resource, so a lab never half-works.
class AppSyncReader
{
public:
    static QStringList resourceTypes();

    AppSyncReader(LabDefinition *lab, IntrinsicEvaluator *eval);

    void declare(const YAML::Node &resources);
    void read(const YAML::Node &resources);

    // 26 lower-case alphanumerics like AppSync's, the same for a lab and logical id on every run.
    static QString apiIdFor(const QString &labName, const QString &logicalId);
    // "arn:...:function:name[:qualifier]" -> "name[:qualifier]".
    static QString functionFromArn(const QString &arn);
    // A pipeline function's FunctionId, stable the same way.
    static QString functionIdFor(const QString &labName, const QString &logicalId);

private:
    void readApi(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &props);
    void readSchema(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &props);
    void readApiKey(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &props);
    void readDataSource(const QString &logicalId, const YAML::Node &keyNode,
                        const YAML::Node &props);
    void readResolver(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &props);
    bool readDynamoDbConfig(AppSyncDataSource *source, const YAML::Node &keyNode,
                            const YAML::Node &props, const QString &field);
    bool readPipeline(AppSyncResolver *resolver, const AppSyncApiConfig &api,
                      const YAML::Node &props, const QString &field);
    void readFunction(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &props);
    // RequestMappingTemplate / ResponseMappingTemplate (or their S3Location files), parsed; false
    // when one is broken (reported).
    bool readTemplates(AppSyncMappingTemplates *templates, const YAML::Node &props,
                       const QString &field);
    std::optional<Vtl::Template> readTemplate(const YAML::Node &props, const char *inlineKey,
                                              const char *fileKey, const QString &field,
                                              bool *ok);
    // APPSYNC_JS code is refused in words; true when the resource has some.
    bool refuseCode(const YAML::Node &keyNode, const YAML::Node &props, const QString &field);
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
