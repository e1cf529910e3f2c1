#include "assertion.h"

#include "jsonpath.h"
#include "jsonvalue.h"

namespace Gatehouse::Core::Collection {

namespace {

QString shortened(const QString &text)
{
    constexpr qsizetype Limit = 200;
    return text.size() <= Limit
               ? text
               : text.left(Limit) + QStringLiteral("… (%1 characters)").arg(text.size());
}

} // namespace

struct AssertionChecker::Body
{
    explicit Body(Result<JsonValue> parsed)
        : document(std::move(parsed))
    {}
    Result<JsonValue> document;
};

AssertionChecker::AssertionChecker(const HttpClientResponse &response)
    : m_response(response)
{}

const Result<JsonValue> &AssertionChecker::document() const
{
    if (!m_body)
        m_body = std::make_unique<Body>(parseJson(m_response.body));
    return m_body->document;
}

AssertionChecker::~AssertionChecker() = default;

AssertionResult AssertionChecker::check(const Assertion &assertion) const
{
    switch (assertion.kind) {
    case Assertion::Kind::Status:
        return {QStringLiteral("status"), m_response.status == assertion.status,
                QString::number(assertion.status), QString::number(m_response.status)};
    case Assertion::Kind::Header:
        return checkHeader(assertion);
    case Assertion::Kind::JsonPath:
        return checkJsonPath(assertion);
    }
    return {};
}

AssertionResult AssertionChecker::checkHeader(const Assertion &assertion) const
{
    const QByteArray name = assertion.subject.toUtf8();
    const bool present = m_response.headers.contains(name);
    const QString value = QString::fromUtf8(m_response.headers.values(name).join(", "));
    AssertionResult result;
    result.description = QStringLiteral("header %1").arg(assertion.subject);
    switch (assertion.check) {
    case Assertion::Check::Exists:
        result.description += QStringLiteral(" exists");
        result.passed = present == assertion.exists;
        result.expected = assertion.exists ? QStringLiteral("present") : QStringLiteral("absent");
        result.actual = present ? QStringLiteral("present (%1)").arg(shortened(value))
                                : QStringLiteral("absent");
        return result;
    case Assertion::Check::Contains:
        result.description += QStringLiteral(" contains");
        result.passed = present && value.contains(assertion.expected, Qt::CaseInsensitive);
        break;
    case Assertion::Check::Equals:
        result.description += QStringLiteral(" equals");
        result.passed = present && value == assertion.expected;
        break;
    }
    result.expected = quoteJson(assertion.expected);
    result.actual = present ? quoteJson(shortened(value)) : QStringLiteral("absent");
    return result;
}

AssertionResult AssertionChecker::checkJsonPath(const Assertion &assertion) const
{
    AssertionResult result;
    result.description = assertion.subject + (assertion.check == Assertion::Check::Exists
                                                  ? QStringLiteral(" exists")
                                                  : QStringLiteral(" equals"));
    const Result<JsonPath> path = JsonPath::parse(assertion.subject);
    const Result<JsonValue> &document = this->document();
    Result<const JsonValue *> found = makeError(ErrorCode::NotFound, {});
    if (!path)
        found = path.error();
    else if (!document)
        found =
            makeError(ErrorCode::InvalidArgument,
                      QStringLiteral("the body is not JSON (%1)").arg(document.error().message));
    else
        found = path->find(*document);

    if (assertion.check == Assertion::Check::Exists) {
        result.passed = found.ok() == assertion.exists;
        result.expected = assertion.exists ? QStringLiteral("present") : QStringLiteral("absent");
        result.actual =
            found ? QStringLiteral("present (%1)").arg(shortened((*found)->toCompactText()))
                  : QStringLiteral("absent: %1").arg(found.error().message);
        return result;
    }
    result.expected = assertion.expected;
    if (!found) {
        result.actual = QStringLiteral("nothing: %1").arg(found.error().message);
        return result;
    }
    const Result<JsonValue> expected = parseJson(assertion.expected.toUtf8());
    result.passed = expected && (*found)->equals(*expected);
    result.actual = shortened((*found)->toCompactText());
    return result;
}

} // namespace Gatehouse::Core::Collection
