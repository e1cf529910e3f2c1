#include "graphqlauth.h"

#include "core/aws/requestauthorizer.h"
#include "core/aws/sigv4signer.h"

namespace Gatehouse::Core::GraphQL {

QList<QByteArray> Auth::secrets() const
{
    QList<QByteArray> out;
    for (const QString &secret : {apiKey, token, credentials.secretAccessKey, credentials.sessionToken}) {
        if (!secret.isEmpty())
            out.append(secret.toUtf8());
    }
    return out;
}

QString authModeName(AuthMode mode)
{
    switch (mode) {
    case AuthMode::None:
        return QStringLiteral("NONE");
    case AuthMode::ApiKey:
        return QStringLiteral("API_KEY");
    case AuthMode::CognitoUserPools:
        return QStringLiteral("AMAZON_COGNITO_USER_POOLS");
    case AuthMode::OpenIdConnect:
        return QStringLiteral("OPENID_CONNECT");
    case AuthMode::AwsIam:
        return QStringLiteral("AWS_IAM");
    case AuthMode::AwsLambda:
        return QStringLiteral("AWS_LAMBDA");
    }
    return {};
}

Result<AuthMode> parseAuthMode(const QString &text)
{
    const QString t = text.trimmed().toLower().replace(QLatin1Char('_'), QLatin1Char('-'));
    if (t == QLatin1String("none"))
        return AuthMode::None;
    if (t == QLatin1String("api-key"))
        return AuthMode::ApiKey;
    if (t == QLatin1String("cognito") || t == QLatin1String("amazon-cognito-user-pools"))
        return AuthMode::CognitoUserPools;
    if (t == QLatin1String("oidc") || t == QLatin1String("openid-connect"))
        return AuthMode::OpenIdConnect;
    if (t == QLatin1String("iam") || t == QLatin1String("aws-iam"))
        return AuthMode::AwsIam;
    if (t == QLatin1String("lambda") || t == QLatin1String("aws-lambda"))
        return AuthMode::AwsLambda;
    return makeError(ErrorCode::InvalidArgument,
                     QStringLiteral("Unknown auth mode '%1'; use api-key, cognito, oidc, iam, "
                                    "lambda or none.")
                         .arg(text));
}

QString appSyncRegion(const QUrl &url)
{
    const QStringList labels = url.host().toLower().split(QLatin1Char('.'));
    // <id>.appsync-api.<region>.amazonaws.com[.cn]
    for (qsizetype i = 1; i + 2 < labels.size(); ++i) {
        if ((labels.at(i) == QLatin1String("appsync-api")
             || labels.at(i) == QLatin1String("appsync-realtime-api"))
            && labels.at(i + 2) == QLatin1String("amazonaws"))
            return labels.at(i + 1);
    }
    return {};
}

QUrl appSyncRealtimeUrl(const QUrl &graphqlUrl)
{
    QUrl out = graphqlUrl;
    out.setQuery(QString());
    out.setFragment(QString());
    const bool secure = graphqlUrl.scheme() == QLatin1String("https");
    out.setScheme(secure ? QStringLiteral("wss") : QStringLiteral("ws"));
    QString host = graphqlUrl.host();
    if (!appSyncRegion(graphqlUrl).isEmpty()) {
        host.replace(QLatin1String(".appsync-api."), QLatin1String(".appsync-realtime-api."));
        out.setHost(host);
        out.setPath(QStringLiteral("/graphql"));
        return out;
    }
    QString path = graphqlUrl.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    out.setPath(path + QStringLiteral("/realtime"));
    return out;
}

Result<QList<HttpHeaders::Field>> authorizationFields(const Auth &auth, const QUrl &url,
                                                      const QByteArray &body,
                                                      const QDateTime &now)
{
    const QByteArray host = Aws::hostHeaderFor(url);
    switch (auth.mode) {
    case AuthMode::None:
        return QList<HttpHeaders::Field>{{"host", host}};
    case AuthMode::ApiKey:
        if (auth.apiKey.isEmpty())
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("API_KEY auth needs the API key (da2-...); give it "
                                            "with --api-key or GATEHOUSE_APPSYNC_API_KEY."));
        return QList<HttpHeaders::Field>{{"host", host}, {"x-api-key", auth.apiKey.toUtf8()}};
    case AuthMode::CognitoUserPools:
    case AuthMode::OpenIdConnect:
    case AuthMode::AwsLambda:
        if (auth.token.isEmpty())
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("%1 auth needs a token for the Authorization header; "
                                            "give it with --token TOKEN|- or GATEHOUSE_TOKEN.")
                                 .arg(authModeName(auth.mode)));
        return QList<HttpHeaders::Field>{{"host", host}, {"Authorization", auth.token.toUtf8()}};
    case AuthMode::AwsIam:
        break;
    }
    if (!auth.credentials.isComplete())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("AWS_IAM auth needs AWS credentials (an access key and "
                                        "its secret); none were found."));
    const QString region = auth.region.isEmpty() ? appSyncRegion(url) : auth.region;
    if (region.isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("AWS_IAM auth needs the API's region: the host '%1' does "
                                        "not name one, so give it with --region.")
                             .arg(url.host()));
    Aws::SigV4Request request;
    request.method = "POST";
    request.path = url.path(QUrl::FullyEncoded).toUtf8();
    request.headers.add("accept", "application/json, text/javascript");
    request.headers.add("content-encoding", "amz-1.0");
    request.headers.add("content-type", "application/json; charset=UTF-8");
    request.headers.add("host", host);
    request.payload = body;
    request.service = QStringLiteral("appsync");
    request.region = region;
    request.time = now;
    Aws::SigV4Signer signer(auth.credentials);
    const Result<Aws::SigV4Signature> signature = signer.signHeaders(request);
    if (!signature)
        return signature.error();
    QList<HttpHeaders::Field> out = request.headers.fields();
    out.append({"x-amz-date", Aws::sigV4Timestamp(now)});
    if (auth.credentials.hasSessionToken())
        out.append({"X-Amz-Security-Token", auth.credentials.sessionToken.toUtf8()});
    out.append({"Authorization", signature->authorization});
    return out;
}

} // namespace Gatehouse::Core::GraphQL
