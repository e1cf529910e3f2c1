#pragma once

#include "labdefinition.h"

#include <QHash>
#include <QString>

#include <yaml-cpp/yaml.h>

#include <optional>

namespace Gatehouse::Emulator {

// Evaluates CloudFormation intrinsics (Ref, Fn::Sub, Fn::GetAtt) in a lab template, and
// reports template problems with file, line, column and field.
class IntrinsicEvaluator
{
public:
    struct Resource
    {
        QString type;            // "AWS::Serverless::Function"
        QString refValue;        // what !Ref gives: function name, API id
        QHash<QString, QString> attributes; // what !GetAtt gives: "Arn", "ApiEndpoint"
    };

    IntrinsicEvaluator(const QString &templatePath, QList<LabDiagnostic> *diagnostics);

    void setPseudoParameter(const QString &name, const QString &value) { m_pseudo.insert(name, value); }
    // A template parameter's value (its Default); nullopt when it has none.
    void setParameter(const QString &name, const std::optional<QString> &value) { m_parameters.insert(name, value); }
    void setResource(const QString &logicalId, const Resource &resource) { m_resources.insert(logicalId, resource); }
    bool hasResource(const QString &logicalId) const { return m_resources.contains(logicalId); }

    // The string a node stands for after intrinsics; nullopt (with a diagnostic) when it
    // cannot be evaluated or is not a scalar.
    std::optional<QString> evaluate(const YAML::Node &node, const QString &field);
    // Whether a node is an intrinsic function call (tag form or one-key map form).
    static bool isIntrinsic(const YAML::Node &node);

    void report(LabDiagnostic::Severity severity, const YAML::Mark &mark, const QString &field,
                const QString &message);
    void error(const YAML::Node &at, const QString &field, const QString &message);
    void warning(const YAML::Node &at, const QString &field, const QString &message);

private:
    std::optional<QString> ref(const QString &name, const YAML::Node &at, const QString &field);
    std::optional<QString> getAtt(const QString &logicalId, const QString &attribute,
                                  const YAML::Node &at, const QString &field);
    std::optional<QString> getAttNode(const YAML::Node &argument, const YAML::Node &at, const QString &field);
    std::optional<QString> sub(const YAML::Node &argument, const YAML::Node &at, const QString &field);
    std::optional<QString> substitute(const QString &text, const QHash<QString, QString> &variables,
                                      const YAML::Node &at, const QString &field);
    std::optional<QString> call(const QString &function, const YAML::Node &argument,
                                const YAML::Node &at, const QString &field);

    QString m_templatePath;
    QList<LabDiagnostic> *m_diagnostics;
    QHash<QString, QString> m_pseudo;
    QHash<QString, std::optional<QString>> m_parameters;
    QHash<QString, Resource> m_resources;
};

} // namespace Gatehouse::Emulator
