#include "benches.h"
#include "core/graphql/completion.h"
#include "core/graphql/schema.h"
#include "ui/graphql/graphqleditor.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCompleter>
#include <QEventLoop>
#include <QKeyEvent>
#include <QTimer>

#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>
#include <algorithm>
#include <vector>

using namespace Gatehouse::Core::GraphQL;

namespace {

// A query as people write them against GitHub's API: variables, aliases, nested connections,
// enum and input-object arguments, an inline fragment and a fragment spread.
const char *const kQuery =
    "query RepositoryOverview($owner: String!, $name: String!, $states: [IssueState!], $first: Int = 20) {\n"
    "  viewer { login name avatarUrl(size: 64) }\n"
    "  repository(owner: $owner, name: $name) {\n"
    "    nameWithOwner\n"
    "    description\n"
    "    stargazers { totalCount }\n"
    "    openIssues: issues(first: $first, states: $states, orderBy: {field: CREATED_AT, direction: DESC}) {\n"
    "      totalCount\n"
    "      pageInfo { hasNextPage endCursor }\n"
    "      nodes {\n"
    "        number\n"
    "        title\n"
    "        author { login ... on User { company location } }\n"
    "        labels(first: 5) { nodes { name color } }\n"
    "        comments(last: 3) { nodes { body createdAt author { login } } }\n"
    "      }\n"
    "    }\n"
    "    pullRequests(last: 10, states: [OPEN, MERGED]) {\n"
    "      nodes { ...PullRequestSummary }\n"
    "    }\n"
    "    defaultBranchRef { name target { ... on Commit { history(first: 5) { nodes { messageHeadline oid } } } } }\n"
    "  }\n"
    "}\n"
    "\n"
    "fragment PullRequestSummary on PullRequest {\n"
    "  number\n"
    "  title\n"
    "  mergeable\n"
    "  reviews(first: 5, states: [APPROVED]) { nodes { state author { login } } }\n"
    "}\n";

// The query repeated, with its operation and fragment renamed in each copy, to 5,000 lines.
QByteArray fiveThousandLines(const QByteArray &query)
{
    QByteArray big;
    int copies = 0;
    while (big.count('\n') < 5000) {
        const QByteArray suffix = QByteArray::number(copies++);
        QByteArray copy = query;
        copy.replace("RepositoryOverview", QByteArray("RepositoryOverview" + suffix));
        copy.replace("PullRequestSummary", QByteArray("PullRequestSummary" + suffix));
        big += copy;
    }
    return big;
}

std::optional<Schema> githubSchema()
{
    QFile file(QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/data/graphql/graphql-js/github-schema.graphql"));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    auto schema = Schema::fromSdl(file.readAll());
    if (!schema.ok())
        return std::nullopt;
    return *schema;
}

} // namespace

// Completion is asked on every keystroke that may open a list (issue 8: < 10 ms per keystroke on
// the GitHub schema): complete() at every byte offset of a 31-line query, as if the cursor
// stood there after typing, and hover() likewise.
void benchGraphQLComplete()
{
    QFile file(QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/data/graphql/graphql-js/github-schema.graphql"));
    if (!file.open(QIODevice::ReadOnly)) {
        QTextStream(stdout) << "graphql-complete: cannot read " << file.fileName() << Qt::endl;
        return;
    }
    const auto schema = Schema::fromSdl(file.readAll());
    if (!schema.ok()) {
        QTextStream(stdout) << "graphql-complete: " << schema.error().message << Qt::endl;
        return;
    }
    const QByteArray query(kQuery);
    std::vector<double> completeMs, hoverMs;
    size_t items = 0, maxItems = 0, hovers = 0;
    for (int round = 0; round < 3; ++round) {
        for (int offset = 0; offset <= query.size(); ++offset) {
            QElapsedTimer clock;
            clock.start();
            const CompletionResult result = CompletionEngine::complete(*schema, query, offset);
            const double ms = clock.nsecsElapsed() / 1e6;
            clock.restart();
            const auto info = CompletionEngine::hover(*schema, query, offset);
            const double hoverTime = clock.nsecsElapsed() / 1e6;
            if (round == 0)
                continue; // warm-up
            completeMs.push_back(ms);
            hoverMs.push_back(hoverTime);
            items += result.items.size();
            maxItems = std::max(maxItems, result.items.size());
            hovers += info.has_value() ? 1 : 0;
        }
    }
    std::sort(completeMs.begin(), completeMs.end());
    std::sort(hoverMs.begin(), hoverMs.end());
    auto at = [](const std::vector<double> &v, double q) { return v[size_t(q * double(v.size() - 1))]; };
    QTextStream(stdout) << "GraphQL completion: github-schema.graphql, a " << query.size()
                        << "-byte query, complete() and hover() at each of " << query.size() + 1
                        << " offsets x 2 rounds; " << items / completeMs.size()
                        << " items on average, at most " << maxItems << "; hover answered at "
                        << hovers / 2 << " offsets" << Qt::endl;
    figure(QStringLiteral("graphql.complete_ms_median"), at(completeMs, 0.5), QStringLiteral("ms"),
           QStringLiteral("-"), true);
    figure(QStringLiteral("graphql.complete_ms_p99"), at(completeMs, 0.99), QStringLiteral("ms"),
           QStringLiteral("< 10"), at(completeMs, 0.99) < 10);
    figure(QStringLiteral("graphql.complete_ms_max"), completeMs.back(), QStringLiteral("ms"),
           QStringLiteral("< 10"), completeMs.back() < 10);
    figure(QStringLiteral("graphql.hover_ms_max"), hoverMs.back(), QStringLiteral("ms"),
           QStringLiteral("< 10"), hoverMs.back() < 10);

    // The editor's worst case: the cursor near the end of a 5,000-line document, since every
    // call lexes the whole document (fragments may be defined below the cursor).
    const QByteArray big = fiveThousandLines(query);
    std::vector<double> bigMs;
    const int base = int(big.size() - query.size());
    for (int offset = base; offset <= big.size(); offset += 5) {
        QElapsedTimer clock;
        clock.start();
        const CompletionResult result = CompletionEngine::complete(*schema, big, offset);
        bigMs.push_back(clock.nsecsElapsed() / 1e6);
    }
    std::sort(bigMs.begin(), bigMs.end());
    QTextStream(stdout) << "  and in a " << big.count('\n') << "-line, " << big.size()
                        << "-byte document, at " << bigMs.size() << " offsets of its last query" << Qt::endl;
    figure(QStringLiteral("graphql.complete_5000_lines_ms_median"), at(bigMs, 0.5), QStringLiteral("ms"),
           QStringLiteral("-"), true);
    figure(QStringLiteral("graphql.complete_5000_lines_ms_max"), bigMs.back(), QStringLiteral("ms"),
           QStringLiteral("< 10"), bigMs.back() < 10);
}

// Issue 8: the editor stays fluid in a 5,000-line document. Types into GraphQLEditor (offscreen,
// GitHub schema set) one key every 25 ms, in bursts with pauses that let the debounced parse and
// validation run, near the end and in the middle of the document; reports the slowest
// keystroke (highlighting, auto-indent, completion popup) and the longest event-loop stall seen
// by a 2 ms timer, which includes the checks.
void benchGraphQLEditor()
{
    auto schema = githubSchema();
    if (!schema) {
        QTextStream(stdout) << "graphql-editor: cannot load the GitHub schema" << Qt::endl;
        return;
    }
    Gatehouse::Ui::GraphQLEditor editor;
    editor.resize(1000, 700);
    editor.show();
    editor.setSchema(std::make_shared<const Schema>(std::move(*schema)));
    const QByteArray document = fiveThousandLines(QByteArray(kQuery));
    QElapsedTimer load;
    load.start();
    editor.setPlainText(QString::fromUtf8(document));
    const double loadMs = load.nsecsElapsed() / 1e6;
    QElapsedTimer checkClock;
    checkClock.start();
    editor.checkNow();
    const double checkMs = checkClock.nsecsElapsed() / 1e6;
    const size_t problems = editor.problems().size();

    // Where to type: inside the last query's repository selection, and in the middle.
    const QString text = editor.toPlainText();
    const int end = int(text.lastIndexOf(QLatin1String("    nameWithOwner\n"))) + 17;
    const int middle = int(text.indexOf(QLatin1String("    nameWithOwner\n"), text.size() / 2)) + 17;
    const QString burst = QStringLiteral("\n    issues(first: 5, states: [OPEN]) {\n    totalCount\n    nodes { title author { login } }\n    }");

    std::vector<double> keyMs;
    double longestStall = 0;
    QElapsedTimer sinceTick;
    sinceTick.start();
    QTimer monitor;
    monitor.setInterval(2);
    QObject::connect(&monitor, &QTimer::timeout, &editor, [&] {
        longestStall = std::max(longestStall, sinceTick.nsecsElapsed() / 1e6 - 2.0);
        sinceTick.restart();
    });
    monitor.start();

    auto typeBurst = [&](int position) {
        QTextCursor cursor = editor.textCursor();
        cursor.setPosition(position);
        editor.setTextCursor(cursor);
        for (const QChar c : burst) {
            QEventLoop wait;
            QTimer::singleShot(25, &wait, &QEventLoop::quit);
            wait.exec();
            // The completion list would take Enter; typing goes on as a person's would after Esc.
            if (editor.completer()->popup()->isVisible() && c == QLatin1Char('\n'))
                editor.completer()->popup()->hide();
            const int key = c == QLatin1Char('\n') ? int(Qt::Key_Return) : int(c.toUpper().unicode());
            QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier, c == QLatin1Char('\n') ? QString() : QString(c));
            QKeyEvent release(QEvent::KeyRelease, key, Qt::NoModifier, c == QLatin1Char('\n') ? QString() : QString(c));
            QElapsedTimer clock;
            clock.start();
            QApplication::sendEvent(&editor, &press);
            QApplication::sendEvent(&editor, &release);
            keyMs.push_back(clock.nsecsElapsed() / 1e6);
        }
        editor.completer()->popup()->hide();
        QEventLoop pause; // long enough for the debounced check
        QTimer::singleShot(400, &pause, &QEventLoop::quit);
        pause.exec();
    };
    sinceTick.restart();
    longestStall = 0;
    typeBurst(end);
    typeBurst(middle);
    typeBurst(end);
    monitor.stop();

    std::sort(keyMs.begin(), keyMs.end());
    QTextStream(stdout) << "GraphQL editor: " << editor.blockCount() << " lines, " << document.size()
                        << " bytes, GitHub schema; setPlainText " << QString::number(loadMs, 'f', 0)
                        << " ms; one parse + validation " << QString::number(checkMs, 'f', 1) << " ms ("
                        << problems << " problems); " << keyMs.size() << " keystrokes typed 25 ms apart"
                        << Qt::endl;
    figure(QStringLiteral("graphql.editor_keystroke_ms_median"), keyMs[keyMs.size() / 2], QStringLiteral("ms"),
           QStringLiteral("-"), true);
    figure(QStringLiteral("graphql.editor_keystroke_ms_max"), keyMs.back(), QStringLiteral("ms"),
           QStringLiteral("< 50"), keyMs.back() < 50);
    figure(QStringLiteral("graphql.editor_longest_stall_ms"), longestStall, QStringLiteral("ms"),
           QStringLiteral("< 50"), longestStall < 50);
}
