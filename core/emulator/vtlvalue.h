#pragma once

#include <QByteArray>
#include <QString>

#include <memory>
#include <utility>
#include <vector>

// The values a mapping template works with: what Java gives AppSync's Velocity after it parses
// JSON (null, Boolean, Integer/Long, Double, String, ArrayList, LinkedHashMap). Lists and maps
// are shared like Java references, so $ctx.stash.put(...) or $list.add(...) on a value reached
// through another variable changes the one object both names point at.
namespace Gatehouse::Emulator::Vtl {

class Value;
struct ValueMap;
using ValueList = std::vector<Value>;

class Value
{
public:
    // Object stands for $util and its namespaces ($util.time, ...): `name` says which.
    enum class Kind { Null, Bool, Int, Double, String, List, Map, Object };

    Value() = default;
    static Value boolean(bool b) { Value v; v.m_kind = Kind::Bool; v.m_int = b; return v; }
    static Value integer(qint64 i) { Value v; v.m_kind = Kind::Int; v.m_int = i; return v; }
    static Value real(double d) { Value v; v.m_kind = Kind::Double; v.m_double = d; return v; }
    static Value string(QString s) { Value v; v.m_kind = Kind::String; v.m_string = std::move(s); return v; }
    static Value list(ValueList items = {});
    static Value map();
    static Value map(std::shared_ptr<ValueMap> m);
    static Value object(QString name) { Value v; v.m_kind = Kind::Object; v.m_string = std::move(name); return v; }

    Kind kind() const { return m_kind; }
    bool isNull() const { return m_kind == Kind::Null; }
    bool isNumber() const { return m_kind == Kind::Int || m_kind == Kind::Double; }
    bool isString() const { return m_kind == Kind::String; }
    bool isList() const { return m_kind == Kind::List; }
    bool isMap() const { return m_kind == Kind::Map; }

    bool asBool() const { return m_int != 0; }
    qint64 asInt() const { return m_kind == Kind::Double ? qint64(m_double) : m_int; }
    double asDouble() const { return m_kind == Kind::Double ? m_double : double(m_int); }
    const QString &asString() const { return m_string; } // String, and Object's name
    ValueList &items() const { return *m_list; }
    ValueMap &entries() const { return *m_map; }
    const std::shared_ptr<ValueMap> &mapPointer() const { return m_map; }

    // Java's toString(): {a=1, b=x} for maps, [1, x] for lists, 3.0 for a double.
    QString toText() const;
    // Jackson-like compact JSON, keys in insertion order ($util.toJson).
    QByteArray toJson() const;
    // Velocity's ==: numbers by value, same classes by equals(), otherwise by toString().
    bool equals(const Value &other) const;
    // The Java class name AppSync's error messages and $util.typeOf use.
    QString typeName() const;

private:
    Kind m_kind = Kind::Null;
    qint64 m_int = 0;
    double m_double = 0;
    QString m_string;
    std::shared_ptr<ValueList> m_list;
    std::shared_ptr<ValueMap> m_map;
};

// A LinkedHashMap: insertion order kept, lookups linear (templates hold small maps).
struct ValueMap
{
    std::vector<std::pair<QString, Value>> entries;

    Value *find(const QString &key);
    Value get(const QString &key) const;
    bool contains(const QString &key) const;
    Value put(const QString &key, Value value); // returns the previous value (null if none)
    Value remove(const QString &key);
};

// Parses JSON text into a Value (vtljson.cpp); on bad JSON returns false and says why in `error`.
bool valueFromJson(const QByteArray &json, Value *out, QString *error);
// Java's Double.toString: 3.0, 0.001, 1.0E-4, 1.0E21.
QString javaDouble(double d);

} // namespace Gatehouse::Emulator::Vtl
