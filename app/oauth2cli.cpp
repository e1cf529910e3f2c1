#include "oauth2cli.h"

#include "core/oauth2/tokenmanager.h"

#include <QFile>
#include <QTextStream>

namespace Gatehouse::App {

void prepareTokenManager(Core::OAuth2::TokenManager &tokens, const QString &command)
{
    bool ok = false;
    const int seconds = qEnvironmentVariableIntValue("GATEHOUSE_OAUTH2_TIMEOUT", &ok);
    const int timeout = ok && seconds > 0 ? seconds : 300;
    tokens.setAuthorizationTimeoutMs(timeout * 1000);
    tokens.setBrowserOpener([command, timeout](const QUrl &url) {
        QTextStream err(stderr);
        err << command << ": open this URL in a browser to sign in (waiting " << timeout
            << " s for the redirect to 127.0.0.1):\n  " << url.toString(QUrl::FullyEncoded) << "\n";
        err.flush();
    });
    QObject::connect(&tokens, &Core::OAuth2::TokenManager::progress, &tokens, [command](const QString &step) {
        QTextStream(stderr) << command << ": " << step << "\n";
    });
}

QString readStdinLine()
{
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly))
        return {};
    QString line = QString::fromUtf8(input.readLine());
    while (line.endsWith(QLatin1Char('\n')) || line.endsWith(QLatin1Char('\r')))
        line.chop(1);
    return line;
}

QString cognitoPasswordFromEnvironment(bool fromStdin)
{
    if (fromStdin)
        return readStdinLine();
    return qEnvironmentVariable("GATEHOUSE_COGNITO_PASSWORD");
}

} // namespace Gatehouse::App
