#pragma once

#include "result.h"

#include <QMetaType>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

#include <memory>

namespace Gatehouse::Core {

namespace Aws {
class CredentialsProvider;
class RoleAssumer;
} // namespace Aws

// Where requests go — the embedded emulator, real AWS through a named profile, or any
// other endpoint (LocalStack) — so one client serves all three.
class Target
{
public:
    enum class Kind
    {
        Emulator,
        AwsProfile,
        Custom
    };

    Target() = default;
    static Target emulator(const QUrl &baseUrl);
    static Target awsProfile(const QString &profile, const QString &region);
    static Target custom(const QUrl &endpoint);

    Kind kind() const { return m_kind; }
    QString profile() const { return m_profile; }
    QString region() const { return m_region; }
    QUrl endpoint() const { return m_endpoint; }

    // For display, e.g. "Emulator (127.0.0.1:4577)", "AWS profile: dev (eu-west-1)".
    QString describe() const;

    // The region clients use: the emulator's us-east-1; for a profile the SDK's resolution
    // (AWS_REGION, AWS_DEFAULT_REGION, the profile's region); for a custom endpoint the same
    // for AWS_PROFILE / default, else us-east-1. Errors say in words what is wrong.
    Result<QString> regionFor(const QProcessEnvironment &env) const;
    // Where a client of `service` goes: the emulator's one port for every service, the custom
    // endpoint, or for a profile Aws::resolveEndpoint (AWS_ENDPOINT_URL*, endpoint_url...).
    Result<QUrl> endpointFor(const QString &service, const QString &region,
                             const QProcessEnvironment &env) const;
    // The emulator's default keys (test/test), the profile's default chain, or for a custom
    // endpoint the default chain (environment, AWS_PROFILE, default). assumer may be null.
    std::unique_ptr<Aws::CredentialsProvider>
    makeCredentialsProvider(const QProcessEnvironment &env, Aws::RoleAssumer *assumer) const;
    // What signing with this target means, e.g. "Emulator keys (test) · us-east-1".
    QString describeSigning(const QProcessEnvironment &env) const;

    friend bool operator==(const Target &, const Target &) = default;

private:
    Kind m_kind = Kind::Emulator;
    QString m_profile;
    QString m_region;
    QUrl m_endpoint;
};

// Checks a custom endpoint typed by a person; the error says what is wrong in words.
Result<QUrl> validateEndpoint(const QString &text);

} // namespace Gatehouse::Core

Q_DECLARE_METATYPE(Gatehouse::Core::Target)
