#include "lambdaversionreader.h"

#include "templatenodes.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace Gatehouse::Emulator {

using namespace TemplateNodes;

LambdaVersionReader::LambdaVersionReader(LabDefinition *lab, IntrinsicEvaluator *eval,
                                         const QString &region, const QString &accountId)
    : m_lab(lab), m_eval(eval), m_region(region), m_accountId(accountId)
{
}

QString LambdaVersionReader::arn(const QString &functionName, const QString &qualifier) const
{
    return QStringLiteral("arn:aws:lambda:%1:%2:function:%3:%4").arg(m_region, m_accountId, functionName, qualifier);
}

void LambdaVersionReader::declare(const YAML::Node &resources, const QHash<QString, QString> &functionNames)
{
    m_functionNames = functionNames.values();
    for (const QString &type : {versionType(), aliasType()}) {
        for (const auto &entry : resources) {
            const YAML::Node typeNode = child(entry.second, "Type");
            if (!entry.second.IsMap() || !typeNode.IsScalar() || qstr(typeNode.Scalar()) != type)
                continue;
            const QString id = qstr(entry.first.Scalar());
            if (type == versionType())
                declareVersion(id, entry.first, entry.second);
            else
                declareAlias(id, entry.first, entry.second);
        }
    }
}

void LambdaVersionReader::checkKeys(const YAML::Node &map, const QString &field, const QStringList &supported,
                                    const QStringList &noLocalEffect, const QString &owner)
{
    for (const auto &entry : map) {
        const QString key = qstr(entry.first.Scalar());
        const QString path = field + QLatin1Char('.') + key;
        if (noLocalEffect.contains(key))
            m_eval->warning(entry.first, path, QStringLiteral("has no effect in the emulator (kept for AWS)"));
        else if (!supported.contains(key))
            m_eval->error(entry.first, path, QStringLiteral("unknown property of %1").arg(owner)
                                                 + suggestion(key, supported + noLocalEffect));
    }
}

QString LambdaVersionReader::readFunctionName(const YAML::Node &props, const QString &field, const YAML::Node &at)
{
    const YAML::Node node = child(props, "FunctionName");
    if (!node.IsDefined()) {
        m_eval->error(at, field + QStringLiteral(".FunctionName"), QStringLiteral("missing FunctionName (!Ref <Function>)"));
        return {};
    }
    const std::optional<QString> name = m_eval->evaluate(node, field + QStringLiteral(".FunctionName"));
    if (!name)
        return {};
    if (!m_functionNames.contains(*name)) {
        m_eval->error(node, field + QStringLiteral(".FunctionName"),
                      QStringLiteral("%1 is not a function of this template; use !Ref <Function>").arg(*name));
        return {};
    }
    return *name;
}

// Metadata.Gatehouse.CodeUri: the folder this version was published from (CloudFormation
// ignores Metadata; on AWS the version holds whatever $LATEST held when it was published).
QString LambdaVersionReader::readVersionCode(const YAML::Node &resource, const QString &field)
{
    const YAML::Node gatehouse = child(child(resource, "Metadata"), "Gatehouse");
    if (!gatehouse.IsDefined())
        return {};
    const QString path = field + QStringLiteral(".Metadata.Gatehouse");
    if (!gatehouse.IsMap()) {
        m_eval->error(gatehouse, path, QStringLiteral("expected a map with CodeUri"));
        return {};
    }
    checkKeys(gatehouse, path, {QStringLiteral("CodeUri")}, {}, QStringLiteral("Metadata.Gatehouse of a version"));
    const YAML::Node code = child(gatehouse, "CodeUri");
    if (!code.IsDefined())
        return {};
    const std::optional<QString> value = m_eval->evaluate(code, path + QStringLiteral(".CodeUri"));
    if (!value)
        return {};
    const QString dir = QDir::cleanPath(QDir(m_lab->directory).absoluteFilePath(*value));
    if (!QFileInfo(dir).isDir()) {
        m_eval->error(code, path + QStringLiteral(".CodeUri"), QStringLiteral("the CodeUri folder %1 does not exist").arg(dir));
        return {};
    }
    return dir;
}

void LambdaVersionReader::declareVersion(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    const YAML::Node props = child(resource, "Properties");
    if (!props.IsMap()) {
        m_eval->error(keyNode, field, QStringLiteral("missing Properties (FunctionName)"));
        return;
    }
    checkKeys(props, field, {QStringLiteral("FunctionName"), QStringLiteral("Description")},
              {QStringLiteral("CodeSha256"), QStringLiteral("ProvisionedConcurrencyConfig"), QStringLiteral("RuntimePolicy")},
              versionType());
    LabVersionConfig version;
    version.logicalId = logicalId;
    version.templateLine = keyNode.Mark().line + 1;
    version.functionName = readFunctionName(props, field, keyNode);
    if (child(props, "Description").IsDefined())
        version.description = m_eval->evaluate(child(props, "Description"), field + QStringLiteral(".Description")).value_or(QString());
    version.codeDir = readVersionCode(resource, QStringLiteral("Resources.") + logicalId);
    if (version.functionName.isEmpty())
        return;
    version.number = ++m_lastNumber[version.functionName];
    IntrinsicEvaluator::Resource declared;
    declared.type = versionType();
    declared.refValue = arn(version.functionName, QString::number(version.number));
    declared.attributes.insert(QStringLiteral("Version"), QString::number(version.number));
    declared.attributes.insert(QStringLiteral("FunctionArn"), declared.refValue);
    m_eval->setResource(logicalId, declared);
    m_versions.append(version);
}

bool LambdaVersionReader::knownVersion(const QString &functionName, const QString &version) const
{
    bool numeric = false;
    const int n = version.toInt(&numeric);
    return numeric && n >= 1 && n <= m_lastNumber.value(functionName) && QString::number(n) == version;
}

void LambdaVersionReader::declareAlias(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    const YAML::Node props = child(resource, "Properties");
    if (!props.IsMap()) {
        m_eval->error(keyNode, field, QStringLiteral("missing Properties (FunctionName, FunctionVersion, Name)"));
        return;
    }
    checkKeys(props, field, {QStringLiteral("FunctionName"), QStringLiteral("FunctionVersion"), QStringLiteral("Name"),
                             QStringLiteral("Description"), QStringLiteral("RoutingConfig")},
              {QStringLiteral("ProvisionedConcurrencyConfig")}, aliasType());
    LabAliasConfig alias;
    alias.logicalId = logicalId;
    alias.templateLine = keyNode.Mark().line + 1;
    alias.functionName = readFunctionName(props, field, keyNode);
    bool ok = !alias.functionName.isEmpty();
    const std::pair<const char *, QString *> texts[] = {
        {"Name", &alias.name}, {"FunctionVersion", &alias.functionVersion}, {"Description", &alias.description}};
    for (const auto &[key, target] : texts) {
        const YAML::Node node = child(props, key);
        const QString path = field + QLatin1Char('.') + QLatin1String(key);
        if (!node.IsDefined() && QLatin1String(key) != QLatin1String("Description")) {
            m_eval->error(keyNode, path, QStringLiteral("missing %1").arg(QLatin1String(key)));
            ok = false;
        } else if (node.IsDefined()) {
            const std::optional<QString> value = m_eval->evaluate(node, path);
            ok = ok && value.has_value();
            *target = value.value_or(QString());
        }
    }
    ok = ok && checkAlias(props, field, alias);
    const YAML::Node routing = child(props, "RoutingConfig");
    if (routing.IsDefined() && ok)
        ok = readRouting(routing, field + QStringLiteral(".RoutingConfig"), &alias);
    if (!alias.functionName.isEmpty() && !alias.name.isEmpty()) {
        IntrinsicEvaluator::Resource declared;
        declared.type = aliasType();
        declared.refValue = arn(alias.functionName, alias.name);
        declared.attributes.insert(QStringLiteral("AliasArn"), declared.refValue);
        m_eval->setResource(logicalId, declared);
    }
    if (ok)
        m_aliases.append(alias);
}

bool LambdaVersionReader::checkAlias(const YAML::Node &props, const QString &field, const LabAliasConfig &alias)
{
    static const QRegularExpression namePattern(QStringLiteral("^(?!^[0-9]+$)[a-zA-Z0-9_-]{1,128}$"));
    if (!namePattern.match(alias.name).hasMatch()) {
        m_eval->error(child(props, "Name"), field + QStringLiteral(".Name"),
                      QStringLiteral("invalid alias name %1: 1 to 128 letters, digits, - and _, not only digits").arg(alias.name));
        return false;
    }
    if (alias.functionVersion != QLatin1String("$LATEST") && !knownVersion(alias.functionName, alias.functionVersion)) {
        m_eval->error(child(props, "FunctionVersion"), field + QStringLiteral(".FunctionVersion"),
                      QStringLiteral("%1 has no version %2 in this template").arg(alias.functionName, alias.functionVersion));
        return false;
    }
    for (const LabAliasConfig &other : std::as_const(m_aliases)) {
        if (other.functionName == alias.functionName && other.name == alias.name) {
            m_eval->error(child(props, "Name"), field + QStringLiteral(".Name"),
                          QStringLiteral("alias %1 of %2 is already declared by %3").arg(alias.name, alias.functionName, other.logicalId));
            return false;
        }
    }
    return true;
}

bool LambdaVersionReader::readRouting(const YAML::Node &routing, const QString &field, LabAliasConfig *alias)
{
    if (!routing.IsMap()) {
        m_eval->error(routing, field, QStringLiteral("expected a map with AdditionalVersionWeights"));
        return false;
    }
    checkKeys(routing, field, {QStringLiteral("AdditionalVersionWeights")}, {}, QStringLiteral("RoutingConfig"));
    const YAML::Node weights = child(routing, "AdditionalVersionWeights");
    const QString listField = field + QStringLiteral(".AdditionalVersionWeights");
    if (!weights.IsDefined())
        return true;
    if (!weights.IsSequence() || weights.size() > 1) {
        m_eval->error(weights, listField, QStringLiteral("Lambda routes to at most one additional version: give a list of one"));
        return false;
    }
    if (weights.size() == 0)
        return true;
    const YAML::Node item = weights[0];
    const QString itemField = listField + QStringLiteral("[0]");
    if (!item.IsMap()) {
        m_eval->error(item, itemField, QStringLiteral("expected {FunctionVersion, FunctionWeight}"));
        return false;
    }
    checkKeys(item, itemField, {QStringLiteral("FunctionVersion"), QStringLiteral("FunctionWeight")}, {},
              QStringLiteral("a version weight"));
    const YAML::Node version = child(item, "FunctionVersion");
    const YAML::Node weight = child(item, "FunctionWeight");
    if (!version.IsDefined() || !weight.IsDefined()) {
        m_eval->error(item, itemField, QStringLiteral("give both FunctionVersion and FunctionWeight"));
        return false;
    }
    const std::optional<QString> v = m_eval->evaluate(version, itemField + QStringLiteral(".FunctionVersion"));
    const std::optional<QString> w = m_eval->evaluate(weight, itemField + QStringLiteral(".FunctionWeight"));
    if (!v || !w)
        return false;
    bool numeric = false;
    const double share = w->toDouble(&numeric);
    if (!numeric || share < 0.0 || share >= 1.0) {
        m_eval->error(weight, itemField + QStringLiteral(".FunctionWeight"),
                      QStringLiteral("FunctionWeight %1 is not a number from 0 up to (not including) 1").arg(*w));
        return false;
    }
    QString problem;
    if (alias->functionVersion == QLatin1String("$LATEST"))
        problem = QStringLiteral("$LATEST is not supported for an alias pointing to more than 1 version");
    else if (*v == alias->functionVersion)
        problem = QStringLiteral("Function version %1 is already included in routing configuration").arg(*v);
    else if (!knownVersion(alias->functionName, *v))
        problem = QStringLiteral("%1 has no version %2 in this template").arg(alias->functionName, *v);
    if (!problem.isEmpty()) {
        m_eval->error(version, itemField + QStringLiteral(".FunctionVersion"), problem);
        return false;
    }
    alias->additionalVersion = *v;
    alias->additionalWeight = share;
    return true;
}

void LambdaVersionReader::finish()
{
    for (LabVersionConfig &version : m_versions) {
        if (!version.codeDir.isEmpty())
            continue;
        for (const FunctionConfig &function : std::as_const(m_lab->functions)) {
            if (function.name == version.functionName)
                version.codeDir = function.codeDir;
        }
    }
    m_lab->versions = m_versions;
    m_lab->aliases = m_aliases;
}

} // namespace Gatehouse::Emulator
