#include "sigv4suite.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace Sigv4Suite {

QStringList awsCAuthCases()
{
    return QDir(AwsCAuthV4).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
}

QStringList botocoreCases()
{
    QStringList cases;
    for (const QString &dir :
         {QString(), QStringLiteral("normalize-path/"), QStringLiteral("post-sts-token/")}) {
        const QString base = Botocore + QLatin1Char('/') + dir;
        for (const QString &c :
             QDir(base).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            if (QFile::exists(base + c + QLatin1Char('/') + c + QStringLiteral(".req")))
                cases.append(dir + c);
        }
    }
    return cases;
}

RawRequest parseRawRequest(const QByteArray &text)
{
    RawRequest r;
    qsizetype pos = 0;
    bool first = true;
    while (pos < text.size()) {
        const qsizetype nl = text.indexOf('\n', pos);
        QByteArray line = text.mid(pos, nl < 0 ? -1 : nl - pos);
        pos = nl < 0 ? text.size() : nl + 1;
        if (line.endsWith('\r'))
            line.chop(1);
        if (first) {
            const qsizetype a = line.indexOf(' '), b = line.lastIndexOf(' ');
            if (a <= 0 || b <= a) {
                r.error = QStringLiteral("bad request line");
                return r;
            }
            r.method = line.left(a);
            r.target = line.mid(a + 1, b - a - 1);
            r.version = line.mid(b + 1);
            first = false;
        } else if (line.isEmpty()) {
            r.body = text.mid(pos);
            break;
        } else if (line.front() == ' ' || line.front() == '\t') {
            if (r.headers.isEmpty()) {
                r.error = QStringLiteral("continuation line before any header");
                return r;
            }
            r.headers.last().second += '\n' + line;
        } else {
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0) {
                r.error = QStringLiteral("header line without a colon");
                return r;
            }
            r.headers.append({line.left(colon), line.mid(colon + 1)});
        }
    }
    if (first)
        r.error = QStringLiteral("empty request");
    return r;
}

HttpHeaders toHeaders(const QList<HttpHeaders::Field> &fields)
{
    HttpHeaders headers;
    for (const HttpHeaders::Field &f : fields)
        headers.add(f.first, f.second);
    return headers;
}

QByteArray serialize(const RawRequest &r, const QByteArray &target, const HttpHeaders &headers)
{
    QByteArray out = r.method + ' ' + target + ' ' + r.version + '\n';
    for (const HttpHeaders::Field &f : headers.fields())
        out += f.first + ':' + f.second + '\n';
    return out + '\n' + r.body;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

SigV4Request toSigV4Request(const RawRequest &raw)
{
    SigV4Request request;
    request.method = raw.method;
    const qsizetype q = raw.target.indexOf('?');
    request.path = q < 0 ? raw.target : raw.target.left(q);
    request.query = q < 0 ? QByteArray() : raw.target.mid(q + 1);
    request.headers = toHeaders(raw.headers);
    request.payload = raw.body;
    request.service = QStringLiteral("service");
    request.region = QStringLiteral("us-east-1");
    request.time = SuiteTime;
    return request;
}

AwsCAuthContext loadContext(const QString &caseDir)
{
    const QJsonObject context =
        QJsonDocument::fromJson(readFile(caseDir + QStringLiteral("context.json"))).object();
    const QJsonObject creds = context.value(QLatin1String("credentials")).toObject();
    AwsCAuthContext c;
    c.credentials = {creds.value(QLatin1String("access_key_id")).toString(),
                     creds.value(QLatin1String("secret_access_key")).toString(),
                     creds.value(QLatin1String("token")).toString()};
    c.region = context.value(QLatin1String("region")).toString();
    c.service = context.value(QLatin1String("service")).toString();
    c.time =
        QDateTime::fromString(context.value(QLatin1String("timestamp")).toString(), Qt::ISODate);
    c.flags.normalizePath = context.value(QLatin1String("normalize")).toBool();
    c.flags.signedBodyHeader = context.value(QLatin1String("sign_body")).toBool();
    c.flags.omitSessionToken = context.value(QLatin1String("omit_session_token")).toBool();
    c.expires = context.value(QLatin1String("expiration_in_seconds")).toInt();
    return c;
}

HttpRequest toHttpRequest(const RawRequest &raw)
{
    HttpRequest request;
    request.method = raw.method;
    request.target = raw.target;
    const qsizetype q = raw.target.indexOf('?');
    request.path = q < 0 ? raw.target : raw.target.left(q);
    request.query = q < 0 ? QByteArray() : raw.target.mid(q + 1);
    request.headers = toHeaders(raw.headers);
    request.body = raw.body;
    return request;
}

} // namespace Sigv4Suite
