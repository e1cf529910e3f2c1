#include "responseview.h"

#include "signingview.h"

#include "ui/widgets/largetextview.h"

#include "core/jsonpretty.h"

#include <QFileDialog>
#include <QGuiApplication>
#include <QFontDatabase>
#include <QSaveFile>
#include <QShortcut>
#include <QToolButton>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkCookie>
#include <QScrollArea>
#include <QTextBrowser>
#include <QStackedWidget>
#include <QThread>
#include <QTabWidget>
#include <QTableWidget>

namespace Gatehouse::Ui {

namespace {

// Up to this size a JSON body is formatted at once (a few ms); above it the body shows as sent
// and the formatted text replaces it when a worker thread has it.
constexpr qsizetype SyncFormatLimit = 1024 * 1024;
// What is indexed at once of a bigger body, so its first screen shows while the rest is prepared.
constexpr qint64 PreviewBytes = 256 * 1024;
// What the Raw tab copies of a body that was spooled to disk (the Body tab shows all of it).
constexpr qsizetype SpooledRawBytes = 1024 * 1024;

LargeTextView *makeViewer(QWidget *parent, const QString &name)
{
    auto *view = new LargeTextView(parent);
    view->setObjectName(name);
    view->setFrameShape(QFrame::NoFrame);
    return view;
}

// Text is UTF-8 without NUL bytes; anything else is shown as binary.
bool isText(const QByteArray &bytes)
{
    return !bytes.contains('\0') && QByteArrayView(bytes).isValidUtf8();
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
      m_find(new QLineEdit(this)),
      m_save(new QToolButton(this)),
      m_raw(makeViewer(this, QStringLiteral("rawView"))),
      m_headers(new QTableWidget(0, 2, this)),
      m_cookies(new QTableWidget(0, 7, this)),
      m_timing(new QTableWidget(0, 3, this)),
      m_preview(new QStackedWidget(this)),
      m_imageArea(new QScrollArea(this)),
      m_image(new QLabel(this)),
      m_html(new QTextBrowser(this)),
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
    m_tabs->setCornerWidget(buildTools(), Qt::TopRightCorner);
    m_tabs->addTab(m_body, tr("Body"));
    m_tabs->addTab(m_raw, tr("Raw"));
    m_tabs->addTab(m_headers, tr("Headers"));
    m_cookies->setObjectName(QStringLiteral("cookiesView"));
    m_cookies->setHorizontalHeaderLabels({tr("Name"), tr("Value"), tr("Domain"), tr("Path"), tr("Expires"),
                                          tr("HttpOnly"), tr("Secure")});
    m_timing->setObjectName(QStringLiteral("timingView"));
    m_timing->setHorizontalHeaderLabels({tr("Phase"), tr("ms"), tr("")});
    for (QTableWidget *table : {m_cookies, m_timing}) {
        table->verticalHeader()->hide();
        table->horizontalHeader()->setStretchLastSection(true);
        table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        table->setShowGrid(false);
        table->setFrameShape(QFrame::NoFrame);
    }
    m_timing->horizontalHeader()->resizeSection(0, 260);
    m_image->setObjectName(QStringLiteral("imagePreview"));
    m_image->setAlignment(Qt::AlignCenter);
    m_imageArea->setWidget(m_image);
    m_imageArea->setWidgetResizable(true);
    m_imageArea->setFrameShape(QFrame::NoFrame);
    m_html->setObjectName(QStringLiteral("htmlPreview"));
    m_html->setOpenLinks(false); // a preview, not a browser: nothing is fetched
    m_html->setFrameShape(QFrame::NoFrame);
    m_preview->addWidget(m_imageArea);
    m_preview->addWidget(m_html);
    m_tabs->addTab(m_cookies, tr("Cookies"));
    m_tabs->addTab(m_timing, tr("Timing"));
    m_tabs->addTab(m_preview, tr("Preview"));
    m_signing->setObjectName(QStringLiteral("signingView"));
    m_tabs->addTab(m_signing, tr("Signing"));
    m_stack->addWidget(m_message);
    m_stack->addWidget(m_tabs);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() == m_raw)
            fillRawNow();
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(buildSummary());
    layout->addWidget(m_stack, 1);
    clear();
}

ResponseView::~ResponseView()
{
    // A formatter still running holds only its own copy of the body; let it finish.
    for (QThread *thread : std::as_const(m_formatters))
        thread->wait();
}

QWidget *ResponseView::buildTools()
{
    auto *tools = new QWidget(this);
    auto *layout = new QHBoxLayout(tools);
    layout->setContentsMargins(0, 0, 0, 2);
    m_find->setObjectName(QStringLiteral("findInBody"));
    m_find->setPlaceholderText(tr("Find in body (Ctrl+F)"));
    m_find->setClearButtonEnabled(true);
    m_find->setMaximumWidth(220);
    m_find->setToolTip(tr("Enter: next match, Shift+Enter: previous; letters match in either case."));
    m_save->setObjectName(QStringLiteral("saveBody"));
    m_save->setText(tr("Save\u2026"));
    m_save->setToolTip(tr("Save the body as received to a file."));
    m_save->setAutoRaise(true);
    layout->addWidget(m_find);
    layout->addWidget(m_save);
    connect(m_find, &QLineEdit::returnPressed, this, [this] {
        findInBody(QGuiApplication::keyboardModifiers() & Qt::ShiftModifier);
    });
    connect(m_find, &QLineEdit::textChanged, this, [this] { m_find->setStyleSheet(QString()); });
    // Anywhere in the window while the request builder (and so this view) is on screen.
    auto *shortcut = new QShortcut(QKeySequence::Find, this);
    shortcut->setContext(Qt::WindowShortcut);
    connect(shortcut, &QShortcut::activated, this, [this] {
        m_find->setFocus();
        m_find->selectAll();
    });
    connect(m_save, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save response body"));
        if (path.isEmpty())
            return;
        if (const QString problem = saveBody(path); !problem.isEmpty())
            showMessage(problem);
    });
    return tools;
}

void ResponseView::findInBody(bool backwards)
{
    if (m_find->text().isEmpty())
        return;
    m_tabs->setCurrentWidget(m_body);
    const bool found = m_body->find(m_find->text(), backwards);
    m_find->setStyleSheet(found ? QString() : QStringLiteral("QLineEdit { background: #fde7e9; }"));
    m_find->setToolTip(found ? tr("Enter: next match, Shift+Enter: previous; letters match in either case.")
                             : tr("'%1' is not in the body.").arg(m_find->text()));
}

QString ResponseView::saveBody(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_receivedBody) != m_receivedBody.size() || !file.commit())
        return tr("Could not save the body to %1: %2").arg(path, file.errorString());
    return {};
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
    m_progressHeadSize = -1;
    setStatus(tr("Sending\u2026"), Tone::Neutral);
    m_time->hide();
    m_size->hide();
    showMessage(message.isEmpty() ? tr("Waiting for the answer\u2026") : message);
}

void ResponseView::showProgress(qint64 received, qint64 total, const QByteArray &head)
{
    setStatus(tr("Receiving\u2026"), Tone::Neutral);
    m_size->setText(total > 0 ? tr("%1 of %2").arg(sizeText(received), sizeText(total)) : sizeText(received));
    m_size->show();
    // The head grows until it is full; show it each time it did. A character cut at its end is
    // left out rather than taking the whole head for binary.
    QByteArray text = head;
    for (int cut = 0; cut < 3 && !text.isEmpty() && !isText(text); ++cut)
        text.chop(1);
    if (text.isEmpty() || !isText(text) || text.size() == m_progressHeadSize)
        return;
    m_progressHeadSize = text.size();
    ++m_generation; // a formatter of the previous answer must not replace this
    m_body->setJsonHighlighting(false);
    m_body->setText(text);
    m_tabs->setTabText(m_tabs->indexOf(m_body), tr("Body (receiving\u2026)"));
    m_tabs->setCurrentWidget(m_body);
    m_stack->setCurrentWidget(m_tabs);
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
    fillCookies(response);
    fillTiming(response);
    fillPreview(response);
    m_stack->setCurrentWidget(m_tabs);
}

void ResponseView::fillBody(const Core::HttpClientResponse &response)
{
    ++m_generation;
    m_receivedBody = response.body;
    m_spool = response.spool;
    m_save->setEnabled(!response.body.isEmpty());
    m_tabs->setTabText(m_tabs->indexOf(m_body), tr("Body"));
    m_tabs->setTabToolTip(m_tabs->indexOf(m_body), QString());
    const QByteArray contentType = response.headers.value("Content-Type");
    const QByteArray trimmed = response.body.left(64).trimmed();
    const bool looksJson = Core::JsonPretty::isJsonContentType(contentType) || trimmed.startsWith('{')
                           || trimmed.startsWith('[');
    const QString binaryNote = tr("Binary content (%1, %2) is not shown as text.")
                                   .arg(contentType.isEmpty() ? tr("no Content-Type") : QString::fromUtf8(contentType),
                                        sizeText(response.bytes));
    m_body->setJsonHighlighting(false);
    if (response.body.isEmpty()) {
        m_body->clear();
        m_body->setPlaceholderText(tr("The response has no body."));
        return;
    }
    if (response.body.size() > SyncFormatLimit) {
        // The first screen at once, from the bytes as sent; checking, formatting and indexing
        // the whole body happen on a worker thread (a spooled body's formatted text goes to a
        // second temporary file, so it is never whole in memory either). The first screen is a copy of the body's start: an index cut short would have to
        // find its last line's end by scanning the rest (for a spooled body, faulting in
        // hundreds of MB of the mapped file on the GUI thread).
        m_body->setIndexedText(std::make_shared<const IndexedText>(
            IndexedText::indexLines(response.body.first(std::min<qsizetype>(response.body.size(), PreviewBytes)))));
        m_body->setJsonHighlighting(looksJson);
        if (response.spool)
            m_tabs->setTabToolTip(m_tabs->indexOf(m_body),
                                  tr("This %1 body went to %2 as it arrived; a formatted copy is written beside "
                                     "it. Save keeps the body as received; the files are removed when the answer "
                                     "is closed.")
                                      .arg(sizeText(response.bytes), response.spool->path()));
        prepareInBackground(response.body, looksJson, binaryNote);
        return;
    }
    if (!isText(response.body)) {
        m_body->setPlainText(binaryNote);
        return;
    }
    if (looksJson) {
        const Core::Result<QByteArray> pretty = Core::JsonPretty::format(response.body);
        if (pretty) {
            m_body->setText(*pretty);
            m_body->setJsonHighlighting(true);
            return;
        }
    }
    m_body->setText(response.body);
}

void ResponseView::prepareInBackground(const QByteArray &body, bool json, const QString &binaryNote)
{
    const quint64 generation = m_generation;
    m_tabs->setTabText(m_tabs->indexOf(m_body), json ? tr("Body (formatting\u2026)") : tr("Body (reading\u2026)"));
    struct Prepared
    {
        std::shared_ptr<const IndexedText> text;
        bool binary = false;
        bool formatted = false; // a spooled body's formatted copy (its own temporary file)
    };
    auto result = std::make_shared<Prepared>();
    QThread *thread = QThread::create([body, json, result, owner = m_spool] {
        if (!isText(body)) {
            result->binary = true;
            return;
        }
        if (json && owner) {
            // A spooled body is formatted into a second temporary file, never whole in memory.
            auto pretty = std::make_shared<Core::BodySpool>();
            Core::Result<void> written = pretty->open();
            if (written)
                written = Core::JsonPretty::formatTo(body, [&pretty](QByteArrayView piece) {
                    return pretty->append(piece).ok();
                });
            owner->releasePages(); // read once; the index below reads the formatted copy
            if (written && pretty->finish()) {
                result->formatted = true;
                result->text = std::make_shared<const IndexedText>(IndexedText::indexLines(pretty->body(), -1, pretty));
                pretty->releasePages();
                return;
            }
        } else if (json) {
            Core::Result<QByteArray> pretty = Core::JsonPretty::format(body);
            if (pretty) {
                QByteArray text = std::move(pretty).value();
                text.squeeze(); // growth slack would double the memory of a big body
                result->text = std::make_shared<const IndexedText>(IndexedText::indexLines(std::move(text)));
                return;
            }
        }
        result->text = std::make_shared<const IndexedText>(IndexedText::indexLines(body, -1, owner));
        if (owner)
            owner->releasePages();
    });
    // An older answer's worker may still run; its result is dropped by the generation check.
    m_formatters.append(thread);
    connect(thread, &QThread::finished, this, [this, thread, result, generation, binaryNote] {
        m_formatters.removeOne(thread);
        thread->deleteLater();
        if (generation != m_generation)
            return;
        m_tabs->setTabText(m_tabs->indexOf(m_body),
                           m_spool && !result->formatted ? tr("Body (as received)") : tr("Body"));
        if (result->binary) {
            m_body->setJsonHighlighting(false);
            m_body->setPlainText(binaryNote);
        } else if (result->text) {
            m_body->setIndexedText(result->text);
        }
    });
    thread->start(QThread::LowPriority);
}

bool ResponseView::isFormatting() const
{
    return !m_formatters.isEmpty();
}

void ResponseView::fillRaw(const Core::HttpClientResponse &response)
{
    QByteArray raw = response.httpVersion + ' ' + QByteArray::number(response.status) + ' ' + response.reason + '\n';
    for (const Core::HttpHeaders::Field &field : response.headers.fields())
        raw += field.first + ": " + field.second + '\n';
    raw += '\n';
    m_pendingRaw = raw;
    if (response.body.size() <= SyncFormatLimit) {
        if (isText(response.body))
            m_pendingRaw += response.body;
        else
            m_pendingRaw += tr("[%1 of binary content]").arg(sizeText(response.bytes)).toUtf8();
        m_rawPending = true;
        return fillRawNow();
    }
    // A big body is copied into the Raw tab only when someone looks at it; of one on disk only
    // its start (the Body tab has all of it).
    if (response.spool)
        m_pendingRawBody = response.body.first(SpooledRawBytes) + '\n'
                           + tr("[%1 more in the Body tab]").arg(sizeText(response.bytes - SpooledRawBytes)).toUtf8();
    else
        m_pendingRawBody = response.body;
    m_rawPending = true;
    m_raw->clear();
    if (m_tabs->currentWidget() == m_raw)
        fillRawNow();
}

void ResponseView::fillRawNow()
{
    if (!m_rawPending)
        return;
    m_rawPending = false;
    QByteArray raw = std::exchange(m_pendingRaw, QByteArray());
    raw += std::exchange(m_pendingRawBody, QByteArray());
    m_raw->setText(raw);
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

void ResponseView::fillCookies(const Core::HttpClientResponse &response)
{
    QList<QNetworkCookie> cookies;
    for (const Core::HttpHeaders::Field &field : response.headers.fields()) {
        if (field.first.compare("set-cookie", Qt::CaseInsensitive) == 0)
            cookies += QNetworkCookie::parseCookies(field.second);
    }
    m_cookies->setRowCount(int(cookies.size()));
    for (int row = 0; row < cookies.size(); ++row) {
        const QNetworkCookie &cookie = cookies.at(row);
        const QStringList cells{QString::fromUtf8(cookie.name()),
                                QString::fromUtf8(cookie.value()),
                                cookie.domain().isEmpty() ? tr("(this host)") : cookie.domain(),
                                cookie.path().isEmpty() ? QStringLiteral("/") : cookie.path(),
                                cookie.isSessionCookie() ? tr("end of session")
                                                         : cookie.expirationDate().toUTC().toString(Qt::ISODate),
                                cookie.isHttpOnly() ? tr("yes") : tr("no"),
                                cookie.isSecure() ? tr("yes") : tr("no")};
        for (int column = 0; column < cells.size(); ++column)
            m_cookies->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    m_tabs->setTabText(m_tabs->indexOf(m_cookies), tr("Cookies (%1)").arg(cookies.size()));
}

void ResponseView::fillTiming(const Core::HttpClientResponse &response)
{
    const Core::HttpTiming &t = response.timing;
    struct Phase
    {
        QString name;
        qint64 from;
        qint64 to;
        QString note;
    };
    QList<Phase> phases;
    // Each phase runs from the last milestone Qt reported to the next one.
    qint64 at = 0;
    if (t.connectStartMs >= 0) {
        phases.append({tr("Queued and name lookup"), at, t.connectStartMs, {}});
        at = t.connectStartMs;
    }
    if (t.tlsDoneMs >= 0) {
        phases.append({tr("Connect and TLS handshake"), at, t.tlsDoneMs, {}});
        at = t.tlsDoneMs;
    }
    if (t.requestSentMs >= 0) {
        phases.append({t.connectStartMs >= 0 && t.tlsDoneMs < 0 ? tr("Connect and send the request") : tr("Send the request"),
                       at, t.requestSentMs, t.connectStartMs < 0 ? tr("on a reused connection") : QString()});
        at = t.requestSentMs;
    }
    if (t.headersMs >= 0) {
        phases.append({tr("Waiting for the first byte"), at, t.headersMs, {}});
        at = t.headersMs;
    }
    phases.append({tr("Download the body"), at, t.totalMs, sizeText(response.bytes)});
    phases.append({tr("Total"), 0, t.totalMs, {}});
    m_timing->setRowCount(int(phases.size()));
    for (int row = 0; row < phases.size(); ++row) {
        const Phase &p = phases.at(row);
        m_timing->setItem(row, 0, new QTableWidgetItem(p.name));
        auto *ms = new QTableWidgetItem(QString::number(std::max<qint64>(p.to - p.from, 0)));
        ms->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_timing->setItem(row, 1, ms);
        m_timing->setItem(row, 2, new QTableWidgetItem(p.note));
    }
}

void ResponseView::fillPreview(const Core::HttpClientResponse &response)
{
    const QByteArray type = response.headers.value("Content-Type").toLower();
    m_image->clear();
    m_html->clear();
    bool shown = false;
    if (type.startsWith("image/")) {
        QPixmap pixmap;
        if (pixmap.loadFromData(response.body)) {
            m_image->setPixmap(pixmap);
            m_image->setToolTip(tr("%1 × %2 pixels").arg(pixmap.width()).arg(pixmap.height()));
            m_preview->setCurrentWidget(m_imageArea);
            shown = true;
        } else {
            m_image->setText(tr("The body does not decode as %1.").arg(QString::fromLatin1(type)));
            m_preview->setCurrentWidget(m_imageArea);
        }
    } else if (type.startsWith("text/html") && response.body.size() <= SyncFormatLimit) {
        // QTextBrowser renders a subset of HTML and CSS, runs no scripts and loads nothing.
        m_html->setHtml(QString::fromUtf8(response.body));
        m_preview->setCurrentWidget(m_html);
        shown = true;
    }
    m_tabs->setTabEnabled(m_tabs->indexOf(m_preview), shown || type.startsWith("image/"));
    m_tabs->setTabToolTip(m_tabs->indexOf(m_preview), shown ? QString() : tr("Preview shows images and HTML answers."));
}

bool ResponseView::hasPreview() const
{
    return m_tabs->isTabEnabled(m_tabs->indexOf(m_preview));
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
    const_cast<ResponseView *>(this)->fillRawNow();
    return m_raw->toPlainText();
}

QString ResponseView::messageText() const
{
    return m_stack->currentWidget() == m_message ? m_message->text() : QString();
}

} // namespace Gatehouse::Ui
