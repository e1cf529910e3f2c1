#pragma once

#include "core/httpmessage.h"
#include "httpresponder.h"

#include <QByteArray>
#include <QString>

namespace Gatehouse::Emulator {

class AwsAuthenticator;
class LambdaRegistry;
class LambdaService;

// Lambda's control plane on the wire (REST-JSON, API version 2015-03-31) for versions and
// aliases: GetFunction, GetFunctionConfiguration, ListFunctions, ListVersionsByFunction,
// PublishVersion, DeleteFunction, the alias operations, reserved concurrency, CreateFunction
// and UpdateFunctionCode/Configuration (zip upload only), so the AWS CLI and SDKs manage the
// emulator's functions with --endpoint-url. Published versions are registered with the
// LambdaService as their own functions, so each runs its own snapshot in its own workers.
class LambdaControlPlane
{
public:
    LambdaControlPlane(LambdaRegistry *registry, LambdaService *service);

    // With an authenticator every request must be SigV4-signed for "lambda" by a known key.
    void setAuthenticator(const AwsAuthenticator *authenticator) { m_authenticator = authenticator; }

    // Paths under /2015-03-31/functions except Invoke's .../invocations.
    // CreateFunction's request limit: a 50 MB zip in base64 inside the JSON body.
    static constexpr qint64 MaxCreateFunctionRequest = 70167211;

    static bool isControlPlanePath(const QByteArray &path);
    // Answers control-plane requests; returns false (and answers nothing) for other paths.
    bool handleRequest(const Core::HttpRequest &request, HttpResponder responder);

private:
    struct Route
    {
        QByteArray api;    // the path's first two segments, e.g. "/2015-03-31/functions"
        QString name;      // empty for ListFunctions
        QString qualifier; // from "name:qualifier" or ?Qualifier=
        QString part;      // "", "configuration", "versions", "aliases"
        QString alias;     // .../aliases/{Name}
        bool valid = true;
    };
    Core::HttpResponse answer(const Core::HttpRequest &request, const Route &route);
    Core::HttpResponse listFunctions(const Core::HttpRequest &request);
    Core::HttpResponse getFunction(const Route &route, bool configurationOnly);
    Core::HttpResponse deleteFunction(const Route &route);
    Core::HttpResponse publishVersion(const Route &route, const QByteArray &body);
    Core::HttpResponse listVersions(const Core::HttpRequest &request, const Route &route);
    Core::HttpResponse listAliases(const Core::HttpRequest &request, const Route &route);
    Core::HttpResponse putAlias(const Route &route, const QByteArray &body, bool create);
    Core::HttpResponse aliasOperation(const Core::HttpRequest &request, const Route &route);
    Core::HttpResponse concurrency(const Core::HttpRequest &request, const Route &route);
    Core::HttpResponse createFunction(const QByteArray &body);
    Core::HttpResponse updateCode(const Route &route, const QByteArray &body);
    Core::HttpResponse updateConfiguration(const Route &route, const QByteArray &body);
    // Publishes $LATEST after CreateFunction/UpdateFunctionCode with Publish: true.
    Core::HttpResponse answerPublished(const QString &name, int status);

    LambdaRegistry *m_registry;
    LambdaService *m_service;
    const AwsAuthenticator *m_authenticator = nullptr;
};

} // namespace Gatehouse::Emulator
