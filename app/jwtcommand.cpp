#include "commands.h"

#include "core/httpclient.h"
#include "core/jsonpretty.h"
#include "core/jwt/claimexplainer.h"
#include "core/jwt/jwkssource.h"
#include "core/jwt/jwterror.h"
#include "core/jwt/jwtverifier.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>
#include <QUrl>

#include <optional>

namespace Gatehouse::App {

namespace {

using namespace Core::Jwt;

struct JwtOptions
{
    QString action; // decode, verify
    QString token;  // as given; "-" reads stdin
    QString jwks;   // URL or file
    QString issuerDiscovery;
    QString secretFile;
    QString pemFile;
    ClaimRules rules;
};

const char *const Usage =
    "Use 'gatehouse jwt decode TOKEN|-' or 'gatehouse jwt verify TOKEN|- (--jwks URL|FILE | --discover ISSUER "
    "| --pem FILE | --secret-file FILE) [--iss ISSUER] [--aud AUD]... [--client-id ID]... "
    "[--token-use id|access] [--scope S]... [--skew SECONDS]'.";

// A token as people paste it: whitespace around it and a "Bearer " prefix are dropped.
QByteArray cleanToken(QByteArray token)
{
    token = token.trimmed();
    if (token.startsWith("Bearer ") || token.startsWith("bearer "))
        token = token.mid(7).trimmed();
    return token;
}

Core::Result<JwtOptions> parse(const QStringList &arguments)
{
    JwtOptions options;
    options.rules.requireExpiry = false; // verify reports a missing exp only when asked to
    QStringList positional;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (!arg.startsWith(QLatin1String("--")) || arg == QLatin1String("-")) {
            positional.append(arg);
            continue;
        }
        if (arg == QLatin1String("--require-exp")) {
            options.rules.requireExpiry = true;
            continue;
        }
        if (i + 1 >= arguments.size())
            return usageError(QStringLiteral("%1 needs a value. %2").arg(arg, QLatin1String(Usage)));
        const QString value = arguments.at(++i);
        if (arg == QLatin1String("--jwks"))
            options.jwks = value;
        else if (arg == QLatin1String("--discover"))
            options.issuerDiscovery = value;
        else if (arg == QLatin1String("--secret-file"))
            options.secretFile = value;
        else if (arg == QLatin1String("--pem"))
            options.pemFile = value;
        else if (arg == QLatin1String("--iss"))
            options.rules.issuer = value;
        else if (arg == QLatin1String("--aud"))
            options.rules.audiences.append(value);
        else if (arg == QLatin1String("--client-id"))
            options.rules.clientIds.append(value);
        else if (arg == QLatin1String("--token-use"))
            options.rules.tokenUse = value;
        else if (arg == QLatin1String("--scope"))
            options.rules.requiredScopes.append(value);
        else if (arg == QLatin1String("--skew")) {
            bool ok = false;
            const int skew = value.toInt(&ok);
            if (!ok || skew < 0)
                return usageError(QStringLiteral("--skew takes a number of seconds, not '%1'.").arg(value));
            options.rules.skew = std::chrono::seconds(skew);
        } else
            return usageError(QStringLiteral("unknown option '%1'. %2").arg(arg, QLatin1String(Usage)));
    }
    if (positional.size() != 2
        || (positional.first() != QLatin1String("decode") && positional.first() != QLatin1String("verify")))
        return usageError(QString::fromLatin1(Usage));
    options.action = positional.at(0);
    options.token = positional.at(1);
    const int sources = int(!options.jwks.isEmpty()) + int(!options.issuerDiscovery.isEmpty())
                        + int(!options.secretFile.isEmpty()) + int(!options.pemFile.isEmpty());
    if (options.action == QLatin1String("verify") && sources != 1)
        return usageError(QStringLiteral("verify needs exactly one key source: --jwks URL|FILE, --discover ISSUER, "
                                         "--pem FILE or --secret-file FILE."));
    return options;
}

Core::Result<QByteArray> readToken(const QString &argument)
{
    if (argument != QLatin1String("-"))
        return cleanToken(argument.toUtf8());
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return usageError(QStringLiteral("could not read the token from standard input."));
    // One token: a little over the longest token decodeCompact reads, so it can say "too large".
    // A pipe hands over its data in pieces, so read until the end or the limit.
    QByteArray token;
    while (token.size() < MaxTokenBytes * 2) {
        const QByteArray piece = in.read(MaxTokenBytes * 2 - token.size());
        if (piece.isEmpty())
            break;
        token += piece;
    }
    return cleanToken(token);
}

Core::Result<QByteArray> readFile(const QString &path, const char *what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return usageError(QStringLiteral("could not read the %1 %2: %3").arg(QLatin1String(what), path, file.errorString()));
    return file.readAll();
}

int printDecoded(const Jws &jws)
{
    QTextStream out(stdout);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const Core::Result<QByteArray> header = Core::JsonPretty::format(jws.headerJson);
    const Core::Result<QByteArray> payload = Core::JsonPretty::format(jws.payload);
    out << "Header\n" << (header ? *header : jws.headerJson) << "\n";
    for (const ClaimLine &line : explainHeader(jws.header.all))
        if (!line.meaning.isEmpty())
            out << "  " << line.name << ": " << line.meaning << "\n";
    out << "\nPayload\n" << (payload ? *payload : jws.payload) << "\n";
    const Core::Result<Claims> claims = Claims::parse(jws.payload);
    if (claims) {
        for (const ClaimLine &line : explainClaims(claims->all, now))
            if (!line.meaning.isEmpty())
                out << "  " << line.name << ": " << line.meaning << "\n";
    } else {
        out << "  (" << claims.error().message << ")\n";
    }
    out << "\nSignature: " << jws.signature.size() << " bytes, not checked (use 'gatehouse jwt verify')\n";
    return ExitOk;
}

int exitFor(const Core::Error &error)
{
    switch (reasonOf(error)) {
    case Reason::Malformed:
    case Reason::TooLarge:
        return ExitUsage;
    case Reason::JwksUnavailable:
        return error.code == Core::ErrorCode::Io || error.code == Core::ErrorCode::InvalidArgument ? ExitUsage
                                                                                                     : ExitTransport;
    case Reason::ClaimsMalformed:
    case Reason::Expired:
    case Reason::NotYetValid:
    case Reason::IssuedInFuture:
    case Reason::MissingClaim:
    case Reason::WrongIssuer:
    case Reason::WrongAudience:
    case Reason::WrongClientId:
    case Reason::WrongTokenUse:
    case Reason::MissingScope:
        return ExitClaimsRefused;
    default:
        return ExitTokenRefused;
    }
}

int report(const Core::Result<VerifiedToken> &verified)
{
    if (!verified) {
        QTextStream(stderr) << "invalid (" << reasonName(reasonOf(verified.error())) << "): "
                            << verified.error().message << "\n";
        return exitFor(verified.error());
    }
    QTextStream out(stdout);
    const Jwk &key = verified->key;
    out << "valid: " << verified->jws.header.alg << " signature checked with "
        << (key.kid().isEmpty() ? QStringLiteral("the %1 key").arg(key.typeName())
                                : QStringLiteral("the %1 key with kid \"%2\"").arg(key.typeName(), key.kid()));
    if (verified->claims.exp)
        out << "; expires "
            << relativeTime(QDateTime::fromSecsSinceEpoch(*verified->claims.exp, Qt::UTC), QDateTime::currentDateTimeUtc());
    out << "\n";
    return ExitOk;
}

} // namespace

int runJwtCommand(const QStringList &arguments)
{
    QTextStream err(stderr);
    const Core::Result<JwtOptions> options = parse(arguments);
    if (!options) {
        err << "gatehouse jwt: " << options.error().message << "\n";
        return ExitUsage;
    }
    const Core::Result<QByteArray> token = readToken(options->token);
    if (!token) {
        err << "gatehouse jwt: " << token.error().message << "\n";
        return ExitUsage;
    }
    if (options->action == QLatin1String("decode")) {
        const Core::Result<Jws> jws = decodeCompact(*token);
        if (!jws) {
            err << "gatehouse jwt decode: " << jws.error().message << "\n";
            return ExitUsage;
        }
        return printDecoded(*jws);
    }

    // Keys that are at hand: a file, a PEM or a secret.
    const bool local = !options->pemFile.isEmpty() || !options->secretFile.isEmpty()
                       || (!options->jwks.isEmpty() && !options->jwks.contains(QLatin1String("://")));
    if (local) {
        if (!options->pemFile.isEmpty() || !options->secretFile.isEmpty()) {
            const bool pem = !options->pemFile.isEmpty();
            const Core::Result<QByteArray> material =
                readFile(pem ? options->pemFile : options->secretFile, pem ? "PEM file" : "secret file");
            if (!material) {
                err << "gatehouse jwt verify: " << material.error().message << "\n";
                return ExitUsage;
            }
            const Core::Result<Jwk> key = pem ? Jwk::fromPem(*material) : Jwk::fromSecret(material->trimmed());
            if (!key) {
                err << "gatehouse jwt verify: " << key.error().message << "\n";
                return ExitUsage;
            }
            return report(verifyJwt(*token, *key, options->rules));
        }
        const Core::Result<JwkSet> keys = JwksSource::readFile(options->jwks);
        if (!keys) {
            err << "gatehouse jwt verify: " << keys.error().message << "\n";
            return ExitUsage;
        }
        return report(verifyJwt(*token, *keys, options->rules));
    }

    // Keys published at a URL or found by discovery: fetched, then verified.
    const Core::Result<Jws> jws = decodeCompact(*token);
    if (!jws) {
        err << "invalid (" << reasonName(reasonOf(jws.error())) << "): " << jws.error().message << "\n";
        return exitFor(jws.error());
    }
    const QString where = options->jwks.isEmpty() ? options->issuerDiscovery : options->jwks;
    const QUrl url(where, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))
        || url.host().isEmpty()) {
        err << "gatehouse jwt verify: '" << where
            << "' is not an http(s) URL; give a JWKS URL, an issuer URL, or the path of a JWKS file.\n";
        return ExitUsage;
    }
    Core::HttpClient http;
    JwksSource source(&http);
    if (!options->jwks.isEmpty())
        source.setJwksUrl(QUrl(options->jwks));
    else
        source.setIssuer(QUrl(options->issuerDiscovery));
    int exitCode = ExitFailure;
    KeyLookup *lookup = source.lookup(jws->header);
    QObject::connect(lookup, &KeyLookup::finished, &source, [&](const Core::Result<Jwk> &key) {
        QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
        if (!key) {
            err << "invalid (" << reasonName(reasonOf(key.error())) << "): " << key.error().message << "\n";
            exitCode = exitFor(key.error());
            return;
        }
        exitCode = report(verifyJwt(*token, *key, options->rules));
    });
    QCoreApplication::exec();
    return exitCode;
}

} // namespace Gatehouse::App
