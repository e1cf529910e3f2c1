#include "strictjson.h"

#include "jwterror.h"

#include <QJsonArray>

#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace Gatehouse::Core::Jwt {

namespace {

using Json = nlohmann::json;

QJsonValue toQt(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::object: {
        QJsonObject object;
        for (const auto &[name, member] : value.items())
            object.insert(QString::fromStdString(name), toQt(member));
        return object;
    }
    case Json::value_t::array: {
        QJsonArray array;
        for (const Json &item : value)
            array.append(toQt(item));
        return array;
    }
    case Json::value_t::string:
        return QString::fromStdString(value.get_ref<const std::string &>());
    case Json::value_t::boolean:
        return value.get<bool>();
    case Json::value_t::number_integer:
        return qint64(value.get<std::int64_t>());
    case Json::value_t::number_unsigned: {
        const auto u = value.get<std::uint64_t>();
        if (u <= std::uint64_t(std::numeric_limits<qint64>::max()))
            return qint64(u);
        return double(u);
    }
    case Json::value_t::number_float:
        return value.get<double>();
    default:
        return QJsonValue::Null;
    }
}

} // namespace

Result<QJsonObject> parseJsonObject(QByteArrayView text, const QString &what)
{
    std::vector<std::set<std::string>> names;
    std::string duplicate;
    const Json::parser_callback_t callback = [&](int, Json::parse_event_t event, Json &parsed) {
        switch (event) {
        case Json::parse_event_t::object_start:
            names.emplace_back();
            break;
        case Json::parse_event_t::object_end:
            if (!names.empty())
                names.pop_back();
            break;
        case Json::parse_event_t::key:
            if (!names.empty() && !names.back().insert(parsed.get<std::string>()).second &&
                duplicate.empty())
                duplicate = parsed.get<std::string>();
            break;
        default:
            break;
        }
        return true;
    };
    Json document;
    try {
        document = Json::parse(text.begin(), text.end(), callback);
    } catch (const Json::parse_error &e) {
        return jwtError(Reason::Malformed,
                        QStringLiteral("%1 is not valid JSON (at byte %2): %3")
                            .arg(what)
                            .arg(e.byte)
                            .arg(QString::fromUtf8(e.what()).section(QLatin1Char(':'), -1)
                                     .trimmed()));
    }
    if (!duplicate.empty())
        return jwtError(Reason::Malformed,
                        QStringLiteral("%1 names the member \"%2\" twice; JOSE refuses duplicate "
                                       "member names because parsers disagree on which one wins.")
                            .arg(what, QString::fromStdString(duplicate)));
    if (!document.is_object())
        return jwtError(Reason::Malformed,
                        QStringLiteral("%1 is JSON but not a JSON object ({...}).").arg(what));
    return toQt(document).toObject();
}

} // namespace Gatehouse::Core::Jwt
