// libFuzzer target for DynamoDB's expression language in the emulator (core/emulator/
// dynamodbexpression*): condition, update and projection expressions and the values they meet
// arrive from any client of the emulator's port. Input: the expression on the first line, an
// item in DynamoDB's wire JSON after it. Checked properties: parsing, evaluating and applying
// never crash or overflow (ASan/UBSan), and every refusal is a Dynamo::Failure with a type and a
// message, never another exception.
#include "core/emulator/dynamodbexpression.h"

#include <cstdint>
#include <cstdlib>

using namespace Gatehouse::Emulator::Dynamo;

namespace {

Substitutions substitutions()
{
    Substitutions subs;
    subs.names = Json{{"#a", "a"}, {"#b", "b"}, {"#l", "l"}};
    subs.values = Json{{":n", {{"N", "1.5"}}}, {":s", {{"S", "x"}}}, {":l", {{"L", Json::array({Json{{"N", "2"}}})}}},
                       {":ss", {{"SS", Json::array({"x", "y"})}}}, {":t", {{"S", "N"}}}};
    return subs;
}

void run(const std::string &expression, const std::string &itemText)
{
    Json item = Json::parse(itemText, nullptr, false);
    bool itemOk = item.is_object();
    if (itemOk) {
        try {
            for (const auto &e : item.items())
                validateValue(e.value());
        } catch (const Failure &) {
            itemOk = false;
        }
    }
    if (!itemOk)
        item = Json{{"a", {{"N", "3"}}}, {"l", {{"L", Json::array({Json{{"S", "x"}}})}}}};
    {
        Substitutions subs = substitutions();
        try {
            const NodePtr condition = parseCondition(expression, "ConditionExpression", subs);
            evaluate(condition, item, subs);
        } catch (const Failure &f) {
            if (f.type.empty() || f.message.empty())
                abort();
        }
    }
    {
        Substitutions subs = substitutions();
        try {
            const auto actions = parseUpdate(expression, subs);
            const Json updated = applyUpdate(actions, item, subs);
            itemSize(updated);
        } catch (const Failure &f) {
            if (f.type.empty() || f.message.empty())
                abort();
        }
    }
    {
        Substitutions subs = substitutions();
        try {
            project(item, parseProjection(expression, subs));
        } catch (const Failure &f) {
            if (f.type.empty() || f.message.empty())
                abort();
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string input(reinterpret_cast<const char *>(data), size);
    const size_t newline = input.find('\n');
    try {
        run(input.substr(0, newline), newline == std::string::npos ? std::string() : input.substr(newline + 1));
    } catch (...) {
        abort(); // anything but a Failure escaping the store's code is a bug
    }
    return 0;
}
