// Cognito sign-in against the emulator, end to end over loopback HTTP: InitiateAuth
// (USER_SRP_AUTH) → PASSWORD_VERIFIER → RespondToAuthChallenge → tokens, as the GUI and
// `gatehouse cognito login --srp` do it. Sign-ins run one after another (a person signs in
// once); the figure is the wall time of one whole sign-in, client and server maths included,
// since both halves share the one core here.
#include "benches.h"

#include "core/cognito/userpoolclient.h"
#include "core/emulator/emulator.h"
#include "core/httpclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <algorithm>
#include <memory>
#include <vector>

using namespace Gatehouse;

namespace {

struct CognitoBench
{
    std::unique_ptr<Emulator::Emulator> emulator;
    Core::HttpClient http;
    std::unique_ptr<Core::Cognito::UserPoolClient> client;
    Core::Cognito::AppClient app;
    std::vector<double> srpMs;
    std::vector<double> passwordMs;
    int failures = 0;
    QString lastError;
};

constexpr int Rounds = 60;
constexpr int Warmup = 5;

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5))];
}

void signInLoop(std::shared_ptr<CognitoBench> bench, int round, std::function<void()> done)
{
    const bool srp = round < Rounds + Warmup;
    if (round == 2 * (Rounds + Warmup)) {
        QTextStream(stdout) << "cognito: " << Rounds << " SRP and " << Rounds
                            << " password sign-ins against the emulator, one after another"
                            << (bench->failures ? QStringLiteral(" (%1 failed: %2)").arg(bench->failures).arg(bench->lastError)
                                                : QString())
                            << Qt::endl;
        const double srp50 = percentile(bench->srpMs, 0.5);
        const double srp99 = percentile(bench->srpMs, 0.99);
        figure(QStringLiteral("cognito SRP sign-in p50"), srp50, QStringLiteral("ms"), QStringLiteral("< 50 ms"), srp50 < 50);
        figure(QStringLiteral("cognito SRP sign-in p99"), srp99, QStringLiteral("ms"), QStringLiteral("< 50 ms"), srp99 < 50);
        QTextStream(stdout) << QStringLiteral("cognito password sign-in p50 %1 ms (no target; for comparison)")
                                   .arg(percentile(bench->passwordMs, 0.5), 0, 'f', 1)
                            << Qt::endl;
        bench->emulator->stop();
        return done();
    }
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    const auto finished = [bench, round, srp, timer, done](const Core::Result<Core::Cognito::SignInOutcome> &outcome) {
        const double ms = double(timer->nsecsElapsed()) / 1e6;
        if (!outcome || !outcome->signedIn()) {
            ++bench->failures;
            bench->lastError = outcome ? outcome->challengeName : outcome.error().message;
        } else if (round % (Rounds + Warmup) >= Warmup) {
            (srp ? bench->srpMs : bench->passwordMs).push_back(ms);
        }
        QMetaObject::invokeMethod(qApp, [bench, round, done] { signInLoop(bench, round + 1, done); }, Qt::QueuedConnection);
    };
    const QString user = QStringLiteral("baker@example.com");
    const QString password = QStringLiteral("Sourdough-2024");
    if (srp)
        bench->client->signInWithSrp(bench->app, user, password, qApp, finished);
    else
        bench->client->signInWithPassword(bench->app, user, password, qApp, finished);
}

} // namespace

void benchCognitoSignIn(std::function<void()> done)
{
    auto bench = std::make_shared<CognitoBench>();
    Emulator::EmulatorOptions options;
    options.port = 0;
    options.labDirectory = QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery");
    bench->emulator = std::make_unique<Emulator::Emulator>(options);
    const auto started = bench->emulator->start();
    if (!started || bench->emulator->lab().userPools.isEmpty()) {
        QTextStream(stdout) << "cognito: the bakery lab's emulator did not start: "
                            << (started ? QStringLiteral("no user pool") : started.error().message) << Qt::endl;
        return done();
    }
    const auto &pool = bench->emulator->lab().userPools.at(0);
    bench->app = {pool.poolId, pool.clients.at(0).clientId, pool.clients.at(0).clientSecret};
    bench->client = std::make_unique<Core::Cognito::UserPoolClient>(&bench->http, QUrl(started->baseUrl));
    signInLoop(bench, 0, done);
}
