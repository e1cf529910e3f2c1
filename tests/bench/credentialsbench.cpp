// Credential resolution from the shared files: a fresh default chain per resolution (so both
// files are read and parsed every time), for a static-keys profile and for a two-hop
// role_arn/source_profile chain whose fake STS answers at once.
#include "benches.h"
#include "core/aws/credentialchain.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <optional>

using namespace Gatehouse::Core;

namespace {

// Hands out temporary credentials on the next turn of the event loop, like a fast STS.
class InstantRoleAssumer : public Aws::RoleAssumer
{
public:
    void assumeRole(const Aws::Credentials &, const Aws::AssumeRoleParams &params, QObject *context,
                    Aws::CredentialsCallback done) override
    {
        Aws::Credentials credentials;
        credentials.accessKeyId = QStringLiteral("ASIABENCH");
        credentials.secretAccessKey = QStringLiteral("secret");
        credentials.sessionToken = params.roleArn;
        credentials.expiration = QDateTime::currentDateTimeUtc().addSecs(3600);
        QMetaObject::invokeMethod(context, [done, credentials] { done(credentials); }, Qt::QueuedConnection);
    }
};

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

// Milliseconds per resolution over `count` fresh chains; -1 if any resolution failed.
double msPerResolution(const Aws::CredentialChainOptions &options, int count)
{
    QObject context;
    int done = 0;
    bool failed = false;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < count; ++i) {
        auto chain = Aws::makeDefaultCredentialsChain(options);
        std::optional<bool> ok;
        chain->resolve(&context, [&ok](const Result<Aws::Credentials> &result) { ok = result.ok(); });
        while (!ok) // the bench runs before the application's event loop starts
            QCoreApplication::processEvents();
        failed = failed || !*ok;
        ++done;
    }
    const double ms = double(timer.nsecsElapsed()) / 1e6 / done;
    return failed ? -1 : ms;
}

} // namespace

void benchCredentials()
{
    QTemporaryDir home;
    if (!home.isValid() || !QDir(home.path()).mkpath(QStringLiteral(".aws")))
        return;
    QByteArray config;
    QByteArray credentials;
    for (int i = 0; i < 20; ++i) { // a realistic pair of files: a few dozen profiles
        config += "[profile team" + QByteArray::number(i) + "]\nregion = eu-west-1\noutput = json\n"
                  "role_arn = arn:aws:iam::123456789012:role/team" + QByteArray::number(i) + "\nsource_profile = base\n";
        credentials += "[user" + QByteArray::number(i) + "]\naws_access_key_id = AKIDUSER" + QByteArray::number(i)
                       + "\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n";
    }
    config += "[profile top]\nrole_arn = arn:aws:iam::123456789012:role/top\nsource_profile = middle\nregion = eu-west-1\n"
              "[profile middle]\nrole_arn = arn:aws:iam::123456789012:role/middle\nsource_profile = base\n";
    credentials += "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n";
    if (!writeFile(home.filePath(QStringLiteral(".aws/config")), config)
        || !writeFile(home.filePath(QStringLiteral(".aws/credentials")), credentials))
        return;

    InstantRoleAssumer assumer;
    Aws::CredentialChainOptions options;
    options.environment = QProcessEnvironment();
    options.environment.insert(QStringLiteral("HOME"), home.path());
    options.roleAssumer = &assumer;
    const int count = 2000;

    options.profile = QStringLiteral("base");
    const double staticMs = msPerResolution(options, count);
    figure(QStringLiteral("credentials.static_profile"), staticMs, QStringLiteral("ms"), QStringLiteral("< 5"),
           staticMs >= 0 && staticMs < 5);
    options.profile = QStringLiteral("top");
    const double chainMs = msPerResolution(options, count);
    figure(QStringLiteral("credentials.two_hop_role_chain"), chainMs, QStringLiteral("ms"), QStringLiteral("< 5"),
           chainMs >= 0 && chainMs < 5);
}
