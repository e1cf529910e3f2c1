// libFuzzer target for the GraphQL lexer, parser and printer: what the editor feeds them on
// every keystroke is arbitrary text. Checked properties: the strict and the recovering parse
// agree on whether there is an error; recovery keeps definition spans inside the source and in
// order; tokenize() always ends with EndOfFile; a document that parses prints to text that
// parses again and prints the same (print is a fixed point after one round).
#include "core/graphql/lexer.h"
#include "core/graphql/parser.h"
#include "core/graphql/printer.h"

#include <cstdint>
#include <cstdlib>

using namespace Gatehouse::Core::GraphQL;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray source(reinterpret_cast<const char *>(data), qsizetype(size));

    const std::vector<Token> tokens = Lexer::tokenize(source);
    if (tokens.empty() || tokens.back().kind != TokenKind::EndOfFile)
        abort();

    const ParseResult recovered = Parser::parseWithRecovery(source);
    const auto strict = Parser::parse(source);
    if (strict.ok() != recovered.ok())
        abort();
    int previousEnd = 0;
    for (const Definition &definition : recovered.document.definitions) {
        const Span span = definitionSpan(definition);
        if (span.start < previousEnd || span.end < span.start || span.end > source.size())
            abort();
        previousEnd = span.end;
    }
    for (const SyntaxError &error : recovered.errors)
        if (error.offset < 0 || error.offset > source.size() || error.position.line < 1)
            abort();

    if (strict.ok()) {
        const QString printed = Printer::print(*strict);
        const auto again = Parser::parse(printed.toUtf8());
        if (!again.ok() || Printer::print(*again) != printed)
            abort();
    }
    return 0;
}
