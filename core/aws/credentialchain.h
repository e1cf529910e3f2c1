#pragma once

#include "core/aws/credentialsprovider.h"

#include <QProcessEnvironment>
#include <QString>

#include <memory>

namespace Gatehouse::Core::Aws {

// What the default chain reads: the profile, an environment snapshot (tests pass their own)
// and the STS client for role profiles.
struct CredentialChainOptions
{
    QString profile; // empty: AWS_PROFILE, else "default"
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    RoleAssumer *roleAssumer = nullptr; // for role_arn profiles; not owned
    int processTimeoutMs = 60000;       // credential_process
};

// The AWS SDKs' default chain: environment variables (skipped when options.profile names a
// profile, as botocore skips them for an explicit profile), then the profile from the shared
// files: role_arn (source_profile chains or credential_source = Environment), IAM Identity
// Center, static keys, credential_process. Files are read at each resolution; credentials
// from a process, STS or the SSO portal are cached until 5 minutes before they expire.
// Use a chain on the thread that made it.
std::unique_ptr<CredentialsProvider> makeDefaultCredentialsChain(const CredentialChainOptions &options);

} // namespace Gatehouse::Core::Aws
