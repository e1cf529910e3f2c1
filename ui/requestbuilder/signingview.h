#pragma once

#include "core/aws/requestauthorizer.h"
#include "core/aws/signaturediff.h"
#include "core/httpjob.h"

#include <QWidget>

#include <optional>

class QLabel;
class QSplitter;
class QStackedWidget;
class QTextEdit;

namespace Gatehouse::Ui {

// The response view's Signing tab: every SigV4 stage of the last signed send, and, when the
// server refused the signature, its expected stages beside ours with the differing lines
// marked and words on what to check. The secret key is in none of these stages.
class SigningView : public QWidget
{
    Q_OBJECT

public:
    explicit SigningView(QWidget *parent = nullptr);

    void clear();
    void showSigned(const Core::Aws::SignedRequest &signedRequest);
    // Looks for a SignatureDoesNotMatch answer; true when it showed a comparison.
    bool showAnswer(const Core::HttpClientResponse &response);

    bool hasSignature() const { return m_signed.has_value(); }
    bool hasMismatch() const { return m_mismatch; }
    QString stagesText() const;  // ours: canonical request, string to sign, signature, Authorization
    QString adviceText() const;  // what to check, after a mismatch
    QString oursText() const;    // the left pane of the comparison, with markers
    QString serverText() const;  // the right pane of the comparison, with markers
    int markedLineCount() const { return m_markedLines; }

private:
    QTextEdit *makePane(const QString &name);
    void addColumn(QTextEdit *pane, const QString &title);
    void fillComparison(const Core::Aws::ServerSigningStages &server);
    void appendSection(QTextEdit *ours, QTextEdit *server, const QString &title, const QByteArray &ourText,
                       const QByteArray &serverText);

    QLabel *m_summary;
    QLabel *m_advice;
    QStackedWidget *m_stack;
    QLabel *m_empty;
    QTextEdit *m_stages;
    QSplitter *m_compare;
    QTextEdit *m_ours;
    QTextEdit *m_server;
    std::optional<Core::Aws::SignedRequest> m_signed;
    bool m_mismatch = false;
    int m_markedLines = 0;
};

} // namespace Gatehouse::Ui
