#pragma once

#include <QString>

namespace Gatehouse::Core::OAuth2 {
class TokenManager;
}

namespace Gatehouse::App {

// The CLI's side of an OAuth 2.0 auth saved with a request: there is no browser to open, so the
// authorization-code grant prints the URL on stderr and waits for the loopback redirect
// (GATEHOUSE_OAUTH2_TIMEOUT seconds, 300 by default); what the token manager is doing goes to
// stderr too, never a token.
void prepareTokenManager(Core::OAuth2::TokenManager &tokens, const QString &command);

// The Cognito password of a headless run: one line of stdin with fromStdin, else
// GATEHOUSE_COGNITO_PASSWORD; empty when neither gives one (secret variables still may).
QString cognitoPasswordFromEnvironment(bool fromStdin);

// One line of stdin, without its line break (a client secret piped in).
QString readStdinLine();

} // namespace Gatehouse::App
