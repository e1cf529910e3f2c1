#pragma once

#include <QDialog>
#include <QUrl>

class QLabel;
class QLineEdit;

namespace Gatehouse::Ui {

// Asks for a custom endpoint URL (LocalStack or any other) and refuses to close on an
// invalid one, saying what is wrong, so a target never points at a malformed URL.
class CustomEndpointDialog : public QDialog
{
    Q_OBJECT

public:
    explicit CustomEndpointDialog(const QStringList &previousEndpoints, QWidget *parent = nullptr);

    QUrl endpoint() const { return m_endpoint; }
    QLineEdit *lineEdit() const { return m_lineEdit; }
    QString errorText() const;

    void accept() override;

signals:
    void endpointAccepted(const QUrl &endpoint);

private:
    QLineEdit *m_lineEdit = nullptr;
    QLabel *m_error = nullptr;
    QUrl m_endpoint;
};

} // namespace Gatehouse::Ui
