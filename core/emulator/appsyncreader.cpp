#include "appsyncreader.h"

#include "core/graphql/schema.h"
#include "templatenodes.h"

#include <QDir>
#include <QFile>

namespace Gatehouse::Emulator {

using namespace TemplateNodes;

namespace {

const QString kApiType = QStringLiteral("AWS::AppSync::GraphQLApi");
const QString kSchemaType = QStringLiteral("AWS::AppSync::GraphQLSchema");
const QString kApiKeyType = QStringLiteral("AWS::AppSync::ApiKey");
const QString kDataSourceType = QStringLiteral("AWS::AppSync::DataSource");
const QString kResolverType = QStringLiteral("AWS::AppSync::Resolver");
const QString kFunctionType = QStringLiteral("AWS::AppSync::FunctionConfiguration");
const QString kSamApiType = QStringLiteral("AWS::Serverless::GraphQLApi");

} // namespace

QString AppSyncReader::functionFromArn(const QString &arn)
{
    static const QString marker = QStringLiteral(":function:");
    const qsizetype at = arn.indexOf(marker);
    return at < 0 ? arn : arn.mid(at + marker.size());
}

QString AppSyncAuthProvider::typeName() const
{
    switch (type) {
    case Type::ApiKey:
        return QStringLiteral("API_KEY");
    case Type::Iam:
        return QStringLiteral("AWS_IAM");
    case Type::UserPool:
        return QStringLiteral("AMAZON_COGNITO_USER_POOLS");
    case Type::OpenIdConnect:
        return QStringLiteral("OPENID_CONNECT");
    case Type::Lambda:
        return QStringLiteral("AWS_LAMBDA");
    }
    return {};
}

QString AppSyncAuthProvider::directive() const
{
    switch (type) {
    case Type::ApiKey:
        return QStringLiteral("aws_api_key");
    case Type::Iam:
        return QStringLiteral("aws_iam");
    case Type::UserPool:
        return QStringLiteral("aws_cognito_user_pools");
    case Type::OpenIdConnect:
        return QStringLiteral("aws_oidc");
    case Type::Lambda:
        return QStringLiteral("aws_lambda");
    }
    return {};
}

QStringList AppSyncReader::resourceTypes()
{
    return {kApiType,      kSchemaType,   kApiKeyType, kDataSourceType,
            kResolverType, kFunctionType, kSamApiType};
}

QString AppSyncReader::apiIdFor(const QString &labName, const QString &logicalId)
{
    return stableId(QStringLiteral("appsync/") + labName + QLatin1Char('/') + logicalId, 26);
}

QString AppSyncReader::functionIdFor(const QString &labName, const QString &logicalId)
{
    return stableId(QStringLiteral("appsync-function/") + labName + QLatin1Char('/') + logicalId,
                    26);
}

AppSyncReader::AppSyncReader(LabDefinition *lab, IntrinsicEvaluator *eval)
    : m_lab(lab)
    , m_eval(eval)
{}

void AppSyncReader::declare(const YAML::Node &resources)
{
    for (const auto &entry : resources) {
        const QString type = resourceType(entry.second);
        const QString id = qstr(entry.first.Scalar());
        IntrinsicEvaluator::Resource resource;
        resource.type = type;
        if (type == kApiType) {
            const QString apiId = apiIdFor(m_lab->name, id);
            resource.refValue =
                QStringLiteral("arn:aws:appsync:us-east-1:123456789012:apis/") + apiId;
            resource.attributes.insert(QStringLiteral("ApiId"), apiId);
            resource.attributes.insert(QStringLiteral("Arn"), resource.refValue);
            resource.attributes.insert(
                QStringLiteral("GraphQLUrl"),
                QStringLiteral("https://%1.appsync-api.us-east-1.amazonaws.com/graphql")
                    .arg(apiId));
            resource.attributes.insert(
                QStringLiteral("RealtimeUrl"),
                QStringLiteral("wss://%1.appsync-realtime-api.us-east-1.amazonaws.com/graphql")
                    .arg(apiId));
        } else if (type == kApiKeyType) {
            const QString key =
                QStringLiteral("da2-") +
                stableId(QStringLiteral("appsync-key/") + m_lab->name + QLatin1Char('/') + id, 26);
            resource.refValue = key;
            resource.attributes.insert(QStringLiteral("ApiKey"), key);
        } else if (type == kDataSourceType) {
            // Resolvers name it by !GetAtt <DataSource>.Name; a plain scalar Name is known already.
            const YAML::Node name = child(child(entry.second, "Properties"), "Name");
            const QString dsName = name.IsScalar() ? qstr(name.Scalar()) : id;
            resource.refValue = dsName;
            resource.attributes.insert(QStringLiteral("Name"), dsName);
        } else if (type == kFunctionType) {
            // Pipeline resolvers list their functions by !GetAtt <Function>.FunctionId.
            const QString functionId = functionIdFor(m_lab->name, id);
            resource.refValue = QStringLiteral("arn:aws:appsync:us-east-1:123456789012:apis/"
                                               "functions/") +
                                functionId;
            resource.attributes.insert(QStringLiteral("FunctionId"), functionId);
            resource.attributes.insert(QStringLiteral("FunctionArn"), resource.refValue);
            const YAML::Node name = child(child(entry.second, "Properties"), "Name");
            resource.attributes.insert(QStringLiteral("Name"),
                                       name.IsScalar() ? qstr(name.Scalar()) : id);
        } else {
            continue;
        }
        m_eval->setResource(id, resource);
    }
}

void AppSyncReader::read(const YAML::Node &resources)
{
    // SAM's GraphQL API resolves every field with APPSYNC_JS pipeline functions (its Resolvers and
    // Functions take no other runtime), which the emulator does not run: say so, and what works.
    for (const auto &entry : resources) {
        if (resourceType(entry.second) == kSamApiType)
            m_eval->error(
                child(entry.second, "Type"),
                QStringLiteral("Resources.%1.Type").arg(qstr(entry.first.Scalar())),
                QStringLiteral(
                    "AWS::Serverless::GraphQLApi is not emulated: SAM resolves its fields with "
                    "APPSYNC_JS pipeline functions, which the emulator does not run. Declare "
                    "AWS::AppSync::GraphQLApi with direct Lambda or VTL resolvers instead (see "
                    "resources/labs/travel)"));
    }
    // APIs first: every other resource names one by ApiId; functions before the resolvers that
    // list them.
    forEachResource(resources, {kApiType, kSchemaType, kApiKeyType, kDataSourceType, kFunctionType, kResolverType},
                    m_eval, [this](const QString &wanted, const QString &id, const YAML::Node &key, const YAML::Node &props) {
                        if (wanted == kApiType)
                            readApi(id, key, props);
                        else if (wanted == kSchemaType)
                            readSchema(id, key, props);
                        else if (wanted == kApiKeyType)
                            readApiKey(id, key, props);
                        else if (wanted == kDataSourceType)
                            readDataSource(id, key, props);
                        else if (wanted == kFunctionType)
                            readFunction(id, key, props);
                        else
                            readResolver(id, key, props);
                    });
    for (const AppSyncApiConfig &api : std::as_const(m_lab->graphQlApis))
        checkSchema(api, child(resources, api.logicalId.toStdString().c_str()));
}

// The schema must build (AppSync's scalars and directives predefined) and every resolver must
// name a field of it, as AppSync refuses such a deployment.
void AppSyncReader::checkSchema(const AppSyncApiConfig &api, const YAML::Node &resource)
{
    const QString field = QStringLiteral("Resources.%1").arg(api.logicalId);
    if (api.schemaSdl.isEmpty()) {
        m_eval->error(
            resource, field,
            QStringLiteral("the GraphQL API %1 has no schema: add an AWS::AppSync::GraphQLSchema "
                           "with ApiId: !GetAtt %1.ApiId and a Definition")
                .arg(api.logicalId));
        return;
    }
    Core::GraphQL::SchemaOptions options;
    options.appSync = true;
    const Core::Result<Core::GraphQL::Schema> schema =
        Core::GraphQL::Schema::fromSdl(api.schemaSdl, options);
    if (!schema) {
        m_eval->error(resource, field,
                      QStringLiteral("the schema of %1 (%2) is not valid: %3")
                          .arg(api.logicalId, api.schemaOrigin, schema.error().message));
        return;
    }
    for (const AppSyncResolver &r : api.resolvers) {
        const Core::GraphQL::NamedType *type = schema->type(r.typeName);
        if (!type || !type->field(r.fieldName))
            m_eval->error(resource, field,
                          QStringLiteral("a resolver names %1.%2, which the schema does not define")
                              .arg(r.typeName, r.fieldName));
    }
}

std::optional<QString> AppSyncReader::string(const YAML::Node &props, const char *key,
                                             const QString &field, bool required)
{
    const YAML::Node node = child(props, key);
    const QString at = field + QLatin1Char('.') + QLatin1String(key);
    if (!node.IsDefined()) {
        if (required)
            m_eval->error(props, at, QStringLiteral("%1 is required").arg(QLatin1String(key)));
        return std::nullopt;
    }
    return m_eval->evaluate(node, at);
}

AppSyncApiConfig *AppSyncReader::apiFor(const YAML::Node &props, const YAML::Node &keyNode,
                                        const QString &field)
{
    Q_UNUSED(keyNode);
    const std::optional<QString> apiId = string(props, "ApiId", field, true);
    if (!apiId)
        return nullptr;
    for (AppSyncApiConfig &api : m_lab->graphQlApis) {
        if (api.apiId == *apiId)
            return &api;
    }
    m_eval->error(
        child(props, "ApiId"), field + QStringLiteral(".ApiId"),
        QStringLiteral(
            "ApiId must name an AWS::AppSync::GraphQLApi of this template (!GetAtt <Api>.ApiId)"));
    return nullptr;
}

bool AppSyncReader::readProvider(AppSyncAuthProvider *provider, const YAML::Node &node,
                                 const QString &field)
{
    const std::optional<QString> type = string(node, "AuthenticationType", field, true);
    if (!type)
        return false;
    const QStringList known{QStringLiteral("API_KEY"), QStringLiteral("AWS_IAM"),
                            QStringLiteral("AMAZON_COGNITO_USER_POOLS"),
                            QStringLiteral("OPENID_CONNECT"), QStringLiteral("AWS_LAMBDA")};
    const QString at = field + QStringLiteral(".AuthenticationType");
    switch (known.indexOf(*type)) {
    case 0:
        provider->type = AppSyncAuthProvider::Type::ApiKey;
        return true;
    case 1:
        provider->type = AppSyncAuthProvider::Type::Iam;
        return true;
    case 2: {
        provider->type = AppSyncAuthProvider::Type::UserPool;
        // The API's own config is UserPoolConfig, an additional provider's CognitoUserPoolConfig.
        YAML::Node config = child(node, "UserPoolConfig");
        QString configField = field + QStringLiteral(".UserPoolConfig");
        if (!config.IsDefined()) {
            config = child(node, "CognitoUserPoolConfig");
            configField = field + QStringLiteral(".CognitoUserPoolConfig");
        }
        if (!config.IsMap()) {
            m_eval->error(
                node, configField,
                QStringLiteral(
                    "AMAZON_COGNITO_USER_POOLS needs a user pool config with UserPoolId"));
            return false;
        }
        const std::optional<QString> pool = string(config, "UserPoolId", configField, true);
        if (!pool)
            return false;
        provider->userPoolId = *pool;
        bool labPool = false;
        for (const CognitoPoolConfig &p : std::as_const(m_lab->userPools))
            labPool = labPool || p.poolId == *pool;
        if (!labPool) {
            m_eval->error(child(config, "UserPoolId"), configField + QStringLiteral(".UserPoolId"),
                          QStringLiteral("the emulator checks tokens of the lab's own user pools "
                                         "only: use !Ref <UserPool> "
                                         "of this template"));
            return false;
        }
        provider->appIdClientRegex =
            string(config, "AppIdClientRegex", configField, false).value_or(QString());
        return true;
    }
    case 3: {
        provider->type = AppSyncAuthProvider::Type::OpenIdConnect;
        const YAML::Node config = child(node, "OpenIDConnectConfig");
        const QString configField = field + QStringLiteral(".OpenIDConnectConfig");
        if (!config.IsMap()) {
            m_eval->error(node, configField,
                          QStringLiteral("OPENID_CONNECT needs OpenIDConnectConfig with Issuer"));
            return false;
        }
        const std::optional<QString> issuer = string(config, "Issuer", configField, true);
        if (!issuer)
            return false;
        provider->oidcIssuer = *issuer;
        provider->oidcClientId = string(config, "ClientId", configField, false).value_or(QString());
        // AppSync's IatTTL and AuthTTL are milliseconds (0 or absent: not checked).
        for (const auto &[key, target] : {std::pair{"IatTTL", &provider->oidcIatTtlMs},
                                          std::pair{"AuthTTL", &provider->oidcAuthTtlMs}}) {
            const QString text = string(config, key, configField, false).value_or(QString());
            bool ok = true;
            const qint64 ms = text.isEmpty() ? 0 : text.toLongLong(&ok);
            if (!ok || ms < 0) {
                m_eval->error(node, configField + QLatin1Char('.') + QLatin1String(key),
                              QStringLiteral("%1 must be a number of milliseconds, not %2")
                                  .arg(QLatin1String(key), text));
                return false;
            }
            *target = ms;
        }
        return true;
    }
    case 4: {
        provider->type = AppSyncAuthProvider::Type::Lambda;
        const YAML::Node config = child(node, "LambdaAuthorizerConfig");
        const QString configField = field + QStringLiteral(".LambdaAuthorizerConfig");
        if (!config.IsMap()) {
            m_eval->error(
                node, configField,
                QStringLiteral("AWS_LAMBDA needs LambdaAuthorizerConfig with AuthorizerUri"));
            return false;
        }
        const std::optional<QString> uri = string(config, "AuthorizerUri", configField, true);
        if (!uri)
            return false;
        provider->authorizerFunction = functionFromArn(*uri);
        return true;
    }
    default:
        m_eval->error(child(node, "AuthenticationType"), at,
                      QStringLiteral("unknown AuthenticationType %1 (one of %2)")
                          .arg(*type, known.join(QStringLiteral(", "))));
        return false;
    }
}

void AppSyncReader::readApi(const QString &logicalId, const YAML::Node &keyNode,
                            const YAML::Node &props)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    AppSyncApiConfig api;
    api.logicalId = logicalId;
    api.apiId = apiIdFor(m_lab->name, logicalId);
    api.name = string(props, "Name", field, true).value_or(logicalId);
    api.templateLine = keyNode.Mark().line + 1;
    if (!readProvider(&api.defaultAuth, props, field))
        return;
    const YAML::Node additional = child(props, "AdditionalAuthenticationProviders");
    if (additional.IsDefined()) {
        if (!additional.IsSequence()) {
            m_eval->error(additional, field + QStringLiteral(".AdditionalAuthenticationProviders"),
                          QStringLiteral("AdditionalAuthenticationProviders must be a list"));
            return;
        }
        for (std::size_t i = 0; i < additional.size(); ++i) {
            AppSyncAuthProvider provider;
            if (!readProvider(&provider, additional[i],
                              field +
                                  QStringLiteral(".AdditionalAuthenticationProviders[%1]").arg(i)))
                return;
            api.additionalAuth.append(provider);
        }
    }
    m_lab->graphQlApis.append(api);
}

void AppSyncReader::readSchema(const QString &logicalId, const YAML::Node &keyNode,
                               const YAML::Node &props)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    AppSyncApiConfig *api = apiFor(props, keyNode, field);
    if (!api)
        return;
    if (const std::optional<QString> inlineSdl = string(props, "Definition", field, false)) {
        api->schemaSdl = inlineSdl->toUtf8();
        api->schemaOrigin = field + QStringLiteral(".Definition");
        return;
    }
    const std::optional<QString> location = string(props, "DefinitionS3Location", field, false);
    if (!location) {
        m_eval->error(
            keyNode, field,
            QStringLiteral("a GraphQLSchema needs Definition (the SDL) or DefinitionS3Location "
                           "(a file beside template.yaml)"));
        return;
    }
    if (location->startsWith(QLatin1String("s3://"))) {
        m_eval->error(
            child(props, "DefinitionS3Location"), field + QStringLiteral(".DefinitionS3Location"),
            QStringLiteral(
                "the emulator reads the schema from a local file: write a path relative to "
                "template.yaml (sam package uploads it to S3 for AWS)"));
        return;
    }
    QFile file(QDir(m_lab->directory).filePath(*location));
    if (!file.open(QIODevice::ReadOnly)) {
        m_eval->error(child(props, "DefinitionS3Location"),
                      field + QStringLiteral(".DefinitionS3Location"),
                      QStringLiteral("cannot read the schema file %1: %2")
                          .arg(file.fileName(), file.errorString()));
        return;
    }
    api->schemaSdl = file.readAll();
    api->schemaOrigin = file.fileName();
}

void AppSyncReader::readApiKey(const QString &logicalId, const YAML::Node &keyNode,
                               const YAML::Node &props)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    AppSyncApiConfig *api = apiFor(props, keyNode, field);
    if (!api)
        return;
    AppSyncApiKey key;
    key.logicalId = logicalId;
    key.id =
        QStringLiteral("da2-") +
        stableId(QStringLiteral("appsync-key/") + m_lab->name + QLatin1Char('/') + logicalId, 26);
    key.description = string(props, "Description", field, false).value_or(QString());
    api->apiKeys.append(key);
}

} // namespace Gatehouse::Emulator
