// DynamoDB's expression grammar (condition, filter, key condition, update, projection) and its
// evaluation over items in wire form. Messages follow DynamoDB's wording so that what a lab's
// code sees from the emulator is what it will see from AWS.
#include "dynamodbexpression.h"

#include <algorithm>
#include <cctype>

namespace Gatehouse::Emulator::Dynamo {

namespace {

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

struct Token
{
    enum class Type { Name, HashName, Value, Number, Punct, End };
    Type type = Type::End;
    std::string text;
};

std::vector<Token> tokenize(const std::string &text, const std::string &what)
{
    std::vector<Token> tokens;
    size_t i = 0;
    const auto isNameChar = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    while (i < text.size()) {
        const char c = text[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
            continue;
        }
        Token t;
        const size_t start = i;
        if (c == '#' || c == ':') {
            ++i;
            while (i < text.size() && isNameChar(text[i]))
                ++i;
            t.type = c == '#' ? Token::Type::HashName : Token::Type::Value;
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
                ++i;
            t.type = Token::Type::Number;
        } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            while (i < text.size() && isNameChar(text[i]))
                ++i;
            t.type = Token::Type::Name;
        } else if ((c == '<' || c == '>') && i + 1 < text.size() && (text[i + 1] == '=' || (c == '<' && text[i + 1] == '>'))) {
            i += 2;
            t.type = Token::Type::Punct;
        } else if (std::string("()[],.=<>+-").find(c) != std::string::npos) {
            ++i;
            t.type = Token::Type::Punct;
        } else {
            fail("Invalid " + what + ": Syntax error; token: \"" + std::string(1, c) + "\", near: \""
                 + text.substr(start > 0 ? start - 1 : 0, 3) + "\"");
        }
        t.text = text.substr(start, i - start);
        if ((t.type == Token::Type::HashName || t.type == Token::Type::Value) && t.text.size() == 1)
            fail("Invalid " + what + ": Syntax error; token: \"" + t.text + "\", near: \"" + t.text + "\"");
        tokens.push_back(t);
    }
    tokens.push_back(Token{});
    return tokens;
}

const std::vector<std::string> &conditionFunctions()
{
    static const std::vector<std::string> f{"attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains"};
    return f;
}

// Expressions are at most 4 KB on DynamoDB, which also bounds the parser's recursion.
const std::string &checkedSize(const std::string &text, const std::string &what)
{
    if (text.size() > 4096)
        fail("Invalid " + what + ": Expression size has exceeded the maximum allowed size; expression size: "
             + std::to_string(text.size()));
    return text;
}

class Parser
{
public:
    Parser(const std::string &text, std::string what, Substitutions &subs)
        : m_tokens(tokenize(checkedSize(text, what), what)), m_what(std::move(what)), m_subs(subs)
    {
        if (m_tokens.size() == 1)
            fail("Invalid " + m_what + ": The expression can not be empty;");
    }

    NodePtr condition()
    {
        NodePtr left = conjunction();
        while (keyword("OR"))
            left = binary(Node::Kind::Or, "OR", left, conjunction());
        return left;
    }

    std::vector<Path> projection()
    {
        std::vector<Path> paths{path()};
        while (punct(","))
            paths.push_back(path());
        end();
        return paths;
    }

    std::vector<UpdateAction> update()
    {
        std::vector<UpdateAction> actions;
        std::set<std::string> clauses;
        while (peek().type != Token::Type::End) {
            const std::string clause = peek().type == Token::Type::Name ? lower(peek().text) : std::string();
            if (clause != "set" && clause != "remove" && clause != "add" && clause != "delete")
                syntaxError();
            ++m_pos;
            std::string upper = clause;
            std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return char(std::toupper(c)); });
            if (!clauses.insert(clause).second)
                fail("Invalid " + m_what + ": The \"" + upper + "\" section can only be used once in an update expression;");
            do {
                UpdateAction a;
                a.path = path();
                if (clause == "set") {
                    a.kind = UpdateAction::Kind::Set;
                    expect("=");
                    a.value = setValue();
                } else if (clause == "remove") {
                    a.kind = UpdateAction::Kind::Remove;
                } else {
                    a.kind = clause == "add" ? UpdateAction::Kind::Add : UpdateAction::Kind::Delete;
                    if (peek().type != Token::Type::Value)
                        syntaxError();
                    a.value = value();
                }
                actions.push_back(a);
            } while (punct(","));
        }
        checkOverlaps(actions);
        return actions;
    }

    void end()
    {
        if (peek().type != Token::Type::End)
            syntaxError();
    }

private:
    const Token &peek(size_t ahead = 0) const { return m_tokens[std::min(m_pos + ahead, m_tokens.size() - 1)]; }

    [[noreturn]] void syntaxError() const
    {
        const Token &t = peek();
        const std::string token = t.type == Token::Type::End ? "<EOF>" : t.text;
        std::string near;
        for (size_t i = m_pos > 0 ? m_pos - 1 : 0; i <= m_pos + 1 && i < m_tokens.size(); ++i)
            if (m_tokens[i].type != Token::Type::End)
                near += (near.empty() ? "" : " ") + m_tokens[i].text;
        fail("Invalid " + m_what + ": Syntax error; token: \"" + token + "\", near: \"" + near + "\"");
    }

    bool keyword(const char *word)
    {
        if (peek().type == Token::Type::Name && lower(peek().text) == lower(word)) {
            ++m_pos;
            return true;
        }
        return false;
    }

    bool punct(const char *p)
    {
        if (peek().type == Token::Type::Punct && peek().text == p) {
            ++m_pos;
            return true;
        }
        return false;
    }

    void expect(const char *p)
    {
        if (!punct(p))
            syntaxError();
    }

    static NodePtr binary(Node::Kind kind, const std::string &op, NodePtr a, NodePtr b)
    {
        auto n = std::make_shared<Node>(Node{kind, op, {}, {}, {std::move(a), std::move(b)}});
        return n;
    }

    NodePtr conjunction()
    {
        NodePtr left = negation();
        while (keyword("AND"))
            left = binary(Node::Kind::And, "AND", left, negation());
        return left;
    }

    NodePtr negation()
    {
        if (keyword("NOT"))
            return std::make_shared<Node>(Node{Node::Kind::Not, "NOT", {}, {}, {negation()}});
        if (punct("(")) {
            NodePtr inner = condition();
            expect(")");
            return inner;
        }
        if (peek().type == Token::Type::Name && peek(1).text == "(") {
            const std::string name = peek().text;
            if (std::find(conditionFunctions().begin(), conditionFunctions().end(), name) != conditionFunctions().end())
                return function();
        }
        NodePtr left = operand();
        if (keyword("BETWEEN")) {
            NodePtr low = operand();
            if (!keyword("AND"))
                syntaxError();
            NodePtr high = operand();
            return std::make_shared<Node>(Node{Node::Kind::Between, "BETWEEN", {}, {}, {left, low, high}});
        }
        if (keyword("IN")) {
            expect("(");
            std::vector<NodePtr> children{left, operand()};
            while (punct(","))
                children.push_back(operand());
            expect(")");
            if (children.size() > 101)
                fail("Invalid " + m_what + ": The IN operator is provided with too many operands; number of operands: "
                     + std::to_string(children.size() - 1));
            return std::make_shared<Node>(Node{Node::Kind::In, "IN", {}, {}, children});
        }
        static const std::vector<std::string> comparators{"=", "<>", "<", "<=", ">", ">="};
        const std::string op = peek().text;
        if (peek().type != Token::Type::Punct || std::find(comparators.begin(), comparators.end(), op) == comparators.end())
            syntaxError();
        ++m_pos;
        return std::make_shared<Node>(Node{Node::Kind::Compare, op, {}, {}, {left, operand()}});
    }

    NodePtr function()
    {
        const std::string name = peek().text;
        m_pos += 2;
        std::vector<NodePtr> args{operand()};
        while (punct(","))
            args.push_back(operand());
        expect(")");
        const size_t wanted = name == "attribute_exists" || name == "attribute_not_exists" ? 1 : 2;
        if (args.size() != wanted)
            fail("Invalid " + m_what + ": Incorrect number of operands for operator or function; operator or function: "
                 + name + ", number of operands: " + std::to_string(args.size()));
        if (args[0]->kind != Node::Kind::Path && name != "contains" && name != "begins_with")
            fail("Invalid " + m_what + ": Operator or function requires a document path; operator or function: " + name);
        return std::make_shared<Node>(Node{Node::Kind::Function, name, {}, {}, args});
    }

    NodePtr operand()
    {
        if (peek().type == Token::Type::Value)
            return value();
        if (peek().type == Token::Type::Name && peek(1).text == "(") {
            const std::string name = peek().text;
            if (name != "size") {
                if (std::find(conditionFunctions().begin(), conditionFunctions().end(), name) != conditionFunctions().end()
                    || name == "if_not_exists" || name == "list_append")
                    fail("Invalid " + m_what + ": The function is not allowed to be used this way in an expression; function: " + name);
                fail("Invalid " + m_what + ": Invalid function name; function: " + name);
            }
            m_pos += 2;
            NodePtr arg = std::make_shared<Node>(Node{Node::Kind::Path, {}, path(), {}, {}});
            expect(")");
            return std::make_shared<Node>(Node{Node::Kind::Size, "size", {}, {}, {arg}});
        }
        return std::make_shared<Node>(Node{Node::Kind::Path, {}, path(), {}, {}});
    }

    NodePtr value()
    {
        const std::string name = peek().text;
        if (!m_subs.values.contains(name))
            fail("Invalid " + m_what + ": An expression attribute value used in expression is not defined; attribute value: " + name);
        m_subs.usedValues.insert(name);
        ++m_pos;
        return std::make_shared<Node>(Node{Node::Kind::Value, {}, {}, name, {}});
    }

    // SET's right-hand side: operand, operand + operand, operand - operand, where an operand may
    // also be if_not_exists(path, value) or list_append(a, b).
    NodePtr setValue()
    {
        NodePtr left = setOperand();
        if (punct("+"))
            return binary(Node::Kind::Plus, "+", left, setOperand());
        if (punct("-"))
            return binary(Node::Kind::Minus, "-", left, setOperand());
        return left;
    }

    NodePtr setOperand()
    {
        if (peek().type == Token::Type::Name && peek(1).text == "(") {
            const std::string name = peek().text;
            if (name == "if_not_exists" || name == "list_append") {
                m_pos += 2;
                NodePtr a = name == "if_not_exists" ? std::make_shared<Node>(Node{Node::Kind::Path, {}, path(), {}, {}}) : setOperand();
                expect(",");
                NodePtr b = setOperand();
                expect(")");
                return binary(name == "if_not_exists" ? Node::Kind::IfNotExists : Node::Kind::ListAppend, name, a, b);
            }
            if (name == "size" || std::find(conditionFunctions().begin(), conditionFunctions().end(), name) != conditionFunctions().end())
                fail("Invalid " + m_what + ": The function is not allowed in an update expression; function: " + name);
            fail("Invalid " + m_what + ": Invalid function name; function: " + name);
        }
        if (peek().type == Token::Type::Value)
            return value();
        return std::make_shared<Node>(Node{Node::Kind::Path, {}, path(), {}, {}});
    }

    std::string name()
    {
        const Token t = peek();
        if (t.type == Token::Type::HashName) {
            if (!m_subs.names.contains(t.text))
                fail("Invalid " + m_what + ": An expression attribute name used in the document path is not defined; attribute name: " + t.text);
            m_subs.usedNames.insert(t.text);
            ++m_pos;
            return m_subs.names[t.text].get<std::string>();
        }
        if (t.type != Token::Type::Name)
            syntaxError();
        // DynamoDB echoes the word as written, whatever its case.
        if (isReservedWord(t.text))
            fail("Invalid " + m_what + ": Attribute name is a reserved keyword; reserved keyword: " + t.text);
        ++m_pos;
        return t.text;
    }

    Path path()
    {
        Path p{PathElement{name(), -1}};
        while (true) {
            if (punct(".")) {
                p.push_back(PathElement{name(), -1});
            } else if (punct("[")) {
                if (peek().type != Token::Type::Number)
                    syntaxError();
                if (peek().text.size() > 9)
                    fail("Invalid " + m_what + ": The document path has a list index that is too large; index: " + peek().text);
                p.push_back(PathElement{{}, std::stoi(peek().text)});
                ++m_pos;
                expect("]");
            } else {
                return p;
            }
        }
    }

    void checkOverlaps(const std::vector<UpdateAction> &actions) const
    {
        const auto show = [](const Path &p) {
            std::string out;
            for (const PathElement &e : p)
                out += (out.empty() ? "" : ", ") + (e.index >= 0 ? "[" + std::to_string(e.index) + "]" : e.name);
            return "[" + out + "]";
        };
        for (size_t i = 0; i < actions.size(); ++i) {
            for (size_t j = i + 1; j < actions.size(); ++j) {
                const Path &a = actions[i].path, &b = actions[j].path;
                const size_t n = std::min(a.size(), b.size());
                bool prefix = true;
                for (size_t k = 0; k < n && prefix; ++k)
                    prefix = a[k].name == b[k].name && a[k].index == b[k].index;
                if (prefix)
                    fail("Invalid " + m_what + ": Two document paths " + (a.size() == b.size() ? "conflict" : "overlap")
                         + " with each other; must remove or rewrite one of these paths; path one: " + show(a)
                         + ", path two: " + show(b));
            }
        }
    }

    std::vector<Token> m_tokens;
    size_t m_pos = 0;
    std::string m_what;
    Substitutions &m_subs;
};

// --- evaluation ---

std::optional<Json> operandValue(const NodePtr &n, const Json &item, const Substitutions &subs)
{
    switch (n->kind) {
    case Node::Kind::Path:
        if (const Json *v = resolve(item, n->path))
            return *v;
        return std::nullopt;
    case Node::Kind::Value:
        return subs.values[n->valueName];
    case Node::Kind::Size: {
        const Json *v = resolve(item, n->children[0]->path);
        if (!v)
            return std::nullopt;
        const std::string type = typeOf(*v);
        long long size = 0;
        if (type == "S")
            size = static_cast<long long>((*v)["S"].get<std::string>().size());
        else if (type == "B")
            size = static_cast<long long>(decodeBinary((*v)["B"].get<std::string>()).size());
        else if (type == "N" || type == "BOOL" || type == "NULL")
            fail("Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: size, operand type: " + type);
        else
            size = static_cast<long long>(v->begin().value().size());
        return Json{{"N", std::to_string(size)}};
    }
    case Node::Kind::IfNotExists:
    case Node::Kind::ListAppend:
    case Node::Kind::Plus:
    case Node::Kind::Minus:
    case Node::Kind::Compare:
    case Node::Kind::Between:
    case Node::Kind::In:
    case Node::Kind::And:
    case Node::Kind::Or:
    case Node::Kind::Not:
    case Node::Kind::Function:
        break;
    }
    return std::nullopt;
}

bool compare(const std::string &op, const std::optional<Json> &a, const std::optional<Json> &b)
{
    if (op == "=")
        return a && b && valuesEqual(*a, *b);
    if (op == "<>")
        return !(a && b && valuesEqual(*a, *b));
    if (!a || !b)
        return false;
    const std::optional<int> c = compareScalars(*a, *b);
    if (!c)
        return false;
    if (op == "<")
        return *c < 0;
    if (op == "<=")
        return *c <= 0;
    if (op == ">")
        return *c > 0;
    return *c >= 0;
}

bool function(const NodePtr &n, const Json &item, const Substitutions &subs)
{
    const std::string &name = n->op;
    const std::optional<Json> a = operandValue(n->children[0], item, subs);
    if (name == "attribute_exists")
        return a.has_value();
    if (name == "attribute_not_exists")
        return !a.has_value();
    const std::optional<Json> b = operandValue(n->children[1], item, subs);
    if (name == "attribute_type") {
        if (!b || typeOf(*b) != "S")
            fail("Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: attribute_type, operand type: "
                 + (b ? typeOf(*b) : std::string("NULL")));
        static const std::vector<std::string> types{"S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M"};
        const std::string wanted = (*b)["S"].get<std::string>();
        if (std::find(types.begin(), types.end(), wanted) == types.end())
            fail("Invalid ConditionExpression: Invalid attribute type name found; type: " + wanted
                 + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
        return a && typeOf(*a) == wanted;
    }
    if (!a || !b)
        return false;
    const std::string ta = typeOf(*a), tb = typeOf(*b);
    if (name == "begins_with") {
        if (n->children[1]->kind == Node::Kind::Value && tb != "S" && tb != "B")
            fail("Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: " + tb);
        if (ta != tb || (ta != "S" && ta != "B"))
            return false;
        std::string x = a->begin().value().get<std::string>(), y = b->begin().value().get<std::string>();
        if (ta == "B") {
            x = decodeBinary(x);
            y = decodeBinary(y);
        }
        return x.compare(0, y.size(), y) == 0;
    }
    // contains: a substring of a string, a member of a set, an element of a list
    if (ta == "S" && tb == "S")
        return (*a)["S"].get<std::string>().find((*b)["S"].get<std::string>()) != std::string::npos;
    if (ta == "B" && tb == "B")
        return decodeBinary((*a)["B"].get<std::string>()).find(decodeBinary((*b)["B"].get<std::string>())) != std::string::npos;
    if ((ta == "SS" || ta == "NS" || ta == "BS") && tb == ta.substr(0, 1)) {
        for (const Json &e : a->begin().value())
            if (valuesEqual(Json{{tb, e}}, *b))
                return true;
        return false;
    }
    if (ta == "L") {
        for (const Json &e : (*a)["L"])
            if (valuesEqual(e, *b))
                return true;
    }
    return false;
}

// SET's right-hand side, read from the item before the update.
Json setValue(const NodePtr &n, const Json &item, const Substitutions &subs)
{
    const auto incorrect = [](const std::string &op, const std::string &type) {
        fail("Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: " + op
             + ", operand type: " + type);
    };
    switch (n->kind) {
    case Node::Kind::IfNotExists:
        if (const Json *v = resolve(item, n->children[0]->path))
            return *v;
        return setValue(n->children[1], item, subs);
    case Node::Kind::ListAppend: {
        const Json a = setValue(n->children[0], item, subs), b = setValue(n->children[1], item, subs);
        if (typeOf(a) != "L")
            incorrect("list_append", typeOf(a));
        if (typeOf(b) != "L")
            incorrect("list_append", typeOf(b));
        Json out = a;
        for (const Json &e : b["L"])
            out["L"].push_back(e);
        return out;
    }
    case Node::Kind::Plus:
    case Node::Kind::Minus: {
        const Json a = setValue(n->children[0], item, subs), b = setValue(n->children[1], item, subs);
        if (typeOf(a) != "N")
            incorrect(n->op, typeOf(a));
        if (typeOf(b) != "N")
            incorrect(n->op, typeOf(b));
        return Json{{"N", addNumbers(a["N"].get<std::string>(), b["N"].get<std::string>(), n->kind == Node::Kind::Minus)}};
    }
    case Node::Kind::Path:
    case Node::Kind::Value:
    case Node::Kind::Size:
    case Node::Kind::Compare:
    case Node::Kind::Between:
    case Node::Kind::In:
    case Node::Kind::And:
    case Node::Kind::Or:
    case Node::Kind::Not:
    case Node::Kind::Function:
        break;
    }
    const std::optional<Json> v = operandValue(n, item, subs);
    if (!v)
        fail("The provided expression refers to an attribute that does not exist in the item");
    return *v;
}

// The container that holds the last element of `path`, or null when the path cannot be
// written (a missing parent, or a parent of the wrong type).
Json *parentOf(Json &item, const Path &path)
{
    Json *at = &item;
    for (size_t i = 0; i + 1 < path.size(); ++i) {
        const PathElement &e = path[i];
        Json *next = nullptr;
        if (i == 0) {
            if (item.contains(e.name))
                next = &item[e.name];
        } else if (e.index >= 0) {
            if (typeOf(*at) == "L" && size_t(e.index) < (*at)["L"].size())
                next = &(*at)["L"][size_t(e.index)];
        } else if (typeOf(*at) == "M" && (*at)["M"].contains(e.name)) {
            next = &(*at)["M"][e.name];
        }
        if (!next)
            return nullptr;
        at = next;
    }
    return at;
}

void setPath(Json &item, const Path &path, const Json &value)
{
    if (path.size() == 1) {
        item[path[0].name] = value;
        return;
    }
    Json *parent = parentOf(item, path);
    const PathElement &last = path.back();
    if (parent && last.index >= 0 && typeOf(*parent) == "L") {
        Json &list = (*parent)["L"];
        if (size_t(last.index) < list.size())
            list[size_t(last.index)] = value;
        else
            list.push_back(value);
        return;
    }
    if (parent && last.index < 0 && typeOf(*parent) == "M") {
        (*parent)["M"][last.name] = value;
        return;
    }
    fail("The document path provided in the update expression is invalid for update");
}

void removePath(Json &item, const Path &path)
{
    if (path.size() == 1) {
        item.erase(path[0].name);
        return;
    }
    Json *parent = parentOf(item, path);
    if (!parent)
        return;
    const PathElement &last = path.back();
    if (last.index >= 0 && typeOf(*parent) == "L") {
        Json &list = (*parent)["L"];
        if (size_t(last.index) < list.size())
            list.erase(list.begin() + last.index);
    } else if (last.index < 0 && typeOf(*parent) == "M") {
        (*parent)["M"].erase(last.name);
    } else {
        fail("The document path provided in the update expression is invalid for update");
    }
}

Json addOrDelete(const UpdateAction &a, const Json *current, const Json &operand)
{
    const std::string op = a.kind == UpdateAction::Kind::Add ? "ADD" : "DELETE";
    const std::string type = typeOf(operand);
    const bool isSet = type == "SS" || type == "NS" || type == "BS";
    if (a.kind == UpdateAction::Kind::Add && type != "N" && !isSet)
        fail("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: " + type);
    if (a.kind == UpdateAction::Kind::Delete && !isSet)
        fail("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: " + type);
    if (current && typeOf(*current) != type)
        fail("An operand in the update expression has an incorrect data type");
    if (type == "N")
        return Json{{"N", addNumbers(current ? (*current)["N"].get<std::string>() : "0", operand["N"].get<std::string>(), false)}};
    Json set = current ? (*current)[type] : Json::array();
    const std::string element = type.substr(0, 1);
    for (const Json &e : operand[type]) {
        const auto found = std::find_if(set.begin(), set.end(),
                                        [&](const Json &x) { return valuesEqual(Json{{element, x}}, Json{{element, e}}); });
        if (a.kind == UpdateAction::Kind::Add && found == set.end())
            set.push_back(e);
        else if (a.kind == UpdateAction::Kind::Delete && found != set.end())
            set.erase(found);
    }
    return set.empty() ? Json() : Json{{type, set}};
}

} // namespace

void Substitutions::checkAllUsed() const
{
    const auto unused = [](const Json &map, const std::set<std::string> &used) {
        std::string keys;
        for (const auto &e : map.items())
            if (!used.count(e.key()))
                keys += (keys.empty() ? "" : ", ") + e.key();
        return keys;
    };
    if (const std::string keys = unused(names, usedNames); !keys.empty())
        fail("Value provided in ExpressionAttributeNames unused in expressions: keys: {" + keys + "}");
    if (const std::string keys = unused(values, usedValues); !keys.empty())
        fail("Value provided in ExpressionAttributeValues unused in expressions: keys: {" + keys + "}");
}

NodePtr parseCondition(const std::string &text, const std::string &what, Substitutions &subs)
{
    Parser parser(text, what, subs);
    NodePtr root = parser.condition();
    parser.end();
    return root;
}

std::vector<Path> parseProjection(const std::string &text, Substitutions &subs)
{
    return Parser(text, "ProjectionExpression", subs).projection();
}

std::vector<UpdateAction> parseUpdate(const std::string &text, Substitutions &subs)
{
    return Parser(text, "UpdateExpression", subs).update();
}

bool evaluate(const NodePtr &n, const Json &item, const Substitutions &subs)
{
    switch (n->kind) {
    case Node::Kind::And:
        return evaluate(n->children[0], item, subs) && evaluate(n->children[1], item, subs);
    case Node::Kind::Or:
        return evaluate(n->children[0], item, subs) || evaluate(n->children[1], item, subs);
    case Node::Kind::Not:
        return !evaluate(n->children[0], item, subs);
    case Node::Kind::Compare:
        return compare(n->op, operandValue(n->children[0], item, subs), operandValue(n->children[1], item, subs));
    case Node::Kind::Between: {
        const auto v = operandValue(n->children[0], item, subs);
        const auto low = operandValue(n->children[1], item, subs), high = operandValue(n->children[2], item, subs);
        if (low && high && compareScalars(*low, *high).value_or(0) > 0)
            fail("Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower operand: "
                 + low->dump() + ", upper operand: " + high->dump());
        return compare(">=", v, low) && compare("<=", v, high);
    }
    case Node::Kind::In: {
        const auto v = operandValue(n->children[0], item, subs);
        for (size_t i = 1; i < n->children.size(); ++i)
            if (compare("=", v, operandValue(n->children[i], item, subs)))
                return true;
        return false;
    }
    case Node::Kind::Function:
        return function(n, item, subs);
    case Node::Kind::Path:
    case Node::Kind::Value:
    case Node::Kind::Size:
    case Node::Kind::IfNotExists:
    case Node::Kind::ListAppend:
    case Node::Kind::Plus:
    case Node::Kind::Minus:
        break;
    }
    fail("Invalid ConditionExpression: The expression is not a condition");
}

Json applyUpdate(const std::vector<UpdateAction> &actions, const Json &item, const Substitutions &subs)
{
    Json out = item;
    std::vector<std::pair<Path, Json>> writes;
    std::vector<Path> removals;
    for (const UpdateAction &a : actions) {
        switch (a.kind) {
        case UpdateAction::Kind::Set:
            writes.emplace_back(a.path, setValue(a.value, item, subs));
            break;
        case UpdateAction::Kind::Remove:
            removals.push_back(a.path);
            break;
        case UpdateAction::Kind::Add:
        case UpdateAction::Kind::Delete: {
            const Json v = addOrDelete(a, resolve(item, a.path), subs.values[a.value->valueName]);
            if (v.is_null())
                removals.push_back(a.path);
            else
                writes.emplace_back(a.path, v);
            break;
        }
        }
    }
    for (const auto &[path, value] : writes)
        setPath(out, path, value);
    // List elements go from the highest index down, so each index still means what it meant
    // in the item before the update.
    std::sort(removals.begin(), removals.end(), [](const Path &a, const Path &b) {
        return !a.empty() && !b.empty() && a.back().index > b.back().index;
    });
    for (const Path &p : removals)
        removePath(out, p);
    return out;
}

Json project(const Json &item, const std::vector<Path> &paths)
{
    Json out = Json::object();
    for (const Path &p : paths) {
        const Json *v = resolve(item, p);
        if (!v)
            continue;
        // Rebuild the path in `out`; list elements keep their order of projection.
        Json *at = nullptr;
        for (size_t i = 0; i < p.size(); ++i) {
            const bool last = i + 1 == p.size();
            if (i == 0) {
                if (last) {
                    out[p[0].name] = *v;
                    break;
                }
                if (!out.contains(p[0].name))
                    out[p[0].name] = typeOf(item[p[0].name]) == "L" ? Json{{"L", Json::array()}} : Json{{"M", Json::object()}};
                at = &out[p[0].name];
                continue;
            }
            const Json *source = resolve(item, Path(p.begin(), p.begin() + long(i) + 1));
            if (p[i].index >= 0) {
                Json &list = (*at)["L"];
                list.push_back(last ? *v : (typeOf(*source) == "L" ? Json{{"L", Json::array()}} : Json{{"M", Json::object()}}));
                at = &list.back();
            } else {
                Json &map = (*at)["M"];
                if (last)
                    map[p[i].name] = *v;
                else if (!map.contains(p[i].name))
                    map[p[i].name] = typeOf(*source) == "L" ? Json{{"L", Json::array()}} : Json{{"M", Json::object()}};
                at = &map[p[i].name];
            }
        }
    }
    return out;
}

} // namespace Gatehouse::Emulator::Dynamo
