#pragma once

#include "core/httpoptions.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace Gatehouse::Ui {

// File › Network Settings: proxy, extra CA, client certificate, TLS verification and the
// cookie jar for the request builder and the Auth tab. Paths and switches are remembered;
// passwords only for this run. OK checks the files first and stays open with the reason when
// one cannot be used.
class NetworkSettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit NetworkSettingsDialog(const Core::HttpOptions &current, QWidget *parent = nullptr);

    Core::HttpOptions options() const;

    // The options saved by an earlier run (without passwords).
    static Core::HttpOptions load();
    static void save(const Core::HttpOptions &options);

    QComboBox *proxyModeBox() const { return m_proxyMode; }
    QLineEdit *caFileEdit() const { return m_caFile; }
    QCheckBox *verifyBox() const { return m_verify; }
    QLabel *problemLabel() const { return m_problem; }

signals:
    void clearCookiesRequested();

public slots:
    void accept() override;

private:
    QLineEdit *fileRow(const QString &name, const QString &placeholder, QWidget **row);
    void updateRows();

    QComboBox *m_proxyMode;
    QLineEdit *m_proxyHost;
    QSpinBox *m_proxyPort;
    QLineEdit *m_proxyUser;
    QLineEdit *m_proxyPassword;
    QLineEdit *m_caFile;
    QLineEdit *m_clientCert;
    QLineEdit *m_clientKey;
    QLineEdit *m_clientKeyPassword;
    QCheckBox *m_verify;
    QLabel *m_verifyWarning;
    QCheckBox *m_cookies;
    QLabel *m_problem;
    QList<QWidget *> m_manualRows;
};

} // namespace Gatehouse::Ui
