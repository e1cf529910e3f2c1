#pragma once

#include "core/aws/credentials.h"
#include "core/result.h"

#include <QObject>
#include <QUrl>
#include <QString>

#include <functional>

namespace Gatehouse::Core::Aws {

using CredentialsCallback = std::function<void(const Core::Result<Credentials> &)>;

// A source of AWS credentials (environment, a profile, a process, a role, SSO...). Resolving
// may need the network or a child process, so it is asynchronous and never blocks.
class CredentialsProvider
{
public:
    virtual ~CredentialsProvider() = default;
    // Reports exactly once, on `context`'s thread, unless `context` was destroyed first.
    // Providers cache and refresh expiring credentials themselves.
    virtual void resolve(QObject *context, CredentialsCallback done) = 0;
    // For people: "environment variables", "profile 'dev' (credential_process)".
    virtual QString describe() const = 0;
};

// What assuming a role needs (role_arn profiles; AssumeRole through STS).
struct AssumeRoleParams
{
    QString roleArn;
    QString roleSessionName;
    QString externalId;          // empty: not sent
    int durationSeconds = 3600;
    QString region;              // the STS region to call
    QUrl endpoint;               // the STS endpoint, resolved by the chain (AWS, emulator or custom)
};

// Exchanges source credentials for a role's temporary ones. Implemented by the STS client;
// the credentials chain calls it for role_arn + source_profile profiles.
class RoleAssumer
{
public:
    virtual ~RoleAssumer() = default;
    virtual void assumeRole(const Credentials &source, const AssumeRoleParams &params,
                            QObject *context, CredentialsCallback done) = 0;
};

} // namespace Gatehouse::Core::Aws
