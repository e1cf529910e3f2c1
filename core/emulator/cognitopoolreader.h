#pragma once

#include "intrinsicevaluator.h"
#include "labdefinition.h"

#include <QStringList>

#include <yaml-cpp/yaml.h>

#include <optional>

namespace Gatehouse::Emulator {

// Reads a template's AWS::Cognito::UserPool, UserPoolClient, UserPoolGroup and UserPoolUser
// resources into the lab's user pools, with Cognito's limits checked as diagnostics.
class CognitoPoolReader
{
public:
    static QStringList resourceTypes();

    CognitoPoolReader(LabDefinition *lab, IntrinsicEvaluator *eval, const QString &region,
                      const QString &accountId);

    // Pool and client ids for Ref and GetAtt, before any property is read.
    void declare(const YAML::Node &resources);
    // Reads every Cognito resource; pools first, then what belongs to them.
    void read(const YAML::Node &resources);

    static QString poolIdFor(const QString &region, const QString &labName, const QString &logicalId);
    static QString clientIdFor(const QString &labName, const QString &logicalId);
    static QString clientSecretFor(const QString &labName, const QString &logicalId);

private:
    void readPool(const QString &logicalId, const YAML::Node &resource);
    void readClient(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource);
    void readGroup(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource);
    void readResourceServer(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource);
    void readOAuth(CognitoClientConfig *client, const CognitoPoolConfig &pool, const YAML::Node &props,
                   const QString &field);
    void readUser(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource);
    void readPasswordPolicy(CognitoPoolConfig *pool, const YAML::Node &props, const QString &field);
    void readValidity(CognitoClientConfig *client, const YAML::Node &props, const QString &field);
    CognitoPoolConfig *poolOf(const YAML::Node &props, const QString &field, const YAML::Node &at);
    std::optional<QString> string(const YAML::Node &node, const QString &field);
    std::optional<QStringList> stringList(const YAML::Node &node, const QString &field);
    std::optional<qint64> integer(const YAML::Node &node, const QString &field, qint64 min, qint64 max);
    std::optional<bool> boolean(const YAML::Node &node, const QString &field);
    void checkKeys(const YAML::Node &map, const QString &field, const QStringList &supported,
                   const QString &owner);

    LabDefinition *m_lab;
    IntrinsicEvaluator *m_eval;
    QString m_region;
    QString m_accountId;
};

} // namespace Gatehouse::Emulator
