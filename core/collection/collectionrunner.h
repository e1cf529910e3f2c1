#pragma once

#include "assertion.h"
#include "collection.h"
#include "core/aws/requestauthorizer.h"
#include "core/httpclient.h"
#include "core/oauth2/tokenmanager.h"
#include "core/variables.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

namespace Gatehouse::Core::Collection {

// How one request of a run went.
struct RequestRun
{
    enum class Outcome
    {
        Passed,   // answered, every assertion held
        Failed,   // answered, an assertion did not hold
        NotSent,  // could not be built: an undefined variable, a bad URL, no credentials
        NoAnswer, // sent, but no HTTP answer came (refused, DNS, TLS, timeout)
    };

    QString path; // "Orders / Create order"
    QString method;
    QString url; // after substitution, when it got that far
    Outcome outcome = Outcome::NotSent;
    int status = 0;
    qint64 elapsedMs = 0;
    QString error; // why NotSent or NoAnswer
    QList<AssertionResult> assertions;
};

struct RunReport
{
    QList<RequestRun> requests;
    qint64 elapsedMs = 0;
    bool stoppedEarly = false; // bail or cancel left requests unrun
    int skipped = 0;           // requests not run because of that

    int count(RequestRun::Outcome outcome) const;
    int assertionsPassed() const;
    int assertionsTotal() const;
};

// Runs a collection's requests one after another, as a CI job or a lab checker does: variables
// from the collection overridden by the environment, auth applied at send time (SigV4 through
// Aws::RequestAuthorizer), each answer checked against the request's assertions. A request that
// cannot be built is reported with the reason (undefined variables named) and the run goes on.
class CollectionRunner : public QObject
{
    Q_OBJECT

public:
    explicit CollectionRunner(QObject *parent = nullptr);
    ~CollectionRunner() override;

    // Values that override the collection's variables (e.g. from --env).
    void setEnvironment(const Environment &environment) { m_environment = environment; }
    // Stop after the first request that does not pass.
    void setBail(bool bail) { m_bail = bail; }
    // Signing configuration: environment, role assumer, target.
    Aws::RequestAuthorizer &authorizer() { return m_authorizer; }
    // OAuth 2.0 tokens, obtained once per auth and renewed as the run goes on (the CLI sets how
    // the authorization-code grant shows its sign-in URL).
    OAuth2::TokenManager &tokens() { return m_tokens; }
    // The password a Cognito sign-in uses when its auth gives none (GATEHOUSE_COGNITO_PASSWORD
    // or stdin in the CLI), so a collection can leave it out entirely.
    void setCognitoPassword(const QString &password) { m_cognitoPassword = password; }

    // Runs the requests below folder (the whole collection when null, which must then belong to
    // collection); reports each with requestFinished and then finished, exactly once.
    void run(const Collection &collection, const CollectionFolder *folder = nullptr);
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void requestStarted(const QString &path);
    void requestFinished(const Gatehouse::Core::Collection::RequestRun &run);
    void finished(const Gatehouse::Core::Collection::RunReport &report);

private:
    struct Pending
    {
        QString path;
        CollectionRequest request;
    };

    void next();
    void send(const HttpClientRequest &request);
    void sendWithToken(const HttpClientRequest &request, const OAuth2Settings &settings);
    void onAnswer(quint64 generation, const Result<HttpClientResponse> &result);
    void complete(RequestRun run);
    void finish();
    Environment variables() const;

    HttpClient m_client;
    Aws::RequestAuthorizer m_authorizer;
    OAuth2::TokenManager m_tokens{&m_client};
    QPointer<OAuth2::AuthorizedSend> m_authorizedSend;
    QString m_cognitoPassword;
    Environment m_environment;
    Collection m_collection;
    QList<Pending> m_queue;
    qsizetype m_next = 0;
    RequestRun m_current;
    QElapsedTimer m_requestClock;
    QElapsedTimer m_runClock;
    QPointer<HttpJob> m_job;
    RunReport m_report;
    quint64 m_generation = 0; // answers of a cancelled run are ignored
    bool m_bail = false;
    bool m_running = false;
};

} // namespace Gatehouse::Core::Collection
