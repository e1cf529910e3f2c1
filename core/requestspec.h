#pragma once

#include "httpclient.h"
#include "result.h"
#include "variables.h"

#include <QList>
#include <QString>

namespace Gatehouse::Core {

struct HeaderEntry
{
    bool enabled = true;
    QString name;
    QString value;

    bool operator==(const HeaderEntry &other) const = default;
};

// Json, Xml, Text: the body text, checked as typed (Json, Xml) and sent as UTF-8.
// Form: application/x-www-form-urlencoded from formFields. Multipart: multipart/form-data from
// formFields, a field with file set sends that file. Binary: the bytes of bodyFile.
// The request builder's chooser lists the kinds in this order; files name them, never number them.
enum class BodyKind { None, Json, Xml, Text, Form, Multipart, Binary };

struct FormField
{
    bool enabled = true;
    QString name;
    QString value; // the text, or the file's path when file is set; may hold {{variables}}
    bool file = false;

    bool operator==(const FormField &other) const = default;
};

// Bearer: "Authorization: Bearer <token>", e.g. a Cognito or OAuth2 token from the Auth tool.
// Basic: "Authorization: Basic base64(user:password)" (RFC 7617, UTF-8).
// ApiKey: a key in a header (API Gateway's x-api-key) or a query parameter.
// OAuth2: a token Gatehouse obtains and refreshes itself (Core::OAuth2::TokenManager).
enum class AuthKind { None, AwsSigV4, Bearer, Basic, ApiKey, OAuth2 };
enum class ApiKeyLocation { Header, Query };
// Target: the credentials of the toolbar target (Core::Target), handed to the signer.
enum class AwsCredentialSource { Profile, AccessKeys, TemporaryCredentials, Target };

// How an OAuth2 auth gets its token: RFC 6749's grants, or Cognito's own sign-in API
// (InitiateAuth with SRP or USER_PASSWORD_AUTH), which user pools without a domain offer.
enum class OAuth2Grant { AuthorizationCode, ClientCredentials, RefreshToken, CognitoSignIn };
// RFC 6749 §2.3.1: client_secret_basic (HTTP Basic) or client_secret_post (form fields).
enum class OAuth2ClientAuth { BasicHeader, RequestBody };
enum class OAuth2TokenUse { Access, Id };
enum class OAuth2Placement { Header, Query };

// Postman's "OAuth 2.0" auth type plus Cognito sign-in: where the token comes from and how it
// is sent. Every field may hold {{variables}}; the client secret, refresh token and password are
// secrets, saved only when they are nothing but {{variable}} references.
struct OAuth2Settings
{
    OAuth2Grant grant = OAuth2Grant::ClientCredentials;
    QString tokenUrl;     // https://<domain>/oauth2/token
    QString authorizeUrl; // AuthorizationCode: https://<domain>/oauth2/authorize
    int redirectPort = 0; // AuthorizationCode: http://127.0.0.1:<port>/callback; 0 any free port
    QString clientId;
    QString clientSecret; // a secret; empty for a public client
    OAuth2ClientAuth clientAuth = OAuth2ClientAuth::BasicHeader;
    QString scopes;       // space-separated
    QString audience;     // sent as "audience" when set (Auth0 and others want it)
    QString refreshToken; // RefreshToken grant: the token to start from; a secret
    // CognitoSignIn: the pool (its region is the endpoint's unless cognitoEndpoint is set,
    // e.g. the emulator's URL), the user and a password that must be a {{secret variable}}.
    QString userPoolId;
    QString cognitoEndpoint;
    QString username;
    QString password;
    bool srp = true; // USER_SRP_AUTH, else USER_PASSWORD_AUTH
    OAuth2TokenUse tokenUse = OAuth2TokenUse::Access;
    OAuth2Placement placement = OAuth2Placement::Header;
    QString headerPrefix = QStringLiteral("Bearer");
    QString queryParameter = QStringLiteral("access_token");

    bool operator==(const OAuth2Settings &other) const = default;
};

// How a request proves who sends it. Secret values (secret key, session token) live in memory
// only: nothing that writes a request to disk may write them (see withoutSecrets()).
struct RequestAuth
{
    AuthKind kind = AuthKind::None;
    AwsCredentialSource source = AwsCredentialSource::Profile;
    QString profile; // empty: the default chain (AWS_PROFILE or "default")
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken;
    QString service; // empty: guessed from the URL's host when signing
    QString region;  // empty: guessed from the URL's host when signing
    bool unsignedPayload = false;
    QString bearerToken; // AuthKind::Bearer; may hold {{variables}}; a secret like the keys
    QString basicUsername;
    QString basicPassword; // a secret
    QString apiKeyName = QStringLiteral("x-api-key");
    QString apiKeyValue;   // a secret
    ApiKeyLocation apiKeyLocation = ApiKeyLocation::Header;
    OAuth2Settings oauth2; // AuthKind::OAuth2

    // A copy fit for saving: secret key, session token, bearer token, Basic password and API key
    // value removed (a Basic password, API key or OAuth2 secret that is only a {{variable}}
    // reference is kept: the secret lives in the environment's secret store, not in the request).
    RequestAuth withoutSecrets() const;

    bool operator==(const RequestAuth &other) const = default;
};

// The request document a person edits: text with {{variables}}, turned into bytes only to send.
struct RequestSpec
{
    QString method = QStringLiteral("GET");
    QString url;
    QList<HeaderEntry> headers;
    QString body;
    BodyKind bodyKind = BodyKind::None;
    QList<FormField> formFields; // BodyKind::Form and Multipart
    QString bodyFile;            // BodyKind::Binary
    int timeoutMs = 30000;
    bool followRedirects = false;
    RequestAuth auth; // applied at send time (Core::Aws::RequestAuthorizer), after substitution

    // Substitutes variables everywhere, checks method and URL, and adds Content-Type for a
    // JSON, XML or text body when no enabled header sets one.
    Result<HttpClientRequest> toClientRequest(const Environment &environment) const;
    // Every {{name}} that the environment lacks, across method, URL, headers and body.
    QStringList unresolvedVariables(const Environment &environment) const;
};

// The OAuth2 settings with {{variables}} substituted; an error naming any that are undefined.
Result<OAuth2Settings> resolveOAuth2Settings(const OAuth2Settings &settings, const Environment &environment);

// Checks URL text that has no {{variables}} left.
Result<QUrl> parseRequestUrl(const QString &text);

} // namespace Gatehouse::Core
