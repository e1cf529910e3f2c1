#pragma once

#include "core/aws/credentials.h"
#include "core/aws/sigv4.h"
#include "core/httpmessage.h"

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QTimeZone>

// Reads the SigV4 test suites copied under tests/data/sigv4 (see its SOURCES.md): their raw
// HTTP request files, aws-c-auth's context.json and the botocore suite's fixed inputs.
namespace Sigv4Suite {

using Gatehouse::Core::HttpHeaders;
using Gatehouse::Core::HttpRequest;
using Gatehouse::Core::Aws::Credentials;
using Gatehouse::Core::Aws::SigV4Flags;
using Gatehouse::Core::Aws::SigV4Request;

inline const QString AwsCAuthV4 = QStringLiteral(GATEHOUSE_TEST_DATA "/sigv4/aws-c-auth/v4");
inline const QString Botocore =
    QStringLiteral(GATEHOUSE_TEST_DATA "/sigv4/botocore-aws4_testsuite");

// botocore's suite keeps these out of its files (SOURCES.md).
inline const QByteArray BotocoreAccessKey = "AKIDEXAMPLE";
inline const QByteArray BotocoreSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
inline const QDateTime SuiteTime(QDate(2015, 8, 30), QTime(12, 36), QTimeZone::utc());

// Vectors that contradict themselves; tests check each still does before skipping it.
inline const QHash<QString, QString> BotocoreInconsistentSignedRequests = {
    {QStringLiteral("get-vanilla-with-session-token"),
     QStringLiteral("its .sreq carries get-vanilla's signature (5fa00f...) while its own .authz "
                    "has 07ec16...; one request cannot have both")},
};

QStringList awsCAuthCases();
// "case", "normalize-path/case", "post-sts-token/case" for every botocore case with a .req.
QStringList botocoreCases();

// One request of the suites' raw HTTP files: request line, header lines (a line starting
// with white space continues the previous value), blank line, body. Values stay raw.
struct RawRequest
{
    QByteArray method;
    QByteArray target;
    QByteArray version;
    QList<HttpHeaders::Field> headers;
    QByteArray body;
    QString error;
};

RawRequest parseRawRequest(const QByteArray &text);
HttpHeaders toHeaders(const QList<HttpHeaders::Field> &fields);
QByteArray serialize(const RawRequest &r, const QByteArray &target, const HttpHeaders &headers);
QByteArray readFile(const QString &path);
// Path and query split from the target; service "service", us-east-1, the suite's time.
SigV4Request toSigV4Request(const RawRequest &raw);
HttpRequest toHttpRequest(const RawRequest &raw);

// context.json of an aws-c-auth case.
struct AwsCAuthContext
{
    Credentials credentials;
    QString region;
    QString service;
    QDateTime time;
    SigV4Flags flags;
    int expires = 0;
};

AwsCAuthContext loadContext(const QString &caseDir);

} // namespace Sigv4Suite
