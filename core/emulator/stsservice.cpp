#include "stsservice.h"

#include "core/aws/sigv4verifier.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QXmlStreamWriter>

namespace Gatehouse::Emulator {

namespace {

const QString StsNamespace = QStringLiteral("https://sts.amazonaws.com/doc/2011-06-15/");

Core::Error stsError(const char *code, int status, const QString &message)
{
    Core::Error e = Core::makeError(Core::ErrorCode::InvalidArgument, message);
    e.awsCode = QLatin1String(code);
    e.httpStatus = status;
    return e;
}

void addParameters(QHash<QString, QString> &out, const QByteArray &encoded)
{
    for (const QByteArray &piece : encoded.split('&')) {
        if (piece.isEmpty())
            continue;
        QByteArray plus = piece;
        plus.replace('+', ' ');
        const qsizetype eq = plus.indexOf('=');
        const QByteArray key = eq < 0 ? plus : plus.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : plus.mid(eq + 1);
        out.insert(QString::fromUtf8(QByteArray::fromPercentEncoding(key)),
                   QString::fromUtf8(QByteArray::fromPercentEncoding(value)));
    }
}

QString randomText(const char *alphabet, int alphabetSize, int length)
{
    QString out;
    out.reserve(length);
    for (int i = 0; i < length; ++i)
        out.append(QLatin1Char(alphabet[QRandomGenerator::system()->bounded(alphabetSize)]));
    return out;
}

// Writes <Response xmlns=...><Result>...</Result><ResponseMetadata>... around body().
template<typename Body>
Core::HttpResponse xmlResponse(const QString &action, const QByteArray &requestId, Body body)
{
    QByteArray xml;
    QXmlStreamWriter w(&xml);
    w.setAutoFormatting(true);
    w.setAutoFormattingIndent(2);
    w.writeStartElement(action + QLatin1String("Response"));
    w.writeDefaultNamespace(StsNamespace);
    w.writeStartElement(action + QLatin1String("Result"));
    body(w);
    w.writeEndElement();
    w.writeStartElement(QStringLiteral("ResponseMetadata"));
    w.writeTextElement(QStringLiteral("RequestId"), QString::fromLatin1(requestId));
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndDocument();
    Core::HttpResponse response;
    response.headers.add("Content-Type", "text/xml");
    response.headers.add("x-amzn-RequestId", requestId);
    response.body = xml;
    return response;
}

// The constraint messages of AWS's validation layer ("1 validation error detected: Value
// '100' at 'durationSeconds' failed to satisfy constraint: Member must have value greater
// than or equal to 900").
QStringList validate(const QHash<QString, QString> &params)
{
    static const QRegularExpression sessionPattern(QStringLiteral("^[\\w+=,.@-]*$"));
    QStringList problems;
    const auto fail = [&problems](const QString &member, const QString *value, const QString &rule) {
        const QString shown = value ? QLatin1Char('\'') + *value + QLatin1Char('\'')
                                    : QStringLiteral("null");
        problems.append(QStringLiteral("Value %1 at '%2' failed to satisfy constraint: Member %3")
                            .arg(shown, member, rule));
    };
    const QString roleArn = params.value(QStringLiteral("RoleArn"));
    const QString session = params.value(QStringLiteral("RoleSessionName"));
    if (!params.contains(QStringLiteral("RoleArn")))
        fail(QStringLiteral("roleArn"), nullptr, QStringLiteral("must not be null"));
    else if (roleArn.size() < 20)
        fail(QStringLiteral("roleArn"), &roleArn,
             QStringLiteral("must have length greater than or equal to 20"));
    if (!params.contains(QStringLiteral("RoleSessionName")))
        fail(QStringLiteral("roleSessionName"), nullptr, QStringLiteral("must not be null"));
    else if (session.size() < 2)
        fail(QStringLiteral("roleSessionName"), &session,
             QStringLiteral("must have length greater than or equal to 2"));
    else if (session.size() > 64)
        fail(QStringLiteral("roleSessionName"), &session,
             QStringLiteral("must have length less than or equal to 64"));
    else if (!sessionPattern.match(session).hasMatch())
        fail(QStringLiteral("roleSessionName"), &session,
             QStringLiteral("must satisfy regular expression pattern: [\\w+=,.@-]*"));
    if (params.contains(QStringLiteral("DurationSeconds"))) {
        const QString text = params.value(QStringLiteral("DurationSeconds"));
        const int seconds = text.toInt();
        if (seconds < StsService::MinDurationSeconds)
            fail(QStringLiteral("durationSeconds"), &text,
                 QStringLiteral("must have value greater than or equal to 900"));
        else if (seconds > StsService::MaxDurationSeconds)
            fail(QStringLiteral("durationSeconds"), &text,
                 QStringLiteral("must have value less than or equal to 43200"));
    }
    const QString externalId = params.value(QStringLiteral("ExternalId"));
    if (params.contains(QStringLiteral("ExternalId")) && externalId.size() < 2)
        fail(QStringLiteral("externalId"), &externalId,
             QStringLiteral("must have length greater than or equal to 2"));
    return problems;
}

} // namespace

StsService::StsService(AwsAuthenticator *authenticator)
    : m_authenticator(authenticator)
{}

QHash<QString, QString> StsService::parameters(const Core::HttpRequest &request)
{
    QHash<QString, QString> out;
    addParameters(out, request.query);
    if (request.method == "POST")
        addParameters(out, request.body);
    return out;
}

bool StsService::isStsRequest(const Core::HttpRequest &request)
{
    if ((request.path != "/" && !request.path.isEmpty()) ||
        request.headers.value("Host").contains(".execute-api."))
        return false;
    const Core::Result<Core::Aws::SigV4Authorization> auth =
        Core::Aws::SigV4Verifier::parse(request);
    if (auth)
        return auth->service == QLatin1String("sts");
    if (request.method != "POST" && request.method != "GET")
        return false;
    const QHash<QString, QString> params = parameters(request);
    return params.contains(QStringLiteral("Action")) &&
           params.value(QStringLiteral("Version")) == QLatin1String(ApiVersion);
}

Core::HttpResponse StsService::answer(const Core::HttpRequest &request, const QDateTime &now)
{
    const QByteArray requestId = AwsAuthenticator::newRequestId();
    const AwsAuthentication auth =
        m_authenticator->authenticate(request, QStringLiteral("sts"), AwsProtocol::Query, now);
    if (!auth.ok()) {
        Core::Error error = auth.error;
        error.requestId = QString::fromLatin1(requestId);
        return AwsAuthenticator::refusal(error, AwsProtocol::Query);
    }
    const QHash<QString, QString> params = parameters(request);
    const QString action = params.value(QStringLiteral("Action"));
    const QString version = params.value(QStringLiteral("Version"));
    if (version == QLatin1String(ApiVersion) && action == QLatin1String("GetCallerIdentity"))
        return getCallerIdentity(auth.principal, requestId);
    if (version == QLatin1String(ApiVersion) && action == QLatin1String("AssumeRole"))
        return assumeRole(params, auth.principal, now, requestId);
    Core::Error error = stsError("InvalidAction", 400,
                                 QStringLiteral("Could not find operation %1 for version %2")
                                     .arg(action, version.isEmpty() ? QStringLiteral("NO_VERSION_SPECIFIED") : version));
    error.requestId = QString::fromLatin1(requestId);
    return AwsAuthenticator::refusal(error, AwsProtocol::Query);
}

Core::HttpResponse StsService::getCallerIdentity(const AwsPrincipal &caller,
                                                 const QByteArray &requestId) const
{
    return xmlResponse(QStringLiteral("GetCallerIdentity"), requestId,
                       [&caller](QXmlStreamWriter &w) {
                           w.writeTextElement(QStringLiteral("Arn"), caller.arn);
                           w.writeTextElement(QStringLiteral("UserId"), caller.userId);
                           w.writeTextElement(QStringLiteral("Account"), caller.accountId);
                       });
}

namespace {

// Why AssumeRole refuses these parameters, or no error.
Core::Error assumeRoleError(const QHash<QString, QString> &params, const AwsPrincipal &caller,
                            const QRegularExpressionMatch &role, int duration)
{
    const QStringList problems = validate(params);
    if (!problems.isEmpty())
        return stsError("ValidationError", 400,
                        QStringLiteral("%1 validation error%2 detected: %3")
                            .arg(problems.size())
                            .arg(problems.size() == 1 ? QString() : QStringLiteral("s"),
                                 problems.join(QStringLiteral("; "))));
    if (!role.hasMatch())
        return stsError("ValidationError", 400,
                        QStringLiteral("%1 is invalid: a role ARN has the form "
                                       "arn:aws:iam::<account id>:role/<name>")
                            .arg(params.value(QStringLiteral("RoleArn"))));
    if (caller.assumedRole && duration > StsService::ChainedMaxDurationSeconds)
        return stsError("ValidationError", 400,
                        QStringLiteral("The requested DurationSeconds exceeds the 1 hour session "
                                       "limit for roles assumed by role chaining."));
    return {};
}

void writeAssumeRoleResult(QXmlStreamWriter &w, const AwsPrincipal &issued)
{
    w.writeStartElement(QStringLiteral("AssumedRoleUser"));
    w.writeTextElement(QStringLiteral("AssumedRoleId"), issued.userId);
    w.writeTextElement(QStringLiteral("Arn"), issued.arn);
    w.writeEndElement();
    w.writeStartElement(QStringLiteral("Credentials"));
    w.writeTextElement(QStringLiteral("AccessKeyId"), issued.accessKeyId);
    w.writeTextElement(QStringLiteral("SecretAccessKey"), issued.secretAccessKey);
    w.writeTextElement(QStringLiteral("SessionToken"), issued.sessionToken);
    w.writeTextElement(QStringLiteral("Expiration"), issued.expiration.toString(Qt::ISODate));
    w.writeEndElement();
}

} // namespace

Core::HttpResponse StsService::assumeRole(const QHash<QString, QString> &params,
                                          const AwsPrincipal &caller, const QDateTime &now,
                                          const QByteArray &requestId)
{
    static const QRegularExpression roleArnPattern(QStringLiteral(
        "^arn:aws[a-z-]*:iam::(\\d{12}):role/(?:[\\w+=,.@-]+/)*([\\w+=,.@-]{1,64})$"));
    const QString roleArn = params.value(QStringLiteral("RoleArn"));
    const QRegularExpressionMatch role = roleArnPattern.match(roleArn);
    const int duration =
        params.value(QStringLiteral("DurationSeconds"), QStringLiteral("3600")).toInt();
    Core::Error error = assumeRoleError(params, caller, role, duration);
    if (error.isError()) {
        error.requestId = QString::fromLatin1(requestId);
        return AwsAuthenticator::refusal(error, AwsProtocol::Query);
    }

    static const char upper[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    static const char base64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const QString account = role.captured(1);
    const QString session = params.value(QStringLiteral("RoleSessionName"));
    AwsPrincipal issued;
    issued.accessKeyId = QStringLiteral("ASIA") + randomText(upper, 32, 16);
    issued.secretAccessKey = randomText(base64, 64, 40);
    issued.sessionToken = randomText(base64, 64, 356);
    issued.expiration =
        QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch() + duration, Qt::UTC);
    issued.accountId = account;
    issued.arn = QStringLiteral("arn:aws:sts::%1:assumed-role/%2/%3")
                     .arg(account, role.captured(2), session);
    // The role's unique id is the same for every session of the role, as on AWS.
    issued.userId = AwsAuthenticator::uniqueId("AROA", roleArn) + QLatin1Char(':') + session;
    issued.assumedRole = true;
    m_authenticator->addSession(issued);
    return xmlResponse(QStringLiteral("AssumeRole"), requestId,
                       [&issued](QXmlStreamWriter &w) { writeAssumeRoleResult(w, issued); });
}

} // namespace Gatehouse::Emulator
