// AppSyncReader's data sources, pipeline functions and resolvers with their VTL mapping
// templates, apart from the API, schema and auth reading in appsyncreader.cpp.
#include "appsyncreader.h"

#include "templatenodes.h"

#include <QDir>
#include <QFile>

namespace Gatehouse::Emulator {

using namespace TemplateNodes;

void AppSyncReader::readDataSource(const QString &logicalId, const YAML::Node &keyNode,
                                   const YAML::Node &props)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    AppSyncApiConfig *api = apiFor(props, keyNode, field);
    if (!api)
        return;
    const std::optional<QString> name = string(props, "Name", field, true);
    const std::optional<QString> type = string(props, "Type", field, true);
    if (!name || !type)
        return;
    AppSyncDataSource source;
    source.name = *name;
    if (*type == QLatin1String("NONE")) {
        source.type = AppSyncDataSource::Type::None;
    } else if (*type == QLatin1String("AWS_LAMBDA")) {
        source.type = AppSyncDataSource::Type::Lambda;
        const YAML::Node config = child(props, "LambdaConfig");
        const std::optional<QString> arn =
            config.IsMap()
                ? string(config, "LambdaFunctionArn", field + QStringLiteral(".LambdaConfig"), true)
                : std::nullopt;
        if (!config.IsMap())
            m_eval->error(
                keyNode, field + QStringLiteral(".LambdaConfig"),
                QStringLiteral("an AWS_LAMBDA data source needs LambdaConfig.LambdaFunctionArn"));
        if (!arn)
            return;
        source.functionName = functionFromArn(*arn);
        bool known = false;
        for (const FunctionConfig &f : std::as_const(m_lab->functions))
            known = known || f.name == source.functionName.section(QLatin1Char(':'), 0, 0);
        if (!known) {
            m_eval->error(
                child(config, "LambdaFunctionArn"),
                field + QStringLiteral(".LambdaConfig.LambdaFunctionArn"),
                QStringLiteral("%1 is not a function of this lab (use !GetAtt <Function>.Arn)")
                    .arg(source.functionName));
            return;
        }
    } else if (*type == QLatin1String("AMAZON_DYNAMODB")) {
        source.type = AppSyncDataSource::Type::DynamoDb;
        if (!readDynamoDbConfig(&source, keyNode, props, field))
            return;
    } else {
        m_eval->error(
            child(props, "Type"), field + QStringLiteral(".Type"),
            QStringLiteral(
                "data source type %1 is not emulated: use AWS_LAMBDA (a lab function may keep the "
                "data), AMAZON_DYNAMODB (a table of the lab) or NONE")
                .arg(*type));
        return;
    }
    api->dataSources.append(source);
}

// DynamoDBConfig: the table must be one the lab declares (the emulator keeps it in its
// DynamoStore); what needs IAM or conflict detection on AWS is refused rather than ignored.
bool AppSyncReader::readDynamoDbConfig(AppSyncDataSource *source, const YAML::Node &keyNode,
                                       const YAML::Node &props, const QString &field)
{
    const YAML::Node config = child(props, "DynamoDBConfig");
    const QString configField = field + QStringLiteral(".DynamoDBConfig");
    if (!config.IsMap()) {
        m_eval->error(keyNode, configField,
                      QStringLiteral("an AMAZON_DYNAMODB data source needs DynamoDBConfig with "
                                     "TableName (!Ref <Table> of this template) and AwsRegion"));
        return false;
    }
    const std::optional<QString> table = string(config, "TableName", configField, true);
    if (!table)
        return false;
    string(config, "AwsRegion", configField, false); // any region: the lab's tables are local
    if (string(config, "UseCallerCredentials", configField, false).value_or(QString()) ==
        QLatin1String("true")) {
        m_eval->error(child(config, "UseCallerCredentials"),
                      configField + QStringLiteral(".UseCallerCredentials"),
                      QStringLiteral("UseCallerCredentials is not emulated: the emulator does not "
                                     "evaluate the caller's IAM policies against the table; "
                                     "leave it out (AppSync then uses ServiceRoleArn)"));
        return false;
    }
    if (string(config, "Versioned", configField, false).value_or(QString()) ==
            QLatin1String("true") ||
        child(config, "DeltaSyncConfig").IsDefined()) {
        m_eval->error(child(config, "Versioned"), configField + QStringLiteral(".Versioned"),
                      QStringLiteral("versioned data sources (conflict detection and delta sync) "
                                     "are not emulated: leave out Versioned and DeltaSyncConfig"));
        return false;
    }
    QStringList known;
    for (const DynamoTableConfig &t : std::as_const(m_lab->dynamoTables))
        known.append(t.tableName);
    if (!known.contains(*table)) {
        m_eval->error(child(config, "TableName"), configField + QStringLiteral(".TableName"),
                      known.isEmpty()
                          ? QStringLiteral("%1 is not a table of this lab, which declares none: "
                                           "add an AWS::DynamoDB::Table (or "
                                           "AWS::Serverless::SimpleTable) and write !Ref <Table>")
                                .arg(*table)
                          : QStringLiteral("%1 is not a table of this lab (it has %2): write !Ref "
                                           "<Table>")
                                    .arg(*table, known.join(QStringLiteral(", "))) +
                                suggestion(*table, known));
        return false;
    }
    source->tableName = *table;
    return true;
}

bool AppSyncReader::refuseCode(const YAML::Node &keyNode, const YAML::Node &props,
                               const QString &field)
{
    if (!child(props, "Runtime").IsDefined() && !child(props, "Code").IsDefined() &&
        !child(props, "CodeS3Location").IsDefined())
        return false;
    m_eval->error(keyNode, field,
                  QStringLiteral("APPSYNC_JS resolver code is not emulated: leave out "
                                 "Runtime/Code and write VTL mapping templates "
                                 "(RequestMappingTemplate, ResponseMappingTemplate), or none for "
                                 "a direct Lambda resolver"));
    return true;
}

std::optional<Vtl::Template> AppSyncReader::readTemplate(const YAML::Node &props,
                                                         const char *inlineKey, const char *fileKey,
                                                         const QString &field, bool *ok)
{
    const bool inlined = child(props, inlineKey).IsDefined();
    const bool file = child(props, fileKey).IsDefined();
    if (!inlined && !file)
        return std::nullopt;
    const QString inlineField = field + QLatin1Char('.') + QLatin1String(inlineKey);
    const QString fileField = field + QLatin1Char('.') + QLatin1String(fileKey);
    *ok = false;
    if (inlined && file) {
        m_eval->error(child(props, fileKey), fileField,
                      QStringLiteral("give %1 or %2, not both")
                          .arg(QLatin1String(inlineKey), QLatin1String(fileKey)));
        return std::nullopt;
    }
    QString source;
    QString origin; // the file, when the template is one
    if (inlined) {
        const std::optional<QString> text = m_eval->evaluate(child(props, inlineKey), inlineField);
        if (!text)
            return std::nullopt;
        source = *text;
    } else {
        // As DefinitionS3Location: a file beside template.yaml, which sam package uploads to S3.
        const std::optional<QString> location = m_eval->evaluate(child(props, fileKey), fileField);
        if (!location)
            return std::nullopt;
        if (location->startsWith(QLatin1String("s3://"))) {
            m_eval->error(child(props, fileKey), fileField,
                          QStringLiteral("the emulator reads mapping templates from local files: "
                                         "write a path relative to template.yaml (sam package "
                                         "uploads it to S3 for AWS)"));
            return std::nullopt;
        }
        QFile f(QDir(m_lab->directory).filePath(*location));
        if (!f.open(QIODevice::ReadOnly)) {
            m_eval->error(child(props, fileKey), fileField,
                          QStringLiteral("cannot read the mapping template %1: %2")
                              .arg(f.fileName(), f.errorString()));
            return std::nullopt;
        }
        source = QString::fromUtf8(f.readAll());
        origin = QLatin1Char(' ') + f.fileName();
    }
    Core::Result<Vtl::Template> parsed = Vtl::Template::parse(source);
    if (!parsed) {
        // The position is within the template text (an inline block scalar's line 1 is the line
        // after the key), which is where the author looks.
        m_eval->error(child(props, inlined ? inlineKey : fileKey), inlined ? inlineField : fileField,
                      QStringLiteral("the mapping template%1 is not valid VTL at %2")
                          .arg(origin, parsed.error().message.trimmed()));
        return std::nullopt;
    }
    *ok = true;
    return std::move(parsed.value());
}

bool AppSyncReader::readTemplates(AppSyncMappingTemplates *templates, const YAML::Node &props,
                                  const QString &field)
{
    bool requestOk = true;
    bool responseOk = true;
    templates->request = readTemplate(props, "RequestMappingTemplate",
                                      "RequestMappingTemplateS3Location", field, &requestOk);
    templates->response = readTemplate(props, "ResponseMappingTemplate",
                                       "ResponseMappingTemplateS3Location", field, &responseOk);
    return requestOk && responseOk;
}

void AppSyncReader::readFunction(const QString &logicalId, const YAML::Node &keyNode,
                                 const YAML::Node &props)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    AppSyncApiConfig *api = apiFor(props, keyNode, field);
    if (!api || refuseCode(keyNode, props, field))
        return;
    AppSyncFunction function;
    function.logicalId = logicalId;
    function.functionId = functionIdFor(m_lab->name, logicalId);
    function.name = string(props, "Name", field, true).value_or(logicalId);
    const std::optional<QString> dsName = string(props, "DataSourceName", field, true);
    if (!dsName)
        return;
    const AppSyncDataSource *source = api->dataSource(*dsName);
    if (!source) {
        QStringList names;
        for (const AppSyncDataSource &d : std::as_const(api->dataSources))
            names.append(d.name);
        m_eval->error(child(props, "DataSourceName"), field + QStringLiteral(".DataSourceName"),
                      QStringLiteral("no data source named %1 on this API").arg(*dsName) +
                          suggestion(*dsName, names));
        return;
    }
    function.dataSource = *dsName;
    function.templates.origin = QStringLiteral("Resources.") + logicalId;
    if (!readTemplates(&function.templates, props, field))
        return;
    if (!function.templates.request && source->type != AppSyncDataSource::Type::Lambda) {
        m_eval->error(keyNode, field + QStringLiteral(".RequestMappingTemplate"),
                      QStringLiteral("a VTL pipeline function needs a request mapping template "
                                     "(only AWS_LAMBDA has a default: the direct event)"));
        return;
    }
    api->functions.append(function);
}

void AppSyncReader::readResolver(const QString &logicalId, const YAML::Node &keyNode,
                                 const YAML::Node &props)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    AppSyncApiConfig *api = apiFor(props, keyNode, field);
    if (!api)
        return;
    const std::optional<QString> typeName = string(props, "TypeName", field, true);
    const std::optional<QString> fieldName = string(props, "FieldName", field, true);
    if (!typeName || !fieldName || refuseCode(keyNode, props, field))
        return;
    AppSyncResolver resolver;
    resolver.typeName = *typeName;
    resolver.fieldName = *fieldName;
    resolver.templateLine = keyNode.Mark().line + 1;
    resolver.templates.origin = QStringLiteral("Resources.") + logicalId;
    const QString kind = string(props, "Kind", field, false).value_or(QStringLiteral("UNIT"));
    if (kind == QLatin1String("PIPELINE")) {
        resolver.kind = AppSyncResolver::Kind::Pipeline;
        if (!readPipeline(&resolver, *api, props, field))
            return;
    } else if (kind != QLatin1String("UNIT")) {
        m_eval->error(child(props, "Kind"), field + QStringLiteral(".Kind"),
                      QStringLiteral("Kind must be UNIT or PIPELINE, not %1").arg(kind));
        return;
    } else {
        const std::optional<QString> dsName = string(props, "DataSourceName", field, true);
        if (!dsName)
            return;
        const AppSyncDataSource *source = api->dataSource(*dsName);
        if (!source) {
            QStringList names;
            for (const AppSyncDataSource &d : std::as_const(api->dataSources))
                names.append(d.name);
            m_eval->error(child(props, "DataSourceName"),
                          field + QStringLiteral(".DataSourceName"),
                          QStringLiteral("no data source named %1 on this API").arg(*dsName) +
                              suggestion(*dsName, names));
            return;
        }
        resolver.dataSource = *dsName;
        if (!readTemplates(&resolver.templates, props, field))
            return;
        if (source->type == AppSyncDataSource::Type::DynamoDb && !resolver.templates.request) {
            m_eval->error(keyNode, field + QStringLiteral(".RequestMappingTemplate"),
                          QStringLiteral("an AMAZON_DYNAMODB resolver needs a request mapping "
                                         "template: the DynamoDB operation to run (e.g. "
                                         "{\"version\": \"2018-05-29\", \"operation\": "
                                         "\"GetItem\", \"key\": ...})"));
            return;
        }
    }
    if (api->resolver(*typeName, *fieldName)) {
        m_eval->error(keyNode, field,
                      QStringLiteral("%1.%2 already has a resolver").arg(*typeName, *fieldName));
        return;
    }
    api->resolvers.append(resolver);
}

// PipelineConfig.Functions (function ids, run in order) between the resolver's before and after
// templates, which AppSync requires for a VTL pipeline.
bool AppSyncReader::readPipeline(AppSyncResolver *resolver, const AppSyncApiConfig &api,
                                 const YAML::Node &props, const QString &field)
{
    const YAML::Node functions = child(child(props, "PipelineConfig"), "Functions");
    const QString at = field + QStringLiteral(".PipelineConfig.Functions");
    if (!functions.IsSequence() || functions.size() == 0) {
        m_eval->error(props, at,
                      QStringLiteral("a PIPELINE resolver needs PipelineConfig.Functions: a list "
                                     "of !GetAtt <Function>.FunctionId"));
        return false;
    }
    for (std::size_t i = 0; i < functions.size(); ++i) {
        const QString itemField = at + QStringLiteral("[%1]").arg(i);
        const std::optional<QString> id = m_eval->evaluate(functions[i], itemField);
        if (!id)
            return false;
        if (!api.function(*id)) {
            m_eval->error(functions[i], itemField,
                          QStringLiteral("%1 is not an AWS::AppSync::FunctionConfiguration of this "
                                         "API (write !GetAtt <Function>.FunctionId)")
                              .arg(*id));
            return false;
        }
        resolver->functions.append(*id);
    }
    if (!readTemplates(&resolver->templates, props, field))
        return false;
    if (!resolver->templates.request || !resolver->templates.response) {
        m_eval->error(props, field + QStringLiteral(".RequestMappingTemplate"),
                      QStringLiteral("a VTL PIPELINE resolver needs both its before "
                                     "(RequestMappingTemplate) and after "
                                     "(ResponseMappingTemplate) templates; {} and "
                                     "$util.toJson($ctx.prev.result) are the usual ones"));
        return false;
    }
    return true;
}

} // namespace Gatehouse::Emulator
