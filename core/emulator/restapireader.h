#pragma once

#include "intrinsicevaluator.h"
#include "labdefinition.h"

#include <QHash>
#include <QStringList>

#include <yaml-cpp/yaml.h>

#include <optional>

namespace Gatehouse::Emulator {

// Reads a template's REST APIs: AWS::Serverless::Api (StageName, BinaryMediaTypes, Variables,
// Auth.ApiKeyRequired, Auth.UsagePlan), functions' `Api` events (SAM's implicit
// ServerlessRestApi when RestApiId is absent), and the raw AWS::ApiGateway::ApiKey, UsagePlan
// and UsagePlanKey resources, into the lab's REST APIs, API keys and usage plans.
class RestApiReader
{
public:
    static QStringList resourceTypes();
    // SAM's logical id for the API it creates for Api events without RestApiId.
    static QString implicitApiLogicalId() { return QStringLiteral("ServerlessRestApi"); }
    // A lab API key's value: 40 letters and digits, the same on every run, as AWS generates them.
    static QString keyValueFor(const QString &labName, const QString &logicalId);

    RestApiReader(LabDefinition *lab, IntrinsicEvaluator *eval);

    // Globals.Api: what every AWS::Serverless::Api (and the implicit one) takes unless it says
    // otherwise.
    void setGlobals(const YAML::Node &globalApi);
    // Ids for Ref and GetAtt (also `<Api>.Stage`), before any property is read.
    void declare(const YAML::Node &resources);
    // Every AWS::Serverless::Api; before the functions' events, which add methods to them.
    void readApis(const YAML::Node &resources);
    // One `Type: Api` event of a function.
    void readEvent(const QString &functionName, const YAML::Node &keyNode, const YAML::Node &props,
                   const QString &field);
    // API keys, usage plans and their keys, then the plans SAM creates for Auth.UsagePlan.
    void finish(const YAML::Node &resources);

private:
    struct SamUsagePlan
    {
        QString apiLogicalId;
        QString mode;            // PER_API or SHARED
        YAML::Node node;
        QString field;
    };

    static bool typeIs(const YAML::Node &resource, const QString &type);
    // 10 lower-case letters and digits from lab and logical id, what Ref gives (restapireaderplans.cpp).
    static QString keyIdFor(const QString &labName, const QString &logicalId);
    static QString planIdFor(const QString &labName, const QString &logicalId);

    void readApi(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource);
    void readShared(RestApiConfig *api, const YAML::Node &props, const QString &field);
    void readCors(RestApiConfig *api, const YAML::Node &cors, const QString &field);
    std::optional<QString> quoted(const YAML::Node &node, const QString &field);
    YAML::Node setting(const YAML::Node &props, const char *key, const QString &field, QString *used) const;
    void readApiAuth(RestApiConfig *api, const YAML::Node &auth, const QString &resourceField,
                     const YAML::Node &globalAuth);
    void readKey(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource);
    void readPlan(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource);
    void readPlanKey(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource);
    void readLimits(RestUsagePlanConfig *plan, const YAML::Node &props, const QString &field);
    void createSamPlans();
    RestApiConfig *implicitApi(int line);
    RestApiConfig *apiById(const QString &apiId);
    bool checkPath(const QString &path, const YAML::Node &at, const QString &field);
    void checkKeys(const YAML::Node &map, const QString &field, const QStringList &supported,
                   const QStringList &noLocalEffect, const QString &owner);
    std::optional<QString> string(const YAML::Node &node, const QString &field);
    std::optional<bool> boolean(const YAML::Node &node, const QString &field);
    std::optional<double> number(const YAML::Node &node, const QString &field, double min, double max);

    LabDefinition *m_lab;
    IntrinsicEvaluator *m_eval;
    QList<SamUsagePlan> m_samPlans;
    YAML::Node m_globalApi;      // Globals.Api
    bool m_globalAuthChecked = false;
    QHash<QString, QString> m_methodOrigins; // apiId + method + path -> the event that made it
};

} // namespace Gatehouse::Emulator
