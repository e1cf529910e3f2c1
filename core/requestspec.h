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

enum class BodyKind { None, Json, Text };

// Bearer: "Authorization: Bearer <token>", e.g. a Cognito or OAuth2 token from the Auth tool.
enum class AuthKind { None, AwsSigV4, Bearer };
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

    // A copy fit for saving: secret key, session token and bearer token removed.
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
