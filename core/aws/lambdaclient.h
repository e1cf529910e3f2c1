#pragma once

#include "core/aws/credentialsprovider.h"
#include "core/httpjob.h"
#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>

#include <functional>

namespace Gatehouse::Core::Aws {

class AwsClient;

// One version of a function as Lambda describes it (FunctionConfiguration).
struct LambdaFunctionConfiguration
{
    QString functionName;
    QString functionArn;
    QString version; // "$LATEST" or "1", "2"...
    QString description;
    QString codeSha256;
    qint64 codeSize = 0;
    QString lastModified; // as sent, e.g. 2024-05-01T12:00:00.000+0000
    QString runtime;
    QString handler;
    int memorySize = 0;
    int timeout = 0;
    QList<QPair<QString, QString>> environment; // variable names and values, sorted by name
    QString revisionId;
};

// An alias as Lambda describes it (AliasConfiguration).
struct LambdaAliasConfiguration
{
    QString name;
    QString aliasArn;
    QString functionVersion;
    QMap<QString, double> additionalVersionWeights; // RoutingConfig: version → weight in (0, 1)
    QString description;
    QString revisionId;
};

// What CreateAlias / UpdateAlias send.
struct LambdaAliasSpec
{
    QString functionVersion;
    QMap<QString, double> additionalVersionWeights;
    QString description;
    bool sendDescription = true; // UpdateAlias: false keeps the alias's description
};

// Marker/MaxItems for the list operations; maxItems 0 lets the service choose.
struct LambdaPageRequest
{
    QString marker;
    int maxItems = 0;
    bool allVersions = false; // ListFunctions FunctionVersion=ALL
};

// One page of a list operation and where the next one starts.
template<typename T>
struct LambdaPage
{
    QList<T> items;
    QString nextMarker; // empty on the last page
};

// What Invoke sends: function, qualifier, payload and the X-Amz-* options.
struct LambdaInvokeRequest
{
    QString functionName;
    QString qualifier; // version, alias or $LATEST; empty: $LATEST
    QByteArray payload;
    QString invocationType = QStringLiteral("RequestResponse"); // Event, DryRun
    bool tailLog = false;                                       // LogType: Tail
};

// What Invoke answered; a function error is a result here (status 200), not an Error.
struct LambdaInvokeResult
{
    int statusCode = 0; // 200, 202 (Event), 204 (DryRun)
    QString executedVersion;
    QString functionError; // "Unhandled" when the function failed
    QByteArray logResult;  // the decoded last 4 KB of the log (tailLog only)
    QByteArray payload;
};

// Lambda's API (REST-JSON, 2015-03-31) for functions, versions, aliases and Invoke, against
// AWS, LocalStack or the emulator: signed, retried, errors as Core::Error with the AWS code.
// Every call reports exactly once, on its context object.
class LambdaClient : public QObject
{
    Q_OBJECT

public:
    template<typename T>
    using Done = std::function<void(const Core::Result<T> &)>;
    using FunctionPage = LambdaPage<LambdaFunctionConfiguration>;
    using FunctionPageCallback = std::function<void(const FunctionPage &)>;

    static constexpr char SigningName[] = "lambda";

    // credentials must outlive the client. region empty: us-east-1. endpoint empty:
    // https://lambda.<region>.<partition's DNS suffix>.
    LambdaClient(CredentialsProvider *credentials, const QString &region, const QUrl &endpoint,
                 QObject *parent = nullptr);
    ~LambdaClient() override;

    // One page of ListFunctions.
    void listFunctions(const LambdaPageRequest &page, QObject *context, Done<FunctionPage> done);
    // Every page, following NextMarker: onPage (may be empty) sees each page as it arrives,
    // done gets all of them or the first error.
    void listAllFunctions(const LambdaPageRequest &first, QObject *context, FunctionPageCallback onPage,
                          Done<QList<LambdaFunctionConfiguration>> done);
    void listVersionsByFunction(const QString &function, const LambdaPageRequest &page, QObject *context,
                                Done<FunctionPage> done);
    void listAllVersionsByFunction(const QString &function, const LambdaPageRequest &first, QObject *context,
                                   FunctionPageCallback onPage, Done<QList<LambdaFunctionConfiguration>> done);
    void getFunctionConfiguration(const QString &function, const QString &qualifier, QObject *context,
                                  Done<LambdaFunctionConfiguration> done);
    void publishVersion(const QString &function, const QString &description, QObject *context,
                        Done<LambdaFunctionConfiguration> done);

    // Every alias, following NextMarker.
    void listAliases(const QString &function, QObject *context, Done<QList<LambdaAliasConfiguration>> done);
    void getAlias(const QString &function, const QString &name, QObject *context,
                  Done<LambdaAliasConfiguration> done);
    void createAlias(const QString &function, const QString &name, const LambdaAliasSpec &spec,
                     QObject *context, Done<LambdaAliasConfiguration> done);
    void updateAlias(const QString &function, const QString &name, const LambdaAliasSpec &spec,
                     QObject *context, Done<LambdaAliasConfiguration> done);
    void deleteAlias(const QString &function, const QString &name, QObject *context, Done<bool> done);

    void invoke(const LambdaInvokeRequest &request, QObject *context, Done<LambdaInvokeResult> done);

    AwsClient *awsClient() const { return m_client; }
    QString region() const { return m_region; }
    QUrl endpoint() const { return m_endpoint; }

private:
    struct Call;
    void send(const Call &call, QObject *context,
              std::function<void(const Core::Result<HttpClientResponse> &)> handler);
    void listAliasesFrom(const QString &function, const QString &marker,
                         QList<LambdaAliasConfiguration> gathered, QObject *context,
                         Done<QList<LambdaAliasConfiguration>> done);

    AwsClient *m_client;
    CredentialsProvider *m_credentials;
    QString m_region;
    QUrl m_endpoint;
};

} // namespace Gatehouse::Core::Aws
