#include "sampleevents.h"

#include <QCoreApplication>

namespace Gatehouse::Ui {

QList<SampleEvent> sampleEvents()
{
    const auto event = [](const char *title, const char *file) {
        return SampleEvent{QCoreApplication::translate("SampleEvents", title),
                           QStringLiteral(":/events/") + QLatin1String(file)};
    };
    return {
        event(QT_TRANSLATE_NOOP("SampleEvents", "API Gateway HTTP API (payload 2.0)"),
              "powertools-lambda-python/apiGatewayProxyV2Event.json"),
        event(QT_TRANSLATE_NOOP("SampleEvents", "API Gateway REST API proxy (payload 1.0)"),
              "powertools-lambda-python/apiGatewayProxyEvent.json"),
        event(QT_TRANSLATE_NOOP("SampleEvents", "API Gateway HTTP API Lambda authorizer"),
              "powertools-lambda-python/apiGatewayAuthorizerV2Event.json"),
        event(QT_TRANSLATE_NOOP("SampleEvents", "API Gateway WebSocket $connect"),
              "aws-lambda-go/apigw-websocket-request.json"),
        event(QT_TRANSLATE_NOOP("SampleEvents", "API Gateway WebSocket message"),
              "aws-lambda-go/apigw-websocket-request-send-message.json"),
        event(QT_TRANSLATE_NOOP("SampleEvents", "Lambda function URL"),
              "powertools-lambda-python/lambdaFunctionUrlEvent.json"),
        event(QT_TRANSLATE_NOOP("SampleEvents", "AppSync resolver"),
              "powertools-lambda-python/appSyncResolverEvent.json"),
        event(QT_TRANSLATE_NOOP("SampleEvents", "Cognito user pool: pre sign-up trigger"),
              "aws-lambda-go/cognito-event-userpools-presignup.json"),
        event(QT_TRANSLATE_NOOP("SampleEvents", "Cognito user pool: pre token generation trigger"),
              "aws-lambda-go/cognito-event-userpools-pretokengen.json"),
        event(QT_TRANSLATE_NOOP("SampleEvents", "Application Load Balancer target"),
              "aws-lambda-go/alb-lambda-target-request-headers-only.json"),
    };
}

} // namespace Gatehouse::Ui
