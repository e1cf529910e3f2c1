#pragma once

#include "core/aws/credentials.h"
#include "core/emulatorinfo.h"
#include "core/invocationrecord.h"
#include "core/result.h"
#include "labaccesskeys.h"
#include "labdefinition.h"
#include "requesthandler.h"

#include <QHostAddress>
#include <QObject>

#include <memory>

namespace Gatehouse::Emulator {

class HttpServer;
class LambdaService;
class HttpApiGateway;
class RestApiGateway;
class WebSocketGateway;
class RestApiControlPlane;
class LambdaInvokeApi;
class LambdaRegistry;
class LambdaControlPlane;
class AwsAuthenticator;
class StsService;
class CognitoIdpService;
class CognitoIdentityService;
class AppSyncService;
class AppSyncRealtime;
class DynamoStore;
class DynamoDbApi;

struct EmulatorOptions
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 4577;         // 0: any free port (tests)
    QString labDirectory;        // empty: no lab, only the services
    QString region = QStringLiteral("us-east-1");
    QString accountId = QStringLiteral("123456789012");
    // WebSocket API quotas, AWS's defaults; tests shorten them.
    int webSocketIdleTimeoutMs = 10 * 60 * 1000;
    int webSocketMaxConnectionMs = 2 * 60 * 60 * 1000;
    qint64 webSocketMaxMessageBytes = 128 * 1024;
    // How long $connect, a WebSocket authorizer or a route's function may take (AWS: 29 s).
    int webSocketIntegrationTimeoutMs = 29 * 1000;
    // AppSync real-time: how often a subscriber's connection gets "ka" (tests shorten it).
    int appSyncKeepAliveMs = 60 * 1000;
};

// The embedded emulator: one loopback port that serves every emulated service, built from a
// lab folder. It lives on one thread (the caller's) and never blocks it.
class Emulator : public QObject, public RequestHandler
{
    Q_OBJECT
public:
    explicit Emulator(EmulatorOptions options, QObject *parent = nullptr);
    ~Emulator() override;

    // Loads the lab and starts listening. On failure nothing keeps running.
    Core::Result<Core::EmulatorInfo> start();
    void stop();
    bool isRunning() const;

    Core::EmulatorInfo info() const { return m_info; }
    const LabDefinition &lab() const { return m_lab; }
    LambdaService *lambda() const { return m_lambda.get(); }
    // Published versions and aliases of the lab's functions; null while stopped.
    LambdaRegistry *lambdaRegistry() const { return m_lambdaRegistry.get(); }
    // The keys the AWS APIs accept (test/test, the lab's Metadata.Gatehouse.AccessKeys and
    // STS sessions); null while stopped.
    AwsAuthenticator *authenticator() const { return m_authenticator.get(); }
    // The lab's Cognito user pools (users, confirmation codes, signing key); null while stopped.
    CognitoIdpService *cognito() const { return m_cognito.get(); }
    // The lab's Cognito identity pools (GetId, GetCredentialsForIdentity); null while stopped.
    CognitoIdentityService *cognitoIdentity() const { return m_cognitoIdentity.get(); }
    // The lab's REST APIs (API keys, usage plans' throttle and quota); null while stopped.
    RestApiGateway *restApis() const { return m_restApis.get(); }
    // Keys this emulator's AWS APIs accept, for a client in the same process to sign with (the
    // GUI's WebSocket server panel): the lab's first declared access key, else test/test. Kept
    // out of EmulatorInfo on purpose, so it is never printed, logged or saved with it.
    Core::Aws::Credentials signingCredentials() const;
    // The lab's WebSocket APIs and their open connections; null while stopped.
    WebSocketGateway *webSocketApis() const { return m_webSocketApis.get(); }
    // The lab's AppSync GraphQL APIs; null while stopped.
    AppSyncService *graphQlApis() const { return m_appSync.get(); }
    // Their real-time endpoint (subscriptions); null while stopped.
    AppSyncRealtime *graphQlRealtime() const { return m_appSyncRealtime.get(); }
    // The lab's DynamoDB tables. Lives as long as the emulator, so a restart with the same
    // tables keeps their items; never null.
    DynamoStore *dynamoStore() const { return m_dynamoStore.get(); }

    void handleRequest(const Core::HttpRequest &request, HttpResponder responder) override;

    static QByteArray pathStylePrefix(const QString &apiId);

signals:
    void invocationFinished(const Gatehouse::Core::InvocationRecord &record);

private:
    Core::Result<void> loadLab();
    Core::EmulatorInfo describe() const;
    void describeRestApis(Core::EmulatorInfo *info) const;
    void describeWebSocketApis(Core::EmulatorInfo *info) const;
    void describeGraphQlApis(Core::EmulatorInfo *info) const;
    void describeTables(Core::EmulatorInfo *info) const;
    // An AppSync API's /graphql; false when apiId is none of the lab's GraphQL APIs.
    bool routeGraphQl(const Core::HttpRequest &request, const QByteArray &apiId, const QByteArray &pathInApi,
                      HttpResponder &responder);
    // A WebSocket API's handshake or @connections call; false when apiId is no WebSocket API.
    bool routeWebSocket(const Core::HttpRequest &request, const QByteArray &apiId,
                        const QByteArray &pathInApi, const QByteArray &domain, HttpResponder &responder);
    void trustLabPools();
    void answerIndex(const Core::HttpRequest &request, HttpResponder &responder) const;

    EmulatorOptions m_options;
    LabDefinition m_lab;
    QList<LabAccessKey> m_labKeys;
    Core::EmulatorInfo m_info;
    std::unique_ptr<AwsAuthenticator> m_authenticator;
    std::unique_ptr<StsService> m_sts;
    std::unique_ptr<CognitoIdpService> m_cognito;
    std::unique_ptr<CognitoIdentityService> m_cognitoIdentity;
    std::unique_ptr<LambdaService> m_lambda;
    std::unique_ptr<LambdaInvokeApi> m_invokeApi;
    std::unique_ptr<LambdaRegistry> m_lambdaRegistry;
    std::unique_ptr<LambdaControlPlane> m_controlPlane;
    std::unique_ptr<HttpApiGateway> m_httpApis;
    std::unique_ptr<RestApiGateway> m_restApis;
    std::unique_ptr<WebSocketGateway> m_webSocketApis;
    std::unique_ptr<AppSyncService> m_appSync;
    std::unique_ptr<AppSyncRealtime> m_appSyncRealtime;
    std::unique_ptr<DynamoStore> m_dynamoStore;
    std::unique_ptr<DynamoDbApi> m_dynamoApi;
    std::unique_ptr<RestApiControlPlane> m_restControlPlane;
    std::unique_ptr<HttpServer> m_server;
};

} // namespace Gatehouse::Emulator
