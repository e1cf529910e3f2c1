#pragma once

#include "core/error.h"
#include "core/result.h"
#include "httpresponder.h"
#include "lambdainvoker.h"

#include <QObject>
#include <QRandomGenerator>
#include <QString>

#include <functional>

namespace Gatehouse::Emulator {

class AwsAuthenticator;
class LambdaRegistry;
class LambdaService;

// Lambda's Invoke operation on the wire (POST /2015-03-31/functions/{FunctionName}/invocations,
// REST-JSON), so the AWS CLI and SDKs can invoke emulated functions with --endpoint-url.
class LambdaInvokeApi : public QObject
{
    Q_OBJECT

public:
    static constexpr qsizetype LogTailBytes = 4096;       // X-Amz-Log-Result: the last 4 KB
    static constexpr qsizetype MaxEventPayload = 1048576; // asynchronous invocations, since 2025

    explicit LambdaInvokeApi(LambdaService *service, QObject *parent = nullptr);

    // With an authenticator, every request must be SigV4-signed for "lambda" by a key it
    // knows; refusals are worded as Lambda's. Without one, requests are not checked.
    void setAuthenticator(const AwsAuthenticator *authenticator) { m_authenticator = authenticator; }

    // With a registry, a qualifier (version, alias or $LATEST) is resolved through it and a
    // weighted alias picks a version per invocation; without one only $LATEST exists.
    void setRegistry(const LambdaRegistry *registry) { m_registry = registry; }
    // Where a weighted alias draws its number in [0, 1) from; tests seed it.
    void setRandomSource(std::function<double()> source) { m_random = std::move(source); }

    static bool isInvokePath(const QByteArray &path);
    // Answers Invoke requests; returns false (and answers nothing) for other paths.
    bool handleRequest(const Core::HttpRequest &request, HttpResponder responder);

    // "my-function", "123456789012:function:my-function" or a full ARN, with an optional
    // ":qualifier"; empty name when the text is none of these.
    struct FunctionReference
    {
        QString name;
        QString qualifier;
    };
    static FunctionReference parseFunctionName(const QString &text);

    // "name" or "name:qualifier" -> the LambdaService entry that runs it ("name" for $LATEST,
    // "name:<version>" otherwise), a weighted alias drawing its version; Lambda's error when
    // the function or qualifier does not exist.
    Core::Result<QString> resolveQualifier(const QString &functionName) const;

private:
    void answerService(const Core::Error &error, const HttpResponder &responder,
                       const QString &throttleReason = {}) const;
    static Core::Result<InvokeRequest> parseRequest(const Core::HttpRequest &request);
    void answerWithoutWaiting(const InvokeRequest &invoke, bool event,
                              const HttpResponder &responder);
    void invokeAndAnswer(const InvokeRequest &invoke, bool tail, const HttpResponder &responder);
    Core::Error notFound(const QString &functionName) const;

    LambdaService *m_service;
    const AwsAuthenticator *m_authenticator = nullptr;
    const LambdaRegistry *m_registry = nullptr;
    std::function<double()> m_random = [] { return QRandomGenerator::global()->generateDouble(); };
};

} // namespace Gatehouse::Emulator
