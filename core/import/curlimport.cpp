#include "curlimport.h"

#include "core/jsonpretty.h"
#include "core/xmlbody.h"
#include "shellwords.h"

#include <QUrl>

namespace Gatehouse::Core::Import {

namespace {

enum class Opt
{
    Request,
    Header,
    Data,
    DataRaw,
    DataUrlencode,
    Json,
    User,
    UserAgent,
    Referer,
    Cookie,
    Url,
    Form,
    MaxTime,
    Bearer,
    AwsSigv4,
    Upload,
    Range,
    Get,
    Head,
    Insecure,
    Location,
    Ignore,
    IgnoreWarn
};

struct OptionInfo
{
    QLatin1String longName;
    char shortName;
    Opt opt;
    bool takesValue;
};

// The options people's pasted commands use. Others are reported and skipped.
const OptionInfo kOptions[] = {
    {QLatin1String("request"), 'X', Opt::Request, true},
    {QLatin1String("header"), 'H', Opt::Header, true},
    {QLatin1String("data"), 'd', Opt::Data, true},
    {QLatin1String("data-ascii"), 0, Opt::Data, true},
    {QLatin1String("data-binary"), 0, Opt::Data, true},
    {QLatin1String("data-raw"), 0, Opt::DataRaw, true},
    {QLatin1String("data-urlencode"), 0, Opt::DataUrlencode, true},
    {QLatin1String("json"), 0, Opt::Json, true},
    {QLatin1String("user"), 'u', Opt::User, true},
    {QLatin1String("user-agent"), 'A', Opt::UserAgent, true},
    {QLatin1String("referer"), 'e', Opt::Referer, true},
    {QLatin1String("cookie"), 'b', Opt::Cookie, true},
    {QLatin1String("url"), 0, Opt::Url, true},
    {QLatin1String("form"), 'F', Opt::Form, true},
    {QLatin1String("form-string"), 0, Opt::Form, true},
    {QLatin1String("max-time"), 'm', Opt::MaxTime, true},
    {QLatin1String("oauth2-bearer"), 0, Opt::Bearer, true},
    {QLatin1String("aws-sigv4"), 0, Opt::AwsSigv4, true},
    {QLatin1String("upload-file"), 'T', Opt::Upload, true},
    {QLatin1String("range"), 'r', Opt::Range, true},
    {QLatin1String("get"), 'G', Opt::Get, false},
    {QLatin1String("head"), 'I', Opt::Head, false},
    {QLatin1String("insecure"), 'k', Opt::Insecure, false},
    {QLatin1String("location"), 'L', Opt::Location, false},
    // What only changes curl's own behaviour or output: nothing to import.
    {QLatin1String("compressed"), 0, Opt::Ignore, false},
    {QLatin1String("silent"), 's', Opt::Ignore, false},
    {QLatin1String("show-error"), 'S', Opt::Ignore, false},
    {QLatin1String("verbose"), 'v', Opt::Ignore, false},
    {QLatin1String("include"), 'i', Opt::Ignore, false},
    {QLatin1String("fail"), 'f', Opt::Ignore, false},
    {QLatin1String("fail-with-body"), 0, Opt::Ignore, false},
    {QLatin1String("no-buffer"), 'N', Opt::Ignore, false},
    {QLatin1String("globoff"), 'g', Opt::Ignore, false},
    {QLatin1String("path-as-is"), 0, Opt::Ignore, false},
    {QLatin1String("progress-bar"), '#', Opt::Ignore, false},
    {QLatin1String("http1.1"), 0, Opt::Ignore, false},
    {QLatin1String("http2"), 0, Opt::Ignore, false},
    {QLatin1String("http2-prior-knowledge"), 0, Opt::Ignore, false},
    {QLatin1String("http3"), 0, Opt::Ignore, false},
    {QLatin1String("ipv4"), '4', Opt::Ignore, false},
    {QLatin1String("ipv6"), '6', Opt::Ignore, false},
    {QLatin1String("output"), 'o', Opt::Ignore, true},
    {QLatin1String("write-out"), 'w', Opt::Ignore, true},
    {QLatin1String("cookie-jar"), 'c', Opt::Ignore, true},
    {QLatin1String("connect-timeout"), 0, Opt::Ignore, true},
    {QLatin1String("max-redirs"), 0, Opt::Ignore, true},
    {QLatin1String("retry"), 0, Opt::Ignore, true},
    {QLatin1String("proxy"), 'x', Opt::IgnoreWarn, true},
    {QLatin1String("resolve"), 0, Opt::IgnoreWarn, true},
    {QLatin1String("connect-to"), 0, Opt::IgnoreWarn, true},
    {QLatin1String("cacert"), 0, Opt::IgnoreWarn, true},
    {QLatin1String("cert"), 'E', Opt::IgnoreWarn, true},
    {QLatin1String("key"), 0, Opt::IgnoreWarn, true},
};

const OptionInfo *findLong(const QString &name)
{
    for (const OptionInfo &o : kOptions) {
        if (name == o.longName)
            return &o;
    }
    return nullptr;
}

const OptionInfo *findShort(QChar c)
{
    for (const OptionInfo &o : kOptions) {
        if (o.shortName != 0 && c == QLatin1Char(o.shortName))
            return &o;
    }
    return nullptr;
}

// One curl command being turned into a request.
class CurlCommand
{
public:
    CurlCommand(ImportResult &result, const QString &source)
        : m_result(result)
        , m_source(source)
    {}

    void apply(const OptionInfo &option, const QString &spelled, const QString &value,
               const ShellWord &at);
    void positional(const ShellWord &word);
    void finish(const ShellWord &curlWord);

private:
    void warn(const ShellWord &at, const QString &message)
    {
        m_result.problems.append(
            {m_source, at.line, at.column, message, ImportProblem::Severity::Warning});
    }
    void addHeader(const QString &line, const ShellWord &at);
    void addData(Opt kind, const QString &value, const ShellWord &at);
    void hideAuthorization(const QString &value, const ShellWord &at);
    QString method() const;
    void applyBody();
    void applyForm(const ShellWord &at);

    ImportResult &m_result;
    QString m_source;
    RequestSpec m_spec;
    QString m_url;
    QString m_explicitMethod;
    QStringList m_data;
    QStringList m_form;
    bool m_hasData = false;
    bool m_get = false;
    bool m_head = false;
    bool m_upload = false;
    bool m_json = false;
    bool m_sigv4 = false;
    QString m_user;
    ShellWord m_userAt;
};

void CurlCommand::apply(const OptionInfo &option, const QString &spelled, const QString &value,
                        const ShellWord &at)
{
    switch (option.opt) {
    case Opt::Request:
        m_explicitMethod = value.trimmed().toUpper();
        break;
    case Opt::Header:
        addHeader(value, at);
        break;
    case Opt::Data:
    case Opt::DataRaw:
    case Opt::DataUrlencode:
        addData(option.opt, value, at);
        break;
    case Opt::Json:
        m_json = true;
        addData(Opt::Data, value, at);
        break;
    case Opt::User:
        m_user = value;
        m_userAt = at;
        break;
    case Opt::UserAgent:
        m_spec.headers.append({true, QStringLiteral("User-Agent"), value});
        break;
    case Opt::Referer: {
        QString referer = value;
        referer.remove(QLatin1String(";auto"));
        if (!referer.isEmpty())
            m_spec.headers.append({true, QStringLiteral("Referer"), referer});
        break;
    }
    case Opt::Cookie:
        if (!value.contains(QLatin1Char('='))) {
            warn(at, QStringLiteral("%1 %2 reads cookies from a file; not imported")
                         .arg(spelled, value));
            break;
        }
        addHeader(QStringLiteral("Cookie: ") + value, at);
        break;
    case Opt::Url:
        positional({value, at.line, at.column});
        break;
    case Opt::Form:
        m_form.append(value);
        break;
    case Opt::MaxTime: {
        bool ok = false;
        const double seconds = value.toDouble(&ok);
        if (ok && seconds > 0)
            m_spec.timeoutMs = static_cast<int>(seconds * 1000);
        break;
    }
    case Opt::Bearer:
        m_spec.auth.kind = AuthKind::Bearer;
        m_spec.auth.bearerToken = m_result.hideSecret(QStringLiteral("bearerToken"), value);
        warn(at, QStringLiteral("the bearer token is kept as the secret variable %1")
                     .arg(m_spec.auth.bearerToken));
        break;
    case Opt::AwsSigv4: {
        m_sigv4 = true;
        m_spec.auth.kind = AuthKind::AwsSigV4;
        const QStringList parts = value.split(QLatin1Char(':'));
        m_spec.auth.region = parts.value(2);
        m_spec.auth.service = parts.value(3);
        break;
    }
    case Opt::Upload:
        m_upload = true;
        warn(at,
             QStringLiteral("%1 %2 uploads a file; the request has no body").arg(spelled, value));
        break;
    case Opt::Range:
        m_spec.headers.append({true, QStringLiteral("Range"), QStringLiteral("bytes=") + value});
        break;
    case Opt::Get:
        m_get = true;
        break;
    case Opt::Head:
        m_head = true;
        break;
    case Opt::Insecure:
        warn(at, QStringLiteral(
                     "%1 turns certificate checks off in curl; the imported request keeps them on")
                     .arg(spelled));
        break;
    case Opt::Location:
        m_spec.followRedirects = true;
        break;
    case Opt::Ignore:
        break;
    case Opt::IgnoreWarn:
        warn(at, QStringLiteral("%1 is not imported: a request has no place for it").arg(spelled));
        break;
    }
}

void CurlCommand::addHeader(const QString &line, const ShellWord &at)
{
    const qsizetype colon = line.indexOf(QLatin1Char(':'));
    if (colon <= 0) {
        // "Name;" sends Name with an empty value.
        if (line.endsWith(QLatin1Char(';')) && line.size() > 1)
            m_spec.headers.append({true, line.chopped(1).trimmed(), QString()});
        else
            warn(at, QStringLiteral("header '%1' is not 'Name: value'; skipped").arg(line));
        return;
    }
    const QString name = line.left(colon).trimmed();
    const QString value = line.mid(colon + 1).trimmed();
    if (value.isEmpty())
        return; // "Name:" removes a header curl would add
    const QString lower = name.toLower();
    // Qt computes the length and, unless told an encoding, asks for compression and undoes
    // it; a copied Accept-Encoding would leave a br- or gzip-encoded body on screen.
    if (lower == QLatin1String("content-length") || lower == QLatin1String("accept-encoding")) {
        warn(at, QStringLiteral("%1 is left out: Gatehouse sets it when it sends").arg(name));
        return;
    }
    if (lower == QLatin1String("authorization")) {
        hideAuthorization(value, at);
        return;
    }
    if (isSecretHeader(name)) {
        const QString base = lower == QLatin1String("cookie") ? QStringLiteral("cookie")
                             : lower == QLatin1String("x-amz-security-token")
                                 ? QStringLiteral("sessionToken")
                                 : QStringLiteral("apiKey");
        const QString hidden = m_result.hideSecret(base, value);
        m_spec.headers.append({true, name, hidden});
        if (hidden != value)
            warn(
                at,
                QStringLiteral("the %1 value is kept as the secret variable %2").arg(name, hidden));
        return;
    }
    m_spec.headers.append({true, name, value});
}

// Bearer becomes the Auth tab's bearer token, a SigV4 header the Auth tab's signing (the copied
// signature expires within minutes), anything else a secret variable.
void CurlCommand::hideAuthorization(const QString &value, const ShellWord &at)
{
    const QString scheme = value.section(QLatin1Char(' '), 0, 0);
    const QString credentials = value.section(QLatin1Char(' '), 1).trimmed();
    if (scheme.compare(QLatin1String("Bearer"), Qt::CaseInsensitive) == 0 &&
        !credentials.isEmpty()) {
        m_spec.auth.kind = AuthKind::Bearer;
        m_spec.auth.bearerToken = m_result.hideSecret(QStringLiteral("bearerToken"), credentials);
        if (m_spec.auth.bearerToken != credentials)
            warn(at, QStringLiteral("the bearer token is kept as the secret variable %1")
                         .arg(m_spec.auth.bearerToken));
        return;
    }
    if (scheme == QLatin1String("AWS4-HMAC-SHA256")) {
        const qsizetype start = value.indexOf(QLatin1String("Credential="));
        const QStringList scope =
            value.mid(start + 11).section(QLatin1Char(','), 0, 0).split(QLatin1Char('/'));
        m_sigv4 = true;
        m_spec.auth.kind = AuthKind::AwsSigV4;
        m_spec.auth.region = scope.value(2);
        m_spec.auth.service = scope.value(3);
        warn(at, QStringLiteral(
                     "the copied AWS signature expires within minutes: the request is signed again "
                     "when sent (SigV4, %1/%2) with your own credentials")
                     .arg(m_spec.auth.region, m_spec.auth.service));
        return;
    }
    const QString hidden = m_result.hideSecret(QStringLiteral("authorization"), value);
    m_spec.headers.append({true, QStringLiteral("Authorization"), hidden});
    if (hidden != value)
        warn(at, QStringLiteral("the Authorization value is kept as the secret variable %1")
                     .arg(hidden));
}

void CurlCommand::addData(Opt kind, const QString &value, const ShellWord &at)
{
    m_hasData = true;
    if (kind == Opt::Data && value.startsWith(QLatin1Char('@'))) {
        warn(at, QStringLiteral("the body is read from the file '%1' when curl runs; not imported")
                     .arg(value.mid(1)));
        return;
    }
    if (kind != Opt::DataUrlencode) {
        m_data.append(value);
        return;
    }
    // curl's forms: content, =content, name=content, @file, name@file.
    const qsizetype eq = value.indexOf(QLatin1Char('='));
    const qsizetype atSign = value.indexOf(QLatin1Char('@'));
    if (atSign >= 0 && (eq < 0 || atSign < eq)) {
        warn(at, QStringLiteral("--data-urlencode %1 reads a file; not imported").arg(value));
        return;
    }
    const QString name = eq > 0 ? value.left(eq) : QString();
    const QString content = eq >= 0 ? value.mid(eq + 1) : value;
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(content));
    m_data.append(name.isEmpty() ? encoded : name + QLatin1Char('=') + encoded);
}

void CurlCommand::positional(const ShellWord &word)
{
    if (!m_url.isEmpty()) {
        warn(word,
             QStringLiteral("a second URL '%1': only the first one is imported").arg(word.text));
        return;
    }
    m_url = word.text.trimmed();
}

QString CurlCommand::method() const
{
    if (!m_explicitMethod.isEmpty())
        return m_explicitMethod;
    if (m_head)
        return QStringLiteral("HEAD");
    if ((m_hasData && !m_get) || !m_form.isEmpty())
        return QStringLiteral("POST");
    if (m_upload)
        return QStringLiteral("PUT");
    return QStringLiteral("GET");
}

bool hasHeader(const RequestSpec &spec, QLatin1String name)
{
    for (const HeaderEntry &h : spec.headers) {
        if (h.name.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// The value of the last enabled header called name, as curl sends the last one it was given.
QString headerValue(const RequestSpec &spec, QLatin1String name)
{
    QString value;
    for (const HeaderEntry &h : spec.headers) {
        if (h.enabled && h.name.compare(name, Qt::CaseInsensitive) == 0)
            value = h.value;
    }
    return value;
}

// -F name=value / name=@file[;type=...] → the request builder's multipart form. curl's
// name=<file (the file's text as the value) and the ;type/;filename options are approximated
// and said so.
void CurlCommand::applyForm(const ShellWord &at)
{
    if (m_hasData) {
        warn(at, QStringLiteral("-F and -d together: curl refuses that too; the -F fields are left out"));
        return;
    }
    m_spec.bodyKind = BodyKind::Multipart;
    for (const QString &entry : std::as_const(m_form)) {
        const qsizetype equals = entry.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            warn(at, QStringLiteral("-F %1 is not name=value; left out").arg(entry));
            continue;
        }
        FormField field;
        field.name = entry.left(equals);
        QString value = entry.mid(equals + 1);
        if (value.startsWith(QLatin1Char('@')) || value.startsWith(QLatin1Char('<'))) {
            if (value.startsWith(QLatin1Char('<')))
                warn(at, QStringLiteral("-F %1=<file sends the file's text as the value in curl; imported as a "
                                        "file upload").arg(field.name));
            value = value.mid(1);
            if (const qsizetype options = value.indexOf(QLatin1Char(';')); options >= 0) {
                warn(at, QStringLiteral("-F %1: the options after ';' (%2) are left out; the type comes from the "
                                        "file").arg(field.name, value.mid(options + 1)));
                value.truncate(options);
            }
            field.file = true;
        }
        field.value = value;
        m_spec.formFields.append(field);
    }
}

void CurlCommand::applyBody()
{
    const QString data = m_data.join(QLatin1Char('&'));
    if (m_get) {
        if (!data.isEmpty())
            m_url +=
                (m_url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) + data;
        return;
    }
    if (m_json) {
        if (!hasHeader(m_spec, QLatin1String("Content-Type")))
            m_spec.headers.append(
                {true, QStringLiteral("Content-Type"), QStringLiteral("application/json")});
        if (!hasHeader(m_spec, QLatin1String("Accept")))
            m_spec.headers.append(
                {true, QStringLiteral("Accept"), QStringLiteral("application/json")});
    }
    if (!m_hasData)
        return;
    m_spec.body = data;
    // The header says XML even when the text is not well-formed yet: the builder then shows why.
    if (XmlBody::isXmlContentType(headerValue(m_spec, QLatin1String("Content-Type")).toUtf8()))
        m_spec.bodyKind = BodyKind::Xml;
    else
        m_spec.bodyKind = validateJson(data.toUtf8()) ? BodyKind::Json : BodyKind::Text;
    // curl labels -d data as a form unless told otherwise; keep what the server saw.
    if (!hasHeader(m_spec, QLatin1String("Content-Type")))
        m_spec.headers.append({true, QStringLiteral("Content-Type"),
                               QStringLiteral("application/x-www-form-urlencoded")});
}

void CurlCommand::finish(const ShellWord &curlWord)
{
    if (m_url.isEmpty()) {
        m_result.problems.append({m_source, curlWord.line, curlWord.column,
                                  QStringLiteral("this curl command has no URL; skipped"),
                                  ImportProblem::Severity::Error});
        return;
    }
    if (!m_url.contains(QLatin1String("://")))
        m_url.prepend(QLatin1String("http://"));
    if (!m_user.isEmpty()) {
        if (m_sigv4) {
            warn(m_userAt,
                 QStringLiteral("the AWS keys given with --user are not imported: the request is "
                                "signed with your credentials (profile or environment)"));
        } else {
            // The Auth tab's Basic auth: the name as typed, the password a secret variable.
            m_spec.auth.kind = AuthKind::Basic;
            m_spec.auth.basicUsername = m_user.section(QLatin1Char(':'), 0, 0);
            m_spec.auth.basicPassword = m_result.hideSecret(QStringLiteral("basicPassword"),
                                                            m_user.section(QLatin1Char(':'), 1));
            warn(m_userAt, QStringLiteral("the password is kept as the secret variable %1")
                               .arg(m_spec.auth.basicPassword));
        }
    }
    applyBody();
    if (!m_form.isEmpty())
        applyForm(curlWord);
    m_spec.method = method();
    m_spec.url = m_url;
    const QUrl parsed(m_url);
    const QString path =
        parsed.isValid() && !parsed.path().isEmpty() ? parsed.path() : QStringLiteral("/");
    ImportedRequest request{m_spec.method + QLatin1Char(' ') + path, {}, m_spec, {}};
    m_result.requests.append(request);
}

void importCommand(const QList<ShellWord> &words, ImportResult &result, const QString &source)
{
    CurlCommand command(result, source);
    const auto warn = [&](const ShellWord &at, const QString &message) {
        result.problems.append(
            {source, at.line, at.column, message, ImportProblem::Severity::Warning});
    };
    for (qsizetype i = 1; i < words.size(); ++i) {
        const ShellWord &word = words.at(i);
        const QString &text = word.text;
        if (text.startsWith(QLatin1String("--")) && text.size() > 2) {
            const OptionInfo *option = findLong(text.mid(2));
            if (!option) {
                warn(word, QStringLiteral("unknown curl option '%1' skipped").arg(text));
                continue;
            }
            if (option->takesValue && i + 1 >= words.size()) {
                warn(word, QStringLiteral("%1 needs a value").arg(text));
                continue;
            }
            command.apply(*option, text, option->takesValue ? words.at(++i).text : QString(), word);
        } else if (text.startsWith(QLatin1Char('-')) && text.size() > 1) {
            for (qsizetype k = 1; k < text.size(); ++k) {
                const QString spelled = QLatin1Char('-') + text.at(k);
                const OptionInfo *option = findShort(text.at(k));
                if (!option) {
                    warn(word, QStringLiteral("unknown curl option '%1' skipped").arg(spelled));
                    break;
                }
                if (!option->takesValue) {
                    command.apply(*option, spelled, {}, word);
                    continue;
                }
                QString value = text.mid(k + 1);
                if (value.isEmpty() && i + 1 < words.size())
                    value = words.at(++i).text;
                command.apply(*option, spelled, value, word);
                break;
            }
        } else {
            command.positional(word);
        }
    }
    command.finish(words.first());
}

} // namespace

ImportResult importCurl(const QString &text, const QString &source)
{
    ImportResult result;
    const ShellWords split = splitShellWords(text, source);
    result.problems = split.problems;
    for (const QList<ShellWord> &words : split.commands) {
        const QString program = words.first().text;
        if (program != QLatin1String("curl") && program != QLatin1String("curl.exe")) {
            result.problems.append(
                {source, words.first().line, words.first().column,
                 QStringLiteral("'%1' is not a curl command; skipped").arg(program),
                 ImportProblem::Severity::Error});
            continue;
        }
        importCommand(words, result, source);
    }
    if (result.requests.isEmpty() && result.problems.isEmpty())
        result.problems.append({source, 0, 0, QStringLiteral("no curl command found"),
                                ImportProblem::Severity::Error});
    result.name =
        result.requests.size() == 1 ? result.requests.first().name : QStringLiteral("cURL import");
    return result;
}

} // namespace Gatehouse::Core::Import
