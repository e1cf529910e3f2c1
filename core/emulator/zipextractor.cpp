#include "zipextractor.h"

#include "lambdaregistry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>
#include <zip.h>

#include <memory>

namespace Gatehouse::Emulator {

namespace {

Core::Error invalid(const QString &message)
{
    return lambdaError(400, QStringLiteral("InvalidParameterValueException"), message);
}

Core::Error unreadable()
{
    return invalid(QStringLiteral("Could not unzip uploaded file. Please check your file, then "
                                  "try to upload again."));
}

struct ZipCloser
{
    void operator()(zip_t *archive) const { zip_discard(archive); }
};
struct ZipFileCloser
{
    void operator()(zip_file_t *file) const { zip_fclose(file); }
};

// A relative path that stays inside the folder, or empty.
QString safeRelativePath(const QString &name)
{
    if (name.isEmpty() || name.startsWith(QLatin1Char('/')) || name.contains(QLatin1Char('\\')) ||
        name.contains(QChar(0)))
        return {};
    const QStringList parts = name.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        if (part == QLatin1String("..") || part == QLatin1String("."))
            return {};
    }
    return parts.join(QLatin1Char('/'));
}

QFile::Permissions permissionsOf(mode_t mode)
{
    QFile::Permissions p = QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther;
    if (mode & S_IXUSR)
        p |= QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther;
    return p;
}

} // namespace

Core::Result<qint64> ZipExtractor::extract(const QByteArray &zip, const QString &targetDir,
                                           qint64 maxUnzippedBytes)
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *source = zip_source_buffer_create(zip.constData(), zip_uint64_t(zip.size()), 0, &error);
    if (!source) {
        zip_error_fini(&error);
        return unreadable();
    }
    std::unique_ptr<zip_t, ZipCloser> archive(zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error));
    zip_error_fini(&error);
    if (!archive) {
        zip_source_free(source);
        return unreadable();
    }
    const QDir root(targetDir);
    if (!QDir().mkpath(targetDir))
        return Core::makeError(Core::ErrorCode::Io,
                               QStringLiteral("Cannot create the code folder %1").arg(targetDir));
    qint64 total = 0;
    const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
    QByteArray buffer(1 << 16, Qt::Uninitialized);
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t stat;
        if (zip_stat_index(archive.get(), zip_uint64_t(i), 0, &stat) != 0 || !(stat.valid & ZIP_STAT_NAME))
            return unreadable();
        const QString name = QString::fromUtf8(stat.name);
        const QString relative = safeRelativePath(name);
        if (relative.isEmpty())
            return invalid(QStringLiteral("The deployment package has an entry named '%1', which "
                                          "would land outside the function's folder. Zip the "
                                          "code with relative paths, without '..' or a leading "
                                          "'/'.")
                               .arg(name));
        zip_uint8_t opsys = 0;
        zip_uint32_t attributes = 0;
        zip_file_get_external_attributes(archive.get(), zip_uint64_t(i), 0, &opsys, &attributes);
        const mode_t mode = opsys == ZIP_OPSYS_UNIX ? mode_t(attributes >> 16) : 0;
        if (S_ISLNK(mode))
            return invalid(QStringLiteral("The deployment package has a symbolic link, '%1'; the "
                                          "emulator unpacks regular files and folders only. Zip "
                                          "the file the link points to instead (zip without -y).")
                               .arg(name));
        const QString target = root.filePath(relative);
        if (name.endsWith(QLatin1Char('/'))) {
            if (!QDir().mkpath(target))
                return Core::makeError(Core::ErrorCode::Io,
                                       QStringLiteral("Cannot create %1").arg(target));
            continue;
        }
        if (!QDir().mkpath(QFileInfo(target).path()))
            return Core::makeError(Core::ErrorCode::Io,
                                   QStringLiteral("Cannot create %1").arg(QFileInfo(target).path()));
        std::unique_ptr<zip_file_t, ZipFileCloser> in(zip_fopen_index(archive.get(), zip_uint64_t(i), 0));
        if (!in)
            return unreadable();
        QFile out(target);
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return Core::makeError(Core::ErrorCode::Io, QStringLiteral("Cannot write %1").arg(target));
        for (;;) {
            const zip_int64_t n = zip_fread(in.get(), buffer.data(), zip_uint64_t(buffer.size()));
            if (n < 0)
                return unreadable();
            if (n == 0)
                break;
            total += n;
            if (total > maxUnzippedBytes)
                return invalid(QStringLiteral("Unzipped size must be smaller than %1 bytes")
                                   .arg(maxUnzippedBytes));
            if (out.write(buffer.constData(), n) != n)
                return Core::makeError(Core::ErrorCode::Io,
                                       QStringLiteral("Cannot write %1").arg(target));
        }
        out.close();
        QFile::setPermissions(target, permissionsOf(mode));
    }
    return total;
}

} // namespace Gatehouse::Emulator
