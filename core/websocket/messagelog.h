#pragma once

#include "core/result.h"
#include "core/websocket/websocketsession.h"

#include <QAbstractTableModel>
#include <QByteArray>
#include <QList>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QTimer>
#include <vector>

class QIODevice;

namespace Gatehouse::Core {

// The frames of one WebSocket connection as a table that stays responsive at hundreds of
// thousands of rows: frames are appended to a pending batch and inserted into the model on a
// short timer (one beginInsertRows per batch, not per frame), each row is a 22-byte record
// and every payload lives in one growing arena, so the overhead per message stays small.
// A cap on messages and on payload bytes keeps a session that runs for days from eating the
// machine: past it the oldest rows go in blocks (a start index and an arena base move; the
// storage is compacted only when half of it is dead), and droppedCount() says how many.
class MessageLog : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        DirectionColumn,
        TimeColumn,
        OpcodeColumn,
        SizeColumn,
        PreviewColumn,
        ColumnCount
    };
    enum Role
    {
        PayloadRole = Qt::UserRole + 1, // QByteArray: the whole payload
        DirectionRole,                  // int: WebSocketDirection
        OpcodeRole,                     // int: WebSocketOpcode
        TimeRole,                       // qint64: msecs since epoch
    };
    Q_ENUM(Role)

    static constexpr int PreviewLength = 120;
    // 1,000,000 rows are ~22 MB of records plus their payloads (~300 B per chat-sized message
    // in gatehouse-bench ws-log, so ~300 MB), which a laptop holds and a QTableView still
    // scrolls; the byte cap bounds sessions of big frames, where the row cap alone would not.
    static constexpr qsizetype DefaultMaxMessages = 1000000;
    static constexpr qint64 DefaultMaxPayloadBytes = qint64(256) * 1024 * 1024;

    explicit MessageLog(QObject *parent = nullptr);

    // Queued; rows appear at the next flush (within batchIntervalMs) or on flush().
    void append(WebSocketDirection direction, WebSocketOpcode opcode, const QByteArray &payload,
                qint64 msecsSinceEpoch);
    void flush();
    void clear();
    void setBatchInterval(int milliseconds) { m_flushTimer.setInterval(milliseconds); }
    // Past either cap the oldest messages are dropped at the next flush, in blocks of a
    // sixteenth of the cap, so the removal is not paid per message. The newest message always
    // stays, even when it alone is over the byte cap.
    void setCapacity(qsizetype maxMessages, qint64 maxPayloadBytes);
    qsizetype maxMessages() const { return m_maxMessages; }
    qint64 maxPayloadBytes() const { return m_maxBytes; }
    // Messages dropped by the caps since the log was created or cleared.
    qint64 droppedCount() const { return m_dropped; }
    // Payload bytes the kept messages hold.
    qint64 payloadBytes() const;

    QByteArray payload(int row) const;
    WebSocketDirection direction(int row) const { return WebSocketDirection(entry(row).direction); }
    WebSocketOpcode opcode(int row) const { return WebSocketOpcode(entry(row).opcode); }
    qint64 time(int row) const { return entry(row).time; }
    qsizetype pendingCount() const { return liveCount() - m_visibleRows; }

    // One JSON object per line: {"direction","time","opcode","size","data"}; text payloads
    // as strings, anything else base64 with "encoding":"base64". When the caps dropped
    // messages, the export opens with {"dropped":N,"note":"..."} so a reader knows it is not
    // the whole conversation.
    static QByteArray toJsonLine(WebSocketDirection direction, WebSocketOpcode opcode,
                                 const QByteArray &payload, qint64 msecsSinceEpoch);
    // Writes the given rows (all when empty) as JSON Lines.
    Result<void> exportJsonLines(QIODevice *device, const QList<int> &rows = {}) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void rowsFlushed(int first, int last);
    void droppedCountChanged(qint64 dropped);

private:
#pragma pack(push, 1)
    struct Entry
    {
        qint64 time;
        qint64 offset; // into m_arena
        quint32 size;
        quint8 direction;
        quint8 opcode;
    };
#pragma pack(pop)

    const Entry &entry(int row) const { return m_entries[m_first + size_t(row)]; }
    qsizetype liveCount() const { return qsizetype(m_entries.size() - m_first); }
    QByteArrayView payloadView(const Entry &e) const
    {
        return QByteArrayView(m_arena).sliced(e.offset - m_arenaBase, e.size);
    }
    void dropOldest();

    // Rows are m_entries[m_first...]: dropped entries stay until compaction. The pending batch
    // is beyond m_visibleRows.
    std::vector<Entry> m_entries;
    size_t m_first = 0;
    QByteArray m_arena;
    qint64 m_arenaBase = 0; // Entry::offset of m_arena[0]; offsets never change on compaction
    int m_visibleRows = 0;
    qsizetype m_maxMessages = DefaultMaxMessages;
    qint64 m_maxBytes = DefaultMaxPayloadBytes;
    qint64 m_dropped = 0;
    QTimer m_flushTimer;
};

// Filters a MessageLog by text (plain, case-insensitive, or a regular expression over the
// payload) and by direction.
class MessageLogFilter : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    enum class Directions
    {
        Both,
        SentOnly,
        ReceivedOnly,
    };

    explicit MessageLogFilter(QObject *parent = nullptr);

    // Returns an error (and keeps the previous filter) when the regular expression is invalid.
    Result<void> setText(const QString &text, bool regularExpression);
    void setDirections(Directions directions);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    QRegularExpression m_regex;
    bool m_useRegex = false;
    Directions m_directions = Directions::Both;
};

} // namespace Gatehouse::Core
