#include "intrinsicevaluator.h"

namespace Gatehouse::Emulator {

namespace {

QString qstr(const std::string &s)
{
    return QString::fromStdString(s);
}

// "!Sub" -> "Fn::Sub", "!Ref" -> "Ref"; the long form stays as it is.
QString longName(const QString &name)
{
    if (!name.startsWith(QLatin1Char('!')))
        return name;
    const QString bare = name.mid(1);
    return bare == QLatin1String("Ref") || bare == QLatin1String("Condition") ? bare : QStringLiteral("Fn::") + bare;
}

} // namespace

IntrinsicEvaluator::IntrinsicEvaluator(const QString &templatePath, QList<LabDiagnostic> *diagnostics)
    : m_templatePath(templatePath), m_diagnostics(diagnostics)
{
}

bool IntrinsicEvaluator::isIntrinsic(const YAML::Node &node)
{
    const std::string &tag = node.Tag();
    if (tag.size() > 1 && tag.front() == '!')
        return true;
    if (!node.IsMap() || node.size() != 1)
        return false;
    const std::string key = node.begin()->first.Scalar();
    return key == "Ref" || key.rfind("Fn::", 0) == 0;
}

void IntrinsicEvaluator::report(LabDiagnostic::Severity severity, const YAML::Mark &mark,
                                const QString &field, const QString &message)
{
    LabDiagnostic d;
    d.severity = severity;
    d.file = m_templatePath;
    d.line = mark.is_null() ? 0 : mark.line + 1;
    d.column = mark.is_null() ? 0 : mark.column + 1;
    d.field = field;
    d.message = message;
    m_diagnostics->append(d);
}

void IntrinsicEvaluator::error(const YAML::Node &at, const QString &field, const QString &message)
{
    report(LabDiagnostic::Severity::Error, at.Mark(), field, message);
}

void IntrinsicEvaluator::warning(const YAML::Node &at, const QString &field, const QString &message)
{
    report(LabDiagnostic::Severity::Warning, at.Mark(), field, message);
}

std::optional<QString> IntrinsicEvaluator::evaluate(const YAML::Node &node, const QString &field)
{
    const std::string &tag = node.Tag();
    if (tag.size() > 1 && tag.front() == '!')
        return call(longName(qstr(tag)), node, node, field);
    if (isIntrinsic(node)) {
        const auto entry = node.begin();
        return call(qstr(entry->first.Scalar()), entry->second, node, field);
    }
    if (!node.IsScalar()) {
        error(node, field, QStringLiteral("expected a single value, found a %1")
                               .arg(node.IsMap() ? QStringLiteral("map") : QStringLiteral("list")));
        return std::nullopt;
    }
    return qstr(node.Scalar());
}

std::optional<QString> IntrinsicEvaluator::call(const QString &function, const YAML::Node &argument,
                                                const YAML::Node &at, const QString &field)
{
    if (function == QLatin1String("Ref")) {
        if (!argument.IsScalar()) {
            error(at, field, QStringLiteral("Ref takes the name of a parameter or resource"));
            return std::nullopt;
        }
        return ref(qstr(argument.Scalar()), at, field);
    }
    if (function == QLatin1String("Fn::Sub"))
        return sub(argument, at, field);
    if (function == QLatin1String("Fn::GetAtt"))
        return getAttNode(argument, at, field);
    error(at, field, QStringLiteral("the intrinsic function %1 is not supported by Gatehouse "
                                    "(supported: Ref, Fn::Sub, Fn::GetAtt)").arg(function));
    return std::nullopt;
}

std::optional<QString> IntrinsicEvaluator::ref(const QString &name, const YAML::Node &at, const QString &field)
{
    if (m_pseudo.contains(name))
        return m_pseudo.value(name);
    if (m_parameters.contains(name)) {
        const std::optional<QString> value = m_parameters.value(name);
        if (!value)
            error(at, field, QStringLiteral("parameter %1 has no Default; Gatehouse needs one to run the lab").arg(name));
        return value;
    }
    if (m_resources.contains(name)) {
        const Resource &resource = m_resources[name];
        if (resource.refValue.isEmpty()) {
            error(at, field, QStringLiteral("Ref to %1 (%2) is not supported by Gatehouse").arg(name, resource.type));
            return std::nullopt;
        }
        return resource.refValue;
    }
    if (name.startsWith(QLatin1String("AWS::")))
        error(at, field, QStringLiteral("the pseudo parameter %1 is not supported by Gatehouse").arg(name));
    else
        error(at, field, QStringLiteral("Ref to %1: no parameter or resource has that name").arg(name));
    return std::nullopt;
}

std::optional<QString> IntrinsicEvaluator::getAtt(const QString &logicalId, const QString &attribute,
                                                  const YAML::Node &at, const QString &field)
{
    if (!m_resources.contains(logicalId)) {
        error(at, field, QStringLiteral("GetAtt %1.%2: no resource has the name %1").arg(logicalId, attribute));
        return std::nullopt;
    }
    const Resource &resource = m_resources[logicalId];
    if (!resource.attributes.contains(attribute)) {
        error(at, field, QStringLiteral("GetAtt %1.%2: the attribute %2 of %3 is not supported by Gatehouse")
                             .arg(logicalId, attribute, resource.type));
        return std::nullopt;
    }
    return resource.attributes.value(attribute);
}

std::optional<QString> IntrinsicEvaluator::getAttNode(const YAML::Node &argument, const YAML::Node &at,
                                                      const QString &field)
{
    if (argument.IsScalar()) {
        const QString text = qstr(argument.Scalar());
        const qsizetype dot = text.indexOf(QLatin1Char('.'));
        if (dot > 0)
            return getAtt(text.left(dot), text.mid(dot + 1), at, field);
    } else if (argument.IsSequence() && argument.size() == 2 && argument[0].IsScalar()
               && argument[1].IsScalar()) {
        return getAtt(qstr(argument[0].Scalar()), qstr(argument[1].Scalar()), at, field);
    }
    error(at, field, QStringLiteral("GetAtt takes \"Resource.Attribute\" or [Resource, Attribute]"));
    return std::nullopt;
}

std::optional<QString> IntrinsicEvaluator::sub(const YAML::Node &argument, const YAML::Node &at,
                                               const QString &field)
{
    if (argument.IsScalar())
        return substitute(qstr(argument.Scalar()), {}, at, field);
    if (!argument.IsSequence() || argument.size() != 2 || !argument[0].IsScalar() || !argument[1].IsMap()) {
        error(at, field, QStringLiteral("Sub takes a string, or [string, {Name: value, ...}]"));
        return std::nullopt;
    }
    QHash<QString, QString> variables;
    for (const auto &entry : argument[1]) {
        const QString name = qstr(entry.first.Scalar());
        const std::optional<QString> value = evaluate(entry.second, field + QLatin1Char('.') + name);
        if (!value)
            return std::nullopt;
        variables.insert(name, *value);
    }
    return substitute(qstr(argument[0].Scalar()), variables, at, field);
}

std::optional<QString> IntrinsicEvaluator::substitute(const QString &text, const QHash<QString, QString> &variables,
                                                      const YAML::Node &at, const QString &field)
{
    QString out;
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype start = text.indexOf(QLatin1String("${"), pos);
        if (start < 0) {
            out += text.mid(pos);
            break;
        }
        out += text.mid(pos, start - pos);
        const qsizetype end = text.indexOf(QLatin1Char('}'), start);
        if (end < 0) {
            error(at, field, QStringLiteral("Sub: \"${\" without a closing \"}\""));
            return std::nullopt;
        }
        const QString name = text.mid(start + 2, end - start - 2).trimmed();
        pos = end + 1;
        if (name.startsWith(QLatin1Char('!'))) {
            out += QStringLiteral("${") + name.mid(1) + QLatin1Char('}');
            continue;
        }
        std::optional<QString> value;
        const qsizetype dot = name.indexOf(QLatin1Char('.'));
        if (variables.contains(name))
            value = variables.value(name);
        else if (dot > 0 && !name.startsWith(QLatin1String("AWS::")))
            value = getAtt(name.left(dot), name.mid(dot + 1), at, field);
        else
            value = ref(name, at, field);
        if (!value)
            return std::nullopt;
        out += *value;
    }
    return out;
}

} // namespace Gatehouse::Emulator
