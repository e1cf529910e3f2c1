#include "lambdaregistry.h"

#include "zipextractor.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QUuid>
#include <algorithm>

namespace Gatehouse::Emulator {

namespace {

QString newRevisionId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool sameConfiguration(const FunctionConfig &a, const FunctionConfig &b)
{
    return a.runtime == b.runtime && a.handler == b.handler &&
           a.timeoutSeconds == b.timeoutSeconds && a.memoryMb == b.memoryMb &&
           a.architecture == b.architecture && a.description == b.description &&
           a.environment == b.environment;
}

bool skippedByHash(const QString &relativePath)
{
    return relativePath.startsWith(QLatin1String("__pycache__/")) ||
           relativePath.contains(QLatin1String("/__pycache__/")) ||
           relativePath.endsWith(QLatin1String(".pyc"));
}

QStringList codeFiles(const QString &dir)
{
    QStringList files;
    const QDir root(dir);
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString relative = root.relativeFilePath(it.next());
        if (!skippedByHash(relative))
            files.append(relative);
    }
    std::sort(files.begin(), files.end(),
              [](const QString &a, const QString &b) { return a.toUtf8() < b.toUtf8(); });
    return files;
}

} // namespace

Core::Error lambdaError(int status, const QString &type, const QString &message)
{
    Core::Error error = Core::makeError(
        status == 404 ? Core::ErrorCode::NotFound : Core::ErrorCode::InvalidArgument, message);
    error.httpStatus = status;
    error.awsCode = type;
    return error;
}

LambdaRegistry::LambdaRegistry()
    : m_snapshots(std::make_unique<QTemporaryDir>())
{}

LambdaRegistry::~LambdaRegistry() = default;

void LambdaRegistry::setArnPrefix(const QString &region, const QString &accountId)
{
    m_region = region;
    m_accountId = accountId;
}

void LambdaRegistry::setFunctions(const QList<FunctionConfig> &functions)
{
    m_functions.clear();
    for (const FunctionConfig &config : functions) {
        Function function;
        function.config = config;
        function.latestModified = timestamp();
        refreshLatest(function);
        m_functions.insert(config.name, function);
    }
}

void LambdaRegistry::removeFunction(const QString &name)
{
    if (m_functions.remove(name) && m_snapshots->isValid())
        QDir(m_snapshots->filePath(name)).removeRecursively();
}

QStringList LambdaRegistry::functionNames() const
{
    QStringList names = m_functions.keys();
    std::sort(names.begin(), names.end());
    return names;
}

QString LambdaRegistry::functionArn(const QString &name, const QString &qualifier) const
{
    QString arn = QStringLiteral("arn:aws:lambda:%1:%2:function:%3").arg(m_region, m_accountId, name);
    if (!qualifier.isEmpty())
        arn += QLatin1Char(':') + qualifier;
    return arn;
}

QString LambdaRegistry::timestamp()
{
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) +
           QStringLiteral("+0000");
}

QPair<QString, qint64> LambdaRegistry::hashCodeFolder(const QString &dir)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    qint64 total = 0;
    for (const QString &relative : codeFiles(dir)) {
        QFile file(QDir(dir).filePath(relative));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray content = file.readAll();
        hash.addData(relative.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
        hash.addData(QByteArray::number(content.size()));
        hash.addData(QByteArrayView("\0", 1));
        hash.addData(content);
        total += content.size();
    }
    return {QString::fromLatin1(hash.result().toBase64()), total};
}

void LambdaRegistry::refreshLatest(Function &function)
{
    if (function.fromZip)
        return;
    const auto [sha, size] = hashCodeFolder(function.config.codeDir);
    if (sha == function.latestSha && !function.latestRevision.isEmpty())
        return;
    if (!function.latestSha.isEmpty())
        function.latestModified = timestamp();
    function.latestSha = sha;
    function.latestSize = size;
    function.latestRevision = newRevisionId();
}

Core::Result<LambdaRegistry::Function *> LambdaRegistry::find(const QString &name)
{
    const auto it = m_functions.find(name);
    if (it == m_functions.end())
        return lambdaError(404, QStringLiteral("ResourceNotFoundException"),
                           QStringLiteral("Function not found: ") + functionArn(name));
    return &it.value();
}

Core::Result<const LambdaRegistry::Function *> LambdaRegistry::find(const QString &name) const
{
    const auto it = m_functions.constFind(name);
    if (it == m_functions.constEnd())
        return lambdaError(404, QStringLiteral("ResourceNotFoundException"),
                           QStringLiteral("Function not found: ") + functionArn(name));
    return &it.value();
}

Core::Result<LambdaVersion> LambdaRegistry::latest(const QString &name)
{
    const Core::Result<Function *> found = find(name);
    if (!found)
        return found.error();
    Function &function = **found;
    refreshLatest(function);
    LambdaVersion v;
    v.version = QStringLiteral("$LATEST");
    v.config = function.config;
    v.codeSha256 = function.latestSha;
    v.codeSize = function.latestSize;
    v.revisionId = function.latestRevision;
    v.lastModified = function.latestModified;
    v.description = function.config.description;
    return v;
}

Core::Result<LambdaVersion> LambdaRegistry::version(const QString &name, const QString &qualifier)
{
    if (qualifier.isEmpty() || qualifier == QLatin1String("$LATEST"))
        return latest(name);
    const Core::Result<Function *> found = find(name);
    if (!found)
        return found.error();
    const Function &function = **found;
    QString number = qualifier;
    if (const auto a = function.aliases.constFind(qualifier); a != function.aliases.constEnd())
        number = a->functionVersion;
    if (number == QLatin1String("$LATEST"))
        return latest(name);
    bool numeric = false;
    const int n = number.toInt(&numeric);
    if (!numeric || !function.versions.contains(n))
        return lambdaError(404, QStringLiteral("ResourceNotFoundException"),
                           QStringLiteral("Function not found: ") + functionArn(name, qualifier));
    return function.versions.value(n);
}

Core::Result<QList<LambdaVersion>> LambdaRegistry::versions(const QString &name)
{
    const Core::Result<LambdaVersion> head = latest(name);
    if (!head)
        return head.error();
    QList<LambdaVersion> out{*head};
    for (const LambdaVersion &v : std::as_const(m_functions[name].versions))
        out.append(v);
    return out;
}

Core::Result<QString> LambdaRegistry::copyCode(const QString &name, int version, const QString &from)
{
    if (!m_snapshots->isValid())
        return Core::makeError(Core::ErrorCode::Io,
                               QStringLiteral("The emulator has no temporary folder for versions."));
    const QString to = m_snapshots->filePath(name + QLatin1Char('/') + QString::number(version));
    QDir(to).removeRecursively();
    for (const QString &relative : codeFiles(from)) {
        const QString target = QDir(to).filePath(relative);
        if (!QDir().mkpath(QFileInfo(target).absolutePath()) ||
            !QFile::copy(QDir(from).filePath(relative), target))
            return Core::makeError(Core::ErrorCode::Io,
                                   QStringLiteral("Could not copy %1 into the snapshot of version %2")
                                       .arg(relative)
                                       .arg(version));
        QFile::setPermissions(target, QFile(QDir(from).filePath(relative)).permissions());
    }
    return to;
}

Core::Result<LambdaRegistry::Published> LambdaRegistry::publish(const QString &name,
                                                                const QString &description,
                                                                const QString &expectedCodeSha256,
                                                                const QString &expectedRevisionId)
{
    const Core::Result<LambdaVersion> head = latest(name);
    if (!head)
        return head.error();
    Function &function = m_functions[name];
    if (!expectedCodeSha256.isEmpty() && expectedCodeSha256 != head->codeSha256)
        return lambdaError(400, QStringLiteral("InvalidParameterValueException"),
                           QStringLiteral("CodeSHA256 (%1) is different from current CodeSHA256 in "
                                          "$LATEST (%2). Please try again with the CodeSHA256 in "
                                          "$LATEST.")
                               .arg(expectedCodeSha256, head->codeSha256));
    if (!expectedRevisionId.isEmpty() && expectedRevisionId != head->revisionId)
        return lambdaError(412, QStringLiteral("PreconditionFailedException"),
                           QStringLiteral("The Revision Id provided does not match the latest "
                                          "Revision Id. Call the GetFunction/GetAlias API to "
                                          "retrieve the latest Revision Id"));
    return publishSnapshot(function, *head, description, function.config.codeDir);
}

Core::Result<LambdaRegistry::Published> LambdaRegistry::publishFrom(const QString &name,
                                                                    const QString &description,
                                                                    const QString &codeDir)
{
    Core::Result<LambdaVersion> head = latest(name);
    if (!head)
        return head.error();
    std::tie(head->codeSha256, head->codeSize) = hashCodeFolder(codeDir);
    return publishSnapshot(m_functions[name], *head, description, codeDir);
}

Core::Result<LambdaRegistry::Published> LambdaRegistry::publishSnapshot(Function &function,
                                                                        LambdaVersion head,
                                                                        const QString &description,
                                                                        const QString &from)
{
    if (!function.versions.isEmpty()) {
        const LambdaVersion &last = function.versions.last();
        if (last.codeSha256 == head.codeSha256 && sameConfiguration(last.config, head.config))
            return Published{last, false};
    }
    const int number = function.nextVersion;
    const Core::Result<QString> codeDir = copyCode(function.config.name, number, from);
    if (!codeDir)
        return codeDir.error();
    LambdaVersion v = head;
    v.version = QString::number(number);
    v.config.codeDir = *codeDir;
    v.description = description;
    v.revisionId = newRevisionId();
    v.lastModified = timestamp();
    function.versions.insert(number, v);
    function.nextVersion = number + 1;
    return Published{v, true};
}

Core::Result<void> LambdaRegistry::deleteVersion(const QString &name, const QString &version)
{
    const Core::Result<Function *> found = find(name);
    if (!found)
        return found.error();
    Function &function = **found;
    QStringList users;
    for (const LambdaAlias &a : std::as_const(function.aliases)) {
        if (a.functionVersion == version || a.additionalVersion == version)
            users.append(a.name);
    }
    if (!users.isEmpty())
        return lambdaError(409, QStringLiteral("ResourceConflictException"),
                           QStringLiteral("Unable to delete version because the following aliases "
                                          "reference it: [%1]")
                               .arg(users.join(QStringLiteral(", "))));
    function.versions.remove(version.toInt());
    QDir(m_snapshots->filePath(name + QLatin1Char('/') + version)).removeRecursively();
    return {};
}

Core::Result<QList<LambdaAlias>> LambdaRegistry::aliases(const QString &name) const
{
    const Core::Result<const Function *> found = find(name);
    if (!found)
        return found.error();
    return (*found)->aliases.values();
}

Core::Result<LambdaAlias> LambdaRegistry::alias(const QString &name, const QString &aliasName) const
{
    const Core::Result<const Function *> found = find(name);
    if (!found)
        return found.error();
    const auto it = (*found)->aliases.constFind(aliasName);
    if (it == (*found)->aliases.constEnd())
        return lambdaError(404, QStringLiteral("ResourceNotFoundException"),
                           QStringLiteral("Cannot find alias arn: ") + functionArn(name, aliasName));
    return *it;
}

Core::Result<void> LambdaRegistry::checkRouting(const Function &function, const QString &name,
                                                const LambdaAlias &alias) const
{
    const QString &extra = alias.additionalVersion;
    const double w = alias.additionalWeight;
    if (w < 0.0 || w >= 1.0)
        return lambdaError(400, QStringLiteral("ValidationException"),
                           QStringLiteral("1 validation error detected: Value '{%1=%2}' at "
                                          "'routingConfig.additionalVersionWeights' failed to "
                                          "satisfy constraint: Map value must satisfy constraint: "
                                          "[Member must have value less than or equal to 1.0, "
                                          "Member must have value greater than or equal to 0.0, "
                                          "Member must not be null]")
                               .arg(extra, QString::number(w)));
    if (extra == alias.functionVersion)
        return lambdaError(400, QStringLiteral("InvalidParameterValueException"),
                           QStringLiteral("Invalid function version %1. Function version %1 is "
                                          "already included in routing configuration.")
                               .arg(extra));
    if (alias.functionVersion == QLatin1String("$LATEST"))
        return lambdaError(400, QStringLiteral("InvalidParameterValueException"),
                           QStringLiteral("$LATEST is not supported for an alias pointing to more "
                                          "than 1 version"));
    bool numeric = false;
    const int n = extra.toInt(&numeric);
    if (!numeric || !function.versions.contains(n))
        return lambdaError(404, QStringLiteral("ResourceNotFoundException"),
                           QStringLiteral("Function not found: ") + functionArn(name, extra));
    return {};
}

Core::Result<LambdaAlias> LambdaRegistry::putAlias(const QString &name, const LambdaAlias &alias,
                                                   bool create, const QString &expectedRevisionId)
{
    const Core::Result<Function *> found = find(name);
    if (!found)
        return found.error();
    Function &function = **found;
    const auto existing = function.aliases.constFind(alias.name);
    if (create && existing != function.aliases.constEnd())
        return lambdaError(409, QStringLiteral("ResourceConflictException"),
                           QStringLiteral("Alias already exists: ") + functionArn(name, alias.name));
    if (!create && existing == function.aliases.constEnd())
        return lambdaError(404, QStringLiteral("ResourceNotFoundException"),
                           QStringLiteral("Cannot find alias arn: ") + functionArn(name, alias.name));
    if (!create && !expectedRevisionId.isEmpty() && expectedRevisionId != existing->revisionId)
        return lambdaError(412, QStringLiteral("PreconditionFailedException"),
                           QStringLiteral("The Revision Id provided does not match the latest "
                                          "Revision Id. Call the GetFunction/GetAlias API to "
                                          "retrieve the latest Revision Id"));
    bool numeric = false;
    const int n = alias.functionVersion.toInt(&numeric);
    if (alias.functionVersion != QLatin1String("$LATEST") &&
        (!numeric || !function.versions.contains(n)))
        return lambdaError(404, QStringLiteral("ResourceNotFoundException"),
                           QStringLiteral("Function not found: ") +
                               functionArn(name, alias.functionVersion));
    if (!alias.additionalVersion.isEmpty()) {
        if (Core::Result<void> ok = checkRouting(function, name, alias); !ok)
            return ok.error();
    }
    LambdaAlias stored = alias;
    stored.revisionId = newRevisionId();
    function.aliases.insert(stored.name, stored);
    return stored;
}

Core::Result<void> LambdaRegistry::deleteAlias(const QString &name, const QString &aliasName)
{
    const Core::Result<Function *> found = find(name);
    if (!found)
        return found.error();
    (*found)->aliases.remove(aliasName);
    return {};
}

Core::Result<QString> LambdaRegistry::resolve(const QString &name, const QString &qualifier,
                                              double draw) const
{
    const Core::Result<const Function *> found = find(name);
    if (!found)
        return found.error();
    const Function &function = **found;
    if (qualifier.isEmpty() || qualifier == QLatin1String("$LATEST"))
        return QStringLiteral("$LATEST");
    if (const auto a = function.aliases.constFind(qualifier); a != function.aliases.constEnd()) {
        if (!a->additionalVersion.isEmpty() && draw < a->additionalWeight)
            return a->additionalVersion;
        return a->functionVersion;
    }
    bool numeric = false;
    const int n = qualifier.toInt(&numeric);
    if (numeric && function.versions.contains(n))
        return qualifier;
    return lambdaError(404, QStringLiteral("ResourceNotFoundException"),
                       QStringLiteral("Function not found: ") + functionArn(name, qualifier));
}

Core::Result<QString> LambdaRegistry::unpack(const QString &name, Function *function,
                                             const QByteArray &zip)
{
    if (!m_snapshots->isValid())
        return Core::makeError(Core::ErrorCode::Io,
                               QStringLiteral("The emulator has no temporary folder for code."));
    const int number = function ? function->codeFolders + 1 : 1;
    const QString dir = m_snapshots->filePath(name + QStringLiteral("/latest-") + QString::number(number));
    QDir(dir).removeRecursively();
    const Core::Result<qint64> unpacked = ZipExtractor::extract(zip, dir);
    if (!unpacked) {
        QDir(dir).removeRecursively();
        return unpacked.error();
    }
    if (function)
        function->codeFolders = number;
    return dir;
}

Core::Result<void> LambdaRegistry::checkRevision(const Function &function,
                                                 const QString &expected) const
{
    if (!expected.isEmpty() && expected != function.latestRevision)
        return lambdaError(412, QStringLiteral("PreconditionFailedException"),
                           QStringLiteral("The Revision Id provided does not match the latest "
                                          "Revision Id. Call the GetFunction/GetAlias API to "
                                          "retrieve the latest Revision Id"));
    return {};
}

Core::Result<LambdaVersion> LambdaRegistry::createFunction(FunctionConfig config,
                                                           const QByteArray &zip)
{
    if (m_functions.contains(config.name))
        return lambdaError(409, QStringLiteral("ResourceConflictException"),
                           QStringLiteral("Function already exist: ") + config.name);
    const Core::Result<QString> dir = unpack(config.name, nullptr, zip);
    if (!dir)
        return dir.error();
    config.codeDir = *dir;
    Function function;
    function.config = config;
    function.fromZip = true;
    function.codeFolders = 1;
    function.latestSha = QString::fromLatin1(
        QCryptographicHash::hash(zip, QCryptographicHash::Sha256).toBase64());
    function.latestSize = zip.size();
    function.latestRevision = newRevisionId();
    function.latestModified = timestamp();
    m_functions.insert(config.name, function);
    return latest(config.name);
}

Core::Result<LambdaVersion> LambdaRegistry::updateCode(const QString &name, const QByteArray &zip,
                                                       const QString &expectedRevisionId)
{
    const Core::Result<Function *> found = find(name);
    if (!found)
        return found.error();
    Function &function = **found;
    refreshLatest(function);
    if (Core::Result<void> ok = checkRevision(function, expectedRevisionId); !ok)
        return ok.error();
    const Core::Result<QString> dir = unpack(name, &function, zip);
    if (!dir)
        return dir.error();
    function.config.codeDir = *dir;
    function.fromZip = true;
    function.latestSha = QString::fromLatin1(
        QCryptographicHash::hash(zip, QCryptographicHash::Sha256).toBase64());
    function.latestSize = zip.size();
    function.latestRevision = newRevisionId();
    function.latestModified = timestamp();
    // The old folder stays until the function is deleted: an invocation still running on the
    // old code may read its files.
    return latest(name);
}

Core::Result<LambdaVersion> LambdaRegistry::updateConfiguration(const QString &name,
                                                                FunctionConfig config,
                                                                const QString &expectedRevisionId)
{
    const Core::Result<Function *> found = find(name);
    if (!found)
        return found.error();
    Function &function = **found;
    refreshLatest(function);
    if (Core::Result<void> ok = checkRevision(function, expectedRevisionId); !ok)
        return ok.error();
    config.name = function.config.name;
    config.logicalId = function.config.logicalId;
    config.codeDir = function.config.codeDir;
    config.templateLine = function.config.templateLine;
    function.config = config;
    function.latestRevision = newRevisionId();
    function.latestModified = timestamp();
    return latest(name);
}

} // namespace Gatehouse::Emulator
