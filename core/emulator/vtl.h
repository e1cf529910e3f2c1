#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

// The subset of the Velocity Template Language AppSync's resolver mapping templates use, with
// AppSync's $util, $context/$ctx and $util.dynamodb helpers.
namespace Gatehouse::Emulator::Vtl {

struct Node; // the parsed tree; its shape is private to vtl.cpp

// A mapping template, parsed once when the lab loads so a broken one is a template error then,
// not a field error on the first query.
class Template
{
public:
    Template();
    // A syntax error reads "line:column: what is wrong" (1-based, like the GraphQL parser's).
    static Core::Result<Template> parse(const QString &source);
    bool isEmpty() const;

private:
    std::shared_ptr<const Node> m_root;
    friend class Renderer;
};

// What $context (also $ctx) holds while one field resolves; every member is JSON text.
struct Context
{
    QByteArray arguments = "{}";
    QByteArray source = "null";
    QByteArray identity = "null";
    QByteArray request = "{\"headers\":{}}"; // $ctx.request: headers, domainName
    QByteArray info = "{}"; // fieldName, parentTypeName, variables, selectionSetList, selectionSetGraphQL
    QByteArray stash = "{}";
    QByteArray prevResult = "null"; // $ctx.prev.result in a pipeline
    QByteArray result = "null";     // response templates: what the data source returned
    QByteArray error = "null";      // response templates: {"message","type"} when it failed
};

// $util.error / $util.appendError / $util.unauthorized arguments.
struct FieldError
{
    QString message;
    QString type;
    QByteArray data = "null";
    QByteArray info = "null";
};

struct Output
{
    QString text;             // the rendered text; AppSync parses it as JSON afterwards
    bool returned = false;    // #return(...) ended the template: returnValue is its result
    QByteArray returnValue = "null";
    bool failed = false;      // $util.error / $util.unauthorized: the field fails with `error`
    FieldError error;
    QList<FieldError> appended; // $util.appendError: reported while the field keeps its value
    QByteArray stash = "{}";    // the stash after rendering, for the field's next template
};

// A runtime failure (calling a method that does not exist, #foreach over a number, ...) comes
// back as an Error whose message starts with "line:column:".
Core::Result<Output> render(const Template &tmpl, const Context &context);

} // namespace Gatehouse::Emulator::Vtl
