#include "commands.h"

#include "core/environmentstore.h"
#include "core/jsonpretty.h"
#include "core/secretstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <algorithm>
#include <memory>
#include <optional>

namespace Gatehouse::App {

Core::Error usageError(const QString &message)
{
    return Core::makeError(Core::ErrorCode::InvalidArgument, message);
}

namespace {

Core::Result<Core::Environment> loadSavedEnvironment(const QString &name)
{
    // The GUI's names (app/gui.cpp), so AppDataLocation is the folder its environments are in.
    QCoreApplication::setOrganizationName(QStringLiteral("Gatehouse"));
    QCoreApplication::setApplicationName(QStringLiteral("Gatehouse"));
    const Core::EnvironmentStore store;
    if (store.contains(name))
        return store.load(name);
    const QStringList names = store.names();
    const QString saved = names.isEmpty()
                              ? QStringLiteral("no environment is saved in %1 (the GUI's Environments dialog saves them).")
                                    .arg(QDir::toNativeSeparators(store.directory()))
                              : QStringLiteral("the saved environments are: %1.").arg(names.join(QStringLiteral(", ")));
    return usageError(QStringLiteral("--env '%1' is neither an environment file nor a saved environment; %2")
                          .arg(name, saved));
}

bool hasEmptySecret(const Core::Environment &environment)
{
    return std::any_of(environment.variables.cbegin(), environment.variables.cend(),
                       [](const Core::EnvironmentVariable &var) { return var.enabled && var.secret && var.value.isEmpty(); });
}

} // namespace

Core::Result<Core::Environment> resolveEnvironmentArgument(const QString &nameOrFile, const QString &command)
{
    if (nameOrFile.isEmpty())
        return Core::Environment();
    // A file wins over a saved environment of the same name, as --env FILE always meant a file.
    const bool isFile = QFileInfo(nameOrFile).isFile();
    const Core::Result<Core::Environment> loaded =
        isFile ? Core::loadEnvironmentFile(nameOrFile) : loadSavedEnvironment(nameOrFile);
    if (!loaded)
        return loaded.error();
    const QString storeName = isFile ? QString() : loaded->name;
    std::unique_ptr<Core::SecretStore> secrets;
    if (!storeName.isEmpty() && hasEmptySecret(*loaded))
        secrets = std::make_unique<Core::SecretStore>(Core::SecretStore::Mode::PreferSystem);
    std::optional<Core::FilledEnvironment> filled;
    QEventLoop loop;
    Core::fillSecrets(*loaded, storeName, secrets.get(), QProcessEnvironment::systemEnvironment(), &loop,
                      [&filled, &loop](const Core::FilledEnvironment &result) {
                          filled = result;
                          loop.quit();
                      });
    loop.exec();
    QTextStream err(stderr);
    const bool memoryOnly = secrets && secrets->backend() == Core::SecretStore::Backend::Memory;
    for (const QString &key : std::as_const(filled->missingSecrets)) {
        err << command << ": note: the secret variable '" << key << "' of environment '" << loaded->name
            << "' has no value";
        if (memoryOnly)
            err << " (" << secrets->fallbackReason().chopped(1) << ")";
        err << "; set " << Core::secretOverrideName(key) << " or keep it in the GUI's Environments dialog.\n";
    }
    return filled->environment;
}

namespace {

// A -d argument: the text itself, or the contents of FILE for "@FILE".
Core::Result<QString> readBodyArgument(const QString &value)
{
    if (!value.startsWith(QLatin1Char('@')))
        return value;
    QFile file(value.mid(1));
    if (!file.open(QIODevice::ReadOnly))
        return Core::makeError(Core::ErrorCode::Io, QStringLiteral("cannot read the body file '%1': %2.")
                                                        .arg(value.mid(1), file.errorString()));
    return QString::fromUtf8(file.readAll());
}

} // namespace

Core::Result<bool> applyContentOption(Core::RequestSpec &spec, const QString &option,
                                      const QString &value)
{
    if (option == QLatin1String("-H") || option == QLatin1String("--header")) {
        const qsizetype colon = value.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            return usageError(QStringLiteral("header '%1' is not 'Name: value'.").arg(value));
        spec.headers.append({true, value.left(colon).trimmed(), value.mid(colon + 1).trimmed()});
        return true;
    }
    if (option == QLatin1String("-d") || option == QLatin1String("--data")) {
        if (spec.bodyKind == Core::BodyKind::Multipart)
            return usageError(QStringLiteral("-F and -d do not go together: a body is either a form or data."));
        const Core::Result<QString> body = readBodyArgument(value);
        if (!body)
            return body.error();
        spec.body = *body;
        spec.bodyKind = Core::validateJson(body->toUtf8()) ? Core::BodyKind::Json : Core::BodyKind::Text;
        return true;
    }
    return false;
}

} // namespace Gatehouse::App
