// LambdaControlPlane, continued: CreateFunction, UpdateFunctionCode and
// UpdateFunctionConfiguration (zip upload only), which define and change $LATEST.
#include "lambdacontrolplane.h"

#include "labloader.h"
#include "lambdaregistry.h"
#include "lambdaservice.h"
#include "lambdawire.h"

#include <QRegularExpression>
#include <optional>
#include <variant>

namespace Gatehouse::Emulator {

using namespace LambdaWire;

namespace {

// A whole number member in [min, max], or an answer saying what is wrong.
std::optional<Core::HttpResponse> readBounded(const Json &doc, const char *key, const char *wire,
                                              int min, int max, int &into)
{
    const auto it = doc.find(key);
    if (it == doc.end())
        return std::nullopt;
    if (!it->is_number_integer())
        return validation(QStringLiteral("Value '%1' at '%2' failed to satisfy constraint: Member "
                                         "must be a whole number")
                              .arg(QString::fromStdString(it->dump()), QLatin1String(wire)));
    const qint64 value = it->get<qint64>();
    if (value < min || value > max)
        return validation(QStringLiteral("Value '%1' at '%2' failed to satisfy constraint: Member "
                                         "must have value %3 %4")
                              .arg(value)
                              .arg(QLatin1String(wire))
                              .arg(value < min ? QStringLiteral("greater than or equal to")
                                               : QStringLiteral("less than or equal to"))
                              .arg(value < min ? min : max));
    into = int(value);
    return std::nullopt;
}

// The settings CreateFunction and UpdateFunctionConfiguration share, read into config.
std::optional<Core::HttpResponse> readSettings(const Json &doc, FunctionConfig &config)
{
    if (doc.contains("Runtime")) {
        const QString runtime = textMember(doc, "Runtime");
        if (!LabLoader::supportedRuntimes().contains(runtime))
            return invalid(QStringLiteral("The runtime parameter of %1 is not supported by the "
                                          "emulator. Use one of: %2.")
                               .arg(runtime, LabLoader::supportedRuntimes().join(QStringLiteral(", "))));
        config.runtime = runtime;
    }
    if (doc.contains("Handler")) {
        static const QRegularExpression handlerPattern(QStringLiteral("^[^\\s]{1,128}$"));
        const QString handler = textMember(doc, "Handler");
        if (!handlerPattern.match(handler).hasMatch())
            return validation(QStringLiteral("Value '%1' at 'handler' failed to satisfy constraint: "
                                             "Member must satisfy regular expression pattern: "
                                             "[^\\s]+ (e.g. app.lambda_handler)")
                                  .arg(handler));
        config.handler = handler;
    }
    if (doc.contains("Description"))
        config.description = textMember(doc, "Description");
    if (auto wrong = readBounded(doc, "Timeout", "timeout", 1, 900, config.timeoutSeconds))
        return wrong;
    if (auto wrong = readBounded(doc, "MemorySize", "memorySize", 128, 10240, config.memoryMb))
        return wrong;
    if (const auto env = doc.find("Environment"); env != doc.end()) {
        config.environment.clear();
        const auto variables = env->is_object() ? env->find("Variables") : env->end();
        if (env->is_object() && variables != env->end()) {
            if (!variables->is_object())
                return invalid(QStringLiteral("Environment.Variables is an object of names and "
                                              "text values"));
            for (const auto &[key, value] : variables->items()) {
                if (!value.is_string())
                    return invalid(QStringLiteral("Environment variable %1 must have a text value")
                                       .arg(QString::fromStdString(key)));
                config.environment.append({QString::fromStdString(key),
                                           QString::fromStdString(value.get<std::string>())});
            }
        }
    }
    if (const auto arch = doc.find("Architectures"); arch != doc.end()) {
        const bool one = arch->is_array() && arch->size() == 1 && arch->at(0).is_string();
        const QString value = one ? QString::fromStdString(arch->at(0).get<std::string>()) : QString();
        if (value != QLatin1String("x86_64") && value != QLatin1String("arm64"))
            return validation(QStringLiteral("Value '%1' at 'architectures' failed to satisfy "
                                             "constraint: Member must be [x86_64] or [arm64]")
                                  .arg(QString::fromStdString(arch->dump())));
        config.architecture = value;
    }
    return std::nullopt;
}

// Code.ZipFile (or UpdateFunctionCode's ZipFile) decoded, or an answer saying what is wrong.
std::variant<QByteArray, Core::HttpResponse> readZip(const Json &code)
{
    for (const char *other : {"S3Bucket", "S3Key", "S3ObjectVersion", "ImageUri"}) {
        if (code.contains(other))
            return invalid(QStringLiteral("The emulator takes the code as ZipFile only (a zip "
                                          "in base64; the AWS CLI sends --zip-file "
                                          "fileb://function.zip); %1 is not supported.")
                               .arg(QLatin1String(other)));
    }
    const auto zip = code.find("ZipFile");
    if (zip == code.end() || !zip->is_string())
        return invalid(QStringLiteral("Give the code as ZipFile: a zip in base64 (the AWS CLI "
                                      "sends --zip-file fileb://function.zip)."));
    const std::string &text = zip->get_ref<const std::string &>();
    const auto decoded = QByteArray::fromBase64Encoding(QByteArray::fromRawData(text.data(), qsizetype(text.size())),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return invalid(QStringLiteral("ZipFile is not base64. Send the zip's bytes base64-encoded "
                                      "(the AWS CLI does so for --zip-file fileb://function.zip)."));
    return decoded.decoded;
}

bool wantsPublish(const Json &doc)
{
    const auto publish = doc.find("Publish");
    return publish != doc.end() && publish->is_boolean() && publish->get<bool>();
}

} // namespace

Core::HttpResponse LambdaControlPlane::answerPublished(const QString &name, int status)
{
    const Core::Result<LambdaRegistry::Published> published = m_registry->publish(name, {}, {}, {});
    if (!published)
        return errorAnswer(published.error());
    const LambdaVersion &v = published->version;
    if (published->created)
        m_service->addVersion(name, v.version, v.config);
    return jsonAnswer(status, configurationJson(*m_registry, v, true));
}

Core::HttpResponse LambdaControlPlane::createFunction(const QByteArray &body)
{
    if (body.size() > MaxCreateFunctionRequest)
        return errorAnswer(lambdaError(413, QStringLiteral("RequestEntityTooLargeException"),
                                       QStringLiteral("Request must be smaller than %1 bytes for "
                                                      "the CreateFunction operation")
                                           .arg(MaxCreateFunctionRequest)));
    const std::optional<Json> doc = parseBody(body);
    if (!doc)
        return invalid(QStringLiteral("Could not parse request body into json"));
    FunctionConfig config;
    config.name = textMember(*doc, "FunctionName");
    static const QRegularExpression namePattern(QStringLiteral("^[a-zA-Z0-9_-]{1,64}$"));
    if (!namePattern.match(config.name).hasMatch())
        return validation(QStringLiteral("Value '%1' at 'functionName' failed to satisfy "
                                         "constraint: Member must satisfy regular expression "
                                         "pattern: [a-zA-Z0-9-_]{1,64}")
                              .arg(config.name));
    config.logicalId = config.name;
    config.role = textMember(*doc, "Role");
    static const QRegularExpression rolePattern(
        QStringLiteral("^arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+$"));
    if (!rolePattern.match(config.role).hasMatch())
        return validation(QStringLiteral("Value '%1' at 'role' failed to satisfy constraint: "
                                         "Member must satisfy regular expression pattern: "
                                         "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?"
                                         "[a-zA-Z_0-9+=,.@\\-_/]+ (e.g. "
                                         "arn:aws:iam::123456789012:role/lambda-role)")
                              .arg(config.role));
    if (textMember(*doc, "PackageType") == QLatin1String("Image"))
        return invalid(QStringLiteral("The emulator runs Zip packages only, not container images."));
    if (!doc->contains("Runtime") || !doc->contains("Handler"))
        return invalid(QStringLiteral("Runtime and Handler are required for a Zip package "
                                      "(e.g. python3.12 and app.lambda_handler)."));
    if (std::optional<Core::HttpResponse> wrong = readSettings(*doc, config))
        return *wrong;
    const auto code = doc->find("Code");
    if (code == doc->end() || !code->is_object())
        return invalid(QStringLiteral("Code is required: {\"ZipFile\": <zip in base64>}."));
    std::variant<QByteArray, Core::HttpResponse> zip = readZip(*code);
    if (auto *wrong = std::get_if<Core::HttpResponse>(&zip))
        return *wrong;
    if (m_registry->hasFunction(config.name))
        return errorAnswer(lambdaError(409, QStringLiteral("ResourceConflictException"),
                                       QStringLiteral("Function already exist: ") + config.name));
    const Core::Result<LambdaVersion> created =
        m_registry->createFunction(config, std::get<QByteArray>(zip));
    if (!created)
        return errorAnswer(created.error());
    m_service->addFunction(created->config);
    if (wantsPublish(*doc))
        return answerPublished(config.name, 201);
    return jsonAnswer(201, configurationJson(*m_registry, *created, false));
}

Core::HttpResponse LambdaControlPlane::updateCode(const Route &route, const QByteArray &body)
{
    if (body.size() > MaxCreateFunctionRequest)
        return errorAnswer(lambdaError(413, QStringLiteral("RequestEntityTooLargeException"),
                                       QStringLiteral("Request must be smaller than %1 bytes for "
                                                      "the UpdateFunctionCode operation")
                                           .arg(MaxCreateFunctionRequest)));
    if (!route.qualifier.isEmpty())
        return invalid(QStringLiteral("Only $LATEST's code changes; name the function without "
                                      "version or alias %1.")
                           .arg(route.qualifier));
    const std::optional<Json> doc = parseBody(body);
    if (!doc)
        return invalid(QStringLiteral("Could not parse request body into json"));
    if (!m_registry->hasFunction(route.name))
        return errorAnswer(lambdaError(404, QStringLiteral("ResourceNotFoundException"),
                                       QStringLiteral("Function not found: ") +
                                           m_registry->functionArn(route.name)));
    std::variant<QByteArray, Core::HttpResponse> zip = readZip(*doc);
    if (auto *wrong = std::get_if<Core::HttpResponse>(&zip))
        return *wrong;
    const Core::Result<LambdaVersion> updated = m_registry->updateCode(
        route.name, std::get<QByteArray>(zip), textMember(*doc, "RevisionId"));
    if (!updated)
        return errorAnswer(updated.error());
    m_service->updateFunction(updated->config);
    if (wantsPublish(*doc))
        return answerPublished(route.name, 200);
    return jsonAnswer(200, configurationJson(*m_registry, *updated, false));
}

Core::HttpResponse LambdaControlPlane::updateConfiguration(const Route &route, const QByteArray &body)
{
    if (!route.qualifier.isEmpty())
        return invalid(QStringLiteral("Only $LATEST's configuration changes; name the function "
                                      "without version or alias %1.")
                           .arg(route.qualifier));
    const std::optional<Json> doc = parseBody(body);
    if (!doc)
        return invalid(QStringLiteral("Could not parse request body into json"));
    const Core::Result<LambdaVersion> current = m_registry->latest(route.name);
    if (!current)
        return errorAnswer(current.error());
    FunctionConfig config = current->config;
    if (std::optional<Core::HttpResponse> wrong = readSettings(*doc, config))
        return *wrong;
    if (doc->contains("Role")) {
        static const QRegularExpression rolePattern(
            QStringLiteral("^arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+$"));
        config.role = textMember(*doc, "Role");
        if (!rolePattern.match(config.role).hasMatch())
            return validation(QStringLiteral("Value '%1' at 'role' failed to satisfy constraint: "
                                             "Member must satisfy regular expression pattern: "
                                             "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?"
                                             "[a-zA-Z_0-9+=,.@\\-_/]+")
                                  .arg(config.role));
    }
    const Core::Result<LambdaVersion> updated =
        m_registry->updateConfiguration(route.name, config, textMember(*doc, "RevisionId"));
    if (!updated)
        return errorAnswer(updated.error());
    m_service->updateFunction(updated->config);
    return jsonAnswer(200, configurationJson(*m_registry, *updated, false));
}

} // namespace Gatehouse::Emulator
