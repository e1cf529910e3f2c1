#pragma once

#include "dynamodbstore.h"
#include "intrinsicevaluator.h"
#include "labdefinition.h"

#include <yaml-cpp/yaml.h>

namespace Gatehouse::Emulator {

// Reads a template's AWS::DynamoDB::Table and AWS::Serverless::SimpleTable resources into the
// lab's tables, checking what DynamoDB's CreateTable would refuse (key schema against
// AttributeDefinitions, index keys, projections), and gives !Ref (the table name) and
// !GetAtt Arn/StreamArn the values CloudFormation gives.
class DynamoTableReader
{
public:
    static QString tableType();
    static QString simpleTableType();
    static QStringList resourceTypes();

    DynamoTableReader(LabDefinition *lab, IntrinsicEvaluator *eval, const QString &region, const QString &accountId);

    void declare(const YAML::Node &resources);
    void read(const YAML::Node &resources);

    // What CloudFormation names a table without TableName: <stack>-<LogicalId>-<12 characters>,
    // the suffix derived from the lab so it stays the same across runs.
    static QString tableNameFor(const QString &labName, const QString &logicalId);

private:
    void readTable(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource);
    void readSimpleTable(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource);
    bool readKeySchema(const YAML::Node &schema, const QString &field, QString *hash, QString *range);
    void readIndexes(DynamoTableConfig *table, const YAML::Node &list, const QString &field, bool global,
                     const QHash<QString, QString> &types);
    QString name(const QString &logicalId, const YAML::Node &props, const QString &field);
    void checkKeys(const YAML::Node &map, const QString &field, const QStringList &supported, const QString &owner);

    LabDefinition *m_lab;
    IntrinsicEvaluator *m_eval;
    QString m_region;
    QString m_accountId;
    QHash<QString, QString> m_names; // logical id -> table name
};

} // namespace Gatehouse::Emulator
