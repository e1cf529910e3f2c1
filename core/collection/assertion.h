#pragma once

#include "core/httpjob.h"
#include "core/result.h"

#include <QString>
#include <memory>

namespace Gatehouse::Core::Collection {

struct JsonValue;

// One check a collection request makes of its answer, saved in the request file:
// {"status": 200}, {"header": "Content-Type", "contains": "json"},
// {"jsonPath": "$.items[0].id", "equals": 3}, {"jsonPath": "$.items", "exists": true}.
struct Assertion
{
    enum class Kind
    {
        Status,
        Header,
        JsonPath
    };
    enum class Check
    {
        Equals,
        Contains,
        Exists
    };

    Kind kind = Kind::Status;
    Check check = Check::Equals;
    int status = 200;   // Kind::Status
    QString subject;    // the header name or the JSONPath
    QString expected;   // Header: the text; JsonPath equals: the value as compact JSON text
    bool exists = true; // Check::Exists

    bool operator==(const Assertion &other) const = default;
};

struct AssertionResult
{
    QString description; // "status", "header Content-Type contains", "$.items[0].id equals"
    bool passed = false;
    QString expected;
    QString actual;
};

// Checks assertions against one response; the body is parsed as JSON once, when a JSONPath
// assertion first needs it.
class AssertionChecker
{
public:
    explicit AssertionChecker(const HttpClientResponse &response);
    ~AssertionChecker();

    AssertionResult check(const Assertion &assertion) const;

private:
    AssertionResult checkHeader(const Assertion &assertion) const;
    AssertionResult checkJsonPath(const Assertion &assertion) const;

    struct Body;
    const Result<JsonValue> &document() const;

    const HttpClientResponse &m_response;
    mutable std::unique_ptr<Body> m_body;
};

} // namespace Gatehouse::Core::Collection
