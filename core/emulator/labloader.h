#pragma once

#include "labdefinition.h"

#include <QString>
#include <QStringList>

namespace Gatehouse::Emulator {

// Reads a lab folder's SAM template.yaml into functions and HTTP APIs, with diagnostics
// that name file, line, column and field; Error diagnostics mean the lab cannot run.
class LabLoader
{
public:
    // `region` and `accountId` are what AWS::Region and AWS::AccountId stand for.
    static LabDefinition load(const QString &labDir, const QString &region = QStringLiteral("us-east-1"),
                              const QString &accountId = QStringLiteral("123456789012"));

    // Runtimes the emulator can run: python3.9-3.13, nodejs18.x-22.x, provided*.
    static QStringList supportedRuntimes();
    // 10 lower-case alphanumerics, the same for a given lab and logical id on every run.
    static QString apiIdFor(const QString &labName, const QString &logicalId);

    // SAM's logical id for the API it creates for HttpApi events without ApiId.
    static QString implicitApiLogicalId() { return QStringLiteral("ServerlessHttpApi"); }
};

} // namespace Gatehouse::Emulator
