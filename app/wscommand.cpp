// gatehouse ws: a WebSocket client on the command line. On a terminal it behaves like wscat
// (typed lines are sent, frames printed with "<"); otherwise it is scriptable: one message per
// stdin line in, one JSON line per received frame out.
#include "commands.h"
#include "core/aws/requestauthorizer.h"
#include "core/aws/stsclient.h"
#include "core/websocket/messagelog.h"
#include "core/websocket/websocketsession.h"

#include <QCoreApplication>
#include <QFile>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>
#include <memory>
#include <unistd.h>

namespace Gatehouse::App {

namespace {

struct WsOptions
{
    Core::WebSocketConnectOptions connect;
    QStringList messages; // -x, sent in order once open
    bool sigv4 = false;
    QString profile;
    int waitMs = -1; // -1: not given
};

Core::Result<WsOptions> parseWsArguments(const QStringList &arguments)
{
    static const QStringList valued = {
        QStringLiteral("-H"),        QStringLiteral("--header"), QStringLiteral("--subprotocol"),
        QStringLiteral("--profile"), QStringLiteral("--region"), QStringLiteral("-x"),
        QStringLiteral("--execute"), QStringLiteral("--wait"),   QStringLiteral("--timeout")};
    WsOptions options;
    QStringList positional;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == QLatin1String("--sigv4")) {
            options.sigv4 = true;
            continue;
        }
        if (!valued.contains(arg)) {
            if (arg.startsWith(QLatin1Char('-')) && arg.size() > 1)
                return usageError(QStringLiteral("unknown option '%1'.").arg(arg));
            positional.append(arg);
            continue;
        }
        if (i + 1 >= arguments.size())
            return usageError(QStringLiteral("%1 needs a value.").arg(arg));
        const QString value = arguments.at(++i);
        if (arg == QLatin1String("-H") || arg == QLatin1String("--header")) {
            const qsizetype colon = value.indexOf(QLatin1Char(':'));
            if (colon <= 0)
                return usageError(QStringLiteral("-H takes 'Name: value', not '%1'.").arg(value));
            options.connect.headers.add(value.left(colon).trimmed().toUtf8(),
                                        value.mid(colon + 1).trimmed().toUtf8());
        } else if (arg == QLatin1String("--subprotocol")) {
            options.connect.subprotocols.append(value);
        } else if (arg == QLatin1String("--profile")) {
            options.profile = value;
        } else if (arg == QLatin1String("--region")) {
            options.connect.region = value;
        } else if (arg == QLatin1String("-x") || arg == QLatin1String("--execute")) {
            options.messages.append(value);
        } else {
            bool ok = false;
            const double seconds = value.toDouble(&ok);
            if (!ok || seconds < 0 || seconds > 86400)
                return usageError(
                    QStringLiteral("%1 takes seconds (0 to 86400), not '%2'.").arg(arg, value));
            (arg == QLatin1String("--wait") ? options.waitMs : options.connect.handshakeTimeoutMs) =
                int(seconds * 1000);
        }
    }
    if (positional.size() != 1)
        return usageError(
            QStringLiteral("give one URL, e.g. 'gatehouse ws ws://127.0.0.1:4577/chat'."));
    options.connect.url = QUrl(positional.at(0), QUrl::StrictMode);
    if (options.sigv4)
        options.connect.auth = Core::WebSocketAuth::SigV4;
    if ((!options.profile.isEmpty() || !options.connect.region.isEmpty()) && !options.sigv4)
        return usageError(QStringLiteral("--profile and --region only apply with --sigv4."));
    if (!options.sigv4) {
        if (const auto valid = Core::validateWebSocketOptions(options.connect); !valid)
            return usageError(valid.error().message);
    }
    return options;
}

// One connection from open to close; quits the event loop with the exit code.
class WsRun : public QObject
{
public:
    WsRun(WsOptions options, bool interactive)
        : m_options(std::move(options))
        , m_interactive(interactive)
        , m_err(stderr)
    {
        m_out.open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered);
        connect(&m_session, &Core::WebSocketSession::connected, this, &WsRun::onConnected);
        connect(&m_session, &Core::WebSocketSession::frame, this, &WsRun::onFrame);
        connect(&m_session, &Core::WebSocketSession::disconnected, this, &WsRun::onDisconnected);
        m_waitTimer.setSingleShot(true);
        connect(&m_waitTimer, &QTimer::timeout, this, [this] { m_session.close(1000); });
    }

    void start()
    {
        if (const auto opened = m_session.open(m_options.connect); !opened)
            finish(ExitUsage, opened.error().message);
    }
    int exitCode() const { return m_exitCode; }
    void setSigning(const Core::Aws::Credentials &credentials, const QString &region)
    {
        m_options.connect.credentials = credentials;
        m_options.connect.region = region;
    }

private:
    void onConnected()
    {
        if (m_interactive)
            m_err << "Connected to " << m_options.connect.url.toDisplayString()
                  << (m_session.negotiatedSubprotocol().isEmpty()
                          ? QString()
                          : QStringLiteral(" (subprotocol %1)")
                                .arg(m_session.negotiatedSubprotocol()))
                  << ". Type a message and press Enter; Ctrl+D closes.\n"
                  << Qt::flush;
        for (const QString &message : std::as_const(m_options.messages))
            send(message);
        m_stdin = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
        connect(m_stdin, &QSocketNotifier::activated, this, &WsRun::readStdin);
    }

    void send(const QString &message)
    {
        m_session.sendText(message);
        m_sentAny = true;
    }

    void readStdin()
    {
        char buffer[65536];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n > 0) {
            m_pending.append(buffer, n);
            qsizetype newline;
            while ((newline = m_pending.indexOf('\n')) >= 0) {
                QByteArray line = m_pending.left(newline);
                m_pending.remove(0, newline + 1);
                if (line.endsWith('\r'))
                    line.chop(1);
                send(QString::fromUtf8(line));
            }
            return;
        }
        // End of input: a last line without newline still counts.
        m_stdin->setEnabled(false);
        if (!m_pending.isEmpty())
            send(QString::fromUtf8(std::exchange(m_pending, {})));
        inputEnded();
    }

    // After the last message, answers get --wait seconds (2 by default); with nothing sent the
    // client listens until the server closes, or for --wait when given.
    void inputEnded()
    {
        if (m_options.waitMs >= 0)
            m_waitTimer.start(m_options.waitMs);
        else if (m_sentAny)
            m_waitTimer.start(2000);
    }

    void onFrame(Core::WebSocketDirection direction, Core::WebSocketOpcode opcode,
                 const QByteArray &payload, qint64 time)
    {
        if (direction != Core::WebSocketDirection::Received)
            return;
        if (opcode != Core::WebSocketOpcode::Text && opcode != Core::WebSocketOpcode::Binary)
            return;
        if (m_interactive) {
            const QByteArray shown =
                opcode == Core::WebSocketOpcode::Text ? payload : payload.toHex(' ');
            m_out.write("< " + shown + '\n');
        } else {
            m_out.write(Core::MessageLog::toJsonLine(direction, opcode, payload, time));
        }
    }

    void onDisconnected(const Core::Error &error)
    {
        if (!error.isError()) {
            if (m_interactive || m_session.closeCode() != 1000)
                m_err << m_session.stateText() << "\n";
            finish(ExitOk, {});
            return;
        }
        int code = ExitTransport;
        if (error.httpStatus >= 400)
            code = ExitHttpError;
        finish(code, error.message);
    }

    void finish(int code, const QString &message)
    {
        if (!message.isEmpty())
            m_err << "gatehouse ws: " << message << "\n" << Qt::flush;
        m_exitCode = code;
        QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
    }

    WsOptions m_options;
    bool m_interactive;
    QTextStream m_err;
    QFile m_out;
    Core::WebSocketSession m_session;
    QSocketNotifier *m_stdin = nullptr;
    QByteArray m_pending;
    QTimer m_waitTimer;
    bool m_sentAny = false;
    int m_exitCode = ExitFailure;
};

} // namespace

int runWsCommand(const QStringList &arguments)
{
    QTextStream err(stderr);
    Core::Result<WsOptions> options = parseWsArguments(arguments);
    if (!options) {
        err << "gatehouse ws: " << options.error().message << "\n";
        return ExitUsage;
    }
    const bool interactive = ::isatty(STDIN_FILENO) && ::isatty(STDOUT_FILENO);
    WsRun run(*options, interactive);
    if (!options->sigv4) {
        run.start();
        QCoreApplication::exec();
        return run.exitCode();
    }

    // SigV4: the scope (region) and the credentials come first, as for `gatehouse sign`.
    Core::RequestAuth auth;
    auth.kind = Core::AuthKind::AwsSigV4;
    auth.profile = options->profile;
    auth.service = QStringLiteral("execute-api");
    auth.region = options->connect.region;
    QUrl httpsUrl = options->connect.url;
    httpsUrl.setScheme(QStringLiteral("https"));
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const auto scope = Core::Aws::signingScopeFor(httpsUrl, auth, &environment);
    if (!scope) {
        err << "gatehouse ws: " << scope.error().message << " Use --region.\n";
        return ExitUsage;
    }
    Core::Aws::StsClient sts;
    std::unique_ptr<Core::Aws::CredentialsProvider> provider =
        Core::Aws::makeCredentialsProvider(auth, environment, &sts);
    int exitCode = ExitFailure;
    bool started = false;
    QObject context;
    provider->resolve(&context, [&](const Core::Result<Core::Aws::Credentials> &credentials) {
        if (!credentials) {
            err << "gatehouse ws: no credentials to sign with: " << credentials.error().message
                << "\n";
            exitCode = ExitUsage;
            QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
            return;
        }
        started = true;
        run.setSigning(*credentials, scope->region);
        run.start();
    });
    QCoreApplication::exec();
    return started ? run.exitCode() : exitCode;
}

} // namespace Gatehouse::App
