#include "suggestions.h"

#include <algorithm>
#include <optional>
#include <vector>

namespace Gatehouse::Core::GraphQL {

namespace {

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

// Edit distance with adjacent transpositions, giving up (nullopt) past `threshold`.
std::optional<int> distance(const QString &input, const QString &option, int threshold)
{
    if (input == option)
        return 0;
    QString a = option.toLower();
    QString b = input.toLower();
    if (a == b)
        return 1;
    if (a.size() < b.size())
        std::swap(a, b);
    const int aLen = int(a.size());
    const int bLen = int(b.size());
    if (aLen - bLen > threshold)
        return std::nullopt;
    std::vector<std::vector<int>> rows(3, std::vector<int>(size_t(bLen) + 1));
    for (int j = 0; j <= bLen; ++j)
        rows[0][size_t(j)] = j;
    for (int i = 1; i <= aLen; ++i) {
        std::vector<int> &up = rows[size_t((i - 1) % 3)];
        std::vector<int> &current = rows[size_t(i % 3)];
        int smallest = current[0] = i;
        for (int j = 1; j <= bLen; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int cell =
                std::min({up[size_t(j)] + 1, current[size_t(j - 1)] + 1, up[size_t(j - 1)] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                cell = std::min(cell, rows[size_t((i - 2) % 3)][size_t(j - 2)] + 1);
            smallest = std::min(smallest, cell);
            current[size_t(j)] = cell;
        }
        if (smallest > threshold)
            return std::nullopt;
    }
    const int result = rows[size_t(aLen % 3)][size_t(bLen)];
    return result <= threshold ? std::optional(result) : std::nullopt;
}

} // namespace

QStringList Suggestions::list(const QString &input, const QStringList &options)
{
    const int threshold = int(input.size() * 0.4) + 1;
    std::vector<std::pair<int, QString>> found;
    for (const QString &option : options) {
        if (const auto d = distance(input, option, threshold))
            found.emplace_back(*d, option);
    }
    std::stable_sort(found.begin(), found.end(), [](const auto &x, const auto &y) {
        return x.first != y.first ? x.first < y.first : naturalCompare(x.second, y.second) < 0;
    });
    QStringList result;
    for (const auto &[d, option] : found) {
        if (!result.contains(option))
            result << option;
    }
    return result;
}

QString Suggestions::didYouMean(const QStringList &suggestions, const QString &subMessage)
{
    if (suggestions.isEmpty())
        return QString();
    QStringList quoted;
    for (const QString &s : suggestions.mid(0, 5))
        quoted << QLatin1Char('"') + s + QLatin1Char('"');
    QString names;
    if (quoted.size() == 1)
        names = quoted.front();
    else if (quoted.size() == 2)
        names = quoted[0] + QStringLiteral(" or ") + quoted[1];
    else
        names = quoted.mid(0, quoted.size() - 1).join(QStringLiteral(", ")) +
                QStringLiteral(", or ") + quoted.back();
    return QStringLiteral(" Did you mean ") +
           (subMessage.isEmpty() ? QString() : subMessage + QLatin1Char(' ')) + names +
           QLatin1Char('?');
}

int Suggestions::naturalCompare(const QString &a, const QString &b)
{
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (isDigit(a[i]) && isDigit(b[j])) {
            qint64 numA = 0, numB = 0;
            do {
                numA = numA * 10 + (a[i].unicode() - '0');
                ++i;
            } while (i < a.size() && isDigit(a[i]) && numA > 0);
            do {
                numB = numB * 10 + (b[j].unicode() - '0');
                ++j;
            } while (j < b.size() && isDigit(b[j]) && numB > 0);
            if (numA != numB)
                return numA < numB ? -1 : 1;
        } else {
            if (a[i] != b[j])
                return a[i].unicode() < b[j].unicode() ? -1 : 1;
            ++i;
            ++j;
        }
    }
    return int(a.size() - b.size());
}

} // namespace Gatehouse::Core::GraphQL
