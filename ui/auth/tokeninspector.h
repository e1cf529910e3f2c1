#pragma once

#include "core/jwt/jwk.h"
#include "core/jwt/jws.h"

#include <QDateTime>
#include <QPointer>
#include <QWidget>

#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class QTimer;

namespace Gatehouse::Core {
class HttpClient;
}
namespace Gatehouse::Core::Jwt {
class JwksSource;
class KeyLookup;
} // namespace Gatehouse::Core::Jwt

namespace Gatehouse::Ui {

// The auth debugger's token view, jwt.io done offline and strictly: a pasted token (masked
// until asked, never logged) is decoded at once into header and claims with each member
// explained; its signature is checked against a JWKS URL, the issuer's OIDC discovery, a
// JWK/JWKS or PEM file or a shared secret, and the verdict says which key verified it or the
// exact reason it did not. An expiry countdown runs while the token is shown.
class TokenInspector : public QWidget
{
    Q_OBJECT

public:
    enum class KeySource
    {
        JwksUrl,
        Discovery,
        KeyFile,
        Secret
    };

    explicit TokenInspector(QWidget *parent = nullptr);
    ~TokenInspector() override;

    void setToken(const QString &token);
    // Check tokens with this pool's keys and rules: keys from the JWKS URL, iss and aud/client_id.
    void setVerificationKeys(const QString &jwksUrl, const QString &issuer, const QString &audience);
    QString token() const;
    // For tests: what "now" is for the countdown and the claim checks.
    void setClock(std::function<QDateTime()> clock);

    QLineEdit *tokenEdit() const { return m_token; }
    QCheckBox *showTokenBox() const { return m_showToken; }
    QLabel *decodeStatus() const { return m_decodeStatus; }
    QTableWidget *headerTable() const { return m_header; }
    QTableWidget *claimsTable() const { return m_claims; }
    QLabel *expiryLabel() const { return m_expiry; }
    QComboBox *keySourceBox() const { return m_source; }
    QLineEdit *keyEdit() const { return m_key; }
    QLineEdit *audienceEdit() const { return m_audience; }
    QPushButton *verifyButton() const { return m_verify; }
    QPushButton *useAsBearerButton() const { return m_useBearer; }
    QLabel *verdictLabel() const { return m_verdict; }
    bool isVerifying() const { return !m_lookup.isNull(); }

public slots:
    void verify();

signals:
    void verified(bool valid);
    // "Use as Bearer token": the request builder takes it (the main window connects them).
    void useAsBearer(const QString &token);

private:
    void decode();
    void updateExpiry();
    void updateKeyField();
    void showVerdict(const Core::Result<void> &outcome, const QString &detail);
    void finishWithKey(const QByteArray &token, const Core::Result<Core::Jwt::Jwk> &key);
    QDateTime now() const;

    std::function<QDateTime()> m_clock;
    std::optional<Core::Jwt::Jws> m_jws;
    std::optional<qint64> m_exp;
    Core::HttpClient *m_http = nullptr;
    Core::Jwt::JwksSource *m_jwks = nullptr;
    QPointer<Core::Jwt::KeyLookup> m_lookup;

    QLineEdit *m_token = nullptr;
    QCheckBox *m_showToken = nullptr;
    QLabel *m_decodeStatus = nullptr;
    QTableWidget *m_header = nullptr;
    QTableWidget *m_claims = nullptr;
    QLabel *m_expiry = nullptr;
    QComboBox *m_source = nullptr;
    QLineEdit *m_key = nullptr;
    QPushButton *m_browse = nullptr;
    QLineEdit *m_issuer = nullptr;
    QLineEdit *m_audience = nullptr;
    QPushButton *m_verify = nullptr;
    QPushButton *m_useBearer = nullptr;
    QLabel *m_verdict = nullptr;
    QTimer *m_tick = nullptr;
};

} // namespace Gatehouse::Ui
