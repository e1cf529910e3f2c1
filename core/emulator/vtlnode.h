#pragma once

#include "vtlvalue.h"

#include <QCoreApplication>
#include <QString>

#include <memory>
#include <vector>

// The parsed shape of a mapping template, shared by the parser (vtlparser.cpp) and the
// renderer (vtl.cpp); private to the VTL engine.
namespace Gatehouse::Emulator::Vtl {

// The translation context of the engine's messages (parse and render errors).
struct VtlText
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Emulator::Vtl)
};

struct Position
{
    int line = 1;
    int column = 1;
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;
struct Node;
using Block = std::vector<Node>;

// One step after a reference's name: .name, .name(args) or [index].
struct Segment
{
    enum class Kind { Property, Method, Index };
    Kind kind = Kind::Property;
    QString name;
    std::vector<ExprPtr> arguments; // Method: the arguments; Index: the one index
    Position position;
};

struct Reference
{
    QString name;       // the root: ctx, util, a variable
    bool quiet = false; // $!x renders nothing when x is null
    std::vector<Segment> segments;
    QString source;     // the text as written, rendered when the value is null
    Position position;
};

struct Expr
{
    enum class Kind { Literal, Interpolated, Reference, List, Map, Range, Not, Negate, Binary };
    enum class Op { Or, And, Eq, Ne, Lt, Le, Gt, Ge, Add, Sub, Mul, Div, Mod };
    Kind kind = Kind::Literal;
    Position position;
    Value literal;                                   // Literal
    std::shared_ptr<const Block> interpolated;       // Interpolated: a "..." string
    std::unique_ptr<Reference> reference;            // Reference
    std::vector<ExprPtr> items;                      // List; Map as key, value, key, value; Range
    Op op = Op::Or;                                  // Binary: items[0] op items[1]
};

struct Node
{
    enum class Kind { Text, Reference, Set, If, Foreach, Break, Stop, Return };
    Kind kind = Kind::Text;
    Position position;
    QString text;                        // Text; Foreach: the loop variable's name
    std::unique_ptr<Reference> reference; // Reference; Set: the target
    ExprPtr expr;                        // Set: the value; Foreach: the collection; Return
    // If: one (condition, block) per #if/#elseif, then an #else block with a null condition.
    std::vector<std::pair<ExprPtr, Block>> branches;
    Block body;                          // Foreach
};

} // namespace Gatehouse::Emulator::Vtl
