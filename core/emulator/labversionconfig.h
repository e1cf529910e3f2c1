#pragma once

#include <QString>

namespace Gatehouse::Emulator {

// A version a lab template publishes (AWS::Lambda::Version), numbered per function in template
// order as CloudFormation publishes them when each depends on the one before.
struct LabVersionConfig
{
    QString logicalId;      // e.g. "BakeryVersion1"
    QString functionName;   // the function it is a version of
    int number = 0;         // 1, 2, ...
    QString description;
    QString codeDir;        // absolute: Metadata.Gatehouse.CodeUri, else the function's CodeUri
    int templateLine = 0;
};

// An alias a lab template declares (AWS::Lambda::Alias), with at most one weighted extra version.
struct LabAliasConfig
{
    QString logicalId;
    QString functionName;
    QString name;              // e.g. "live"
    QString functionVersion;   // "1", "2", ... or "$LATEST"
    QString description;
    QString additionalVersion; // empty: no RoutingConfig
    double additionalWeight = 0;
    int templateLine = 0;
};

} // namespace Gatehouse::Emulator
