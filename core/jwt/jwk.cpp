#include "jwk.h"

#include "base64url.h"
#include "jwa.h"
#include "jwterror.h"
#include "strictjson.h"

#include <QJsonArray>

#include <array>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace Gatehouse::Core::Jwt {

namespace {

struct BnFree { void operator()(BIGNUM *b) const { BN_free(b); } };
struct BldFree { void operator()(OSSL_PARAM_BLD *b) const { OSSL_PARAM_BLD_free(b); } };
struct ParamFree { void operator()(OSSL_PARAM *p) const { OSSL_PARAM_free(p); } };
struct PkeyCtxFree { void operator()(EVP_PKEY_CTX *c) const { EVP_PKEY_CTX_free(c); } };
struct BioFree { void operator()(BIO *b) const { BIO_free(b); } };
struct X509Free { void operator()(X509 *x) const { X509_free(x); } };
struct DecoderFree { void operator()(OSSL_DECODER_CTX *d) const { OSSL_DECODER_CTX_free(d); } };
using Bn = std::unique_ptr<BIGNUM, BnFree>;

constexpr int MinRsaBits = 2048;

std::shared_ptr<evp_pkey_st> ownKey(EVP_PKEY *key)
{
    return std::shared_ptr<evp_pkey_st>(key, EVP_PKEY_free);
}

Error keyInvalid(const QString &message)
{
    return jwtError(Reason::KeyInvalid, message);
}

struct Curve
{
    const char *jose;
    const char *openssl;
    int coordinateBytes;
};

constexpr std::array<Curve, 3> Curves{{
    {"P-256", "prime256v1", 32},
    {"P-384", "secp384r1", 48},
    {"P-521", "secp521r1", 66},
}};

const Curve *curveByJose(const QString &crv)
{
    for (const Curve &c : Curves) {
        if (crv == QLatin1String(c.jose))
            return &c;
    }
    return nullptr;
}

const Curve *curveByOpenSsl(const char *name)
{
    for (const Curve &c : Curves) {
        if (qstrcmp(name, c.openssl) == 0)
            return &c;
    }
    return nullptr;
}

// ROCA (CVE-2017-15361): moduli from the flawed Infineon generator are, modulo each of these
// small primes, a power of 65537. A random modulus passes all 38 tests with negligible odds.
bool hasRocaFingerprint(const BIGNUM *n)
{
    static constexpr std::array<unsigned, 38> Primes{
        3,  5,  7,  11, 13, 17, 19, 23,  29,  31,  37,  41,  43,  47,  53,  59,  61,  67,  71,
        73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167};
    for (unsigned p : Primes) {
        const BN_ULONG residue = BN_mod_word(n, p);
        const unsigned g = 65537 % p;
        unsigned x = 1;
        bool found = false;
        do {
            x = x * g % p;
            found = found || x == residue;
        } while (x != 1);
        if (!found)
            return false;
    }
    return true;
}

Result<void> validateRsa(const BIGNUM *n, const BIGNUM *e)
{
    const int bits = BN_num_bits(n);
    if (bits < MinRsaBits)
        return keyInvalid(QStringLiteral("The RSA key has a %1-bit modulus; Gatehouse trusts RSA "
                                         "keys of %2 bits or more (RFC 7518 §3.3).")
                              .arg(bits)
                              .arg(MinRsaBits));
    if (!BN_is_odd(n))
        return keyInvalid(QStringLiteral("The RSA modulus is even, so it is not an RSA key."));
    if (BN_is_one(e) || !BN_is_odd(e) || BN_num_bits(e) > 64 || BN_cmp(e, n) >= 0)
        return keyInvalid(QStringLiteral("The RSA public exponent must be an odd number greater "
                                         "than 1 (usually 65537, \"AQAB\"); this key's is not."));
    if (hasRocaFingerprint(n))
        return keyInvalid(QStringLiteral(
            "The RSA key has the ROCA fingerprint (CVE-2017-15361): it was made by a flawed "
            "generator and its private key can be computed. Replace the key."));
    return {};
}

} // namespace

struct JwkBuilder
{
    static Result<QByteArray> member(const QJsonObject &o, const char *name, bool required)
    {
        const QJsonValue v = o.value(QLatin1String(name));
        if (v.isUndefined()) {
            if (required)
                return keyInvalid(QStringLiteral("The JWK has no \"%1\" member, which a key of "
                                                 "type \"%2\" needs.")
                                      .arg(QLatin1String(name),
                                           o.value(QLatin1String("kty")).toString()));
            return QByteArray();
        }
        if (!v.isString())
            return keyInvalid(QStringLiteral("The JWK member \"%1\" is not a string.")
                                  .arg(QLatin1String(name)));
        Result<QByteArray> bytes = base64UrlDecode(
            v.toString().toLatin1(), QStringLiteral("The JWK member \"%1\"").arg(QLatin1String(name)));
        if (!bytes)
            return jwtError(Reason::KeyInvalid, bytes.error().message);
        return bytes;
    }

    static Result<void> rsa(Jwk &key, const QJsonObject &o)
    {
        Result<QByteArray> n = member(o, "n", true);
        if (!n)
            return n.error();
        Result<QByteArray> e = member(o, "e", true);
        if (!e)
            return e.error();
        Bn bn(BN_bin2bn(reinterpret_cast<const unsigned char *>(n->constData()), int(n->size()),
                        nullptr));
        Bn be(BN_bin2bn(reinterpret_cast<const unsigned char *>(e->constData()), int(e->size()),
                        nullptr));
        if (!bn || !be)
            return makeError(ErrorCode::Internal, QStringLiteral("OpenSSL could not allocate."));
        if (Result<void> ok = validateRsa(bn.get(), be.get()); !ok)
            return ok.error();
        std::unique_ptr<OSSL_PARAM_BLD, BldFree> bld(OSSL_PARAM_BLD_new());
        if (!bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn.get()) != 1 ||
            OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, be.get()) != 1)
            return makeError(ErrorCode::Internal, QStringLiteral("OpenSSL could not allocate."));
        Result<void> built = fromData(key, "RSA", bld.get());
        if (!built)
            return built;
        key.m_bits = BN_num_bits(bn.get());
        return {};
    }

    static Result<void> ec(Jwk &key, const QJsonObject &o)
    {
        const QString crv = o.value(QLatin1String("crv")).toString();
        const Curve *curve = curveByJose(crv);
        if (!curve)
            return keyInvalid(QStringLiteral("The EC key's curve \"%1\" is not one JWS uses "
                                             "(P-256, P-384, P-521).")
                                  .arg(crv));
        Result<QByteArray> x = member(o, "x", true);
        if (!x)
            return x.error();
        Result<QByteArray> y = member(o, "y", true);
        if (!y)
            return y.error();
        if (x->size() != curve->coordinateBytes || y->size() != curve->coordinateBytes)
            return keyInvalid(QStringLiteral("The EC key's coordinates are %1 and %2 bytes; on "
                                             "%3 both must be exactly %4 bytes (RFC 7518 §6.2.1).")
                                  .arg(x->size())
                                  .arg(y->size())
                                  .arg(crv)
                                  .arg(curve->coordinateBytes));
        const QByteArray point = QByteArray(1, '\x04') + *x + *y;
        std::unique_ptr<OSSL_PARAM_BLD, BldFree> bld(OSSL_PARAM_BLD_new());
        if (!bld ||
            OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME,
                                            curve->openssl, 0) != 1 ||
            OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY,
                                             point.constData(), size_t(point.size())) != 1)
            return makeError(ErrorCode::Internal, QStringLiteral("OpenSSL could not allocate."));
        const QString notOnCurve =
            QStringLiteral("The EC key's point (x, y) is not on %1, so it is not a valid public "
                           "key; it may have been altered.")
                .arg(crv);
        if (!fromData(key, "EC", bld.get()))
            return keyInvalid(notOnCurve);
        std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> check(
            EVP_PKEY_CTX_new_from_pkey(nullptr, key.m_key.get(), nullptr));
        if (!check || EVP_PKEY_public_check(check.get()) != 1)
            return keyInvalid(notOnCurve);
        key.m_curve = crv;
        key.m_bits = EVP_PKEY_get_bits(key.m_key.get());
        return {};
    }

    static Result<void> okp(Jwk &key, const QJsonObject &o)
    {
        const QString crv = o.value(QLatin1String("crv")).toString();
        if (crv != QLatin1String("Ed25519"))
            return keyInvalid(QStringLiteral("The OKP key's curve \"%1\" cannot verify JWS "
                                             "signatures here; Gatehouse verifies EdDSA with "
                                             "Ed25519.")
                                  .arg(crv));
        Result<QByteArray> x = member(o, "x", true);
        if (!x)
            return x.error();
        if (x->size() != 32)
            return keyInvalid(QStringLiteral("The Ed25519 key is %1 bytes; it must be 32.")
                                  .arg(x->size()));
        EVP_PKEY *pkey = EVP_PKEY_new_raw_public_key_ex(
            nullptr, "ED25519", nullptr, reinterpret_cast<const unsigned char *>(x->constData()),
            32);
        if (!pkey)
            return keyInvalid(QStringLiteral("OpenSSL refused the Ed25519 key."));
        key.m_key = ownKey(pkey);
        key.m_curve = crv;
        key.m_bits = 256;
        return {};
    }

    static Result<void> oct(Jwk &key, const QJsonObject &o)
    {
        Result<QByteArray> k = member(o, "k", true);
        if (!k)
            return k.error();
        if (k->isEmpty())
            return keyInvalid(QStringLiteral("The symmetric key is empty."));
        key.m_secret = std::move(k).value();
        key.m_bits = int(key.m_secret.size() * 8);
        return {};
    }

    static Result<void> fromData(Jwk &key, const char *type, OSSL_PARAM_BLD *bld)
    {
        std::unique_ptr<OSSL_PARAM, ParamFree> params(OSSL_PARAM_BLD_to_param(bld));
        std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(
            EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
        EVP_PKEY *pkey = nullptr;
        if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
            EVP_PKEY_fromdata(ctx.get(), &pkey, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
            return keyInvalid(QStringLiteral("OpenSSL refused the %1 key's parameters.")
                                  .arg(QLatin1String(type)));
        key.m_key = ownKey(pkey);
        return {};
    }

    static Result<void> fromPkey(Jwk &key, EVP_PKEY *pkey)
    {
        key.m_key = ownKey(pkey);
        key.m_bits = EVP_PKEY_get_bits(pkey);
        if (EVP_PKEY_is_a(pkey, "RSA")) {
            key.m_type = Jwk::Type::Rsa;
            BIGNUM *n = nullptr, *e = nullptr;
            EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_N, &n);
            EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_E, &e);
            Bn bn(n), be(e);
            if (!bn || !be)
                return keyInvalid(QStringLiteral("The RSA key has no modulus or exponent."));
            return validateRsa(bn.get(), be.get());
        }
        if (EVP_PKEY_is_a(pkey, "EC")) {
            key.m_type = Jwk::Type::Ec;
            char group[64] = {};
            size_t length = 0;
            EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                           &length);
            const Curve *curve = curveByOpenSsl(group);
            if (!curve)
                return keyInvalid(QStringLiteral("The EC key is on curve \"%1\"; JWS uses P-256, "
                                                 "P-384 and P-521.")
                                      .arg(QString::fromLatin1(group)));
            key.m_curve = QString::fromLatin1(curve->jose);
            return {};
        }
        if (EVP_PKEY_is_a(pkey, "ED25519")) {
            key.m_type = Jwk::Type::Okp;
            key.m_curve = QStringLiteral("Ed25519");
            return {};
        }
        return keyInvalid(QStringLiteral("The PEM holds a %1 key; Gatehouse verifies JWTs with "
                                         "RSA, EC (P-256/384/521) and Ed25519 keys.")
                              .arg(QString::fromLatin1(EVP_PKEY_get0_type_name(pkey))));
    }
};

Result<Jwk> Jwk::fromJson(QByteArrayView json)
{
    Result<QJsonObject> object = parseJsonObject(json, QStringLiteral("The JWK"));
    if (!object)
        return jwtError(Reason::KeyInvalid, object.error().message);
    return fromJsonObject(*object);
}

Result<Jwk> Jwk::fromJsonObject(const QJsonObject &o)
{
    Jwk key;
    const QJsonValue kty = o.value(QLatin1String("kty"));
    if (!kty.isString())
        return keyInvalid(QStringLiteral("The JWK has no \"kty\" (key type) string."));
    for (const char *name : {"kid", "alg", "use"}) {
        const QJsonValue v = o.value(QLatin1String(name));
        if (!v.isUndefined() && !v.isString())
            return keyInvalid(QStringLiteral("The JWK member \"%1\" is not a string.")
                                  .arg(QLatin1String(name)));
    }
    key.m_kid = o.value(QLatin1String("kid")).toString();
    key.m_alg = o.value(QLatin1String("alg")).toString();
    key.m_use = o.value(QLatin1String("use")).toString();
    const QJsonValue ops = o.value(QLatin1String("key_ops"));
    if (!ops.isUndefined()) {
        if (!ops.isArray())
            return keyInvalid(QStringLiteral("The JWK member \"key_ops\" is not an array."));
        for (const QJsonValue &op : ops.toArray())
            key.m_keyOps.append(op.toString());
    }
    const QString type = kty.toString();
    Result<void> built;
    if (type == QLatin1String("RSA")) {
        key.m_type = Type::Rsa;
        built = JwkBuilder::rsa(key, o);
    } else if (type == QLatin1String("EC")) {
        key.m_type = Type::Ec;
        built = JwkBuilder::ec(key, o);
    } else if (type == QLatin1String("OKP")) {
        key.m_type = Type::Okp;
        built = JwkBuilder::okp(key, o);
    } else if (type == QLatin1String("oct")) {
        key.m_type = Type::Oct;
        built = JwkBuilder::oct(key, o);
    } else {
        return keyInvalid(QStringLiteral("The JWK's key type \"%1\" is unknown; JWS keys are "
                                         "\"RSA\", \"EC\", \"OKP\" or \"oct\".")
                              .arg(type));
    }
    if (!built)
        return built.error();
    return key;
}

Result<Jwk> Jwk::fromPem(QByteArrayView pem)
{
    std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), int(pem.size())));
    if (!bio)
        return makeError(ErrorCode::Internal, QStringLiteral("OpenSSL could not allocate."));
    Jwk key;
    if (pem.contains(QByteArrayView("-----BEGIN CERTIFICATE-----"))) {
        std::unique_ptr<X509, X509Free> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
        EVP_PKEY *pkey = cert ? X509_get_pubkey(cert.get()) : nullptr;
        if (!pkey)
            return keyInvalid(QStringLiteral("The PEM certificate could not be read."));
        if (Result<void> ok = JwkBuilder::fromPkey(key, pkey); !ok)
            return ok.error();
        return key;
    }
    EVP_PKEY *pkey = nullptr;
    std::unique_ptr<OSSL_DECODER_CTX, DecoderFree> decoder(OSSL_DECODER_CTX_new_for_pkey(
        &pkey, "PEM", nullptr, nullptr, 0, nullptr, nullptr));
    const auto *data = reinterpret_cast<const unsigned char *>(pem.data());
    size_t length = size_t(pem.size());
    if (!decoder || OSSL_DECODER_from_data(decoder.get(), &data, &length) != 1 || !pkey)
        return keyInvalid(QStringLiteral(
            "The text is not a PEM public key, certificate or unencrypted private key "
            "(-----BEGIN PUBLIC KEY-----, CERTIFICATE, PRIVATE KEY...)."));
    if (Result<void> ok = JwkBuilder::fromPkey(key, pkey); !ok)
        return ok.error();
    return key;
}

Result<Jwk> Jwk::fromSecret(const QByteArray &secret, const QString &alg)
{
    if (secret.isEmpty())
        return keyInvalid(QStringLiteral("The shared secret is empty."));
    Jwk key;
    key.m_type = Type::Oct;
    key.m_secret = secret;
    key.m_alg = alg;
    key.m_bits = int(secret.size() * 8);
    return key;
}

QString Jwk::typeName() const
{
    switch (m_type) {
    case Type::Oct: return QStringLiteral("oct");
    case Type::Rsa: return QStringLiteral("RSA");
    case Type::Ec: return QStringLiteral("EC");
    case Type::Okp: return QStringLiteral("OKP");
    }
    return {};
}

Result<void> Jwk::checkUsableFor(const QString &alg) const
{
    const Algorithm *algorithm = findAlgorithm(alg);
    if (!algorithm)
        return jwtError(Reason::UnsupportedAlg,
                        QStringLiteral("The token's algorithm \"%1\" is not one Gatehouse "
                                       "verifies (HS256/384/512, RS256/384/512, PS256/384/512, "
                                       "ES256/384/512, EdDSA).")
                            .arg(alg));
    const QString named = m_kid.isEmpty() ? QStringLiteral("The key")
                                          : QStringLiteral("The key \"%1\"").arg(m_kid);
    if (!m_use.isEmpty() && m_use != QLatin1String("sig"))
        return jwtError(Reason::KeyMismatch,
                        QStringLiteral("%1 is marked \"use\": \"%2\", not \"sig\": it is not for "
                                       "signatures.")
                            .arg(named, m_use));
    if (!m_keyOps.isEmpty() && !m_keyOps.contains(QLatin1String("verify")))
        return jwtError(Reason::KeyMismatch,
                        QStringLiteral("%1 allows only the operations %2, not \"verify\".")
                            .arg(named, m_keyOps.join(QStringLiteral(", "))));
    if (!m_alg.isEmpty() && m_alg != alg)
        return jwtError(Reason::KeyMismatch,
                        QStringLiteral("%1 is for \"%2\" but the token says \"%3\"; a key is used "
                                       "only with its own algorithm.")
                            .arg(named, m_alg, alg));
    const QString wanted = keyTypeFor(*algorithm);
    if (wanted != typeName())
        return jwtError(Reason::KeyMismatch,
                        QStringLiteral("%1 is an %2 key but the token says \"%3\", which needs an "
                                       "%4 key; the key is never used any other way.")
                            .arg(named, typeName(), alg, wanted));
    if (algorithm->curve && m_curve != QLatin1String(algorithm->curve))
        return jwtError(Reason::KeyMismatch,
                        QStringLiteral("%1 is on %2 but \"%3\" needs %4.")
                            .arg(named, m_curve, alg, QLatin1String(algorithm->curve)));
    if (algorithm->family == Algorithm::Family::Hmac && m_secret.size() < algorithm->hashBytes)
        return jwtError(Reason::KeyInvalid,
                        QStringLiteral("%1 is %2 bytes; %3 needs a secret of at least %4 bytes "
                                       "(RFC 7518 §3.2).")
                            .arg(named)
                            .arg(m_secret.size())
                            .arg(alg)
                            .arg(algorithm->hashBytes));
    return {};
}

} // namespace Gatehouse::Core::Jwt
