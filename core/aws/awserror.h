#pragma once

#include "core/error.h"
#include "core/httpjob.h"
#include "core/httpmessage.h"

#include <QByteArray>
#include <QString>

namespace Gatehouse::Core::Aws {

// The wire protocols AWS services answer errors in (the "protocol" of a botocore model).
enum class AwsProtocol
{
    Auto,     // guess from the headers and the body
    Json,     // JSON 1.1 / 1.0: {"__type": "ns#Code", "message": "..."} (Cognito, DynamoDB)
    RestJson, // x-amzn-ErrorType header + JSON body (Lambda, API Gateway, AppSync)
    Query,    // <ErrorResponse><Error><Code/>... (STS, IAM); also REST-XML <Error> (S3)
};

// The request id AWS puts on every answer: x-amzn-RequestId, x-amz-request-id or
// x-amzn-requestid; empty when absent.
QString awsRequestId(const HttpHeaders &headers);

// Turns an AWS error answer (status >= 300) into an Error of code Service with awsCode,
// message, httpStatus, requestId and retryable (RetryStrategy::isRetryable) filled in.
// Answers that are not AWS error documents (an HTML page from a proxy, an empty body) still
// give a Service error naming the status, with an empty awsCode.
Error parseAwsError(int status, const HttpHeaders &headers, const QByteArray &body,
                    AwsProtocol protocol = AwsProtocol::Auto);
Error parseAwsError(const HttpClientResponse &response, AwsProtocol protocol = AwsProtocol::Auto);

} // namespace Gatehouse::Core::Aws
