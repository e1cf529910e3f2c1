#include "templatenodes.h"

#include "intrinsicevaluator.h"

#include <QCryptographicHash>

namespace Gatehouse::Emulator::TemplateNodes {

QString qstr(const std::string &s)
{
    return QString::fromStdString(s);
}

YAML::Node child(const YAML::Node &map, const char *key)
{
    if (!map.IsDefined() || !map.IsMap())
        return YAML::Node(YAML::NodeType::Undefined);
    const YAML::Node constMap = map;
    // A missing key gives yaml-cpp's "zombie" node, on which IsMap() and friends throw.
    const YAML::Node value = constMap[key];
    return value.IsDefined() ? value : YAML::Node(YAML::NodeType::Undefined);
}

YAML::Node keyNode(const YAML::Node &map, const char *key)
{
    if (map.IsDefined() && map.IsMap()) {
        for (const auto &entry : map) {
            if (entry.first.Scalar() == key)
                return entry.first;
        }
    }
    return map;
}

int editDistance(const QString &a, const QString &b)
{
    QList<int> row(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[j];
            const bool same = a.at(i - 1).toLower() == b.at(j - 1).toLower();
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

QString closestName(const QString &word, const QStringList &candidates)
{
    QString best;
    int bestDistance = std::max<int>(2, int(word.size()) / 3) + 1;
    for (const QString &candidate : candidates) {
        const int d = editDistance(word, candidate);
        if (d < bestDistance) {
            bestDistance = d;
            best = candidate;
        }
    }
    return best;
}

QString suggestion(const QString &word, const QStringList &candidates)
{
    const QString best = closestName(word, candidates);
    return best.isEmpty() ? QString() : QStringLiteral("; did you mean %1?").arg(best);
}

QString resourceType(const YAML::Node &resource)
{
    const YAML::Node type = child(resource, "Type");
    return type.IsScalar() ? qstr(type.Scalar()) : QString();
}

void forEachResource(const YAML::Node &resources, const QStringList &types, IntrinsicEvaluator *eval,
                     const std::function<void(const QString &type, const QString &id, const YAML::Node &key,
                                              const YAML::Node &props)> &read)
{
    for (const QString &wanted : types) {
        for (const auto &entry : resources) {
            if (resourceType(entry.second) != wanted || !entry.second.IsMap())
                continue;
            const QString id = qstr(entry.first.Scalar());
            const YAML::Node props = child(entry.second, "Properties");
            if (!props.IsMap()) {
                eval->error(entry.first, QStringLiteral("Resources.%1.Properties").arg(id),
                            QStringLiteral("%1 needs Properties").arg(wanted));
                continue;
            }
            read(wanted, id, entry.first, props);
        }
    }
}

QString stableId(const QString &seed, int length)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    const QByteArray digest = QCryptographicHash::hash(seed.toUtf8(), QCryptographicHash::Sha256);
    QString id;
    for (int i = 0; i < length; ++i)
        id += QLatin1Char(alphabet[quint8(digest.at(i % digest.size())) % 36]);
    return id;
}

QString refTarget(const YAML::Node &node)
{
    if (node.Tag() == "!Ref" && node.IsScalar())
        return qstr(node.Scalar());
    if (node.IsMap() && node.size() == 1 && node.begin()->first.Scalar() == "Ref" && node.begin()->second.IsScalar())
        return qstr(node.begin()->second.Scalar());
    return {};
}

bool hasImplicitApiEvent(const YAML::Node &resource)
{
    const YAML::Node events = child(child(resource, "Properties"), "Events");
    if (!events.IsMap())
        return false;
    for (const auto &event : events) {
        if (child(event.second, "Type").IsScalar() && child(event.second, "Type").Scalar() == "HttpApi"
            && !child(child(event.second, "Properties"), "ApiId").IsDefined())
            return true;
    }
    return false;
}

QStringList functionProperties()
{
    return {
        QStringLiteral("FunctionName"), QStringLiteral("Handler"), QStringLiteral("Runtime"),
        QStringLiteral("CodeUri"), QStringLiteral("Timeout"), QStringLiteral("MemorySize"),
        QStringLiteral("Environment"), QStringLiteral("Architectures"), QStringLiteral("Description"),
        QStringLiteral("Events"), QStringLiteral("ReservedConcurrentExecutions")};
}

QStringList functionPropertiesWithoutLocalEffect()
{
    return {
        QStringLiteral("Tags"), QStringLiteral("Policies"), QStringLiteral("Role"), QStringLiteral("RolePath"),
        QStringLiteral("Layers"), QStringLiteral("Tracing"), QStringLiteral("AutoPublishAlias"),
        QStringLiteral("AutoPublishAliasAllProperties"), QStringLiteral("AutoPublishCodeSha256"),
        QStringLiteral("VersionDescription"),
        QStringLiteral("ProvisionedConcurrencyConfig"), QStringLiteral("DeploymentPreference"),
        QStringLiteral("VpcConfig"), QStringLiteral("PermissionsBoundary"), QStringLiteral("KmsKeyArn"),
        QStringLiteral("LoggingConfig"), QStringLiteral("EphemeralStorage"), QStringLiteral("PropagateTags"),
        QStringLiteral("AssumeRolePolicyDocument"), QStringLiteral("CodeSigningConfigArn"),
        QStringLiteral("DeadLetterQueue"), QStringLiteral("EventInvokeConfig"), QStringLiteral("RecursiveLoop"),
        QStringLiteral("RuntimeManagementConfig"), QStringLiteral("SnapStartConfig"),
        QStringLiteral("SourceKMSKeyArn")};
}

QStringList functionPropertiesNotEmulated()
{
    return {
        QStringLiteral("InlineCode"), QStringLiteral("ImageUri"), QStringLiteral("ImageConfig"),
        QStringLiteral("PackageType"), QStringLiteral("FunctionUrlConfig"), QStringLiteral("FileSystemConfigs")};
}

QStringList resourceTypesWithoutLocalEffect()
{
    return {QStringLiteral("AWS::IAM::Role"), QStringLiteral("AWS::IAM::Policy"),
            QStringLiteral("AWS::IAM::ManagedPolicy"), QStringLiteral("AWS::Logs::LogGroup"),
            QStringLiteral("AWS::Lambda::Permission")};
}

QStringList samResourceTypes()
{
    return {QStringLiteral("AWS::Serverless::Function"), QStringLiteral("AWS::Serverless::HttpApi"),
            QStringLiteral("AWS::Serverless::Api"), QStringLiteral("AWS::Serverless::SimpleTable"),
            QStringLiteral("AWS::Serverless::LayerVersion"), QStringLiteral("AWS::Serverless::StateMachine"),
            QStringLiteral("AWS::Serverless::Application"), QStringLiteral("AWS::Serverless::GraphQLApi"),
            QStringLiteral("AWS::Serverless::Connector")};
}

QStringList eventTypesNotEmulated()
{
    return {QStringLiteral("S3"), QStringLiteral("SNS"), QStringLiteral("SQS"),
            QStringLiteral("Kinesis"), QStringLiteral("DynamoDB"), QStringLiteral("Schedule"),
            QStringLiteral("ScheduleV2"), QStringLiteral("CloudWatchEvent"), QStringLiteral("EventBridgeRule"),
            QStringLiteral("CloudWatchLogs"), QStringLiteral("IoTRule"), QStringLiteral("AlexaSkill"),
            QStringLiteral("Cognito"), QStringLiteral("MSK"), QStringLiteral("MQ"),
            QStringLiteral("SelfManagedKafka"), QStringLiteral("DocumentDB")};
}

} // namespace Gatehouse::Emulator::TemplateNodes
