#include "jwterror.h"

#include <array>
#include <utility>

namespace Gatehouse::Core::Jwt {

namespace {

constexpr std::array<std::pair<Reason, const char *>, 23> Names{{
    {Reason::None, "None"},
    {Reason::Malformed, "Malformed"},
    {Reason::TooLarge, "TooLarge"},
    {Reason::AlgNone, "AlgNone"},
    {Reason::UnsupportedAlg, "UnsupportedAlg"},
    {Reason::UnsupportedCrit, "UnsupportedCrit"},
    {Reason::KeyInvalid, "KeyInvalid"},
    {Reason::KeyMismatch, "KeyMismatch"},
    {Reason::KeyNotFound, "KeyNotFound"},
    {Reason::KeyAmbiguous, "KeyAmbiguous"},
    {Reason::KeySetInvalid, "KeySetInvalid"},
    {Reason::BadSignature, "BadSignature"},
    {Reason::ClaimsMalformed, "ClaimsMalformed"},
    {Reason::Expired, "Expired"},
    {Reason::NotYetValid, "NotYetValid"},
    {Reason::IssuedInFuture, "IssuedInFuture"},
    {Reason::MissingClaim, "MissingClaim"},
    {Reason::WrongIssuer, "WrongIssuer"},
    {Reason::WrongAudience, "WrongAudience"},
    {Reason::WrongClientId, "WrongClientId"},
    {Reason::WrongTokenUse, "WrongTokenUse"},
    {Reason::MissingScope, "MissingScope"},
    {Reason::JwksUnavailable, "JwksUnavailable"},
}};

} // namespace

QString reasonName(Reason reason)
{
    for (const auto &[r, name] : Names) {
        if (r == reason)
            return QString::fromLatin1(name);
    }
    return QStringLiteral("Unknown");
}

Error jwtError(Reason reason, const QString &message)
{
    const ErrorCode code = reason == Reason::KeyNotFound ? ErrorCode::NotFound
                                                         : ErrorCode::InvalidArgument;
    Error e = makeError(code, message);
    e.awsCode = reasonName(reason);
    return e;
}

Reason reasonOf(const Error &error)
{
    if (!error.isError())
        return Reason::None;
    for (const auto &[r, name] : Names) {
        if (error.awsCode == QLatin1String(name))
            return r;
    }
    return Reason::None;
}

} // namespace Gatehouse::Core::Jwt
