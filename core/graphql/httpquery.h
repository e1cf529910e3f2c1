#pragma once

#include "core/graphql/graphqlauth.h"
#include "core/graphql/graphqlwire.h"
#include "core/httpclient.h"
#include "core/result.h"

#include <QObject>
#include <QPointer>

namespace Gatehouse::Core::GraphQL {

// One GraphQL operation over HTTP.
struct HttpQueryRequest
{
    QUrl url;
    QString query;
    QString operationName;
    QByteArray variablesJson; // a JSON object, or empty
    HttpHeaders headers;      // extra headers, sent as given
    bool useGet = false;      // GET with query/operationName/variables in the URL
    int timeoutMs = 30000;
};

// The outcome of an operation the server answered as GraphQL: the response split, with the
// HTTP facts kept for a person (AppSync answers 401 with a GraphQL errors document).
struct HttpQueryResult
{
    Response response;
    int httpStatus = 0;
    QByteArray rawBody; // as received, for a view that shows the answer verbatim
    qint64 elapsedMs = 0;
};

// The HTTP request an operation becomes: POST application/json (or GET), authorized for the
// AppSync mode (IAM signs the exact body with service appsync).
Result<HttpClientRequest> buildHttpQuery(const HttpQueryRequest &request, const Auth &auth,
                                         const QDateTime &now = QDateTime::currentDateTimeUtc());

// The HTTP answer read as GraphQL; an endpoint that is not GraphQL (an HTML page, a 404, JSON
// without data or errors) is a Protocol error that says so and shows what came instead.
Result<HttpQueryResult> readHttpQueryAnswer(const HttpClientResponse &response);

// Runs one operation on an HttpClient: a handle to cancel and exactly one finished() result;
// deletes itself after reporting.
class HttpQuery : public QObject
{
    Q_OBJECT
public:
    // Building errors (bad variables, missing key) are reported through finished() too,
    // on the next event-loop turn, so callers have one path.
    static HttpQuery *start(HttpClient &client, const HttpQueryRequest &request, const Auth &auth,
                            QObject *parent = nullptr);
    void cancel();

Q_SIGNALS:
    void finished(const Gatehouse::Core::Result<Gatehouse::Core::GraphQL::HttpQueryResult> &result);

private:
    explicit HttpQuery(QObject *parent);
    void finish(const Result<HttpQueryResult> &result);

    QPointer<HttpJob> m_job;
    bool m_done = false;
};

} // namespace Gatehouse::Core::GraphQL
