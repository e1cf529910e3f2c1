#include "httpapiiamauthorizer.h"

namespace Gatehouse::Emulator {

IamAuthorization HttpApiIamAuthorizer::check(const AwsAuthenticator &authenticator,
                                            const Core::HttpRequest &request, const QDateTime &now)
{
    IamAuthorization out;
    const AwsAuthentication authentication =
        authenticator.authenticate(request, QStringLiteral("execute-api"), AwsProtocol::RestJson, now);
    if (!authentication.ok()) {
        out.refusal = AwsAuthenticator::refusal(authentication.error, AwsProtocol::RestJson);
        out.reason = authentication.error.awsCode + QStringLiteral(": ")
                     + authentication.error.message.section(QLatin1Char('\n'), 0, 0);
        return out;
    }
    out.caller = callerOf(authentication.principal);
    return out;
}

HttpApiIamCaller HttpApiIamAuthorizer::callerOf(const AwsPrincipal &principal)
{
    HttpApiIamCaller caller;
    caller.accessKey = principal.accessKeyId;
    caller.accountId = principal.accountId;
    caller.callerId = principal.userId;
    caller.userArn = principal.arn;
    caller.userId = principal.userId.section(QLatin1Char(':'), 0, 0);
    caller.cognitoIdentityId = principal.cognitoIdentityId;
    caller.cognitoIdentityPoolId = principal.cognitoIdentityPoolId;
    caller.cognitoAmr = principal.cognitoAmr;
    return caller;
}

} // namespace Gatehouse::Emulator
