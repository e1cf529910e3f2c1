#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Gatehouse::Core::Aws {

// What a server that refused a signature (SignatureDoesNotMatch / InvalidSignatureException)
// says it computed; AWS puts both stages in the error message.
struct ServerSigningStages
{
    QByteArray canonicalRequest;
    QByteArray stringToSign; // empty when the message holds only the canonical request
};

// Finds "The Canonical String for this request should have been\n'...'" and "The
// String-to-Sign should have been\n'...'" in an error body: JSON ({"message"}, {"Message"},
// {"errors":[{"message"}]}), XML (<Message>, entities decoded) or plain text.
std::optional<ServerSigningStages> parseServerSigningStages(const QByteArray &errorBody);

// One row of a line-by-line comparison of our stage and the server's.
struct SigningDiffLine
{
    enum class Kind { Same, Changed, OnlyOurs, OnlyServer };
    Kind kind = Kind::Same;
    QByteArray ours;   // empty for OnlyServer
    QByteArray server; // empty for OnlyOurs
    int ourLine = -1;  // 0-based, -1 when absent
    int serverLine = -1;
};

// Aligns the lines of both texts (longest common subsequence) and pairs a removed line with
// the added line next to it as Changed.
QList<SigningDiffLine> diffSigningLines(const QByteArray &ours, const QByteArray &server);

bool hasDifferences(const QList<SigningDiffLine> &diff);

// A canonical-request line with the session token's value masked (the x-amz-security-token
// header line, or the X-Amz-Security-Token query parameter), for text that may reach a log.
QByteArray redactSessionToken(const QByteArray &line);

// Sentences telling a person what to check, from which parts of the canonical request
// (method, path, query, headers, signed headers, payload hash) and string to sign (date,
// scope) differ; when both stages agree, the secret key is the cause.
QStringList explainSignatureMismatch(const QByteArray &ourCanonical, const QByteArray &ourStringToSign,
                                     const ServerSigningStages &server);

} // namespace Gatehouse::Core::Aws
