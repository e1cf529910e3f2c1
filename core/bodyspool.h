#pragma once

#include "result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QTemporaryFile>

namespace Gatehouse::Core {

// A response body written to a temporary file as it arrives, for answers too big to hold in
// memory twice (the view, the formatter and the history would each want a copy). Once complete
// the file is mapped read-only and handed out as a QByteArray over the mapping, so readers use
// it like any other body while the pages stay the kernel's to drop and reload. The file is
// removed when the last owner lets go of the spool; a QByteArray from body() must not outlive
// it (keep the shared_ptr next to it).
class BodySpool
{
public:
    BodySpool();
    ~BodySpool();
    BodySpool(const BodySpool &) = delete;
    BodySpool &operator=(const BodySpool &) = delete;

    // Creates the file in the system's temporary folder; the error names the folder.
    Result<void> open();
    Result<void> append(QByteArrayView bytes);
    // Flushes and maps the file; body() is valid afterwards.
    Result<void> finish();

    qint64 size() const { return m_size; }
    QString path() const { return m_file.fileName(); }
    // The whole body over the mapping (empty before finish() or for an empty body).
    QByteArray body() const;
    // Drops the mapped pages this process has read (after a pass over the whole body, such as
    // indexing): they are the file's and come back from it when read again, so the resident
    // size stays near what is on screen rather than the whole body.
    void releasePages() const;

private:
    Error writeError() const;

    QTemporaryFile m_file;
    uchar *m_map = nullptr;
    qint64 m_size = 0;
};

} // namespace Gatehouse::Core
