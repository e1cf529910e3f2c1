#pragma once

#include <QList>
#include <QPair>
#include <QString>

namespace Gatehouse::Emulator {

// Lambda's concurrency quota per account and region (1,000 once AWS raises a new account's
// 10) and what reservations must leave to the unreserved pool.
constexpr int AccountConcurrency = 1000;
constexpr int MinUnreservedConcurrency = 100;

// A Lambda function as a lab template declares it (AWS::Serverless::Function).
struct FunctionConfig
{
    QString logicalId;      // template resource name, e.g. "BakeryFunction"
    QString name;           // FunctionName, e.g. "bakeryFunction" (logicalId when not given)
    QString runtime;        // "python3.12", "nodejs20.x", "provided.al2023"
    QString handler;        // "app.lambda_handler"; unused by provided runtimes
    QString codeDir;        // absolute path of CodeUri
    int timeoutSeconds = 3;
    int memoryMb = 128;
    QString architecture = QStringLiteral("x86_64");
    QString description;
    QString role;           // execution role ARN (CreateFunction); labs leave it empty
    QList<QPair<QString, QString>> environment; // Environment.Variables, in template order
    int reservedConcurrency = -1; // ReservedConcurrentExecutions; -1: none (the unreserved pool)
    int templateLine = 0;   // where the resource starts in template.yaml (1-based)
};

} // namespace Gatehouse::Emulator
