#pragma once

#include "intrinsicevaluator.h"
#include "labdefinition.h"

#include <QHash>
#include <QSet>
#include <QStringList>
#include <optional>
#include <yaml-cpp/yaml.h>

namespace Gatehouse::Emulator {

// Reads a template's AWS::Cognito::IdentityPool and IdentityPoolRoleAttachment resources into
// the lab's identity pools, and gives AWS::IAM::Role resources the Ref and GetAtt values
// (name, Arn, RoleId) an attachment names them by. Providers must be app clients of this
// lab's user pools, since the emulator can check no other tokens.
class CognitoIdentityPoolReader
{
public:
    static QString identityPoolType();
    static QString roleAttachmentType();
    // The types this reader reads: both Cognito types and AWS::IAM::Role, which it warns about
    // only when no role attachment names it (then it has no effect in the emulator).
    static QStringList resourceTypes();

    CognitoIdentityPoolReader(LabDefinition *lab, IntrinsicEvaluator *eval, const QString &region,
                              const QString &accountId);

    // Identity pool ids and role ARNs for Ref and GetAtt, after the user pools are declared.
    void declare(const YAML::Node &resources);
    // Reads identity pools, then their role attachments; user pools must be read already.
    void read(const YAML::Node &resources);

    // <region>:<GUID>, a name-based (SHA-1) UUID of the lab and logical ids.
    static QString identityPoolIdFor(const QString &region, const QString &labName,
                                     const QString &logicalId);
    // What CloudFormation names a role without RoleName: <stack>-<logicalId>-<12 characters>.
    static QString roleNameFor(const QString &labName, const QString &logicalId);

private:
    void declareRole(const QString &logicalId, const YAML::Node &resource);
    void readPool(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource);
    void readProviders(CognitoIdentityPoolConfig *pool, const YAML::Node &list,
                       const QString &field);
    void readAttachment(const QString &logicalId, const YAML::Node &keyNode,
                        const YAML::Node &resource);
    void warnUnusedRoles(const YAML::Node &resources);
    std::optional<bool> boolean(const YAML::Node &node, const QString &field);
    void checkKeys(const YAML::Node &map, const QString &field, const QStringList &supported,
                   const QStringList &noLocalEffect, const QString &owner);

    LabDefinition *m_lab;
    IntrinsicEvaluator *m_eval;
    QString m_region;
    QString m_accountId;
    QHash<QString, QString> m_roleArns; // role logical id -> ARN
    QSet<QString> m_usedRoleArns;       // ARNs a role attachment names
};

} // namespace Gatehouse::Emulator
