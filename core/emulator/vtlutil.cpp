// $util and its namespaces as AppSync documents them ("Resolver mapping template utility
// reference"): errors, type checks, encoders, $util.time, $util.dynamodb, $util.list,
// $util.map, $util.str and $util.math.
#include "vtlrenderer.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUrl>
#include <QUuid>

#include <algorithm>
#include <cmath>
#include <optional>

namespace Gatehouse::Emulator::Vtl {

namespace {

bool isBlank(const Value &v)
{
    return v.isNull() || (v.isString() && v.asString().trimmed().isEmpty());
}

bool isEmpty(const Value &v)
{
    return v.isNull() || (v.isString() && v.asString().isEmpty()) || (v.isList() && v.items().empty())
        || (v.isMap() && v.entries().entries.empty());
}

// Apache Commons Lang's StringEscapeUtils.escapeJavaScript, which AppSync's helper wraps.
QString escapeJavaScript(const QString &s)
{
    QString out;
    out.reserve(s.size() + 8);
    for (const QChar c : s) {
        const ushort u = c.unicode();
        switch (u) {
        case '\b': out += QLatin1String("\\b"); break;
        case '\n': out += QLatin1String("\\n"); break;
        case '\t': out += QLatin1String("\\t"); break;
        case '\f': out += QLatin1String("\\f"); break;
        case '\r': out += QLatin1String("\\r"); break;
        case '\'': out += QLatin1String("\\'"); break;
        case '"': out += QLatin1String("\\\""); break;
        case '\\': out += QLatin1String("\\\\"); break;
        case '/': out += QLatin1String("\\/"); break;
        default:
            if (u < 0x20 || u > 0x7f)
                out += QStringLiteral("\\u%1").arg(u, 4, 16, QLatin1Char('0')).toUpper().replace(QLatin1String("\\U"), QLatin1String("\\u"));
            else
                out += c;
        }
    }
    return out;
}

// java.net.URLEncoder with UTF-8: letters, digits and .-*_ stay, a space becomes +.
QString urlEncode(const QString &s)
{
    QString out;
    const QByteArray utf8 = s.toUtf8();
    for (const char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
            || c == '-' || c == '*' || c == '_')
            out += QLatin1Char(char(c));
        else if (c == ' ')
            out += QLatin1Char('+');
        else
            out += QStringLiteral("%%1").arg(uint(c), 2, 16, QLatin1Char('0')).toUpper();
    }
    return out;
}

QString urlDecode(const QString &s)
{
    QString plus = s;
    plus.replace(QLatin1Char('+'), QLatin1Char(' '));
    return QUrl::fromPercentEncoding(plus.toUtf8());
}

QString ulid()
{
    static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    quint64 time = quint64(QDateTime::currentMSecsSinceEpoch());
    QString out(26, QLatin1Char('0'));
    for (int i = 9; i >= 0; --i) {
        out[i] = QLatin1Char(alphabet[time & 31]);
        time >>= 5;
    }
    for (int i = 10; i < 26; ++i)
        out[i] = QLatin1Char(alphabet[QRandomGenerator::global()->bounded(32)]);
    return out;
}

// A KSUID: 4 bytes of seconds since 2014-05-13 (KSUID's epoch, 1400000000) and 16 random
// bytes, base62 (0-9A-Za-z) in 27 characters, so ids sort by creation time.
QString ksuid()
{
    std::vector<quint8> bytes(20);
    const quint32 seconds = quint32(QDateTime::currentSecsSinceEpoch() - 1400000000);
    for (int i = 0; i < 4; ++i)
        bytes[size_t(i)] = quint8(seconds >> (24 - 8 * i));
    for (size_t i = 4; i < bytes.size(); ++i)
        bytes[i] = quint8(QRandomGenerator::global()->bounded(256));
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QString out(27, QLatin1Char('0'));
    for (int position = 26; position >= 0; --position) {
        quint32 remainder = 0; // one long division of the 160-bit number by 62
        for (quint8 &byte : bytes) {
            const quint32 value = (remainder << 8) | byte;
            byte = quint8(value / 62);
            remainder = value % 62;
        }
        out[position] = QLatin1Char(alphabet[remainder]);
    }
    return out;
}

// java.time's DateTimeFormatter letters that templates use: y M d H h m s S a E Z X z and
// 'quoted' text.
QString formatJava(const QDateTime &time, const QString &pattern)
{
    QString out;
    for (qsizetype i = 0; i < pattern.size();) {
        const QChar c = pattern.at(i);
        if (c == QLatin1Char('\'')) {
            const qsizetype close = pattern.indexOf(QLatin1Char('\''), i + 1);
            if (close == i + 1) {
                out += QLatin1Char('\'');
                i += 2;
                continue;
            }
            const qsizetype end = close < 0 ? pattern.size() : close;
            out += pattern.mid(i + 1, end - i - 1);
            i = end + 1;
            continue;
        }
        if (!c.isLetter()) {
            out += c;
            ++i;
            continue;
        }
        qsizetype run = 1;
        while (i + run < pattern.size() && pattern.at(i + run) == c)
            ++run;
        i += run;
        const QDate date = time.date();
        const QTime t = time.time();
        const auto pad = [&](int value, qsizetype width) {
            return QStringLiteral("%1").arg(value, int(width), 10, QLatin1Char('0'));
        };
        const int offset = time.offsetFromUtc();
        const auto offsetText = [&](bool colon, bool zForZero) -> QString {
            if (offset == 0 && zForZero)
                return QStringLiteral("Z");
            const int minutes = std::abs(offset) / 60;
            return QString(offset < 0 ? QLatin1Char('-') : QLatin1Char('+')) + pad(minutes / 60, 2)
                + (colon ? QStringLiteral(":") : QString()) + pad(minutes % 60, 2);
        };
        switch (c.unicode()) {
        case 'y':
        case 'u':
            out += run == 2 ? pad(date.year() % 100, 2) : pad(date.year(), run);
            break;
        case 'M':
            out += run >= 4 ? QLocale::c().monthName(date.month())
                 : run == 3 ? QLocale::c().monthName(date.month(), QLocale::ShortFormat)
                            : pad(date.month(), run);
            break;
        case 'd': out += pad(date.day(), run); break;
        case 'H': out += pad(t.hour(), run); break;
        case 'h': out += pad(t.hour() % 12 == 0 ? 12 : t.hour() % 12, run); break;
        case 'm': out += pad(t.minute(), run); break;
        case 's': out += pad(t.second(), run); break;
        case 'S': out += pad(t.msec(), 3).left(run).leftJustified(run, QLatin1Char('0')); break;
        case 'a': out += t.hour() < 12 ? QStringLiteral("AM") : QStringLiteral("PM"); break;
        case 'E':
            out += run >= 4 ? QLocale::c().dayName(date.dayOfWeek())
                            : QLocale::c().dayName(date.dayOfWeek(), QLocale::ShortFormat);
            break;
        case 'Z': out += offsetText(false, false); break;
        case 'X': out += offsetText(run >= 3, true); break;
        case 'x': out += offsetText(run >= 3, false); break;
        case 'z': out += time.timeZoneAbbreviation(); break;
        default: out += QString(run, c); break;
        }
    }
    return out;
}

// The reverse of formatJava for the numeric letters (y M d H h m s S a Z X): the pattern becomes
// a regular expression, the captured numbers a date-time in `zone` unless the text names its
// own offset. False when the text does not fit the pattern.
bool parseJava(const QString &text, const QString &pattern, const QTimeZone &zone, QDateTime *out)
{
    QString regex = QStringLiteral("^");
    QList<QChar> fields;
    for (qsizetype i = 0; i < pattern.size();) {
        const QChar c = pattern.at(i);
        if (c == QLatin1Char('\'')) {
            const qsizetype close = pattern.indexOf(QLatin1Char('\''), i + 1);
            const qsizetype end = close < 0 ? pattern.size() : close;
            regex += QRegularExpression::escape(close == i + 1 ? QStringLiteral("'") : pattern.mid(i + 1, end - i - 1));
            i = end + 1;
            continue;
        }
        qsizetype run = 1;
        while (c.isLetter() && i + run < pattern.size() && pattern.at(i + run) == c)
            ++run;
        i += run;
        switch (c.unicode()) {
        case 'y': case 'u': case 'M': case 'd': case 'H': case 'h': case 'm': case 's':
            regex += run == 1 ? QStringLiteral("(\\d{1,%1})").arg(c == QLatin1Char('y') ? 9 : 2)
                              : QStringLiteral("(\\d{%1})").arg(run);
            fields << c;
            break;
        case 'S':
            regex += QStringLiteral("(\\d{%1})").arg(run);
            fields << c;
            break;
        case 'a':
            regex += QStringLiteral("(AM|PM)");
            fields << c;
            break;
        case 'Z': case 'X': case 'x':
            regex += QStringLiteral("(Z|[+-]\\d\\d:?\\d\\d)");
            fields << QLatin1Char('Z');
            break;
        default:
            if (c.isLetter())
                return false; // a letter this parser does not read (names of months, days, zones)
            regex += QRegularExpression::escape(QString(run, c));
        }
    }
    const QRegularExpressionMatch match = QRegularExpression(regex + QLatin1Char('$')).match(text);
    if (!match.hasMatch())
        return false;
    int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, msec = 0;
    bool pm = false, twelveHour = false;
    std::optional<int> offset;
    for (qsizetype f = 0; f < fields.size(); ++f) {
        const QString value = match.captured(int(f) + 1);
        switch (fields[f].unicode()) {
        case 'y': case 'u': year = value.size() == 2 ? 2000 + value.toInt() : value.toInt(); break;
        case 'M': month = value.toInt(); break;
        case 'd': day = value.toInt(); break;
        case 'H': hour = value.toInt(); break;
        case 'h': hour = value.toInt() % 12; twelveHour = true; break;
        case 'm': minute = value.toInt(); break;
        case 's': second = value.toInt(); break;
        case 'S': msec = QStringView(value).left(3).toString().leftJustified(3, QLatin1Char('0')).toInt(); break;
        case 'a': pm = value == QLatin1String("PM"); break;
        case 'Z':
            if (value == QLatin1String("Z")) {
                offset = 0;
            } else {
                const QString digits = QString(value).remove(QLatin1Char(':'));
                const int minutes = digits.mid(1, 2).toInt() * 60 + digits.mid(3, 2).toInt();
                offset = (value.startsWith(QLatin1Char('-')) ? -60 : 60) * minutes;
            }
            break;
        }
    }
    if (twelveHour && pm)
        hour += 12;
    const QDate date(year, month, day);
    const QTime time(hour, minute, second, msec);
    if (!date.isValid() || !time.isValid())
        return false;
    *out = offset ? QDateTime(date, time, QTimeZone(*offset)) : QDateTime(date, time, zone);
    return out->isValid();
}

bool timeZone(const ValueList &args, size_t index, QTimeZone *zone, QString *problem)
{
    if (args.size() <= index) {
        *zone = QTimeZone::utc();
        return true;
    }
    const QByteArray id = args[index].toText().toUtf8();
    *zone = id == "UTC" || id == "GMT" || id == "Z" ? QTimeZone::utc() : QTimeZone(id);
    if (!zone->isValid()) {
        *problem = VtlText::tr("'%1' is not a time zone; use an IANA name such as Europe/Berlin or UTC").arg(args[index].toText());
        return false;
    }
    return true;
}

QString iso8601(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

Value toDynamoDB(const Value &v)
{
    Value out = Value::map();
    ValueMap &m = out.entries();
    switch (v.kind()) {
    case Value::Kind::Null: m.put(QStringLiteral("NULL"), Value::boolean(true)); break;
    case Value::Kind::Bool: m.put(QStringLiteral("BOOL"), v); break;
    case Value::Kind::Int:
    case Value::Kind::Double: m.put(QStringLiteral("N"), v); break;
    case Value::Kind::String:
    case Value::Kind::Object: m.put(QStringLiteral("S"), Value::string(v.asString())); break;
    case Value::Kind::List: {
        ValueList items;
        for (const Value &item : v.items())
            items.push_back(toDynamoDB(item));
        m.put(QStringLiteral("L"), Value::list(std::move(items)));
        break;
    }
    case Value::Kind::Map: {
        Value inner = Value::map();
        for (const auto &[key, item] : v.entries().entries)
            inner.entries().put(key, toDynamoDB(item));
        m.put(QStringLiteral("M"), inner);
        break;
    }
    }
    return out;
}

Value single(const char *type, const Value &v)
{
    Value out = Value::map();
    out.entries().put(QLatin1String(type), v);
    return out;
}

bool dynamodb(const QString &fullName, ValueList &args, Value *out, QString *problem)
{
    QString name = fullName;
    const bool json = name.endsWith(QLatin1String("Json"));
    if (json)
        name.chop(4);
    if (name == QLatin1String("toNull") && args.empty()) {
        const Value result = single("NULL", Value::boolean(true));
        *out = json ? Value::string(QString::fromUtf8(result.toJson())) : result;
        return true;
    }
    if (args.size() != 1) {
        *problem = VtlText::tr("$util.dynamodb.%1 takes one argument").arg(fullName);
        return false;
    }
    const Value &v = args[0];
    const auto need = [&](bool ok, const char *what) {
        if (!ok)
            *problem = VtlText::tr("$util.dynamodb.%1 needs %2, not %3").arg(fullName, QLatin1String(what),
                                                                    v.isNull() ? QStringLiteral("null") : v.typeName());
        return ok;
    };
    Value result;
    if (name == QLatin1String("toDynamoDB")) {
        result = toDynamoDB(v);
    } else if (name == QLatin1String("toString")) {
        if (!need(v.isString(), "a string")) return false;
        result = single("S", v);
    } else if (name == QLatin1String("toNumber")) {
        if (!need(v.isNumber(), "a number")) return false;
        result = single("N", v);
    } else if (name == QLatin1String("toBoolean")) {
        if (!need(v.kind() == Value::Kind::Bool, "true or false")) return false;
        result = single("BOOL", v);
    } else if (name == QLatin1String("toNull")) {
        result = single("NULL", Value::boolean(true));
    } else if (name == QLatin1String("toBinary")) {
        if (!need(v.isString(), "a base64 string")) return false;
        result = single("B", v);
    } else if (name == QLatin1String("toStringSet") || name == QLatin1String("toNumberSet")
               || name == QLatin1String("toBinarySet")) {
        if (!need(v.isList(), "a list")) return false;
        const bool numbers = name == QLatin1String("toNumberSet");
        for (const Value &item : v.items()) {
            if (numbers ? !item.isNumber() : !item.isString()) {
                *problem = VtlText::tr("$util.dynamodb.%1 needs a list of %2, but it holds %3")
                               .arg(fullName, numbers ? VtlText::tr("numbers") : VtlText::tr("strings"), item.toText());
                return false;
            }
        }
        result = single(numbers ? "NS" : name == QLatin1String("toStringSet") ? "SS" : "BS", v);
    } else if (name == QLatin1String("toList")) {
        if (!need(v.isList(), "a list")) return false;
        result = toDynamoDB(v);
    } else if (name == QLatin1String("toMap")) {
        if (!need(v.isMap(), "a map")) return false;
        result = toDynamoDB(v);
    } else if (name == QLatin1String("toMapValues")) {
        if (!need(v.isMap(), "a map")) return false;
        result = toDynamoDB(v).entries().get(QStringLiteral("M"));
    } else {
        *problem = VtlText::tr("$util.dynamodb has no %1 in Gatehouse's emulator").arg(fullName);
        return false;
    }
    *out = json ? Value::string(QString::fromUtf8(result.toJson())) : result;
    return true;
}

} // namespace

bool Renderer::callUtil(const QString &space, const QString &name, ValueList &args, Value *out,
                        QString *problem)
{
    const auto n = args.size();
    const auto wrong = [&]() {
        *problem = VtlText::tr("$%1.%2 does not take (%3)").arg(space, name).arg(n == 0 ? VtlText::tr("no arguments") : VtlText::tr("%1 argument(s)").arg(n));
        return false;
    };
    const auto is = [&](const char *candidate) { return name == QLatin1String(candidate); };

    if (space == QLatin1String("util.dynamodb"))
        return dynamodb(name, args, out, problem);

    if (space == QLatin1String("util.time")) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QTimeZone zone;
        if (is("nowISO8601") && n == 0) *out = Value::string(iso8601(now));
        else if (is("nowEpochSeconds") && n == 0) *out = Value::integer(now.toSecsSinceEpoch());
        else if (is("nowEpochMilliSeconds") && n == 0) *out = Value::integer(now.toMSecsSinceEpoch());
        else if (is("nowFormatted") && (n == 1 || n == 2)) {
            if (!timeZone(args, 1, &zone, problem)) return false;
            *out = Value::string(formatJava(now.toTimeZone(zone), args[0].toText()));
        } else if (is("parseISO8601ToEpochMilliSeconds") && n == 1) {
            const QDateTime parsed = QDateTime::fromString(args[0].toText(), Qt::ISODateWithMs);
            if (!parsed.isValid()) {
                *problem = VtlText::tr("'%1' is not an ISO 8601 date-time such as 2018-02-01T17:21:05.000Z").arg(args[0].toText());
                return false;
            }
            *out = Value::integer(parsed.toMSecsSinceEpoch());
        } else if (is("epochMilliSecondsToSeconds") && n == 1 && args[0].isNumber()) {
            *out = Value::integer(args[0].asInt() / 1000);
        } else if (is("epochMilliSecondsToISO8601") && n == 1 && args[0].isNumber()) {
            *out = Value::string(iso8601(QDateTime::fromMSecsSinceEpoch(args[0].asInt(), QTimeZone::utc())));
        } else if (is("parseFormattedToEpochMilliSeconds") && (n == 2 || n == 3)) {
            if (!timeZone(args, 2, &zone, problem)) return false;
            QDateTime parsed;
            if (!parseJava(args[0].toText(), args[1].toText(), zone, &parsed)) {
                *problem = VtlText::tr("'%1' does not match the pattern '%2' (the numeric letters y M d H h m s S a and the offsets Z X are read)")
                               .arg(args[0].toText(), args[1].toText());
                return false;
            }
            *out = Value::integer(parsed.toMSecsSinceEpoch());
        } else if (is("epochMilliSecondsToFormatted") && (n == 2 || n == 3) && args[0].isNumber()) {
            if (!timeZone(args, 2, &zone, problem)) return false;
            *out = Value::string(formatJava(QDateTime::fromMSecsSinceEpoch(args[0].asInt(), zone), args[1].toText()));
        } else {
            return wrong();
        }
        return true;
    }

    if (space == QLatin1String("util.list")) {
        if ((is("copyAndRetainAll") || is("copyAndRemoveAll")) && n == 2 && args[0].isList() && args[1].isList()) {
            const bool retain = is("copyAndRetainAll");
            ValueList kept;
            for (const Value &item : args[0].items()) {
                const bool listed = std::any_of(args[1].items().begin(), args[1].items().end(),
                                                [&](const Value &other) { return other.equals(item); });
                if (listed == retain)
                    kept.push_back(item);
            }
            *out = Value::list(std::move(kept));
        } else if (is("sortList") && n == 3 && args[0].isList()) {
            // Sorts a copy; strings and numbers by value, maps by the named property.
            ValueList sorted = args[0].items();
            const bool descending = truthy(args[1]);
            const QString property = args[2].toText();
            const auto key = [&](const Value &v) { return v.isMap() && !property.isEmpty() ? v.entries().get(property) : v; };
            std::stable_sort(sorted.begin(), sorted.end(), [&](const Value &a, const Value &b) {
                const Value ka = key(descending ? b : a);
                const Value kb = key(descending ? a : b);
                if (ka.isNumber() && kb.isNumber())
                    return ka.asDouble() < kb.asDouble();
                return ka.toText() < kb.toText();
            });
            *out = Value::list(std::move(sorted));
        } else {
            return wrong();
        }
        return true;
    }

    if (space == QLatin1String("util.map")) {
        if ((is("copyAndRetainAllKeys") || is("copyAndRemoveAllKeys")) && n == 2 && args[0].isMap() && args[1].isList()) {
            const bool retain = is("copyAndRetainAllKeys");
            Value copy = Value::map();
            for (const auto &entry : args[0].entries().entries) {
                const bool listed = std::any_of(args[1].items().begin(), args[1].items().end(),
                                                [&](const Value &k) { return k.toText() == entry.first; });
                if (listed == retain)
                    copy.entries().entries.push_back(entry);
            }
            *out = copy;
        } else {
            return wrong();
        }
        return true;
    }

    if (space == QLatin1String("util.str")) {
        if (is("toUpper") && n == 1) *out = Value::string(args[0].toText().toUpper());
        else if (is("toLower") && n == 1) *out = Value::string(args[0].toText().toLower());
        else if (is("toReplace") && n == 3) *out = Value::string(args[0].toText().replace(args[1].toText(), args[2].toText()));
        else if (is("normalize") && n == 2) {
            const QString form = args[1].toText().toLower();
            const QString s = args[0].toText();
            if (form == QLatin1String("nfc")) *out = Value::string(s.normalized(QString::NormalizationForm_C));
            else if (form == QLatin1String("nfd")) *out = Value::string(s.normalized(QString::NormalizationForm_D));
            else if (form == QLatin1String("nfkc")) *out = Value::string(s.normalized(QString::NormalizationForm_KC));
            else if (form == QLatin1String("nfkd")) *out = Value::string(s.normalized(QString::NormalizationForm_KD));
            else {
                *problem = VtlText::tr("$util.str.normalize: '%1' is not a form; use nfc, nfd, nfkc or nfkd").arg(args[1].toText());
                return false;
            }
        } else {
            return wrong();
        }
        return true;
    }

    if (space == QLatin1String("util.math")) {
        const bool numbers = std::all_of(args.begin(), args.end(), [](const Value &v) { return v.isNumber(); });
        if (is("roundNum") && n == 1 && numbers) *out = Value::integer(qint64(std::floor(args[0].asDouble() + 0.5)));
        else if (is("minVal") && n == 2 && numbers) *out = Value::real(std::min(args[0].asDouble(), args[1].asDouble()));
        else if (is("maxVal") && n == 2 && numbers) *out = Value::real(std::max(args[0].asDouble(), args[1].asDouble()));
        else if (is("randomDouble") && n == 0) *out = Value::real(QRandomGenerator::global()->generateDouble());
        else if (is("randomWithinRange") && n == 2 && numbers && args[0].asInt() <= args[1].asInt())
            *out = Value::integer(args[0].asInt() + qint64(QRandomGenerator::global()->bounded(quint64(args[1].asInt() - args[0].asInt() + 1))));
        else
            return wrong();
        return true;
    }

    if (space != QLatin1String("util")) {
        *problem = VtlText::tr("$%1 is not known").arg(space);
        return false;
    }
    const auto fieldError = [&](FieldError *error) {
        error->message = n > 0 ? args[0].toText() : QString();
        error->type = n > 1 && !args[1].isNull() ? args[1].toText() : QString();
        error->data = n > 2 ? args[2].toJson() : QByteArray("null");
        error->info = n > 3 ? args[3].toJson() : QByteArray("null");
    };
    // The void helpers render as nothing, so a bare $util.appendError(...) leaves the JSON intact.
    if ((is("error") || is("appendError")) && n >= 1 && n <= 4) {
        FieldError error;
        fieldError(&error);
        if (is("appendError")) {
            m_output->appended.push_back(error);
            *out = Value::string(QString());
        } else {
            m_output->failed = true;
            m_output->error = error;
            stop();
        }
    } else if (is("unauthorized") && n == 0) {
        m_output->failed = true;
        m_output->error = FieldError{QStringLiteral("Unauthorized"), QStringLiteral("Unauthorized")};
        stop();
    } else if (is("validate") && n >= 2 && n <= 4) {
        if (truthy(args[0])) {
            *out = Value::string(QString());
        } else {
            m_output->failed = true;
            m_output->error.message = args[1].toText();
            m_output->error.type = n > 2 ? args[2].toText() : QStringLiteral("CustomTemplateException");
            m_output->error.data = n > 3 ? args[3].toJson() : QByteArray("null");
            stop();
        }
    } else if (is("toJson") && n == 1) *out = Value::string(QString::fromUtf8(args[0].toJson()));
    else if (is("parseJson") && n == 1) {
        if (!valueFromJson(args[0].toText().toUtf8(), out, problem)) {
            *problem = VtlText::tr("$util.parseJson: '%1' %2").arg(args[0].toText().left(40), *problem);
            return false;
        }
    } else if (is("escapeJavaScript") && n == 1) *out = Value::string(escapeJavaScript(args[0].toText()));
    else if (is("urlEncode") && n == 1) *out = Value::string(urlEncode(args[0].toText()));
    else if (is("urlDecode") && n == 1) *out = Value::string(urlDecode(args[0].toText()));
    else if (is("base64Encode") && n == 1) *out = Value::string(QString::fromLatin1(args[0].toText().toUtf8().toBase64()));
    else if (is("base64Decode") && n == 1) *out = Value::string(QString::fromUtf8(QByteArray::fromBase64(args[0].toText().toLatin1())));
    else if (is("autoId") && n == 0) *out = Value::string(QUuid::createUuid().toString(QUuid::WithoutBraces));
    else if (is("autoUlid") && n == 0) *out = Value::string(ulid());
    else if (is("autoKsuid") && n == 0) *out = Value::string(ksuid());
    else if (is("isNull") && n == 1) *out = Value::boolean(args[0].isNull());
    else if (is("isNullOrEmpty") && n == 1) *out = Value::boolean(isEmpty(args[0]));
    else if (is("isNullOrBlank") && n == 1) *out = Value::boolean(isBlank(args[0]));
    else if (is("defaultIfNull") && n == 2) *out = args[0].isNull() ? args[1] : args[0];
    else if (is("defaultIfNullOrEmpty") && n == 2) *out = isEmpty(args[0]) ? args[1] : args[0];
    else if (is("defaultIfNullOrBlank") && n == 2) *out = isBlank(args[0]) ? args[1] : args[0];
    else if (is("isString") && n == 1) *out = Value::boolean(args[0].isString());
    else if (is("isNumber") && n == 1) *out = Value::boolean(args[0].isNumber());
    else if (is("isBoolean") && n == 1) *out = Value::boolean(args[0].kind() == Value::Kind::Bool);
    else if (is("isList") && n == 1) *out = Value::boolean(args[0].isList());
    else if (is("isMap") && n == 1) *out = Value::boolean(args[0].isMap());
    else if (is("typeOf") && n == 1) {
        const Value &v = args[0];
        *out = Value::string(v.isNull() ? QStringLiteral("Null") : v.isNumber() ? QStringLiteral("Number")
                             : v.isString() ? QStringLiteral("String") : v.isMap() ? QStringLiteral("Map")
                             : v.isList() ? QStringLiteral("List") : v.kind() == Value::Kind::Bool ? QStringLiteral("Boolean")
                             : QStringLiteral("Object"));
    } else if (is("matches") && n == 2) {
        const QRegularExpression re(QRegularExpression::anchoredPattern(args[0].toText()));
        if (!re.isValid()) {
            *problem = VtlText::tr("'%1' is not a regular expression: %2").arg(args[0].toText(), re.errorString());
            return false;
        }
        *out = Value::boolean(re.match(args[1].toText()).hasMatch());
    } else if ((is("qr") || is("quiet")) && n == 1) {
        *out = Value::string(QString());
    } else if (is("isNullOrEmpty") || is("toJson") || is("error") || is("validate")) {
        return wrong();
    } else {
        *problem = VtlText::tr("$util has no %1 in Gatehouse's emulator (see ARCHITECTURE.md for what is supported)").arg(name);
        return false;
    }
    return true;
}

} // namespace Gatehouse::Emulator::Vtl
