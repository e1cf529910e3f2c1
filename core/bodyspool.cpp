#include "bodyspool.h"

#include <QDir>

#include <sys/mman.h>

namespace Gatehouse::Core {

BodySpool::BodySpool()
    : m_file(QDir::tempPath() + QStringLiteral("/gatehouse-response-XXXXXX.body"))
{
}

BodySpool::~BodySpool()
{
    if (m_map)
        m_file.unmap(m_map);
}

Result<void> BodySpool::open()
{
    if (!m_file.open())
        return makeError(ErrorCode::Io,
                         QStringLiteral("Could not create a file for the response in %1: %2. Free some disk space "
                                        "there or point TMPDIR at another folder.")
                             .arg(QDir::tempPath(), m_file.errorString()));
    return {};
}

Error BodySpool::writeError() const
{
    return makeError(ErrorCode::Io,
                     QStringLiteral("Could not write the response to %1 after %2 bytes: %3. Free some disk space "
                                    "there or point TMPDIR at another folder.")
                         .arg(m_file.fileName())
                         .arg(m_size)
                         .arg(m_file.errorString()));
}

Result<void> BodySpool::append(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return {};
    if (m_file.write(bytes.data(), bytes.size()) != bytes.size())
        return writeError();
    m_size += bytes.size();
    return {};
}

Result<void> BodySpool::finish()
{
    if (!m_file.flush())
        return writeError();
    if (m_size == 0)
        return {};
    m_map = m_file.map(0, m_size, QFileDevice::MapPrivateOption);
    if (!m_map)
        return makeError(ErrorCode::Io, QStringLiteral("Could not read the response back from %1: %2.")
                                            .arg(m_file.fileName(), m_file.errorString()));
    return {};
}

QByteArray BodySpool::body() const
{
    if (!m_map)
        return {};
    return QByteArray::fromRawData(reinterpret_cast<const char *>(m_map), m_size);
}

} // namespace Gatehouse::Core

namespace Gatehouse::Core {

void BodySpool::releasePages() const
{
    // A private mapping of a file nobody wrote to through it: MADV_DONTNEED only unmaps the
    // pages, the file keeps the bytes (Linux; elsewhere a hint that may do nothing).
    if (m_map)
        ::madvise(m_map, size_t(m_size), MADV_DONTNEED);
}

} // namespace Gatehouse::Core
