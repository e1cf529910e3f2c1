#include "staticcredentialsprovider.h"

#include <QMetaObject>
#include <QPointer>

#include <utility>

namespace Gatehouse::Core::Aws {

StaticCredentialsProvider::StaticCredentialsProvider(Credentials credentials)
    : m_credentials(std::move(credentials))
{
    if (m_credentials.source.isEmpty())
        m_credentials.source = describe();
}

void StaticCredentialsProvider::resolve(QObject *context, CredentialsCallback done)
{
    Result<Credentials> result = m_credentials;
    if (!m_credentials.isComplete())
        result = makeError(ErrorCode::InvalidArgument,
                           QStringLiteral("Enter both an access key id and a secret access key to sign with."));
    // Report later, as every provider does, so callers see one order of events.
    QMetaObject::invokeMethod(
        context, [done = std::move(done), result = std::move(result)] { done(result); }, Qt::QueuedConnection);
}

QString StaticCredentialsProvider::describe() const
{
    return m_credentials.hasSessionToken() ? QStringLiteral("temporary credentials entered by hand")
                                           : QStringLiteral("access keys entered by hand");
}

} // namespace Gatehouse::Core::Aws
