#pragma once

#include "result.h"

#include <QSslCertificate>
#include <QSslKey>
#include <QString>

namespace Gatehouse::Core {

// How every request of a client leaves the machine: proxy, TLS trust and identity, cookies.
// Paths and switches are settings; passwords live in memory only.
struct HttpOptions
{
    enum class ProxyMode { None, System, Manual };

    ProxyMode proxyMode = ProxyMode::None;
    QString proxyHost;
    quint16 proxyPort = 0;
    QString proxyUser;
    QString proxyPassword;   // memory only

    QString caFile;          // PEM certificates trusted in addition to the system's
    QString clientCertFile;  // PEM certificate presented when a server asks for one
    QString clientKeyFile;   // its PEM private key (RSA or EC)
    QString clientKeyPassword; // memory only
    bool verifyTls = true;   // off only with a visible warning (the GUI shows one)

    bool cookies = false;    // keep cookies servers set and send them back, for this session

    // Manual proxy from "host:port" or "http://[user@]host:port"; an error in words otherwise.
    static Result<HttpOptions> withProxyUrl(HttpOptions options, const QString &url);
};

// The files of HttpOptions, read and checked once: what the client puts on each connection.
struct TlsMaterial
{
    QList<QSslCertificate> extraCas;
    QSslCertificate clientCertificate;
    QSslKey clientKey;

    // Errors name the file and say what is wrong with it (missing, not PEM, expired, key
    // that does not belong to the certificate, wrong key password).
    static Result<TlsMaterial> load(const HttpOptions &options);
};

} // namespace Gatehouse::Core
