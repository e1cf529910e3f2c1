#include "harexport.h"

#include "importresult.h"

#include <QUrlQuery>
#include <nlohmann/json.hpp>

namespace Gatehouse::Core::Import {

namespace {

using Json = nlohmann::ordered_json;

std::string utf8(const QByteArray &bytes)
{
    return bytes.toStdString();
}

bool isUtf8(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes).toUtf8() == bytes;
}

bool isSecretQueryKey(const QString &key, const QStringList &alsoRedact)
{
    if (alsoRedact.contains(key, Qt::CaseInsensitive))
        return true;
    static const QStringList keys = {QStringLiteral("x-amz-signature"),
                                     QStringLiteral("x-amz-credential"),
                                     QStringLiteral("x-amz-security-token"),
                                     QStringLiteral("signature"),
                                     QStringLiteral("access_token"),
                                     QStringLiteral("api_key"),
                                     QStringLiteral("apikey")};
    return keys.contains(key.toLower());
}

// The URL with secret query values and any user:password replaced.
QUrl redactedUrl(const QUrl &url, const QStringList &alsoRedact, Json *queryString)
{
    QUrl out = url;
    out.setUserInfo(QString());
    QUrlQuery query(url);
    QList<QPair<QString, QString>> items = query.queryItems(QUrl::FullyEncoded);
    for (auto &[key, value] : items) {
        if (isSecretQueryKey(QUrl::fromPercentEncoding(key.toUtf8()), alsoRedact))
            value = QLatin1String(HarRedacted);
        queryString->push_back(
            {{"name", QUrl::fromPercentEncoding(key.toUtf8()).toStdString()},
             {"value", QUrl::fromPercentEncoding(value.toUtf8()).toStdString()}});
    }
    if (!items.isEmpty()) {
        QUrlQuery rebuilt;
        rebuilt.setQueryItems(items);
        out.setQuery(rebuilt.query(QUrl::FullyEncoded), QUrl::StrictMode);
    }
    return out;
}

Json headers(const HttpHeaders &fields, const QStringList &alsoRedact)
{
    Json list = Json::array();
    for (const auto &[name, value] : fields.fields()) {
        const QString text = QString::fromLatin1(name);
        const bool secret = isSecretHeader(text) || alsoRedact.contains(text, Qt::CaseInsensitive);
        list.push_back(
            {{"name", utf8(name)}, {"value", secret ? std::string(HarRedacted) : utf8(value)}});
    }
    return list;
}

Json content(const QByteArray &body, const QByteArray &contentType)
{
    Json c{{"size", body.size()},
           {"mimeType", contentType.isEmpty() ? std::string("x-unknown") : utf8(contentType)}};
    if (isUtf8(body)) {
        c["text"] = utf8(body);
    } else {
        c["text"] = body.toBase64().toStdString();
        c["encoding"] = "base64";
    }
    return c;
}

} // namespace

QByteArray exportHar(const HttpClientRequest &request, const HttpClientResponse &response,
                     const QDateTime &startedAt, const QStringList &alsoRedact)
{
    Json queryString = Json::array();
    const QUrl url = redactedUrl(request.url, alsoRedact, &queryString);
    Json harRequest{{"method", utf8(request.method)},
                    {"url", url.toString(QUrl::FullyEncoded).toStdString()},
                    {"httpVersion", "HTTP/1.1"},
                    {"cookies", Json::array()},
                    {"headers", headers(request.headers, alsoRedact)},
                    {"queryString", queryString},
                    {"headersSize", -1},
                    {"bodySize", request.body.size()}};
    if (!request.body.isEmpty()) {
        const QByteArray type = request.headers.value("Content-Type");
        harRequest["postData"] = {
            {"mimeType", type.isEmpty() ? std::string("application/octet-stream") : utf8(type)},
            {"text", QString::fromUtf8(request.body).toStdString()}};
    }
    const QByteArray location = response.headers.value("Location");
    const Json harResponse{
        {"status", response.status},
        {"statusText", utf8(response.reason)},
        {"httpVersion",
         response.httpVersion.isEmpty() ? std::string("HTTP/1.1") : utf8(response.httpVersion)},
        {"cookies", Json::array()},
        {"headers", headers(response.headers, alsoRedact)},
        {"content", content(response.body, response.headers.value("Content-Type"))},
        {"redirectURL", utf8(location)},
        {"headersSize", -1},
        {"bodySize", response.body.size()}};
    const Json entry{
        {"startedDateTime", startedAt.toUTC().toString(Qt::ISODateWithMs).toStdString()},
        {"time", response.elapsedMs},
        {"request", harRequest},
        {"response", harResponse},
        {"cache", Json::object()},
        {"timings", {{"send", 0}, {"wait", response.elapsedMs}, {"receive", 0}}}};
    const Json har{{"log",
                    {{"version", "1.2"},
                     {"creator", {{"name", "Gatehouse"}, {"version", GATEHOUSE_VERSION}}},
                     {"entries", Json::array({entry})}}}};
    return QByteArray::fromStdString(har.dump(2, ' ', false, Json::error_handler_t::replace)) +
           '\n';
}

} // namespace Gatehouse::Core::Import
