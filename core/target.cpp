#include "target.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace Gatehouse::Core {

namespace {

struct TargetText
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::Target)
};

QString hostAndPort(const QUrl &url)
{
    if (url.port() < 0)
        return url.host();
    return url.host() + QLatin1Char(':') + QString::number(url.port());
}

} // namespace

Target Target::emulator(const QUrl &baseUrl)
{
    Target target;
    target.m_kind = Kind::Emulator;
    target.m_endpoint = baseUrl;
    return target;
}

Target Target::awsProfile(const QString &profile, const QString &region)
{
    Target target;
    target.m_kind = Kind::AwsProfile;
    target.m_profile = profile;
    target.m_region = region;
    return target;
}

Target Target::custom(const QUrl &endpoint)
{
    Target target;
    target.m_kind = Kind::Custom;
    target.m_endpoint = endpoint;
    return target;
}

QString Target::describe() const
{
    switch (m_kind) {
    case Kind::Emulator:
        if (m_endpoint.isEmpty())
            return TargetText::tr("Emulator (not running)");
        return TargetText::tr("Emulator (%1)").arg(hostAndPort(m_endpoint));
    case Kind::AwsProfile:
        if (m_region.isEmpty())
            return TargetText::tr("AWS profile: %1 (no region)").arg(m_profile);
        return TargetText::tr("AWS profile: %1 (%2)").arg(m_profile, m_region);
    case Kind::Custom:
        return TargetText::tr("Custom: %1").arg(m_endpoint.toString());
    }
    return {};
}

Result<QUrl> validateEndpoint(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return makeError(
            ErrorCode::InvalidArgument,
            TargetText::tr("Enter an endpoint URL, for example http://localhost:4566."));
    static const QRegularExpression schemePrefix(QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]*)://"));
    const QRegularExpressionMatch match = schemePrefix.match(trimmed);
    if (!match.hasMatch())
        return makeError(
            ErrorCode::InvalidArgument,
            TargetText::tr("Endpoint '%1' has no scheme: start it with http:// or https://")
                .arg(trimmed));
    const QString scheme = match.captured(1).toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return makeError(
            ErrorCode::InvalidArgument,
            TargetText::tr("Endpoint '%1' uses the scheme '%2': use http:// or https://")
                .arg(trimmed, scheme));
    static const QRegularExpression portSuffix(
        QStringLiteral("^[^/?#]*://[^/?#]*:(\\d*)(?:[/?#]|$)"));
    const QRegularExpressionMatch port = portSuffix.match(trimmed);
    if (port.hasMatch() && !port.captured(1).isEmpty() &&
        (port.captured(1).size() > 5 || port.captured(1).toInt() < 1 ||
         port.captured(1).toInt() > 65535))
        return makeError(
            ErrorCode::InvalidArgument,
            TargetText::tr("Endpoint '%1' has the port %2: use a number from 1 to 65535.")
                .arg(trimmed, port.captured(1)));
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid())
        return makeError(
            ErrorCode::InvalidArgument,
            TargetText::tr(
                "Endpoint '%1' is not a valid URL: check for spaces or stray characters.")
                .arg(trimmed));
    if (url.host().isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         TargetText::tr("Endpoint '%1' has no host name.").arg(trimmed));
    if (url.hasQuery() || url.hasFragment())
        return makeError(
            ErrorCode::InvalidArgument,
            TargetText::tr("Endpoint '%1' must not have a query (?…) or fragment (#…).")
                .arg(trimmed));
    return url;
}

} // namespace Gatehouse::Core
