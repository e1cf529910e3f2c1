#include "cognitoidentitypoolreader.h"

#include "templatenodes.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QUuid>
#include <algorithm>

namespace Gatehouse::Emulator {

using namespace TemplateNodes;

namespace {

const QString kIdentityPoolType = QStringLiteral("AWS::Cognito::IdentityPool");
const QString kAttachmentType = QStringLiteral("AWS::Cognito::IdentityPoolRoleAttachment");
const QString kRoleType = QStringLiteral("AWS::IAM::Role");

bool typeIs(const YAML::Node &resource, const QString &type)
{
    const YAML::Node node = child(resource, "Type");
    return resource.IsMap() && node.IsScalar() && qstr(node.Scalar()) == type;
}

QString providerNameOf(const QString &region, const QString &poolId)
{
    return QStringLiteral("cognito-idp.%1.amazonaws.com/%2").arg(region, poolId);
}

} // namespace

QString CognitoIdentityPoolReader::identityPoolType()
{
    return kIdentityPoolType;
}

QString CognitoIdentityPoolReader::roleAttachmentType()
{
    return kAttachmentType;
}

QStringList CognitoIdentityPoolReader::resourceTypes()
{
    return {kIdentityPoolType, kAttachmentType, kRoleType};
}

CognitoIdentityPoolReader::CognitoIdentityPoolReader(LabDefinition *lab, IntrinsicEvaluator *eval,
                                                     const QString &region,
                                                     const QString &accountId)
    : m_lab(lab)
    , m_eval(eval)
    , m_region(region)
    , m_accountId(accountId)
{}

QString CognitoIdentityPoolReader::identityPoolIdFor(const QString &region, const QString &labName,
                                                     const QString &logicalId)
{
    static const QUuid space(QStringLiteral("{5d0a4c8e-2f7b-4c1e-9a36-6b1f0d3e7c52}"));
    const QUuid id =
        QUuid::createUuidV5(space, QStringLiteral("identitypool/%1/%2").arg(labName, logicalId));
    return region + QLatin1Char(':') + id.toString(QUuid::WithoutBraces);
}

QString CognitoIdentityPoolReader::roleNameFor(const QString &labName, const QString &logicalId)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    const QByteArray digest = QCryptographicHash::hash(
        QStringLiteral("role/%1/%2").arg(labName, logicalId).toUtf8(), QCryptographicHash::Sha256);
    QString suffix;
    for (int i = 0; i < 12; ++i)
        suffix += QLatin1Char(alphabet[quint8(digest.at(i)) % 36]);
    // IAM allows 64 characters; CloudFormation shortens the stack and logical parts to fit.
    return labName.left(25) + QLatin1Char('-') + logicalId.left(25) + QLatin1Char('-') + suffix;
}

void CognitoIdentityPoolReader::declare(const YAML::Node &resources)
{
    for (const auto &entry : resources) {
        const QString id = qstr(entry.first.Scalar());
        if (typeIs(entry.second, kRoleType)) {
            declareRole(id, entry.second);
        } else if (typeIs(entry.second, kIdentityPoolType)) {
            IntrinsicEvaluator::Resource resource;
            resource.type = kIdentityPoolType;
            resource.refValue = identityPoolIdFor(m_region, m_lab->name, id);
            resource.attributes.insert(QStringLiteral("Id"), resource.refValue);
            const YAML::Node name = child(child(entry.second, "Properties"), "IdentityPoolName");
            resource.attributes.insert(QStringLiteral("Name"),
                                       name.IsScalar() ? qstr(name.Scalar()) : id);
            m_eval->setResource(id, resource);
        } else if (typeIs(entry.second, kAttachmentType)) {
            IntrinsicEvaluator::Resource resource;
            resource.type = kAttachmentType;
            resource.refValue = id;
            m_eval->setResource(id, resource);
        }
    }
}

// Ref gives the role's name, GetAtt its Arn and RoleId, as CloudFormation does.
void CognitoIdentityPoolReader::declareRole(const QString &logicalId, const YAML::Node &resource)
{
    const YAML::Node props = child(resource, "Properties");
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    QString name = roleNameFor(m_lab->name, logicalId);
    if (const YAML::Node n = child(props, "RoleName"); n.IsDefined())
        if (const auto v = m_eval->evaluate(n, field + QStringLiteral(".RoleName")))
            name = *v;
    QString path = QStringLiteral("/");
    if (const YAML::Node n = child(props, "Path"); n.IsDefined()) {
        if (const auto v = m_eval->evaluate(n, field + QStringLiteral(".Path"))) {
            if (v->startsWith(QLatin1Char('/')) && v->endsWith(QLatin1Char('/')))
                path = *v;
            else
                m_eval->error(n, field + QStringLiteral(".Path"),
                              QStringLiteral("a role path starts and ends with /, not %1").arg(*v));
        }
    }
    IntrinsicEvaluator::Resource role;
    role.type = kRoleType;
    role.refValue = name;
    const QString arn = QStringLiteral("arn:aws:iam::%1:role%2%3").arg(m_accountId, path, name);
    role.attributes.insert(QStringLiteral("Arn"), arn);
    m_roleArns.insert(logicalId, arn);
    role.attributes.insert(
        QStringLiteral("RoleId"),
        QStringLiteral("AROA") +
            QString::fromLatin1(QCryptographicHash::hash(arn.toUtf8(), QCryptographicHash::Sha256)
                                    .toHex()
                                    .toUpper()
                                    .left(17)));
    m_eval->setResource(logicalId, role);
}

void CognitoIdentityPoolReader::read(const YAML::Node &resources)
{
    for (const auto &entry : resources)
        if (typeIs(entry.second, kIdentityPoolType))
            readPool(qstr(entry.first.Scalar()), entry.first, entry.second);
    for (const auto &entry : resources)
        if (typeIs(entry.second, kAttachmentType))
            readAttachment(qstr(entry.first.Scalar()), entry.first, entry.second);
    warnUnusedRoles(resources);
}

// A role only AppSync may assume: an AppSync data source's service role, which AWS needs and the
// emulator's AppSync does without, so it is no "unused role" worth a warning.
static bool assumedOnlyByAppSync(const YAML::Node &resource)
{
    const YAML::Node statements =
        child(child(child(resource, "Properties"), "AssumeRolePolicyDocument"), "Statement");
    if (!statements.IsSequence() || statements.size() == 0)
        return false;
    for (const YAML::Node &statement : statements) {
        const YAML::Node service = child(child(statement, "Principal"), "Service");
        if (service.IsScalar()) {
            if (service.Scalar() != "appsync.amazonaws.com")
                return false;
        } else if (service.IsSequence() && service.size() > 0) {
            for (const YAML::Node &name : service)
                if (!name.IsScalar() || name.Scalar() != "appsync.amazonaws.com")
                    return false;
        } else {
            return false;
        }
    }
    return true;
}

// A role no attachment names is what it always was in a lab: kept for AWS, unused here.
void CognitoIdentityPoolReader::warnUnusedRoles(const YAML::Node &resources)
{
    for (const auto &entry : resources) {
        const QString id = qstr(entry.first.Scalar());
        if (!typeIs(entry.second, kRoleType) || m_usedRoleArns.contains(m_roleArns.value(id))
            || assumedOnlyByAppSync(entry.second))
            continue;
        m_eval->warning(
            child(entry.second, "Type"), QStringLiteral("Resources.%1.Type").arg(id),
            QStringLiteral("%1 has no effect in the emulator (kept for AWS)").arg(kRoleType));
    }
}

void CognitoIdentityPoolReader::checkKeys(const YAML::Node &map, const QString &field,
                                          const QStringList &supported,
                                          const QStringList &noLocalEffect, const QString &owner)
{
    if (!map.IsMap())
        return;
    for (const auto &entry : map) {
        const QString key = qstr(entry.first.Scalar());
        const QString path = field + QLatin1Char('.') + key;
        if (supported.contains(key))
            continue;
        if (noLocalEffect.contains(key)) {
            m_eval->warning(entry.first, path,
                            QStringLiteral("has no effect in the emulator (kept for AWS)"));
            continue;
        }
        m_eval->error(entry.first, path,
                      QStringLiteral("unknown property of %1").arg(owner) +
                          suggestion(key, supported + noLocalEffect));
    }
}

std::optional<bool> CognitoIdentityPoolReader::boolean(const YAML::Node &node, const QString &field)
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

void CognitoIdentityPoolReader::readPool(const QString &logicalId, const YAML::Node &keyNode,
                                         const YAML::Node &resource)
{
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    const YAML::Node props = child(resource, "Properties");
    checkKeys(props, field,
              {QStringLiteral("IdentityPoolName"), QStringLiteral("AllowUnauthenticatedIdentities"),
               QStringLiteral("AllowClassicFlow"), QStringLiteral("CognitoIdentityProviders")},
              {QStringLiteral("IdentityPoolTags"), QStringLiteral("CognitoStreams"),
               QStringLiteral("PushSync"), QStringLiteral("CognitoEvents"),
               QStringLiteral("SupportedLoginProviders"), QStringLiteral("DeveloperProviderName"),
               QStringLiteral("OpenIdConnectProviderARNs"), QStringLiteral("SamlProviderARNs")},
              kIdentityPoolType);
    CognitoIdentityPoolConfig pool;
    pool.logicalId = logicalId;
    pool.identityPoolId = identityPoolIdFor(m_region, m_lab->name, logicalId);
    pool.poolName = logicalId;
    if (const YAML::Node n = child(props, "IdentityPoolName"); n.IsDefined()) {
        static const QRegularExpression pattern(QStringLiteral("^[\\w ]{1,128}$"));
        if (const auto v = m_eval->evaluate(n, field + QStringLiteral(".IdentityPoolName"))) {
            if (!pattern.match(*v).hasMatch())
                m_eval->error(
                    n, field + QStringLiteral(".IdentityPoolName"),
                    QStringLiteral(
                        "an identity pool name has 1 to 128 letters, digits, _ and spaces, not %1")
                        .arg(*v));
            pool.poolName = *v;
        }
    }
    if (const YAML::Node n = child(props, "AllowUnauthenticatedIdentities"); n.IsDefined()) {
        if (const auto v = boolean(n, field + QStringLiteral(".AllowUnauthenticatedIdentities")))
            pool.allowUnauthenticated = *v;
    } else {
        m_eval->error(
            keyNode, field + QStringLiteral(".AllowUnauthenticatedIdentities"),
            QStringLiteral("missing AllowUnauthenticatedIdentities (required: true or false)"));
    }
    if (const YAML::Node n = child(props, "AllowClassicFlow"); n.IsDefined())
        if (const auto v = boolean(n, field + QStringLiteral(".AllowClassicFlow")))
            pool.allowClassicFlow = *v;
    if (const YAML::Node n = child(props, "CognitoIdentityProviders"); n.IsDefined())
        readProviders(&pool, n, field + QStringLiteral(".CognitoIdentityProviders"));
    m_lab->identityPools.append(pool);
}

// Each provider must be an app client of a user pool of this lab: the emulator verifies only
// the tokens its own Cognito signs.
void CognitoIdentityPoolReader::readProviders(CognitoIdentityPoolConfig *pool,
                                              const YAML::Node &list, const QString &field)
{
    if (!list.IsSequence()) {
        m_eval->error(list, field,
                      QStringLiteral("expected a list of ClientId/ProviderName pairs"));
        return;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
        const QString path = QStringLiteral("%1[%2]").arg(field).arg(i);
        checkKeys(list[i], path, {QStringLiteral("ClientId"), QStringLiteral("ProviderName")},
                  {QStringLiteral("ServerSideTokenCheck")},
                  QStringLiteral("a Cognito identity provider"));
        const YAML::Node clientNode = child(list[i], "ClientId");
        const YAML::Node nameNode = child(list[i], "ProviderName");
        if (!clientNode.IsDefined() || !nameNode.IsDefined()) {
            m_eval->error(list[i], path,
                          QStringLiteral("needs ClientId (!Ref <UserPoolClient>) and ProviderName "
                                         "(!GetAtt <UserPool>.ProviderName)"));
            continue;
        }
        const auto clientId = m_eval->evaluate(clientNode, path + QStringLiteral(".ClientId"));
        const auto providerName =
            m_eval->evaluate(nameNode, path + QStringLiteral(".ProviderName"));
        if (!clientId || !providerName)
            continue;
        const CognitoPoolConfig *userPool = nullptr;
        for (const CognitoPoolConfig &candidate : std::as_const(m_lab->userPools))
            if (providerNameOf(m_region, candidate.poolId) == *providerName)
                userPool = &candidate;
        if (!userPool) {
            m_eval->error(
                nameNode, path + QStringLiteral(".ProviderName"),
                QStringLiteral(
                    "%1 is not a user pool of this template; use !GetAtt <UserPool>.ProviderName")
                    .arg(*providerName));
            continue;
        }
        const bool known =
            std::any_of(userPool->clients.cbegin(), userPool->clients.cend(),
                        [&](const CognitoClientConfig &c) { return c.clientId == *clientId; });
        if (!known) {
            m_eval->error(clientNode, path + QStringLiteral(".ClientId"),
                          QStringLiteral("%1 is not an app client of %2; use !Ref <UserPoolClient>")
                              .arg(*clientId, userPool->logicalId));
            continue;
        }
        pool->providers.append({*providerName, userPool->poolId, *clientId});
    }
}

void CognitoIdentityPoolReader::readAttachment(const QString &logicalId, const YAML::Node &keyNode,
                                               const YAML::Node &resource)
{
    static const QRegularExpression roleArn(
        QStringLiteral("^arn:aws[a-z-]*:iam::\\d{12}:role/(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}$"));
    const QString field = QStringLiteral("Resources.%1.Properties").arg(logicalId);
    const YAML::Node props = child(resource, "Properties");
    checkKeys(props, field, {QStringLiteral("IdentityPoolId"), QStringLiteral("Roles")},
              {QStringLiteral("RoleMappings")}, kAttachmentType);
    const YAML::Node idNode = child(props, "IdentityPoolId");
    if (!idNode.IsDefined()) {
        m_eval->error(keyNode, field + QStringLiteral(".IdentityPoolId"),
                      QStringLiteral("missing IdentityPoolId (!Ref <IdentityPool>)"));
        return;
    }
    const auto id = m_eval->evaluate(idNode, field + QStringLiteral(".IdentityPoolId"));
    if (!id)
        return;
    CognitoIdentityPoolConfig *pool = nullptr;
    for (CognitoIdentityPoolConfig &candidate : m_lab->identityPools)
        if (candidate.identityPoolId == *id)
            pool = &candidate;
    if (!pool) {
        m_eval->error(
            idNode, field + QStringLiteral(".IdentityPoolId"),
            QStringLiteral("%1 is not an identity pool of this template; use !Ref <IdentityPool>")
                .arg(*id));
        return;
    }
    if (!pool->authenticatedRoleArn.isEmpty() || !pool->unauthenticatedRoleArn.isEmpty())
        m_eval->error(keyNode, field + QStringLiteral(".IdentityPoolId"),
                      QStringLiteral("%1 already has its roles from another attachment")
                          .arg(pool->logicalId));
    const YAML::Node roles = child(props, "Roles");
    if (!roles.IsMap()) {
        m_eval->error(
            roles.IsDefined() ? roles : keyNode, field + QStringLiteral(".Roles"),
            QStringLiteral(
                "expected Roles: {authenticated: <role ARN>, unauthenticated: <role ARN>}"));
        return;
    }
    for (const auto &entry : roles) {
        const QString key = qstr(entry.first.Scalar());
        const QString path = field + QStringLiteral(".Roles.") + key;
        QString *target = key == QLatin1String("authenticated")     ? &pool->authenticatedRoleArn
                          : key == QLatin1String("unauthenticated") ? &pool->unauthenticatedRoleArn
                                                                    : nullptr;
        if (!target) {
            m_eval->error(entry.first, path,
                          QStringLiteral("a role is authenticated or unauthenticated") +
                              suggestion(key, {QStringLiteral("authenticated"),
                                               QStringLiteral("unauthenticated")}));
            continue;
        }
        const auto arn = m_eval->evaluate(entry.second, path);
        if (!arn)
            continue;
        if (!roleArn.match(*arn).hasMatch()) {
            m_eval->error(
                entry.second, path,
                QStringLiteral("%1 is not a role ARN (arn:aws:iam::<account>:role/<name>); "
                               "use !GetAtt <Role>.Arn")
                    .arg(*arn));
            continue;
        }
        *target = *arn;
        m_usedRoleArns.insert(*arn);
    }
}

} // namespace Gatehouse::Emulator
