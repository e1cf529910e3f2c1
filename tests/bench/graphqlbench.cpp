#include "benches.h"
#include "core/graphql/lexer.h"
#include "core/graphql/parser.h"
#include "core/graphql/printer.h"
#include "core/graphql/schema.h"
#include "core/graphql/validation.h"

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

// A literal for a required argument of this type, or nothing if the bench leaves the field out.
QString literalFor(const Schema &schema, const TypeExpr &type)
{
    if (type.isList())
        return QString();
    const NamedType *named = schema.type(type.name);
    if (!named)
        return QString();
    if (named->kind == TypeKind::Enum)
        return named->enumValues.front().name;
    if (type.name == QLatin1String("Int") || type.name == QLatin1String("Float"))
        return QStringLiteral("10");
    if (type.name == QLatin1String("Boolean"))
        return QStringLiteral("true");
    if (named->kind == TypeKind::Scalar)
        return QStringLiteral("\"x\"");
    return QString();
}

// A selection of `type` `depth` levels deep: every field whose required arguments have simple
// literals, objects expanded, abstract types through inline fragments on their first member.
QString selectionFor(const Schema &schema, const NamedType &type, int depth)
{
    QStringList fields;
    for (const FieldDef &field : type.fields) {
        QStringList args;
        bool usable = true;
        for (const InputValue &arg : field.arguments) {
            if (arg.name == QLatin1String("first")) {
                args << QStringLiteral("first: 5");
                continue;
            }
            if (!arg.type.isNonNull())
                continue;
            const QString literal = literalFor(schema, arg.type.inner());
            usable = usable && !literal.isEmpty();
            args << arg.name + QStringLiteral(": ") + literal;
        }
        const NamedType *result = schema.type(field.type.name);
        if (!usable || !result)
            continue;
        QString text = field.name;
        if (!args.isEmpty())
            text += QLatin1Char('(') + args.join(QStringLiteral(", ")) + QLatin1Char(')');
        if (result->isComposite()) {
            if (depth == 0)
                continue;
            const NamedType *target = result;
            QString prefix;
            if (result->isAbstract()) {
                const auto possible = schema.possibleTypes(*result);
                if (possible.empty())
                    continue;
                target = possible.front();
                prefix = QStringLiteral("__typename ... on ") + target->name + QLatin1Char(' ');
            }
            const QString inner = selectionFor(schema, *target, depth - 1);
            if (inner.isEmpty())
                continue;
            text +=
                QStringLiteral(" { ") + prefix +
                (prefix.isEmpty() ? inner : QStringLiteral("{ ") + inner + QStringLiteral(" }")) +
                QStringLiteral(" }");
        }
        fields << text;
    }
    return fields.join(QLatin1Char(' '));
}

} // namespace

// What the editor does when an introspected schema arrives and on each keystroke after: parse
// and build the 368 KB GitHub schema, then parse and validate a sizeable query against it
// (issue 8's budget: parse and validate < 50 ms).
void benchGraphQLValidate()
{
    QFile file(QStringLiteral(GATEHOUSE_SOURCE_DIR
                              "/tests/data/graphql/graphql-js/github-schema.graphql"));
    if (!file.open(QIODevice::ReadOnly)) {
        QTextStream(stdout) << "graphql-validate: cannot read " << file.fileName() << Qt::endl;
        return;
    }
    const QByteArray source = file.readAll();
    const int rounds = 50;
    bool ok = true;
    const auto github = Schema::fromSdl(source);
    if (!github.ok()) {
        QTextStream(stdout) << "graphql-validate: " << github.error().message << Qt::endl;
        return;
    }
    // The query: everything three levels below Query.viewer and Query.repository.
    const NamedType *query = github->rootType(OperationType::Query);
    QStringList roots;
    for (const QString &name : {QStringLiteral("viewer"), QStringLiteral("repository")}) {
        const FieldDef *field = query->field(name);
        const NamedType *type = github->type(field->type.name);
        roots << name +
                     (field->arguments.empty() ? QString()
                                               : QStringLiteral("(owner: \"o\", name: \"n\")")) +
                     QStringLiteral(" { ") + selectionFor(*github, *type, 2) + QStringLiteral(" }");
    }
    const QByteArray operation =
        Printer::print(
            *Parser::parse(
                QStringLiteral("query Big { %1 }").arg(roots.join(QLatin1Char(' '))).toUtf8()))
            .toUtf8();
    int lines = int(operation.count('\n'));
    size_t errors = 0;

    const Timing build = measure(rounds, [&] {
        const auto doc = Parser::parse(source);
        const Schema::Build built = Schema::fromDocument(*doc);
        ok = ok && built.ok();
    });
    const Timing validate = measure(rounds, [&] {
        const auto doc = Parser::parse(operation);
        errors = Validator::validate(*github, *doc).size();
        ok = ok && doc.ok();
    });
    const Timing total = measure(rounds, [&] {
        const auto doc = Parser::parse(source);
        const Schema::Build built = Schema::fromDocument(*doc);
        const auto op = Parser::parse(operation);
        ok = ok && built.ok() && Validator::validate(built.schema, *op).empty();
    });
    QTextStream(stdout) << "GraphQL: github-schema.graphql, " << source.size()
                        << " bytes; query of " << operation.size() << " bytes, " << lines
                        << " lines, " << errors << " validation errors; " << rounds
                        << " runs each (median, min)" << Qt::endl;
    ok = ok && errors == 0;
    figure(QStringLiteral("graphql.schema_parse_build_ms_median"), build.medianMs,
           QStringLiteral("ms"), QStringLiteral("-"), ok);
    figure(QStringLiteral("graphql.query_parse_validate_ms_median"), validate.medianMs,
           QStringLiteral("ms"), QStringLiteral("-"), ok);
    figure(QStringLiteral("graphql.parse_build_validate_ms_median"), total.medianMs,
           QStringLiteral("ms"), QStringLiteral("< 50"), ok && total.medianMs < 50);
    figure(QStringLiteral("graphql.parse_build_validate_ms_min"), total.minMs, QStringLiteral("ms"),
           QStringLiteral("-"), ok);
}

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
