#include "responseview.h"

#include "jsonhighlighter.h"
#include "signingview.h"

#include "core/jsonpretty.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QStringDecoder>
#include <QTabWidget>
#include <QTableWidget>

namespace Gatehouse::Ui {

namespace {

constexpr qsizetype HighlightLimit = 2 * 1024 * 1024;
// QPlainTextEdit takes about 70 ms per MB to lay out text; beyond this the window would stall.
constexpr qsizetype DisplayLimit = 4 * 1024 * 1024;

QPlainTextEdit *makeViewer(QWidget *parent, const QString &name)
{
    auto *view = new QPlainTextEdit(parent);
    view->setObjectName(name);
    view->setReadOnly(true);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFrameShape(QFrame::NoFrame);
    view->document()->setDocumentMargin(8);
    view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return view;
}

// Text when the bytes are UTF-8 without NUL bytes; a null QString for binary content.
QString decodeText(const QByteArray &bytes)
{
    if (bytes.contains('\0'))
        return {};
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder(bytes);
    if (decoder.hasError())
        return {};
    return text.isNull() ? QStringLiteral("") : text;
}

} // namespace

ResponseView::ResponseView(QWidget *parent)
    : QWidget(parent),
      m_status(new QLabel(this)),
      m_time(new QLabel(this)),
      m_size(new QLabel(this)),
      m_stack(new QStackedWidget(this)),
      m_message(new QLabel(this)),
      m_tabs(new QTabWidget(this)),
      m_body(makeViewer(this, QStringLiteral("bodyView"))),
      m_raw(makeViewer(this, QStringLiteral("rawView"))),
      m_headers(new QTableWidget(0, 2, this)),
      m_highlighter(new JsonHighlighter(m_body->document())),
      m_signing(new SigningView(this))
{
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_time->setObjectName(QStringLiteral("timeLabel"));
    m_size->setObjectName(QStringLiteral("sizeLabel"));
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_headers->setObjectName(QStringLiteral("headersView"));

    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setMargin(24);

    setupHeadersTable();

    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_body, tr("Body"));
    m_tabs->addTab(m_raw, tr("Raw"));
    m_tabs->addTab(m_headers, tr("Headers"));
    m_signing->setObjectName(QStringLiteral("signingView"));
    m_tabs->addTab(m_signing, tr("Signing"));
    m_stack->addWidget(m_message);
    m_stack->addWidget(m_tabs);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(buildSummary());
    layout->addWidget(m_stack, 1);
    clear();
}

QHBoxLayout *ResponseView::buildSummary()
{
    auto *summary = new QHBoxLayout;
    summary->setContentsMargins(0, 0, 0, 0);
    summary->setSpacing(14);
    auto *title = new QLabel(tr("Response"), this);
    QFont titleFont = title->font();
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);
    summary->addWidget(title);
    summary->addStretch(1);
    summary->addWidget(m_status);
    summary->addWidget(m_time);
    summary->addWidget(m_size);
    for (QLabel *label : {m_time, m_size})
        label->setStyleSheet(QStringLiteral("color: palette(mid);"));
    return summary;
}

void ResponseView::setupHeadersTable()
{
    m_headers->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_headers->verticalHeader()->hide();
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_headers->horizontalHeader()->resizeSection(0, 220);
    m_headers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_headers->setShowGrid(false);
    m_headers->setAlternatingRowColors(true);
    m_headers->setFrameShape(QFrame::NoFrame);
}

void ResponseView::clear()
{
    setStatus(QString(), Tone::Neutral);
    m_time->hide();
    m_size->hide();
    showMessage(tr("Send a request to see the response here."));
}

void ResponseView::showSigningTab()
{
    m_tabs->setCurrentWidget(m_signing);
}

void ResponseView::showPending(const QString &message)
{
    setStatus(tr("Sending\u2026"), Tone::Neutral);
    m_time->hide();
    m_size->hide();
    showMessage(message.isEmpty() ? tr("Waiting for the answer\u2026") : message);
}

void ResponseView::showError(const Core::Error &error)
{
    const bool cancelled = error.code == Core::ErrorCode::Cancelled;
    setStatus(cancelled ? tr("Cancelled") : tr("No response"), cancelled ? Tone::Neutral : Tone::Failure);
    m_time->hide();
    m_size->hide();
    showMessage(error.message);
}

void ResponseView::showMessage(const QString &text)
{
    m_message->setText(text);
    m_stack->setCurrentWidget(m_message);
}

void ResponseView::setStatus(const QString &text, Tone tone)
{
    static const char *const colours[] = {"#6b7280", "#1e8e3e", "#c26a00", "#c5221f"};
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    m_status->setStyleSheet(QStringLiteral("QLabel { color: white; background: %1; border-radius: 4px;"
                                           " padding: 2px 8px; font-weight: 600; }")
                                .arg(QLatin1String(colours[int(tone)])));
}

void ResponseView::showResponse(const Core::HttpClientResponse &response)
{
    Tone tone = Tone::Failure;
    if (response.status < 300)
        tone = Tone::Success;
    else if (response.status < 400)
        tone = Tone::Redirect;
    const QByteArray reason = response.reason.isEmpty() ? Core::httpReasonPhrase(response.status) : response.reason;
    setStatus(QStringLiteral("%1 %2").arg(response.status).arg(QString::fromUtf8(reason)), tone);
    m_time->setText(tr("%1 ms").arg(response.elapsedMs));
    m_size->setText(sizeText(response.bytes));
    m_time->show();
    m_size->show();
    fillBody(response);
    fillRaw(response);
    fillHeaders(response);
    m_stack->setCurrentWidget(m_tabs);
}

void ResponseView::fillBody(const Core::HttpClientResponse &response)
{
    const QByteArray contentType = response.headers.value("Content-Type");
    const QByteArray trimmed = response.body.trimmed();
    const bool looksJson = Core::JsonPretty::isJsonContentType(contentType) || trimmed.startsWith('{')
                           || trimmed.startsWith('[');
    m_highlighter->setDocument(nullptr);
    if (response.body.isEmpty()) {
        m_body->setPlainText(QString());
        m_body->setPlaceholderText(tr("The response has no body."));
        return;
    }
    if (looksJson) {
        const Core::Result<QByteArray> pretty = Core::JsonPretty::format(response.body);
        if (pretty) {
            if (pretty->size() <= HighlightLimit)
                m_highlighter->setDocument(m_body->document());
            m_body->setPlainText(clipped(QString::fromUtf8(*pretty)));
            return;
        }
    }
    const QString text = decodeText(response.body);
    if (text.isNull()) {
        m_body->setPlainText(tr("Binary content (%1, %2) is not shown as text.")
                                 .arg(contentType.isEmpty() ? tr("no Content-Type") : QString::fromUtf8(contentType),
                                      sizeText(response.bytes)));
        return;
    }
    m_body->setPlainText(clipped(text));
}

void ResponseView::fillRaw(const Core::HttpClientResponse &response)
{
    QString raw = QStringLiteral("%1 %2 %3\n").arg(QString::fromLatin1(response.httpVersion))
                      .arg(response.status)
                      .arg(QString::fromUtf8(response.reason));
    for (const Core::HttpHeaders::Field &field : response.headers.fields())
        raw += QString::fromUtf8(field.first) + QStringLiteral(": ") + QString::fromUtf8(field.second) + QLatin1Char('\n');
    raw += QLatin1Char('\n');
    const QString text = decodeText(response.body);
    raw += text.isNull() ? tr("[%1 of binary content]").arg(sizeText(response.bytes)) : text;
    m_raw->setPlainText(clipped(raw));
}

void ResponseView::fillHeaders(const Core::HttpClientResponse &response)
{
    const QList<Core::HttpHeaders::Field> &fields = response.headers.fields();
    m_headers->setRowCount(int(fields.size()));
    for (int row = 0; row < fields.size(); ++row) {
        m_headers->setItem(row, 0, new QTableWidgetItem(QString::fromUtf8(fields.at(row).first)));
        m_headers->setItem(row, 1, new QTableWidgetItem(QString::fromUtf8(fields.at(row).second)));
    }
    m_tabs->setTabText(m_tabs->indexOf(m_headers), tr("Headers (%1)").arg(fields.size()));
}

QString ResponseView::clipped(const QString &text)
{
    if (text.size() <= DisplayLimit)
        return text;
    qsizetype cut = text.lastIndexOf(QLatin1Char('\n'), DisplayLimit);
    if (cut <= 0)
        cut = DisplayLimit;
    return text.left(cut) + QLatin1Char('\n')
           + tr("\u2026 Showing the first %1 of %2 characters; the rest is not shown.").arg(cut).arg(text.size());
}

QString ResponseView::sizeText(qint64 bytes)
{
    if (bytes < 1024)
        return bytes == 1 ? tr("1 byte") : tr("%1 bytes").arg(bytes);
    if (bytes < 1024 * 1024)
        return tr("%1 KB").arg(bytes / 1024.0, 0, 'f', 1);
    return tr("%1 MB").arg(bytes / (1024.0 * 1024.0), 0, 'f', 1);
}

QString ResponseView::statusText() const
{
    return m_status->text();
}

QString ResponseView::bodyText() const
{
    return m_body->toPlainText();
}

QString ResponseView::rawText() const
{
    return m_raw->toPlainText();
}

QString ResponseView::messageText() const
{
    return m_stack->currentWidget() == m_message ? m_message->text() : QString();
}

} // namespace Gatehouse::Ui
