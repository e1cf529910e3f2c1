#include "signingview.h"

#include "core/aws/awserror.h"

#include <QFontDatabase>
#include <QLabel>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextEdit>
#include <QVBoxLayout>

namespace Gatehouse::Ui {

namespace {

using Kind = Core::Aws::SigningDiffLine::Kind;

const QColor ChangedColour(0xff, 0xf1, 0xc2);
const QColor OursOnlyColour(0xfd, 0xe2, 0xe1);
const QColor ServerOnlyColour(0xdc, 0xfc, 0xe7);
const QColor GapColour(0xf3, 0xf4, 0xf6);

void appendBlock(QTextEdit *edit, const QString &text, const QColor &background, bool heading)
{
    QTextCursor cursor(edit->document());
    cursor.movePosition(QTextCursor::End);
    if (!edit->document()->isEmpty())
        cursor.insertBlock();
    QTextBlockFormat block;
    if (background.isValid())
        block.setBackground(background);
    if (heading)
        block.setTopMargin(edit->document()->blockCount() > 1 ? 10 : 0);
    cursor.setBlockFormat(block);
    QTextCharFormat chars;
    QFont font = heading ? edit->font() : QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (heading) {
        font.setFamily(QFontDatabase::systemFont(QFontDatabase::GeneralFont).family());
        font.setWeight(QFont::DemiBold);
    }
    chars.setFont(font);
    cursor.insertText(text, chars);
}

void appendStage(QTextEdit *edit, const QString &title, const QByteArray &text)
{
    appendBlock(edit, title, {}, true);
    for (const QByteArray &line : text.split('\n'))
        appendBlock(edit, QString::fromUtf8(line), {}, false);
}

} // namespace

SigningView::SigningView(QWidget *parent)
    : QWidget(parent),
      m_summary(new QLabel(this)),
      m_advice(new QLabel(this)),
      m_stack(new QStackedWidget(this)),
      m_empty(new QLabel(tr("Send a request with AWS Signature V4 auth (Auth tab) to see here how it was signed: "
                            "canonical request, string to sign, signature and Authorization header."), this)),
      m_stages(makePane(QStringLiteral("signingStagesView"))),
      m_compare(new QSplitter(Qt::Horizontal, this)),
      m_ours(makePane(QStringLiteral("oursView"))),
      m_server(makePane(QStringLiteral("serverView")))
{
    m_summary->setObjectName(QStringLiteral("signingSummaryLabel"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_advice->setObjectName(QStringLiteral("signingAdviceLabel"));
    m_advice->setWordWrap(true);
    m_advice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_advice->setStyleSheet(QStringLiteral("QLabel { background: #fdecea; color: #8a1c14; border: 1px solid #f5b5ae;"
                                           " border-radius: 4px; padding: 6px 8px; }"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setMargin(24);

    addColumn(m_ours, tr("We signed"));
    addColumn(m_server, tr("The server expected"));
    // One scroll position for both sides, so aligned lines stay side by side.
    connect(m_ours->verticalScrollBar(), &QScrollBar::valueChanged, m_server->verticalScrollBar(), &QScrollBar::setValue);
    connect(m_server->verticalScrollBar(), &QScrollBar::valueChanged, m_ours->verticalScrollBar(), &QScrollBar::setValue);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_stages);
    m_stack->addWidget(m_compare);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_summary);
    layout->addWidget(m_advice);
    layout->addWidget(m_stack, 1);
    clear();
}

void SigningView::addColumn(QTextEdit *pane, const QString &title)
{
    auto *column = new QWidget(m_compare);
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *heading = new QLabel(title, column);
    QFont font = heading->font();
    font.setWeight(QFont::DemiBold);
    heading->setFont(font);
    layout->addWidget(heading);
    layout->addWidget(pane, 1);
    m_compare->addWidget(column);
}

QTextEdit *SigningView::makePane(const QString &name)
{
    auto *pane = new QTextEdit(this);
    pane->setObjectName(name);
    pane->setReadOnly(true);
    pane->setLineWrapMode(QTextEdit::NoWrap);
    pane->setFrameShape(QFrame::NoFrame);
    pane->document()->setDocumentMargin(8);
    pane->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return pane;
}

void SigningView::clear()
{
    m_signed.reset();
    m_mismatch = false;
    m_markedLines = 0;
    m_summary->hide();
    m_advice->hide();
    for (QTextEdit *pane : {m_stages, m_ours, m_server})
        pane->clear();
    m_stack->setCurrentWidget(m_empty);
}

void SigningView::showSigned(const Core::Aws::SignedRequest &signedRequest)
{
    clear();
    m_signed = signedRequest;
    const Core::Aws::SigV4Signature &signature = signedRequest.signature;
    m_summary->setText(tr("Signed for service <b>%1</b> in <b>%2</b> with %3 (access key %4). Scope %5.")
                           .arg(signedRequest.scope.service.toHtmlEscaped(), signedRequest.scope.region.toHtmlEscaped(),
                                signedRequest.credentialsSource.toHtmlEscaped(),
                                QString::fromUtf8(signedRequest.accessKeyId).toHtmlEscaped(),
                                QString::fromUtf8(signature.credentialScope).toHtmlEscaped()));
    m_summary->show();
    appendStage(m_stages, tr("Canonical request"), signature.canonicalRequest);
    appendStage(m_stages, tr("String to sign"), signature.stringToSign);
    appendStage(m_stages, tr("Signature"), signature.signature);
    appendStage(m_stages, tr("Authorization header"), signature.authorization);
    m_stages->moveCursor(QTextCursor::Start);
    m_stack->setCurrentWidget(m_stages);
}

bool SigningView::showAnswer(const Core::HttpClientResponse &response)
{
    if (!m_signed || response.status < 400)
        return false;
    const std::optional<Core::Aws::ServerSigningStages> server = Core::Aws::parseServerSigningStages(response.body);
    if (!server)
        return false;
    m_mismatch = true;
    const Core::Aws::SigV4Signature &ours = m_signed->signature;
    fillComparison(*server);
    // SignatureDoesNotMatch from most services, InvalidSignatureException from Lambda.
    const QString code = Core::Aws::parseAwsError(response.status, response.headers, response.body).awsCode;
    QStringList lines{tr("<b>The server refused the signature (%1).</b>")
                          .arg(code.isEmpty() ? QStringLiteral("HTTP %1").arg(response.status) : code.toHtmlEscaped())};
    if (m_markedLines > 0)
        lines.first() += tr(" Lines that differ are marked \u2260 (changed), \u2212 (only ours) and + (only the server's).");
    for (const QString &sentence : Core::Aws::explainSignatureMismatch(ours.canonicalRequest, ours.stringToSign, *server))
        lines << sentence.toHtmlEscaped();
    m_advice->setText(lines.join(QStringLiteral("<br>")));
    m_advice->show();
    m_stack->setCurrentWidget(m_compare);
    return true;
}

void SigningView::fillComparison(const Core::Aws::ServerSigningStages &server)
{
    const Core::Aws::SigV4Signature &ours = m_signed->signature;
    m_ours->clear();
    m_server->clear();
    m_markedLines = 0;
    appendSection(m_ours, m_server, tr("Canonical request"), ours.canonicalRequest, server.canonicalRequest);
    if (!server.stringToSign.isEmpty())
        appendSection(m_ours, m_server, tr("String to sign"), ours.stringToSign, server.stringToSign);
    m_ours->moveCursor(QTextCursor::Start);
    m_server->moveCursor(QTextCursor::Start);
}

void SigningView::appendSection(QTextEdit *ours, QTextEdit *server, const QString &title, const QByteArray &ourText,
                                const QByteArray &serverText)
{
    appendBlock(ours, title, {}, true);
    appendBlock(server, title, {}, true);
    for (const Core::Aws::SigningDiffLine &line : Core::Aws::diffSigningLines(ourText, serverText)) {
        const QString left = QString::fromUtf8(line.ours);
        const QString right = QString::fromUtf8(line.server);
        switch (line.kind) {
        case Kind::Same:
            appendBlock(ours, QStringLiteral("  ") + left, {}, false);
            appendBlock(server, QStringLiteral("  ") + right, {}, false);
            continue;
        case Kind::Changed:
            appendBlock(ours, QStringLiteral("\u2260 ") + left, ChangedColour, false);
            appendBlock(server, QStringLiteral("\u2260 ") + right, ChangedColour, false);
            break;
        case Kind::OnlyOurs:
            appendBlock(ours, QStringLiteral("\u2212 ") + left, OursOnlyColour, false);
            appendBlock(server, QString(), GapColour, false);
            break;
        case Kind::OnlyServer:
            appendBlock(ours, QString(), GapColour, false);
            appendBlock(server, QStringLiteral("+ ") + right, ServerOnlyColour, false);
            break;
        }
        ++m_markedLines;
    }
}

QString SigningView::stagesText() const
{
    return m_stages->toPlainText();
}

QString SigningView::adviceText() const
{
    return m_advice->isVisibleTo(this) ? m_advice->text() : QString();
}

QString SigningView::oursText() const
{
    return m_ours->toPlainText();
}

QString SigningView::serverText() const
{
    return m_server->toPlainText();
}

} // namespace Gatehouse::Ui
