#pragma once

#include "core/httpjob.h"

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTabWidget;
class QTableWidget;

namespace Gatehouse::Ui {

class JsonHighlighter;
class SigningView;

// Shows one HTTP answer the way a person reads it: status at a glance, pretty body, raw bytes, headers.
class ResponseView : public QWidget
{
    Q_OBJECT

public:
    explicit ResponseView(QWidget *parent = nullptr);

    // message: what is being waited for; empty means the answer.
    void showPending(const QString &message = QString());
    void showResponse(const Core::HttpClientResponse &response);
    void showError(const Core::Error &error);
    void clear();

    QString statusText() const;
    QString bodyText() const;
    QString rawText() const;
    QString messageText() const;

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
    static QString sizeText(qint64 bytes);
    static QString clipped(const QString &text);

    QLabel *m_status;
    QLabel *m_time;
    QLabel *m_size;
    QStackedWidget *m_stack;
    QLabel *m_message;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_body;
    QPlainTextEdit *m_raw;
    QTableWidget *m_headers;
    JsonHighlighter *m_highlighter;
    SigningView *m_signing;
};

} // namespace Gatehouse::Ui
