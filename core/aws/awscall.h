#pragma once

#include "core/aws/awserror.h"
#include "core/aws/credentialsprovider.h"
#include "core/aws/retrystrategy.h"
#include "core/aws/sigv4.h"
#include "core/httpclient.h"
#include "core/httpjob.h"
#include "core/httpmessage.h"
#include "core/result.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <atomic>
#include <functional>
#include <memory>

namespace Gatehouse::Core::Aws {

// One AWS API request, before signing.
struct AwsRequest
{
    QString service;   // the SigV4 signing name: "sts", "lambda", "execute-api"...
    QString region;
    QUrl endpoint;     // scheme, host, port and an optional base path
    QByteArray method = "POST";
    QByteArray path = "/"; // appended to the endpoint's path; percent-encoded as on the wire
    QByteArray query;      // without '?'; percent-encoded as on the wire
    HttpHeaders headers;   // Content-Type and service headers; Host and X-Amz-* are added
    QByteArray body;
    AwsProtocol protocol = AwsProtocol::Auto; // how the service words its errors
    int timeoutMs = 30000;                    // per attempt
};

// The handle of one signed AWS call with its retries: cancel it, or wait for its single
// finished() result; it then deletes itself. Made by AwsClient::call().
class AwsCall : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<QDateTime()>;
    // Milliseconds to add to the local clock when signing, learnt from servers' Date headers
    // (shared by the calls of one AwsClient).
    using ClockOffset = std::shared_ptr<std::atomic<qint64>>;
    // A server Date this far from the local clock counts as skew, as in the AWS SDK for
    // JavaScript v3.
    static constexpr qint64 ClockSkewThresholdMs = 300000;

    AwsCall(HttpClient *http, AwsRequest request, CredentialsProvider *credentials,
            RetryStrategy strategy, Clock clock, ClockOffset clockOffset, QObject *parent);
    ~AwsCall() override;

    void cancel();
    bool isFinished() const { return m_done; }
    const AwsRequest &request() const { return m_request; }
    // The stages of the last signature sent (canonical request, string to sign...); valid
    // from the first attempt on, so also inside a slot connected to finished().
    const SigV4Signature &lastSignature() const { return m_signature; }
    // The last HTTP answer, also when the call failed with a service error; status 0 if none.
    const HttpClientResponse &lastResponse() const { return m_response; }
    int attempts() const { return m_attempt; }

Q_SIGNALS:
    // An attempt failed and another follows after delayMs.
    void retrying(const Gatehouse::Core::Error &error, int attempt, int delayMs);
    void finished(const Gatehouse::Core::Result<Gatehouse::Core::HttpClientResponse> &result);

private:
    void startAttempt();
    void onCredentials(const Result<Credentials> &credentials);
    void onAttemptFinished(const Result<HttpClientResponse> &result);
    void onAttemptFailed(Error error);
    QDateTime localNow() const;
    bool learnClockSkew(const HttpClientResponse &response);
    Result<HttpClientRequest> signedRequest(const Credentials &credentials);
    void finish(const Result<HttpClientResponse> &result);

    QPointer<HttpClient> m_http;
    AwsRequest m_request;
    CredentialsProvider *m_credentials;
    RetryStrategy m_strategy;
    Clock m_clock;
    ClockOffset m_clockOffset;
    QPointer<HttpJob> m_job;
    QTimer m_retryTimer;
    SigV4Signature m_signature;
    HttpClientResponse m_response;
    int m_attempt = 0;
    bool m_done = false;
};

} // namespace Gatehouse::Core::Aws
