#pragma once

#include "result.h"

#include <QMetaType>
#include <QString>
#include <QUrl>

namespace Gatehouse::Core {

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
