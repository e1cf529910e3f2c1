#include "environmentstore.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUrl>

#include <algorithm>

#include <nlohmann/json.hpp>

namespace Gatehouse::Core {

namespace {

using Json = nlohmann::ordered_json;

const QLatin1String Suffix(".json");

QString encode(const QString &text)
{
    // '.' is encoded too, so "." and ".." cannot name a file outside the folder.
    return QString::fromLatin1(QUrl::toPercentEncoding(text, QByteArray(), "."));
}

std::string utf8(const QString &text)
{
    return text.toStdString();
}

} // namespace

EnvironmentStore::EnvironmentStore(const QString &directory)
    : m_directory(directory.isEmpty() ? defaultDirectory() : directory)
{
}

QString EnvironmentStore::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/environments");
}

QString EnvironmentStore::fileFor(const QString &name) const
{
    return m_directory + QLatin1Char('/') + encode(name) + Suffix;
}

QStringList EnvironmentStore::names() const
{
    QStringList names;
    const QStringList files = QDir(m_directory).entryList({QStringLiteral("*.json")}, QDir::Files);
    for (const QString &file : files)
        names.append(QUrl::fromPercentEncoding(file.chopped(Suffix.size()).toLatin1()));
    std::sort(names.begin(), names.end(),
              [](const QString &a, const QString &b) { return QString::localeAwareCompare(a, b) < 0; });
    return names;
}

bool EnvironmentStore::contains(const QString &name) const
{
    return !name.trimmed().isEmpty() && QFile::exists(fileFor(name.trimmed()));
}

Result<QString> EnvironmentStore::checkName(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("Give the environment a name."));
    if (trimmed.size() > MaximumNameLength)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("An environment name has at most %1 characters; this one has %2.")
                             .arg(MaximumNameLength)
                             .arg(trimmed.size()));
    return trimmed;
}

QByteArray EnvironmentStore::toJson(const Environment &environment)
{
    Json values = Json::array();
    for (const EnvironmentVariable &var : environment.variables) {
        Json item = Json::object();
        item["key"] = utf8(var.key);
        item["value"] = var.secret ? std::string() : utf8(var.value);
        item["type"] = var.secret ? "secret" : "default";
        item["enabled"] = var.enabled;
        values.push_back(std::move(item));
    }
    Json root = Json::object();
    root["name"] = utf8(environment.name);
    root["values"] = std::move(values);
    root["_postman_variable_scope"] = "environment";
    return QByteArray::fromStdString(root.dump(2)) + '\n';
}

Result<Environment> EnvironmentStore::load(const QString &name) const
{
    const QString path = fileFor(name.trimmed());
    if (!QFile::exists(path))
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("There is no saved environment '%1' (looked in %2).")
                             .arg(name, QDir::toNativeSeparators(m_directory)));
    Result<Environment> loaded = loadEnvironmentFile(path);
    if (!loaded)
        return loaded.error();
    Environment environment = std::move(loaded).value();
    // The file name is the environment's identity; a "name" edited by hand must not make two.
    environment.name = name.trimmed();
    // A secret value typed into the file by hand is kept, so that nothing is lost: the next save
    // moves it to the secret store and out of the file.
    return environment;
}

Result<void> EnvironmentStore::save(const Environment &environment)
{
    const Result<QString> name = checkName(environment.name);
    if (!name)
        return name.error();
    if (!QDir().mkpath(m_directory))
        return makeError(ErrorCode::Io, QStringLiteral("Could not create the folder %1 for environments.")
                                            .arg(QDir::toNativeSeparators(m_directory)));
    Environment named = environment;
    named.name = *name;
    const QByteArray bytes = toJson(named);
    QSaveFile file(fileFor(*name));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return makeError(ErrorCode::Io, QStringLiteral("Could not save the environment '%1' to %2: %3")
                                            .arg(*name, QDir::toNativeSeparators(file.fileName()), file.errorString()));
    return {};
}

Result<void> EnvironmentStore::remove(const QString &name)
{
    QFile file(fileFor(name.trimmed()));
    if (!file.exists())
        return makeError(ErrorCode::NotFound, QStringLiteral("There is no saved environment '%1'.").arg(name));
    if (!file.remove())
        return makeError(ErrorCode::Io,
                         QStringLiteral("Could not delete the environment '%1': %2").arg(name, file.errorString()));
    return {};
}

} // namespace Gatehouse::Core
