#include "srp.h"

#include "core/aws/sha256.h"

#include <QLocale>

#include <memory>
#include <openssl/bn.h>
#include <openssl/rand.h>

// SRP needs modular arithmetic on 3072-bit numbers, which OpenSSL 3 offers only through
// BIGNUM (its EVP layer has no SRP, and OpenSSL's own SRP module is deprecated and uses a
// different hashing). Hashes and HMACs still go through EVP (core/aws/sha256).

namespace Gatehouse::Core::Cognito {

namespace {

using Aws::hmacSha256;
using Aws::sha256;

struct BnFree
{
    void operator()(BIGNUM *n) const { BN_clear_free(n); }
};
struct BnCtxFree
{
    void operator()(BN_CTX *ctx) const { BN_CTX_free(ctx); }
};
using Bn = std::unique_ptr<BIGNUM, BnFree>;
using BnCtx = std::unique_ptr<BN_CTX, BnCtxFree>;

constexpr int SmallValueBytes = 128; // as AWS's clients: 128 random bytes for a (and here b)
constexpr int SaltBytes = 16;
constexpr char DerivedKeyInfo[] = "Caldera Derived Key";
constexpr int DerivedKeyBytes = 16;

Bn newBn()
{
    return Bn(BN_new());
}

// Only [0-9a-fA-F]+: BN_hex2bn would also take a sign and stop quietly at the first
// non-hex character.
Bn fromHex(const QString &hex)
{
    if (hex.isEmpty() || hex.size() > 4096)
        return {};
    for (const QChar c : hex) {
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))
              || (c >= QLatin1Char('A') && c <= QLatin1Char('F'))))
            return {};
    }
    BIGNUM *n = nullptr;
    const QByteArray latin1 = hex.toLatin1();
    if (BN_hex2bn(&n, latin1.constData()) != latin1.size()) {
        BN_free(n);
        return {};
    }
    return Bn(n);
}

Bn fromBytes(const QByteArray &bytes)
{
    return Bn(BN_bin2bn(reinterpret_cast<const unsigned char *>(bytes.constData()), int(bytes.size()), nullptr));
}

// Lower-case hex without leading zeros ("0" for zero), as Cognito writes SRP_B and SALT.
QString toHex(const BIGNUM *n)
{
    char *hex = BN_bn2hex(n);
    QString text = QString::fromLatin1(hex).toLower();
    OPENSSL_free(hex);
    // BN_bn2hex writes whole bytes ("02"); JavaScript's toString(16), which AWS's clients use, does not.
    qsizetype zeros = 0;
    while (zeros + 1 < text.size() && text.at(zeros) == QLatin1Char('0'))
        ++zeros;
    return text.mid(zeros);
}

// The sign-byte padding AWS's clients hash with (see srp.h).
QString padHex(const BIGNUM *n)
{
    QString hex = toHex(n);
    if (hex.size() % 2 == 1)
        hex.prepend(QLatin1Char('0'));
    else if (QStringLiteral("89abcdef").contains(hex.at(0)))
        hex.prepend(QStringLiteral("00"));
    return hex;
}

QByteArray hexBytes(const QString &hex)
{
    return QByteArray::fromHex(hex.toLatin1());
}

// H over the bytes of concatenated hex strings, as a number.
Bn hashHexToBn(const QString &hex)
{
    return fromBytes(sha256(hexBytes(hex)));
}

// The group: RFC 3526's 3072-bit MODP prime, g = 2, k = H(padHex(N) | padHex(g)). Built once.
struct Group
{
    Bn n = newBn();
    Bn g = newBn();
    Bn k;

    Group()
    {
        BN_get_rfc3526_prime_3072(n.get());
        BN_set_word(g.get(), 2);
        k = hashHexToBn(padHex(n.get()) + padHex(g.get()));
    }
};

const Group &group()
{
    static const Group instance;
    return instance;
}

Bn randomSmallValue()
{
    Bn value = newBn();
    BN_priv_rand(value.get(), SmallValueBytes * 8, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY);
    BN_set_flags(value.get(), BN_FLG_CONSTTIME);
    return value;
}

Bn modExp(const BIGNUM *base, const BIGNUM *exponent, BN_CTX *ctx)
{
    Bn result = newBn();
    BN_mod_exp(result.get(), base, exponent, group().n.get(), ctx);
    return result;
}

bool isZeroModN(const BIGNUM *value, BN_CTX *ctx)
{
    Bn rest = newBn();
    BN_nnmod(rest.get(), value, group().n.get(), ctx);
    return BN_is_zero(rest.get());
}

// x = H(padHex(salt) | SHA256hex(poolName | userId | ":" | password))
Bn passwordExponent(const QString &poolName, const QString &userIdForSrp, const QString &password,
                    const BIGNUM *salt)
{
    const QByteArray inner = Aws::sha256Hex((poolName + userIdForSrp + QLatin1Char(':') + password).toUtf8());
    return hashHexToBn(padHex(salt) + QString::fromLatin1(inner));
}

// u = H(padHex(A) | padHex(B))
Bn scrambler(const BIGNUM *a, const BIGNUM *b)
{
    return hashHexToBn(padHex(a) + padHex(b));
}

// HKDF-SHA256 (one block) with Cognito's info string, cut to 16 bytes.
QByteArray derivedKey(const BIGNUM *s, const BIGNUM *u)
{
    const QByteArray prk = hmacSha256(hexBytes(padHex(u)), hexBytes(padHex(s)));
    QByteArray info(DerivedKeyInfo);
    info.append(char(1));
    return hmacSha256(prk, info).left(DerivedKeyBytes);
}

Error badValue(const QString &what)
{
    return makeError(ErrorCode::Protocol,
                     QStringLiteral("The SRP value %1 is not usable (not hexadecimal, or 0 modulo the group's prime); "
                                    "the sign-in cannot continue safely. Start the sign-in again.")
                         .arg(what));
}

} // namespace

struct SrpClient::Private
{
    Bn a;
    Bn bigA;
};

SrpClient::SrpClient() : d(std::make_unique<Private>())
{
    BnCtx ctx(BN_CTX_new());
    do {
        d->a = randomSmallValue();
        d->bigA = modExp(group().g.get(), d->a.get(), ctx.get());
    } while (isZeroModN(d->bigA.get(), ctx.get()));
}

SrpClient::SrpClient(const QString &smallAHex) : d(std::make_unique<Private>())
{
    BnCtx ctx(BN_CTX_new());
    d->a = fromHex(smallAHex);
    if (!d->a)
        d->a = newBn(); // a test's mistake: A becomes 1, which every server refuses
    d->bigA = modExp(group().g.get(), d->a.get(), ctx.get());
}

SrpClient::~SrpClient() = default;

QString SrpClient::publicValueHex() const
{
    return toHex(d->bigA.get());
}

Result<QByteArray> SrpClient::passwordAuthenticationKey(const QString &poolName, const QString &userIdForSrp,
                                                        const QString &password, const QString &srpBHex,
                                                        const QString &saltHex) const
{
    BnCtx ctx(BN_CTX_new());
    const Bn b = fromHex(srpBHex);
    if (!b || isZeroModN(b.get(), ctx.get()))
        return badValue(QStringLiteral("SRP_B"));
    const Bn salt = fromHex(saltHex);
    if (!salt)
        return badValue(QStringLiteral("SALT"));
    const Bn u = scrambler(d->bigA.get(), b.get());
    if (BN_is_zero(u.get()))
        return badValue(QStringLiteral("u = H(A, B)"));
    const Bn x = passwordExponent(poolName, userIdForSrp, password, salt.get());

    // S = (B - k·g^x)^(a + u·x) mod N
    const BIGNUM *n = group().n.get();
    const Bn gx = modExp(group().g.get(), x.get(), ctx.get());
    Bn kgx = newBn();
    BN_mod_mul(kgx.get(), group().k.get(), gx.get(), n, ctx.get());
    Bn base = newBn();
    BN_mod_sub(base.get(), b.get(), kgx.get(), n, ctx.get());
    Bn exponent = newBn();
    BN_mul(exponent.get(), u.get(), x.get(), ctx.get());
    BN_add(exponent.get(), exponent.get(), d->a.get());
    BN_set_flags(exponent.get(), BN_FLG_CONSTTIME);
    const Bn s = modExp(base.get(), exponent.get(), ctx.get());
    return derivedKey(s.get(), u.get());
}

struct SrpServer::Private
{
    Bn v;
    Bn b;
    Bn bigB;
};

SrpVerifier SrpServer::makeVerifier(const QString &poolName, const QString &userIdForSrp, const QString &password,
                                    const QString &saltHex)
{
    Bn salt = fromHex(saltHex);
    if (!salt) {
        unsigned char bytes[SaltBytes];
        RAND_bytes(bytes, SaltBytes);
        salt = fromBytes(QByteArray(reinterpret_cast<const char *>(bytes), SaltBytes));
    }
    BnCtx ctx(BN_CTX_new());
    const Bn x = passwordExponent(poolName, userIdForSrp, password, salt.get());
    const Bn v = modExp(group().g.get(), x.get(), ctx.get());
    return {toHex(salt.get()), toHex(v.get())};
}

bool SrpServer::passwordMatches(const SrpVerifier &verifier, const QString &poolName, const QString &userIdForSrp,
                                const QString &password)
{
    const SrpVerifier candidate = makeVerifier(poolName, userIdForSrp, password, verifier.saltHex);
    // Both are hex strings of the same group; compare without an early exit.
    return Aws::equalInConstantTime(candidate.verifierHex.toLatin1(), verifier.verifierHex.toLower().toLatin1());
}

SrpServer::SrpServer(const SrpVerifier &verifier) : SrpServer(verifier, QString())
{
}

SrpServer::SrpServer(const SrpVerifier &verifier, const QString &smallBHex) : d(std::make_unique<Private>())
{
    BnCtx ctx(BN_CTX_new());
    d->v = fromHex(verifier.verifierHex);
    if (!d->v)
        d->v = newBn();
    const BIGNUM *n = group().n.get();
    Bn kv = newBn();
    BN_mod_mul(kv.get(), group().k.get(), d->v.get(), n, ctx.get());
    const bool fixed = !smallBHex.isEmpty();
    do {
        d->b = fixed ? fromHex(smallBHex) : randomSmallValue();
        if (!d->b)
            d->b = newBn();
        const Bn gb = modExp(group().g.get(), d->b.get(), ctx.get());
        d->bigB = newBn();
        BN_mod_add(d->bigB.get(), kv.get(), gb.get(), n, ctx.get());
    } while (!fixed && BN_is_zero(d->bigB.get()));
}

SrpServer::~SrpServer() = default;

QString SrpServer::publicValueHex() const
{
    return toHex(d->bigB.get());
}

Result<QByteArray> SrpServer::passwordAuthenticationKey(const QString &srpAHex) const
{
    BnCtx ctx(BN_CTX_new());
    const Bn a = fromHex(srpAHex);
    if (!a || isZeroModN(a.get(), ctx.get()))
        return badValue(QStringLiteral("SRP_A"));
    const Bn u = scrambler(a.get(), d->bigB.get());
    if (BN_is_zero(u.get()))
        return badValue(QStringLiteral("u = H(A, B)"));
    // S = (A·v^u)^b mod N
    const BIGNUM *n = group().n.get();
    const Bn vu = modExp(d->v.get(), u.get(), ctx.get());
    Bn base = newBn();
    BN_mod_mul(base.get(), a.get(), vu.get(), n, ctx.get());
    const Bn s = modExp(base.get(), d->b.get(), ctx.get());
    return derivedKey(s.get(), u.get());
}

QString srpPoolName(const QString &userPoolId)
{
    const qsizetype underscore = userPoolId.indexOf(QLatin1Char('_'));
    return underscore < 0 ? userPoolId : userPoolId.mid(underscore + 1);
}

QString srpTimestamp(const QDateTime &utc)
{
    return QLocale::c().toString(utc.toUTC(), QStringLiteral("ddd MMM d HH:mm:ss 'UTC' yyyy"));
}

QString passwordClaimSignature(const QByteArray &key, const QString &poolName, const QString &userIdForSrp,
                               const QString &secretBlockBase64, const QString &timestamp)
{
    QByteArray message = poolName.toUtf8();
    message += userIdForSrp.toUtf8();
    message += QByteArray::fromBase64(secretBlockBase64.toLatin1());
    message += timestamp.toUtf8();
    return QString::fromLatin1(hmacSha256(key, message).toBase64());
}

QString secretHash(const QString &clientSecret, const QString &username, const QString &clientId)
{
    return QString::fromLatin1(hmacSha256(clientSecret.toUtf8(), (username + clientId).toUtf8()).toBase64());
}

} // namespace Gatehouse::Core::Cognito
