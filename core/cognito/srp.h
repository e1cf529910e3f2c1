#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <memory>

namespace Gatehouse::Core::Cognito {

// Cognito's USER_SRP_AUTH: SRP-6a over the 3072-bit MODP group of RFC 3526 with g = 2 and
// SHA-256, exactly as AWS's own clients compute it (amazon-cognito-identity-js
// AuthenticationHelper, which the Amplify and boto-based clients copy):
//
//   padHex(n)  big-endian hex of n, with "0" prepended to an odd length and "00" prepended
//              when the first digit is 8 or more (a sign byte, not padding to the size of N)
//   H(hex)     SHA-256 of the bytes a hex string spells
//   k = H(padHex(N) | padHex(g))          u = H(padHex(A) | padHex(B))
//   x = H(padHex(salt) | SHA256hex(poolName | userId | ":" | password))
//   client: S = (B - k·g^x)^(a + u·x) mod N        server: S = (A·v^u)^b mod N,  v = g^x
//   key = HKDF-SHA256(ikm = padHex(S), salt = padHex(u), info = "Caldera Derived Key"), 16 bytes
//   PASSWORD_CLAIM_SIGNATURE = base64(HMAC-SHA256(key, poolName | userId | SECRET_BLOCK bytes | timestamp))
//
// where poolName is the part of the user pool id after the underscore and userId is
// USER_ID_FOR_SRP from the PASSWORD_VERIFIER challenge. Hex values travel in lower case
// without padding, as Cognito sends SRP_B and SALT.
class SrpGroup;

// What a server keeps instead of a password: the salt and v = g^x mod N, both hex.
struct SrpVerifier
{
    QString saltHex;
    QString verifierHex;
};

// The client half. A fresh random a for every sign-in; the constructor with a fixed a
// exists for known-answer tests.
class SrpClient
{
public:
    SrpClient();
    explicit SrpClient(const QString &smallAHex);
    ~SrpClient();
    SrpClient(const SrpClient &) = delete;
    SrpClient &operator=(const SrpClient &) = delete;

    // SRP_A of InitiateAuth: g^a mod N in hex.
    QString publicValueHex() const;

    // The 16-byte key shared with the server, from the challenge's SRP_B and SALT.
    // Fails when B is not a hex number or B mod N is 0 (a server that would make the key
    // predictable).
    Result<QByteArray> passwordAuthenticationKey(const QString &poolName, const QString &userIdForSrp,
                                                 const QString &password, const QString &srpBHex,
                                                 const QString &saltHex) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// The server half, as the emulator runs it.
class SrpServer
{
public:
    // v for a password, with a fresh random 16-byte salt (or the given one, for tests).
    static SrpVerifier makeVerifier(const QString &poolName, const QString &userIdForSrp,
                                    const QString &password, const QString &saltHex = {});
    // True when the password gives this verifier (how USER_PASSWORD_AUTH checks it, so the
    // emulator keeps no password at all).
    static bool passwordMatches(const SrpVerifier &verifier, const QString &poolName,
                                const QString &userIdForSrp, const QString &password);

    explicit SrpServer(const SrpVerifier &verifier);
    SrpServer(const SrpVerifier &verifier, const QString &smallBHex);
    ~SrpServer();
    SrpServer(const SrpServer &) = delete;
    SrpServer &operator=(const SrpServer &) = delete;

    // SRP_B of the PASSWORD_VERIFIER challenge: k·v + g^b mod N in hex.
    QString publicValueHex() const;

    // The key the client must have derived; fails when A is not hex or A mod N is 0.
    Result<QByteArray> passwordAuthenticationKey(const QString &srpAHex) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// The pool name SRP hashes: "us-east-1_AbCdEf123" → "AbCdEf123".
QString srpPoolName(const QString &userPoolId);

// TIMESTAMP of RespondToAuthChallenge, in the form Cognito insists on:
// "Sat Nov 21 9:05:01 UTC 2026" is wrong, "Sat Nov 21 09:05:01 UTC 2026" is right, and the
// day of the month is not padded ("Sun Nov 1 ...").
QString srpTimestamp(const QDateTime &utc);

// PASSWORD_CLAIM_SIGNATURE, base64.
QString passwordClaimSignature(const QByteArray &key, const QString &poolName, const QString &userIdForSrp,
                               const QString &secretBlockBase64, const QString &timestamp);

// SECRET_HASH for app clients with a secret: base64(HMAC-SHA256(secret, username | clientId)).
QString secretHash(const QString &clientSecret, const QString &username, const QString &clientId);

} // namespace Gatehouse::Core::Cognito
