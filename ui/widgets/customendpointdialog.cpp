#include "customendpointdialog.h"

#include "core/target.h"

#include <QCompleter>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace Gatehouse::Ui {

CustomEndpointDialog::CustomEndpointDialog(const QStringList &previousEndpoints, QWidget *parent)
    : QDialog(parent)
    , m_lineEdit(new QLineEdit(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Custom Endpoint"));
    auto *prompt = new QLabel(tr("Send requests to this endpoint (for example LocalStack):"), this);
    m_lineEdit->setPlaceholderText(tr("http://localhost:4566"));
    m_lineEdit->setClearButtonEnabled(true);
    m_lineEdit->setMinimumWidth(m_lineEdit->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 60);
    if (!previousEndpoints.isEmpty()) {
        m_lineEdit->setText(previousEndpoints.first());
        m_lineEdit->selectAll();
        auto *completer = new QCompleter(previousEndpoints, m_lineEdit);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        m_lineEdit->setCompleter(completer);
    }
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &CustomEndpointDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &CustomEndpointDialog::reject);
    connect(m_lineEdit, &QLineEdit::textEdited, m_error, &QLabel::hide);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(prompt);
    layout->addWidget(m_lineEdit);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

QString CustomEndpointDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void CustomEndpointDialog::accept()
{
    const Core::Result<QUrl> endpoint = Core::validateEndpoint(m_lineEdit->text());
    if (!endpoint) {
        m_error->setText(endpoint.error().message);
        m_error->show();
        adjustSize();
        m_lineEdit->setFocus();
        return;
    }
    m_endpoint = endpoint.value();
    QDialog::accept();
    emit endpointAccepted(m_endpoint);
}

} // namespace Gatehouse::Ui
