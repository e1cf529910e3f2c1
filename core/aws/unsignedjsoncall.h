#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QObject>
#include <QUrl>

#include <functional>

namespace Gatehouse::Core {
class HttpClient;
}

namespace Gatehouse::Core::Aws {

// One unsigned AWS JSON 1.1 call (POST /, X-Amz-Target: <target>), as Cognito's user-facing
// operations are made: the body of a 2xx answer, or the service's error with its __type,
// message and request id, the message prefixed with "<what> failed: ".
void unsignedJsonCall(HttpClient *http, const QUrl &endpoint, const QByteArray &target, const QByteArray &body,
                      const QString &what, QObject *context, std::function<void(const Result<QByteArray> &)> done);

} // namespace Gatehouse::Core::Aws
