// The GraphQL editor widgets offscreen: highlighting formats on known tokens (block strings
// across lines, bad characters), problems that appear after the pause and go when fixed
// (syntax, and validation against graphql-cats' schema), the completion popup after typing and
// Enter inserting, auto-indent, bracket matching, prettify as one undo step (and refused on a
// syntax error), the operation picker, and the schema explorer's search and navigation on the
// GitHub schema.

#include "core/graphql/parser.h"
#include "core/graphql/schema.h"
#include "ui/graphql/graphqleditor.h"
#include "ui/graphql/graphqleditorpanel.h"
#include "ui/graphql/graphqlhighlighter.h"
#include "ui/graphql/graphqlschemaexplorer.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextLayout>
#include <QToolTip>
#include <QTreeWidget>

using namespace Gatehouse::Ui;
using namespace Gatehouse::Core::GraphQL;
using Role = GraphQLHighlighter::Role;

namespace {

QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(GATEHOUSE_TEST_DATA "/graphql/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return file.readAll();
}

std::shared_ptr<const Schema> catsSchema()
{
    const auto document = Parser::parse(fixture(QStringLiteral("graphql-cats/scenarios/validation/validation.schema.graphql")));
    if (!document.ok())
        qFatal("validation.schema.graphql does not parse");
    // The file uses @enumInt without declaring it; the rest builds.
    return std::make_shared<Schema>(Schema::fromDocument(*document).schema);
}

std::shared_ptr<const Schema> githubSchema()
{
    const auto schema = Schema::fromSdl(fixture(QStringLiteral("graphql-js/github-schema.graphql")));
    if (!schema.ok())
        qFatal("github-schema.graphql: %s", qPrintable(schema.error().message));
    return std::make_shared<Schema>(*schema);
}

// The highlighter's format at a line's column (0-based), or an empty format.
QTextCharFormat formatAt(GraphQLEditor &editor, int line, int column)
{
    const QTextBlock block = editor.document()->findBlockByNumber(line);
    for (const QTextLayout::FormatRange &range : block.layout()->formats()) {
        if (column >= range.start && column < range.start + range.length)
            return range.format;
    }
    return {};
}

bool hasRole(GraphQLEditor &editor, int line, int column, Role role)
{
    const QTextCharFormat expected = editor.highlighter()->format(role);
    const QTextCharFormat got = formatAt(editor, line, column);
    return got.foreground() == expected.foreground() && got.underlineStyle() == expected.underlineStyle();
}

QStringList popupLabels(GraphQLEditor &editor)
{
    QStringList labels;
    QAbstractItemModel *model = editor.completer()->completionModel();
    for (int row = 0; row < model->rowCount(); ++row)
        labels << model->index(row, 0).data().toString();
    return labels;
}

int waveUnderlines(GraphQLEditor &editor)
{
    int count = 0;
    for (const QTextEdit::ExtraSelection &selection : editor.extraSelections()) {
        if (selection.format.underlineStyle() == QTextCharFormat::WaveUnderline)
            ++count;
    }
    return count;
}

void placeCursor(GraphQLEditor &editor, int position)
{
    QTextCursor cursor = editor.textCursor();
    cursor.setPosition(position);
    editor.setTextCursor(cursor);
}

} // namespace

class tst_GraphQLEditor : public QObject
{
    Q_OBJECT

private slots:
    void highlighting();
    void blockStringAcrossLines();
    void syntaxErrorUnderlinedAndFixed();
    void validationProblems();
    void completionPopupAndEnter();
    void completionAfterBrace();
    void completionTab();
    void autoIndent();
    void bracketMatching();
    void tooltips();
    void prettifyIsOneUndoStep();
    void prettifyRefusesSyntaxErrors();
    void operationPicker();
    void schemaExplorerSearch();
};

void tst_GraphQLEditor::highlighting()
{
    GraphQLEditor editor;
    editor.setPlainText(QStringLiteral("query Q($id: ID = \"x\") @live {\n"
                                       "  # a comment\n"
                                       "  user(id: $id, n: 12, f: 1.5) { name ? }\n"
                                       "}"));
    QVERIFY(hasRole(editor, 0, 0, Role::Keyword));     // query
    QVERIFY(hasRole(editor, 0, 6, Role::Name));        // Q
    QVERIFY(hasRole(editor, 0, 8, Role::Variable));    // $
    QVERIFY(hasRole(editor, 0, 9, Role::Variable));    // id
    QVERIFY(hasRole(editor, 0, 13, Role::Name));       // ID
    QVERIFY(hasRole(editor, 0, 18, Role::String));     // "x"
    QVERIFY(hasRole(editor, 0, 23, Role::Directive));  // @
    QVERIFY(hasRole(editor, 0, 25, Role::Directive));  // live
    QVERIFY(hasRole(editor, 0, 29, Role::Punctuation)); // {
    QVERIFY(hasRole(editor, 1, 4, Role::Comment));
    QVERIFY(hasRole(editor, 2, 2, Role::Name));        // user
    QVERIFY(hasRole(editor, 2, 19, Role::Number));     // 12
    QVERIFY(hasRole(editor, 2, 26, Role::Number));     // 1.5
    // A character GraphQL does not have is marked, and what follows is still coloured.
    QVERIFY(hasRole(editor, 2, 38, Role::Invalid));
    QVERIFY(hasRole(editor, 2, 40, Role::Punctuation));
    QVERIFY(!hasRole(editor, 2, 2, Role::Invalid));
}

void tst_GraphQLEditor::blockStringAcrossLines()
{
    GraphQLEditor editor;
    editor.setPlainText(QStringLiteral("\"\"\"\n"
                                       "A description { that is not a selection\n"
                                       "with an escaped \\\"\"\" inside\n"
                                       "\"\"\" type Dog { name: String }"));
    QVERIFY(hasRole(editor, 0, 0, Role::String));
    QVERIFY(hasRole(editor, 1, 0, Role::String));
    QVERIFY(hasRole(editor, 1, 14, Role::String)); // "{" inside the string
    QVERIFY(hasRole(editor, 2, 25, Role::String)); // after the escaped delimiter
    QVERIFY(hasRole(editor, 3, 0, Role::String));  // the closing """
    QVERIFY(hasRole(editor, 3, 4, Role::Keyword)); // type, after the string ends
    QVERIFY(hasRole(editor, 3, 9, Role::Name));    // Dog

    // Closing it earlier re-colours the lines below.
    QTextCursor cursor(editor.document()->findBlockByNumber(1));
    cursor.insertText(QStringLiteral("\"\"\" "));
    QVERIFY(hasRole(editor, 1, 0, Role::String));
    QVERIFY(hasRole(editor, 1, 6, Role::Name)); // description, now outside the string
}

void tst_GraphQLEditor::syntaxErrorUnderlinedAndFixed()
{
    GraphQLEditor editor;
    editor.show();
    editor.setPlainText(QStringLiteral("{ dog { name }\n"));
    // Problems come after the pause, without anyone asking.
    QTRY_COMPARE_WITH_TIMEOUT(int(editor.problems().size()), 1, 2000);
    const GraphQLEditor::Problem problem = editor.problems().front();
    QCOMPARE(problem.rule, QStringLiteral("Syntax"));
    QVERIFY2(problem.message.contains(QLatin1String("Expected Name, found <EOF>")), qPrintable(problem.message));
    QCOMPARE(waveUnderlines(editor), 1);

    editor.moveCursor(QTextCursor::End);
    QTest::keyClicks(&editor, QStringLiteral("}"));
    QTRY_VERIFY_WITH_TIMEOUT(editor.problems().empty(), 2000);
    QCOMPARE(waveUnderlines(editor), 0);
}

void tst_GraphQLEditor::validationProblems()
{
    GraphQLEditorPanel panel;
    GraphQLEditor &editor = *panel.editor();
    editor.setSchema(catsSchema());
    editor.setPlainText(QStringLiteral("{\n  dog { nope }\n}"));
    editor.checkNow();
    QCOMPARE(int(editor.problems().size()), 1);
    const GraphQLEditor::Problem problem = editor.problems().front();
    QCOMPARE(problem.rule, QStringLiteral("FieldsOnCorrectType"));
    QVERIFY2(problem.message.startsWith(QLatin1String("Cannot query field \"nope\" on type \"Dog\".")), qPrintable(problem.message));
    QCOMPARE(problem.line, 2);
    QCOMPARE(problem.column, 9);
    QCOMPARE(problem.length, 4); // the whole name is underlined
    QCOMPARE(editor.document()->toPlainText().mid(problem.position, problem.length), QStringLiteral("nope"));
    QCOMPARE(panel.problemList()->count(), 1);
    QVERIFY(panel.problemList()->item(0)->text().startsWith(QLatin1String("2:9  Cannot query field")));
    QVERIFY(!panel.problemList()->isHidden());

    // A syntax error below does not hide the validation error above it.
    editor.setPlainText(QStringLiteral("{\n  dog { nope }\n}\nquery B { cat { ! } }"));
    editor.checkNow();
    QStringList rules;
    for (const auto &p : editor.problems())
        rules << p.rule;
    QVERIFY2(rules.contains(QStringLiteral("Syntax")) && rules.contains(QStringLiteral("FieldsOnCorrectType")),
             qPrintable(rules.join(QLatin1Char(' '))));

    // In a definition cut short by a syntax error only the syntax error is reported, not what
    // validation makes of the half-typed rest (a field with no name yet).
    editor.setPlainText(QStringLiteral("query A { dog { nope } }\nquery Broken { dog { name ? }\n"));
    editor.checkNow();
    QStringList messages;
    for (const auto &p : editor.problems())
        messages << p.rule + QStringLiteral(": ") + p.message;
    QVERIFY2(messages.size() == 2, qPrintable(messages.join(QLatin1Char('\n'))));
    QVERIFY2(messages.at(0).startsWith(QLatin1String("FieldsOnCorrectType: Cannot query field \"nope\"")), qPrintable(messages.join(QLatin1Char('\n'))));
    QVERIFY2(messages.at(1).startsWith(QLatin1String("Syntax: ")), qPrintable(messages.join(QLatin1Char('\n'))));
    editor.setPlainText(QStringLiteral("{\n  dog { nope }\n}\nquery B { cat { ! } }"));
    editor.checkNow();

    // Clicking a problem goes to it.
    panel.problemList()->setCurrentRow(0);
    emit panel.problemList()->itemClicked(panel.problemList()->item(0));
    QCOMPARE(editor.textCursor().position(), editor.problems().front().position);
}

void tst_GraphQLEditor::completionPopupAndEnter()
{
    GraphQLEditor editor;
    editor.setSchema(catsSchema());
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    editor.setPlainText(QStringLiteral("{ dog {  } }"));
    placeCursor(editor, 8);
    QTest::keyClicks(&editor, QStringLiteral("ba"));
    QTRY_VERIFY(editor.completer()->popup()->isVisible());
    QCOMPARE(popupLabels(editor), (QStringList{QStringLiteral("barks"), QStringLiteral("barkVolume")}));
    // The list shows the type and the kind.
    QCOMPARE(editor.completer()->completionModel()->index(1, 0).data(Qt::UserRole + 1).toString(), QStringLiteral("Int"));
    QVERIFY(!editor.completer()->completionModel()->index(1, 0).data(Qt::DecorationRole).isNull());

    QTest::keyClick(editor.completer()->popup(), Qt::Key_Down);
    QTest::keyClick(editor.completer()->popup(), Qt::Key_Return);
    QCOMPARE(editor.toPlainText(), QStringLiteral("{ dog { barkVolume } }"));
    QVERIFY(!editor.completer()->popup()->isVisible());
    QCOMPARE(editor.textCursor().position(), 18);

    // Ctrl+Space on a word in the middle replaces the whole word.
    placeCursor(editor, 10);
    QTest::keyClick(&editor, Qt::Key_Space, Qt::ControlModifier);
    QTRY_VERIFY(editor.completer()->popup()->isVisible());
    QCOMPARE(popupLabels(editor), (QStringList{QStringLiteral("barks"), QStringLiteral("barkVolume")}));
    QTest::keyClick(editor.completer()->popup(), Qt::Key_Return);
    QCOMPARE(editor.toPlainText(), QStringLiteral("{ dog { barks } }"));
}

void tst_GraphQLEditor::completionAfterBrace()
{
    GraphQLEditor editor;
    editor.setSchema(catsSchema());
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QTest::keyClicks(&editor, QStringLiteral("{ cat {"));
    QTRY_VERIFY(editor.completer()->popup()->isVisible());
    QCOMPARE(popupLabels(editor), (QStringList{QStringLiteral("name"), QStringLiteral("nickname"), QStringLiteral("meows"),
                                               QStringLiteral("meowVolume"), QStringLiteral("furColor"),
                                               QStringLiteral("__typename")}));
    QTest::keyClick(editor.completer()->popup(), Qt::Key_Escape);
    QVERIFY(!editor.completer()->popup()->isVisible());
    // After "@": the directives allowed on a field.
    QTest::keyClicks(&editor, QStringLiteral(" name @"));
    QTRY_VERIFY(editor.completer()->popup()->isVisible());
    QStringList directives = popupLabels(editor);
    directives.sort();
    QCOMPARE(directives, (QStringList{QStringLiteral("include"), QStringLiteral("onField"), QStringLiteral("skip")}));
    // A character that cannot continue a name closes the list.
    QTest::keyClicks(&editor, QStringLiteral("skip("));
    QTRY_VERIFY(editor.completer()->popup()->isVisible());
    QCOMPARE(popupLabels(editor), QStringList{QStringLiteral("if")});
    QTest::keyClick(editor.completer()->popup(), Qt::Key_Return);
    QCOMPARE(editor.toPlainText(), QStringLiteral("{ cat { name @skip(if: "));
}

void tst_GraphQLEditor::completionTab()
{
    GraphQLEditor editor;
    editor.setSchema(catsSchema());
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    editor.setPlainText(QStringLiteral("query ($c: DogCommand) { dog { doesKnowCommand(dogCommand: ) } }"));
    placeCursor(editor, int(editor.toPlainText().indexOf(QLatin1String(": )")) + 2));
    QTest::keyClicks(&editor, QStringLiteral("$"));
    QTRY_VERIFY(editor.completer()->popup()->isVisible());
    QCOMPARE(popupLabels(editor), QStringList{QStringLiteral("$c")});
    QTest::keyClick(editor.completer()->popup(), Qt::Key_Tab);
    QCOMPARE(editor.toPlainText(), QStringLiteral("query ($c: DogCommand) { dog { doesKnowCommand(dogCommand: $c) } }"));
}

void tst_GraphQLEditor::autoIndent()
{
    GraphQLEditor editor; // no schema: nothing pops up after "{"
    editor.show();
    QTest::keyClicks(&editor, QStringLiteral("query {"));
    QTest::keyClick(&editor, Qt::Key_Return);
    QTest::keyClicks(&editor, QStringLiteral("a {"));
    QTest::keyClick(&editor, Qt::Key_Return);
    QTest::keyClicks(&editor, QStringLiteral("b"));
    QTest::keyClick(&editor, Qt::Key_Return);
    QTest::keyClicks(&editor, QStringLiteral("}"));
    QCOMPARE(editor.toPlainText(), QStringLiteral("query {\n  a {\n    b\n  }"));

    // Enter between brackets opens an indented line with the closer below.
    editor.setPlainText(QStringLiteral("{}"));
    placeCursor(editor, 1);
    QTest::keyClick(&editor, Qt::Key_Return);
    QCOMPARE(editor.toPlainText(), QStringLiteral("{\n  \n}"));
    QCOMPARE(editor.textCursor().position(), 4);
}

void tst_GraphQLEditor::bracketMatching()
{
    GraphQLEditor editor;
    editor.setPlainText(QStringLiteral("{ a(b: [1]) { c } }"));
    placeCursor(editor, 1); // just after the first "{"
    QList<int> marked;
    for (const QTextEdit::ExtraSelection &selection : editor.extraSelections()) {
        if (selection.format.hasProperty(QTextFormat::BackgroundBrush))
            marked << selection.cursor.selectionStart();
    }
    QCOMPARE(marked, (QList<int>{0, 18}));
}

void tst_GraphQLEditor::tooltips()
{
    GraphQLEditor editor;
    editor.setSchema(catsSchema());
    editor.resize(600, 300);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    editor.setPlainText(QStringLiteral("{ dog { nope isHousetrained } }"));
    editor.checkNow();
    auto tipAt = [&](int position) {
        QTextCursor cursor(editor.document());
        cursor.setPosition(position);
        const QPoint pos = editor.cursorRect(cursor).center() + QPoint(2, 0);
        QHelpEvent help(QEvent::ToolTip, pos, editor.viewport()->mapToGlobal(pos));
        QCoreApplication::sendEvent(editor.viewport(), &help);
        return QToolTip::isVisible() ? QToolTip::text() : QString();
    };
    // On a problem: its message, as rich text so that the quotes come out as quotes.
    const QString problem = tipAt(9);
    QVERIFY2(problem.contains(QLatin1String("Cannot query field &quot;nope&quot; on type &quot;Dog&quot;")), qPrintable(problem));
    QVERIFY(Qt::mightBeRichText(problem));
    // On a field: its signature from the schema (which has no descriptions).
    const QString hover = tipAt(15);
    QVERIFY2(hover.contains(QLatin1String("Dog.isHousetrained: Boolean")), qPrintable(hover));
}

void tst_GraphQLEditor::prettifyIsOneUndoStep()
{
    GraphQLEditor editor;
    const QString original = QStringLiteral("query Q($id:ID){human(id:$id){name,pets{name}}}");
    editor.setPlainText(original);
    QVERIFY(editor.prettify());
    // graphql-js's print() of the same document.
    QCOMPARE(editor.toPlainText(), QStringLiteral("query Q($id: ID) {\n  human(id: $id) {\n    name\n    pets {\n      name\n    }\n  }\n}"));
    editor.undo();
    QCOMPARE(editor.toPlainText(), original);
    editor.redo();
    QVERIFY(editor.toPlainText().startsWith(QLatin1String("query Q($id: ID) {\n")));

    // The shortcut does the same.
    editor.setPlainText(QStringLiteral("{a{b}}"));
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    editor.setFocus();
    QTest::keyClick(&editor, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(editor.toPlainText(), QStringLiteral("{\n  a {\n    b\n  }\n}"));
}

void tst_GraphQLEditor::prettifyRefusesSyntaxErrors()
{
    GraphQLEditorPanel panel;
    GraphQLEditor &editor = *panel.editor();
    const QString broken = QStringLiteral("{ dog { name(: 1) } }");
    editor.setPlainText(broken);
    QString message;
    QVERIFY(!editor.prettify(&message));
    QCOMPARE(editor.toPlainText(), broken);
    QVERIFY2(message.contains(QLatin1String("1:14: Expected Name, found \":\"")), qPrintable(message));
    QVERIFY(message.contains(QLatin1String("not changed")));
    QVERIFY(!editor.document()->isUndoAvailable() || editor.toPlainText() == broken);
}

void tst_GraphQLEditor::operationPicker()
{
    GraphQLEditorPanel panel;
    GraphQLEditor &editor = *panel.editor();
    editor.setPlainText(QStringLiteral("query A { dog { name } }\n"
                                       "mutation B { x }\n"
                                       "{ cat { name } }\n"
                                       "fragment F on Dog { name }"));
    editor.checkNow();
    QComboBox *picker = panel.operationPicker();
    QCOMPARE(picker->count(), 3);
    QCOMPARE(picker->itemText(0), QStringLiteral("query A"));
    QCOMPARE(picker->itemText(1), QStringLiteral("mutation B"));
    QCOMPARE(picker->itemText(2), QStringLiteral("query (anonymous)"));
    placeCursor(editor, int(editor.toPlainText().indexOf(QLatin1String("{ x }"))));
    QCOMPARE(picker->currentIndex(), 1);
    QCOMPARE(panel.selectedOperationName(), QStringLiteral("B"));
    // Picking one moves the cursor to it.
    emit picker->activated(0);
    QCOMPARE(editor.textCursor().position(), 0);
    QCOMPARE(panel.selectedOperationName(), QStringLiteral("A"));
}

void tst_GraphQLEditor::schemaExplorerSearch()
{
    GraphQLSchemaExplorer explorer;
    explorer.setSchema(githubSchema());
    QTreeWidget *tree = explorer.tree();
    QCOMPARE(tree->topLevelItem(0)->text(0), QStringLiteral("Query")); // the root first
    auto visibleTypes = [&] {
        QStringList names;
        for (int i = 0; i < tree->topLevelItemCount(); ++i) {
            if (!tree->topLevelItem(i)->isHidden())
                names << tree->topLevelItem(i)->text(0);
        }
        return names;
    };
    const int all = int(visibleTypes().size());
    QVERIFY2(all > 400, qPrintable(QString::number(all)));

    explorer.searchField()->setText(QStringLiteral("issuestate"));
    QVERIFY(visibleTypes().contains(QStringLiteral("IssueState")));
    for (const QString &name : visibleTypes()) {
        // A type shows when its name or one of its members' names matches.
        QTreeWidgetItem *item = tree->findItems(name, Qt::MatchExactly).value(0);
        bool matches = name.contains(QLatin1String("issuestate"), Qt::CaseInsensitive);
        for (int i = 0; i < item->childCount() && !matches; ++i)
            matches = !item->child(i)->isHidden();
        QVERIFY2(matches, qPrintable(name));
    }
    QVERIFY(!visibleTypes().contains(QStringLiteral("Repository")));

    // A member's name finds its types, expanded to show it.
    explorer.searchField()->setText(QStringLiteral("nameWithOwner"));
    QVERIFY(visibleTypes().contains(QStringLiteral("Repository")));
    QTreeWidgetItem *repository = tree->findItems(QStringLiteral("Repository"), Qt::MatchExactly).value(0);
    QVERIFY(repository && repository->isExpanded());
    int shownMembers = 0;
    for (int i = 0; i < repository->childCount(); ++i) {
        if (!repository->child(i)->isHidden()) {
            ++shownMembers;
            QVERIFY(repository->child(i)->text(0).contains(QLatin1String("nameWithOwner")));
        }
    }
    QCOMPARE(shownMembers, 1);

    // Navigating to a type (as a link in the details does) leaves the search and shows it.
    QVERIFY(explorer.showType(QStringLiteral("IssueConnection")));
    QCOMPARE(tree->currentItem()->text(0), QStringLiteral("IssueConnection"));
    QVERIFY(explorer.searchField()->text().isEmpty());
    QVERIFY(explorer.details()->toPlainText().contains(QLatin1String("The connection type for Issue.")));
    QVERIFY(explorer.details()->toHtml().contains(QLatin1String("type:PageInfo")));
    emit explorer.details()->anchorClicked(QUrl(QStringLiteral("type:PageInfo")));
    QCOMPARE(tree->currentItem()->text(0), QStringLiteral("PageInfo"));
    QVERIFY(!explorer.showType(QStringLiteral("NoSuchType")));

    // A field's details: its arguments and descriptions.
    QTreeWidgetItem *issues = nullptr;
    for (int i = 0; i < repository->childCount() && !issues; ++i) {
        if (repository->child(i)->text(0).startsWith(QLatin1String("issues(")))
            issues = repository->child(i);
    }
    QVERIFY(issues);
    QCOMPARE(issues->text(1), QStringLiteral("IssueConnection!"));
    tree->setCurrentItem(issues);
    const QString details = explorer.details()->toPlainText();
    QVERIFY(details.contains(QLatin1String("A list of issues that have been opened in the repository.")));
    QVERIFY(details.contains(QLatin1String("A list of states to filter the issues by.")));
}

QTEST_MAIN(tst_GraphQLEditor)
#include "tst_graphqleditor.moc"
