#pragma once

#include "awsauthenticator.h"
#include "core/httpmessage.h"
#include "restapiconfig.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>

namespace Gatehouse::Emulator {

// A read-only slice of API Gateway's control plane (REST-JSON, SigV4 for "apigateway"):
// GetRestApis, GetApiKeys and GetUsagePlans over the lab's REST APIs, so that
// `aws apigateway get-api-keys --include-values --endpoint-url` shows the keys a learner sends.
// The template is where they change; writes are refused in words.
class RestApiControlPlane
{
public:
    RestApiControlPlane(AwsAuthenticator *authenticator, QList<RestApiConfig> apis, QList<RestApiKeyConfig> keys,
                        QList<RestUsagePlanConfig> plans);

    static bool isControlPlanePath(const QByteArray &path);
    Core::HttpResponse answer(const Core::HttpRequest &request) const;

private:
    QJsonObject restApis() const;
    QJsonObject apiKeys(const Core::HttpRequest &request) const;
    QJsonObject usagePlans(const Core::HttpRequest &request) const;

    AwsAuthenticator *m_authenticator = nullptr;
    QList<RestApiConfig> m_apis;
    QList<RestApiKeyConfig> m_keys;
    QList<RestUsagePlanConfig> m_plans;
    qint64 m_createdSeconds = QDateTime::currentSecsSinceEpoch(); // when the lab was loaded
};

} // namespace Gatehouse::Emulator
