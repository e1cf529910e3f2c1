#pragma once

#include "core/aws/credentials.h"
#include "core/httpmessage.h"
#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QUrl>

namespace Gatehouse::Core::GraphQL {

// AppSync's authorization modes, the names AppSync itself uses; None for servers without.
enum class AuthMode
{
    None,
    ApiKey,           // x-api-key
    CognitoUserPools, // Authorization: <JWT>
    OpenIdConnect,    // Authorization: <JWT>
    AwsIam,           // SigV4, service appsync
    AwsLambda,        // Authorization: <token for the Lambda authorizer>
};

// What one request or subscription authorizes with. Holds secrets: never logged; traces mask
// every value of secrets().
struct Auth
{
    AuthMode mode = AuthMode::None;
    QString apiKey;
    QString token;                // Cognito / OIDC JWT, or the Lambda authorizer's token
    Aws::Credentials credentials; // IAM
    QString region;               // IAM; empty: taken from an AppSync host name

    QList<QByteArray> secrets() const;
};

QString authModeName(AuthMode mode); // "API_KEY", ...
// "api-key", "cognito", "oidc", "iam", "lambda" or AppSync's own names, any case.
Result<AuthMode> parseAuthMode(const QString &text);

// The region in <id>.appsync-api.<region>.amazonaws.com (or appsync-realtime-api); empty
// for any other host.
QString appSyncRegion(const QUrl &url);

// The real-time endpoint for a GraphQL endpoint as AppSync documents it: the appsync-api host
// becomes appsync-realtime-api with wss and path /graphql; any other host (custom domain,
// emulator) keeps its host and gets /graphql/realtime (ws for http, wss for https).
QUrl appSyncRealtimeUrl(const QUrl &graphqlUrl);

// The authorization members for a request to url with body: the HTTP headers of a POST, and
// AppSync's real-time authorization object. For IAM this is a SigV4 signature over
// POST url with the body and AppSync's three constant headers (accept, content-encoding,
// content-type), as its real-time clients send: path /graphql/connect with body "{}" at
// connect time, /graphql with the start message's data string for a subscription.
// Fails in words when the mode's secret is missing or IAM has no region.
Result<QList<HttpHeaders::Field>> authorizationFields(const Auth &auth, const QUrl &url,
                                                      const QByteArray &body,
                                                      const QDateTime &now);

} // namespace Gatehouse::Core::GraphQL
