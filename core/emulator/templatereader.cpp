#include "templatereader.h"

#include "labloader.h"
#include "routematcher.h"
#include "templatenodes.h"

#include <QDir>
#include <QFileInfo>

namespace Gatehouse::Emulator {

namespace {

const QString kFunctionType = QStringLiteral("AWS::Serverless::Function");
const QString kHttpApiType = QStringLiteral("AWS::Serverless::HttpApi");

} // namespace

using namespace TemplateNodes;

namespace {

// An AWS::Lambda::Permission for API Gateway (Principal apigateway.amazonaws.com): what every
// AWS API with a Lambda integration or authorizer needs, and nothing to warn about.
bool grantsApiGateway(const YAML::Node &resource)
{
    const YAML::Node principal = child(child(resource, "Properties"), "Principal");
    return principal.IsScalar() && principal.Scalar() == "apigateway.amazonaws.com";
}

} // namespace

TemplateReader::TemplateReader(LabDefinition *lab, const QString &region, const QString &accountId)
    : m_lab(lab), m_eval(lab->templatePath, &lab->diagnostics), m_region(region), m_accountId(accountId)
    , m_versionReader(lab, &m_eval, region, accountId)
    , m_cognitoReader(lab, &m_eval, region, accountId)
    , m_identityPoolReader(lab, &m_eval, region, accountId)
    , m_restReader(lab, &m_eval)
    , m_webSocketReader(lab, &m_eval)
    , m_appSyncReader(lab, &m_eval)
    , m_tableReader(lab, &m_eval, region, accountId)
{
    m_eval.setPseudoParameter(QStringLiteral("AWS::Region"), region);
    m_eval.setPseudoParameter(QStringLiteral("AWS::AccountId"), accountId);
    m_eval.setPseudoParameter(QStringLiteral("AWS::StackName"), lab->name);
    m_eval.setPseudoParameter(QStringLiteral("AWS::Partition"), QStringLiteral("aws"));
    m_eval.setPseudoParameter(QStringLiteral("AWS::URLSuffix"), QStringLiteral("amazonaws.com"));
}

void TemplateReader::read(const YAML::Node &root)
{
    if (!root.IsMap()) {
        m_eval.error(root, QString(), QStringLiteral("a template is a YAML map with Transform and Resources"));
        return;
    }
    checkKeys(root, QString(),
              {{QStringLiteral("AWSTemplateFormatVersion"), QStringLiteral("Transform"),
                QStringLiteral("Description"), QStringLiteral("Parameters"), QStringLiteral("Globals"),
                QStringLiteral("Resources"), QStringLiteral("Outputs"), QStringLiteral("Metadata")},
               {},
               {QStringLiteral("Conditions"), QStringLiteral("Mappings"), QStringLiteral("Rules")},
               QStringLiteral("a SAM template")});
    readTransform(root);
    if (child(root, "Description").IsDefined()) {
        if (std::optional<QString> d = m_eval.evaluate(child(root, "Description"), QStringLiteral("Description")))
            m_lab->description = *d;
    }
    if (child(root, "Parameters").IsDefined())
        readParameters(child(root, "Parameters"));
    if (child(root, "Globals").IsDefined())
        readGlobals(child(root, "Globals"));
    const YAML::Node resources = child(root, "Resources");
    if (!resources.IsDefined()) {
        m_eval.error(root, QStringLiteral("Resources"), QStringLiteral("missing Resources"));
        return;
    }
    if (!expectMap(resources, QStringLiteral("Resources")))
        return;
    declareResources(resources);
    const YAML::Node globalAuth = child(m_globalHttpApi, "Auth");
    if (globalAuth.IsDefined())
        readApiAuth(&m_globalApiAuth, globalAuth, QStringLiteral("Globals.HttpApi.Auth"));
    if (const YAML::Node globalCors = child(m_globalHttpApi, "CorsConfiguration"); globalCors.IsDefined())
        readCors(&m_globalApiAuth, globalCors, QStringLiteral("Globals.HttpApi.CorsConfiguration"));
    if (m_globalHttpApi.IsMap())
        readStageSettings(&m_globalApiAuth, m_globalHttpApi, QStringLiteral("Globals.HttpApi"), QString());
    readResources(resources);
    if (child(root, "Outputs").IsDefined())
        readOutputs(child(root, "Outputs"));
}

void TemplateReader::readGlobals(const YAML::Node &globals)
{
    if (!expectMap(globals, QStringLiteral("Globals")))
        return;
    checkKeys(globals, QStringLiteral("Globals"),
              {{QStringLiteral("Function"), QStringLiteral("HttpApi"), QStringLiteral("Api")}, {},
               {QStringLiteral("SimpleTable"),
                QStringLiteral("StateMachine"), QStringLiteral("LayerVersion")},
               QStringLiteral("Globals")});
    m_globalFunction = child(globals, "Function");
    if (m_globalFunction.IsDefined() && expectMap(m_globalFunction, QStringLiteral("Globals.Function"))) {
        KeyRules rules{functionProperties(), functionPropertiesWithoutLocalEffect(), functionPropertiesNotEmulated(),
                       QStringLiteral("Globals.Function")};
        rules.supported.removeAll(QStringLiteral("FunctionName"));
        rules.supported.removeAll(QStringLiteral("Events"));
        checkKeys(m_globalFunction, QStringLiteral("Globals.Function"), rules);
    }
    if (const YAML::Node api = child(globals, "Api"); api.IsDefined() && expectMap(api, QStringLiteral("Globals.Api")))
        m_restReader.setGlobals(api);
    m_globalHttpApi = child(globals, "HttpApi");
    if (m_globalHttpApi.IsDefined() && expectMap(m_globalHttpApi, QStringLiteral("Globals.HttpApi")))
        checkKeys(m_globalHttpApi, QStringLiteral("Globals.HttpApi"),
                  {{QStringLiteral("Auth"), QStringLiteral("CorsConfiguration"), QStringLiteral("StageVariables"),
                    QStringLiteral("DefaultRouteSettings"), QStringLiteral("RouteSettings")},
                   {QStringLiteral("Tags"), QStringLiteral("AccessLogSettings"), QStringLiteral("FailOnWarnings"),
                    QStringLiteral("Domain"), QStringLiteral("DisableExecuteApiEndpoint"), QStringLiteral("PropagateTags")},
                   {},
                   QStringLiteral("Globals.HttpApi")});
}

bool TemplateReader::expectMap(const YAML::Node &node, const QString &field)
{
    if (node.IsMap())
        return true;
    m_eval.error(node, field, QStringLiteral("expected a map of names to values"));
    return false;
}

void TemplateReader::checkKeys(const YAML::Node &map, const QString &field, const KeyRules &rules)
{
    QStringList seen;
    for (const auto &entry : map) {
        const QString key = qstr(entry.first.Scalar());
        const QString path = field.isEmpty() ? key : field + QLatin1Char('.') + key;
        if (seen.contains(key))
            m_eval.error(entry.first, path, QStringLiteral("duplicate key"));
        seen.append(key);
        if (rules.supported.contains(key))
            continue;
        if (rules.noLocalEffect.contains(key)) {
            m_eval.warning(entry.first, path, QStringLiteral("has no effect in the emulator (kept for AWS)"));
        } else if (rules.unsupported.contains(key)) {
            m_eval.error(entry.first, path, QStringLiteral("%1 is not supported by Gatehouse").arg(key));
        } else {
            const QStringList known = rules.supported + rules.noLocalEffect + rules.unsupported;
            const QString hint = suggestion(key, known);
            m_eval.error(entry.first, path, QStringLiteral("unknown property of %1").arg(rules.owner) + hint);
            if (!hint.isEmpty())
                m_misspelled.insert(field + QLatin1Char('.') + closestName(key, known));
        }
    }
}

void TemplateReader::readTransform(const YAML::Node &root)
{
    const QString expected = QStringLiteral("AWS::Serverless-2016-10-31");
    const YAML::Node transform = child(root, "Transform");
    if (!transform.IsDefined()) {
        m_eval.error(root, QStringLiteral("Transform"),
                     QStringLiteral("missing Transform: %1 (the AWS::Serverless types need it)").arg(expected));
        return;
    }
    QList<YAML::Node> items;
    if (transform.IsSequence()) {
        for (const auto &item : transform)
            items.append(item);
    } else {
        items.append(transform);
    }
    bool found = false;
    for (const YAML::Node &item : items) {
        const QString name = item.IsScalar() ? qstr(item.Scalar()) : QString();
        if (name == expected)
            found = true;
        else
            m_eval.error(item, QStringLiteral("Transform"),
                         QStringLiteral("the transform %1 is not supported by Gatehouse").arg(name)
                             + suggestion(name, {expected}));
    }
    if (!found && transform.IsSequence())
        m_eval.error(transform, QStringLiteral("Transform"), QStringLiteral("missing %1").arg(expected));
}

void TemplateReader::readParameters(const YAML::Node &node)
{
    if (!expectMap(node, QStringLiteral("Parameters")))
        return;
    const KeyRules rules{{QStringLiteral("Type"), QStringLiteral("Default"), QStringLiteral("Description"),
                          QStringLiteral("AllowedValues"), QStringLiteral("AllowedPattern"),
                          QStringLiteral("MinLength"), QStringLiteral("MaxLength"), QStringLiteral("MinValue"),
                          QStringLiteral("MaxValue"), QStringLiteral("ConstraintDescription"),
                          QStringLiteral("NoEcho")},
                         {}, {}, QStringLiteral("a parameter")};
    for (const auto &entry : node) {
        const QString name = qstr(entry.first.Scalar());
        const QString field = QStringLiteral("Parameters.") + name;
        if (!expectMap(entry.second, field))
            continue;
        checkKeys(entry.second, field, rules);
        const YAML::Node def = child(entry.second, "Default");
        std::optional<QString> value;
        if (def.IsScalar())
            value = qstr(def.Scalar());
        else if (def.IsDefined())
            m_eval.error(def, field + QStringLiteral(".Default"), QStringLiteral("Default must be a single value"));
        const YAML::Node allowed = child(entry.second, "AllowedValues");
        if (value && allowed.IsSequence()) {
            bool ok = false;
            for (const auto &a : allowed)
                ok = ok || (a.IsScalar() && qstr(a.Scalar()) == *value);
            if (!ok)
                m_eval.error(def, field + QStringLiteral(".Default"),
                             QStringLiteral("Default %1 is not one of AllowedValues").arg(*value));
        }
        m_eval.setParameter(name, value);
    }
}

QString TemplateReader::functionName(const QString &logicalId, const YAML::Node &resource)
{
    const YAML::Node name = child(child(resource, "Properties"), "FunctionName");
    if (!name.IsDefined())
        return logicalId;
    const QString field = QStringLiteral("Resources.%1.Properties.FunctionName").arg(logicalId);
    const std::optional<QString> value = m_eval.evaluate(name, field);
    if (value && value->isEmpty())
        m_eval.error(name, field, QStringLiteral("FunctionName must not be empty"));
    return value && !value->isEmpty() ? *value : logicalId;
}

void TemplateReader::declareResources(const YAML::Node &resources)
{
    bool implicit = false;
    for (const auto &entry : resources) {
        const QString id = qstr(entry.first.Scalar());
        const QString type = qstr(child(entry.second, "Type").IsScalar() ? child(entry.second, "Type").Scalar() : std::string());
        IntrinsicEvaluator::Resource resource;
        resource.type = type;
        if (type == kHttpApiType) {
            resource.refValue = LabLoader::apiIdFor(m_lab->name, id);
            resource.attributes.insert(QStringLiteral("ApiEndpoint"),
                                       QStringLiteral("https://%1.execute-api.%2.amazonaws.com").arg(resource.refValue, m_region));
        }
        m_eval.setResource(id, resource);
        if (type == kFunctionType)
            implicit = implicit || hasImplicitApiEvent(entry.second);
    }
    if (implicit && !m_eval.hasResource(LabLoader::implicitApiLogicalId())) {
        IntrinsicEvaluator::Resource api;
        api.type = kHttpApiType;
        api.refValue = LabLoader::apiIdFor(m_lab->name, LabLoader::implicitApiLogicalId());
        api.attributes.insert(QStringLiteral("ApiEndpoint"),
                              QStringLiteral("https://%1.execute-api.%2.amazonaws.com").arg(api.refValue, m_region));
        m_eval.setResource(LabLoader::implicitApiLogicalId(), api);
    }
    for (const auto &entry : resources) {
        const QString id = qstr(entry.first.Scalar());
        if (!child(entry.second, "Type").IsScalar() || qstr(child(entry.second, "Type").Scalar()) != kFunctionType)
            continue;
        const QString name = functionName(id, entry.second);
        m_functionNames.insert(id, name);
        IntrinsicEvaluator::Resource function;
        function.type = kFunctionType;
        function.refValue = name;
        function.attributes.insert(QStringLiteral("Arn"),
                                   QStringLiteral("arn:aws:lambda:%1:%2:function:%3").arg(m_region, m_accountId, name));
        m_eval.setResource(id, function);
    }
    m_versionReader.declare(resources, m_functionNames);
    m_cognitoReader.declare(resources);
    m_identityPoolReader.declare(resources);
    m_restReader.declare(resources);
    m_webSocketReader.declare(resources);
    m_appSyncReader.declare(resources);
    m_tableReader.declare(resources);
}

void TemplateReader::readResources(const YAML::Node &resources)
{
    const QStringList noEffectTypes = resourceTypesWithoutLocalEffect();
    const QStringList samTypes = samResourceTypes();
    const KeyRules resourceKeys{{QStringLiteral("Type"), QStringLiteral("Properties"), QStringLiteral("DependsOn"),
                                 QStringLiteral("Metadata"), QStringLiteral("DeletionPolicy"),
                                 QStringLiteral("UpdateReplacePolicy")},
                                {}, {QStringLiteral("Condition")}, QStringLiteral("a resource")};
    for (const auto &entry : resources) {
        const QString id = qstr(entry.first.Scalar());
        const YAML::Node typeNode = child(entry.second, "Type");
        if (typeNode.IsScalar() && qstr(typeNode.Scalar()) == kHttpApiType && entry.second.IsMap())
            readHttpApi(id, entry.first, entry.second);
    }
    m_restReader.readApis(resources);
    for (const auto &entry : resources) {
        const QString id = qstr(entry.first.Scalar());
        const QString field = QStringLiteral("Resources.") + id;
        if (!expectMap(entry.second, field))
            continue;
        checkKeys(entry.second, field, resourceKeys);
        const YAML::Node typeNode = child(entry.second, "Type");
        if (!typeNode.IsScalar()) {
            m_eval.error(entry.first, field + QStringLiteral(".Type"), QStringLiteral("missing Type"));
            continue;
        }
        const QString type = qstr(typeNode.Scalar());
        if (type == kFunctionType) {
            readFunction(id, entry.first, entry.second);
        } else if (type == kHttpApiType || type == LambdaVersionReader::versionType()
                   || type == LambdaVersionReader::aliasType()
                   || CognitoPoolReader::resourceTypes().contains(type)
                   || CognitoIdentityPoolReader::resourceTypes().contains(type)
                   || RestApiReader::resourceTypes().contains(type)
                   || WebSocketApiReader::resourceTypes().contains(type)
                   || AppSyncReader::resourceTypes().contains(type)
                   || DynamoTableReader::resourceTypes().contains(type)) {
            continue;
        } else if (type == QLatin1String("AWS::Lambda::Permission") && grantsApiGateway(entry.second)) {
            // API Gateway needs it on AWS; the emulator's gateways may invoke every lab function.
            continue;
        } else if (noEffectTypes.contains(type)) {
            m_eval.warning(typeNode, field + QStringLiteral(".Type"),
                           QStringLiteral("%1 has no effect in the emulator (kept for AWS)").arg(type));
        } else {
            const QString hint = samTypes.contains(type) ? QString() : suggestion(type, samTypes);
            if (!hint.isEmpty())
                m_eval.error(typeNode, field + QStringLiteral(".Type"), QStringLiteral("unknown resource type %1").arg(type) + hint);
            else
                m_eval.error(typeNode, field + QStringLiteral(".Type"),
                             QStringLiteral("resource type %1 is not supported by Gatehouse (supported: %2, %3, %4, %5)")
                                 .arg(type, kFunctionType, kHttpApiType, LambdaVersionReader::versionType(),
                                      LambdaVersionReader::aliasType()));
        }
    }
    resolveRouteAuth();
    resolveRouteSettings();
    m_restReader.finish(resources);
    m_webSocketReader.read(resources);
    m_versionReader.finish();
    m_cognitoReader.read(resources);
    m_identityPoolReader.read(resources);
    m_tableReader.read(resources); // before AppSync: its DynamoDB data sources name the tables
    m_appSyncReader.read(resources); // after the pools and functions its auth and data sources name
}

void TemplateReader::readHttpApi(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    HttpApiConfig api;
    api.logicalId = logicalId;
    api.apiId = LabLoader::apiIdFor(m_lab->name, logicalId);
    api.name = m_lab->name;
    api.templateLine = keyNode.Mark().line + 1;
    applyGlobalAuth(&api);
    const YAML::Node props = child(resource, "Properties");
    if (props.IsDefined() && expectMap(props, field)) {
        checkKeys(props, field,
                  {{QStringLiteral("StageName"), QStringLiteral("Description"), QStringLiteral("Name"),
                    QStringLiteral("Auth"), QStringLiteral("CorsConfiguration"), QStringLiteral("StageVariables"),
                    QStringLiteral("DefaultRouteSettings"), QStringLiteral("RouteSettings")},
                   {QStringLiteral("Tags"), QStringLiteral("AccessLogSettings"), QStringLiteral("FailOnWarnings"),
                    QStringLiteral("Domain"), QStringLiteral("DisableExecuteApiEndpoint"), QStringLiteral("PropagateTags")},
                   {QStringLiteral("DefinitionBody"), QStringLiteral("DefinitionUri")},
                   kHttpApiType});
        if (child(props, "Auth").IsDefined())
            readApiAuth(&api, child(props, "Auth"), field + QStringLiteral(".Auth"));
        if (child(props, "CorsConfiguration").IsDefined())
            readCors(&api, child(props, "CorsConfiguration"), field + QStringLiteral(".CorsConfiguration"));
        readStageSettings(&api, props, field, api.apiId);
        if (child(props, "StageName").IsDefined()) {
            if (std::optional<QString> stage = m_eval.evaluate(child(props, "StageName"), field + QStringLiteral(".StageName")))
                api.stageName = *stage;
        }
        if (child(props, "Name").IsDefined()) {
            if (std::optional<QString> name = m_eval.evaluate(child(props, "Name"), field + QStringLiteral(".Name")))
                api.name = *name;
        }
        if (child(props, "Description").IsDefined())
            m_eval.evaluate(child(props, "Description"), field + QStringLiteral(".Description"));
    }
    m_lab->httpApis.append(api);
}

YAML::Node TemplateReader::setting(const YAML::Node &props, const char *key, QString *field) const
{
    const YAML::Node own = child(props, key);
    if (own.IsDefined())
        return own;
    const YAML::Node global = child(m_globalFunction, key);
    if (global.IsDefined())
        *field = QStringLiteral("Globals.Function.") + QLatin1String(key);
    return global;
}

std::optional<int> TemplateReader::readInt(const YAML::Node &node, const QString &field, int min, int max)
{
    const std::optional<QString> text = m_eval.evaluate(node, field);
    if (!text)
        return std::nullopt;
    bool ok = false;
    const int value = text->toInt(&ok);
    if (!ok || value < min || value > max) {
        m_eval.error(node, field, QStringLiteral("%1 is not a whole number from %2 to %3").arg(*text).arg(min).arg(max));
        return std::nullopt;
    }
    return value;
}

void TemplateReader::readFunction(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    FunctionConfig function;
    function.logicalId = logicalId;
    function.name = m_functionNames.value(logicalId, logicalId);
    function.templateLine = keyNode.Mark().line + 1;
    const YAML::Node props = child(resource, "Properties");
    if (!props.IsDefined()) {
        m_eval.error(keyNode, field, QStringLiteral("missing Properties (Runtime, Handler, CodeUri)"));
        return;
    }
    if (!expectMap(props, field))
        return;
    checkKeys(props, field, {functionProperties(), functionPropertiesWithoutLocalEffect(), functionPropertiesNotEmulated(), kFunctionType});
    readFunctionCode(&function, props, field);
    readFunctionLimits(&function, props, field);
    readEnvironment(&function, props, field);
    const YAML::Node events = child(props, "Events");
    if (events.IsDefined())
        readEvents(function, events, field + QStringLiteral(".Events"));
    m_lab->functions.append(function);
}

void TemplateReader::readFunctionCode(FunctionConfig *function, const YAML::Node &props, const QString &field)
{
    QString runtimeField = field + QStringLiteral(".Runtime");
    const YAML::Node runtime = setting(props, "Runtime", &runtimeField);
    if (!runtime.IsDefined()) {
        if (!m_misspelled.contains(runtimeField))
            m_eval.error(keyNode(props, "Runtime"), runtimeField, QStringLiteral("missing Runtime"));
    } else if (std::optional<QString> value = m_eval.evaluate(runtime, runtimeField)) {
        if (LabLoader::supportedRuntimes().contains(*value))
            function->runtime = *value;
        else
            m_eval.error(runtime, runtimeField, QStringLiteral("invalid Runtime value %1; supported: %2")
                                                    .arg(*value, LabLoader::supportedRuntimes().join(QStringLiteral(", "))));
    }
    QString handlerField = field + QStringLiteral(".Handler");
    const YAML::Node handler = setting(props, "Handler", &handlerField);
    if (handler.IsDefined()) {
        if (std::optional<QString> value = m_eval.evaluate(handler, handlerField))
            function->handler = *value;
    } else if (!function->runtime.startsWith(QLatin1String("provided")) && !m_misspelled.contains(handlerField)) {
        m_eval.error(props, handlerField, QStringLiteral("missing Handler (e.g. app.lambda_handler)"));
    }
    QString codeField = field + QStringLiteral(".CodeUri");
    const YAML::Node code = setting(props, "CodeUri", &codeField);
    if (!code.IsDefined()) {
        if (!m_misspelled.contains(codeField))
            m_eval.error(props, codeField, QStringLiteral("missing CodeUri (the folder with the function's code)"));
    } else if (code.IsMap() && !IntrinsicEvaluator::isIntrinsic(code)) {
        m_eval.error(code, codeField, QStringLiteral("CodeUri as an S3 location is not supported by Gatehouse; "
                                                     "give a folder next to template.yaml"));
    } else if (std::optional<QString> value = m_eval.evaluate(code, codeField)) {
        const QString dir = QDir::cleanPath(QDir(m_lab->directory).absoluteFilePath(*value));
        if (QFileInfo(dir).isDir())
            function->codeDir = dir;
        else
            m_eval.error(code, codeField, QStringLiteral("the CodeUri folder %1 does not exist").arg(dir));
    }
}

void TemplateReader::readFunctionLimits(FunctionConfig *function, const YAML::Node &props, const QString &field)
{
    QString timeoutField = field + QStringLiteral(".Timeout");
    const YAML::Node timeout = setting(props, "Timeout", &timeoutField);
    if (timeout.IsDefined())
        function->timeoutSeconds = readInt(timeout, timeoutField, 1, 900).value_or(function->timeoutSeconds);
    QString memoryField = field + QStringLiteral(".MemorySize");
    const YAML::Node memory = setting(props, "MemorySize", &memoryField);
    if (memory.IsDefined())
        function->memoryMb = readInt(memory, memoryField, 128, 10240).value_or(function->memoryMb);
    QString archField = field + QStringLiteral(".Architectures");
    const YAML::Node arch = setting(props, "Architectures", &archField);
    if (arch.IsDefined()) {
        std::optional<QString> value;
        if (arch.IsSequence() && arch.size() == 1)
            value = m_eval.evaluate(arch[0], archField);
        else
            m_eval.error(arch, archField, QStringLiteral("Architectures is a list of one: [x86_64] or [arm64]"));
        if (value && *value != QLatin1String("x86_64") && *value != QLatin1String("arm64"))
            m_eval.error(arch, archField, QStringLiteral("invalid architecture %1; use x86_64 or arm64").arg(*value));
        else if (value)
            function->architecture = *value;
    }
    QString reservedField = field + QStringLiteral(".ReservedConcurrentExecutions");
    const YAML::Node reserved = setting(props, "ReservedConcurrentExecutions", &reservedField);
    if (reserved.IsDefined())
        function->reservedConcurrency =
            readInt(reserved, reservedField, 0, AccountConcurrency - MinUnreservedConcurrency)
                .value_or(function->reservedConcurrency);
    QString descriptionField = field + QStringLiteral(".Description");
    const YAML::Node description = setting(props, "Description", &descriptionField);
    if (description.IsDefined())
        function->description = m_eval.evaluate(description, descriptionField).value_or(QString());
}

void TemplateReader::readEnvironment(FunctionConfig *function, const YAML::Node &props, const QString &field)
{
    const std::pair<YAML::Node, QString> sources[] = {
        {child(m_globalFunction, "Environment"), QStringLiteral("Globals.Function.Environment")},
        {child(props, "Environment"), field + QStringLiteral(".Environment")}};
    for (const auto &[environment, path] : sources) {
        if (!environment.IsDefined() || !expectMap(environment, path))
            continue;
        checkKeys(environment, path, {{QStringLiteral("Variables")}, {}, {}, QStringLiteral("Environment")});
        const YAML::Node variables = child(environment, "Variables");
        if (!variables.IsDefined() || !expectMap(variables, path + QStringLiteral(".Variables")))
            continue;
        for (const auto &entry : variables) {
            const QString name = qstr(entry.first.Scalar());
            const std::optional<QString> value = m_eval.evaluate(entry.second, path + QStringLiteral(".Variables.") + name);
            if (!value)
                continue;
            function->environment.removeIf([&](const QPair<QString, QString> &p) { return p.first == name; });
            function->environment.append({name, *value});
        }
    }
}

void TemplateReader::readEvents(const FunctionConfig &function, const YAML::Node &events, const QString &field)
{
    const QStringList otherTypes = eventTypesNotEmulated();
    if (!expectMap(events, field))
        return;
    for (const auto &entry : events) {
        const QString path = field + QLatin1Char('.') + qstr(entry.first.Scalar());
        if (!expectMap(entry.second, path))
            continue;
        checkKeys(entry.second, path, {{QStringLiteral("Type"), QStringLiteral("Properties")}, {}, {}, QStringLiteral("an event")});
        const YAML::Node type = child(entry.second, "Type");
        if (!type.IsScalar()) {
            m_eval.error(entry.first, path + QStringLiteral(".Type"), QStringLiteral("missing Type (e.g. HttpApi)"));
            continue;
        }
        const QString name = qstr(type.Scalar());
        if (name == QLatin1String("HttpApi")) {
            readHttpApiEvent(function, entry.first, child(entry.second, "Properties"), path + QStringLiteral(".Properties"));
        } else if (name == QLatin1String("Api")) {
            m_restReader.readEvent(function.name, entry.first, child(entry.second, "Properties"),
                                   path + QStringLiteral(".Properties"));
        } else if (otherTypes.contains(name)) {
            m_eval.error(type, path + QStringLiteral(".Type"),
                         QStringLiteral("event type %1 is not supported by Gatehouse (supported: HttpApi, Api)").arg(name));
        } else {
            m_eval.error(type, path + QStringLiteral(".Type"),
                         QStringLiteral("unknown event type %1").arg(name)
                             + suggestion(name, QStringList{QStringLiteral("HttpApi"), QStringLiteral("Api")} + otherTypes));
        }
    }
}

void TemplateReader::readHttpApiEvent(const FunctionConfig &function, const YAML::Node &keyNode,
                                      const YAML::Node &props, const QString &field)
{
    if (props.IsDefined() && !expectMap(props, field))
        return;
    if (props.IsDefined())
        checkKeys(props, field,
                  {{QStringLiteral("Path"), QStringLiteral("Method"), QStringLiteral("ApiId"),
                    QStringLiteral("PayloadFormatVersion"), QStringLiteral("TimeoutInMillis"), QStringLiteral("Auth")},
                   {QStringLiteral("RouteSettings")}, {}, QStringLiteral("an HttpApi event")});
    HttpRouteConfig route;
    route.functionName = function.name;
    route.templateLine = keyNode.Mark().line + 1;
    if (!readRouteKey(props, field, &route) || !readPayloadFormat(props, field, &route))
        return;
    const YAML::Node auth = child(props, "Auth");
    if (auth.IsDefined() && !readEventAuth(&route, auth, field + QStringLiteral(".Auth")))
        return;
    const YAML::Node timeout = child(props, "TimeoutInMillis");
    if (timeout.IsDefined())
        route.timeoutMs = readInt(timeout, field + QStringLiteral(".TimeoutInMillis"), 50, 30000).value_or(route.timeoutMs);
    HttpApiConfig *api = nullptr;
    const YAML::Node apiId = child(props, "ApiId");
    if (!apiId.IsDefined()) {
        api = implicitApi(route.templateLine);
    } else {
        const QString target = refTarget(apiId);
        for (HttpApiConfig &candidate : m_lab->httpApis) {
            if (candidate.logicalId == target)
                api = &candidate;
        }
    }
    if (!api) {
        m_eval.error(apiId, field + QStringLiteral(".ApiId"),
                     QStringLiteral("ApiId must be !Ref to an AWS::Serverless::HttpApi resource of this template"));
        return;
    }
    if (addRoute(api, route, keyNode, field)) {
        const QString authField = route.authFromEvent ? field + QStringLiteral(".Auth.Authorizer")
                                                      : QStringLiteral("Resources.%1.Properties.Auth.DefaultAuthorizer").arg(api->logicalId);
        m_routeAuthSites.append({api->apiId, route.routeKey, auth.IsDefined() ? auth : keyNode, authField});
    }
}

bool TemplateReader::readRouteKey(const YAML::Node &props, const QString &field, HttpRouteConfig *route)
{
    route->routeKey = QStringLiteral("$default");
    const YAML::Node path = child(props, "Path");
    const YAML::Node method = child(props, "Method");
    if (path.IsDefined() != method.IsDefined()) {
        m_eval.error(path.IsDefined() ? path : method, field,
                     QStringLiteral("give both Path and Method, or neither for the $default route"));
        return false;
    }
    if (!path.IsDefined())
        return true;
    const std::optional<QString> p = m_eval.evaluate(path, field + QStringLiteral(".Path"));
    const std::optional<QString> m = m_eval.evaluate(method, field + QStringLiteral(".Method"));
    if (!p || !m)
        return false;
    route->routeKey = m->toUpper() + QLatin1Char(' ') + *p;
    const QString problem = RouteMatcher::routeKeyProblem(route->routeKey);
    if (!problem.isEmpty())
        m_eval.error(path, field + QStringLiteral(".Path"), problem);
    return problem.isEmpty();
}

bool TemplateReader::readPayloadFormat(const YAML::Node &props, const QString &field, HttpRouteConfig *route)
{
    const YAML::Node version = child(props, "PayloadFormatVersion");
    if (!version.IsDefined())
        return true;
    const QString path = field + QStringLiteral(".PayloadFormatVersion");
    const std::optional<QString> v = m_eval.evaluate(version, path);
    if (!v)
        return false;
    // 1.0 sends the REST-API-like event (HttpApiGateway builds it with RestApiEvent).
    if (*v != QLatin1String("1.0") && *v != QLatin1String("2.0")) {
        m_eval.error(version, path, QStringLiteral("invalid PayloadFormatVersion %1; write \"1.0\" (the REST-API-like "
                                                    "event) or \"2.0\"").arg(*v));
        return false;
    }
    route->payloadFormatVersion = *v;
    return true;
}

HttpApiConfig *TemplateReader::implicitApi(int line)
{
    for (HttpApiConfig &api : m_lab->httpApis) {
        if (api.logicalId == LabLoader::implicitApiLogicalId())
            return &api;
    }
    HttpApiConfig api;
    api.logicalId = LabLoader::implicitApiLogicalId();
    api.apiId = LabLoader::apiIdFor(m_lab->name, api.logicalId);
    api.name = m_lab->name;
    api.templateLine = line;
    applyGlobalAuth(&api);
    m_lab->httpApis.append(api);
    return &m_lab->httpApis.last();
}

bool TemplateReader::addRoute(HttpApiConfig *api, const HttpRouteConfig &route, const YAML::Node &at, const QString &field)
{
    const QString key = api->apiId + QLatin1Char(' ') + route.routeKey;
    const QString event = field.chopped(QStringLiteral(".Properties").size());
    if (m_routeOrigins.contains(key)) {
        m_eval.error(at, event, QStringLiteral("route %1 is already defined on %2 by %3")
                                    .arg(route.routeKey, api->logicalId, m_routeOrigins.value(key)));
        return false;
    }
    m_routeOrigins.insert(key, event);
    api->routes.append(route);
    return true;
}

void TemplateReader::readOutputs(const YAML::Node &outputs)
{
    if (!expectMap(outputs, QStringLiteral("Outputs")))
        return;
    for (const auto &entry : outputs) {
        const QString name = qstr(entry.first.Scalar());
        const QString field = QStringLiteral("Outputs.") + name;
        if (!expectMap(entry.second, field))
            continue;
        checkKeys(entry.second, field,
                  {{QStringLiteral("Value"), QStringLiteral("Description")}, {QStringLiteral("Export")},
                   {QStringLiteral("Condition")}, QStringLiteral("an output")});
        const YAML::Node value = child(entry.second, "Value");
        if (!value.IsDefined()) {
            m_eval.error(entry.first, field + QStringLiteral(".Value"), QStringLiteral("missing Value"));
            continue;
        }
        if (std::optional<QString> v = m_eval.evaluate(value, field + QStringLiteral(".Value")))
            m_lab->outputs.append({name, *v});
    }
}

} // namespace Gatehouse::Emulator
