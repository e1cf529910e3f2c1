#pragma once

#include "core/aws/credentialsprovider.h"

#include <QProcessEnvironment>

namespace Gatehouse::Core::Aws {

// Runs a profile's credential_process as the AWS CLI does (split like shlex, no shell),
// asynchronously: `done` gets the credentials, or an error in words naming the profile when
// the process cannot start, fails (exit code and stderr), passes timeoutMs or prints
// something other than Version 1 JSON. The process is a child of `owner`; if `owner` goes
// first, nothing is reported.
void runCredentialProcess(const QString &profile, const QString &commandLine,
                          const QProcessEnvironment &environment, int timeoutMs, QObject *owner,
                          CredentialsCallback done);

// The process's standard output as credentials (Version, AccessKeyId, SecretAccessKey,
// SessionToken, Expiration). Never quotes the output back: it may hold secrets.
Core::Result<Credentials> parseCredentialProcessOutput(const QByteArray &output,
                                                       const QString &profile);

} // namespace Gatehouse::Core::Aws
