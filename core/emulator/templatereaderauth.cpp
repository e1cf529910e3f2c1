// The Auth sections of AWS::Serverless::HttpApi, Globals.HttpApi and HttpApi events.
#include "templatereader.h"

#include "httpapilambdaauthorizer.h"
#include "templatenodes.h"

namespace Gatehouse::Emulator {

using namespace TemplateNodes;

namespace {

const QString kIam = QStringLiteral("AWS_IAM");
const QString kNone = QStringLiteral("NONE");

void putAuthorizer(HttpApiConfig *api, const HttpApiAuthorizerConfig &authorizer)
{
    api->authorizers.removeIf([&](const HttpApiAuthorizerConfig &a) { return a.name == authorizer.name; });
    api->authorizers.append(authorizer);
}

} // namespace

std::optional<QStringList> TemplateReader::stringList(const YAML::Node &node, const QString &field)
{
    if (!node.IsSequence()) {
        m_eval.error(node, field, QStringLiteral("expected a list"));
        return std::nullopt;
    }
    QStringList out;
    for (std::size_t i = 0; i < node.size(); ++i) {
        const std::optional<QString> value = m_eval.evaluate(node[i], QStringLiteral("%1[%2]").arg(field).arg(i));
        if (!value)
            return std::nullopt;
        out.append(*value);
    }
    return out;
}

void TemplateReader::readApiAuth(HttpApiConfig *api, const YAML::Node &auth, const QString &field)
{
    if (!expectMap(auth, field))
        return;
    checkKeys(auth, field,
              {{QStringLiteral("Authorizers"), QStringLiteral("DefaultAuthorizer"), QStringLiteral("EnableIamAuthorizer")},
               {}, {}, QStringLiteral("HttpApiAuth")});
    const YAML::Node authorizers = child(auth, "Authorizers");
    if (authorizers.IsDefined() && expectMap(authorizers, field + QStringLiteral(".Authorizers"))) {
        for (const auto &entry : authorizers) {
            const QString name = qstr(entry.first.Scalar());
            readAuthorizer(api, name, entry.second, field + QStringLiteral(".Authorizers.") + name);
        }
    }
    const YAML::Node iam = child(auth, "EnableIamAuthorizer");
    if (iam.IsDefined()) {
        const std::optional<QString> value = m_eval.evaluate(iam, field + QStringLiteral(".EnableIamAuthorizer"));
        if (value && (*value == QLatin1String("true") || *value == QLatin1String("false"))) {
            api->authorizers.removeIf([](const HttpApiAuthorizerConfig &a) { return a.name == kIam; });
            if (*value == QLatin1String("true")) {
                HttpApiAuthorizerConfig a;
                a.name = kIam;
                a.kind = HttpApiAuthorizerConfig::Kind::Iam;
                a.templateLine = iam.Mark().line + 1;
                api->authorizers.append(a);
            }
        } else if (value) {
            m_eval.error(iam, field + QStringLiteral(".EnableIamAuthorizer"), QStringLiteral("expected true or false"));
        }
    }
    const YAML::Node defaultAuthorizer = child(auth, "DefaultAuthorizer");
    if (defaultAuthorizer.IsDefined()) {
        if (const auto name = m_eval.evaluate(defaultAuthorizer, field + QStringLiteral(".DefaultAuthorizer")))
            api->defaultAuthorizer = *name;
    }
}

void TemplateReader::readAuthorizer(HttpApiConfig *api, const QString &name, const YAML::Node &node,
                                    const QString &field)
{
    if (!expectMap(node, field))
        return;
    HttpApiAuthorizerConfig authorizer;
    authorizer.name = name;
    authorizer.templateLine = node.Mark().line + 1;
    if (name == kIam || name == kNone)
        m_eval.error(node, field, QStringLiteral("%1 is a reserved authorizer name").arg(name));
    if (child(node, "FunctionArn").IsDefined()) {
        authorizer.kind = HttpApiAuthorizerConfig::Kind::Lambda;
        if (readLambdaAuthorizer(&authorizer, node, field))
            putAuthorizer(api, authorizer);
        return;
    }
    checkKeys(node, field,
              {{QStringLiteral("JwtConfiguration"), QStringLiteral("IdentitySource"), QStringLiteral("AuthorizationScopes")},
               {QStringLiteral("OpenIdConnectUrl")}, {}, QStringLiteral("an OAuth2 (JWT) authorizer")});
    const YAML::Node jwt = child(node, "JwtConfiguration");
    if (!jwt.IsDefined()) {
        m_eval.error(node, field + QStringLiteral(".JwtConfiguration"),
                     QStringLiteral("missing JwtConfiguration (issuer and audience), or FunctionArn for a Lambda authorizer"));
        return;
    }
    readJwtConfiguration(&authorizer, jwt, field + QStringLiteral(".JwtConfiguration"));
    const YAML::Node source = child(node, "IdentitySource");
    if (source.IsDefined()) {
        if (const auto value = m_eval.evaluate(source, field + QStringLiteral(".IdentitySource"))) {
            if (value->startsWith(QLatin1String("$request.header.")) || value->startsWith(QLatin1String("$request.querystring.")))
                authorizer.identitySource = *value;
            else
                m_eval.error(source, field + QStringLiteral(".IdentitySource"),
                             QStringLiteral("a JWT authorizer reads one header or query parameter: "
                                            "$request.header.<name> or $request.querystring.<name>"));
        }
    }
    const YAML::Node scopes = child(node, "AuthorizationScopes");
    if (scopes.IsDefined())
        authorizer.authorizationScopes = stringList(scopes, field + QStringLiteral(".AuthorizationScopes")).value_or(QStringList());
    putAuthorizer(api, authorizer);
}

// SAM's LambdaAuthorizer of an HttpApi. FunctionInvokeRole and EnableFunctionDefaultPermissions
// only grant API Gateway the right to invoke the function, which the emulator does not check.
bool TemplateReader::readLambdaAuthorizer(HttpApiAuthorizerConfig *authorizer, const YAML::Node &node,
                                          const QString &field)
{
    checkKeys(node, field,
              {{QStringLiteral("FunctionArn"), QStringLiteral("FunctionInvokeRole"), QStringLiteral("Identity"),
                QStringLiteral("AuthorizerPayloadFormatVersion"), QStringLiteral("EnableSimpleResponses"),
                QStringLiteral("EnableFunctionDefaultPermissions")},
               {}, {}, QStringLiteral("a Lambda authorizer")});
    const QString arnField = field + QStringLiteral(".FunctionArn");
    const std::optional<QString> arn = m_eval.evaluate(child(node, "FunctionArn"), arnField);
    if (!arn)
        return false;
    // arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>], or a bare name.
    const qsizetype at = arn->indexOf(QLatin1String(":function:"));
    const QString name = at < 0 ? *arn : arn->mid(at + 10).section(QLatin1Char(':'), 0, 0);
    const QStringList known = m_functionNames.values();
    if (!known.contains(name)) {
        m_eval.error(child(node, "FunctionArn"), arnField,
                     QStringLiteral("%1 is not a function of this lab; use !GetAtt <Function>.Arn of an "
                                    "AWS::Serverless::Function in the template")
                             .arg(*arn)
                         + suggestion(name, known));
        return false;
    }
    authorizer->functionName = name;

    const QString versionField = field + QStringLiteral(".AuthorizerPayloadFormatVersion");
    const YAML::Node version = child(node, "AuthorizerPayloadFormatVersion");
    if (!version.IsDefined()) {
        m_eval.error(node, versionField, QStringLiteral("missing AuthorizerPayloadFormatVersion (\"1.0\" or \"2.0\"); "
                                                        "SAM requires it for Lambda authorizers"));
        return false;
    }
    const std::optional<QString> versionText = m_eval.evaluate(version, versionField);
    if (!versionText)
        return false;
    if (*versionText != QLatin1String("1.0") && *versionText != QLatin1String("2.0")) {
        m_eval.error(version, versionField, QStringLiteral("%1 is not a payload format version: write \"1.0\" or \"2.0\"")
                                                .arg(*versionText));
        return false;
    }
    authorizer->payloadFormatVersion = *versionText;

    if (const YAML::Node simple = child(node, "EnableSimpleResponses"); simple.IsDefined()) {
        const QString simpleField = field + QStringLiteral(".EnableSimpleResponses");
        const std::optional<QString> value = m_eval.evaluate(simple, simpleField);
        if (!value || (*value != QLatin1String("true") && *value != QLatin1String("false"))) {
            if (value)
                m_eval.error(simple, simpleField, QStringLiteral("expected true or false"));
            return false;
        }
        authorizer->simpleResponses = *value == QLatin1String("true");
        if (authorizer->simpleResponses && authorizer->payloadFormatVersion != QLatin1String("2.0")) {
            m_eval.error(simple, simpleField, QStringLiteral("simple responses need AuthorizerPayloadFormatVersion \"2.0\" "
                                                             "(API Gateway refuses them with 1.0)"));
            return false;
        }
    }
    const YAML::Node identity = child(node, "Identity");
    return !identity.IsDefined() || readAuthorizerIdentity(authorizer, identity, field + QStringLiteral(".Identity"));
}

bool TemplateReader::readAuthorizerIdentity(HttpApiAuthorizerConfig *authorizer, const YAML::Node &identity,
                                            const QString &field)
{
    if (!expectMap(identity, field))
        return false;
    checkKeys(identity, field,
              {{QStringLiteral("Headers"), QStringLiteral("QueryStrings"), QStringLiteral("StageVariables"),
                QStringLiteral("Context"), QStringLiteral("ReauthorizeEvery")},
               {}, {}, QStringLiteral("LambdaAuthorizationIdentity")});
    // SAM's order: headers, query strings, stage variables, context.
    const std::pair<const char *, const char *> kinds[] = {{"Headers", "$request.header."},
                                                           {"QueryStrings", "$request.querystring."},
                                                           {"StageVariables", "$stageVariables."},
                                                           {"Context", "$context."}};
    for (const auto &[key, prefix] : kinds) {
        const YAML::Node list = child(identity, key);
        if (!list.IsDefined())
            continue;
        const QString listField = field + QLatin1Char('.') + QLatin1String(key);
        const std::optional<QStringList> names = stringList(list, listField);
        if (!names)
            return false;
        for (const QString &n : *names) {
            if (n.isEmpty()) {
                m_eval.error(list, listField, QStringLiteral("an identity source needs a name"));
                return false;
            }
            if (QLatin1String(key) == QLatin1String("Context")
                && !HttpApiLambdaAuthorizer::contextVariables().contains(n)) {
                m_eval.error(list, listField,
                             QStringLiteral("$context.%1 is not a context variable Gatehouse knows (known: %2)")
                                     .arg(n, HttpApiLambdaAuthorizer::contextVariables().join(QStringLiteral(", ")))
                                 + suggestion(n, HttpApiLambdaAuthorizer::contextVariables()));
                return false;
            }
            authorizer->identitySources.append(QLatin1String(prefix) + n);
        }
    }
    if (const YAML::Node ttl = child(identity, "ReauthorizeEvery"); ttl.IsDefined()) {
        const std::optional<int> seconds = readInt(ttl, field + QStringLiteral(".ReauthorizeEvery"), 0, 3600);
        if (!seconds)
            return false;
        authorizer->resultTtlSeconds = *seconds;
    }
    return true;
}

void TemplateReader::readJwtConfiguration(HttpApiAuthorizerConfig *authorizer, const YAML::Node &node,
                                          const QString &field)
{
    if (!expectMap(node, field))
        return;
    checkKeys(node, field, {{QStringLiteral("issuer"), QStringLiteral("audience")}, {}, {}, QStringLiteral("JwtConfiguration")});
    const YAML::Node issuer = child(node, "issuer");
    if (!issuer.IsDefined()) {
        m_eval.error(node, field + QStringLiteral(".issuer"), QStringLiteral("missing issuer"));
    } else if (const auto value = m_eval.evaluate(issuer, field + QStringLiteral(".issuer"))) {
        if (value->startsWith(QLatin1String("https://")) || value->startsWith(QLatin1String("http://")))
            authorizer->issuer = *value;
        else
            m_eval.error(issuer, field + QStringLiteral(".issuer"), QStringLiteral("the issuer is a URL, e.g. "
                                                                                   "https://cognito-idp.<region>.amazonaws.com/<pool id>"));
    }
    const YAML::Node audience = child(node, "audience");
    if (!audience.IsDefined()) {
        m_eval.error(node, field + QStringLiteral(".audience"), QStringLiteral("missing audience (a list of client ids)"));
        return;
    }
    if (audience.IsSequence()) {
        authorizer->audiences = stringList(audience, field + QStringLiteral(".audience")).value_or(QStringList());
    } else if (const auto value = m_eval.evaluate(audience, field + QStringLiteral(".audience"))) {
        authorizer->audiences = {*value};
    }
}

bool TemplateReader::readEventAuth(HttpRouteConfig *route, const YAML::Node &auth, const QString &field)
{
    if (!expectMap(auth, field))
        return false;
    checkKeys(auth, field, {{QStringLiteral("Authorizer"), QStringLiteral("AuthorizationScopes")}, {}, {},
                            QStringLiteral("HttpApiFunctionAuth")});
    const YAML::Node authorizer = child(auth, "Authorizer");
    if (authorizer.IsDefined()) {
        const auto name = m_eval.evaluate(authorizer, field + QStringLiteral(".Authorizer"));
        if (!name)
            return false;
        route->authorizer = *name;
        route->authFromEvent = true;
    }
    const YAML::Node scopes = child(auth, "AuthorizationScopes");
    if (scopes.IsDefined()) {
        const auto list = stringList(scopes, field + QStringLiteral(".AuthorizationScopes"));
        if (!list)
            return false;
        route->authorizationScopes = *list;
    }
    return true;
}

void TemplateReader::applyGlobalAuth(HttpApiConfig *api) const
{
    api->authorizers = m_globalApiAuth.authorizers;
    api->defaultAuthorizer = m_globalApiAuth.defaultAuthorizer;
    api->cors = m_globalApiAuth.cors;
    api->stageVariables = m_globalApiAuth.stageVariables;
    api->defaultThrottle = m_globalApiAuth.defaultThrottle;
    api->routeThrottles = m_globalApiAuth.routeThrottles;
}

// SAM's CorsConfiguration: true (every origin), an origin string, or the object with
// AllowOrigins, AllowMethods, AllowHeaders, ExposeHeaders, MaxAge and AllowCredentials.
void TemplateReader::readCors(HttpApiConfig *api, const YAML::Node &cors, const QString &field)
{
    HttpApiCorsConfig config;
    config.enabled = true;
    if (cors.IsScalar()) {
        const std::optional<QString> value = m_eval.evaluate(cors, field);
        if (!value)
            return;
        if (*value == QLatin1String("false"))
            return;
        config.allowOrigins = {*value == QLatin1String("true") ? QStringLiteral("*") : *value};
        config.allowMethods = {QStringLiteral("*")};
        config.allowHeaders = {QStringLiteral("*")};
        api->cors = config;
        return;
    }
    if (!expectMap(cors, field))
        return;
    checkKeys(cors, field,
              {{QStringLiteral("AllowOrigins"), QStringLiteral("AllowMethods"), QStringLiteral("AllowHeaders"),
                QStringLiteral("ExposeHeaders"), QStringLiteral("MaxAge"), QStringLiteral("AllowCredentials")},
               {},
               {},
               QStringLiteral("HttpApiCorsConfiguration")});
    const auto list = [&](const char *name, QStringList &out) {
        if (const YAML::Node node = child(cors, name); node.IsDefined())
            out = stringList(node, field + QLatin1Char('.') + QLatin1String(name)).value_or(QStringList());
    };
    list("AllowOrigins", config.allowOrigins);
    list("AllowMethods", config.allowMethods);
    list("AllowHeaders", config.allowHeaders);
    list("ExposeHeaders", config.exposeHeaders);
    if (const YAML::Node maxAge = child(cors, "MaxAge"); maxAge.IsDefined()) {
        bool ok = false;
        const int seconds = m_eval.evaluate(maxAge, field + QStringLiteral(".MaxAge")).value_or(QString()).toInt(&ok);
        if (ok && seconds >= 0 && seconds <= 86400)
            config.maxAgeSeconds = seconds;
        else
            m_eval.error(maxAge, field + QStringLiteral(".MaxAge"), QStringLiteral("expected seconds from 0 to 86400"));
    }
    if (const YAML::Node credentials = child(cors, "AllowCredentials"); credentials.IsDefined())
        config.allowCredentials =
            m_eval.evaluate(credentials, field + QStringLiteral(".AllowCredentials")).value_or(QString()) == QLatin1String("true");
    if (config.allowCredentials && config.allowOrigins.contains(QStringLiteral("*")))
        m_eval.error(cors, field,
                     QStringLiteral("AllowCredentials cannot go with AllowOrigins \"*\" (API Gateway refuses it); "
                                    "list the origins"));
    api->cors = config;
}

void TemplateReader::resolveRouteAuth()
{
    for (HttpApiConfig &api : m_lab->httpApis) {
        for (HttpRouteConfig &route : api.routes) {
            const auto site = std::find_if(m_routeAuthSites.cbegin(), m_routeAuthSites.cend(), [&](const RouteAuthSite &s) {
                return s.apiId == api.apiId && s.routeKey == route.routeKey;
            });
            if (!route.authFromEvent)
                route.authorizer = api.defaultAuthorizer;
            if (route.authorizer == kNone) {
                route.authorizer.clear();
                route.authorizationScopes.clear();
            }
            if (route.authorizer.isEmpty())
                continue;
            const HttpApiAuthorizerConfig *authorizer = api.authorizer(route.authorizer);
            if (!authorizer) {
                QStringList known;
                for (const HttpApiAuthorizerConfig &a : std::as_const(api.authorizers))
                    known.append(a.name);
                const QString what = route.authorizer == kIam
                                         ? QStringLiteral("AWS_IAM needs Auth.EnableIamAuthorizer: true on %1").arg(api.logicalId)
                                         : QStringLiteral("%1 is not an authorizer of %2 (Auth.Authorizers: %3)")
                                               .arg(route.authorizer, api.logicalId,
                                                    known.isEmpty() ? QStringLiteral("none") : known.join(QStringLiteral(", ")))
                                               + suggestion(route.authorizer, known);
                if (site != m_routeAuthSites.cend())
                    m_eval.error(site->at, site->field, what);
                else
                    m_eval.error(YAML::Node(), api.logicalId, what);
                continue;
            }
            if (route.authorizationScopes.isEmpty() && authorizer->kind == HttpApiAuthorizerConfig::Kind::Jwt)
                route.authorizationScopes = authorizer->authorizationScopes;
        }
    }
}

} // namespace Gatehouse::Emulator
