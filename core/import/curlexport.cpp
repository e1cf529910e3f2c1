#include "curlexport.h"

#include "core/aws/serviceguess.h"
#include "importresult.h"

#include <QRegularExpression>

namespace Gatehouse::Core::Import {

namespace {

// Fills in the environment's non-secret variables and keeps every other {{name}}.
class Filler
{
public:
    explicit Filler(const Environment &environment)
        : m_environment(environment)
    {}

    QString fill(const QString &text)
    {
        static const QRegularExpression placeholder(
            QStringLiteral("\\{\\{\\s*([^{}]+?)\\s*\\}\\}"));
        QString out;
        qsizetype from = 0;
        for (auto it = placeholder.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            out += text.mid(from, m.capturedStart() - from);
            const QString name = m.captured(1);
            const EnvironmentVariable *variable = find(name);
            if (variable && !variable->secret) {
                out += variable->value;
            } else {
                out += m.captured(0);
                if (!m_left.contains(name))
                    m_left << name;
            }
            from = m.capturedEnd();
        }
        return out + text.mid(from);
    }
    QStringList left() const { return m_left; }

private:
    const EnvironmentVariable *find(const QString &name) const
    {
        const EnvironmentVariable *found = nullptr;
        for (const EnvironmentVariable &v : m_environment.variables) {
            if (v.enabled && v.key == name)
                found = &v;
        }
        return found;
    }

    const Environment &m_environment;
    QStringList m_left;
};

QString secretVariableFor(const QString &header)
{
    const QString lower = header.toLower();
    if (lower == QLatin1String("cookie"))
        return QStringLiteral("cookie");
    if (lower == QLatin1String("x-amz-security-token"))
        return QStringLiteral("sessionToken");
    if (lower.contains(QLatin1String("authorization")))
        return QStringLiteral("authorization");
    return QStringLiteral("apiKey");
}

bool hasEnabledHeader(const RequestSpec &spec, QLatin1String name)
{
    for (const HeaderEntry &h : spec.headers) {
        if (h.enabled && h.name.trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

QString shellQuote(const QString &word)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    if (safe.match(word).hasMatch())
        return word;
    QString quoted = word;
    quoted.replace(QLatin1String("'"), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

namespace {

// Builds the command word by word; notes what it leaves out.
class CurlWriter
{
public:
    CurlWriter(const RequestSpec &spec, const Environment &environment)
        : m_spec(spec)
        , m_filler(environment)
    {}

    CurlExport write();

private:
    void word(const QString &text) { m_words << text; }
    void header(const QString &name, const QString &value)
    {
        m_words << QStringLiteral("-H") << shellQuote(name + QStringLiteral(": ") + value);
    }
    QString hidden(const QString &value, const QString &variable, const QString &what);
    QString url();
    void headers();
    void auth(const QString &url);
    void sigV4(const QString &url);

    const RequestSpec &m_spec;
    Filler m_filler;
    QStringList m_words{QStringLiteral("curl")};
    QStringList m_notes;
};

// A secret the environment does not hold as a secret variable is not written out.
QString CurlWriter::hidden(const QString &value, const QString &variable, const QString &what)
{
    const QString filled = m_filler.fill(value).trimmed();
    if (isPlaceholder(filled))
        return filled;
    m_notes << QStringLiteral("The %1 is left out as {{%2}}: secrets are not exported.")
                   .arg(what, variable);
    return QStringLiteral("{{") + variable + QStringLiteral("}}");
}

QString CurlWriter::url()
{
    QString text = m_filler.fill(m_spec.url).trimmed();
    if (m_spec.auth.kind == AuthKind::ApiKey && m_spec.auth.apiKeyLocation == ApiKeyLocation::Query)
        text +=
            (text.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) +
            m_filler.fill(m_spec.auth.apiKeyName).trimmed() + QLatin1Char('=') +
            hidden(m_spec.auth.apiKeyValue, QStringLiteral("apiKey"), QStringLiteral("API key"));
    return text;
}

void CurlWriter::headers()
{
    for (const HeaderEntry &h : m_spec.headers) {
        const QString name = m_filler.fill(h.name).trimmed();
        if (!h.enabled || name.isEmpty())
            continue;
        QString value = m_filler.fill(h.value);
        if (isSecretHeader(name) && !value.contains(QLatin1String("{{"))) {
            const QString variable = secretVariableFor(name);
            m_notes << QStringLiteral(
                           "The %1 value is left out as {{%2}}: secrets are not exported.")
                           .arg(name, variable);
            value = QStringLiteral("{{") + variable + QStringLiteral("}}");
        }
        header(name, value);
    }
    // Form and multipart bodies get their Content-Type from curl (--data-urlencode, -F).
    if ((m_spec.bodyKind == BodyKind::Json || m_spec.bodyKind == BodyKind::Xml
         || m_spec.bodyKind == BodyKind::Text || m_spec.bodyKind == BodyKind::Binary)
        && !hasEnabledHeader(m_spec, QLatin1String("Content-Type")))
        header(QStringLiteral("Content-Type"), m_spec.bodyKind == BodyKind::Json     ? QStringLiteral("application/json")
                                               : m_spec.bodyKind == BodyKind::Xml    ? QStringLiteral("application/xml")
                                               : m_spec.bodyKind == BodyKind::Binary ? QStringLiteral("application/octet-stream")
                                                                                     : QStringLiteral("text/plain; charset=utf-8"));
}

void CurlWriter::auth(const QString &url)
{
    const RequestAuth &auth = m_spec.auth;
    if (auth.kind == AuthKind::Bearer) {
        QString token = m_filler.fill(auth.bearerToken).trimmed();
        if (token.startsWith(QLatin1String("Bearer "), Qt::CaseInsensitive))
            token = token.mid(7).trimmed();
        if (!isPlaceholder(token)) {
            token = QStringLiteral("{{bearerToken}}");
            m_notes << QStringLiteral(
                "The bearer token is left out as {{bearerToken}}: secrets are not exported.");
        }
        header(QStringLiteral("Authorization"), QStringLiteral("Bearer ") + token);
    } else if (auth.kind == AuthKind::Basic) {
        const QString password = hidden(auth.basicPassword, QStringLiteral("basicPassword"),
                                        QStringLiteral("Basic auth password"));
        word(QStringLiteral("--user"));
        word(shellQuote(m_filler.fill(auth.basicUsername) + QLatin1Char(':') + password));
    } else if (auth.kind == AuthKind::ApiKey && auth.apiKeyLocation == ApiKeyLocation::Header) {
        header(m_filler.fill(auth.apiKeyName).trimmed(),
               hidden(auth.apiKeyValue, QStringLiteral("apiKey"), QStringLiteral("API key")));
    } else if (auth.kind == AuthKind::AwsSigV4) {
        sigV4(url);
    } else if (auth.kind == AuthKind::OAuth2 && auth.oauth2.placement == OAuth2Placement::Header) {
        const QString prefix = m_filler.fill(auth.oauth2.headerPrefix).trimmed();
        header(QStringLiteral("Authorization"),
               (prefix.isEmpty() ? QString() : prefix + QLatin1Char(' ')) + QStringLiteral("{{accessToken}}"));
        m_notes << QStringLiteral("The OAuth2 token is left out as {{accessToken}}: curl cannot fetch it; "
                                  "get one with Gatehouse and fill it in.");
    }
}

// curl signs with --aws-sigv4 itself; the keys stay {{variables}}.
void CurlWriter::sigV4(const QString &url)
{
    const RequestAuth &auth = m_spec.auth;
    const Aws::ServiceGuess guess = Aws::guessService(QUrl(url));
    const QString region = auth.region.isEmpty() ? guess.region : auth.region;
    const QString service = auth.service.isEmpty() ? guess.service : auth.service;
    QString provider = QStringLiteral("aws:amz");
    if (!region.isEmpty() && !service.isEmpty())
        provider += QLatin1Char(':') + region + QLatin1Char(':') + service;
    m_words << QStringLiteral("--aws-sigv4") << shellQuote(provider) << QStringLiteral("--user")
            << shellQuote(QStringLiteral("{{accessKeyId}}:{{secretAccessKey}}"));
    const bool temporary =
        auth.source == AwsCredentialSource::TemporaryCredentials || !auth.sessionToken.isEmpty();
    if (temporary)
        header(QStringLiteral("X-Amz-Security-Token"), QStringLiteral("{{sessionToken}}"));
    if (auth.unsignedPayload)
        header(QStringLiteral("x-amz-content-sha256"), QStringLiteral("UNSIGNED-PAYLOAD"));
    m_notes << QStringLiteral("curl signs the request itself (--aws-sigv4, curl 7.75 or later): "
                              "replace {{accessKeyId}} and {{secretAccessKey}}%1 with your keys.")
                   .arg(temporary ? QStringLiteral(" and {{sessionToken}}") : QString());
}

CurlExport CurlWriter::write()
{
    const QString method = m_filler.fill(m_spec.method).trimmed().toUpper();
    const bool hasBody = m_spec.bodyKind != BodyKind::None;
    if (method == QLatin1String("HEAD"))
        word(QStringLiteral("--head"));
    else if (!(method == QLatin1String("GET") && !hasBody) &&
             !(method == QLatin1String("POST") && hasBody))
        m_words << QStringLiteral("-X") << shellQuote(method);
    const QString target = url();
    word(shellQuote(target));
    headers();
    auth(target);
    switch (m_spec.bodyKind) {
    case BodyKind::None:
        break;
    case BodyKind::Json:
    case BodyKind::Xml:
    case BodyKind::Text:
        m_words << QStringLiteral("--data-raw") << shellQuote(m_filler.fill(m_spec.body));
        break;
    case BodyKind::Form:
        for (const FormField &field : m_spec.formFields) {
            if (field.enabled && !field.name.isEmpty())
                m_words << QStringLiteral("--data-urlencode")
                        << shellQuote(m_filler.fill(field.name) + QLatin1Char('=') + m_filler.fill(field.value));
        }
        break;
    case BodyKind::Multipart:
        // curl -F: name=value, or name=@path for a file ("<" and "@" at the start of a value mean
        // files to curl, so text values go through --form-string).
        for (const FormField &field : m_spec.formFields) {
            if (!field.enabled || field.name.isEmpty())
                continue;
            m_words << (field.file ? QStringLiteral("-F") : QStringLiteral("--form-string"))
                    << shellQuote(m_filler.fill(field.name) + QLatin1Char('=') + (field.file ? QStringLiteral("@") : QString())
                                  + m_filler.fill(field.value));
        }
        break;
    case BodyKind::Binary:
        m_words << QStringLiteral("--data-binary") << shellQuote(QLatin1Char('@') + m_filler.fill(m_spec.bodyFile));
        break;
    }
    if (m_spec.followRedirects)
        word(QStringLiteral("-L"));
    if (m_spec.timeoutMs != RequestSpec().timeoutMs)
        m_words << QStringLiteral("--max-time") << QString::number(m_spec.timeoutMs / 1000.0);
    if (!m_filler.left().isEmpty())
        m_notes.prepend(QStringLiteral("Left as {{variables}} (secret or not defined): %1.")
                            .arg(m_filler.left().join(QStringLiteral(", "))));
    return {m_words.join(QLatin1Char(' ')), m_notes};
}

} // namespace

CurlExport exportCurl(const RequestSpec &spec, const Environment &environment)
{
    return CurlWriter(spec, environment).write();
}

} // namespace Gatehouse::Core::Import
