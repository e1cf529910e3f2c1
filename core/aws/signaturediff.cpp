#include "signaturediff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QXmlStreamReader>

#include <vector>

namespace Gatehouse::Core::Aws {

namespace {

const QByteArray CanonicalMarker = "The Canonical String for this request should have been\n'";
const QByteArray StringToSignMarker = "The String-to-Sign should have been\n'";

QString messageInJson(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().contains(QLatin1String("should have been")) ? value.toString() : QString();
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray()) {
            if (QString found = messageInJson(item); !found.isEmpty())
                return found;
        }
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (QString found = messageInJson(it.value()); !found.isEmpty())
                return found;
        }
    }
    return {};
}

QByteArray messageInXml(const QByteArray &body)
{
    QXmlStreamReader xml(body);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("Message")) {
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (text.contains(QLatin1String("should have been")))
                return text.toUtf8();
        }
    }
    return {};
}

QByteArray errorMessage(const QByteArray &body)
{
    QJsonParseError error{};
    const QJsonDocument json = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError) {
        const QJsonValue root = json.isArray() ? QJsonValue(json.array()) : QJsonValue(json.object());
        return messageInJson(root).toUtf8();
    }
    if (body.trimmed().startsWith('<'))
        return messageInXml(body);
    return body;
}

// The quoted text after marker: up to the closing "'" that ends the last line of the stage.
QByteArray quotedAfter(const QByteArray &message, const QByteArray &marker, const QByteArray &terminator)
{
    const qsizetype start = message.indexOf(marker);
    if (start < 0)
        return {};
    const qsizetype from = start + marker.size();
    qsizetype end = terminator.isEmpty() ? -1 : message.indexOf(terminator, from);
    if (end < 0)
        end = message.lastIndexOf('\'');
    return end > from ? message.mid(from, end - from) : QByteArray();
}

struct CanonicalParts
{
    QList<QByteArray> lines;
    QList<QByteArray> headers;
    QByteArray signedHeaders;
    QByteArray payloadHash;
};

CanonicalParts splitCanonical(const QByteArray &canonical)
{
    CanonicalParts parts;
    parts.lines = canonical.split('\n');
    while (parts.lines.size() < 3)
        parts.lines.append(QByteArray());
    qsizetype i = 3;
    for (; i < parts.lines.size() && !parts.lines.at(i).isEmpty(); ++i)
        parts.headers.append(parts.lines.at(i));
    parts.signedHeaders = parts.lines.value(i + 1);
    parts.payloadHash = parts.lines.value(i + 2);
    return parts;
}

QByteArray headerName(const QByteArray &line)
{
    return line.left(line.indexOf(':'));
}

QString differingHeaders(const QList<QByteArray> &ours, const QList<QByteArray> &server)
{
    QStringList names;
    for (const QByteArray &line : ours) {
        if (!server.contains(line) && !names.contains(QString::fromUtf8(headerName(line))))
            names.append(QString::fromUtf8(headerName(line)));
    }
    for (const QByteArray &line : server) {
        if (!ours.contains(line) && !names.contains(QString::fromUtf8(headerName(line))))
            names.append(QString::fromUtf8(headerName(line)));
    }
    return names.join(QStringLiteral(", "));
}

QStringList explainCanonical(const CanonicalParts &ours, const CanonicalParts &server)
{
    QStringList out;
    const auto quoted = [](const QByteArray &text) { return QStringLiteral("'%1'").arg(QString::fromUtf8(text)); };
    if (ours.lines.at(0) != server.lines.at(0))
        out << QStringLiteral("The method differs: we signed %1, the server received %2; a proxy or redirect may have changed it.")
                   .arg(quoted(ours.lines.at(0)), quoted(server.lines.at(0)));
    if (ours.lines.at(1) != server.lines.at(1))
        out << QStringLiteral("The path differs: we signed %1, the server computed %2. Check percent-encoding and any stage or base path in front of the API (SigV4 encodes the path twice for every service but S3).")
                   .arg(quoted(ours.lines.at(1)), quoted(server.lines.at(1)));
    if (ours.lines.at(2) != server.lines.at(2))
        out << QStringLiteral("The query differs: we signed %1, the server computed %2. Check how parameters are encoded (spaces as %20, not '+').")
                   .arg(quoted(ours.lines.at(2)), quoted(server.lines.at(2)));
    if (ours.headers != server.headers)
        out << QStringLiteral("Header lines differ for: %1. The server signs the headers as it received them: a proxy, a different Host (port) or a changed value breaks the signature.")
                   .arg(differingHeaders(ours.headers, server.headers));
    if (ours.signedHeaders != server.signedHeaders)
        out << QStringLiteral("The list of signed headers differs: we signed %1, the server used %2.")
                   .arg(quoted(ours.signedHeaders), quoted(server.signedHeaders));
    if (ours.payloadHash != server.payloadHash)
        out << QStringLiteral("The payload hash differs: the body that arrived is not the body we signed (something re-encoded it), or the service expects UNSIGNED-PAYLOAD.");
    return out;
}

QStringList explainStringToSign(const QByteArray &ours, const QByteArray &server)
{
    QStringList out;
    const QList<QByteArray> a = ours.split('\n');
    const QList<QByteArray> b = server.split('\n');
    if (a.value(1) != b.value(1))
        out << QStringLiteral("The signing time differs: we signed at %1, the server used %2.")
                   .arg(QString::fromUtf8(a.value(1)), QString::fromUtf8(b.value(1)));
    if (a.value(2) != b.value(2))
        out << QStringLiteral("The credential scope differs: we signed for '%1', the server expects '%2'. Check the region and the service name in the Auth tab.")
                   .arg(QString::fromUtf8(a.value(2)), QString::fromUtf8(b.value(2)));
    return out;
}

} // namespace

std::optional<ServerSigningStages> parseServerSigningStages(const QByteArray &errorBody)
{
    const QByteArray message = errorMessage(errorBody);
    if (!message.contains(CanonicalMarker))
        return std::nullopt;
    ServerSigningStages stages;
    stages.canonicalRequest = quotedAfter(message, CanonicalMarker, "'\n\nThe String-to-Sign");
    if (message.contains(StringToSignMarker))
        stages.stringToSign = quotedAfter(message, StringToSignMarker, QByteArray());
    return stages;
}

QList<SigningDiffLine> diffSigningLines(const QByteArray &ours, const QByteArray &server)
{
    const QList<QByteArray> a = ours.split('\n');
    const QList<QByteArray> b = server.split('\n');
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
    for (qsizetype i = n - 1; i >= 0; --i) {
        for (qsizetype j = m - 1; j >= 0; --j)
            lcs[i][j] = a.at(i) == b.at(j) ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
    QList<SigningDiffLine> out;
    qsizetype i = 0;
    qsizetype j = 0;
    using Kind = SigningDiffLine::Kind;
    while (i < n || j < m) {
        if (i < n && j < m && a.at(i) == b.at(j)) {
            out.append({Kind::Same, a.at(i), b.at(j), int(i), int(j)});
            ++i;
            ++j;
        } else if (i < n && j < m && lcs[i + 1][j] == lcs[i][j + 1] && lcs[i + 1][j + 1] == lcs[i][j]) {
            out.append({Kind::Changed, a.at(i), b.at(j), int(i), int(j)});
            ++i;
            ++j;
        } else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) {
            out.append({Kind::OnlyOurs, a.at(i), QByteArray(), int(i), -1});
            ++i;
        } else {
            out.append({Kind::OnlyServer, QByteArray(), b.at(j), -1, int(j)});
            ++j;
        }
    }
    return out;
}

QByteArray redactSessionToken(const QByteArray &line)
{
    static const QByteArray header = "x-amz-security-token:";
    if (line.toLower().startsWith(header))
        return line.left(header.size()) + "<session token hidden>";
    const qsizetype param = line.indexOf("X-Amz-Security-Token=");
    if (param < 0)
        return line;
    const qsizetype start = param + qsizetype(sizeof("X-Amz-Security-Token=") - 1);
    const qsizetype end = line.indexOf('&', start);
    return line.left(start) + "<session token hidden>" + (end < 0 ? QByteArray() : line.mid(end));
}

bool hasDifferences(const QList<SigningDiffLine> &diff)
{
    for (const SigningDiffLine &line : diff) {
        if (line.kind != SigningDiffLine::Kind::Same)
            return true;
    }
    return false;
}

QStringList explainSignatureMismatch(const QByteArray &ourCanonical, const QByteArray &ourStringToSign,
                                     const ServerSigningStages &server)
{
    QStringList out = explainCanonical(splitCanonical(ourCanonical), splitCanonical(server.canonicalRequest));
    if (!server.stringToSign.isEmpty())
        out << explainStringToSign(ourStringToSign, server.stringToSign);
    if (out.isEmpty())
        out << QStringLiteral("The server computed the same canonical request and string to sign as we did, so only the key differs: the secret access key is wrong or does not belong to this access key id. Check the profile or the keys.");
    return out;
}

} // namespace Gatehouse::Core::Aws
