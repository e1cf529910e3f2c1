#include "awskeysform.h"

#include "core/awsprofiles.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>

namespace Gatehouse::Ui {

AwsKeysForm::AwsKeysForm(QWidget *parent)
    : QWidget(parent)
    , m_credentialSource(new QComboBox(this))
    , m_profile(new QComboBox(this))
    , m_accessKey(new QLineEdit(this))
    , m_secretKey(new QLineEdit(this))
    , m_sessionToken(new QLineEdit(this))
{
    m_credentialSource->setObjectName(QStringLiteral("sigV4CredentialSource"));
    m_credentialSource->addItem(tr("AWS profile"), int(Core::AwsCredentialSource::Profile));
    m_credentialSource->addItem(tr("Temporary credentials"), int(Core::AwsCredentialSource::TemporaryCredentials));
    m_profile->setObjectName(QStringLiteral("sigV4Profile"));
    m_profile->setEditable(true);
    m_profile->setInsertPolicy(QComboBox::NoInsert);
    m_profile->lineEdit()->setPlaceholderText(tr("default chain: AWS_* variables, AWS_PROFILE or default"));
    m_profile->setMinimumContentsLength(16);
    m_accessKey->setPlaceholderText(tr("Access key ID"));
    m_secretKey->setPlaceholderText(tr("Secret access key"));
    m_sessionToken->setPlaceholderText(tr("Session token (optional)"));
    for (QLineEdit *secret : {m_secretKey, m_sessionToken})
        secret->setEchoMode(QLineEdit::Password);

    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_credentialSource);
    row->addWidget(m_profile, 1);
    row->addWidget(m_accessKey, 1);
    row->addWidget(m_secretKey, 1);
    row->addWidget(m_sessionToken, 1);
    reloadProfiles();
    connect(m_credentialSource, &QComboBox::currentIndexChanged, this, &AwsKeysForm::updateFields);
    updateFields();
}

void AwsKeysForm::updateFields()
{
    const bool typed = m_credentialSource->currentData().toInt() == int(Core::AwsCredentialSource::TemporaryCredentials);
    m_profile->setVisible(!typed);
    for (QLineEdit *edit : {m_accessKey, m_secretKey, m_sessionToken})
        edit->setVisible(typed);
}

void AwsKeysForm::reloadProfiles()
{
    const QString current = m_profile->currentText();
    m_profile->clear();
    QList<Core::Error> problems;
    for (const Core::AwsProfileInfo &profile : Core::listAwsProfiles(&problems))
        m_profile->addItem(profile.name);
    m_profile->setCurrentText(current);
    QStringList words;
    for (const Core::Error &problem : std::as_const(problems))
        words.append(problem.message);
    m_profile->setToolTip(words.join(QLatin1Char('\n')));
}

bool AwsKeysForm::typedKeysMissing() const
{
    const auto auth = requestAuth(QString(), QString());
    return auth.source != Core::AwsCredentialSource::Profile && (auth.accessKeyId.isEmpty() || auth.secretAccessKey.isEmpty());
}

Core::RequestAuth AwsKeysForm::requestAuth(const QString &service, const QString &region) const
{
    Core::RequestAuth auth;
    auth.kind = Core::AuthKind::AwsSigV4;
    auth.service = service;
    auth.region = region;
    auth.source = Core::AwsCredentialSource(m_credentialSource->currentData().toInt());
    switch (auth.source) {
    case Core::AwsCredentialSource::Profile:
        auth.profile = m_profile->currentText().trimmed();
        break;
    case Core::AwsCredentialSource::TemporaryCredentials:
    case Core::AwsCredentialSource::AccessKeys:
        auth.accessKeyId = m_accessKey->text().trimmed();
        auth.secretAccessKey = m_secretKey->text().trimmed();
        auth.sessionToken = m_sessionToken->text().trimmed();
        // Keys without a session token are long-term keys; the signer treats both alike.
        if (auth.sessionToken.isEmpty())
            auth.source = Core::AwsCredentialSource::AccessKeys;
        break;
    case Core::AwsCredentialSource::Target:
        break;
    }
    return auth;
}

} // namespace Gatehouse::Ui
