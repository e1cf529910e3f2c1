#include "cognitoidpwire.h"

#include <QUuid>
#include <openssl/rand.h>

namespace Gatehouse::Emulator::CognitoWire {

Core::Error error(const char *type, const QString &message)
{
    Core::Error e = Core::makeError(Core::ErrorCode::Service, message);
    e.awsCode = QLatin1String(type);
    e.httpStatus = 400;
    return e;
}

Core::Error missing(const QString &member)
{
    QString name = member;
    if (!name.isEmpty())
        name[0] = name.at(0).toLower();
    return error("InvalidParameterException",
                 QStringLiteral("1 validation error detected: Value null at '%1' failed to satisfy "
                                "constraint: Member must not be null")
                     .arg(name));
}

QString string(const QJsonObject &in, const char *member)
{
    return in.value(QLatin1String(member)).toString();
}

QJsonArray attributes(const QList<QPair<QString, QString>> &pairs)
{
    QJsonArray out;
    for (const auto &p : pairs)
        out.append(
            QJsonObject{{QStringLiteral("Name"), p.first}, {QStringLiteral("Value"), p.second}});
    return out;
}

QList<QPair<QString, QString>> attributes(const QJsonValue &list)
{
    QList<QPair<QString, QString>> out;
    for (const QJsonValue &v : list.toArray()) {
        const QJsonObject o = v.toObject();
        const QString name = o.value(QStringLiteral("Name")).toString();
        if (!name.isEmpty())
            out.append({name, o.value(QStringLiteral("Value")).toString()});
    }
    return out;
}

double epoch(const QDateTime &time)
{
    return double(time.toMSecsSinceEpoch()) / 1000.0;
}

static QByteArray randomBytes(int count)
{
    QByteArray bytes(count, '\0');
    RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), count);
    return bytes;
}

QString randomBase64(int bytes)
{
    return QString::fromLatin1(randomBytes(bytes).toBase64());
}

QString randomBase64Url(int bytes)
{
    return QString::fromLatin1(randomBytes(bytes).toBase64(QByteArray::Base64UrlEncoding |
                                                           QByteArray::OmitTrailingEquals));
}

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString maskDestination(const QString &value)
{
    const qsizetype at = value.indexOf(QLatin1Char('@'));
    if (at > 0 && at + 1 < value.size())
        return value.left(1) + QStringLiteral("***@") + value.mid(at + 1, 1) +
               QStringLiteral("***");
    if (value.startsWith(QLatin1Char('+')) && value.size() > 5)
        return QLatin1Char('+') + QString(value.size() - 5, QLatin1Char('*')) + value.right(4);
    return QStringLiteral("***");
}

} // namespace Gatehouse::Emulator::CognitoWire
