#include "benches.h"
#include "core/graphql/lexer.h"
#include "core/graphql/parser.h"
#include "core/graphql/printer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>
#include <algorithm>
#include <vector>

using namespace Gatehouse::Core::GraphQL;

namespace {

struct Timing
{
    double medianMs = 0;
    double minMs = 0;
};

// Runs `work` `rounds` times after two warm-up runs; the median is the figure, the minimum
// shows what the machine gives when nothing else is running.
template<typename F> Timing measure(int rounds, F work)
{
    work();
    work();
    std::vector<double> ms;
    ms.reserve(size_t(rounds));
    for (int i = 0; i < rounds; ++i) {
        QElapsedTimer clock;
        clock.start();
        work();
        ms.push_back(clock.nsecsElapsed() / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return Timing{ms[ms.size() / 2], ms.front()};
}

} // namespace

// The GraphQL editor re-parses the document on every keystroke and the schema once per
// introspection: graphql-js's 368 KB GitHub schema parsed N times (issue 8's budget: parse
// and validate < 50 ms, so parsing alone should take a few ms).
void benchGraphQLParse()
{
    QFile file(QStringLiteral(GATEHOUSE_SOURCE_DIR
                              "/tests/data/graphql/graphql-js/github-schema.graphql"));
    if (!file.open(QIODevice::ReadOnly)) {
        QTextStream(stdout) << "graphql-parse: cannot read " << file.fileName() << Qt::endl;
        return;
    }
    const QByteArray source = file.readAll();
    const int rounds = 50;
    size_t definitions = 0;
    bool ok = true;

    const Timing lex = measure(rounds, [&] {
        Lexer lexer(source);
        while (lexer.next().kind != TokenKind::EndOfFile) {
        }
    });
    const Timing parse = measure(rounds, [&] {
        const auto doc = Parser::parse(source);
        ok = ok && doc.ok();
        definitions = doc.ok() ? doc->definitions.size() : 0;
    });
    const Timing recover = measure(rounds, [&] {
        const ParseResult result = Parser::parseWithRecovery(source);
        ok = ok && result.ok();
    });
    const auto doc = Parser::parse(source);
    QString printed;
    const Timing print = measure(rounds, [&] { printed = Printer::print(*doc); });

    QTextStream(stdout) << "GraphQL: github-schema.graphql, " << source.size() << " bytes, "
                        << definitions << " definitions, " << rounds
                        << " runs each (median, min); printed " << printed.size() << " characters"
                        << Qt::endl;
    figure(QStringLiteral("graphql.lex_ms_median"), lex.medianMs, QStringLiteral("ms"),
           QStringLiteral("-"), true);
    figure(QStringLiteral("graphql.parse_ms_median"), parse.medianMs, QStringLiteral("ms"),
           QStringLiteral("< 10"), ok && parse.medianMs < 10);
    figure(QStringLiteral("graphql.parse_ms_min"), parse.minMs, QStringLiteral("ms"),
           QStringLiteral("-"), ok);
    figure(QStringLiteral("graphql.recovering_parse_ms_median"), recover.medianMs,
           QStringLiteral("ms"), QStringLiteral("< 10"), ok && recover.medianMs < 10);
    figure(QStringLiteral("graphql.print_ms_median"), print.medianMs, QStringLiteral("ms"),
           QStringLiteral("-"), true);
}
