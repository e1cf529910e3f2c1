#include "networksettingsdialog.h"

#include "statusstyle.h"

#include "core/settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace Gatehouse::Ui {

namespace {

namespace Keys {
const Core::SettingsKey<int> ProxyMode{QLatin1String("network/proxyMode"), 0};
const Core::SettingsKey<QString> ProxyHost{QLatin1String("network/proxyHost")};
const Core::SettingsKey<int> ProxyPort{QLatin1String("network/proxyPort"), 0};
const Core::SettingsKey<QString> ProxyUser{QLatin1String("network/proxyUser")};
const Core::SettingsKey<QString> CaFile{QLatin1String("network/caFile")};
const Core::SettingsKey<QString> ClientCert{QLatin1String("network/clientCertificate")};
const Core::SettingsKey<QString> ClientKey{QLatin1String("network/clientKey")};
const Core::SettingsKey<bool> VerifyTls{QLatin1String("network/verifyTls"), true};
const Core::SettingsKey<bool> Cookies{QLatin1String("network/cookies"), false};
} // namespace Keys

} // namespace

NetworkSettingsDialog::NetworkSettingsDialog(const Core::HttpOptions &current, QWidget *parent)
    : QDialog(parent),
      m_proxyMode(new QComboBox(this)),
      m_proxyHost(new QLineEdit(this)),
      m_proxyPort(new QSpinBox(this)),
      m_proxyUser(new QLineEdit(this)),
      m_proxyPassword(new QLineEdit(this)),
      m_caFile(nullptr),
      m_clientCert(nullptr),
      m_clientKey(nullptr),
      m_clientKeyPassword(new QLineEdit(this)),
      m_verify(new QCheckBox(tr("Check server certificates (recommended)"), this)),
      m_verifyWarning(new QLabel(this)),
      m_cookies(new QCheckBox(tr("Keep cookies that servers set and send them back (this session)"), this)),
      m_problem(new QLabel(this))
{
    setWindowTitle(tr("Network Settings"));
    setObjectName(QStringLiteral("networkSettings"));
    m_proxyMode->setObjectName(QStringLiteral("proxyMode"));
    m_proxyMode->addItems({tr("No proxy"), tr("System proxy (http_proxy, https_proxy, no_proxy)"), tr("Manual")});
    m_proxyHost->setPlaceholderText(tr("proxy.example.com"));
    m_proxyPort->setRange(0, 65535);
    m_proxyPort->setSpecialValueText(tr("port"));
    m_proxyPassword->setEchoMode(QLineEdit::Password);
    m_proxyPassword->setPlaceholderText(tr("memory only"));
    m_clientKeyPassword->setEchoMode(QLineEdit::Password);
    m_clientKeyPassword->setPlaceholderText(tr("only for an encrypted key; memory only"));
    m_verify->setObjectName(QStringLiteral("verifyTls"));
    m_cookies->setObjectName(QStringLiteral("keepCookies"));
    m_verifyWarning->setText(tr("Certificates are not checked: anyone between you and the server can read and change "
                                "the traffic. Use it only for a test server, and prefer adding its CA above."));
    m_verifyWarning->setWordWrap(true);
    m_verifyWarning->setStyleSheet(QLatin1String(StatusStyle::Problem));
    m_problem->setObjectName(QStringLiteral("networkProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QLatin1String(StatusStyle::Problem));
    m_problem->hide();

    auto *proxy = new QGroupBox(tr("Proxy"), this);
    auto *proxyForm = new QFormLayout(proxy);
    proxyForm->addRow(tr("Use:"), m_proxyMode);
    auto *hostRow = new QWidget(this);
    auto *hostLayout = new QHBoxLayout(hostRow);
    hostLayout->setContentsMargins(0, 0, 0, 0);
    hostLayout->addWidget(m_proxyHost, 1);
    hostLayout->addWidget(m_proxyPort);
    proxyForm->addRow(tr("Host and port:"), hostRow);
    proxyForm->addRow(tr("User:"), m_proxyUser);
    proxyForm->addRow(tr("Password:"), m_proxyPassword);
    m_manualRows = {hostRow, m_proxyUser, m_proxyPassword};

    auto *tls = new QGroupBox(tr("TLS"), this);
    auto *tlsForm = new QFormLayout(tls);
    QWidget *row = nullptr;
    m_caFile = fileRow(QStringLiteral("caFile"), tr("PEM file with extra CA certificates"), &row);
    tlsForm->addRow(tr("Extra CAs:"), row);
    m_clientCert = fileRow(QStringLiteral("clientCertificate"), tr("PEM client certificate"), &row);
    tlsForm->addRow(tr("Client certificate:"), row);
    m_clientKey = fileRow(QStringLiteral("clientKey"), tr("its PEM private key"), &row);
    tlsForm->addRow(tr("Client key:"), row);
    tlsForm->addRow(tr("Key password:"), m_clientKeyPassword);
    tlsForm->addRow(m_verify);
    tlsForm->addRow(m_verifyWarning);

    auto *cookies = new QGroupBox(tr("Cookies"), this);
    auto *cookiesLayout = new QHBoxLayout(cookies);
    auto *clear = new QPushButton(tr("Forget cookies"), this);
    cookiesLayout->addWidget(m_cookies, 1);
    cookiesLayout->addWidget(clear);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(proxy);
    layout->addWidget(tls);
    layout->addWidget(cookies);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);

    m_proxyMode->setCurrentIndex(int(current.proxyMode));
    m_proxyHost->setText(current.proxyHost);
    m_proxyPort->setValue(current.proxyPort);
    m_proxyUser->setText(current.proxyUser);
    m_proxyPassword->setText(current.proxyPassword);
    m_caFile->setText(current.caFile);
    m_clientCert->setText(current.clientCertFile);
    m_clientKey->setText(current.clientKeyFile);
    m_clientKeyPassword->setText(current.clientKeyPassword);
    m_verify->setChecked(current.verifyTls);
    m_cookies->setChecked(current.cookies);

    connect(m_proxyMode, &QComboBox::currentIndexChanged, this, &NetworkSettingsDialog::updateRows);
    connect(m_verify, &QCheckBox::toggled, this, &NetworkSettingsDialog::updateRows);
    connect(clear, &QPushButton::clicked, this, &NetworkSettingsDialog::clearCookiesRequested);
    connect(buttons, &QDialogButtonBox::accepted, this, &NetworkSettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateRows();
}

QLineEdit *NetworkSettingsDialog::fileRow(const QString &name, const QString &placeholder, QWidget **row)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    auto *browse = new QToolButton(this);
    browse->setText(tr("Choose…"));
    connect(browse, &QToolButton::clicked, this, [this, edit] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Choose a PEM file"), edit->text(),
                                                          tr("PEM files (*.pem *.crt *.cer *.key);;All files (*)"));
        if (!path.isEmpty())
            edit->setText(path);
    });
    *row = new QWidget(this);
    auto *layout = new QHBoxLayout(*row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    return edit;
}

void NetworkSettingsDialog::updateRows()
{
    const bool manual = m_proxyMode->currentIndex() == int(Core::HttpOptions::ProxyMode::Manual);
    for (QWidget *row : std::as_const(m_manualRows))
        row->setEnabled(manual);
    m_verifyWarning->setVisible(!m_verify->isChecked());
    adjustSize(); // room for the warning when it appears, none left over when it goes
}

Core::HttpOptions NetworkSettingsDialog::options() const
{
    Core::HttpOptions options;
    options.proxyMode = static_cast<Core::HttpOptions::ProxyMode>(m_proxyMode->currentIndex());
    options.proxyHost = m_proxyHost->text().trimmed();
    options.proxyPort = quint16(m_proxyPort->value());
    options.proxyUser = m_proxyUser->text().trimmed();
    options.proxyPassword = m_proxyPassword->text();
    options.caFile = m_caFile->text().trimmed();
    options.clientCertFile = m_clientCert->text().trimmed();
    options.clientKeyFile = m_clientKey->text().trimmed();
    options.clientKeyPassword = m_clientKeyPassword->text();
    options.verifyTls = m_verify->isChecked();
    options.cookies = m_cookies->isChecked();
    return options;
}

void NetworkSettingsDialog::accept()
{
    const Core::HttpOptions chosen = options();
    QString problem;
    if (chosen.proxyMode == Core::HttpOptions::ProxyMode::Manual && (chosen.proxyHost.isEmpty() || chosen.proxyPort == 0))
        problem = tr("A manual proxy needs a host and a port.");
    else if (const Core::Result<Core::TlsMaterial> tls = Core::TlsMaterial::load(chosen); !tls)
        problem = tls.error().message;
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    if (problem.isEmpty())
        QDialog::accept();
}

Core::HttpOptions NetworkSettingsDialog::load()
{
    const Core::Settings settings;
    Core::HttpOptions options;
    options.proxyMode = static_cast<Core::HttpOptions::ProxyMode>(std::clamp(settings.value(Keys::ProxyMode), 0, 2));
    options.proxyHost = settings.value(Keys::ProxyHost);
    options.proxyPort = quint16(settings.value(Keys::ProxyPort));
    options.proxyUser = settings.value(Keys::ProxyUser);
    options.caFile = settings.value(Keys::CaFile);
    options.clientCertFile = settings.value(Keys::ClientCert);
    options.clientKeyFile = settings.value(Keys::ClientKey);
    options.verifyTls = settings.value(Keys::VerifyTls);
    options.cookies = settings.value(Keys::Cookies);
    return options;
}

void NetworkSettingsDialog::save(const Core::HttpOptions &options)
{
    Core::Settings settings;
    settings.setValue(Keys::ProxyMode, int(options.proxyMode));
    settings.setValue(Keys::ProxyHost, options.proxyHost);
    settings.setValue(Keys::ProxyPort, int(options.proxyPort));
    settings.setValue(Keys::ProxyUser, options.proxyUser);
    settings.setValue(Keys::CaFile, options.caFile);
    settings.setValue(Keys::ClientCert, options.clientCertFile);
    settings.setValue(Keys::ClientKey, options.clientKeyFile);
    settings.setValue(Keys::VerifyTls, options.verifyTls);
    settings.setValue(Keys::Cookies, options.cookies);
}

} // namespace Gatehouse::Ui
