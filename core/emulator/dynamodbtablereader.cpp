#include "dynamodbtablereader.h"

#include "templatenodes.h"

#include <QRegularExpression>
#include <QSet>

namespace Gatehouse::Emulator {

using namespace TemplateNodes;

namespace {

const QString kTableType = QStringLiteral("AWS::DynamoDB::Table");
const QString kSimpleTableType = QStringLiteral("AWS::Serverless::SimpleTable");
const QStringList kAttributeTypes{QStringLiteral("S"), QStringLiteral("N"), QStringLiteral("B")};

bool typeIs(const YAML::Node &resource, const QString &type)
{
    const YAML::Node node = child(resource, "Type");
    return resource.IsMap() && node.IsScalar() && qstr(node.Scalar()) == type;
}

// Properties that shape billing, backups, encryption, streams or tags on AWS: valid, and with
// nothing to do in memory, so they are accepted without a warning (a lab with a table should
// start clean).
QStringList tablePropertiesWithoutLocalEffect()
{
    return {QStringLiteral("BillingMode"), QStringLiteral("ProvisionedThroughput"), QStringLiteral("OnDemandThroughput"),
            QStringLiteral("WarmThroughput"), QStringLiteral("StreamSpecification"), QStringLiteral("SSESpecification"),
            QStringLiteral("Tags"), QStringLiteral("PointInTimeRecoverySpecification"), QStringLiteral("TableClass"),
            QStringLiteral("DeletionProtectionEnabled"), QStringLiteral("ContributorInsightsSpecification"),
            QStringLiteral("KinesisStreamSpecification"), QStringLiteral("ResourcePolicy"),
            QStringLiteral("TimeToLiveSpecification")};
}

} // namespace

QString DynamoTableReader::tableType()
{
    return kTableType;
}

QString DynamoTableReader::simpleTableType()
{
    return kSimpleTableType;
}

QStringList DynamoTableReader::resourceTypes()
{
    return {kTableType, kSimpleTableType};
}

DynamoTableReader::DynamoTableReader(LabDefinition *lab, IntrinsicEvaluator *eval, const QString &region,
                                     const QString &accountId)
    : m_lab(lab)
    , m_eval(eval)
    , m_region(region)
    , m_accountId(accountId)
{}

QString DynamoTableReader::tableNameFor(const QString &labName, const QString &logicalId)
{
    return labName + QLatin1Char('-') + logicalId + QLatin1Char('-')
           + stableId(QStringLiteral("dynamodb/%1/%2").arg(labName, logicalId), 12).toUpper();
}

QString DynamoTableReader::name(const QString &logicalId, const YAML::Node &props, const QString &field)
{
    const YAML::Node node = child(props, "TableName");
    if (!node.IsDefined())
        return tableNameFor(m_lab->name, logicalId);
    const std::optional<QString> value = m_eval->evaluate(node, field + QStringLiteral(".TableName"));
    static const QRegularExpression pattern(QStringLiteral("^[a-zA-Z0-9_.-]{3,255}$"));
    if (value && !pattern.match(*value).hasMatch()) {
        m_eval->error(node, field + QStringLiteral(".TableName"),
                      QStringLiteral("a table name has 3 to 255 characters a-z, A-Z, 0-9, '_', '-' and '.', not '%1'").arg(*value));
        return tableNameFor(m_lab->name, logicalId);
    }
    return value.value_or(tableNameFor(m_lab->name, logicalId));
}

void DynamoTableReader::declare(const YAML::Node &resources)
{
    for (const auto &entry : resources) {
        if (!typeIs(entry.second, kTableType) && !typeIs(entry.second, kSimpleTableType))
            continue;
        const QString id = qstr(entry.first.Scalar());
        const QString field = QStringLiteral("Resources.%1.Properties").arg(id);
        const QString tableName = name(id, child(entry.second, "Properties"), field);
        m_names.insert(id, tableName);
        IntrinsicEvaluator::Resource resource;
        resource.type = qstr(child(entry.second, "Type").Scalar());
        resource.refValue = tableName;
        const QString arn = QStringLiteral("arn:aws:dynamodb:%1:%2:table/%3").arg(m_region, m_accountId, tableName);
        resource.attributes.insert(QStringLiteral("Arn"), arn);
        // The stream's label is the time it was enabled on AWS; a fixed one keeps the ARN stable.
        resource.attributes.insert(QStringLiteral("StreamArn"), arn + QStringLiteral("/stream/1970-01-01T00:00:00.000"));
        m_eval->setResource(id, resource);
    }
}

void DynamoTableReader::read(const YAML::Node &resources)
{
    for (const auto &entry : resources) {
        const QString id = qstr(entry.first.Scalar());
        if (typeIs(entry.second, kTableType))
            readTable(id, entry.first, entry.second);
        else if (typeIs(entry.second, kSimpleTableType))
            readSimpleTable(id, entry.first, entry.second);
    }
}

void DynamoTableReader::checkKeys(const YAML::Node &map, const QString &field, const QStringList &supported,
                                  const QString &owner)
{
    if (!map.IsMap()) {
        m_eval->error(map, field, QStringLiteral("expected a map of names to values"));
        return;
    }
    for (const auto &entry : map) {
        const QString key = qstr(entry.first.Scalar());
        if (supported.contains(key))
            continue;
        if (key == QLatin1String("ImportSourceSpecification")) {
            m_eval->error(entry.first, field + QLatin1Char('.') + key,
                          QStringLiteral("ImportSourceSpecification is not supported by Gatehouse: the emulator cannot "
                                         "read S3; put the items with PutItem or BatchWriteItem instead"));
            continue;
        }
        m_eval->error(entry.first, field + QLatin1Char('.') + key,
                      QStringLiteral("unknown property of %1").arg(owner) + suggestion(key, supported));
    }
}

bool DynamoTableReader::readKeySchema(const YAML::Node &schema, const QString &field, QString *hash, QString *range)
{
    if (!schema.IsSequence() || schema.size() < 1 || schema.size() > 2) {
        m_eval->error(schema, field, QStringLiteral("KeySchema is a list of one HASH key and at most one RANGE key"));
        return false;
    }
    int i = 0;
    for (const auto &element : schema) {
        const QString at = field + QStringLiteral("[%1]").arg(i++);
        checkKeys(element, at, {QStringLiteral("AttributeName"), QStringLiteral("KeyType")}, QStringLiteral("a KeySchema element"));
        const std::optional<QString> name = m_eval->evaluate(child(element, "AttributeName"), at + QStringLiteral(".AttributeName"));
        const std::optional<QString> type = m_eval->evaluate(child(element, "KeyType"), at + QStringLiteral(".KeyType"));
        if (!name || !type)
            return false;
        QString *target = *type == QLatin1String("HASH") ? hash : (*type == QLatin1String("RANGE") ? range : nullptr);
        if (!target) {
            m_eval->error(child(element, "KeyType"), at + QStringLiteral(".KeyType"),
                          QStringLiteral("KeyType is HASH or RANGE, not %1").arg(*type));
            return false;
        }
        if (!target->isEmpty() || (target == range && i == 1)) {
            m_eval->error(element, at, QStringLiteral("a KeySchema has its HASH key first and at most one RANGE key after it"));
            return false;
        }
        *target = *name;
    }
    if (hash->isEmpty()) {
        m_eval->error(schema, field, QStringLiteral("KeySchema needs a HASH key"));
        return false;
    }
    return true;
}

void DynamoTableReader::readTable(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    const YAML::Node props = child(resource, "Properties");
    if (!props.IsMap()) {
        m_eval->error(keyNode, field, QStringLiteral("an AWS::DynamoDB::Table needs Properties with KeySchema and AttributeDefinitions"));
        return;
    }
    checkKeys(props, field,
              QStringList{QStringLiteral("TableName"), QStringLiteral("KeySchema"), QStringLiteral("AttributeDefinitions"),
                          QStringLiteral("GlobalSecondaryIndexes"), QStringLiteral("LocalSecondaryIndexes")}
                  + tablePropertiesWithoutLocalEffect(),
              kTableType);
    DynamoTableConfig table;
    table.logicalId = logicalId;
    table.tableName = m_names.value(logicalId, tableNameFor(m_lab->name, logicalId));
    table.templateLine = int(keyNode.Mark().line) + 1;

    QHash<QString, QString> types; // AttributeDefinitions
    const YAML::Node defs = child(props, "AttributeDefinitions");
    if (!defs.IsSequence() || defs.size() == 0) {
        m_eval->error(defs.IsDefined() ? defs : keyNode, field + QStringLiteral(".AttributeDefinitions"),
                      QStringLiteral("AttributeDefinitions lists each key attribute with its AttributeType (S, N or B)"));
        return;
    }
    int i = 0;
    for (const auto &def : defs) {
        const QString at = field + QStringLiteral(".AttributeDefinitions[%1]").arg(i++);
        checkKeys(def, at, {QStringLiteral("AttributeName"), QStringLiteral("AttributeType")}, QStringLiteral("an attribute definition"));
        const auto name = m_eval->evaluate(child(def, "AttributeName"), at + QStringLiteral(".AttributeName"));
        const auto type = m_eval->evaluate(child(def, "AttributeType"), at + QStringLiteral(".AttributeType"));
        if (!name || !type)
            return;
        if (!kAttributeTypes.contains(*type)) {
            m_eval->error(child(def, "AttributeType"), at + QStringLiteral(".AttributeType"),
                          QStringLiteral("AttributeType is S, N or B, not %1").arg(*type) + suggestion(*type, kAttributeTypes));
            return;
        }
        if (types.contains(*name)) {
            m_eval->error(def, at, QStringLiteral("the attribute %1 is defined twice").arg(*name));
            return;
        }
        types.insert(*name, *type);
    }
    const QString schemaField = field + QStringLiteral(".KeySchema");
    if (!readKeySchema(child(props, "KeySchema"), schemaField, &table.hashKey, &table.rangeKey))
        return;
    QSet<QString> used;
    for (const QString &key : {table.hashKey, table.rangeKey}) {
        if (key.isEmpty())
            continue;
        if (!types.contains(key)) {
            m_eval->error(child(props, "KeySchema"), schemaField,
                          QStringLiteral("the key attribute %1 is not in AttributeDefinitions: add {AttributeName: %1, "
                                         "AttributeType: S|N|B} there").arg(key));
            return;
        }
        used.insert(key);
    }
    table.hashType = types.value(table.hashKey);
    table.rangeType = table.rangeKey.isEmpty() ? QStringLiteral("S") : types.value(table.rangeKey);
    const int before = int(m_lab->diagnostics.size());
    readIndexes(&table, child(props, "GlobalSecondaryIndexes"), field + QStringLiteral(".GlobalSecondaryIndexes"), true, types);
    readIndexes(&table, child(props, "LocalSecondaryIndexes"), field + QStringLiteral(".LocalSecondaryIndexes"), false, types);
    if (int(m_lab->diagnostics.size()) != before)
        return;
    for (const DynamoTableConfig::Index &index : std::as_const(table.indexes)) {
        used.insert(index.hashKey);
        if (!index.rangeKey.isEmpty())
            used.insert(index.rangeKey);
    }
    // CreateTable refuses definitions no key uses, so the template would not deploy.
    for (auto it = types.constBegin(); it != types.constEnd(); ++it) {
        if (!used.contains(it.key())) {
            m_eval->error(defs, field + QStringLiteral(".AttributeDefinitions"),
                          QStringLiteral("%1 is defined but is no key of the table or of an index; DynamoDB refuses "
                                         "AttributeDefinitions beyond the keys (other attributes need no definition)")
                              .arg(it.key()));
            return;
        }
    }
    m_lab->dynamoTables.append(table);
}

void DynamoTableReader::readIndexes(DynamoTableConfig *table, const YAML::Node &list, const QString &field, bool global,
                                    const QHash<QString, QString> &types)
{
    if (!list.IsDefined())
        return;
    if (!list.IsSequence()) {
        m_eval->error(list, field, QStringLiteral("expected a list of indexes"));
        return;
    }
    int i = 0;
    for (const auto &node : list) {
        const QString at = field + QStringLiteral("[%1]").arg(i++);
        checkKeys(node, at,
                  {QStringLiteral("IndexName"), QStringLiteral("KeySchema"), QStringLiteral("Projection"),
                   QStringLiteral("ProvisionedThroughput"), QStringLiteral("OnDemandThroughput"),
                   QStringLiteral("WarmThroughput"), QStringLiteral("ContributorInsightsSpecification")},
                  global ? QStringLiteral("a global secondary index") : QStringLiteral("a local secondary index"));
        DynamoTableConfig::Index index;
        index.global = global;
        const auto name = m_eval->evaluate(child(node, "IndexName"), at + QStringLiteral(".IndexName"));
        if (!name || !readKeySchema(child(node, "KeySchema"), at + QStringLiteral(".KeySchema"), &index.hashKey, &index.rangeKey))
            return;
        index.name = *name;
        for (const DynamoTableConfig::Index &other : std::as_const(table->indexes)) {
            if (other.name == index.name) {
                m_eval->error(child(node, "IndexName"), at + QStringLiteral(".IndexName"),
                              QStringLiteral("two indexes are named %1").arg(index.name));
                return;
            }
        }
        for (const QString &key : {index.hashKey, index.rangeKey}) {
            if (!key.isEmpty() && !types.contains(key)) {
                m_eval->error(child(node, "KeySchema"), at + QStringLiteral(".KeySchema"),
                              QStringLiteral("the index key attribute %1 is not in AttributeDefinitions").arg(key));
                return;
            }
        }
        if (!global && (index.hashKey != table->hashKey || index.rangeKey.isEmpty() || table->rangeKey.isEmpty())) {
            m_eval->error(child(node, "KeySchema"), at + QStringLiteral(".KeySchema"),
                          QStringLiteral("a local secondary index has the table's HASH key (%1) and its own RANGE key, "
                                         "on a table that has a RANGE key").arg(table->hashKey));
            return;
        }
        index.hashType = types.value(index.hashKey);
        index.rangeType = index.rangeKey.isEmpty() ? QStringLiteral("S") : types.value(index.rangeKey);
        const YAML::Node projection = child(node, "Projection");
        const QString pf = at + QStringLiteral(".Projection");
        if (!projection.IsMap()) {
            m_eval->error(projection.IsDefined() ? projection : node, pf,
                          QStringLiteral("an index needs Projection: {ProjectionType: ALL | KEYS_ONLY | INCLUDE}"));
            return;
        }
        checkKeys(projection, pf, {QStringLiteral("ProjectionType"), QStringLiteral("NonKeyAttributes")}, QStringLiteral("a Projection"));
        const QStringList projectionTypes{QStringLiteral("ALL"), QStringLiteral("KEYS_ONLY"), QStringLiteral("INCLUDE")};
        const auto type = m_eval->evaluate(child(projection, "ProjectionType"), pf + QStringLiteral(".ProjectionType"));
        if (!type)
            return;
        if (!projectionTypes.contains(*type)) {
            m_eval->error(child(projection, "ProjectionType"), pf + QStringLiteral(".ProjectionType"),
                          QStringLiteral("ProjectionType is ALL, KEYS_ONLY or INCLUDE, not %1").arg(*type)
                              + suggestion(*type, projectionTypes));
            return;
        }
        index.projectionType = *type;
        const YAML::Node attrs = child(projection, "NonKeyAttributes");
        if (attrs.IsDefined() != (*type == QLatin1String("INCLUDE"))) {
            m_eval->error(attrs.IsDefined() ? attrs : projection, pf + QStringLiteral(".NonKeyAttributes"),
                          QStringLiteral("NonKeyAttributes goes with ProjectionType INCLUDE, and only with it"));
            return;
        }
        if (attrs.IsSequence()) {
            int k = 0;
            for (const auto &a : attrs)
                if (const auto v = m_eval->evaluate(a, pf + QStringLiteral(".NonKeyAttributes[%1]").arg(k++)))
                    index.nonKeyAttributes.append(*v);
        }
        table->indexes.append(index);
    }
}

void DynamoTableReader::readSimpleTable(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    DynamoTableConfig table;
    table.logicalId = logicalId;
    table.tableName = m_names.value(logicalId, tableNameFor(m_lab->name, logicalId));
    table.templateLine = int(keyNode.Mark().line) + 1;
    table.hashKey = QStringLiteral("id"); // SAM's default primary key: id, a String
    const YAML::Node props = child(resource, "Properties");
    if (props.IsDefined()) {
        checkKeys(props, field,
                  {QStringLiteral("PrimaryKey"), QStringLiteral("TableName"), QStringLiteral("ProvisionedThroughput"),
                   QStringLiteral("SSESpecification"), QStringLiteral("Tags"), QStringLiteral("PointInTimeRecoverySpecification")},
                  kSimpleTableType);
        if (const YAML::Node key = child(props, "PrimaryKey"); key.IsDefined()) {
            const QString kf = field + QStringLiteral(".PrimaryKey");
            checkKeys(key, kf, {QStringLiteral("Name"), QStringLiteral("Type")}, QStringLiteral("a PrimaryKey"));
            const auto name = m_eval->evaluate(child(key, "Name"), kf + QStringLiteral(".Name"));
            const auto type = m_eval->evaluate(child(key, "Type"), kf + QStringLiteral(".Type"));
            if (!name || !type)
                return;
            const QStringList types{QStringLiteral("String"), QStringLiteral("Number"), QStringLiteral("Binary")};
            if (!types.contains(*type)) {
                m_eval->error(child(key, "Type"), kf + QStringLiteral(".Type"),
                              QStringLiteral("PrimaryKey Type is String, Number or Binary, not %1").arg(*type)
                                  + suggestion(*type, types));
                return;
            }
            table.hashKey = *name;
            table.hashType = type->left(1);
        }
    }
    m_lab->dynamoTables.append(table);
}

} // namespace Gatehouse::Emulator
