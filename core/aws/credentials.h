#pragma once

#include <QDateTime>
#include <QString>

namespace Gatehouse::Core::Aws {

// The keys a request is signed with. Deliberately has no operator<< and no qDebug support:
// secrets must never reach a log.
struct Credentials
{
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken; // empty for long-term keys
    QDateTime expiration; // invalid for credentials that do not expire
    QString source;       // where they came from, for people: "environment", "profile dev"...

    bool isComplete() const { return !accessKeyId.isEmpty() && !secretAccessKey.isEmpty(); }
    bool hasSessionToken() const { return !sessionToken.isEmpty(); }
};

} // namespace Gatehouse::Core::Aws
