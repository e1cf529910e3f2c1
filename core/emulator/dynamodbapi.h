#pragma once

#include "awsauthenticator.h"
#include "core/httpmessage.h"

namespace Gatehouse::Emulator {

class DynamoStore;

// DynamoDB's JSON 1.0 protocol on the emulator's port: POST / with X-Amz-Target
// DynamoDB_20120810.<Operation>, SigV4-signed for "dynamodb", answered from the DynamoStore, so
// the AWS CLI and SDKs work against the lab's tables with --endpoint-url.
class DynamoDbApi
{
public:
    static constexpr char TargetPrefix[] = "DynamoDB_20120810.";
    static constexpr qsizetype MaxRequestBytes = 16 * 1024 * 1024; // BatchWriteItem's limit

    DynamoDbApi(DynamoStore *store, AwsAuthenticator *authenticator);

    static bool isDynamoRequest(const Core::HttpRequest &request);
    Core::HttpResponse answer(const Core::HttpRequest &request);

private:
    DynamoStore *m_store;
    AwsAuthenticator *m_authenticator;
};

} // namespace Gatehouse::Emulator
