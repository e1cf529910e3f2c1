#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace Gatehouse::Emulator {

// Unpacks a Lambda deployment package (Code.ZipFile) into a folder the emulator owns, refusing
// what could escape or exhaust it: absolute paths, "..", symbolic links and more than Lambda's
// 250 MB unzipped. The archive is read with libzip; sizes are counted as bytes arrive, not
// taken from the archive's directory. Errors are InvalidParameterValueException values.
class ZipExtractor
{
public:
    static constexpr qint64 MaxUnzippedBytes = 262144000; // Lambda: 250 MB unzipped

    // Unpacks into `targetDir` (created; must not exist yet); returns the bytes written.
    static Core::Result<qint64> extract(const QByteArray &zip, const QString &targetDir,
                                        qint64 maxUnzippedBytes = MaxUnzippedBytes);
};

} // namespace Gatehouse::Emulator
