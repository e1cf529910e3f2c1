#pragma once

#include "awsauthenticator.h"
#include "core/httpmessage.h"
#include "httpapievent.h"

#include <QDateTime>

#include <optional>

namespace Gatehouse::Emulator {

// The verdict of IAM authorization on one request: the caller for the event, or API Gateway's
// refusal (403 with x-amzn-ErrorType, as for REST APIs: "Missing Authentication Token", "The
// security token included in the request is invalid.", the signature mismatch with the
// canonical request...).
struct IamAuthorization
{
    std::optional<HttpApiIamCaller> caller;
    Core::HttpResponse refusal;  // when caller is empty
    QString reason;              // for the log
};

// IAM (AWS_IAM) authorization of HTTP API routes: the request must be SigV4-signed for
// execute-api with a key the emulator knows (its default pair, the lab's keys, STS sessions,
// identity-pool credentials). Identity policies are not evaluated: the emulator grants every
// known principal execute-api:Invoke, as it enforces no IAM policy anywhere.
class HttpApiIamAuthorizer
{
public:
    static IamAuthorization check(const AwsAuthenticator &authenticator, const Core::HttpRequest &request,
                                  const QDateTime &now);
    static HttpApiIamCaller callerOf(const AwsPrincipal &principal);
};

} // namespace Gatehouse::Emulator
