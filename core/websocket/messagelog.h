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
// short timer (one beginInsertRows per batch, not per frame), each row is a 24-byte record
// and every payload lives in one growing arena, so the overhead per message stays small.
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

    explicit MessageLog(QObject *parent = nullptr);

    // Queued; rows appear at the next flush (within batchIntervalMs) or on flush().
    void append(WebSocketDirection direction, WebSocketOpcode opcode, const QByteArray &payload,
                qint64 msecsSinceEpoch);
    void flush();
    void clear();
    void setBatchInterval(int milliseconds) { m_flushTimer.setInterval(milliseconds); }

    QByteArray payload(int row) const;
    WebSocketDirection direction(int row) const
    {
        return WebSocketDirection(m_entries[size_t(row)].direction);
    }
    WebSocketOpcode opcode(int row) const { return WebSocketOpcode(m_entries[size_t(row)].opcode); }
    qint64 time(int row) const { return m_entries[size_t(row)].time; }
    qsizetype pendingCount() const { return qsizetype(m_entries.size()) - m_visibleRows; }

    // One JSON object per line: {"direction","time","opcode","size","data"}; text payloads
    // as strings, anything else base64 with "encoding":"base64".
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

    std::vector<Entry> m_entries; // includes the pending batch beyond m_visibleRows
    QByteArray m_arena;
    int m_visibleRows = 0;
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
