#include "dynamodbexpression.h"

#include <QByteArray>

#include <algorithm>
#include <cctype>

namespace Gatehouse::Emulator::Dynamo {

void fail(const std::string &message, const std::string &type)
{
    throw Failure{type, message, Json(), Json()};
}

namespace {

const char *const kInvalidParams = "One or more parameter values were invalid: ";

// A number as digits * 10^exponent: DynamoDB numbers are decimals of up to 38 significant
// digits, which neither double nor int64 holds, so they are compared and added as text.
struct Decimal
{
    bool negative = false;
    std::string digits = "0"; // no leading zeros; "0" for zero
    int exponent = 0;
};

Decimal parseDecimal(const std::string &text)
{
    Decimal d;
    size_t i = 0;
    if (i < text.size() && (text[i] == '-' || text[i] == '+'))
        d.negative = text[i++] == '-';
    std::string digits;
    int fraction = 0;
    bool seenDigit = false, seenPoint = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (std::isdigit(static_cast<unsigned char>(c))) {
            digits += c;
            seenDigit = true;
            if (seenPoint)
                ++fraction;
        } else if (c == '.' && !seenPoint) {
            seenPoint = true;
        } else {
            break;
        }
    }
    long exponent = 0;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        bool negExp = false;
        if (i < text.size() && (text[i] == '-' || text[i] == '+'))
            negExp = text[i++] == '-';
        if (i >= text.size())
            seenDigit = false;
        for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i)
            exponent = std::min(exponent * 10 + (text[i] - '0'), 100000L);
        if (negExp)
            exponent = -exponent;
    }
    if (!seenDigit || i != text.size())
        fail("A value provided cannot be converted into a number");
    const size_t nz = digits.find_first_not_of('0');
    if (nz == std::string::npos)
        return Decimal{};
    digits.erase(0, nz);
    long exp = exponent - fraction;
    while (digits.size() > 1 && digits.back() == '0') {
        digits.pop_back();
        ++exp;
    }
    d.digits = digits;
    d.exponent = int(exp);
    return d;
}

void checkRange(const Decimal &d)
{
    if (d.digits == "0")
        return;
    if (d.digits.size() > 38)
        fail("Attempting to store more than 38 significant digits in a Number");
    const long magnitude = long(d.digits.size()) - 1 + d.exponent; // floor(log10)
    if (magnitude > 125)
        fail("Number overflow. Attempting to store a number with magnitude larger than supported range");
    if (magnitude < -130)
        fail("Number underflow. Attempting to store a number with magnitude smaller than supported range");
}

std::string formatDecimal(const Decimal &d)
{
    if (d.digits == "0")
        return "0";
    std::string out = d.negative ? "-" : "";
    if (d.exponent >= 0)
        return out + d.digits + std::string(size_t(d.exponent), '0');
    const long point = long(d.digits.size()) + d.exponent;
    if (point > 0)
        return out + d.digits.substr(0, size_t(point)) + '.' + d.digits.substr(size_t(point));
    return out + "0." + std::string(size_t(-point), '0') + d.digits;
}

int compareMagnitude(const Decimal &a, const Decimal &b)
{
    if (a.digits == "0" || b.digits == "0")
        return (a.digits == "0" ? 0 : 1) - (b.digits == "0" ? 0 : 1);
    const long ma = long(a.digits.size()) + a.exponent, mb = long(b.digits.size()) + b.exponent;
    if (ma != mb)
        return ma < mb ? -1 : 1;
    const size_t n = std::max(a.digits.size(), b.digits.size());
    const std::string pa = a.digits + std::string(n - a.digits.size(), '0');
    const std::string pb = b.digits + std::string(n - b.digits.size(), '0');
    return pa < pb ? -1 : (pa > pb ? 1 : 0);
}

int compareDecimal(const Decimal &a, const Decimal &b)
{
    const bool za = a.digits == "0", zb = b.digits == "0";
    const int sa = za ? 0 : (a.negative ? -1 : 1), sb = zb ? 0 : (b.negative ? -1 : 1);
    if (sa != sb)
        return sa < sb ? -1 : 1;
    const int m = compareMagnitude(a, b);
    return sa < 0 ? -m : m;
}

// Unsigned integer digit strings of equal length; a >= b for subtraction.
std::string addDigits(const std::string &a, const std::string &b)
{
    std::string out(a.size() + 1, '0');
    int carry = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        const int s = (a[a.size() - 1 - i] - '0') + (b[b.size() - 1 - i] - '0') + carry;
        out[out.size() - 1 - i] = char('0' + s % 10);
        carry = s / 10;
    }
    out[0] = char('0' + carry);
    return out;
}

std::string subtractDigits(const std::string &a, const std::string &b)
{
    std::string out(a.size(), '0');
    int borrow = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        int s = (a[a.size() - 1 - i] - '0') - (b[b.size() - 1 - i] - '0') - borrow;
        borrow = s < 0 ? 1 : 0;
        out[out.size() - 1 - i] = char('0' + (s + 10) % 10);
    }
    return out;
}

Decimal addDecimal(Decimal a, Decimal b)
{
    if (a.digits == "0")
        return b;
    if (b.digits == "0")
        return a;
    const int exp = std::min(a.exponent, b.exponent);
    a.digits += std::string(size_t(a.exponent - exp), '0');
    b.digits += std::string(size_t(b.exponent - exp), '0');
    const size_t n = std::max(a.digits.size(), b.digits.size());
    a.digits.insert(0, n - a.digits.size(), '0');
    b.digits.insert(0, n - b.digits.size(), '0');
    Decimal r;
    if (a.negative == b.negative) {
        r.negative = a.negative;
        r.digits = addDigits(a.digits, b.digits);
    } else if (a.digits >= b.digits) {
        r.negative = a.negative;
        r.digits = subtractDigits(a.digits, b.digits);
    } else {
        r.negative = b.negative;
        r.digits = subtractDigits(b.digits, a.digits);
    }
    r.exponent = exp;
    return parseDecimal(formatDecimal(r)); // strips zeros on both ends
}

const std::vector<std::string> &valueTypes()
{
    static const std::vector<std::string> types{"S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL"};
    return types;
}

} // namespace

std::string normalizeNumber(const std::string &text)
{
    const Decimal d = parseDecimal(text);
    checkRange(d);
    return formatDecimal(d);
}

int compareNumbers(const std::string &a, const std::string &b)
{
    return compareDecimal(parseDecimal(a), parseDecimal(b));
}

std::string addNumbers(const std::string &a, const std::string &b, bool subtract)
{
    Decimal rhs = parseDecimal(b);
    if (subtract && rhs.digits != "0")
        rhs.negative = !rhs.negative;
    const Decimal sum = addDecimal(parseDecimal(a), rhs);
    checkRange(sum);
    return formatDecimal(sum);
}

std::string decodeBinary(const std::string &base64)
{
    const auto decoded = QByteArray::fromBase64Encoding(QByteArray::fromStdString(base64),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        fail("Invalid Base64 value in a Binary attribute value", "SerializationException");
    return decoded.decoded.toStdString();
}

std::string typeOf(const Json &value)
{
    return value.is_object() && value.size() == 1 ? value.begin().key() : std::string();
}

namespace {

// DynamoDB allows 32 levels of nested lists and maps; deeper input is refused before anything
// recurses over it.
void validateValue(const Json &value, int depth);

} // namespace

void validateValue(const Json &value)
{
    validateValue(value, 0);
}

namespace {

void validateValue(const Json &value, int depth)
{
    if (depth > 32)
        fail("Nesting Levels have exceeded supported limits");
    if (!value.is_object() || value.empty())
        fail("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
    if (value.size() > 1)
        fail("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
    const std::string type = value.begin().key();
    const Json &v = value.begin().value();
    const auto expect = [&](bool ok) {
        if (!ok)
            fail("Unexpected value type for " + type + ": " + v.dump(), "SerializationException");
    };
    if (std::find(valueTypes().begin(), valueTypes().end(), type) == valueTypes().end())
        fail("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
    if (type == "S") {
        expect(v.is_string());
    } else if (type == "N") {
        expect(v.is_string());
        normalizeNumber(v.get<std::string>());
    } else if (type == "B") {
        expect(v.is_string());
        decodeBinary(v.get<std::string>());
    } else if (type == "BOOL") {
        expect(v.is_boolean());
    } else if (type == "NULL") {
        expect(v.is_boolean());
        if (!v.get<bool>())
            fail(std::string(kInvalidParams) + "Null attribute value types must have the value of true");
    } else if (type == "L") {
        expect(v.is_array());
        for (const Json &e : v)
            validateValue(e, depth + 1);
    } else if (type == "M") {
        expect(v.is_object());
        for (const auto &e : v.items())
            validateValue(e.value(), depth + 1);
    } else { // sets
        expect(v.is_array());
        if (v.empty())
            fail(type == "BS" ? std::string(kInvalidParams) + "Binary sets should not be empty"
                              : std::string(kInvalidParams) + "An " + (type == "SS" ? "string" : "number")
                                    + " set  may not be empty");
        std::vector<std::string> seen;
        for (const Json &e : v) {
            expect(e.is_string());
            const std::string s = e.get<std::string>();
            seen.push_back(type == "NS" ? normalizeNumber(s) : type == "BS" ? decodeBinary(s) : s);
        }
        std::sort(seen.begin(), seen.end());
        if (std::adjacent_find(seen.begin(), seen.end()) != seen.end()) {
            std::string list;
            for (const Json &e : v)
                list += (list.empty() ? "" : ", ") + e.get<std::string>();
            fail(std::string(kInvalidParams) + "Input collection [" + list + "] contains duplicates.");
        }
    }
}

} // namespace

std::optional<int> compareScalars(const Json &a, const Json &b)
{
    const std::string ta = typeOf(a), tb = typeOf(b);
    if (ta != tb || (ta != "N" && ta != "S" && ta != "B"))
        return std::nullopt;
    const std::string va = a.begin().value().get<std::string>(), vb = b.begin().value().get<std::string>();
    if (ta == "N")
        return compareNumbers(va, vb);
    // S by UTF-8 bytes, B by bytes: both unsigned, as std::string::compare is not.
    const std::string ba = ta == "B" ? decodeBinary(va) : va, bb = ta == "B" ? decodeBinary(vb) : vb;
    const int c = std::lexicographical_compare(ba.begin(), ba.end(), bb.begin(), bb.end(),
                                               [](char x, char y) { return static_cast<unsigned char>(x) < static_cast<unsigned char>(y); })
                      ? -1
                      : (ba == bb ? 0 : 1);
    return c;
}

bool valuesEqual(const Json &a, const Json &b)
{
    const std::string ta = typeOf(a);
    if (ta != typeOf(b))
        return false;
    const Json &va = a.begin().value(), &vb = b.begin().value();
    if (ta == "N" || ta == "S" || ta == "B")
        return compareScalars(a, b) == 0;
    if (ta == "L") {
        if (va.size() != vb.size())
            return false;
        for (size_t i = 0; i < va.size(); ++i)
            if (!valuesEqual(va[i], vb[i]))
                return false;
        return true;
    }
    if (ta == "M") {
        if (va.size() != vb.size())
            return false;
        for (const auto &e : va.items())
            if (!vb.contains(e.key()) || !valuesEqual(e.value(), vb[e.key()]))
                return false;
        return true;
    }
    if (ta == "SS" || ta == "NS" || ta == "BS") {
        if (va.size() != vb.size())
            return false;
        const std::string element = ta.substr(0, 1);
        for (const Json &x : va) {
            const bool found = std::any_of(vb.begin(), vb.end(), [&](const Json &y) {
                return compareScalars(Json{{element, x}}, Json{{element, y}}) == 0;
            });
            if (!found)
                return false;
        }
        return true;
    }
    return va == vb; // BOOL, NULL
}

long long valueSize(const Json &value)
{
    const std::string type = typeOf(value);
    const Json &v = value.begin().value();
    if (type == "S")
        return static_cast<long long>(v.get<std::string>().size());
    if (type == "N") {
        const Decimal d = parseDecimal(v.get<std::string>());
        return static_cast<long long>((d.digits.size() + 1) / 2 + 1);
    }
    if (type == "B")
        return static_cast<long long>(decodeBinary(v.get<std::string>()).size());
    if (type == "BOOL" || type == "NULL")
        return 1;
    long long size = 3;
    if (type == "L") {
        for (const Json &e : v)
            size += 1 + valueSize(e);
    } else if (type == "M") {
        for (const auto &e : v.items())
            size += 1 + static_cast<long long>(e.key().size()) + valueSize(e.value());
    } else {
        size = 0;
        const std::string element = type.substr(0, 1);
        for (const Json &e : v)
            size += valueSize(Json{{element, e}});
    }
    return size;
}

long long itemSize(const Json &item)
{
    long long size = 0;
    for (const auto &e : item.items())
        size += static_cast<long long>(e.key().size()) + valueSize(e.value());
    return size;
}

std::string pathText(const Path &path)
{
    std::string out;
    for (const PathElement &e : path) {
        if (e.index >= 0)
            out += '[' + std::to_string(e.index) + ']';
        else
            out += (out.empty() ? "" : ".") + e.name;
    }
    return out;
}

const Json *resolve(const Json &item, const Path &path)
{
    const Json *at = nullptr;
    for (size_t i = 0; i < path.size(); ++i) {
        const PathElement &e = path[i];
        if (i == 0) {
            if (!item.contains(e.name))
                return nullptr;
            at = &item[e.name];
            continue;
        }
        const std::string type = typeOf(*at);
        if (e.index >= 0) {
            if (type != "L" || size_t(e.index) >= (*at)["L"].size())
                return nullptr;
            at = &(*at)["L"][size_t(e.index)];
        } else {
            if (type != "M" || !(*at)["M"].contains(e.name))
                return nullptr;
            at = &(*at)["M"][e.name];
        }
    }
    return at;
}

} // namespace Gatehouse::Emulator::Dynamo
