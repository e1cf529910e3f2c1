#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Gatehouse::Core {

// Saved test events per Lambda function, as the AWS console keeps them: one JSON file per
// event under <directory>/<function>/<event>.json, names percent-encoded so any name a person
// types is a safe file name. Payloads are stored byte for byte as typed.
class TestEventStore
{
public:
    static constexpr int MaximumNameLength = 100;

    // directory empty: the application's data folder, test-events/.
    explicit TestEventStore(const QString &directory = {});

    QString directory() const { return m_directory; }
    // Sorted by name.
    QStringList names(const QString &function) const;
    Result<QByteArray> load(const QString &function, const QString &name) const;
    // The payload must be JSON (Lambda's Invoke takes JSON); an existing event is replaced.
    Result<void> save(const QString &function, const QString &name, const QByteArray &payload);
    Result<void> remove(const QString &function, const QString &name);

private:
    QString folder(const QString &function) const;
    QString fileFor(const QString &function, const QString &name) const;

    QString m_directory;
};

} // namespace Gatehouse::Core
