#include "largetextview.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>
#include <cstring>

namespace Gatehouse::Ui {

namespace {

constexpr int Margin = 6;
// One selection copied to the clipboard at most: beyond this a person wants "Save to file".
constexpr qint64 CopyLimit = 64 * 1024 * 1024;

bool isContinuationByte(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Back to the start of a UTF-8 sequence, so a cut never splits a character.
qsizetype characterStart(QByteArrayView text, qsizetype at)
{
    at = std::clamp<qsizetype>(at, 0, text.size());
    while (at > 0 && at < text.size() && isContinuationByte(text.at(at)))
        --at;
    return at;
}

QColor colour(const char *hex)
{
    return QColor(QLatin1String(hex));
}

bool isNumberChar(char c)
{
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// Colour runs of one painted piece of a JSON line, as JsonHighlighter colours documents.
struct Run
{
    qsizetype start;
    qsizetype length;
    QColor colour;
};

std::vector<Run> jsonRuns(QByteArrayView text, const QColor &plain)
{
    static const QColor key = colour("#1f5fa8"), string = colour("#2e7d32"), number = colour("#b25000"),
                        literal = colour("#8e3ab5"), punctuation = colour("#6b7280");
    std::vector<Run> runs;
    qsizetype i = 0;
    while (i < text.size()) {
        const char c = text.at(i);
        if (c == '"') {
            qsizetype end = i + 1;
            while (end < text.size() && text.at(end) != '"')
                end += text.at(end) == '\\' ? 2 : 1;
            end = std::min(end + 1, text.size());
            qsizetype next = end;
            while (next < text.size() && text.at(next) == ' ')
                ++next;
            runs.push_back({i, end - i, next < text.size() && text.at(next) == ':' ? key : string});
            i = end;
        } else if ((c >= '0' && c <= '9') || c == '-') {
            qsizetype end = i + 1;
            while (end < text.size() && isNumberChar(text.at(end)))
                ++end;
            runs.push_back({i, end - i, number});
            i = end;
        } else if (c == 't' || c == 'f' || c == 'n') {
            qsizetype end = i + 1;
            while (end < text.size() && text.at(end) >= 'a' && text.at(end) <= 'z')
                ++end;
            runs.push_back({i, end - i, literal});
            i = end;
        } else if (c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':') {
            runs.push_back({i, 1, punctuation});
            ++i;
        } else {
            qsizetype end = i + 1;
            while (end < text.size() && std::strchr("\"{}[],:-0123456789tfn", text.at(end)) == nullptr)
                ++end;
            runs.push_back({i, end - i, plain});
            i = end;
        }
    }
    return runs;
}

} // namespace

IndexedText IndexedText::indexLines(QByteArray utf8, qint64 limit, std::shared_ptr<const void> owner)
{
    IndexedText indexed;
    indexed.owner = std::move(owner);
    indexed.complete = limit < 0 || limit >= utf8.size();
    const char *begin = utf8.constData();
    const char *end = begin + (limit < 0 ? utf8.size() : std::min<qint64>(limit, utf8.size()));
    if (utf8.isEmpty()) {
        indexed.checkpoints.push_back(0);
        return indexed;
    }
    indexed.checkpoints.reserve(size_t(utf8.size() / (32 * Stride) + 1));
    qint64 lineStart = 0;
    for (const char *p = begin;;) {
        if (indexed.lines % Stride == 0)
            indexed.checkpoints.push_back(lineStart);
        ++indexed.lines;
        const void *hit = p < end ? std::memchr(p, '\n', size_t(end - p)) : nullptr;
        const qint64 lineEnd = hit ? static_cast<const char *>(hit) - begin : utf8.size();
        indexed.longestLine = std::max<qsizetype>(indexed.longestLine, lineEnd - lineStart);
        if (!hit)
            break;
        p = static_cast<const char *>(hit) + 1;
        lineStart = p - begin;
        if (p >= begin + utf8.size())
            break; // a final newline ends the last line; no empty line after it
    }
    indexed.utf8 = std::move(utf8);
    return indexed;
}

qint64 IndexedText::lineStart(qsizetype line) const
{
    line = std::clamp<qsizetype>(line, 0, std::max<qsizetype>(lines - 1, 0));
    qint64 at = checkpoints[size_t(line / Stride)];
    const char *begin = utf8.constData();
    for (qsizetype i = line % Stride; i > 0; --i) {
        const void *hit = std::memchr(begin + at, '\n', size_t(utf8.size() - at));
        if (!hit)
            return utf8.size();
        at = static_cast<const char *>(hit) - begin + 1;
    }
    return at;
}

qint64 IndexedText::lineEnd(qsizetype line) const
{
    const qint64 start = lineStart(line);
    qint64 end = utf8.size();
    if (complete && line >= lines - 1) {
        // The last line ends with the text: no scan, which for one 500 MB line (minified JSON)
        // cost ~50 ms a paint. A final newline is not part of it.
        if (end > start && utf8.at(end - 1) == '\n')
            --end;
    } else if (const void *hit = std::memchr(utf8.constData() + start, '\n', size_t(utf8.size() - start))) {
        end = static_cast<const char *>(hit) - utf8.constData();
    }
    if (end > start && utf8.at(end - 1) == '\r')
        --end;
    return end;
}

qsizetype IndexedText::lineOf(qint64 offset) const
{
    const auto it = std::upper_bound(checkpoints.begin(), checkpoints.end(), offset);
    qsizetype line = qsizetype(it - checkpoints.begin() - 1) * Stride;
    qint64 at = checkpoints[size_t(std::max<qsizetype>(line / Stride, 0))];
    const char *begin = utf8.constData();
    while (line + 1 < lines) {
        const void *hit = std::memchr(begin + at, '\n', size_t(utf8.size() - at));
        if (!hit || static_cast<const char *>(hit) - begin + 1 > offset)
            break;
        at = static_cast<const char *>(hit) - begin + 1;
        ++line;
    }
    return std::max<qsizetype>(line, 0);
}

LargeTextView::LargeTextView(QWidget *parent)
    : QAbstractScrollArea(parent), m_text(std::make_shared<const IndexedText>(IndexedText::indexLines({})))
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setCursor(Qt::IBeamCursor);
    viewport()->setBackgroundRole(QPalette::Base);
    updateMetrics();
}

LargeTextView::~LargeTextView() = default;

void LargeTextView::setText(const QByteArray &utf8)
{
    setIndexedText(std::make_shared<const IndexedText>(IndexedText::indexLines(utf8)));
}

void LargeTextView::setIndexedText(std::shared_ptr<const IndexedText> text)
{
    m_text = std::move(text);
    m_folds.clear();
    m_anchor = m_cursor = {};
    verticalScrollBar()->setValue(0);
    horizontalScrollBar()->setValue(0);
    updateScrollBars();
    viewport()->update();
}

void LargeTextView::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    viewport()->update();
}

void LargeTextView::setJsonHighlighting(bool on)
{
    m_json = on;
    viewport()->update();
}

QByteArray LargeTextView::utf8() const
{
    return m_text->utf8;
}

qsizetype LargeTextView::lineCount() const
{
    return m_text->lines;
}

QByteArrayView LargeTextView::line(qsizetype index) const
{
    if (index < 0 || index >= m_text->lines)
        return {};
    const qint64 start = m_text->lineStart(index);
    return QByteArrayView(m_text->utf8.constData() + start, m_text->lineEnd(index) - start);
}

QString LargeTextView::lineText(qsizetype index) const
{
    return QString::fromUtf8(line(index));
}

qsizetype LargeTextView::firstVisibleLine() const
{
    return visualToLine(verticalScrollBar()->value());
}

qsizetype LargeTextView::visibleLineCount() const
{
    qsizetype hidden = 0;
    for (const auto &[first, last] : m_folds)
        hidden += last - first;
    return lineCount() - hidden;
}

qsizetype LargeTextView::visualToLine(qsizetype row) const
{
    qsizetype line = row;
    for (const auto &[first, last] : m_folds) {
        if (first >= line)
            break;
        line += last - first;
    }
    return line;
}

qsizetype LargeTextView::lineToVisual(qsizetype line) const
{
    qsizetype hidden = 0;
    for (const auto &[first, last] : m_folds) {
        if (first >= line)
            break;
        if (line <= last) // inside a fold: its first line stands for it
            return first - hidden;
        hidden += last - first;
    }
    return line - hidden;
}

char LargeTextView::opensBlock(qsizetype index) const
{
    const QByteArrayView text = line(index);
    qsizetype end = text.size();
    while (end > 0 && (text.at(end - 1) == ' ' || text.at(end - 1) == '\t'))
        --end;
    if (end == 0)
        return 0;
    const char last = text.at(end - 1);
    return last == '{' || last == '[' ? last : 0;
}

bool LargeTextView::isFolded(qsizetype index) const
{
    return std::any_of(m_folds.begin(), m_folds.end(), [index](const auto &fold) { return fold.first == index; });
}

bool LargeTextView::toggleFold(qsizetype index)
{
    if (const auto it = std::find_if(m_folds.begin(), m_folds.end(), [index](const auto &f) { return f.first == index; });
        it != m_folds.end()) {
        m_folds.erase(it);
    } else {
        const char open = opensBlock(index);
        if (!open)
            return false;
        // Scan to the matching bracket, strings skipped.
        const char close = open == '{' ? '}' : ']';
        const QByteArray &text = m_text->utf8;
        qint64 at = m_text->lineEnd(index);
        while (at > 0 && text.at(at - 1) != open)
            --at;
        int depth = 0;
        bool inString = false;
        qint64 closedAt = -1;
        for (qint64 i = at - 1; i < text.size(); ++i) {
            const char c = text.at(i);
            if (inString) {
                if (c == '\\')
                    ++i;
                else if (c == '"')
                    inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                closedAt = c == close ? i : -1;
                break;
            }
        }
        if (closedAt < 0)
            return false;
        const qsizetype last = m_text->lineOf(closedAt);
        if (last <= index)
            return false;
        // An outer fold swallows the folds inside it.
        m_folds.erase(std::remove_if(m_folds.begin(), m_folds.end(),
                                     [index, last](const auto &f) { return f.first >= index && f.second <= last; }),
                      m_folds.end());
        m_folds.insert(std::upper_bound(m_folds.begin(), m_folds.end(), std::make_pair(index, last)), {index, last});
    }
    updateScrollBars();
    viewport()->update();
    return true;
}

void LargeTextView::unfoldAll()
{
    m_folds.clear();
    updateScrollBars();
    viewport()->update();
}

void LargeTextView::unfoldAround(qsizetype index)
{
    const auto before = m_folds.size();
    m_folds.erase(std::remove_if(m_folds.begin(), m_folds.end(),
                                 [index](const auto &f) { return f.first < index && index <= f.second; }),
                  m_folds.end());
    if (m_folds.size() != before)
        updateScrollBars();
}

void LargeTextView::updateMetrics()
{
    const QFontMetrics metrics(font());
    m_lineHeight = metrics.lineSpacing();
    m_ascent = metrics.ascent();
    m_charWidth = std::max(1, metrics.horizontalAdvance(QLatin1Char('m')));
}

int LargeTextView::gutterWidth() const
{
    const int digits = int(QString::number(std::max<qsizetype>(lineCount(), 1)).size());
    return Margin * 2 + (digits + 2) * m_charWidth; // digits and a fold marker
}

void LargeTextView::updateScrollBars()
{
    const int visibleLines = std::max(1, viewport()->height() / m_lineHeight);
    const int visibleColumns = std::max(1, (viewport()->width() - gutterWidth() - Margin) / m_charWidth);
    verticalScrollBar()->setRange(0, int(std::clamp<qsizetype>(visibleLineCount() - visibleLines, 0, INT_MAX)));
    verticalScrollBar()->setPageStep(visibleLines);
    verticalScrollBar()->setSingleStep(3);
    horizontalScrollBar()->setRange(0, int(std::clamp<qsizetype>(m_text->longestLine - visibleColumns + 2, 0, INT_MAX)));
    horizontalScrollBar()->setPageStep(visibleColumns);
    horizontalScrollBar()->setSingleStep(4);
}

void LargeTextView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void LargeTextView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        updateMetrics();
        updateScrollBars();
    }
}

void LargeTextView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    const QPalette &pal = palette();
    painter.fillRect(viewport()->rect(), pal.base());
    painter.setFont(font());
    if (lineCount() == 0) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(viewport()->rect().adjusted(Margin, Margin, -Margin, -Margin), Qt::AlignLeft | Qt::AlignTop,
                         m_placeholder);
        return;
    }
    const int gutter = gutterWidth();
    painter.fillRect(QRect(0, 0, gutter - Margin / 2, viewport()->height()), pal.alternateBase());
    const qsizetype first = verticalScrollBar()->value();
    const qsizetype column0 = horizontalScrollBar()->value();
    const int rows = viewport()->height() / m_lineHeight + 2;
    const int columns = (viewport()->width() - gutter) / m_charWidth + 2;
    const Position from = std::min(m_anchor, m_cursor);
    const Position to = std::max(m_anchor, m_cursor);
    const QColor text = pal.color(QPalette::Text);
    const QColor lineNumber = pal.color(QPalette::PlaceholderText);
    for (int row = 0; row < rows; ++row) {
        const qsizetype index = visualToLine(first + row);
        if (index >= lineCount())
            break;
        const int y = row * m_lineHeight;
        const bool folded = isFolded(index);
        painter.setPen(lineNumber);
        painter.drawText(QRect(0, y, gutter - Margin - 2 * m_charWidth, m_lineHeight), Qt::AlignRight | Qt::AlignVCenter,
                         QString::number(index + 1));
        if (m_json && (folded || opensBlock(index)))
            painter.drawText(QRect(gutter - Margin - 2 * m_charWidth, y, 2 * m_charWidth, m_lineHeight), Qt::AlignCenter,
                             folded ? QStringLiteral("\u25b8") : QStringLiteral("\u25be"));
        const QByteArrayView whole = line(index);
        // Only the columns in view (one byte per column, as in ASCII JSON), cut at characters.
        const qsizetype start = characterStart(whole, column0);
        const qsizetype end = characterStart(whole, column0 + columns);
        const QByteArrayView piece = whole.sliced(start, std::max<qsizetype>(0, (end < whole.size() ? end : whole.size()) - start));
        const int x0 = gutter + int(start - column0) * m_charWidth;
        if (from != to && index >= from.line && index <= to.line) {
            const qsizetype selStart = index == from.line ? from.column : 0;
            const qsizetype selEnd = index == to.line ? to.column : whole.size() + 1;
            const int left = gutter + int(std::max<qsizetype>(selStart - column0, -1)) * m_charWidth;
            const int right = gutter + int(std::min<qsizetype>(selEnd - column0, columns)) * m_charWidth;
            if (right > left)
                painter.fillRect(QRect(std::max(left, gutter), y, right - std::max(left, gutter), m_lineHeight),
                                 pal.highlight());
        }
        if (m_json) {
            for (const Run &run : jsonRuns(piece, text)) {
                painter.setPen(run.colour);
                painter.drawText(x0 + int(run.start) * m_charWidth, y + m_ascent,
                                 QString::fromUtf8(piece.sliced(run.start, run.length)));
            }
        } else {
            painter.setPen(text);
            painter.drawText(x0, y + m_ascent, QString::fromUtf8(piece));
        }
        if (folded) {
            // What the fold hides, in short: "{ … }" with the lines it holds.
            const qsizetype hidden = std::find_if(m_folds.begin(), m_folds.end(),
                                                  [index](const auto &f) { return f.first == index; })->second - index;
            painter.setPen(lineNumber);
            painter.drawText(gutter + int(whole.size() - column0) * m_charWidth + m_charWidth / 2, y + m_ascent,
                             tr("\u2026 %1  (%2 lines)")
                                 .arg(QLatin1Char(opensBlock(index) == '{' ? '}' : ']'))
                                 .arg(hidden));
        }
    }
}

qint64 LargeTextView::offsetOf(Position p) const
{
    if (m_text->lines == 0)
        return 0;
    return m_text->lineStart(p.line) + p.column;
}

LargeTextView::Position LargeTextView::positionOf(qint64 offset) const
{
    const qsizetype lineIndex = m_text->lineOf(offset);
    return {lineIndex, qsizetype(offset - m_text->lineStart(lineIndex))};
}

LargeTextView::Position LargeTextView::positionAt(const QPoint &point) const
{
    const qsizetype index = std::clamp<qsizetype>(visualToLine(verticalScrollBar()->value() + point.y() / m_lineHeight), 0,
                                                  std::max<qsizetype>(lineCount() - 1, 0));
    const qsizetype column = horizontalScrollBar()->value()
                             + std::max(0, (point.x() - gutterWidth() + m_charWidth / 2) / m_charWidth);
    const QByteArrayView whole = line(index);
    return {index, characterStart(whole, std::min<qsizetype>(column, whole.size()))};
}

void LargeTextView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || lineCount() == 0)
        return QAbstractScrollArea::mousePressEvent(event);
    if (m_json && event->position().x() < gutterWidth() - Margin / 2) {
        toggleFold(positionAt(event->position().toPoint()).line);
        return;
    }
    m_cursor = positionAt(event->position().toPoint());
    if (!(event->modifiers() & Qt::ShiftModifier))
        m_anchor = m_cursor;
    viewport()->update();
}

void LargeTextView::mouseMoveEvent(QMouseEvent *event)
{
    if (!(event->buttons() & Qt::LeftButton) || lineCount() == 0)
        return;
    m_cursor = positionAt(event->position().toPoint());
    ensureVisible(m_cursor);
    viewport()->update();
}

void LargeTextView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy))
        return copy();
    if (event->matches(QKeySequence::SelectAll))
        return selectAll();
    QAbstractScrollArea::keyPressEvent(event);
}

void LargeTextView::ensureVisible(Position p)
{
    QScrollBar *vertical = verticalScrollBar();
    const qsizetype row = lineToVisual(p.line);
    if (row < vertical->value())
        vertical->setValue(int(row));
    else if (row >= vertical->value() + vertical->pageStep())
        vertical->setValue(int(row - vertical->pageStep() + 1));
    QScrollBar *horizontal = horizontalScrollBar();
    if (p.column < horizontal->value())
        horizontal->setValue(int(std::max<qsizetype>(p.column - 4, 0)));
    else if (p.column >= horizontal->value() + horizontal->pageStep())
        horizontal->setValue(int(p.column - horizontal->pageStep() + 4));
}

void LargeTextView::selectAll()
{
    m_anchor = {};
    m_cursor = positionOf(m_text->utf8.size());
    viewport()->update();
}

QString LargeTextView::selectedText() const
{
    const qint64 from = offsetOf(std::min(m_anchor, m_cursor));
    const qint64 to = offsetOf(std::max(m_anchor, m_cursor));
    return QString::fromUtf8(QByteArrayView(m_text->utf8).sliced(from, std::min(to - from, CopyLimit)));
}

void LargeTextView::copy() const
{
    if (m_anchor != m_cursor)
        QApplication::clipboard()->setText(selectedText());
}

bool LargeTextView::find(const QString &needle, bool backwards)
{
    const QByteArray pattern = needle.toUtf8().toLower();
    const QByteArray &haystack = m_text->utf8;
    if (pattern.isEmpty() || haystack.isEmpty())
        return false;
    // ASCII case folding on the fly: compare lower-cased bytes without copying the text.
    const auto matchesAt = [&](qint64 at) {
        for (qsizetype i = 0; i < pattern.size(); ++i) {
            char c = haystack.at(at + i);
            if (c >= 'A' && c <= 'Z')
                c = char(c - 'A' + 'a');
            if (c != pattern.at(i))
                return false;
        }
        return true;
    };
    const qint64 last = haystack.size() - pattern.size();
    const qint64 selectionStart = offsetOf(std::min(m_anchor, m_cursor));
    const qint64 selectionEnd = offsetOf(std::max(m_anchor, m_cursor));
    qint64 found = -1;
    if (!backwards) {
        // Candidates are where the first byte occurs in either case; each memchr result is kept
        // until passed, so the text is scanned once per case, not once per candidate.
        const char first = pattern.at(0);
        const char firstUpper = first >= 'a' && first <= 'z' ? char(first - 'a' + 'A') : first;
        const auto next = [&](char c, qint64 from) -> qint64 {
            if (from > last)
                return -1;
            const void *hit = std::memchr(haystack.constData() + from, c, size_t(last - from + 1));
            return hit ? static_cast<const char *>(hit) - haystack.constData() : -1;
        };
        for (qint64 pass = 0; pass < 2 && found < 0; ++pass) {
            const qint64 begin = pass == 0 ? (m_anchor == m_cursor ? selectionStart : selectionEnd) : 0;
            qint64 lower = next(first, begin);
            qint64 upper = firstUpper == first ? -1 : next(firstUpper, begin);
            while (lower >= 0 || upper >= 0) {
                const qint64 at = upper < 0 || (lower >= 0 && lower < upper) ? lower : upper;
                if (matchesAt(at)) {
                    found = at;
                    break;
                }
                if (at == lower)
                    lower = next(first, at + 1);
                else
                    upper = next(firstUpper, at + 1);
            }
        }
    } else {
        for (qint64 pass = 0; pass < 2 && found < 0; ++pass) {
            const qint64 begin = pass == 0 ? selectionStart - 1 : last;
            for (qint64 at = std::min(begin, last); at >= 0; --at) {
                if (matchesAt(at)) {
                    found = at;
                    break;
                }
            }
        }
    }
    if (found < 0)
        return false;
    m_anchor = positionOf(found);
    m_cursor = positionOf(found + pattern.size());
    unfoldAround(m_anchor.line); // a match is never left inside a fold
    unfoldAround(m_cursor.line);
    // A match off screen comes to the middle, with some lines of context above it.
    QScrollBar *vertical = verticalScrollBar();
    const qsizetype row = lineToVisual(m_anchor.line);
    if (row < vertical->value() || row >= vertical->value() + vertical->pageStep() - 1)
        vertical->setValue(int(std::max<qsizetype>(row - vertical->pageStep() / 2, 0)));
    ensureVisible(m_cursor);
    ensureVisible(m_anchor);
    viewport()->update();
    return true;
}

} // namespace Gatehouse::Ui
