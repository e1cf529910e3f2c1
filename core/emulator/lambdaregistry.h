#pragma once

#include "core/result.h"
#include "functionconfig.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace Gatehouse::Emulator {

// One version of a function as Lambda describes it: $LATEST (the lab's code, which may change)
// or a published, immutable snapshot.
struct LambdaVersion
{
    QString version;      // "$LATEST", "1", "2", ...
    FunctionConfig config; // codeDir of a published version is its snapshot folder
    QString codeSha256;   // base64 of SHA-256, see LambdaRegistry::hashCodeFolder
    qint64 codeSize = 0;
    QString revisionId;
    QString lastModified; // "2024-01-01T12:00:00.000+0000"
    QString description;
};

// An alias: a name that points at one version, optionally sending a share of the traffic
// to one additional version.
struct LambdaAlias
{
    QString name;
    QString functionVersion;
    QString description;
    QString additionalVersion; // empty: no routing configuration
    double additionalWeight = 0;
    QString revisionId;
};

// Keeps the published versions and aliases of the emulator's functions, with Lambda's rules
// and error answers, so the control plane and Invoke agree on what a qualifier names.
class LambdaRegistry
{
public:
    LambdaRegistry();
    ~LambdaRegistry();

    void setArnPrefix(const QString &region, const QString &accountId);
    // The lab's functions become $LATEST; versions and aliases are forgotten.
    void setFunctions(const QList<FunctionConfig> &functions);

    // CreateFunction: $LATEST runs the zip unpacked into the registry's own folder; its
    // CodeSha256 is base64(SHA-256 of the zip) and CodeSize the zip's size, as on Lambda.
    Core::Result<LambdaVersion> createFunction(FunctionConfig config, const QByteArray &zip);
    // UpdateFunctionCode: $LATEST gets the zip's code (in a new folder). Published versions
    // keep theirs. Empty expectedRevisionId is not checked.
    Core::Result<LambdaVersion> updateCode(const QString &name, const QByteArray &zip,
                                           const QString &expectedRevisionId);
    // UpdateFunctionConfiguration: $LATEST's settings (code folder and name stay).
    Core::Result<LambdaVersion> updateConfiguration(const QString &name, FunctionConfig config,
                                                    const QString &expectedRevisionId);

    // Forgets a function with its versions and aliases (DeleteFunction without a qualifier).
    void removeFunction(const QString &name);
    QStringList functionNames() const; // sorted
    bool hasFunction(const QString &name) const { return m_functions.contains(name); }
    QString functionArn(const QString &name, const QString &qualifier = {}) const;

    // $LATEST as it is on disk now (its CodeSha256 and RevisionId follow the folder).
    Core::Result<LambdaVersion> latest(const QString &name);
    // $LATEST, a published version or the version an alias points at.
    Core::Result<LambdaVersion> version(const QString &name, const QString &qualifier);
    // $LATEST first, then published versions in order.
    Core::Result<QList<LambdaVersion>> versions(const QString &name);

    struct Published
    {
        LambdaVersion version;
        bool created = false; // false: nothing changed since the last version, which it is
    };
    // Empty expected values are not checked.
    Core::Result<Published> publish(const QString &name, const QString &description,
                                    const QString &expectedCodeSha256,
                                    const QString &expectedRevisionId);
    // Publishes a version with $LATEST's configuration and the code in `codeDir` (a lab's
    // version published from another folder); unchanged code and configuration give the last
    // version back, as publish does.
    Core::Result<Published> publishFrom(const QString &name, const QString &description,
                                        const QString &codeDir);
    // Deletes a published version; refused while an alias points at it.
    Core::Result<void> deleteVersion(const QString &name, const QString &version);

    Core::Result<QList<LambdaAlias>> aliases(const QString &name) const;
    Core::Result<LambdaAlias> alias(const QString &name, const QString &aliasName) const;
    // Creates (create) or replaces an alias after Lambda's checks; expectedRevisionId is
    // checked on update when not empty.
    Core::Result<LambdaAlias> putAlias(const QString &name, const LambdaAlias &alias, bool create,
                                       const QString &expectedRevisionId);
    Core::Result<void> deleteAlias(const QString &name, const QString &aliasName);

    // The version a qualifier runs: "" or $LATEST, a version, or an alias, whose weighted
    // routing picks the additional version when draw (uniform in [0,1)) < its weight.
    Core::Result<QString> resolve(const QString &name, const QString &qualifier, double draw) const;

    // base64(SHA-256) over the folder's regular files in byte order of their relative
    // paths: for each, the path, NUL, the size in decimal, NUL, the content. __pycache__
    // folders and *.pyc files are left out (the runtime writes them). Also the total size.
    static QPair<QString, qint64> hashCodeFolder(const QString &dir);
    static QString timestamp();

private:
    struct Function
    {
        FunctionConfig config;
        QString latestSha;
        qint64 latestSize = 0;
        QString latestRevision;
        QString latestModified;
        QMap<int, LambdaVersion> versions;
        int nextVersion = 1;
        QMap<QString, LambdaAlias> aliases;
        bool fromZip = false; // code from CreateFunction/UpdateFunctionCode: hashed once, as a zip
        int codeFolders = 0;  // folders unpacked so far, for the next one's name
    };

    Core::Result<QString> unpack(const QString &name, Function *function, const QByteArray &zip);
    Core::Result<void> checkRevision(const Function &function, const QString &expected) const;

    Core::Result<Function *> find(const QString &name);
    Core::Result<const Function *> find(const QString &name) const;
    void refreshLatest(Function &function);
    Core::Result<void> checkRouting(const Function &function, const QString &name,
                                    const LambdaAlias &alias) const;
    Core::Result<Published> publishSnapshot(Function &function, LambdaVersion head,
                                            const QString &description, const QString &from);
    Core::Result<QString> copyCode(const QString &name, int version, const QString &from);

    QHash<QString, Function> m_functions;
    QString m_region = QStringLiteral("us-east-1");
    QString m_accountId = QStringLiteral("123456789012");
    std::unique_ptr<QTemporaryDir> m_snapshots;
};

// Lambda's errors as values: status, x-amzn-ErrorType and message.
Core::Error lambdaError(int status, const QString &type, const QString &message);

} // namespace Gatehouse::Emulator
