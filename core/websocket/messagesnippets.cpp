#include "messagesnippets.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <optional>

namespace Gatehouse::Core {

namespace {

constexpr int FileVersion = 1;

std::optional<SnippetKind> kindFromName(const QString &name)
{
    for (SnippetKind kind : {SnippetKind::Text, SnippetKind::Json, SnippetKind::Hex}) {
        if (snippetKindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

} // namespace

QString snippetKindName(SnippetKind kind)
{
    switch (kind) {
    case SnippetKind::Text:
        return QStringLiteral("text");
    case SnippetKind::Json:
        return QStringLiteral("json");
    case SnippetKind::Hex:
        return QStringLiteral("hex");
    }
    return {};
}

MessageSnippets::MessageSnippets(QObject *parent)
    : QAbstractListModel(parent)
{}

QString MessageSnippets::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/websocket-snippets.json");
}

Result<void> MessageSnippets::load(const QString &path)
{
    beginResetModel();
    m_snippets.clear();
    m_path = path;
    m_loadError = {};
    endResetModel();

    QFile file(path);
    if (!file.exists())
        return {};
    auto broken = [&](const QString &why) {
        m_loadError = makeError(
            ErrorCode::InvalidArgument,
            tr("The saved messages in %1 could not be read (%2). The file is kept as it is and "
               "nothing is saved over it; fix it or move it away, then restart.")
                .arg(QDir::toNativeSeparators(path), why));
        return m_loadError;
    };
    if (!file.open(QIODevice::ReadOnly))
        return broken(file.errorString());
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return broken(
            tr("not JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString()));
    const QJsonValue list = document.object().value(QStringLiteral("snippets"));
    if (!document.isObject() || !list.isArray())
        return broken(tr("no \"snippets\" list"));
    QList<MessageSnippet> snippets;
    const QJsonArray array = list.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject item = array.at(i).toObject();
        const QJsonValue name = item.value(QStringLiteral("name"));
        const QJsonValue body = item.value(QStringLiteral("body"));
        const auto kind = kindFromName(item.value(QStringLiteral("kind")).toString());
        if (!name.isString() || name.toString().trimmed().isEmpty() || !body.isString() || !kind)
            return broken(
                tr("snippet %1 needs a name, a body and a kind of text, json or hex").arg(i + 1));
        snippets.append({name.toString(), *kind, body.toString()});
    }
    beginResetModel();
    m_snippets = snippets;
    endResetModel();
    return {};
}

int MessageSnippets::find(const QString &name) const
{
    for (qsizetype row = 0; row < m_snippets.size(); ++row) {
        if (m_snippets.at(row).name == name)
            return int(row);
    }
    return -1;
}

Result<QString> MessageSnippets::checkedName(const QString &name, int exceptRow) const
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         tr("Give the message a name to save it under."));
    const int existing = find(trimmed);
    if (existing >= 0 && existing != exceptRow)
        return makeError(
            ErrorCode::InvalidArgument,
            tr("A saved message is already called \"%1\"; choose another name.").arg(trimmed));
    return trimmed;
}

Result<int> MessageSnippets::save(const MessageSnippet &snippet)
{
    const QString name = snippet.name.trimmed();
    if (name.isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         tr("Give the message a name to save it under."));
    int row = find(name);
    if (row >= 0) {
        m_snippets[row].kind = snippet.kind;
        m_snippets[row].body = snippet.body;
        emit dataChanged(index(row), index(row));
    } else {
        row = int(m_snippets.size());
        beginInsertRows({}, row, row);
        m_snippets.append({name, snippet.kind, snippet.body});
        endInsertRows();
    }
    if (auto written = write(); !written)
        return written.error();
    return row;
}

Result<void> MessageSnippets::rename(int row, const QString &name)
{
    if (row < 0 || row >= m_snippets.size())
        return makeError(ErrorCode::NotFound, tr("Choose a saved message first."));
    const auto checked = checkedName(name, row);
    if (!checked)
        return checked.error();
    m_snippets[row].name = *checked;
    emit dataChanged(index(row), index(row));
    return write();
}

Result<void> MessageSnippets::remove(int row)
{
    if (row < 0 || row >= m_snippets.size())
        return makeError(ErrorCode::NotFound, tr("Choose a saved message first."));
    beginRemoveRows({}, row, row);
    m_snippets.removeAt(row);
    endRemoveRows();
    return write();
}

Result<void> MessageSnippets::write()
{
    // The list in memory already holds the change, so a failed write loses nothing the person
    // typed in this session; it only says why the file did not follow.
    if (m_loadError.isError())
        return m_loadError;
    if (m_path.isEmpty())
        return makeError(ErrorCode::Internal, tr("No file to save the messages in."));
    QJsonArray array;
    for (const MessageSnippet &snippet : std::as_const(m_snippets))
        array.append(QJsonObject{{QStringLiteral("name"), snippet.name},
                                 {QStringLiteral("kind"), snippetKindName(snippet.kind)},
                                 {QStringLiteral("body"), snippet.body}});
    const QJsonObject root{{QStringLiteral("version"), FileVersion},
                           {QStringLiteral("snippets"), array}};
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(root).toJson(QJsonDocument::Indented)) < 0 || !file.commit())
        return makeError(ErrorCode::Io,
                         tr("Could not save the messages in %1: %2")
                             .arg(QDir::toNativeSeparators(m_path), file.errorString()));
    return {};
}

int MessageSnippets::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_snippets.size());
}

QVariant MessageSnippets::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MessageSnippet &snippet = m_snippets.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return snippet.name;
    case Qt::ToolTipRole:
        return snippet.body.left(500);
    case KindRole:
        return int(snippet.kind);
    case BodyRole:
        return snippet.body;
    default:
        return {};
    }
}

bool MessageSnippets::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    if (value.toString().trimmed() == m_snippets.at(index.row()).name)
        return true;
    const auto renamed = rename(index.row(), value.toString());
    if (!renamed)
        emit problemOccurred(renamed.error().message);
    return renamed.ok() || m_snippets.at(index.row()).name == value.toString().trimmed();
}

Qt::ItemFlags MessageSnippets::flags(const QModelIndex &index) const
{
    return QAbstractListModel::flags(index) |
           (index.isValid() ? Qt::ItemIsEditable : Qt::NoItemFlags);
}

} // namespace Gatehouse::Core
