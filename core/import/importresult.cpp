#include "importresult.h"

#include <algorithm>

namespace Gatehouse::Core::Import {

QString ImportProblem::toString() const
{
    QString where = source.isEmpty() ? QStringLiteral("-") : source;
    if (line > 0) {
        where += QLatin1Char(':') + QString::number(line);
        if (column > 0)
            where += QLatin1Char(':') + QString::number(column);
    }
    const QString kind =
        severity == Severity::Error ? QStringLiteral("error") : QStringLiteral("warning");
    return where + QStringLiteral(": ") + kind + QStringLiteral(": ") + message;
}

QString ImportResult::addSecret(const QString &baseName, const QString &value)
{
    QString name = baseName;
    for (int n = 2; secrets.contains(name) && secrets.value(name) != value; ++n)
        name = baseName + QString::number(n);
    secrets.insert(name, value);
    return name;
}

QString ImportResult::hideSecret(const QString &baseName, const QString &value)
{
    if (isPlaceholder(value.trimmed()))
        return value.trimmed();
    return QStringLiteral("{{") + addSecret(baseName, value) + QStringLiteral("}}");
}

bool ImportResult::hasErrors() const
{
    return std::any_of(problems.cbegin(), problems.cend(), [](const ImportProblem &p) {
        return p.severity == ImportProblem::Severity::Error;
    });
}

bool isSecretHeader(const QString &name)
{
    static const QStringList names = {QStringLiteral("authorization"),
                                      QStringLiteral("proxy-authorization"),
                                      QStringLiteral("cookie"),
                                      QStringLiteral("set-cookie"),
                                      QStringLiteral("x-amz-security-token"),
                                      QStringLiteral("x-api-key"),
                                      QStringLiteral("x-auth-token"),
                                      QStringLiteral("x-csrf-token"),
                                      QStringLiteral("x-xsrf-token")};
    return names.contains(name.trimmed().toLower());
}

bool isPlaceholder(const QString &text)
{
    return text.startsWith(QLatin1String("{{")) && text.endsWith(QLatin1String("}}")) &&
           text.indexOf(QLatin1String("{{"), 2) < 0 &&
           text.indexOf(QLatin1String("}}")) == text.size() - 2;
}

} // namespace Gatehouse::Core::Import
