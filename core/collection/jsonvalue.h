#pragma once

#include "core/result.h"

#include <QByteArrayView>
#include <QString>
#include <vector>

namespace Gatehouse::Core::Collection {

// A parsed JSON value that remembers where it stood in its file, so a collection file's
// mistakes are reported by line and column, and numbers keep the text they were written with.
struct JsonValue
{
    enum class Type
    {
        Null,
        Boolean,
        Number,
        String,
        Array,
        Object
    };

    Type type = Type::Null;
    QString text;                 // String: the string; Number: as written; Boolean: true/false
    std::vector<JsonValue> items; // Array: the elements; Object: the member values
    std::vector<QString> names;   // Object: the member names, in file order
    int line = 0;                 // 1-based; a member's position is its name's
    int column = 0;

    bool isString() const { return type == Type::String; }
    bool isObject() const { return type == Type::Object; }
    bool isArray() const { return type == Type::Array; }
    bool boolean() const { return type == Type::Boolean && text == QLatin1String("true"); }
    // The member's value, or nullptr.
    const JsonValue *member(QStringView name) const;
    // One line, members in order: {"a": 1, "b": [true, null]}.
    QString toCompactText() const;
    // JSON equality: numbers by value (3 equals 3.0), objects regardless of member order.
    bool equals(const JsonValue &other) const;
    // "a string", "a number", "an object"... for messages.
    static QString typeName(Type type);
};

// Where and why a JSON text is not valid.
struct JsonSyntaxError
{
    int line = 0;
    int column = 0;
    QString reason;
};

// Strict RFC 8259 (UTF-8, no comments); a member name may appear once per object.
Result<JsonValue> parseJson(QByteArrayView text, JsonSyntaxError *syntaxError = nullptr);

// text as a JSON string literal, quotes included; non-ASCII characters stay as they are.
QString quoteJson(const QString &text);

} // namespace Gatehouse::Core::Collection
