#include "collectionrunner.h"

#include <QTimer>
#include <algorithm>

namespace Gatehouse::Core::Collection {

namespace {

QString quotedNames(const QStringList &names)
{
    QStringList quoted;
    for (const QString &name : names)
        quoted.append(QStringLiteral("{{%1}}").arg(name));
    return quoted.join(QStringLiteral(", "));
}

} // namespace

int RunReport::count(RequestRun::Outcome outcome) const
{
    return int(std::count_if(requests.cbegin(), requests.cend(),
                             [outcome](const RequestRun &run) { return run.outcome == outcome; }));
}

int RunReport::assertionsPassed() const
{
    int passed = 0;
    for (const RequestRun &run : requests)
        passed += int(std::count_if(run.assertions.cbegin(), run.assertions.cend(),
                                    [](const AssertionResult &result) { return result.passed; }));
    return passed;
}

int RunReport::assertionsTotal() const
{
    int total = 0;
    for (const RequestRun &run : requests)
        total += int(run.assertions.size());
    return total;
}

CollectionRunner::CollectionRunner(QObject *parent)
    : QObject(parent)
{}

CollectionRunner::~CollectionRunner()
{
    if (m_job)
        m_job->cancel();
}

void CollectionRunner::run(const Collection &collection, const CollectionFolder *folder)
{
    cancel();
    m_collection = collection;
    m_queue.clear();
    const QString prefix = folder ? folderPrefix(collection.root, folder) : QString();
    for (const RequestRef &ref : requestsInOrder(folder ? *folder : collection.root, prefix))
        m_queue.append({ref.path, *ref.request});
    m_next = 0;
    m_report = {};
    m_running = true;
    m_runClock.start();
    const quint64 generation = ++m_generation;
    QTimer::singleShot(0, this, [this, generation] {
        if (generation == m_generation)
            next();
    });
}

void CollectionRunner::cancel()
{
    if (!m_running)
        return;
    ++m_generation;
    if (m_job)
        m_job->cancel();
    if (m_authorizedSend)
        m_authorizedSend->cancel();
    m_report.stoppedEarly = true;
    m_report.skipped = int(m_queue.size() - m_next);
    finish();
}

Environment CollectionRunner::variables() const
{
    return variablesFor(m_collection.variables, m_environment);
}

void CollectionRunner::next()
{
    if (m_next >= m_queue.size()) {
        finish();
        return;
    }
    const Pending &pending = m_queue.at(m_next++);
    Q_EMIT requestStarted(pending.path);
    m_current = {};
    m_current.path = pending.path;
    m_current.method = pending.request.spec.method;
    m_current.url = pending.request.spec.url;
    m_requestClock.start();

    const Environment environment = variables();
    RequestSpec spec = pending.request.spec;
    QStringList missingKeys;
    spec.auth = effectiveAuth(pending.request.inheritAuth, pending.request.spec.auth,
                              m_collection.auth, environment, missingKeys);
    QStringList missing = spec.unresolvedVariables(environment);
    for (const QString &name : std::as_const(missingKeys)) {
        if (!missing.contains(name))
            missing.append(name);
    }
    if (!missing.isEmpty()) {
        m_current.error =
            QStringLiteral("%1 %2 not defined in the collection's variables or the environment%3.")
                .arg(quotedNames(missing),
                     missing.size() > 1 ? QStringLiteral("are") : QStringLiteral("is"),
                     environment.name.isEmpty() ? QString()
                                                : QStringLiteral(" '%1'").arg(environment.name));
        complete(m_current);
        return;
    }
    const Result<HttpClientRequest> request = spec.toClientRequest(environment);
    if (!request) {
        m_current.error = request.error().message;
        complete(m_current);
        return;
    }
    m_current.method = QString::fromLatin1(request->method);
    m_current.url = request->url.toString();
    if (spec.auth.kind == AuthKind::OAuth2) {
        Result<OAuth2Settings> settings = resolveOAuth2Settings(spec.auth.oauth2, environment);
        if (settings && settings->grant == OAuth2Grant::CognitoSignIn && settings->password.isEmpty())
            settings->password = m_cognitoPassword;
        if (!settings) {
            m_current.error = settings.error().message;
            complete(m_current);
            return;
        }
        sendWithToken(*request, *settings);
        return;
    }
    if (spec.auth.kind != AuthKind::AwsSigV4) {
        send(*request);
        return;
    }
    const quint64 generation = m_generation;
    m_authorizer.authorize(*request, spec.auth,
                           [this, generation](const Result<Aws::SignedRequest> &signedRequest) {
                               if (generation != m_generation)
                                   return;
                               if (!signedRequest) {
                                   m_current.error = QStringLiteral("cannot sign the request: %1")
                                                         .arg(signedRequest.error().message);
                                   complete(m_current);
                                   return;
                               }
                               send(signedRequest->request);
                           });
}

void CollectionRunner::send(const HttpClientRequest &request)
{
    const quint64 generation = m_generation;
    m_job = m_client.send(request);
    connect(m_job, &HttpJob::finished, this,
            [this, generation](const Result<HttpClientResponse> &result) { onAnswer(generation, result); });
}

// The token from the run's TokenManager (one sign-in for every request with the same auth); a
// 401 renews it and sends once more.
void CollectionRunner::sendWithToken(const HttpClientRequest &request, const OAuth2Settings &settings)
{
    const quint64 generation = m_generation;
    auto *sender = new OAuth2::AuthorizedSend(&m_client, &m_tokens, this);
    m_authorizedSend = sender;
    connect(sender, &OAuth2::AuthorizedSend::finished, this,
            [this, generation, sender](const Result<HttpClientResponse> &result) {
                sender->deleteLater();
                // No HTTP answer because no token came: the request was not sent.
                if (!result && result.error().code != ErrorCode::Cancelled && !sender->sentRequest().url.isValid()) {
                    if (generation != m_generation)
                        return;
                    m_current.error = QStringLiteral("cannot get the OAuth 2.0 token: %1").arg(result.error().message);
                    complete(m_current);
                    return;
                }
                onAnswer(generation, result);
            });
    sender->start(request, settings);
}

void CollectionRunner::onAnswer(quint64 generation, const Result<HttpClientResponse> &result)
{
    if (generation != m_generation)
        return;
    const auto tests = m_queue.at(m_next - 1).request.tests;
    m_current.elapsedMs = m_requestClock.elapsed();
    if (!result) {
        m_current.outcome = RequestRun::Outcome::NoAnswer;
        m_current.error = result.error().message;
        complete(m_current);
        return;
    }
    m_current.status = result->status;
    m_current.elapsedMs = result->elapsedMs;
    const AssertionChecker checker(*result);
    bool passed = true;
    for (const Assertion &assertion : tests) {
        m_current.assertions.append(checker.check(assertion));
        passed = passed && m_current.assertions.constLast().passed;
    }
    m_current.outcome = passed ? RequestRun::Outcome::Passed : RequestRun::Outcome::Failed;
    complete(m_current);
}

void CollectionRunner::complete(RequestRun run)
{
    if (run.elapsedMs == 0)
        run.elapsedMs = m_requestClock.elapsed();
    m_report.requests.append(run);
    Q_EMIT requestFinished(run);
    if (m_bail && run.outcome != RequestRun::Outcome::Passed && m_next < m_queue.size()) {
        m_report.stoppedEarly = true;
        m_report.skipped = int(m_queue.size() - m_next);
        finish();
        return;
    }
    const quint64 generation = m_generation;
    QTimer::singleShot(0, this, [this, generation] {
        if (generation == m_generation)
            next();
    });
}

void CollectionRunner::finish()
{
    if (!m_running)
        return;
    m_running = false;
    ++m_generation;
    m_report.elapsedMs = m_runClock.elapsed();
    m_job.clear();
    Q_EMIT finished(m_report);
}

} // namespace Gatehouse::Core::Collection
