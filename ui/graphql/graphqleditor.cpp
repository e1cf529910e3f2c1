#include "graphqleditor.h"

#include "graphqlhighlighter.h"

#include "core/graphql/lexer.h"
#include "core/graphql/parser.h"
#include "core/graphql/printer.h"
#include "core/graphql/validation.h"

#include <QAbstractItemView>
#include <QAction>
#include <QCompleter>
#include <QHelpEvent>
#include <QPainter>
#include <QScrollBar>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <QTextBlock>
#include <QTimer>
#include <QToolTip>

namespace Gatehouse::Ui {

using namespace Core::GraphQL;

class LineNumberArea : public QWidget
{
public:
    explicit LineNumberArea(GraphQLEditor *editor)
        : QWidget(editor)
        , m_editor(editor)
    {}
    QSize sizeHint() const override { return QSize(m_editor->lineNumberAreaWidth(), 0); }

protected:
    void paintEvent(QPaintEvent *event) override { m_editor->paintLineNumbers(event); }

private:
    GraphQLEditor *m_editor;
};

namespace {

constexpr int kDetailRole = Qt::UserRole + 1;
constexpr int kDeprecatedRole = Qt::UserRole + 2;

// The completion list shows each item's type (its detail) right-aligned and greyed, as
// GraphiQL does, and strikes out deprecated members.
class CompletionDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        opt.font.setStrikeOut(index.data(kDeprecatedRole).toBool());
        QStyledItemDelegate::paint(painter, opt, index);
        const QString detail = index.data(kDetailRole).toString();
        if (detail.isEmpty())
            return;
        painter->save();
        painter->setPen(option.state & QStyle::State_Selected ? option.palette.highlightedText().color()
                                                              : option.palette.placeholderText().color());
        const QRect area = option.rect.adjusted(0, 0, -6, 0);
        painter->drawText(area, Qt::AlignRight | Qt::AlignVCenter,
                          option.fontMetrics.elidedText(detail, Qt::ElideRight, area.width() / 2));
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        size.rwidth() += option.fontMetrics.horizontalAdvance(index.data(kDetailRole).toString()) + 24;
        return size;
    }
};

QColor kindColour(CompletionItem::Kind kind)
{
    switch (kind) {
    case CompletionItem::Kind::Field:
        return QColor(0x1f, 0x5f, 0xa8);
    case CompletionItem::Kind::Argument:
    case CompletionItem::Kind::InputField:
        return QColor(0x0f, 0x76, 0x6e);
    case CompletionItem::Kind::EnumValue:
    case CompletionItem::Kind::Value:
        return QColor(0xc2, 0x41, 0x0c);
    case CompletionItem::Kind::Variable:
        return QColor(0xb2, 0x50, 0x00);
    case CompletionItem::Kind::Fragment:
    case CompletionItem::Kind::Type:
        return QColor(0x6d, 0x28, 0xd9);
    case CompletionItem::Kind::Directive:
    case CompletionItem::Kind::Keyword:
        return QColor(0x8e, 0x3a, 0xb5);
    }
    return Qt::gray;
}

QIcon kindIcon(CompletionItem::Kind kind)
{
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(kindColour(kind));
    painter.drawRoundedRect(QRectF(0.5, 0.5, 15, 15), 3, 3);
    QFont font = painter.font();
    font.setPixelSize(11);
    font.setBold(true);
    painter.setFont(font);
    painter.setPen(Qt::white);
    painter.drawText(QRect(0, 0, 16, 16), Qt::AlignCenter, QString(CompletionEngine::kindLetter(kind)));
    return QIcon(pixmap);
}

// Without a schema, completion still offers keywords and the built-in directives.
const Schema &emptySchema()
{
    static const Schema schema;
    return schema;
}

bool isOpener(QChar c)
{
    return c == QLatin1Char('{') || c == QLatin1Char('(') || c == QLatin1Char('[');
}

bool isCloser(QChar c)
{
    return c == QLatin1Char('}') || c == QLatin1Char(')') || c == QLatin1Char(']');
}

QChar partner(QChar c)
{
    switch (c.unicode()) {
    case '{':
        return QLatin1Char('}');
    case '(':
        return QLatin1Char(')');
    case '[':
        return QLatin1Char(']');
    case '}':
        return QLatin1Char('{');
    case ')':
        return QLatin1Char('(');
    case ']':
        return QLatin1Char('[');
    }
    return {};
}

QString leadingSpaces(const QString &line)
{
    qsizetype n = 0;
    while (n < line.size() && (line.at(n) == QLatin1Char(' ') || line.at(n) == QLatin1Char('\t')))
        ++n;
    return line.left(n);
}

} // namespace

GraphQLEditor::GraphQLEditor(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_highlighter(new GraphQLHighlighter(document()))
    , m_lineNumbers(new LineNumberArea(this))
    , m_checkTimer(new QTimer(this))
    , m_completer(new QCompleter(this))
    , m_completionModel(new QStandardItemModel(this))
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 2);
    setPlaceholderText(tr("query {\n  ...\n}"));

    m_checkTimer->setSingleShot(true);
    m_checkTimer->setInterval(kCheckDelayMs);
    connect(m_checkTimer, &QTimer::timeout, this, &GraphQLEditor::check);
    connect(document(), &QTextDocument::contentsChanged, this, &GraphQLEditor::scheduleCheck);

    connect(this, &QPlainTextEdit::blockCountChanged, this, [this] { setViewportMargins(lineNumberAreaWidth(), 0, 0, 0); });
    connect(this, &QPlainTextEdit::updateRequest, this, &GraphQLEditor::updateLineNumberArea);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &GraphQLEditor::matchBrackets);
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);

    m_completer->setModel(m_completionModel);
    m_completer->setWidget(this);
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setMaxVisibleItems(12);
    m_completer->popup()->setItemDelegate(new CompletionDelegate(m_completer->popup()));
    connect(m_completer, qOverload<const QModelIndex &>(&QCompleter::activated), this,
            &GraphQLEditor::insertCompletion);

    auto *prettifyAction = new QAction(tr("Prettify"), this);
    prettifyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    prettifyAction->setShortcutContext(Qt::WidgetShortcut);
    connect(prettifyAction, &QAction::triggered, this, [this] { prettify(); });
    addAction(prettifyAction);
}

GraphQLEditor::~GraphQLEditor() = default;

void GraphQLEditor::setSchema(std::shared_ptr<const Schema> schema)
{
    m_schema = std::move(schema);
    checkNow();
}

// ---- line numbers ------------------------------------------------------------------------------

int GraphQLEditor::lineNumberAreaWidth() const
{
    int digits = 2;
    for (int max = std::max(1, blockCount()); max >= 100; max /= 10)
        ++digits;
    return 10 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits;
}

void GraphQLEditor::updateLineNumberArea(const QRect &rect, int dy)
{
    if (dy)
        m_lineNumbers->scroll(0, dy);
    else
        m_lineNumbers->update(0, rect.y(), m_lineNumbers->width(), rect.height());
}

void GraphQLEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect area = contentsRect();
    m_lineNumbers->setGeometry(QRect(area.left(), area.top(), lineNumberAreaWidth(), area.height()));
}

void GraphQLEditor::paintLineNumbers(QPaintEvent *event)
{
    QPainter painter(m_lineNumbers);
    painter.fillRect(event->rect(), palette().alternateBase());
    QSet<int> problemLines;
    for (const Problem &problem : m_problems)
        problemLines.insert(problem.line - 1);
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    const int current = textCursor().blockNumber();
    while (block.isValid() && top <= event->rect().bottom()) {
        const int height = qRound(blockBoundingRect(block).height());
        if (block.isVisible() && top + height >= event->rect().top()) {
            const int number = block.blockNumber();
            QColor colour = palette().placeholderText().color();
            if (problemLines.contains(number))
                colour = QColor(0xdc, 0x26, 0x26);
            else if (number == current)
                colour = palette().text().color();
            painter.setPen(colour);
            painter.drawText(0, top, m_lineNumbers->width() - 5, fontMetrics().height(), Qt::AlignRight,
                             QString::number(number + 1));
        }
        block = block.next();
        top += height;
    }
}

// ---- checking ----------------------------------------------------------------------------------

void GraphQLEditor::scheduleCheck()
{
    m_checkTimer->start();
}

void GraphQLEditor::checkNow()
{
    m_checkTimer->stop();
    check();
}

int GraphQLEditor::positionOf(const Document &doc, int offset) const
{
    const SourcePosition at = doc.position(offset);
    const QTextBlock block = document()->findBlockByNumber(at.line - 1);
    if (!block.isValid())
        return document()->characterCount() - 1;
    return block.position() + std::min(at.column - 1, std::max(0, block.length() - 1));
}

void GraphQLEditor::check()
{
    const QByteArray source = toPlainText().toUtf8();
    const ParseResult parsed = Parser::parseWithRecovery(source);
    const Document &doc = parsed.document;

    // A problem covers the token where it was found, so the underline shows what is wrong.
    auto place = [&](Problem problem, int offset) {
        offset = std::clamp(offset, 0, int(source.size()));
        problem.position = positionOf(doc, offset);
        Lexer lexer(source);
        lexer.seek(offset);
        const Token token = lexer.next();
        const int end = token.kind == TokenKind::EndOfFile ? offset : positionOf(doc, token.span.end);
        problem.length = std::max(1, end - problem.position);
        const SourcePosition at = doc.position(offset);
        problem.line = at.line;
        problem.column = at.column;
        return problem;
    };

    m_problems.clear();
    for (const SyntaxError &error : parsed.errors)
        m_problems.push_back(place(Problem{error.message, QStringLiteral("Syntax")}, error.offset));
    if (m_schema) {
        // A definition cut short by a syntax error is validated as far as it was read, which
        // yields errors about what is only half typed (a field with no name yet); the syntax
        // error is what to fix there, so only the intact definitions get validation errors.
        std::vector<Span> broken;
        for (const Definition &definition : doc.definitions) {
            const Span span = definitionSpan(definition);
            for (const SyntaxError &error : parsed.errors) {
                if (span.contains(error.offset))
                    broken.push_back(span);
            }
        }
        for (const Diagnostic &diagnostic : Validator::validate(*m_schema, doc)) {
            const int offset = diagnostic.offsets.empty() ? 0 : diagnostic.offsets.front();
            if (std::any_of(broken.begin(), broken.end(), [&](Span span) { return span.contains(offset); }))
                continue;
            m_problems.push_back(place(Problem{diagnostic.message, diagnostic.rule}, offset));
        }
    }
    std::stable_sort(m_problems.begin(), m_problems.end(),
                     [](const Problem &a, const Problem &b) { return a.position < b.position; });

    m_operations.clear();
    for (const Definition &definition : doc.definitions) {
        if (const auto *operation = std::get_if<OperationDefinition>(&definition)) {
            m_operations.push_back(Operation{operation->name ? operation->name->value : QString(),
                                             operation->operation, positionOf(doc, operation->span.start),
                                             positionOf(doc, operation->span.end)});
        }
    }
    updateExtraSelections();
    m_lineNumbers->update();
    emit checked();
}

int GraphQLEditor::currentOperationIndex() const
{
    const int position = textCursor().position();
    for (size_t i = 0; i < m_operations.size(); ++i) {
        if (position >= m_operations[i].position && position <= m_operations[i].end)
            return int(i);
    }
    return m_operations.size() == 1 ? 0 : -1;
}

void GraphQLEditor::updateExtraSelections()
{
    QList<QTextEdit::ExtraSelection> selections = m_bracketSelections;
    for (const Problem &problem : m_problems) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(document());
        selection.cursor.setPosition(problem.position);
        selection.cursor.setPosition(std::min(problem.position + problem.length, document()->characterCount() - 1),
                                     QTextCursor::KeepAnchor);
        selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        selection.format.setUnderlineColor(problem.rule == QLatin1String("Syntax") ? QColor(0xdc, 0x26, 0x26)
                                                                                    : QColor(0xd9, 0x77, 0x06));
        selections.append(selection);
    }
    setExtraSelections(selections);
}

void GraphQLEditor::matchBrackets()
{
    m_bracketSelections.clear();
    const QTextCursor cursor = textCursor();
    const int position = cursor.position();
    QTextDocument *doc = document();
    int at = -1;
    if (position > 0 && (isOpener(doc->characterAt(position - 1)) || isCloser(doc->characterAt(position - 1))))
        at = position - 1;
    else if (isOpener(doc->characterAt(position)) || isCloser(doc->characterAt(position)))
        at = position;
    if (at >= 0) {
        const QChar bracket = doc->characterAt(at);
        const QChar other = partner(bracket);
        const int step = isOpener(bracket) ? 1 : -1;
        const int limit = doc->characterCount();
        int depth = 0;
        int match = -1;
        // Bounded, so that a stray bracket in a long document costs little per cursor move.
        for (int i = at, n = 0; i >= 0 && i < limit && n < 200000; i += step, ++n) {
            const QChar c = doc->characterAt(i);
            if (c == bracket)
                ++depth;
            else if (c == other && --depth == 0) {
                match = i;
                break;
            }
        }
        auto mark = [&](int where, const QColor &background) {
            QTextEdit::ExtraSelection selection;
            selection.cursor = QTextCursor(doc);
            selection.cursor.setPosition(where);
            selection.cursor.setPosition(where + 1, QTextCursor::KeepAnchor);
            selection.format.setBackground(background);
            m_bracketSelections.append(selection);
        };
        if (match >= 0) {
            mark(at, QColor(0xd7, 0xe9, 0xf7));
            mark(match, QColor(0xd7, 0xe9, 0xf7));
        } else {
            mark(at, QColor(0xfd, 0xd8, 0xd8));
        }
    }
    updateExtraSelections();
    m_lineNumbers->update();
}

// ---- prettify ----------------------------------------------------------------------------------

bool GraphQLEditor::prettify(QString *message)
{
    const QString text = toPlainText();
    const auto parsed = Parser::parse(text.toUtf8());
    if (!parsed.ok()) {
        const QString why = tr("Cannot prettify while the document has a syntax error (%1). Fix it "
                               "first; the document was not changed.")
                                .arg(parsed.error().message);
        if (message)
            *message = why;
        emit prettifyRefused(why);
        return false;
    }
    const QString printed = Printer::print(*parsed);
    if (printed != text) {
        const int line = textCursor().blockNumber();
        QTextCursor cursor(document());
        cursor.beginEditBlock();
        cursor.select(QTextCursor::Document);
        cursor.insertText(printed);
        cursor.endEditBlock();
        const QTextBlock block = document()->findBlockByNumber(std::min(line, blockCount() - 1));
        QTextCursor moved(block);
        moved.movePosition(QTextCursor::EndOfBlock);
        setTextCursor(moved);
    }
    return true;
}

// ---- completion --------------------------------------------------------------------------------

int GraphQLEditor::byteOffset(int position) const
{
    return int(toPlainText().left(position).toUtf8().size());
}

void GraphQLEditor::showCompletions()
{
    const QString text = toPlainText();
    const int position = textCursor().position();
    m_completionSource = text.toUtf8();
    const int offset = int(QStringView(text).left(position).toUtf8().size());
    m_completion = CompletionEngine::complete(m_schema ? *m_schema : emptySchema(), m_completionSource, offset);

    m_completionModel->clear();
    if (m_completion.items.empty()) {
        m_completer->popup()->hide();
        return;
    }
    static QHash<int, QIcon> icons;
    for (size_t i = 0; i < m_completion.items.size(); ++i) {
        const CompletionItem &item = m_completion.items[i];
        auto *row = new QStandardItem(item.label);
        QIcon &icon = icons[int(item.kind)];
        if (icon.isNull())
            icon = kindIcon(item.kind);
        row->setIcon(icon);
        row->setData(int(i), Qt::UserRole);
        row->setData(item.detail, kDetailRole);
        row->setData(item.deprecated, kDeprecatedRole);
        QString tip = item.documentation.toHtmlEscaped();
        if (item.deprecated)
            tip += QStringLiteral("<p><i>%1</i></p>")
                       .arg(tr("Deprecated: %1").arg(item.deprecationReason.toHtmlEscaped()));
        if (!tip.isEmpty())
            row->setToolTip(tip);
        m_completionModel->appendRow(row);
    }
    m_completer->setCompletionPrefix(QString());
    QRect rect = cursorRect();
    rect.translate(viewportMargins().left(), 0);
    QAbstractItemView *popup = m_completer->popup();
    rect.setWidth(std::min(520, popup->sizeHintForColumn(0) + popup->verticalScrollBar()->sizeHint().width() + 8));
    m_completer->complete(rect);
    popup->setCurrentIndex(m_completer->completionModel()->index(0, 0));
}

void GraphQLEditor::insertCompletion(const QModelIndex &index)
{
    const int row = index.data(Qt::UserRole).toInt();
    if (row < 0 || size_t(row) >= m_completion.items.size())
        return;
    const CompletionItem &item = m_completion.items[size_t(row)];
    const int start = int(QString::fromUtf8(m_completionSource.left(m_completion.replace.start)).size());
    const int end = int(QString::fromUtf8(m_completionSource.left(m_completion.replace.end)).size());
    QTextCursor cursor = textCursor();
    cursor.setPosition(start);
    cursor.setPosition(end, QTextCursor::KeepAnchor);
    cursor.insertText(item.insertText);
    setTextCursor(cursor);
    m_completer->popup()->hide();
}

void GraphQLEditor::maybeAutoComplete(const QString &typed)
{
    const bool visible = m_completer->popup()->isVisible();
    if (typed.isEmpty()) {
        if (visible)
            showCompletions(); // Backspace and the like: narrow again
        return;
    }
    const QChar c = typed.back();
    const int position = textCursor().position();
    const bool spread = c == QLatin1Char('.') && position >= 3
                        && toPlainText().mid(position - 3, 3) == QLatin1String("...");
    if (c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('{') || c == QLatin1Char('(')
        || c == QLatin1Char('@') || c == QLatin1Char('$') || spread) {
        showCompletions();
    } else if (visible) {
        m_completer->popup()->hide();
    }
}

// ---- keys --------------------------------------------------------------------------------------

// Enter keeps the line's indentation, indents one level after an opening bracket, and puts a
// closing bracket right after the cursor on its own line below.
bool GraphQLEditor::handleIndent(QKeyEvent *event)
{
    if (event->modifiers() & ~(Qt::KeypadModifier | Qt::ShiftModifier))
        return false;
    QTextCursor cursor = textCursor();
    const QString line = cursor.block().text();
    const int column = cursor.positionInBlock();
    const QString before = line.left(column).trimmed();
    const QString indent = leadingSpaces(line);
    const bool opens = !before.isEmpty() && isOpener(before.back());
    const QChar next = column < line.size() ? line.at(column) : QChar();
    cursor.beginEditBlock();
    cursor.removeSelectedText();
    if (opens && isCloser(next)) {
        cursor.insertText(QLatin1Char('\n') + indent + QStringLiteral("  "));
        const int inside = cursor.position();
        cursor.insertText(QLatin1Char('\n') + indent);
        cursor.setPosition(inside);
    } else {
        cursor.insertText(QLatin1Char('\n') + indent + (opens ? QStringLiteral("  ") : QString()));
    }
    cursor.endEditBlock();
    setTextCursor(cursor);
    return true;
}

void GraphQLEditor::keyPressEvent(QKeyEvent *event)
{
    if (m_completer->popup()->isVisible()) {
        switch (event->key()) {
        case Qt::Key_Enter:
        case Qt::Key_Return:
        case Qt::Key_Escape:
        case Qt::Key_Tab:
        case Qt::Key_Backtab:
            event->ignore(); // the completer's popup takes these
            return;
        }
    }
    if (event->key() == Qt::Key_Space && (event->modifiers() & Qt::ControlModifier)) {
        showCompletions();
        return;
    }
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && handleIndent(event))
        return;
    if (event->key() == Qt::Key_Tab && !(event->modifiers() & ~Qt::KeypadModifier)) {
        textCursor().insertText(QStringLiteral("  "));
        return;
    }
    // A closing bracket typed on a blank line goes back one level.
    if (event->text().size() == 1 && isCloser(event->text().front())) {
        QTextCursor cursor = textCursor();
        const QString before = cursor.block().text().left(cursor.positionInBlock());
        if (before.size() >= 2 && before.trimmed().isEmpty()) {
            cursor.beginEditBlock();
            cursor.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, 2);
            cursor.insertText(event->text());
            cursor.endEditBlock();
            setTextCursor(cursor);
            return;
        }
    }
    QPlainTextEdit::keyPressEvent(event);
    maybeAutoComplete(event->text());
}

// ---- tooltips ----------------------------------------------------------------------------------

QString GraphQLEditor::toolTipAt(const QPoint &pos) const
{
    const QTextCursor cursor = cursorForPosition(pos);
    const int position = cursor.position();
    QStringList problems;
    for (const Problem &problem : m_problems) {
        if (position >= problem.position && position <= problem.position + problem.length)
            problems << problem.message.toHtmlEscaped();
    }
    if (!problems.isEmpty()) // <qt> makes it rich text, which the escaped quotes need
        return QStringLiteral("<qt>%1</qt>").arg(problems.join(QStringLiteral("<br/>")));
    if (!m_schema)
        return {};
    const auto info = CompletionEngine::hover(*m_schema, toPlainText().toUtf8(), byteOffset(position));
    if (!info)
        return {};
    QString html = QStringLiteral("<b>%1</b>").arg(info->title.toHtmlEscaped());
    if (!info->documentation.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(info->documentation.toHtmlEscaped());
    if (info->deprecated)
        html += QStringLiteral("<p><i>%1</i></p>").arg(tr("Deprecated: %1").arg(info->deprecationReason.toHtmlEscaped()));
    return html;
}

bool GraphQLEditor::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, viewport());
        return true;
    }
    return QPlainTextEdit::viewportEvent(event);
}

void GraphQLEditor::goTo(int position)
{
    QTextCursor cursor = textCursor();
    cursor.setPosition(std::clamp(position, 0, document()->characterCount() - 1));
    setTextCursor(cursor);
    centerCursor();
    setFocus();
}

} // namespace Gatehouse::Ui
