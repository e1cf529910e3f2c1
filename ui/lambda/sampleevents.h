#pragma once

#include <QList>
#include <QString>

namespace Gatehouse::Ui {

// The AWS sample events the Invoke panel offers (resources/events, copied unchanged from AWS's
// runtime libraries' test data, see resources/events/SOURCES.md).
struct SampleEvent
{
    QString title;        // "API Gateway HTTP API (payload 2.0)"
    QString resourcePath; // ":/events/powertools-lambda-python/apiGatewayProxyV2Event.json"
};

QList<SampleEvent> sampleEvents();

} // namespace Gatehouse::Ui
