#include "documentimport.h"

#include "curlimport.h"
#include "emulatorimport.h"
#include "openapiimport.h"
#include "postmanimport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace Gatehouse::Core::Import {

ImportFormat detectImportFormat(const QByteArray &data)
{
    const QByteArray text = data.trimmed();
    static const QRegularExpression curl(QStringLiteral("^(curl|curl\\.exe)(\\s|\\^|\\\\)"),
                                         QRegularExpression::MultilineOption);
    if (curl.match(QString::fromUtf8(text.left(4096))).hasMatch())
        return ImportFormat::Curl;
    if (text.startsWith('{')) {
        const QJsonObject root = QJsonDocument::fromJson(text).object();
        if (root.value(QLatin1String("service")).toString() == QLatin1String("gatehouse-emulator"))
            return ImportFormat::EmulatorIndex;
        if (root.contains(QLatin1String("info")) && root.contains(QLatin1String("item")))
            return ImportFormat::Postman;
        if (root.contains(QLatin1String("openapi")) || root.contains(QLatin1String("swagger")))
            return ImportFormat::OpenApi;
    }
    static const QRegularExpression yamlKey(QStringLiteral("^[\"']?(openapi|swagger)[\"']?\\s*:"),
                                            QRegularExpression::MultilineOption);
    if (yamlKey.match(QString::fromUtf8(text)).hasMatch())
        return ImportFormat::OpenApi;
    return ImportFormat::Unknown;
}

ImportResult importDocument(const QByteArray &data, const QString &source)
{
    switch (detectImportFormat(data)) {
    case ImportFormat::Curl:
        return importCurl(QString::fromUtf8(data), source);
    case ImportFormat::Postman:
        return importPostman(data, source);
    case ImportFormat::OpenApi:
        return importOpenApi(data, source);
    case ImportFormat::EmulatorIndex:
        return importEmulatorIndex(data, source);
    case ImportFormat::Unknown:
        break;
    }
    ImportResult result;
    result.problems.append(
        {source, 0, 0,
         QStringLiteral("not a format Gatehouse imports: a curl command, a Postman "
                        "collection v2.1, an OpenAPI 3.0 or Swagger 2.0 document, "
                        "or the emulator's index"),
         ImportProblem::Severity::Error});
    return result;
}

} // namespace Gatehouse::Core::Import
