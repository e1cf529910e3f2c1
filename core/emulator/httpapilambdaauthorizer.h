#pragma once

#include "core/httpmessage.h"
#include "httpapiconfig.h"
#include "httpapievent.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace Gatehouse::Emulator {

// What a Lambda authorizer's answer means for one route.
struct LambdaAuthorization
{
    enum class Verdict { Allow, Forbidden, Error };
    Verdict verdict = Verdict::Error;
    QString reason;            // words for the log: why refused, what was malformed
    QByteArray context;        // the answer's context as JSON text ("null" when it gave none)
    QString principalId;       // a policy answer's principalId (REST and WebSocket events carry it)
};

// API Gateway's Lambda REQUEST authorizer for HTTP APIs, the parts that do not wait: reading the
// identity sources, the event the authorizer function gets (payload format 1.0 or 2.0, field for
// field as AWS's samples), and reading its answer — a simple {isAuthorized, context} or an IAM
// policy whose Allow/Deny statements are matched against the route's ARN (Deny wins). The
// gateway does the invoking and the caching.
class HttpApiLambdaAuthorizer
{
public:
    // The $context.<name> identity sources Gatehouse can fill.
    static const QStringList &contextVariables();

    // The value of every identity source, in order; nullopt when one is missing or empty: then
    // API Gateway answers 401 without invoking the authorizer.
    static std::optional<QStringList> identityValues(const Core::HttpRequest &request,
                                                     const HttpApiAuthorizerConfig &authorizer,
                                                     const HttpApiEventContext &context);

    // arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD>/<path without its first
    // slash>; `pathInStage` is the request's path after the stage, still percent-encoded.
    static QString routeArn(const QString &region, const HttpApiEventContext &context,
                            const QByteArray &method, const QByteArray &pathInStage);

    // The authorizer's event. `rawPath` as for HttpApiEvent::build.
    static QByteArray event(const Core::HttpRequest &request, const QByteArray &rawPath,
                            const HttpApiEventContext &context, const HttpApiAuthorizerConfig &authorizer,
                            const QString &routeArn, const QStringList &identityValues);

    // The verdict on the function's answer for the route `routeArn`.
    static LambdaAuthorization interpret(const QByteArray &payload, const HttpApiAuthorizerConfig &authorizer,
                                         const QString &routeArn);

    // IAM's wildcards: `*` any run of characters (':' and '/' included), `?` exactly one.
    static bool wildcardMatch(QStringView pattern, QStringView text, Qt::CaseSensitivity cs = Qt::CaseSensitive);
};

} // namespace Gatehouse::Emulator
