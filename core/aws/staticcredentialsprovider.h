#pragma once

#include "core/aws/credentialsprovider.h"

namespace Gatehouse::Core::Aws {

// Credentials a person typed (access key, secret, optional session token): held in memory
// only and handed out as they are. resolve() reports from a copy, so the provider may be
// destroyed as soon as it returns.
class StaticCredentialsProvider : public CredentialsProvider
{
public:
    explicit StaticCredentialsProvider(Credentials credentials);

    void resolve(QObject *context, CredentialsCallback done) override;
    QString describe() const override;

private:
    Credentials m_credentials;
};

} // namespace Gatehouse::Core::Aws
