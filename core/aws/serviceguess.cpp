#include "serviceguess.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QStringList>

namespace Gatehouse::Core::Aws {

namespace {

// Host prefixes whose signing name differs from the endpoint prefix.
QString signingNameFor(const QString &endpointPrefix)
{
    if (endpointPrefix == QLatin1String("appsync-api") || endpointPrefix == QLatin1String("appsync-realtime-api"))
        return QStringLiteral("appsync");
    return endpointPrefix;
}

QString withoutFips(const QString &prefix)
{
    return prefix.endsWith(QLatin1String("-fips")) ? prefix.chopped(5) : prefix;
}

bool isLoopbackHost(const QString &host)
{
    if (host == QLatin1String("localhost") || host.endsWith(QLatin1String(".localhost")))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

ServiceGuess guessEmulator(const QUrl &url)
{
    const QString host = url.host().toLower();
    const QString path = url.path();
    ServiceGuess guess;
    guess.emulator = true;
    guess.region = QString::fromLatin1(EmulatorRegion);
    if (host.endsWith(QLatin1String(".execute-api.localhost")) || path.startsWith(QLatin1String("/_aws/execute-api/")))
        guess.service = QStringLiteral("execute-api");
    else if (path.startsWith(QLatin1String("/2015-03-31/functions")))
        guess.service = QStringLiteral("lambda");
    return guess;
}

// labels of the host before "amazonaws.com" / "amazonaws.com.cn" / "api.aws".
QStringList awsLabels(const QString &host)
{
    static const QStringList suffixes = {QStringLiteral(".amazonaws.com"), QStringLiteral(".amazonaws.com.cn"),
                                         QStringLiteral(".api.aws")};
    for (const QString &suffix : suffixes) {
        if (host.endsWith(suffix))
            return host.chopped(suffix.size()).split(QLatin1Char('.'));
    }
    return {};
}

} // namespace

bool looksLikeRegion(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z]{2}(-[a-z]+)+-\\d{1,2}$"));
    return pattern.match(text).hasMatch();
}

ServiceGuess guessService(const QUrl &url)
{
    const QString host = url.host().toLower();
    if (isLoopbackHost(host))
        return guessEmulator(url);
    QStringList labels = awsLabels(host);
    labels.removeAll(QStringLiteral("dualstack"));
    ServiceGuess guess;
    if (labels.size() == 1 && labels.first() == QLatin1String("sts")) {
        guess.service = QStringLiteral("sts");
        guess.region = QStringLiteral("us-east-1"); // the global endpoint signs for us-east-1
        return guess;
    }
    if (labels.size() < 2 || !looksLikeRegion(labels.last()))
        return guess;
    guess.region = labels.last();
    const QString prefix = withoutFips(labels.at(labels.size() - 2));
    guess.service = signingNameFor(prefix);
    return guess;
}

} // namespace Gatehouse::Core::Aws
