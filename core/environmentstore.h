#pragma once

#include "result.h"
#include "variables.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Gatehouse::Core {

// The environments a person manages (dev, staging, the emulator), one JSON file each in the
// application data folder's environments/, so they can be diffed, copied and imported into
// Postman. Files never hold the value of a secret variable: the key stays, marked secret, and
// the value lives in a SecretStore. The file format is a Postman environment export.
class EnvironmentStore
{
public:
    static constexpr int MaximumNameLength = 100;

    // directory empty: environments/ in the application data folder.
    explicit EnvironmentStore(const QString &directory = {});

    static QString defaultDirectory();
    QString directory() const { return m_directory; }
    QString fileFor(const QString &name) const;

    // Sorted as a person reads them (locale aware).
    QStringList names() const;
    bool contains(const QString &name) const;
    // Secret variables come back with empty values.
    Result<Environment> load(const QString &name) const;
    // Replaces an environment of the same name.
    Result<void> save(const Environment &environment);
    Result<void> remove(const QString &name);

    // A trimmed name that fits a file, or why not.
    static Result<QString> checkName(const QString &name);
    // The file's bytes: Postman's environment format with stable key order, secret values empty.
    static QByteArray toJson(const Environment &environment);

private:
    QString m_directory;
};

} // namespace Gatehouse::Core
