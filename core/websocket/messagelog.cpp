#include "messagelog.h"

#include <QDateTime>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStringDecoder>

namespace Gatehouse::Core {

namespace {

bool isValidUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    (void)decoder.decode(bytes);
    return !decoder.hasError();
}

QString preview(QByteArrayView payload, WebSocketOpcode opcode)
{
    const QByteArrayView head =
        payload.first(std::min<qsizetype>(payload.size(), MessageLog::PreviewLength));
    switch (opcode) {
    case WebSocketOpcode::Binary:
        return QString::fromLatin1(head.toByteArray().toHex(' '));
    case WebSocketOpcode::Text:
    case WebSocketOpcode::Close:
    case WebSocketOpcode::Ping:
    case WebSocketOpcode::Pong: {
        QString text = QString::fromUtf8(head);
        for (QChar &c : text)
            if (c.category() == QChar::Other_Control)
                c = QLatin1Char(' ');
        return payload.size() > head.size() ? text + QStringLiteral("\u2026") : text;
    }
    }
    return {};
}

} // namespace

MessageLog::MessageLog(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_flushTimer.setInterval(50);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &MessageLog::flush);
}

void MessageLog::append(WebSocketDirection direction, WebSocketOpcode opcode,
                        const QByteArray &payload, qint64 msecsSinceEpoch)
{
    m_entries.push_back(Entry{msecsSinceEpoch, m_arenaBase + m_arena.size(),
                              quint32(payload.size()), quint8(direction), quint8(opcode)});
    m_arena.append(payload);
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void MessageLog::setCapacity(qsizetype maxMessages, qint64 maxPayloadBytes)
{
    m_maxMessages = std::max<qsizetype>(1, maxMessages);
    m_maxBytes = std::max<qint64>(1, maxPayloadBytes);
    if (!m_flushTimer.isActive())
        m_flushTimer.start(); // the next flush applies the new caps
}

qint64 MessageLog::payloadBytes() const
{
    if (m_first == m_entries.size())
        return 0;
    return m_arenaBase + m_arena.size() - m_entries[m_first].offset;
}

void MessageLog::dropOldest()
{
    const qsizetype live = liveCount();
    if (live <= m_maxMessages && payloadBytes() <= m_maxBytes)
        return;
    // Down to 15/16 of each cap, so the next drop is a block away, not at the next message.
    const qsizetype keepMessages = m_maxMessages - m_maxMessages / 16;
    const qint64 keepBytes = m_maxBytes - m_maxBytes / 16;
    qsizetype drop = std::max<qsizetype>(0, live - keepMessages);
    const qint64 end = m_arenaBase + m_arena.size();
    // Offsets grow with the row, so the first row that leaves at most keepBytes is found by
    // bisection.
    const auto firstKept = std::partition_point(
        m_entries.begin() + qsizetype(m_first) + drop, m_entries.end() - 1,
        [&](const Entry &e) { return end - e.offset > keepBytes; });
    drop = std::max<qsizetype>(drop, firstKept - (m_entries.begin() + qsizetype(m_first)));
    drop = std::min(drop, live - 1); // the newest message stays
    if (drop <= 0)
        return;
    const int shownDropped = int(std::min<qsizetype>(drop, m_visibleRows));
    if (shownDropped > 0)
        beginRemoveRows({}, 0, shownDropped - 1);
    m_first += size_t(drop);
    m_visibleRows -= shownDropped;
    if (shownDropped > 0)
        endRemoveRows();
    m_dropped += drop;

    // Compact only when most of the storage is dead: each byte moves O(1) times overall.
    if (m_first > m_entries.size() / 2) {
        m_entries.erase(m_entries.begin(), m_entries.begin() + qsizetype(m_first));
        m_first = 0;
    }
    const qint64 dead = m_entries[m_first].offset - m_arenaBase;
    if (dead > m_arena.size() / 2) {
        m_arena.remove(0, dead);
        m_arenaBase += dead;
    }
    emit droppedCountChanged(m_dropped);
}

void MessageLog::flush()
{
    m_flushTimer.stop();
    dropOldest();
    const int total = int(liveCount());
    if (total == m_visibleRows)
        return;
    const int first = m_visibleRows;
    beginInsertRows({}, first, total - 1);
    m_visibleRows = total;
    endInsertRows();
    emit rowsFlushed(first, total - 1);
}

void MessageLog::clear()
{
    m_flushTimer.stop();
    beginResetModel();
    m_entries.clear();
    m_entries.shrink_to_fit();
    m_first = 0;
    m_arena = QByteArray();
    m_arenaBase = 0;
    m_visibleRows = 0;
    const bool hadDropped = m_dropped != 0;
    m_dropped = 0;
    endResetModel();
    if (hadDropped)
        emit droppedCountChanged(0);
}

QByteArray MessageLog::payload(int row) const
{
    return payloadView(entry(row)).toByteArray();
}

QByteArray MessageLog::toJsonLine(WebSocketDirection direction, WebSocketOpcode opcode,
                                  const QByteArray &payload, qint64 msecsSinceEpoch)
{
    // Written by hand so the keys keep the documented order (QJsonObject sorts them).
    auto string = [](const QString &text) {
        const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
        return array.mid(1, array.size() - 2);
    };
    const bool text = opcode != WebSocketOpcode::Binary && isValidUtf8(payload);
    QByteArray line = "{\"direction\":";
    line += direction == WebSocketDirection::Sent ? "\"sent\"" : "\"received\"";
    line += ",\"time\":\"" + QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch, Qt::UTC)
                                 .toString(Qt::ISODateWithMs)
                                 .toLatin1();
    line += "\",\"opcode\":\"" + webSocketOpcodeName(opcode).toLatin1();
    line += "\",\"size\":" + QByteArray::number(payload.size());
    line += ",\"data\":" +
            (text ? string(QString::fromUtf8(payload)) : "\"" + payload.toBase64() + '"');
    if (!text)
        line += ",\"encoding\":\"base64\"";
    line += "}\n";
    return line;
}

Result<void> MessageLog::exportJsonLines(QIODevice *device, const QList<int> &rows) const
{
    auto writeRow = [&](int row) {
        const QByteArray line = toJsonLine(direction(row), opcode(row), payload(row), time(row));
        return device->write(line) == line.size();
    };
    bool ok = true;
    if (m_dropped > 0) {
        const QByteArray note = "{\"dropped\":" + QByteArray::number(m_dropped) +
                                ",\"note\":\"" + QByteArray::number(m_dropped) +
                                " older messages were dropped by the log's cap before this "
                                "export\"}\n";
        ok = device->write(note) == note.size();
    }
    if (rows.isEmpty()) {
        for (int row = 0; ok && row < m_visibleRows; ++row)
            ok = writeRow(row);
    } else {
        for (int row : rows)
            if (!(ok = writeRow(row)))
                break;
    }
    if (!ok)
        return makeError(ErrorCode::Io,
                         tr("Could not write the messages: %1").arg(device->errorString()));
    return {};
}

int MessageLog::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_visibleRows;
}

int MessageLog::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MessageLog::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = entry(index.row());
    const auto op = WebSocketOpcode(e.opcode);
    const auto dir = WebSocketDirection(e.direction);
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case DirectionColumn:
            return dir == WebSocketDirection::Sent ? QStringLiteral("\u2191")
                                                   : QStringLiteral("\u2193");
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(e.time).toString(QStringLiteral("HH:mm:ss.zzz"));
        case OpcodeColumn:
            return webSocketOpcodeName(op);
        case SizeColumn:
            return qulonglong(e.size);
        case PreviewColumn:
            return preview(payloadView(e), op);
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == DirectionColumn)
            return dir == WebSocketDirection::Sent ? tr("Sent") : tr("Received");
        return {};
    case PayloadRole:
        return payload(index.row());
    case DirectionRole:
        return int(e.direction);
    case OpcodeRole:
        return int(e.opcode);
    case TimeRole:
        return e.time;
    default:
        return {};
    }
}

QVariant MessageLog::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case DirectionColumn:
        return QString();
    case TimeColumn:
        return tr("Time");
    case OpcodeColumn:
        return tr("Type");
    case SizeColumn:
        return tr("Size");
    case PreviewColumn:
        return tr("Data");
    case ColumnCount:
        break;
    }
    return {};
}

MessageLogFilter::MessageLogFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{}

Result<void> MessageLogFilter::setText(const QString &text, bool regularExpression)
{
    if (regularExpression) {
        QRegularExpression regex(text, QRegularExpression::CaseInsensitiveOption);
        if (!regex.isValid())
            return makeError(ErrorCode::InvalidArgument,
                             tr("The regular expression is invalid at position %1: %2")
                                 .arg(regex.patternErrorOffset())
                                 .arg(regex.errorString()));
        m_regex = regex;
    }
    m_text = text;
    m_useRegex = regularExpression;
    invalidateRowsFilter();
    return {};
}

void MessageLogFilter::setDirections(Directions directions)
{
    m_directions = directions;
    invalidateRowsFilter();
}

bool MessageLogFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid())
        return false;
    auto *log = static_cast<const MessageLog *>(sourceModel());
    switch (m_directions) {
    case Directions::Both:
        break;
    case Directions::SentOnly:
        if (log->direction(sourceRow) != WebSocketDirection::Sent)
            return false;
        break;
    case Directions::ReceivedOnly:
        if (log->direction(sourceRow) != WebSocketDirection::Received)
            return false;
        break;
    }
    if (m_text.isEmpty())
        return true;
    const QString text = QString::fromUtf8(log->payload(sourceRow));
    return m_useRegex ? m_regex.match(text).hasMatch() : text.contains(m_text, Qt::CaseInsensitive);
}

} // namespace Gatehouse::Core
