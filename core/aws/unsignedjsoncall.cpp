#include "unsignedjsoncall.h"

#include "core/aws/awserror.h"
#include "core/httpclient.h"
#include "core/httpjob.h"

namespace Gatehouse::Core::Aws {

void unsignedJsonCall(HttpClient *http, const QUrl &endpoint, const QByteArray &target, const QByteArray &body,
                      const QString &what, QObject *context, std::function<void(const Result<QByteArray> &)> done)
{
    HttpClientRequest request;
    request.method = "POST";
    request.url = endpoint;
    request.headers.add("Content-Type", "application/x-amz-json-1.1");
    request.headers.add("X-Amz-Target", target);
    request.body = body;
    HttpJob *job = http->send(request);
    QObject::connect(job, &HttpJob::finished, context, [done, what](const Result<HttpClientResponse> &response) {
        if (!response)
            return done(response.error());
        if (response->status >= 300) {
            Error error = parseAwsError(*response, AwsProtocol::Json);
            error.message = QStringLiteral("%1 failed: %2").arg(what, error.message);
            return done(error);
        }
        done(response->body);
    });
}

} // namespace Gatehouse::Core::Aws
