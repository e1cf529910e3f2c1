#pragma once

#include "result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Gatehouse::Core {

struct EnvironmentVariable
{
    QString key;
    QString value;
    bool enabled = true;
    bool secret = false;

    bool operator==(const EnvironmentVariable &other) const = default;
};

// A named set of {{key}} values, so one request document serves dev, staging and the emulator.
struct Environment
{
    QString name;
    QList<EnvironmentVariable> variables;

    // The value of the last enabled variable with that key; empty when there is none.
    QString value(const QString &key) const;
    bool contains(const QString &key) const;
};

// Every {{name}} (spaces inside the braces ignored) replaced in one pass; values are not
// substituted again. Unresolved names make an error that names each of them.
Result<QString> substitute(const QString &text, const Environment &environment);
// The distinct {{names}} in text that the environment does not define, in order of appearance.
QStringList unresolvedVariables(const QString &text, const Environment &environment);
Error undefinedVariablesError(const QStringList &names, const Environment &environment);
// text with every value of an enabled secret variable replaced by its {{key}}, for anything
// printed or reported after substitution (a URL with ?api_key={{apiKey}} filled in).
QString maskSecretValues(const QString &text, const Environment &environment);
// The same for bytes as they came over the wire (a body that echoes the request).
QByteArray maskSecretValues(const QByteArray &bytes, const Environment &environment);

// A Postman environment export ({"name", "values": [{"key", "value", "enabled", "type"}]}) or a
// flat {"key": "value"} object, whose environment is named after the file.
Result<Environment> loadEnvironmentFile(const QString &path);
Result<Environment> parseEnvironment(const QByteArray &json, const QString &fallbackName);

} // namespace Gatehouse::Core
