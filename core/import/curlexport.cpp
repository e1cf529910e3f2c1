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

CurlExport exportCurl(const RequestSpec &spec, const Environment &environment)
{
    CurlExport out;
    Filler filler(environment);
    QStringList words{QStringLiteral("curl")};
    const QString method = filler.fill(spec.method).trimmed().toUpper();
    const bool hasBody = spec.bodyKind != BodyKind::None;
    if (method == QLatin1String("HEAD"))
        words << QStringLiteral("--head");
    else if (!(method == QLatin1String("GET") && !hasBody) &&
             !(method == QLatin1String("POST") && hasBody))
        words << QStringLiteral("-X") << shellQuote(method);
    QString url = filler.fill(spec.url).trimmed();
    // A secret the environment does not hold as a secret variable is not written out.
    const auto hidden = [&out, &filler](const QString &value, const QString &variable,
                                        const QString &what) -> QString {
        const QString filled = filler.fill(value).trimmed();
        if (isPlaceholder(filled))
            return filled;
        out.notes << QStringLiteral("The %1 is left out as {{%2}}: secrets are not exported.")
                         .arg(what, variable);
        return QStringLiteral("{{") + variable + QStringLiteral("}}");
    };
    const bool apiKey = spec.auth.kind == AuthKind::ApiKey;
    const QString apiKeyName = filler.fill(spec.auth.apiKeyName).trimmed();
    const QString apiKeyValue =
        apiKey ? hidden(spec.auth.apiKeyValue, QStringLiteral("apiKey"), QStringLiteral("API key"))
               : QString();
    if (apiKey && spec.auth.apiKeyLocation == ApiKeyLocation::Query)
        url += (url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) + apiKeyName +
               QLatin1Char('=') + apiKeyValue;
    words << shellQuote(url);
    const auto header = [&words](const QString &name, const QString &value) {
        words << QStringLiteral("-H") << shellQuote(name + QStringLiteral(": ") + value);
    };
    for (const HeaderEntry &h : spec.headers) {
        const QString name = filler.fill(h.name).trimmed();
        if (!h.enabled || name.isEmpty())
            continue;
        QString value = filler.fill(h.value);
        if (isSecretHeader(name) && !value.contains(QLatin1String("{{"))) {
            const QString variable = secretVariableFor(name);
            out.notes << QStringLiteral(
                             "The %1 value is left out as {{%2}}: secrets are not exported.")
                             .arg(name, variable);
            value = QStringLiteral("{{") + variable + QStringLiteral("}}");
        }
        header(name, value);
    }
    if (hasBody && !hasEnabledHeader(spec, QLatin1String("Content-Type")))
        header(QStringLiteral("Content-Type"), spec.bodyKind == BodyKind::Json
                                                   ? QStringLiteral("application/json")
                                                   : QStringLiteral("text/plain; charset=utf-8"));
    if (spec.auth.kind == AuthKind::Bearer) {
        QString token = filler.fill(spec.auth.bearerToken).trimmed();
        if (token.startsWith(QLatin1String("Bearer "), Qt::CaseInsensitive))
            token = token.mid(7).trimmed();
        if (!isPlaceholder(token)) {
            token = QStringLiteral("{{bearerToken}}");
            out.notes << QStringLiteral(
                "The bearer token is left out as {{bearerToken}}: secrets are not exported.");
        }
        header(QStringLiteral("Authorization"), QStringLiteral("Bearer ") + token);
    } else if (spec.auth.kind == AuthKind::Basic) {
        const QString password = hidden(spec.auth.basicPassword, QStringLiteral("basicPassword"),
                                        QStringLiteral("Basic auth password"));
        words << QStringLiteral("--user")
              << shellQuote(filler.fill(spec.auth.basicUsername) + QLatin1Char(':') + password);
    } else if (apiKey && spec.auth.apiKeyLocation == ApiKeyLocation::Header) {
        header(apiKeyName, apiKeyValue);
    } else if (spec.auth.kind == AuthKind::AwsSigV4) {
        const Aws::ServiceGuess guess = Aws::guessService(QUrl(url));
        const QString region = spec.auth.region.isEmpty() ? guess.region : spec.auth.region;
        const QString service = spec.auth.service.isEmpty() ? guess.service : spec.auth.service;
        QString provider = QStringLiteral("aws:amz");
        if (!region.isEmpty() && !service.isEmpty())
            provider += QLatin1Char(':') + region + QLatin1Char(':') + service;
        words << QStringLiteral("--aws-sigv4") << shellQuote(provider) << QStringLiteral("--user")
              << shellQuote(QStringLiteral("{{accessKeyId}}:{{secretAccessKey}}"));
        if (spec.auth.source == AwsCredentialSource::TemporaryCredentials ||
            !spec.auth.sessionToken.isEmpty())
            header(QStringLiteral("X-Amz-Security-Token"), QStringLiteral("{{sessionToken}}"));
        if (spec.auth.unsignedPayload)
            header(QStringLiteral("x-amz-content-sha256"), QStringLiteral("UNSIGNED-PAYLOAD"));
        out.notes << QStringLiteral(
                         "curl signs the request itself (--aws-sigv4, curl 7.75 or later): replace "
                         "{{accessKeyId}} and {{secretAccessKey}}%1 with your keys.")
                         .arg(spec.auth.sessionToken.isEmpty() &&
                                      spec.auth.source != AwsCredentialSource::TemporaryCredentials
                                  ? QString()
                                  : QStringLiteral(" and {{sessionToken}}"));
    }
    if (hasBody)
        words << QStringLiteral("--data-raw") << shellQuote(filler.fill(spec.body));
    if (spec.followRedirects)
        words << QStringLiteral("-L");
    if (spec.timeoutMs != RequestSpec().timeoutMs)
        words << QStringLiteral("--max-time") << QString::number(spec.timeoutMs / 1000.0);
    if (!filler.left().isEmpty())
        out.notes.prepend(QStringLiteral("Left as {{variables}} (secret or not defined): %1.")
                              .arg(filler.left().join(QStringLiteral(", "))));
    out.command = words.join(QLatin1Char(' '));
    return out;
}

} // namespace Gatehouse::Core::Import
