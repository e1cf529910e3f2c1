#pragma once

#include "intrinsicevaluator.h"
#include "labdefinition.h"

#include <QHash>
#include <QStringList>

#include <yaml-cpp/yaml.h>

namespace Gatehouse::Emulator {

// Reads a template's AWS::Lambda::Version and AWS::Lambda::Alias resources, numbering versions
// per function in template order, with Lambda's routing rules checked as diagnostics.
class LambdaVersionReader
{
public:
    static QString versionType() { return QStringLiteral("AWS::Lambda::Version"); }
    static QString aliasType() { return QStringLiteral("AWS::Lambda::Alias"); }

    LambdaVersionReader(LabDefinition *lab, IntrinsicEvaluator *eval, const QString &region,
                        const QString &accountId);

    // Declares versions and aliases to the evaluator (Ref, GetAtt .Version, .AliasArn) once the
    // functions are declared; `functionNames` maps logical ids to function names.
    void declare(const YAML::Node &resources, const QHash<QString, QString> &functionNames);
    // Adds the declared versions and aliases to the lab, after its functions are read.
    void finish();

private:
    void declareVersion(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource);
    void declareAlias(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource);
    QString readFunctionName(const YAML::Node &props, const QString &field, const YAML::Node &at);
    QString readVersionCode(const YAML::Node &resource, const QString &field);
    bool checkAlias(const YAML::Node &props, const QString &field, const LabAliasConfig &alias);
    bool readRouting(const YAML::Node &routing, const QString &field, LabAliasConfig *alias);
    bool knownVersion(const QString &functionName, const QString &version) const;
    void checkKeys(const YAML::Node &map, const QString &field, const QStringList &supported,
                   const QStringList &noLocalEffect, const QString &owner);
    QString arn(const QString &functionName, const QString &qualifier) const;

    LabDefinition *m_lab;
    IntrinsicEvaluator *m_eval;
    QString m_region;
    QString m_accountId;
    QStringList m_functionNames;
    QHash<QString, int> m_lastNumber;          // function name -> last version number
    QList<LabVersionConfig> m_versions;
    QList<LabAliasConfig> m_aliases;
};

} // namespace Gatehouse::Emulator
