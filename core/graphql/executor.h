#pragma once

#include "schema.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

namespace Gatehouse::Core::GraphQL {

// What a resolver is asked for one field. JSON travels as UTF-8 bytes so that this header stays
// free of nlohmann/json (it is heavy, and the executor's own unit is where it belongs).
struct FieldRequest
{
    OperationType operation = OperationType::Query;
    QString parentTypeName;
    QString fieldName;
    QByteArray arguments = "{}"; // coerced arguments, only those given or defaulted
    QByteArray source = "null";  // the parent's resolved value; null on a root field
    QByteArray variables = "{}"; // the operation's coerced variables
    QByteArray path = "[]";      // the response path, e.g. ["getDestination","hotels",0]
    // AppSync's info: the field's sub-selection with fragments expanded, nested fields as
    // "parent/child", and the sub-selection as GraphQL text.
    QStringList selectionSetList;
    QString selectionSetGraphQL;
};

// A resolver's answer: a JSON value, or an error the response lists at the field's path (its
// value then null). errorInfo and errorData are raw JSON or empty.
struct FieldResult
{
    QByteArray value = "null";
    bool failed = false;
    QString errorMessage;
    QString errorType;
    QByteArray errorInfo;
    QByteArray errorData;
    // Errors listed beside the value (or the failure), as AppSync's $util.appendError adds them.
    struct Error
    {
        QString message;
        QString type;
        QByteArray info;
        QByteArray data;
    };
    QList<Error> appendedErrors;

    static FieldResult error(QString message, QString type = {})
    {
        FieldResult r;
        r.failed = true;
        r.errorMessage = std::move(message);
        r.errorType = std::move(type);
        return r;
    }
};

// Where field values come from. Fields it does not resolve read the property of the same name
// from their parent's value, as AppSync does for fields without a resolver.
class FieldResolver
{
public:
    virtual ~FieldResolver() = default;
    virtual bool resolves(const QString &typeName, const QString &fieldName) const = 0;
    // Answers exactly once, at once or later, on the executor's thread.
    virtual void resolve(const FieldRequest &request, std::function<void(FieldResult)> done) = 0;
    // Whether the caller may read `field` of `type` (AppSync's per-field auth directives); a
    // refused field is null with "Not Authorized to access <field> on type <type>".
    virtual bool allows(const NamedType &type, const FieldDef &field) const
    {
        Q_UNUSED(type);
        Q_UNUSED(field);
        return true;
    }
};

struct ExecutionRequest
{
    QByteArray query;
    QString operationName;
    QByteArray variables; // a JSON object, or empty / "null" for none
};

// Runs GraphQL operations against a schema as the spec's Execution section describes: queries
// with fields side by side, mutations one root field after another, fragments and inline
// fragments, variables coerced with defaults, aliases, @skip/@include, __typename, introspection
// (__schema and __type answered from Schema::toIntrospectionJson()), and errors with message,
// locations, path and errorType beside partial data, a null in a non-null position going up to
// the nearest nullable parent. The document is validated first; an invalid one is not run.
// Resolvers may answer later (a Lambda function), so the result arrives through a callback.
class Executor
{
public:
    explicit Executor(std::shared_ptr<const Schema> schema);
    ~Executor();

    const Schema &schema() const;

    // `done` gets {"data": ..., "errors": [...]} exactly once; never while execute() is still on
    // the stack unless every resolver answered at once.
    void execute(const ExecutionRequest &request, std::shared_ptr<FieldResolver> resolver,
                 std::function<void(QByteArray response)> done) const;

    // Parses and validates without running: the operation chosen, or errors as the response
    // would carry them ({"data": null, "errors": [...]}). Used by subscriptions before they start.
    struct Prepared
    {
        bool ok = false;
        OperationType operation = OperationType::Query;
        QString rootFieldName;    // the first root field (a subscription has exactly one)
        QByteArray rootArguments; // its coerced arguments, JSON
        QByteArray errorResponse;
    };
    Prepared prepare(const ExecutionRequest &request) const;

    struct Shared; // the schema and its introspection JSON, which runs in flight keep alive

private:
    std::shared_ptr<Shared> m_shared;
};

} // namespace Gatehouse::Core::GraphQL
