#pragma once

#include "core/bodyspool.h"
#include "core/httpjob.h"

#include <QWidget>

class QHBoxLayout;
class QLineEdit;
class QToolButton;
class QLabel;
class QThread;
class QStackedWidget;
class QTabWidget;
class QTableWidget;
class QTextBrowser;
class QScrollArea;

namespace Gatehouse::Ui {

class LargeTextView;
class SigningView;

// Shows one HTTP answer the way a person reads it: status at a glance, pretty body, raw bytes, headers.
class ResponseView : public QWidget
{
    Q_OBJECT

public:
    explicit ResponseView(QWidget *parent = nullptr);
    ~ResponseView() override;

    // message: what is being waited for; empty means the answer.
    void showPending(const QString &message = QString());
    void showResponse(const Core::HttpClientResponse &response);
    // While a body arrives: how much, and its first bytes (HttpJob::head()) in the Body tab.
    void showProgress(qint64 received, qint64 total, const QByteArray &head);
    void showError(const Core::Error &error);
    void clear();

    QString statusText() const;
    QString bodyText() const;
    QString rawText() const;
    QString messageText() const;
    // True while a large JSON body is being pretty-printed off the GUI thread (shown as sent meanwhile).
    bool isFormatting() const;
    // Whether the shown body is on disk (BodySpool) rather than in memory.
    bool isSpooled() const { return m_spool != nullptr; }
    LargeTextView *bodyView() const { return m_body; }
    QLineEdit *findEdit() const { return m_find; }
    QTableWidget *cookiesTable() const { return m_cookies; }
    QTableWidget *timingTable() const { return m_timing; }
    // The Preview tab: an image drawn, or HTML rendered without scripts or remote content.
    QLabel *imagePreview() const { return m_image; }
    QTextBrowser *htmlPreview() const { return m_html; }
    bool hasPreview() const;
    // Writes the body as received (not the formatted text) to a file; empty when it worked.
    QString saveBody(const QString &path) const;

    // The Signing tab: SigV4 stages of the last signed send.
    SigningView *signingView() const { return m_signing; }
    void showSigningTab();

private:
    enum class Tone { Neutral, Success, Redirect, Failure };

    QHBoxLayout *buildSummary();
    void setupHeadersTable();
    void setStatus(const QString &text, Tone tone);
    void showMessage(const QString &text);
    void fillBody(const Core::HttpClientResponse &response);
    void fillRaw(const Core::HttpClientResponse &response);
    void fillHeaders(const Core::HttpClientResponse &response);
    void fillCookies(const Core::HttpClientResponse &response);
    void fillTiming(const Core::HttpClientResponse &response);
    void fillPreview(const Core::HttpClientResponse &response);
    static QString sizeText(qint64 bytes);
    void prepareInBackground(const QByteArray &body, bool json, const QString &binaryNote);
    void fillRawNow();
    QWidget *buildTools();
    void findInBody(bool backwards);

    QLabel *m_status;
    QLabel *m_time;
    QLabel *m_size;
    QStackedWidget *m_stack;
    QLabel *m_message;
    QTabWidget *m_tabs;
    LargeTextView *m_body;
    QLineEdit *m_find;
    QToolButton *m_save;
    QByteArray m_receivedBody; // as sent, for Save
    std::shared_ptr<const Core::BodySpool> m_spool; // owns m_receivedBody's bytes when spooled
    LargeTextView *m_raw;
    QTableWidget *m_headers;
    QTableWidget *m_cookies;
    QTableWidget *m_timing;
    QStackedWidget *m_preview;
    QScrollArea *m_imageArea;
    QLabel *m_image;
    QTextBrowser *m_html;
    QList<QThread *> m_formatters; // running; the newest answer's result wins
    quint64 m_generation = 0; // which response a background format belongs to
    QByteArray m_pendingRaw;  // Raw tab: status line and headers, joined with the body when the tab is shown
    QByteArray m_pendingRawBody;
    bool m_rawPending = false;
    qsizetype m_progressHeadSize = -1; // the head showProgress() last showed; -1: none yet
    SigningView *m_signing;
};

} // namespace Gatehouse::Ui
