// JWT verification throughput on one core, for a Cognito-sized access token (about 1 KB) with
// the key already parsed: decoding, key selection by kid, signature and claims, as
// Core::Jwt::verifyJwt does it for every request an API checks.
//   runJwtBench({"--seconds", "N"}) measures each algorithm for N seconds (default 1).
#include "benches.h"
#include "core/jwt/base64url.h"
#include "core/jwt/jwtverifier.h"

#include <QElapsedTimer>
#include <QStringList>
#include <QTextStream>

#include <memory>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

using namespace Gatehouse::Core;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

struct PkeyFree { void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); } };
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

// The claims of a Cognito access token as a user pool issues them (about 1 KB once encoded).
QByteArray cognitoClaims()
{
    return R"({"sub":"4b5f6c9e-1d2a-4f3b-9c8d-7e6f5a4b3c2d","cognito:groups":["admins","bakers"],)"
           R"("iss":"https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEfGhI",)"
           R"("version":2,"client_id":"3n4b5urk1ft4fl3mg5e62d9ado",)"
           R"("origin_jti":"a1b2c3d4-e5f6-4789-abcd-ef0123456789",)"
           R"("event_id":"0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0","token_use":"access",)"
           R"("scope":"aws.cognito.signin.user.admin openid profile orders/read orders/write",)"
           R"("auth_time":1795270000,"exp":4102444800,"iat":1795270000,)"
           R"("jti":"9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d","username":"alice.baker"})";
}

QByteArray sign(EVP_PKEY *key, const char *alg, const QByteArray &input)
{
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    size_t length = 0;
    const auto *data = reinterpret_cast<const unsigned char *>(input.constData());
    if (EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &length, data, size_t(input.size())) != 1)
        return {};
    QByteArray der(qsizetype(length), '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(der.data()), &length, data,
                       size_t(input.size())) != 1)
        return {};
    der.resize(qsizetype(length));
    if (qstrcmp(alg, "ES256") != 0)
        return der;
    // DER SEQUENCE { INTEGER r, INTEGER s } -> raw r || s of 32 bytes each (JWA §3.4)
    QByteArray raw;
    qsizetype at = 2;
    for (int i = 0; i < 2; ++i) {
        const int n = der.at(at + 1);
        QByteArray v = der.mid(at + 2, n);
        while (v.size() > 32 && v.at(0) == 0)
            v.remove(0, 1);
        raw += QByteArray(32 - v.size(), '\0') + v;
        at += 2 + n;
    }
    return raw;
}

QByteArray publicPem(EVP_PKEY *key)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    PEM_write_bio_PUBKEY(bio.get(), key);
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, n);
}

// Verified tokens per second over `seconds`; -1 with the reason printed if one fails.
double verificationsPerSecond(const char *alg, EVP_PKEY *key, int seconds)
{
    Result<Jwt::Jwk> jwk = Jwt::Jwk::fromPem(publicPem(key));
    if (!jwk) {
        out() << alg << ": " << jwk.error().message << Qt::endl;
        return -1;
    }
    const Jwt::JwkSet keys = Jwt::JwkSet::fromKeys({*jwk});
    Jwt::ClaimRules rules = Jwt::ClaimRules::cognito(
        QStringLiteral("eu-west-1"), QStringLiteral("eu-west-1_AbCdEfGhI"),
        QStringLiteral("3n4b5urk1ft4fl3mg5e62d9ado"), QStringLiteral("access"));
    rules.requiredScopes = {QStringLiteral("orders/read")};
    // A PEM key has no kid, so the token has none either: select() takes the one key that fits.
    const QByteArray unkeyed = Jwt::base64UrlEncode(QByteArray(QByteArray(R"({"alg":")") + alg + R"("})"));
    const QByteArray unkeyedInput = unkeyed + '.' + Jwt::base64UrlEncode(cognitoClaims());
    const QByteArray benchToken = unkeyedInput + '.' + Jwt::base64UrlEncode(sign(key, alg, unkeyedInput));
    out() << alg << ": token of " << benchToken.size() << " bytes" << Qt::endl;
    qint64 count = 0;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < seconds * 1000) {
        for (int i = 0; i < 64; ++i) {
            const Result<Jwt::VerifiedToken> r = Jwt::verifyJwt(benchToken, keys, rules);
            if (!r) {
                out() << alg << ": " << r.error().message << Qt::endl;
                return -1;
            }
        }
        count += 64;
    }
    return double(count) * 1e9 / double(timer.nsecsElapsed());
}

} // namespace

int runJwtBench(const QStringList &args)
{
    const qsizetype at = args.indexOf(QStringLiteral("--seconds"));
    const int seconds = at >= 0 ? qMax(1, args.value(at + 1).toInt()) : 1;
    out() << "JWT verification (decode, key by alg, signature, Cognito claims), one thread"
          << Qt::endl;
    const Pkey rsa(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(2048)));
    const Pkey ec(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    const double rs256 = verificationsPerSecond("RS256", rsa.get(), seconds);
    figure(QStringLiteral("jwt.rs256_verifies_per_second"), rs256, QStringLiteral("tok/s"),
           QStringLiteral(">= 20000"), rs256 >= 20000);
    const double es256 = verificationsPerSecond("ES256", ec.get(), seconds);
    figure(QStringLiteral("jwt.es256_verifies_per_second"), es256, QStringLiteral("tok/s"),
           QStringLiteral(">= 10000"), es256 >= 10000);
    return rs256 > 0 && es256 > 0 ? 0 : 1;
}
