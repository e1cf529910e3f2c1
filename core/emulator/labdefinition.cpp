#include "labdefinition.h"

namespace Gatehouse::Emulator {

QString LabDiagnostic::toString() const
{
    const QString kind = severity == Severity::Error ? QStringLiteral("error") : QStringLiteral("warning");
    QString text = file;
    if (line > 0) {
        text += QLatin1Char(':') + QString::number(line);
        if (column > 0)
            text += QLatin1Char(':') + QString::number(column);
    }
    text += QStringLiteral(": ") + kind + QStringLiteral(": ");
    if (!field.isEmpty())
        text += field + QStringLiteral(": ");
    return text + message;
}

bool LabDefinition::hasErrors() const
{
    for (const LabDiagnostic &d : diagnostics) {
        if (d.severity == LabDiagnostic::Severity::Error)
            return true;
    }
    return false;
}

} // namespace Gatehouse::Emulator
