#pragma once

#include <QAbstractScrollArea>
#include <QByteArray>

#include <memory>
#include <vector>

namespace Gatehouse::Ui {

// UTF-8 text with a sparse line index: the start of every 64th line, so a 50 MB body with
// millions of lines costs under a megabyte of index; a line is found from its checkpoint with
// at most 63 memchr steps. Built off the GUI thread for big bodies (indexLines() is
// thread-safe) and handed to the view whole. With a byte limit only the lines starting before
// it are indexed: a quick first view of a big body while the rest is prepared.
struct IndexedText
{
    static constexpr qsizetype Stride = 64;

    QByteArray utf8;
    std::vector<qint64> checkpoints; // start of line 0, 64, 128, ...
    qsizetype lines = 0;             // lines indexed (0 for empty text)
    qsizetype longestLine = 0;       // bytes, for the horizontal scrollbar
    bool complete = true;            // every line indexed (no byte limit cut the index short)
    std::shared_ptr<const void> owner; // keeps utf8's bytes alive when they are not its own (a mapped file)

    static IndexedText indexLines(QByteArray utf8, qint64 limit = -1, std::shared_ptr<const void> owner = {});
    qint64 lineStart(qsizetype line) const;
    qint64 lineEnd(qsizetype line) const; // before its '\n' (and '\r')
    qsizetype lineOf(qint64 offset) const;
};

// A read-only text view for responses of any size. Unlike QPlainTextEdit, which lays out the
// whole document (about 70 ms per MB), it keeps the bytes as they are with a line index and
// paints only the lines and columns in view, so a 50 MB body shows at once and scrolls
// smoothly, and a single 50 MB line (minified JSON) costs no more than a short one. Scrollbars
// count lines and columns. Selection (mouse, Shift+keys, Ctrl+A) copies with Ctrl+C; find
// selects the next match; JSON is coloured line by line as it is painted.
class LargeTextView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    explicit LargeTextView(QWidget *parent = nullptr);
    ~LargeTextView() override;

    void setText(const QByteArray &utf8);
    void setIndexedText(std::shared_ptr<const IndexedText> text);
    void setPlainText(const QString &text) { setText(text.toUtf8()); }
    void clear() { setText({}); }
    void setPlaceholderText(const QString &text);
    void setJsonHighlighting(bool on);

    QByteArray utf8() const;
    QString toPlainText() const { return QString::fromUtf8(utf8()); }
    qsizetype lineCount() const;
    QString lineText(qsizetype line) const;
    qsizetype firstVisibleLine() const;

    // Selects the next (or previous) occurrence after the selection, wrapping around; false
    // when the text does not contain it. Case-insensitive for ASCII letters.
    bool find(const QString &needle, bool backwards = false);

    // JSON folding: a line that ends in '{' or '[' folds up to its closing bracket (click the
    // marker in the gutter). False when the line opens nothing.
    bool toggleFold(qsizetype line);
    bool isFolded(qsizetype line) const;
    void unfoldAll();
    qsizetype visibleLineCount() const; // lines on screen when scrolled through, folds counted once
    QString selectedText() const;
    void selectAll();
    void copy() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Position
    {
        qsizetype line = 0;
        qsizetype column = 0; // in bytes of the line
        auto operator<=>(const Position &) const = default;
    };

    QByteArrayView line(qsizetype index) const;
    qint64 offsetOf(Position p) const;
    Position positionOf(qint64 offset) const;
    Position positionAt(const QPoint &point) const;
    void updateMetrics();
    void updateScrollBars();
    void ensureVisible(Position p);
    int gutterWidth() const;
    qsizetype visualToLine(qsizetype row) const;
    qsizetype lineToVisual(qsizetype line) const;
    char opensBlock(qsizetype line) const; // '{', '[' or 0
    void unfoldAround(qsizetype line);

    std::shared_ptr<const IndexedText> m_text;
    QString m_placeholder;
    bool m_json = false;
    int m_lineHeight = 16;
    int m_charWidth = 8;
    int m_ascent = 12;
    std::vector<std::pair<qsizetype, qsizetype>> m_folds; // sorted, disjoint; lines first+1..last hidden
    Position m_anchor;
    Position m_cursor;
};

} // namespace Gatehouse::Ui
