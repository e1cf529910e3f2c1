// The Java methods AppSync templates call on values: java.lang.String, java.util.List and
// java.util.Map (with Map.Entry as a {key, value} map), argument checks worded for a person.
#include "vtlrenderer.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace Gatehouse::Emulator::Vtl {

namespace {

// What a type offers, named in the error when a call does not match, so the fix is in sight.
const char *const stringMethods = "length, isEmpty, isBlank, contains, startsWith, endsWith, indexOf, "
                                  "lastIndexOf, substring, charAt, toLowerCase, toUpperCase, trim, concat, "
                                  "equals, equalsIgnoreCase, replace, replaceAll, replaceFirst, matches, split, toString";
const char *const listMethods = "size, isEmpty, add, addAll, get, set, contains, indexOf, remove, clear, "
                                "subList, equals, toString";
const char *const mapMethods = "put, putAll, get, getOrDefault, containsKey, containsValue, keySet, values, "
                               "entrySet, remove, size, isEmpty, clear, equals, toString";

QString noSuchMethod(const char *type, const QString &name, const QString &arguments, const char *methods)
{
    return VtlText::tr("%1 has no method %2(%3); it has %4")
        .arg(QLatin1String(type), name, arguments, QLatin1String(methods));
}

QString describe(const ValueList &args)
{
    QStringList kinds;
    for (const Value &arg : args)
        kinds << (arg.isNull() ? QStringLiteral("null") : arg.typeName());
    return kinds.join(QStringLiteral(", "));
}

// Java regular expressions read by QRegularExpression: the common syntax is the same. A
// Java replacement's $1 becomes \1.
QString javaReplacement(const QString &replacement)
{
    QString out;
    for (qsizetype i = 0; i < replacement.size(); ++i) {
        const QChar c = replacement.at(i);
        if (c == QLatin1Char('\\') && i + 1 < replacement.size()) {
            out += replacement.at(++i);
            if (out.endsWith(QLatin1Char('\\')))
                out += QLatin1Char('\\');
        } else if (c == QLatin1Char('$') && i + 1 < replacement.size() && replacement.at(i + 1).isDigit()) {
            out += QLatin1Char('\\');
        } else {
            out += c;
        }
    }
    return out;
}

bool stringMethod(const QString &s, const QString &name, ValueList &args, Value *out, QString *problem)
{
    const auto n = args.size();
    const auto str = [&](size_t i) { return args[i].toText(); };
    const auto isInt = [&](size_t i) { return args[i].kind() == Value::Kind::Int; };
    if (name == QLatin1String("length") && n == 0) *out = Value::integer(s.size());
    else if (name == QLatin1String("isEmpty") && n == 0) *out = Value::boolean(s.isEmpty());
    else if (name == QLatin1String("isBlank") && n == 0) *out = Value::boolean(s.trimmed().isEmpty());
    else if (name == QLatin1String("contains") && n == 1) *out = Value::boolean(s.contains(str(0)));
    else if (name == QLatin1String("startsWith") && n == 1) *out = Value::boolean(s.startsWith(str(0)));
    else if (name == QLatin1String("endsWith") && n == 1) *out = Value::boolean(s.endsWith(str(0)));
    else if (name == QLatin1String("indexOf") && (n == 1 || (n == 2 && isInt(1))))
        *out = Value::integer(s.indexOf(str(0), n == 2 ? args[1].asInt() : 0));
    else if (name == QLatin1String("lastIndexOf") && n == 1) *out = Value::integer(s.lastIndexOf(str(0)));
    else if (name == QLatin1String("substring") && n >= 1 && n <= 2 && isInt(0) && (n == 1 || isInt(1))) {
        const qint64 begin = args[0].asInt();
        const qint64 end = n == 2 ? args[1].asInt() : s.size();
        if (begin < 0 || end > s.size() || begin > end) {
            *problem = VtlText::tr("substring(%1, %2) is outside the string of length %3").arg(begin).arg(end).arg(s.size());
            return false;
        }
        *out = Value::string(s.mid(begin, end - begin));
    } else if (name == QLatin1String("charAt") && n == 1 && isInt(0)) {
        const qint64 i = args[0].asInt();
        if (i < 0 || i >= s.size()) {
            *problem = VtlText::tr("charAt(%1) is outside the string of length %2").arg(i).arg(s.size());
            return false;
        }
        *out = Value::string(QString(s.at(i)));
    } else if (name == QLatin1String("toLowerCase") && n == 0) *out = Value::string(s.toLower());
    else if (name == QLatin1String("toUpperCase") && n == 0) *out = Value::string(s.toUpper());
    else if (name == QLatin1String("trim") && n == 0) *out = Value::string(s.trimmed());
    else if (name == QLatin1String("concat") && n == 1) *out = Value::string(s + str(0));
    else if (name == QLatin1String("toString") && n == 0) *out = Value::string(s);
    else if (name == QLatin1String("equals") && n == 1) *out = Value::boolean(args[0].isString() && args[0].asString() == s);
    else if (name == QLatin1String("equalsIgnoreCase") && n == 1)
        *out = Value::boolean(args[0].isString() && args[0].asString().compare(s, Qt::CaseInsensitive) == 0);
    else if (name == QLatin1String("replace") && n == 2) *out = Value::string(QString(s).replace(str(0), str(1)));
    else if ((name == QLatin1String("replaceAll") || name == QLatin1String("replaceFirst")
              || name == QLatin1String("matches") || name == QLatin1String("split"))
             && n >= 1) {
        const QRegularExpression re(str(0));
        if (!re.isValid()) {
            *problem = VtlText::tr("%1 is not a regular expression: %2").arg(str(0), re.errorString());
            return false;
        }
        if (name == QLatin1String("matches") && n == 1) {
            const QRegularExpression whole(QRegularExpression::anchoredPattern(str(0)));
            *out = Value::boolean(whole.match(s).hasMatch());
        } else if (name == QLatin1String("replaceAll") && n == 2) {
            *out = Value::string(QString(s).replace(re, javaReplacement(str(1))));
        } else if (name == QLatin1String("replaceFirst") && n == 2) {
            const auto match = re.match(s);
            QString result = s;
            if (match.hasMatch()) {
                QString replaced = match.captured(0);
                replaced.replace(re, javaReplacement(str(1)));
                result = s.left(match.capturedStart()) + replaced + s.mid(match.capturedEnd());
            }
            *out = Value::string(result);
        } else if (name == QLatin1String("split") && (n == 1 || (n == 2 && isInt(1)))) {
            // Java's split: a limit of 0 drops trailing empty strings; a positive one caps the parts.
            const qint64 limit = n == 2 ? args[1].asInt() : 0;
            ValueList parts;
            qsizetype from = 0;
            auto it = re.globalMatch(s);
            while (it.hasNext()) {
                const auto match = it.next();
                if (limit > 0 && qint64(parts.size()) == limit - 1)
                    break;
                if (match.capturedLength() == 0 && match.capturedStart() == 0)
                    continue;
                if (match.capturedLength() == 0 && match.capturedStart() >= s.size())
                    break;
                parts.push_back(Value::string(s.mid(from, match.capturedStart() - from)));
                from = match.capturedEnd();
            }
            parts.push_back(Value::string(s.mid(from)));
            if (limit == 0) {
                while (parts.size() > 1 && parts.back().asString().isEmpty())
                    parts.pop_back();
                if (parts.size() == 1 && parts.back().asString().isEmpty() && !s.isEmpty())
                    parts.clear();
            }
            *out = Value::list(std::move(parts));
        } else {
            *problem = noSuchMethod("String", name, describe(args), stringMethods);
            return false;
        }
    } else {
        *problem = noSuchMethod("String", name, describe(args), stringMethods);
        return false;
    }
    return true;
}

bool listMethod(const Value &list, const QString &name, ValueList &args, Value *out, QString *problem)
{
    ValueList &items = list.items();
    const auto n = args.size();
    const auto indexOf = [&](const Value &needle) -> qint64 {
        for (size_t i = 0; i < items.size(); ++i) {
            if (items[i].equals(needle))
                return qint64(i);
        }
        return -1;
    };
    const auto checkIndex = [&](qint64 i, qint64 size) {
        if (i >= 0 && i < size)
            return true;
        *problem = VtlText::tr("%1(%2): index %2 is outside the list of %3 items").arg(name).arg(i).arg(items.size());
        return false;
    };
    if (name == QLatin1String("size") && n == 0) *out = Value::integer(qint64(items.size()));
    else if (name == QLatin1String("isEmpty") && n == 0) *out = Value::boolean(items.empty());
    else if (name == QLatin1String("add") && n == 1) {
        items.push_back(args[0]);
        *out = Value::boolean(true);
    } else if (name == QLatin1String("add") && n == 2 && args[0].kind() == Value::Kind::Int) {
        if (!checkIndex(args[0].asInt(), qint64(items.size()) + 1))
            return false;
        items.insert(items.begin() + args[0].asInt(), args[1]);
        *out = Value(); // void in Java
    } else if (name == QLatin1String("addAll") && n == 1 && args[0].isList()) {
        const ValueList more = args[0].items();
        items.insert(items.end(), more.begin(), more.end());
        *out = Value::boolean(!more.empty());
    } else if (name == QLatin1String("get") && n == 1 && args[0].kind() == Value::Kind::Int) {
        if (!checkIndex(args[0].asInt(), qint64(items.size())))
            return false;
        *out = items[size_t(args[0].asInt())];
    } else if (name == QLatin1String("set") && n == 2 && args[0].kind() == Value::Kind::Int) {
        if (!checkIndex(args[0].asInt(), qint64(items.size())))
            return false;
        *out = items[size_t(args[0].asInt())];
        items[size_t(args[0].asInt())] = args[1];
    } else if (name == QLatin1String("contains") && n == 1) *out = Value::boolean(indexOf(args[0]) >= 0);
    else if (name == QLatin1String("indexOf") && n == 1) *out = Value::integer(indexOf(args[0]));
    else if (name == QLatin1String("remove") && n == 1) {
        // Java picks remove(int index) for an Integer argument and remove(Object) otherwise.
        if (args[0].kind() == Value::Kind::Int) {
            if (!checkIndex(args[0].asInt(), qint64(items.size())))
                return false;
            *out = items[size_t(args[0].asInt())];
            items.erase(items.begin() + args[0].asInt());
        } else {
            const qint64 i = indexOf(args[0]);
            if (i >= 0)
                items.erase(items.begin() + i);
            *out = Value::boolean(i >= 0);
        }
    } else if (name == QLatin1String("clear") && n == 0) {
        items.clear();
        *out = Value();
    } else if (name == QLatin1String("subList") && n == 2 && args[0].kind() == Value::Kind::Int
               && args[1].kind() == Value::Kind::Int) {
        const qint64 from = args[0].asInt();
        const qint64 to = args[1].asInt();
        if (from < 0 || to > qint64(items.size()) || from > to) {
            *problem = VtlText::tr("subList(%1, %2) is outside the list of %3 items").arg(from).arg(to).arg(items.size());
            return false;
        }
        *out = Value::list(ValueList(items.begin() + from, items.begin() + to));
    } else if (name == QLatin1String("toString") && n == 0) *out = Value::string(list.toText());
    else if (name == QLatin1String("equals") && n == 1) *out = Value::boolean(list.equals(args[0]));
    else {
        *problem = noSuchMethod("List", name, describe(args), listMethods);
        return false;
    }
    return true;
}

bool mapMethod(const Value &map, const QString &name, ValueList &args, Value *out, QString *problem)
{
    ValueMap &m = map.entries();
    const auto n = args.size();
    if (name == QLatin1String("put") && n == 2) *out = m.put(args[0].toText(), args[1]);
    else if (name == QLatin1String("putAll") && n == 1 && args[0].isMap()) {
        const auto entries = args[0].entries().entries;
        for (const auto &[key, value] : entries)
            m.put(key, value);
        *out = Value();
    } else if (name == QLatin1String("get") && n == 1) *out = m.get(args[0].toText());
    else if (name == QLatin1String("getOrDefault") && n == 2) {
        const Value *found = m.find(args[0].toText());
        *out = found ? *found : args[1];
    } else if (name == QLatin1String("containsKey") && n == 1) *out = Value::boolean(!args[0].isNull() && m.contains(args[0].toText()));
    else if (name == QLatin1String("containsValue") && n == 1) {
        bool found = false;
        for (const auto &entry : m.entries)
            found = found || entry.second.equals(args[0]);
        *out = Value::boolean(found);
    } else if (name == QLatin1String("keySet") && n == 0) {
        ValueList keys;
        for (const auto &entry : m.entries)
            keys.push_back(Value::string(entry.first));
        *out = Value::list(std::move(keys));
    } else if (name == QLatin1String("values") && n == 0) {
        ValueList values;
        for (const auto &entry : m.entries)
            values.push_back(entry.second);
        *out = Value::list(std::move(values));
    } else if (name == QLatin1String("entrySet") && n == 0) {
        ValueList entries;
        for (const auto &[key, value] : m.entries) {
            Value entry = Value::map();
            entry.entries().entries.emplace_back(QStringLiteral("key"), Value::string(key));
            entry.entries().entries.emplace_back(QStringLiteral("value"), value);
            entries.push_back(std::move(entry));
        }
        *out = Value::list(std::move(entries));
    } else if (name == QLatin1String("remove") && n == 1) *out = m.remove(args[0].toText());
    else if (name == QLatin1String("size") && n == 0) *out = Value::integer(qint64(m.entries.size()));
    else if (name == QLatin1String("isEmpty") && n == 0) *out = Value::boolean(m.entries.empty());
    else if (name == QLatin1String("clear") && n == 0) {
        m.entries.clear();
        *out = Value();
    } else if (name == QLatin1String("toString") && n == 0) *out = Value::string(map.toText());
    else if (name == QLatin1String("equals") && n == 1) *out = Value::boolean(map.equals(args[0]));
    else if (n == 0 && name.size() > 3 && name.startsWith(QLatin1String("get")) && name.at(3).isUpper()) {
        // Map.Entry's getKey()/getValue(), and Velocity's getter reading of a map.
        const QString key = name.at(3).toLower() + name.mid(4);
        *out = m.get(key);
    } else {
        *problem = noSuchMethod("Map", name, describe(args), mapMethods);
        return false;
    }
    return true;
}

} // namespace

bool Renderer::callValueMethod(const Value &target, const QString &name, ValueList &args,
                               Value *out, QString *problem)
{
    switch (target.kind()) {
    case Value::Kind::String:
        return stringMethod(target.asString(), name, args, out, problem);
    case Value::Kind::List:
        return listMethod(target, name, args, out, problem);
    case Value::Kind::Map:
        return mapMethod(target, name, args, out, problem);
    case Value::Kind::Null:
        *out = Value();
        return true;
    case Value::Kind::Bool:
    case Value::Kind::Int:
    case Value::Kind::Double:
    case Value::Kind::Object:
        break;
    }
    if (name == QLatin1String("toString") && args.empty()) {
        *out = Value::string(target.toText());
        return true;
    }
    if (name == QLatin1String("equals") && args.size() == 1) {
        *out = Value::boolean(target.equals(args[0]));
        return true;
    }
    if (target.isNumber() && args.empty()) {
        if (name == QLatin1String("intValue") || name == QLatin1String("longValue")) {
            *out = Value::integer(target.asInt());
            return true;
        }
        if (name == QLatin1String("doubleValue") || name == QLatin1String("floatValue")) {
            *out = Value::real(target.asDouble());
            return true;
        }
    }
    *problem = VtlText::tr("%1 has no method %2(%3); it has toString, equals%4")
                   .arg(target.typeName(), name, describe(args),
                        target.isNumber() ? QStringLiteral(", intValue, longValue, doubleValue, floatValue") : QString());
    return false;
}

} // namespace Gatehouse::Emulator::Vtl
