#include "testeventstore.h"

#include "jsonpretty.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUrl>

#include <algorithm>

namespace Gatehouse::Core {

namespace {

const QLatin1String Suffix(".json");

QString encode(const QString &text)
{
    // '.' is encoded too, so "." and ".." cannot name a folder.
    return QString::fromLatin1(QUrl::toPercentEncoding(text, QByteArray(), "."));
}

} // namespace

TestEventStore::TestEventStore(const QString &directory)
    : m_directory(directory.isEmpty()
                      ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/test-events")
                      : directory)
{
}

QString TestEventStore::folder(const QString &function) const
{
    return m_directory + QLatin1Char('/') + encode(function);
}

QString TestEventStore::fileFor(const QString &function, const QString &name) const
{
    return folder(function) + QLatin1Char('/') + encode(name) + Suffix;
}

QStringList TestEventStore::names(const QString &function) const
{
    QStringList names;
    const QStringList files = QDir(folder(function)).entryList({QStringLiteral("*.json")}, QDir::Files);
    for (const QString &file : files)
        names.append(QUrl::fromPercentEncoding(file.chopped(Suffix.size()).toLatin1()));
    std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
        return QString::localeAwareCompare(a, b) < 0;
    });
    return names;
}

Result<QByteArray> TestEventStore::load(const QString &function, const QString &name) const
{
    QFile file(fileFor(function, name));
    if (!file.exists())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("There is no saved event '%1' for %2.").arg(name, function));
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, QStringLiteral("Could not read the saved event '%1' (%2): %3")
                                            .arg(name, file.fileName(), file.errorString()));
    return file.readAll();
}

Result<void> TestEventStore::save(const QString &function, const QString &name, const QByteArray &payload)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("Give the event a name before saving it."));
    if (trimmed.size() > MaximumNameLength)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("An event name has at most %1 characters; this one has %2.")
                             .arg(MaximumNameLength)
                             .arg(trimmed.size()));
    if (function.isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("Choose a function before saving an event."));
    const Result<void> json = validateJson(payload);
    if (!json)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Only JSON can be saved as a test event, because Lambda's Invoke takes "
                                        "JSON. %1")
                             .arg(json.error().message));
    if (!QDir().mkpath(folder(function)))
        return makeError(ErrorCode::Io, QStringLiteral("Could not create the folder %1 for saved events.")
                                            .arg(QDir::toNativeSeparators(folder(function))));
    QSaveFile file(fileFor(function, trimmed));
    if (!file.open(QIODevice::WriteOnly) || file.write(payload) != payload.size() || !file.commit())
        return makeError(ErrorCode::Io, QStringLiteral("Could not save the event '%1' to %2: %3")
                                            .arg(trimmed, QDir::toNativeSeparators(file.fileName()),
                                                 file.errorString()));
    return {};
}

Result<void> TestEventStore::remove(const QString &function, const QString &name)
{
    QFile file(fileFor(function, name));
    if (!file.exists())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("There is no saved event '%1' for %2.").arg(name, function));
    if (!file.remove())
        return makeError(ErrorCode::Io, QStringLiteral("Could not delete the saved event '%1': %2")
                                            .arg(name, file.errorString()));
    return {};
}

} // namespace Gatehouse::Core
