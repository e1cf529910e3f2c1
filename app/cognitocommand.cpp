#include "commands.h"

#include "core/aws/cognitoidentityclient.h"
#include "core/cognito/userpoolclient.h"
#include "core/httpclient.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <termios.h>
#include <unistd.h>

namespace Gatehouse::App {

namespace {

struct CognitoOptions
{
    QString action;
    QString identityPool;
    QString region;
    QString endpointUrl;
    QString userPool;
    QString idToken; // "-": read from stdin
    // signup / confirm / login
    QString clientId;
    QString clientSecret;
    QString user;
    QString code;
    QStringList attributes; // name=value
    bool srp = false;
    bool passwordStdin = false;
    bool newPasswordStdin = false;
    bool trace = false;
};

const char *const Usage =
    "Use 'gatehouse cognito credentials --identity-pool REGION:GUID [--user-pool POOL_ID --id-token TOKEN|-] "
    "[--region R] [--endpoint-url URL]', "
    "'gatehouse cognito signup|login --pool POOL_ID --client CLIENT_ID --user NAME [--srp] [--password-stdin] "
    "[--attribute NAME=VALUE]... [--client-secret S] [--endpoint-url URL] [--trace]' or "
    "'gatehouse cognito confirm --pool POOL_ID --client CLIENT_ID --user NAME --code CODE'.";

Core::Result<CognitoOptions> parse(const QStringList &arguments)
{
    CognitoOptions options;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (!arg.startsWith(QLatin1String("--"))) {
            if (!options.action.isEmpty())
                return usageError(QStringLiteral("unexpected argument '%1'. %2").arg(arg, QLatin1String(Usage)));
            options.action = arg;
            continue;
        }
        if (arg == QLatin1String("--srp")) {
            options.srp = true;
            continue;
        }
        if (arg == QLatin1String("--password-stdin")) {
            options.passwordStdin = true;
            continue;
        }
        if (arg == QLatin1String("--new-password-stdin")) {
            options.newPasswordStdin = true;
            continue;
        }
        if (arg == QLatin1String("--trace")) {
            options.trace = true;
            continue;
        }
        if (arg == QLatin1String("--password"))
            return usageError(QStringLiteral("passwords are not taken as arguments, where the shell history and "
                                             "`ps` would show them; pipe it in with --password-stdin, set "
                                             "GATEHOUSE_COGNITO_PASSWORD, or type it when asked."));
        if (i + 1 >= arguments.size())
            return usageError(QStringLiteral("%1 needs a value. %2").arg(arg, QLatin1String(Usage)));
        const QString value = arguments.at(++i);
        if (arg == QLatin1String("--identity-pool"))
            options.identityPool = value;
        else if (arg == QLatin1String("--region"))
            options.region = value;
        else if (arg == QLatin1String("--endpoint-url"))
            options.endpointUrl = value;
        else if (arg == QLatin1String("--user-pool") || arg == QLatin1String("--pool"))
            options.userPool = value;
        else if (arg == QLatin1String("--id-token"))
            options.idToken = value;
        else if (arg == QLatin1String("--client"))
            options.clientId = value;
        else if (arg == QLatin1String("--client-secret"))
            options.clientSecret = value;
        else if (arg == QLatin1String("--user"))
            options.user = value;
        else if (arg == QLatin1String("--code"))
            options.code = value;
        else if (arg == QLatin1String("--attribute"))
            options.attributes.append(value);
        else
            return usageError(QStringLiteral("unknown option '%1'. %2").arg(arg, QLatin1String(Usage)));
    }
    if (options.action == QLatin1String("credentials")) {
        if (options.identityPool.isEmpty())
            return usageError(QStringLiteral("--identity-pool is required. %1").arg(QLatin1String(Usage)));
        if (options.userPool.isEmpty() != options.idToken.isEmpty())
            return usageError(
                QStringLiteral("--user-pool and --id-token go together: the ID token of a user of that pool."));
        // The identity pool id starts with its region, as AWS writes it: us-east-1:GUID.
        if (options.region.isEmpty())
            options.region = options.identityPool.section(QLatin1Char(':'), 0, 0);
        return options;
    }
    if (options.action != QLatin1String("signup") && options.action != QLatin1String("confirm")
        && options.action != QLatin1String("login"))
        return usageError(QString::fromLatin1(Usage));
    if (options.userPool.isEmpty() || options.clientId.isEmpty() || options.user.isEmpty())
        return usageError(QStringLiteral("%1 needs --pool, --client and --user. %2")
                              .arg(options.action, QLatin1String(Usage)));
    if (const QString problem = Core::Cognito::UserPoolClient::checkAppClient(
            {options.userPool, options.clientId, options.clientSecret});
        !problem.isEmpty())
        return usageError(problem);
    if (options.action == QLatin1String("confirm") && options.code.isEmpty())
        return usageError(QStringLiteral("confirm needs --code, the code Cognito sent (the emulator prints it in its "
                                         "log and its panel)."));
    for (const QString &attribute : options.attributes) {
        if (!attribute.contains(QLatin1Char('=')) || attribute.startsWith(QLatin1Char('=')))
            return usageError(QStringLiteral("--attribute '%1' is not NAME=VALUE, e.g. --attribute email=ann@example.com.")
                                  .arg(attribute));
    }
    if (!options.endpointUrl.isEmpty()) {
        const QUrl url(options.endpointUrl);
        if (!url.isValid() || url.host().isEmpty() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
            return usageError(QStringLiteral("--endpoint-url '%1' is not an http(s) URL such as http://127.0.0.1:4577.")
                                  .arg(options.endpointUrl));
    }
    return options;
}

// One line from standard input (a pipe, or the terminal with echo off), without its newline.
QString readSecretLine(QTextStream &in, bool terminal, const QString &prompt)
{
    if (!terminal)
        return in.readLine();
    QTextStream(stderr) << prompt << Qt::flush;
    termios saved{};
    const bool canHide = tcgetattr(STDIN_FILENO, &saved) == 0;
    if (canHide) {
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    const QString line = in.readLine();
    if (canHide)
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    QTextStream(stderr) << "\n";
    return line;
}

int exitCodeFor(const Core::Error &error)
{
    switch (error.code) {
    case Core::ErrorCode::Service:
        return ExitHttpError;
    case Core::ErrorCode::InvalidArgument:
        return ExitUsage;
    case Core::ErrorCode::Protocol:
        return ExitFailure;
    default:
        return ExitTransport;
    }
}

// The tokens as InitiateAuth's AuthenticationResult names them, so scripts can use jq on either.
QByteArray tokensJson(const Core::TokenSet &tokens, const QString &username)
{
    QJsonObject object{{QStringLiteral("IdToken"), tokens.idToken},
                       {QStringLiteral("AccessToken"), tokens.accessToken},
                       {QStringLiteral("TokenType"), QStringLiteral("Bearer")},
                       {QStringLiteral("ExpiresIn"), int(tokens.obtainedAt.secsTo(tokens.expiresAt))},
                       {QStringLiteral("Username"), username}};
    if (!tokens.refreshToken.isEmpty())
        object.insert(QStringLiteral("RefreshToken"), tokens.refreshToken);
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

int runUserPoolAction(const CognitoOptions &options)
{
    QTextStream err(stderr);
    const QString command = QStringLiteral("gatehouse cognito ") + options.action;
    const Core::Cognito::AppClient app{options.userPool, options.clientId, options.clientSecret};

    QString password;
    QString newPassword;
    if (options.action != QLatin1String("confirm")) {
        QFile input;
        input.open(stdin, QIODevice::ReadOnly);
        QTextStream in(&input);
        const bool terminal = isatty(STDIN_FILENO) && !options.passwordStdin;
        const QByteArray fromEnvironment = qgetenv("GATEHOUSE_COGNITO_PASSWORD");
        if (!fromEnvironment.isEmpty() && !options.passwordStdin)
            password = QString::fromUtf8(fromEnvironment);
        else if (terminal || options.passwordStdin)
            password = readSecretLine(in, terminal, QStringLiteral("Password for %1: ").arg(options.user));
        if (options.newPasswordStdin)
            newPassword = readSecretLine(in, terminal, QStringLiteral("New password for %1: ").arg(options.user));
        if (password.isEmpty()) {
            err << command << ": no password. Pipe it in with --password-stdin, set GATEHOUSE_COGNITO_PASSWORD, "
                << "or run on a terminal to be asked.\n";
            return ExitUsage;
        }
    }

    Core::HttpClient http;
    Core::Cognito::UserPoolClient client(&http, QUrl(options.endpointUrl));
    if (options.trace) {
        QObject::connect(&client, &Core::Cognito::UserPoolClient::traced, &client,
                         [&err](const Core::Cognito::TraceStep &step) {
                             err << (step.ok ? "  -> " : "  !! ") << step.operation << " [" << step.elapsedMs << " ms]\n"
                                 << "     sent: " << step.sent << "\n"
                                 << "     got:  " << step.received << "\n";
                             err.flush();
                         });
    }
    int exitCode = ExitFailure;
    const auto finish = [&](int code) {
        exitCode = code;
        QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
    };
    const auto fail = [&](const Core::Error &error) {
        err << command << ": " << error.message << "\n";
        finish(exitCodeFor(error));
    };

    if (options.action == QLatin1String("signup")) {
        Core::Cognito::UserPoolClient::Attributes attributes;
        for (const QString &attribute : options.attributes)
            attributes.insert(attribute.section(QLatin1Char('='), 0, 0), attribute.section(QLatin1Char('='), 1));
        client.signUp(app, options.user, password, attributes, &client,
                      [&](const Core::Result<Core::Cognito::SignUpOutcome> &outcome) {
                          if (!outcome)
                              return fail(outcome.error());
                          QTextStream out(stdout);
                          out << "Signed up " << options.user << " (sub " << outcome->userSub << ").\n";
                          if (outcome->confirmed)
                              out << "The user is confirmed and can sign in.\n";
                          else
                              out << "Not confirmed yet: a code went by " << outcome->deliveryMedium.toLower() << " to "
                                  << outcome->deliveryDestination << "; run 'gatehouse cognito confirm ... --code CODE'.\n";
                          finish(ExitOk);
                      });
    } else if (options.action == QLatin1String("confirm")) {
        client.confirmSignUp(app, options.user, options.code, &client, [&](const Core::Result<void> &result) {
            if (!result)
                return fail(result.error());
            QTextStream(stdout) << "Confirmed " << options.user << "; the user can sign in now.\n";
            finish(ExitOk);
        });
    } else {
        auto handle = std::make_shared<std::function<void(const Core::Result<Core::Cognito::SignInOutcome> &)>>();
        *handle = [&, handle](const Core::Result<Core::Cognito::SignInOutcome> &outcome) {
            if (!outcome)
                return fail(outcome.error());
            if (outcome->signedIn()) {
                QTextStream(stdout) << tokensJson(outcome->tokens, outcome->username);
                return finish(ExitOk);
            }
            if (outcome->challengeName == QLatin1String("NEW_PASSWORD_REQUIRED") && !newPassword.isEmpty()) {
                const QString chosen = std::exchange(newPassword, QString());
                client.setNewPassword(app, *outcome, chosen, &client, *handle);
                return;
            }
            if (outcome->challengeName == QLatin1String("NEW_PASSWORD_REQUIRED"))
                err << command << ": " << options.user << " must choose a new password first (an administrator "
                    << "created the user with a temporary one). Run again with --new-password-stdin and give the "
                    << "temporary password on the first line, the new one on the second.\n";
            else
                err << command << ": Cognito asks for the challenge " << outcome->challengeName
                    << ", which the CLI does not answer; use the Auth tab of the GUI or the AWS CLI's "
                    << "respond-to-auth-challenge.\n";
            finish(ExitFailure);
        };
        if (options.srp)
            client.signInWithSrp(app, options.user, password, &client, *handle);
        else
            client.signInWithPassword(app, options.user, password, &client, *handle);
    }
    QCoreApplication::exec();
    return exitCode;
}

} // namespace

int runCognitoCommand(const QStringList &arguments)
{
    QTextStream err(stderr);
    Core::Result<CognitoOptions> options = parse(arguments);
    if (!options) {
        err << "gatehouse cognito: " << options.error().message << "\n";
        return ExitUsage;
    }
    if (options->action != QLatin1String("credentials"))
        return runUserPoolAction(*options);
    if (options->idToken == QLatin1String("-")) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            err << "gatehouse cognito: could not read the ID token from standard input.\n";
            return ExitUsage;
        }
        options->idToken = QString::fromUtf8(in.readAll()).trimmed();
    }
    Core::Aws::CognitoIdentityClient::Logins logins;
    if (!options->userPool.isEmpty())
        logins.insert(Core::Aws::CognitoIdentityClient::userPoolProvider(options->region, options->userPool),
                      options->idToken);
    Core::HttpClient http;
    Core::Aws::CognitoIdentityClient client(&http, options->region, QUrl(options->endpointUrl));
    int exitCode = ExitFailure;
    client.credentials(options->identityPool, logins, &client, [&](const Core::Result<Core::Aws::Credentials> &credentials) {
        QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
        if (!credentials) {
            err << "gatehouse cognito credentials: " << credentials.error().message << "\n";
            exitCode = credentials.error().code == Core::ErrorCode::Service    ? ExitHttpError
                       : credentials.error().code == Core::ErrorCode::InvalidArgument ? ExitUsage
                                                                                      : ExitTransport;
            return;
        }
        // The credential_process format, so `credential_process = gatehouse cognito credentials ...`
        // in ~/.aws/config lets every AWS tool use the identity pool's credentials.
        QTextStream(stdout) << Core::Aws::CognitoIdentityClient::credentialProcessJson(*credentials) << "\n";
        exitCode = ExitOk;
    });
    QCoreApplication::exec();
    return exitCode;
}

} // namespace Gatehouse::App
