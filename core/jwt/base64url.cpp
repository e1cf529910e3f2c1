#include "base64url.h"

#include "jwterror.h"

#include <array>

namespace Gatehouse::Core::Jwt {

namespace {

constexpr std::array<signed char, 256> decodingTable()
{
    std::array<signed char, 256> table{};
    for (auto &v : table)
        v = -1;
    const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < 64; ++i)
        table[static_cast<unsigned char>(alphabet[i])] = static_cast<signed char>(i);
    return table;
}

constexpr auto Decoding = decodingTable();

QString describe(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if (c == ' ')
        return QStringLiteral("a space");
    if (u < 0x20 || u >= 0x7f)
        return QStringLiteral("byte 0x%1").arg(u, 2, 16, QLatin1Char('0'));
    return QStringLiteral("'%1'").arg(QLatin1Char(c));
}

Error notBase64(const QString &what, const QString &detail)
{
    return jwtError(Reason::Malformed,
                    QStringLiteral("%1 is not valid base64url: %2.").arg(what, detail));
}

} // namespace

Result<QByteArray> base64UrlDecode(QByteArrayView text, const QString &what)
{
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        if (Decoding[static_cast<unsigned char>(text[i])] < 0) {
            const char c = text[i];
            QString hint;
            if (c == '=')
                hint = QStringLiteral(" (JOSE base64url has no padding)");
            else if (c == '+' || c == '/')
                hint = QStringLiteral(" (that is standard base64; base64url uses '-' and '_')");
            return notBase64(what, QStringLiteral("character %1 (%2) is not allowed%3")
                                       .arg(i + 1)
                                       .arg(describe(c), hint));
        }
    }
    if (n % 4 == 1)
        return notBase64(what, QStringLiteral("its length %1 leaves a single character over, "
                                              "which no byte string encodes to")
                                   .arg(n));
    QByteArray out;
    out.reserve(n * 3 / 4);
    quint32 buffer = 0;
    int bits = 0;
    for (qsizetype i = 0; i < n; ++i) {
        buffer = (buffer << 6) | quint32(Decoding[static_cast<unsigned char>(text[i])]);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.append(char((buffer >> bits) & 0xff));
        }
    }
    if (bits > 0 && (buffer & ((1u << bits) - 1)) != 0)
        return notBase64(what, QStringLiteral("the last character %1 has non-zero unused bits, "
                                              "so this is not the canonical encoding")
                                   .arg(describe(text[n - 1])));
    return out;
}

QByteArray base64UrlEncode(QByteArrayView bytes)
{
    return QByteArray(bytes.data(), bytes.size())
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace Gatehouse::Core::Jwt
