#pragma once

#include "vtl.h"
#include "vtlnode.h"

#include <QHash>

#include <vector>

// Renders one parsed template against one $context (vtl.cpp); the methods of values
// (vtlmethods.cpp) and $util (vtlutil.cpp) are its other halves. Private to the VTL engine.
namespace Gatehouse::Emulator::Vtl {

class Renderer
{
public:
    explicit Renderer(Output *output) : m_output(output) {}

    // False when a runtime error stopped rendering; error() is "line:column: message".
    bool run(const Template &tmpl, const Context &context);
    QString error() const { return m_error; }

    // A method of a String, List or Map value. False with *problem worded when there is no
    // such method or its arguments do not fit.
    static bool callValueMethod(const Value &target, const QString &name, ValueList &args,
                                Value *out, QString *problem);
    // $util.<name>(...) and $util.<namespace>.<name>(...); `space` is "util", "util.time", ...
    bool callUtil(const QString &space, const QString &name, ValueList &args, Value *out,
                  QString *problem);
    static bool isUtilNamespace(const QString &name);
    // Velocity's #if: null and false are false, every other value is true.
    static bool truthy(const Value &value);

    // Ends rendering after the current step: $util.error, #stop, #return.
    void stop() { m_flow = Flow::Stop; }
    Output &output() { return *m_output; }

private:
    enum class Flow { Normal, Break, Stop };

    bool fail(Position at, const QString &message);
    bool execute(const Block &block);
    bool executeSet(const Node &node);
    bool executeForeach(const Node &node);
    bool evaluate(const Expr &expr, Value *out);
    bool evaluateBinary(const Expr &expr, Value *out);
    bool evaluateReference(const Reference &ref, Value *out, size_t segments);
    bool step(const Reference &ref, const Segment &segment, const Value &target, Value *out);
    bool renderInterpolated(const Block &block, Value *out);
    bool append(const QString &text, Position at);

    Output *m_output;
    QString *m_text = nullptr;
    QHash<QString, Value> m_variables;
    Value m_context;
    Flow m_flow = Flow::Normal;
    int m_loopDepth = 0;
    qint64 m_iterations = 0; // #foreach passes in this render, against maxIterations
    QString m_error;
};

} // namespace Gatehouse::Emulator::Vtl
