#pragma once

#include "httpapiconfig.h"
#include "httpresponder.h"
#include "lambdainvoker.h"

#include <QObject>

#include <memory>

namespace Gatehouse::Emulator {

// Serves API Gateway HTTP APIs: picks the stage and route, sends the function a payload 2.0
// event and answers the client as API Gateway would, errors included.
class HttpApiGateway : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 kMaxBodyBytes = 10 * 1024 * 1024; // HTTP API payload quota

    explicit HttpApiGateway(LambdaInvoker *invoker, QObject *parent = nullptr);

    void setApis(const QList<HttpApiConfig> &apis);
    const QList<HttpApiConfig> &apis() const { return m_apis; }
    void setRegion(const QString &region);
    void setAccountId(const QString &accountId);

    // `pathInApi` is the raw path after the API's address (a named stage is its first
    // segment); `domainName` is the host the client addressed.
    void handle(const Core::HttpRequest &request, const QString &apiId, const QByteArray &pathInApi,
                const QByteArray &domainName, HttpResponder responder);

Q_SIGNALS:
    // Every answer the gateway gave, for logs and the UI.
    void requestAnswered(const QString &apiId, const QString &routeKey, int status,
                         const QString &requestId);

private:
    struct Pending;
    void invokeRoute(const Core::HttpRequest &request, const HttpApiConfig &api,
                     const QByteArray &pathInApi, const QByteArray &domainName,
                     const std::shared_ptr<Pending> &pending,
                     const QList<QPair<QString, QString>> &pathParameters, int timeoutMs,
                     const QString &functionName);
    void answer(const std::shared_ptr<Pending> &pending, Core::HttpResponse response);

    LambdaInvoker *m_invoker = nullptr;
    QList<HttpApiConfig> m_apis;
    QString m_region = QStringLiteral("us-east-1");
    QString m_accountId = QStringLiteral("123456789012");
};

} // namespace Gatehouse::Emulator
