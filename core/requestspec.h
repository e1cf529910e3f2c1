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

// Form: application/x-www-form-urlencoded from formFields. Multipart: multipart/form-data from
// formFields, a field with file set sends that file. Binary: the bytes of bodyFile.
enum class BodyKind { None, Json, Text, Form, Multipart, Binary };

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
enum class AuthKind { None, AwsSigV4, Bearer, Basic, ApiKey };
enum class ApiKeyLocation { Header, Query };
// Target: the credentials of the toolbar target (Core::Target), handed to the signer.
enum class AwsCredentialSource { Profile, AccessKeys, TemporaryCredentials, Target };

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

    // A copy fit for saving: secret key, session token, bearer token, Basic password and API key
    // value removed (a Basic password or API key that is only a {{variable}} reference is kept:
    // the secret lives in the environment's secret store, not in the request).
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
    // JSON or text body when no enabled header sets one.
    Result<HttpClientRequest> toClientRequest(const Environment &environment) const;
    // Every {{name}} that the environment lacks, across method, URL, headers and body.
    QStringList unresolvedVariables(const Environment &environment) const;
};

// Checks URL text that has no {{variables}} left.
Result<QUrl> parseRequestUrl(const QString &text);

} // namespace Gatehouse::Core
