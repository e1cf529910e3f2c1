#pragma once

#include "httpresponder.h"
#include "lambdainvoker.h"
#include "restapiconfig.h"
#include "tokenbucket.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace Gatehouse::Emulator {

// The method a request goes to in a REST API's resource tree, with its path variables.
struct RestMethodMatch
{
    enum class Outcome { Method, NoResource, NoMethod };
    Outcome outcome = Outcome::NoResource;
    RestMethodConfig method;     // with NoMethod, only resourcePath is set
    QStringList resourceMethods; // every method the resource has ("GET", "ANY"...)
    QList<QPair<QString, QString>> pathParameters; // values as sent (percent-encoded), in path order
};

// Serves API Gateway REST APIs: the stage in the path, the resource tree, API keys with their
// usage plans' throttle and quota, and Lambda proxy integration (payload 1.0), answering as
// API Gateway does, errors included.
class RestApiGateway : public QObject
{
    Q_OBJECT

public:
    static constexpr int kIntegrationTimeoutMs = 29000; // REST APIs' default and maximum
    static constexpr qint64 kMaxBodyBytes = 10485760;    // REST APIs' payload quota, 10 MB

    explicit RestApiGateway(LambdaInvoker *invoker, QObject *parent = nullptr);
    ~RestApiGateway() override;

    void setLab(const QList<RestApiConfig> &apis, const QList<RestApiKeyConfig> &keys,
                const QList<RestUsagePlanConfig> &plans);
    bool serves(const QString &apiId) const;
    void setAccountId(const QString &accountId) { m_accountId = accountId; }
    // Milliseconds since the epoch for throttle and quota; tests move it.
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

    // `pathInApi` is the raw path after the API's address (the stage is its first segment);
    // `domainName` is the host the client addressed.
    void handle(const Core::HttpRequest &request, const QString &apiId, const QByteArray &pathInApi,
                const QByteArray &domainName, HttpResponder responder);

    // The resource and method API Gateway picks: literal segments before {param} before
    // {proxy+}, the request's method before ANY. `path` is the raw path after the stage.
    static RestMethodMatch match(const QList<RestMethodConfig> &methods, const QByteArray &httpMethod,
                                 const QByteArray &path);

Q_SIGNALS:
    void requestAnswered(const QString &apiId, const QString &resourcePath, int status, const QString &requestId);

private:
    struct Pending;
    // What one key has used of one usage plan: its throttle and its quota for the period.
    struct Bucket
    {
        std::optional<TokenBucket> throttle;
        qint64 quotaWindowStartMs = -1;
        qint64 quotaUsed = 0;
    };

    // nullopt: let through; else the refusal (403, or 429 for throttle and quota).
    std::optional<Core::HttpResponse> checkApiKey(const Core::HttpRequest &request, const RestApiConfig &api,
                                                  const RestApiKeyConfig **key);
    qint64 quotaWindowStart(const RestUsagePlanConfig &plan, qint64 nowMs) const;
    void answerPreflight(const Core::HttpRequest &request, const RestApiConfig &api, const RestMethodMatch &found,
                         const std::shared_ptr<Pending> &pending);
    void invoke(const Core::HttpRequest &request, const RestApiConfig &api, const QByteArray &pathInStage,
                const QByteArray &domainName, const RestMethodMatch &match, const RestApiKeyConfig *key,
                const std::shared_ptr<Pending> &pending);
    void answer(const std::shared_ptr<Pending> &pending, Core::HttpResponse response);

    LambdaInvoker *m_invoker = nullptr;
    QList<RestApiConfig> m_apis;
    QList<RestApiKeyConfig> m_keys;
    QList<RestUsagePlanConfig> m_plans;
    QHash<QString, Bucket> m_buckets; // plan id + key id
    QString m_accountId = QStringLiteral("123456789012");
    std::function<qint64()> m_clock;
};

} // namespace Gatehouse::Emulator
