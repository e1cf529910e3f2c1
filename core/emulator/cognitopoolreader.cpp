#include "cognitopoolreader.h"

#include "templatenodes.h"

#include <QCryptographicHash>

#include <algorithm>

namespace Gatehouse::Emulator {

using namespace TemplateNodes;

namespace {

const QString kPoolType = QStringLiteral("AWS::Cognito::UserPool");
const QString kClientType = QStringLiteral("AWS::Cognito::UserPoolClient");
const QString kGroupType = QStringLiteral("AWS::Cognito::UserPoolGroup");
const QString kUserType = QStringLiteral("AWS::Cognito::UserPoolUser");
const QString kResourceServerType = QStringLiteral("AWS::Cognito::UserPoolResourceServer");

QString derived(const QString &seed, int length, const char *alphabet, int alphabetSize)
{
    QByteArray digest = QCryptographicHash::hash(seed.toUtf8(), QCryptographicHash::Sha256);
    digest += QCryptographicHash::hash(digest, QCryptographicHash::Sha256);
    QString out;
    for (int i = 0; i < length; ++i)
        out += QLatin1Char(alphabet[quint8(digest.at(i)) % alphabetSize]);
    return out;
}

bool typeIs(const YAML::Node &resource, const QString &type)
{
    const YAML::Node node = child(resource, "Type");
    return resource.IsMap() && node.IsScalar() && qstr(node.Scalar()) == type;
}

} // namespace

QStringList CognitoPoolReader::resourceTypes()
{
    return {kPoolType, kClientType, kGroupType, kUserType, kResourceServerType};
}

CognitoPoolReader::CognitoPoolReader(LabDefinition *lab, IntrinsicEvaluator *eval, const QString &region,
                                     const QString &accountId)
    : m_lab(lab), m_eval(eval), m_region(region), m_accountId(accountId)
{
}

QString CognitoPoolReader::poolIdFor(const QString &region, const QString &labName, const QString &logicalId)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    return region + QLatin1Char('_') + derived(QStringLiteral("pool/") + labName + QLatin1Char('/') + logicalId, 9, alphabet, 62);
}

QString CognitoPoolReader::clientIdFor(const QString &labName, const QString &logicalId)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    return derived(QStringLiteral("client/") + labName + QLatin1Char('/') + logicalId, 26, alphabet, 36);
}

QString CognitoPoolReader::clientSecretFor(const QString &labName, const QString &logicalId)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    return derived(QStringLiteral("secret/") + labName + QLatin1Char('/') + logicalId, 51, alphabet, 36);
}

void CognitoPoolReader::declare(const YAML::Node &resources)
{
    for (const auto &entry : resources) {
        const QString id = qstr(entry.first.Scalar());
        IntrinsicEvaluator::Resource resource;
        if (typeIs(entry.second, kPoolType)) {
            resource.type = kPoolType;
            resource.refValue = poolIdFor(m_region, m_lab->name, id);
            resource.attributes.insert(QStringLiteral("Arn"), QStringLiteral("arn:aws:cognito-idp:%1:%2:userpool/%3")
                                                                  .arg(m_region, m_accountId, resource.refValue));
            resource.attributes.insert(QStringLiteral("ProviderName"),
                                       QStringLiteral("cognito-idp.%1.amazonaws.com/%2").arg(m_region, resource.refValue));
            resource.attributes.insert(QStringLiteral("ProviderURL"),
                                       QStringLiteral("https://cognito-idp.%1.amazonaws.com/%2").arg(m_region, resource.refValue));
            resource.attributes.insert(QStringLiteral("UserPoolId"), resource.refValue);
        } else if (typeIs(entry.second, kClientType)) {
            resource.type = kClientType;
            resource.refValue = clientIdFor(m_lab->name, id);
            resource.attributes.insert(QStringLiteral("ClientId"), resource.refValue);
            resource.attributes.insert(QStringLiteral("ClientSecret"), clientSecretFor(m_lab->name, id));
            resource.attributes.insert(QStringLiteral("Name"), id);
        } else {
            continue;
        }
        m_eval->setResource(id, resource);
    }
}

void CognitoPoolReader::read(const YAML::Node &resources)
{
    for (const auto &entry : resources)
        if (typeIs(entry.second, kPoolType))
            readPool(qstr(entry.first.Scalar()), entry.second);
    // Resource servers before clients: a client's AllowedOAuthScopes name their scopes.
    for (const auto &entry : resources)
        if (typeIs(entry.second, kResourceServerType))
            readResourceServer(qstr(entry.first.Scalar()), entry.first, entry.second);
    for (const auto &entry : resources) {
        const QString id = qstr(entry.first.Scalar());
        if (typeIs(entry.second, kClientType))
            readClient(id, entry.first, entry.second);
        else if (typeIs(entry.second, kGroupType))
            readGroup(id, entry.first, entry.second);
    }
    for (const auto &entry : resources)
        if (typeIs(entry.second, kUserType))
            readUser(qstr(entry.first.Scalar()), entry.first, entry.second);
}

void CognitoPoolReader::checkKeys(const YAML::Node &map, const QString &field, const QStringList &supported,
                                  const QString &owner)
{
    if (!map.IsMap())
        return;
    for (const auto &entry : map) {
        const QString key = qstr(entry.first.Scalar());
        if (supported.contains(key))
            continue;
        const QString hint = suggestion(key, supported);
        if (!hint.isEmpty() && editDistance(key, closestName(key, supported)) <= 2)
            m_eval->error(entry.first, field + QLatin1Char('.') + key, QStringLiteral("unknown property of %1").arg(owner) + hint);
        else
            m_eval->warning(entry.first, field + QLatin1Char('.') + key,
                            QStringLiteral("has no effect in the emulator (kept for AWS)"));
    }
}

std::optional<QString> CognitoPoolReader::string(const YAML::Node &node, const QString &field)
{
    return m_eval->evaluate(node, field);
}

std::optional<QStringList> CognitoPoolReader::stringList(const YAML::Node &node, const QString &field)
{
    if (!node.IsSequence()) {
        m_eval->error(node, field, QStringLiteral("expected a list"));
        return std::nullopt;
    }
    QStringList out;
    for (std::size_t i = 0; i < node.size(); ++i) {
        const std::optional<QString> value = m_eval->evaluate(node[i], QStringLiteral("%1[%2]").arg(field).arg(i));
        if (!value)
            return std::nullopt;
        out.append(*value);
    }
    return out;
}

std::optional<qint64> CognitoPoolReader::integer(const YAML::Node &node, const QString &field, qint64 min, qint64 max)
{
    const std::optional<QString> text = m_eval->evaluate(node, field);
    if (!text)
        return std::nullopt;
    bool ok = false;
    const qint64 value = text->toLongLong(&ok);
    if (!ok || value < min || value > max) {
        m_eval->error(node, field, QStringLiteral("expected a whole number from %1 to %2, not %3").arg(min).arg(max).arg(*text));
        return std::nullopt;
    }
    return value;
}

std::optional<bool> CognitoPoolReader::boolean(const YAML::Node &node, const QString &field)
{
    const std::optional<QString> text = m_eval->evaluate(node, field);
    if (!text)
        return std::nullopt;
    if (text->compare(QStringLiteral("true"), Qt::CaseInsensitive) == 0)
        return true;
    if (text->compare(QStringLiteral("false"), Qt::CaseInsensitive) == 0)
        return false;
    m_eval->error(node, field, QStringLiteral("expected true or false, not %1").arg(*text));
    return std::nullopt;
}

void CognitoPoolReader::readPool(const QString &logicalId, const YAML::Node &resource)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    const YAML::Node props = child(resource, "Properties");
    CognitoPoolConfig pool;
    pool.logicalId = logicalId;
    pool.poolId = poolIdFor(m_region, m_lab->name, logicalId);
    pool.poolName = logicalId;
    checkKeys(props, field, {QStringLiteral("UserPoolName"), QStringLiteral("PoolName"), QStringLiteral("Policies"),
                             QStringLiteral("AutoVerifiedAttributes"), QStringLiteral("UsernameAttributes")},
              kPoolType);
    for (const char *key : {"UserPoolName", "PoolName"}) {
        const YAML::Node node = child(props, key);
        if (node.IsDefined())
            if (const auto name = string(node, field + QLatin1Char('.') + QLatin1String(key)))
                pool.poolName = *name;
    }
    readPasswordPolicy(&pool, props, field);
    if (const YAML::Node node = child(props, "AutoVerifiedAttributes"); node.IsDefined()) {
        if (const auto list = stringList(node, field + QStringLiteral(".AutoVerifiedAttributes"))) {
            for (const QString &attribute : *list)
                if (attribute != QLatin1String("email") && attribute != QLatin1String("phone_number"))
                    m_eval->error(node, field + QStringLiteral(".AutoVerifiedAttributes"),
                                  QStringLiteral("%1 cannot be verified automatically (email or phone_number)").arg(attribute));
            pool.autoVerifiedAttributes = *list;
        }
    }
    if (const YAML::Node node = child(props, "UsernameAttributes"); node.IsDefined()) {
        if (const auto list = stringList(node, field + QStringLiteral(".UsernameAttributes"))) {
            for (const QString &attribute : *list)
                if (attribute != QLatin1String("email") && attribute != QLatin1String("phone_number"))
                    m_eval->error(node, field + QStringLiteral(".UsernameAttributes"),
                                  QStringLiteral("%1 cannot be a user name (email or phone_number)").arg(attribute));
            pool.usernameAttributes = *list;
        }
    }
    m_lab->userPools.append(pool);
}

void CognitoPoolReader::readPasswordPolicy(CognitoPoolConfig *pool, const YAML::Node &props, const QString &field)
{
    const YAML::Node policies = child(props, "Policies");
    if (!policies.IsDefined())
        return;
    checkKeys(policies, field + QStringLiteral(".Policies"), {QStringLiteral("PasswordPolicy")}, kPoolType);
    const YAML::Node policy = child(policies, "PasswordPolicy");
    const QString path = field + QStringLiteral(".Policies.PasswordPolicy");
    if (!policy.IsDefined())
        return;
    if (!policy.IsMap()) {
        m_eval->error(policy, path, QStringLiteral("expected a map"));
        return;
    }
    checkKeys(policy, path, {QStringLiteral("MinimumLength"), QStringLiteral("RequireUppercase"),
                             QStringLiteral("RequireLowercase"), QStringLiteral("RequireNumbers"),
                             QStringLiteral("RequireSymbols"), QStringLiteral("TemporaryPasswordValidityDays")},
              QStringLiteral("PasswordPolicy"));
    CognitoPasswordPolicy &p = pool->passwordPolicy;
    if (const YAML::Node n = child(policy, "MinimumLength"); n.IsDefined())
        if (const auto v = integer(n, path + QStringLiteral(".MinimumLength"), 6, 99))
            p.minimumLength = int(*v);
    if (const YAML::Node n = child(policy, "TemporaryPasswordValidityDays"); n.IsDefined())
        if (const auto v = integer(n, path + QStringLiteral(".TemporaryPasswordValidityDays"), 0, 365))
            p.temporaryPasswordValidityDays = int(*v);
    const QList<QPair<const char *, bool *>> flags{{"RequireUppercase", &p.requireUppercase},
                                                   {"RequireLowercase", &p.requireLowercase},
                                                   {"RequireNumbers", &p.requireNumbers},
                                                   {"RequireSymbols", &p.requireSymbols}};
    for (const auto &flag : flags)
        if (const YAML::Node n = child(policy, flag.first); n.IsDefined())
            if (const auto v = boolean(n, path + QLatin1Char('.') + QLatin1String(flag.first)))
                *flag.second = *v;
}

CognitoPoolConfig *CognitoPoolReader::poolOf(const YAML::Node &props, const QString &field, const YAML::Node &at)
{
    const YAML::Node node = child(props, "UserPoolId");
    if (!node.IsDefined()) {
        m_eval->error(at, field + QStringLiteral(".UserPoolId"), QStringLiteral("missing UserPoolId (!Ref <UserPool>)"));
        return nullptr;
    }
    const std::optional<QString> id = m_eval->evaluate(node, field + QStringLiteral(".UserPoolId"));
    if (!id)
        return nullptr;
    for (CognitoPoolConfig &pool : m_lab->userPools)
        if (pool.poolId == *id)
            return &pool;
    m_eval->error(node, field + QStringLiteral(".UserPoolId"),
                  QStringLiteral("%1 is not a user pool of this template; use !Ref <UserPool>").arg(*id));
    return nullptr;
}

void CognitoPoolReader::readClient(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    const YAML::Node props = child(resource, "Properties");
    checkKeys(props, field, {QStringLiteral("UserPoolId"), QStringLiteral("ClientName"), QStringLiteral("GenerateSecret"),
                             QStringLiteral("ExplicitAuthFlows"), QStringLiteral("AccessTokenValidity"),
                             QStringLiteral("IdTokenValidity"), QStringLiteral("RefreshTokenValidity"),
                             QStringLiteral("TokenValidityUnits"), QStringLiteral("PreventUserExistenceErrors"),
                             QStringLiteral("AllowedOAuthFlows"), QStringLiteral("AllowedOAuthScopes"),
                             QStringLiteral("AllowedOAuthFlowsUserPoolClient")},
              kClientType);
    CognitoPoolConfig *pool = poolOf(props, field, keyNode);
    if (!pool)
        return;
    CognitoClientConfig client;
    client.logicalId = logicalId;
    client.clientId = clientIdFor(m_lab->name, logicalId);
    client.clientName = logicalId;
    if (const YAML::Node n = child(props, "ClientName"); n.IsDefined())
        if (const auto v = string(n, field + QStringLiteral(".ClientName")))
            client.clientName = *v;
    if (const YAML::Node n = child(props, "GenerateSecret"); n.IsDefined())
        if (const auto v = boolean(n, field + QStringLiteral(".GenerateSecret")); v && *v)
            client.clientSecret = clientSecretFor(m_lab->name, logicalId);
    if (const YAML::Node n = child(props, "ExplicitAuthFlows"); n.IsDefined()) {
        static const QStringList known{QStringLiteral("ALLOW_USER_PASSWORD_AUTH"), QStringLiteral("ALLOW_USER_SRP_AUTH"),
                                       QStringLiteral("ALLOW_REFRESH_TOKEN_AUTH"), QStringLiteral("ALLOW_ADMIN_USER_PASSWORD_AUTH"),
                                       QStringLiteral("ALLOW_CUSTOM_AUTH"), QStringLiteral("ALLOW_USER_AUTH")};
        if (const auto list = stringList(n, field + QStringLiteral(".ExplicitAuthFlows"))) {
            for (const QString &flow : *list)
                if (!known.contains(flow))
                    m_eval->error(n, field + QStringLiteral(".ExplicitAuthFlows"),
                                  QStringLiteral("unknown auth flow %1").arg(flow) + suggestion(flow, known));
            client.explicitAuthFlows = *list;
        }
    } else {
        // Cognito's default when none are given: SRP and refresh (and custom auth).
        client.explicitAuthFlows = {QStringLiteral("ALLOW_USER_SRP_AUTH"), QStringLiteral("ALLOW_REFRESH_TOKEN_AUTH"),
                                    QStringLiteral("ALLOW_CUSTOM_AUTH")};
    }
    if (const YAML::Node n = child(props, "PreventUserExistenceErrors"); n.IsDefined()) {
        if (const auto v = string(n, field + QStringLiteral(".PreventUserExistenceErrors"))) {
            if (*v == QLatin1String("ENABLED") || *v == QLatin1String("LEGACY"))
                client.preventUserExistenceErrors = *v == QLatin1String("ENABLED");
            else
                m_eval->error(n, field + QStringLiteral(".PreventUserExistenceErrors"),
                              QStringLiteral("expected ENABLED or LEGACY, not %1").arg(*v));
        }
    }
    readValidity(&client, props, field);
    readOAuth(&client, *pool, props, field);
    pool->clients.append(client);
}

// AllowedOAuthFlows/Scopes with the rules Cognito applies when a client is created:
// client_credentials only with a secret and never beside code or implicit, and every scope a
// standard one or "<resource server>/<scope>" of this pool.
void CognitoPoolReader::readOAuth(CognitoClientConfig *client, const CognitoPoolConfig &pool, const YAML::Node &props,
                                  const QString &field)
{
    if (const YAML::Node n = child(props, "AllowedOAuthFlowsUserPoolClient"); n.IsDefined())
        if (const auto v = boolean(n, field + QStringLiteral(".AllowedOAuthFlowsUserPoolClient")))
            client->allowedOAuthFlowsUserPoolClient = *v;
    if (const YAML::Node n = child(props, "AllowedOAuthFlows"); n.IsDefined()) {
        static const QStringList known{QStringLiteral("code"), QStringLiteral("implicit"),
                                       QStringLiteral("client_credentials")};
        if (const auto list = stringList(n, field + QStringLiteral(".AllowedOAuthFlows"))) {
            for (const QString &flow : *list)
                if (!known.contains(flow))
                    m_eval->error(n, field + QStringLiteral(".AllowedOAuthFlows"),
                                  QStringLiteral("unknown OAuth flow %1").arg(flow) + suggestion(flow, known));
            client->allowedOAuthFlows = *list;
        }
        const bool m2m = client->allowedOAuthFlows.contains(QStringLiteral("client_credentials"));
        if (m2m && client->allowedOAuthFlows.size() > 1)
            m_eval->error(n, field + QStringLiteral(".AllowedOAuthFlows"),
                          QStringLiteral("client_credentials cannot be combined with code or implicit; make a "
                                         "separate app client for machine-to-machine access"));
        if (m2m && client->clientSecret.isEmpty())
            m_eval->error(n, field + QStringLiteral(".AllowedOAuthFlows"),
                          QStringLiteral("client_credentials needs a client secret: add GenerateSecret: true"));
    }
    const YAML::Node scopes = child(props, "AllowedOAuthScopes");
    if (!scopes.IsDefined())
        return;
    const auto list = stringList(scopes, field + QStringLiteral(".AllowedOAuthScopes"));
    if (!list)
        return;
    static const QStringList standard{QStringLiteral("openid"), QStringLiteral("email"), QStringLiteral("phone"),
                                      QStringLiteral("profile"), QStringLiteral("aws.cognito.signin.user.admin")};
    QStringList custom;
    for (const CognitoResourceServerConfig &server : pool.resourceServers)
        for (const QString &name : server.scopeNames)
            custom.append(server.identifier + QLatin1Char('/') + name);
    for (const QString &scope : *list)
        if (!standard.contains(scope) && !custom.contains(scope))
            m_eval->error(scopes, field + QStringLiteral(".AllowedOAuthScopes"),
                          QStringLiteral("%1 is neither a standard scope nor a scope of a resource server of this "
                                         "pool (<Identifier>/<ScopeName>)")
                                  .arg(scope)
                              + suggestion(scope, standard + custom));
    client->allowedOAuthScopes = *list;
}

void CognitoPoolReader::readResourceServer(const QString &logicalId, const YAML::Node &keyNode,
                                           const YAML::Node &resource)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    const YAML::Node props = child(resource, "Properties");
    checkKeys(props, field, {QStringLiteral("UserPoolId"), QStringLiteral("Identifier"), QStringLiteral("Name"),
                             QStringLiteral("Scopes")},
              kResourceServerType);
    CognitoPoolConfig *pool = poolOf(props, field, keyNode);
    if (!pool)
        return;
    CognitoResourceServerConfig server;
    server.logicalId = logicalId;
    if (const YAML::Node n = child(props, "Identifier"); n.IsDefined()) {
        if (const auto v = string(n, field + QStringLiteral(".Identifier")))
            server.identifier = *v;
    } else {
        m_eval->error(keyNode, field + QStringLiteral(".Identifier"), QStringLiteral("missing Identifier"));
        return;
    }
    server.name = server.identifier;
    if (const YAML::Node n = child(props, "Name"); n.IsDefined())
        if (const auto v = string(n, field + QStringLiteral(".Name")))
            server.name = *v;
    if (const YAML::Node list = child(props, "Scopes"); list.IsDefined()) {
        if (!list.IsSequence()) {
            m_eval->error(list, field + QStringLiteral(".Scopes"),
                          QStringLiteral("expected a list of ScopeName/ScopeDescription pairs"));
        } else {
            for (std::size_t i = 0; i < list.size(); ++i) {
                const QString path = QStringLiteral("%1.Scopes[%2]").arg(field).arg(i);
                checkKeys(list[i], path, {QStringLiteral("ScopeName"), QStringLiteral("ScopeDescription")},
                          kResourceServerType);
                if (const auto name = string(child(list[i], "ScopeName"), path + QStringLiteral(".ScopeName")))
                    server.scopeNames.append(*name);
            }
        }
    }
    pool->resourceServers.append(server);
}

// Cognito's limits: access and ID tokens 5 minutes to 1 day, refresh tokens 1 hour to 10 years
// (3,650 days); units default to hours for access and ID tokens and days for refresh tokens.
void CognitoPoolReader::readValidity(CognitoClientConfig *client, const YAML::Node &props, const QString &field)
{
    const YAML::Node units = child(props, "TokenValidityUnits");
    if (units.IsDefined())
        checkKeys(units, field + QStringLiteral(".TokenValidityUnits"),
                  {QStringLiteral("AccessToken"), QStringLiteral("IdToken"), QStringLiteral("RefreshToken")},
                  QStringLiteral("TokenValidityUnits"));
    struct Token { const char *key; const char *unitKey; const char *defaultUnit; qint64 min; qint64 max; qint64 *out; };
    qint64 access = client->accessTokenSeconds;
    qint64 id = client->idTokenSeconds;
    qint64 refresh = client->refreshTokenSeconds;
    const Token tokens[] = {{"AccessTokenValidity", "AccessToken", "hours", 300, 86400, &access},
                            {"IdTokenValidity", "IdToken", "hours", 300, 86400, &id},
                            {"RefreshTokenValidity", "RefreshToken", "days", 3600, 3650LL * 86400, &refresh}};
    for (const Token &token : tokens) {
        QString unit = QLatin1String(token.defaultUnit);
        const QString unitField = field + QStringLiteral(".TokenValidityUnits.") + QLatin1String(token.unitKey);
        const YAML::Node unitNode = child(units, token.unitKey);
        if (unitNode.IsDefined())
            if (const auto v = string(unitNode, unitField))
                unit = *v;
        static const QList<QPair<QString, qint64>> scale{{QStringLiteral("seconds"), 1}, {QStringLiteral("minutes"), 60},
                                                         {QStringLiteral("hours"), 3600}, {QStringLiteral("days"), 86400}};
        qint64 factor = 0;
        for (const auto &s : scale)
            if (s.first == unit)
                factor = s.second;
        if (factor == 0) {
            m_eval->error(unitNode, unitField, QStringLiteral("expected seconds, minutes, hours or days, not %1").arg(unit));
            continue;
        }
        const YAML::Node node = child(props, token.key);
        if (!node.IsDefined())
            continue;
        const QString path = field + QLatin1Char('.') + QLatin1String(token.key);
        const std::optional<qint64> value = integer(node, path, 1, 315360000);
        if (!value)
            continue;
        const qint64 seconds = *value * factor;
        if (seconds < token.min || seconds > token.max) {
            m_eval->error(node, path, QStringLiteral("%1 %2 is outside Cognito's limits (%3 to %4 seconds)")
                                          .arg(*value).arg(unit).arg(token.min).arg(token.max));
            continue;
        }
        *token.out = seconds;
    }
    client->accessTokenSeconds = int(access);
    client->idTokenSeconds = int(id);
    client->refreshTokenSeconds = refresh;
}

void CognitoPoolReader::readGroup(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    const YAML::Node props = child(resource, "Properties");
    checkKeys(props, field, {QStringLiteral("UserPoolId"), QStringLiteral("GroupName"), QStringLiteral("Description"),
                             QStringLiteral("Precedence"), QStringLiteral("RoleArn")},
              kGroupType);
    CognitoPoolConfig *pool = poolOf(props, field, keyNode);
    if (!pool)
        return;
    CognitoGroupConfig group;
    group.logicalId = logicalId;
    group.groupName = logicalId;
    if (const YAML::Node n = child(props, "GroupName"); n.IsDefined())
        if (const auto v = string(n, field + QStringLiteral(".GroupName")))
            group.groupName = *v;
    if (const YAML::Node n = child(props, "Description"); n.IsDefined())
        if (const auto v = string(n, field + QStringLiteral(".Description")))
            group.description = *v;
    if (const YAML::Node n = child(props, "Precedence"); n.IsDefined())
        if (const auto v = integer(n, field + QStringLiteral(".Precedence"), 0, 2147483647))
            group.precedence = int(*v);
    pool->groups.append(group);
}

// Metadata.Gatehouse.Password (and .Groups): CloudFormation ignores Metadata, so a lab can
// give its demo users a password AWS would never take from a template.
void CognitoPoolReader::readUser(const QString &logicalId, const YAML::Node &keyNode, const YAML::Node &resource)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    const YAML::Node props = child(resource, "Properties");
    checkKeys(props, field, {QStringLiteral("UserPoolId"), QStringLiteral("Username"), QStringLiteral("UserAttributes"),
                             QStringLiteral("DesiredDeliveryMediums"), QStringLiteral("MessageAction")},
              kUserType);
    CognitoPoolConfig *pool = poolOf(props, field, keyNode);
    if (!pool)
        return;
    CognitoSeedUser user;
    user.logicalId = logicalId;
    if (const YAML::Node list = child(props, "UserAttributes"); list.IsDefined()) {
        if (!list.IsSequence()) {
            m_eval->error(list, field + QStringLiteral(".UserAttributes"), QStringLiteral("expected a list of Name/Value pairs"));
        } else {
            for (std::size_t i = 0; i < list.size(); ++i) {
                const QString path = QStringLiteral("%1.UserAttributes[%2]").arg(field).arg(i);
                const auto name = string(child(list[i], "Name"), path + QStringLiteral(".Name"));
                const auto value = string(child(list[i], "Value"), path + QStringLiteral(".Value"));
                if (name && value)
                    user.attributes.append({*name, *value});
            }
        }
    }
    if (const YAML::Node n = child(props, "Username"); n.IsDefined()) {
        if (const auto v = string(n, field + QStringLiteral(".Username")))
            user.username = *v;
    } else {
        for (const auto &attribute : std::as_const(user.attributes))
            if (pool->usernameAttributes.contains(attribute.first))
                user.username = attribute.second;
    }
    if (user.username.isEmpty()) {
        m_eval->error(keyNode, field + QStringLiteral(".Username"), QStringLiteral("missing Username"));
        return;
    }
    const YAML::Node gatehouse = child(child(resource, "Metadata"), "Gatehouse");
    const QString metaField = QStringLiteral("Resources.%1.Metadata.Gatehouse").arg(logicalId);
    if (gatehouse.IsDefined()) {
        checkKeys(gatehouse, metaField, {QStringLiteral("Password"), QStringLiteral("Groups")}, QStringLiteral("Metadata.Gatehouse"));
        if (const YAML::Node n = child(gatehouse, "Password"); n.IsDefined())
            if (const auto v = string(n, metaField + QStringLiteral(".Password")))
                user.password = *v;
        if (const YAML::Node n = child(gatehouse, "Groups"); n.IsDefined()) {
            if (const auto list = stringList(n, metaField + QStringLiteral(".Groups"))) {
                for (const QString &name : *list) {
                    const bool known = std::any_of(pool->groups.cbegin(), pool->groups.cend(),
                                                   [&](const CognitoGroupConfig &g) { return g.groupName == name; });
                    if (!known)
                        m_eval->error(n, metaField + QStringLiteral(".Groups"),
                                      QStringLiteral("%1 is not a group of pool %2").arg(name, pool->logicalId));
                }
                user.groups = *list;
            }
        }
    }
    for (const CognitoSeedUser &other : std::as_const(pool->users))
        if (other.username == user.username)
            m_eval->error(keyNode, field + QStringLiteral(".Username"),
                          QStringLiteral("user %1 already exists in pool %2").arg(user.username, pool->logicalId));
    pool->users.append(user);
}

} // namespace Gatehouse::Emulator
