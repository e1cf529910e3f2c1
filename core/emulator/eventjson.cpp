#include "eventjson.h"

#include <QHostAddress>
#include <QRandomGenerator>

namespace Gatehouse::Emulator::EventJson {

QString sourceIp(const Core::HttpRequest &request)
{
    bool mapped = false;
    const quint32 v4 = request.peerAddress.toIPv4Address(&mapped);
    if (mapped)
        return QHostAddress(v4).toString();
    return request.peerAddress.toString();
}

QByteArray newTraceId(qint64 epochMs)
{
    QByteArray random(12, Qt::Uninitialized);
    for (char &c : random)
        c = char(QRandomGenerator::global()->bounded(256));
    return "Root=1-" + QByteArray::number(epochMs / 1000, 16).rightJustified(8, '0') + '-' + random.toHex();
}

std::optional<QByteArray> headerValue(const Json &value)
{
    QByteArray out;
    if (value.is_string())
        out = QByteArray::fromStdString(value.get<std::string>());
    else if (value.is_number() || value.is_boolean())
        out = QByteArray::fromStdString(value.dump());
    else
        return std::nullopt;
    if (out.contains('\r') || out.contains('\n'))
        return std::nullopt;
    return out;
}

Json jwtAuthorizer(const QList<QPair<QString, QString>> &claims, const std::optional<QStringList> &scopes)
{
    Json jwt = Json::object();
    Json claimObject = Json::object();
    for (const auto &[key, value] : claims)
        claimObject[str(key)] = str(value);
    jwt["claims"] = std::move(claimObject);
    if (scopes) {
        Json list = Json::array();
        for (const QString &scope : *scopes)
            list.push_back(str(scope));
        jwt["scopes"] = std::move(list);
    } else {
        jwt["scopes"] = nullptr;
    }
    return jwt;
}

} // namespace Gatehouse::Emulator::EventJson
