#include "lambdawire.h"

#include "awsauthenticator.h"

namespace Gatehouse::Emulator::LambdaWire {

Core::HttpResponse jsonAnswer(int status, const Json &doc)
{
    Core::HttpResponse response;
    response.status = status;
    response.headers.add("Content-Type", "application/json");
    response.headers.add("x-amzn-RequestId", AwsAuthenticator::newRequestId());
    response.body = QByteArray::fromStdString(doc.dump());
    return response;
}

Core::HttpResponse errorAnswer(const Core::Error &error)
{
    Json doc;
    doc["Type"] = error.httpStatus >= 500 ? "Service" : "User";
    // The Lambda model spells the member "Message" for ResourceNotFoundException only.
    const bool capital = error.awsCode == QLatin1String("ResourceNotFoundException");
    doc[capital ? "Message" : "message"] = error.message.toStdString();
    Core::HttpResponse response = jsonAnswer(error.httpStatus > 0 ? error.httpStatus : 500, doc);
    response.headers.add("x-amzn-ErrorType", error.awsCode.toUtf8());
    return response;
}

Core::HttpResponse invalid(const QString &message)
{
    return errorAnswer(lambdaError(400, QStringLiteral("InvalidParameterValueException"), message));
}

Core::HttpResponse validation(const QString &message)
{
    return errorAnswer(lambdaError(400, QStringLiteral("ValidationException"),
                                   QStringLiteral("1 validation error detected: ") + message));
}

std::optional<Json> parseBody(const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return Json::object();
    Json doc = Json::parse(body.constBegin(), body.constEnd(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return std::nullopt;
    return doc;
}

QString textMember(const Json &doc, const char *key)
{
    const auto it = doc.find(key);
    return it != doc.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                              : QString();
}

Json configurationJson(const LambdaRegistry &registry, const LambdaVersion &v, bool qualifiedArn)
{
    const FunctionConfig &c = v.config;
    Json doc;
    doc["FunctionName"] = str(c.name);
    doc["FunctionArn"] = str(registry.functionArn(c.name, qualifiedArn ? v.version : QString()));
    doc["Runtime"] = str(c.runtime);
    if (!c.handler.isEmpty())
        doc["Handler"] = str(c.handler);
    doc["CodeSize"] = v.codeSize;
    doc["Description"] = str(v.description);
    if (!c.role.isEmpty())
        doc["Role"] = str(c.role);
    doc["Timeout"] = c.timeoutSeconds;
    doc["MemorySize"] = c.memoryMb;
    doc["LastModified"] = str(v.lastModified);
    doc["CodeSha256"] = str(v.codeSha256);
    doc["Version"] = str(v.version);
    if (!c.environment.isEmpty()) {
        Json variables = Json::object();
        for (const auto &[key, value] : c.environment)
            variables[str(key)] = str(value);
        doc["Environment"] = Json{{"Variables", variables}};
    }
    doc["TracingConfig"] = Json{{"Mode", "PassThrough"}};
    doc["RevisionId"] = str(v.revisionId);
    doc["State"] = "Active";
    doc["LastUpdateStatus"] = "Successful";
    doc["PackageType"] = "Zip";
    doc["Architectures"] = Json::array({str(c.architecture)});
    doc["EphemeralStorage"] = Json{{"Size", 512}};
    return doc;
}

} // namespace Gatehouse::Emulator::LambdaWire
