#include "httpquery.h"

#include "core/aws/requestauthorizer.h"


#include <QTimer>
#include <QUrlQuery>

namespace Gatehouse::Core::GraphQL {

Result<HttpClientRequest> buildHttpQuery(const HttpQueryRequest &request, const Auth &auth,
                                         const QDateTime &now)
{
    const QString scheme = request.url.scheme();
    if (!request.url.isValid() || request.url.host().isEmpty()
        || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("'%1' is not an http:// or https:// URL of a GraphQL "
                                        "endpoint (for AppSync: https://<id>.appsync-api.<region>"
                                        ".amazonaws.com/graphql).")
                             .arg(request.url.toString()));
    if (request.query.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("The GraphQL document is empty; give a query."));
    Result<QByteArray> body = requestBody(request.query, request.operationName, request.variablesJson);
    if (!body)
        return body.error();

    HttpClientRequest out;
    out.url = request.url;
    out.timeoutMs = request.timeoutMs;
    if (request.useGet) {
        // GET carries no body; IAM then signs the empty payload over the URL with the query.
        QUrlQuery query(out.url);
        query.addQueryItem(QStringLiteral("query"), request.query);
        if (!request.operationName.isEmpty())
            query.addQueryItem(QStringLiteral("operationName"), request.operationName);
        if (!request.variablesJson.trimmed().isEmpty())
            query.addQueryItem(QStringLiteral("variables"), QString::fromUtf8(request.variablesJson));
        out.url.setQuery(query);
        out.method = "GET";
        out.headers.add("Accept", "application/json");
    } else {
        out.method = "POST";
        out.body = *body;
        out.headers.add("Content-Type", "application/json");
        out.headers.add("Accept", "application/json");
    }
    if (auth.mode == AuthMode::AwsIam && request.useGet)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("AWS_IAM requests go as POST (AppSync signs the body); "
                                        "leave out --get."));
    for (const HttpHeaders::Field &field : request.headers.fields())
        out.headers.set(field.first, field.second);
    if (auth.mode == AuthMode::AwsIam) {
        // Over HTTP AppSync takes an ordinary SigV4 request; the amz-1.0 headers of
        // authorizationFields() belong to the real-time protocol only.
        auto fields = authorizationFields(auth, out.url, out.body, now); // checks keys, region
        if (!fields)
            return fields.error();
        Aws::SigningScope scope;
        scope.service = QStringLiteral("appsync");
        scope.region = auth.region.isEmpty() ? appSyncRegion(out.url) : auth.region;
        auto signature = Aws::signClientRequest(out, auth.credentials, scope, now);
        if (!signature)
            return signature.error();
        return out;
    }
    auto fields = authorizationFields(auth, out.url, out.body, now);
    if (!fields)
        return fields.error();
    for (const HttpHeaders::Field &field : std::as_const(*fields)) {
        if (field.first.compare("host", Qt::CaseInsensitive) == 0)
            continue; // the client sends the same Host itself
        out.headers.set(field.first, field.second);
    }
    return out;
}

namespace {

QByteArray excerpt(const QByteArray &body)
{
    QByteArray out = body.left(120).simplified();
    if (body.size() > 120)
        out += "...";
    return out;
}

} // namespace

Result<HttpQueryResult> readHttpQueryAnswer(const HttpClientResponse &response)
{
    const QByteArray contentType = response.headers.value("content-type");
    Result<Response> parsed = parseResponse(response.body);
    if (!parsed) {
        Error error = parsed.error();
        error.httpStatus = response.status;
        if (response.status >= 400) {
            error.message = QStringLiteral("The endpoint answered HTTP %1 %2 without a GraphQL "
                                           "response; check the URL (AppSync's ends in /graphql).")
                                .arg(response.status)
                                .arg(QString::fromUtf8(response.reason));
        } else if (contentType.contains("html")) {
            error.message = QStringLiteral("The endpoint answered with an HTML page (HTTP %1), "
                                           "not GraphQL JSON; check that the URL is the GraphQL "
                                           "endpoint, not a web page.")
                                .arg(response.status);
        } else {
            error.message += QStringLiteral(" It began: %1").arg(QString::fromUtf8(excerpt(response.body)));
        }
        return error;
    }
    HttpQueryResult out;
    out.response = std::move(parsed).value();
    out.httpStatus = response.status;
    out.rawBody = response.body;
    out.elapsedMs = response.elapsedMs;
    return out;
}

HttpQuery::HttpQuery(QObject *parent)
    : QObject(parent)
{
}

HttpQuery *HttpQuery::start(HttpClient &client, const HttpQueryRequest &request, const Auth &auth,
                            QObject *parent)
{
    auto *query = new HttpQuery(parent);
    Result<HttpClientRequest> http = buildHttpQuery(request, auth);
    if (!http) {
        QTimer::singleShot(0, query, [query, error = http.error()] { query->finish(error); });
        return query;
    }
    query->m_job = client.send(*http);
    connect(query->m_job, &HttpJob::finished, query,
            [query](const Result<HttpClientResponse> &response) {
                if (!response)
                    query->finish(response.error());
                else
                    query->finish(readHttpQueryAnswer(*response));
            });
    return query;
}

void HttpQuery::cancel()
{
    if (m_job)
        m_job->cancel();
    else
        finish(makeError(ErrorCode::Cancelled, QStringLiteral("The request was cancelled.")));
}

void HttpQuery::finish(const Result<HttpQueryResult> &result)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(result);
    deleteLater();
}

} // namespace Gatehouse::Core::GraphQL
