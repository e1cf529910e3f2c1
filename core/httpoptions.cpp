#include "httpoptions.h"

#include <QDateTime>
#include <QFile>
#include <QUrl>

#include <memory>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace Gatehouse::Core {

namespace {

Result<QByteArray> readPem(const QString &path, const QString &what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, QStringLiteral("Could not read the %1 '%2': %3.").arg(what, path, file.errorString()));
    const QByteArray pem = file.readAll();
    if (!pem.contains("-----BEGIN "))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("The %1 '%2' is not PEM (text starting with -----BEGIN ...); convert a DER or "
                                        "PKCS#12 file with openssl first.")
                             .arg(what, path));
    return pem;
}

// OpenSSL's own check that the private key is the certificate's (Qt has none).
bool keyBelongsToCertificate(const QByteArray &certPem, const QByteArray &keyPem, const QByteArray &password)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> certBio(BIO_new_mem_buf(certPem.constData(), int(certPem.size())), BIO_free);
    std::unique_ptr<BIO, decltype(&BIO_free)> keyBio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())), BIO_free);
    std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr), X509_free);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, const_cast<char *>(password.constData())), EVP_PKEY_free);
    return cert && key && X509_check_private_key(cert.get(), key.get()) == 1;
}

} // namespace

Result<HttpOptions> HttpOptions::withProxyUrl(HttpOptions options, const QString &text)
{
    const QString trimmed = text.trimmed();
    const QUrl url = QUrl(trimmed.contains(QLatin1String("://")) ? trimmed : QStringLiteral("http://") + trimmed);
    if (!url.isValid() || url.host().isEmpty() || url.port() <= 0 || url.scheme() != QLatin1String("http"))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("'%1' is not an HTTP proxy address; give host:port, e.g. 127.0.0.1:3128 or "
                                        "http://user@proxy.example.com:8080.")
                             .arg(text));
    options.proxyMode = ProxyMode::Manual;
    options.proxyHost = url.host();
    options.proxyPort = quint16(url.port());
    options.proxyUser = url.userName();
    if (!url.password().isEmpty())
        options.proxyPassword = url.password();
    return options;
}

Result<TlsMaterial> TlsMaterial::load(const HttpOptions &options)
{
    TlsMaterial material;
    if (!options.caFile.isEmpty()) {
        const Result<QByteArray> pem = readPem(options.caFile, QStringLiteral("CA file"));
        if (!pem)
            return pem.error();
        material.extraCas = QSslCertificate::fromData(*pem, QSsl::Pem);
        if (material.extraCas.isEmpty())
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("The CA file '%1' holds no certificate Qt can read.").arg(options.caFile));
    }
    if (options.clientCertFile.isEmpty() != options.clientKeyFile.isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("A client certificate needs both files: the certificate and its private key."));
    if (options.clientCertFile.isEmpty())
        return material;
    const Result<QByteArray> certPem = readPem(options.clientCertFile, QStringLiteral("client certificate"));
    if (!certPem)
        return certPem.error();
    const QList<QSslCertificate> certs = QSslCertificate::fromData(*certPem, QSsl::Pem);
    if (certs.isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("The client certificate '%1' holds no certificate.").arg(options.clientCertFile));
    material.clientCertificate = certs.first();
    if (material.clientCertificate.expiryDate() < QDateTime::currentDateTimeUtc())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("The client certificate '%1' expired on %2.")
                             .arg(options.clientCertFile, material.clientCertificate.expiryDate().toString(Qt::ISODate)));
    const Result<QByteArray> keyPem = readPem(options.clientKeyFile, QStringLiteral("client key"));
    if (!keyPem)
        return keyPem.error();
    const QByteArray password = options.clientKeyPassword.toUtf8();
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec}) {
        const QSslKey key(*keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey, password);
        if (!key.isNull()) {
            material.clientKey = key;
            break;
        }
    }
    if (material.clientKey.isNull())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("The client key '%1' could not be read: not an RSA or EC private key, or %2.")
                             .arg(options.clientKeyFile, password.isEmpty() ? QStringLiteral("it needs a password")
                                                                            : QStringLiteral("the password is wrong")));
    if (!keyBelongsToCertificate(*certPem, *keyPem, password))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("The client key '%1' does not belong to the certificate '%2'; servers would "
                                        "refuse the handshake. Pick the key that was made with that certificate.")
                             .arg(options.clientKeyFile, options.clientCertFile));
    return material;
}

} // namespace Gatehouse::Core
