#pragma once

#include "cognitopoolreader.h"
#include "intrinsicevaluator.h"
#include "labdefinition.h"
#include "lambdaversionreader.h"

#include <QHash>
#include <QSet>
#include <QStringList>

#include <yaml-cpp/yaml.h>

namespace Gatehouse::Emulator {

// Walks a parsed SAM template and fills a LabDefinition, naming every field it cannot use.
class TemplateReader
{
public:
    TemplateReader(LabDefinition *lab, const QString &region, const QString &accountId);

    void read(const YAML::Node &root);

private:
    struct KeyRules
    {
        QStringList supported;
        QStringList noLocalEffect;   // accepted with a warning
        QStringList unsupported;     // valid SAM/CloudFormation, but not emulated: errors
        QString owner;               // "AWS::Serverless::Function", for the message
    };

    void checkKeys(const YAML::Node &map, const QString &field, const KeyRules &rules);
    bool expectMap(const YAML::Node &node, const QString &field);
    void readTransform(const YAML::Node &node);
    void readGlobals(const YAML::Node &globals);
    void readParameters(const YAML::Node &node);
    void declareResources(const YAML::Node &resources);
    void readResources(const YAML::Node &resources);
    void readHttpApi(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource);
    void readFunction(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource);
    void readFunctionCode(FunctionConfig *function, const YAML::Node &props, const QString &field);
    void readFunctionLimits(FunctionConfig *function, const YAML::Node &props, const QString &field);
    void readEnvironment(FunctionConfig *function, const YAML::Node &props, const QString &field);
    void readEvents(const FunctionConfig &function, const YAML::Node &events, const QString &field);
    void readHttpApiEvent(const FunctionConfig &function, const YAML::Node &keyNode,
                          const YAML::Node &props, const QString &field);
    bool readRouteKey(const YAML::Node &props, const QString &field, HttpRouteConfig *route);
    bool checkPayloadFormat(const YAML::Node &props, const QString &field);
    void addRoute(HttpApiConfig *api, const HttpRouteConfig &route, const YAML::Node &at,
                  const QString &field);
    void readOutputs(const YAML::Node &outputs);

    // A function setting from its Properties, else from Globals.Function; null when absent.
    YAML::Node setting(const YAML::Node &props, const char *key, QString *field) const;
    std::optional<int> readInt(const YAML::Node &node, const QString &field, int min, int max);
    HttpApiConfig *implicitApi(int line);
    QString functionName(const QString &logicalId, const YAML::Node &resource);

    LabDefinition *m_lab;
    IntrinsicEvaluator m_eval;
    QString m_region;
    QString m_accountId;
    LambdaVersionReader m_versionReader;
    CognitoPoolReader m_cognitoReader;
    YAML::Node m_globalFunction;
    QHash<QString, QString> m_functionNames;           // logical id -> function name
    QHash<QString, QString> m_routeOrigins;            // apiId + route key -> field that made it
    QSet<QString> m_misspelled;                         // fields a reported typo was meant to be
};

} // namespace Gatehouse::Emulator
