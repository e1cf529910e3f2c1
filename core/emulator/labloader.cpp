#include "labloader.h"
#include "templatenodes.h"

#include "intrinsicevaluator.h"
#include "templatereader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <yaml-cpp/yaml.h>

namespace Gatehouse::Emulator {

namespace {

LabDiagnostic diagnostic(const LabDefinition &lab, int line, int column, const QString &message)
{
    LabDiagnostic d;
    d.file = lab.templatePath;
    d.line = line;
    d.column = column;
    d.message = message;
    return d;
}

} // namespace

QStringList LabLoader::supportedRuntimes()
{
    return {QStringLiteral("python3.9"), QStringLiteral("python3.10"), QStringLiteral("python3.11"),
            QStringLiteral("python3.12"), QStringLiteral("python3.13"), QStringLiteral("nodejs18.x"),
            QStringLiteral("nodejs20.x"), QStringLiteral("nodejs22.x"), QStringLiteral("provided"),
            QStringLiteral("provided.al2"), QStringLiteral("provided.al2023")};
}

QString LabLoader::apiIdFor(const QString &labName, const QString &logicalId)
{
    return TemplateNodes::stableId(labName + QLatin1Char('/') + logicalId, 10);
}

LabDefinition LabLoader::load(const QString &labDir, const QString &region, const QString &accountId)
{
    LabDefinition lab;
    lab.directory = QDir::cleanPath(QFileInfo(labDir).absoluteFilePath());
    lab.name = QFileInfo(lab.directory).fileName();
    lab.templatePath = QDir(lab.directory).filePath(QStringLiteral("template.yaml"));
    if (!QFileInfo(lab.directory).isDir()) {
        lab.diagnostics.append(diagnostic(lab, 0, 0, QStringLiteral("the lab folder %1 does not exist").arg(lab.directory)));
        return lab;
    }
    QFile file(lab.templatePath);
    if (!file.open(QIODevice::ReadOnly)) {
        lab.diagnostics.append(diagnostic(lab, 0, 0, QStringLiteral("cannot read template.yaml: %1").arg(file.errorString())));
        return lab;
    }
    const QByteArray text = file.readAll();
    try {
        const YAML::Node root = YAML::Load(text.toStdString());
        TemplateReader(&lab, region, accountId).read(root);
    } catch (const YAML::Exception &e) {
        const bool known = !e.mark.is_null();
        lab.diagnostics.append(diagnostic(lab, known ? e.mark.line + 1 : 0, known ? e.mark.column + 1 : 0,
                                          QStringLiteral("YAML syntax error: %1").arg(QString::fromStdString(e.msg))));
    }
    return lab;
}

} // namespace Gatehouse::Emulator
